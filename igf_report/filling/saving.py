"""Filling a report file: opening an existing draft, saving drafts, writing the result.

Shared by the wizard and by ``fill`` without prompts, so that both keep the
same promises: an existing file that is not one of ours is never overwritten,
an invalid answer never replaces a value, every save is atomic and made under
the report's lock on the file as it is now (so two writers at once lose
nothing), a user's comments survive, and what cannot be parsed yet is kept as
it was written.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from igf_report.errors import (
    FileReadError,
    FileWriteError,
    IgfReportError,
    NotOurFile,
    ReportChanged,
)
from igf_report.files.atomic import fit_name, write_atomic
from igf_report.files.locking import report_lock
from igf_report.files.reportfile import dump_toml, parse_document, read_text
from igf_report.files.resume import Position, Typed, read_resume, read_typed, with_resume
from igf_report.files.tomlcomments import find_comments
from igf_report.filling.answers import Added, added_as_lists, merge
from igf_report.template.fields import FIELDS, key_of_path
from igf_report.template.model import TEMPLATE_ID
from igf_report.template.parsers import MEETING_DAYS
from igf_report.template.validation import Checked, Finding, check
from igf_report.textutil import in_words
from igf_report.writers import get_renderer

__all__ = [
    "DUE_DATE",
    "Accepted",
    "Opened",
    "Saved",
    "Updated",
    "Written",
    "accept_answers",
    "draft_values",
    "fallback_path",
    "read_report",
    "save_draft",
    "text_path",
    "update_report",
    "write_report",
]

#: The secretariat's deadline: two weeks after the meeting's last day.
DUE_DATE: Final = MEETING_DAYS[1] + dt.timedelta(days=14)

_KNOWN: Final = frozenset({spec.key for spec in FIELDS} | {"template"})


class _Anything:
    """``expect`` when any content of the file may be replaced."""


_ANYTHING: Final = _Anything()


def text_path(report: Path) -> Path:
    """Where the rendered text of ``report`` goes by default: the same name with ``.txt``."""
    return report.with_suffix(".txt")


def _other_text_path(report: Path) -> Path:
    """Where the text goes when ``text_path`` is a file of the user's (an imported source)."""
    return report.with_name(f"{report.stem}.report.txt")


@dataclass(frozen=True)
class Opened:
    """A report as read: its answers, and its text (``None`` when it does not exist)."""

    data: dict[str, Any]
    text: str | None


def read_report(path: Path) -> Opened:
    """The answers already in ``path`` and its text, or nothing when it does not exist yet.

    A file is a report when it says ``template = "igf-2016-workshop"``, or
    when every key in it is one of the template's (an empty file counts).

    Raises:
        NotOurFile: the file is not a report of igf-report's (not TOML, another
            template, or a key outside the template); it must not be overwritten.
    """
    if not path.exists():
        return Opened({}, None)
    if path.is_dir():
        msg = f"{path} is a folder; name the report file to fill, e.g. {path / 'report.toml'}"
        raise NotOurFile(msg)
    try:
        text = read_text(path)
        data = parse_document(text, str(path), "toml")
    except FileReadError as exc:
        msg = f"{exc}\n{path} is not a report file of igf-report, so it is left untouched"
        raise NotOurFile(msg) from None
    template = data.get("template")
    if template is not None and template != TEMPLATE_ID:
        msg = (
            f"{path} says its template is {in_words(template)}, not "
            f'"{TEMPLATE_ID}"; it is not a report of igf-report, so it is left untouched'
        )
        raise NotOurFile(msg)
    if template is None and (foreign := [key for key in data if key not in _KNOWN]):
        msg = (
            f"{path} is not a report of igf-report: it does not say "
            f'template = "{TEMPLATE_ID}" and has keys the template does not know '
            f"({', '.join(foreign[:3])}); it is left untouched"
        )
        raise NotOurFile(msg)
    return Opened(data, text)


@dataclass(frozen=True)
class Accepted:
    """Answers merged over a report, with the ones refused because they are invalid.

    Attributes:
        data: the report with every valid answer applied.
        refused: the errors of the answers that were refused; for each of
            their fields the report keeps what it had.
        replaced: each list an answer replaced with other items, with how many
            items it had and how many it has now (``--set`` replaces a list,
            ``--add`` adds to it).
    """

    data: dict[str, Any]
    refused: list[Finding] = field(default_factory=list)
    replaced: dict[str, tuple[int, int]] = field(default_factory=dict)


