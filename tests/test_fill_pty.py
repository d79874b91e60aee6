"""``igf-report fill`` in a real pseudo-terminal, typed as a person would."""

from __future__ import annotations

import json
import os
import re
import signal
import sys
import tomllib
from pathlib import Path

import pexpect
import pytest

from igf_report.readers import import_report

from .conftest import EXAMPLES, SEED

pytestmark = [
    pytest.mark.pty,
    pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX"),
]

ANSWERS = [
    ("Session Title", "Connecting the Next Billion (Conectar)"),
    ("Date", "6 December 2016"),
    ("Time", "10:45 - 11:45 am"),
    ("Session Organizer", "Host country"),
    ("Chair/Moderator", "Yolanda Martínez Mancilla, Ministry of Public Administration"),
    ("Rapporteur/Notetaker", "Søren Ødegård, Nordic Internet Forum"),
]


class Session:
    """One ``igf-report fill`` in a pseudo-terminal."""

    def __init__(
        self, report: Path, env: dict[str, str] | None = None, args: tuple[str, ...] = ()
    ) -> None:
        self.child = pexpect.spawn(
            sys.executable,
            ["-m", "igf_report", "fill", str(report), *args],
            cwd=str(report.parent),
            env={**os.environ, "NO_COLOR": "1", "TERM": "dumb", "COLUMNS": "120", **(env or {})},
            encoding="utf-8",
            dimensions=(50, 120),
            timeout=20,
        )

    def answer(self, label: str, text: str, default: str | None = None) -> None:
        """Wait for the prompt of ``label`` (with ``default`` shown), then type ``text``."""
        shown = rf" \[{re.escape(default)}\]" if default else r"(?: \[[^\]]*\])?"
        self.child.expect(rf"{re.escape(label)}{shown}: ")
        self.child.sendline(text)

    def item(self, number: int, text: str) -> None:
        self.child.expect(rf"\n{number}: ")
        self.child.sendline(text)

    def expect(self, pattern: str) -> None:
        self.child.expect(pattern)

    def finish(self) -> int:
        self.child.expect(pexpect.EOF)
        self.child.close()
        return int(self.child.exitstatus if self.child.exitstatus is not None else -1)


@pytest.fixture
def report(tmp_path: Path) -> Path:
    return tmp_path / "report.toml"


def _first_six(session: Session) -> None:
    for label, text in ANSWERS:
        session.answer(label, text)


def _lists(session: Session) -> None:
    session.item(1, "Li Wei, CNNIC")
    session.item(2, "Jean Dupont, Afnic")
    session.item(3, "")
    session.item(1, "Access is still too expensive.")
    session.item(2, "")
    session.answer("1. title (may be empty)", "Gob.mx")
    session.answer("1. summary", "A single point of access to government services.")
    session.answer("2. title (may be empty)", "")
    session.answer("2. summary", "")
    session.item(1, "We discussed access.")
    session.item(2, "")
    session.item(1, "Meet again at IGF 2017.")
    session.item(2, "")


def test_a_whole_report_from_an_empty_file(report: Path) -> None:
    session = Session(report)
    session.expect("1/11  Session Title")
    session.expect("Example: ")
    _first_six(session)
    session.expect("7/11  Speakers\r\nList of Speakers and their institutional affiliations")
    _lists(session)
    session.expect("Review")
    session.answer("Field number to edit, or Enter to save", "")
    session.expect(r"Wrote\s+\S*report\.toml\s+and\s+\S*report\.txt")
    session.expect("due by 23 December 2016")
    assert session.finish() == 0
    data = tomllib.loads(report.read_text(encoding="utf-8"))
    assert data["chair"]["name"] == "Yolanda Martínez Mancilla"
    assert data["rapporteur"]["name"] == "Søren Ødegård"
    assert data["presentations"] == [
        {"title": "Gob.mx", "summary": "A single point of access to government services."}
    ]
    text = report.with_suffix(".txt").read_text(encoding="utf-8")
    assert "Søren Ødegård, Nordic Internet Forum" in text


