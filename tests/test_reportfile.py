from __future__ import annotations

import datetime as dt
import io
import os
import string
import sys
import tomllib
from pathlib import Path
from typing import Any, BinaryIO, cast

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from igf_report.errors import FileReadError, UsageError
from igf_report.files.reportfile import (
    MAX_FILE_BYTES,
    _read_limited,
    decode,
    dump_toml,
    key_lines,
    parse_document,
    read_text,
)
from igf_report.files.tomlcomments import find_comments
from igf_report.template import validation
from igf_report.template.model import Report
from igf_report.template.validation import check, check_fields

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


def test_a_valid_report_is_checked_in_one_pass_of_the_whole_model(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the field-by-field path is for a report with errors; a valid one skips it
    # (validating hundreds of reports: the test above holds the two paths equal)
    data = tomllib.loads((EXAMPLES / "national-digital-strategy.toml").read_text("utf-8"))

    def field_by_field(_: object) -> None:
        msg = "a valid report took the field-by-field path"
        raise AssertionError(msg)

    monkeypatch.setattr(validation, "check_fields", field_by_field)
    assert check(data).report is not None


# --- what a file holds that no report can, named where it is -----------------------------

_MAX_DIGITS = 4300  # Python's default limit on the digits of an int read from text


def _read_error(text: str, name: str = "r.toml") -> FileReadError:
    with pytest.raises(FileReadError) as info:
        parse_document(text, name)
    return info.value


def test_a_toml_number_too_long_is_placed_at_its_line_and_column() -> None:
    error = _read_error('title = "x"\nn = [12, 1_' + "9" * _MAX_DIGITS + "]\n")
    assert (error.file, error.line, error.column) == ("r.toml", 2, 10)
    assert error.reason == "holds a number too large (4,301 digits); put it in quotes if it is text"


def test_a_json_number_too_long_is_told_from_a_long_one_before_it() -> None:
    text = '\n{"a": ' + "9" * _MAX_DIGITS + ',\n "b": -' + "8" * (_MAX_DIGITS + 1) + "}"
    error = _read_error(text, "answers.json")
    assert (error.file, error.line, error.column) == ("answers.json", 3, 8)
    assert "(4,301 digits)" in error.reason
    # as long as Python reads, and no longer, is still a number
    assert parse_document('{"a": ' + "9" * _MAX_DIGITS + "}", "a.json") == {
        "a": int("9" * _MAX_DIGITS)
    }


def test_a_number_too_large_is_refused_even_where_python_reads_any_length() -> None:
    # PYTHONINTMAXSTRDIGITS=0 lifts Python's limit; the file is still no report
    old = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)
    try:
        largest = "9" * _MAX_DIGITS
        assert parse_document(f"n = -{largest}\n", "r.toml") == {"n": -int(largest)}
        for sign in ("", "-"):
            error = _read_error(f"n = {sign}1{'0' * _MAX_DIGITS}\n")
            assert str(error) == (
                "r.toml: n (not a template field): holds a number too large (about 4,300 digits); "
                "put it in quotes if it is text"
            )
    finally:
        sys.set_int_max_str_digits(old)


def test_a_lone_surrogate_in_json_is_named_with_its_path() -> None:
    error = _read_error('{"speakers": [{"name": "\\ud800"}]}', "a.json")
    assert str(error) == (
        "a.json: speakers (List of Speakers and their institutional affiliations, item 1, "
        "name): holds \\ud800, half of a UTF-16 surrogate pair, which is "
        "not a character on its own; write the character itself, or both halves of its pair"
    )


def test_json_that_is_not_one_object_or_nests_without_end_is_refused() -> None:
    assert str(_read_error("[1]", "a.json")) == (
        "a.json: should hold one JSON object of report keys"
    )
    assert str(_read_error("[" * 100_000, "a.json")) == "a.json: not valid JSON: nested too deeply"


def test_a_file_too_large_is_named() -> None:
    with pytest.raises(FileReadError) as info:
        decode(b" " * (5 * 1024 * 1024 + 1), "big.toml")
    assert str(info.value) == (
        "big.toml: is larger than 5 MiB, the most igf-report reads; a report is a few kilobytes"
    )


def test_key_lines_count_blank_lines_at_the_top() -> None:
    assert key_lines("\n\ntitle = 1\n\n[chair]\n") == {"title": 3, "chair": 5}


# --- comments written and kept ------------------------------------------------------------