def accept_answers(current: Mapping[str, Any], answers: Mapping[str, Any]) -> Accepted:
    """Apply ``answers`` (``--from``, ``--set``, ``--add``) to ``current`` as typed answers are.

    An answer whose field then has an error is refused, as the wizard refuses
    an invalid typed answer: the field keeps the value ``current`` has (or
    stays missing). A warning is no reason to refuse.
    """
    merged = added_as_lists(merge(current, answers))
    refused = [finding for finding in check(merged).errors if key_of_path(finding.path) in answers]
    for key in {key_of_path(finding.path) for finding in refused}:
        if key in current:
            merged[key] = current[key]
        else:
            # every refused key is one of the answers, so merge put it there
            del merged[key]
    return Accepted(merged, refused, _replaced(current, answers, merged))


def _replaced(
    current: Mapping[str, Any], answers: Mapping[str, Any], merged: Mapping[str, Any]
) -> dict[str, tuple[int, int]]:
    """The lists that had items and were given others in their place."""
    replaced = {}
    for key, answer in answers.items():
        before, after = current.get(key), merged.get(key)
        if isinstance(answer, Added) or not isinstance(before, list) or not before:
            continue
        if isinstance(after, list) and after != before:
            replaced[key] = (len(before), len(after))
    return replaced


def draft_values(data: Mapping[str, Any], checked: Checked) -> dict[str, Any]:
    """What to write for a draft: parsed values, and raw ones where parsing failed."""
    return {key: checked.values.get(key, value) for key, value in data.items()}


def fallback_path(report: Path) -> Path:
    """Where a draft goes when its own folder cannot be written."""
    name = fit_name(f"igf-report-draft-{os.getpid()}-", report.name, "")
    return Path(tempfile.gettempdir()) / name


def _current_text(path: Path) -> str | None:
    """The file's text now, or ``None`` when it is missing or cannot be read as text."""
    if not path.is_file():
        return None
    try:
        return read_text(path)
    except IgfReportError:
        return None


def _check_unchanged(path: Path, current: str | None, expect: str | _Anything | None) -> None:
    if isinstance(expect, _Anything) or current == expect:
        return
    what = "removed" if current is None else "changed"
    msg = f"{path} was {what} by another program since igf-report read it, so it is left as it is"
    raise ReportChanged(msg)


@dataclass(frozen=True)
class Saved:
    """Where a draft was saved, and why it is not where it was asked to be.

    Attributes:
        path: the file written.
        problem: why it is not the file asked for, if it is not.
        text: what was written, to tell a later outside change from it.
    """

    path: Path
    problem: str | None = None
    text: str = ""


def _save_draft(
    path: Path,
    values: Mapping[str, Any],
    current: str | None,
    resume_at: Position | None,
    typed: Typed | None = None,
) -> Saved:
    text = with_resume(dump_toml(values, keep=find_comments(current)), resume_at, typed)
    try:
        write_atomic(path, text)
    except FileWriteError as exc:
        fallback = fallback_path(path)
        write_atomic(fallback, text)
        return Saved(fallback, str(exc), text)
    return Saved(path, None, text)


def save_draft(
    path: Path,
    values: Mapping[str, Any],
    *,
    expect: str | _Anything | None = _ANYTHING,
    resume_at: Position | None = None,
    typed: Typed | None = None,
) -> Saved:
    """Save a draft atomically; if that fails, to a fallback file in the temp folder.

    The file's comments are kept. The write holds the report's lock.

    Args:
        path: the report.
        values: what to write.
        expect: the text the file must still have (``None``: must not exist),
            as the caller last read or wrote it; by default anything.
        resume_at: where the wizard is, kept in the draft's resume comment
            line (any older one is dropped).
        typed: the line being typed when the wizard stopped, kept in a
            comment beside the resume line.

    Raises:
        ReportChanged: the file no longer has the ``expect`` text.
        FileWriteError: neither the file nor its fallback could be written.
    """
    with report_lock(path):
        current = _current_text(path)
        _check_unchanged(path, current, expect)
        return _save_draft(path, values, current, resume_at, typed)