def test_an_invalid_date_is_refused_then_corrected_and_back_works(report: Path) -> None:
    session = Session(report)
    session.answer("Session Title", "First title")
    session.answer("Date", "31/31/2016")
    session.expect("is not a date on the calendar")
    # a refused answer is not offered back as a default that Enter would resubmit
    session.expect(r"\nDate: ")
    session.child.sendline("")
    session.expect("is required")
    session.answer("Date", "07/08/2016")
    session.expect("could be 8 July 2016 or 7 August 2016")
    session.answer("Date", "2016-12-07")
    session.answer("Time", ":back")
    session.answer("Date", "", default="2016-12-07")
    session.answer("Time", ":back")
    session.answer("Date", ":back", default="2016-12-07")
    session.answer("Session Title", "Second title", default="First title")
    session.answer("Date", "", default="2016-12-07")  # on in order, nothing skipped
    session.answer("Time", ":quit")
    session.expect("Your answers are saved in")
    assert session.finish() == 0
    data = tomllib.loads(report.read_text(encoding="utf-8"))
    assert data["title"] == "Second title"
    assert data["date"].isoformat() == "2016-12-07"


def test_ctrl_c_keeps_the_draft_and_resuming_finishes(report: Path) -> None:
    session = Session(report)
    for label, text in ANSWERS[:3]:
        session.answer(label, text)
    session.child.expect("Session Organizer: ")
    session.child.sendintr()
    session.expect("Interrupted. Your answers are saved in")
    # the prompt's line is ended, not shown as a line break made visible
    assert (session.child.before or "").endswith("\n")
    assert session.finish() == 130
    assert "Traceback" not in (session.child.before or "")
    data = tomllib.loads(report.read_text(encoding="utf-8"))
    assert set(data) == {"template", "title", "date", "time"}

    again = Session(report)
    again.expect("Resuming at field 4")
    for label, text in ANSWERS[3:]:
        again.answer(label, text)
    _lists(again)
    again.answer("Field number to edit, or Enter to save", "")
    assert again.finish() == 0
    data = tomllib.loads(report.read_text(encoding="utf-8"))
    assert data["title"] == ANSWERS[0][1]
    assert data["organizer"] == "Host country"


def test_editing_a_field_from_the_review(report: Path) -> None:
    report.write_bytes((EXAMPLES / "community-networks.toml").read_bytes())
    session = Session(report)
    session.expect("Review")
    session.answer("Field number to edit, or Enter to save", "4")
    session.answer(
        "Session Organizer",
        "Internet Society",
        default="Dynamic Coalition on Community Connectivity",
    )
    session.expect("Review")
    session.answer("Field number to edit, or Enter to save", "")
    assert session.finish() == 0
    assert tomllib.loads(report.read_text(encoding="utf-8"))["organizer"] == "Internet Society"


def test_edit_opens_the_editor_on_the_list(report: Path, tmp_path: Path) -> None:
    editor = tmp_path / "editor.py"
    editor.write_text(
        "import sys, pathlib\n"
        "p = pathlib.Path(sys.argv[1])\n"
        "text = p.read_text(encoding='utf-8')\n"
        "p.write_text(text + 'First paragraph,\\nwrapped.\\n---\\nSecond paragraph.\\n',"
        " encoding='utf-8')\n",
        encoding="utf-8",
    )
    data = (EXAMPLES / "community-networks.toml").read_text(encoding="utf-8")
    report.write_text(data.split("discussions = [")[0], encoding="utf-8")
    session = Session(report, env={"EDITOR": f"{sys.executable} {editor}", "VISUAL": ""})
    session.expect("10/11  Discussions\r\nPlease describe the Discussions")
    session.item(1, ":edit")
    session.expect("1. First paragraph,")
    session.item(3, "")
    session.answer("1", ":quit")
    assert session.finish() == 0
    written = tomllib.loads(report.read_text(encoding="utf-8"))
    assert written["discussions"] == ["First paragraph,\nwrapped.", "Second paragraph."]


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_closed_terminal_or_sigterm_keeps_the_draft(report: Path, signum: int) -> None:
    session = Session(report)
    for label, text in ANSWERS[:2]:
        session.answer(label, text)
    session.child.expect("Time: ")
    session.child.kill(signum)
    assert session.finish() == 1
    data = tomllib.loads(report.read_text(encoding="utf-8"))
    assert data["title"] == ANSWERS[0][1]
    assert data["date"].isoformat() == "2016-12-06"


