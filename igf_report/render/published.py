"""The format the IGF website published: ``label<TAB>value`` rows holding HTML.

Labels are the published report's own; values are HTML-escaped, lists are
``<ul>`` with the site's ``-`` bullets, paragraphs ``<p>``, a presentation's
title a bold lead-in followed by a line break, so that ``igf-report import``
reads the output back to the same report, exactly: a line break is ``<br>``
(a blank line two of them), whitespace that HTML would collapse is written as
character references (``&#32;``, ``&#9;``), and a comma inside a person's name
as ``&#44;``, which the importer never takes for the comma before the
affiliation. In a browser all of it looks as the report was typed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from html import escape
from typing import Any, Final

from igf_report.fields import FIELDS, FieldSpec, Kind
from igf_report.model import Person, Presentation, TimeRange
from igf_report.render import Renderer
from igf_report.render.values import DOCUMENT_TITLE, as_text

__all__ = ["HEADING", "RENDERER", "render"]

HEADING: Final = f"## {DOCUMENT_TITLE} Template"
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
    return _SPACE_RUN.sub(_keep_space, escape(text, quote=False))


def _person(person: Person) -> str:
    name = _html(person.name).replace(",", "&#44;")
    return f"{name}, {_html(person.affiliation)}" if person.affiliation else name


def _time(time: TimeRange) -> str:
    if any(t.second or t.microsecond for t in (time.start, time.end)):
        return f"{time.start.isoformat()} - {time.end.isoformat()}"
    return str(time)


def _value(spec: FieldSpec, value: object) -> str:
    if value is None or value == []:
        return ""
    if not spec.kind.is_list:
        return _one_value(spec, value)
    if spec.kind in {Kind.PERSONS, Kind.SENTENCES} and isinstance(value, list):
        items = " ".join(
            f"<li>-{_person(item) if isinstance(item, Person) else _html(str(item))}</li>"
            for item in value
        )
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
    return _html(str(value))


def _one_value(spec: FieldSpec, value: object) -> str:
    if isinstance(value, dt.date):
        return f"{value.month:02d}/{value.day:02d}/{value.year:04d}"
    if isinstance(value, TimeRange):
        return _time(value)
    if isinstance(value, Person):
        return _person(value)
    return _html(as_text(spec, value))


def render(values: Mapping[str, Any], *, width: int = 80) -> str:  # noqa: ARG001 -- rows are not wrapped
    """The report as the IGF website published reports: UTF-8, LF, one row per field."""
    rows = [f"{spec.heading}\t{_value(spec, values.get(spec.key))}" for spec in FIELDS]
    return f"\n\n{HEADING}\n\n" + "\n".join(rows) + "\n"


RENDERER = Renderer(
    name="published",
    suffix=".txt",
    description="the IGF website's published format (label<TAB>HTML rows)",
    render=render,
    marker=f"\n{HEADING}\n",
)
