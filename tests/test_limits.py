"""Hostile sizes and shapes: bounded time, limits named, no traceback."""

from __future__ import annotations

import io
import re
import signal
import sys
import tempfile
import tomllib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from igf_report.collection.checking import check_file
from igf_report.errors import FileReadError
from igf_report.files.reportfile import MAX_FILE_BYTES, decode, parse_document, read_text
from igf_report.readers.building import SPRAWL_LIMITS
from igf_report.readers.published import read_published
from igf_report.template.fields import key_of_path
from igf_report.template.parsers import (
    count_paragraphs,
    count_sentences,
    parse_date,
    parse_time_range,
    split_person,
)
from igf_report.template.validation import Finding, check
from igf_report.textutil import wrap

from .conftest import Invoke, examples, plain_id
from .reliability import tally
from .test_parsers import assert_says_why
from .word_files import TITLE, document, word_file

# A regular expression that backtracks badly takes minutes on these; a linear
# one takes milliseconds. The alarm is a safety net against a hang, not a
# speed target: it is a hundred times what a linear parse needs.
_GUARD_SECONDS = 20


@contextmanager
def _guard() -> Iterator[None]:
    if sys.platform == "win32":
        yield
        return

    def hang(_signum: int, _frame: object) -> None:
        pytest.fail("a parse did not finish: a regular expression backtracks badly")

    previous = signal.signal(signal.SIGALRM, hang)
    signal.alarm(_GUARD_SECONDS)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


ADVERSARIAL = [
    "1" * 100_000,
    "1:" * 50_000,
    "- " * 50_000,
    "a." * 50_000,
    ". A" * 33_000,
    "\n\n " * 33_000,
    "<b>" * 30_000,
    "<" * 100_000,
    "&#" * 50_000,
    "9h" * 50_000 + "x",
    ("12/" * 30_000) + "2016",
    "dec " * 25_000,
]


def _parsed_or_refused(parse: Callable[[str], object], text: str) -> None:
    try:
        parse(text)
    except ValueError as exc:
        assert_says_why(str(exc), text)


@pytest.mark.parametrize("text", ADVERSARIAL, ids=lambda t: plain_id(t[:8]))
def test_every_parser_finishes_on_long_adversarial_input(text: str) -> None:
    with _guard():
        for parse in (parse_date, parse_time_range):
            _parsed_or_refused(parse, text)
        person = split_person(text)
        name, _, affiliation = text.partition(",")
        assert person == {"name": name.strip(), "affiliation": affiliation.strip() or None}
        count_sentences(text)
        count_paragraphs(text)
        wrap(text, 80)
        read_published("Key Issues raised:\t" + text)
        check({"title": text, "date": text, "time": text, "chair": text, "key_issues": [text]})
    tally("adversarial long inputs through every parser")


def test_a_file_over_the_limit_is_refused_before_parsing(invoke: Invoke, tmp_path: Path) -> None:
    big = tmp_path / "big.toml"
    big.write_bytes(b'title = "' + b"x" * MAX_FILE_BYTES + b'"\n')
    result = invoke("validate", str(big))
    assert result.exit_code == 1
    assert "is larger than 5 MiB, the most igf-report reads" in result.stdout
    with pytest.raises(FileReadError, match="larger than 5 MiB"):
        decode(b"x" * (MAX_FILE_BYTES + 1), "stdin")


def test_an_import_that_would_write_a_report_over_the_limit_is_refused_with_why(
    invoke: Invoke, tmp_path: Path
) -> None:
    # 0.9 MB of control characters: each written \u0001 in TOML, six times the size
    source = tmp_path / "controls.txt"
    source.write_bytes(b"Session Title: x\nDiscussions:\na" + b"\x01" * 900_000 + b"\n")
    out = tmp_path / "report.toml"
    result = invoke("import", str(source), "-o", str(out))
    assert result.exit_code == 1
    said = " ".join(result.stdout.split() + result.stderr.split())
    assert "would make a report file of 5.1 MiB" in said
    assert "each control character in it is written as a six-byte escape" in said
    assert "larger than the 5 MiB igf-report reads; nothing was written" in said
    assert "Traceback" not in said
    assert not out.exists()
    # a file that stays under the limit written out is imported, and reads back
    source.write_bytes(b"Session Title: x\nDiscussions:\na" + b"\x01" * 100_000 + b"\n")
    assert invoke("import", str(source), "-o", str(out)).exit_code == 0
    assert invoke("validate", str(out)).exit_code in {0, 1}
    assert "larger than" not in invoke("validate", str(out)).stdout


def test_standard_input_is_read_up_to_the_limit_and_refused_past_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    at_limit = b"x" * MAX_FILE_BYTES
    monkeypatch.setattr(sys, "stdin", SimpleNamespace(buffer=io.BytesIO(at_limit)))
    assert read_text("-") == at_limit.decode()
    monkeypatch.setattr(sys, "stdin", SimpleNamespace(buffer=io.BytesIO(at_limit + b"x")))
    with pytest.raises(FileReadError) as raised:
        read_text("-")
    assert str(raised.value) == (
        "<stdin>: is larger than 5 MiB, the most igf-report reads; a report is a few kilobytes"
    )


