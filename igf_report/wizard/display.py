"""How the wizard says values and findings: as typed, in short, numbered as on screen."""

from __future__ import annotations

import datetime as dt
from typing import Final

from pydantic import ValidationError

from igf_report.marks import MISSING, NONE_GIVEN
from igf_report.template.fields import (
    FieldSpec,
    Kind,
    field_for_path,
    key_of_path,
    place_for_people,
)
from igf_report.template.model import Person, Presentation, TimeRange, afternoon
from igf_report.template.parsers import MEETING_DAYS
from igf_report.template.validation import Finding
from igf_report.writers.values import as_text

__all__ = [
    "as_answer",
    "finding_line",
    "item_text",
    "likelier",
    "short_value",
    "understood",
]

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


def understood(value: object) -> str | None:
    """What the wizard read from an answer that it parsed, said back in words.

    A date with its weekday (``Tuesday 6 December 2016``), a time range
    (``09:00 - 10:30``), a person as name and affiliation (``Ana Pérez · ISOC``);
    ``None`` for text, which is kept as typed.
    """
    if isinstance(value, dt.date):
        return f"{value:%A} {value.day} {value:%B %Y}"
    if isinstance(value, TimeRange):
        if any(t.second or t.microsecond for t in (value.start, value.end)):
            return f"{value.start.isoformat()} - {value.end.isoformat()}"  # never dropped
        return str(value)
    if isinstance(value, Person):
        return f"{value.name} · {value.affiliation or 'no affiliation'}"
    return None


def likelier(value: object) -> dt.date | TimeRange | None:
    """What was more likely meant by a time in the small hours or a date in another year.

    ``3-4:30`` reads as 03:00 - 04:30, when sessions ran in the afternoon;
    ``6 Dec 2106`` is a slip for the meeting's year. ``None`` when the value
    is plausible as it is.
    """
    if isinstance(value, TimeRange):
        return afternoon(value)
    year = MEETING_DAYS[0].year
    if isinstance(value, dt.date) and value.year != year:
        try:
            return value.replace(year=year)
        except ValueError:  # 29 February, in a meeting year that is not a leap year
            return None
    return None


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
        first = understood(value[0]) if isinstance(value[0], Person) else item_text(value[0])
        return _cut((first or "").replace("\n", " "), _SHORT - len(more)) + more
    text = as_answer(spec, value) if isinstance(value, dict) else as_text(spec, value)
    if isinstance(value, dt.date | TimeRange | Person):
        text = understood(value) or text  # as the wizard said it back
    return _cut(text.replace("\n", " "), _SHORT)
