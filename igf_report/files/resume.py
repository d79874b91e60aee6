"""Where the wizard stopped, kept in the draft itself as one comment line.

The line (``# igf-report: resume at discussions[2]``) is a TOML comment, so
every other tool reads the draft as the report it is. It is written and read
here and nowhere else, so that code which keeps a file's comments can
recognise it (:func:`is_resume_line`) and let the wizard replace it.

A position is a field's key (``title``), a list field's key with the index of
the item to ask next (``discussions[2]``: two paragraphs written, the third
next), or ``review``.

A second comment line keeps the line being typed when the wizard was stopped
(Ctrl-C, SIGTERM, SIGHUP), which is not an answer yet:
``# igf-report: typed at discussions[2]: "Half a sent"``. Its place is a field,
a list's item, or a presentation's ``title`` or ``summary``; its text is a
JSON string, so that control characters and line breaks stay in one comment.
A draft written before this line existed has none and resumes as it did.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from igf_report.template.fields import FIELDS

__all__ = [
    "RESUME_MARK",
    "REVIEW",
    "TYPED_MARK",
    "Position",
    "Typed",
    "is_resume_line",
    "read_resume",
    "read_typed",
    "resume_of",
    "typed_of",
    "with_resume",
]

#: What starts the line; a comment, so the file stays a valid report.
RESUME_MARK: Final = "# igf-report: resume at "
#: The position of the review table, after the last field.
REVIEW: Final = "review"
#: What starts the line kept from the prompt the wizard was stopped at.
TYPED_MARK: Final = "# igf-report: typed at "
_PLACE: Final = re.compile(r"([a-z_]+)(?:\[(\d{1,7})\])?(?:\.(title|summary))?")
# what a TOML comment may not hold, or a reader of lines would split at
_UNSAFE: Final = re.compile("[\x7f-\x9f\u2028\u2029]")
_KEYS: Final = frozenset(spec.key for spec in FIELDS)
_POSITION: Final = re.compile(r"([a-z_]+)(?:\[(\d{1,7})\])?")
# the mark sits among the leading comments; a draft is never searched further
_HEAD_LINES: Final = 8


@dataclass(frozen=True)
class Position:
    """Where the wizard is: a field (and the next item of a list), or the review.

    Attributes:
        key: the field's key, or :data:`REVIEW`.
        item: for a list, the 0-based index of the item to ask next.
    """

    key: str
    item: int | None = None

    def __str__(self) -> str:
        return self.key if self.item is None else f"{self.key}[{self.item}]"

    @classmethod
    def parse(cls, text: str) -> Position | None:
        """The position written as ``text``; ``None`` when it names no field."""
        text = text.strip()
        if text == REVIEW:
            return cls(REVIEW)
        match = _POSITION.fullmatch(text)
        if match is None or match[1] not in _KEYS:
            return None
        return cls(match[1], int(match[2]) if match[2] else None)


@dataclass(frozen=True)
class Typed:
    """A line being typed when the wizard was stopped: kept, not an answer yet.

    Attributes:
        place: where it was typed: a field's key (``title``), a list's item
            (``discussions[2]``), or a presentation's part
            (``presentations[0].summary``), as a finding's path names it.
        text: the line, as typed.
    """

    place: str
    text: str

    def line(self) -> str:
        """The comment line that keeps it."""
        quoted = json.dumps(self.text, ensure_ascii=False)
        quoted = _UNSAFE.sub(lambda m: f"\\u{ord(m[0]):04x}", quoted)
        return f"{TYPED_MARK}{self.place}: {quoted}"

    @classmethod
    def parse(cls, text: str) -> Typed | None:
        """The kept line written as ``text`` (after the mark); ``None`` if it is not one."""
        place, _, quoted = text.partition(": ")
        match = _PLACE.fullmatch(place)
        if match is None or match[1] not in _KEYS:
            return None
        try:
            typed = json.loads(quoted)
        except ValueError:
            return None
        return cls(place, typed) if isinstance(typed, str) and typed else None


def is_resume_line(line: str) -> bool:
    """Whether ``line`` is one of the wizard's comments: where it is, what was being typed."""
    return line.startswith((RESUME_MARK, TYPED_MARK))


def with_resume(text: str, position: Position | None, typed: Typed | None = None) -> str:
    """``text`` (a TOML document) with its resume line set to ``position``.

    Any older resume line (and kept line) is dropped; the new one goes first,
    after a ``#:schema`` line if the document opens with one (editors look
    for that on the first line), followed by ``typed``'s line if there is
    one. ``None`` leaves no resume line.
    """
    lines = text.splitlines(keepends=True)
    lines = [line for n, line in enumerate(lines) if n >= _HEAD_LINES or not is_resume_line(line)]
    ours = [f"{RESUME_MARK}{position}\n"] if position is not None else []
    if typed is not None:
        ours.append(typed.line() + "\n")
    at = 1 if lines and lines[0].startswith("#:schema") else 0
    lines[at:at] = ours
    return "".join(lines)


def read_resume(text: str) -> Position | None:
    """The position in ``text``'s resume line, if its leading lines hold one."""
    for line in text.removeprefix("\ufeff").splitlines()[:_HEAD_LINES]:
        if is_resume_line(line):
            return Position.parse(line[len(RESUME_MARK) :])
    return None


def read_typed(text: str) -> Typed | None:
    """The line kept in ``text``'s leading lines, if they hold one."""
    for line in text.removeprefix("\ufeff").split("\n")[:_HEAD_LINES]:
        if line.startswith(TYPED_MARK):
            return Typed.parse(line[len(TYPED_MARK) :].rstrip("\r"))
    return None


def _head(path: Path) -> str | None:
    try:
        with path.open(encoding="utf-8", errors="replace") as file:
            return "".join(file.readline() for _ in range(_HEAD_LINES))
    except OSError:
        return None


def resume_of(path: Path) -> Position | None:
    """The resume position in the draft at ``path``; ``None`` if it has none or cannot be read."""
    head = _head(path)
    return None if head is None else read_resume(head)


def typed_of(path: Path) -> Typed | None:
    """The line kept in the draft at ``path``; ``None`` if it has none or cannot be read."""
    head = _head(path)
    return None if head is None else read_typed(head)
