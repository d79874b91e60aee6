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
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from igf_report.fields import FIELDS
from igf_report.importer.mapping import map_document
from igf_report.importer.word import is_docx, read_word
from igf_report.model import Person, Presentation
from igf_report.render import get_renderer

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


def test_a_word_file_is_never_written_to_the_terminal(invoke: Invoke) -> None:
    result = invoke("render", str(EXAMPLES / "national-digital-strategy.toml"), "-f", "docx")
    assert result.exit_code == 2
    assert "-o" in result.stderr
    assert result.stdout == ""


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
