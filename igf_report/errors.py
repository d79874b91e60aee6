"""The errors a user can cause, each with the message they read and an exit code.

The command line catches :class:`IgfReportError` in one place and prints its
message; anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

from enum import IntEnum
from typing import ClassVar

__all__ = [
    "EmptyBook",
    "ExitStatus",
    "FileReadError",
    "FileWriteError",
    "IgfReportError",
    "Interrupted",
    "NotOurFile",
    "NotWritten",
    "NothingToImport",
    "QuietFailure",
    "ReportChanged",
    "ReportInvalid",
    "StdoutError",
    "TextNotWritten",
    "UsageError",
    "WizardStopped",
]


class ExitStatus(IntEnum):
    """What ``igf-report`` exits with; the one place errors become exit codes uses it."""

    OK = 0
    #: a report is invalid, or a command failed
    FAILED = 1
    INVALID = 1
    #: the command was called wrongly
    USAGE = 2
    #: a reader stopped early (``| head``): a Unix tool ends with SIGPIPE, 128 + 13
    BROKEN_PIPE = 141
    #: Ctrl-C: 128 + SIGINT, as the shell says it
    INTERRUPTED = 130


class IgfReportError(Exception):
    """A problem the user can fix; ``str(error)`` is what they read."""

    exit_code: ClassVar[ExitStatus] = ExitStatus.FAILED


class UsageError(IgfReportError):
    """The command was called wrongly: a missing file, a bad option value."""

    exit_code = ExitStatus.USAGE


class FileReadError(IgfReportError):
    """A file could not be read, or is not text of the expected kind.

    Attributes:
        file: the file's name.
        reason: what is wrong with it.
        line: the line where the problem is, when known.
        column: the column, when known.
    """

    def __init__(
        self, file: str, reason: str, line: int | None = None, column: int | None = None
    ) -> None:
        self.file, self.reason, self.line, self.column = file, reason, line, column
        where = ":".join(str(p) for p in (file, line, column) if p is not None)
        super().__init__(f"{where}: {reason}")


class FileWriteError(IgfReportError):
    """A file could not be written; the old file, if any, is untouched."""


class StdoutError(IgfReportError):
    """Standard output could not be written: a full disk, a closed pipe, no stdout at all.

    Attributes:
        errno: the system's error number, or None when there is no stdout.
    """

    def __init__(self, reason: str, errno: int | None = None) -> None:
        self.errno = errno
        super().__init__(f"cannot write to standard output: {reason}")


class ReportChanged(FileWriteError):
    """A report changed on disk since it was read; it is not overwritten."""


class NotOurFile(IgfReportError):
    """A file exists that igf-report did not write; it is never overwritten."""


class NothingToImport(IgfReportError):
    """A file given to ``import`` holds nothing to import: no label of the template, or a report."""


class EmptyBook(IgfReportError):
    """No report is left to put in a book."""


class QuietFailure(IgfReportError):
    """The command failed and has already said why: nothing more is printed.

    Each kind of failure is a subclass; ``exit_code`` is the status it exits with.
    """

    def __init__(self) -> None:
        super().__init__("")


class ReportInvalid(QuietFailure):
    """A report has errors, or an answer was refused (the findings were already printed)."""


class NotWritten(QuietFailure):
    """A report was not written where asked (what was said names where the answers are)."""


class TextNotWritten(QuietFailure):
    """The report was written, but not its text beside it (what was said tells why)."""


class WizardStopped(QuietFailure):
    """The wizard stopped early (Ctrl-D, a closed terminal, SIGTERM); the draft keeps all."""


class Interrupted(QuietFailure):
    """The user interrupted the wizard (Ctrl-C); the draft keeps the answers."""

    exit_code = ExitStatus.INTERRUPTED