def test_the_blank_form_says_which_fields_are_required_and_shows_examples() -> None:
    text = dump_toml({}, comments=True, blanks=True)
    assert text.count("\n# Required.\n") == 9
    assert text.count("\n# Expected: validate warns when it is empty.\n") == 1
    assert text.count("\n# Optional.\n") == 1
    assert '\n# Example: title = "National Digital Strategy Impact"\ntitle = ""\n' in text
    assert (
        '\n# Example: speakers = ["Gabriela Silva Rocha, Executive Director, Laboratoria"]\n'
        in text
    )


def test_a_note_under_the_unknown_keys_header_is_kept_without_the_header_doubling() -> None:
    text = (
        'title = "T"\n\n# Keys this template does not know, kept as they were:\n'
        '\n# my note\n\n# two\nzz = "1"\n'
    )
    rewritten = dump_toml({"title": "T", "zz": "1"}, keep=find_comments(text))
    assert rewritten == (
        'template = "igf-2016-workshop"\ntitle = "T"\n\n'
        '# Keys this template does not know, kept as they were:\n# my note\n\n# two\nzz = "1"\n'
    )


def test_the_format_is_known_by_the_suffix_in_any_case_else_by_the_content() -> None:
    assert parse_document('{"a": 1}', "A.JSON") == {"a": 1}
    assert str(_read_error('{"a": 1}', "a.toml")) == "a.toml:1:1: not valid TOML: Invalid statement"
    assert parse_document('  \n {"a": 1}', "<stdin>") == {"a": 1}
    assert parse_document("a = 1\n", "<stdin>") == {"a": 1}


def test_toml_broken_at_its_end_or_nested_without_end_is_refused() -> None:
    assert str(_read_error('a = "')) == (
        "r.toml: not valid TOML: Unterminated string (at end of document)"
    )
    assert str(_read_error("x = " + "[" * 100_000)) == "r.toml: not valid TOML: nested too deeply"


def test_nesting_is_refused_from_32_levels() -> None:
    def nested(levels: int) -> str:
        return '{"a": ' + "[" * levels + "]" * levels + "}"

    assert parse_document(nested(31), "a.json")["a"]
    assert str(_read_error(nested(32), "a.json")) == (
        "a.json: a (not a template field): nested more than 32 levels deep; a report nests 3"
    )


def test_a_hostile_value_after_a_list_is_still_found() -> None:
    error = _read_error('{"speakers": [], "title": "\\udfff"}', "a.json")
    assert str(error).startswith("a.json: title (Session Title): holds \\udfff, half of")


def test_a_file_of_exactly_the_largest_size_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.toml"
    path.write_bytes(b"\n" * (5 * 1024 * 1024))
    assert len(read_text(path)) == 5 * 1024 * 1024
    path.write_bytes(b"\n" * (5 * 1024 * 1024 + 1))
    with pytest.raises(FileReadError) as info:
        read_text(path)
    assert str(info.value).startswith(f"{path}: is larger than 5 MiB")


def test_a_device_that_never_ends_is_read_only_up_to_the_limit() -> None:
    with pytest.raises(FileReadError) as info:
        read_text("/dev/zero")
    assert str(info.value).startswith("/dev/zero: is larger than 5 MiB")


def _measured_as(monkeypatch: pytest.MonkeyPatch, path: Path, size: int) -> None:
    """Make the file look ``size`` bytes long when measured: it grows while read."""
    real = os.fstat

    def fstat(fd: int) -> os.stat_result:
        status = real(fd)
        if os.path.samestat(status, path.stat()):
            return os.stat_result((*status[:6], size, *status[7:]))
        return status

    monkeypatch.setattr(os, "fstat", fstat)


def test_a_file_that_grew_since_it_was_measured_is_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "r.toml"
    path.write_text("title = 'x'\n" * 100, encoding="utf-8")
    _measured_as(monkeypatch, path, 10)
    assert read_text(path) == "title = 'x'\n" * 100


def test_a_file_that_grew_past_the_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "r.toml"
    path.write_bytes(b"\n" * (5 * 1024 * 1024 + 1))
    _measured_as(monkeypatch, path, 10)
    with pytest.raises(FileReadError, match="is larger than 5 MiB"):
        read_text(path)


