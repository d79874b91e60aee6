"""``igf-report show``: a report in the terminal, with its findings."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console

from igf_report.cli.accessible import accessible_mode
from igf_report.cli.app import app
from igf_report.cli.help import examples
from igf_report.cli.output import emit
from igf_report.cli.report_view import report_view
from igf_report.collection.checking import read_checked
from igf_report.errors import ReportInvalid
from igf_report.textutil import visible
from igf_report.writers import get_renderer
from igf_report.writers.tree import report_document

if TYPE_CHECKING:
    from igf_report.template.validation import Finding

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
    accessible: Annotated[
        bool,
        typer.Option(
            "--accessible",
            help="Plain text for screen readers: no colour, box or pager "
            "(also ACCESSIBLE=1 or TERM=dumb).",
        ),
    ] = False,
) -> None:
    """Show a report in the terminal, then its errors and warnings.

    Colours follow NO_COLOR and the terminal; the width follows the terminal.
    Everything typed in the report is shown literally; a value with an error is
    shown as the file has it, marked invalid, and the exit code is then 1.
    """
    checked = read_checked(report)
    if accessible_mode(flag=accessible, terminal=sys.stdout.isatty()):
        _show_plain(checked.shown(), checked.findings)
        if checked.errors:
            raise ReportInvalid
        return
    console = Console(highlight=False, emoji=False)
    view = report_view(report_document(checked.shown()), checked.findings)
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


def _show_plain(values: Mapping[str, Any], findings: list[Finding]) -> None:
    """The report as plain text, then its findings one a line: no style, box or pager."""
    width = shutil.get_terminal_size().columns
    emit(get_renderer("text").render(values, width=max(40, width)))
    lines = [finding.describe() for finding in findings]
    emit("\n" + visible("\n".join(lines or ["No errors or warnings."])) + "\n")
