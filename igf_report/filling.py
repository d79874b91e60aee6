"""Filling a report file: opening an existing draft, saving drafts, writing the result.

Shared by the wizard and by ``fill`` without prompts, so that both keep the
same promises: an existing file that is not one of ours is never overwritten,
every save is atomic, and what cannot be parsed yet is kept as it was written.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from igf_report.atomic import write_atomic
from igf_report.errors import FileReadError, FileWriteError, NotOurFile
from igf_report.fields import FIELDS
from igf_report.model import TEMPLATE_ID
from igf_report.parsers import MEETING_DAYS
from igf_report.render import get_renderer
from igf_report.reportfile import dump_toml, parse_document, read_text
from igf_report.resume import Position, with_resume
from igf_report.validation import Checked, check

__all__ = [
    "DUE_DATE",
    "Saved",
    "draft_values",
    "fallback_path",
    "open_report",
    "save_draft",
    "text_path",
    "write_report",
]

#: The secretariat's deadline: two weeks after the meeting's last day.
DUE_DATE: Final = MEETING_DAYS[1] + dt.timedelta(days=14)

_KNOWN: Final = frozenset({spec.key for spec in FIELDS} | {"template"})


def text_path(report: Path) -> Path:
    """Where the rendered text of ``report`` goes: the same name with ``.txt``."""
    return report.with_suffix(".txt")


def open_report(path: Path) -> dict[str, Any]:
    """The answers already in ``path``, or nothing when it does not exist yet.

    Raises:
        NotOurFile: the file is not a report of igf-report's (not TOML, another
            template, or none of the template's keys); it must not be overwritten.
    """
    if not path.exists():
        return {}
    if path.is_dir():
        msg = f"{path} is a folder; name the report file to fill, e.g. {path / 'report.toml'}"
        raise NotOurFile(msg)
    try:
        data = parse_document(read_text(path), str(path), "toml")
    except FileReadError as exc:
        msg = f"{exc}\n{path} is not a report file of igf-report, so it is left untouched"
        raise NotOurFile(msg) from None
    template = data.get("template")
    if template is not None and template != TEMPLATE_ID:
        msg = (
            f"{path} is a report of template {template!r}, not {TEMPLATE_ID!r}; "
            "it is left untouched"
        )
        raise NotOurFile(msg)
    if template is None and data and not (set(data) & _KNOWN):
        msg = f"{path} holds none of the template's keys; it is left untouched"
        raise NotOurFile(msg)
    return data


def draft_values(data: Mapping[str, Any], checked: Checked) -> dict[str, Any]:
    """What to write for a draft: parsed values, and raw ones where parsing failed."""
    return {key: checked.values.get(key, value) for key, value in data.items()}


def fallback_path(report: Path) -> Path:
    """Where a draft goes when its own folder cannot be written."""
    return Path(tempfile.gettempdir()) / f"igf-report-draft-{os.getpid()}-{report.name}"


@dataclass(frozen=True)
class Saved:
    """Where a draft was saved, and why it is not where it was asked to be."""

    path: Path
    problem: str | None = None


def save_draft(
    path: Path, values: Mapping[str, Any], *, resume_at: Position | None = None
) -> Saved:
    """Save a draft atomically; if that fails, to a fallback file in the temp folder.

    Args:
        path: the report file.
        values: the draft's values.
        resume_at: where the wizard is, kept in the draft's resume comment line.

    Raises:
        FileWriteError: neither the file nor its fallback could be written.
    """
    text = with_resume(dump_toml(values), resume_at)
    try:
        write_atomic(path, text)
    except FileWriteError as exc:
        fallback = fallback_path(path)
        write_atomic(fallback, text)
        return Saved(fallback, str(exc))
    return Saved(path)


def write_report(path: Path, values: Mapping[str, Any]) -> list[Path]:
    """Write a complete report: its TOML file, then its text beside it.

    Returns:
        The files written.
    """
    beside = text_path(path)
    text = get_renderer("text")
    text.check_overwrite(beside)
    write_atomic(path, dump_toml(values))
    write_atomic(beside, text.render(check(values).values, width=80))
    return [path, beside]
