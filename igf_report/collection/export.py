"""Every field of many reports as rows: CSV for spreadsheets, JSON Lines for scripts.

CSV cells are made safe to open in a spreadsheet (OWASP's rule against CSV
injection); JSON Lines keeps each value as the report holds it, one report
per line, each line usable as ``igf-report fill --from`` answers.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Final

from igf_report.collection.findings import JSON_ESCAPES
from igf_report.collection.loading import Entry
from igf_report.errors import UsageError
from igf_report.files.ownership import check_overwrite
from igf_report.template.fields import FIELDS, FieldSpec, Kind
from igf_report.template.model import Person, Presentation, TimeRange

__all__ = [
    "COLUMNS",
    "EXPORT_FORMATS",
    "check_export_format",
    "check_export_overwrite",
    "csv_text",
    "export",
    "safe_cell",
]

#: The columns of an export: the file, then every field's key in template order.
COLUMNS: Final = ("file", *(spec.key for spec in FIELDS))
EXPORT_FORMATS: Final = ("csv", "jsonl")

# OWASP, CSV injection: a cell starting with one of these is read as a formula
# (tab and carriage return too, since some spreadsheets skip them first).
_FORMULA_START: Final = ("=", "+", "-", "@", "\t", "\r")
# Spreadsheets are lenient about what a formula starts with: LibreOffice reads a
# full-width or small-form operator ("＝", "﹦") as the ASCII one, and a cell may
# start with characters nobody sees (NUL, a byte-order mark, a zero-width space,
# spaces). So a cell is also judged by its first character that shows, in NFKC
# form, which folds those forms to ASCII; the minus sign U+2212 (NFKC of "⁻") is
# a minus to LibreOffice too. Erring on the safe side costs one apostrophe.
_OPERATORS: Final = frozenset("=+-@\u2212")
# controls, format characters (BOM, ZWSP, word joiner), unassigned and private
# code points, every space and separator, combining marks (variation selectors)
_UNSEEN_CATEGORIES: Final = frozenset(
    {"Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp", "Mn", "Mc", "Me"}
)
# letters that show nothing: the Hangul fillers
_UNSEEN_LETTERS: Final = frozenset("\u115f\u1160\u3164\uffa0")
_BOM: Final = "\ufeff"
# JSON Lines is read line by line; some readers (Python's str.splitlines) also
# split at these, so they are written as \u escapes like the controls.
_LINE_ESCAPES: Final = {**JSON_ESCAPES, 0x2028: "\\u2028", 0x2029: "\\u2029"}


def _first_shown(text: str) -> str:
    """The first character of ``text`` that is not a control, format character, space or mark."""
    for char in text:
        if char not in _UNSEEN_LETTERS and unicodedata.category(char) not in _UNSEEN_CATEGORIES:
            return char
    return ""


def _formula_like(text: str) -> bool:
    if text.startswith(_FORMULA_START):
        return True
    first = _first_shown(text)
    if not first:
        return False
    # the character alone ("＝" is "=") and the text as a whole ("=" and a
    # combining mark compose into another character, which a spreadsheet may not do)
    folded = _first_shown(unicodedata.normalize("NFKC", first))
    return folded in _OPERATORS or _first_shown(unicodedata.normalize("NFKC", text)) in _OPERATORS


def safe_cell(text: str) -> str:
    """``text`` as a spreadsheet shows it as text, never runs it as a formula.

    A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
    return gets a leading ``'``, which spreadsheets take as "this is text";
    so does one whose first visible character is such an operator in another
    form (full-width ``＝``, small ``﹦``, the minus sign ``−``), after
    characters that show nothing (NUL, a byte-order mark, a zero-width space,
    spaces).
    """
    return "'" + text if _formula_like(text) else text


def csv_text(header: Sequence[str], rows: Iterable[Sequence[str]], *, excel: bool = False) -> str:
    """A CSV document: every cell quoted and made safe, LF line endings.

    Args:
        header: the column names.
        rows: the cells of each row.
        excel: start with the byte-order mark that Excel needs to read UTF-8.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)
    return (_BOM if excel else "") + buffer.getvalue()


