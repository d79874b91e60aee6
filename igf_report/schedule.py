"""Drafts from a programme: one report file per row of a schedule exported as CSV.

Columns are matched loosely to the template's keys and labels (any case,
Organiser/Organizer, ``Chair`` or ``Moderator`` for Chair/Moderator, small
typos); each value is parsed exactly as a typed answer. A value that does not
parse is left for ``igf-report fill``, never guessed.
"""

from __future__ import annotations

import contextlib
import csv
import difflib
import io
import json
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from igf_report.atomic import write_atomic
from igf_report.errors import UsageError
from igf_report.fields import FIELDS, FieldSpec, Kind
from igf_report.importer.published import normalise_label
from igf_report.model import TimeRange
from igf_report.reportfile import dump_toml, read_text
from igf_report.schema import SCHEMA_FILE_NAME, is_our_schema, json_schema
from igf_report.validation import Finding, Severity, check_field

__all__ = [
    "Columns",
    "Draft",
    "DraftsMade",
    "create_new",
    "draft_name",
    "make_drafts",
    "match_columns",
    "read_schedule",
    "write_schema",
]

_CLOSE_ENOUGH: Final = 0.86  # as the importer's labels: a typo, not another word
_ID_NAMES: Final = frozenset({"session id", "id", "session code", "session number", "session no"})
# Persons in one cell: "Ana Pérez, ISOC; Li Wei, CNNIC" or one per line.
_PERSONS_SPLIT: Final = re.compile(r"\s*(?:;|\n)\s*")
_SLUG_LENGTH: Final = 60


def _column_index() -> dict[str, FieldSpec]:
    index: dict[str, FieldSpec] = {}
    for spec in FIELDS:
        names = [spec.key.replace("_", " "), spec.label, spec.heading, *spec.wordings]
        names.extend(part for part in spec.label.split("/") if "/" in spec.label)
        for name in names:
            index.setdefault(normalise_label(name), spec)
    return index


def _part_index() -> dict[str, tuple[FieldSpec, str]]:
    """Columns for one part of a field: ``Start``, ``Start Time``, ``End time``."""
    index: dict[str, tuple[FieldSpec, str]] = {}
    for spec in FIELDS:
        if spec.kind is not Kind.TIME:
            continue
        for part, info in TimeRange.model_fields.items():
            title = info.title or part
            for name in (part, title, f"{title} {spec.label}", f"{spec.label} {title}"):
                index.setdefault(normalise_label(name), (spec, part))
    return index


@dataclass
class Columns:
    """Which column of the schedule holds what.

    Attributes:
        fields: column number to the field it fills.
        parts: column number to the field and the part of it that it fills
            (``Start`` and ``End`` columns for the time).
        headings: column number to its heading, for the columns that fill a field.
        session_id: the column of session identifiers (``WS 173``), if any.
        ignored: the headings of the columns that fill nothing.
    """

    fields: dict[int, FieldSpec] = field(default_factory=dict)
    parts: dict[int, tuple[FieldSpec, str]] = field(default_factory=dict)
    headings: dict[int, str] = field(default_factory=dict)
    session_id: int | None = None
    ignored: list[str] = field(default_factory=list)


def match_columns(header: list[str]) -> Columns:
    """Match each heading to a field, loosely; the first column for a field wins."""
    # built for each schedule (a few dozen names), not once at import: a test run
    # that changes how they are built then sees the change
    known, parts = _column_index(), _part_index()
    columns = Columns()
    taken: set[str] = set()
    for number, heading in enumerate(header):
        name = normalise_label(heading)
        if name in _ID_NAMES and columns.session_id is None:
            columns.session_id = number
            continue
        if name in parts and number not in columns.parts:
            spec_part = parts[name]
            if spec_part not in columns.parts.values():
                columns.parts[number] = spec_part
                columns.headings[number] = heading.strip()
                continue
        spec = known.get(name)
        if spec is None and name:
            close = difflib.get_close_matches(name, list(known), n=1, cutoff=_CLOSE_ENOUGH)
            spec = known[close[0]] if close else None
        if spec is None or spec.key in taken:
            if heading.strip():
                columns.ignored.append(heading.strip())
            continue
        taken.add(spec.key)
        columns.fields[number] = spec
        columns.headings[number] = heading.strip()
    return columns


