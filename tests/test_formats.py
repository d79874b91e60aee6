"""Markdown, HTML and the terminal view: structure, and values always shown as text."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tomllib
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from igf_report.template.fields import FIELDS
from igf_report.template.validation import check
from igf_report.writers import FORMATS, get_renderer

from .conftest import EXAMPLES, Invoke, print_to_pdf, snapshot

HOSTILE = (
    "*Bob* _x_ [link](http://e.example) <script>alert(1)</script> &amp; "
    "[bold]rich[/bold] \x1b[31mred\x1b[0m \x1b]8;;http://e.example\x07osc\x1b]8;;\x07 "
    "\u202eevil\u202c | # 1. `code` \x07\x9b"
)


def _hostile_values() -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": HOSTILE,
        "date": "2016-12-07",
        "time": "09:00 - 10:00",
        "organizer": HOSTILE,
        "chair": {"name": HOSTILE, "affiliation": HOSTILE},
        "rapporteur": {"name": HOSTILE, "affiliation": HOSTILE},
        "speakers": [{"name": HOSTILE, "affiliation": HOSTILE}],
        "key_issues": [HOSTILE, "1. " + HOSTILE, "- " + HOSTILE],
        "presentations": [{"title": HOSTILE, "summary": HOSTILE}],
        "discussions": [HOSTILE, "line one\n# line two"],
        "way_forward": ["---", "> quoted " + HOSTILE],
    }
    checked = check(data)
    assert checked.errors == []
    return checked.values


def _example_values(name: str = "national-digital-strategy") -> dict[str, Any]:
    return check(tomllib.loads((EXAMPLES / f"{name}.toml").read_text("utf-8"))).values


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_every_format_is_registered_with_its_module(name: str) -> None:
    renderer = get_renderer(name)
    assert renderer.name == name
    assert renderer.suffix.startswith(".")
    if renderer.binary:  # a binary format (Word): tests/test_word.py
        assert renderer.render_bytes(_example_values(), width=80).startswith(b"PK\x03\x04")
        return
    out = renderer.render(_example_values(), width=80)
    assert out.endswith("\n")
    assert "\r" not in out


@pytest.mark.parametrize("name", ["text", "markdown", "html", "published"])
def test_rendered_examples_match_their_snapshots(name: str) -> None:
    renderer = get_renderer(name)
    snapshot(f"render-{name}{renderer.suffix}", renderer.render(_example_values(), width=80))


# --- Markdown --------------------------------------------------------------------------


def _inline_text(tokens: list[Any]) -> str:
    out = []
    for token in tokens:
        if token.type == "inline":
            for child in token.children or []:
                if child.type in {"text", "code_inline"}:
                    out.append(child.content)
                elif child.type in {"softbreak", "hardbreak"}:
                    out.append("\n")
                elif child.type not in {"em_open", "em_close", "strong_open", "strong_close"}:
                    out.append(f"<{child.type}>")
            out.append("\n")
    return "".join(out)


def test_markdown_structure() -> None:
    md = get_renderer("markdown").render(_example_values(), width=80)
    tokens = MarkdownIt("commonmark").parse(md)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings[0].startswith("National Digital Strategy Impact")
    for spec in FIELDS:
        if spec.kind.is_list:
            assert spec.heading in headings
    assert "1. Gob.mx" in headings  # presentations are titled, and numbered
    assert "2. *(untitled)*" in headings
    items = [t for t in tokens if t.type == "list_item_open"]
    assert len(items) == 6 + 4 + 3  # header pairs, speakers, key issues


def test_markdown_shows_hostile_values_literally() -> None:
    md = get_renderer("markdown").render(_hostile_values(), width=80)
    tokens = MarkdownIt("commonmark").parse(md)
    assert not [t for t in tokens if t.type in {"html_block", "code_block", "fence", "hr"}]
    text = _inline_text(tokens)
    assert "<link_open>" not in text
    assert "<html_inline>" not in text
    assert "*Bob* _x_ [link](http://e.example) <script>alert(1)</script> &amp;" in text
    assert "1. *Bob*" in text
    assert "- *Bob*" in text
    assert "\x1b" not in md
    # a control character as a reference, which a viewer shows as a mark and import reads back
    assert "&#27;\\[31mred" in md
    assert "\x1b" not in text
    assert "<U+202E>evil" in text
    quote = [t for t in tokens if t.type == "blockquote_open"]
    assert quote == []


def test_markdown_values_never_become_headings() -> None:
    values = _hostile_values()
    md = get_renderer("markdown").render(values, width=80)
    tokens = MarkdownIt("commonmark").parse(md)
    headings = [
        (t.tag, tokens[i + 1].content) for i, t in enumerate(tokens) if t.type == "heading_open"
    ]
    # the title, each section's label and each presentation's title: nothing else
    expected = 1 + len([s for s in FIELDS if s.kind.is_list]) + len(values["presentations"])
    assert len(headings) == expected, headings
    assert not [content for _, content in headings if "line two" in content]
    assert "line one\n# line two" in _inline_text(tokens)


# --- HTML ------------------------------------------------------------------------------


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend(attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_is_one_standalone_document() -> None:
    html = get_renderer("html").render(_example_values(), width=80)
    assert html.startswith('<!DOCTYPE html>\n<html lang="en">')
    parser = _Collect()
    parser.feed(html)
    assert "script" not in parser.tags
    assert not [v for k, v in parser.attrs if k in {"src", "href"}]
    assert '<meta charset="utf-8">' in html
    assert "@page" in html
    assert "break-after: avoid" in html


def test_html_escapes_hostile_values() -> None:
    html = get_renderer("html").render(_hostile_values(), width=80)
    parser = _Collect()
    parser.feed(html)
    assert parser.tags.count("script") == 0
    assert "a" not in parser.tags
    text = "".join(parser.text)
    assert "<script>alert(1)</script> &amp;" in text
    assert "\x1b" not in html
    assert "\u202e" not in html


def _chromium() -> str | None:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None and os.environ.get("CI"):
        pytest.fail("CI must have chromium: .ci/run installs it")
    return found


@pytest.mark.parametrize("values", ["example", "hostile"])
def test_html_prints_to_pdf_with_every_value(tmp_path: Path, values: str) -> None:
    chromium = _chromium()
    if chromium is None:
        pytest.skip("chromium is not installed (apt-get install chromium poppler-utils)")
    data = _example_values() if values == "example" else _hostile_values()
    page = tmp_path / "report.html"
    page.write_text(get_renderer("html").render(data, width=80), encoding="utf-8")
    pdf = tmp_path / "report.pdf"
    print_to_pdf(chromium, page, pdf, tmp_path / "profile")
    pdftotext = shutil.which("pdftotext")
    assert pdftotext is not None, "poppler-utils comes with chromium in .ci/run"
    text = subprocess.run(
        [pdftotext, "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    flat = " ".join(text.split())
    if values == "example":
        report = check(
            tomllib.loads((EXAMPLES / "national-digital-strategy.toml").read_text("utf-8"))
        )
        assert report.report is not None
        for speaker in report.report.speakers:
            assert speaker.name in flat
        for presentation in report.report.presentations:
            assert " ".join(presentation.summary.split())[:60] in flat
        assert "Government transformation challenges:" in flat
        assert "6 December 2016" in flat
    else:
        assert "<script>alert(1)</script>" in flat
        assert "[bold]rich[/bold]" in flat


# --- show ------------------------------------------------------------------------------


def test_show_reads_well_in_80_columns(invoke: Invoke) -> None:
    result = invoke("show", str(EXAMPLES / "national-digital-strategy.toml"), "--no-pager")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert "\x1b" not in result.stdout
    assert "Rapporteur/Notetaker  (not given)" in result.stdout
    assert "warning: rapporteur (Rapporteur/Notetaker): is empty" in result.stdout
    snapshot("show-national-digital-strategy.txt", result.stdout)


def test_show_prints_markup_and_controls_as_text(invoke: Invoke, tmp_path: Path) -> None:
    report = tmp_path / "evil.toml"
    report.write_text(
        'title = "[red]x[/red] \\u001b[31mred \\u001b]0;title\\u0007"\n', encoding="utf-8"
    )
    result = invoke("show", str(report))
    assert result.exit_code == 1  # the report has errors (no date, …)
    assert "[red]x[/red] ␛[31mred ␛]0;title␇" in result.stdout
    assert "\x1b" not in result.stdout
    assert re.search(r"error: date \(Date\): is required", result.stdout)


# --- --format ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "start"),
    [
        (["render", "{f}", "--format", "HTML"], "<!DOCTYPE html>"),
        (["render", "{f}", "-f", "Markdown"], "# National Digital Strategy"),
        (["validate", "{f}", "--format", "JSON"], '{"version"'),
        (["fields", "--format", "Json"], "["),
    ],
)
def test_a_format_is_matched_whatever_its_case(invoke: Invoke, args: list[str], start: str) -> None:
    report = str(EXAMPLES / "national-digital-strategy.toml")
    result = invoke(*[report if a == "{f}" else a for a in args])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(start)


# --- presentations without a title ----------------------------------------------------


def _mixed_presentations() -> dict[str, Any]:
    values = _example_values()
    values["presentations"] = check(
        {"presentations": [{"title": "Gob.mx", "summary": "First."}, {"summary": "Second."}]}
    ).values["presentations"]
    return values


def test_markdown_never_puts_an_untitled_presentation_under_the_previous_title() -> None:
    md = get_renderer("markdown").render(_mixed_presentations(), width=80)
    tokens = MarkdownIt("commonmark").parse(md)
    blocks = [
        (t.type, tokens[i + 1].content)
        for i, t in enumerate(tokens)
        if t.type in {"heading_open", "paragraph_open"}
    ]
    second = blocks.index(("paragraph_open", "Second."))
    heading = next(b for b in reversed(blocks[:second]) if b[0] == "heading_open")
    assert heading[1] == "2. *(untitled)*"
    assert "untitled" in heading[1]


def test_html_never_puts_an_untitled_presentation_under_the_previous_title() -> None:
    html = get_renderer("html").render(_mixed_presentations(), width=80)
    section = html.split('<section id="presentations">', 1)[1].split("</section>", 1)[0]
    before_second = section.split("<p>Second.</p>", 1)[0]
    last_heading = before_second.rsplit("<h3>", 1)[1]
    assert "Gob.mx" not in last_heading
    assert last_heading.startswith("2. ")
    assert "untitled" in last_heading


# --- invalid values -------------------------------------------------------------------

_INVALID = 'title = "Half done"\ndate = "2016-13-06"\nkey_issues = ["Access is costly.", 3]\n'


@pytest.mark.parametrize(
    ("fmt", "date", "issues"),
    [
        # the one wrong item is marked, the other shown as any item
        (
            "text",
            "Date                  2016-13-06 (invalid: ",
            "- Access is costly.\n- 3 (invalid: ",
        ),
        ("markdown", "2016-13-06 **(invalid: ", "- Access is costly.\n- 3 **(invalid: "),
        (
            "html",
            '<span class="invalid">2016-13-06</span> <span class="invalid-note">(invalid: ',
            (
                '<li>Access is costly.</li>\n<li><span class="invalid">3</span> '
                '<span class="invalid-note">(invalid: should be text)</span></li>'
            ),
        ),
        (
            "published",
            "Date\t2016-13-06 (invalid: ",
            "<li>-Access is costly.</li> <li>-3 (invalid: should be text)</li>",
        ),
    ],
)
def test_an_invalid_value_is_shown_as_the_file_has_it_marked_invalid(
    invoke: Invoke, tmp_path: Path, fmt: str, date: str, issues: str
) -> None:
    report = tmp_path / "draft.toml"
    report.write_text(_INVALID, encoding="utf-8")
    result = invoke("render", str(report), "--format", fmt, "--width", "200")
    assert date in result.stdout
    assert issues in result.stdout
    assert "is not a date on the calendar" in result.stdout
    assert "error: date (Date): '2016-13-06' is not a date on the calendar" in result.stderr
    assert result.exit_code == 1  # the README's table: a report is invalid


def test_show_marks_an_invalid_value_and_exits_1(invoke: Invoke, tmp_path: Path) -> None:
    report = tmp_path / "draft.toml"
    report.write_text(_INVALID, encoding="utf-8")
    result = invoke("show", str(report), "--no-pager")
    assert re.search(r"Date +2016-13-06 \(invalid: '2016-13-06' is not a date", result.stdout)
    assert re.search(r"• Access is costly\. *\n *• 3 \(invalid: should be text\)", result.stdout)
    assert result.exit_code == 1


_ONE_WRONG_ITEM = """\
speakers = [{ name = 3 }, { name = "Ana", affiliation = "ISOC" }]
presentations = [{ title = "Portal", summary = 7 }, { summary = "Fine." }]
"""


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "published"])
def test_one_wrong_item_marks_only_itself(invoke: Invoke, tmp_path: Path, fmt: str) -> None:
    # one wrong speaker used to turn the whole list into "name = 3; name = Ana, ..."
    report = tmp_path / "draft.toml"
    report.write_text(_ONE_WRONG_ITEM, encoding="utf-8")
    result = invoke("render", str(report), "--format", fmt, "--width", "200")
    assert "Ana, ISOC" in result.stdout
    assert "name = Ana" not in result.stdout
    assert "name = 3" in result.stdout
    assert "(invalid: name: should be text)" in result.stdout
    # the wrong presentation keeps its place: the next one is the second
    assert "title = Portal, summary = 7" in result.stdout
    assert "(invalid: summary: should be text)" in result.stdout
    assert "summary = Fine." not in result.stdout
    if fmt != "published":  # the site numbered no presentation
        assert re.search(r"2\. .*\s*.*Fine\.", result.stdout)
    assert result.exit_code == 1


def test_one_wrong_item_in_word_marks_only_itself(invoke: Invoke, tmp_path: Path) -> None:
    import docx  # noqa: PLC0415 -- the Word tests' own dependency

    report = tmp_path / "draft.toml"
    report.write_text(_ONE_WRONG_ITEM, encoding="utf-8")
    out = tmp_path / "draft.docx"
    result = invoke("render", str(report), "--format", "docx", "-o", str(out))
    assert result.exit_code == 1
    paragraphs = [p.text for p in docx.Document(str(out)).paragraphs]
    assert "name = 3 (invalid: name: should be text)" in paragraphs
    assert "Ana, ISOC" in paragraphs


def test_a_list_wrong_as_a_whole_is_shown_whole(invoke: Invoke, tmp_path: Path) -> None:
    report = tmp_path / "draft.toml"
    report.write_text("speakers = 3\nkey_issues = { a = 1 }\n", encoding="utf-8")
    result = invoke("render", str(report), "--format", "text", "--width", "200")
    assert re.search(r"^3 \(invalid: ", result.stdout, re.MULTILINE)
    assert re.search(r"^a = 1 \(invalid: ", result.stdout, re.MULTILINE)


def test_a_list_where_text_belongs_is_shown_with_its_items_in_order(
    invoke: Invoke, tmp_path: Path
) -> None:
    report = tmp_path / "draft.toml"
    text = (EXAMPLES / "community-networks.toml").read_text(encoding="utf-8")
    report.write_text(re.sub(r"(?m)^title = .*$", 'title = ["Access", "for all"]', text), "utf-8")
    result = invoke("render", str(report))
    assert "Access; for all (invalid: " in result.stdout


def test_the_published_mark_of_an_invalid_value_is_dropped_on_import(
    invoke: Invoke, tmp_path: Path
) -> None:
    report = tmp_path / "draft.toml"
    organizer = "Ends so (invalid: typed) (invalid: twice)"
    report.write_text(_ONE_WRONG_ITEM + f'organizer = "{organizer}"\n', "utf-8")
    published = tmp_path / "draft.txt"
    invoke("render", str(report), "--format", "published", "-o", str(published))
    back = tmp_path / "back.toml"
    result = invoke("import", str(published), "-o", str(back))
    assert "The mark '(invalid: name: should be text)' under " in result.stderr
    data = tomllib.loads(back.read_text(encoding="utf-8"))
    assert data["speakers"] == [{"name": "name = 3"}, {"name": "Ana", "affiliation": "ISOC"}]
    # typed words that read as the mark are the rapporteur's: written apart, kept
    assert data["organizer"] == organizer
