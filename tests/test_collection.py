"""A whole IGF's reports at once: book, status, export and drafts from a schedule."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from igf_report.collection.checking import check_file
from igf_report.collection.export import (
    check_export_format,
    check_export_overwrite,
    csv_text,
    export,
    safe_cell,
)
from igf_report.collection.loading import Entry, collect
from igf_report.errors import NotOurFile, UsageError
from igf_report.files.reportfile import dump_toml
from igf_report.textutil import display_width

from .conftest import EXAMPLES, Invoke, examples, print_to_pdf, valid_data
from .reliability import tally

HOSTILE = (
    "*Bob* _x_ [link](http://e.example) <script>alert(1)</script> &amp; "
    '[bold]rich[/bold] \x1b[31mred\x1b[0m "quoted" \u202eevil\u202c | # 1. `code`'
)


def write_report(path: Path, data: dict[str, Any]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    return path


def many_reports(folder: Path, count: int) -> list[Path]:
    """``count`` valid reports with varied titles, days and times, in shuffled file order."""
    files = []
    for index in range(count):
        data = valid_data()
        day = dt.date(2016, 12, 6 + (index * 7) % 4)
        hour = 9 + (index * 5) % 8
        data["title"] = f"Session {count - index:03d}: access and rights"
        data["date"] = day
        data["time"] = {"start": dt.time(hour, 0), "end": dt.time(hour, 45)}
        files.append(write_report(folder / f"sub{index % 3}" / f"r{index:04d}.toml", data))
    return files


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Three reports out of programme order, plus one with errors."""
    reports = tmp_path / "reports"
    late = valid_data() | {"title": "Late session", "date": dt.date(2016, 12, 9)}
    early = valid_data() | {"title": "Early session", "date": dt.date(2016, 12, 6)}
    same_day = valid_data() | {
        "title": "B afternoon",
        "date": dt.date(2016, 12, 6),
        "time": {"start": dt.time(15, 0), "end": dt.time(16, 0)},
    }
    broken = valid_data() | {"title": "Broken", "date": "31/31/2016"}
    del broken["way_forward"]
    write_report(reports / "a-late.toml", late)
    write_report(reports / "b-early.toml", early)
    write_report(reports / "c-afternoon.toml", same_day)
    write_report(reports / "d-broken.toml", broken)
    return reports


# --- book ------------------------------------------------------------------------------


def test_book_orders_by_date_time_title_and_leaves_out_invalid(
    invoke: Invoke, folder: Path, tmp_path: Path
) -> None:
    out = tmp_path / "book.html"
    result = invoke("book", str(folder), "-o", str(out))
    assert result.exit_code == 1
    assert "d-broken.toml: left out: line 3: error: date (Date): '31/31/2016'" in result.stderr
    assert f"Wrote {out}: 3 of 4 reports" in result.stderr
    html = out.read_text(encoding="utf-8")
    titles = re.findall(r'<span class="entry-title">([^<]*)</span>', html)
    assert titles == ["Early session", "B afternoon", "Late session"]
    assert html.count('<article class="book-report"') == 3
    assert "Broken" not in html
    assert '<a href="#report-1">' in html
    assert 'id="report-1"' in html
    assert "6 December 2016, 09:00 - 10:30" in html
    assert "break-before: page" in html
    ids = re.findall(r' id="([^"]+)"', html)
    assert len(ids) == len(set(ids))


def test_book_all_valid_exits_0(invoke: Invoke) -> None:
    result = invoke("book", str(EXAMPLES), "-f", "markdown")
    assert result.exit_code == 0
    assert result.stdout.startswith("# IGF 2016 Workshop Reports\n")
    assert "## Contents" in result.stdout
    assert "\n## National Digital Strategy Impact" in result.stdout
    assert "\n### Discussions" in result.stdout or "\n### Please describe" in result.stdout


def test_book_include_invalid_marks_them(invoke: Invoke, folder: Path) -> None:
    result = invoke("book", str(folder), "-f", "text", "--include-invalid")
    assert result.exit_code == 1
    assert "included, marked as invalid" in result.stderr
    assert "Broken (has errors)" in result.stdout
    untitled = valid_data()
    del untitled["title"]
    write_report(folder / "untitled.toml", untitled)
    for fmt in ("text", "markdown", "html"):
        book = invoke("book", str(folder), "-f", fmt, "--include-invalid").stdout
        contents = book.split("Contents", 1)[1][:2000]
        assert "(not given)" in contents
        assert "untitled.toml" in "".join(contents.split())  # a long path may wrap
    assert "This report has errors" in result.stdout
    assert "way_forward (Way forward): is required" in result.stdout


def test_book_format_from_suffix_and_unknown_refused(invoke: Invoke, tmp_path: Path) -> None:
    md = tmp_path / "book.md"
    assert invoke("book", str(EXAMPLES), "-o", str(md)).exit_code == 0
    assert md.read_text(encoding="utf-8").startswith("# ")
    result = invoke("book", str(EXAMPLES), "--format", "published")
    assert result.exit_code == 2
    assert "html, markdown, text, docx" in result.stderr


def _word_paragraphs(path: Path) -> list[tuple[str, str]]:
    import docx  # noqa: PLC0415 -- python-docx, only for the Word book

    return [(p.style.name if p.style else "", p.text) for p in docx.Document(str(path)).paragraphs]


