"""Two writers at once: every answer of every ``fill`` survives; the wizard sees outside changes."""

from __future__ import annotations

import importlib
import os
import sys
import time
import tomllib
from pathlib import Path
from typing import Any

import pytest

from igf_report.files.reportfile import dump_toml

from .conftest import Invoke, examples
from .reliability import tally

# a fifth under mutmut, where a mutant of the writer runs this once
ROUNDS = examples(100)

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")


def _fill_in_child(report: Path, assignment: str, go: int, option: str = "--set") -> int:
    """Fork a process that waits for ``go`` to be readable, then runs ``fill option assignment``."""
    pid = os.fork()
    if pid:
        return pid
    code = 1
    try:  # pragma: no cover -- runs in the child
        os.read(go, 1)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        sys.stdout = sys.stderr = Path(os.devnull).open("w", encoding="utf-8")  # noqa: SIM115
        from igf_report.cli import app  # noqa: PLC0415

        try:
            app(["fill", str(report), "--no-input", option, assignment], standalone_mode=False)
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        except BaseException:  # noqa: BLE001 -- any failure is a failed round
            code = 1
    finally:
        os._exit(code)


def test_two_fills_adding_to_one_list_at_once_keep_both_items(
    tmp_path: Path, data: dict[str, Any]
) -> None:
    # --add applies to the list as read under the lock: neither item is lost
    importlib.import_module("igf_report.cli.commands.fill")
    importlib.import_module("igf_report.cli.fill_batch")
    importlib.import_module("filelock")
    report = tmp_path / "report.toml"
    report.write_text(dump_toml(data), encoding="utf-8")
    before = list(data["key_issues"])
    sys.stdout.flush()
    sys.stderr.flush()
    rounds = examples(20)
    for round_ in range(rounds):
        read_end, write_end = os.pipe()
        pids = [
            _fill_in_child(report, f"key_issues=Issue {round_} {side}.", read_end, "--add")
            for side in ("a", "b")
        ]
        os.write(write_end, b"go")
        os.close(write_end)
        os.close(read_end)
        for pid in pids:
            _, status = os.waitpid(pid, 0)
            assert os.waitstatus_to_exitcode(status) == 0
    issues = tomllib.loads(report.read_text(encoding="utf-8"))["key_issues"]
    assert issues[: len(before)] == before
    added = issues[len(before) :]
    assert sorted(added) == sorted(f"Issue {r} {s}." for r in range(rounds) for s in "ab")
    # each round's two items come after the rounds before it
    assert [item.split()[1] for item in added] == [str(r) for r in range(rounds) for _ in "ab"]


def test_two_fills_at_once_lose_no_answer(tmp_path: Path, data: dict[str, Any]) -> None:
    # what fill imports is imported once here, so that the two children start
    # writing at the same moment instead of after their imports
    importlib.import_module("igf_report.cli.commands.fill")
    importlib.import_module("igf_report.cli.fill_batch")
    importlib.import_module("filelock")
    report = tmp_path / "report.toml"
    report.write_text(dump_toml(data), encoding="utf-8")
    sys.stdout.flush()
    sys.stderr.flush()
    lost = failed = 0
    started = time.perf_counter()
    for round_ in range(ROUNDS):
        read_end, write_end = os.pipe()
        pids = [
            _fill_in_child(report, f"organizer=Organizer {round_}", read_end),
            _fill_in_child(report, f"chair.name=Chair {round_}", read_end),
        ]
        os.write(write_end, b"go")  # both start at the same moment
        os.close(write_end)
        os.close(read_end)
        for pid in pids:
            _, status = os.waitpid(pid, 0)
            failed += os.waitstatus_to_exitcode(status) != 0
        written = tomllib.loads(report.read_text(encoding="utf-8"))
        lost += written["organizer"] != f"Organizer {round_}"
        lost += written["chair"]["name"] != f"Chair {round_}"
    elapsed = time.perf_counter() - started
    assert (lost, failed) == (0, 0), (
        f"{lost} answers lost, {failed} fills failed in {ROUNDS} rounds ({elapsed:.1f} s)"
    )
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".lock")]
    tally("rounds of two concurrent fill --set on one report", ROUNDS)


