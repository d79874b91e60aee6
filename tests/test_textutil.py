"""Text for people: controls made visible, lines that fit their columns."""

from __future__ import annotations

import pytest

from igf_report.textutil import display_width, visible, wrap


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("\x1b[31mred", "\u241b[31mred"),  # ESC as ␛
        ("\x00\x07\x1f", "\u2400\u2407\u241f"),  # C0 as control pictures
        ("a\x7fb", "a\u2421b"),  # DEL as ␡
        ("\x80\x9b", "<U+0080><U+009B>"),  # C1 by code point
        ("\u202eevil\u2066", "<U+202E>evil<U+2066>"),  # bidi overrides and isolates
        ("line\nnext\tcell", "line\nnext\tcell"),  # newline and tab stay
        (" plain ~ text é 李", " plain ~ text é 李"),
    ],
)
def test_controls_are_shown_not_obeyed(text: str, shown: str) -> None:
    assert visible(text) == shown


@pytest.mark.parametrize(
    ("text", "width", "indent", "hang", "lines"),
    [
        # ASCII text, ASCII indent, a hang of another width than the indent
        ("aaa bbb ccc ddd", 8, "", "    ", ["aaa bbb", "    ccc", "    ddd"]),
        # ASCII text after a wide indent: the indent takes two columns per character
        ("aaa bbb ccc", 7, "李 ", None, ["李 aaa", "   bbb", "   ccc"]),
        # wide characters in the text
        ("李李 李李 李李", 6, "", None, ["李李", "李李", "李李"]),
        ("李李李李李", 4, "", None, ["李李", "李李", "李"]),
    ],
)
def test_lines_fit_their_columns(
    text: str, width: int, indent: str, hang: str | None, lines: list[str]
) -> None:
    wrapped = wrap(text, width, indent, hang)
    assert wrapped == lines
    assert all(display_width(line) <= width for line in wrapped)
