"""Text for people: controls made visible, lines that fit their columns."""

from __future__ import annotations

import pytest

from igf_report.textutil import (
    control_of,
    display_width,
    one_line,
    spaces_as_references,
    visible,
    wrap,
)


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


@pytest.mark.parametrize("separator", ["\n", "\r", "\u2028", "\u2029", "\x85", "\x0b", "\x1c"])
def test_one_line_stays_one_line_for_every_line_separator(separator: str) -> None:
    # str.splitlines() (and many readers of validate's output) break at each of these
    assert len(one_line(f"a{separator}b").splitlines()) == 1


def test_control_of_undoes_visible_for_every_c0_control_and_del_and_nothing_else() -> None:
    pictured = [code for code in [*range(0x20), 0x7F] if visible(chr(code)) != chr(code)]
    assert len(pictured) == 31  # all but the tab and the line break, which stay
    for code in pictured:
        assert control_of(visible(chr(code))) == chr(code)
    # the pictures' neighbours, the space symbol and a picture of two characters
    for picture in ("\u23ff", "\u2420", "\u2422", "␛␛", "", "a"):
        assert control_of(picture) is None


def test_a_space_a_browser_would_drop_is_written_as_a_reference() -> None:
    # one space between two words stays typed; at either end of a line it would vanish
    assert spaces_as_references(" a b ") == "&#32;a b&#32;"
