"""``igf-report book``: every report of a folder as one document with a table of contents."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from igf_report.cli.app import app
from igf_report.cli.help import examples
from igf_report.cli.options import format_option, report_paths_argument
from igf_report.cli.output import say, stdout_is_terminal, write_output
from igf_report.collection.book import DEFAULT_TITLE, book_format, check_book_overwrite, make_book
from igf_report.collection.loading import check_output_name, collect
from igf_report.errors import EmptyBook, ReportInvalid, UsageError
from igf_report.files.atomic import write_atomic
from igf_report.writers import get_renderer

__all__ = ["book"]


@app.command(
    epilog=examples(
        "igf-report book reports/ -o igf2016.html",
        "igf-report book ws/*.toml -o track.md --title 'Access and inclusion'",
    )
)
def book(  # noqa: PLR0917 -- typer takes options as parameters
    paths: Annotated[list[Path], report_paths_argument()],
    out: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the book to this file (- or none for stdout)."),
    ] = None,
    fmt: Annotated[
        str | None,
        format_option(
            "html, markdown, text or docx (Word: to a file, not a terminal); "
            "by default known from --output's suffix, else html.",
            show_default=False,
        ),
    ] = None,
    title: Annotated[
        str | None, typer.Option("--title", help="The book's title.", show_default=False)
    ] = None,
    include_invalid: Annotated[
        bool,
        typer.Option("--include-invalid", help="Put reports with errors in too, marked as such."),
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Replace --output even if igf-report did not write it.")
    ] = False,
    width: Annotated[
        int,
        typer.Option("--width", "-w", min=20, max=1000, help="Wrap text at this many columns."),
    ] = 80,
) -> None:
    """Print many reports as one document: a title, a table of contents, then each report.

    Reports are ordered by date, then start time, then title. In HTML each
    report starts on a new printed page. A report with errors is left out and
    named on stderr with its first error, and the exit code is then 1.
    """
    chosen = book_format(fmt, out)
    to_file = out is not None and str(out) != "-"
    if chosen == "docx" and not to_file and stdout_is_terminal():
        msg = (
            "a Word book is binary and is not written to a terminal: write it with "
            "-o BOOK.docx, or redirect stdout to a file"
        )
        raise UsageError(msg)
    if to_file:
        assert out is not None  # noqa: S101 -- narrowed above
        check_output_name(out, get_renderer(chosen).suffix)
        check_book_overwrite(out, chosen, force=force)
    entries = collect(paths, lambda skipped: say(f"igf-report: warning: {skipped}"))
    if to_file and any(Path(e.path).resolve() == out.resolve() for e in entries):  # type: ignore[union-attr]
        msg = f"-o {out} is one of the reports being read; choose another file"
        raise UsageError(msg)
    left_out = [e for e in entries if e.errors]
    for entry in left_out:
        verdict = "included, marked as invalid" if include_invalid else "left out"
        say(f"{entry.path}: {verdict}: {entry.first_problem()}")
    kept = entries if include_invalid else [e for e in entries if not e.errors]
    if not kept:
        msg = "no valid report to put in the book; --include-invalid puts invalid ones in"
        raise EmptyBook(msg)
    document = make_book(kept, chosen, title=title or DEFAULT_TITLE, width=width)
    if to_file:
        assert out is not None  # noqa: S101
        write_atomic(out, document)
        say(f"Wrote {out}: {len(kept)} of {len(entries)} reports")
    else:
        write_output(document, None)
    if left_out:
        raise ReportInvalid
