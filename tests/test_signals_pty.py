"""SIGINT, SIGTERM and SIGHUP at every prompt of a walk-through leave every answer given."""

from __future__ import annotations

import shutil
import signal
import sys
import tomllib
from pathlib import Path

import pytest

from igf_report.fields import FIELDS

from .reliability import tally
from .test_fill_pty import Session

pytestmark = [
    pytest.mark.pty,
    pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX"),
]

#: What a rapporteur types at each field, line by line.
TYPED: list[list[str]] = [
    ["Connecting the Next Billion"],
    ["6 December 2016"],
    ["10:45 - 11:45 am"],
    ["Host country"],
    ["Ana Pérez, Internet Society"],
    ["Kwame Mensah, University of Ghana"],
    ["Li Wei, CNNIC", ""],
    ["Access is costly.", ""],
    ["Gob.mx", "A single point of access.", "", ""],
    ["We discussed access.", ""],
    ["Meet again.", ""],
]
SIGNALS = {
    "SIGINT": (signal.SIGINT, 130),
    "SIGTERM": (signal.SIGTERM, 1),
    "SIGHUP": (signal.SIGHUP, 1),
}


@pytest.mark.parametrize("name", list(SIGNALS))
@pytest.mark.parametrize("field", range(len(FIELDS)), ids=[s.key for s in FIELDS])
def test_a_signal_at_any_prompt_keeps_every_answer_before_it(
    tmp_path: Path, field: int, name: str
) -> None:
    signum, code = SIGNALS[name]
    report = tmp_path / "report.toml"
    session = Session(report)
    for index in range(field):
        session.expect(rf"{index + 1}/{len(FIELDS)}  ")
        for line in TYPED[index]:
            session.child.expect(r": $")
            session.child.sendline(line)
    session.expect(rf"{field + 1}/{len(FIELDS)}  ")
    session.child.expect(r": $")
    session.child.kill(signum)
    assert session.finish() == code
    tally(f"interruptions at a prompt: {name}")
    data = tomllib.loads(report.read_text(encoding="utf-8")) if report.exists() else {}
    expected = {spec.key for spec in FIELDS[:field]}
    assert set(data) - {"template"} == expected
    if field > 0:
        assert data["title"] == TYPED[0][0]


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
    session.expect(f"Your answers are saved in {saved}")
    session.finish()
    data = tomllib.loads(saved.read_text(encoding="utf-8"))
    assert data["title"] == "Written before"
    assert data["date"].isoformat() == "2016-12-06"
