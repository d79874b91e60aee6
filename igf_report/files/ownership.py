"""Never overwrite what igf-report did not write: the one rule every command writing a file keeps.

A file igf-report wrote is told by a mark near its start (each format's
signature, a book's, an export's first line, the schema's ``$id``); any other
file is left untouched unless the user says ``--force``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Final

from igf_report.errors import FileReadError, NotOurFile, UsageError
from igf_report.files.atomic import write_atomic, written_in_place
from igf_report.files.reportfile import read_text
from igf_report.template.schema import SCHEMA_FILE_NAME, is_our_schema, json_schema

__all__ = ["HEAD_BYTES", "check_overwrite", "file_head", "write_schema"]

#: How much of a file's start is read to find igf-report's mark in it.
HEAD_BYTES: Final = 4096


def file_head(path: Path) -> bytes:
    """The first :data:`HEAD_BYTES` of ``path``; nothing for what is not a regular file.

    A named pipe would wait for a writer, and a device holds no mark; a file
    that cannot be read has nothing to tell.
    """
    if not path.is_file():
        return b""
    try:
        with path.open("rb") as handle:
            return handle.read(HEAD_BYTES)
    except OSError:
        return b""


def check_overwrite(path: Path, ours: Callable[[bytes], bool], *, force: bool = False) -> None:
    """Refuse to replace ``path`` unless it is missing, ours, or ``force`` is given.

    A device or a named pipe is written to, never replaced: it is not refused.

    Args:
        path: the file about to be written.
        ours: whether a file's first bytes (:func:`file_head`) show igf-report wrote it.
        force: the user said ``--force``.

    Raises:
        NotOurFile: ``path`` exists and igf-report did not write it.
    """
    if force or not path.exists() or written_in_place(path) or ours(file_head(path)):
        return
    msg = (
        f"{path} exists and was not written by igf-report, so it is left untouched; "
        "use --force to replace it, or choose another file"
    )
    raise NotOurFile(msg)


def write_schema(folder: Path) -> str:
    """Write the JSON schema into ``folder``, unless a schema not written by igf-report is there.

    Returns:
        What was done, for the person at the terminal.

    Raises:
        FileWriteError: the schema could not be written.
    """
    path = folder / SCHEMA_FILE_NAME
    if path.exists():
        try:  # read as every file is: bounded, and a named pipe is not waited on
            ours = is_our_schema(json.loads(read_text(path)))
        except (FileReadError, UsageError, ValueError):
            ours = False
        if not ours:
            return f"note: {path} exists and is not igf-report's schema; it is left untouched"
    write_atomic(path, json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n")
    return f"Wrote {path}"
