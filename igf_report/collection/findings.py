"""How ``validate`` reports what it found: as lines of text, or as one JSON document.

Reporters are fed one file at a time, so that checking thousands of files never
holds more than one report in memory.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Final, Protocol

from igf_report.collection.checking import FileResult, Status
from igf_report.textutil import one_line

__all__ = [
    "JSON_ESCAPES",
    "JSON_FORMAT_VERSION",
    "REPORTERS",
    "JsonReporter",
    "Output",
    "Reporter",
    "TextReporter",
]

#: Bumped whenever the JSON document changes shape.
JSON_FORMAT_VERSION: Final = 1

# JSON may hold DEL, C1 controls and bidi overrides raw; written as \u escapes
# they mean the same to a parser and do nothing to a terminal showing the output.
JSON_ESCAPES: Final = {
    code: f"\\u{code:04x}"
    for code in [*range(0x7F, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
}


class Output(Protocol):
    """Where a reporter writes: standard output, a file, a buffer."""

    def write(self, text: str, /) -> object:
        """Write ``text``."""
        ...


class Reporter:
    """Receives each file's result, then writes a summary.

    Args:
        out: where the data goes (standard output).
    """

    def __init__(self, out: Output) -> None:
        self.out = out
        self.counts: Counter[Status] = Counter()

    def add(self, result: FileResult) -> None:
        """Report one file."""
        self.counts[result.status] += 1

    def finish(self) -> None:
        """Report the totals."""

    def summary(self) -> str:
        """``N reports: X valid, Y with warnings, Z invalid``."""
        total = sum(self.counts.values())
        noun = "report" if total == 1 else "reports"
        return (
            f"{total} {noun}: {self.counts[Status.VALID]} valid, "
            f"{self.counts[Status.WARNINGS]} with warnings, "
            f"{self.counts[Status.INVALID]} invalid"
        )


class TextReporter(Reporter):
    """One line per finding, ``file:line: severity: path (label): message``."""

    def add(self, result: FileResult) -> None:
        """Write each finding of ``result`` on its own line."""
        super().add(result)
        for finding in result.findings:
            where = ":".join(
                str(part)
                for part in (result.path, finding.line, finding.column)
                if part is not None
            )
            # one line per finding, whatever the file's name or the value quoted
            self.out.write(f"{one_line(where)}: {one_line(finding.describe())}\n")

    def finish(self) -> None:
        """Write the summary line."""
        self.out.write(self.summary() + "\n")


class JsonReporter(Reporter):
    """One JSON document, written as the files come (see the README for its shape)."""

    def __init__(self, out: Output) -> None:
        super().__init__(out)
        self._first = True

    def add(self, result: FileResult) -> None:
        """Write ``result`` as one entry of ``files``."""
        super().add(result)
        if self._first:
            self.out.write(f'{{"version": {JSON_FORMAT_VERSION}, "files": [')
        entry = {
            "file": result.path,
            "status": result.status.value,
            "findings": [
                {
                    "severity": f.severity.value,
                    "path": f.path,
                    "label": f.label,
                    "message": f.message,
                    "line": f.line,
                    "column": f.column,
                }
                for f in result.findings
            ],
        }
        text = json.dumps(entry, ensure_ascii=False).translate(JSON_ESCAPES)
        self.out.write(("\n  " if self._first else ",\n  ") + text)
        self._first = False

    def finish(self) -> None:
        """Close ``files`` and write the totals."""
        totals = {
            "reports": sum(self.counts.values()),
            "valid": self.counts[Status.VALID],
            "warnings": self.counts[Status.WARNINGS],
            "invalid": self.counts[Status.INVALID],
        }
        self.out.write(f'\n], "summary": {json.dumps(totals)}}}\n')


REPORTERS: Final[dict[str, type[Reporter]]] = {"text": TextReporter, "json": JsonReporter}
