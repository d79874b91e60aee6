"""Word files: a filled-in template read field by field; reports written as Word and read back."""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from igf_report.document import Block, BlockKind, Document
from igf_report.errors import FileReadError
from igf_report.marks import MISSING, NONE_GIVEN, WORD_MARKER, WORD_PERSON_NAME
from igf_report.readers.mapping import map_document
from igf_report.readers.word import _LONGEST_LABEL, is_docx, read_word
from igf_report.template.fields import FIELDS
from igf_report.template.model import Person, Presentation
from igf_report.writers import get_renderer

from .conftest import EXAMPLES, Invoke, examples
from .documents import assert_every_word_kept, generated_documents, imported_report
from .reliability import tally

render_docx = get_renderer("docx").render_bytes


def _bytes(word: WordDocument) -> bytes:
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _filled_template() -> bytes:
    """The template as rapporteurs get it (a two-column table), filled in Word."""
    word = docx.Document()
    word.add_paragraph("IGF 2016 Workshop Report Template", style="Title")
    word.add_paragraph("Please fill in every field and send it to the secretariat.")
    table = word.add_table(rows=0, cols=2)
    simple = {
        "Session title:": "Connecting the Next Billion",
        "Date:": "7 December 2016",
        "Time:": "9:00 – 10:30",
        "Workshop Organiser:": "Internet Society",
        "Chairperson/Moderator:": "Ana Pérez, Internet Society",
        "Rapporteur/Note Taker:": "",
    }
    for label, value in simple.items():
        row = table.add_row().cells
        row[0].paragraphs[0].add_run(label).bold = True
        row[1].paragraphs[0].add_run(value)
    row = table.add_row().cells
    row[0].text = "List of Speakers and their institutional affiliations:"
    row[1].paragraphs[0].text = "Li Wei, CNNIC"
    row[1].paragraphs[0].style = "List Bullet"
    row[1].add_paragraph("Jean Dupont, Afnic", style="List Bullet")
    row = table.add_row().cells
    row[0].text = "Key Issues raised: (1 sentence per issue)"
    row[1].paragraphs[0].text = "Affordability of access & devices."
    row[1].paragraphs[0].style = "List Number"
    row[1].add_paragraph("Local content in <local> languages #i18n.", style="List Number")
    row = table.add_row().cells
    row[0].text = FIELDS[8].template.wordings[0]
    first = row[1].paragraphs[0]
    first.add_run("Community networks").bold = True
    first.add_run(" Villages build and run their own networks.")
    second = row[1].add_paragraph()
    second.add_run("Spectrum").bold = True
    second.add_run().add_break()
    second.add_run("Regulators should open spectrum.")
    row = table.add_row().cells
    row[0].text = FIELDS[9].heading
    row[1].paragraphs[0].text = "Participants asked how to fund the last mile."
    row[1].add_paragraph("A second paragraph\twith a tab.")
    row = table.add_row().cells
    row[0].text = FIELDS[10].heading
    row[1].paragraphs[0].text = "Hold a follow-up at IGF 2017."
    return _bytes(word)


def test_a_filled_in_template_imports_field_by_field() -> None:
    data = _filled_template()
    assert is_docx(data)
    imported = map_document(read_word(data))
    report = imported_report(imported)
    assert report.title == "Connecting the Next Billion"
    assert report.date == dt.date(2016, 12, 7)
    assert (report.time.start, report.time.end) == (dt.time(9), dt.time(10, 30))
    assert report.organizer == "Internet Society"
    assert report.chair == Person(name="Ana Pérez", affiliation="Internet Society")
    assert report.rapporteur is None
    assert [str(s) for s in report.speakers] == ["Li Wei, CNNIC", "Jean Dupont, Afnic"]
    assert report.key_issues == [
        "Affordability of access & devices.",
        "Local content in <local> languages #i18n.",
    ]
    assert report.presentations == [
        Presentation(
            title="Community networks", summary="Villages build and run their own networks."
        ),
        Presentation(title="Spectrum", summary="Regulators should open spectrum."),
    ]
    assert report.discussions == [
        "Participants asked how to fund the last mile.",
        "A second paragraph with a tab.",  # whitespace is collapsed, as on the web
    ]
    assert report.way_forward == ["Hold a follow-up at IGF 2017."]
    notes = " ".join(imported.notes)
    assert "Please fill in every field" in notes  # the instruction's words are accounted for


