"""Names that are not regular files: named pipes (FIFOs), sockets and devices.

A named pipe no program writes to used to hang every command that read it, in
``open()``; a folder walk passed over pipes without a word; ``-o`` with
``--force`` replaced a device or a pipe with a regular file.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from igf_report.reportfile import dump_toml, read_text

from .conftest import EXAMPLES, Invoke

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")

#: Seconds a command may take before the test calls it hung.
GUARD = 60.0


def _unblock(fifo: Path) -> None:
    """Open ``fifo`` to write and close it: a reader hung in open() goes on (to nothing)."""
    try:
        fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
    except OSError:  # no reader: nothing hangs on it
        return
    os.close(fd)


def guarded(run: Callable[[], Result], fifo: Path) -> Result:
    """``run()`` in a thread; a run still going after GUARD seconds fails the test, not hangs."""
    results: list[Result] = []
    thread = threading.Thread(target=lambda: results.append(run()), daemon=True)
    thread.start()
    thread.join(GUARD)
    if thread.is_alive():
        _unblock(fifo)
        thread.join(GUARD)
        pytest.fail(f"the command was still reading {fifo} after {GUARD:g} seconds")
    (result,) = results
    return result


@pytest.fixture
def fifo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A named pipe no program writes to; the wait for a writer made short."""
    monkeypatch.setattr("igf_report.reportfile.FIFO_WAIT", 0.2)
    path = tmp_path / "pipe.toml"
    os.mkfifo(path)
    return path


NO_WRITER = "is a named pipe (FIFO) that no program wrote to within 0.2 seconds"


@pytest.mark.parametrize(
    "command",
    [
        ("validate", "{fifo}"),
        ("show", "{fifo}", "--no-pager"),
        ("render", "{fifo}"),
        ("render", "{fifo}", "--format", "html"),
        ("import", "{fifo}", "-o", "-"),
        ("fill", "{report}", "--no-input", "--from", "{fifo}"),
        ("fill", "{fifo}", "--no-input", "--set", "title=Kept"),
        ("book", "{fifo}"),
        ("status", "{fifo}"),
        ("export", "{fifo}", "--format", "csv"),
        ("new", "--from-schedule", "{fifo}", "--dir", "{folder}"),
    ],
    ids=lambda command: " ".join(command).replace("{", "").replace("}", ""),
)
def test_a_named_pipe_no_program_writes_to_is_refused_not_waited_on(
    invoke: Invoke, tmp_path: Path, fifo: Path, command: tuple[str, ...]
) -> None:
    report = tmp_path / "r.toml"
    report.write_text(dump_toml({"title": "A report"}), encoding="utf-8")
    folder = tmp_path / "drafts"
    folder.mkdir()
    args = [a.format(fifo=fifo, report=report, folder=folder) for a in command]
    result = guarded(lambda: invoke(*args), fifo)
    assert result.exit_code == 1, result.output
    if command[0] == "status":  # a board of one row a file, its errors only counted
        assert "invalid    1" in result.stdout
    else:  # named, with what is wrong (a batch command gives it as the file's error)
        assert str(fifo) in result.output
        assert NO_WRITER in result.output
    assert "Traceback" not in result.output
    assert report.read_text(encoding="utf-8") == dump_toml({"title": "A report"})
    assert list(folder.iterdir()) == []
    assert fifo.exists()


def _write_later(fifo: Path, data: bytes, delay: float) -> threading.Thread:
    def write() -> None:
        threading.Event().wait(delay)
        with fifo.open("wb") as pipe:
            pipe.write(data)

    thread = threading.Thread(target=write, daemon=True)
    thread.start()
    return thread


def test_a_named_pipe_a_program_starts_writing_to_soon_is_read(tmp_path: Path) -> None:
    # the wait is the default one: `cat r.toml > pipe &` may open it a moment later
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    text = (EXAMPLES / "community-networks.toml").read_text(encoding="utf-8")
    writer = _write_later(fifo, text.encode(), 0.3)
    assert read_text(fifo) == text
    writer.join(GUARD)


def test_a_pipe_already_being_written_is_read_as_a_shell_gives_it() -> None:
    # `igf-report validate <(curl ...)`: the shell names the pipe /dev/fd/N
    if not Path("/dev/fd").is_dir():
        pytest.skip("no /dev/fd")
    read_end, write_end = os.pipe()
    try:
        os.write(write_end, b'title = "Piped"\n')
        os.close(write_end)
        assert read_text(f"/dev/fd/{read_end}") == 'title = "Piped"\n'
    finally:
        os.close(read_end)


