"""``igf-report import`` of every format: told by suffix or content, or named by --from-format."""

from __future__ import annotations

import io
import tomllib
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
import tomli_w
from typer.testing import Result

from igf_report.document import Block, BlockKind
from igf_report.readers.building import plain_mark
from igf_report.readers.formats import detect_format
from igf_report.readers.markdown import _PRIVATE_USE
from igf_report.template.model import Report
from igf_report.template.validation import check

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


def _rendered(
    data: dict[str, Any], fmt: str, tmp_path: Path, invoke: Invoke, *, valid: bool
) -> Path:
    """``data`` as a draft, rendered to ``fmt``; render exits 0 only when it is valid."""
    source = tmp_path / "draft.toml"
    source.write_text(tomli_w.dumps(data), "utf-8")
    rendered = tmp_path / f"report.{fmt}"
    result = invoke("render", str(source), "-f", fmt, "-o", str(rendered))
    assert result.exit_code == (0 if valid else 1), result.stderr
    return rendered


def _imported(rendered: Path, fmt: str, invoke: Invoke) -> Result:
    return invoke("import", str(rendered), "--from-format", fmt, "-o", "-")


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


@pytest.mark.parametrize("fmt", ["markdown", "html", "docx", "published", "text"])
@pytest.mark.parametrize(
    ("key", "typed", "back"),
    [
        # from a page, the title (its <h1>) kept the mark and "Open<br>data" was "Opendata"
        ("title", "Open\ndata for all", "Open data for all"),
        # plain text showed "B" indented under "A" after a blank line: a group of
        # lines without a label, dropped without a note
        ("organizer", "A\n\nB", "A  B"),
    ],
)
def test_an_invalid_one_line_value_comes_back_without_its_mark_its_line_breaks_spaces(
    fmt: str, key: str, *, typed: str, back: str, tmp_path: Path, invoke: Invoke
) -> None:
    data = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))
    data[key] = typed
    rendered = _rendered(data, fmt, tmp_path, invoke, valid=False)
    if fmt == "markdown" and key == "title":  # "# Open\" was the heading, the rest a paragraph
        assert rendered.read_text(encoding="utf-8").startswith(f"# {back}\n\n")
    result = _imported(rendered, fmt, invoke)
    # a one-line field's line breaks are spaces, from every format alike
    assert tomllib.loads(result.stdout)[key] == back
    assert result.stderr.count("The mark '(invalid: must be on one line)'") == 1


@pytest.mark.parametrize("fmt", ["markdown", "html", "docx", "published"])
def test_words_typed_like_the_mark_come_back_and_only_the_mark_goes(
    fmt: str, tmp_path: Path, invoke: Invoke
) -> None:
    # a key issue typed ending "(invalid: …)" lost that ending through every
    # format but published: the importer took the typed words for render's mark
    source = tmp_path / "draft.toml"
    # the invalid date holds such words too: only the mark after them goes
    date = 'date = "soon (invalid: c)"'
    text = EXAMPLE.read_text(encoding="utf-8").replace("date = 2016-12-06", date)
    typed = '\n    "Rule (invalid: a) (invalid: b)",'
    text = text.replace("key_issues = [", "key_issues = [" + typed, 1)
    source.write_text(text, "utf-8")
    rendered = tmp_path / f"report.{fmt}"
    invoke("render", str(source), "-f", fmt, "-o", str(rendered))  # 1: the draft is invalid
    result = invoke("import", str(rendered), "--from-format", fmt, "-o", "-")
    data = tomllib.loads(result.stdout)
    assert data["key_issues"][0] == "Rule (invalid: a) (invalid: b)"
    assert data["date"] == "soon (invalid: c)"
    assert result.stderr.count("The mark '(invalid: ") == 1


def test_plain_text_cannot_tell_the_mark_from_typed_words_and_says_what_it_took(
    tmp_path: Path, invoke: Invoke
) -> None:
    source = tmp_path / "draft.toml"
    text = EXAMPLE.read_text(encoding="utf-8")
    source.write_text(text.replace("key_issues = [", 'key_issues = [\n    "Rule (invalid: a)",', 1))
    rendered = tmp_path / "report.txt"
    invoke("render", str(source), "-f", "text", "-o", str(rendered))
    result = invoke("import", str(rendered), "--from-format", "text", "-o", "-")
    assert tomllib.loads(result.stdout)["key_issues"][0] == "Rule"
    assert "The mark '(invalid: a)' under 'Key Issues raised" in result.stderr