# --- one value as a cell ------------------------------------------------------------


def _items_text(items: list[str]) -> str:
    # One item per line; an item that itself spans lines would blur the
    # boundaries, so then items are separated by a blank line instead.
    joiner = "\n\n" if any("\n" in item for item in items) else "\n"
    return joiner.join(items)


def _presentation_text(presentation: Presentation) -> str:
    if presentation.title:
        return f"Title: {presentation.title}\n{presentation.summary}"
    return presentation.summary


def _cell(spec: FieldSpec, value: object) -> str:
    # A checked value is never None (an empty field is left out of the values);
    # a person or a time range reads as its str(), like any other value.
    if spec.kind is Kind.PRESENTATIONS and isinstance(value, list):
        return "\n\n".join(_presentation_text(p) for p in value)
    return _raw_text(value)


def _raw_text(value: object) -> str:
    """A value as a cell: a checked one, or one as the file holds it (every word kept)."""
    if isinstance(value, str):
        return value
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, list):
        return _items_text([_raw_text(item) for item in value])
    if isinstance(value, dict):
        return ", ".join(_raw_text(item) for item in value.values())
    return str(value)


def _row(entry: Entry) -> list[str]:
    values = entry.values
    raw = entry.data or {}
    cells = [entry.path]
    for spec in FIELDS:
        if spec.key in values:
            cells.append(_cell(spec, values[spec.key]))
        else:
            cells.append(_raw_text(raw[spec.key]) if spec.key in raw else "")
    return cells


# --- one value as JSON ---------------------------------------------------------------


def _json(value: object) -> object:
    if isinstance(value, Person | Presentation):
        return value.model_dump()
    if isinstance(value, TimeRange):
        return {"start": f"{value.start:%H:%M}", "end": f"{value.end:%H:%M}"}
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, list):
        return [_json(item) for item in value]
    if isinstance(value, Mapping):
        return {str(k): _json(v) for k, v in value.items()}
    return value


def _line(entry: Entry) -> str:
    values = entry.values
    raw = entry.data or {}
    record: dict[str, object] = {"file": entry.path}
    for spec in FIELDS:
        value = values[spec.key] if spec.key in values else raw.get(spec.key)
        record[spec.key] = _json(value)
    return json.dumps(record, ensure_ascii=False).translate(_LINE_ESCAPES) + "\n"


def check_export_format(fmt: str, *, excel: bool = False) -> None:
    """Refuse a format :func:`export` cannot write, before any report is read.

    Raises:
        UsageError: ``fmt`` is not one of :data:`EXPORT_FORMATS`, or ``excel``
            is asked of JSON Lines.
    """
    if fmt not in EXPORT_FORMATS:
        msg = f"unknown --format {fmt!r}; choose one of: {', '.join(EXPORT_FORMATS)}"
        raise UsageError(msg)
    if excel and fmt == "jsonl":
        msg = "--excel is for --format csv: JSON Lines has no byte-order mark"
        raise UsageError(msg)


def export(entries: Sequence[Entry], fmt: str, *, excel: bool = False) -> str:
    """Every field of every entry, as CSV (``csv``) or JSON Lines (``jsonl``).

    A field with an error is exported as the file holds it, so no word is lost.

    Raises:
        UsageError: see :func:`check_export_format`.
    """
    check_export_format(fmt, excel=excel)
    if fmt == "csv":
        return csv_text(COLUMNS, (_row(entry) for entry in entries), excel=excel)
    return "".join(_line(entry) for entry in entries)


def _ours(head: bytes) -> bool:
    first = head.decode("utf-8", "replace").removeprefix(_BOM).split("\n", 1)[0]
    return first == csv_text(COLUMNS, []).rstrip("\n") or first.startswith('{"file": ')


def check_export_overwrite(path: Path, *, force: bool = False) -> None:
    """Refuse to replace ``path`` unless it is missing, an export igf-report wrote, or ``force``.

    Raises:
        NotOurFile: ``path`` exists and does not start as an export does.
    """
    check_overwrite(path, _ours, force=force)
