"""Write files so that a crash at any moment leaves the old file or the new one."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import stat
import tempfile
import time
from pathlib import Path
from typing import Final

from igf_report.errors import FileWriteError
from igf_report.textutil import visible

__all__ = ["NAME_MAX", "create_new", "fit_name", "write_atomic", "written_in_place"]

#: Longest file name, in bytes, that Linux file systems take (ext4, XFS, Btrfs, tmpfs).
NAME_MAX: Final = 255

# what mkstemp adds between the prefix and the suffix
_RANDOM_CHARACTERS: Final = 8
# what stands for the part of a name cut off: "~" and this many hex digits of its hash
_TAG_DIGITS: Final = 8


def _cut(name: str, budget: int) -> str:
    """The longest start of ``name`` of at most ``budget`` bytes, cut between characters."""
    used = 0
    for index, character in enumerate(name):
        used += len(os.fsencode(character))
        if used > budget:
            return name[:index]
    return name


def fit_name(prefix: str, name: str, suffix: str, *, room: int = 0) -> str:
    """``prefix + name + suffix``, with ``name`` cut so that it fits :data:`NAME_MAX` bytes.

    A name that must be cut keeps its start (cut between characters, never
    inside one) and gains ``~`` and a short hash of the whole name, so that two
    long names differing only at their end still give two names.

    Args:
        prefix: what comes first, kept whole.
        name: the file name to keep as much of as fits.
        suffix: what comes last, kept whole.
        room: bytes to leave for what will be added (mkstemp's random part).
    """
    budget = NAME_MAX - room - len(os.fsencode(prefix + suffix))
    if len(os.fsencode(name)) <= budget:
        return prefix + name + suffix
    tag = "~" + hashlib.sha256(os.fsencode(name)).hexdigest()[:_TAG_DIGITS]
    return prefix + _cut(name, budget - len(tag)) + tag + suffix


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _new_file_mode() -> int:
    # mkstemp makes the file private; a new file should get the usual
    # permissions, as if it had been opened with open().
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _existing(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except OSError:
        return None


def _check_writable(path: Path, shown: Path, status: os.stat_result) -> None:
    # No write bit for anyone means "do not change this", even for root,
    # who may write anything; os.access answers for everyone else.
    if status.st_mode & 0o222 and os.access(path, os.W_OK):
        return
    msg = (
        f"cannot write {shown}: the file is read-only, so it is left as it is; "
        "make it writable (chmod u+w) to change it"
    )
    raise FileWriteError(msg)


def _keep_attributes(temporary: Path, status: os.stat_result | None) -> None:
    if status is None:
        with contextlib.suppress(OSError):
            temporary.chmod(_new_file_mode())
        return
    # the owner first: chown may clear the set-id bits that chmod then restores
    if hasattr(os, "chown"):
        with contextlib.suppress(OSError):  # only root (or the owner, for the group) may
            os.chown(temporary, status.st_uid, status.st_gid)
    with contextlib.suppress(OSError):
        temporary.chmod(stat.S_IMODE(status.st_mode))


#: Seconds a named pipe is given for a program to open it to read.
FIFO_WAIT: Final = 2.0

_NONBLOCK: Final = getattr(os, "O_NONBLOCK", 0)
_NOCTTY: Final = getattr(os, "O_NOCTTY", 0)
# the names of this program's own open files, written where they stand
_OWN_STREAM: Final = re.compile(r"/dev/(?:stdout|stderr|fd/\d+)|/proc/self/fd/\d+")


def _status(path: Path) -> os.stat_result | None:
    try:
        return path.stat()  # through links: /dev/stdout is the pipe or file it stands for
    except OSError:
        return None


def written_in_place(path: Path) -> bool:
    """Whether ``path`` is a character device or a named pipe, written to and never replaced.

    ``/dev/null``, a terminal, a named pipe another program reads: nothing in
    them is replaced by writing to them. So is a name for one of this
    program's own streams (``/dev/stdout``, ``/dev/fd/3``) whatever it stands
    for: ``-o /dev/stdout >> log`` adds to the log, as the shell was asked.
    """
    if _OWN_STREAM.fullmatch(str(path)):
        return True
    status = _status(path)
    return status is not None and (stat.S_ISCHR(status.st_mode) or stat.S_ISFIFO(status.st_mode))


def _not_a_file(shown: Path, mode: int) -> FileWriteError:
    if stat.S_ISBLK(mode):
        kind = "a block device (a disk)"
    elif stat.S_ISSOCK(mode):
        kind = "a socket"
    else:
        kind = "not a file"
    msg = f"cannot write {shown}: it is {kind}, so it is left as it is; choose a file"
    return FileWriteError(msg)


def _open_in_place(path: Path, shown: Path) -> int:
    """Open a device or a named pipe to write, waiting a moment for a pipe's reader."""
    deadline = time.monotonic() + FIFO_WAIT
    while True:
        try:
            # without blocking: a named pipe nobody reads would otherwise wait for ever
            # appending: a file behind /dev/stdout keeps what is already written to it
            return os.open(path, os.O_WRONLY | os.O_APPEND | _NONBLOCK | _NOCTTY)
        except OSError as exc:
            if exc.errno != errno.ENXIO or time.monotonic() >= deadline:
                reason = _reason(exc)
                if exc.errno == errno.ENXIO:
                    reason = (
                        f"it is a named pipe (FIFO) that no program opened to read within "
                        f"{FIFO_WAIT:g} seconds"
                    )
                msg = f"cannot write {shown}: {reason}"
                raise FileWriteError(msg) from None
        time.sleep(0.02)


def _write_in_place(path: Path, shown: Path, text: str | bytes) -> None:
    """Write to a character device or a named pipe as it is: it is never replaced."""
    fd = _open_in_place(path, shown)
    try:
        if _NONBLOCK:
            os.set_blocking(fd, True)
        if os.isatty(fd):  # a terminal: what the terminal rule lets through, or nothing
            if isinstance(text, bytes):
                msg = f"cannot write {shown}: it is a terminal, and this document is binary"
                raise FileWriteError(msg)
            text = visible(text)
        data = memoryview(text.encode() if isinstance(text, str) else text)
        while data:
            data = data[os.write(fd, data) :]
    except OSError as exc:
        reason = "the program reading it has gone" if exc.errno == errno.EPIPE else _reason(exc)
        msg = f"cannot write {shown}: {reason}"
        raise FileWriteError(msg) from None
    finally:
        os.close(fd)


def write_atomic(path: Path, text: str | bytes) -> None:
    """Write ``text`` (UTF-8, as given; bytes as they are) to ``path`` atomically.

    The text goes to a temporary file in the same folder, is flushed and
    fsynced, and then replaces ``path`` in one ``os.replace``; the folder is
    fsynced too so that the rename survives a power cut. A symlink is written
    through: the file it points to is replaced and the link stays a link. An
    existing file's permissions are kept, and its owner and group where the
    system allows it.

    A character device or a named pipe (``/dev/null``, ``/dev/stdout``, a
    pipe another program reads) is written to as it is, never replaced by a
    file; on a terminal, controls are made visible. A block device or a
    socket is refused.

    Raises:
        FileWriteError: the file is read-only, the folder is missing or
            read-only, the disk is full, or anything else stopped the write;
            ``path`` is then untouched.
    """
    shown = path
    if written_in_place(path):
        _write_in_place(path, shown, text)
        return
    status = _status(path)
    if status is not None and not (stat.S_ISREG(status.st_mode) or stat.S_ISDIR(status.st_mode)):
        raise _not_a_file(shown, status.st_mode)
    path = Path(os.path.realpath(path))
    status = _existing(path)
    if status is not None:
        _check_writable(path, shown, status)
    temporary = _written_beside(path, shown, text, status)
    try:
        temporary.replace(path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temporary.unlink()
        msg = f"cannot write {shown}: {_reason(exc)}"
        raise FileWriteError(msg) from None
    _sync_folder(path.parent)


def create_new(path: Path, text: str | bytes) -> bool:
    """Write ``path`` whole, only if no file of that name exists: never over one made meanwhile.

    As :func:`write_atomic`, the text is written to a temporary file first; it
    then takes the name with a hard link, which fails if the name is taken
    (where a rename would replace it), so a file made between a check for it
    and this write is kept. On a file system without hard links the name is
    taken with an exclusive create (``O_EXCL``) and the text moved onto it.

    Returns:
        Whether the file was written (``False``: a file of that name exists,
        and is untouched).

    Raises:
        FileWriteError: the file could not be written; nothing is left behind.
    """
    # beside the name itself: a link there, even one to nowhere, is a file that exists
    temporary = _written_beside(Path(os.path.realpath(path.parent), path.name), path, text, None)
    try:
        try:
            os.link(temporary, path)
        except FileExistsError:
            return False
        except OSError:
            try:
                os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            except FileExistsError:
                return False
            try:
                temporary.replace(path)  # over the empty file just made, ours
            except OSError:
                with contextlib.suppress(OSError):
                    path.unlink()
                raise
    except OSError as exc:
        msg = f"cannot write {path}: {_reason(exc)}"
        raise FileWriteError(msg) from None
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink()
    _sync_folder(path.parent)
    return True


def _written_beside(
    path: Path, shown: Path, text: str | bytes, status: os.stat_result | None
) -> Path:
    """``text`` (UTF-8, as given; bytes as they are) in a temporary file beside ``path``, synced.

    It gets ``path``'s permissions and owner (``status``), or a new file's.

    Raises:
        FileWriteError: the folder is missing or read-only, the disk is full;
            no temporary file is left.
    """
    folder = path.parent
    if not folder.is_dir():
        msg = f"cannot write {shown}: the folder {folder} does not exist"
        raise FileWriteError(msg)
    data = text.encode() if isinstance(text, str) else text  # UTF-8, whatever the locale
    try:
        # the temporary name fits however long the file's own name is
        prefix = fit_name(".", path.name, ".", room=_RANDOM_CHARACTERS + len(".tmp"))
        fd, temporary_name = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=folder)
    except OSError as exc:
        msg = f"cannot write {shown}: {_reason(exc)}"
        raise FileWriteError(msg) from None
    temporary = Path(temporary_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        _keep_attributes(temporary, status)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temporary.unlink()
        msg = f"cannot write {shown}: {_reason(exc)}"
        raise FileWriteError(msg) from None
    return temporary


def _sync_folder(folder: Path) -> None:
    # Not every system lets a folder be opened (Windows does not); the data is
    # already safe, only the rename's durability is at stake.
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
