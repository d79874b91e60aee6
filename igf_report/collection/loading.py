"""Many reports at once: found in files and folders, loaded, checked and put in programme order.

What ``book``, ``status`` and ``export`` share: one :class:`Entry` per report
file, sorted by date, then start time, then title, as a programme lists them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from igf_report.collection.checking import FileResult, Status, check_files
from igf_report.errors import UsageError
from igf_report.template.fields import FIELDS, FieldSpec
from igf_report.template.validation import Finding, Severity

__all__ = ["Entry", "check_output_name", "collect", "no_reports"]

_REQUIRED = tuple(spec for spec in FIELDS if spec.required)
_NUMBER = re.compile(r"(\d+)")


def _natural(text: str) -> tuple[tuple[int, str], ...]:
    """A sort key that puts "Session 2" before "Session 10", whatever the case."""
    # split() with a group alternates text and numbers: the odd parts are numbers
    parts = _NUMBER.split(text.casefold())
    return tuple((int(p), "") if i % 2 else (-1, p) for i, p in enumerate(parts) if p)


@dataclass(frozen=True)
class Entry:
    """One report file of a collection.

    Attributes:
        result: what checking the file found.
    """

    result: FileResult

    @property
    def data(self) -> Mapping[str, Any] | None:
        """The file's keys and values as written, or ``None`` when it could not be read at all."""
        checked = self.result.checked
        return checked.written if checked is not None else None

    @property
    def path(self) -> str:
        """The file, as named on the command line or found in a folder."""
        return self.result.path

    @property
    def status(self) -> Status:
        """valid, warnings or invalid."""
        return self.result.status

    @property
    def values(self) -> dict[str, Any]:
        """Each field that passed, normalised (fields in error are left out)."""
        checked = self.result.checked
        return checked.values if checked is not None else {}

    @property
    def errors(self) -> list[Finding]:
        """The findings that refuse the report."""
        return [f for f in self.result.findings if f.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        """The findings that are guidance not met."""
        return [f for f in self.result.findings if f.severity is Severity.WARNING]

    @property
    def missing(self) -> tuple[FieldSpec, ...]:
        """The required fields the file leaves empty (none for a file that cannot be read)."""
        if self.data is None:
            return ()
        data = self.data
        return tuple(spec for spec in _REQUIRED if spec.is_empty(data.get(spec.key)))

    def first_problem(self) -> str:
        """The first error in words, as ``validate`` prints it (empty when there is none)."""
        errors = self.errors
        if not errors:
            return ""
        first = errors[0]
        where = f"line {first.line}: " if first.line is not None else ""
        what = first.describe() if first.path else f"{first.severity}: {first.message}"
        return where + what

    def order(
        self,
    ) -> tuple[bool, dt.date, bool, dt.time, bool, tuple[tuple[int, str], ...], str]:
        """The sort key: date, start time, title, then file; missing values last."""
        values = self.values
        date = values.get("date")
        time = values.get("time")
        start = getattr(time, "start", None)
        title = str(values.get("title") or "")
        return (
            not isinstance(date, dt.date),
            date if isinstance(date, dt.date) else dt.date.max,
            not isinstance(start, dt.time),
            start if isinstance(start, dt.time) else dt.time.max,
            not title,
            _natural(title),
            self.path,
        )


def no_reports(paths: Iterable[str | Path]) -> UsageError:
    """The error for paths that hold no report: a usage error, as a missing file is."""
    named = ", ".join(str(p) for p in paths)
    msg = (
        f"no report files in {named} (folders are searched for *.toml);"
        " name report files or a folder holding them"
    )
    return UsageError(msg)


def collect(
    paths: Iterable[str | Path], on_skip: Callable[[str], None] | None = None
) -> list[Entry]:
    """Every report below ``paths`` (folders searched for ``*.toml``), in programme order.

    Args:
        paths: the files and folders named on the command line.
        on_skip: told, in a sentence, of each loop, link to nothing or folder
            that cannot be read, and once of the files in folders skipped
            (not reports, or not files), as ``validate`` is.

    Raises:
        UsageError: a path does not exist, or no report file was found.
    """
    paths = list(paths)
    entries = [Entry(result) for result in check_files(paths, on_skip)]
    if not entries:
        raise no_reports(paths)
    entries.sort(key=Entry.order)
    return entries


def check_output_name(out: Path, suffix: str) -> None:
    """Refuse an output file named like a report, which the next run would read as one.

    Raises:
        UsageError: ``out`` ends in ``.toml``.
    """
    if out.suffix.lower() == ".toml":
        msg = (
            f"-o {out}: a .toml file is read as a report by the next run; "
            f"choose another name, such as {out.with_suffix(suffix).name}"
        )
        raise UsageError(msg)
