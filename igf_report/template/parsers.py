"""Parsers that turn what a rapporteur types (or a file holds) into values.

Every parser takes text and either returns a normalised value or raises
``ValueError`` with a message written for the rapporteur. The model uses them
as ``BeforeValidator``s, so a typed answer, a value from a file and a value from
``--set`` all go through the same code.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Final

__all__ = [
    "MEETING_DAYS",
    "count_paragraphs",
    "count_sentences",
    "parse_date",
    "parse_time",
    "parse_time_range",
    "split_paragraphs",
    "split_person",
]

#: Day 0 (pre-events) to the closing day of IGF 2016 in Guadalajara.
MEETING_DAYS: Final = (dt.date(2016, 12, 5), dt.date(2016, 12, 9))

# Short answers never need more; refusing longer ones up front keeps every
# parse linear and quick whatever was pasted.
_MAX_SHORT = 200

_MONTHS: Final = {
    # English
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11,
    "december": 12,
    # Spanish (the 2016 host country) and French, the other IGF working languages
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6,
    "julio": 7, "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10,
    "noviembre": 11, "diciembre": 12,
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5,
    "juin": 6, "juillet": 7, "août": 8, "aout": 8, "septembre": 9,
    "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
}  # fmt: skip

_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
# a year of two digits is this century's; none at all is the meeting's
_NUMERIC_DATE = re.compile(r"(\d{1,2})[/.](\d{1,2})(?:[/.](\d{4}|\d{2}))?")
_WORDS = re.compile(r"[^\W\d_]+\.?|\d+")
# each weekday's names (English, Spanish, French), by ``date.weekday()``
_WEEKDAY_NAMES: Final = (
    ("monday", "mon", "lunes", "lundi"),
    ("tuesday", "tue", "tues", "martes", "mardi"),
    ("wednesday", "wed", "miércoles", "miercoles", "mercredi"),
    ("thursday", "thu", "thur", "thurs", "jueves", "jeudi"),
    ("friday", "fri", "viernes", "vendredi"),
    ("saturday", "sat", "sábado", "sabado", "samedi"),
    ("sunday", "sun", "domingo", "dimanche"),
)
_WEEKDAYS: Final = {name: n for n, names in enumerate(_WEEKDAY_NAMES) for name in names}
_FILLER: Final = frozenset({"de", "del", "of", "the", "le", "th", "st", "nd", "rd"})

# "dec", "dic", "déc": shorter prefixes would match several months.
_MIN_PREFIX = 3

_DATE_HINT = "write it as 2016-12-06 or 6 December 2016"


def _check_length(text: str, what: str) -> str:
    text = text.strip()
    if len(text) > _MAX_SHORT:
        msg = f"is {len(text)} characters long, too long for {what}"
        raise ValueError(msg)
    return text


def _in_meeting(day: dt.date) -> bool:
    return MEETING_DAYS[0] <= day <= MEETING_DAYS[1]


def _make_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month(word: str) -> int | None:
    word = word.rstrip(".").casefold()
    if word in _MONTHS:
        return _MONTHS[word]
    if len(word) >= _MIN_PREFIX:
        found = {n for name, n in _MONTHS.items() if name.startswith(word)}
        if len(found) == 1:
            return found.pop()
    return None


def _full_year(digits: str | None) -> int:
    if digits is None:
        return MEETING_DAYS[0].year
    year = int(digits)
    return year + 2000 if len(digits) == 2 else year  # noqa: PLR2004 -- '16' is 2016


def _numeric_date(first: int, second: int, year: int, text: str) -> dt.date:
    """Read ``a/b/yyyy``: day-first or month-first, refusing a real ambiguity."""
    month_first = _make_date(year, first, second)
    day_first = _make_date(year, second, first)
    readings = {d for d in (month_first, day_first) if d is not None}
    if not readings:
        msg = f"'{text}' is not a date on the calendar; {_DATE_HINT}"
        raise ValueError(msg)
    if len(readings) == 1:
        (only,) = readings
        return only
    inside = [d for d in readings if _in_meeting(d)]
    if len(inside) == 1:
        return inside[0]
    assert month_first is not None  # noqa: S101 -- both readings exist here
    assert day_first is not None  # noqa: S101
    msg = f"'{text}' could be {month_first:%-d %B %Y} or {day_first:%-d %B %Y}; {_DATE_HINT}"
    raise ValueError(msg)


def parse_date(value: object) -> object:
    """Read a date written as ISO, in words (English, Spanish, French) or with slashes.

    Args:
        value: a ``datetime.date`` (returned as is) or the text to read.

    Returns:
        The date, or ``value`` untouched when it is neither text nor a date, so
        that the model's type check names the problem.

    Raises:
        ValueError: the text is not a date, or it is ambiguous.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if not isinstance(value, str):
        return value
    text = _check_length(value, "a date")
    if not text:
        return value
    if m := _ISO_DATE.fullmatch(text):
        day = _make_date(int(m[1]), int(m[2]), int(m[3]))
        if day is None:
            msg = f"'{text}' is not a date on the calendar; {_DATE_HINT}"
            raise ValueError(msg)
        return day
    if m := _NUMERIC_DATE.fullmatch(text):
        return _numeric_date(int(m[1]), int(m[2]), _full_year(m[3]), text)
    return _worded_date(text)


