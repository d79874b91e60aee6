"""Check a report's data against the template: errors and warnings, field by field.

Each field is validated on its own with the model's rules, so that a report
with a bad date still has its other fields checked, and so that the wizard can
check one answer with exactly the rule ``validate`` applies to a file.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from igf_report.template.fields import (
    FIELDS,
    FieldSpec,
    key_of_path,
    label_for_path,
    place_for_people,
)
from igf_report.template.model import TEMPLATE_ID, Report
from igf_report.textutil import in_words, visible

__all__ = [
    "Checked",
    "Finding",
    "Severity",
    "check",
    "check_field",
    "check_fields",
]


class Severity(enum.StrEnum):
    """How bad a finding is."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    """One thing wrong with a report.

    Attributes:
        severity: an error refuses the report; a warning is guidance not met.
        path: where in the report, e.g. ``speakers[1].affiliation``.
        label: the template label of the field the path belongs to.
        message: what is wrong, for the rapporteur.
        line: the line in the file, where the file locates it.
        column: the column, for a file that is not valid TOML or JSON.
    """

    severity: Severity
    path: str
    label: str
    message: str
    line: int | None = None
    column: int | None = None

    def describe(self) -> str:
        """The finding as one line for people: ``error: date (Date): ...``.

        The key names what to look for in the file; the place in brackets is
        :func:`~igf_report.template.fields.place_for_people`, with items counted from 1:
        ``warning: speakers (List of Speakers and their institutional
        affiliations, item 2, affiliation): ...``.
        """
        return f"{self.severity}: {self.statement()}"

    def statement(self) -> str:
        """:meth:`describe` without its severity, for a view that shows that apart."""
        if not self.path:
            return self.message
        place = place_for_people(self.path)
        return f"{key_of_path(self.path)} ({place}): {self.message}"

    def at_line(self, line: int | None) -> Finding:
        """This finding, located at ``line`` of its file."""
        return replace(self, line=line)


def _error(path: str, message: str) -> Finding:
    return Finding(Severity.ERROR, path, label_for_path(path), message)


# pydantic's wording, said the way a rapporteur would understand it
_MESSAGES = {
    "missing": "is required",
    "string_too_short": "is empty",
    "too_short": "needs at least one item",
    "extra_forbidden": "is not a key of this template",
    "string_type": "should be text",
    "list_type": "should be a list",
    "model_type": "should be a table of its keys, or text",
    "dict_type": "should be a table of its keys",
    "date_type": "should be a date such as 2016-12-06",
    "time_type": "should be a time such as 10:45",
}


def _message(error: ErrorDetails) -> str:
    ctx = dict(error.get("ctx", {}))
    if error["type"] == "value_error" and "error" in ctx:
        return str(ctx["error"])
    # only text has a length limit in the template, so only text is too long
    if error["type"] == "string_too_long":
        return f"is {len(error['input'])} characters long; the limit is {ctx['max_length']}"
    template = _MESSAGES.get(error["type"])
    if template is None:
        return error["msg"]
    return template.format(**ctx)


def _path(key: str, loc: tuple[int | str, ...]) -> str:
    return key + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc)


def check_field(spec: FieldSpec, value: object) -> tuple[Any, list[Finding]]:
    """Validate one field's value with the model's rules.

    Args:
        spec: the field.
        value: its raw value, as typed or as read from a file.

    Returns:
        The normalised value (``None`` when it is missing or has errors) and
        the findings: errors, or else the warnings of its guidance.
    """
    if spec.is_empty(value):
        if spec.required:
            return None, [_error(spec.key, "is required")]
        return None, list(_missing_guidance(spec))
    try:
        parsed = spec.adapter.validate_python(value)
    except ValidationError as exc:
        return None, [
            _error(_path(spec.key, error["loc"]), _message(error))
            for error in exc.errors(include_url=False)
        ]
    findings = [
        Finding(Severity.WARNING, path, label_for_path(path), message)
        for path, message in spec.warnings(parsed)
    ]
    findings.extend(_escape_findings(spec.key, parsed))
    return parsed, findings


#: An escape sequence: a key (an arrow is ``ESC [ D``) a terminal passed on as text
_ESCAPE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|O.|.)?|\x9b[0-?]*[ -/]*[@-~]?", re.DOTALL)


def _strings(path: str, value: object) -> Iterator[tuple[str, str]]:
    """Every text in a field's value, with its path (``speakers[1].affiliation``)."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _strings(f"{path}[{index}]", item)
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _strings(f"{path}.{name}", getattr(value, name))


