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
import errno
import io
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, NamedTuple

from igf_report.errors import FileReadError, FileWriteError, UsageError
from igf_report.files.atomic import NAME_MAX, create_new
from igf_report.files.ownership import write_schema
from igf_report.files.reportfile import dump_toml, read_text
from igf_report.readers.published import normalise_label
from igf_report.template.fields import FIELDS, FieldSpec, Kind
from igf_report.template.model import TimeRange
from igf_report.template.schema import SCHEMA_FILE_NAME
from igf_report.template.validation import Finding, Severity, check_field

__all__ = [
    "Columns",
    "DraftsMade",
    "RowDraft",
    "Schedule",
    "draft_name",
    "make_drafts",
    "match_columns",
    "read_schedule",
]

_CLOSE_ENOUGH: Final = 0.86  # as the importer's labels: a typo, not another word
# A programme has a few dozen columns. Past this many different headings, only
# exact names are matched: a heading row of 100,000 odd headings then costs
# little for each, where comparing each with every name took seconds.
_TYPOS_TRIED: Final = 1000
_ID_NAMES: Final = frozenset({"session id", "id", "session code", "session number", "session no"})
# Persons in one cell: "Ana Pérez, ISOC; Li Wei, CNNIC" or one per line.
# (split there, then stripped: a pattern \s*;\s* tried at every space of a long run
# of them went over the whole run each time, quadratic)
_PERSONS_SPLIT: Final = re.compile(r"[;\n]")
_SLUG_LENGTH: Final = 60
# and at most this many bytes (UTF-8), so that the name with a copy's "-2" and
# ".toml" fits the 255 bytes a file system allows with room to spare (60
# characters of CJK or emoji are up to 240 bytes)
_SLUG_BYTES: Final = 120
# The delimiters a spreadsheet's CSV export uses; on a tie, the first.
_DELIMITERS: Final = (",", ";", "\t")
# A last row added after the schedule: read as its own row, the schedule's
# quotes are all closed; read into the schedule's last cell, a quote is open.
_END_MARK: Final = "\ufdd0igf-report: the end of the schedule\ufdd0"


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


def _closest(
    name: str, known: dict[str, FieldSpec], near: dict[int, list[str]]
) -> FieldSpec | None:
    """The field whose name ``name`` is a typo of, if any.

    Args:
        name: the normalised heading.
        known: the fields by name.
        near: the names close enough in length to be compared, by the
            heading's length; filled as lengths are met.
    """
    size = len(name)
    if size not in near:
        # difflib's own first bound, on lengths alone: a heading far longer or
        # shorter than every name is compared with none, so that the thousands
        # of headings of a hostile file cost little each
        near[size] = [
            known_name
            for known_name in known
            if 2.0 * min(size, len(known_name)) / (size + len(known_name)) >= _CLOSE_ENOUGH
        ]
    names = near[size]
    close = difflib.get_close_matches(name, names, n=1, cutoff=_CLOSE_ENOUGH) if names else []
    return known[close[0]] if close else None


def match_columns(header: list[str]) -> Columns:
    """Match each heading to a field, loosely; the first column for a field wins."""
    # built for each schedule (a few dozen names), not once at import: a test run
    # that changes how they are built then sees the change
    known, parts = _column_index(), _part_index()
    columns = Columns()
    taken: set[str] = set()
    close_to: dict[str, FieldSpec | None] = {}  # a heading repeated is matched once
    near: dict[int, list[str]] = {}
    for number, heading in enumerate(header):
        if not heading.strip():  # fills nothing and is not listed (a row of ";;;;" is cheap)
            continue
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
            if name not in close_to and len(close_to) < _TYPOS_TRIED:
                close_to[name] = _closest(name, known, near)
            spec = close_to.get(name)
        if spec is None or spec.key in taken:
            columns.ignored.append(heading.strip())
            continue
        taken.add(spec.key)
        columns.fields[number] = spec
        columns.headings[number] = heading.strip()
    return columns


class Schedule(NamedTuple):
    """A schedule's heading row and data rows.

    Attributes:
        header: the headings.
        rows: the data rows, as long as they are (see :func:`_cell`).
        lines: the line of the file on which each data row starts.
    """

    header: list[str]
    rows: list[list[str]]
    lines: list[int]


@contextlib.contextmanager
def _cells_up_to(size: int) -> Iterator[None]:
    """Let the csv module read cells of ``size`` characters (its default stops at 131,072)."""
    before = csv.field_size_limit()
    csv.field_size_limit(max(before, size))
    try:
        yield
    finally:
        csv.field_size_limit(before)


