"""Write files so that a crash at any moment leaves the old file or the new one."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from igf_report.errors import FileWriteError

__all__ = ["write_atomic"]


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        # mkstemp makes the file private; a new file should get the usual
        # permissions, as if it had been opened with open().
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(path: Path, text: str | bytes) -> None:
    """Write ``text`` (UTF-8, as given; bytes as they are) to ``path`` atomically.

    The text goes to a temporary file in the same folder, is flushed and
    fsynced, and then replaces ``path`` in one ``os.replace``; the folder is
    fsynced too so that the rename survives a power cut. An existing file's
    permissions are kept.

    Raises:
        FileWriteError: the folder is missing or read-only, the disk is full,
            or anything else stopped the write; ``path`` is then untouched.
    """
    folder = path.parent
    if not folder.is_dir():
        msg = f"cannot write {path}: the folder {folder} does not exist"
        raise FileWriteError(msg)
    data = text.encode("utf-8") if isinstance(text, str) else text
    try:
        fd, temporary_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        msg = f"cannot write {path}: {_reason(exc)}"
        raise FileWriteError(msg) from None
    temporary = Path(temporary_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(OSError):
            temporary.chmod(_mode_for(path))
        temporary.replace(path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temporary.unlink()
        msg = f"cannot write {path}: {_reason(exc)}"
        raise FileWriteError(msg) from None
    _sync_folder(folder)


def _sync_folder(folder: Path) -> None:
    # Not every system lets a folder be opened (Windows does not); the data is
    # already safe, only the rename's durability is at stake.
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
