"""Shared fixtures: a CLI runner with colour off and a fixed width, and sample reports."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from igf_report.cli import app

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
# The published 2016 report from ../shared/seeds, kept here so the tests stand alone.
SEED = Path(__file__).resolve().parent / "data" / "published-seed-000.txt"

#: The environment every command runs in: no colour, 80 columns, no prompts.
CLI_ENV = {
    "NO_COLOR": "1",
    "TERM": "dumb",
    "COLUMNS": "80",
    "LINES": "24",
    "IGF_REPORT_NO_INPUT": None,
    "FORCE_COLOR": None,
    "_TYPER_FORCE_DISABLE_TERMINAL": "1",
}

Invoke = Callable[..., Result]


@pytest.fixture
def invoke() -> Invoke:
    """Run ``igf-report`` with arguments through CliRunner."""
    runner = CliRunner(env=CLI_ENV)

    def run(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> Result:  # noqa: A002 -- CliRunner's name
        return runner.invoke(app, list(args), input=input, env=env, catch_exceptions=False)

    return run


def valid_data() -> dict[str, Any]:
    """A complete, valid report as a file would hold it."""
    return {
        "template": "igf-2016-workshop",
        "title": "Connecting the Next Billion",
        "date": dt.date(2016, 12, 7),
        "time": {"start": dt.time(9, 0), "end": dt.time(10, 30)},
        "organizer": "Internet Society",
        "chair": {"name": "Ana Pérez", "affiliation": "Internet Society"},
        "rapporteur": {"name": "Kwame Mensah", "affiliation": "University of Ghana"},
        "speakers": [
            {"name": "Li Wei", "affiliation": "CNNIC"},
            {"name": "Jean Dupont", "affiliation": "Afnic"},
        ],
        "key_issues": ["Access is still too expensive in rural areas."],
        "presentations": [{"title": "Community networks", "summary": "A short talk."}],
        "discussions": [
            "Participants agreed that access matters.",
            "Costs were the first obstacle named.",
            "Skills came second.",
        ],
        "way_forward": ["Meet again at IGF 2017.", "Share the data.", "Train trainers."],
    }


@pytest.fixture
def data() -> dict[str, Any]:
    """A fresh copy of :func:`valid_data`."""
    return valid_data()


def snapshot(name: str, actual: str) -> None:
    """Compare ``actual`` to ``tests/snapshots/name``; UPDATE_SNAPSHOTS=1 rewrites it."""
    path = SNAPSHOTS / name
    if os.environ.get("UPDATE_SNAPSHOTS") == "1" or not path.exists():
        if os.environ.get("CI") and not path.exists():
            pytest.fail(f"snapshot {name} is missing")
        path.write_text(actual, encoding="utf-8", newline="\n")
    assert actual == path.read_text(encoding="utf-8")


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Print what the reliability tests tried (see tests/reliability.py)."""
    from .reliability import TALLY  # noqa: PLC0415 -- only at the end of the run

    if not TALLY:
        return
    terminalreporter.section("reliability")
    for what, count in sorted(TALLY.items()):
        terminalreporter.write_line(f"{count:>8,}  {what}")