def test_labels_as_paragraphs_headings_and_bold_lead_ins() -> None:
    word = docx.Document()
    word.add_paragraph("Session Title")
    word.add_paragraph("Open data for all")
    para = word.add_paragraph()
    para.add_run("Date:").bold = True
    para.add_run(" 6 December 2016")
    word.add_paragraph("Session Organizer: Open Knowledge")
    word.add_heading("Key Issues raised", level=2)
    word.add_paragraph("Privacy.", style="List Bullet")
    imported = map_document(read_word(_bytes(word)))
    assert imported.data["organizer"] == "Open Knowledge"
    assert imported.data["title"] == "Open data for all"
    assert imported.data["date"] == "6 December 2016"
    assert imported.data["key_issues"] == ["Privacy."]


def test_a_header_table_then_label_paragraphs() -> None:
    # a template whose header block is a table and whose lists stand under
    # label paragraphs: after the table, every label paragraph was read as
    # text, and the rapporteur's affiliation swallowed the rest of the file
    word = docx.Document()
    table = word.add_table(rows=0, cols=2)
    for label, value in [("Session Title", "Open data"), ("Rapporteur/Notetaker", "Li Wei, CNNIC")]:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value
    word.add_paragraph("List of Speakers and their institutional affiliations")
    word.add_paragraph("Ana Pérez, ODI", style="List Bullet")
    word.add_paragraph("Key Issues raised (1 sentence per issue):")
    word.add_paragraph("Data must be open.", style="List Bullet")
    word.add_paragraph("Discussions")
    word.add_paragraph("Session Title")  # a label already found: the discussion's words
    word.add_paragraph("(not given)")  # a person's way of saying "none"
    imported = map_document(read_word(_bytes(word)))
    assert imported.data["rapporteur"] == {"name": "Li Wei", "affiliation": "CNNIC"}
    assert imported.data["speakers"] == [{"name": "Ana Pérez", "affiliation": "ODI"}]
    assert imported.data["key_issues"] == ["Data must be open."]
    assert imported.data["discussions"] == ["Session Title"]
    assert any("placeholder '(not given)'" in note for note in imported.notes)


def test_not_a_word_file() -> None:
    assert not is_docx(b"PK\x03\x04 not a zip")
    assert not is_docx(b"Session Title\tX\n")


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(generated_documents, st.sampled_from(["table", "headings"]))
def test_every_word_of_a_generated_word_file_is_kept(
    document: list[tuple[str, list[tuple[str, str]]]], layout: str
) -> None:
    tally("every word: Word reader, generated files")
    word = docx.Document()
    for label, blocks in document:
        if layout == "table":
            cells = word.add_table(rows=1, cols=2).rows[0].cells
            cells[0].text = label
            cells[1].text = ""
            target = cells[1].add_paragraph
        else:
            word.add_heading(label, level=2)
            target = word.add_paragraph
        for kind, text in blocks:
            target(text, style="List Bullet" if kind == "item" else None)
    imported = map_document(read_word(_bytes(word)))
    labels = tuple(label for label, _ in document)
    visible = " ".join(text for _, blocks in document for _, text in blocks)
    assert_every_word_kept(visible, imported, labels)


def _example(tmp_path: Path, invoke: Invoke) -> Path:
    out = tmp_path / "report.docx"
    result = invoke(
        "render", str(EXAMPLES / "national-digital-strategy.toml"), "-f", "docx", "-o", str(out)
    )
    assert result.exit_code == 0, result.output
    return out


def test_the_word_file_has_real_styles_a_table_lists_and_bold_titles(
    tmp_path: Path, invoke: Invoke
) -> None:
    word = docx.Document(str(_example(tmp_path, invoke)))
    styles = [p.style.name for p in word.paragraphs if p.style is not None]
    assert styles[:2] == ["Title", "Subtitle"]
    headings = [
        p.text for p in word.paragraphs if p.style is not None and p.style.name == "Heading 1"
    ]
    assert headings == [spec.heading for spec in FIELDS if spec.kind.is_list]
    assert styles.count("List Bullet") == 4 + 3  # speakers and key issues
    (table,) = word.tables
    assert [row.cells[0].text for row in table.rows] == [
        spec.heading for spec in FIELDS if not spec.kind.is_list
    ]
    assert table.rows[1].cells[1].text == "6 December 2016"
    titled = [p for p in word.paragraphs if p.runs and p.runs[0].bold]
    assert titled[0].runs[0].text == "Gob.mx"  # bold, then a line break in a run of its own
    assert all(p.runs[1].text == "\n" and not p.runs[1].bold for p in titled)


