"""How every format says a value in words: shared by the renderers and the wizard.

The fixed words and marks (a gap, an invalid value's mark) are in :mod:`igf_report.marks`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from igf_report.marks import MISSING
from igf_report.template.fields import (
    FieldSpec,
    Kind,
    field_for_path,
    key_of_path,
    place_for_people,
)
from igf_report.template.model import TimeRange
from igf_report.template.validation import Checked, Finding, Severity

__all__ = ["Invalid", "as_text", "raw_text", "shown_values"]


@dataclass(frozen=True)
class Invalid:
    """A field whose value has an error, shown as the file has it, marked invalid.

    Attributes:
        text: the value as written (see :func:`raw_text`).
        message: what is wrong with it, as ``validate`` says it.
    """

    text: str
    message: str

    @property
    def note(self) -> str:
        """The mark shown after the value: ``(invalid: <message>)``."""
        return f"(invalid: {self.message})"

    def __str__(self) -> str:
        return self.text


def raw_text(raw: object) -> str:
    """A value as a file wrote it, in words: text as is, a table as ``key = value`` pairs.

    Items of a list are joined with ``; ``; dates and times are written as in
    TOML (``2016-12-06``, ``10:45:00``).
    """
    if isinstance(raw, str):
        return raw
    if isinstance(raw, bool):
        return "true" if raw else "false"
    if isinstance(raw, dt.date | dt.time):
        return raw.isoformat()
    if isinstance(raw, list):
        return "; ".join(raw_text(item) for item in raw)
    if isinstance(raw, Mapping):
        return ", ".join(f"{key} = {raw_text(value)}" for key, value in raw.items())
    return str(raw)


def shown_values(checked: Checked) -> dict[str, Any]:
    """What a document shows for each field: its value, or :class:`Invalid` for an error.

    Args:
        checked: a report as :func:`~igf_report.template.validation.check` found it.

    Returns:
        Field key to normalised value, or to :class:`Invalid` with the text the
        file has and its errors' messages; a list whose only errors are in
        some items has those items :class:`Invalid` and the others parsed; a
        missing field has no key.
    """
    shown: dict[str, Any] = dict(checked.values)
    for key, raw in checked.invalid.items():
        errors = [
            finding
            for finding in checked.findings
            if finding.severity is Severity.ERROR and key_of_path(finding.path) == key
        ]
        items = _items(key, raw, errors)
        shown[key] = items if items is not None else Invalid(raw_text(raw), _says(key, errors))
    return shown


def _says(place: str, errors: list[Finding]) -> str:
    """The errors' messages, each naming its part of ``place`` ("item 2, name: should be text")."""
    within = place_for_people(place)
    return "; ".join(
        finding.message
        if finding.path == place
        else f"{place_for_people(finding.path).removeprefix(within + ', ')}: {finding.message}"
        for finding in errors
    )


def _key_of_item(path: str) -> str:
    """The item a finding's path belongs to: ``speakers[1].name`` -> ``speakers[1]``."""
    m = re.match(r"[^.\[]*(?:\[\d+\])?", path)
    return m[0] if m else path


def _items(key: str, raw: object, errors: list[Finding]) -> list[Any] | None:
    """A list whose errors are all inside items: each item parsed, or :class:`Invalid` alone.

    One wrong item marks only itself; ``None`` when the list as a whole is
    wrong (not a list, or an error of the list's own).
    """
    spec = field_for_path(key)
    if spec is None or not spec.kind.is_list or not isinstance(raw, list):
        return None
    if any(not finding.path.startswith(f"{key}[") for finding in errors):
        return None
    items: list[Any] = []
    for index, item in enumerate(raw):
        place = f"{key}[{index}]"
        own = [f for f in errors if _key_of_item(f.path) == place]
        if own:
            items.append(Invalid(raw_text(item), _says(place, own)))
            continue
        try:
            items.extend(spec.adapter.validate_python([item]))
        except ValidationError:  # refused only with the others: the list is shown whole
            return None
    return items


def as_text(spec: FieldSpec, value: object) -> str:
    """A one-value field's value in words (``6 December 2016``, ``Name, affiliation``).

    An :class:`Invalid` value is its text as the file has it, without its mark.
    """
    if value is None:
        return MISSING
    if spec.kind is Kind.DATE and isinstance(value, dt.date):
        return f"{value.day} {value:%B %Y}"
    if isinstance(value, TimeRange) and any(
        t.second or t.microsecond for t in (value.start, value.end)
    ):
        # seconds the file has are shown, never dropped
        return f"{value.start.isoformat()} - {value.end.isoformat()}"
    return str(value)
