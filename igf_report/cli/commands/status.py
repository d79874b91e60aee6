"""``igf-report status``: which reports are done, which have problems, what is missing."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from igf_report.cli.app import app
from igf_report.cli.help import examples
from igf_report.cli.options import format_option, report_paths_argument
from igf_report.cli.output import emit, say
from igf_report.collection.loading import collect
from igf_report.collection.status import (
    STATUS_FORMATS,
    status_csv,
    status_json,
    status_summary,
    status_table,
)
from igf_report.errors import ReportInvalid, UsageError

__all__ = ["status"]


@app.command(
    epilog=examples(
        "igf-report status reports/",
        "igf-report status reports/ --format csv > status.csv",
    )
)
def status(
    paths: Annotated[list[Path], report_paths_argument()],
    fmt: Annotated[
        str,
        format_option("table (for people), json or csv (for scripts)."),
    ] = "table",
    width: Annotated[
        int,
        typer.Option("--width", "-w", min=80, max=1000, help="Fit the table in this many columns."),
    ] = 100,
) -> None:
    """Show one row per report: title, date, rapporteur, state and the required fields missing.

    Rows are ordered by date, then start time, then title, and end with a
    summary line. Exits 0 when every report is valid, 1 when any has errors,
    like `igf-report validate`.
    """
    if fmt not in STATUS_FORMATS:
        msg = f"unknown --format {fmt!r}; choose one of: {', '.join(STATUS_FORMATS)}"
        raise UsageError(msg)
    entries = collect(paths, lambda skipped: say(f"igf-report: warning: {skipped}"))
    if fmt == "table":
        emit(status_table(entries, width))
    else:
        emit(status_json(entries) if fmt == "json" else status_csv(entries))
        say(status_summary(entries))
    if any(entry.errors for entry in entries):
        raise ReportInvalid
