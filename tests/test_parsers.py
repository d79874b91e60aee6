from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from igf_report.template.parsers import (
    count_paragraphs,
    count_sentences,
    parse_date,
    parse_time,
    parse_time_range,
    split_person,
)
from igf_report.textutil import _wrap_any, _wrap_ascii

from .conftest import examples
from .reliability import tally

#: A refusal quotes what was typed, says what is wrong with it and how to write it.
_REFUSAL = re.compile(
    r"'(?P<quoted>.*)' (?:is not a date on the calendar|is not a date I can read"
    r"|could be \d{1,2} \w+ \d{4} or \d{1,2} \w+ \d{4}"
    r"|is not a time I can read|is not a time of day|needs a start and an end"
    r"|names (?:the wrong weekday|two weekdays): \d{1,2} \w+ \d{4} is a \w+(?:, not a \w+)?)"
    r"; write it as (?:2016-12-06 or 6 December 2016"
    r"|10:45 - 11:45, 09:00-10:30 or 1:30 pm - 2:30 pm)",
    re.DOTALL,
)
_TOO_LONG = re.compile(
    r"is (?P<length>\d+) characters long, too long for a (?:date|time|time range)"
)


def assert_says_why(message: str, text: str) -> None:
    """A parser's refusal of ``text`` quotes it and says why, or gives its length."""
    if too_long := _TOO_LONG.fullmatch(message):
        assert int(too_long["length"]) == len(text.strip()) > 200
        return
    refusal = _REFUSAL.fullmatch(message)
    assert refusal is not None, message
    assert refusal["quoted"], message
    assert refusal["quoted"] in text, message


DEC6 = dt.date(2016, 12, 6)


@pytest.mark.parametrize(
    "text",
    [
        "2016-12-06",
        "6 December 2016",
        "December 6, 2016",
        "Tuesday 6 December 2016",
        "6 Dec 2016",
        "Tue. 6 Dec. 2016",  # abbreviations with their full stops
        "6 de diciembre de 2016",
        "6 décembre 2016",
        "12/06/2016",  # the site's month/day/year: 6 December is a meeting day
        "06/12/2016",  # day/month/year: 12 June is not, 6 December is
        "6.12.2016",
        "  2016-12-06  ",
    ],
)
def test_dates_in_every_accepted_form(text: str) -> None:
    assert parse_date(text) == DEC6


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "Monday, 6 December 2016",
            (
                "'Monday, 6 December 2016' names the wrong weekday: "
                "6 December 2016 is a Tuesday, not a Monday"
            ),
        ),
        ("Mon. 6 Dec. 2016", "6 December 2016 is a Tuesday, not a Monday"),
        ("lunes 6 de diciembre de 2016", "6 December 2016 is a Tuesday, not a Monday"),
        ("dimanche 6 décembre 2016", "6 December 2016 is a Tuesday, not a Sunday"),
        ("Tuesday 7 December 2016", "7 December 2016 is a Wednesday, not a Tuesday"),
        ("Mon Tue 6 Dec 2016", "names two weekdays: 6 December 2016 is a Tuesday"),
    ],
)
def test_a_weekday_that_contradicts_the_date_is_refused_naming_the_right_one(
    text: str, message: str
) -> None:
    with pytest.raises(ValueError, match=re.escape(message)) as caught:
        parse_date(text)
    assert _REFUSAL.fullmatch(str(caught.value)), caught.value


_NAMES = {
    "English": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "short": ("Mon.", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
    "Spanish": ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"),
    "French": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
}
_ENGLISH_MONTHS = [dt.date(2016, month, 1).strftime("%B") for month in range(1, 13)]


@settings(max_examples=300)
@given(
    day=st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9999, 12, 31)),
    language=st.sampled_from(sorted(_NAMES)),
    shift=st.integers(min_value=0, max_value=6),
)
def test_any_date_with_its_weekday_is_read_and_with_another_refused_naming_it(
    day: dt.date, language: str, shift: int
) -> None:
    written = f"{day.day} {_ENGLISH_MONTHS[day.month - 1]} {day.year}"
    weekday = _NAMES[language][(day.weekday() + shift) % 7]
    if shift == 0:
        assert parse_date(f"{weekday}, {written}") == day
        assert parse_date(f"{weekday} {written}") == day
        return
    right = _NAMES["English"][day.weekday()]
    with pytest.raises(ValueError, match=f"is a {right}, not a ") as caught:
        parse_date(f"{weekday}, {written}")
    assert _REFUSAL.fullmatch(str(caught.value)), caught.value


