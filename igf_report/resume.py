"""Where the wizard stopped, kept in the draft itself as one comment line.

The line (``# igf-report: resume at discussions[2]``) is a TOML comment, so
every other tool reads the draft as the report it is. It is written and read
here and nowhere else, so that code which keeps a file's comments can
recognise it (:func:`is_resume_line`) and let the wizard replace it.

A position is a field's key (``title``), a list field's key with the index of
the item to ask next (``discussions[2]``: two paragraphs written, the third
next), or ``review``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from igf_report.fields import FIELDS

__all__ = [
    "RESUME_MARK",
    "REVIEW",
    "Position",
    "is_resume_line",
    "read_resume",
    "resume_of",
    "with_resume",
]

#: What starts the line; a comment, so the file stays a valid report.
RESUME_MARK: Final = "# igf-report: resume at "
#: The position of the review table, after the last field.
REVIEW: Final = "review"
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


def is_resume_line(line: str) -> bool:
    """Whether ``line`` is the wizard's resume comment."""
    return line.startswith(RESUME_MARK)


def with_resume(text: str, position: Position | None) -> str:
    """``text`` (a TOML document) with its resume line set to ``position``.

    Any older resume line is dropped; the new one goes first, after a
    ``#:schema`` line if the document opens with one (editors look for that
    on the first line). ``None`` leaves no resume line.
    """
    lines = text.splitlines(keepends=True)
    lines = [line for n, line in enumerate(lines) if n >= _HEAD_LINES or not is_resume_line(line)]
    if position is None:
        return "".join(lines)
    at = 1 if lines and lines[0].startswith("#:schema") else 0
    lines.insert(at, f"{RESUME_MARK}{position}\n")
    return "".join(lines)


def read_resume(text: str) -> Position | None:
    """The position in ``text``'s resume line, if its leading lines hold one."""
    for line in text.removeprefix("\ufeff").splitlines()[:_HEAD_LINES]:
        if is_resume_line(line):
            return Position.parse(line[len(RESUME_MARK) :])
    return None


def resume_of(path: Path) -> Position | None:
    """The resume position in the draft at ``path``; ``None`` if it has none or cannot be read."""
    try:
        with path.open(encoding="utf-8", errors="replace") as file:
            head = "".join(file.readline() for _ in range(_HEAD_LINES))
    except OSError:
        return None
    return read_resume(head)