def _escape_findings(key: str, value: object) -> Iterator[Finding]:
    """A warning for each text holding an escape sequence, which no one means to write."""
    for path, text in _strings(key, value):
        if "\x1b" not in text and "\x9b" not in text:
            continue
        found = _ESCAPE.search(text)
        shown = visible(found[0]) if found else "␛"
        yield Finding(
            Severity.WARNING,
            path,
            label_for_path(path),
            f"holds an escape sequence ({shown}): a key such as an arrow, saved as "
            "text by a terminal that did not act on it; delete it",
        )


def _missing_guidance(spec: FieldSpec) -> Iterator[Finding]:
    if spec.template.when_missing:
        yield Finding(Severity.WARNING, spec.key, spec.label, spec.template.when_missing)


@dataclass
class Checked:
    """What :func:`check` found.

    Attributes:
        values: each field that passed, by key, normalised.
        findings: every error and warning, in template order.
        report: the whole report, when it has no errors.
        invalid: each field that has an error, by key, as the file has it, so
            that a document can show what was written instead of a gap.
    """

    values: dict[str, Any] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    report: Report | None = None
    invalid: dict[str, Any] = field(default_factory=dict)

    @property
    def errors(self) -> list[Finding]:
        """The findings that refuse the report."""
        return [f for f in self.findings if f.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        """The findings that are guidance not met."""
        return [f for f in self.findings if f.severity is Severity.WARNING]


def check(data: Mapping[str, Any]) -> Checked:
    """Check a whole report's data: every field, unknown keys, the template id.

    Args:
        data: the report as read from a file (keys to raw values).

    Returns:
        The normalised values, the findings and, when there is no error,
        the :class:`~igf_report.template.model.Report`.
    """
    # Most reports are valid: one validation of the whole model is much faster
    # than one per field, and gives the same values and warnings. Only a report
    # with an error takes the field-by-field path that names each one.
    try:
        report = Report.model_validate(data)
    except ValidationError:
        return check_fields(data)
    return _checked_report(report)


def _checked_report(report: Report) -> Checked:
    checked = Checked(report=report)
    for spec in FIELDS:
        value = getattr(report, spec.key)
        if spec.is_empty(value):
            checked.findings.extend(_missing_guidance(spec))
            continue
        checked.values[spec.key] = value
        checked.findings.extend(
            Finding(Severity.WARNING, path, label_for_path(path), message)
            for path, message in spec.warnings(value)
        )
        checked.findings.extend(_escape_findings(spec.key, value))
    return checked


def check_fields(data: Mapping[str, Any]) -> Checked:
    """:func:`check`, one field at a time, so that every error is found and named."""
    checked = Checked()
    known = {spec.key for spec in FIELDS} | {"template"}
    template = data.get("template", TEMPLATE_ID)
    if template != TEMPLATE_ID:
        checked.findings.append(
            _error(
                "template",
                f'is {in_words(template)}; igf-report reads reports of template "{TEMPLATE_ID}"',
            )
        )
    for spec in FIELDS:
        raw = data.get(spec.key)
        value, findings = check_field(spec, raw)
        checked.findings.extend(findings)
        if value is not None:
            checked.values[spec.key] = value
        elif not spec.is_empty(raw) and any(f.severity is Severity.ERROR for f in findings):
            checked.invalid[spec.key] = raw
    checked.findings.extend(
        _error(key, "is not a key of this template; check its spelling")
        for key in data
        if key not in known
    )
    if not checked.errors:
        checked.report = Report.model_validate(checked.values)
    return checked
