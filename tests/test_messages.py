"""Messages for people: places named with items counted from 1, one wording style."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from igf_report.files.reportfile import dump_toml
from igf_report.template.fields import place_for_people
from igf_report.template.validation import Finding, Severity

from .conftest import SEED, Invoke


@pytest.mark.parametrize(
    ("path", "place"),
    [
        ("date", "Date"),
        ("chair.affiliation", "Chair/Moderator, affiliation"),
        ("time.end", "Time, end"),
        ("speakers[0]", "List of Speakers and their institutional affiliations, item 1"),
        (
            "speakers[4].name",
            "List of Speakers and their institutional affiliations, item 5, name",
        ),
        ("presentations[1].summary", "Presentations, item 2, summary"),
        ("key_issues[10]", "Key Issues raised, item 11"),
        ("colour", "not a template field"),
        ("", "the whole file"),
    ],
)
def test_a_place_is_said_with_items_counted_from_one(path: str, place: str) -> None:
    assert place_for_people(path) == place


def test_a_finding_names_the_key_and_the_place_for_people() -> None:
    finding = Finding(Severity.WARNING, "speakers[1].affiliation", "x", "Jean has no affiliation")
    assert finding.describe() == (
        "warning: speakers (List of Speakers and their institutional affiliations, item 2, "
        "affiliation): Jean has no affiliation"
    )
    assert Finding(Severity.ERROR, "date", "Date", "is required").describe() == (
        "error: date (Date): is required"
    )


def test_validate_text_counts_items_from_one_and_json_keeps_the_path(
    invoke: Invoke, tmp_path: Path, data: dict[str, Any]
) -> None:
    data["speakers"].append({"name": "Third Speaker"})
    report = tmp_path / "r.toml"
    report.write_text(dump_toml(data), encoding="utf-8")
    text = invoke("validate", str(report)).stdout
    assert "item 3, affiliation): Third Speaker" in text
    assert "[2]" not in text
    json_out = invoke("validate", str(report), "--format", "json").stdout
    assert '"path": "speakers[2].affiliation"' in json_out


def test_show_names_items_counted_from_one(
    invoke: Invoke, tmp_path: Path, data: dict[str, Any]
) -> None:
    data["speakers"].append({"name": "Third Speaker"})
    report = tmp_path / "r.toml"
    report.write_text(dump_toml(data), encoding="utf-8")
    result = invoke("show", str(report), "--no-pager")
    flat = " ".join(result.stdout.split())
    assert (
        "warning: speakers (List of Speakers and their institutional affiliations, item 3" in flat
    )
    assert "speakers[2]" not in result.stdout


# A line on stderr is either tagged, compiler-style, in lower case (`error: …`,
# `igf-report: error: …`, `FILE: warning: …`, `note: …`), or a sentence that
# starts with a capital letter or a number: never a mix of the two.
_TAGGED = re.compile(r"^(igf-report: |.+?(:\d+)*: )?(error|warning|note): \S")
_SENTENCE = re.compile(r"^[A-Z0-9`]")


def _check_style(stderr: str) -> None:
    for line in stderr.splitlines():
        assert _TAGGED.match(line) or _SENTENCE.match(line), line


def test_messages_share_one_style(invoke: Invoke, tmp_path: Path) -> None:
    published = tmp_path / "published.txt"
    published.write_bytes(SEED.read_bytes())
    imported = invoke("import", str(published), "-o", str(tmp_path / "r.toml"))
    assert imported.exit_code == 0
    assert "Found " in imported.stderr
    _check_style(imported.stderr)
    rendered = invoke("render", str(tmp_path / "r.toml"), "-o", str(tmp_path / "r.html"))
    assert rendered.stderr == f"Wrote {tmp_path / 'r.html'}\n"
    for args in (
        ["render", str(tmp_path / "r.toml"), "--format", "pdf"],
        ["validate", str(tmp_path / "r.toml"), "--format", "xml"],
        ["validate", str(tmp_path / "r.toml"), "--format", "json"],
        ["import", "-"],
    ):
        result = invoke(*args, input=SEED.read_text(encoding="utf-8"))
        _check_style(result.stderr)
    bad_render = invoke("render", str(tmp_path / "r.toml"), "--format", "pdf").stderr
    bad_validate = invoke("validate", str(tmp_path / "r.toml"), "--format", "xml").stderr
    assert bad_render.startswith("igf-report: error: unknown format 'pdf'; choose one of: ")
    assert bad_validate.startswith("igf-report: error: unknown format 'xml'; choose one of: ")


def test_many_report_commands_share_the_style(invoke: Invoke, tmp_path: Path) -> None:
    from .test_collection import SCHEDULE  # noqa: PLC0415 -- one programme for both

    schedule = tmp_path / "programme.csv"
    schedule.write_text(SCHEDULE, encoding="utf-8")
    drafts = tmp_path / "drafts"
    said = []
    for _ in range(2):  # written, then kept
        result = invoke("new", "--from-schedule", str(schedule), "--dir", str(drafts))
        assert result.exit_code == 0
        _check_style(result.stderr)
        said.append(result.stderr)
    assert "ws12.toml: error: date (Date): '31/31/2016' is not a date" in said[0]
    assert f"Kept {drafts / 'ws173.toml'}" in said[1]
    for args in (
        ["book", str(SEED.parent.parent), "-o", str(tmp_path / "book.html")],
        ["export", str(SEED.parent.parent), "-f", "csv", "-o", str(tmp_path / "r.csv")],
    ):
        _check_style(invoke(*args).stderr)


def test_import_to_stdout_says_how_to_save_then_fill(invoke: Invoke) -> None:
    result = invoke("import", "-", input=SEED.read_text(encoding="utf-8"))
    assert result.exit_code == 0
    last = result.stderr.splitlines()[-1]
    assert last.startswith(
        "Next: `igf-report import - -o report.toml` writes it to a file; "
        "then `igf-report fill report.toml`"
    )
    assert "the report`" not in result.stderr


@pytest.mark.parametrize(
    ("template", "words"),
    [
        ("12:00:00", "a time (12:00:00)"),
        ("2016-12-06", "a date (2016-12-06)"),
        ("2016-12-06T10:00:00", "a date and time (2016-12-06T10:00:00)"),
        ("12", "a number (12)"),
        ("true", "true or false (true)"),
        ("{ a = 1 }", "a table"),
        ('{ "" = [] }', "a table"),
        ("[1, 2]", "a list"),
        ('"igf-2015"', '"igf-2015"'),
    ],
)
@pytest.mark.parametrize("command", ["validate", "fill"])
def test_a_wrong_template_value_is_said_in_words(
    invoke: Invoke, tmp_path: Path, template: str, words: str, command: str
) -> None:
    report = tmp_path / "r.toml"
    report.write_text(f'template = {template}\ntitle = "x"\n', encoding="utf-8")
    args = [command, str(report)] + (["--no-input"] if command == "fill" else [])
    result = invoke(*args)
    said = result.stdout + result.stderr  # validate's findings are its data
    assert result.exit_code == 1
    assert words in said
    for internal in ("datetime.", "{'", "[1, 2]", "'igf-2016-workshop'"):
        assert internal not in said


def test_a_command_suggested_for_a_path_with_spaces_runs_as_printed(
    invoke: Invoke, tmp_path: Path
) -> None:
    folder = tmp_path / "my reports"
    folder.mkdir()
    draft = folder / "ws 173.toml"
    draft.write_text('title = "Only a title"\n', encoding="utf-8")
    quoted = f"'{draft}'"
    filled = invoke("fill", str(draft), "--no-input")
    assert f"`igf-report fill {quoted}`" in filled.stderr
    imported = invoke("import", str(draft), "-o", str(folder / "other.toml"))
    assert f"`igf-report fill {quoted}`" in imported.stderr
    schedule = folder / "programme.csv"
    schedule.write_text("Session Title\nMy talk\n", encoding="utf-8")
    made = invoke("new", "--from-schedule", str(schedule), "--dir", str(folder))
    assert f"`igf-report fill '{folder / 'my-talk.toml'}'`" in made.stderr
