"""``igf-report book``: every format's whole book, its contents and the seams between reports."""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from docx import Document

from igf_report import __version__
from igf_report.collection.book import make_book
from igf_report.collection.checking import check_file
from igf_report.collection.loading import Entry

from .conftest import Invoke, snapshot, valid_data


def write_report(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(tomli_w.dumps(data), encoding="utf-8")


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A valid report with markup in its title, one without a title, one not TOML."""
    monkeypatch.chdir(tmp_path)
    write_report(tmp_path / "bk" / "a.toml", valid_data() | {"title": "Access & <rights> #1"})
    broken = valid_data() | {"date": "31/31/2016", "colour": "red"}
    del broken["title"]
    write_report(tmp_path / "bk" / "b.toml", broken)
    (tmp_path / "bk" / "c.toml").write_text("title = \n", encoding="utf-8")
    return Path("bk")


def book(invoke: Invoke, *args: str) -> str:
    result = invoke("book", *args)
    assert result.exit_code == 1, result.stderr  # the report with errors
    # the version is in every book; the snapshot holds what does not change with it
    return result.stdout.replace(__version__, "VERSION")


@pytest.mark.parametrize(("fmt", "name"), [("text", "book.txt"), ("markdown", "book.md"),
                                           ("html", "book.html")])  # fmt: skip
def test_a_book_with_a_report_in_error_in_each_format(
    invoke: Invoke, folder: Path, fmt: str, name: str
) -> None:
    snapshot(name, book(invoke, str(folder), "-f", fmt, "--include-invalid", "-w", "60"))


def test_the_word_book_lists_the_reports_then_each_after_a_page_break(
    invoke: Invoke, folder: Path, tmp_path: Path
) -> None:
    out = tmp_path / "book.docx"
    invoke("book", str(folder), "--include-invalid", "-o", str(out))
    word = Document(io.BytesIO(out.read_bytes()))
    lines = [
        # bold runs between ** as Word shows them: the titles in the contents, the note
        f"{p.style.name if p.style is not None else ''}: "
        + "".join(f"**{r.text}**" if r.bold else r.text for r in p.runs)
        for p in word.paragraphs
        if p.text or 'w:br w:type="page"' in p._p.xml  # the page breaks
    ]
    snapshot("book-docx.txt", "\n".join(lines).replace(__version__, "VERSION") + "\n")
    # what Word shows under File, Info
    assert word.core_properties.title == "IGF 2016 Workshop Reports"
    assert "compiled by igf-report" in word.core_properties.comments
    # the book says it was compiled by igf-report, so the next one replaces it
    again = invoke("book", str(folder), "--include-invalid", "-o", str(out))
    assert again.exit_code == 1, again.stderr
    assert "left untouched" not in again.stderr


def test_the_text_contents_align_numbers_past_nine(invoke: Invoke, tmp_path: Path) -> None:
    for n in range(1, 11):
        write_report(tmp_path / f"r{n:02}.toml", valid_data() | {"title": f"Session {n}"})
    out = invoke("book", str(tmp_path), "-f", "text", "-w", "40").stdout
    contents = out.split("--------\n", 1)[1].split("\n\n\n", 1)[0]
    assert contents.splitlines()[:2] == [" 1. Session 1", "    7 December 2016, 09:00 - 10:30"]
    assert contents.splitlines()[-2:] == ["10. Session 10", "    7 December 2016, 09:00 - 10:30"]
    assert out.splitlines()[2] == "10 reports, compiled by igf-report " + __version__ + "."


def test_one_report_is_counted_in_the_singular(invoke: Invoke, tmp_path: Path) -> None:
    write_report(tmp_path / "a.toml", valid_data())
    for fmt in ("text", "markdown", "html"):
        assert "1 report, compiled by igf-report" in invoke("book", str(tmp_path), "-f", fmt).stdout


def test_a_file_the_book_did_not_write_is_kept_unless_forced(
    invoke: Invoke, tmp_path: Path
) -> None:
    write_report(tmp_path / "r" / "a.toml", valid_data())
    out = tmp_path / "book.md"
    out.write_text("# My own notes\n", encoding="utf-8")
    result = invoke("book", str(tmp_path / "r"), "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr.endswith(
        f"{out} exists and was not written by igf-report, so it is left untouched; "
        "use --force to replace it, or choose another file\n"
    )
    assert out.read_text(encoding="utf-8") == "# My own notes\n"
    # a book written before is replaced, even when its mark is past the first bytes read
    assert invoke("book", str(tmp_path / "r"), "-o", str(out), "--force").exit_code == 0
    assert invoke("book", str(tmp_path / "r"), "-o", str(out)).exit_code == 0
    # a book says so in its first lines: the words further down a file of one's own
    # (notes quoting a book) do not make it a book
    notes = tmp_path / "notes.md"
    notes.write_text("# Notes\n" + "x" * 5000 + "\ncompiled by igf-report\n", encoding="utf-8")
    assert invoke("book", str(tmp_path / "r"), "-o", str(notes)).exit_code == 1
    assert notes.read_text(encoding="utf-8").startswith("# Notes\n")
    unreadable = tmp_path / "book.html"
    unreadable.mkdir()
    refused = invoke("book", str(tmp_path / "r"), "-o", str(unreadable))
    assert "exists and was not written by igf-report" in refused.stderr


def test_a_book_to_stdout_named_dash_is_html(invoke: Invoke, tmp_path: Path) -> None:
    write_report(tmp_path / "a.toml", valid_data())
    assert invoke("book", str(tmp_path), "-o", "-").stdout.startswith("<!DOCTYPE html>")
    refused = invoke("book", str(tmp_path), "-o", str(tmp_path / "book.pdf"))
    assert refused.stderr.endswith(
        "or choose --format (a PDF is printed from the HTML book in a browser)\n"
    )


def _cpu_seconds(work: Callable[[], object], repeats: int = 3) -> float:
    """The least CPU time ``work`` takes in ``repeats`` runs: the least noisy on a busy machine."""
    best = float("inf")
    for _ in range(repeats):
        start = time.process_time()
        work()
        best = min(best, time.process_time() - start)
    return best


def test_the_word_book_grows_linearly_with_its_reports(tmp_path: Path) -> None:
    # python-docx put each paragraph after a scan of the whole body for its end,
    # and read every style to set one: 2,000 reports took five minutes
    report = tmp_path / "long.toml"
    write_report(report, valid_data() | {"discussions": [f"Point {n}." for n in range(500)]})
    entry = Entry(check_file(report))

    def word_book(count: int) -> bytes:
        book = make_book([entry] * count, "docx", title="Book", width=80)
        assert isinstance(book, bytes)
        return book

    small = _cpu_seconds(lambda: word_book(20))
    large = _cpu_seconds(lambda: word_book(80))
    # four times the reports: about four times the time, never the sixteen of a square
    assert large < 6 * small, (small, large)
    assert len(Document(io.BytesIO(word_book(80))).paragraphs) > 80 * 500