def test_a_value_over_the_limit_names_the_limit(invoke: Invoke, tmp_path: Path) -> None:
    report = tmp_path / "long.toml"
    report.write_text(f'title = "{"x" * 20_001}"\n', encoding="utf-8")
    result = invoke("validate", str(report))
    assert "title (Session Title): is 20001 characters long; the limit is 20000" in result.stdout


def test_deep_nesting_is_a_clear_error() -> None:
    with pytest.raises(FileReadError, match=r"nested too deeply|not valid"):
        parse_document("[" * 100_000 + "]" * 100_000, "deep.json", "json")
    with pytest.raises(FileReadError, match=r"nested too deeply|not valid"):
        parse_document("x = " + "[" * 100_000 + "]" * 100_000, "deep.toml", "toml")


# What a TOML file can hold: no null, and no `fold` on times.
_toml_values = st.recursive(
    st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True)
    | st.text(max_size=30)
    | st.dates()
    | st.times().map(lambda t: t.replace(fold=0))
    | st.datetimes().map(lambda t: t.replace(fold=0)),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)
_keys = st.sampled_from(
    ["template", "title", "date", "time", "organizer", "chair", "rapporteur", "speakers",
     "key_issues", "presentations", "discussions", "way_forward", "titel", "", "é"]
)  # fmt: skip


def _said(findings: list[Finding]) -> list[tuple[str, str, str, str]]:
    return [(f.severity, f.path, f.label, f.message) for f in findings]


@settings(max_examples=examples(400), deadline=None)
@given(st.dictionaries(_keys, _toml_values, max_size=12))
def test_any_document_in_a_file_gives_findings_that_name_fields(data: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.toml"
        path.write_text(tomli_w.dumps(data), encoding="utf-8")
        result = check_file(path)
        again = check_file(path)
        text = path.read_text(encoding="utf-8")
    lines = text.split("\n")  # TOML lines end at LF only
    # through the file, the document says what it says in memory, every time
    # (tomli_w writes tables last, so the document is compared as the file holds it)
    written = tomllib.loads(text)
    assert set(written) == set(data)
    assert _said(result.findings) == _said(check(written).findings)
    assert result.findings == again.findings
    for finding in result.findings:
        assert finding.label
        assert finding.message
        key = key_of_path(finding.path)
        assert key in data or finding.severity == "warning" or finding.message == "is required"
        if key in data and re.fullmatch(r"[A-Za-z0-9_-]+", key):
            # the line is where the key is written: `key = ...`, `[key]`, `[key.x]`, `[[key]]`
            assert finding.line is not None, finding
            assert re.match(rf"{key} = |\[\[?{key}[.\]]", lines[finding.line - 1]), finding
    tally("fuzz: loader and checker, arbitrary documents")


def _sprawling(what: str, count: int) -> tuple[str, bytes]:
    """A file of a report's labels, then ``count`` of one piece: (its name, its bytes)."""
    if what == "text":
        return "r.txt", ("Session Title: x\nDiscussions\n" + "x\n" * count).encode()
    if what == "markdown":
        return "r.md", ("# Session Title\n\nx\n\n## Discussions\n\n" + "- x\n" * count).encode()
    if what == "page":
        return "r.html", ("<h2>Discussions</h2>" + "<p>x</p>" * (count // 2)).encode()
    if what == "published":
        return "r.txt", ("Session Title\tx\nDiscussions\t" + "<b>x</b>" * (count // 2)).encode()
    paragraphs = "<w:p><w:r><w:t>x</w:t></w:r></w:p>" * count
    return "r.docx", word_file({"word/document.xml": document(TITLE + paragraphs)})


_SPRAWL = {
    "text": ("lines", 50_000),
    "markdown": ("lines", 50_000),
    "page": ("tags", 50_000),
    "published": ("tags", 50_000),
    "docx": ("paragraphs and table cells", 50_000),
}


@pytest.mark.parametrize("what", list(_SPRAWL))
def test_a_file_of_more_pieces_than_a_report_could_hold_is_refused_naming_the_bound(
    what: str, tmp_path: Path, invoke: Invoke
) -> None:
    # a 5 MiB file of a million short lines took every reader over a minute,
    # linear as they are; a report holds a few hundred
    piece, bound = _SPRAWL[what]
    assert SPRAWL_LIMITS[piece] == bound
    name, data = _sprawling(what, bound + 10)
    path = tmp_path / name
    path.write_bytes(data)
    out = tmp_path / "out.toml"
    result = invoke("import", str(path), "-o", str(out))
    assert result.exit_code == 1, result.stderr
    assert f"holds more {piece} than igf-report imports ({bound:,}" in result.stderr
    assert result.stderr.count("error:") == 1
    assert not out.exists()
    tally("limits: files of more pieces than a report holds, refused")


@pytest.mark.parametrize("what", list(_SPRAWL))
def test_a_file_just_within_the_bound_is_read(what: str, tmp_path: Path, invoke: Invoke) -> None:
    _, bound = _SPRAWL[what]
    name, data = _sprawling(what, bound - 10)
    path = tmp_path / name
    path.write_bytes(data)
    out = tmp_path / "out.toml"
    result = invoke("import", str(path), "-o", str(out))
    assert "holds more" not in result.stderr
    assert out.exists(), result.stderr
