"""Importing reports published on the IGF website: a report file and an account of what was done.

The format itself is read by :mod:`igf_report.importer.published`, its HTML by
:mod:`igf_report.importer.html`. Word files, web pages, Markdown drafts and
plain text are read into a document tree by one module each, chosen by
:mod:`igf_report.importer.formats`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from igf_report.errors import ReportInvalid
from igf_report.fields import FIELDS, FieldSpec, key_of_path
from igf_report.filling import draft_values
from igf_report.importer.formats import IMPORT_FORMATS, read_answers
from igf_report.reportfile import dump_toml, read_bytes
from igf_report.validation import Checked, check

__all__ = ["ImportSummary", "import_report"]


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
        format: the format the file was read as (see ``--from-format``).
    """

    toml: str
    found: list[FieldSpec]
    missing: list[FieldSpec]
    notes: list[str]
    checked: Checked
    empty: list[FieldSpec] = field(default_factory=list)
    to_ask: list[FieldSpec] = field(default_factory=list)
    format: str = "published"


def import_report(source: str | Path, fmt: str | None = None) -> ImportSummary:
    """Read a report (``-`` for stdin) into a report file's text.

    Args:
        source: the file, or ``-``.
        fmt: its format (a key of ``IMPORT_FORMATS``); None to tell by suffix and content.

    Raises:
        UsageError: the file does not exist, or ``fmt`` is unknown.
        FileReadError: it cannot be read, is too large, or is not UTF-8 (or not Word).
        ReportInvalid: no label of the template was recognised at all.
    """
    data, name = read_bytes(source)
    fmt, imported = read_answers(name, data, fmt)
    if not imported.found:
        msg = (
            f"{name}: no label of the IGF workshop report template was found "
            f"reading it as {IMPORT_FORMATS[fmt].description}; name another format "
            "with --from-format if it is not one"
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
        format=fmt,
    )
