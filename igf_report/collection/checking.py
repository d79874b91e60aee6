"""Check report files: one, or every report below a folder, streamed one at a time."""

from __future__ import annotations

import enum
import errno
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from igf_report.errors import FileReadError, UsageError
from igf_report.files.reportfile import is_report, key_lines, parse_document, read_text, source_name
from igf_report.template.fields import key_of_path
from igf_report.template.validation import Checked, Finding, Severity, check

__all__ = [
    "FileResult",
    "Status",
    "check_file",
    "check_files",
    "expand_paths",
    "read_checked",
]


class Status(enum.StrEnum):
    """A report file's verdict."""

    VALID = "valid"
    WARNINGS = "warnings"
    INVALID = "invalid"


@dataclass(frozen=True)
class FileResult:
    """What checking one file found.

    Attributes:
        path: the file, as named on the command line or found in a folder.
        findings: every error and warning, with its line where known.
        checked: the report as checked (what the file holds, the values),
            unless the file could not be read at all.
    """

    path: str
    findings: list[Finding]
    checked: Checked | None

    @property
    def status(self) -> Status:
        """Invalid with any error, else with warnings if any, else valid."""
        severities = {f.severity for f in self.findings}
        if Severity.ERROR in severities:
            return Status.INVALID
        return Status.WARNINGS if severities else Status.VALID

    def failed(self, *, strict: bool) -> bool:
        """Whether this file fails the check (warnings too when ``strict``)."""
        return self.status is Status.INVALID or (strict and bool(self.findings))


def expand_paths(
    paths: Iterable[str | Path], on_skip: Callable[[str], None] | None = None
) -> Iterator[Path]:
    """Files as given, and every ``*.toml`` below each folder, in a stable order.

    ``-`` is standard input, read once however often it is named.

    Folders are walked lazily, one folder's listing at a time, so that checking
    a hundred thousand files holds no list of them. Symbolic links are
    followed, each real file and folder once: a link back to a folder being
    walked (a loop) is not followed, and said once.

    Args:
        paths: the files and folders named on the command line.
        on_skip: told, in a sentence, of each loop or folder that cannot be read.

    Raises:
        UsageError: a path does not exist (before anything is yielded).
    """
    given = [Path(raw) for raw in paths]
    missing = [str(path) for path in given if str(path) != "-" and not path.exists()]
    if missing:
        msg = "no such file or folder: " + ", ".join(missing)
        raise UsageError(msg)
    walk = _Walk(on_skip or (lambda _: None))
    return (path for path, _ in walk.all(given))


def check_files(
    paths: Iterable[str | Path], on_skip: Callable[[str], None] | None = None
) -> Iterator[FileResult]:
    """Check every report below ``paths`` (see :func:`expand_paths`), one at a time.

    A file named on the command line is checked whatever it holds. A file
    found in a folder is checked when it is a report (:func:`is_report`): a
    ``pyproject.toml`` beside the reports is skipped. What was skipped,
    files that are not reports and names that are not files (a named pipe, a
    socket, a device), is said once each at the end, how many and which.

    Raises:
        UsageError: a path does not exist (before anything is yielded).
    """
    given = [Path(raw) for raw in paths]
    expand_paths(given)  # every missing path named before anything is checked
    walk = _Walk(on_skip or (lambda _: None))
    for path, named in walk.all(given):
        result = check_file(path)
        if not named and result.checked is not None and not is_report(result.checked.written):
            walk.not_reports.append(str(path))
            continue
        yield result
    walk.say_skipped()


#: How many names a line about skipped files lists before it counts the rest.
_NAMES_LISTED = 5


def _count(names: list[str], one: str, many: str) -> str:
    return f"{len(names)} {one if len(names) == 1 else many}"


def _listed(names: list[str]) -> str:
    shown = ", ".join(names[:_NAMES_LISTED])
    more = len(names) - _NAMES_LISTED
    return f"{shown} and {more} more" if more > 0 else shown


# a file or folder's identity: (device, inode)
_Identity = tuple[int, int]


