"""A report being filled: what was written, what it parses to, what is wrong with it.

One home for a draft that the wizard and ``fill`` share. It is built with
:func:`~igf_report.template.validation.check` once; after that each change re-checks
only the field it touches, and a list grows one checked item at a time, so
that an answer costs as much as the answer and not as much as the report.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from igf_report.files.resume import Position, Typed
from igf_report.template.fields import FIELDS, FieldSpec, key_of_path
from igf_report.template.validation import Finding, Severity, check, check_field

__all__ = ["Draft"]


@dataclass
class Draft:
    """A report as far as it has been written.

    Attributes:
        written: every key as the file or the rapporteur gave it, unknown keys
            included, so that saving the draft loses nothing.
        values: the parsed value of each field that has no error.
        findings: errors and warnings by top-level key (the field's, or an
            unknown key's).
        position: where the wizard is, saved with the draft for resuming.
        pending: a list item being typed that is not an answer yet (a
            presentation's title before its summary), with its list's key:
            saved with the draft as the list's last item, so that nothing
            typed is lost if the wizard stops there.
        typed: the line being typed when the wizard was stopped (Ctrl-C, a
            signal), with its place: kept in the draft's comments, never as
            an answer, and put back on the line there when the walk resumes.
    """

    written: dict[str, Any] = field(default_factory=dict)
    values: dict[str, Any] = field(default_factory=dict)
    findings: dict[str, list[Finding]] = field(default_factory=dict)
    position: Position | None = None
    pending: tuple[str, dict[str, Any]] | None = None
    typed: Typed | None = None

    @classmethod
    def of(cls, data: Mapping[str, Any]) -> Draft:
        """The draft of ``data`` (a report as read from a file or from answers)."""
        checked = check(data)
        draft = cls(written=dict(data), values=dict(checked.values))
        for finding in checked.findings:
            draft.findings.setdefault(key_of_path(finding.path), []).append(finding)
        return draft

    # --- reading ----------------------------------------------------------------------

    def get(self, key: str) -> Any:  # noqa: ANN401 -- any field's value
        """A field's parsed value, or what was written when it does not parse."""
        return self.values.get(key, self.written.get(key))

    def for_file(self) -> dict[str, Any]:
        """What to save: parsed values, and the written ones where parsing failed."""
        saved = {key: self.values.get(key, value) for key, value in self.written.items()}
        if self.pending is not None:
            key, item = self.pending
            current = saved.get(key)
            saved[key] = [*(current if isinstance(current, list) else []), item]
        return saved

    def all_findings(self) -> list[Finding]:
        """Every finding: the template's fields in order, then keys it does not know."""
        order = ["template", *(spec.key for spec in FIELDS)]
        rest = [key for key in self.findings if key not in order]
        return [f for key in [*order, *rest] for f in self.findings.get(key, [])]

    def errors(self, key: str | None = None) -> list[Finding]:
        """The errors of one key, or of the whole draft."""
        found = self.all_findings() if key is None else self.findings.get(key, [])
        return [f for f in found if f.severity is Severity.ERROR]

    def is_blank(self) -> bool:
        """Whether nothing has been written yet."""
        return not any(key != "template" for key in self.written)

    def items(self, spec: FieldSpec) -> list[Any]:
        """A list field's items so far (parsed, or as written where they do not parse)."""
        current = self.get(spec.key)
        return list(current) if isinstance(current, list) else []

    def count(self, spec: FieldSpec) -> int:
        """How many items a list field has."""
        current = self.get(spec.key)
        return len(current) if isinstance(current, list) else 0

    # --- changing ---------------------------------------------------------------------

    def set(self, spec: FieldSpec, value: object) -> list[Finding]:
        """Set a field to ``value`` (raw or parsed; ``None`` empties it), checking it alone.

        Returns:
            The field's findings.
        """
        parsed, findings = check_field(spec, value)
        if spec.is_empty(value):
            self.written.pop(spec.key, None)
        else:
            self.written[spec.key] = value
        if parsed is None:
            self.values.pop(spec.key, None)
        else:
            self.values[spec.key] = parsed
        self.findings[spec.key] = findings
        return findings

    def check_item(
        self, spec: FieldSpec, item: object, index: int | None = None
    ) -> tuple[Any, list[Finding]]:
        """Check ``item`` as the next item of a list field, without adding it.

        Args:
            spec: the list field.
            item: the item, raw or parsed.
            index: its place in the list (0-based), named in the findings;
                ``None``: after the last.

        Returns:
            The parsed item (``None`` when it has an error) and its findings,
            with paths that name it at its place in the list.
        """
        if index is None:
            index = self.count(spec)
        value, findings = check_field(spec, [item])
        first, mine = f"{spec.key}[0]", f"{spec.key}[{index}]"
        findings = [
            Finding(f.severity, mine + f.path[len(first) :], f.label, f.message)
            for f in findings
            if f.path.startswith(first)
        ]
        if not isinstance(value, list):  # a value only when it found no error
            return None, findings
        return value[0], findings

    def append(self, spec: FieldSpec, item: object, findings: list[Finding]) -> None:
        """Add a checked item to a list field.

        Only the item is checked; the guidance on the whole list (3 paragraphs)
        is checked again by :meth:`set` when the list is finished.
        """
        items = self.values.get(spec.key)
        if items is None:
            items = self.items(spec)
            if not items:  # was empty: its "is required" no longer holds
                self.findings[spec.key] = []
                self.values[spec.key] = items
        items.append(item)
        self.written[spec.key] = items
        self.findings.setdefault(spec.key, []).extend(findings)