def _worded_date(text: str) -> dt.date:
    numbers: list[int] = []
    months: list[int] = []
    weekdays: set[int] = set()
    for token in _WORDS.findall(text):
        word = token.rstrip(".").casefold()
        # isdigit() is also true of '²', which int() refuses: a word, not a number
        if token.isdecimal():
            numbers.append(int(token))
        elif (month := _month(token)) is not None and token.casefold() not in _FILLER:
            months.append(month)
        elif word in _WEEKDAYS:
            weekdays.add(_WEEKDAYS[word])
        elif word not in _FILLER:
            months.append(-1)  # a word we cannot place: not a date
    years = [n for n in numbers if n >= 1000]  # noqa: PLR2004 -- four-digit years
    days = [n for n in numbers if n < 1000]  # noqa: PLR2004
    if len(months) == 1 and months[0] > 0 and len(years) <= 1 and len(days) == 1:
        # no year written: the meeting's, said back by the wizard as it was read
        day = _make_date(years[0] if years else MEETING_DAYS[0].year, months[0], days[0])
        if day is not None:
            _check_weekday(day, weekdays, text)
            return day
        msg = f"'{text}' is not a date on the calendar; {_DATE_HINT}"
        raise ValueError(msg)
    msg = f"'{text}' is not a date I can read; {_DATE_HINT}"
    raise ValueError(msg)


def _check_weekday(day: dt.date, weekdays: set[int], text: str) -> None:
    """Refuse a weekday written with a date that falls on another day."""
    if not weekdays or weekdays == {day.weekday()}:
        return
    right = f"{day:%-d %B %Y} is a {_WEEKDAY_NAMES[day.weekday()][0].capitalize()}"
    if len(weekdays) > 1:
        msg = f"'{text}' names two weekdays: {right}; {_DATE_HINT}"
    else:
        (wrong,) = weekdays
        named = _WEEKDAY_NAMES[wrong][0].capitalize()
        msg = f"'{text}' names the wrong weekday: {right}, not a {named}; {_DATE_HINT}"
    raise ValueError(msg)


_CLOCK = re.compile(
    r"(\d{1,2})(?:[:.h](\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?|h)?\s*(a\.?\s?m\.?|p\.?\s?m\.?)?",
    re.IGNORECASE,
)
_RANGE_SEPARATOR = re.compile(r"\s*(?:-|–|—|\bto\b)\s*", re.IGNORECASE)
_ZONE = re.compile(r"\s\(?(?!(?:AM|PM)\b)(?:[A-Z]{2,5}|UTC[+-]\d{1,2}(?::\d{2})?)\)?$")
_TIME_HINT = "write it as 10:45 - 11:45, 09:00-10:30 or 1:30 pm - 2:30 pm"


@dataclass(frozen=True)
class _Clock:
    hour: int
    minute: int
    meridiem: str | None
    # seconds, as every format writes a time that has them (09:00:30)
    second: int = 0
    microsecond: int = 0

    def time(self, meridiem: str | None) -> dt.time:
        return dt.time(_to_24h(self.hour, meridiem), self.minute, self.second, self.microsecond)


# 1500, 0930h or 930: hours and minutes written without a separator
_BARE_CLOCK = re.compile(r"(\d{1,2})(\d{2})(h?\s*\D.*|h)?", re.IGNORECASE)


def _clock(typed: str, whole: str) -> _Clock:
    text = typed.strip()
    if bare := _BARE_CLOCK.fullmatch(text):
        text = f"{bare[1]}:{bare[2]}{(bare[3] or '').removeprefix('h').removeprefix('H')}"
    m = _CLOCK.fullmatch(text)
    if m is None:
        msg = f"'{whole}' is not a time I can read; {_TIME_HINT}"
        raise ValueError(msg)
    hour, minute, second = int(m[1]), int(m[2] or 0), int(m[3] or 0)
    meridiem = None
    if m[5]:
        meridiem = "pm" if m[5].lower().startswith("p") else "am"
    if hour > 23 or minute > 59 or second > 59 or (meridiem and not 1 <= hour <= 12):  # noqa: PLR2004
        msg = f"'{typed.strip()}' is not a time of day; {_TIME_HINT}"
        raise ValueError(msg)
    return _Clock(hour, minute, meridiem, second, int((m[4] or "0").ljust(6, "0")))


def _to_24h(hour: int, meridiem: str | None) -> int:
    if meridiem == "am":
        return 0 if hour == 12 else hour  # noqa: PLR2004
    if meridiem == "pm":
        return hour if hour == 12 else hour + 12  # noqa: PLR2004
    return hour


