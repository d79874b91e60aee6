"""One hostile report through every command and format: the bytes that come out."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest

from igf_report.importer.published import read_published
from igf_report.render.published import render as render_published
from igf_report.reportfile import dump_toml
from igf_report.validation import check

from .conftest import Invoke
from .reliability import tally

#: Rich markup, an ANSI colour, an OSC title and hyperlink, BEL, a C1 CSI,
#: bidirectional overrides and isolates, and HTML.
EVIL = (
    "[bold red]big[/bold red] [link=http://e.example]x[/link] \x1b[31mred\x1b[0m "
    "\x1b]0;pwned\x07 \x1b]8;;http://e.example\x1b\\link\x1b]8;;\x1b\\ \x9b31m \x07 "
    "\u202eevil\u202c \u2066iso\u2069 <script>alert(1)</script> <b>b</b> &amp;"
)
# What must never reach a terminal, or an HTML or Markdown reader, as such.
_TERMINAL_CODES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture
def evil_report(tmp_path: Path) -> Path:
    values = {
        "title": EVIL,
        "date": "2016-12-07",
        "time": "09:00 - 10:00",
        "organizer": EVIL,
        "chair": {"name": EVIL, "affiliation": EVIL},
        "rapporteur": {"name": EVIL},
        "speakers": [{"name": EVIL, "affiliation": EVIL}],
        "key_issues": [EVIL + " One. " + EVIL],
        "presentations": [{"title": EVIL, "summary": EVIL}],
        "discussions": [EVIL],
        "way_forward": [EVIL],
    }
    path = tmp_path / "evil.toml"
    path.write_text(dump_toml(values), encoding="utf-8")
    return path


def _clean(output: str, where: str) -> None:
    found = _TERMINAL_CODES.search(output)
    assert found is None, f"{where} let {found[0]!r} through"
    tally("hostile report: outputs checked byte by byte")


def test_the_file_keeps_every_value_intact(evil_report: Path) -> None:
    data = tomllib.loads(evil_report.read_text(encoding="utf-8"))
    assert data["title"] == EVIL
    assert data["chair"]["affiliation"] == EVIL


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_every_format_shows_values_as_text(invoke: Invoke, evil_report: Path, fmt: str) -> None:
    result = invoke("render", str(evil_report), "--format", fmt)
    assert result.exit_code == 0
    _clean(result.stdout, f"render --format {fmt}")
    _clean(result.stderr, f"render --format {fmt} (stderr)")
    if fmt == "markdown":
        assert "\\[bold red\\]big\\[/bold red\\]" in result.stdout
    else:
        assert "[bold red]big[/bold red]" in result.stdout
    if fmt == "html":
        assert "<script>" not in result.stdout
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in result.stdout
    if fmt == "markdown":
        assert "\\<script\\>" in result.stdout


def test_the_published_format_escapes_and_reads_back(evil_report: Path) -> None:
    checked = check(tomllib.loads(evil_report.read_text(encoding="utf-8")))
    published = render_published(checked.values)
    assert "<script>" not in published
    assert "&lt;script&gt;" in published
    # in HTML the controls stay controls; what import makes of them is text again
    back = check(read_published(published).data)
    assert back.report == checked.report


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "{f}"],
        ["validate", "{f}", "--format", "json"],
        ["show", "{f}", "--no-pager"],
        ["render", "{f}", "--format", "published"],
        ["fill", "{f}", "--no-input"],
        ["validate", "{f}\x1b[31m.toml"],
    ],
    ids=["validate", "validate-json", "show", "published", "fill", "missing-file"],
)
def test_every_command_prints_nothing_as_code(
    invoke: Invoke, evil_report: Path, args: list[str]
) -> None:
    result = invoke(*[a.replace("{f}", str(evil_report)) for a in args])
    assert "Traceback" not in result.output
    if args[0] != "render":
        _clean(result.stdout, " ".join(args[:1]))
    _clean(result.stderr, " ".join(args[:1]) + " (stderr)")
    if "json" in args:
        document = json.loads(result.stdout)
        assert document["summary"]["reports"] == 1


def test_error_messages_quote_values_as_text(invoke: Invoke, tmp_path: Path) -> None:
    report = tmp_path / "r.toml"
    report.write_text(f"date = {json.dumps(EVIL)}\n", encoding="utf-8")
    result = invoke("validate", str(report))
    assert "is too long for a date" in result.stdout or "not a date" in result.stdout
    _clean(result.stdout, "validate error message")
    fill = invoke("fill", str(report), "--no-input", "--set", f"time={EVIL[:150]}")
    _clean(fill.stderr, "fill error message")