def test_a_word_file_goes_to_stdout_that_is_not_a_terminal(invoke: Invoke) -> None:
    # `render -f docx > r.docx`; a terminal refuses it (tests/test_cli_render.py)
    result = invoke("render", str(EXAMPLES / "national-digital-strategy.toml"), "-f", "docx")
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes.startswith(b"PK")


def test_a_word_file_igf_report_wrote_is_replaced_but_no_other(
    tmp_path: Path, invoke: Invoke
) -> None:
    out = _example(tmp_path, invoke)
    assert get_renderer("docx").wrote(out)
    _example(tmp_path, invoke)  # ours: replaced
    other = tmp_path / "other.docx"
    other.write_bytes(_filled_template())
    result = invoke(
        "render", str(EXAMPLES / "national-digital-strategy.toml"), "-f", "docx", "-o", str(other)
    )
    assert result.exit_code == 1
    assert other.read_bytes() == _filled_template() or is_docx(other.read_bytes())


def test_libreoffice_opens_the_word_file(tmp_path: Path, invoke: Invoke) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        if os.environ.get("CI"):
            pytest.fail("CI must have LibreOffice: .ci/run installs it")
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-writer-nogui)")
    out = _example(tmp_path, invoke)
    subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
        check=True,
        capture_output=True,
        timeout=180,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    pdf = tmp_path / "report.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    if pdftotext := shutil.which("pdftotext"):
        text = subprocess.run(
            [pdftotext, str(pdf), "-"], check=True, capture_output=True, text=True
        ).stdout
        for words in (
            "National Digital Strategy Impact",
            "Key Issues raised",
            "Gob.mx",
            "6 December 2016",
        ):
            assert words in text


def test_hostile_values_are_written_as_text_and_read_back() -> None:
    from .test_formats import _hostile_values  # noqa: PLC0415 -- the shared hostile report

    values = _hostile_values()
    imported = map_document(read_word(render_docx(values)))
    title = imported.data["title"]
    # Word cannot hold control characters: shown by their symbols in a style
    # of their own, which the reader of a file igf-report wrote turns back
    assert "\x1b[31mred\x1b[0m" in title
    assert "<script>alert(1)</script> &amp;" in title
    assert imported.data["key_issues"][1].startswith("1. *Bob*")
    assert imported.data["key_issues"][2].startswith("- *Bob*")


# -- the reader, piece by piece: what a Word file's styles and runs mean --


def _read(word: WordDocument) -> Document:
    return read_word(_bytes(word))


def _blocks(document: Document) -> list[Block]:
    return [block for section in document.sections for block in section.blocks]


def _hyperlink(paragraph: Paragraph, text: str) -> None:
    """A link in ``paragraph``: a run of its own kind, with no bold, style or italic."""
    link = OxmlElement("w:hyperlink")
    link.set(qn("w:anchor"), "top")
    run = OxmlElement("w:r")
    words = OxmlElement("w:t")
    words.text = text
    words.set(qn("xml:space"), "preserve")
    run.append(words)
    link.append(run)
    paragraph._p.append(link)


def test_a_run_in_a_bold_character_style_is_a_bold_lead_in() -> None:
    word = docx.Document()
    strong = word.styles.add_style("Strong words", WD_STYLE_TYPE.CHARACTER)
    strong.font.bold = True
    word.add_heading(FIELDS[8].heading, level=2)
    paragraph = word.add_paragraph()
    paragraph.add_run("Spectrum", style="Strong words")
    paragraph.add_run(" Regulators should open spectrum.")
    (block,) = _blocks(_read(word))
    assert (block.lead, block.text) == ("Spectrum", "Regulators should open spectrum.")


def test_a_link_is_words_of_the_paragraph_never_bold() -> None:
    word = docx.Document()
    paragraph = word.add_paragraph()
    paragraph.add_run("Gob.mx").bold = True
    _hyperlink(paragraph, " www.gob.mx")
    paragraph.add_run(" is the portal.")
    (block,) = _blocks(_read(word))
    assert (block.lead, block.text) == ("Gob.mx", "www.gob.mx is the portal.")


def test_the_writers_mark_is_the_italic_end_of_a_paragraph_and_only_that() -> None:
    word = docx.Document()
    split = word.add_paragraph()  # Word splits a run it edits: the mark in two runs
    split.add_run("Spectrum").bold = True
    split.add_run(" Open spectrum. ")
    split.add_run("(invalid: ").italic = True
    split.add_run("too long)").italic = True
    spaced = word.add_paragraph("Rule ")
    spaced.add_run("(invalid: a) ").italic = True
    linked = word.add_paragraph("Rule ")
    _hyperlink(linked, "(invalid: a)")  # a link is never italic: the words typed
    assert [(b.lead, b.text, b.note) for b in _blocks(_read(word))] == [
        ("Spectrum", "Open spectrum.", "(invalid: too long)"),
        (None, "Rule", "(invalid: a)"),
        (None, "Rule (invalid: a)", None),
    ]