def test_a_worded_date_takes_the_four_digit_years_the_iso_form_takes() -> None:
    assert parse_date("6 December 1000") == parse_date("1000-12-06") == dt.date(1000, 12, 6)
    with pytest.raises(ValueError, match="is not a date I can read"):
        parse_date("6 December 999")  # three digits: a day, so two days and no year


def test_a_worded_date_off_the_calendar_says_so() -> None:
    with pytest.raises(ValueError, match=r"^'30 February 2016' is not a date on the calendar; "):
        parse_date("30 February 2016")


@pytest.mark.parametrize("text", ["24:00", "23:60"])
def test_the_last_minute_of_the_day_is_23_59(text: str) -> None:
    assert parse_time("23:59") == dt.time(23, 59)
    with pytest.raises(ValueError, match=rf"^'{text}' is not a time of day; "):
        parse_time(text)


def test_a_date_of_up_to_200_characters_is_read_and_longer_answers_are_refused() -> None:
    padded = "6" + " " * 186 + "December 2016"
    assert len(padded) == 200
    assert parse_date(padded) == DEC6
    with pytest.raises(ValueError, match=r"^is 201 characters long, too long for a date$"):
        parse_date(padded.replace("6 ", "6  ", 1))
    with pytest.raises(ValueError, match=r"^is 201 characters long, too long for a time$"):
        parse_time("1" * 201)


def test_a_range_of_three_times_is_not_read() -> None:
    with pytest.raises(ValueError, match=r"^'10:00 - 11:00 - 12:00' is not a time I can read; "):
        parse_time_range("10:00 - 11:00 - 12:00")


def test_a_date_object_passes_through() -> None:
    assert parse_date(DEC6) == DEC6
    assert parse_date(dt.datetime(2016, 12, 6, 10, 0, tzinfo=dt.UTC)) == DEC6


def test_a_slash_date_with_one_reading_in_the_meeting_is_accepted() -> None:
    # 7 December is a meeting day, 12 July is not
    assert parse_date("12/07/2016") == dt.date(2016, 12, 7)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("12/05/2016", dt.date(2016, 12, 5)),  # Day 0, the pre-events, is a meeting day
        ("05/12/2016", dt.date(2016, 12, 5)),
        ("12/09/2016", dt.date(2016, 12, 9)),  # the closing day
        ("09/12/2016", dt.date(2016, 12, 9)),
    ],
)
def test_the_first_and_last_meeting_days_settle_a_slash_date(text: str, day: dt.date) -> None:
    assert parse_date(text) == day


@pytest.mark.parametrize(
    ("text", "readings"),
    [
        ("12/04/2016", ("4 December 2016", "12 April 2016")),  # the day before Day 0
        ("12/10/2016", ("10 December 2016", "12 October 2016")),  # the day after the close
    ],
)
def test_a_slash_date_just_outside_the_meeting_is_ambiguous(
    text: str, readings: tuple[str, str]
) -> None:
    with pytest.raises(ValueError, match="could be") as info:
        parse_date(text)
    for reading in readings:
        assert reading in str(info.value)


def test_a_slash_date_with_no_reading_in_the_meeting_is_refused() -> None:
    with pytest.raises(ValueError, match="could be") as info:
        parse_date("07/08/2016")
    for word in ("8 July 2016", "7 August 2016", "2016-12-06"):
        assert word in str(info.value)


