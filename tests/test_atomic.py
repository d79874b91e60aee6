"""Atomic writes: what a refused write says."""

from __future__ import annotations

import errno
import os
import re
import stat
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from igf_report.errors import FileWriteError
from igf_report.files.atomic import NAME_MAX, _not_a_file, create_new, fit_name, write_atomic


def test_a_read_only_file_is_left_as_it_is_with_the_way_to_change_it(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    path.write_text("old\n", encoding="utf-8")
    path.chmod(0o444)
    with pytest.raises(FileWriteError) as info:
        write_atomic(path, "new\n")
    assert str(info.value) == (
        f"cannot write {path}: the file is read-only, so it is left as it is; "
        "make it writable (chmod u+w) to change it"
    )
    assert path.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.toml"]


def _refuse(*_args: Any, **_kwargs: Any) -> Any:
    raise PermissionError(errno.EPERM, "Operation not permitted")


@pytest.mark.skipif(os.name == "nt", reason="POSIX owners")
def test_a_file_whose_owner_cannot_be_given_back_is_still_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a file of another user in a shared folder: only root may give it back
    path = tmp_path / "r.toml"
    path.write_text("old\n", encoding="utf-8")
    monkeypatch.setattr(os, "chown", _refuse)
    write_atomic(path, "new\n")
    assert path.read_text(encoding="utf-8") == "new\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.toml"]


@pytest.mark.parametrize("file", ["existing", "new"])
def test_a_file_whose_permissions_cannot_be_set_is_still_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, file: str
) -> None:
    path = tmp_path / "r.toml"
    if file == "existing":
        path.write_text("old\n", encoding="utf-8")
    monkeypatch.setattr(Path, "chmod", _refuse)
    write_atomic(path, "new\n")
    assert path.read_text(encoding="utf-8") == "new\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.toml"]


