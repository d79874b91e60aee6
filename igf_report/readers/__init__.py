"""Importing reports published on the IGF website: a report file and an account of what was done.

The format itself is read by :mod:`igf_report.readers.published`, its HTML by
:mod:`igf_report.readers.published_html`. Word files, web pages, Markdown drafts and
plain text are read into a document tree by one module each, chosen by
:mod:`igf_report.readers.formats`.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Final

from igf_report.errors import FileReadError, NothingToImport
from igf_report.files.reportfile import MAX_FILE_BYTES, STDIN_NAME, dump_toml, read_bytes
from igf_report.filling.saving import draft_values
from igf_report.readers.formats import IMPORT_FORMATS, read_answers
from igf_report.readers.published import read_published
from igf_report.template.fields import FIELDS, FieldSpec, key_of_path
from igf_report.template.validation import Checked, check
from igf_report.textutil import shell_word

if TYPE_CHECKING:
    from igf_report.readers.published import Imported

__all__ = ["ImportSummary", "import_bytes", "import_report", "import_text"]

# A report file that does not parse any more still says which template it is
# (spaces, not \s: a \s* at each line start ran over every blank line after it,
# which made 60,000 empty lines take 34 s)
_TEMPLATE_LINE: Final = re.compile(r"^[^\S\n]*template[^\S\n]*=[^\S\n]*[\"']igf-", re.MULTILINE)
# A Word file is a zip archive; it is never a report file
_ZIP: Final = b"PK\x03\x04"


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
        NothingToImport: no label of the template was recognised at all.
    """
    data, name = read_bytes(source)
    return import_bytes(data, name, fmt)


def import_text(text: str, name: str) -> ImportSummary:
    """Import the text of a report as the IGF website published it (see :func:`import_bytes`)."""
    # read as text, not encoded to bytes and back: a str need not be valid UTF-8
    # (a lone surrogate), and its words are kept all the same
    _refuse_report_file(text, name)
    return _summary(name, "published", read_published(text))


def import_bytes(data: bytes, name: str, fmt: str | None = None) -> ImportSummary:
    """Import a file's bytes into a report file's text.

    Args:
        data: the file's bytes.
        name: where they came from, for messages (``<stdin>`` for standard input).
        fmt: their format (a key of ``IMPORT_FORMATS``); None to tell by suffix and content.

    Raises:
        UsageError: ``fmt`` is unknown.
        FileReadError: the bytes are not UTF-8 (or not Word).
        NothingToImport: the file is already a report, or no label of the
            template was recognised at all.
    """
    if not data.startswith(_ZIP):
        _refuse_report_file(data.decode("utf-8-sig", errors="replace"), name)
    fmt, imported = read_answers(name, data, fmt)
    return _summary(name, fmt, imported)


def _refuse_report_file(text: str, name: str) -> None:
    if _is_report_file(text):
        file = "REPORT" if name == STDIN_NAME else shell_word(name)  # a command one can run
        msg = (
            f"{name} is already a report file (TOML), not a published report: there is "
            f"nothing to import. Check it with `igf-report validate {file}`, or complete "
            f"it with `igf-report fill {file}`"
        )
        raise NothingToImport(msg)


def _summary(name: str, fmt: str, imported: Imported) -> ImportSummary:
    if not imported.found:
        msg = (
            f"{name}: no label of the IGF workshop report template was found "
            f"reading it as {IMPORT_FORMATS[fmt].description}; name another format "
            "with --from-format if it is not one"
        )
        raise NothingToImport(msg)
    checked = check(imported.data)
    values = draft_values(imported.data, checked)
    in_error = {key_of_path(f.path) for f in checked.errors}
    to_ask = [
        spec
        for spec in FIELDS
        if spec.key in in_error
        or (spec.key not in checked.values and (spec.required or spec.template.when_missing))
    ]
    toml = dump_toml(values)
    _refuse_unreadable(toml, name)
    return ImportSummary(
        toml=toml,
        found=imported.found,
        missing=[spec for spec in FIELDS if spec not in imported.found],
        notes=imported.notes,
        checked=checked,
        empty=[spec for spec in imported.found if spec.key not in imported.data],
        to_ask=to_ask,
        format=fmt,
    )


def _refuse_unreadable(toml: str, name: str) -> None:
    """Refuse a report file larger than igf-report reads: it would be written, then refused.

    A file under the limit can make a larger report file: each control
    character is written as a six-byte escape.
    """
    size = len(toml.encode(errors="surrogatepass"))  # a lone surrogate is written escaped
    if size <= MAX_FILE_BYTES:
        return
    mib = 1024 * 1024
    why = (
        " (each control character in it is written as a six-byte escape, \\u0001)"
        if "\\u" in toml
        else ""
    )
    msg = (
        f"would make a report file of {size / mib:.1f} MiB{why}, larger than the "
        f"{MAX_FILE_BYTES // mib} MiB igf-report reads; nothing was written. Import a "
        "shorter file"
    )
    raise FileReadError(name, msg)


def _is_report_file(text: str) -> bool:
    if _TEMPLATE_LINE.search(text):
        return True
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return False
    return any(spec.key in data for spec in FIELDS)
