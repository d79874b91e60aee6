"""SIGINT, SIGTERM and SIGHUP at every prompt of a walk-through leave every answer given."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import signal
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from igf_report.template.fields import FIELDS

from .reliability import tally
from .test_fill_pty import Session

pytestmark = [
    pytest.mark.pty,
    pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX"),
]

_CHAIR = {"name": "Ana Pérez", "affiliation": "Internet Society"}
_RAPPORTEUR = {"name": "Kwame Mensah", "affiliation": "University of Ghana"}
_TALK = {"title": "Gob.mx", "summary": "A single point of access."}


@dataclass(frozen=True)
class Prompt:
    """One prompt of a walk-through: what is typed there, and what the file holds after it."""

    field: int  # 1-based, or 0 for the review
    typed: str
    saved: dict[str, Any]


#: Every prompt of a walk-through from an empty file, in order: each field,
#: each list item and the empty line that ends the list, each presentation's
#: title and summary, and the review. ``saved`` is the file after the answer.
WALK: list[Prompt] = []


def _walk() -> None:
    saved: dict[str, Any] = {}

    def prompt(field: int, typed: str, **after: Any) -> None:
        saved.update(after)
        WALK.append(Prompt(field, typed, dict(saved)))

    prompt(1, "Connecting the Next Billion", title="Connecting the Next Billion")
    prompt(2, "6 December 2016", date=dt.date(2016, 12, 6))
    prompt(3, "10:45 - 11:45 am", time={"start": dt.time(10, 45), "end": dt.time(11, 45)})
    prompt(4, "Host country", organizer="Host country")
    prompt(5, "Ana Pérez, Internet Society", chair=_CHAIR)
    prompt(6, "Kwame Mensah, University of Ghana", rapporteur=_RAPPORTEUR)
    prompt(7, "Li Wei, CNNIC", speakers=[{"name": "Li Wei", "affiliation": "CNNIC"}])
    prompt(7, "")
    prompt(8, "Access is costly.", key_issues=["Access is costly."])
    prompt(8, "")
    # a title alone is not a presentation yet, but what was typed is kept
    prompt(9, _TALK["title"], presentations=[{"title": _TALK["title"]}])
    prompt(9, _TALK["summary"], presentations=[_TALK])
    prompt(9, "")  # the next title, empty...
    prompt(9, "")  # ...and its summary, empty: the list ends
    prompt(10, "We discussed access.", discussions=["We discussed access."])
    prompt(10, "")
    prompt(11, "Meet again.", way_forward=["Meet again."])
    prompt(11, "")
    prompt(0, "")  # the review: Enter saves


_walk()
SIGNALS = {
    "SIGINT": (signal.SIGINT, 130),
    "SIGTERM": (signal.SIGTERM, 1),
    "SIGHUP": (signal.SIGHUP, 1),
}


def _where(index: int) -> str:
    field = WALK[index].field
    if not field:
        return "review"
    nth = sum(1 for p in WALK[:index] if p.field == field) + 1
    return f"{FIELDS[field - 1].key}-{nth}"


@pytest.mark.parametrize("name", list(SIGNALS))
@pytest.mark.parametrize("at", range(len(WALK)), ids=[_where(i) for i in range(len(WALK))])
def test_a_signal_at_any_prompt_keeps_every_answer_before_it(
    tmp_path: Path, at: int, name: str
) -> None:
    signum, code = SIGNALS[name]
    report = tmp_path / "report.toml"
    session = Session(report)
    for index, step in enumerate(WALK[: at + 1]):
        if step.field and (index == 0 or WALK[index - 1].field != step.field):
            session.expect(rf"{step.field}/{len(FIELDS)}  ")
        session.child.expect(r": $")
        if index < at:
            session.child.sendline(step.typed)
    session.child.kill(signum)
    assert session.finish() == code
    data = tomllib.loads(report.read_text(encoding="utf-8")) if report.exists() else {}
    data.pop("template", None)
    assert data == (WALK[at - 1].saved if at else {})
    tally(f"interruptions at a prompt: {name}")


def test_answers_survive_a_folder_that_disappears(tmp_path: Path) -> None:
    folder = tmp_path / "usb-stick"
    folder.mkdir()
    report = folder / "report.toml"
    fallback_dir = tmp_path / "tmp"
    fallback_dir.mkdir()
    session = Session(report, env={"TMPDIR": str(fallback_dir)})
    session.answer("Session Title", "Written before")
    session.child.expect("Date: ")
    shutil.rmtree(folder)
    session.child.sendline("6 December 2016")
    session.expect("your answers are saved in")
    session.answer("Time", ":quit")
    (saved,) = fallback_dir.glob("igf-report-draft-*-report.toml")
    session.expect(rf"Your answers are saved in\s+{re.escape(str(saved))}")  # wrapped at words
    session.finish()
    data = tomllib.loads(saved.read_text(encoding="utf-8"))
    assert data["title"] == "Written before"
    assert data["date"].isoformat() == "2016-12-06"


def test_quit_at_a_summary_keeps_the_title_typed(tmp_path: Path) -> None:
    report = tmp_path / "report.toml"
    session = Session(report)
    for step in WALK[:11]:  # up to the first presentation's title
        session.child.expect(r": $")
        session.child.sendline(step.typed)
    session.child.expect("summary: $")
    session.child.sendline(":quit")
    assert session.finish() == 0
    data = tomllib.loads(report.read_text(encoding="utf-8"))
    assert data["presentations"] == [{"title": "Gob.mx"}]
    # resuming offers the title again, then asks its summary
    session = Session(report)
    session.child.expect(r"1\. title \(may be empty\).*: ")
    session.child.sendline("")  # Enter keeps the title offered
    session.child.expect("summary: $")
    session.child.sendline("One portal for every service.")
    session.child.expect(r"2\. title")
    session.child.sendline(":quit")
    assert session.finish() == 0
    data = tomllib.loads(report.read_text(encoding="utf-8"))
    assert data["presentations"] == [
        {"title": "Gob.mx", "summary": "One portal for every service."}
    ]
