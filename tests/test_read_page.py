"""Web pages saved from a browser: label/value tables, definition lists, headings; no chrome."""

from __future__ import annotations

from html import escape

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from igf_report.importer.mapping import map_document
from igf_report.importer.page import read_page
from igf_report.importer.published import read_published

from .conftest import SEED, examples
from .documents import (
    assert_every_word_kept,
    generated_documents,
    imported_report,
)
from .reliability import tally


def _seed_page() -> str:
    """The seed as the IGF site showed it: a table of rows inside the site's chrome."""
    rows = []
    for line in SEED.read_text(encoding="utf-8").split("\n"):
        label, tab, value = line.partition("\t")
        if tab:
            rows.append(f"<tr><td><strong>{escape(label)}</strong></td><td>{value}</td></tr>")
        elif line.strip() and not line.startswith("#"):
            rows.append(f"<tr><td></td><td>{line}</td></tr>")
    return f"""<!DOCTYPE html>
<html><head><title>Workshop Report | Internet Governance Forum</title>
<script>var menu = "Home About Sessions";</script><style>td {{ padding: 2px }}</style></head>
<body>
<header><div class="logo">Internet Governance Forum</div><p>Search this site</p></header>
<nav><ul><li><a href="/">Home</a></li><li><a href="/igf-2016">IGF 2016</a></li></ul></nav>
<div id="content"><h1>IGF 2016 Workshop Report Template</h1>
<table class="report"><tbody>
{chr(10).join(rows)}
</tbody></table>
</div>
<aside>Related: other reports</aside>
<footer><p>© United Nations. Contact us.</p><script>track();</script></footer>
</body></html>
"""


def test_a_saved_report_page_imports_field_by_field() -> None:
    imported = map_document(read_page(_seed_page()))
    report = imported_report(imported)
    seed = imported_report(read_published(SEED.read_text(encoding="utf-8")))
    assert report == seed
    words = " ".join(str(v) for v in imported.data.values())
    notes = " ".join(imported.notes)
    for chrome in ("Home", "Search", "Contact us", "Related"):
        assert chrome not in words
        assert chrome in notes  # visible on the page: named in the notes
    for code in ("menu", "track", "padding", "Workshop Report | Internet"):
        assert code not in words + notes
    assert any("broken across two rows" in note for note in imported.notes)


def test_labels_typed_before_a_colon_in_paragraphs() -> None:
    page = "<p>Session Title: <b>Open data</b></p><p>Date: 6 December 2016</p>"
    imported = map_document(read_page(page))
    assert imported.data["title"] == "Open data"
    assert imported.data["date"] == "6 December 2016"


def test_a_definition_list_and_headings() -> None:
    page = """<html><body><main>
    <h1>Open data for all</h1>
    <dl><dt>Date</dt><dd>6 December 2016</dd><dt>Time</dt><dd>9:00 - 10:00</dd>
    <dt>Chair/Moderator</dt><dd>Ana Pérez, ISOC</dd></dl>
    <h2>Key Issues raised</h2>
    <ol><li>Open data &amp; privacy.</li><li>Costs &lt; benefits.</li></ol>
    <h2>Presentations</h2><h3>Portal</h3><p>The portal went live.</p>
    <p><b>Census:</b> counting online.</p>
    <h2>Discussions</h2><p>First.<br>Second line.</p><p>Another paragraph.</p>
    </main></body></html>"""
    imported = map_document(read_page(page))
    assert imported.data["title"] == "Open data for all"
    assert imported.data["date"] == "6 December 2016"
    assert imported.data["chair"] == {"name": "Ana Pérez", "affiliation": "ISOC"}
    assert imported.data["key_issues"] == ["Open data & privacy.", "Costs < benefits."]
    assert imported.data["presentations"] == [
        {"title": "Portal", "summary": "The portal went live."},
        {"title": "Census", "summary": "counting online."},
    ]
    assert imported.data["discussions"] == ["First.\nSecond line.", "Another paragraph."]


def _value(blocks: list[tuple[str, str]]) -> str:
    html = []
    for kind, text in blocks:
        tag = "li" if kind == "item" else "p"
        html.append(f"<{tag}>{escape(text)}</{tag}>")
    return "".join(html)


_LAYOUTS = ("table", "dl", "headings", "bold")


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(generated_documents, st.sampled_from(_LAYOUTS))
def test_every_word_of_a_generated_page_is_kept(
    document: list[tuple[str, list[tuple[str, str]]]], layout: str
) -> None:
    tally("every word: page reader, generated pages")
    parts = ["<html><head><title>Page</title></head><body><nav>Menu</nav>"]
    for label, blocks in document:
        if layout == "table":
            parts.append(
                f"<table><tr><th>{escape(label)}</th><td>{_value(blocks)}</td></tr></table>"
            )
        elif layout == "dl":
            parts.append(f"<dl><dt>{escape(label)}</dt><dd>{_value(blocks)}</dd></dl>")
        elif layout == "headings":
            parts.append(f"<h2>{escape(label)}</h2>{_value(blocks)}")
        else:
            parts.append(f"<p><strong>{escape(label)}:</strong></p>{_value(blocks)}")
    parts.append("<footer>Footer</footer></body></html>")
    imported = map_document(read_page("".join(parts)))
    labels = tuple(label for label, _ in document)
    visible = " ".join(text for _, blocks in document for _, text in blocks)
    assert_every_word_kept(visible, imported, labels)
