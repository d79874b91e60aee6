"""Text helpers for output meant for people: display width, wrapping, visible controls."""

from __future__ import annotations

import functools
import re
import unicodedata

__all__ = ["display_width", "one_line", "visible", "wrap"]

# C0 and C1 controls (but newline and tab), DEL, and the bidirectional
# overrides and isolates that can make text read differently than it is.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _show(match: re.Match[str]) -> str:
    char = match[0]
    code = ord(char)
    if code < 0x20:  # noqa: PLR2004 -- C0: the Unicode control pictures
        return chr(0x2400 + code)
    if code == 0x7F:  # noqa: PLR2004
        return "\u2421"
    return f"<U+{code:04X}>"


def visible(text: str) -> str:
    """Replace control and bidi-override characters with visible stand-ins.

    ``ESC`` becomes ``␛``, ``U+202E`` becomes ``<U+202E>``; newlines and tabs
    stay. What a rapporteur typed is then shown as text, never obeyed.
    """
    return _UNSAFE.sub(_show, text)


_BREAKS = re.compile("[\n\t]")


def one_line(text: str) -> str:
    """:func:`visible`, with newlines and tabs shown too (``␊``, ``␉``).

    For what must stay on one line, such as a file name in a line of
    ``validate`` output: a newline in it would otherwise start a line that
    reads like another finding.
    """
    return _BREAKS.sub(_show, visible(text))


@functools.lru_cache(maxsize=4096)
def _char_width(char: str) -> int:
    if unicodedata.combining(char) or unicodedata.category(char) in {"Mn", "Me", "Cf"}:
        return 0
    return 2 if unicodedata.east_asian_width(char) in {"W", "F"} else 1


def display_width(text: str) -> int:
    """How many terminal columns ``text`` takes (CJK wide, combining marks zero)."""
    if text.isascii():
        return len(text)
    return sum(_char_width(char) for char in text)


def _split_long(word: str, width: int) -> list[str]:
    pieces, current, used = [], "", 0
    for char in word:
        w = _char_width(char)
        if current and used + w > width:
            pieces.append(current)
            current, used = "", 0
        current += char
        used += w
    return [*pieces, current] if current else pieces


def wrap(text: str, width: int, indent: str = "", hang: str | None = None) -> list[str]:
    """Wrap one paragraph to ``width`` display columns.

    Line breaks inside ``text`` are kept; words longer than a line are cut.

    Args:
        text: the text to wrap.
        width: the most columns a line may take, indent included.
        indent: what the first line starts with.
        hang: what later lines start with (default: as many spaces as ``indent``
            is wide).

    Returns:
        The lines, without newlines; at least one.
    """
    if hang is None:
        hang = " " * display_width(indent)
    hang_width = display_width(hang)
    if text.isascii() and indent.isascii() and len(indent) == hang_width == len(hang):
        return _wrap_ascii(text, width, indent, hang)
    return _wrap_any(text, width, indent, hang)


@functools.lru_cache(maxsize=64)
def _line_pattern(room: int) -> re.Pattern[str]:
    # as many words as fit in `room` columns, or the first `room` characters
    # of a word longer than a line
    return re.compile(rf"(.{{1,{room}}})(?: |$)|(\S{{{room}}})")


def _wrap_ascii(text: str, width: int, indent: str, hang: str) -> list[str]:
    """:func:`wrap` for ASCII text, where a character is a column: one regex a line."""
    room = max(width - len(indent), 1)
    pattern = _line_pattern(room)
    lines: list[str] = []
    prefix = indent
    for source_line in text.split("\n"):
        words = " ".join(source_line.split())
        if not words:
            lines.append(prefix.rstrip())
            prefix = hang
            continue
        for match in pattern.finditer(words):
            piece = match[1] if match[1] is not None else match[2]
            if piece:
                lines.append(prefix + piece)
                prefix = hang
    return lines


def _wrap_any(text: str, width: int, indent: str, hang: str) -> list[str]:
    """:func:`wrap` for any text, measuring each word's display width."""
    hang_width = display_width(hang)
    lines: list[str] = []
    prefix, prefix_width = indent, display_width(indent)
    for source_line in text.split("\n"):
        words: list[str] = [prefix]
        used = prefix_width
        empty = True
        for source_word in source_line.split():
            word = source_word
            w = len(word) if word.isascii() else display_width(word)
            if not empty and used + 1 + w > width:
                lines.append("".join(words))
                words, used, empty = [hang], hang_width, True
            if empty and w > width - used:
                *full, word = _split_long(word, max(width - used, 1))
                for piece in full:
                    lines.append("".join(words) + piece)
                    words, used = [hang], hang_width
                w = display_width(word)
            if empty:
                words.append(word)
                used += w
            else:
                words.append(" ")
                words.append(word)
                used += w + 1
            empty = False
        lines.append("".join(words).rstrip() if not empty else prefix.rstrip())
        prefix, prefix_width = hang, hang_width
    return lines
