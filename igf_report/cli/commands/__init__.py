"""One module per command, imported only when its command runs.

:data:`COMMANDS` is what ``igf-report --help`` lists without importing any of
them: each command's name, its module, and its one-line help, the first
paragraph of the command's docstring (``tests/test_help.py`` checks they agree).
The order is the order of ``--help``.
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["COMMANDS", "Entry"]


class Entry(NamedTuple):
    """A command as ``igf-report --help`` lists it, and where it is defined."""

    module: str
    summary: str


COMMANDS: dict[str, Entry] = {
    "book": Entry(
        "book",
        "Print many reports as one document: a title, a table of contents, then each report.",
    ),
    "fields": Entry(
        "template",
        "List the template's fields in order: key, type, label, instruction and an example.",
    ),
    "schema": Entry(
        "template", "Print the JSON Schema of the report file, for editors and scripts."
    ),
    "new": Entry(
        "template",
        "Write a blank report for editing by hand, every field explained in comments.",
    ),
    "export": Entry(
        "export",
        "Write every field of every report: a column per key, a row or a line per report.",
    ),
    "fill": Entry("fill", "Fill a report, field by field, and write it with its text beside it."),
    "import": Entry(
        "importing",
        "Import a report: published on the IGF website, a Word file, a web page, Markdown or text.",
    ),
    "render": Entry("render", "Print a report in an output format."),
    "show": Entry("show", "Show a report in the terminal, then its errors and warnings."),
    "status": Entry(
        "status",
        "Show one row per report: title, date, rapporteur, state and the required fields missing.",
    ),
    "validate": Entry(
        "validate",
        "Check reports against the template: every error and warning, then a summary.",
    ),
}
