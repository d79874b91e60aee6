"""``fill`` without prompts: write the report when complete, else save the draft and say why."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from igf_report.cli.output import say
from igf_report.draft import Draft
from igf_report.errors import ReportInvalid
from igf_report.fields import key_of_path
from igf_report.filling import save_draft, write_report
from igf_report.resume import resume_of

__all__ = ["fill_without_prompts"]


def fill_without_prompts(report: Path, data: dict[str, Any]) -> None:
    """Write ``report`` from ``data``, or save it as a draft and fail with every finding.

    Raises:
        ReportInvalid: a field is missing or invalid (the findings were printed).
    """
    draft = Draft.of(data)
    values = draft.for_file()
    for finding in draft.all_findings():
        say(f"{report}: {finding.describe()}")
    errors = draft.errors()
    if errors:
        if data:
            # a walk the wizard left half-way resumes where it was
            saved = save_draft(report, values, resume_at=resume_of(report))
            if saved.problem:
                say(f"could not save the draft where asked: {saved.problem}")
            where = f"the draft is saved in {saved.path}"
        else:
            where = "nothing was written"
        count = len({key_of_path(f.path) for f in errors})
        noun = "field is" if count == 1 else "fields are"
        say(
            f"{count} {noun} missing or invalid; {where}. Add them with --set or --from, "
            f"or run `igf-report fill {report}` in a terminal."
        )
        raise ReportInvalid
    written = write_report(report, values)
    say("wrote " + " and ".join(str(p) for p in written))
