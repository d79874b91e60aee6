"""Plain text: the published page copied from a browser, and typed drafts; every word kept."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from igf_report.document import BlockKind, Document
from igf_report.marks import DOCUMENT_TITLE
from igf_report.readers.mapping import map_document
from igf_report.readers.published import read_published
from igf_report.readers.rendered_text import is_rendered_text
from igf_report.readers.text import read_plain_text
from igf_report.template.model import Report
from igf_report.template.validation import check
from igf_report.textutil import display_width
from igf_report.writers.text import write
from igf_report.writers.tree import report_document

from .conftest import SEED, examples
from .documents import (
    NUMBERED_PRESENTATIONS,
    assert_every_word_kept,
    generated_documents,
    imported_report,
)
from .reliability import tally

# The seed's page as a browser copies it: each label on its own line, list
# items with "•" bullets, no bold; the Discussions label still broken in two.
_NUMBER = re.compile(r"^\s*\d{1,3}[.)](?=\s)")
COPIED = Path(__file__).parent / "inputs" / "copied-page.txt"


def test_the_copied_page_imports_field_by_field() -> None:
    imported = map_document(read_plain_text(COPIED.read_text(encoding="utf-8")))
    report = imported_report(imported)
    seed = imported_report(read_published(SEED.read_text(encoding="utf-8")))
    assert report.date == dt.date(2016, 12, 6)
    assert report.speakers == seed.speakers  # no "•" left in a name
    assert report.key_issues == seed.key_issues
    assert report.discussions == seed.discussions  # the lead-in mended into Discussions
    assert report.discussions[0] == "Government transformation challenges:"
    assert report.way_forward == seed.way_forward
    assert report.model_dump(exclude={"presentations"}) == seed.model_dump(
        exclude={"presentations"}
    )
    # copied text has no bold, so no titles; every summary's words are there
    assert [p.summary.split()[-1] for p in report.presentations] == [
        p.summary.split()[-1] for p in seed.presentations
    ]
    assert any("broken across two rows" in note for note in imported.notes)


@pytest.mark.parametrize("separator", [": ", "\t"])
def test_a_short_value_after_a_label_is_the_value_not_part_of_the_label(separator: str) -> None:
    # "Session Title: AI" reads close to the label "Session Title"; AI is the title all the same
    text = f"Session Title{separator}AI\nDate{separator}6 December 2016\n"
    imported = map_document(read_plain_text(text))
    assert imported.data["title"] == "AI"
    assert imported.data["date"] == "6 December 2016"


def test_labels_before_a_colon_or_a_tab() -> None:
    text = (
        "Session title: Open data\nDate:\t6 December 2016\n"
        "Key Issues raised (1 sentence per issue):\n- One issue.\n* Another: with a colon.\n"
        "3. A third.\n"
    )
    imported = map_document(read_plain_text(text))
    assert imported.data["title"] == "Open data"
    assert imported.data["date"] == "6 December 2016"
    assert imported.data["key_issues"] == ["One issue.", "Another: with a colon.", "A third."]


def test_a_draft_typed_with_wrapped_lines_keeps_its_paragraphs() -> None:
    text = (
        "Discussions:\n"
        "Participants asked how to fund the last mile and\n"
        "whether community networks can be licensed.\n"
        "Regulators answered.\n"
        "\n"
        "A second paragraph, wrapped after a comma,\n"
        "continues here.\n"
    )
    imported = map_document(read_plain_text(text))
    assert imported.data["discussions"] == [
        (
            "Participants asked how to fund the last mile and whether community networks "
            "can be licensed."
        ),
        "Regulators answered.",
        "A second paragraph, wrapped after a comma, continues here.",
    ]


def test_a_line_that_merely_ends_in_a_label_is_not_a_broken_label() -> None:
    text = "Session Title\nYes\nList of Speakers and their institutional affiliations\n• A, B\n"
    imported = map_document(read_plain_text(text))
    assert imported.data["title"] == "Yes"
    assert imported.data["speakers"] == [{"name": "A", "affiliation": "B"}]


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(generated_documents)
def test_every_word_of_generated_text_is_kept(
    document: list[tuple[str, list[tuple[str, str]]]],
) -> None:
    tally("every word: text reader, generated pages")
    lines: list[str] = []
    for label, blocks in document:
        lines.append(label)
        lines.extend(f"• {text}" if kind == "item" else text for kind, text in blocks)
    text = "\n".join(lines)
    imported = map_document(read_plain_text(text))
    labels = tuple(label for label, _ in document)
    # a line's leading "1." numbers a list item: it is the bullet, not a word
    visible = "\n".join(_NUMBER.sub("", t) for _, b in document for _, t in b)
    assert_every_word_kept(visible, imported, labels)


def test_a_label_and_colon_typed_in_a_value_after_labels_on_their_own_lines_is_text() -> None:
    # once labels stood on their own lines, "Date: …" under Discussions is what was said
    text = (
        "Session Title\nOpen data\nDate\n6 December 2016\nDiscussions\n"
        "Date: 6 December 2016\nParticipants asked how to fund the last mile.\n"
    )
    imported = map_document(read_plain_text(text))
    assert imported.data["date"] == "6 December 2016"
    assert imported.data["discussions"] == [
        "Date: 6 December 2016",
        "Participants asked how to fund the last mile.",
    ]


# --- our own render read back -----------------------------------------------------------

_RULE_TITLE = DOCUMENT_TITLE + "\n" + "=" * display_width(DOCUMENT_TITLE) + "\n"


def _said(document: Document) -> list[tuple[str, bool, list[tuple[object, ...]]]]:
    """What plain text can say of a document: each section's label, place, blocks' words."""
    return [
        (
            s.label,
            s.fact,
            [(b.kind, b.text, b.lead, b.lead_break) for b in s.blocks],
        )
        for s in document.sections
    ]


def _rendered(report: Report, width: int = 80) -> tuple[Document, str]:
    document = report_document(check(report.model_dump()).shown())
    return document, write(document, width=width)


def test_a_render_reads_back_as_the_document_it_was_written_from() -> None:
    # each section once, the header's as facts, no title rule taken for a label
    document, text = _rendered(NUMBERED_PRESENTATIONS)
    read = read_plain_text(text)
    assert read.subtitle == DOCUMENT_TITLE
    assert _said(read) == _said(document)


def test_a_render_with_a_byte_order_mark_or_windows_line_ends_reads_as_a_render() -> None:
    document, text = _rendered(NUMBERED_PRESENTATIONS)
    assert _said(read_plain_text("\ufeff" + text)) == _said(document)
    assert _said(read_plain_text(text.replace("\n", "\r\n"))) == _said(document)


def test_a_blank_line_between_facts_of_a_render_keeps_both() -> None:
    # only lines indented under a value continue it across a blank line (an
    # invalid value's next paragraph); a label after one starts its own fact
    document, text = _rendered(NUMBERED_PRESENTATIONS)
    chair = next(line for line in text.splitlines() if line.startswith("Chair"))
    assert _said(read_plain_text(text.replace(chair, "\n" + chair + "\n", 1))) == _said(document)


def test_only_the_template_name_underlined_to_its_width_opens_a_render() -> None:
    rule = "=" * display_width(DOCUMENT_TITLE)
    assert is_rendered_text(DOCUMENT_TITLE + "\n" + rule)  # no line after it
    assert not is_rendered_text(DOCUMENT_TITLE)
    assert not is_rendered_text("X" + DOCUMENT_TITLE + "\n" + rule)
    assert not is_rendered_text(DOCUMENT_TITLE + "\n===\n")
    assert not is_rendered_text("Notes\n=====\nSession Title  Open data\n")


def test_a_line_break_is_kept_when_the_next_word_would_just_have_fitted() -> None:
    # the Discussions rule is 80 columns wide: 70 + a space + 9 fill a line exactly
    kept = "a" * 70 + "\n" + "b" * 9 + " cc dd"
    joined = "a" * 70 + " " + "b" * 10 + " cc dd"
    report = NUMBERED_PRESENTATIONS.model_copy(update={"discussions": [kept, joined]})
    document, text = _rendered(report)
    assert "a" * 70 + "\n" + "b" * 10 + " cc dd\n" in text  # the writer wrapped the second
    assert _said(read_plain_text(text)) == _said(document)


def test_a_value_that_looks_like_a_gap_or_a_rule_over_its_lines_is_kept() -> None:
    for discussions in (["(not\ngiven)"], ["Said first.", "===="]):
        report = NUMBERED_PRESENTATIONS.model_copy(update={"discussions": discussions})
        document, text = _rendered(report)
        assert _said(read_plain_text(text)) == _said(document)


def test_a_render_edited_by_hand_still_reads() -> None:
    document, text = _rendered(NUMBERED_PRESENTATIONS)
    # the blank line under the template's name taken out
    assert _said(read_plain_text(text.replace(_RULE_TITLE + "\n", _RULE_TITLE, 1))) == _said(
        document
    )
    # the header taken out, a section right under the name, no line end at the end
    (section,) = (s for s in document.sections if s.key == "discussions")
    text = f"{_RULE_TITLE}{section.label}\n---\nSaid first."
    assert _said(read_plain_text(text)) == [
        (section.label, False, [(BlockKind.PARAGRAPH, "Said first.", None, False)])
    ]


def test_windows_and_old_mac_line_ends_read_as_newlines() -> None:
    typed = "Session Title\nOpen data\nDiscussions\nOne asked how to fund\nthe last mile.\n"
    for end in ("\r\n", "\r"):
        imported = map_document(read_plain_text(typed.replace("\n", end)))
        assert imported.data["title"] == "Open data"
        assert imported.data["discussions"] == ["One asked how to fund the last mile."]


def test_a_byte_order_mark_is_no_word_of_the_text() -> None:
    for first in ("Intro words", "XML notes"):
        imported = map_document(read_plain_text(f"\ufeff{first}\nSession Title\nOpen data\n"))
        assert f"The text {first!r} before the first label was not imported." in imported.notes


def test_a_label_broken_over_two_lines_is_read_with_or_without_a_line_between() -> None:
    head = "Session Title\nOpen data\nList of Speakers and their\n"
    for between in ("", "(as published)\n"):
        text = f"{head}{between}institutional affiliations\n• A, B\n"
        imported = map_document(read_plain_text(text))
        assert imported.data["speakers"][-1] == {"name": "A", "affiliation": "B"}
        assert len(imported.data["speakers"]) == 1 + bool(between)


def test_an_indented_wrapped_line_starting_with_a_lower_case_word_continues() -> None:
    text = "Discussions\nGovernments spoke of\n  eGovernment services and\n  open data.\n"
    imported = map_document(read_plain_text(text))
    assert imported.data["discussions"] == [
        "Governments spoke of eGovernment services and open data."
    ]


def test_spaces_at_the_end_of_a_line_change_nothing() -> None:
    text = "Session Title\nOpen data\nKey Issues raised\n-\nOne.\n"
    assert read_plain_text(text.replace("\n", "   \n")) == read_plain_text(text)