def test_a_folder_that_cannot_be_opened_to_sync_still_gets_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Windows and some network file systems refuse to open a folder
    real_open = os.open

    def open_no_folder(name: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if Path(name).is_dir():
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_open(name, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_no_folder)
    path = tmp_path / "r.toml"
    write_atomic(path, "new\n")
    assert path.read_text(encoding="utf-8") == "new\n"


def test_a_failed_write_whose_temporary_cannot_be_removed_still_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "r.toml"
    path.write_text("old\n", encoding="utf-8")

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    monkeypatch.setattr(Path, "unlink", _refuse)
    with pytest.raises(FileWriteError) as info:
        write_atomic(path, "new\n")
    assert str(info.value) == f"cannot write {path}: No space left on device"
    assert path.read_text(encoding="utf-8") == "old\n"


def test_while_writing_the_text_is_in_a_hidden_file_beside_the_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # what a crash can leave behind: hidden from ls, named for the report, in
    # its folder (so that the final rename stays on one file system)
    path = tmp_path / "r.toml"
    path.write_text("old\n", encoding="utf-8")
    seen: list[list[str]] = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        seen.append(sorted(p.name for p in tmp_path.iterdir()))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    write_atomic(path, "new\n")
    during = seen[0]
    assert len(during) == 2
    assert during[1] == "r.toml"
    assert re.fullmatch(r"\.r\.toml\.\w+\.tmp", during[0])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.toml"]


def test_bytes_are_written_as_they_are_and_text_as_utf_8(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    write_atomic(path, b"\xff\xfe raw")
    assert path.read_bytes() == b"\xff\xfe raw"
    write_atomic(path, "Pérez ✓")
    assert path.read_bytes() == "Pérez ✓".encode()


def test_a_failure_without_a_system_reason_still_says_what_happened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def lost(_fd: int) -> None:
        raise OSError("the network drive went away")

    monkeypatch.setattr(os, "fsync", lost)
    path = tmp_path / "r.toml"
    with pytest.raises(FileWriteError) as info:
        write_atomic(path, "new\n")
    assert str(info.value) == f"cannot write {path}: the network drive went away"


@pytest.mark.skipif(os.name == "nt", reason="POSIX modes")
def test_a_read_only_file_that_others_may_run_is_left_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    path.write_text("old\n", encoding="utf-8")
    path.chmod(0o555)
    with pytest.raises(FileWriteError, match="the file is read-only"):
        write_atomic(path, "new\n")
    assert path.read_text(encoding="utf-8") == "old\n"


# 255 bytes each: one, two, three and four bytes a character
LONGEST_NAMES = ["a" * 255, "é" * 127 + "a", "报" * 85, "𠀀" * 63 + "abc"]


@pytest.mark.parametrize("name", LONGEST_NAMES, ids=["ascii", "accents", "cjk", "astral"])
def test_a_file_with_the_longest_name_is_written(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    write_atomic(path, "new\n")
    assert path.read_text(encoding="utf-8") == "new\n"
    assert [p.name for p in tmp_path.iterdir()] == [name]


@pytest.mark.parametrize(
    ("prefix", "suffix"), [(".", ".lock"), ("igf-report-draft-4194304-", ""), (".", ".")]
)
@pytest.mark.parametrize("name", LONGEST_NAMES, ids=["ascii", "accents", "cjk", "astral"])
def test_a_name_made_from_a_long_one_fits_cut_between_characters(
    prefix: str, suffix: str, name: str
) -> None:
    fitted = fit_name(prefix, name, suffix)
    assert len(os.fsencode(fitted)) <= NAME_MAX
    assert fitted.startswith(prefix + name[:5])
    assert fitted.endswith(suffix)
    # two names that differ only where they are cut off stay two names
    assert fit_name(prefix, name[:-1] + "z", suffix) != fitted


def test_a_short_name_is_kept_as_it_is() -> None:
    assert fit_name(".", "report.toml", ".lock") == ".report.toml.lock"


@pytest.mark.parametrize("name", LONGEST_NAMES, ids=["ascii", "accents", "cjk", "astral"])
def test_a_long_name_is_cut_to_as_much_as_fits(name: str) -> None:
    for prefix, suffix in [(".", ".lock"), ("igf-report-draft-1234-", "")]:
        fitted = os.fsencode(fit_name(prefix, name + name, suffix))
        # no whole character more would have fitted
        width = len(os.fsencode(name[-1]))
        assert NAME_MAX - width < len(fitted) <= NAME_MAX
    fitted = os.fsencode(fit_name(".", name + name, ".", room=12))
    assert NAME_MAX - 12 - width < len(fitted) <= NAME_MAX - 12


# --- a device or a named pipe, written where it is ------------------------------------------


def _reader(fifo: Path, *, first: int | None = None) -> tuple[threading.Thread, list[bytes]]:
    """A program reading ``fifo``: to its end, or ``first`` bytes and then gone."""
    got: list[bytes] = []

    def read() -> None:
        with fifo.open("rb") as pipe:
            got.append(pipe.read() if first is None else pipe.read(first))

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    return thread, got


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_pipe_is_given_all_of_a_document_larger_than_its_buffer(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader, got = _reader(fifo)
    data = bytes(range(256)) * 8192  # 2 MiB, far more than a pipe holds at once
    write_atomic(fifo, data)
    reader.join(60)
    assert got == [data]
    assert fifo.is_fifo()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_pipe_whose_reader_comes_a_moment_later_is_written(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []

    def read_later() -> None:
        time.sleep(0.3)
        with fifo.open("rb") as pipe:
            got.append(pipe.read())

    reader = threading.Thread(target=read_later, daemon=True)
    reader.start()
    write_atomic(fifo, "late\n")
    reader.join(60)
    assert got == [b"late\n"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_pipe_whose_reader_has_gone_is_one_message(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader, _ = _reader(fifo, first=1)  # reads a byte, then closes the pipe
    with pytest.raises(FileWriteError) as info:
        write_atomic(fifo, b"x" * (4 * 1024 * 1024))
    reader.join(60)
    assert str(info.value) == f"cannot write {fifo}: the program reading it has gone"


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="pseudo-terminals are POSIX")
def test_a_terminal_named_as_the_file_shows_controls_and_takes_no_binary() -> None:
    master, slave = os.openpty()
    try:
        terminal = Path(os.ttyname(slave))
        write_atomic(terminal, "Red \x1b[31m alert\n")
        assert "Red ␛[31m alert" in os.read(master, 4096).decode()
        with pytest.raises(FileWriteError) as info:
            write_atomic(terminal, b"PK\x03\x04")
        assert str(info.value) == (
            f"cannot write {terminal}: it is a terminal, and this document is binary"
        )
    finally:
        os.close(slave)
        os.close(master)


@pytest.mark.parametrize(
    ("mode", "kind"),
    [
        (stat.S_IFBLK, "it is a block device (a disk)"),
        (stat.S_IFSOCK, "it is a socket"),
        (0, "it is not a file"),  # a kind of no name
    ],
    ids=["block device", "socket", "other"],
)
def test_what_is_neither_file_nor_stream_is_refused_by_kind(mode: int, kind: str) -> None:
    # a block device is not made here: a regression would write to a disk
    assert str(_not_a_file(Path("x"), mode)) == (
        f"cannot write x: {kind}, so it is left as it is; choose a file"
    )


def test_create_new_never_replaces_a_file(tmp_path: Path) -> None:
    path = tmp_path / "ws1.toml"
    assert create_new(path, "first\n")
    assert not create_new(path, "second\n")
    assert path.read_text(encoding="utf-8") == "first\n"
    assert [p.name for p in tmp_path.iterdir()] == ["ws1.toml"]


def test_create_new_without_hard_links_still_never_replaces(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(*_: object) -> None:
        raise PermissionError(1, "hard links not supported")

    monkeypatch.setattr(os, "link", no_links)
    path = tmp_path / "ws1.toml"
    assert create_new(path, "first\n")
    assert not create_new(path, "second\n")
    assert path.read_text(encoding="utf-8") == "first\n"
    assert [p.name for p in tmp_path.iterdir()] == ["ws1.toml"]


def test_create_new_says_what_write_atomic_says_of_a_missing_folder(tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "r.toml"
    with pytest.raises(FileWriteError) as atomic:
        write_atomic(path, "x\n")
    with pytest.raises(FileWriteError) as new:
        create_new(path, "x\n")
    assert str(new.value) == str(atomic.value)


def test_create_new_without_hard_links_leaves_nothing_when_the_move_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "link", _refuse)
    monkeypatch.setattr(Path, "replace", _refuse)
    path = tmp_path / "ws1.toml"
    with pytest.raises(FileWriteError) as info:
        create_new(path, "first\n")
    assert str(info.value) == f"cannot write {path}: Operation not permitted"
    assert list(tmp_path.iterdir()) == []
