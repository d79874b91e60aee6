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