def test_a_line_break_in_a_persons_paragraph_is_kept() -> None:
    word = docx.Document()
    paragraph = word.add_paragraph("First   line")
    paragraph.add_run().add_break()
    paragraph.add_run("second\tline")
    (block,) = _blocks(_read(word))
    assert block.text == "First line\nsecond line"


def test_what_a_bold_lead_in_is() -> None:
    word = docx.Document()
    word.add_heading(FIELDS[8].heading, level=2)
    blank_first = word.add_paragraph()
    blank_first.add_run("  ")
    blank_first.add_run("Open data").bold = True
    blank_first.add_run(" Data must be open.")
    broken = word.add_paragraph()
    broken.add_run("Spectrum").bold = True
    broken.add_run().add_break()
    broken.add_run("Regulators should open spectrum.")
    bold_across = word.add_paragraph()
    bold_across.add_run("Access\nmore\nin bold").bold = True
    bold_across.add_run(" and plain.")
    spaced = word.add_paragraph()
    spaced.add_run("Spectrum").bold = True
    run = spaced.add_run(" ")  # a space, then the break, in one plain run
    run.add_break()
    run.add_text("Open it.")
    same_line = word.add_paragraph()
    same_line.add_run("Chapter").bold = True
    same_line.add_run(" XX")  # the lead-in's line goes on: no break after it
    same_line.add_run().add_break()
    same_line.add_run("Twenty.")
    assert [(b.lead, b.text, b.lead_break) for b in _blocks(_read(word))] == [
        ("Open data", "Data must be open.", False),
        ("Spectrum", "Regulators should open spectrum.", True),
        ("Access", "more\nin bold and plain.", True),  # a lead-in ends at its first line
        ("Spectrum", "Open it.", True),
        ("Chapter", "XX\nTwenty.", False),
    ]


def test_a_numbered_or_list_paragraph_is_an_item() -> None:
    word = docx.Document()
    word.add_heading(FIELDS[7].heading, level=2)
    word.add_paragraph("Bulleted.", style="List Bullet")
    numbered = word.add_paragraph("Numbered by Word.")
    numbering = numbered._p.get_or_add_pPr().get_or_add_numPr()
    numbering.get_or_add_ilvl().val = 0
    numbering.get_or_add_numId().val = 1
    word.add_paragraph("Plain.")
    assert [(b.kind, b.text) for b in _blocks(_read(word))] == [
        (BlockKind.ITEM, "Bulleted."),
        (BlockKind.ITEM, "Numbered by Word."),
        (BlockKind.PARAGRAPH, "Plain."),
    ]


def test_title_subtitle_and_heading_styles() -> None:
    word = docx.Document()
    word.add_paragraph("Open   data", style="Title")
    word.add_paragraph("  A workshop \t report ", style="Subtitle")
    word.add_paragraph("Another subtitle", style="Subtitle")  # one subtitle only
    word.add_heading(FIELDS[8].heading, level=3)
    word.add_heading("Gob.mx", level=4)
    word.add_paragraph("The portal.")
    word.add_paragraph("Late subtitle", style="Subtitle")  # after a label: a paragraph, which
    document = _read(word)
    assert (document.title, document.subtitle) == ("Open data", "A workshop report")
    assert [section.label for section in document.sections] == ["", FIELDS[8].heading]
    assert [(b.lead, b.text) for b in _blocks(document)] == [
        (None, "Another subtitle"),
        ("Gob.mx", "The portal.\n\nLate subtitle"),  # its summary goes on
    ]


def test_a_table_row_is_a_label_and_its_value_only_with_a_short_first_cell() -> None:
    word = docx.Document()
    table = word.add_table(rows=0, cols=2)
    rows = [
        (FIELDS[0].heading, "Open data"),
        ("", "Beside no label."),
        ("L" * _LONGEST_LABEL, "Under the longest label."),
        ("W" * (_LONGEST_LABEL + 1), "Beside words."),
    ]
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value
    word.add_table(rows=1, cols=1).rows[0].cells[0].text = "One cell alone."
    word.add_heading(FIELDS[9].heading, level=2)
    document = _read(word)
    assert [(s.label, s.fact, [b.text for b in s.blocks]) for s in document.sections] == [
        (FIELDS[0].heading, True, ["Open data", "Beside no label."]),
        (
            "L" * _LONGEST_LABEL,
            True,
            [
                "Under the longest label.",
                "W" * (_LONGEST_LABEL + 1),
                "Beside words.",
                "One cell alone.",
            ],
        ),
        (FIELDS[9].heading, False, []),
    ]


