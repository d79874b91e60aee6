"""A report as checked once: what was written, what it parses to, what is wrong with it.

:func:`~igf_report.template.validation.check` makes a :class:`Checked` from a
report's data; every path (``fill``, ``import``, ``render``, ``show``,
``book``, ``status``, ``export``, ``validate``) passes it along rather than
checking the data again. What to save (:meth:`Checked.for_file`) and what a
document shows (:meth:`Checked.shown`) are read off it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeAlias

from pydantic import ValidationError

from igf_report.template.fields import FIELDS, field_for_path, key_of_path, place_for_people
from igf_report.template.findings import Finding, Severity
from igf_report.template.model import Person, Presentation, Report, TimeRange

__all__ = [
    "Checked",
    "Entered",
    "Invalid",
    "Item",
    "Raw",
    "Shown",
    "Value",
    "raw_text",
]

#: An item of a list field, parsed: a person, a sentence or paragraph, a presentation.
Item: TypeAlias = str | Person | Presentation
#: A field's value as the model's parsers give it.
Value: TypeAlias = str | dt.date | TimeRange | Person | list[Item]
#: A value as a TOML or JSON document holds it.
Raw: TypeAlias = (
    "str | int | float | bool | dt.date | dt.time | dt.datetime | Sequence[Raw] | Mapping[str, Raw]"
)
#: What a key holds as written: as a file has it, or parsed already (a draft being filled).
Entered: TypeAlias = (
    "str | int | float | bool | dt.date | dt.time | dt.datetime | TimeRange | Person"
    " | Presentation | Sequence[Entered] | Mapping[str, Entered]"
)


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


#: What a document shows for a field: its value, the value as written marked
#: invalid, or a list with its invalid items marked.
Shown: TypeAlias = Value | Invalid | Sequence[Item | Invalid]


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


@dataclass
class Checked:
    """A report as checked: what was written, the parsed values, the findings.

    Attributes:
        written: every key as the file or the answers gave it, unknown keys
            included, in their order.
        values: each field that passed, by key, normalised (a field in error
            or left empty has no key).
        findings: every error and warning: the template's, then the fields'
            in template order, then keys the template does not know.
    """

    written: dict[str, Entered] = field(default_factory=dict)
    values: dict[str, Value] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        """The findings that refuse the report."""
        return [f for f in self.findings if f.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        """The findings that are guidance not met."""
        return [f for f in self.findings if f.severity is Severity.WARNING]

    @property
    def report(self) -> Report | None:
        """The whole report as the model's one object, when it has no error.

        Built on demand from :attr:`values`: nothing on the way from a file to
        an output needs it, so no check builds it.
        """
        return None if self.errors else Report.model_validate(self.values)

    @property
    def invalid(self) -> dict[str, Entered]:
        """Each field that has an error, by key, as written, in template order."""
        in_error = {key_of_path(f.path) for f in self.errors}
        return {
            spec.key: self.written[spec.key]
            for spec in FIELDS
            if spec.key in in_error
            and spec.key not in self.values
            and not spec.is_empty(self.written.get(spec.key))
        }

    def for_file(self) -> dict[str, Entered]:
        """What to save: parsed values, and the written ones where parsing failed."""
        return {key: self.values.get(key, raw) for key, raw in self.written.items()}

    def shown(self) -> dict[str, Shown]:
        """What a document shows for each field: its value, or :class:`Invalid` for an error.

        Returns:
            Field key to normalised value, or to :class:`Invalid` with the text
            the file has and its errors' messages; a list whose only errors
            are in some items has those items :class:`Invalid` and the others
            parsed; a missing field has no key.
        """
        shown: dict[str, Shown] = dict(self.values)
        for key, raw in self.invalid.items():
            errors = [
                finding
                for finding in self.findings
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


def _items(key: str, raw: Entered, errors: list[Finding]) -> list[Item | Invalid] | None:
    """A list whose errors are all inside items: each item parsed, or :class:`Invalid` alone.

    One wrong item marks only itself; ``None`` when the list as a whole is
    wrong (not a list, or an error of the list's own).
    """
    spec = field_for_path(key)
    if spec is None or not spec.kind.is_list or not isinstance(raw, list):
        return None
    if any(not finding.path.startswith(f"{key}[") for finding in errors):
        return None
    items: list[Item | Invalid] = []
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