def test_a_slash_date_with_one_calendar_reading_is_accepted() -> None:
    assert parse_date("25/12/2016") == dt.date(2016, 12, 25)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31/31/2016", "not a date on the calendar"),
        ("2016-02-30", "not a date on the calendar"),
        ("yesterday", "not a date I can read"),
        ("6 Smarch 2016", "not a date I can read"),
        ("6 December ²016", "not a date I can read"),  # a digit int() cannot read
        ("x" * 500, "too long"),
    ],
)
def test_bad_dates_say_why(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_date(text)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("10:45 - 11:45 am", (10, 45), (11, 45)),
        ("09:00-10:30", (9, 0), (10, 30)),
        ("13.00-13.20", (13, 0), (13, 20)),
        ("09:00 - 13:00 CST", (9, 0), (13, 0)),
        ("1:30 pm - 2:30 pm", (13, 30), (14, 30)),
        ("1:30 - 2:30 pm", (13, 30), (14, 30)),
        ("11:00 - 1:00 pm", (11, 0), (13, 0)),
        ("10:45 AM – 11:45 AM", (10, 45), (11, 45)),
        ("9h30 to 11h", (9, 30), (11, 0)),
        ("12 pm - 1 pm", (12, 0), (13, 0)),
        ("10:00 am - 11:00 pm", (10, 0), (23, 0)),  # the start's own meridiem stays
        ("12:30 - 2:00 am", (0, 30), (2, 0)),  # half past midnight
        ("13:00 - 2:00 pm", (13, 0), (14, 0)),  # a 24-hour start takes no meridiem
    ],
)
def test_time_ranges(text: str, start: tuple[int, int], end: tuple[int, int]) -> None:
    assert parse_time_range(text) == {"start": dt.time(*start), "end": dt.time(*end)}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("10:45", "needs a start and an end"),
        ("25:00 - 26:00", "not a time of day"),
        ("noon - 1pm", "not a time I can read"),
        ("10:00 - noon", "^'10:00 - noon' is not a time I can read"),  # the whole range quoted
        ("13:00 pm - 14:00", "not a time of day"),
    ],
)
def test_bad_time_ranges_say_why(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_time_range(text)


def test_single_times() -> None:
    assert parse_time("13.20") == dt.time(13, 20)
    assert parse_time("1 pm") == dt.time(13, 0)
    assert parse_time("12 am") == dt.time(0, 0)


def test_a_person_splits_at_the_first_comma() -> None:
    assert split_person("Eber Omar Betanzos Torres, Under-Secretary, Ministry") == {
        "name": "Eber Omar Betanzos Torres",
        "affiliation": "Under-Secretary, Ministry",
    }
    assert split_person("  Li Wei  ") == {"name": "Li Wei", "affiliation": None}
    assert split_person({"name": "x"}) == {"name": "x"}


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Digital government development in Mexico", 1),
        ("Access is costly. Skills are scarce.", 2),
        ("Dr. Smith spoke about gob.mx and e.g. payments.", 1),
        ("Is it? Yes! It is.", 3),
        ("We met Dr. Smith. Then we left.", 2),
        ("A talk by X. Zhang of CNNIC.", 1),  # an initial, whatever its letter
        ('Access matters. "Skills matter too."', 2),  # a sentence may open with a quote
        ("Access matters. “Skills matter too.”", 2),
        ("Access matters. (Skills matter too.)", 2),
        ("Access is costly. Xinhua reported it.", 2),
        ("", 0),
        ("接入很贵。技能不足。", 2),
        ("接入很贵。２０１６年很好。", 2),  # a sentence may open with full-width digits
        ("接入很贵。好", 2),  # and be one character, without its full stop
    ],
)
def test_sentences(text: str, count: int) -> None:
    assert count_sentences(text) == count


def test_paragraphs() -> None:
    assert count_paragraphs("one\ntwo lines") == 1
    assert count_paragraphs("one\n\n  \ntwo\n\nthree") == 3


@pytest.mark.parametrize(
    ("text", "name", "affiliation"),
    [
        ("Ana Pérez (ISOC)", "Ana Pérez", "ISOC"),
        ("  Ana Pérez   ( Internet Society )  ", "Ana Pérez", "Internet Society"),
        ("李伟，中国互联网络信息中心", "李伟", "中国互联网络信息中心"),  # a full-width comma
        ("Li Wei，CNNIC, Beijing", "Li Wei", "CNNIC, Beijing"),  # the first comma of either kind
        ("Ana Pérez (ISOC), Mexico", "Ana Pérez (ISOC)", "Mexico"),  # a comma wins
        ("Ana (Annie) Pérez", "Ana (Annie) Pérez", None),  # brackets inside, not at the end
        ("(ISOC)", "(ISOC)", None),  # no name before the brackets
    ],
)
def test_a_person_splits_at_brackets_or_a_full_width_comma(
    text: str, name: str, affiliation: str | None
) -> None:
    assert split_person(text) == {"name": name, "affiliation": affiliation}


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Dec 6", DEC6),  # no year: the meeting's
        ("6 December", DEC6),
        ("Tuesday 6 Dec", DEC6),
        ("06/12/16", DEC6),  # a two-digit year, day first: 12 June 2016 is no meeting day
        ("12/06/16", DEC6),
        ("6.12.16", DEC6),
        ("6/12", DEC6),
    ],
)
def test_dates_without_a_year_or_with_two_digits_are_read(text: str, day: dt.date) -> None:
    assert parse_date(text) == day


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Monday 6 Dec", "6 December 2016 is a Tuesday, not a Monday"),
        ("1/2/16", "could be 2 January 2016 or 1 February 2016; write it as 2016-12-06"),
        ("3/4", "could be 4 March 2016 or 3 April 2016"),
        ("6 Dec 16 17", "not a date I can read"),
    ],
)
def test_dates_without_a_year_that_are_ambiguous_or_wrong_are_refused(
    text: str, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        parse_date(text)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("1500-1630", (15, 0), (16, 30)),
        ("0900 - 1030", (9, 0), (10, 30)),
        ("930-1030", (9, 30), (10, 30)),
        ("1500h - 1630h", (15, 0), (16, 30)),
        ("130 - 230 pm", (13, 30), (14, 30)),
    ],
)
def test_times_without_a_separator_are_read(
    text: str, start: tuple[int, int], end: tuple[int, int]
) -> None:
    assert parse_time_range(text) == {"start": dt.time(*start), "end": dt.time(*end)}


