"""Check a report's data against the template: errors and warnings, field by field.

Each field is validated on its own with the model's rules, so that a report
with a bad date still has its other fields checked, and so that the wizard can
check one answer with exactly the rule ``validate`` applies to a file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from igf_report.template.checked import Checked, Entered, Value
from igf_report.template.fields import FIELDS, FieldSpec, key_of_path, label_for_path
from igf_report.template.findings import Finding, Severity, error_at, warning_at
from igf_report.template.model import TEMPLATE_ID, Report
from igf_report.textutil import in_words, visible

# Checked, Finding and Severity are read here by most callers, with what checks
__all__ = [
    "Checked",
    "Finding",
    "Severity",
    "check",
    "check_field",
    "check_fields",
    "rechecked",
]


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


def check_field(spec: FieldSpec, value: object) -> tuple[Value | None, list[Finding]]:
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
            return None, [error_at(spec.key, "is required")]
        return None, list(_missing_guidance(spec))
    try:
        parsed = spec.adapter.validate_python(value)
    except ValidationError as exc:
        return None, [
            error_at(_path(spec.key, error["loc"]), _message(error))
            for error in exc.errors(include_url=False)
        ]
    findings = [warning_at(path, message) for path, message in spec.warnings(parsed)]
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


def check(data: Mapping[str, Entered]) -> Checked:
    """Check a whole report's data: every field, unknown keys, the template id.

    Args:
        data: the report as read from a file or given as answers (keys to
            values as written).

    Returns:
        The report as checked: ``data`` as written, the normalised values
        and the findings.
    """
    # Most reports are valid: one validation of the whole model is much faster
    # than one per field, and gives the same values and warnings. Only a report
    # with an error takes the field-by-field path that names each one.
    try:
        report = Report.model_validate(data)
    except ValidationError:
        return check_fields(data)
    return _checked_report(data, report)


def _checked_report(data: Mapping[str, Entered], report: Report) -> Checked:
    checked = Checked(written=dict(data))
    for spec in FIELDS:
        value = getattr(report, spec.key)
        if spec.is_empty(value):
            checked.findings.extend(_missing_guidance(spec))
            continue
        checked.values[spec.key] = value
        checked.findings.extend(warning_at(path, message) for path, message in spec.warnings(value))
        checked.findings.extend(_escape_findings(spec.key, value))
    return checked


_BY_KEY = {spec.key: spec for spec in FIELDS}


def _key_checked(key: str, data: Mapping[str, Entered]) -> tuple[Value | None, list[Finding]]:
    """One key of ``data`` checked alone: a field's value and findings, or the key's findings."""
    spec = _BY_KEY.get(key)
    if spec is not None:
        return check_field(spec, data.get(key))
    if key == "template":
        template = data.get("template", TEMPLATE_ID)
        if template == TEMPLATE_ID:
            return None, []
        message = f'is {in_words(template)}; igf-report reads reports of template "{TEMPLATE_ID}"'
        return None, [error_at("template", message)]
    if key not in data:
        return None, []
    return None, [error_at(key, "is not a key of this template; check its spelling")]


def _order(data: Mapping[str, Entered]) -> list[str]:
    """The keys findings are said in: the template's, the fields in order, then unknown keys."""
    return [
        "template",
        *_BY_KEY,
        *(key for key in data if key != "template" and key not in _BY_KEY),
    ]


def check_fields(data: Mapping[str, Entered]) -> Checked:
    """:func:`check`, one field at a time, so that every error is found and named."""
    checked = Checked(written=dict(data))
    for key in _order(data):
        value, findings = _key_checked(key, data)
        checked.findings.extend(findings)
        if value is not None:
            checked.values[key] = value
    return checked


def rechecked(checked: Checked, key: str, data: Mapping[str, Entered]) -> Checked:
    """``checked`` with ``key`` checked again as ``data`` now has it (absent: not written).

    For a report whose other keys are as ``checked`` found them: one key costs
    one key's check, not the whole report's, and the result is what
    :func:`check` of ``data`` gives.
    """
    value, findings = _key_checked(key, data)
    values = dict(checked.values)
    values.pop(key, None)
    if value is not None:
        values[key] = value
    order = _order(data)
    keys = set(order)

    def key_of(finding: Finding) -> str:
        # an unknown key's finding is at the key, which may look like a path ("a.b")
        return finding.path if finding.path in keys else key_of_path(finding.path)

    by_key: dict[str, list[Finding]] = {key: findings}
    for finding in checked.findings:
        if key_of(finding) != key:
            by_key.setdefault(key_of(finding), []).append(finding)
    return Checked(
        written=dict(data),
        values={spec.key: values[spec.key] for spec in FIELDS if spec.key in values},
        findings=[f for name in order for f in by_key.get(name, [])],
    )
