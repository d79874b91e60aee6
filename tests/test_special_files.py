"""Names that are not regular files: named pipes (FIFOs), sockets and devices.

A named pipe no program writes to used to hang every command that read it, in
``open()``; a folder walk passed over pipes without a word; ``-o`` with
``--force`` replaced a device or a pipe with a regular file.
"""

from __future__ import annotations

import os
import stat
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from igf_report.files.reportfile import dump_toml, read_text

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
    monkeypatch.setattr("igf_report.files.reportfile.FIFO_WAIT", 0.2)
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


# --- writing to a device or a named pipe -----------------------------------------------------

REPORT = EXAMPLES / "community-networks.toml"


def _read_all_later(fifo: Path) -> tuple[threading.Thread, list[bytes]]:
    """A program reading ``fifo`` to its end, as `cat pipe` does."""
    got: list[bytes] = []

    def read() -> None:
        with fifo.open("rb") as pipe:
            got.append(pipe.read())

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    return thread, got


@pytest.mark.parametrize(
    "command",
    [
        ("render", str(REPORT), "-o", "{out}", "--force"),
        ("render", str(REPORT), "-o", "{out}"),  # nothing is replaced: no --force needed
        ("render", str(REPORT), "--format", "docx", "-o", "{out}"),
        ("book", str(EXAMPLES), "--format", "markdown", "-o", "{out}", "--force"),
        ("export", str(EXAMPLES), "--format", "csv", "-o", "{out}", "--force"),
        ("import", "{published}", "-o", "{out}", "--force"),
        ("schema", "-o", "{out}"),
    ],
    ids=["render --force", "render", "render docx", "book", "export", "import", "schema"],
)
def test_a_named_pipe_given_as_output_is_written_to_not_replaced(
    invoke: Invoke, tmp_path: Path, command: tuple[str, ...]
) -> None:
    out = tmp_path / "pipe.txt"
    os.mkfifo(out)
    published = tmp_path / "ws173.txt"
    published.write_text(invoke("render", str(REPORT), "--format", "published").stdout)
    reader, got = _read_all_later(out)
    args = [a.format(out=out, published=published) for a in command]
    result = guarded(lambda: invoke(*args), out)
    reader.join(GUARD)
    assert result.exit_code == 0, result.output
    assert f"Wrote {out}" in result.stderr
    (data,) = got
    assert len(data) > 1000
    if "docx" in command:
        assert data.startswith(b"PK")
    else:
        assert ("IGF 2016 Workshop Report" if "schema" in command else "Community Net") in (
            data.decode()
        )
    assert out.is_fifo()


def test_a_named_pipe_no_program_reads_is_refused_and_left_a_pipe(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("igf_report.files.atomic.FIFO_WAIT", 0.2)
    out = tmp_path / "pipe.txt"
    os.mkfifo(out)
    result = guarded(lambda: invoke("render", str(REPORT), "-o", str(out), "--force"), out)
    assert result.exit_code == 1
    assert result.stderr == (
        f"igf-report: error: cannot write {out}: it is a named pipe (FIFO) that no program "
        "opened to read within 0.2 seconds\n"
    )
    assert out.is_fifo()


def _null_device(tmp_path: Path) -> Path:
    """/dev/null, or where /dev can be written (root), a node of the same device in ``tmp_path``.

    Where /dev can be written, a regression would replace the machine's
    /dev/null with a file; a node of the null device of the test's own is
    exactly as much a device.
    """
    if not os.access("/dev", os.W_OK) and Path("/dev/null").is_char_device():
        return Path("/dev/null")
    node = tmp_path / "null"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (OSError, AttributeError):
        pytest.skip("no /dev/null, or /dev writable but no device node may be made")
    return node


@pytest.mark.parametrize("force", [(), ("--force",)], ids=["", "--force"])
def test_the_null_device_is_written_to_and_stays_a_device(
    invoke: Invoke, tmp_path: Path, force: tuple[str, ...]
) -> None:
    node = _null_device(tmp_path)
    result = invoke("render", str(REPORT), "-o", str(node), *force)
    assert result.exit_code == 0, result.output
    assert result.stderr == f"Wrote {node}\n"
    assert node.is_char_device()
    assert [p for p in node.parent.iterdir() if p.name.startswith(".null")] == []


def test_a_socket_given_as_output_is_refused(invoke: Invoke, tmp_path: Path) -> None:
    socket = pytest.importorskip("socket")
    out = tmp_path / "s.txt"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(out))
        result = invoke("render", str(REPORT), "-o", str(out), "--force")
    assert result.exit_code == 1
    assert result.stderr == (
        f"igf-report: error: cannot write {out}: it is a socket, so it is left as it is; "
        "choose a file\n"
    )
    assert out.is_socket()


def test_a_named_pipe_where_the_schema_goes_is_left_and_the_drafts_written(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("igf_report.files.reportfile.FIFO_WAIT", 0.2)
    schedule = tmp_path / "programme.csv"
    schedule.write_text("Session ID,Session Title\nWS1,Connecting\n", encoding="utf-8")
    folder = tmp_path / "drafts"
    folder.mkdir()
    schema = folder / "igf-2016-workshop.schema.json"
    os.mkfifo(schema)
    args = ("new", "--from-schedule", str(schedule), "--dir", str(folder))
    result = guarded(lambda: invoke(*args), schema)
    assert result.exit_code == 0, result.output
    assert f"note: {schema} exists and is not igf-report's schema" in result.stderr
    assert schema.is_fifo()
    assert (folder / "ws1.toml").is_file()
