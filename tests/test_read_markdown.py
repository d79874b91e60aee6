"""Markdown drafts: labels as headings or ``**Label:**`` lines, every word kept."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

import pytest
from hypothesis import HealthCheck, given, settings
from markdown_it import MarkdownIt

from igf_report.readers.formats import TooIntricateError
from igf_report.readers.mapping import map_document
from igf_report.readers.markdown import _PRIVATE_USE, read_markdown
from igf_report.template.model import Person, Presentation, Report

from .conftest import examples
from .documents import (
    assert_every_word_kept,
    generated_documents,
    imported_report,
)
from .reliability import tally

DRAFT = """\
# Connecting the Next Billion

**Session Title:** Connecting the Next Billion
**Date:** 7 December 2016
**Time:** 9:00 - 10:30
**Session Organizer:** Internet Society
**Chair/Moderator:** Ana Pérez, Internet Society
**Rapporteur/Notetaker:** Kwame Mensah, University of Ghana

## List of Speakers and their institutional affiliations

* Li Wei, CNNIC
* Jean Dupont, Afnic

## Key Issues raised (1 sentence per issue):

1. Affordability of access & devices is the first barrier.
2. Local content in *local* languages drives adoption.

## Presentations

### Community networks

Villages build and run their own networks\\
with help from the #community.

**Spectrum** Regulators should open spectrum to small firms.

## Discussions

Participants asked how to fund the last mile
when <5% of revenue comes from rural areas.

A second paragraph, about_underscores.

## Way forward

