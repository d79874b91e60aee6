"""Faults: killed writers, failed renames, full disks, missing folders, refused permissions."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path
from typing import Any

import pytest

from igf_report.errors import FileWriteError
from igf_report.files.atomic import write_atomic
from igf_report.filling.saving import fallback_path, save_draft

from .conftest import EXAMPLES, Invoke
from .reliability import tally

WRITER = """
import sys
from pathlib import Path
from igf_report.files.atomic import write_atomic
target = Path(sys.argv[1])
old, new = Path(sys.argv[2]).read_text("utf-8"), Path(sys.argv[3]).read_text("utf-8")
print("ready", flush=True)
i = 0
while True:
    write_atomic(target, new if i % 2 else old)
    i += 1
"""


def test_a_writer_killed_at_any_moment_leaves_the_old_file_or_the_new(tmp_path: Path) -> None:
    target = tmp_path / "report.toml"
    old = (EXAMPLES / "national-digital-strategy.toml").read_text("utf-8") * 20
    new = (EXAMPLES / "community-networks.toml").read_text("utf-8") * 20
    (tmp_path / "old").write_text(old, encoding="utf-8")
    (tmp_path / "new").write_text(new, encoding="utf-8")
    target.write_text(old, encoding="utf-8")
    kills = 0
    for attempt in range(60):
        with subprocess.Popen(
            [
                sys.executable,
                "-c",
                WRITER,
                str(target),
                str(tmp_path / "old"),
                str(tmp_path / "new"),
            ],
            stdout=subprocess.PIPE,
        ) as writer:
            assert writer.stdout is not None
            writer.stdout.readline()  # the writer is writing from now on
            time.sleep((attempt % 20) * 0.0013)
            writer.kill()
            writer.wait()
        kills += 1
        assert target.read_text(encoding="utf-8") in (old, new)
    tally("atomic writes killed with SIGKILL mid-loop", kills)


def test_a_failed_rename_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.toml"
    target.write_text("old\n", encoding="utf-8")

    def refuse(self: Path, other: Any) -> Path:  # noqa: ARG001
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(Path, "replace", refuse)
    with pytest.raises(FileWriteError, match=r"cannot write .*report\.toml: Invalid cross-device"):
        write_atomic(target, "new\n")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.toml"]
    tally("atomic writes whose final rename failed")


def test_the_data_is_synced_before_the_rename_and_the_folder_after_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if os.name == "nt":
        pytest.skip("Windows cannot open a folder to sync it")
    target = tmp_path / "report.toml"
    target.write_text("old\n", encoding="utf-8")
    folder = tmp_path.stat()
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            same = (info.st_dev, info.st_ino) == (folder.st_dev, folder.st_ino)
            events.append("fsync the folder" if same else "fsync another folder")
        else:
            events.append(f"fsync a file of {info.st_size} bytes")
        real_fsync(fd)

    def replace(src: Any, dst: Any) -> None:
        events.append(f"rename onto {Path(dst).name}")
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    write_atomic(target, "new text\n")
    assert events == ["fsync a file of 9 bytes", "rename onto report.toml", "fsync the folder"]
    assert target.read_text(encoding="utf-8") == "new text\n"


def test_a_full_disk_is_a_clear_message_and_exit_1(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    out = tmp_path / "report.txt"
    result = invoke("render", str(EXAMPLES / "community-networks.toml"), "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr == f"igf-report: error: cannot write {out}: No space left on device\n"
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_a_missing_folder_is_a_clear_message(invoke: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "no" / "such" / "report.txt"
    result = invoke("render", str(EXAMPLES / "community-networks.toml"), "-o", str(out))
    assert result.exit_code == 1
    assert f"the folder {out.parent} does not exist" in result.stderr
    assert "Traceback" not in result.output


def test_a_refused_permission_is_a_clear_message(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_args: Any, **_kwargs: Any) -> Any:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    result = invoke("fill", str(tmp_path / "r.toml"), "--no-input", "--set", "title=T")
    assert result.exit_code == 1
    assert "Permission denied" in result.stderr
    assert "Traceback" not in result.output


def test_a_draft_that_cannot_be_saved_goes_to_the_temp_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = tmp_path / "gone" / "report.toml"  # its folder does not exist
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    saved = save_draft(report, {"title": "Kept", "date": "2016-12-06"})
    assert saved.path == fallback_path(report)
    assert saved.path.parent == tmp_path
    assert saved.problem is not None
    assert "does not exist" in saved.problem
    assert tomllib.loads(saved.path.read_text(encoding="utf-8"))["title"] == "Kept"


def test_a_new_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    if os.name == "nt":
        pytest.skip("POSIX permissions")
    target = tmp_path / "r.toml"
    write_atomic(target, "x\n")
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask
    target.chmod(0o600)
    write_atomic(target, "y\n")
    assert target.stat().st_mode & 0o777 == 0o600
