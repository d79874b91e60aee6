"""HTML for paper: one standalone HTML5 document with a print stylesheet.

No script and no external resource; every value is HTML-escaped, so a value
``<script>alert(1)</script>`` is shown as that text. Whitespace a browser would
collapse is written as references (``&#32;``, ``&#9;``) and a comma inside a
person's name as ``&#44;``, so that the page shows the report as typed and
``import`` reads it back to the same report. The stylesheet keeps the
header block together and a section heading with its first paragraph.
"""

from __future__ import annotations

from html import escape
from typing import Final

from igf_report import __version__
from igf_report.document import Block, BlockKind, Document, Section, runs
from igf_report.marks import DOCUMENT_TITLE, HTML_MARKER, MISSING, UNTITLED
from igf_report.textutil import controls_as_references, spaces_as_references, visible
from igf_report.writers import Renderer

__all__ = ["RENDERER", "page_head", "write"]

_STYLE: Final = """
:root { color-scheme: light; }
html { font: 11pt/1.45 "Noto Serif", "DejaVu Serif", Georgia, "Times New Roman", serif;
  color: #111; background: #fff; }
body { max-width: 46rem; margin: 2rem auto; padding: 0 1.25rem; }
header.report { border-bottom: 2px solid #1f3b63; padding-bottom: .75rem; margin-bottom: 1.5rem;
  break-inside: avoid; page-break-inside: avoid; }
.kind { font: 600 .8rem/1.2 "Noto Sans", "DejaVu Sans", Arial, sans-serif;
  letter-spacing: .08em; text-transform: uppercase; color: #1f3b63; margin: 0 0 .35rem; }
h1 { font-size: 1.55rem; line-height: 1.25; margin: 0 0 1rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1.25rem; margin: 0; }
dl.facts dt { font: 600 .85rem/1.5 "Noto Sans", "DejaVu Sans", Arial, sans-serif; color: #444; }
dl.facts dd { margin: 0; }
section { margin: 1.4rem 0; }
h2 { font: 600 1rem/1.35 "Noto Sans", "DejaVu Sans", Arial, sans-serif; color: #1f3b63;
  border-bottom: 1px solid #c9d3e0; padding-bottom: .2rem; margin: 0 0 .6rem;
  break-after: avoid; page-break-after: avoid; }
h3 { font-size: 1rem; margin: .9rem 0 .25rem; break-after: avoid; page-break-after: avoid; }
h2 + *, h3 + * { break-before: avoid; page-break-before: avoid; }
p, li { orphans: 3; widows: 3; }
p { margin: 0 0 .6rem; }
/* a value's own spaces and tabs are shown: a browser collapses even &#32; */
h1, dd, p, li, h3 { white-space: pre-wrap; }
ul { margin: 0; padding-left: 1.3rem; }
li { margin: .15rem 0; }
.missing { color: #8a5a00; font-style: italic; }
.invalid { text-decoration: underline wavy #b00020; text-decoration-skip-ink: none; }
.invalid-note { color: #b00020; font-style: italic; }
footer { margin-top: 2rem; font-size: .8rem; color: #666; border-top: 1px solid #ddd;
  padding-top: .4rem; }
@page { margin: 20mm 18mm 22mm; }
@media print {
  html { font-size: 10.5pt; }
  body { max-width: none; margin: 0; padding: 0; }
  a { color: inherit; text-decoration: none; }
  footer { position: static; }
}
"""


_FOOTER: Final = f"Written with igf-report {__version__} on the {DOCUMENT_TITLE} template."


def _text(value: str) -> str:
    # the whitespace a browser would collapse (a run, a tab, one ending a line) as references
    # and a control character as a reference: never a raw byte, read back exactly
    lines = (
        controls_as_references(spaces_as_references(escape(line))) for line in value.split("\n")
    )
    # no newline after <br>: under pre-wrap it would be a second break
    return "<br>".join(lines)


def _person(block: Block) -> str:
    if block.name and block.text.startswith(block.name):
        # the name's own comma as a reference, which a reader never takes for
        # the one before the affiliation; a browser shows a comma
        return _text(block.name).replace(",", "&#44;") + _text(block.text[len(block.name) :])
    return _text(block.text)


def _missing(text: str) -> str:
    return f'<span class="missing">{escape(text)}</span>'


def _shown(block: Block) -> str:
    if not block.note:
        return _person(block)
    # marked in words as well as in colour, which a black-and-white print loses
    note = f'<span class="invalid-note">{escape(visible(block.note))}</span>'
    return f'<span class="invalid">{_text(block.text)}</span> {note}'


def _value(section: Section) -> str:
    return " ".join(_shown(block) for block in section.blocks) or _missing(section.gap)


def _entry(block: Block, number: int) -> list[str]:
    # numbered as in text and show; an untitled one still gets a heading, so
    # that its summary is not read as part of the entry before it
    title = _text(block.lead) if block.lead else _missing(UNTITLED)
    return [
        "<article>",
        f"<h3>{number}. {title}</h3>",
        *(f"<p>{_shown(paragraph)}</p>" for paragraph in block.parts),
        "</article>",
    ]


def _section(section: Section) -> str:
    opening = f'<section id="{escape(section.key)}">' if section.key else "<section>"
    parts = [opening, f"<h2>{escape(section.label)}</h2>"]
    if not section.blocks:
        parts.append(f"<p>{_missing(section.gap)}</p>")
    number = 0
    for run in runs(section.blocks):
        block = run[0]
        if block.kind is BlockKind.ITEM:
            parts.extend(["<ul>", *(f"<li>{_shown(item)}</li>" for item in run), "</ul>"])
        elif block.kind is BlockKind.ENTRY:
            number += 1
            parts.extend(_entry(block, number))
        else:
            parts.append(f"<p>{_shown(block)}</p>")
    parts.append("</section>")
    return "\n".join(parts)


def page_head(title: str, style: str) -> str:
    """A page's doctype and ``<head>``: UTF-8, ``lang``, the generator mark, title and style.

    Args:
        title: the page's title, already escaped.
        style: the stylesheet.
    """
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
{HTML_MARKER} {escape(__version__)}">
<title>{title}</title>
<style>{style}</style>
</head>"""


def write(document: Document, *, width: int) -> str:  # noqa: ARG001 -- HTML reflows
    """The document as a standalone HTML5 page, ending with one newline."""
    kind = document.subtitle or DOCUMENT_TITLE
    page_title = escape(visible(f"{document.title} - {kind}" if document.title else kind))
    titles = [section for section in document.sections if section.is_title]
    if titles:  # shown as the title field is, marked if it is invalid
        heading = _value(titles[0])
    else:
        heading = _text(document.title) if document.title else _missing(MISSING)
    facts = "\n".join(
        f"<dt>{escape(section.label)}</dt><dd>{_value(section)}</dd>"
        for section in document.sections
        if section.fact and not section.is_title  # the title is the page's heading
    )
    sections = "\n".join(_section(section) for section in document.sections if not section.fact)
    return f"""{page_head(page_title, _STYLE)}
<body>
<header class="report">
<p class="kind">{escape(kind)}</p>
<h1>{heading}</h1>
<dl class="facts">
{facts}
</dl>
</header>
<main>
{sections}
</main>
<footer>{escape(_FOOTER)}</footer>
</body>
</html>
"""


RENDERER = Renderer(
    name="html",
    suffix=".html",
    description="a standalone HTML5 page for printing",
    marker=HTML_MARKER,
    write=write,
)
