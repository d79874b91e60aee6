"""Where a command's output goes: data to stdout or a file, messages to stderr.

The one rule for what reaches a terminal lives here: when standard output is a
terminal, every byte of data goes through :func:`~igf_report.textutil.visible`,
whatever the format, so that no value clears the screen, sets the window title
or reverses the text it is shown in. Data for a file or a pipe is left exactly
as its format needs. Messages on stderr are always made visible.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, cast

from igf_report.errors import StdoutError, UsageError
from igf_report.files.atomic import write_atomic
from igf_report.textutil import one_line, visible, wrap_words

if TYPE_CHECKING:
    from igf_report.writers import Renderer

__all__ = [
    "DataOut",
    "GuardedStdout",
    "data_out",
    "emit",
    "say",
    "say_wrapped",
    "stdout_is_terminal",
    "write_output",
]


class GuardedStdout:
    """Standard output whose failures are errors for people, not tracebacks.

    Every command writes through it (it replaces ``sys.stdout``), so a full
    disk, a reader that has gone, or a stdout closed before the command started
    becomes one :class:`StdoutError` wherever the write happens.

    Args:
        stream: the real standard output; None when it was closed (``>&-``).
    """

    def __init__(self, stream: TextIO | None) -> None:
        self.stream = stream

    def _real(self) -> TextIO:
        if self.stream is None:
            raise StdoutError("it is closed")
        return self.stream

    def write(self, text: str) -> int:
        """Write ``text``, or raise :class:`StdoutError`."""
        try:
            return self._real().write(text)
        except OSError as exc:
            raise _failed(exc) from None

    def flush(self) -> None:
        """Flush, or raise :class:`StdoutError`; with no stdout there is nothing to flush."""
        if self.stream is None:
            return
        try:
            self.stream.flush()
        except OSError as exc:
            raise _failed(exc) from None

    def isatty(self) -> bool:
        """Whether stdout is a terminal (a closed one is not)."""
        return self.stream is not None and self.stream.isatty()

    def __getattr__(self, name: str) -> Any:  # noqa: ANN401 -- whatever the stream has
        return getattr(self._real(), name)

    def as_textio(self) -> TextIO:
        """This object, typed as the stream it stands for."""
        return cast("TextIO", self)


def _failed(exc: OSError) -> StdoutError:
    reason = exc.strerror or str(exc)
    return StdoutError(reason[:1].lower() + reason[1:], exc.errno)


def say(message: str) -> None:
    """A message for the person at the terminal, on stderr, shown literally.

    A message is one line: a line break in a file name or a value it quotes
    shows as ``␊``, so that it can never forge another message.
    """
    sys.stderr.write(one_line(message) + "\n")
    sys.stderr.flush()


def say_wrapped(message: str) -> None:
    """:func:`say`, wrapped at words to a terminal's width (a backquoted command kept whole).

    Output that is not a terminal gets the message on one line, to be searched.
    """
    isatty = getattr(sys.stderr, "isatty", None)
    if not (callable(isatty) and isatty()):
        say(message)
        return
    width = shutil.get_terminal_size().columns
    for line in wrap_words(one_line(message), max(width - 1, 20)):
        say(line)


def stdout_is_terminal() -> bool:
    """Whether data on stdout reaches a person's terminal rather than a file or a pipe."""
    isatty = getattr(sys.stdout, "isatty", None)
    return bool(isatty is not None and isatty())


class DataOut:
    """Standard output for data, made visible when it is a terminal (see the module)."""

    def __init__(self) -> None:
        self._terminal = stdout_is_terminal()

    def write(self, text: str) -> int:
        """Write ``text``, its controls shown as ``␛`` and the like on a terminal."""
        return sys.stdout.write(visible(text) if self._terminal else text)

    def flush(self) -> None:
        """Flush standard output."""
        sys.stdout.flush()


def data_out() -> DataOut:
    """Where a command writes its data: standard output, under the terminal rule."""
    return DataOut()


def emit(text: str) -> None:
    """Data on stdout: as given (UTF-8) for a file or pipe, made visible on a terminal."""
    out = data_out()
    out.write(text)
    out.flush()


def _write_bytes(data: bytes) -> None:
    """Bytes to stdout (a file or a pipe); a failure is a :class:`StdoutError`."""
    try:
        sys.stdout.flush()  # what was written as text goes first
        sys.stdout.buffer.write(data)  # a closed stdout raises StdoutError here
        sys.stdout.buffer.flush()
    except OSError as exc:
        raise _failed(exc) from None


def write_output(
    text: str | bytes,
    out: Path | None,
    *,
    source: Path | None = None,
    renderer: Renderer | None = None,
    force: bool = False,
) -> None:
    """Write a document to ``out`` atomically, or to stdout when ``out`` is None or ``-``.

    Args:
        text: the document (bytes for a binary format such as Word).
        out: the file, or None or ``-`` for stdout; a binary document goes to
            stdout only when it is not a terminal (a file or a pipe).
        source: the file the document was made from, never to be overwritten.
        renderer: the format, to tell a file it wrote from one it must not replace.
        force: replace ``out`` whatever it holds.

    Raises:
        UsageError: ``out`` is the file being read, or a binary document has
            no file to go to.
        NotOurFile: ``out`` exists and igf-report did not write it (without ``force``).
        FileWriteError: the file could not be written.
    """
    to_stdout = out is None or str(out) == "-"
    if isinstance(text, bytes) and to_stdout and stdout_is_terminal():
        name = renderer.name if renderer is not None else "this"
        msg = (
            f"the {name} format is binary and is not written to a terminal; "
            f"name the file to write with -o FILE{renderer.suffix if renderer else ''}, "
            "or redirect stdout to one"
        )
        raise UsageError(msg)
    if to_stdout:
        if isinstance(text, bytes):
            _write_bytes(text)
        else:
            emit(text)
        return
    assert out is not None  # noqa: S101 -- narrowed by to_stdout
    if source is not None and out.resolve() == source.resolve():
        msg = f"-o {out} is the report being read; choose another file"
        raise UsageError(msg)
    if renderer is not None:
        renderer.check_overwrite(out, force=force)
    write_atomic(out, text)
    say(f"Wrote {out}")
