"""The published reader, value by value: titles, persons, line breaks, the invalid mark.

The round trips (``test_round_trip.py``) read what our writer writes; these
read what the IGF website and hand-edited pages hold, where a bold lead-in,
a line break or a parenthesis can mean more than one thing.
"""

from __future__ import annotations

import datetime as dt

import pytest

from igf_report.marks import html_apart
from igf_report.readers.published import read_published

_PRESENTATIONS = "Presentations\t"


def _presentations(value: str) -> list[dict[str, str]]:
    data = read_published(_PRESENTATIONS + value + "\n").data
    presentations: list[dict[str, str]] = data["presentations"]
    return presentations


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # a colon, a dash of any length after the bold words sets a title apart
        ("<b>Portal</b> :Opens data", {"title": "Portal", "summary": "Opens data"}),
        ("<b>Portal</b> - opens data", {"title": "Portal", "summary": "opens data"}),
        ("<b>Portal</b> –opens data", {"title": "Portal", "summary": "opens data"}),
        ("<b>Portal</b> — opens data", {"title": "Portal", "summary": "opens data"}),
        ("<b>Three</b> -Sum", {"title": "Three", "summary": "Sum"}),
        # a colon inside the bold words is the title's end, spaces before it too
        ("<b>Portal :</b> opens data", {"title": "Portal", "summary": "opens data"}),
        # a capital or a figure after them starts the summary
        ("<b>Gob.mx</b> One of the main", {"title": "Gob.mx", "summary": "One of the main"}),
        ("<b>Portal</b> 2016 was the year", {"title": "Portal", "summary": "2016 was the year"}),
        # a small letter continues the sentence the bold words began
        ("<b>At gob.mx</b> people can", {"summary": "At gob.mx people can"}),
        ("<b>At gob.mx</b> a, b", {"summary": "At gob.mx a, b"}),
        ("<b>At gob.mx</b> a: b", {"summary": "At gob.mx a: b"}),
        ("<b>At gob.mx</b> a", {"summary": "At gob.mx a"}),
        # a title with nothing after its dash is no title: the words are the summary
        ("<b>Portal</b> –", {"summary": "Portal –"}),
        # the site's <br> after the bold words makes a title whatever follows
        ("<b>Portal</b><br>opens data", {"title": "Portal", "summary": "opens data"}),
        ("<b>Two</b><br>Xylophones", {"title": "Two", "summary": "Xylophones"}),
        # bold inside bold, as pasted from a word processor (the title was lost)
        ("<strong><b>Portal</b></strong><br>Opens", {"title": "Portal", "summary": "Opens"}),
        # a line break written as a reference is the author's, not the site's
        ("<b>Portal</b>&#10;opens data", {"summary": "Portal\nopens data"}),
        # only whitespace after the title is no summary (it was a title with an
        # empty summary, which the report then refused)
        ("<b>Portal</b><br>&#9;", {"summary": "Portal\n\t"}),
    ],
)
def test_bold_words_opening_a_presentation_are_its_title_when_they_read_as_one(
    value: str, expected: dict[str, str]
) -> None:
    assert _presentations(f"<p>{value}</p>") == [expected]


def test_a_person_written_over_two_lines_is_one_name() -> None:
    data = read_published("Chair/Moderator\tAna<br>Lopez, ISOC\n").data
    assert data["chair"] == {"name": "Ana Lopez", "affiliation": "ISOC"}


def test_persons_written_as_lines_are_one_person_a_line() -> None:
    label = "List of Speakers and their institutional affiliations"
    data = read_published(f"{label}\tAna, ISOC<br>Li Wei, CNNIC<br><br>Jean, Ministry X\n").data
    assert data["speakers"] == [
        {"name": "Ana", "affiliation": "ISOC"},
        {"name": "Li Wei", "affiliation": "CNNIC"},
        {"name": "Jean", "affiliation": "Ministry X"},
    ]


def test_a_line_break_in_a_one_line_value_is_a_space() -> None:
    data = read_published("Session Title\tOpen<br>data\nSession Organizer\tA<br>B\n").data
    assert data == {"title": "Open data", "organizer": "A B"}


def test_only_the_time_reads_a_range_of_times_with_seconds() -> None:
    data = read_published("Session Title\t10:00:00 - 11:00:00\nTime\t09:00:30 - 10:00:00\n").data
    assert data["title"] == "10:00:00 - 11:00:00"
    assert data["time"] == {"start": dt.time(9, 0, 30), "end": dt.time(10, 0)}


