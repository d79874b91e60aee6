"""What a pasted block becomes, on either reader: all of it, for the prompt it was pasted at."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from igf_report.wizard.pasting import as_items, as_paragraphs


def test_paragraphs_without_a_final_line_break_are_all_items() -> None:
    assert as_items("Alpha one.\n\nBravo two.\n\nCharlie three.") == [
        "Alpha one.",
        "Bravo two.",
        "Charlie three.",
    ]


def test_lines_are_items_and_hard_wrapped_paragraphs_are_joined() -> None:
    assert as_items("Li Wei, CNNIC\r\nJean Dupont, Afnic\r\n") == [
        "Li Wei, CNNIC",
        "Jean Dupont, Afnic",
    ]
    assert as_items("One long\nparagraph.\n \nTwo\nlines.\n\n") == [
        "One long paragraph.",
        "Two lines.",
    ]
    assert as_items("\n\n") == []


def test_a_summary_keeps_its_paragraph_breaks_and_joins_its_lines() -> None:
    assert as_paragraphs("The portal gathers\nall services.\n\nIt works\n") == (
        "The portal gathers all services.\n\nIt works"
    )


_LINES = st.lists(st.text(st.characters(exclude_characters="\r\n"), max_size=20), max_size=12)


@given(_LINES, st.sampled_from(["\n", "\r\n", "\r"]))
def test_no_word_of_a_paste_is_lost(lines: list[str], newline: str) -> None:
    text = newline.join(lines)
    words = text.split()
    assert " ".join(as_items(text)).split() == words
    assert as_paragraphs(text).split() == words
