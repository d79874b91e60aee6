"""The format the IGF website published: ``label<TAB>value`` rows holding HTML.

Labels are the published report's own; values are HTML-escaped, lists are
``<ul>`` with the site's ``-`` bullets, paragraphs ``<p>``, a presentation's
title a bold lead-in followed by a line break, so that ``igf-report import``
reads the output back to the same report, exactly: a line break is ``<br>``
(a blank line two of them), whitespace that HTML would collapse is written as
character references (``&#32;``, ``&#9;``), and a comma inside a person's name
as ``&#44;``, which the importer never takes for the comma before the
affiliation. A browser shows the words as typed, though it collapses spaces
even written as references; the importer keeps them.
"""

from __future__ import annotations

import re
from html import escape
from typing import Final

from igf_report.document import Block, BlockKind, Document, Section, runs
from igf_report.marks import PUBLISHED_HEADING, html_apart
from igf_report.textutil import controls_as_references
from igf_report.writers import Renderer

__all__ = ["RENDERER", "write"]

_LIST_OPEN = '<ul style="list-style-type: none">'
# What HTML collapses (and a tab would end the row, a newline the line)
_SPACE_RUN: Final = re.compile(r"[ \t\n\r\f]+")
_AS_REFERENCE: Final = {"\n": "<br>", " ": "&#32;", "\t": "&#9;", "\r": "&#13;", "\f": "&#12;"}


def _keep_space(run: re.Match[str]) -> str:
    # one space between two words is what HTML keeps anyway
    if run[0] == " ":
        return " "
    return "".join(_AS_REFERENCE[char] for char in run[0])


def _html(text: str) -> str:
    # a control character as a reference: the file never holds a raw escape byte
    # C1 controls stay: as references, HTML would read &#155; as Windows-1252's "›"
    return controls_as_references(_SPACE_RUN.sub(_keep_space, escape(text, quote=False)), c1=True)


def _inline(block: Block) -> str:
    if block.date is not None:
        return f"{block.date.month:02d}/{block.date.day:02d}/{block.date.year:04d}"
    text = html_apart(block.text, block.name, _html)
    # an invalid value as the file has it, marked as every format marks it: the
    # mark's "(" typed, the only one the importer takes off
    return f"{text} {_html(block.note)}" if block.note else text


def _block(block: Block) -> str:
    if block.kind is BlockKind.ITEM:
        return f"<li>-{_inline(block)}</li>"
    lead = ""
    if block.lead:
        lead = f"<b>{_html(block.lead)}</b>" + ("<br>" if block.lead_break else " ")
    return f"<p>{lead}{_inline(block)}</p>"


def _value(section: Section) -> str:
    if section.fact:
        return " ".join(_inline(block) for block in section.blocks)
    parts: list[str] = []
    for run in runs(section.blocks):
        if run[0].kind is BlockKind.ITEM:
            parts.extend([_LIST_OPEN, *(_block(block) for block in run), "</ul>"])
        else:
            parts.append(_block(run[0]))
    return " ".join(parts)


def write(document: Document, *, width: int) -> str:  # noqa: ARG001 -- rows are not wrapped
    """The document as the IGF website published reports: UTF-8, LF, one row per section."""
    rows = [f"{section.label}\t{_value(section)}" for section in document.sections]
    return f"\n\n{PUBLISHED_HEADING}\n\n" + "\n".join(rows) + "\n"


RENDERER = Renderer(
    name="published",
    suffix=".txt",
    description="the IGF website's published format (label<TAB>HTML rows)",
    marker=f"\n{PUBLISHED_HEADING}\n",
    write=write,
)
