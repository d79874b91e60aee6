"""Output formats: one module per format, found by name in :data:`FORMATS`.

A report becomes a :class:`~igf_report.document.Document` once
(:func:`igf_report.writers.tree.report_document`); each format module only
serialises that document, through the :class:`Renderer` it defines as
``RENDERER``. Modules are imported only when their format is asked for, so
that a command starts fast.
"""

from __future__ import annotations

import importlib
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, Protocol

from igf_report.document import Document
from igf_report.errors import UsageError
from igf_report.files.ownership import check_overwrite, file_head
from igf_report.writers.tree import report_document

__all__ = [
    "FORMATS",
    "SUFFIXES",
    "BytesWriteFunction",
    "Renderer",
    "WriteFunction",
    "format_for_output",
    "get_renderer",
]


class WriteFunction(Protocol):
    """Serialises a document as text."""

    def __call__(self, document: Document, *, width: int) -> str:
        """Write ``document``; ``width`` is the most columns a line may take, where lines wrap."""
        ...


class BytesWriteFunction(Protocol):
    """Serialises a document as a binary file (a Word file)."""

    def __call__(self, document: Document) -> bytes:
        """Write ``document``."""
        ...


@dataclass(frozen=True)
class Renderer:
    """An output format.

    Attributes:
        name: what ``--format`` takes.
        suffix: the file suffix of its documents.
        description: one line for ``--help``.
        marker: text near the start of every document of this format, by
            which a file igf-report wrote is told from one it must not overwrite.
        write: for a text format, the function that serialises a document.
        write_bytes: for a binary format, the function that serialises a document.
    """

    name: str
    suffix: str
    description: str
    marker: str
    write: WriteFunction | None = None
    write_bytes: BytesWriteFunction | None = None

    @property
    def binary(self) -> bool:
        """Whether documents of this format are bytes, not text."""
        return self.write is None

    def render(self, values: Mapping[str, Any], *, width: int = 80) -> str:
        """A report in this format.

        Args:
            values: field key to normalised value, or to
                :class:`~igf_report.writers.values.Invalid`; missing keys allowed.
            width: the most columns a line may take (for formats that wrap).

        Raises:
            UsageError: the format is binary (see :meth:`render_bytes`).
        """
        if self.write is None:
            msg = (
                f"the {self.name} format is a binary file, not text; "
                f"write it to a file with -o REPORT{self.suffix}"
            )
            raise UsageError(msg)
        return self.write(report_document(values), width=width)

    def render_bytes(self, values: Mapping[str, Any], *, width: int = 80) -> bytes:
        """A report in this format as bytes: a binary format's file, a text format's UTF-8."""
        if self.write_bytes is None:
            return self.render(values, width=width).encode()
        return self.write_bytes(report_document(values))

    def wrote(self, path: Path) -> bool:
        """Whether ``path`` holds a document this format wrote (its marker near the start)."""
        return self.marked(file_head(path))

    def marked(self, head: bytes) -> bool:
        """Whether a file starting with ``head`` is a document of this format (its marker)."""
        return self.marker.encode() in head

    def check_overwrite(self, path: Path, *, force: bool = False) -> None:
        """Refuse to replace ``path`` unless it is missing, ours, or ``force`` is given.

        A device or a named pipe is written to, never replaced: it is not refused.

        Raises:
            NotOurFile: ``path`` exists and igf-report did not write it.
        """
        check_overwrite(path, self.marked, force=force)


#: Format name to the module that holds its renderer.
FORMATS: Final = {
    "text": "igf_report.writers.text",
    "markdown": "igf_report.writers.markdown",
    "html": "igf_report.writers.html",
    "published": "igf_report.writers.published",
    "docx": "igf_report.writers.docx",
}


def get_renderer(name: str) -> Renderer:
    """The renderer for format ``name``.

    Raises:
        UsageError: no such format.
    """
    module = FORMATS.get(name)
    if module is None:
        msg = f"unknown format {name!r}; choose one of: {', '.join(FORMATS)}"
        raise UsageError(msg)
    renderer: Renderer = importlib.import_module(module).RENDERER
    return renderer


#: The suffixes a file of a format is known by, the usual one of each first.
SUFFIXES: Final = {
    ".html": "html",
    ".htm": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
    ".docx": "docx",
}


def format_for_output(
    fmt: str | None, out: Path | None, *, default: str, choices: Collection[str], what: str
) -> str:
    """The format to write: ``fmt`` if given, else known from ``out``'s suffix, else ``default``.

    Args:
        fmt: the format asked for with ``--format``, or None.
        out: the file named with ``-o``, or None (``-`` is stdout).
        default: the format without one asked for or a file's suffix.
        choices: the formats that may be written.
        what: what is written, for the message (``report``, ``book``).

    Raises:
        UsageError: ``out``'s suffix is not one of ``choices``' (a document
            under another kind's name, ``report.pdf``, would not open as it).
    """
    if fmt is not None:
        return fmt
    suffix = out.suffix.lower() if out is not None and str(out) != "-" else ""
    if not suffix:
        return default
    if SUFFIXES.get(suffix) not in choices:
        firsts = {f: s for s, f in reversed(SUFFIXES.items()) if f in choices}
        known = ", ".join(firsts[f] for f in choices if f in firsts)
        msg = (
            f"-o {out}: a {what} is not written as {suffix}; name it {known}, "
            f"or choose --format (a PDF is printed from the HTML {what} in a browser)"
        )
        raise UsageError(msg)
    return SUFFIXES[suffix]