def test_book_in_word_has_contents_and_each_report_on_its_own_page(
    invoke: Invoke, tmp_path: Path
) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in ("national-digital-strategy", "community-networks"):
        (folder / f"{name}.toml").write_bytes((EXAMPLES / f"{name}.toml").read_bytes())
    hostile = valid_data()
    hostile["title"] = "<b>Bold?</b> [red]not red[/red] \x1b[31m #KeepItOn"
    hostile["date"] = dt.date(2016, 12, 5)
    (folder / "hostile.toml").write_text(dump_toml(hostile), encoding="utf-8")
    out = tmp_path / "book.docx"
    result = invoke("book", str(folder), "-o", str(out), "--title", "IGF 2016: Access")
    assert result.exit_code == 0, result.stderr
    paragraphs = _word_paragraphs(out)
    assert paragraphs[0] == ("Title", "IGF 2016: Access")
    contents = [text for style, text in paragraphs if style == "List Number"]
    reports = [text for style, text in paragraphs if style == "Heading 1"][1:]  # after Contents
    shown = "<b>Bold?</b> [red]not red[/red] ␛[31m #KeepItOn"
    # in date order: 5, 6 and 7 December 2016 (the community networks session is on the 7th)
    assert reports[0] == shown
    assert [line.split("\n")[0] for line in contents] == reports
    assert "5 December 2016" in contents[0]
    import docx  # noqa: PLC0415

    word = docx.Document(str(out))
    breaks = word.element.body.xml.count('w:type="page"')
    assert breaks == len(reports) == 3
    sections = [text for style, text in paragraphs if style == "Heading 2"]
    assert sections.count("Key Issues raised (1 sentence per issue):") == 3
    # a book igf-report wrote is replaced by the next; another Word file is not
    assert invoke("book", str(folder), "-o", str(out)).exit_code == 0
    theirs = tmp_path / "theirs.docx"
    docx.Document().save(str(theirs))
    before = theirs.read_bytes()
    result = invoke("book", str(folder), "-o", str(theirs))
    assert result.exit_code == 1
    assert theirs.read_bytes() == before


def test_a_word_book_goes_to_stdout_that_is_not_a_terminal(invoke: Invoke) -> None:
    # `book --format docx > book.docx`; a terminal refuses it (tests/test_cli_render.py)
    result = invoke("book", str(EXAMPLES), "--format", "docx")
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes.startswith(b"PK")


