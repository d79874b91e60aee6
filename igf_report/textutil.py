"""Text helpers for output meant for people: display width, wrapping, visible controls."""

from __future__ import annotations

import datetime as dt
import functools
import re
import shlex
import unicodedata
from types import UnionType
from typing import Final

__all__ = [
    "REFERRED_CODES",
    "control_of",
    "controls_as_references",
    "display_width",
    "in_words",
    "one_line",
    "shell_word",
    "spaces_as_references",
    "visible",
    "wrap",
    "wrap_words",
]

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


# What a file holding references writes as one: C0 controls (but newline and
# tab) and DEL. C1 controls are not (HTML reads &#128; as the euro sign of
# Windows-1252), nor bidi overrides, which a browser would obey and so make a
# name read differently than it is: visible() shows them.
_REFERRED = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
#: The control characters a reader takes a numeric reference to as the character itself.
REFERRED_CODES = frozenset([*range(0x09), *range(0x0B, 0x20), 0x7F])


def controls_as_references(text: str, *, c1: bool = False) -> str:
    """Control characters as numeric references (``&#27;``); C1 and bidi controls made visible.

    A C1 or bidi control's stand-in is written escaped, ``&lt;U+202E&gt;``, as
    HTML and CommonMark both read it: the reader shows ``<U+202E>``.

    For a file that holds references (HTML, Markdown, published rows): the
    file never carries a raw escape byte, so printing it in a terminal is
    safe, and a reader gives back the very character. Give it text already
    escaped for its format: the references are markup.

    Args:
        text: the text, escaped for its format.
        c1: keep C1 and bidi controls as they are (the published rows,
            which keep every character), rather than made visible.
    """
    referred = _REFERRED.sub(lambda m: f"&#{ord(m[0])};", text)
    # the stand-in is text too: a raw "<U+202E>" is a tag to a browser (and to
    # Markdown viewers that pass HTML through), which hides it and what follows
    return referred if c1 else _UNSAFE.sub(lambda m: _escape_mark(_show(m)), referred)


def _escape_mark(mark: str) -> str:
    return mark.replace("<", "&lt;").replace(">", "&gt;")


def control_of(picture: str) -> str | None:
    """The control character a picture from :func:`visible` stands for (``␛`` -> ESC), if any."""
    code = ord(picture) if len(picture) == 1 else -1
    if 0x2400 <= code < 0x2420:  # noqa: PLR2004 -- the C0 control pictures
        return chr(code - 0x2400)
    return "\x7f" if code == 0x2421 else None  # noqa: PLR2004 -- DEL's picture


def visible(text: str) -> str:
    """Replace control and bidi-override characters with visible stand-ins.

    ``ESC`` becomes ``␛``, ``U+202E`` becomes ``<U+202E>``; newlines and tabs
    stay. What a rapporteur typed is then shown as text, never obeyed.
    """
    return _UNSAFE.sub(_show, text)


_BREAKS = re.compile("[\n\t\u2028\u2029]")


# Whitespace that HTML and Markdown collapse on a line (a newline is the caller's)
_SPACE_RUN = re.compile(r"[ \t\r\f]+")


def _as_references(run: re.Match[str]) -> str:
    # one space between two words is what HTML and Markdown keep anyway
    if run[0] == " " and run.start() > 0 and run.end() < len(run.string):
        return " "
    return "".join(f"&#{ord(char)};" for char in run[0])


def spaces_as_references(line: str) -> str:
    """``line`` with the whitespace HTML and Markdown would collapse as character references.

    A single space between two words stays; any other space, tab, carriage
    return or form feed (a run, or at the line's start or end) becomes
    ``&#32;``, ``&#9;``... which a browser shows and a reader keeps exact.
    Give it a line already escaped for its format: the references are markup.
    """
    return _SPACE_RUN.sub(_as_references, line)


def one_line(text: str) -> str:
    """:func:`visible`, with newlines, tabs and Unicode's line and paragraph separators shown too.

    (``␊``, ``␉``, ``<U+2028>``: readers that split lines break at all of them.)

    For what must stay on one line, such as a file name in a line of
    ``validate`` output: a newline in it would otherwise start a line that
    reads like another finding.
    """
    return _BREAKS.sub(_show, visible(text))


def shell_word(path: object) -> str:
    """``path`` as one word of a shell command, so that a command we suggest runs as printed."""
    return shlex.quote(str(path))


# a datetime is a date too, so it comes before it
_KINDS: tuple[tuple[type | UnionType, str], ...] = (
    (int | float, "a number ({})"),
    (dt.datetime, "a date and time ({})"),
    (dt.date, "a date ({})"),
    (dt.time, "a time ({})"),
    (dict, "a table"),
    (list, "a list"),
)


def in_words(value: object) -> str:
    """A value read from a file, said for people rather than as Python writes it.

    Text is quoted as the file has it (controls made visible); a date, a time
    or a number is named with its value; a table or a list is named by its
    kind only, as its contents can be anything.

    Examples:
        ``time(12, 0)`` -> ``a time (12:00:00)``; ``{"": []}`` -> ``a table``;
        ``"igf-2015"`` -> ``"igf-2015"``.
    """
    if isinstance(value, str):
        return f'"{one_line(value)}"'
    if isinstance(value, bool):
        return f"true or false ({str(value).lower()})"
    for kind, name in _KINDS:
        if isinstance(value, kind):
            shown = value.isoformat() if isinstance(value, dt.date | dt.time) else value
            return name.format(shown)
    return "a value of another kind"


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


_WORD_OR_CODE: Final = re.compile(r"\S*`[^`]*`\S*|\S+")


def wrap_words(text: str, width: int) -> list[str]:
    """Wrap a message at spaces to ``width`` display columns, never inside a word.

    A backquoted command or path (`` `igf-report fill r.toml` ``) is one word
    with its spaces: one longer than a line stands on its own line, whole.
    """
    lines: list[str] = []
    current, used = "", 0
    for word in _WORD_OR_CODE.findall(text):
        wide = display_width(word)
        if current and used + 1 + wide > width:
            lines.append(current)
            current, used = "", 0
        current, used = (f"{current} {word}", used + 1 + wide) if current else (word, wide)
    return [*lines, current] if current else lines or [""]
