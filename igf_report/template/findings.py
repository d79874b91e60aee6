"""What a check finds wrong with a report: errors and warnings, each at its place."""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace

from igf_report.template.fields import key_of_path, label_for_path, place_for_people

__all__ = ["Finding", "Severity", "error_at", "warning_at"]


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


def error_at(path: str, message: str) -> Finding:
    """An error at ``path``, labelled with its field's label."""
    return Finding(Severity.ERROR, path, label_for_path(path), message)


def warning_at(path: str, message: str) -> Finding:
    """A warning at ``path``, labelled with its field's label."""
    return Finding(Severity.WARNING, path, label_for_path(path), message)
