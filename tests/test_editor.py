"""``:edit``: the editor file, and editors that fail, return at once or change nothing."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from igf_report.fields import FIELDS
from igf_report.wizard.editor import editor_command, items_to_text, launch, text_to_items

DISCUSSIONS = next(spec for spec in FIELDS if spec.key == "discussions")


def test_the_file_round_trips_the_items() -> None:
    items = ["First paragraph.", "Second, with [markup] and # not a comment."]
    text = items_to_text(DISCUSSIONS, items)
    assert text.startswith(f"# 10. {DISCUSSIONS.heading}\n# {DISCUSSIONS.instruction}\n")
    assert text_to_items(DISCUSSIONS, text) == items


def test_editor_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VISUAL", "code --wait")
    monkeypatch.setenv("EDITOR", "nano")
    assert editor_command() == ["code", "--wait"]
    monkeypatch.delenv("VISUAL")
    assert editor_command() == ["nano"]
    monkeypatch.delenv("EDITOR")
    assert editor_command() == (["notepad"] if sys.platform == "win32" else ["vi"])


def test_an_editor_that_returns_at_once_changes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VISUAL", f"{sys.executable} -c pass")
    outcome = launch("# header\n\nkeep\n")
    assert outcome.text is None
    assert "returned at once without changes" in outcome.reason
    assert "--wait" in outcome.reason


def test_an_editor_that_cannot_start_changes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VISUAL", "/no/such/editor")
    outcome = launch("x\n")
    assert outcome.text is None
    assert "could not start the editor '/no/such/editor'" in outcome.reason


def test_an_editor_that_writes_gives_the_new_text(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    script = tmp_path / "ed.py"
    script.write_text(
        "import sys, pathlib\np = pathlib.Path(sys.argv[1])\n"
        "p.write_text(p.read_text(encoding='utf-8') + 'added\\n', encoding='utf-8')\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("VISUAL", f"{sys.executable} {script}")
    outcome = launch("start\n")
    assert outcome.text == "start\nadded\n"
    assert not list(Path(tmp_path).glob("igf-report-*"))