def _delimiter(text: str) -> str:
    """Of comma, semicolon and tab, the one that splits the heading row into the most cells.

    Each is tried on the heading row alone, with quotes read as the csv module
    reads them: linear in the row, where ``csv.Sniffer`` was quadratic.
    """
    best, most = _DELIMITERS[0], 0
    for delimiter in _DELIMITERS:
        reader = csv.reader(io.StringIO(text), delimiter=delimiter, skipinitialspace=True)
        cells = len(next(reader, []))
        if cells > most:
            best, most = delimiter, cells
    return best


def read_schedule(path: Path) -> Schedule:
    """The heading row and the data rows of a CSV schedule (comma, semicolon or tab).

    Blank rows are skipped.

    Raises:
        UsageError: the file does not exist.
        FileReadError: it cannot be read, is too large, is not UTF-8, or a
            quote in it is never closed (the line where it opened is named).
    """
    text = read_text(path)
    records: list[tuple[int, list[str]]] = []
    with _cells_up_to(len(text) + len(_END_MARK) + 1):
        reader = csv.reader(
            io.StringIO(f'{text}\n"{_END_MARK}"\n'),
            delimiter=_delimiter(text),
            skipinitialspace=True,
        )
        read = 0
        try:
            for record in reader:
                records.append((read + 1, record))
                read = reader.line_num
        except csv.Error as exc:
            raise FileReadError(str(path), f"not CSV: {exc}", line=reader.line_num) from None
    line, last = records.pop()
    if last != [_END_MARK]:
        # the mark went into the last cell: a quote opened in it is never closed
        opened = line + sum(cell.count("\n") for cell in last[:-1])
        after = text.count("\n") + (not text.endswith("\n")) - opened
        taken = f", taking in the {after} lines after it" if after > 1 else ""
        taken = ", taking in the line after it" if after == 1 else taken
        msg = (
            f'a quote (") opened on this line is never closed: its cell runs to the end of '
            f'the file{taken}; close it, or double a quote inside a quoted cell ("")'
        )
        raise FileReadError(str(path), msg, line=opened)
    rows = [(line, row) for line, row in records if any(c.strip() for c in row)]
    if not rows:
        return Schedule([], [], [])
    return Schedule(rows[0][1], [row for _, row in rows[1:]], [line for line, _ in rows[1:]])


def _cell(row: list[str], column: int | None) -> str:
    """The cell of ``row`` in ``column``; empty past the row's end.

    A row is never padded: a heading row of many columns over many short rows
    would take rows times columns.
    """
    return row[column] if column is not None and column < len(row) else ""


def _raw(spec: FieldSpec, cell: str) -> object:
    text = cell.strip()
    if spec.kind is Kind.PERSONS:
        return [part for part in map(str.strip, _PERSONS_SPLIT.split(text)) if part]
    if spec.kind is Kind.PARAGRAPHS:
        return text  # the model splits paragraphs at blank lines itself
    if spec.kind.is_list:
        return [line.strip() for line in text.split("\n") if line.strip()]
    return text


def _cut(text: str, budget: int) -> str:
    """The longest start of ``text`` of at most ``budget`` UTF-8 bytes, cut between characters."""
    used = 0
    for index, char in enumerate(text):
        used += len(char.encode())
        if used > budget:
            return text[:index]
    return text


def _fits(slug: str) -> bool:
    return len(slug) <= _SLUG_LENGTH and len(slug.encode()) <= _SLUG_BYTES


def _slug(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).casefold()
    words = re.findall(r"\w+", folded)
    slug = ""
    for word in words:
        longer = f"{slug}-{word}" if slug else word
        if not _fits(longer):
            break
        slug = longer
    return slug or (_cut(words[0][:_SLUG_LENGTH], _SLUG_BYTES) if words else "")


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
class RowDraft:
    """One row's draft.

    Attributes:
        row: the row's number in the schedule (the heading is row 1, blank
            rows not counted), which names a draft of a row without a title.
        path: the draft file.
        kept: the file existed already and was left as it was.
        left: the findings of the values that did not parse, left for ``fill``.
        line: the line of the schedule on which the row starts.
        failed: why the draft could not be written ("" if it was, or was kept).
        extra: the row's non-blank cells past the heading row's last column,
            which fill nothing (a cell holding the delimiter, not quoted).
    """

    row: int
    path: Path
    kept: bool
    left: list[Finding] = field(default_factory=list)
    line: int = 0
    failed: str = ""
    extra: list[str] = field(default_factory=list)

    @property
    def written(self) -> bool:
        """Whether this run wrote the draft."""
        return not self.kept and not self.failed


@dataclass
class DraftsMade:
    """What reading a schedule made.

    Attributes:
        columns: which column fills what.
        drafts: one per data row, in the schedule's order.
        schema: what was done about the JSON schema, for the person at the terminal.
        schema_failed: the schema could not be written.
    """

    columns: Columns
    drafts: list[RowDraft] = field(default_factory=list)
    schema: str = ""
    schema_failed: bool = False


