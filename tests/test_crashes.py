"""Small hostile inputs from issue #11: each is one message and an exit code, never a traceback."""

from __future__ import annotations

import errno
import io
import json
import os
import resource
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from igf_report.cli.output import GuardedStdout
from igf_report.errors import (
    EmptyBook,
    FileWriteError,
    IgfReportError,
    Interrupted,
    NothingToImport,
    NotOurFile,
    NotWritten,
    QuietFailure,
    ReportInvalid,
    StdoutError,
    TextNotWritten,
    UsageError,
    WizardStopped,
)
from igf_report.files.reportfile import MAX_FILE_BYTES, read_text

from .conftest import EXAMPLES, Invoke

GOOD = (EXAMPLES / "community-networks.toml").read_text("utf-8")
HUGE = "9" * 4301  # one digit more than Python turns into a string by default


# (what, file name, file content, extra arguments, exit code, what the message says)
CASES = [
    ("huge integer in TOML", "r.toml", f"title = {HUGE}\n", (), 1, "a number too large"),
    ("huge hex integer", "r.toml", f"title = 0x{'f' * 4000}\n", (), 1, "a number too large"),
    ("huge integer in JSON", "a.json", f'{{"title": {HUGE}}}', (), 1, "a number too large"),
    (
        "lone surrogate",
        "a.json",
        '{"title": "Access \\ud800 for all"}',
        (),
        1,
        "title (Session Title): holds \\ud800, half of a UTF-16 surrogate pair",
    ),
    (
        "lone surrogate in a key",
        "a.json",
        '{"titl\\udc00e": "x"}',
        (),
        1,
        "holds \\udc00, half of a UTF-16 surrogate pair",
    ),
    (
        "null list item",
        "a.json",
        '{"key_issues": [null]}',
        (),
        1,
        "key_issues (Key Issues raised, item 1): is null",
    ),
    (
        "deep nesting under an unknown key",
        "a.json",
        '{"zzz": ' + "[" * 330 + "]" * 330 + "}",
        (),
        1,
        "zzz (not a template field): nested more than 32 levels deep",
    ),
    (
        "deep nesting under a known key",
        "a.json",
        '{"key_issues": ' + "[" * 500 + "]" * 500 + "}",
        (),
        1,
        "nested more than 32 levels deep",
    ),
    (
        "deep nesting in TOML",
        "r.toml",
        "zzz = " + "[" * 330 + "]" * 330 + "\n",
        (),
        1,
        "nested more than 32 levels deep",
    ),
    (
        "--set with bytes that are not UTF-8",
        None,
        "",
        ("--set", os.fsdecode(b"title=Caf\xe9")),
        2,
        "--set title: is not UTF-8 text: byte 0xe9",
    ),
    (
        "--set with a key that is not UTF-8",
        None,
        "",
        ("--set", os.fsdecode(b"ti\xfftle=x")),
        2,
        "is not UTF-8 text: byte 0xff",
    ),
]


