"""The README's Quick start is what CI runs."""

from __future__ import annotations

import re

from igf_report.errors import ExitStatus

from .conftest import ROOT


def _quick_start() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_quick_start_has_two_commands() -> None:
    commands = _quick_start()
    assert len(commands) == 2
    assert commands[0].startswith("pip install . && igf-report ")
    assert commands[1] == "pip install -e '.[test]' && pytest"


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert _quick_start()[1] in ci.splitlines()


def test_quick_start_says_where_to_run_it() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    assert "git clone" in section
    assert "python3 -m venv" in section
    assert "pipx install ." in section


def test_readme_names_only_files_a_clone_has() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "../" not in readme
    named = set(re.findall(r"`((?:examples|tests|benchmarks|igf_report|\.ci)/[^`\s]*)`", readme))
    assert named, "the README points to files of the repository"
    # benchmarks/.venv is made by the benchmark when it first runs
    missing = sorted(p for p in named if not (ROOT / p).exists() and ".venv" not in p)
    assert not missing, f"the README names files a clone does not have: {missing}"


def test_the_exit_codes_table_lists_every_exit_status() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    documented = {int(code) for code in re.findall(r"^\| (\d+) \|", section, re.MULTILINE)}
    assert documented == {int(status) for status in ExitStatus}
