"""``igf-report validate``: check report files and folders."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from igf_report.cli.app import app
from igf_report.cli.help import examples
from igf_report.cli.options import format_option
from igf_report.cli.output import data_out, say
from igf_report.collection.checking import check_files
from igf_report.collection.findings import REPORTERS
from igf_report.collection.loading import no_reports
from igf_report.errors import ReportInvalid, UsageError

__all__ = ["validate"]


@app.command(
    epilog=examples(
        "igf-report validate report.toml",
        "igf-report validate reports/ --format json --strict",
    ),
)
def validate(
    paths: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILE...",
            help="Report files (- for stdin), or folders to search for *.toml files.",
            show_default=False,
        ),
    ],
    fmt: Annotated[
        str,
        format_option("How to print the findings: text or json."),
    ] = "text",
    strict: Annotated[
        bool, typer.Option("--strict", help="Fail on warnings as well as errors.")
    ] = False,
) -> None:
    """Check reports against the template: every error and warning, then a summary.

    Exits 0 when every report is valid, 1 when any has errors (or warnings,
    with --strict), 2 when a file is missing or an option is wrong.
    """
    if fmt not in REPORTERS:
        msg = f"unknown format {fmt!r}; choose one of: {', '.join(REPORTERS)}"
        raise UsageError(msg)
    reporter = REPORTERS[fmt](data_out())
    failed = False
    for result in check_files(paths, lambda skipped: say(f"igf-report: warning: {skipped}")):
        reporter.add(result)
        failed = failed or result.failed(strict=strict)
    if not reporter.counts:
        raise no_reports(paths)
    reporter.finish()
    if fmt != "text":
        sys.stderr.write(reporter.summary() + "\n")
    if failed:
        raise ReportInvalid