@pytest.mark.parametrize(
    ("name", "content", "extra", "code", "message"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_fill_refuses_hostile_input_with_one_message(  # noqa: PLR0917 -- the table's columns
    invoke: Invoke,
    tmp_path: Path,
    name: str | None,
    content: str,
    extra: tuple[str, ...],
    code: int,
    message: str,
) -> None:
    args = ["fill", str(tmp_path / "out.toml"), "--no-input", *extra]
    if name is not None:
        source = tmp_path / name
        source.write_text(content, encoding="utf-8")
        args += ["--from", str(source)]
    result = invoke(*args)
    assert result.exit_code == code, result.stderr
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert not (tmp_path / "out.toml").exists()


def _loop_folder(root: Path) -> Path:
    folder = root / "reports"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.toml").write_text(GOOD, encoding="utf-8")
    (folder / "b-huge.toml").write_text(f"title = {HUGE}\n", encoding="utf-8")
    (folder / "c-deep.toml").write_text("zzz = " + "[" * 330 + "]" * 330 + "\n", "utf-8")
    (folder / "sub" / "d.toml").write_text(GOOD, encoding="utf-8")
    (folder / "sub" / "up").symlink_to("..")  # a loop: reports/sub/up is reports
    (folder / "sub" / "again.toml").symlink_to("../a.toml")  # a.toml a second time
    return folder


def test_a_folder_run_goes_on_past_bad_files_and_a_loop_with_one_json_document(
    invoke: Invoke, tmp_path: Path
) -> None:
    folder = _loop_folder(tmp_path)
    result = invoke("validate", "--format", "json", str(folder))
    assert result.exit_code == 1
    document = json.loads(result.stdout)  # one valid document
    statuses = {Path(f["file"]).name: f["status"] for f in document["files"]}
    assert statuses == {
        "a.toml": "valid",
        "b-huge.toml": "invalid",
        "c-deep.toml": "invalid",
        "d.toml": "valid",
    }
    assert document["summary"]["reports"] == 4
    loops = [line for line in result.stderr.splitlines() if "symlink loop" in line]
    loop = folder / "sub" / "up"
    assert loops == [f"igf-report: warning: {loop}: a symlink loop back to {folder}; not followed"]


def test_a_self_referencing_symlink_is_skipped(invoke: Invoke, tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "self.toml").symlink_to("self.toml")
    result = invoke("validate", str(tmp_path))
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "1 report:" in result.stdout


# --- the real process: standard streams closed or full, endless files ------------------


def _igf(*args: str) -> list[str]:
    return [sys.executable, "-m", "igf_report", *args]


def _run_shell(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``igf-report`` (as ``$IGF``) under ``sh`` for its redirections."""
    env = {**os.environ, "IGF": " ".join(_igf()), "NO_COLOR": "1"}
    return subprocess.run(
        ["/bin/sh", "-c", script, "sh", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_a_full_stdout_is_one_message_and_exit_1(tmp_path: Path) -> None:
    report = tmp_path / "r.toml"
    report.write_text(GOOD, encoding="utf-8")
    for command in ("render", "validate"):
        done = _run_shell(f'$IGF {command} "$1" >/dev/full', str(report))
        assert done.returncode == 1, done.stderr
        assert done.stderr == (
            "igf-report: error: cannot write to standard output: no space left on device\n"
        )


class _FullDisk(io.StringIO):
    def write(self, text: str) -> int:  # noqa: ARG002 -- a full disk takes nothing
        raise OSError(errno.ENOSPC, "No space left on device")


def test_a_failed_write_to_stdout_keeps_its_reason_and_error_number() -> None:
    # the number is what tells a reader that has gone (EPIPE) from a full disk
    with pytest.raises(StdoutError) as caught:
        GuardedStdout(_FullDisk()).write("x")
    assert str(caught.value) == "cannot write to standard output: no space left on device"
    assert caught.value.errno == errno.ENOSPC


def test_a_closed_stdout_is_one_message_and_exit_1(tmp_path: Path) -> None:
    report = tmp_path / "r.toml"
    report.write_text(GOOD, encoding="utf-8")
    done = _run_shell('$IGF render "$1" >&-', str(report))
    assert done.returncode == 1
    assert done.stderr == "igf-report: error: cannot write to standard output: it is closed\n"


def test_a_closed_stdin_is_read_as_empty(tmp_path: Path) -> None:
    done = _run_shell('$IGF fill "$1" <&-', str(tmp_path / "r.toml"))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "nothing was written" in done.stderr


def test_a_reader_that_stops_early_ends_the_command_quietly(tmp_path: Path) -> None:
    # as `igf-report validate reports/ | head -1`: far more output than a pipe holds
    for number in range(2000):
        (tmp_path / f"r{number}.toml").write_text('title = "x"\n', encoding="utf-8")
    with subprocess.Popen(
        _igf("validate", str(tmp_path)), stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        process.stdout.readline()
        process.stdout.close()
        stderr = process.stderr.read()
        assert process.wait(timeout=120) == 141
    assert stderr == b""


def _limited_memory() -> None:
    # the old code read an endless file until the machine ran out of memory
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


def _endless_fifo(tmp_path: Path) -> Path:
    fifo = tmp_path / "endless.toml"
    os.mkfifo(fifo)

    def feed() -> None:
        try:
            with fifo.open("wb") as pipe:
                while True:
                    pipe.write(b"# " + b"x" * 65_000 + b"\n")
        except OSError:  # the reader has gone
            pass

    threading.Thread(target=feed, daemon=True).start()
    return fifo


ENDLESS: list[tuple[str, Callable[[Path], Path]]] = [
    ("/dev/zero", lambda _: Path("/dev/zero")),
    ("/dev/urandom", lambda _: Path("/dev/urandom")),
    ("a pipe", _endless_fifo),
]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
@pytest.mark.parametrize("make", [make for _, make in ENDLESS], ids=[n for n, _ in ENDLESS])
def test_an_endless_file_is_read_only_to_the_limit(
    tmp_path: Path, make: Callable[[Path], Path]
) -> None:
    source = make(tmp_path)
    done = subprocess.run(
        _igf("validate", str(source)),
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_limited_memory,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert "is larger than 5 MiB, the most igf-report reads" in done.stdout


class _Endless:
    """A binary stream that never ends, and counts what was asked of it."""

    def __init__(self) -> None:
        self.given = 0

    def read(self, size: int = -1) -> bytes:
        if size < 0 or size > 2 * MAX_FILE_BYTES:
            pytest.fail(f"read({size}) of an endless stream")
        self.given += size
        return b"x" * size


def test_standard_input_is_read_only_to_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    stream = _Endless()
    monkeypatch.setattr(sys, "stdin", type("Stdin", (), {"buffer": stream})())
    with pytest.raises(Exception, match="larger than 5 MiB"):
        read_text("-")
    assert stream.given <= MAX_FILE_BYTES + 1


def test_ctrl_c_outside_the_wizard_exits_130(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(_path: Path) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("igf_report.collection.checking.check_file", interrupted)
    result = invoke("validate", str(EXAMPLES))
    assert result.exit_code == 130
    assert result.stderr == "\nigf-report: interrupted\n"


@pytest.mark.parametrize(
    ("error", "status", "said"),
    [
        # failures that said why already: nothing more, each with its status
        (ReportInvalid(), 1, ""),
        (NotWritten(), 1, ""),
        (TextNotWritten(), 1, ""),
        (WizardStopped(), 1, ""),
        (Interrupted(), 130, ""),
        # the others are said, one tagged line each
        (EmptyBook("no valid report"), 1, "igf-report: error: no valid report\n"),
        (NothingToImport("r.txt: no label"), 1, "igf-report: error: r.txt: no label\n"),
        (NotOurFile("r.md exists"), 1, "igf-report: error: r.md exists\n"),
        (UsageError("no such file"), 2, "igf-report: error: no such file\n"),
    ],
    ids=lambda value: type(value).__name__ if isinstance(value, Exception) else None,
)
def test_each_error_is_said_once_with_its_exit_status(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch, error: IgfReportError, status: int, said: str
) -> None:
    def failing(_path: Path) -> None:
        raise error

    monkeypatch.setattr("igf_report.collection.checking.check_file", failing)
    result = invoke("validate", str(EXAMPLES))
    assert (result.exit_code, result.stderr) == (status, said)
    assert error.exit_code == status


def test_only_a_quiet_failure_fails_without_a_word() -> None:
    # quiet is a kind of failure, never an empty message: each says nothing, whatever it is given
    quiet = [ReportInvalid, NotWritten, TextNotWritten, WizardStopped, Interrupted]
    assert all(issubclass(kind, QuietFailure) and str(kind()) == "" for kind in quiet)
    said = [EmptyBook, NothingToImport, NotOurFile, UsageError, FileWriteError]
    assert not any(issubclass(kind, QuietFailure) for kind in said)


def test_a_link_to_nothing_in_a_folder_is_said_not_passed_over(
    invoke: Invoke, tmp_path: Path
) -> None:
    (tmp_path / "a.toml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "moved.toml").symlink_to("usb-stick/ws173.toml")
    result = invoke("validate", str(tmp_path))
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "1 report:" in result.stdout
    assert (
        f"igf-report: warning: {tmp_path / 'moved.toml'}: a symbolic link to "
        "usb-stick/ws173.toml, which does not exist; skipped"
    ) in result.stderr.splitlines()