def test_book_never_overwrites_a_file_it_did_not_write(invoke: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "notes.html"
    out.write_text("<p>my notes</p>", encoding="utf-8")
    result = invoke("book", str(EXAMPLES), "-o", str(out))
    assert result.exit_code == 1
    assert "left untouched" in result.stderr
    assert out.read_text(encoding="utf-8") == "<p>my notes</p>"
    out.unlink()
    assert invoke("book", str(EXAMPLES), "-o", str(out)).exit_code == 0
    assert invoke("book", str(EXAMPLES), "-o", str(out)).exit_code == 0  # its own book


@pytest.mark.parametrize("fmt", ["html", "markdown", "text"])
def test_book_escapes_every_value(invoke: Invoke, tmp_path: Path, fmt: str) -> None:
    data = valid_data() | {"title": HOSTILE, "organizer": HOSTILE, "key_issues": [HOSTILE]}
    write_report(tmp_path / "r" / "hostile.toml", data)
    result = invoke("book", str(tmp_path / "r"), "-f", fmt, "--title", "<b>My</b> \x1b[2J")
    assert result.exit_code == 0
    out = result.stdout
    assert "\x1b" not in out
    assert "\u202e" not in out
    if fmt == "html":
        assert "<script>" not in out
        assert "<b>My</b>" not in out
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    if fmt == "markdown":
        assert "\\<script\\>" in out
        assert "\\*Bob\\*" in out
        tokens = MarkdownIt("commonmark").parse(out)
        inline = [child for t in tokens for child in t.children or []]
        assert not [t for t in tokens if t.type in {"html_block", "code_block", "fence"}]
        raw_html = [t.content for t in inline if t.type == "html_inline"]
        assert raw_html == ['<a id="report-1">', "</a>"]  # the anchor, and nothing typed
        links = [t.attrs["href"] for t in inline if t.type == "link_open"]
        assert links == ["#report-1"]


def test_book_of_300_reports(invoke: Invoke, tmp_path: Path) -> None:
    many_reports(tmp_path / "igf", 300)
    result = invoke("book", str(tmp_path / "igf"), "-o", str(tmp_path / "book.html"))
    assert result.exit_code == 0
    html = (tmp_path / "book.html").read_text(encoding="utf-8")
    assert html.count('<article class="book-report"') == 300
    dates = re.findall(r'<span class="entry-when">(\d+) December 2016, (\d\d:\d\d)', html)
    assert len(dates) == 300
    assert dates == sorted(dates, key=lambda d: (int(d[0]), d[1]))


def _chromium() -> str | None:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None and os.environ.get("CI"):
        pytest.fail("CI must have chromium: .ci/run installs it")
    return found


def test_html_book_prints_each_report_on_its_own_pages(invoke: Invoke, tmp_path: Path) -> None:
    chromium = _chromium()
    pdftotext = shutil.which("pdftotext")
    if chromium is None or pdftotext is None:
        pytest.skip("chromium and poppler-utils are not installed")
    many_reports(tmp_path / "igf", 3)
    page = tmp_path / "book.html"
    assert invoke("book", str(tmp_path / "igf"), "-o", str(page)).exit_code == 0
    pdf = tmp_path / "book.pdf"
    print_to_pdf(chromium, page, pdf, tmp_path / "profile")
    text = subprocess.run(
        [pdftotext, "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    pages = text.split("\f")
    # the contents on the first page, then each report starting a page of its own
    assert "Contents" in pages[0]
    starts = [
        n for n, p in enumerate(pages) if re.match(r"\s*IGF 2016 WORKSHOP REPORT\n", p.upper())
    ]
    assert len(starts) == 3
    assert 0 not in starts


# --- status ----------------------------------------------------------------------------


def test_status_table_fits_100_columns(invoke: Invoke, folder: Path) -> None:
    long = valid_data() | {"title": "A very long title " * 8, "date": dt.date(2016, 12, 8)}
    write_report(folder / "deeply" / "nested" / "folder" / "long-name.toml", long)
    result = invoke("status", str(folder))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 100
    assert lines[0].split() == [
        "FILE", "TITLE", "DATE", "RAPPORTEUR", "STATE", "ERR", "WARN", "MISSING"
    ]  # fmt: skip
    order = ["b-early", "c-afternoon", "long-name", "a-late", "d-broken"]
    assert [next(n for n in order if n in line) for line in lines[1:-1]] == order
    broken = next(line for line in lines if "d-broken" in line)
    assert "invalid" in broken
    assert broken.rstrip().endswith("way_forward")
    assert "…" in result.stdout
    assert lines[-1] == ("5 reports: 4 valid, 0 with warnings, 1 invalid; 1 misses required fields")


def test_status_json_and_csv(invoke: Invoke, folder: Path) -> None:
    result = invoke("status", str(folder), "--format", "json")
    document = json.loads(result.stdout)
    schema = Path(__file__).parent / "schemas" / "status-output.schema.json"
    jsonschema.validate(document, json.loads(schema.read_text(encoding="utf-8")))
    assert document["version"] == 1
    broken = document["reports"][-1]
    assert broken["file"].endswith("d-broken.toml")
    assert broken["state"] == "invalid"
    assert broken["errors"] == 2
    assert broken["missing"] == ["way_forward"]
    assert broken["date"] is None
    assert document["reports"][0]["date"] == "2016-12-06"
    assert document["reports"][0]["rapporteur"] == "Kwame Mensah, University of Ghana"
    assert document["summary"]["invalid"] == 1
    assert "4 reports: 3 valid" in result.stderr
    rows = list(csv.DictReader(io.StringIO(invoke("status", str(folder), "-f", "csv").stdout)))
    assert [r["title"] for r in rows] == ["Early session", "B afternoon", "Late session", "Broken"]
    assert rows[-1]["missing"] == "way_forward"


def test_status_unknown_format_is_usage(invoke: Invoke, folder: Path) -> None:
    result = invoke("status", str(folder), "--format", "xml")
    assert result.exit_code == 2
    assert "table, json, csv" in result.stderr


# --- export ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+33 1 23", "'+33 1 23"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=cmd", "'\t=cmd"),
        ("\r=cmd", "'\r=cmd"),
        ("Ana = Bob", "Ana = Bob"),
        ("", ""),
        # what a spreadsheet reads as an operator, in another form or after what shows nothing
        ("\uff1d1+1", "'\uff1d1+1"),  # full-width =
        ("\ufe661+1", "'\ufe661+1"),  # small =
        ("\uff0b33 1 23", "'\uff0b33 1 23"),  # full-width +
        ("\uff20SUM(A1)", "'\uff20SUM(A1)"),  # full-width @
        ("\uff0d2", "'\uff0d2"),  # full-width -
        ("\u207c1", "'\u207c1"),  # superscript =
        ("\u22122", "'\u22122"),  # minus sign
        ("\x00=1", "'\x00=1"),  # NUL
        ("\ufeff=1", "'\ufeff=1"),  # byte-order mark
        ("\u200b@SUM(A1)", "'\u200b@SUM(A1)"),  # zero-width space
        ("\u2060\u00ad+1", "'\u2060\u00ad+1"),  # word joiner, soft hyphen
        (" =1", "' =1"),
        ("\u3000\u00a0-1", "'\u3000\u00a0-1"),  # ideographic and no-break spaces
        ("\n=1", "'\n=1"),
        ("\ufe0f\u0301=1", "'\ufe0f\u0301=1"),  # a variation selector, a combining mark
        ("\u3164=1", "'\u3164=1"),  # Hangul filler
        # text that only looks like one stays as it is
        ("Ana \uff1d Bob", "Ana \uff1d Bob"),
        ("\u2013 a dash", "\u2013 a dash"),
        ("\u200bplain", "\u200bplain"),
        ("\u200b", "\u200b"),
    ],
)
def test_csv_cells_are_neutralised_per_owasp(text: str, safe: str) -> None:
    assert safe_cell(text) == safe


# what a spreadsheet may skip before a formula: nothing it shows
_UNSEEN = st.sampled_from(
    ["\x00", "\t", "\r", "\n", " ", "\u00a0", "\u3000", "\ufeff", "\u200b", "\u200e",
     "\u2060", "\u00ad", "\ufe0f", "\u0301", "\u202e", "\x85", "\u2028"]
)  # fmt: skip
# the operators that start a formula, as ASCII and in forms NFKC folds to them
_STARTERS = st.sampled_from(
    ["=", "+", "-", "@", "\uff1d", "\ufe66", "\u207c", "\u208c", "\uff0b", "\ufe62",
     "\u207a", "\u208a", "\ufb29", "\uff20", "\ufe6b", "\uff0d", "\ufe63", "\u2212",
     "\u207b", "\u208b"]
)  # fmt: skip


def _shown(cell: str) -> str:
    """``cell`` in NFKC form without the controls, format characters, spaces and marks before it."""
    folded = unicodedata.normalize("NFKC", cell)
    start = 0
    while start < len(folded) and (
        folded[start].isspace() or unicodedata.category(folded[start])[0] in "CZM"
    ):
        start += 1
    return folded[start:]


@settings(max_examples=examples(500), deadline=None)
@given(
    text=st.one_of(
        st.text(),
        st.tuples(st.lists(_UNSEEN, max_size=3), _STARTERS, st.text(max_size=10)).map(
            lambda t: "".join(t[0]) + t[1] + t[2]
        ),
    )
)
def test_no_cell_starts_as_a_formula_in_any_form(text: str) -> None:
    document = csv_text(["a"], [[text]])
    cell = list(csv.reader(io.StringIO(document, newline="")))[1][0]
    assert cell in {text, "'" + text}
    assert not _shown(cell).startswith(("=", "+", "-", "@", "\u2212"))
    tally("fuzz: CSV export, text shaped like a formula")


@settings(max_examples=examples(300), deadline=None)
@given(rows=st.lists(st.lists(st.text(), min_size=2, max_size=2), max_size=4), excel=st.booleans())
def test_any_text_reads_back_from_csv_safe_and_whole(*, rows: list[list[str]], excel: bool) -> None:
    tally("arbitrary text through the CSV export and back")
    document = csv_text(["a", "b"], rows, excel=excel)
    back = list(csv.reader(io.StringIO(document.removeprefix("\ufeff"), newline="")))
    assert back[0] == ["a", "b"]
    assert len(back) == len(rows) + 1
    for written, read in zip(rows, back[1:], strict=True):
        for text, cell in zip(written, read, strict=True):
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
            assert cell in {text, "'" + text}


def test_export_csv_opens_safely_and_loses_no_word(invoke: Invoke, tmp_path: Path) -> None:
    data = valid_data() | {
        "title": '=HYPERLINK("http://evil","x")',
        "organizer": "@ISOC",
        "key_issues": ["-Access matters.", "+Costs too.", "Plain issue."],
        "discussions": ["First paragraph.", "Second\nwith a line break."],
    }
    write_report(tmp_path / "r" / "one.toml", data)
    out = tmp_path / "all.csv"
    result = invoke("export", str(tmp_path / "r"), "--format", "csv", "-o", str(out), "--excel")
    assert result.exit_code == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == [
        "file", "title", "date", "time", "organizer", "chair", "rapporteur", "speakers",
        "key_issues", "presentations", "discussions", "way_forward",
    ]  # fmt: skip
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["title"] == '\'=HYPERLINK("http://evil","x")'
    assert row["organizer"] == "'@ISOC"
    assert row["key_issues"] == "'-Access matters.\n+Costs too.\nPlain issue."
    assert row["date"] == "2016-12-07"
    assert row["time"] == "09:00 - 10:30"
    assert row["speakers"] == "Li Wei, CNNIC\nJean Dupont, Afnic"
    assert row["presentations"] == "Title: Community networks\nA short talk."
    assert row["discussions"] == "First paragraph.\n\nSecond\nwith a line break."
    for value in row.values():
        assert not value.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_export_jsonl_keeps_values_as_typed(invoke: Invoke, folder: Path) -> None:
    result = invoke("export", str(folder), "--format", "jsonl")
    assert result.exit_code == 1
    assert "d-broken.toml: exported with errors" in result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 4
    first = json.loads(lines[0])
    assert first["title"] == "Early session"
    assert first["date"] == "2016-12-06"
    assert first["time"] == {"start": "09:00", "end": "10:30"}
    assert first["chair"] == {"name": "Ana Pérez", "affiliation": "Internet Society"}
    broken = json.loads(lines[-1])
    assert broken["date"] == "31/31/2016"  # as written: no word lost
    assert broken["way_forward"] is None


def test_export_jsonl_line_is_fill_answers(invoke: Invoke, tmp_path: Path) -> None:
    line = invoke("export", str(EXAMPLES / "community-networks.toml"), "-f", "jsonl").stdout
    record = json.loads(line)
    del record["file"]
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(record), encoding="utf-8")
    report = tmp_path / "copy.toml"
    result = invoke("fill", str(report), "--from", str(answers), "--no-input")
    assert result.exit_code == 0, result.stderr
    original = invoke("export", str(EXAMPLES / "community-networks.toml"), "-f", "csv").stdout
    copy = invoke("export", str(report), "-f", "csv").stdout
    assert original.splitlines()[1:][0].split(",", 1)[1] == copy.splitlines()[1].split(",", 1)[1]