def test_the_report_lock_excludes_writers_even_as_its_file_is_removed(tmp_path: Path) -> None:
    # The lock file is removed after each write; with three or more writers a
    # lock that did not notice its file was removed would let two in at once.
    from igf_report.files.locking import report_lock  # noqa: PLC0415

    counter = tmp_path / "counter.toml"
    counter.write_text("0", encoding="utf-8")
    writers, rounds = 4, 100
    pids = []
    for _ in range(writers):
        pid = os.fork()
        if not pid:  # pragma: no cover -- runs in the child
            try:
                for _ in range(rounds):
                    with report_lock(counter):
                        value = int(counter.read_text(encoding="utf-8") or "-1000000")
                        counter.write_text(str(value + 1), encoding="utf-8")
            finally:
                os._exit(0)
        pids.append(pid)
    for pid in pids:
        os.waitpid(pid, 0)
    assert counter.read_text(encoding="utf-8") == str(writers * rounds)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["counter.toml"]


@pytest.mark.pty
def test_the_wizard_says_so_instead_of_overwriting_an_outside_change(tmp_path: Path) -> None:
    from .test_fill_pty import Session  # noqa: PLC0415

    report = tmp_path / "report.toml"
    report.write_text('template = "igf-2016-workshop"\n', encoding="utf-8")
    session = Session(report, env={"TMPDIR": str(tmp_path)})
    session.answer("Session Title", "Typed in the wizard")
    session.answer("Date", "6 December 2016")
    session.expect("Time")
    # meanwhile someone else fills in the organizer
    outside = 'template = "igf-2016-workshop"\norganizer = "Set from outside"\n'
    report.write_text(outside, encoding="utf-8")
    session.child.sendline("10:45 - 11:45 am")
    session.expect("Session Organizer: ")
    shown = " ".join((session.child.before or "").split())  # as wrapped on the terminal
    assert f"{report} was changed by another program since igf-report read it" in shown
    (draft,) = tmp_path.glob("igf-report-draft-*-report.toml")
    assert "your answers are saved in" in shown
    assert f"{draft.name} from now on" in shown.replace("- ", "-")  # rich breaks at a hyphen
    session.child.sendline(":quit")
    assert session.finish() == 0
    assert report.read_text(encoding="utf-8") == outside
    saved = tomllib.loads(draft.read_text(encoding="utf-8"))
    assert saved["title"] == "Typed in the wizard"
    assert saved["time"]["start"].isoformat() == "10:45:00"


def test_a_writer_that_waits_too_long_says_why(
    invoke: Invoke, tmp_path: Path, data: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from igf_report.files.locking import lock_path, report_lock  # noqa: PLC0415

    report = tmp_path / "report.toml"
    report.write_text(dump_toml(data), encoding="utf-8")
    before = report.read_bytes()
    monkeypatch.setattr("igf_report.files.locking.LOCK_TIMEOUT", 0.3)
    with report_lock(report):  # another writer, stuck
        result = invoke("fill", str(report), "--no-input", "--set", "organizer=Waited")
    assert result.exit_code == 1
    assert f"cannot write {report}: another igf-report has been writing it" in result.stderr
    assert f"if none is running, delete {lock_path(report)}" in result.stderr
    assert report.read_bytes() == before


def test_a_folder_where_no_lock_can_be_made_is_written_without_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import filelock  # noqa: PLC0415

    from igf_report.files.locking import report_lock  # noqa: PLC0415

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(filelock.FileLock, "acquire", refuse)
    entered = False
    with report_lock(tmp_path / "report.toml"):
        entered = True
    assert entered