def _ours() -> WordDocument:
    word = docx.Document()
    word.core_properties.comments = f"{WORD_MARKER} 1.0"
    return word


def test_an_italic_placeholder_alone_is_a_gap_in_a_file_igf_report_wrote() -> None:
    word = _ours()
    word.add_heading(FIELDS[9].heading, level=1)
    gap = word.add_paragraph()
    gap.add_run("  ")  # blank runs are no words: neither italic nor not
    gap.add_run(MISSING).italic = True
    word.add_paragraph(NONE_GIVEN)  # typed as the value
    word.add_paragraph().add_run("(maybe)").italic = True
    document = _read(word)
    assert [b.text for b in _blocks(document)] == [NONE_GIVEN, "(maybe)"]
    assert any(MISSING in note for note in document.notes)


def test_a_file_igf_report_wrote_keeps_its_spaces_names_and_labels_as_words() -> None:
    word = _ours()
    word.styles.add_style(WORD_PERSON_NAME, WD_STYLE_TYPE.CHARACTER)
    word.add_heading(FIELDS[9].heading, level=1)
    word.add_paragraph("Two  spaces\tand a tab.")
    word.add_paragraph(FIELDS[0].heading)  # a label's words typed as a value
    named = word.add_paragraph()
    named.add_run("Li, Wei", style=WORD_PERSON_NAME)
    named.add_run(", CNNIC")
    linked = word.add_paragraph("See ")
    _hyperlink(linked, "the report")
    _hyperlink(word.add_paragraph(), NONE_GIVEN)  # not in italics: a value, not a gap
    document = _read(word)
    assert [(b.text, b.name) for b in _blocks(document)] == [
        ("Two  spaces\tand a tab.", None),
        (FIELDS[0].heading, None),
        ("Li, Wei, CNNIC", "Li, Wei"),
        ("See the report", None),
        (NONE_GIVEN, None),
    ]


def test_a_persons_file_has_no_names_set_apart() -> None:
    # the name style is igf-report's mark; in a person's file, commas decide
    word = docx.Document()
    word.styles.add_style(WORD_PERSON_NAME, WD_STYLE_TYPE.CHARACTER)
    word.add_heading(FIELDS[9].heading, level=1)
    word.add_paragraph().add_run("Li, Wei", style=WORD_PERSON_NAME)
    assert [(b.text, b.name) for b in _blocks(_read(word))] == [("Li, Wei", None)]


def test_a_file_that_is_not_word_is_named_in_the_error() -> None:
    with pytest.raises(FileReadError, match=r"^report\.docx: cannot be read as a Word"):
        read_word(b"PK\x03\x04 broken", "report.docx")
    with pytest.raises(FileReadError, match=r"^the file: cannot be read"):
        read_word(b"not even a zip")


def test_a_first_heading_1_is_the_title_and_a_lower_one_is_not() -> None:
    word = docx.Document()
    word.add_heading("Open data", level=1)
    word.add_heading("Workshop 12", level=2)
    word.add_heading(FIELDS[9].heading, level=2)
    document = _read(word)
    assert document.title == "Open data"
    assert [b.text for b in _blocks(document)] == ["Workshop 12"]


def test_styles_are_read_once_never_by_python_docx_lookups(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # python-docx reads every style of the file to answer each ask (nine tenths
    # of the time a Word report took to import) and puts the id in an XPath: the
    # reader reads the styles once into a table and never asks python-docx
    from docx.parts.document import DocumentPart  # noqa: PLC0415 -- the class spied on

    asked: list[tuple[str | None, WD_STYLE_TYPE]] = []
    real = DocumentPart.get_style

    def get_style(self: DocumentPart, style_id: str | None, kind: WD_STYLE_TYPE) -> object:
        asked.append((style_id, kind))
        return real(self, style_id, kind)

    monkeypatch.setattr(DocumentPart, "get_style", get_style)
    imported = map_document(read_word(_filled_template()))
    assert imported.data["speakers"] == [
        {"name": "Li Wei", "affiliation": "CNNIC"},
        {"name": "Jean Dupont", "affiliation": "Afnic"},
    ]
    assert imported.data["key_issues"] == [
        "Affordability of access & devices.",
        "Local content in <local> languages #i18n.",
    ]
    assert not asked