def parse_time(value: object) -> object:
    """Read one time of day such as ``10:45``, ``13.00``, ``9h30`` or ``1:30 pm``.

    Args:
        value: a ``datetime.time`` (returned as is) or the text to read.

    Returns:
        The time, or ``value`` untouched when it is not text.

    Raises:
        ValueError: the text is not a time of day.
    """
    if not isinstance(value, str):
        return value
    text = _check_length(value, "a time")
    if not text:
        return value
    clock = _clock(text, text)
    return clock.time(clock.meridiem)


def parse_time_range(value: object) -> object:
    """Read a start and end such as ``10:45 - 11:45 am`` or ``13.00-13.20``.

    A meridiem written only after the end applies to the start as well, unless
    that would put the start after the end (``11:00 - 1:00 pm``). A time zone
    written after the range (``09:00 - 13:00 CST``) is accepted and dropped: the
    template asks for the local time of the venue.

    Args:
        value: a mapping with ``start`` and ``end``, or the text to read.

    Returns:
        ``{"start": time, "end": time}`` for text, ``value`` untouched otherwise.

    Raises:
        ValueError: the text is not a time range.
    """
    if not isinstance(value, str):
        return value
    whole = _check_length(value, "a time range")
    if not whole:
        return value
    text = _ZONE.sub("", whole)
    parts = _RANGE_SEPARATOR.split(text, maxsplit=1)
    if len(parts) != 2 or not parts[1]:  # noqa: PLR2004
        msg = f"'{whole}' needs a start and an end; {_TIME_HINT}"
        raise ValueError(msg)
    first, last = _clock(parts[0], whole), _clock(parts[1], whole)
    end = last.time(last.meridiem)
    start_mer = first.meridiem
    if start_mer is None and last.meridiem is not None and 1 <= first.hour <= 12:  # noqa: PLR2004
        start_mer = last.meridiem if first.time(last.meridiem) < end else "am"
    return {"start": first.time(start_mer), "end": end}


# a comma, or the full-width comma of Chinese and Japanese text
_PERSON_COMMA = re.compile("[,\uff0c]")


def _bracketed(text: str) -> list[str]:
    """``["Ana Pérez", "ISOC"]`` from ``"Ana Pérez (ISOC)"``; ``[text]`` otherwise."""
    text = text.strip()
    if not text.endswith(")"):
        return [text]
    name, bracket, affiliation = text[:-1].rpartition("(")
    if not bracket or not name.strip() or ")" in affiliation:
        return [text]
    return [name, affiliation]


def split_person(value: object) -> object:
    """Split ``"Name, affiliation"`` or ``"Name (affiliation)"`` into a person mapping.

    The first comma splits (a full-width ``，`` too); without one, an
    affiliation in brackets at the end.

    Args:
        value: the text, or a mapping (returned as is).

    Returns:
        ``{"name": ..., "affiliation": ...}`` for text, ``value`` otherwise.
    """
    if not isinstance(value, str):
        return value
    parts = _PERSON_COMMA.split(value, maxsplit=1)
    if len(parts) == 1:
        parts = _bracketed(value)
    name, affiliation = parts[0], parts[1] if len(parts) > 1 else ""
    return {"name": name.strip(), "affiliation": affiliation.strip() or None}


# A sentence ends at . ! ? (or their CJK forms) followed by space and a capital
# letter, or at a CJK full stop; common abbreviations do not end one.
# each is followed by a character, and preceded by its mark
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'“‘(]?[^\W\d_])|(?<=[。！？])(?=.)")
_ABBREVIATIONS: Final = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "no",
        "vs",
        "etc",
        "e.g",
        "i.e",
        "eg",
        "ie",
        "approx",
        "dept",
        "govt",
        "inc",
        "ltd",
        "co",
        "jr",
        "sr",
    }
)


def count_sentences(text: str) -> int:
    """Count the sentences in ``text`` (a heuristic for the template's guidance)."""
    text = text.strip()
    if not text:
        return 0
    count = 1
    for m in _SENTENCE_END.finditer(text):
        rest = text[m.end() :]
        word = text[: m.start()].rsplit(None, 1)[-1].rstrip(".!?").casefold()
        # the next sentence may open with a quote or a bracket before its capital
        if rest.lstrip("\"'“‘(")[:1].isupper() or unicodedata.east_asian_width(rest[0]) in {
            "W",
            "F",
        }:
            if word in _ABBREVIATIONS or len(word) == 1:
                continue
            count += 1
    return count


_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")


def split_paragraphs(text: str) -> list[str]:
    """Split ``text`` at blank lines into stripped, non-empty paragraphs."""
    return [part.strip() for part in _BLANK_LINE.split(text) if part.strip()]


def count_paragraphs(text: str) -> int:
    """Count blank-line-separated paragraphs in ``text``."""
    return len(split_paragraphs(text))
