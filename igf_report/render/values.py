"""How every format says a value in words: shared by the renderers and the wizard."""

from __future__ import annotations

import datetime as dt
from typing import Final

from igf_report.fields import FIELDS, FieldSpec, Kind
from igf_report.model import Report

__all__ = [
    "DOCUMENT_TITLE",
    "HEADER_FIELDS",
    "MISSING",
    "NONE_GIVEN",
    "SECTION_FIELDS",
    "UNTITLED",
    "as_text",
]

#: Shown where a field has no value, so a gap is never mistaken for layout.
MISSING: Final = "(not given)"
#: Shown for an optional list left empty (no presentations).
NONE_GIVEN: Final = "(none)"
#: The heading of a presentation given no title, so that its summary is never
#: read as part of the presentation before it.
UNTITLED: Final = "(untitled)"

DOCUMENT_TITLE: Final = str(Report.model_config.get("title", "Report"))

#: One-value fields, shown as a block of label/value pairs.
HEADER_FIELDS: Final = tuple(spec for spec in FIELDS if not spec.kind.is_list)
#: List fields, each shown as a section under its template label.
SECTION_FIELDS: Final = tuple(spec for spec in FIELDS if spec.kind.is_list)


def as_text(spec: FieldSpec, value: object) -> str:
    """A one-value field's value in words (``6 December 2016``, ``Name, affiliation``)."""
    if value is None:
        return MISSING
    if spec.kind is Kind.DATE and isinstance(value, dt.date):
        return f"{value.day} {value:%B %Y}"
    return str(value)
