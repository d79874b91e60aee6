"""What ``igf-report new --from-schedule`` says about the drafts it made."""

from __future__ import annotations

from pathlib import Path

from igf_report.cli.output import say

__all__ = ["drafts_from_schedule"]


def drafts_from_schedule(schedule: Path, folder: Path, *, with_schema: bool) -> None:
    """Make the drafts and tell, row by row, what was written, kept or left for ``fill``."""
    from igf_report.schedule import make_drafts  # noqa: PLC0415 -- only for this option

    made = make_drafts(schedule, folder, with_schema=with_schema)
    columns = made.columns
    names = {n: spec.key for n, spec in columns.fields.items()}
    names.update({n: f"{spec.key}.{part}" for n, (spec, part) in columns.parts.items()})
    used = ", ".join(f"{columns.headings[n]} as {names[n]}" for n in sorted(names))
    if columns.session_id is not None:
        used += ", session ids for the file names"
    say(f"columns used: {used}")
    if made.columns.ignored:
        say(f"columns ignored: {', '.join(made.columns.ignored)}")
    written = kept = 0
    for draft in made.drafts:
        if draft.kept:
            kept += 1
            say(f"kept {draft.path} (row {draft.row}): it exists already")
            continue
        written += 1
        say(f"wrote {draft.path} (row {draft.row})")
        for finding in draft.left:
            say(f"  {finding.path} ({finding.label}): {finding.message}; left for fill")
    if made.schema:
        say(made.schema)
    rows = "1 row" if len(made.drafts) == 1 else f"{len(made.drafts)} rows"
    drafts = "1 draft" if written == 1 else f"{written} drafts"
    say(f"{rows}: {drafts} written, {kept} kept")
    first = next((d.path for d in made.drafts if not d.kept), None)
    if first is not None:
        say(f"next: igf-report fill {first} asks for what each draft still needs")
