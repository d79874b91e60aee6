"""Each writer serialises any document tree, not only the one a report makes.

The example report's snapshots (tests/snapshots) pin what a report looks like;
these pin the writers' own rules on a tree built by hand: a header fact of two
blocks, a fact after a section, list items around paragraphs and entries, a
section without a field key, a document without a title section.
"""

from __future__ import annotations

import datetime as dt
import io
import tomllib
import zipfile
from pathlib import Path

import docx
import pytest
from docx.shared import Inches
from docx.text.paragraph import Paragraph

from igf_report.document import Block, BlockKind, Document, Section
from igf_report.errors import NotOurFile, UsageError
from igf_report.template.checked import Invalid, Shown
from igf_report.template.model import Person
from igf_report.template.validation import check
from igf_report.writers import get_renderer
from igf_report.writers.docx import write_docx
from igf_report.writers.html import write as write_html
from igf_report.writers.markdown import escape
from igf_report.writers.markdown import write as write_markdown
from igf_report.writers.published import write as write_published
from igf_report.writers.tree import report_document

from .conftest import EXAMPLES

NOTES = Document(
    subtitle="Draft notes",
    sections=(
        Section(
            "Place",
            (Block(BlockKind.PARAGRAPH, "Riyadh"), Block(BlockKind.PARAGRAPH, "12", note="(?)")),
            fact=True,
        ),
        Section(
            "Chair", (Block(BlockKind.PARAGRAPH, "Smith, Jo, UN", name="Smith, Jo"),), fact=True
        ),
        Section(
            "When",
            (Block(BlockKind.PARAGRAPH, "6 December 2016", date=dt.date(2016, 12, 6)),),
            fact=True,
        ),
        Section(
            "Notes",
            (
                Block(BlockKind.ITEM, "one"),
                Block(BlockKind.ITEM, "two"),
                Block(BlockKind.PARAGRAPH, "after\nbreak"),
                Block(BlockKind.ENTRY, "p1\n\np2", "T", lead_break=True),
                Block(BlockKind.ENTRY, "bare"),
                Block(BlockKind.ITEM, "three"),
            ),
        ),
        Section("Minutes", gap="(none)"),
    ),
)


def test_markdown_writes_any_document() -> None:
    assert write_markdown(NOTES, width=80) == (
        "# *(not given)*\n\n*Draft notes*\n\n"
        "- **Place:** Riyadh 12 **(?)**\n- **Chair:** Smith\\, Jo, UN\n"
        "- **When:** 6 December 2016\n"
        "\n## Notes\n\n- one\n- two\n\nafter\\\nbreak\n\n### 1. T\n\np1\n\np2\n\n"
        "### 2. *(untitled)*\n\nbare\n\n- three\n\n## Minutes\n\n*(none)*\n"
    )


def test_published_writes_any_document() -> None:
    # a comma in the name is a character reference, the one before the
    # affiliation a comma; a date in the site's month-first form
    assert write_published(NOTES, width=80) == (
        "\n\n## IGF 2016 Workshop Report Template\n\n"
        "Place\tRiyadh 12 (?)\n"
        "Chair\tSmith&#44; Jo, UN\n"
        "When\t12/06/2016\n"
        'Notes\t<ul style="list-style-type: none"> <li>-one</li> <li>-two</li> </ul> '
        "<p>after<br>break</p> <p><b>T</b><br>p1<br><br>p2</p> <p>bare</p> "
        '<ul style="list-style-type: none"> <li>-three</li> </ul>\n'
        "Minutes\t\n"
    )


def test_html_writes_any_document() -> None:
    page = write_html(NOTES, width=80)
    assert "<title>Draft notes</title>" in page
    body = page[page.index("<body>") : page.index("<footer>")]
    assert body == (
        '<body>\n<header class="report">\n<p class="kind">Draft notes</p>\n'
        '<h1><span class="missing">(not given)</span></h1>\n<dl class="facts">\n'
        '<dt>Place</dt><dd>Riyadh <span class="invalid">12</span> '
        '<span class="invalid-note">(?)</span></dd>\n'
        "<dt>Chair</dt><dd>Smith&#44; Jo, UN</dd>\n<dt>When</dt><dd>6 December 2016</dd>\n"
        "</dl>\n</header>\n<main>\n"
        "<section>\n<h2>Notes</h2>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n"
        "<p>after<br>break</p>\n"
        "<article>\n<h3>1. T</h3>\n<p>p1</p>\n<p>p2</p>\n</article>\n"
        '<article>\n<h3>2. <span class="missing">(untitled)</span></h3>\n<p>bare</p>\n</article>\n'
        "<ul>\n<li>three</li>\n</ul>\n</section>\n"
        '<section>\n<h2>Minutes</h2>\n<p><span class="missing">(none)</span></p>\n</section>\n'
        "</main>\n"
    )


