"""Importing reports published on the IGF website: a report file and an account of what was done.

The format itself is read by :mod:`igf_report.importer.published`, its HTML by
:mod:`igf_report.importer.html`.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from igf_report.errors import ReportInvalid
from igf_report.fields import FIELDS, FieldSpec, key_of_path
from igf_report.filling import draft_values
from igf_report.importer.published import read_published
from igf_report.reportfile import dump_toml, read_text
from igf_report.validation import Checked, check

__all__ = ["ImportSummary", "import_report", "import_text"]

# A report file that does not parse any more still says which template it is
_TEMPLATE_LINE: Final = re.compile(r"^\s*template\s*=\s*[\"']igf-", re.MULTILINE)


@dataclass
class ImportSummary:
    """What an import did, for the person who ran it.

    Attributes:
        toml: the report file's text.
        found: fields whose label was recognised.
        missing: fields whose label the published report did not have.
        empty: fields whose label was there with no value.
        notes: guesses and where stray text went.
        checked: the findings of the imported report.
        to_ask: the fields ``igf-report fill`` will ask for next.
    """

    toml: str
    found: list[FieldSpec]
    missing: list[FieldSpec]
    notes: list[str]
    checked: Checked
    empty: list[FieldSpec] = field(default_factory=list)
    to_ask: list[FieldSpec] = field(default_factory=list)


def import_report(source: str | Path) -> ImportSummary:
    """Read a published report (``-`` for stdin) into a report file's text.

    Raises:
        UsageError: the file does not exist.
        FileReadError: it cannot be read, is too large or is not UTF-8.
        ReportInvalid: no label of the template was recognised at all.
    """
    name = "<stdin>" if str(source) == "-" else str(source)
    return import_text(read_text(source), name)


def import_text(text: str, name: str) -> ImportSummary:
    """Read the text of a published report into a report file's text.

    Args:
        text: the published report.
        name: where it came from, for messages.

    Raises:
        ReportInvalid: no label of the template was recognised at all.
    """
    if _is_report_file(text):
        file = "REPORT" if name == "<stdin>" else name  # a command one can run
        msg = (
            f"{name} is already a report file (TOML), not a published report: there is "
            f"nothing to import. Check it with `igf-report validate {file}`, or complete "
            f"it with `igf-report fill {file}`"
        )
        raise ReportInvalid(msg)
    imported = read_published(text)
    if not imported.found:
        msg = (
            f"{name}: no label of the IGF workshop report template was found; "
            "it does not look like a published report (label<TAB>value rows)"
        )
        raise ReportInvalid(msg)
    checked = check(imported.data)
    values = draft_values(imported.data, checked)
    in_error = {key_of_path(f.path) for f in checked.errors}
    to_ask = [
        spec
        for spec in FIELDS
        if spec.key in in_error
        or (spec.key not in checked.values and (spec.required or spec.template.when_missing))
    ]
    return ImportSummary(
        toml=dump_toml(values),
        found=imported.found,
        missing=[spec for spec in FIELDS if spec not in imported.found],
        notes=imported.notes,
        checked=checked,
        empty=[spec for spec in imported.found if spec.key not in imported.data],
        to_ask=to_ask,
    )


def _is_report_file(text: str) -> bool:
    if _TEMPLATE_LINE.search(text):
        return True
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return False
    return any(spec.key in data for spec in FIELDS)