def test_plain_text_takes_the_mark_whose_parenthesis_ends_the_value(
    tmp_path: Path, invoke: Invoke
) -> None:
    # the first "(invalid: " that ran to the end was taken for the mark: the
    # words from the typed one on went with it ("soon"); the date's message
    # quotes the value, its typed mark too
    data = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["date"] = "soon (invalid: c) or later"
    rendered = _rendered(data, "text", tmp_path, invoke, valid=False)
    assert "soon (invalid: c) or later (invalid: " in rendered.read_text(encoding="utf-8")
    result = _imported(rendered, "text", invoke)
    assert tomllib.loads(result.stdout)["date"] == "soon (invalid: c) or later"
    assert result.stderr.count("The mark '(invalid: ") == 1
    assert "The mark '(invalid: c)" not in result.stderr


@pytest.mark.parametrize(
    ("text", "value", "mark"),
    [
        (
            "Typed (invalid: mine) and more (invalid: too long)",
            "Typed (invalid: mine) and more",
            "(invalid: too long)",
        ),
        ('x (invalid: "y (z)" is no date)', "x", '(invalid: "y (z)" is no date)'),
        ("a (b) (invalid: c)", "a (b)", "(invalid: c)"),
        ("a (invalid: b (invalid: c)", "a (invalid: b", "(invalid: c)"),
        # parentheses that do not pair: the first mark that runs to the end
        ("a (invalid: b) c)", "a", "(invalid: b) c)"),
        ("a) (invalid: c)", "a)", "(invalid: c)"),
        ("plain (words)", "plain (words)", None),
    ],
)
def test_the_plain_mark_is_the_pair_that_closes_the_value(
    text: str, value: str, mark: str | None
) -> None:
    block = plain_mark(Block(BlockKind.PARAGRAPH, text))
    assert (block.text, block.note) == (value, mark)


def test_label_rows_without_html_or_bullets_are_published() -> None:
    # a tab inside a value does not hide the label before the first tab
    assert detect_format("-", b"Session Title\tOpen\tdata for all\n") == "published"
    assert detect_format("-", b"Session Title\tOpen data\nDate\t6 December 2016\n") == "published"


def test_a_page_is_told_by_its_opening_or_by_its_tags() -> None:
    assert detect_format("-", b"<!doctype html>\nSession Title: Open data\n") == "html"
    assert detect_format("-", b"<p>Session Title</p>\n<p>Open data</p>\n") == "html"
    # one tag in a typed draft does not make it a page
    assert detect_format("-", b"Session Title: Open data <br>\n") == "text"


def test_a_page_opening_is_looked_for_near_the_start_only() -> None:
    # a draft that quotes "<html>" far down is still a draft
    late = "Session Title: Open data\n" + "x" * (3995 - 25) + "\n<html>\n"
    assert late.index("<html>") == 3996
    assert detect_format("-", late.encode()) == "text"
    assert detect_format("-", late.replace("\n<html>", "<html>").encode()) == "html"


def test_the_content_is_looked_into_up_to_200_000_bytes() -> None:
    filler = b"." * (200_000 - len("Session Title") - 1) + b"\n"
    late = filler + b"Session Title\tOpen data\n"
    assert late.index(b"\t") == 200_000
    assert detect_format("-", late) == "text"
    assert detect_format("-", late[1:]) == "published"


def test_a_character_cut_at_the_end_of_what_is_looked_into_is_no_error() -> None:
    data = b"Session Title: Open data\n" + "é".encode() * 100_000
    assert data[200_000:201_000].startswith(b"\xa9")  # 200,000 cuts an "é" in two
    assert detect_format("-", data) == "text"
    assert detect_format("-", b"Session Title\tOpen data\n\xff\xfe\n") == "published"


def test_markdown_is_told_by_a_heading_or_a_bold_label_alone() -> None:
    assert detect_format("-", b"## Session Title\n\nOpen data\n") == "markdown"
    assert detect_format("-", b"**Session Title:** Open data\n") == "markdown"
    # bold words that are no label do not make a draft Markdown
    assert detect_format("-", b"Session Title: Open data\n\n**Note** to self\n") == "text"
    assert detect_format("-", b"Session Title: Open data\n\n**Date X** to fix\n") == "text"


def test_a_suffix_names_the_format_in_any_case() -> None:
    notes = b"Notes with no label at all\n"
    assert detect_format("-", notes) == "text"
    assert detect_format("notes.md", notes) == "markdown"
    assert detect_format("NOTES.MD", notes) == "markdown"
    assert detect_format("page.HTM", notes) == "html"