def test_html_heads_a_document_without_a_title_section_with_its_title() -> None:
    page = write_html(Document(title="Open <data>", subtitle="Notes"), width=80)
    assert "<title>Open &lt;data&gt; - Notes</title>" in page
    assert '<p class="kind">Notes</p>\n<h1>Open &lt;data&gt;</h1>' in page
    untitled = write_html(Document(), width=80)
    assert "<title>IGF 2016 Workshop Report</title>" in untitled
    assert '<h1><span class="missing">(not given)</span></h1>' in untitled


@pytest.mark.parametrize(
    ("text", "markdown"),
    [
        ("line one\nline two", "line one\\\nline two"),
        ("- not a list", "\\- not a list"),
        ("> not a quote", "\\> not a quote"),
        ("12. not a list", "12\\. not a list"),
        # a blank line inside a value is a lone break, which does not end the paragraph
        ("one\n\ntwo", "one\\\n\\\ntwo"),
        ("one\n\n\ntwo", "one\\\n\\\n\\\ntwo"),
        ("\none\n", "one"),
    ],
)
def test_markdown_escape_keeps_text_text(text: str, markdown: str) -> None:
    assert escape(text) == markdown


def _values() -> dict[str, Shown]:
    path = EXAMPLES / "national-digital-strategy.toml"
    return check(tomllib.loads(path.read_text(encoding="utf-8"))).shown()


def test_a_text_format_as_bytes_is_its_text_in_utf8() -> None:
    text = get_renderer("text")
    assert text.render_bytes(_values()) == text.render(_values()).encode()
    assert text.render_bytes(_values(), width=40) == text.render(_values(), width=40).encode()


def test_only_a_file_with_the_marker_near_its_start_is_ours(tmp_path: Path) -> None:
    markdown = get_renderer("markdown")
    ours = tmp_path / "ours.md"
    ours.write_text(markdown.render(_values()), encoding="utf-8")
    assert markdown.wrote(ours)
    quoting = tmp_path / "quoting.md"  # someone's notes that quote a report far down
    quoting.write_text("x" * 5000 + markdown.render(_values()), encoding="utf-8")
    assert not markdown.wrote(quoting)
    folder = tmp_path / "folder.md"
    folder.mkdir()
    assert not markdown.wrote(folder)
    with pytest.raises(NotOurFile) as refused:
        markdown.check_overwrite(folder)
    assert str(refused.value) == (
        f"{folder} exists and was not written by igf-report, so it is left untouched; "
        "use --force to replace it, or choose another file"
    )


def _style(paragraph: Paragraph) -> str | None:
    return paragraph.style.name if paragraph.style is not None else None


def test_word_writes_any_document_with_its_styles_and_properties() -> None:
    data = write_docx(NOTES)
    word = docx.Document(io.BytesIO(data))
    properties = word.core_properties
    assert (properties.title, properties.subject, properties.author) == (
        "",
        "Draft notes",
        "igf-report",
    )
    assert properties.comments.startswith("Written by igf-report ")
    heading, subtitle, *_ = word.paragraphs
    assert (heading.text, _style(heading)) == ("(not given)", "Title")
    assert (subtitle.text, _style(subtitle)) == ("Draft notes", "Subtitle")
    (table,) = word.tables
    assert table.style is not None
    assert table.style.name == "Table Grid"
    assert table.autofit is False  # the widths below hold on every screen
    assert [column.width for column in table.columns] == [Inches(2.0), Inches(4.5)]
    place, chair, _ = table.rows
    assert [(run.text, run.bold) for run in place.cells[0].paragraphs[0].runs] == [("Place", True)]
    # a fact of two blocks: one paragraph each; an invalid value's mark in italics after it
    assert [p.text for p in place.cells[1].paragraphs] == ["Riyadh", "12 (?)"]
    mark = place.cells[1].paragraphs[1].runs[-1]
    assert (mark.text, mark.italic) == ("(?)", True)
    assert chair.cells[1].text == "Smith, Jo, UN"
    # the name in a character style of its own: its comma is not the affiliation's
    name, rest = chair.cells[1].paragraphs[0].runs
    assert (name.text, name.style.name, rest.text) == ("Smith, Jo", "Person Name", ", UN")
    assert [p.text for p in word.paragraphs] == [
        "(not given)",
        "Draft notes",
        "Notes",
        "one",
        "two",
        "after\nbreak",
        "T\np1\n\np2",
        "bare",
        "three",
        "Minutes",
        "(none)",
    ]
    notes = [p for p in word.paragraphs if _style(p) == "Heading 1"]
    assert [p.text for p in notes] == ["Notes", "Minutes"]
    gap = word.paragraphs[-1].runs[0]
    assert (gap.text, gap.italic) == ("(none)", True)
    entry = next(p for p in word.paragraphs if p.text.startswith("T"))
    assert [(run.text, run.bold) for run in entry.runs] == [
        ("T", True),
        ("\n", None),
        ("p1\n\np2", None),
    ]


