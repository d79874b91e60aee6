"""``fields``, ``schema`` and ``new``: what the template asks for, for people and editors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from igf_report.cli.app import app
from igf_report.cli.help import examples
from igf_report.cli.options import format_option
from igf_report.cli.output import emit, say, write_output
from igf_report.errors import NotOurFile, UsageError
from igf_report.files.atomic import create_new, write_atomic
from igf_report.files.ownership import write_schema
from igf_report.files.reportfile import dump_toml
from igf_report.template.schema import SCHEMA_FILE_NAME, field_rows, json_schema

__all__ = ["fields", "new", "schema"]


@app.command(epilog=examples("igf-report fields", "igf-report fields --format json"))
def fields(
    fmt: Annotated[str, format_option("table (for people) or json (for scripts).")] = "table",
) -> None:
    """List the template's fields in order: key, type, label, instruction and an example."""
    rows = field_rows()
    if fmt == "json":
        emit(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    if fmt != "table":
        msg = f"unknown format {fmt!r}; choose one of: table, json"
        raise UsageError(msg)

    table = Table(show_lines=True)
    table.add_column("#", justify="right")
    table.add_column("Key", no_wrap=True, style="bold")
    table.add_column("Type", max_width=13)
    table.add_column("Required")
    table.add_column("Label, instruction, example", overflow="fold", ratio=1)
    for row in rows:
        needed = "yes" if row["required"] else "expected" if row["recommended"] else "no"
        about = Text(row["template_label"], style="bold")
        about.append(f"\n{row['instruction']}")
        about.append(f"\nExample: {row['example']}", style="dim")
        table.add_row(str(row["number"]), row["key"], row["type"], needed, about)
    Console(highlight=False).print(table)


@app.command(
    epilog=examples(
        "igf-report schema > igf-2016-workshop.schema.json",
        "igf-report schema -o igf-2016-workshop.schema.json",
    )
)
def schema(
    out: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help="Write to this file instead of stdout."
        ),
    ] = None,
) -> None:
    """Print the JSON Schema of the report file, for editors and scripts.

    Editors that read TOML with a schema (Taplo, Even Better TOML) use it
    through a `#:schema` line at the top of the report, as `igf-report new`
    writes it.
    """
    write_output(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n", out)


@app.command(
    epilog=examples(
        "igf-report new",
        "igf-report new reports/ws173.toml --force",
        "igf-report new --from-schedule programme.csv --dir drafts/",
    )
)
def new(  # noqa: PLR0917 -- typer takes options as parameters
    ctx: typer.Context,
    report: Annotated[
        Path | None,
        typer.Argument(
            metavar="FILE", help="The report file to create (report.toml if not given)."
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite FILE if it exists.")] = False,
    with_schema: Annotated[
        bool,
        typer.Option(
            "--schema/--no-schema",
            help="Write the JSON Schema beside FILE, for editors.",
        ),
    ] = True,
    from_schedule: Annotated[
        Path | None,
        typer.Option(
            "--from-schedule",
            metavar="CSV",
            help="Write one draft per row of this programme (CSV) instead of FILE.",
            show_default=False,
        ),
    ] = None,
    folder: Annotated[
        Path,
        typer.Option("--dir", metavar="FOLDER", help="Where --from-schedule writes the drafts."),
    ] = Path(),
) -> None:
    """Write a blank report for editing by hand, every field explained in comments.

    Fill in the values, then check it with `igf-report validate FILE`, or let
    `igf-report fill FILE` ask for what is still missing. With
    --from-schedule, one draft per row of a programme exported from a
    spreadsheet, pre-filled from the columns named after the template's
    fields and named from a Session ID column or the title; existing
    drafts are kept.
    """
    if from_schedule is not None:
        if report is not None or force:
            msg = "--from-schedule writes one draft per row into --dir; give no FILE or --force"
            raise UsageError(msg)
        # the schedule's CSV reading and its drafts: not for `fields`, `schema` or one `new`
        from igf_report.cli.schedule_drafts import drafts_from_schedule  # noqa: PLC0415

        drafts_from_schedule(from_schedule, folder, with_schema=with_schema)
        return
    # typer's own click: its ParameterSource is known by name only
    if getattr(ctx.get_parameter_source("folder"), "name", "DEFAULT") != "DEFAULT":
        # ignored, it would leave report.toml where the user did not look for it
        msg = (
            "--dir is where --from-schedule writes its drafts; for one report, "
            f"give its path: igf-report new {folder / 'report.toml'}"
        )
        raise UsageError(msg)
    report = report if report is not None else Path("report.toml")

    blank = dump_toml({}, comments=True, blanks=True, schema=f"./{SCHEMA_FILE_NAME}")
    if force:
        write_atomic(report, blank)
    # a file made between the check and the write is kept too: the name is taken only if free
    elif report.exists() or not create_new(report, blank):
        msg = f"{report} exists; use --force to overwrite it"
        raise NotOurFile(msg)
    say(f"Wrote {report}")
    if with_schema:
        say(write_schema(report.parent))
