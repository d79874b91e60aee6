"""What the rapporteur reads when input cannot be taken as typed, on either reader."""

from __future__ import annotations

from typing import Final

__all__ = ["CURSOR_KEYS", "NOT_UTF8", "PASTE_REFUSED"]

#: Several lines pasted into a one-line field; ``{count}`` is how many.
PASTE_REFUSED: Final = (
    "A paste of {count} lines cannot go in this one-line field, and nothing of it "
    "was kept; paste or type one line."
)

#: The terminal sent bytes that are not UTF-8; they are shown as U+FFFD.
NOT_UTF8: Final = (
    "Your terminal sent bytes that are not UTF-8; they are shown as \ufffd. "
    "Correct them and press Enter (and set the terminal to UTF-8)."
)

#: The plain reader got a key's escape sequence inside a line; ``{typed}`` shows it.
CURSOR_KEYS: Final = (
    "The line held a key this mode cannot act on (shown as {typed}): here the arrow "
    "keys do not move along the line, and nothing of it was kept. Type the answer "
    "again; Backspace and Ctrl-U edit the line."
)
