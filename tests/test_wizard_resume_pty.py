"""Resuming and going back in a real pseudo-terminal: what is shown and what is saved."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import pytest

from .test_fill_pty import ANSWERS, Session

pytestmark = [
    pytest.mark.pty,
    pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX"),
]


def _up_to_discussions(session: Session) -> None:
    for label, text in ANSWERS:
        session.answer(label, text)
    session.item(1, "Li Wei, CNNIC")
    session.item(2, "")
    session.item(1, "Access is still too expensive.")
    session.item(2, "")
    session.answer("1. title (may be empty)", "")
    session.answer("1. summary", "")


def test_ctrl_c_inside_a_list_resumes_at_its_next_item(tmp_path: Path) -> None:
    report = tmp_path / "report.toml"
    session = Session(report)
    _up_to_discussions(session)
    session.item(1, "Participants discussed access.")
    session.item(2, "Costs came first.")
    session.expect(r"\n3: ")
    session.child.sendintr()
    session.expect("Interrupted. Your answers are saved in")
    assert session.finish() == 130
    text = report.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# igf-report: resume at discussions[2]"
    assert tomllib.loads(text)["discussions"] == [
        "Participants discussed access.",
        "Costs came first.",
    ]

    again = Session(report)
    again.expect("Resuming at field 10, Discussions, item 3")
    again.expect(r"1\. Participants discussed access\.")
    again.item(3, "Skills came second.")
    again.item(4, "")
    again.item(1, "Meet again at IGF 2017.")
    again.item(2, "")
    again.answer("Field number to edit, or Enter to save", "")
    assert again.finish() == 0
    text = report.read_text(encoding="utf-8")
    assert "resume at" not in text
    assert len(tomllib.loads(text)["discussions"]) == 3


def test_back_twice_then_an_answer_goes_on_to_the_next_field(tmp_path: Path) -> None:
    report = tmp_path / "report.toml"
    session = Session(report)
    for label, text in ANSWERS[:3]:
        session.answer(label, text)
    session.answer("Session Organizer", ":back")
    session.answer("Time", ":back", default="10:45 - 11:45")
    session.answer("Date", "7 December 2016", default="2016-12-06")
    session.answer("Time", "", default="10:45 - 11:45")  # not skipped
    session.answer("Session Organizer", ":back")
    session.answer("Time", ":quit", default="10:45 - 11:45")
    session.expect("Your answers are saved in")
    assert session.finish() == 0
    text = report.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# igf-report: resume at time"
    assert tomllib.loads(text)["date"].isoformat() == "2016-12-07"

    again = Session(report)
    again.expect("Resuming at field 3, Time, where you stopped")
    again.answer("Time", ":quit", default="10:45 - 11:45")
    assert again.finish() == 0


def test_short_headings_and_long_items_wrapped_under_their_own_text(tmp_path: Path) -> None:
    report = tmp_path / "report.toml"
    long = " ".join(["Participants discussed access at length."] * 4)
    report.write_text(
        f'# igf-report: resume at discussions[1]\ndiscussions = ["{long}"]\n', encoding="utf-8"
    )
    session = Session(report, env={"COLUMNS": "60"})
    session.expect("10/11  Discussions\r\n")
    session.expect("Please describe the Discussions that took place")
    session.expect(r"  1\. Participants discussed access at length\. [^\r]*\r\n")
    session.expect(r"     (Participants|discussed|access|at|length)")  # under its text
    session.item(2, ":undo")
    session.expect(f"Removed item 1: {long[:30]}")
    session.item(1, ":quit")
    assert session.finish() == 0