class _Reads:
    """A file handle that notes how much each read asks for."""

    def __init__(self, handle: BinaryIO) -> None:
        self.handle = handle
        self.asked: list[int] = []

    def fileno(self) -> int:
        return self.handle.fileno()

    def read(self, size: int) -> bytes:
        self.asked.append(size)
        return self.handle.read(size)


def test_a_file_is_read_in_one_right_sized_read_and_what_it_grew_by_in_a_second(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the speed of reading hundreds of reports: a read sized for the largest
    # file took 71 us a file, one sized for the file 20 us
    path = tmp_path / "r.toml"
    path.write_bytes(b"x" * 100)
    with path.open("rb") as handle:
        reads = _Reads(handle)
        assert _read_limited(cast("BinaryIO", reads), "r.toml") == b"x" * 100
    assert reads.asked == [101]  # a byte more: it may have grown
    _measured_as(monkeypatch, path, 10)
    with path.open("rb") as handle:
        reads = _Reads(handle)
        assert _read_limited(cast("BinaryIO", reads), "r.toml") == b"x" * 100
    assert reads.asked == [11, MAX_FILE_BYTES - 10]  # up to a byte past the limit in all
    read_end, write_end = os.pipe()  # a pipe says it is empty: the limit and a byte
    os.write(write_end, b"piped")
    os.close(write_end)
    with os.fdopen(read_end, "rb") as handle:
        reads = _Reads(handle)
        assert _read_limited(cast("BinaryIO", reads), "pipe") == b"piped"
    assert reads.asked == [MAX_FILE_BYTES + 1]


def test_stdin_that_is_not_utf8_is_named_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"title = '\xff'")))
    with pytest.raises(FileReadError) as info:
        read_text("-")
    assert str(info.value) == ("<stdin>: is not UTF-8 text: byte 9 is 0xff; save the file as UTF-8")


def test_a_file_that_cannot_be_read_says_why(tmp_path: Path) -> None:
    with pytest.raises(UsageError) as missing:
        read_text(tmp_path / "nope.toml")
    assert str(missing.value) == f"{tmp_path / 'nope.toml'}: no such file"
    with pytest.raises(UsageError) as folder:
        read_text(tmp_path)
    assert str(folder.value) == f"{tmp_path}: is a folder, not a file"
    (tmp_path / "file").write_text("", encoding="utf-8")
    with pytest.raises(FileReadError) as through:
        read_text(tmp_path / "file" / "r.toml")
    assert str(through.value) == f"{tmp_path / 'file' / 'r.toml'}: cannot be read: Not a directory"
    (tmp_path / "latin1.toml").write_bytes(b"title = '\xe9'\n")
    with pytest.raises(FileReadError) as latin1:
        read_text(tmp_path / "latin1.toml")
    assert str(latin1.value) == (
        f"{tmp_path / 'latin1.toml'}: is not UTF-8 text: byte 9 is 0xe9; save the file as UTF-8"
    )


def test_old_mac_line_endings_become_newlines() -> None:
    assert decode(b"a = 1\rb = 2\r\nc = 3\r", "f") == "a = 1\nb = 2\nc = 3\n"


def test_a_value_of_several_lines_is_written_as_lines() -> None:
    text = dump_toml({"title": "a\nb", "discussions": ["one\ntwo"]})
    assert text == (
        'template = "igf-2016-workshop"\ntitle = """\na\nb"""\n'
        'discussions = [\n    """\none\ntwo""",\n]\n'
    )


def test_keys_the_template_does_not_know_are_written_back_as_toml_reads_them() -> None:
    values = {"template": "igf-2015-workshop", "Venue": {}, "my room": {"name": None}, "n": 1}
    assert dump_toml(values) == (
        'template = "igf-2015-workshop"\n\n'
        "# Keys this template does not know, kept as they were:\n"
        'Venue = {}\n"my room" = {}\nn = 1\n'
    )


def test_a_file_with_its_own_schema_line_does_not_get_a_second() -> None:
    text = '#:schema https://old/schema.json\n# mine\ntitle = "T"\n'
    rewritten = dump_toml({"title": "T"}, schema="https://new/s.json", keep=find_comments(text))
    assert rewritten == (
        '#:schema https://old/schema.json\ntemplate = "igf-2016-workshop"\n\n# mine\ntitle = "T"\n'
    )


def test_a_number_too_long_on_the_second_line_is_placed_from_the_line_start() -> None:
    error = _read_error("\nn = 1" + "0" * _MAX_DIGITS + "\n")
    assert (error.line, error.column) == (2, 5)