def test_export_needs_a_known_format_and_keeps_others_files(invoke: Invoke, tmp_path: Path) -> None:
    assert invoke("export", str(EXAMPLES), "--format", "xlsx").exit_code == 2
    theirs = tmp_path / "budget.csv"
    theirs.write_text("item,cost\n", encoding="utf-8")
    result = invoke("export", str(EXAMPLES), "--format", "csv", "-o", str(theirs))
    assert result.exit_code == 1
    assert theirs.read_text(encoding="utf-8") == "item,cost\n"
    ours = tmp_path / "ours.jsonl"
    assert invoke("export", str(EXAMPLES), "-f", "jsonl", "-o", str(ours)).exit_code == 0
    assert invoke("export", str(EXAMPLES), "-f", "jsonl", "-o", str(ours)).exit_code == 0


def test_export_300_reports(invoke: Invoke, tmp_path: Path) -> None:
    many_reports(tmp_path / "igf", 300)
    result = invoke("export", str(tmp_path / "igf"), "-f", "csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 300
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)


def test_export_documents_end_lines_with_lf_alone() -> None:
    assert csv_text(["a", "b"], [["1", "x\ny"]]) == '"a","b"\n"1","x\ny"\n'


def test_export_csv_of_a_report_with_errors_keeps_every_word_as_written(
    invoke: Invoke, tmp_path: Path
) -> None:
    data = valid_data() | {
        "title": 2016,
        "date": "31/31/2016",
        "time": {"start": dt.time(9, 0), "end": "later"},
        "chair": {"name": "Ana", "affiliation": "ISOC", "seat": 3},
        "key_issues": ["Access.", 7, dt.date(2016, 12, 7)],
        "presentations": [
            {"title": "One", "summary": "First talk."},
            {"title": "", "summary": "Second talk."},
        ],
    }
    del data["way_forward"]
    write_report(tmp_path / "r" / "broken.toml", data)
    result = invoke("export", str(tmp_path / "r"), "-f", "csv")
    assert result.exit_code == 1
    row = next(csv.DictReader(io.StringIO(result.stdout)))
    assert row["title"] == "2016"
    assert row["date"] == "31/31/2016"
    assert row["time"] == "09:00:00, later"
    assert row["chair"] == "Ana, ISOC, 3"
    assert row["key_issues"] == "Access.\n7\n2016-12-07"
    assert row["presentations"] == "Title: One\nFirst talk.\n\nSecond talk."
    assert row["way_forward"] == ""


