"""Ctrl-C (or SIGTERM, SIGHUP) mid-line keeps the line; ``fill`` puts it back there.

In a real pseudo-terminal read through pyte, in the line editor and in the
accessible mode (the terminal's own line discipline), issue 25, item 14.
"""

from __future__ import annotations

import re
import signal
import sys
from pathlib import Path

import pytest

from igf_report.files.resume import Typed, typed_of

from .test_line_editor_pty import BACKSPACE, CTRL_U, Terminal, _saved

pytestmark = [
    pytest.mark.pty,
    pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX"),
]

MODES = {"editor": None, "accessible": {"ACCESSIBLE": "1"}}
KEPT = "Kept what you were typing at {}; it is on the line when you resume."


def _said(text: str) -> str:
    """``text`` as a pattern that matches it however the terminal wrapped it."""
    return r"\s+".join("\n?".join(map(re.escape, word)) for word in text.split())


@pytest.fixture
def report(tmp_path: Path) -> Path:
    return tmp_path / "report.toml"


def _stop_at_date(report: Path, env: dict[str, str] | None, stop: str = "ctrl-c") -> Terminal:
    term = Terminal(report, env=env)
    term.answer("Session Title", "Access for all")
    term.wait_for(r"(?m)^Date: *$")
    term.type("6 Dec")
    term.wait_for(r"(?m)^Date: 6 Dec *$")
    if stop == "ctrl-c":
        term.type("\x03")
    else:
        term.child.kill(getattr(signal, stop))
    return term


@pytest.mark.parametrize("mode", list(MODES))
def test_ctrl_c_mid_line_keeps_it_and_resume_puts_it_back(report: Path, mode: str) -> None:
    term = _stop_at_date(report, MODES[mode])
    term.wait_for("Interrupted. " + _said(KEPT.format("Date") + " Your answers are saved in"))
    assert term.finish() == 130
    assert "date" not in _saved(report)  # kept, not answered
    assert typed_of(report) == Typed("date", "6 Dec")

    again = Terminal(report, env=MODES[mode])
    again.wait_for("Resuming at field 2")
    if mode == "editor":
        # on the editable line, the cursor at its end: typing goes on from there
        again.wait_for(r"(?m)^Date: 6 Dec *$")
        again.type("ember 2016\r")
    else:
        # the terminal's line discipline cannot be given text: it is the default
        again.wait_for(r"(?m)^Date \[6 Dec\]: *$")
        again.type("6 December 2016\r")
    again.answer("Time", ":quit")
    assert again.finish() == 0
    assert str(_saved(report)["date"]) == "2016-12-06"
    assert typed_of(report) is None


def test_ctrl_u_clears_the_kept_line(report: Path) -> None:
    term = _stop_at_date(report, None)
    assert term.finish() == 130
    again = Terminal(report)
    again.wait_for(r"(?m)^Date: 6 Dec *$")
    again.type(CTRL_U)
    again.wait_for(r"(?m)^Date: *$")
    again.type("7 December 2016\r")
    again.answer("Time", ":quit")
    assert again.finish() == 0
    assert str(_saved(report)["date"]) == "2016-12-07"


def test_enter_in_the_accessible_mode_keeps_the_default(report: Path) -> None:
    env = {"ACCESSIBLE": "1"}
    term = Terminal(report, env=env)
    term.wait_for(r"(?m)^Session Title: *$")
    term.type("Access for a")
    term.wait_for("Access for a")
    term.type("\x03")
    term.wait_for(_said(KEPT.format("Session Title")))
    assert term.finish() == 130
    again = Terminal(report, env=env)
    again.answer("Session Title", "")  # Enter keeps what was kept
    again.answer("Date", ":quit")
    assert again.finish() == 0
    assert _saved(report)["title"] == "Access for a"


@pytest.mark.parametrize("mode", list(MODES))
@pytest.mark.parametrize("stop", ["SIGTERM", "SIGHUP"])
def test_a_signal_mid_line_keeps_it(report: Path, mode: str, stop: str) -> None:
    term = _stop_at_date(report, MODES[mode], stop)
    assert term.finish() == 1
    assert _saved(report)["title"] == "Access for all"
    assert typed_of(report) == Typed("date", "6 Dec")


def test_an_empty_line_keeps_nothing(report: Path) -> None:
    term = Terminal(report)
    term.answer("Session Title", "Access for all")
    term.wait_for(r"(?m)^Date: *$")
    term.type("\x03")
    term.wait_for("Interrupted. Your answers are saved in")
    assert term.finish() == 130
    assert "Kept what" not in term.text()
    assert typed_of(report) is None


