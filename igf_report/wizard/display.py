"""How the wizard says values and findings: as typed, in short, numbered as on screen."""

from __future__ import annotations

import datetime as dt
from typing import Final

from pydantic import ValidationError

from igf_report.fields import FieldSpec, Kind, field_for_path, key_of_path, place_for_people
from igf_report.model import Person, Presentation, TimeRange
from igf_report.render.values import MISSING, NONE_GIVEN, as_text
from igf_report.validation import Finding

__all__ = ["as_answer", "finding_line", "item_text", "short_value"]

_SHORT: Final = 48  # characters of a value shown in the review table


def as_answer(spec: FieldSpec, value: object) -> str:
    """A value written the way it would be typed, to offer as the default."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):  # as written in a file, and not valid
        model = TimeRange if spec.kind is Kind.TIME else Person
        try:
            return str(model.model_validate(value))
        except ValidationError:
            return ", ".join(str(v) for v in value.values() if v)
    return str(value)


def item_text(item: object) -> str:
    """One list item on one line: a person as typed, a presentation as ``Title: summary``."""
    if isinstance(item, Presentation):
        return f"{item.title}: {item.summary}" if item.title else item.summary
    if isinstance(item, dict):
        return ", ".join(str(v) for v in item.values() if v)
    return str(item)


def finding_line(finding: Finding) -> str:
    """A finding as the rapporteur reads it: ``warning: Speakers, item 5, affiliation: …``."""
    place = place_for_people(finding.path, short=True)
    if field_for_path(finding.path) is None:
        # a key the template does not know: name it, as validate does
        place = f"{key_of_path(finding.path)} ({place})"
    return f"{finding.severity}: {place}: {finding.message}"


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def short_value(spec: FieldSpec, value: object) -> str:
    """A value cut to fit the review table; a list as its first item and a count."""
    if spec.is_empty(value):
        return MISSING if spec.required or spec.template.when_missing else NONE_GIVEN
    if isinstance(value, list):
        more = f" (+{len(value) - 1} more)" if len(value) > 1 else ""
        return _cut(item_text(value[0]).replace("\n", " "), _SHORT - len(more)) + more
    text = as_answer(spec, value) if isinstance(value, dict) else as_text(spec, value)
    return _cut(text.replace("\n", " "), _SHORT)