class _Walk:
    """One walk over the paths given: what it has seen, and what it is inside."""

    def __init__(self, on_skip: Callable[[str], None]) -> None:
        self.on_skip = on_skip
        self.seen: set[_Identity] = set()
        self.inside: dict[_Identity, Path] = {}
        #: *.toml names in folders that are not files: pipes, sockets, devices
        self.not_files: list[str] = []
        #: files found in folders that are not reports (told by whoever read them)
        self.not_reports: list[str] = []

    def all(self, given: list[Path]) -> Iterator[tuple[Path, bool]]:
        """Each file to check, and whether it was named (not found in a folder)."""
        stdin_read = False
        for path in given:
            if str(path) == "-":
                if not stdin_read:
                    stdin_read = True
                    yield path, True
            elif path.is_dir():
                yield from ((found, False) for found in self.folder(path))
            elif self.first_time(path):
                yield path, True
        if self.not_files:
            self.on_skip(
                f"skipped {_count(self.not_files, 'name that is', 'names that are')} not a file "
                f"(a named pipe, a socket or a device): {_listed(self.not_files)}"
            )

    def say_skipped(self) -> None:
        """Say, once, which files found in folders were not reports."""
        if self.not_reports:
            self.on_skip(
                f"skipped {_count(self.not_reports, 'file that is', 'files that are')} "
                "not a report (no template key, and keys the template does not know): "
                f"{_listed(self.not_reports)}"
            )

    def first_time(self, path: Path) -> bool:
        try:
            info = path.stat()
        except OSError:  # reading it will say what is wrong
            return True
        identity = (info.st_dev, info.st_ino)
        if identity in self.seen:
            return False
        self.seen.add(identity)
        return True

    def folder(self, folder: Path) -> Iterator[Path]:
        try:
            info = folder.stat()
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as exc:
            self.on_skip(f"{folder}: cannot read the folder: {exc.strerror or exc}; skipped")
            return
        identity = (info.st_dev, info.st_ino)
        if identity in self.inside:
            self.on_skip(f"{folder}: a symlink loop back to {self.inside[identity]}; not followed")
            return
        if identity in self.seen:  # reached again through a link: walked already
            return
        self.seen.add(identity)
        self.inside[identity] = folder
        try:
            for entry in entries:
                yield from self.entry(entry, info.st_dev)
        finally:
            del self.inside[identity]

    def entry(self, entry: os.DirEntry[str], device: int) -> Iterator[Path]:
        try:
            if entry.is_dir():
                yield from self.folder(Path(entry.path))
                return
            if not entry.name.endswith(".toml"):
                return
            if not entry.is_file():
                if entry.is_symlink() and not os.path.lexists(os.path.realpath(entry.path)):
                    target = Path(entry.path).readlink()
                    self.on_skip(
                        f"{entry.path}: a symbolic link to {target}, which does not exist; skipped"
                    )
                elif self.first_time(Path(entry.path)):  # a pipe, a socket or a device
                    self.not_files.append(str(Path(entry.path)))
                return
            if entry.is_symlink():
                info = entry.stat()
                identity = (info.st_dev, info.st_ino)
            else:  # the listing's own inode: no stat for the common case
                identity = (device, entry.inode())
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                self.on_skip(f"{entry.path}: a symlink loop; not followed")
            return  # a link to nothing, or a file gone since the listing
        if identity not in self.seen:
            self.seen.add(identity)
            yield Path(entry.path)


def read_checked(path: str | Path) -> Checked:
    """Read, parse and check one report file (``-``: standard input).

    Returns:
        What :func:`~igf_report.template.validation.check` found, each finding
        with its line in the file where known.

    Raises:
        UsageError: the file does not exist.
        FileReadError: it cannot be read or is not valid TOML.
    """
    text = read_text(path)
    checked = check(parse_document(text, str(path), "toml"))
    if checked.findings:  # most reports have none: do not look for lines then
        lines = key_lines(text)
        checked.findings = [f.at_line(lines.get(key_of_path(f.path))) for f in checked.findings]
    return checked


def check_file(path: Path) -> FileResult:
    """Check one file (``-``: standard input), whatever it holds.

    A file that cannot be read or parsed becomes an error finding on the
    whole file, and its result has no :attr:`~FileResult.checked`.

    Raises:
        UsageError: the file vanished or is a folder.
    """
    name = source_name(path)
    try:
        checked = read_checked(path)
    except FileReadError as exc:
        finding = Finding(Severity.ERROR, "", "the whole file", exc.reason, exc.line, exc.column)
        return FileResult(name, [finding], None)
    return FileResult(name, checked.findings, checked)
