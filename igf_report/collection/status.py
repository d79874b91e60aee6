"""The status board: one row per report, saying how far it is from done.

For the people who collect reports: which are valid, which have warnings or
errors, and which required fields are still missing. A table for people,
JSON and CSV for scripts.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from typing import Any, Final

from igf_report.collection.checking import Status
from igf_report.collection.export import csv_text
from igf_report.collection.findings import JSON_ESCAPES
from igf_report.collection.loading import Entry
from igf_report.textutil import display_width, one_line, visible

__all__ = [
    "STATUS_FORMATS",
    "STATUS_JSON_VERSION",
    "status_csv",
    "status_json",
    "status_summary",
    "status_table",
]

STATUS_FORMATS: Final = ("table", "json", "csv")
#: Bumped whenever the JSON document changes shape.
STATUS_JSON_VERSION: Final = 1
_COLUMNS: Final = (
    "file",
    "title",
    "date",
    "rapporteur",
    "state",
    "errors",
    "warnings",
    "missing",
)
_ELLIPSIS: Final = "…"


def _record(entry: Entry) -> dict[str, Any]:
    values = entry.values
    date = values.get("date")
    rapporteur = values.get("rapporteur")
    title = values.get("title")
    return {
        "file": entry.path,
        "title": str(title) if title else None,
        "date": date.isoformat() if date is not None else None,
        "rapporteur": str(rapporteur) if rapporteur is not None else None,
        "state": entry.status.value,
        "errors": len(entry.errors),
        "warnings": len(entry.warnings),
        "missing": [spec.key for spec in entry.missing],
    }


def status_summary(entries: Sequence[Entry]) -> str:
    """``300 reports: 280 valid, 12 with warnings, 8 invalid; 5 miss required fields``."""
    counts = Counter(entry.status for entry in entries)
    incomplete = sum(1 for entry in entries if entry.missing)
    noun = "report" if len(entries) == 1 else "reports"
    miss = "misses" if incomplete == 1 else "miss"
    return (
        f"{len(entries)} {noun}: {counts[Status.VALID]} valid, "
        f"{counts[Status.WARNINGS]} with warnings, {counts[Status.INVALID]} invalid; "
        f"{incomplete} {miss} required fields"
    )


def status_json(entries: Sequence[Entry]) -> str:
    """One JSON document: ``version``, ``reports`` (one object per row) and ``summary``."""
    counts = Counter(entry.status for entry in entries)
    document = {
        "version": STATUS_JSON_VERSION,
        "reports": [_record(entry) for entry in entries],
        "summary": {
            "reports": len(entries),
            "valid": counts[Status.VALID],
            "warnings": counts[Status.WARNINGS],
            "invalid": counts[Status.INVALID],
            "missing_required": sum(1 for entry in entries if entry.missing),
        },
    }
    return json.dumps(document, ensure_ascii=False, indent=1).translate(JSON_ESCAPES) + "\n"


def status_csv(entries: Sequence[Entry]) -> str:
    """The rows as CSV, cells made safe for spreadsheets; missing fields one per line."""
    rows = []
    for entry in entries:
        record = _record(entry)
        record["missing"] = "\n".join(record["missing"])
        rows.append(["" if record[c] is None else str(record[c]) for c in _COLUMNS])
    return csv_text(_COLUMNS, rows)


# --- the table ------------------------------------------------------------------------


def _shorten(text: str, width: int, *, keep_end: bool) -> str:
    """``text`` cut to ``width`` display columns, with ``…`` where it was cut.

    ``width`` is never below a heading's width (3), so there is room for the ``…``.
    """
    if display_width(text) <= width:
        return text
    chars = list(reversed(text)) if keep_end else list(text)
    kept: list[str] = []
    used = 0
    for char in chars:
        w = display_width(char)
        if used + w > width - 1:
            break
        kept.append(char)
        used += w
    if keep_end:
        tail = "".join(reversed(kept))
        # cut a path at a folder boundary: "…/ws173.toml", not "…rts/ws173.toml"
        slash = tail.find("/")
        return _ELLIPSIS + (tail[slash:] if slash >= 0 else tail)
    return "".join(kept) + _ELLIPSIS


def _pad(text: str, width: int, *, right: bool) -> str:
    room = " " * (width - display_width(text))
    return room + text if right else text + room


_HEADINGS: Final = ("FILE", "TITLE", "DATE", "RAPPORTEUR", "STATE", "ERR", "WARN", "MISSING")
_NUMERIC: Final = frozenset({5, 6})
# When the table is too wide, these columns give way, each down to its least
# width, keeping widths in proportion to their share: the title keeps most.
_GIVE_WAY: Final = {1: (12, 3.0), 0: (10, 1.5), 7: (7, 1.5), 3: (10, 1.0)}
_GAP: Final = 2
_FILE_NAME_MOST: Final = 20


def _give_way(widths: list[int], least: dict[int, int], width: int) -> None:
    while sum(widths) + _GAP * (len(widths) - 1) > width:
        # the column that is widest for its share gives way, one column at a time
        shrinkable = [i for i in _GIVE_WAY if widths[i] > least[i]]
        if not shrinkable:
            return
        widest = max(shrinkable, key=lambda i: widths[i] / _GIVE_WAY[i][1])
        widths[widest] -= 1


def status_table(entries: Sequence[Entry], width: int) -> str:
    """The rows as a table at most ``width`` columns wide, then the summary line.

    Titles, rapporteurs and missing fields are cut with ``…`` to fit; a file
    name is cut at its start, so that its own name stays.
    """
    rows = []
    for entry in entries:
        record = _record(entry)
        rapporteur = entry.values.get("rapporteur")
        rows.append(
            [
                one_line(record["file"]),
                visible(" ".join((record["title"] or "-").split())),
                record["date"] or "-",
                one_line(rapporteur.name if rapporteur is not None else "-"),
                record["state"],
                str(record["errors"]),
                str(record["warnings"]),
                ", ".join(record["missing"]) or "-",
            ]
        )
    widths = [
        max([display_width(h), *(display_width(r[i]) for r in rows)])
        for i, h in enumerate(_HEADINGS)
    ]
    least = {i: floor for i, (floor, _) in _GIVE_WAY.items()}
    # a file's own name stays whole ("…/ws173.toml") unless it is very long, or
    # the table cannot fit otherwise
    names = max(display_width(row[0].rsplit("/", 1)[-1]) + 2 for row in rows)
    file_floor = min(widths[0], max(least[0], min(names, _FILE_NAME_MOST)))
    for least[0] in (file_floor, _GIVE_WAY[0][0]):
        _give_way(widths, least, width)
    lines = []
    for cells in [list(_HEADINGS), *rows]:
        shown = [
            _pad(
                _shorten(cell, widths[i], keep_end=i == 0),
                widths[i],
                right=i in _NUMERIC,
            )
            for i, cell in enumerate(cells)
        ]
        lines.append((" " * _GAP).join(shown).rstrip())
    lines.append(status_summary(entries))
    return "\n".join(lines) + "\n"
