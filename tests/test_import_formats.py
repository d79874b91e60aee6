"""``igf-report import`` of every format: told by suffix or content, or named by --from-format."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from igf_report.importer.formats import detect_format
from igf_report.model import Report
from igf_report.validation import check

from .conftest import EXAMPLES, SEED, Invoke
from .test_read_markdown import DRAFT
from .test_read_page import _seed_page
from .test_read_text import COPIED
from .test_word import _filled_template

EXAMPLE = EXAMPLES / "national-digital-strategy.toml"


def _report(path: Path) -> Report:
    checked = check(tomllib.loads(path.read_text(encoding="utf-8")))
    assert checked.report is not None, checked.errors
    return checked.report


def _inputs(tmp_path: Path) -> dict[str, Path]:
    files = {
        "docx": ("filled.docx", _filled_template()),
        "html": ("page.html", _seed_page().encode()),
        "markdown": ("draft.md", DRAFT.encode()),
        "text": ("copied.txt", COPIED.read_bytes()),
        "published": ("published.txt", SEED.read_bytes()),
    }
    paths = {}
    for fmt, (name, data) in files.items():
        paths[fmt] = tmp_path / name
        paths[fmt].write_bytes(data)
    return paths


@pytest.mark.parametrize("fmt", ["docx", "html", "markdown", "text", "published"])
def test_each_format_is_told_by_its_suffix_or_content(
    fmt: str, tmp_path: Path, invoke: Invoke
) -> None:
    source = _inputs(tmp_path)[fmt]
    result = invoke("import", str(source))
    assert result.exit_code == 0, result.stderr
    assert "Found 11 of the template's 11 labels" in result.stderr
    report = source.with_suffix(".toml")
    assert report.exists()
    data = tomllib.loads(report.read_text(encoding="utf-8"))
    assert data["speakers"][0]["name"] in {"Li Wei", "Eber Omar Betanzos Torres"}


@pytest.mark.parametrize("fmt", ["docx", "html", "markdown", "text", "published"])
def test_content_alone_tells_the_format(fmt: str, tmp_path: Path) -> None:
    source = _inputs(tmp_path)[fmt]
    assert detect_format("-", source.read_bytes()) == fmt


def test_a_table_copied_from_a_browser_is_text() -> None:
    copied = (
        "Session Title\tOpen data\nList of Speakers and their institutional affiliations\n• A, B\n"
    )
    assert detect_format("-", copied.encode()) == "text"
    assert detect_format("-", b"Session Title\tOpen data\nDate\t<p>6 December 2016</p>\n") == (
        "published"
    )


def test_a_word_file_on_stdin(tmp_path: Path, invoke: Invoke) -> None:
    out = tmp_path / "r.docx"
    assert invoke("render", str(EXAMPLE), "-f", "docx", "-o", str(out)).exit_code == 0
    result = invoke("import", "-", input=out.read_bytes())
    assert result.exit_code == 0, result.stderr
    assert "Read <stdin> as a Word file" in result.stderr


@pytest.mark.parametrize("fmt", ["docx", "markdown", "html", "published"])
def test_every_format_with_a_reader_round_trips_through_the_commands(
    fmt: str, tmp_path: Path, invoke: Invoke
) -> None:
    rendered = tmp_path / f"report.{fmt}"
    assert invoke("render", str(EXAMPLE), "-f", fmt, "-o", str(rendered)).exit_code == 0
    back = tmp_path / "back.toml"
    result = invoke("import", str(rendered), "--from-format", fmt, "-o", str(back))
    assert result.exit_code == 0, result.stderr
    assert _report(back) == _report(EXAMPLE)


def test_from_format_names_the_reader(tmp_path: Path, invoke: Invoke) -> None:
    source = tmp_path / "notes.txt"
    source.write_text("## Session Title\n\nOpen data\n", encoding="utf-8")
    result = invoke("import", str(source), "--from-format", "text", "-o", "-")
    assert 'title = "## Session Title Open data"' not in result.stdout
    result = invoke("import", str(source), "--from-format", "markdown", "-o", "-")
    assert 'title = "Open data"' in result.stdout


def test_bad_formats_are_told_plainly(tmp_path: Path, invoke: Invoke) -> None:
    source = tmp_path / "draft.md"
    source.write_text(DRAFT, encoding="utf-8")
    result = invoke("import", str(source), "--from-format", "pdf")
    assert result.exit_code == 2
    assert "choose one of: published, docx, html, markdown, text" in result.stderr
    old = tmp_path / "old.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    result = invoke("import", str(old))
    assert result.exit_code == 1
    assert "save it as a Word document (.docx)" in result.stderr
    result = invoke("import", str(source), "--from-format", "docx")
    assert result.exit_code == 1
    assert "cannot be read as a Word (.docx) file" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("fmt", ["markdown", "html", "docx"])
def test_an_invalid_value_comes_back_as_written_without_its_mark(
    fmt: str, tmp_path: Path, invoke: Invoke
) -> None:
    # render shows an invalid value followed by "(invalid: why)"; the mark is
    # the renderer's, not the rapporteur's, and import names it instead
    source = tmp_path / "draft.toml"
    text = EXAMPLE.read_text(encoding="utf-8")
    source.write_text(text.replace("date = 2016-12-06", 'date = "next tuesday"'), "utf-8")
    assert 'date = "next tuesday"' in source.read_text(encoding="utf-8")
    rendered = tmp_path / f"report.{fmt}"
    invoke("render", str(source), "-f", fmt, "-o", str(rendered))  # 1: the draft is invalid
    result = invoke("import", str(rendered), "--from-format", fmt, "-o", "-")
    assert 'date = "next tuesday"\n' in result.stdout
    assert "The mark '(invalid: " in result.stderr