@dataclass(frozen=True)
class Written:
    """A complete report written.

    Attributes:
        files: the files written: the report, then its text unless refused.
        note: where the text went instead of beside the report, and why.
        text_refused: the text could not be written anywhere allowed.
    """

    files: list[Path]
    note: str | None = None
    text_refused: bool = False


def _write_report(
    path: Path, values: Mapping[str, Any], current: str | None, text: Path | None
) -> Written:
    content = dump_toml(values, keep=find_comments(current))
    write_atomic(path, content)
    renderer = get_renderer("text")
    note = None
    if text is not None:
        try:
            renderer.check_overwrite(text)
        except NotOurFile as exc:
            note = f"{exc}; the report is saved in {path}"
            return Written([path], note, text_refused=True)
        target = text
    else:
        target = text_path(path)
        if target.exists() and not renderer.wrote(target):
            other = _other_text_path(path)
            if other.exists() and not renderer.wrote(other):
                note = (
                    f"The text was not written: {target} and {other} are files igf-report "
                    f"did not write; choose where it goes with --text FILE (the report is "
                    f"saved in {path})"
                )
                return Written([path], note, text_refused=True)
            note = (
                f"{target} was not written by igf-report (the published report it was "
                f"imported from?), so the text went to {other}; --text FILE chooses another"
            )
            target = other
    write_atomic(target, renderer.render(check(values).values, width=80))
    return Written([path, target], note)


def write_report(
    path: Path,
    values: Mapping[str, Any],
    *,
    text: Path | None = None,
    expect: str | _Anything | None = _ANYTHING,
) -> Written:
    """Write a complete report: its TOML file (comments kept), then its text.

    The text goes to ``text``, else beside the report (``report.txt``), else,
    when that is a file igf-report did not write, to ``report.report.txt``.
    The report itself is always written first; a text that may not be
    written anywhere is reported in the result, never by losing the report.

    Args:
        path: the report.
        values: its values.
        text: where the text goes, instead of beside the report.
        expect: as for :func:`save_draft`.

    Raises:
        ReportChanged: the file no longer has the ``expect`` text.
        FileWriteError: the report could not be written.
    """
    with report_lock(path):
        current = _current_text(path)
        _check_unchanged(path, current, expect)
        return _write_report(path, values, current, text)


@dataclass(frozen=True)
class Updated:
    """What :func:`update_report` did.

    Attributes:
        accepted: the answers applied and refused.
        checked: the report's findings after the answers.
        saved: where the draft was saved, when the report has errors or
            could not be written (then in the temporary folder).
        written: the files written, when it has none.
    """

    accepted: Accepted
    checked: Checked
    saved: Saved | None = None
    written: Written | None = None


def update_report(path: Path, answers: Mapping[str, Any], *, text: Path | None = None) -> Updated:
    """Apply ``answers`` to the report as it is now, and save it, under the report's lock.

    The report is re-read once the lock is held, so that two writers at once
    each apply their own answers to what the other wrote. A complete report
    is written with its text; one with errors is saved as a draft. A report
    that cannot be written (read-only, say) is saved in the temporary folder.
    When every answer was refused, nothing is written.

    Raises:
        NotOurFile: the file is not a report of igf-report's.
        FileWriteError: neither the report nor its fallback could be written.
    """
    with report_lock(path):
        opened = read_report(path)
        accepted = accept_answers(opened.data, answers)
        checked = check(accepted.data)
        values = draft_values(accepted.data, checked)
        if not accepted.data or (accepted.refused and accepted.data == opened.data):
            return Updated(accepted, checked)
        if checked.errors:
            # a walk the wizard left half-way resumes where it was
            # and the line it kept stays offered there
            resume_at = read_resume(opened.text) if opened.text else None
            typed = read_typed(opened.text) if opened.text else None
            saved = _save_draft(path, values, opened.text, resume_at, typed)
            return Updated(accepted, checked, saved=saved)
        try:
            written = _write_report(path, values, opened.text, text)
        except FileWriteError as exc:
            # nothing given is lost: the answers go where a draft would
            fallback = fallback_path(path)
            write_atomic(fallback, dump_toml(values, keep=find_comments(opened.text)))
            return Updated(accepted, checked, saved=Saved(fallback, str(exc)))
        return Updated(accepted, checked, written=written)
