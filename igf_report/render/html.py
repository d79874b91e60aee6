"""HTML for paper: one standalone HTML5 document with a print stylesheet.

No script and no external resource; every value is HTML-escaped, so a value
``<script>alert(1)</script>`` is shown as that text. The stylesheet keeps the
header block together and a section heading with its first paragraph.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any, Final

from igf_report import __version__
from igf_report.fields import FieldSpec, Kind
from igf_report.model import Presentation
from igf_report.parsers import split_paragraphs
from igf_report.render import Renderer
from igf_report.render.values import (
    DOCUMENT_TITLE,
    HEADER_FIELDS,
    MISSING,
    NONE_GIVEN,
    SECTION_FIELDS,
    UNTITLED,
    Invalid,
    as_text,
)
from igf_report.textutil import visible

__all__ = ["RENDERER", "page_head", "render"]

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
    return escape(visible(value)).replace("\n", "<br>\n")


def _missing(text: str) -> str:
    return f'<span class="missing">{escape(text)}</span>'


def _invalid(value: Invalid) -> str:
    # marked in words as well as in colour, which a black-and-white print loses
    note = f'<span class="invalid-note">{escape(visible(value.note))}</span>'
    return f'<span class="invalid">{_text(value.text)}</span> {note}'


def _section(spec: FieldSpec, value: object) -> str:
    parts = [f'<section id="{spec.key}">', f"<h2>{escape(spec.heading)}</h2>"]
    if isinstance(value, Invalid):
        parts.append(f"<p>{_invalid(value)}</p>")
    elif not isinstance(value, list) or not value:
        parts.append(f"<p>{_missing(MISSING if spec.required else NONE_GIVEN)}</p>")
    elif spec.kind is Kind.PRESENTATIONS:
        # numbered as in text and show; an untitled one still gets a heading, so
        # that its summary is not read as part of the presentation before it
        for number, item in enumerate(value, start=1):
            presentation: Presentation = item
            parts.append("<article>")
            title = _text(presentation.title) if presentation.title else _missing(UNTITLED)
            parts.append(f"<h3>{number}. {title}</h3>")
            parts.extend(f"<p>{_text(p)}</p>" for p in split_paragraphs(presentation.summary))
            parts.append("</article>")
    elif spec.kind is Kind.PARAGRAPHS:
        parts.extend(f"<p>{_text(str(p))}</p>" for p in value)
    else:
        parts.append("<ul>")
        parts.extend(f"<li>{_text(str(item))}</li>" for item in value)
        parts.append("</ul>")
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
<meta name="generator" content="igf-report {escape(__version__)}">
<title>{title}</title>
<style>{style}</style>
</head>"""


def render(values: Mapping[str, Any], *, width: int = 80) -> str:  # noqa: ARG001 -- HTML reflows
    """The report as a standalone HTML5 document, ending with one newline."""
    title = values.get("title")
    if isinstance(title, Invalid):
        heading = _invalid(title)
    else:
        heading = _text(str(title)) if title else _missing(MISSING)
    page_title = escape(visible(f"{title} - {DOCUMENT_TITLE}" if title else DOCUMENT_TITLE))
    facts = []
    for spec in HEADER_FIELDS:
        if spec.key == "title":
            continue
        value = values.get(spec.key)
        if isinstance(value, Invalid):
            shown = _invalid(value)
        else:
            shown = _missing(MISSING) if value is None else _text(as_text(spec, value))
        facts.append(f"<dt>{escape(spec.label)}</dt><dd>{shown}</dd>")
    sections = "\n".join(_section(spec, values.get(spec.key)) for spec in SECTION_FIELDS)
    fact_list = "\n".join(facts)
    return f"""{page_head(page_title, _STYLE)}
<body>
<header class="report">
<p class="kind">{escape(DOCUMENT_TITLE)}</p>
<h1>{heading}</h1>
<dl class="facts">
{fact_list}
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
    render=render,
    marker='<meta name="generator" content="igf-report',
)