def test_a_word_file_and_a_text_format_are_told_apart_by_name(
    tmp_path: Path, invoke: Invoke
) -> None:
    old = tmp_path / "old.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    result = invoke("import", str(old))
    assert result.exit_code == 1
    assert (
        f"{old}: is a Word 97-2003 document (.doc); save it as a Word document (.docx)"
        in result.stderr
    )
    draft = tmp_path / "draft.md"
    draft.write_text(DRAFT, encoding="utf-8")
    result = invoke("import", str(draft), "--from-format", "docx")
    assert result.exit_code == 1
    assert f"{draft}: cannot be read as a Word (.docx) file" in result.stderr
    word = tmp_path / "filled.docx"
    word.write_bytes(_filled_template())
    result = invoke("import", str(word), "--from-format", "markdown")
    assert result.exit_code == 2
    assert f"{word} is a Word file; import it with --from-format docx" in result.stderr


@pytest.mark.parametrize("fmt", ["markdown", "html", "docx", "published"])
def test_the_mark_of_an_invalid_item_is_named_when_left_out(
    fmt: str, tmp_path: Path, invoke: Invoke
) -> None:
    # a reader that takes the mark off an item must pass it on, or it goes unnamed
    data = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["key_issues"][0] = "x" * 20_001
    result = _imported(_rendered(data, fmt, tmp_path, invoke, valid=False), fmt, invoke)
    imported = tomllib.loads(result.stdout)
    assert imported["key_issues"][0] == data["key_issues"][0]
    assert result.stderr.count("is 20001 characters long; the limit is 20000)' under") == 1


@pytest.mark.parametrize("fmt", ["markdown", "html", "docx", "published", "text"])
def test_an_item_left_blank_comes_back_blank_and_its_mark_is_named(
    fmt: str, tmp_path: Path, invoke: Invoke
) -> None:
    # its text empty once the mark was taken off, the item and the mark went unsaid
    data = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["key_issues"][1:1] = ["   "]
    result = _imported(_rendered(data, fmt, tmp_path, invoke, valid=False), fmt, invoke)
    imported = tomllib.loads(result.stdout)["key_issues"]
    assert imported == [*data["key_issues"][:1], "", *data["key_issues"][2:]]
    assert result.stderr.count("The mark '(invalid: is empty)' under 'Key Issues") == 1


@pytest.mark.parametrize("fmt", ["markdown", "html", "docx", "published"])
def test_the_mark_after_a_summary_of_several_paragraphs_is_named_when_left_out(
    fmt: str, tmp_path: Path, invoke: Invoke
) -> None:
    # the mark ends the last paragraph; joining it to the ones before must keep it
    data = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["presentations"][0]["summary"] = "One.\n\nTwo " + "x" * 20_001
    result = _imported(_rendered(data, fmt, tmp_path, invoke, valid=False), fmt, invoke)
    summary = tomllib.loads(result.stdout)["presentations"][0]["summary"]
    assert summary.endswith("summary = One.\n\nTwo " + "x" * 20_001)
    assert result.stderr.count("characters long; the limit is 20000)' under") == 1


def _refused(path: Path, text: str, fmt: str, invoke: Invoke) -> str:
    """What import says of ``text`` in ``path``: it refuses it, exit 1, no traceback, no report."""
    path.write_text(text, "utf-8")
    result = invoke("import", str(path), "--from-format", fmt, "-o", "-")
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    return result.stderr


def test_a_page_nested_too_deeply_is_refused_without_a_traceback(
    tmp_path: Path, invoke: Invoke
) -> None:
    page = tmp_path / "deep.html"
    deep = f"<h2>Key Issues raised</h2>{'<div>' * 5000}deep{'</div>' * 5000}"
    said = _refused(page, deep, "html", invoke)
    assert f"{page}: nests its elements too deeply to be read (more than 300)" in said
    # the reader stops at 300 open elements (20,000 took seven seconds, now
    # under one); a page nested 100 deep is read whole
    page.write_text(f"<h2>Key Issues raised</h2>{'<div>' * 100}deep{'</div>' * 100}", "utf-8")
    result = invoke("import", str(page), "--from-format", "html", "-o", "-")
    assert tomllib.loads(result.stdout)["key_issues"] == ["deep"]


