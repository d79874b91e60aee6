"""Answers given without prompts: ``--from FILE``, ``--set key=value`` and their merge."""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

import pytest

from igf_report.errors import FileReadError, UsageError
from igf_report.filling.answers import (
    Added,
    added_as_lists,
    load_answers,
    merge,
    parse_additions,
    parse_assignments,
)

_HINT = "set your terminal or script to UTF-8 (LANG=C.UTF-8)"


def _usage_error(assignment: str) -> str:
    with pytest.raises(UsageError) as info:
        parse_assignments([assignment])
    return str(info.value)


def test_a_value_may_hold_an_equals_sign() -> None:
    assert parse_assignments(["title=a=b"]) == {"title": "a=b"}


def test_parts_of_a_person_given_one_by_one_make_one_table() -> None:
    answers = parse_assignments(["chair.name=Ana Lima", "chair.affiliation=ISOC", "title=T"])
    assert answers == {"chair": {"name": "Ana Lima", "affiliation": "ISOC"}, "title": "T"}


def test_a_part_after_a_whole_value_starts_a_table() -> None:
    assert parse_assignments(["time=10:00-11:00", "time.end=12:00"]) == {"time": {"end": "12:00"}}


def test_an_unknown_key_lists_every_key_of_the_template() -> None:
    assert _usage_error("nope=1") == (
        "--set nope: not a key of the template; keys: title, date, time, organizer, chair,"
        " rapporteur, speakers, key_issues, presentations, discussions, way_forward"
    )


@pytest.mark.parametrize(
    ("assignment", "message"),
    [
        ("titel=x", "--set titel: not a key of the template; did you mean title?"),
        ("speaker=x", "--set speaker: not a key of the template; did you mean speakers?"),
        ("Way_Forward=x", "--set Way_Forward: not a key of the template; did you mean way_"),
        ("chair.nmae=x", "--set chair.nmae: chair has no part 'nmae'; did you mean chair.name?"),
    ],
)
def test_an_unknown_key_or_part_offers_the_closest(assignment: str, message: str) -> None:
    assert _usage_error(assignment).startswith(message)


def test_a_part_of_a_field_that_has_none_says_so() -> None:
    assert _usage_error("title.x=1") == "--set title.x: title has no part 'x' (parts: none)"
    assert _usage_error("time.middle=1") == (
        "--set time.middle: time has no part 'middle' (parts: time.start, time.end)"
    )


@pytest.mark.parametrize(
    ("assignment", "message"),
    [
        ("title=\udc80", "--set title: is not UTF-8 text: byte 0x80; " + _HINT),
        ("title=\udcff", "--set title: is not UTF-8 text: byte 0xff; " + _HINT),
        ("title=\udd00", "--set title: is not UTF-8 text: \\udd00; " + _HINT),
        ("title=\ud800", "--set title: is not UTF-8 text: \\ud800; " + _HINT),
        ("title=a=\udc80", "--set title: is not UTF-8 text: byte 0x80; " + _HINT),
        ("ti\udce9tle=x", "--set ti\\xe9tle: is not UTF-8 text: byte 0xe9; " + _HINT),
        # the key is stripped: the bad byte ends it, past its stripped length
        (" title\udc80=x", "--set title\\x80: is not UTF-8 text: byte 0x80; " + _HINT),
    ],
)
def test_an_argument_that_is_not_utf8_is_named_printably(assignment: str, message: str) -> None:
    assert _usage_error(assignment) == message


def test_a_whole_person_below_is_updated_by_a_part_above() -> None:
    merged = merge({"chair": "Ana Lima, ISOC"}, {"chair": {"name": "Bo Chen"}})
    assert merged == {"chair": {"name": "Bo Chen", "affiliation": "ISOC"}}


def test_a_whole_time_below_is_updated_by_a_part_above() -> None:
    merged = merge({"time": "10:00-11:30"}, {"time": {"end": "12:00"}})
    assert merged == {"time": {"start": dt.time(10, 0), "end": "12:00"}}


def test_a_time_below_that_does_not_parse_is_replaced() -> None:
    assert merge({"time": "soon"}, {"time": {"end": "12:00"}}) == {"time": {"end": "12:00"}}


def test_a_whole_value_above_replaces_a_table_below() -> None:
    merged = merge({"chair": {"name": "Ana"}}, {"chair": "Bo Chen"}, {"title": "T"})
    assert merged == {"chair": "Bo Chen", "title": "T"}


def test_an_answers_file_is_read_by_its_suffix_and_named_in_errors(tmp_path: Path) -> None:
    good = tmp_path / "a.json"
    good.write_text('{"title": "T"}', encoding="utf-8")
    assert load_answers(str(good)) == {"title": "T"}
    bad = tmp_path / "b.toml"
    bad.write_text("title = \n", encoding="utf-8")
    with pytest.raises(FileReadError) as info:
        load_answers(str(bad))
    assert info.value.file == str(bad)


def test_answers_from_stdin_are_named_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"title = \n")))
    with pytest.raises(FileReadError) as info:
        load_answers("-")
    assert info.value.file == "<stdin>"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b'{"title": "T"}')))
    assert load_answers("-") == {"title": "T"}


def test_items_added_go_after_the_list_of_the_report_they_are_merged_into() -> None:
    given = merge({}, parse_additions(["key_issues=b", "key_issues=c"]))
    # nothing below them yet: they wait for the report, read when it is written
    assert given == {"key_issues": Added(("b", "c"))}
    assert merge({"key_issues": ["a"]}, given) == {"key_issues": ["a", "b", "c"]}
    assert added_as_lists(merge({}, given)) == {"key_issues": ["b", "c"]}
    # over a list --set gave, they go after it
    assert merge({"key_issues": ["x"]}, given) == {"key_issues": ["x", "b", "c"]}
    # a lone value where a list goes (a hand-written report) is kept, first
    assert merge({"key_issues": "a"}, given) == {"key_issues": ["a", "b", "c"]}


def test_an_added_item_may_hold_an_equals_sign() -> None:
    assert parse_additions(["key_issues=a=b"]) == {"key_issues": Added(("a=b",))}


def test_an_added_item_that_is_not_utf8_names_add() -> None:
    with pytest.raises(UsageError) as info:
        parse_additions(["key_issues=Caf\udce9"])
    assert str(info.value) == f"--add key_issues: is not UTF-8 text: byte 0xe9; {_HINT}"