def test_markup_and_escape_sequences_are_shown_as_typed(report: Path) -> None:
    title = "[bold red]x[/bold red] \x1b]0;pwned\x07 \x1b[31my\u202e"
    report.write_text(f"title = {json.dumps(title)}\n", encoding="utf-8")
    session = Session(report)
    session.answer("Date", ":back")
    session.expect(r"Session Title \[\[bold red\]x\[/bold red\] ␛\]0;pwned␇ ␛\[31my<U\+202E>\]: ")
    session.child.sendline("[i]typed[/i]")
    session.answer("Date", ":back")
    session.expect(r"Session Title \[\[i\]typed\[/i\]\]: ")
    session.child.sendline(":quit")
    assert session.finish() == 0
    assert "\x1b" not in (session.child.before or "")
    assert tomllib.loads(report.read_text(encoding="utf-8"))["title"] == "[i]typed[/i]"


def test_fill_on_an_imported_seed_opens_at_the_rapporteur(report: Path) -> None:
    report.write_text(import_report(SEED).toml, encoding="utf-8")
    session = Session(report)
    # never walked: what is missing is named and asked, not "resuming" a walk
    session.expect(r"Completing an imported report: 1 field left \(Rapporteur/Notetaker\)")
    session.answer("Rapporteur/Notetaker", "Ana Pérez, ISOC Mexico")
    session.expect("Read as Ana Pérez · ISOC Mexico.")
    session.expect("Review")
    session.answer("Field number to edit, or Enter to save", "")
    assert session.finish() == 0
    data = tomllib.loads(report.read_text(encoding="utf-8"))
    assert data["rapporteur"] == {"name": "Ana Pérez", "affiliation": "ISOC Mexico"}
    assert len(data["presentations"]) == 8


def test_answers_given_with_set_are_saved_before_the_first_prompt(report: Path) -> None:
    session = Session(report, args=("--set", "organizer=Host country"))
    session.answer("Session Title", ":quit")
    assert session.finish() == 0
    assert tomllib.loads(report.read_text(encoding="utf-8"))["organizer"] == "Host country"


def test_a_block_sent_at_once_to_a_list_keeps_its_blank_lines_inside(report: Path) -> None:
    report.write_text(
        'title = "T"\ndate = 2016-12-06\ntime = "10:45 - 11:45 am"\norganizer = "Host"\n'
        'chair = "Ana Pérez, ISOC"\nrapporteur = "Kwame Mensah, UG"\n',
        encoding="utf-8",
    )
    session = Session(report)
    session.expect(r"\n1: ")
    # a terminal without bracketed paste sends a pasted block as typed lines, at once
    session.child.send("Li Wei, CNNIC\r\rJean Dupont, Afnic\r")
    session.expect("3: ")  # the terminal echoed the block at once, before the prompts
    session.child.sendline("")
    session.answer("1", ":quit")
    assert session.finish() == 0
    assert tomllib.loads(report.read_text(encoding="utf-8"))["speakers"] == [
        {"name": "Li Wei", "affiliation": "CNNIC"},
        {"name": "Jean Dupont", "affiliation": "Afnic"},
    ]


def test_lines_pasted_at_a_one_line_field_answer_no_later_field(report: Path) -> None:
    report.write_text(
        'title = "T"\ndate = 2016-12-06\ntime = "10:45 - 11:45 am"\norganizer = "Host"\n',
        encoding="utf-8",
    )
    session = Session(report)
    session.expect("Chair/Moderator: ")
    # the plain mode asks for no bracketed paste: the terminal sends the lines as typed
    session.child.send("Ana Pérez, ISOC\rKwame Mensah, University of Ghana\r")
    session.expect("A paste of 2 lines cannot go in this one-line field")
    session.answer("Chair/Moderator", "Ana Pérez, ISOC")
    session.answer("Rapporteur/Notetaker", ":quit")
    assert session.finish() == 0
    saved = tomllib.loads(report.read_text(encoding="utf-8"))
    assert saved["chair"] == {"name": "Ana Pérez", "affiliation": "ISOC"}
    assert "rapporteur" not in saved


def test_a_report_with_a_long_name_keeps_each_answer(tmp_path: Path) -> None:
    # 80 CJK characters and .toml, 245 bytes: the temporary name passed 255,
    # and the wizard exited 1 after the first answer, losing it
    report = tmp_path / ("报" * 80 + ".toml")
    session = Session(report)
    for label, text in ANSWERS[:2]:
        session.answer(label, text)
    session.child.expect("Time: ")
    session.child.sendintr()
    session.expect("Interrupted. Your answers are saved in")
    assert session.finish() == 130
    data = tomllib.loads(report.read_text(encoding="utf-8"))
    assert data["title"] == ANSWERS[0][1]
    assert data["date"].isoformat() == "2016-12-06"
    assert sorted(p.name for p in tmp_path.iterdir()) == [report.name]
