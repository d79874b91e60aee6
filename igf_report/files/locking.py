"""One writer at a time per report: a lock held while a report is re-read and written.

The lock is a hidden file beside the report (``.report.toml.lock``), locked with
:mod:`filelock` (``flock`` on Unix, ``LockFileEx`` on Windows). It is removed
again before the lock is released, so the folder keeps no trace of it; a waiter
that locked the removed file notices and locks the new one (filelock checks
that the file it locked still has a name). A killed writer may leave the empty
lock file behind; it is harmless and the next writer reuses it.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Final

from igf_report.errors import FileWriteError
from igf_report.files.atomic import fit_name

__all__ = ["LOCK_TIMEOUT", "lock_path", "report_lock"]

#: Seconds to wait for another writer; a save takes milliseconds.
LOCK_TIMEOUT: Final = 15.0


def lock_path(report: Path) -> Path:
    """The lock file of ``report``: hidden, beside the file a symlink points to."""
    real = Path(os.path.realpath(report))
    return real.with_name(fit_name(".", real.name, ".lock"))


@contextmanager
def report_lock(report: Path) -> Iterator[None]:
    """Hold the lock of ``report`` while the block re-reads and writes it.

    A folder where the lock cannot be made (read-only, missing) is not locked:
    nobody can write the report there either, and the write reports why.

    Raises:
        FileWriteError: another writer held the lock for ``LOCK_TIMEOUT`` seconds.
    """
    import filelock  # noqa: PLC0415 -- only writes need it; keep `validate` start-up light

    path = lock_path(report)
    if not path.parent.is_dir():
        # filelock would make the folder; the write must say it is missing instead
        yield
        return
    lock = filelock.FileLock(path, timeout=LOCK_TIMEOUT)
    try:
        lock.acquire()
    except filelock.Timeout:
        msg = (
            f"cannot write {report}: another igf-report has been writing it for "
            f"{LOCK_TIMEOUT:.0f} seconds; try again (if none is running, delete {path})"
        )
        raise FileWriteError(msg) from None
    except OSError:
        yield
        return
    try:
        yield
    finally:
        # removed while still held, so that no later writer can lock a file
        # that is about to disappear
        with contextlib.suppress(OSError):
            path.unlink()
        lock.release()