def read_schedule(path: Path) -> tuple[list[str], list[list[str]]]:
    """The heading row and the data rows of a CSV schedule (comma, semicolon or tab).

    Blank rows are skipped; short rows are padded.

    Raises:
        UsageError: the file does not exist.
        FileReadError: it cannot be read, is too large or is not UTF-8.
    """
    text = read_text(path)
    first_line = text.split("\n", 1)[0]
    try:
        dialect: Any = csv.Sniffer().sniff(first_line, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = [row for row in csv.reader(io.StringIO(text), dialect) if any(c.strip() for c in row)]
    if not rows:
        return [], []
    header, data = rows[0], rows[1:]
    return header, [row + [""] * (len(header) - len(row)) for row in data]


def _raw(spec: FieldSpec, cell: str) -> object:
    text = cell.strip()
    if spec.kind is Kind.PERSONS:
        return [part for part in _PERSONS_SPLIT.split(text) if part]
    if spec.kind is Kind.PARAGRAPHS:
        return text  # the model splits paragraphs at blank lines itself
    if spec.kind.is_list:
        return [line.strip() for line in text.split("\n") if line.strip()]
    return text


def _slug(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).casefold()
    words = re.findall(r"\w+", folded)
    slug = ""
    for word in words:
        longer = f"{slug}-{word}" if slug else word
        if len(longer) > _SLUG_LENGTH:
            break
        slug = longer
    return slug or (words[0][:_SLUG_LENGTH] if words else "")


def draft_name(session_id: str, title: str, row_number: int) -> str:
    """The draft's file name: from the session id (``WS 173`` -> ``ws173.toml``), else the title."""
    if session_id.strip():
        compact = re.sub(r"\s+", "", session_id)
        # \w+ splits "WS-173" at the hyphen, but keeps "WS_173" one word
        name = _slug(compact).replace("_", "-")
        if name:
            return f"{name}.toml"
    return f"{_slug(title) or f'session-{row_number}'}.toml"


@dataclass(frozen=True)
class Draft:
    """One row's draft.

    Attributes:
        row: the row's line number in the schedule (the heading is row 1).
        path: the draft file.
        kept: the file existed already and was left as it was.
        left: the findings of the values that did not parse, left for ``fill``.
    """

    row: int
    path: Path
    kept: bool
    left: list[Finding] = field(default_factory=list)


@dataclass
class DraftsMade:
    """What reading a schedule made."""

    columns: Columns
    drafts: list[Draft] = field(default_factory=list)
    schema: str = ""


def create_new(path: Path, text: str) -> bool:
    """Write ``path`` whole, only if it does not exist: never over a file made meanwhile.

    Returns:
        Whether the file was written (``False``: it exists, and is untouched).

    Raises:
        FileWriteError: the file could not be written.
    """
    temporary = path.with_name(f".{path.name}.{os.getpid()}.new.tmp")
    write_atomic(temporary, text)
    try:
        # a hard link fails if the name is taken, where a rename would replace it
        os.link(temporary, path)
    except FileExistsError:
        return False
    except OSError:  # a file system without hard links: the exists() check must do
        if path.exists():
            return False
        temporary.replace(path)
        return True
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink()
    return True


def write_schema(folder: Path) -> str:
    """Write the JSON schema into ``folder``, unless a schema not written by igf-report is there.

    Returns:
        What was done, for the person at the terminal.
    """
    path = folder / SCHEMA_FILE_NAME
    if path.exists():
        try:
            ours = is_our_schema(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            ours = False
        if not ours:
            return f"note: {path} exists and is not igf-report's schema; it is left untouched"
    write_atomic(path, json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n")
    return f"Wrote {path}"


def _row_values(row: list[str], columns: Columns) -> tuple[dict[str, Any], list[Finding]]:
    """A row's values that parse, and the errors of those that do not."""
    values: dict[str, Any] = {}
    left: list[Finding] = []
    raws = {spec.key: (spec, _raw(spec, row[n])) for n, spec in columns.fields.items()}
    # a part column (Start, End) counts only where the whole field's column is empty
    given = {key for key, (spec, raw) in raws.items() if not spec.is_empty(raw)}
    for number, (spec, part) in columns.parts.items():
        cell = row[number].strip()
        if spec.key in given or not cell:
            continue
        _, below = raws.get(spec.key, (spec, {}))
        raws[spec.key] = (spec, {**(below if isinstance(below, dict) else {}), part: cell})
    for spec, raw in raws.values():
        if spec.is_empty(raw):
            continue
        value, findings = check_field(spec, raw)
        errors = [f for f in findings if f.severity is Severity.ERROR]
        if errors or value is None:
            left.extend(errors)
        else:
            values[spec.key] = value
    return values, left


def make_drafts(schedule: Path, folder: Path, *, with_schema: bool) -> DraftsMade:
    """Write one draft per row of ``schedule`` into ``folder``; existing files are kept.

    Raises:
        UsageError: the schedule has no column the template knows, or the
            folder is not a folder.
        FileReadError: the schedule cannot be read.
        FileWriteError: a draft cannot be written.
    """
    header, rows = read_schedule(schedule)
    columns = match_columns(header)
    if not columns.fields:
        known = ", ".join(spec.label for spec in FIELDS)
        msg = (
            f"{schedule}: no column matches a field of the template "
            f"(headings: {', '.join(h for h in header if h.strip()) or 'none'}); "
            f"name columns after the fields: {known}"
        )
        raise UsageError(msg)
    if folder.exists() and not folder.is_dir():
        msg = f"--dir {folder} is a file, not a folder"
        raise UsageError(msg)
    folder.mkdir(parents=True, exist_ok=True)
    made = DraftsMade(columns)
    used: set[str] = set()
    title_column = next((n for n, s in columns.fields.items() if s.key == "title"), None)
    for row_number, row in enumerate(rows, start=2):
        values, left = _row_values(row, columns)
        session_id = row[columns.session_id] if columns.session_id is not None else ""
        title = row[title_column] if title_column is not None else ""
        name = draft_name(session_id, title, row_number)
        stem, copy = name.removesuffix(".toml"), 2
        while name in used:
            name, copy = f"{stem}-{copy}.toml", copy + 1
        used.add(name)
        path = folder / name
        document = dump_toml(values, comments=True, blanks=True, schema=f"./{SCHEMA_FILE_NAME}")
        if path.exists() or not create_new(path, document):
            made.drafts.append(Draft(row_number, path, kept=True))
            continue
        made.drafts.append(Draft(row_number, path, kept=False, left=left))
    if with_schema and any(not d.kept for d in made.drafts):
        made.schema = write_schema(folder)
    return made
