from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from igf_report.template.fields import FIELDS, Kind, place_for_people
from igf_report.template.model import Report, TimeRange, _small_hours, afternoon
from igf_report.template.validation import Severity, check

RAPPORTEUR_MISSING = (
    "is empty; the IGF secretariat requires every workshop session to have a rapporteur"
)


def _findings(data: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    return [(f.severity.value, f.path, f.label, f.message) for f in check(data).findings]


def test_a_complete_report_is_valid(data: dict[str, Any]) -> None:
    checked = check(data)
    assert checked.findings == []
    assert isinstance(checked.report, Report)
    assert checked.report.chair.name == "Ana Pérez"


def test_the_fields_are_the_template_in_order() -> None:
    assert [f.key for f in FIELDS] == [
        "title", "date", "time", "organizer", "chair", "rapporteur", "speakers",
        "key_issues", "presentations", "discussions", "way_forward",
    ]  # fmt: skip
    assert [f.number for f in FIELDS] == list(range(1, 12))
    assert FIELDS[5].label == "Rapporteur/Notetaker"
    assert FIELDS[7].heading == "Key Issues raised (1 sentence per issue):"
    assert {f.kind for f in FIELDS} == set(Kind)
    assert all(f.instruction and f.example for f in FIELDS)


@pytest.mark.parametrize(
    "key", ["title", "date", "time", "organizer", "chair", "speakers", "key_issues",
            "discussions", "way_forward"],
)  # fmt: skip
def test_each_required_field_is_an_error_when_missing(data: dict[str, Any], key: str) -> None:
    del data[key]
    (finding,) = check(data).findings
    assert finding.severity is Severity.ERROR
    assert finding.path == key
    assert finding.message == "is required"


@pytest.mark.parametrize("empty", ["", "   ", [], {}])
def test_blank_values_count_as_missing(data: dict[str, Any], empty: object) -> None:
    data["title"] = empty
    assert _findings(data) == [("error", "title", "Session Title", "is required")]


def test_end_before_start(data: dict[str, Any]) -> None:
    data["time"] = "11:00 - 10:00"
    assert _findings(data) == [
        ("error", "time", "Time", "ends at 10:00, not after it starts at 11:00")
    ]


def test_a_bad_date_names_the_field(data: dict[str, Any]) -> None:
    data["date"] = "31/31/2016"
    ((severity, path, label, message),) = _findings(data)
    assert (severity, path, label) == ("error", "date", "Date")
    assert "not a date on the calendar" in message


def test_unknown_keys_are_errors(data: dict[str, Any]) -> None:
    data["titel"] = "typo"
    assert _findings(data) == [
        ("error", "titel", "not a template field",
         "is not a key of this template; check its spelling"),
    ]  # fmt: skip


def test_another_template_is_an_error(data: dict[str, Any]) -> None:
    data["template"] = "igf-2030-workshop"
    ((severity, path, _, message),) = _findings(data)
    assert (severity, path) == ("error", "template")
    assert "igf-2030-workshop" in message


def test_errors_inside_items_have_item_paths(data: dict[str, Any]) -> None:
    data["speakers"] = ["Li Wei, CNNIC", {"affiliation": "Afnic"}, {"name": "X", "role": "y"}]
    assert _findings(data) == [
        ("error", "speakers[1].name", "List of Speakers and their institutional affiliations",
         "is required"),
        ("error", "speakers[2].role", "List of Speakers and their institutional affiliations",
         "is not a key of this template"),
    ]  # fmt: skip


def test_wrong_types_say_what_was_expected(data: dict[str, Any]) -> None:
    data["title"] = 42
    data["date"] = 2016
    data["key_issues"] = [1]
    messages = {f.path: f.message for f in check(data).findings}
    assert messages == {
        "title": "should be text",
        "date": "should be a date such as 2016-12-06",
        "key_issues[0]": "should be text",
    }


def test_a_title_must_be_one_line(data: dict[str, Any]) -> None:
    data["title"] = "two\nlines"
    assert _findings(data) == [("error", "title", "Session Title", "must be on one line")]


def test_values_are_parsed_like_typed_answers(data: dict[str, Any]) -> None:
    data.update(
        date="6 December 2016",
        time="10:45 - 11:45 am",
        chair="Yolanda Martínez Mancilla, Head of Unit, Ministry",
        speakers=["Li Wei, CNNIC"],
        discussions="First.\n\nSecond.",
    )
    report = check(data).report
    assert report is not None
    assert report.date == dt.date(2016, 12, 6)
    assert (report.time.start, report.time.end) == (dt.time(10, 45), dt.time(11, 45))
    assert report.chair.affiliation == "Head of Unit, Ministry"
    assert report.speakers[0].name == "Li Wei"
    assert report.discussions == ["First.", "Second."]


def test_warnings(data: dict[str, Any]) -> None:
    del data["rapporteur"]
    data["date"] = dt.date(2016, 12, 12)
    data["key_issues"] = ["One. Two sentences here."]
    data["presentations"] = [{"summary": "One.\n\nTwo paragraphs."}]
    data["discussions"] = ["a", "b", "c", "d"]
    data["way_forward"] = ["a\n\nb", "c\n\nd"]
    data["speakers"] = [{"name": "Li Wei"}]
    checked = check(data)
    assert checked.errors == []
    assert checked.report is not None
    assert [(f.path, f.message) for f in checked.warnings] == [
        ("date", "12 December 2016 is outside the IGF 2016 meeting days (5 to 9 December 2016)"),
        ("rapporteur", RAPPORTEUR_MISSING),
        ("speakers[0].affiliation", "Li Wei has no affiliation"),
        ("key_issues[0]", "has 2 sentences; the template asks for 1 sentence per issue"),
        ("presentations[0].summary", "has 2 paragraphs; the template asks for 1 paragraph"),
        ("discussions", "has 4 paragraphs; the template asks for 3"),
        ("way_forward", "has 4 paragraphs; the template asks for 3"),
    ]  # fmt: skip
    assert checked.warnings[2].label == "List of Speakers and their institutional affiliations"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (
            "3-4:30",
            (
                "starts at 03:00, in the small hours; "
                "did you mean 15:00 - 16:30 (write pm for the afternoon)?"
            ),
        ),
        (
            "6:59 - 8",
            (
                "starts at 06:59, in the small hours; "
                "did you mean 18:59 - 20:00 (write pm for the afternoon)?"
            ),
        ),
        ("0:30 - 1", "starts at 00:30, in the small hours; did you mean 12:30 - 13:00 (write pm"),
        ("5:00 - 13:00", "starts at 05:00, in the small hours"),  # 12 h later passes midnight
    ],
)
def test_a_session_in_the_small_hours_is_a_warning_that_suggests_the_afternoon(
    data: dict[str, Any], typed: str, message: str
) -> None:
    data["time"] = typed
    checked = check(data)
    assert checked.errors == []
    (found,) = [f for f in checked.warnings if f.path == "time"]
    assert found.message.startswith(message)
    if "did you mean" not in message:
        assert "did you mean" not in found.message