def test_export_jsonl_of_a_report_with_errors_keeps_its_tables(
    invoke: Invoke, tmp_path: Path
) -> None:
    data = valid_data() | {"time": {"start": "nine", "end": dt.time(10, 30)}}
    write_report(tmp_path / "r" / "broken.toml", data)
    line = invoke("export", str(tmp_path / "r"), "-f", "jsonl").stdout
    assert json.loads(line)["time"] == {"start": "nine", "end": "10:30:00"}


def test_export_jsonl_writes_letters_as_themselves(invoke: Invoke, tmp_path: Path) -> None:
    write_report(tmp_path / "r" / "one.toml", valid_data())
    line = invoke("export", str(tmp_path / "r"), "-f", "jsonl").stdout
    assert '"name": "Ana Pérez"' in line


def test_export_without_excel_has_no_byte_order_mark(tmp_path: Path) -> None:
    entries = collect([write_report(tmp_path / "one.toml", valid_data())])
    assert export(entries, "csv").startswith('"file",')
    assert export(entries, "jsonl").startswith('{"file": ')


def test_export_names_the_formats_it_knows(tmp_path: Path) -> None:
    entries = collect([write_report(tmp_path / "one.toml", valid_data())])
    with pytest.raises(UsageError) as caught:
        export(entries, "xlsx")
    assert str(caught.value) == "unknown --format 'xlsx'; choose one of: csv, jsonl"


@pytest.mark.parametrize("folder", [str(EXAMPLES), "no-such-folder"])
def test_export_jsonl_refuses_excel_and_says_why_before_reading(
    invoke: Invoke, folder: str
) -> None:
    result = invoke("export", folder, "-f", "jsonl", "--excel")
    assert result.exit_code == 2
    assert result.stderr == (
        "igf-report: error: --excel is for --format csv: JSON Lines has no byte-order mark\n"
    )
    assert result.stdout == ""


@pytest.mark.parametrize("excel", [[], ["--excel"]])
def test_export_replaces_its_own_csv(invoke: Invoke, tmp_path: Path, excel: list[str]) -> None:
    out = tmp_path / "all.csv"
    assert invoke("export", str(EXAMPLES), "-f", "csv", "-o", str(out), *excel).exit_code == 0
    out.write_text(out.read_text(encoding="utf-8").replace("Community", "Old"), encoding="utf-8")
    assert invoke("export", str(EXAMPLES), "-f", "csv", "-o", str(out), *excel).exit_code == 0
    assert "Community" in out.read_text(encoding="utf-8")


