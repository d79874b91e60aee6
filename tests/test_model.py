"""The template's rules as the model holds them: meeting days, presentations given as text."""

from __future__ import annotations

import pytest

from igf_report.fields import FIELDS
from igf_report.model import Presentation
from igf_report.validation import check_field

SPEC = {spec.key: spec for spec in FIELDS}


@pytest.mark.parametrize("day", ["2016-12-05", "2016-12-09"])
def test_day_0_and_the_last_day_are_meeting_days(day: str) -> None:
    _, findings = check_field(SPEC["date"], day)
    assert findings == []


@pytest.mark.parametrize(
    ("day", "said"), [("2016-12-04", "4 December 2016"), ("2016-12-10", "10 December 2016")]
)
def test_a_day_outside_the_meeting_is_a_warning(day: str, said: str) -> None:
    _, findings = check_field(SPEC["date"], day)
    assert [f.message for f in findings] == [
        f"{said} is outside the IGF 2016 meeting days (5 to 9 December 2016)"
    ]


def test_a_presentation_written_as_text_is_its_summary() -> None:
    value, findings = check_field(SPEC["presentations"], ["Only a summary."])
    assert value == [Presentation(title=None, summary="Only a summary.")]
    assert findings == []
