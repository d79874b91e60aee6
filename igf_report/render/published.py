"""The format the IGF website published: ``label<TAB>value`` rows holding HTML.

Labels are the published report's own; values are HTML-escaped, lists are
``<ul>`` with the site's ``-`` bullets, paragraphs ``<p>``, a presentation's
title a bold lead-in followed by a line break, so that ``igf-report import``
reads the output back to the same report.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from html import escape
from typing import Any

from igf_report.fields import FIELDS, FieldSpec, Kind
from igf_report.model import Presentation
from igf_report.render import Renderer
from igf_report.render.values import DOCUMENT_TITLE, as_text

__all__ = ["RENDERER", "render"]

_LIST_OPEN = '<ul style="list-style-type: none">'


def _html(text: str) -> str:
    # a tab would end the row and a newline the line: both are kept as HTML
    return escape(text, quote=False).replace("\t", "&#9;").replace("\n", "<br>")


def _value(spec: FieldSpec, value: object) -> str:
    if value is None or value == []:
        return ""
    if spec.kind is Kind.DATE and isinstance(value, dt.date):
        return f"{value:%m/%d/%Y}"
    if spec.kind in {Kind.PERSONS, Kind.SENTENCES} and isinstance(value, list):
        items = " ".join(f"<li>-{_html(str(item))}</li>" for item in value)
        return f"{_LIST_OPEN} {items} </ul>"
    if spec.kind is Kind.PARAGRAPHS and isinstance(value, list):
        return " ".join(f"<p>{_html(str(p))}</p>" for p in value)
    if spec.kind is Kind.PRESENTATIONS and isinstance(value, list):
        blocks = []
        for item in value:
            presentation: Presentation = item
            lead = f"<b>{_html(presentation.title)}</b><br>" if presentation.title else ""
            blocks.append(f"<p>{lead}{_html(presentation.summary)}</p>")
        return " ".join(blocks)
    return _html(as_text(spec, value) if spec.kind is not Kind.DATE else str(value))


def render(values: Mapping[str, Any], *, width: int = 80) -> str:  # noqa: ARG001 -- rows are not wrapped
    """The report as the IGF website published reports: UTF-8, LF, one row per field."""
    rows = [f"{spec.heading}\t{_value(spec, values.get(spec.key))}" for spec in FIELDS]
    return f"\n\n## {DOCUMENT_TITLE} Template\n\n" + "\n".join(rows) + "\n"


RENDERER = Renderer(
    name="published",
    suffix=".txt",
    description="the IGF website's published format (label<TAB>HTML rows)",
    render=render,
    marker=f"\n## {DOCUMENT_TITLE} Template\n",
)