def test_export_keeps_a_file_that_is_not_text_and_says_how_to_replace_it(
    invoke: Invoke, tmp_path: Path
) -> None:
    theirs = tmp_path / "photo.csv"
    theirs.write_bytes(b"\xff\xd8\xff\xe0 not text")
    result = invoke("export", str(EXAMPLES), "-f", "csv", "-o", str(theirs))
    assert result.exit_code == 1
    assert theirs.read_bytes() == b"\xff\xd8\xff\xe0 not text"
    assert result.stderr == (
        f"igf-report: error: {theirs} exists and was not written by igf-report, so it is left "
        "untouched; use --force to replace it, or choose another file\n"
    )
    assert invoke("export", str(EXAMPLES), "-f", "csv", "-o", str(theirs), "--force").exit_code == 0


def test_export_overwrite_check_refuses_unless_forced(tmp_path: Path) -> None:
    theirs = tmp_path / "budget.csv"
    theirs.write_text("item,cost\n", encoding="utf-8")
    with pytest.raises(NotOurFile):
        check_export_overwrite(theirs)
    check_export_overwrite(theirs, force=True)


# --- new --from-schedule ---------------------------------------------------------------

SCHEDULE = """\
Session ID,Session Title,Date,Time,Organiser,Moderator,Speakers,Rapporteur,Room
WS 173,Community Networks,8 December 2016,09:00 - 10:30,ISOC,"Ana Pérez, ISOC",\
"Li Wei, CNNIC; Jean Dupont, Afnic","Kwame Mensah, UG",Room 3
WS 12,Bad date,31/31/2016,10:00-11:00,Host country,"Bob, ICANN","A, B
C, D",,Room 4
,Acceso a Internet: ¿para quién?,2016-12-07,,,,,,
"""


def test_drafts_from_schedule(invoke: Invoke, tmp_path: Path) -> None:
    schedule = tmp_path / "programme.csv"
    schedule.write_text(SCHEDULE, encoding="utf-8")
    drafts = tmp_path / "drafts"
    result = invoke("new", "--from-schedule", str(schedule), "--dir", str(drafts))
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in drafts.iterdir()) == [
        "acceso-a-internet-para-quien.toml",
        "igf-2016-workshop.schema.json",
        "ws12.toml",
        "ws173.toml",
    ]
    assert "Organiser as organizer" in result.stderr
    assert "Moderator as chair" in result.stderr
    assert "Columns ignored: Room" in result.stderr
    assert "date (Date): '31/31/2016'" in result.stderr
    assert "left for fill" in result.stderr
    status = json.loads(invoke("status", str(drafts), "-f", "json").stdout)
    by_file = {Path(r["file"]).name: r for r in status["reports"]}
    # each draft fails only for what the schedule did not give
    assert by_file["ws173.toml"]["missing"] == ["key_issues", "discussions", "way_forward"]
    assert by_file["ws173.toml"]["errors"] == 3
    assert by_file["ws173.toml"]["rapporteur"] == "Kwame Mensah, UG"
    assert by_file["ws12.toml"]["missing"] == ["date", "key_issues", "discussions", "way_forward"]
    checked = json.loads(invoke("export", str(drafts / "ws12.toml"), "-f", "jsonl").stdout)
    assert checked["speakers"] == [
        {"name": "A", "affiliation": "B"},
        {"name": "C", "affiliation": "D"},
    ]
    assert checked["time"] == {"start": "10:00", "end": "11:00"}


def test_drafts_are_never_overwritten(invoke: Invoke, tmp_path: Path) -> None:
    schedule = tmp_path / "programme.csv"
    schedule.write_text(SCHEDULE, encoding="utf-8")
    drafts = tmp_path / "drafts"
    invoke("new", "--from-schedule", str(schedule), "--dir", str(drafts))
    (drafts / "ws173.toml").write_text("# my work\n", encoding="utf-8")
    result = invoke("new", "--from-schedule", str(schedule), "--dir", str(drafts))
    assert result.exit_code == 0
    assert f"Kept {drafts / 'ws173.toml'}" in result.stderr
    assert "3 rows: 0 drafts written, 3 kept" in result.stderr
    assert (drafts / "ws173.toml").read_text(encoding="utf-8") == "# my work\n"


def test_schedule_semicolons_and_typos(invoke: Invoke, tmp_path: Path) -> None:
    schedule = tmp_path / "programme.csv"
    schedule.write_text(
        "\ufefftitle;DATE;Chair;Speekers\r\nOpen Forum 5;6 December 2016;Ana;Li Wei\r\n",
        encoding="utf-8",
    )
    result = invoke("new", "--from-schedule", str(schedule), "--dir", str(tmp_path / "d"))
    assert result.exit_code == 0, result.stderr
    report = json.loads(invoke("export", str(tmp_path / "d"), "-f", "jsonl").stdout)
    assert report["title"] == "Open Forum 5"
    assert report["date"] == "2016-12-06"
    assert report["chair"] == {"name": "Ana", "affiliation": None}
    assert report["speakers"] == [{"name": "Li Wei", "affiliation": None}]


def test_schedule_without_known_columns_is_usage(invoke: Invoke, tmp_path: Path) -> None:
    schedule = tmp_path / "programme.csv"
    schedule.write_text("Room,Capacity\nA,20\n", encoding="utf-8")
    result = invoke("new", "--from-schedule", str(schedule), "--dir", str(tmp_path / "d"))
    assert result.exit_code == 2
    assert "no column matches" in result.stderr
    assert "Session Title" in result.stderr
    assert invoke("new", "x.toml", "--from-schedule", str(schedule)).exit_code == 2