@pytest.mark.parametrize("typed", ["7-8:30", "07:00 - 08:00", "3-4:30 pm", "10:45 - 11:45"])
def test_a_session_from_seven_in_the_morning_is_plausible(data: dict[str, Any], typed: str) -> None:
    data["time"] = typed
    assert [f for f in check(data).findings if f.path == "time"] == []


def test_every_field_is_checked_even_when_others_fail(data: dict[str, Any]) -> None:
    data["date"] = "nonsense"
    del data["title"]
    data["key_issues"] = ["Access costs. Skills lag."]
    paths = [(f.severity.value, f.path) for f in check(data).findings]
    assert paths == [("error", "title"), ("error", "date"), ("warning", "key_issues[0]")]


def test_long_values_are_refused_with_the_limit(data: dict[str, Any]) -> None:
    data["discussions"] = ["x" * 20_001]
    ((_, path, _, message),) = _findings(data)
    assert path == "discussions[0]"
    assert message == "is 20001 characters long; the limit is 20000"


@pytest.mark.parametrize(
    ("path", "said"),
    [
        ("speakers[4].affiliation", "Speakers, item 5, affiliation"),
        ("key_issues[0]", "Key Issues, item 1"),
        ("presentations[11].summary", "Presentations, item 12, summary"),
        ("time.start", "Time, start"),
        ("chair.first_name", "Chair/Moderator, first name"),  # a key the template lacks
        ("discussions", "Discussions"),
        ("titel", "not a template field"),
    ],
)
def test_paths_for_people_count_items_from_one(path: str, said: str) -> None:
    assert place_for_people(path, short=True) == said


