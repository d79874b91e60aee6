"""The template's rules as the model holds them: meeting days, presentations given as text."""

from __future__ import annotations

import pytest

from igf_report.template.fields import FIELDS
from igf_report.template.model import Presentation
from igf_report.template.validation import check_field

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


def test_text_pasted_with_windows_or_old_mac_line_breaks_keeps_lf_only() -> None:
    value, _ = check_field(SPEC["discussions"], ["one\r\ntwo\rthree"])
    assert value == ["one\ntwo\nthree"]


@pytest.mark.parametrize("title", ["one\ntwo", "one\rtwo", "one\r\ntwo"])
def test_a_title_with_any_line_break_is_refused(title: str) -> None:
    value, findings = check_field(SPEC["title"], title)
    assert value is None
    assert [f.message for f in findings] == ["must be on one line"]
