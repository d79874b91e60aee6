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

from igf_report.fields import FIELDS
from igf_report.render import FORMATS, get_renderer
from igf_report.validation import check

from .conftest import EXAMPLES, Invoke, snapshot

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
    if renderer.render_bytes is not None:  # a binary format (Word): tests/test_word.py
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
    assert "Gob.mx" in headings  # presentations are titled
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
    assert "␛[31mred" in text
    assert "<U+202E>evil" in text
    quote = [t for t in tokens if t.type == "blockquote_open"]
    assert quote == []


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
    subprocess.run(
        [
            chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}",
            "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri(),
        ],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
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
    assert result.exit_code == 0
    assert "[red]x[/red] ␛[31mred ␛]0;title␇" in result.stdout
    assert "\x1b" not in result.stdout
    assert re.search(r"error: date \(Date\): is required", result.stdout)
