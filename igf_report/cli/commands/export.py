"""``igf-report export``: every field of every report, for spreadsheets and scripts."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from igf_report.cli.app import app
from igf_report.cli.help import examples
from igf_report.cli.options import format_option, report_paths_argument
from igf_report.cli.output import emit, say
from igf_report.collection.export import check_export_format, check_export_overwrite
from igf_report.collection.export import export as export_rows
from igf_report.collection.loading import check_output_name, collect
from igf_report.errors import ReportInvalid, UsageError
from igf_report.files.atomic import write_atomic

__all__ = ["export"]


@app.command(
    epilog=examples(
        "igf-report export reports/ --format csv -o reports.csv --excel",
        "igf-report export reports/ --format jsonl -o reports.jsonl",
    )
)
def export(
    paths: Annotated[list[Path], report_paths_argument()],
    fmt: Annotated[
        str,
        format_option(
            "csv (one row per report) or jsonl (one JSON object per line).", show_default=False
        ),
    ],
    out: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file instead of stdout (- for stdout)."),
    ] = None,
    excel: Annotated[
        bool,
        typer.Option("--excel", help="Start the CSV with the byte-order mark Excel needs."),
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Replace --output even if igf-report did not write it.")
    ] = False,
) -> None:
    """Write every field of every report: a column per key, a row or a line per report.

    Rows are ordered by date, then start time, then title. Lists keep one
    item per line inside a cell; dates are YYYY-MM-DD. CSV cells that a
    spreadsheet would run as a formula (starting with = + - @, a tab or a
    carriage return) get a leading '. A report with errors is exported with
    its values as written, named on stderr, and the exit code is then 1.
    """
    check_export_format(fmt, excel=excel)
    to_file = out is not None and str(out) != "-"
    if out is not None and to_file:
        check_output_name(out, f".{fmt}")
        check_export_overwrite(out, force=force)
    entries = collect(paths, lambda skipped: say(f"igf-report: warning: {skipped}"))
    document = export_rows(entries, fmt, excel=excel)
    invalid = [entry for entry in entries if entry.errors]
    for entry in invalid:
        say(f"{entry.path}: exported with errors: {entry.first_problem()}")
    if out is not None and to_file:
        if any(Path(entry.path).resolve() == out.resolve() for entry in entries):
            msg = f"-o {out} is one of the reports being read; choose another file"
            raise UsageError(msg)
        write_atomic(out, document)
        say(f"Wrote {out}: {len(entries)} reports")
    else:
        emit(document)
    if invalid:
        raise ReportInvalid