def test_a_draft_the_markdown_reader_cannot_take_apart_is_refused_without_a_traceback(
    tmp_path: Path, invoke: Invoke
) -> None:
    # every private-use character and an escape: nothing is left to set the escape apart with
    every = "".join(chr(code) for area in _PRIVATE_USE for code in area)
    draft = tmp_path / "draft.md"
    said = _refused(draft, f"## Discussions\n\n{every} \\*\n", "markdown", invoke)
    assert f"{draft}: holds every private-use character in one paragraph" in said


def test_characters_typed_in_the_markdown_readers_private_range_come_back(
    tmp_path: Path, invoke: Invoke
) -> None:
    # the reader's stand-ins for escapes are private-use characters; typed ones crashed it
    data = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["key_issues"][0] = "ICT \U000f0000 impact \U000f0005 \\* end"
    rendered = _rendered(data, "markdown", tmp_path, invoke, valid=True)
    result = _imported(rendered, "markdown", invoke)
    assert result.exit_code == 0, result.stderr
    assert tomllib.loads(result.stdout)["key_issues"][0] == data["key_issues"][0]


@pytest.mark.parametrize(("length", "cut"), [(300, True), (255, False)])
def test_a_title_too_long_for_words_properties_is_cut_there_only(
    length: int, *, cut: bool, tmp_path: Path, invoke: Invoke
) -> None:
    # python-docx refuses a core property over 255 characters: render crashed
    data = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["title"] = ("Open data " * 30)[: length - 1] + "."
    rendered = _rendered(data, "docx", tmp_path, invoke, valid=True)
    title = docx.Document(str(rendered)).core_properties.title
    assert title == (data["title"][:254] + "…" if cut else data["title"])
    result = _imported(rendered, "docx", invoke)
    assert tomllib.loads(result.stdout)["title"] == data["title"].strip()


@pytest.mark.parametrize(
    ("fmt", "source"),
    [
        (
            "html",
            (
                '<h2>Presentations</h2><h3>1. X</h3><p>One <span class="invalid-note">'
                "(invalid: mid)</span></p><p>Two.</p>"
            ),
        ),
        ("markdown", "## Presentations\n\n### 1. X\n\nOne **(invalid: mid)**\n\nTwo.\n"),
    ],
)
def test_a_mark_that_ends_a_paragraph_but_not_the_summary_is_its_words(
    fmt: str, source: str, tmp_path: Path, invoke: Invoke
) -> None:
    # it was taken off its paragraph, then lost without a note when the next one joined it
    path = tmp_path / f"report.{fmt}"
    path.write_text(source, "utf-8")
    result = invoke("import", str(path), "--from-format", fmt, "-o", "-")
    (presentation,) = tomllib.loads(result.stdout)["presentations"]
    assert presentation == {"title": "X", "summary": "One (invalid: mid)\n\nTwo."}
    assert "The mark" not in result.stderr


def _open_document(kind: str) -> bytes:
    """An OpenDocument file as LibreOffice saves it: its ``mimetype`` entry first, stored."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("mimetype", f"application/vnd.oasis.opendocument.{kind}")
        package.writestr("content.xml", "<office:document-content/>", zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@pytest.mark.parametrize(
    "case",
    [
        (
            "notes.odt",
            _open_document("text"),
            (
                "is an OpenDocument text file (LibreOffice); "
                "open it in LibreOffice and save it as a Word document (.docx)"
            ),
        ),
        ("sheet.ods", _open_document("spreadsheet"), "is an OpenDocument spreadsheet file"),
        ("draft.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "is a PDF file"),
        ("draft.rtf", b"{\\rtf1\\ansi Session Title: x}", "is a Rich Text Format file (.rtf)"),
        (
            "locked.docx",
            _OLE2 + b"\0" * 200 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 50,
            (
                "is a password-protected Word file, which import cannot read; "
                "remove its password in Word and save it again"
            ),
        ),
        ("old.doc", _OLE2 + b"\0" * 100, "is a Word 97-2003 document (.doc)"),
    ],
)
@pytest.mark.parametrize("from_format", [None, "docx", "text"])
def test_a_file_of_another_office_format_is_named_with_what_to_do(
    case: tuple[str, bytes, str], from_format: str | None, tmp_path: Path, invoke: Invoke
) -> None:
    name, data, reason = case
    source = tmp_path / name
    source.write_bytes(data)
    named = () if from_format is None else ("--from-format", from_format)
    result = invoke("import", str(source), *named, "-o", str(tmp_path / "r.toml"))
    assert result.exit_code == 1
    assert f"error: {source}: {reason}" in result.stderr
    assert result.stderr.count("error:") == 1
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "r.toml").exists()