def test_new_file_still_works(invoke: Invoke, tmp_path: Path) -> None:
    report = tmp_path / "r.toml"
    result = invoke("new", str(report))
    assert result.exit_code == 0
    assert report.exists()


def test_titles_with_numbers_sort_as_people_count(invoke: Invoke, tmp_path: Path) -> None:
    for title in ["Session 10", "session 2", "Session 1"]:
        write_report(tmp_path / "r" / f"{title}.toml", valid_data() | {"title": title})
    rows = json.loads(invoke("status", str(tmp_path / "r"), "-f", "json").stdout)["reports"]
    assert [r["title"] for r in rows] == ["Session 1", "session 2", "Session 10"]


def test_a_lettered_title_never_splits_the_numbered_ones(tmp_path: Path) -> None:
    for title in ["2 Rights", "Access", "1 Openness"]:
        write_report(tmp_path / "r" / f"{title}.toml", valid_data() | {"title": title})
    order = [entry.values["title"] for entry in collect([tmp_path / "r"])]
    assert order.index("2 Rights") == order.index("1 Openness") + 1


def test_an_untitled_report_comes_after_the_titled_ones_of_its_slot(tmp_path: Path) -> None:
    write_report(tmp_path / "r" / "a.toml", valid_data() | {"title": ""})
    write_report(tmp_path / "r" / "b.toml", valid_data() | {"title": "Zebra crossings"})
    assert [Path(entry.path).name for entry in collect([tmp_path / "r"])] == ["b.toml", "a.toml"]


