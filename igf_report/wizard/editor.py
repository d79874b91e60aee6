"""``:edit``: a list's items in the rapporteur's own editor, one block per item.

The file opens with a header the tool writes (the field's label, its
instruction and how blocks are written) ending in a scissors line, as git's
commit messages do; that header, and only it, is dropped when the file is read
back. Below it every line is the rapporteur's: ``#`` lines (hashtags such as
``#KeepItOn``), blank lines and line breaks inside an item are kept. Items are
separated by a line holding only ``---``; an item's own line that reads
``---`` is written with a backslash before it. An unchanged or emptied file
keeps the items as they were; so does an editor that returns at once (``code``
without ``--wait``), with a message that says so.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from igf_report.template.fields import FieldSpec, Kind
from igf_report.template.parsers import split_person

__all__ = [
    "SCISSORS",
    "SEPARATOR",
    "EditOutcome",
    "editor_command",
    "items_to_text",
    "launch",
    "text_to_items",
]

#: An editor that comes back faster than this without a change did not wait.
QUICK_RETURN_SECONDS: Final = 1.0
#: The last line of the header; nothing above it is read back.
SCISSORS: Final = "# ------------------------ >8 ------------------------"
#: The line between two items.
SEPARATOR: Final = "---"
_TITLE: Final = "Title:"
_NAME: Final = "Name:"
_AFFILIATION: Final = "Affiliation:"
# a line of an item that would read as a separator gets one more backslash
_LOOKS_LIKE_SEPARATOR = re.compile(r"\\*---")
_ESCAPED_SEPARATOR = re.compile(r"\\+---")


def editor_command() -> list[str]:
    """``$VISUAL``, else ``$EDITOR``, else ``vi`` (``notepad`` on Windows), as argv.

    Raises:
        ValueError: the variable cannot be split into words (an unclosed quote),
            with a message naming it.
    """
    for variable in ("VISUAL", "EDITOR"):
        chosen = os.environ.get(variable)
        if chosen and chosen.strip():
            try:
                return shlex.split(chosen, posix=os.name != "nt")
            except ValueError as exc:
                msg = f"{variable}={chosen!r} cannot be read as a command ({exc})"
                raise ValueError(msg) from None
    return ["notepad"] if sys.platform == "win32" else ["vi"]


def _header(spec: FieldSpec) -> list[str]:
    lines = [
        f"# {spec.number}. {spec.heading}",
        f"# {spec.instruction}",
        f"# Write one item per block, with a line holding only {SEPARATOR} between blocks.",
    ]
    if spec.kind is Kind.PERSONS:
        lines.append(
            f"# A person is 'Name, affiliation'; for a name with a comma, write a line "
            f"'{_NAME} ...' and a line '{_AFFILIATION} ...'."
        )
    if spec.kind is Kind.PRESENTATIONS:
        lines.append(f"# Start a block with a line '{_TITLE} ...' to give it a title.")
    lines += [
        "# Below the scissors line every line is kept as you write it, # lines too.",
        "# Save and close the editor when done.",
        SCISSORS,
    ]
    return lines


def items_to_text(spec: FieldSpec, items: Sequence[object]) -> str:
    """The editor file for ``spec`` holding ``items``: a header, then one block per item.

    Args:
        spec: the list field.
        items: its items as the wizard holds them (text, persons, presentations),
            or as a draft file had them.
    """
    blocks = [_escape(_item_block(spec, item)) for item in items]
    return (
        "\n".join(_header(spec)) + "\n" + f"\n{SEPARATOR}\n".join(blocks) + ("\n" if items else "")
    )


def text_to_items(spec: FieldSpec, text: str) -> list[object]:
    """The items in an edited file, raw as a typed answer would be, for the model to check.

    Text items are strings; a person is ``{"name", "affiliation"}`` and a
    presentation ``{"title", "summary"}``. Blocks that hold nothing are left out.
    """
    blocks: list[list[str]] = [[]]
    for line in _body(spec, text.replace("\r\n", "\n").split("\n")):
        if line.rstrip() == SEPARATOR:
            blocks.append([])
        elif _ESCAPED_SEPARATOR.fullmatch(line.rstrip()):
            blocks[-1].append(line[1:])
        else:
            blocks[-1].append(line)
    items = []
    for block in blocks:
        item = "\n".join(block).strip()
        if item:
            items.append(_read_block(spec, item))
    return items


def _body(spec: FieldSpec, lines: list[str]) -> list[str]:
    """The lines below the header: after the scissors, else after the header's own lines."""
    for number, line in enumerate(lines):
        if line.rstrip() == SCISSORS:
            return lines[number + 1 :]
    header = set(_header(spec))
    start = 0
    while start < len(lines) and lines[start] in header:
        start += 1
    return lines[start:]


