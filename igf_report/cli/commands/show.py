"""``igf-report show``: a report in the terminal, with its findings."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from igf_report.cli.app import app
from igf_report.cli.help import examples

__all__ = ["show"]


@app.command(
    epilog=examples("igf-report show report.toml", "igf-report show report.toml --no-pager")
)
def show(
    report: Annotated[Path, typer.Argument(metavar="REPORT", help="The report file (TOML).")],
    pager: Annotated[
        bool,
        typer.Option(
            "--pager/--no-pager",
            help="Page through a report longer than the screen (only when stdout is a terminal).",
        ),
    ] = True,
) -> None:
    """Show a report in the terminal, then its errors and warnings.

    Colours follow NO_COLOR and the terminal; the width follows the terminal.
    Everything typed in the report is shown literally; a value with an error is
    shown as the file has it, marked invalid, and the exit code is then 1.
    """
    from rich.console import Console  # noqa: PLC0415 -- fast start-up

    from igf_report.batch import load_checked  # noqa: PLC0415
    from igf_report.cli.report_view import report_view  # noqa: PLC0415
    from igf_report.errors import ReportInvalid  # noqa: PLC0415
    from igf_report.render.values import shown_values  # noqa: PLC0415

    checked, _ = load_checked(report)
    console = Console(highlight=False, emoji=False)
    view = report_view(shown_values(checked), checked.findings)
    paged = False
    if pager and sys.stdout.isatty() and console.is_terminal:
        lines = console.render_lines(view, console.options, pad=False)
        if len(lines) > console.height:
            # less shows colours only with -R; a LESS the user set is theirs
            os.environ.setdefault("LESS", "-R")
            with console.pager(styles=console.color_system is not None):
                console.print(view)
            paged = True
    if not paged:
        console.print(view)
    if checked.errors:  # shown above, with the report; the exit code says it too
        raise ReportInvalid
