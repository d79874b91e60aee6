"""``:edit``: a list's items in the rapporteur's own editor, one block per item.

The file opens with the field's label and instruction as ``#`` comment lines,
which are stripped when it is read back. An unchanged or emptied file keeps
the items as they were; so does an editor that returns at once (``code``
without ``--wait``), with a message that says so.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from igf_report.fields import FieldSpec, Kind
from igf_report.parsers import split_paragraphs

__all__ = ["EditOutcome", "editor_command", "items_to_text", "launch", "text_to_items"]

#: An editor that comes back faster than this without a change did not wait.
QUICK_RETURN_SECONDS: Final = 1.0
_TITLE: Final = "Title:"


def editor_command() -> list[str]:
    """``$VISUAL``, else ``$EDITOR``, else ``vi`` (``notepad`` on Windows), as argv."""
    chosen = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if chosen and chosen.strip():
        return shlex.split(chosen, posix=os.name != "nt")
    return ["notepad"] if sys.platform == "win32" else ["vi"]


def items_to_text(spec: FieldSpec, items: list[str]) -> str:
    """The editor file for ``spec`` holding ``items``, one blank-line-separated block each."""
    what = "presentation" if spec.kind is Kind.PRESENTATIONS else "item"
    lines = [
        f"# {spec.number}. {spec.heading}",
        f"# {spec.instruction}",
        f"# Write one {what} per block, with an empty line between blocks.",
    ]
    if spec.kind is Kind.PRESENTATIONS:
        lines.append(
            f"# Start a block with a line '{_TITLE} ...' to give the presentation a title."
        )
    lines.append("# Lines starting with # are ignored. Save and close the editor when done.")
    return "\n".join(lines) + "\n\n" + "\n\n".join(items) + ("\n" if items else "")


def text_to_items(spec: FieldSpec, text: str) -> list[str]:
    """The items in an edited file: comment lines dropped, one item per block.

    Lines inside a block are joined with spaces, since editors wrap long lines.
    A presentation block keeps its ``Title:`` line on a line of its own.
    """
    kept = "\n".join(line for line in text.split("\n") if not line.lstrip().startswith("#"))
    items = []
    for block in split_paragraphs(kept):
        lines = [line.strip() for line in block.split("\n")]
        if spec.kind is Kind.PRESENTATIONS and lines[0].startswith(_TITLE):
            items.append(lines[0] + "\n" + " ".join(lines[1:]))
        else:
            items.append(" ".join(lines))
    return items


def presentation_parts(item: str) -> tuple[str | None, str]:
    """Split an edited presentation block into its title (if any) and summary."""
    first, _, rest = item.partition("\n")
    if first.startswith(_TITLE):
        return first[len(_TITLE) :].strip() or None, rest.strip()
    return None, item.strip()


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
    """Open ``text`` in the rapporteur's editor and wait for it to close."""
    command = editor_command()
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