def test_word_sets_a_lead_in_that_runs_on_and_a_fact_after_a_section() -> None:
    lead = Block(BlockKind.PARAGRAPH, "then the text", "Lead:")
    place = Section("Place", (Block(BlockKind.PARAGRAPH, "Riyadh"),), fact=True)
    room = Section("Room", (Block(BlockKind.PARAGRAPH, "B"),), fact=True)
    data = write_docx(Document(title="T", sections=(place, Section("Notes", (lead,)), room)))
    word = docx.Document(io.BytesIO(data))
    assert (word.core_properties.title, word.core_properties.subject) == ("T", "")
    assert [p.text for p in word.paragraphs] == ["T", "Notes", "Lead: then the text"]
    assert word.paragraphs[2].runs[0].bold
    # a table for the facts before the section, another for the one after it
    assert [[c.text for c in t.rows[0].cells] for t in word.tables] == [
        ["Place", "Riyadh"],
        ["Room", "B"],
    ]


def test_word_stores_only_its_marker_uncompressed_and_always_the_same_bytes() -> None:
    data = write_docx(NOTES)
    assert data == write_docx(NOTES)  # no clock in the file: the same tree, the same bytes
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        stored = [i.filename for i in package.infolist() if i.compress_type == zipfile.ZIP_STORED]
    assert stored == ["docProps/core.xml"]  # found without unzipping; the rest deflated


def test_a_text_format_is_80_columns_unless_told_and_a_binary_one_is_not_text() -> None:
    text = get_renderer("text")
    assert text.render(_values()) == text.render(_values(), width=80)
    assert text.render(_values()) != text.render(_values(), width=81)
    with pytest.raises(UsageError, match=r"not text; write it to a file with -o REPORT\.docx"):
        get_renderer("docx").render(_values())


def test_published_runs_a_lead_in_on_with_a_space() -> None:
    lead = Block(BlockKind.PARAGRAPH, "then the text", "Lead:")
    rows = write_published(Document(sections=(Section("Notes", (lead,)),)), width=80)
    assert rows.endswith("Notes\t<p><b>Lead:</b> then the text</p>\n")


def test_a_report_without_a_title_is_headed_not_given() -> None:
    values = _values()
    del values["title"]
    assert get_renderer("markdown").render(values).startswith("# *(not given)*\n")
    assert report_document(values).title is None


@pytest.mark.parametrize(
    ("line", "shown"),
    [
        ("date = true", "Date                  true (invalid: "),
        ("date = false", "Date                  false (invalid: "),
        ('organizer = {a = 1, b = "x"}', "Session Organizer     a = 1, b = x (invalid: "),
    ],
)
def test_an_invalid_value_is_shown_as_the_file_wrote_it(line: str, shown: str) -> None:
    source = (EXAMPLES / "national-digital-strategy.toml").read_text(encoding="utf-8")
    key = line.split(" ", 1)[0]
    lines = [line if text.startswith(f"{key} = ") else text for text in source.split("\n")]
    checked = check(tomllib.loads("\n".join(lines)))
    text = get_renderer("text").render(checked.shown())
    assert shown in text


def test_an_invalid_list_says_which_item_and_every_error() -> None:
    values = tomllib.loads((EXAMPLES / "national-digital-strategy.toml").read_text("utf-8"))
    values["speakers"] = [{"name": "Ana"}, {"name": 3, "affiliation": 4}]
    values["date"] = "next tuesday"  # another field's error is not the list's
    checked = check(values)
    assert checked.warnings  # which are not the list's errors, nor another field's
    shown = checked.shown()
    # only the wrong item is Invalid, with every error of its own
    speakers = shown["speakers"]
    assert isinstance(speakers, list)
    ana, invalid = speakers
    assert ana == Person(name="Ana")
    assert isinstance(invalid, Invalid)
    assert invalid.text == "name = 3, affiliation = 4"
    assert invalid.message == "name: should be text; affiliation: should be text"
    # a list wrong as a whole is shown whole
    whole = check({**values, "speakers": 5}).shown()["speakers"]
    assert whole == Invalid("5", "should be a list")


def test_an_unknown_format_names_every_format() -> None:
    with pytest.raises(UsageError) as refused:
        get_renderer("pdf")
    assert str(refused.value) == (
        "unknown format 'pdf'; choose one of: text, markdown, html, published, docx"
    )


def test_html_marks_an_invalid_title_in_its_heading() -> None:
    values = _values()
    values["title"] = Invalid("<b>draft</b>", "too short")
    page = get_renderer("html").render(values)
    assert "<title>&lt;b&gt;draft&lt;/b&gt; - IGF 2016 Workshop Report</title>" in page
    assert (
        '<h1><span class="invalid">&lt;b&gt;draft&lt;/b&gt;</span> '
        '<span class="invalid-note">(invalid: too short)</span></h1>'
    ) in page
