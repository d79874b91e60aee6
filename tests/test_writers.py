"""Each writer serialises any document tree, not only the one a report makes.

The example report's snapshots (tests/snapshots) pin what a report looks like;
these pin the writers' own rules on a tree built by hand: a header fact of two
blocks, a fact after a section, list items around paragraphs and entries, a
section without a field key, a document without a title section.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest

from igf_report.document import Block, BlockKind, Document, Section
from igf_report.errors import NotOurFile
from igf_report.render import get_renderer
from igf_report.render.html import write as write_html
from igf_report.render.markdown import escape
from igf_report.render.markdown import write as write_markdown
from igf_report.render.published import write as write_published
from igf_report.validation import check

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
        "- **Place:** Riyadh 12 **(?)**\n- **Chair:** Smith, Jo, UN\n- **When:** 6 December 2016\n"
        "\n## Notes\n\n- one\n- two\n\nafter\\\nbreak\n\n### 1. T\n\np1\n\np2\n\n"
        "### 2. *(untitled)*\n\nbare\n\n- three\n\n## Minutes\n\n*(none)*\n"
    )


def test_published_writes_any_document() -> None:
    # a comma in the name is a character reference, the one before the
    # affiliation a comma; a date in the site's month-first form
    assert write_published(NOTES, width=80) == (
        "\n\n## IGF 2016 Workshop Report Template\n\n"
        "Place\tRiyadh 12\n"
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
        "<dt>Chair</dt><dd>Smith, Jo, UN</dd>\n<dt>When</dt><dd>6 December 2016</dd>\n"
        "</dl>\n</header>\n<main>\n"
        "<section>\n<h2>Notes</h2>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n"
        "<p>after<br>\nbreak</p>\n"
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
    ],
)
def test_markdown_escape_keeps_text_text(text: str, markdown: str) -> None:
    assert escape(text) == markdown


def _values() -> dict[str, object]:
    path = EXAMPLES / "national-digital-strategy.toml"
    return check(tomllib.loads(path.read_text(encoding="utf-8"))).values


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
    with pytest.raises(NotOurFile, match="use --force to replace it, or choose another file"):
        markdown.check_overwrite(folder)