def _row_values(row: list[str], columns: Columns) -> tuple[dict[str, Any], list[Finding]]:
    """A row's values that parse, and the errors of those that do not."""
    values: dict[str, Any] = {}
    left: list[Finding] = []
    raws = {spec.key: (spec, _raw(spec, _cell(row, n))) for n, spec in columns.fields.items()}
    # a part column (Start, End) counts only where the whole field's column is empty
    given = {key for key, (spec, raw) in raws.items() if not spec.is_empty(raw)}
    for number, (spec, part) in columns.parts.items():
        cell = _cell(row, number).strip()
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


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENAMETOOLONG:
        # each name was checked: the whole path is over the system's limit
        return "the path is longer than the system allows"
    return exc.strerror or str(exc)


def _make_folder(folder: Path) -> None:
    """Make ``folder`` (and its parents) if need be, and check that files can be made in it.

    Raises:
        UsageError: ``folder`` is a file.
        FileWriteError: it cannot be made or written into: a symbolic link
            that leads nowhere, a file among its parents, no permission, a
            name too long.
    """
    try:
        if folder.is_symlink() and not folder.exists():
            msg = (
                f"cannot make the folder --dir {folder}: it is a symbolic link to "
                f"{folder.readlink()}, which leads to no folder; make that folder, "
                "or give another --dir"
            )
            raise FileWriteError(msg)
        if folder.exists() and not folder.is_dir():
            msg = f"--dir {folder} is a file, not a folder"
            raise UsageError(msg)
        long = next((p for p in folder.parts if len(os.fsencode(p)) > NAME_MAX), None)
        if long is not None:  # said before any folder of the path is made
            msg = (
                f"cannot make the folder --dir {folder}: the name {long} is "
                f"{len(os.fsencode(long))} bytes, and a file system allows {NAME_MAX}"
            )
            raise FileWriteError(msg)
        folder.mkdir(parents=True, exist_ok=True)
    except NotADirectoryError:
        file = next((p for p in folder.parents if p.exists() and not p.is_dir()), None)
        msg = f"cannot make the folder --dir {folder}: " + (
            f"{file} is a file, not a folder" if file else "a part of it is not a folder"
        )
        raise FileWriteError(msg) from None
    except OSError as exc:
        msg = f"cannot make the folder --dir {folder}: {_reason(exc)}"
        raise FileWriteError(msg) from None
    try:
        # an unnamed file where the system has them: nothing is left behind
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        msg = f"cannot write into the folder --dir {folder}: {_reason(exc)}"
        raise FileWriteError(msg) from None


def make_drafts(schedule: Path, folder: Path, *, with_schema: bool) -> DraftsMade:
    """Write one draft per row of ``schedule`` into ``folder``; existing files are kept.

    A draft that cannot be written is noted in its :class:`RowDraft` and the
    other rows go on.

    Raises:
        UsageError: the schedule has no column the template knows, or the
            folder is not a folder.
        FileReadError: the schedule cannot be read.
        FileWriteError: the folder cannot be made or written into.
    """
    header, rows, lines = read_schedule(schedule)
    columns = match_columns(header)
    if not columns.fields:
        known = ", ".join(spec.label for spec in FIELDS)
        msg = (
            f"{schedule}: no column matches a field of the template "
            f"(headings: {', '.join(h for h in header if h.strip()) or 'none'}); "
            f"name columns after the fields: {known}"
        )
        raise UsageError(msg)
    _make_folder(folder)
    made = DraftsMade(columns)
    used: set[str] = set()
    title_column = next((n for n, s in columns.fields.items() if s.key == "title"), None)
    for row_number, (row, line) in enumerate(zip(rows, lines, strict=True), start=2):
        values, left = _row_values(row, columns)
        session_id = _cell(row, columns.session_id)
        title = _cell(row, title_column)
        name = draft_name(session_id, title, row_number)
        stem, copy = name.removesuffix(".toml"), 2
        while name in used:
            name, copy = f"{stem}-{copy}.toml", copy + 1
        used.add(name)
        path = folder / name
        document = dump_toml(values, comments=True, blanks=True, schema=f"./{SCHEMA_FILE_NAME}")
        try:
            kept = path.exists() or not create_new(path, document)
        except FileWriteError as exc:
            made.drafts.append(RowDraft(row_number, path, kept=False, line=line, failed=str(exc)))
            continue
        except OSError as exc:
            failed = f"cannot write {path}: {_reason(exc)}"
            made.drafts.append(RowDraft(row_number, path, kept=False, line=line, failed=failed))
            continue
        extra = [cell for cell in row[len(header) :] if cell.strip()]
        made.drafts.append(
            RowDraft(row_number, path, kept=kept, left=[] if kept else left, line=line, extra=extra)
        )
    if with_schema and any(d.written for d in made.drafts):
        try:
            made.schema = write_schema(folder)
        except FileWriteError as exc:
            made.schema, made.schema_failed = str(exc), True
    return made
