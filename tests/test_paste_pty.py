"""Pastes in a real terminal: a paste is one unit, all of it for the prompt it was pasted at.

Each test pastes as a terminal does (bracketed when the program asked for it,
plain lines in one burst when it did not), reads the screen through pyte and
compares the saved file with what the screen showed.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

import pytest

from igf_report.template.fields import FIELDS

from .conftest import EXAMPLES
from .test_line_editor_pty import Terminal

pytestmark = [
    pytest.mark.pty,
    pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX"),
]

HEAD = (
    'title = "T"\ndate = 2016-12-06\ntime = "10:45 - 11:45 am"\norganizer = "Host"\n'
    'chair = "Ana Pérez, ISOC"\nrapporteur = "Kwame Mensah, UG"\n'
    'speakers = ["Li Wei, CNNIC"]\n'
)
PARAGRAPHS = "Alpha one.\n\nBravo two.\n\nCharlie three."
ACCESSIBLE = {"ACCESSIBLE": "1"}


def _saved(report: Path) -> dict[str, object]:
    return tomllib.loads(report.read_text(encoding="utf-8")) if report.exists() else {}


@pytest.mark.parametrize("env", [{}, ACCESSIBLE], ids=["editor", "accessible"])
def test_a_paste_without_a_final_newline_is_all_the_lists(
    report: Path, env: dict[str, str]
) -> None:
    report.write_text(HEAD + 'key_issues = ["Access is costly."]\n', encoding="utf-8")
    term = Terminal(report, env=env)
    term.answer("1. title (may be empty)", "")  # no presentations
    term.answer("1. summary", "")
    term.wait_for(r"(?m)^1: *$")
    if env:
        term.type(PARAGRAPHS)  # no bracketed paste here: the lines arrive in one burst
    else:
        term.paste(PARAGRAPHS)
    term.wait_for(r"(?m)^4: *$")
    term.settle()
    text = term.text()
    assert "Way forward" not in text  # the list is still open
    for item in ("Alpha one.", "Bravo two.", "Charlie three."):
        assert re.search(rf"(?m)^(\d: )?{re.escape(item)} *$", text), text
    term.type("\r")
    term.wait_for(r"11/11")
    term.wait_for(r"(?m)^1: *$")  # nothing of the paste waits on the next list's line
    term.type(":quit\r")
    assert term.finish() == 0
    saved = _saved(report)
    assert saved["discussions"] == ["Alpha one.", "Bravo two.", "Charlie three."]
    assert "way_forward" not in saved


WRAPPED = (
    "The portal gathers the services of every ministry\n"
    "in one place, so that a citizen signs in once\n"
    "and finds them all."
)


def test_a_hard_wrapped_paragraph_pasted_at_a_summary_is_that_summary(report: Path) -> None:
    report.write_text(HEAD, encoding="utf-8")
    term = Terminal(report)
    term.answer("1", "Access is costly.")
    term.answer("2", "")
    term.wait_for("at the summary is the whole summary")
    term.answer("1. title (may be empty)", "Gob.mx")
    term.wait_for(r"(?m)^1\. summary: *$")
    term.paste(WRAPPED)
    joined = " ".join(WRAPPED.split("\n"))
    term.wait_for("finds them all")
    term.settle()
    shown = "".join(term.text().split())  # the line wraps at the screen's edge
    assert "".join(f"1. summary: {joined}".split()) in shown  # on the line, to check
    assert "2. title" not in term.text()
    term.type("\r")
    term.wait_for(r"(?m)^2\. title \(may be empty\): *$")
    term.type("\r")
    term.answer("2. summary", "")
    term.wait_for("10/11")
    term.type(":quit\r")
    assert term.finish() == 0
    assert _saved(report)["presentations"] == [{"title": "Gob.mx", "summary": joined}]


@pytest.fixture
def report(tmp_path: Path) -> Path:
    return tmp_path / "report.toml"


def test_esc_enter_breaks_the_line_inside_an_item(report: Path) -> None:
    report.write_text(HEAD + 'key_issues = ["Access is costly."]\n', encoding="utf-8")
    term = Terminal(report)
    term.wait_for("starts a new line in a summary")
    term.answer("1. title (may be empty)", "")
    term.answer("1. summary", "")
    term.wait_for(r"(?m)^1: *$")
    term.type("Three asks:\x1b\r- cheaper access\x1b\r- local content")
    term.wait_for(r"(?m)^- local content *$")
    term.settle()
    text = term.text()
    assert re.search(r"(?m)^1: Three asks: *\n- cheaper access *\n- local content *$", text), text
    term.type("\r")
    term.wait_for(r"(?m)^2: *$")
    term.type("\r")
    term.wait_for("11/11")
    term.type(":quit\r")
    assert term.finish() == 0
    assert _saved(report)["discussions"] == ["Three asks:\n- cheaper access\n- local content"]


@pytest.mark.parametrize("env", [{"TERM": "dumb"}, ACCESSIBLE], ids=["dumb", "accessible"])
def test_an_arrow_key_in_the_plain_mode_is_never_part_of_an_answer(
    report: Path, env: dict[str, str]
) -> None:
    report.write_text('title = "T"\ndate = 2016-12-06\ntime = "10:45 - 11:45 am"\n')
    term = Terminal(report, env=env)
    term.answer("Session Organizer", "Internet Society\x1b[Dy")
    term.wait_for("arrow keys do not move along the line")
    term.wait_for(r"(?m)the line\.\nSession Organizer: *$")  # asked again
    term.type("Internet Society\r")
    term.answer("Chair/Moderator", ":quit")
    assert term.finish() == 0
    assert _saved(report)["organizer"] == "Internet Society"


@pytest.mark.parametrize("ending", ["", "\n"], ids=["no-final-newline", "final-newline"])
def test_two_lines_pasted_in_a_burst_at_a_one_line_field_reach_no_other_field(
    report: Path, ending: str
) -> None:
    term = Terminal(report, env=ACCESSIBLE)
    term.wait_for(r"(?m)^Session Title: *$")
    term.type("Community Networks:\nConnecting the Unconnected" + ending)
    term.wait_for("A paste of 2 lines cannot go in this one-line field")
    term.wait_for(r"(?m)type one line\.\nSession Title: *$")  # asked again, on its own line
    term.type("Community Networks: Connecting the Unconnected\r")
    term.wait_for(r"(?m)^Date: *$")
    term.settle()
    assert re.search(r"(?m)^Date: *$", term.text())  # nothing of the paste is waiting there
    term.type(":quit\r")
    assert term.finish() == 0
    saved = _saved(report)
    assert saved["title"] == "Community Networks: Connecting the Unconnected"
    assert "date" not in saved


def _tokens(term: Terminal) -> set[str]:
    return set(term.text().split())


LONG_ITEM = " ".join(f"word{n:03d}" for n in range(1, 25))  # 8 columns a word: 80 falls inside one


def test_a_long_answer_wraps_at_words_once_entered(report: Path) -> None:
    report.write_text(HEAD + 'key_issues = ["Access is costly."]\n', encoding="utf-8")
    term = Terminal(report)
    term.answer("1. title (may be empty)", "")
    term.answer("1. summary", "")
    term.answer("1", LONG_ITEM)
    pasted = [LONG_ITEM.replace("word", "next"), LONG_ITEM.replace("word", "last")]
    term.paste("\n".join(pasted))
    term.wait_for(r"(?m)^4: *$")
    term.settle()
    tokens = _tokens(term)
    for item in (LONG_ITEM, *pasted):  # typed, then pasted (on the line, then queued)
        assert set(item.split()) <= tokens, term.text()
    term.type(":quit\r")
    assert term.finish() == 0
    assert _saved(report)["discussions"] == [LONG_ITEM, *pasted]


def test_the_accessible_mode_wraps_at_words_and_keeps_a_prompt_with_its_colon(
    report: Path,
) -> None:
    rapporteur = "Kwame Mensah, Department of Computer Science, University of Ghana, Legon"
    report.write_text(
        HEAD.replace("Kwame Mensah, UG", rapporteur).replace('speakers = ["Li Wei, CNNIC"]\n', ""),
        encoding="utf-8",
    )
    term = Terminal(report, env=ACCESSIBLE)
    term.answer("1", ":back")
    found = term.wait_for(r"(?m)^Rapporteur/Notetaker \[(.*)\]: *$")  # colon on its line
    assert found[1].endswith("…")
    assert rapporteur.startswith(found[1][:-1])
    tokens = _tokens(term)
    for spec in FIELDS[5:7]:  # the two fields' questions and instructions, every word whole
        assert set(f"{spec.heading} {spec.instruction}".split()) <= tokens, term.text()
    term.type("\r")  # Enter keeps it
    term.answer("1", ":quit")
    assert term.finish() == 0
    name, affiliation = rapporteur.split(", ", 1)
    assert _saved(report)["rapporteur"] == {"name": name, "affiliation": affiliation}


def test_the_review_keeps_one_line_a_row_at_80_columns(tmp_path: Path) -> None:
    report = tmp_path / "report.toml"
    report.write_text(
        (EXAMPLES / "community-networks.toml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    term = Terminal(report)
    term.wait_for(r"(?m)^Field number to edit, or Enter to save: *$")
    term.settle()
    text = term.text()
    for spec in FIELDS:
        # the number, the whole label, the value and its status on one row
        row = rf"(?m)^│ +{spec.number} │ {re.escape(spec.short)} +│ .+ │ (ok|warning) +│$"
        assert re.search(row, text), text
    assert re.search(r"(?m)│ .*… \(\+3 more\) +│", text), text  # cut, the count kept
    term.type(":quit\r")
    assert term.finish() == 0


def test_two_lines_pasted_in_a_burst_at_a_list_are_two_items_in_the_accessible_mode(
    report: Path,
) -> None:
    report.write_text(HEAD + 'key_issues = ["Access is costly."]\n', encoding="utf-8")
    term = Terminal(report, env=ACCESSIBLE)
    term.answer("1. title (may be empty)", "")
    term.answer("1. summary", "")
    term.wait_for(r"(?m)^1: *$")
    term.type("Alpha one.\rBravo two.")  # a burst, no line break after the last
    term.wait_for(r"(?m)^3: *$")
    term.settle()
    text = term.text()
    assert re.search(r"(?m)^Bravo two\. *$", text), text  # no message glued to it
    term.type("\r")
    term.wait_for(r"11/11")
    term.wait_for(r"(?m)^1: *$")
    term.type(":quit\r")
    assert term.finish() == 0
    assert _saved(report)["discussions"] == ["Alpha one.", "Bravo two."]