Hold a follow-up at IGF 2017.
"""


def test_a_draft_imports_field_by_field() -> None:
    imported = map_document(read_markdown(DRAFT))
    report = imported_report(imported)
    assert report.title == "Connecting the Next Billion"
    assert report.date == dt.date(2016, 12, 7)
    assert report.chair == Person(name="Ana Pérez", affiliation="Internet Society")
    assert report.rapporteur == Person(name="Kwame Mensah", affiliation="University of Ghana")
    assert [str(s) for s in report.speakers] == ["Li Wei, CNNIC", "Jean Dupont, Afnic"]
    assert report.key_issues == [
        "Affordability of access & devices is the first barrier.",
        "Local content in local languages drives adoption.",
    ]
    assert report.presentations == [
        Presentation(
            title="Community networks",
            summary="Villages build and run their own networks\nwith help from the #community.",
        ),
        Presentation(title="Spectrum", summary="Regulators should open spectrum to small firms."),
    ]
    assert report.discussions == [
        "Participants asked how to fund the last mile when <5% of revenue comes from rural areas.",
        "A second paragraph, about_underscores.",
    ]
    assert report.way_forward == ["Hold a follow-up at IGF 2017."]
    assert imported.notes == []  # the heading repeats the Session Title: nothing left over


def test_labels_typed_without_bold() -> None:
    imported = map_document(read_markdown("Session Title: Open data\nDate: 6 December 2016\n"))
    assert imported.data["title"] == "Open data"
    assert imported.data["date"] == "6 December 2016"


def test_a_draft_without_a_session_title_label_takes_its_heading() -> None:
    imported = map_document(read_markdown("# My session\n\n## Date\n\n6 December 2016\n"))
    assert imported.data["title"] == "My session"
    assert any("My session" in note for note in imported.notes)


def _visible(markdown: str) -> str:
    html = MarkdownIt("commonmark").render(markdown)
    # a raw <script> block runs to its end tag: a browser shows none of it
    html = re.sub(r"<script>.*?(</script>|$)", " ", html, flags=re.DOTALL)
    # emphasis, code and links part no words ("a<em>b</em>c" shows "abc"); blocks do
    html = re.sub(r"</?(?:em|strong|code|a)\b[^>]*>", "", html)
    return unescape(re.sub(r"<[^>]*>", " ", html))


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(generated_documents)
def test_every_word_of_a_generated_draft_is_kept(
    document: list[tuple[str, list[tuple[str, str]]]],
) -> None:
    tally("every word: Markdown reader, generated drafts")
    lines: list[str] = []
    for number, (label, blocks) in enumerate(document):
        lines.extend([f"{'##' if number % 2 else '**' + label + ':**'}", ""])
        if number % 2:
            lines[-2] = f"## {label}"
        for kind, text in blocks:
            lines.extend([f"- {text}" if kind == "item" else text, ""])
    markdown = "\n".join(lines)
    imported = map_document(read_markdown(markdown))
    labels = tuple(label for label, _ in document)
    assert_every_word_kept(_visible(markdown), imported, labels)


def _objects(report: Report) -> dict[str, object]:
    return {name: getattr(report, name) for name in type(report).model_fields}


def test_a_paragraph_of_many_escapes_reads_whole() -> None:
    # each escape stands in for a private-use character while markup is read;
    # there were 256 of them, and the 257th escape on came back as that character
    document = read_markdown("## Session Title\n\n" + " ".join([r"a\*b"] * 300))
    assert document.sections[0].blocks[0].text == " ".join(["a*b"] * 300)


def test_seventy_thousand_escapes_and_private_use_references_read_as_they_show() -> None:
    # one stand-in per escape ran out after 65,534 (the rest came back as
    # private-use characters); a reference to one crashed the reader
    document = read_markdown("## Discussions\n\n" + "\\*" * 70_000)
    assert document.sections[0].blocks[0].text == "*" * 70_000
    typed = "\U000f0000 &#983040; &#xF0001; \\_ \U000f0002 &#xE000; &#10;"
    document = read_markdown(f"## Discussions\n\n{typed}\n")
    assert (
        document.sections[0].blocks[0].text
        == "\U000f0000 \U000f0000 \U000f0001 _ \U000f0002 \ue000"
    )


def test_a_reference_to_no_character_reads_as_a_browser_shows_it() -> None:
    # past the last code point: the replacement character, as CommonMark says
    document = read_markdown("## Discussions\n\n&#9999999; &#x110000; &#65;\n")
    assert document.sections[0].blocks[0].text == "\ufffd \ufffd A"


def test_a_paragraph_holding_every_private_use_character_is_refused() -> None:
    # the reader has no character left to set an escape apart with
    every = "".join(chr(code) for area in _PRIVATE_USE for code in area)
    assert read_markdown(f"## Discussions\n\n{every}\n").sections[0].blocks[0].text == every
    with pytest.raises(TooIntricateError, match="every private-use character in one paragraph"):
        read_markdown(f"## Discussions\n\n{every} \\*\n")


def test_a_drafts_bare_placeholder_is_a_gap_but_ours_is_set_apart() -> None:
    # a person typing "(not given)" means "none"; in a file render wrote, the
    # placeholder is emphasised and the same words plain are a typed value
    draft = "## Session Organizer\n\n(not given)\n\n## Discussions\n\n(none)\n"
    imported = map_document(read_markdown(draft))
    assert "organizer" not in imported.data
    assert "discussions" not in imported.data
    ours = "# T\n\n*IGF 2016 Workshop Report*\n\n" + draft
    assert map_document(read_markdown(ours)).data["organizer"] == "(not given)"


def _blocks(markdown: str) -> list[tuple[str, str | None, bool]]:
    """The text, lead-in and lead-in break of each block under the labels of a draft."""
    document = read_markdown(markdown)
    return [(b.text, b.lead, b.lead_break) for s in document.sections for b in s.blocks]


def test_windows_and_old_mac_line_ends_read_as_newlines() -> None:
    typed = (
        "## Session Title\n\nOpen data\n\n## Discussions\n\nOne asked how to fund\nthe last mile.\n"
    )
    for end in ("\r\n", "\r"):
        imported = map_document(read_markdown(typed.replace("\n", end)))
        assert imported.data["title"] == "Open data"
        assert imported.data["discussions"] == ["One asked how to fund the last mile."]


def test_a_byte_order_mark_is_no_word_of_the_draft() -> None:
    imported = map_document(read_markdown("\ufeff## Session Title\n\nOpen data\n"))
    assert imported.data["title"] == "Open data"
    imported = map_document(read_markdown("\ufeffXML notes\n\n## Session Title\n\nOpen data\n"))
    assert "The text 'XML notes' before the first label was not imported." in imported.notes


def test_inline_markup_reads_as_it_shows() -> None:
    markdown = (
        "## Discussions\n\n"
        "The `open data` portal at [the site](https://example.org) and "
        "<https://igf.org>, in caf&#233;s.\n"
    )
    assert _blocks(markdown) == [
        ("The open data portal at the site and https://igf.org, in cafés.", None, False)
    ]


def test_a_hard_break_is_kept_and_a_final_backslash_is_a_character() -> None:
    markdown = "## Discussions\n\nline one  \nline two\\\nline three\n\nends in a backslash \\\n"
    assert _blocks(markdown) == [
        ("line one\nline two\nline three", None, False),
        ("ends in a backslash \\", None, False),
    ]


def test_a_blank_line_written_as_a_lone_break_stays_in_its_paragraph() -> None:
    markdown = "## Discussions\n\nFirst.\\\n\\\nSecond.\n\nNext one.\n"
    html = MarkdownIt("commonmark").render(markdown)
    assert html.count("<p>") == 2  # as CommonMark reads it: two paragraphs, not three
    assert _blocks(markdown) == [("First.\n\nSecond.", None, False), ("Next one.", None, False)]


def test_a_labels_value_goes_on_past_a_hard_break_on_the_next_line() -> None:
    # the value was cut at the break and its backslash kept: "Host\ country"
    markdown = "- **Session Organizer:** Host\\\ncountry **(invalid: must be on one line)**\n"
    (section,) = read_markdown(markdown).sections
    assert section.label == "Session Organizer"
    assert [(b.text, b.note) for b in section.blocks] == [
        ("Host\ncountry", "(invalid: must be on one line)")
    ]
    assert map_document(read_markdown(markdown)).data["organizer"] == "Host country"
    lazy = map_document(read_markdown("**Session Organizer:** Internet\nSociety\n\n## Date\n"))
    assert lazy.data["organizer"] == "Internet Society"


def test_a_bold_lead_in_and_its_line_break() -> None:
    markdown = (
        "## Discussions\n\n**Lead**  \nrest here\n\n**Other lead** rest\n\n**Third** \\\nrest\n"
    )
    assert _blocks(markdown) == [
        ("rest here", "Lead", True),
        ("rest", "Other lead", False),
        ("rest", "Third", True),
    ]


def test_a_paragraphs_own_characters_at_its_ends_are_kept() -> None:
    markdown = "## Discussions\n\nX.509 certificates, X\n\nA tab kept&#9;\n"
    assert _blocks(markdown) == [
        ("X.509 certificates, X", None, False),
        ("A tab kept\t", None, False),
    ]


def test_a_colon_after_a_bold_label_with_or_without_spaces() -> None:
    # after a label heading, only a bold label starts a field
    for line in ("**Session Title**: Open data", "**Session Title** : Open data"):
        draft = f"## Discussions\n\nWords.\n\n{line}\n**Date** : 6 December 2016\n"
        imported = map_document(read_markdown(draft))
        assert imported.data["title"] == "Open data"
        assert imported.data["date"] == "6 December 2016"
    assert map_document(read_markdown("**Session Title**:Open data")).data["title"] == "Open data"


def test_bold_words_that_are_no_label_are_kept() -> None:
    markdown = "## Discussions\n\n**Note:** keep this\n"
    assert _blocks(markdown) == [("keep this", "Note:", False)]


def test_an_empty_heading_is_nothing_and_a_rule_or_fence_ends_a_paragraph() -> None:
    document = read_markdown("#\n\n## Discussions\n\nOne\n***\nTwo\n```\nThree\n")
    assert document.title is None
    assert document.notes == ()
    assert _blocks("## Discussions\n\nOne\n***\nTwo\n```\nThree\n") == [
        ("One", None, False),
        ("Two", None, False),
        ("Three", None, False),
    ]