@pytest.mark.parametrize(
    "content", [b'title = "x"\ndate = 2016-12-07\ntitle = "y"\n', b"\xff\xfe not text"]
)
def test_a_file_that_cannot_be_read_is_seen_as_validate_sees_it(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "r.toml"
    path.write_bytes(content)
    (entry,) = collect([path])  # as book, status and export read it
    assert entry.result == check_file(path)
    assert entry.data is None


def test_a_report_without_errors_has_no_first_problem(tmp_path: Path) -> None:
    entry = Entry(check_file(write_report(tmp_path / "r.toml", valid_data())))
    assert entry.first_problem() == ""


def test_export_names_a_problem_without_a_line_as_is(invoke: Invoke, tmp_path: Path) -> None:
    (tmp_path / "r.toml").write_bytes(b"\xff\xfe not text")
    result = invoke("export", str(tmp_path / "r.toml"), "-f", "csv")
    assert result.exit_code == 1
    assert f"{tmp_path / 'r.toml'}: exported with errors: error: is not UTF-8" in result.stderr


@pytest.mark.parametrize(
    "command", [["export", "-f", "csv"], ["validate"], ["status"], ["book", "--include-invalid"]]
)
def test_a_folder_without_reports_is_a_usage_error_naming_it(
    invoke: Invoke, tmp_path: Path, command: list[str]
) -> None:
    (tmp_path / "notes.txt").write_text("not a report", encoding="utf-8")
    result = invoke(*command, str(tmp_path))
    assert result.exit_code == 2  # as a missing file: nothing to do with what was named
    assert result.stderr.endswith(
        f"igf-report: error: no report files in {tmp_path} (folders are searched for *.toml);"
        " name report files or a folder holding them\n"
    )


def test_hostile_values_in_status_and_jsonl(invoke: Invoke, tmp_path: Path) -> None:
    title = "[bold]x \x1b[31mred\u2028 \x85next \u202eevil"
    write_report(tmp_path / "r" / "h.toml", valid_data() | {"title": title})
    table = invoke("status", str(tmp_path / "r")).stdout
    assert "\x1b" not in table
    assert "\u202e" not in table
    assert "[bold]x" in table
    lines = invoke("export", str(tmp_path / "r"), "-f", "jsonl").stdout.splitlines()
    assert len(lines) == 1
    assert json.loads(lines[0])["title"] == title
    assert "\x1b" not in lines[0]
    assert "\x85" not in lines[0]


def test_text_book_wraps_at_width(invoke: Invoke) -> None:
    out = invoke("book", str(EXAMPLES), "-f", "text", "--width", "60").stdout
    assert max(display_width(line) for line in out.splitlines()) <= 60
    assert "\n1. National Digital Strategy Impact (Impacto de la\n   Estrategia" in out


def test_html_book_carries_the_single_reports_stylesheet_and_body(invoke: Invoke) -> None:
    # the book takes each report from the html renderer: if that page changes
    # shape, this says so rather than printing an unstyled or doubled book
    single = invoke("render", str(EXAMPLES / "community-networks.toml"), "-f", "html").stdout
    book = invoke("book", str(EXAMPLES / "community-networks.toml")).stdout
    style = re.search(r"<style>(.*?)</style>", single, re.DOTALL)
    assert style is not None
    assert style[1] in book
    assert book.count("<body>") == 1
    assert book.count("<html") == 1
    assert book.count("<h1>") == 2  # the book's title and the report's


def test_schedule_with_start_and_end_columns(invoke: Invoke, tmp_path: Path) -> None:
    schedule = tmp_path / "programme.csv"
    schedule.write_text(
        "Title,Date,Start Time,End Time\n"
        "Main session,2016-12-06,10:00,11:30\n"
        "Half given,2016-12-06,10:00,\n",
        encoding="utf-8",
    )
    result = invoke("new", "--from-schedule", str(schedule), "--dir", str(tmp_path / "d"))
    assert result.exit_code == 0, result.stderr
    assert "Start Time as time.start" in result.stderr
    assert "error: time (Time, end): is required; left for fill" in result.stderr
    lines = invoke("export", str(tmp_path / "d"), "-f", "jsonl").stdout.splitlines()
    by_title = {json.loads(line)["title"]: json.loads(line) for line in lines}
    assert by_title["Main session"]["time"] == {"start": "10:00", "end": "11:30"}
    assert by_title["Half given"]["time"] == ""


@pytest.mark.parametrize("command", ["book", "export"])
def test_output_named_like_a_report_is_refused(
    invoke: Invoke, tmp_path: Path, command: str
) -> None:
    out = tmp_path / "all.toml"
    result = invoke(command, str(EXAMPLES), "-f", "csv" if command == "export" else "html",
                    "-o", str(out))  # fmt: skip
    assert result.exit_code == 2
    assert ".toml" in result.stderr
    assert not out.exists()


def test_status_table_fits_80_columns_when_asked(invoke: Invoke, folder: Path) -> None:
    long = valid_data() | {"title": "A very long title " * 8, "date": dt.date(2016, 12, 8)}
    write_report(folder / "deeply" / "nested" / "folder" / "a-long-file-name.toml", long)
    result = invoke("status", str(folder), "--width", "80")
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
    assert invoke("status", str(folder), "--width", "79").exit_code == 2


def test_status_table_keeps_one_line_per_report_whatever_the_file_name(
    invoke: Invoke, tmp_path: Path
) -> None:
    write_report(tmp_path / "notes\nws173.toml", valid_data())
    write_report(tmp_path / "ws12.toml", valid_data())
    result = invoke("status", str(tmp_path))
    lines = result.stdout.splitlines()
    # heading, two rows, summary: a newline in a file name must not start a line
    assert len(lines) == 4, result.stdout
    assert "␊" in result.stdout


@pytest.mark.parametrize(
    "command",
    [("book", "-f", "text"), ("status",), ("export", "-f", "csv")],
)
def test_collection_commands_name_a_folder_they_skip(
    invoke: Invoke, tmp_path: Path, command: tuple[str, ...]
) -> None:
    write_report(tmp_path / "ws12.toml", valid_data())
    (tmp_path / "loop").symlink_to(tmp_path)
    result = invoke(command[0], str(tmp_path), *command[1:])
    assert result.exit_code == 0, result.stderr
    # as validate says it: a report set aside silently would be missed by the secretariat
    assert f"igf-report: warning: {tmp_path / 'loop'}: a symlink loop" in result.stderr


@pytest.mark.parametrize("fmt", ["markdown", "text"])
def test_book_title_with_line_breaks_is_one_heading(invoke: Invoke, fmt: str) -> None:
    book = invoke("book", str(EXAMPLES), "-f", fmt, "--title", "IGF 2016\n# Reports").stdout
    first = book.splitlines()[0]
    assert first in {"# IGF 2016 \\# Reports", "IGF 2016 # Reports"}, book[:200]


def test_book_to_a_file_of_another_kind_is_refused_not_written_as_html(
    invoke: Invoke, tmp_path: Path
) -> None:
    # HTML under book.pdf would not open as the PDF the name promises
    for name in ("book.pdf", "book.csv"):
        result = invoke("book", str(EXAMPLES), "-o", str(tmp_path / name))
        assert result.exit_code == 2, result.stderr
        assert ".html, .md, .txt" in result.stderr
        assert not (tmp_path / name).exists()
    forced = tmp_path / "book.pdf"
    assert invoke("book", str(EXAMPLES), "-o", str(forced), "-f", "html").exit_code == 0
    assert invoke("book", str(EXAMPLES), "-o", str(tmp_path / "book")).exit_code == 0
    assert (tmp_path / "book").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_new_dir_without_schedule_is_refused_not_ignored(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke("new", "--dir", "drafts")
    assert result.exit_code == 2, result.stderr
    assert "--from-schedule" in result.stderr
    assert not (tmp_path / "report.toml").exists()


@pytest.mark.parametrize("command", ["status", "book", "export"])
def test_many_report_commands_say_what_their_walk_skipped(
    invoke: Invoke, tmp_path: Path, command: str
) -> None:
    (tmp_path / "a.toml").write_text(tomli_w.dumps(valid_data()), encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to("..")
    (tmp_path / "moved.toml").symlink_to("gone.toml")
    out = {
        "status": [],
        "book": ["-o", str(tmp_path / "out.html")],
        "export": ["-f", "csv", "-o", str(tmp_path / "out.csv")],
    }[command]
    result = invoke(command, str(tmp_path), *out)
    assert f"igf-report: warning: {tmp_path / 'sub' / 'up'}: a symlink loop" in result.stderr
    assert f"igf-report: warning: {tmp_path / 'moved.toml'}: a symbolic link to" in result.stderr


def test_excel_is_refused_for_json_lines_by_the_library_too() -> None:
    check_export_format("jsonl")  # no --excel: nothing to refuse
    assert export([], "jsonl") == ""
    with pytest.raises(UsageError, match="--excel is for --format csv"):
        export([], "jsonl", excel=True)