def _escape(block: str) -> str:
    return "\n".join(
        "\\" + line if _LOOKS_LIKE_SEPARATOR.fullmatch(line.rstrip()) else line
        for line in block.split("\n")
    )


def _field(item: object, name: str) -> object:
    if isinstance(item, Mapping):
        return item.get(name)
    return getattr(item, name, None)


def _item_block(spec: FieldSpec, item: object) -> str:
    if isinstance(item, str):
        return item
    if spec.kind is Kind.PERSONS:
        return _person_block(_field(item, "name"), _field(item, "affiliation"))
    if spec.kind is Kind.PRESENTATIONS:
        return _presentation_block(_field(item, "title"), _field(item, "summary"))
    return str(item)


def _person_block(name: object, affiliation: object) -> str:
    name = "" if name is None else str(name)
    affiliation = None if affiliation is None else str(affiliation)
    plain = f"{name}, {affiliation}" if affiliation else name
    if _read_person(plain) == {"name": name, "affiliation": affiliation}:
        return plain
    # "Smith, John" would split at its comma: say which part is which
    labelled = f"{_NAME} {name}"
    return labelled + (f"\n{_AFFILIATION} {affiliation}" if affiliation else "")


def _presentation_block(title: object, summary: object) -> str:
    summary = "" if summary is None else str(summary)
    if title:
        return f"{_TITLE} {title}\n{summary}"
    # a summary that starts like a title line gets an empty title line before it
    return f"{_TITLE}\n{summary}" if summary.startswith(_TITLE) else summary


def _read_block(spec: FieldSpec, block: str) -> object:
    if spec.kind is Kind.PERSONS:
        return _read_person(block)
    if spec.kind is Kind.PRESENTATIONS:
        first, _, rest = block.partition("\n")
        if first.startswith(_TITLE):
            return {"title": first[len(_TITLE) :].strip() or None, "summary": rest.strip()}
        return {"title": None, "summary": block}
    return block


def _read_person(block: str) -> object:
    if not block.startswith(_NAME):
        return split_person(block)
    first, _, rest = block.partition("\n")
    affiliation = rest.strip()
    if affiliation.startswith(_AFFILIATION):
        affiliation = affiliation[len(_AFFILIATION) :].strip()
    # anything else after the name stays, for the model to say what is wrong
    return {"name": first[len(_NAME) :].strip(), "affiliation": affiliation or None}


@dataclass(frozen=True)
class EditOutcome:
    """What came back from the editor.

    Attributes:
        text: the edited file, or ``None`` when the items are to stay as they were.
        reason: why they stay, for the rapporteur.
    """

    text: str | None
    reason: str = ""


def launch(text: str, *, suffix: str = ".txt") -> EditOutcome:
    """Open ``text`` in the rapporteur's editor and wait for it to close.

    The file lives in the system's temporary folder only while the editor runs.
    """
    try:
        command = editor_command()
    except ValueError as exc:
        return EditOutcome(None, f"{exc}; fix it, e.g. EDITOR='nano'. The items are unchanged.")
    fd, name = tempfile.mkstemp(prefix="igf-report-", suffix=suffix)
    path = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        started = time.monotonic()
        try:
            subprocess.run([*command, str(path)], check=False)  # noqa: S603 -- the user's own editor
        except OSError as exc:
            return EditOutcome(
                None,
                f"could not start the editor {command[0]!r} ({exc.strerror or exc}); "
                "set VISUAL or EDITOR. The items are unchanged.",
            )
        elapsed = time.monotonic() - started
        edited = path.read_text(encoding="utf-8", errors="replace").replace("\r\n", "\n")
    finally:
        path.unlink(missing_ok=True)
    if edited == text:
        if elapsed < QUICK_RETURN_SECONDS:
            return EditOutcome(
                None,
                f"the editor {command[0]!r} returned at once without changes; if it opens "
                "a window and returns, make it wait (for example EDITOR='code --wait'). "
                "The items are unchanged.",
            )
        return EditOutcome(None, "the file was not changed; the items are unchanged")
    return EditOutcome(edited)
