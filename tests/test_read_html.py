"""The HTML inside a published value, as blocks: where they split, their text, their bold lead-in.

``parse_html`` is what the published reader, and so ``import``, sees of a
value; these pin what each tag does to the blocks.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from igf_report.readers.published_html import BlockKind, parse_html

from .conftest import examples


def _texts(value: str) -> list[str]:
    return [block.text for block in parse_html(value)]


@pytest.mark.parametrize(
    ("value", "texts"),
    [
        # a list or a table ends the text before it and after it
        ("a<ul>b</ul>", ["a", "b"]),
        ("a<ol>b</ol>", ["a", "b"]),
        ("a<table>b</table>", ["a", "b"]),
        # an item left open ends with its list
        ("<ul><li>a</ul>b", ["a", "b"]),
        ("<ol><li>a</ol>b", ["a", "b"]),
        ("<table><tr><td>a</table>b", ["a", "b"]),
        ("<li>a</li>b", ["a", "b"]),
    ],
)
def test_lists_and_tables_end_the_block_before_and_after_them(value: str, texts: list[str]) -> None:
    assert _texts(value) == texts


def test_an_item_left_open_is_an_item_and_the_text_after_its_list_is_not() -> None:
    kinds = [block.kind for block in parse_html("<ul><li>a</ul>b")]
    assert kinds == [BlockKind.ITEM, BlockKind.TEXT]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        # typed spaces around a line break go, as a browser shows them
        ("a <br>b", "a\nb"),
        ("a<br> b", "a\nb"),
        # a space written as a reference is the author's, even first
        ("&#32;x", " x"),
        # a no-break space is not HTML's whitespace: it is text, kept
        ("\xa0<b>B</b>", "\xa0B"),
        # any word between blocks is kept, whatever its letters
        ("<p>a</p>X", "X"),
        # line breaks at either end of a block are not its text
        ("<p><br>a<br></p>", "a"),
        # a "<" that opens no tag is text, and the tags after it are still tags
        ("a<x <b>B</b>", "a<x B"),
        # a "&" or "<" inside a tag or a comment is part of it: the tags after are still tags
        ('<a title="x&amp;y">Link</a> then <b>bold</b>', "Link then bold"),
        ("<!-- a <b> & c --> after <i>x</i>", "after x"),
    ],
)
def test_the_text_of_a_block(value: str, text: str) -> None:
    assert _texts(value)[-1] == text


@pytest.mark.parametrize(
    ("value", "lead"),
    [
        ("<b>A <b>B</b> C</b> d", "A B C"),  # bold inside bold is one lead-in
        ("<b>A <i>x</i> B</b> c", "A x B"),  # italics inside it too
        ("<b>T</b> x <b>U</b> y", "T"),  # a later bold is not part of it
        ("a <b>B</b><b>D</b> e", None),  # bold after words is no lead-in
        ("\xa0<b>B</b> c", None),  # nor after a no-break space
        ("<b>Title</b><br>rest", "Title"),
        ("<b>Xylo</b><br>rest", "Xylo"),
        # only the spaces HTML collapses go: a no-break space or a tab written is the title's
        ("<b>\xa0T</b> x", "\xa0T"),
        ("<b>&#9;T</b> x", "\tT"),
    ],
)
def test_the_bold_lead_in_of_a_block(value: str, lead: str | None) -> None:
    assert parse_html(value)[0].lead == lead


@pytest.mark.parametrize(
    ("value", "then_break"),
    [
        ("<b>Title</b><br>rest", True),
        ("<b>Title</b> <br>rest", True),
        # words, even one letter, between the lead-in and the break
        ("<b>Title</b> words<br>more", False),
        ("<b>Title</b>X<br>rest", False),
        ("<b>Title</b>\xa0<br>rest", False),
        # no lead-in, no break after one
        ("a<br>b", False),
    ],
)
def test_a_break_right_after_the_lead_in_is_told(value: str, *, then_break: bool) -> None:
    assert parse_html(value)[0].lead_then_break is then_break


def test_a_tag_with_only_styling_attributes_sets_nothing_aside() -> None:
    every_styling_attribute = (
        "style class id lang dir align valign width height border cellpadding "
        "cellspacing colspan rowspan color bgcolor face size"
    )
    aside: list[str] = []
    assert [b.text for b in parse_html(f"<p {every_styling_attribute}>a</p>", aside)] == ["a"]
    assert aside == []
    parse_html(f'<p {every_styling_attribute} href="x">a</p>', aside)
    assert len(aside) == 1


@pytest.mark.parametrize(
    "value", ["Ana<br>Lo, ISOC", "a &#44;<br>b", "<b>T</b><br>&#9;x<br>y", "x<br><br>y"]
)
def test_the_exact_mask_has_one_character_for_each_of_the_text(value: str) -> None:
    for block in parse_html(value):
        assert len(block.exact) == len(block.text)
        assert set(block.exact) <= {"0", "1"}


@settings(max_examples=examples(300), deadline=None)
@given(st.text(alphabet="ab ,\n\t\xa0<>/&#;1bpriul", max_size=60))
def test_any_value_gives_blocks_with_a_mask_as_long_as_their_text(value: str) -> None:
    for block in parse_html(value):
        assert block.text.strip()
        assert len(block.exact) == len(block.text)
        assert set(block.exact) <= {"0", "1"}
