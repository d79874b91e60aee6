"""Check report files: one, or every report below a folder, streamed one at a time."""

from __future__ import annotations

import enum
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from igf_report.errors import FileReadError, UsageError
from igf_report.fields import key_of_path
from igf_report.reportfile import key_lines, parse_document, read_text
from igf_report.validation import Checked, Finding, Severity, check

__all__ = ["FileResult", "Status", "check_file", "expand_paths", "load_checked", "load_report"]


class Status(enum.StrEnum):
    """A report file's verdict."""

    VALID = "valid"
    WARNINGS = "warnings"
    INVALID = "invalid"


@dataclass(frozen=True)
class FileResult:
    """What checking one file found.

    Attributes:
        path: the file, as named on the command line or found in a folder.
        findings: every error and warning, with its line where known.
        checked: the field values, unless the file could not be read at all.
    """

    path: str
    findings: list[Finding]
    checked: Checked | None

    @property
    def status(self) -> Status:
        """Invalid with any error, else with warnings if any, else valid."""
        severities = {f.severity for f in self.findings}
        if Severity.ERROR in severities:
            return Status.INVALID
        return Status.WARNINGS if severities else Status.VALID

    def failed(self, *, strict: bool) -> bool:
        """Whether this file fails the check (warnings too when ``strict``)."""
        return self.status is Status.INVALID or (strict and bool(self.findings))


def expand_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files as given, and every ``*.toml`` below each folder, in a stable order.

    Folders are walked lazily, one folder's listing at a time, so that checking
    a hundred thousand files holds no list of them.

    Raises:
        UsageError: a path does not exist (before anything is yielded).
    """
    given = [Path(raw) for raw in paths]
    missing = [str(path) for path in given if not path.exists()]
    if missing:
        msg = "no such file or folder: " + ", ".join(missing)
        raise UsageError(msg)
    return _walk_all(given)


def _walk_all(given: list[Path]) -> Iterator[Path]:
    for path in given:
        if path.is_dir():
            yield from _walk(path)
        else:
            yield path


def _walk(folder: Path) -> Iterator[Path]:
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError:
        return
    for entry in entries:
        if entry.is_dir():
            yield from _walk(Path(entry.path))
        elif entry.name.endswith(".toml") and entry.is_file():
            yield Path(entry.path)


def load_checked(path: str | Path) -> tuple[Checked, str]:
    """Read, parse and check one report file.

    Returns:
        What :func:`~igf_report.validation.check` found, with lines set, and
        the file's text.

    Raises:
        UsageError: the file does not exist.
        FileReadError: it cannot be read or is not valid TOML.
    """
    _, checked, text = load_report(path)
    return checked, text


def load_report(path: str | Path) -> tuple[dict[str, Any], Checked, str]:
    """Read, parse and check one report file, keeping the values as the file holds them.

    Returns:
        The file's data, what :func:`~igf_report.validation.check` found (with
        lines set), and the file's text.

    Raises:
        UsageError: the file does not exist.
        FileReadError: it cannot be read or is not valid TOML.
    """
    text = read_text(path)
    data = parse_document(text, str(path), "toml")
    checked = check(data)
    if checked.findings:  # most reports have none: do not look for lines then
        lines = key_lines(text)
        checked.findings = [f.at_line(lines.get(key_of_path(f.path))) for f in checked.findings]
    return data, checked, text


def check_file(path: Path) -> FileResult:
    """Check one file, turning a file that cannot be read into an error finding."""
    try:
        checked, _ = load_checked(path)
    except FileReadError as exc:
        finding = Finding(Severity.ERROR, "", "the whole file", exc.reason, exc.line, exc.column)
        return FileResult(str(path), [finding], None)
    return FileResult(str(path), checked.findings, checked)
