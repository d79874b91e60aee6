"""``fill`` without prompts: write the report when complete, else save the draft and say why."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from igf_report.cli.output import say
from igf_report.errors import ReportInvalid
from igf_report.fields import key_of_path
from igf_report.filling import draft_values, save_draft, write_report
from igf_report.validation import check

__all__ = ["fill_without_prompts"]


def fill_without_prompts(report: Path, data: dict[str, Any]) -> None:
    """Write ``report`` from ``data``, or save it as a draft and fail with every finding.

    Raises:
        ReportInvalid: a field is missing or invalid (the findings were printed).
    """
    checked = check(data)
    values = draft_values(data, checked)
    for finding in checked.findings:
        say(f"{report}: {finding.describe()}")
    if checked.errors:
        if data:
            saved = save_draft(report, values)
            if saved.problem:
                say(f"Could not save the draft where asked: {saved.problem}")
            where = f"the draft is saved in {saved.path}"
        else:
            where = "nothing was written"
        count = len({key_of_path(f.path) for f in checked.errors})
        noun = "field is" if count == 1 else "fields are"
        say(
            f"{count} {noun} missing or invalid; {where}. Add them with --set or --from, "
            f"or run `igf-report fill {report}` in a terminal."
        )
        raise ReportInvalid
    written = write_report(report, values)
    say("Wrote " + " and ".join(str(p) for p in written))
