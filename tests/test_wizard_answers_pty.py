"""What the walk-through does with answers, typed as a person would in a real terminal.

Each test runs ``fill`` in an emulated 80-column xterm (see
:mod:`tests.test_line_editor_pty`), reads the screen through pyte and compares
what the screen said with what the report file holds.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

import pytest

from .test_line_editor_pty import BACKSPACE, CTRL_U, Terminal, _saved

pytestmark = [
    pytest.mark.pty,
    pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX"),
]

_UP_TO_KEY_ISSUES = (
    'template = "igf-2016-workshop"\ntitle = "T"\ndate = 2016-12-06\n'
    'time = "10:45 - 11:45 am"\norganizer = "Host"\nchair = "Ana Pérez, ISOC"\n'
    'rapporteur = "Kwame Mensah, UG"\nspeakers = ["Li Wei, CNNIC", "Jean Dupont, Afnic"]\n'
    'key_issues = ["Access is costly."]\n'
)


@pytest.fixture
def report(tmp_path: Path) -> Path:
    return tmp_path / "report.toml"


def _prompt(term: Terminal, prompt: str, line: str = "") -> None:
    """Wait until the cursor stands on the prompt, ``line`` on it to edit."""
    on_line = f" {re.escape(line)}" if line else ""
    term.wait_for_cursor_line(rf"{re.escape(prompt)}:{on_line} *")


@pytest.mark.parametrize("accessible", [False, True], ids=["editor", "accessible"])
def test_dates_times_and_persons_are_said_back_and_doubtful_ones_confirmed(
    report: Path, *, accessible: bool
) -> None:
    term = Terminal(report, env={"ACCESSIBLE": "1"} if accessible else None)
    said = "Read as {}." if accessible else "  → {}"
    term.answer("Session Title", "Community Networks")
    term.answer("Date", "Monday, 6 December 2016")
    term.wait_for(r"6 December 2016\s+is a Tuesday,\s+not a Monday")
    term.settle()  # the prompt asks again
    if not accessible:
        assert re.search(r"(?m)^Date: Monday, 6 December 2016\Z", term.text().rstrip())
        term.type(CTRL_U)  # it was given back to correct: cleared
    _prompt(term, "Date")
    term.type("6 Dec 2106\r")
    term.wait_for(re.escape(said.format("Monday 6 December 2106")))
    term.answer("Did you mean Tuesday 6 December 2016? [Y/n]", "")
    term.wait_for(re.escape(said.format("Tuesday 6 December 2016")))
    term.answer("Time", "3-4:30")
    term.wait_for(re.escape(said.format("03:00 - 04:30")))
    term.answer("Did you mean 15:00 - 16:30? [Y/n]", "y")
    term.wait_for(re.escape(said.format("15:00 - 16:30")))
    term.answer("Session Organizer", "Internet Society")
    term.answer("Chair/Moderator", "Ana Pérez, ISOC")
    term.wait_for(re.escape(said.format("Ana Pérez · ISOC")))
    term.answer("Rapporteur/Notetaker", ":quit")
    assert term.finish() == 0
    saved = _saved(report)
    assert saved["date"] == dt.date(2016, 12, 6)
    assert saved["time"] == {"start": dt.time(15), "end": dt.time(16, 30)}
    assert saved["chair"] == {"name": "Ana Pérez", "affiliation": "ISOC"}


def test_no_keeps_a_doubtful_time_as_typed(report: Path) -> None:
    term = Terminal(report)
    term.answer("Session Title", "T")
    term.answer("Date", "6 December 2016")
    term.answer("Time", "5-6")
    term.answer("Did you mean 17:00 - 18:00? [Y/n]", "n")
    term.wait_for("Kept 05:00 - 06:00, as you typed it.")
    term.answer("Session Organizer", ":quit")
    assert term.finish() == 0
    assert _saved(report)["time"] == {"start": dt.time(5), "end": dt.time(6)}


def test_undo_at_a_summary_takes_back_only_its_title(report: Path) -> None:
    report.write_text(
        "# igf-report: resume at presentations[1]\n" + _UP_TO_KEY_ISSUES + "[[presentations]]\n"
        'title = "Gob.mx"\nsummary = "One."\n',
        encoding="utf-8",
    )
    term = Terminal(report)
    term.answer("2. title (may be empty)", "Typo")
    term.answer("2. summary", ":undo")
    term.wait_for("Took back the title of presentation 2: Typo")
    _prompt(term, "2. title (may be empty)")
    term.type(":quit\r")
    assert term.finish() == 0
    assert _saved(report)["presentations"] == [{"title": "Gob.mx", "summary": "One."}]
    assert "Removed" not in term.text()


def test_resume_at_a_title_saved_alone_names_the_item_asked(report: Path) -> None:
    report.write_text(
        "# igf-report: resume at presentations[0]\n" + _UP_TO_KEY_ISSUES + "[[presentations]]\n"
        'title = "Gob.mx"\n',
        encoding="utf-8",
    )
    term = Terminal(report)
    term.wait_for("Resuming at field 9, Presentations, item 1, where you stopped")
    _prompt(term, "1. title (may be empty)", "Gob.mx")  # on the line, Enter keeps it
    assert "Example title: Gob.mx" in term.text()
    assert "Example summary: The platform gob.mx is a single point" in term.text()
    term.type("\r")
    term.answer("1. summary", "A single point of access.")
    term.answer("2. title (may be empty)", ":quit")
    assert term.finish() == 0
    assert _saved(report)["presentations"] == [
        {"title": "Gob.mx", "summary": "A single point of access."}
    ]


def test_an_old_answer_is_on_the_line_to_edit_one_word(report: Path) -> None:
    term = Terminal(report)
    term.answer("Session Title", "Community Networks in Rural Asia")
    term.answer("Date", ":back")
    _prompt(term, "Session Title", "Community Networks in Rural Asia")
    term.type(BACKSPACE * 4 + "Africa\r")
    term.answer("Date", ":quit")
    assert term.finish() == 0
    assert _saved(report)["title"] == "Community Networks in Rural Africa"


def test_an_item_is_changed_from_the_review_on_its_line(report: Path) -> None:
    report.write_text(
        "# igf-report: resume at review\n" + _UP_TO_KEY_ISSUES
        + 'discussions = ["We talked."]\nway_forward = ["Meet again."]\n',
        encoding="utf-8",
    )  # fmt: skip
    term = Terminal(report)
    term.answer("Field number to edit, or Enter to save", "7.2")
    _prompt(term, "2", "Jean Dupont, Afnic")
    term.type(BACKSPACE * 5 + "AFNIC\r")
    term.wait_for("Jean Dupont · AFNIC")
    term.wait_for("Changed item 2.")
    term.answer("Field number to edit, or Enter to save", "7")
    _prompt(term, "3")
    term.type(":remove 1\r")
    term.wait_for("Removed item 1: Li Wei, CNNIC")
    _prompt(term, "2")
    term.type(":quit\r")
    assert term.finish() == 0
    assert _saved(report)["speakers"] == [{"name": "Jean Dupont", "affiliation": "AFNIC"}]


@pytest.mark.parametrize("accessible", [False, True], ids=["editor", "accessible"])
def test_a_report_never_walked_is_completed_optional_fields_included(
    report: Path, *, accessible: bool
) -> None:
    report.write_text(_UP_TO_KEY_ISSUES + 'way_forward = ["Meet again."]\n', encoding="utf-8")
    term = Terminal(report, env={"ACCESSIBLE": "1"} if accessible else None)
    term.wait_for(r"Completing an imported report: 2 fields left \(Presentations,\s+Discussions\)")
    term.answer("1. title (may be empty)", "")
    term.answer("1. summary", "")
    term.answer("1", "We talked.")
    term.answer("2", "")
    term.answer("Field number to edit, or Enter to save", "")
    assert term.finish() == 0
    saved = _saved(report)
    assert saved["discussions"] == ["We talked."]
    assert "presentations" not in saved


def test_a_command_typed_after_the_old_answer_is_that_command(report: Path) -> None:
    term = Terminal(report)
    term.answer("Session Title", "My session")
    term.answer("Date", ":back")
    _prompt(term, "Session Title", "My session")
    term.type(":back\r")  # typed after the old answer, still on the line
    term.wait_for("This is the first field.")
    _prompt(term, "Session Title", "My session")
    term.type(" :help\r")
    term.wait_for("Commands: :back")
    _prompt(term, "Session Title", "My session")
    term.type("::back\r")  # the escape: the text ends with ':back'
    _prompt(term, "Date")
    term.type(":back\r")
    _prompt(term, "Session Title", "My session:back")
    term.type("\r")  # Enter keeps it as it is
    _prompt(term, "Date")
    term.type(":back\r")
    _prompt(term, "Session Title", "My session:back")
    term.type(BACKSPACE * 5 + "\r")
    _prompt(term, "Date")
    term.type(":quit\r")
    assert term.finish() == 0
    assert _saved(report)["title"] == "My session"


def test_a_command_at_the_end_of_an_edited_answer_is_not_saved(report: Path) -> None:
    term = Terminal(report)
    term.answer("Session Title", "My session")
    term.answer("Date", ":back")
    _prompt(term, "Session Title", "My session")
    term.type(" two:back\r")
    term.wait_for(r"Took :back as a command; the answer is unchanged, and what you typed")
    term.wait_for("This is the first field.")
    _prompt(term, "Session Title", "My session two")  # given back, to finish
    term.type(":quit\r")
    assert term.finish() == 0
    assert _saved(report)["title"] == "My session"


def test_the_goodbye_wraps_at_words_and_keeps_the_command_whole(tmp_path: Path) -> None:
    name = "a-session-report-with-a-long-name.toml"  # the command would cross column 80
    report = tmp_path / name
    term = Terminal(report, args=["-m", "igf_report", "fill", name])
    term.answer("Session Title", "T")
    term.answer("Date", ":quit")
    assert term.finish() == 0
    text = term.text()
    said = text[text.index("Your answers are saved") :].rstrip()
    command = f"`igf-report fill {name}`"
    assert any(command in line for line in said.splitlines()), said  # never cut
    for line in said.splitlines():
        assert len(line) < 80, said  # wrapped by the program, at a space
    assert " ".join(said.split()) == f"Your answers are saved in {name}; run {command} to go on."
