"""What ``igf-report new --from-schedule`` says about the drafts it made."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Final

from igf_report.cli.output import say
from igf_report.collection.schedule import make_drafts
from igf_report.errors import FileWriteError
from igf_report.textutil import shell_word

if TYPE_CHECKING:
    from igf_report.collection.schedule import DraftsMade, RowDraft

__all__ = ["drafts_from_schedule"]

# rows named in the closing error; the lines above name every one
_ROWS_NAMED: Final = 10
# characters of a cell past the last heading quoted in the warning
_SHOWN: Final = 60


def _say_columns(made: DraftsMade) -> None:
    columns = made.columns
    names = {n: spec.key for n, spec in columns.fields.items()}
    names.update({n: f"{spec.key}.{part}" for n, (spec, part) in columns.parts.items()})
    used = ", ".join(f"{columns.headings[n]} as {names[n]}" for n in sorted(names))
    if columns.session_id is not None:
        used += ", session ids for the file names"
    say(f"Columns used: {used}")
    if columns.ignored:
        say(f"Columns ignored: {', '.join(columns.ignored)}")


def _say_drafts(schedule: Path, made: DraftsMade) -> list[int]:
    """Say what became of each row; the rows whose draft could not be written."""
    failed: list[int] = []
    for draft in made.drafts:
        if draft.failed:
            failed.append(draft.row)
            say(f"error: {schedule}:{draft.line}: row {draft.row} not written: {draft.failed}")
        elif draft.kept:
            say(f"Kept {draft.path} (row {draft.row}): it exists already")
        else:
            say(f"Wrote {draft.path} (row {draft.row})")
            for finding in draft.left:
                say(f"{draft.path}: {finding.describe()}; left for fill to ask")
            if draft.extra:
                say(_extra_cells(schedule, draft))
    return failed


def _extra_cells(schedule: Path, draft: RowDraft) -> str:
    """The warning for a row's cells past the last heading, which fill nothing."""
    shown = ", ".join(
        json.dumps(cell if len(cell) <= _SHOWN else cell[:_SHOWN] + "…", ensure_ascii=False)
        for cell in draft.extra
    )
    if len(draft.extra) == 1:
        cells = "a cell past the last heading, which fills nothing and is not"
    else:
        cells = f"{len(draft.extra)} cells past the last heading, which fill nothing and are not"
    return (
        f"warning: {schedule}:{draft.line}: row {draft.row} has {cells} in the draft: "
        f'{shown}; put a cell holding the delimiter in quotes ("Li Wei, CNNIC")'
    )


def drafts_from_schedule(schedule: Path, folder: Path, *, with_schema: bool) -> None:
    """Make the drafts and tell, row by row, what was written, kept, failed or left for ``fill``.

    Raises:
        FileWriteError: a draft or the schema could not be written (exit 1),
            after every other row's draft was.
    """
    made = make_drafts(schedule, folder, with_schema=with_schema)
    _say_columns(made)
    failed = _say_drafts(schedule, made)
    if made.schema:
        say(f"error: {made.schema}" if made.schema_failed else made.schema)
    written = sum(draft.written for draft in made.drafts)
    kept = sum(draft.kept for draft in made.drafts)
    rows = "1 row" if len(made.drafts) == 1 else f"{len(made.drafts)} rows"
    drafts = "1 draft" if written == 1 else f"{written} drafts"
    say(f"{rows}: {drafts} written, {kept} kept, {len(failed)} failed")
    first = next((d.path for d in made.drafts if d.written), None)
    if first is not None:
        say(f"Next: `igf-report fill {shell_word(first)}` asks for what each draft still needs")
    if failed:
        named = ", ".join(str(row) for row in failed[:_ROWS_NAMED])
        more = ", ..." if len(failed) > _ROWS_NAMED else ""
        msg = (
            f"{len(failed)} of {len(made.drafts)} drafts not written (rows {named}{more}); "
            "the same command again writes only what is missing"
        )
        raise FileWriteError(msg)
    if made.schema_failed:
        raise FileWriteError("")  # said above
