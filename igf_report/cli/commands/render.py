"""``igf-report render``: a report as a document in one of the output formats."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from igf_report.cli.app import app
from igf_report.cli.help import examples
from igf_report.cli.options import format_option
from igf_report.cli.output import say, write_output
from igf_report.collection.checking import read_checked
from igf_report.errors import ReportInvalid
from igf_report.writers import FORMATS, format_for_output, get_renderer

__all__ = ["render"]


@app.command(
    epilog=examples(
        "igf-report render report.toml",
        "igf-report render report.toml -o report.html",
        "igf-report render report.toml --format text -o report.txt --width 72",
        "igf-report render report.toml --format docx -o report.docx",
    ),
)
def render(
    report: Annotated[
        Path, typer.Argument(metavar="REPORT", help="The report file (TOML).", show_default=False)
    ],
    fmt: Annotated[
        str | None,
        format_option(
            f"Output format: {', '.join(FORMATS)}; by default known from --output's "
            "suffix, else text.",
            show_default=False,
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to this file instead of stdout (- for stdout; docx not to a terminal).",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace --output even if igf-report did not write it.")
    ] = False,
    width: Annotated[
        int,
        typer.Option(
            "--width",
            "-w",
            metavar="COLUMNS",
            min=20,
            max=1000,
            help="Wrap text at this many columns (text only).",
        ),
    ] = 80,
) -> None:
    """Print a report in an output format.

    A missing field shows as (not given); a value with an error is shown as the
    file has it, marked invalid, its error is listed on stderr and the exit
    code is 1 (see `igf-report validate`).
    """
    renderer = get_renderer(
        format_for_output(fmt, out, default="text", choices=FORMATS, what="report")
    )
    checked = read_checked(report)
    for finding in checked.errors:
        say(f"{report}: {finding.describe()}")
    values = checked.shown()
    document: str | bytes = (
        renderer.render_bytes(values) if renderer.binary else renderer.render(values, width=width)
    )
    write_output(document, out, source=report, renderer=renderer, force=force)
    if checked.errors:  # the document is written all the same, for a draft
        raise ReportInvalid