def test_short_headings_fit_one_line_and_the_template_wording_stays() -> None:
    assert [f.short for f in FIELDS][6:] == [
        "Speakers", "Key Issues", "Presentations", "Discussions", "Way forward",
    ]  # fmt: skip
    assert all(len(f.short) <= 20 for f in FIELDS)
    assert FIELDS[9].heading.startswith("Please describe the Discussions")


@pytest.mark.parametrize(
    ("paragraphs", "message"),
    [
        (["Only one."], "has 1 paragraph; the template asks for 3"),
        (["One.", "Two."], "has 2 paragraphs; the template asks for 3"),
        (["One.\n\nTwo.", "Three.", "Four."], "has 4 paragraphs; the template asks for 3"),
    ],
)
def test_fewer_or_more_than_three_paragraphs_is_a_warning(
    data: dict[str, Any], paragraphs: list[str], message: str
) -> None:
    data["discussions"] = paragraphs
    assert _findings(data) == [("warning", "discussions", "Discussions", message)]


@settings(max_examples=200)
@given(
    start=st.times(max_value=dt.time(6, 59, 59)),
    minutes=st.integers(min_value=1, max_value=12 * 60),
)
def test_any_session_starting_before_seven_is_warned_and_the_afternoon_offered_when_it_fits(
    start: dt.time, minutes: int
) -> None:
    begin = dt.datetime.combine(dt.date(2016, 12, 6), start.replace(microsecond=0))
    end = begin + dt.timedelta(minutes=minutes)
    if end.date() != begin.date() or end.time() <= begin.time():
        return
    time = TimeRange(start=begin.time(), end=end.time())
    (warning,) = _small_hours(time)
    later = afternoon(time)
    assert warning[1].startswith(f"starts at {begin:%H:%M}, in the small hours")
    if end.time() < dt.time(12):
        assert later is not None
        assert (later.start.hour, later.end.hour) == (begin.hour + 12, end.hour + 12)
        assert (later.start.minute, later.end.minute) == (begin.minute, end.minute)
        assert f"did you mean {later}" in warning[1]
    else:
        assert later is None
        assert "did you mean" not in warning[1]


_ESCAPED = (
    "holds an escape sequence ({}): a key such as an arrow, saved as text by a "
    "terminal that did not act on it; delete it"
)


@pytest.mark.parametrize("path_of_error", [False, True], ids=["valid", "with-an-error"])
def test_an_escape_sequence_in_a_value_is_a_warning_naming_its_place(
    data: dict[str, Any], *, path_of_error: bool
) -> None:
    data["organizer"] = "Internet Society\x1b[Dy"
    data["speakers"] = ["Li Wei, CNNIC", "Jean Dupont, Af\x1bOAnic"]
    if path_of_error:
        data["date"] = "2016-13-40"  # the field-by-field path finds them too
    warnings = [f for f in check(data).findings if f.severity is Severity.WARNING]
    assert [(f.path, f.message) for f in warnings] == [
        ("organizer", _ESCAPED.format("␛[D")),
        ("speakers[1].affiliation", _ESCAPED.format("␛OA")),
    ]
    assert place_for_people(warnings[1].path) == (
        "List of Speakers and their institutional affiliations, item 2, affiliation"
    )


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (dt.time(7), dt.time(8)),  # seven is a plausible start
        (dt.time(6), dt.time(12)),  # twelve hours later would end at midnight
        (dt.time(5), dt.time(13)),
    ],
)
def test_no_afternoon_is_offered_at_seven_or_past_midnight(start: dt.time, end: dt.time) -> None:
    assert afternoon(TimeRange(start=start, end=end)) is None


def test_a_small_hours_session_that_cannot_move_to_the_afternoon_says_only_that() -> None:
    time = TimeRange(start=dt.time(6), end=dt.time(12))
    assert list(_small_hours(time)) == [("", "starts at 06:00, in the small hours")]
