"""Every command is documented, has an example, and its --help is snapshotted."""

from __future__ import annotations

import re

import pytest
import typer

from igf_report import __version__
from igf_report.cli import app

from .conftest import ROOT, Invoke, snapshot

COMMANDS = sorted(
    name
    for name in typer.main.get_command(app).commands  # type: ignore[attr-defined]
)


def test_version(invoke: Invoke) -> None:
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout == f"igf-report {__version__}\n"


def test_top_level_help(invoke: Invoke) -> None:
    result = invoke("--help")
    assert result.exit_code == 0
    snapshot("help.txt", result.stdout)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(invoke: Invoke, command: str) -> None:
    result = invoke(command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout
    snapshot(f"help-{command}.txt", result.stdout)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_in_the_readme(command: str) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"^### `igf-report {command}\b", readme, re.MULTILINE), command
