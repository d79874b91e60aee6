"""``fill`` without prompts: write the report when complete, else save the draft and say why."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from igf_report.cli.output import say
from igf_report.errors import NotWritten, ReportInvalid, TextNotWritten
from igf_report.filling.saving import update_report
from igf_report.template.fields import field_for_path, key_of_path
from igf_report.template.validation import Finding
from igf_report.textutil import shell_word

__all__ = ["fill_without_prompts", "say_refused", "say_replaced"]


def say_refused(report: Path, refused: Iterable[Finding], current: dict[str, Any]) -> None:
    """Print each refused answer's errors, and that the report keeps what it had."""
    refused = list(refused)
    for finding in refused:
        say(f"{report}: {finding.describe()}")
    for key in dict.fromkeys(key_of_path(f.path) for f in refused):
        spec = field_for_path(key)
        name = f"{key} ({spec.label})" if spec else key
        kept = "keeps the value it had" if key in current else "still has none"
        say(f"{report}: the value given for {name} is refused; the report {kept}")


def _items(count: int) -> str:
    return f"{count} item" if count == 1 else f"{count} items"


def say_replaced(report: Path, replaced: dict[str, tuple[int, int]]) -> None:
    """Say which lists the answers replaced, and how to add an item instead."""
    for key, (before, after) in replaced.items():
        spec = field_for_path(key)
        name = f"{key} ({spec.label})" if spec else key
        say(
            f"{report}: the list {name} is replaced: {_items(before)} by {_items(after)}; "
            f"to add an item instead, use --add {key}=VALUE"
        )


def fill_without_prompts(report: Path, answers: dict[str, Any], text: Path | None = None) -> None:
    """Apply ``answers`` to ``report`` and write it, or save it as a draft and fail.

    Args:
        report: the report file.
        answers: the answers of --from and --set, applied to the report as it
            is when the write starts.
        text: where the rendered text goes, instead of beside the report.

    Raises:
        ReportInvalid: an answer was refused, or a field is missing or invalid.
        NotWritten: the report could not be written where asked, or no answer
            changed it.
        TextNotWritten: the report was written, but not its text.
    """
    updated = update_report(report, answers, text=text)
    accepted, checked = updated.accepted, updated.checked
    say_refused(report, accepted.refused, accepted.data)
    say_replaced(report, accepted.replaced)
    for finding in checked.findings:
        say(f"{report}: {finding.describe()}")
    if checked.errors:
        if updated.saved is not None:
            if updated.saved.problem:
                say(f"Could not save the draft where asked: {updated.saved.problem}")
            where = f"the draft is saved in {updated.saved.path}"
        else:
            where = "nothing was written"
        count = len({key_of_path(f.path) for f in checked.errors})
        noun = "field is" if count == 1 else "fields are"
        say(
            f"{count} {noun} missing or invalid; {where}. Add them with --set or --from, "
            f"or run `igf-report fill {shell_word(report)}` in a terminal."
        )
        raise ReportInvalid
    written = updated.written
    if updated.saved is not None:
        say(f"error: {updated.saved.problem}; your answers are saved in {updated.saved.path}")
        raise NotWritten
    if written is None:
        say(f"Nothing was written; {report} is as it was")
        raise NotWritten
    say("Wrote " + " and ".join(str(p) for p in written.files))
    if written.note:
        say(written.note)
    if written.text_refused:
        raise TextNotWritten
    if accepted.refused:
        raise ReportInvalid
