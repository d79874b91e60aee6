"""How every format says a value in words: shared by the renderers and the wizard.

The fixed words and marks (a gap, an invalid value's mark) are in :mod:`igf_report.marks`.
"""

from __future__ import annotations

import datetime as dt

from igf_report.marks import MISSING
from igf_report.template.fields import FieldSpec, Kind
from igf_report.template.model import TimeRange

__all__ = ["as_text"]


def as_text(spec: FieldSpec, value: object) -> str:
    """A one-value field's value in words (``6 December 2016``, ``Name, affiliation``).

    An :class:`Invalid` value is its text as the file has it, without its mark.
    """
    if value is None:
        return MISSING
    if spec.kind is Kind.DATE and isinstance(value, dt.date):
        return f"{value.day} {value:%B %Y}"
    if isinstance(value, TimeRange) and any(
        t.second or t.microsecond for t in (value.start, value.end)
    ):
        # seconds the file has are shown, never dropped
        return f"{value.start.isoformat()} - {value.end.isoformat()}"
    return str(value)