def test_a_four_digit_time_off_the_clock_is_refused() -> None:
    with pytest.raises(ValueError, match="'2500' is not a time of day"):
        parse_time_range("2500-2600")
    with pytest.raises(ValueError, match="is not a time I can read"):
        parse_time_range("15000-16000")


@given(st.text(max_size=300))
def test_parsers_never_raise_anything_but_value_error(text: str) -> None:
    for parse in (parse_date, parse_time, parse_time_range):
        try:
            parse(text)
        except ValueError as exc:
            assert_says_why(str(exc), text)
    assert isinstance(split_person(text), dict)
    assert count_sentences(text) >= 0
    assert count_paragraphs(text) >= 0
    tally("fuzz: date, time and person parsers, arbitrary text")


@settings(max_examples=examples(500))
@given(
    st.text(alphabet=st.sampled_from("ab c\n-.,"), max_size=300),
    st.integers(min_value=1, max_value=60),
    st.sampled_from(["", "- ", "1. ", "Label     "]),
)
def test_the_ascii_wrap_is_the_general_wrap(text: str, width: int, indent: str) -> None:
    hang = " " * len(indent)
    assert _wrap_ascii(text, width, indent, hang) == _wrap_any(text, width, indent, hang)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("09:00:00 - 10:30:00", dt.time(9, 0), dt.time(10, 30)),
        ("9:00:30 - 10:00:00.5", dt.time(9, 0, 30), dt.time(10, 0, 0, 500000)),
        ("1:30:15 pm - 2:30 pm", dt.time(13, 30, 15), dt.time(14, 30)),
    ],
)
def test_a_time_range_with_seconds(text: str, start: dt.time, end: dt.time) -> None:
    # every format shows a time's seconds (09:00:30 - 10:00:00); typed back
    # into the report file, that was "not a time I can read"
    assert parse_time_range(text) == {"start": start, "end": end}


def test_seconds_past_59_are_not_a_time_of_day() -> None:
    with pytest.raises(ValueError, match="'09:00:61' is not a time of day"):
        parse_time_range("09:00:61 - 10:00")


@given(st.times(), st.times())
def test_any_time_range_as_shown_reads_back(start: dt.time, end: dt.time) -> None:
    shown = f"{start.isoformat()} - {end.isoformat()}"
    assert parse_time_range(shown) == {"start": start, "end": end}


def test_the_last_second_of_a_minute_is_a_time_and_the_sixtieth_is_not() -> None:
    assert parse_time_range("23:59:59 - 23:59:59") == {
        "start": dt.time(23, 59, 59),
        "end": dt.time(23, 59, 59),
    }
    with pytest.raises(ValueError, match="'09:00:60' is not a time of day"):
        parse_time_range("09:00:60 - 10:00")


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        # one meridiem for both: the start takes it only if it then comes first
        ("10 - 10 pm", dt.time(10), dt.time(22)),
        ("12 - 12 pm", dt.time(0), dt.time(12)),
        ("11 - 1 pm", dt.time(11), dt.time(13)),
    ],
)
def test_a_start_without_am_or_pm_takes_the_ends_only_if_it_stays_before_it(
    text: str, start: dt.time, end: dt.time
) -> None:
    assert parse_time_range(text) == {"start": start, "end": end}
