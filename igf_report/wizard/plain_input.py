"""Plain line reading for screen readers and plain terminals: no redraw, no escape.

The terminal's own line discipline echoes and edits the line, so a screen
reader hears each prompt and answer once, in order, and nothing the program
writes moves the cursor. Bytes are read from the file descriptor and decoded
here, so that input that is not UTF-8 is reported instead of lost, and a
pasted block still waiting to be read can be told from the end of a list.
The terminal holds a pasted block's last line until Enter when it has no line
break of its own; :meth:`PlainReader.take_unfinished` takes it, so that all of
a paste is read as one.

Ctrl-C makes the terminal throw away the line it holds, unless told not to
(``NOFLSH``): while a line is read it is told so, and the line typed so far is
taken (:attr:`PlainReader.unfinished`), to be kept rather than lost, and so
that it does not reach the shell after the program ends.
"""

from __future__ import annotations

import os
import select
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any, Final

__all__ = ["PlainReader"]

_PASTE_WAIT: Final = 0.05  # seconds: a pasted block's next line is already there
_CHUNK: Final = 65536


class PlainReader:
    """Reads lines from standard input as the terminal delivers them."""

    def __init__(self) -> None:
        self._buffer = b""
        self.bad_bytes = False
        self.unfinished = ""  # the line typed so far when a read was interrupted

    def _fd(self) -> int:
        return sys.stdin.fileno()

    def _read_chunk(self) -> bytes:
        # the raw stream is one read(2) on POSIX and UTF-8 from a Windows console
        raw = getattr(sys.stdin.buffer, "raw", None)
        if raw is not None:
            data: bytes | None = raw.read(_CHUNK)
            return data or b""
        return os.read(self._fd(), _CHUNK)

    def read(self) -> str:
        """Read one line, without its line ending; undecodable bytes become ``�``.

        Interrupted (Ctrl-C, a signal), it leaves the line typed so far in
        :attr:`unfinished`.

        Raises:
            EOFError: Ctrl-D on an empty line, or the input ended.
        """
        self.unfinished = ""
        with self._kept_on_interrupt():
            try:
                return self._read_line()
            except BaseException:
                held = self._buffer.partition(b"\n")[0] + self._held()
                self._buffer = b""
                self.unfinished = held.decode("utf-8", errors="replace").rstrip("\r\n")
                raise

    @contextmanager
    def _kept_on_interrupt(self) -> Iterator[None]:
        """Tell the terminal not to throw away its line on Ctrl-C, for as long as a read takes."""
        old: list[Any] | None = None
        try:
            import termios  # noqa: PLC0415 -- POSIX only

            fd = self._fd()
            if os.isatty(fd):
                old = termios.tcgetattr(fd)
                kept = list(old)
                kept[3] |= termios.NOFLSH
                termios.tcsetattr(fd, termios.TCSANOW, kept)
        except (ImportError, OSError, ValueError):
            old = None
        try:
            yield
        finally:
            if old is not None:
                with suppress(OSError, ValueError):
                    termios.tcsetattr(fd, termios.TCSANOW, old)

    def _held(self) -> bytes:
        """What the terminal holds of a line not ended yet (read, so it is taken)."""
        try:
            import termios  # noqa: PLC0415 -- POSIX only

            fd = self._fd()
            if not os.isatty(fd):
                return b""
            old = termios.tcgetattr(fd)
        except (ImportError, OSError, ValueError):
            return b""
        raw = list(old)
        raw[3] &= ~termios.ICANON
        raw[6] = list(old[6])
        raw[6][termios.VMIN] = 0
        raw[6][termios.VTIME] = 0
        try:
            termios.tcsetattr(fd, termios.TCSANOW, raw)
            return os.read(fd, _CHUNK)
        except OSError:
            return b""
        finally:
            with suppress(OSError):
                termios.tcsetattr(fd, termios.TCSANOW, old)

    def _read_line(self) -> str:
        while b"\n" not in self._buffer:
            chunk = self._read_chunk()
            if not chunk:
                if not self._buffer:
                    raise EOFError
                break  # Ctrl-D after some text: take the text as the line
            self._buffer += chunk
        line, _, self._buffer = self._buffer.partition(b"\n")
        line = line.removesuffix(b"\r")
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            text = line.decode("utf-8", errors="replace")
            self.bad_bytes = True
        else:
            self.bad_bytes = False
        return text

    def take_unfinished(self) -> str | None:
        """Take the line the terminal holds unfinished (no Enter yet), or ``None``.

        The terminal's line editing gives nothing before Enter; with it off for
        a moment, what it holds can be read. Call it only where that line is
        the rest of a paste: it is taken, and will not be read again.
        """
        if self._buffer:
            return None
        data = self._held()
        if not data.strip():
            return None
        self._buffer = data.rstrip(b"\r\n") + b"\n"
        return self._read_line()

    def pending(self, wait: float = _PASTE_WAIT) -> bool:
        """Whether another line is already waiting: the rest of a pasted block.

        Args:
            wait: seconds to wait for it to arrive.
        """
        if self._buffer:
            return True
        if os.name == "nt":
            return False
        try:
            ready, _, _ = select.select([self._fd()], [], [], wait)
        except (OSError, ValueError):
            return False
        return bool(ready)
