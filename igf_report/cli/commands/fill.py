"""``igf-report fill``: fill a report, by prompts in a terminal or from files and options."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from igf_report.cli.accessible import accessible_mode
from igf_report.cli.app import app
from igf_report.cli.fill_batch import fill_without_prompts, say_refused, say_replaced
from igf_report.cli.help import examples
from igf_report.filling.answers import load_answers, merge, parse_additions, parse_assignments
from igf_report.filling.saving import accept_answers, read_report

__all__ = ["fill"]


@app.command(
    epilog=examples(
        "igf-report fill report.toml",
        "igf-report fill report.toml --from answers.json --set chair='Ana Pérez, ISOC' --no-input",
        "igf-report fill report.toml --add speakers='Li Wei, CNNIC' --no-input",
    ),
)
def fill(  # noqa: PLR0917 -- typer takes options as parameters
    report: Annotated[
        Path,
        typer.Argument(metavar="REPORT", help="The report file to fill (created if missing)."),
    ] = Path("report.toml"),
    from_file: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="FILE",
            help="Take answers from a TOML or JSON file (- for stdin).",
        ),
    ] = None,
    assignments: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            metavar="KEY=VALUE",
            help="Set one value (repeat for more); a list key repeated gives the items "
            "that replace the list's.",
        ),
    ] = None,
    additions: Annotated[
        list[str] | None,
        typer.Option(
            "--add",
            metavar="KEY=VALUE",
            help="Add an item at the end of a list, keeping its items (repeat for more).",
        ),
    ] = None,
    text: Annotated[
        Path | None,
        typer.Option(
            "--text",
            metavar="FILE",
            help="Write the rendered text to FILE (default: beside REPORT as NAME.txt, "
            "or NAME.report.txt when NAME.txt is a file igf-report did not write).",
        ),
    ] = None,
    no_input: Annotated[
        bool,
        typer.Option(
            "--no-input",
            envvar="IGF_REPORT_NO_INPUT",
            help="Never prompt (also when stdin is not a terminal).",
        ),
    ] = False,
    accessible: Annotated[
        bool,
        typer.Option(
            "--accessible",
            help="Plain lines for screen readers: no colour, box or redraw "
            "(also ACCESSIBLE=1 or TERM=dumb).",
        ),
    ] = False,
) -> None:
    """Fill a report, field by field, and write it with its text beside it.

    In a terminal it walks you through every field that is still empty or
    invalid. Answers come first from REPORT, then --from, then --set, then
    --add. --set replaces a list (and says so); --add adds to it. Without a
    terminal, or with --no-input, it never prompts: it writes the report and its
    text when they are complete, and otherwise saves the draft and lists what is
    missing (exit 1). An invalid answer from --from or --set is refused, as a
    typed one is: the report keeps the value it had (exit 1).
    """
    opened = read_report(report)
    answers = merge(
        load_answers(from_file) if from_file else {},
        parse_assignments(assignments or []),
        parse_additions(additions or []),
    )
    if no_input or not sys.stdin.isatty() or from_file == "-":
        # the report is read again under its lock, in case another writer changed it
        fill_without_prompts(report, answers, text)
        return

    # prompt_toolkit takes a third of a second to import: only the wizard needs it
    from igf_report.cli.fill_wizard import fill_with_prompts  # noqa: PLC0415

    accepted = accept_answers(opened.data, answers)
    say_refused(report, accepted.refused, accepted.data)
    say_replaced(report, accepted.replaced)
    fill_with_prompts(
        report,
        accepted.data,
        changed=bool(answers) and accepted.data != opened.data,
        baseline=opened.text,
        text=text,
        accessible=accessible_mode(flag=accessible),
    )
