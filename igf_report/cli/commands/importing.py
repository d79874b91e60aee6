"""``igf-report import``: bring a report published on the IGF website into a report file."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from igf_report.cli.app import app
from igf_report.cli.help import examples
from igf_report.cli.output import emit, say
from igf_report.errors import NotOurFile, UsageError
from igf_report.files.atomic import create_new, write_atomic
from igf_report.files.atomic import written_in_place as in_place
from igf_report.files.reportfile import source_name
from igf_report.readers import import_report
from igf_report.readers.formats import IMPORT_FORMATS

if TYPE_CHECKING:
    from igf_report.readers import ImportSummary

__all__ = ["import_"]


@app.command(
    "import",
    epilog=examples(
        "igf-report import published.txt -o ws173.toml",
        "igf-report import draft.docx",
        "igf-report import page.html -o ws173.toml",
        "igf-report import - --from-format text -o ws173.toml",
    ),
)
def import_(
    source: Annotated[
        str,
        typer.Argument(metavar="FILE", help="The published report (- for stdin)."),
    ],
    out: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="REPORT",
            help="The report file to write (default: FILE with .toml; stdout for -).",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite REPORT if it exists.")] = False,
    from_format: Annotated[
        str | None,
        typer.Option(
            "--from-format",
            "-F",
            metavar="FORMAT",
            help=f"Read FILE as {', '.join(IMPORT_FORMATS)} "
            "(default: from its suffix, else its content).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Import a report: published on the IGF website, a Word file, a web page, Markdown or text.

    The template's labels are found in a table of label/value rows, headings,
    label lines or bold lead-ins; the format is told by the suffix (.docx,
    .html, .md), else by the content. Every word is kept: text that fits no
    field goes to the field it most plausibly belongs to, and the import says
    where. The report is written even when incomplete, as a draft for
    `igf-report fill`.
    """
    fmt = None if from_format is None else from_format.lower()
    summary = import_report(source, fmt)  # first: a report file given by mistake is named as such
    if out is None and source != "-":
        out = Path(source).with_suffix(".toml")
        if out == Path(source):
            msg = f"{source} already ends in .toml; name the report to write with -o"
            raise UsageError(msg)
    if out is None or str(out) == "-":
        emit(summary.toml)
        target = None
    else:
        _write(out, summary.toml, force=force)
        say(f"Wrote {out}")
        target = shlex.quote(str(out))
    say(f"Read {source_name(source)} as {IMPORT_FORMATS[summary.format].description}")
    total = len(summary.found) + len(summary.missing)
    say(f"Found {len(summary.found)} of the template's {total} labels")
    if summary.missing:
        say("Labels missing: " + ", ".join(spec.label for spec in summary.missing))
    if summary.empty:
        say("Found but empty: " + ", ".join(spec.label for spec in summary.empty))
    for note in summary.notes:
        say(f"note: {note}")
    for finding in summary.checked.findings:
        say(finding.describe())
    say(_next_step(summary, source, target))


def _write(out: Path, toml: str, *, force: bool) -> None:
    """Write the report to ``out``, replacing a file there only with ``force``.

    Raises:
        NotOurFile: ``out`` exists, or was made while the report was being written.
    """
    if force or in_place(out):
        write_atomic(out, toml)
    # the name is taken only if still free: a file made since the check is kept too
    elif out.exists() or not create_new(out, toml):
        msg = f"{out} exists; use --force to overwrite it, or -o to write elsewhere"
        raise NotOurFile(msg)


def _next_step(summary: ImportSummary, source: str, target: str | None) -> str:
    then = ""
    if target is None:  # the report went to stdout: a file comes first
        then = (
            f"`igf-report import {shlex.quote(source)} -o report.toml` writes it to a file; then "
        )
        target = "report.toml"
    if summary.to_ask:
        asks = ", ".join(spec.label for spec in summary.to_ask)
        return f"Next: {then}`igf-report fill {target}` will ask for {asks}"
    return f"Next: {then}`igf-report validate {target}` (nothing is missing)"
