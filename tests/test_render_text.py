"""The plain-text writer: layout rules the example report's snapshot does not reach."""

from __future__ import annotations

import tomllib

from igf_report.document import Block, BlockKind, Document, Section
from igf_report.template.checked import Shown
from igf_report.template.model import Presentation
from igf_report.template.validation import check
from igf_report.textutil import display_width
from igf_report.writers import get_renderer
from igf_report.writers.text import write

from .conftest import EXAMPLES

TEXT = get_renderer("text")


def _values() -> dict[str, Shown]:
    path = EXAMPLES / "national-digital-strategy.toml"
    return check(tomllib.loads(path.read_text(encoding="utf-8"))).shown()


def _presentations(text: str) -> list[str]:
    """The lines of the presentations' section below its heading and rule."""
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("If there")) + 3
    end = next(i for i, line in enumerate(lines) if line.startswith("Please describe the"))
    return lines[start : end - 1]


def test_a_summary_of_two_paragraphs_keeps_them_apart_under_its_number() -> None:
    values = _values()
    values["presentations"] = [
        Presentation(title="Gob.mx", summary="First paragraph.\n\nSecond paragraph."),
        Presentation(summary="Untitled, one paragraph.\n \nAnd its second."),
    ]
    # the title, "(untitled)" when it has none, then each paragraph after a
    # blank line: where a title ends never depends on how its lines wrapped
    assert _presentations(TEXT.render(values)) == [
        "1. Gob.mx",
        "",
        "   First paragraph.",
        "",
        "   Second paragraph.",
        "",
        "2. (untitled)",
        "",
        "   Untitled, one paragraph.",
        "",
        "   And its second.",
    ]


def test_the_header_goes_under_its_labels_when_two_columns_would_not_fit() -> None:
    # the longest label, Rapporteur/Notetaker, and two spaces take 22 columns:
    # half of 44 still leaves the value its 22
    wide = TEXT.render(_values(), width=44).split("\n")
    assert "Time                  10:45 - 11:45" in wide
    narrow = TEXT.render(_values(), width=43).split("\n")
    at = narrow.index("Time")
    assert narrow[at + 1] == "    10:45 - 11:45"
    assert narrow[narrow.index("Date") + 1] == "    6 December 2016"
    assert all(display_width(line) <= 43 for line in narrow)


def test_a_width_under_20_columns_is_taken_as_20() -> None:
    text = TEXT.render(_values(), width=5)
    assert text == TEXT.render(_values(), width=20)
    widest = max(display_width(line) for line in text.split("\n"))
    assert widest == 20  # filled to the edge, never past it


def test_the_writer_shows_whatever_document_it_is_given() -> None:
    # facts after a section form a header block of their own; a fact of two
    # blocks shows both; the document's own subtitle heads the page
    document = Document(
        title="Ignored: the title is a fact",
        subtitle="Draft notes",
        sections=(
            Section("Place", (Block(BlockKind.PARAGRAPH, "Riyadh"),), fact=True),
            Section("Notes", (Block(BlockKind.ITEM, "one"), Block(BlockKind.ITEM, "two"))),
            Section(
                "Room",
                (Block(BlockKind.PARAGRAPH, "B"), Block(BlockKind.PARAGRAPH, "12", note="(?)")),
                fact=True,
            ),
            Section("Chair", fact=True, gap="(not given)"),
            Section("Minutes", gap="(none)"),
        ),
    )
    assert write(document, width=40) == (
        "Draft notes\n"
        "===========\n"
        "\n"
        "Place  Riyadh\n"
        "\n"
        "Notes\n"
        "-----\n"
        "- one\n"
        "- two\n"
        "\n"
        "Room   B 12 (?)\n"
        "Chair  (not given)\n"
        "\n"
        "Minutes\n"
        "-------\n"
        "(none)\n"
    )
