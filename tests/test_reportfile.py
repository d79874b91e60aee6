from __future__ import annotations

import datetime as dt
import string
import tomllib
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from igf_report.errors import FileReadError
from igf_report.model import Report
from igf_report.reportfile import decode, dump_toml, key_lines, parse_document
from igf_report.validation import check, check_fields

from .conftest import EXAMPLES, examples
from .reliability import tally


def test_the_file_is_written_in_template_order(data: dict[str, Any]) -> None:
    text = dump_toml(data)
    keys = [line.split(" =")[0] for line in text.splitlines() if " = " in line[:20]]
    assert keys[:6] == ["template", "title", "date", "time", "organizer", "chair"]
    assert text.index("rapporteur") < text.index("speakers") < text.index("way_forward")
    assert tomllib.loads(text) == data


def test_missing_fields_are_left_out_and_unknown_keys_kept() -> None:
    text = dump_toml({"title": "T", "surprise": {"a": [1, 2]}})
    assert tomllib.loads(text) == {
        "template": "igf-2016-workshop",
        "title": "T",
        "surprise": {"a": [1, 2]},
    }


def test_malformed_toml_names_line_and_column() -> None:
    with pytest.raises(FileReadError) as info:
        parse_document('title = "x"\ndate = = 3\n', "r.toml")
    assert str(info.value).startswith("r.toml:2:8: not valid TOML:")
    assert (info.value.line, info.value.column) == (2, 8)


def test_json_is_recognised_by_suffix_or_content() -> None:
    assert parse_document('{"title": "x"}', "answers") == {"title": "x"}
    assert parse_document('{"title": "x"}', "a.json") == {"title": "x"}
    with pytest.raises(FileReadError, match="one JSON object"):
        parse_document("[1]", "a.json")
    with pytest.raises(FileReadError, match=r"a\.json:1:2: not valid JSON"):
        parse_document("{", "a.json")


def test_decoding() -> None:
    assert decode("\ufefftitle = 'é'\r\n".encode(), "f") == "title = 'é'\n"
    with pytest.raises(FileReadError, match="byte 3 is 0xff"):
        decode(b"abc\xff", "f")


def test_key_lines() -> None:
    text = 'template = "x"\n# c\ntitle = "t"\nspeakers = [\n    { name = "a" },\n]\n'
    assert key_lines(text) == {"template": 1, "title": 3, "speakers": 4}


def test_examples_round_trip() -> None:
    for path in EXAMPLES.glob("*.toml"):
        text = path.read_text(encoding="utf-8")
        checked = check(tomllib.loads(text))
        assert checked.report is not None, path
        assert dump_toml(checked.report.model_dump()) == text, path


_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=40
).filter(lambda s: s.strip() == s and s.strip())
_line = _text.filter(lambda s: "\n" not in s and "\r" not in s)
_person = st.one_of(
    st.builds(lambda name: {"name": name}, _line),
    st.builds(lambda name, aff: {"name": name, "affiliation": aff}, _line, _line),
)
_times = st.tuples(st.times(), st.times()).filter(lambda t: t[0] < t[1])
_reports = st.builds(
    lambda title, date, times, org, chair, rap, speakers, issues, pres, disc, way: {
        "title": title,
        "date": date,
        "time": {"start": times[0], "end": times[1]},
        "organizer": org,
        "chair": chair,
        "rapporteur": rap,
        "speakers": speakers,
        "key_issues": issues,
        "presentations": pres,
        "discussions": disc,
        "way_forward": way,
    },
    _line,
    st.dates(dt.date(1990, 1, 1), dt.date(2100, 1, 1)),
    _times,
    _line,
    _person,
    st.one_of(st.none(), _person),
    st.lists(_person, min_size=1, max_size=3),
    st.lists(_text, min_size=1, max_size=3),
    st.lists(
        st.builds(dict, title=_line, summary=_text) | st.builds(dict, summary=_text),
        max_size=2,
    ),
    st.lists(_text, min_size=1, max_size=3),
    st.lists(_text, min_size=1, max_size=3),
)


@settings(max_examples=examples(150), deadline=None)
@given(_reports)
def test_any_valid_report_survives_toml(data: dict[str, Any]) -> None:
    data = {k: v for k, v in data.items() if v is not None}
    first = check(data).report
    assume(first is not None)  # e.g. paragraphs split at blank lines: not a round trip
    assert first is not None
    again = check(tomllib.loads(dump_toml(first.model_dump()))).report
    assert again == first
    tally("round trip: TOML file, generated reports")


@given(st.text(alphabet=string.printable, max_size=200))
def test_any_text_either_parses_or_names_its_line(text: str) -> None:
    tally("fuzz: TOML loader, arbitrary text")
    message = "f.toml: parsed"
    try:
        parse_document(text, "f.toml", "toml")
    except FileReadError as exc:
        message = str(exc)
    assert message.startswith("f.toml:")


def test_report_model_has_labels_in_its_schema() -> None:
    schema = Report.model_json_schema()
    assert schema["properties"]["rapporteur"]["title"] == "Rapporteur/Notetaker"
    assert "x-template-label" in schema["properties"]["key_issues"]


_junk = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20) | st.dates() | st.times(),
    lambda children: st.lists(children, max_size=3)
    | st.dictionaries(st.sampled_from(["name", "affiliation", "start", "end", "title",
                                       "summary", "x"]), children, max_size=3),
    max_leaves=8,
)  # fmt: skip


@settings(max_examples=examples(300), deadline=None)
@given(
    _reports,
    st.dictionaries(
        st.sampled_from(["title", "date", "time", "chair", "rapporteur", "speakers",
                         "key_issues", "presentations", "discussions", "template", "titel"]),
        _junk,
        max_size=3,
    ),
)  # fmt: skip
def test_the_fast_whole_model_check_agrees_with_the_field_by_field_one(
    data: dict[str, Any], damage: dict[str, Any]
) -> None:
    tally("fuzz: checker, reports with junk at some keys")
    data = {k: v for k, v in {**data, **damage}.items() if v is not None}
    fast, slow = check(data), check_fields(data)
    assert fast.values == slow.values
    assert fast.findings == slow.findings
    assert fast.report == slow.report
