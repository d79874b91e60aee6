"""Every command is documented, has an example, and its --help is snapshotted."""

from __future__ import annotations

import importlib
import re
import subprocess
import sys

import pytest
import typer

from igf_report import __version__
from igf_report.cli import app
from igf_report.cli.commands import COMMANDS as TABLE

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


# Typer's own labels, which mean nothing to the person reading --help.
_TYPE_NAMES = re.compile(r"<(bool|str|int|float|path|list\[\w+\]|int range|float range)>")


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_help_names_values_in_words_and_shows_one_example_a_line(
    invoke: Invoke, command: str
) -> None:
    result = invoke(*([command] if command else []), "--help")
    assert result.exit_code == 0
    assert not _TYPE_NAMES.search(result.stdout), _TYPE_NAMES.search(result.stdout)
    usage = next(line for line in result.stdout.splitlines() if "Usage:" in line)
    assert "{" not in usage
    lines = [line.strip() for line in result.stdout.splitlines()]
    # an example joined to the next by " | " reads as a shell pipe
    assert not [line for line in lines if re.match(r"(Examples?: )?igf-report .* \| ", line)]
    example = lines.index("Examples:")
    assert lines[example + 1].startswith("igf-report")


def test_render_help_says_the_width_range_in_words(invoke: Invoke) -> None:
    result = invoke("render", "--help")
    assert "COLUMNS [20 to 1000]" in result.stdout
    assert "<=x<=" not in result.stdout


def test_the_default_of_an_on_off_flag_is_the_option_itself(invoke: Invoke) -> None:
    assert "[default: --pager]" in invoke("show", "--help").stdout
    assert "[default: --schema]" in invoke("new", "--help").stdout


def test_the_command_table_says_each_command_s_first_paragraph() -> None:
    # the top-level --help lists the table's lines; each command's own --help its docstring
    for entry in TABLE.values():
        importlib.import_module(f"igf_report.cli.commands.{entry.module}")
    commands = typer.main.get_command(app).commands  # type: ignore[attr-defined]
    assert list(commands) == list(TABLE)
    for name, entry in TABLE.items():
        assert commands[name].help.split("\n\n")[0] == entry.summary, name


def test_top_level_help_imports_no_command_module() -> None:
    code = (
        "import sys\n"
        "from igf_report.cli import app\n"
        "try:\n"
        "    app(['--help'], prog_name='igf-report')\n"
        "except SystemExit:\n"
        "    pass\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('igf_report.cli.commands.'))\n"
        "print(loaded, 'igf_report.template.validation' in sys.modules, file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert result.stderr == "[] False\n"