def test_a_pipe_given_as_standard_input_is_read(invoke: Invoke) -> None:
    text = (EXAMPLES / "community-networks.toml").read_text(encoding="utf-8")
    result = invoke("validate", "-", input=text)
    assert result.exit_code == 0, result.output


# --- a folder walk -------------------------------------------------------------------------

PYPROJECT = '[project]\nname = "site"\n\n[tool.ruff]\nline-length = 100\n'


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder of reports, as a project keeps them: a report, a pyproject.toml and a pipe."""
    folder = tmp_path / "reports"
    (folder / "site").mkdir(parents=True)
    (folder / "ws173.toml").write_text(
        (EXAMPLES / "community-networks.toml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (folder / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (folder / "site" / "config.toml").write_text('title = "x"\nbaseURL = "/"\n', encoding="utf-8")
    os.mkfifo(folder / "pipe.toml")
    return folder


SKIPPED_NOT_REPORTS = (
    "igf-report: warning: skipped 2 files that are not a report (no template key, and keys "
    "the template does not know): {folder}/pyproject.toml, {folder}/site/config.toml\n"
)
SKIPPED_PIPE = (
    "igf-report: warning: skipped 1 name that is not a file (a named pipe, a socket or a "
    "device): {folder}/pipe.toml\n"
)


@pytest.mark.parametrize(
    ("command", "verdict"),
    [
        (("validate",), "1 report: 1 valid, 0 with warnings, 0 invalid"),
        (("status",), "1 report: 1 valid, 0 with warnings, 0 invalid"),
        (("book", "-o", "{out}/book.html"), "Wrote {out}/book.html: 1 of 1 reports"),
        (("export", "--format", "jsonl"), "WS173"),
    ],
    ids=["validate", "status", "book", "export"],
)
def test_a_folder_walk_checks_its_reports_and_names_what_it_skipped_once(
    invoke: Invoke, folder: Path, tmp_path: Path, command: tuple[str, ...], verdict: str
) -> None:
    args = [a.format(out=tmp_path) for a in command]
    result = guarded(lambda: invoke(args[0], str(folder), *args[1:]), folder / "pipe.toml")
    assert result.exit_code == 0, result.output
    assert verdict.format(out=tmp_path) in result.output
    assert "pyproject" not in result.stdout
    stderr = result.stderr
    assert stderr.count(SKIPPED_NOT_REPORTS.format(folder=folder)) == 1
    assert stderr.count(SKIPPED_PIPE.format(folder=folder)) == 1


def test_a_file_named_on_the_command_line_is_checked_whatever_it_holds(
    invoke: Invoke, folder: Path
) -> None:
    result = invoke("validate", str(folder / "pyproject.toml"))
    assert result.exit_code == 1
    assert "project (not a template field): is not a key of this template" in result.stdout
    assert result.stderr == ""


def test_a_broken_file_in_a_folder_is_still_a_report_in_error(invoke: Invoke, folder: Path) -> None:
    # it may be a report with a typo: only a file read as another tool's is passed over
    (folder / "broken.toml").write_text('title = "x\n', encoding="utf-8")
    (folder / "other.toml").write_text('template = "igf-2030-forum"\n', encoding="utf-8")
    result = invoke("validate", str(folder))
    assert result.exit_code == 1
    assert result.stdout.endswith("3 reports: 1 valid, 0 with warnings, 2 invalid\n")


def test_many_skipped_files_are_counted_and_the_first_named(invoke: Invoke, tmp_path: Path) -> None:
    (tmp_path / "r.toml").write_text('template = "igf-2016-workshop"\n', encoding="utf-8")
    for number in range(8):
        (tmp_path / f"tool{number}.toml").write_text("[tool]\nx = 1\n", encoding="utf-8")
    result = invoke("validate", str(tmp_path))
    names = ", ".join(str(tmp_path / f"tool{n}.toml") for n in range(5))
    assert result.stderr == (
        "igf-report: warning: skipped 8 files that are not a report (no template key, and "
        f"keys the template does not know): {names} and 3 more\n"
    )
