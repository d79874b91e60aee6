"""Where a command's output goes: data to stdout or a file, messages to stderr."""

from __future__ import annotations

import sys
from pathlib import Path

from igf_report.render import Renderer
from igf_report.textutil import visible

__all__ = ["emit", "say", "write_output"]


def say(message: str) -> None:
    """A message for the person at the terminal, on stderr, shown literally."""
    sys.stderr.write(visible(message) + "\n")
    sys.stderr.flush()


def emit(text: str) -> None:
    """Data on stdout, exactly as given (UTF-8)."""
    sys.stdout.write(text)
    sys.stdout.flush()


def write_output(
    text: str,
    out: Path | None,
    *,
    source: Path | None = None,
    renderer: Renderer | None = None,
    force: bool = False,
) -> None:
    """Write a document to ``out`` atomically, or to stdout when ``out`` is None or ``-``.

    Args:
        text: the document.
        out: the file, or None or ``-`` for stdout.
        source: the file the document was made from, never to be overwritten.
        renderer: the format, to tell a file it wrote from one it must not replace.
        force: replace ``out`` whatever it holds.

    Raises:
        UsageError: ``out`` is the file being read.
        NotOurFile: ``out`` exists and igf-report did not write it (without ``force``).
        FileWriteError: the file could not be written.
    """
    from igf_report.atomic import write_atomic  # noqa: PLC0415 -- only when writing
    from igf_report.errors import UsageError  # noqa: PLC0415

    if out is None or str(out) == "-":
        emit(text)
        return
    if source is not None and out.resolve() == source.resolve():
        msg = f"-o {out} is the report being read; choose another file"
        raise UsageError(msg)
    if renderer is not None:
        renderer.check_overwrite(out, force=force)
    write_atomic(out, text)
    say(f"wrote {out}")