@pytest.mark.parametrize("mode", list(MODES))
def test_an_item_of_a_list_in_cjk_is_kept_at_its_number(report: Path, mode: str) -> None:
    report.write_text(
        '# igf-report: resume at discussions[1]\ndiscussions = ["One."]\n', encoding="utf-8"
    )
    term = Terminal(report, env=MODES[mode])
    term.wait_for(r"(?m)^2: *$")
    term.type("互联网治理论坛")
    term.wait_for("互联网治理论坛")
    term.type("\x03")
    term.wait_for(_said(KEPT.format("Discussions, item 2")))
    assert term.finish() == 130
    assert _saved(report)["discussions"] == ["One."]
    assert typed_of(report) == Typed("discussions[1]", "互联网治理论坛")
    again = Terminal(report, env=MODES[mode])
    again.wait_for(r"(?m)^2(: 互联网治理论坛| \[互联网治理论坛\]:) *$")
    again.type("\r")
    again.answer("3", ":quit")
    assert again.finish() == 0
    assert _saved(report)["discussions"] == ["One.", "互联网治理论坛"]


_SPEAKERS_AT_REVIEW = (
    '# igf-report: resume at review\ntemplate = "igf-2016-workshop"\ntitle = "T"\n'
    'date = 2016-12-06\ntime = "10:45 - 11:45 am"\norganizer = "Host"\n'
    'chair = "Ana Pérez, ISOC"\nrapporteur = "Kwame Mensah, UG"\n'
    'speakers = ["Li Wei, CNNIC", "Jean Dupont, Afnic"]\nkey_issues = ["Access is costly."]\n'
    'discussions = ["We talked."]\nway_forward = ["Meet again."]\n'
)


def test_ctrl_c_in_an_item_changed_from_the_review_keeps_it_for_that_item(report: Path) -> None:
    report.write_text(_SPEAKERS_AT_REVIEW, encoding="utf-8")
    term = Terminal(report)
    term.answer("Field number to edit, or Enter to save", "7.2")
    term.wait_for_cursor_line(r"2: Jean Dupont, Afnic *")
    term.type(BACKSPACE * 5 + "AFN")
    term.wait_for_cursor_line(r"2: Jean Dupont, AFN *")
    term.type("\x03")
    term.wait_for(_said(KEPT.format("Speakers, item 2")))
    assert term.finish() == 130
    assert _saved(report)["speakers"] == [
        {"name": "Li Wei", "affiliation": "CNNIC"},
        {"name": "Jean Dupont", "affiliation": "Afnic"},
    ]
    assert typed_of(report) == Typed("speakers[1]", "Jean Dupont, AFN")

    again = Terminal(report)
    again.wait_for(_said("Speakers, item 2 when the wizard stopped is offered again."))
    again.wait_for_cursor_line(r"2: Jean Dupont, AFN *")  # the item, not the list's next
    again.type("IC\r")
    again.wait_for("Changed item 2.")
    again.answer("3", ":quit")
    assert again.finish() == 0
    assert _saved(report)["speakers"] == [
        {"name": "Li Wei", "affiliation": "CNNIC"},
        {"name": "Jean Dupont", "affiliation": "AFNIC"},
    ]
    assert typed_of(report) is None


def test_text_before_a_command_at_an_item_from_the_review_is_offered_again(
    report: Path,
) -> None:
    report.write_text(_SPEAKERS_AT_REVIEW, encoding="utf-8")
    term = Terminal(report)
    term.answer("Field number to edit, or Enter to save", "7.2")
    term.wait_for_cursor_line(r"2: Jean Dupont, Afnic *")
    term.type(BACKSPACE * 5 + "AFNIC :help\r")
    term.wait_for(_said("Took :help as a command"))
    term.answer("Field number to edit, or Enter to save", "7.2")
    term.wait_for_cursor_line(r"2: Jean Dupont, AFNIC *")
    term.type("\r")
    term.wait_for("Changed item 2.")
    term.answer("Field number to edit, or Enter to save", ":quit")
    assert term.finish() == 0
    assert _saved(report)["speakers"] == [
        {"name": "Li Wei", "affiliation": "CNNIC"},
        {"name": "Jean Dupont", "affiliation": "AFNIC"},
    ]
    assert typed_of(report) is None
