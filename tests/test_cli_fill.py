"""``fill`` without a terminal: --from, --set, precedence, drafts, and never blocking."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

from .conftest import EXAMPLES, Invoke


def _answers(data: dict[str, Any]) -> str:
    """``data`` as a spreadsheet export would give it: JSON, everything as text."""
    return json.dumps(
        {
            **data,
            "date": "6 December 2016",
            "time": "10:45 - 11:45 am",
            "chair": "Ana Pérez, Internet Society",
            "speakers": ["Li Wei, CNNIC", "Jean Dupont, Afnic"],
        },
        ensure_ascii=False,
    )


def test_answers_from_stdin_write_the_report_and_its_text(
    invoke: Invoke, tmp_path: Path, data: dict[str, Any]
) -> None:
    report = tmp_path / "report.toml"
    result = invoke("fill", str(report), "--from", "-", "--no-input", input=_answers(data))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"Wrote {report} and {tmp_path / 'report.txt'}\n"
    written = tomllib.loads(report.read_text(encoding="utf-8"))
    assert written["date"].isoformat() == "2016-12-06"
    assert written["chair"] == {"name": "Ana Pérez", "affiliation": "Internet Society"}
    assert (
        (tmp_path / "report.txt")
        .read_text(encoding="utf-8")
        .startswith("IGF 2016 Workshop Report\n")
    )
    assert invoke("validate", str(report)).exit_code == 0


def test_a_missing_field_exits_1_naming_it_and_keeps_a_draft(
    invoke: Invoke, tmp_path: Path, data: dict[str, Any]
) -> None:
    del data["organizer"]
    report = tmp_path / "report.toml"
    result = invoke("fill", str(report), "--from", "-", "--no-input", input=_answers(data))
    assert result.exit_code == 1
    assert f"{report}: error: organizer (Session Organizer): is required" in result.stderr
    assert "1 field is missing or invalid; the draft is saved in" in result.stderr
    assert tomllib.loads(report.read_text(encoding="utf-8"))["title"] == data["title"]
    assert not (tmp_path / "report.txt").exists()


def test_set_over_from_over_the_existing_report(invoke: Invoke, tmp_path: Path) -> None:
    report = tmp_path / "r.toml"
    report.write_bytes((EXAMPLES / "community-networks.toml").read_bytes())
    answers = tmp_path / "answers.toml"
    answers.write_text('organizer = "From file"\ntitle = "From file"\n', encoding="utf-8")
    result = invoke(
        "fill", str(report), "--from", str(answers), "--set", "title=From set",
        "--set", "chair.affiliation=ISOC", "--no-input",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    written = tomllib.loads(report.read_text(encoding="utf-8"))
    assert written["title"] == "From set"
    assert written["organizer"] == "From file"
    assert written["chair"] == {"name": "Nnenna Okafor", "affiliation": "ISOC"}
    assert written["date"].isoformat() == "2016-12-08"


def test_set_builds_lists_and_parses_like_typed_answers(invoke: Invoke, tmp_path: Path) -> None:
    report = tmp_path / "r.toml"
    result = invoke(
        "fill", str(report), "--no-input",
        "--set", "title=T", "--set", "date=12/06/2016", "--set", "time=13.00-13.20",
        "--set", "organizer=O", "--set", "chair=C, c",
        "--set", "speakers=A, a", "--set", "speakers=B, b",
        "--set", "key_issues=One.", "--set", "key_issues=Two.",
        "--set", "discussions=D", "--set", "way_forward=W",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    written = tomllib.loads(report.read_text(encoding="utf-8"))
    assert written["speakers"] == [
        {"name": "A", "affiliation": "a"},
        {"name": "B", "affiliation": "b"},
    ]
    assert written["key_issues"] == ["One.", "Two."]
    assert written["time"]["start"].isoformat() == "13:00:00"
    assert "rapporteur (Rapporteur/Notetaker): is empty" in result.stderr  # a warning only


@pytest.mark.parametrize(
    ("assignment", "message"),
    [
        ("titel=x", "--set titel: not a key of the template"),
        ("title", "write it as key=value"),
        ("chair.email=x", "chair has no part 'email' (parts: chair.name, chair.affiliation)"),
    ],
)
def test_bad_set_is_a_usage_error(
    invoke: Invoke, tmp_path: Path, assignment: str, message: str
) -> None:
    result = invoke("fill", str(tmp_path / "r.toml"), "--no-input", "--set", assignment)
    assert result.exit_code == 2
    assert message in result.stderr
    assert not (tmp_path / "r.toml").exists()


def test_an_invalid_value_given_is_refused_like_a_typed_one(invoke: Invoke, tmp_path: Path) -> None:
    # the rule changed with issue #11: --set is checked as a typed answer, so
    # an invalid value is refused rather than kept in the draft
    report = tmp_path / "r.toml"
    result = invoke(
        "fill", str(report), "--no-input", "--set", "date=31/31/2016", "--set", "title=T"
    )
    assert result.exit_code == 1
    assert "error: date (Date): '31/31/2016' is not a date on the calendar" in result.stderr
    assert "the value given for date (Date) is refused; the report still has none" in result.stderr
    assert tomllib.loads(report.read_text(encoding="utf-8")) == {
        "template": "igf-2016-workshop",
        "title": "T",
    }


def test_the_environment_variable_means_no_input(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("fill", str(tmp_path / "r.toml"), env={"IGF_REPORT_NO_INPUT": "1"})
    assert result.exit_code == 1
    assert "nothing was written" in result.stderr


@pytest.mark.parametrize(
    ("content", "why"),
    [
        ("not = [toml", "not valid TOML"),
        ('template = "igf-2030-town-hall"\n', 'says its template is "igf-2030-town-hall"'),
        ('[tool.poetry]\nname = "x"\n', "has keys the template does not know (tool)"),
        # a static site's config.toml has a title, but it is no report
        ('title = "My blog"\nbaseURL = "https://example.org/"\n', "does not know (baseURL)"),
    ],
)
def test_a_file_that_is_not_ours_is_never_overwritten(
    invoke: Invoke, tmp_path: Path, content: str, why: str
) -> None:
    report = tmp_path / "pyproject.toml"
    report.write_text(content, encoding="utf-8")
    result = invoke("fill", str(report), "--no-input", "--set", "title=x")
    assert result.exit_code == 1
    assert why in result.stderr
    assert report.read_text(encoding="utf-8") == content


def test_a_text_file_that_is_not_ours_is_not_overwritten(
    invoke: Invoke, tmp_path: Path, data: dict[str, Any]
) -> None:
    (tmp_path / "report.txt").write_text("my own notes\n", encoding="utf-8")
    result = invoke(
        "fill", str(tmp_path / "report.toml"), "--from", "-", "--no-input", input=_answers(data)
    )
    # the report is written all the same, and its text goes beside it under another name
    assert result.exit_code == 0, result.stderr
    assert "report.txt was not written by igf-report" in result.stderr
    assert (tmp_path / "report.txt").read_text(encoding="utf-8") == "my own notes\n"
    assert tomllib.loads((tmp_path / "report.toml").read_text(encoding="utf-8"))["title"]
    assert (tmp_path / "report.report.txt").read_text(encoding="utf-8").startswith("IGF 2016")


def test_without_a_terminal_fill_never_waits(tmp_path: Path) -> None:
    # stdin is a pipe that stays open: a prompt would hang until the timeout
    with subprocess.Popen(
        [sys.executable, "-m", "igf_report", "fill", str(tmp_path / "r.toml")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdin is not None
        assert process.stderr is not None
        process.wait(timeout=20)  # stdin still open: nothing may wait on it
        err = process.stderr.read()
        process.stdin.close()
    assert process.returncode == 1
    assert b"error: title (Session Title): is required" in err


# --- a list replaced, or added to ------------------------------------------------------------

TWO_SPEAKERS = """\
template = "igf-2016-workshop"
title = "Connecting the Next Billion"
speakers = [
    { name = "Ana Pérez", affiliation = "ISOC" },
    { name = "Jean Dupont", affiliation = "Afnic" },
]
"""

SPEAKERS = "speakers (List of Speakers and their institutional affiliations)"


def _speakers(report: Path) -> list[dict[str, str]]:
    speakers: list[dict[str, str]] = tomllib.loads(report.read_text(encoding="utf-8"))["speakers"]
    return speakers


def test_a_list_set_anew_is_said_to_be_replaced_with_how_to_add_instead(
    invoke: Invoke, tmp_path: Path
) -> None:
    report = tmp_path / "r.toml"
    report.write_text(TWO_SPEAKERS, encoding="utf-8")
    result = invoke("fill", str(report), "--no-input", "--set", "speakers=Li Wei, CNNIC")
    assert _speakers(report) == [{"name": "Li Wei", "affiliation": "CNNIC"}]
    assert (
        f"{report}: the list {SPEAKERS} is replaced: 2 items by 1 item; "
        "to add an item instead, use --add speakers=VALUE\n"
    ) in result.stderr


def test_add_puts_items_after_the_list_it_keeps(invoke: Invoke, tmp_path: Path) -> None:
    report = tmp_path / "r.toml"
    report.write_text(TWO_SPEAKERS, encoding="utf-8")
    result = invoke(
        "fill",
        str(report),
        "--no-input",
        "--add",
        "speakers=Li Wei, CNNIC",
        "--add",
        "speakers=Aïcha Diallo, ARTP",
    )
    assert [s["name"] for s in _speakers(report)] == [
        "Ana Pérez",
        "Jean Dupont",
        "Li Wei",
        "Aïcha Diallo",
    ]
    assert "replaced" not in result.stderr


def test_add_adds_to_what_set_gives_and_to_an_empty_report(invoke: Invoke, tmp_path: Path) -> None:
    report = tmp_path / "new.toml"
    invoke("fill", str(report), "--no-input", "--add", "key_issues=Access is costly.")
    assert tomllib.loads(report.read_text(encoding="utf-8"))["key_issues"] == ["Access is costly."]
    invoke(
        "fill",
        str(report),
        "--no-input",
        "--set",
        "key_issues=Skills lag.",
        "--add",
        "key_issues=Rural areas wait.",
    )
    assert tomllib.loads(report.read_text(encoding="utf-8"))["key_issues"] == [
        "Skills lag.",
        "Rural areas wait.",
    ]


def test_an_invalid_item_added_is_refused_and_the_list_kept(invoke: Invoke, tmp_path: Path) -> None:
    report = tmp_path / "r.toml"
    report.write_text(TWO_SPEAKERS, encoding="utf-8")
    result = invoke("fill", str(report), "--no-input", "--add", "speakers=")
    assert result.exit_code == 1
    assert "the value given for speakers" in result.stderr
    assert [s["name"] for s in _speakers(report)] == ["Ana Pérez", "Jean Dupont"]


def test_add_to_a_misspelt_list_offers_the_closest(invoke: Invoke, tmp_path: Path) -> None:
    report = tmp_path / "r.toml"
    report.write_text(TWO_SPEAKERS, encoding="utf-8")
    result = invoke("fill", str(report), "--no-input", "--add", "speaker=Li Wei")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "igf-report: error: --add 'speaker=Li Wei': speaker is not a list field;"
        " did you mean speakers?"
    )


@pytest.mark.parametrize(
    ("addition", "message"),
    [
        ("title=x", "--add 'title=x': title is not a list field"),
        ("speakers", "--add 'speakers': write it as key=value"),
        ("speakers.name=x", "--add 'speakers.name=x': speakers.name is not a list field"),
    ],
)
def test_add_takes_a_whole_item_of_a_list_field(
    invoke: Invoke, tmp_path: Path, addition: str, message: str
) -> None:
    report = tmp_path / "r.toml"
    report.write_text(TWO_SPEAKERS, encoding="utf-8")
    result = invoke("fill", str(report), "--no-input", "--add", addition)
    assert result.exit_code == 2
    assert result.stderr == (
        f"igf-report: error: {message}; --add adds an item to one of: "
        "speakers, key_issues, presentations, discussions, way_forward\n"
    )
    assert report.read_text(encoding="utf-8") == TWO_SPEAKERS
