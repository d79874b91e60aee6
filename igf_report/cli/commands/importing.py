"""``igf-report import``: bring a report published on the IGF website into a report file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from igf_report.cli.app import app
from igf_report.cli.help import examples

__all__ = ["import_"]


@app.command(
    "import",
    epilog=examples(
        "igf-report import published.txt -o ws173.toml",
        "curl -s URL | igf-report import - -o ws173.toml",
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
) -> None:
    """Import a report as published on the IGF website (label<TAB>HTML rows).

    Every word of every value is kept: text that fits no field goes to the field
    it most plausibly belongs to, and the import says where. The report is
    written even when incomplete, as a draft for `igf-report fill`.
    """
    import shlex  # noqa: PLC0415 -- fast start-up

    from igf_report.atomic import write_atomic  # noqa: PLC0415
    from igf_report.cli.output import emit, say  # noqa: PLC0415
    from igf_report.errors import NotOurFile, UsageError  # noqa: PLC0415
    from igf_report.importer import import_report  # noqa: PLC0415

    if out is None and source != "-":
        out = Path(source).with_suffix(".toml")
        if out == Path(source):
            msg = f"{source} already ends in .toml; name the report to write with -o"
            raise UsageError(msg)
    if out is not None and str(out) != "-" and out.exists() and not force:
        msg = f"{out} exists; use --force to overwrite it, or -o to write elsewhere"
        raise NotOurFile(msg)
    summary = import_report(source)
    if out is None or str(out) == "-":
        emit(summary.toml)
        # nothing was saved: the next command must name a file that exists
        saving = "save it as report.toml (import - -o report.toml), then "
        target = "report.toml"
    else:
        write_atomic(out, summary.toml)
        say(f"Wrote {out}")
        saving = ""
        target = shlex.quote(str(out))
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
    if summary.to_ask:
        asks = ", ".join(spec.label for spec in summary.to_ask)
        say(f"Next: {saving}`igf-report fill {target}` will ask for {asks}")
    else:
        say(f"Next: {saving}`igf-report validate {target}` (nothing is missing)")