def test_the_note_of_a_broken_label_quotes_the_stray_text_on_one_line() -> None:
    imported = read_published("Session\t<p>one<br>two</p><p>three</p>\nTitle\tMy title\n")
    assert imported.data == {"title": "one two three My title"}
    assert imported.notes == [
        (
            "The label 'Session Title' was broken across two rows; the text 'one two three' "
            "after its first part was put first in Session Title (title)."
        )
    ]


@pytest.mark.parametrize(
    ("value", "kept", "mark"),
    [
        # an earlier parenthesis written as a reference does not protect the mark
        ("f&#40;x) (invalid: not a date)", "f(x)", "(invalid: not a date)"),
        # the mark's own "(" decides, not one written as a reference inside it
        ("x (invalid: a &#40;b)", "x", "(invalid: a (b)"),
    ],
)
def test_the_mark_render_put_after_an_invalid_value_is_taken_off_and_named(
    value: str, kept: str, mark: str
) -> None:
    imported = read_published(f"Date\t{value}\n")
    assert imported.data == {"date": kept}
    assert imported.notes == [
        f"The mark '{mark}' under 'Date' was not imported; the value is checked again."
    ]


def test_words_typed_like_the_mark_and_written_apart_are_kept() -> None:
    imported = read_published("Date\tx &#40;invalid: mine)\n")
    assert imported.data == {"date": "x (invalid: mine)"}
    assert imported.notes == []


@pytest.mark.parametrize(
    ("label", "key"),
    [
        ("Session Organiser", "organizer"),
        ("Workshop Organizer:", "organizer"),
        ("Rapporteur/Note taker", "rapporteur"),
        ("Rapporteur/Note-taker", "rapporteur"),
        ("Rapporteur/Notetaker", "rapporteur"),
        ("Chairperson/Moderator", "chair"),
        ("Chair/Moderator", "chair"),
    ],
)
def test_each_spelling_of_a_label_is_that_label_not_a_near_miss(label: str, key: str) -> None:
    imported = read_published(f"{label}\tAna\n")
    assert list(imported.data) == [key]
    assert imported.notes == []  # a near miss would be named


def test_line_ends_of_any_system_and_a_byte_order_mark_split_rows_only() -> None:
    text = "\ufeff## IGF 2016 Workshop Report Template\r\nSession Title\tA\rDate\t12/06/2016\r\n"
    imported = read_published(text)
    assert imported.data == {"title": "A", "date": "2016-12-06"}
    assert imported.notes == []


def test_the_page_heading_indented_is_skipped_and_only_it() -> None:
    heading = "## IGF 2016 Workshop Report Template"
    assert read_published(f"   {heading}\nSession Title\tA\n").notes == []
    imported = read_published(f"X{heading}\nSession Title\tA\n")
    assert imported.data == {"title": f"X{heading} A"}


def test_a_label_on_a_line_without_a_tab_is_read_and_named() -> None:
    imported = read_published(
        "Session Title\nOpen data\n## IGF 2016 Workshop Report Template\n   # Date\n"
    )
    # the heading's words after a label, and a hashtag line, are the value's words
    assert imported.data == {"title": "Open data ## IGF 2016 Workshop Report Template # Date"}
    assert imported.notes == [
        "The line 'Session Title' has no tab after it; it was read as the label 'Session Title'."
    ]


def test_a_comma_without_a_space_still_ends_the_name() -> None:
    assert read_published("Chair/Moderator\tAna,ISOC\n").data == {
        "chair": {"name": "Ana", "affiliation": "ISOC"}
    }


def test_the_mark_is_the_one_that_runs_to_the_end() -> None:
    label = "Key Issues raised"
    imported = read_published(f"{label}\t<li>a (invalid: b<br>c (invalid: too long)</li>\n")
    assert imported.data == {"key_issues": ["a (invalid: b\nc"]}


def test_everything_set_aside_is_named_in_one_note() -> None:
    imported = read_published("Session Title\tA<!--one-->B<!--two-->\n")
    assert imported.data == {"title": "AB"}
    note = "Left out of Session Title (title) as markup, not text: "
    assert imported.notes == [note + "the comment 'one'; the comment 'two'."]


def test_only_a_persons_own_name_has_its_commas_set_apart() -> None:
    assert html_apart(",a, b", None, str) == ",a, b"
    assert html_apart("Li, Jr., ISOC", "Li, Jr.", str) == "Li&#44; Jr., ISOC"
    assert html_apart("a (invalid: b) (invalid: c)", None, str) == (
        "a &#40;invalid: b) &#40;invalid: c)"
    )
