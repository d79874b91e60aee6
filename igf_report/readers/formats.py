"""Which reader a file needs: named by ``--from-format``, else known from its suffix or content.

Each format has one reader module; every reader but the published one builds a
:class:`~igf_report.document.Document`, which :mod:`igf_report.readers.mapping`
turns into answers. The Word reader is imported only when a Word file is read
(``python-docx`` is slow to import).
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Final

from igf_report.errors import FileReadError, UsageError
from igf_report.files.reportfile import decode
from igf_report.readers.building import TooIntricateError, refuse_sprawl
from igf_report.readers.mapping import map_document, match_label
from igf_report.readers.markdown import heading, read_markdown
from igf_report.readers.page import read_page
from igf_report.readers.published import read_published
from igf_report.readers.text import read_plain_text

if TYPE_CHECKING:
    from igf_report.readers.published import Imported

__all__ = [
    "IMPORT_FORMATS",
    "ImportFormat",
    "TooIntricateError",
    "detect_format",
    "foreign_format",
    "is_docx",
    "read_answers",
]


@dataclass(frozen=True)
class ImportFormat:
    """A format ``import`` reads.

    Attributes:
        name: what ``--from-format`` takes.
        suffixes: file suffixes that name it (a ``.txt`` file is looked into instead).
        description: what it is, for ``--help`` and messages.
    """

    name: str
    suffixes: tuple[str, ...]
    description: str


IMPORT_FORMATS: Final = {
    f.name: f
    for f in (
        ImportFormat("published", (), "the IGF website's published label<TAB>HTML rows"),
        ImportFormat("docx", (".docx",), "a Word file"),
        ImportFormat("html", (".html", ".htm", ".xhtml"), "a web page"),
        ImportFormat("markdown", (".md", ".markdown"), "a Markdown draft"),
        ImportFormat("text", (), "plain text, such as a report page copied from a browser"),
    )
}

_OLD_WORD: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003 (.doc)
# the stream a password-protected Word file keeps its package in (UTF-16 in the OLE2 folder)
_ENCRYPTED_PACKAGE: Final = "EncryptedPackage".encode("utf-16-le")
# an OpenDocument file opens with its "mimetype" entry, stored: its name at byte 30, its text at 38
_ODF_MIMETYPE: Final = re.compile(
    rb"PK\x03\x04.{26}mimetypeapplication/vnd\.oasis\.opendocument\.([a-z]+)", re.DOTALL
)
_SAVE_AS_DOCX: Final = "save it as a Word document (.docx)"
_FOREIGN: Final = (
    (
        b"%PDF-",
        (
            "is a PDF file, which import cannot read; import the Word file or page it was "
            "made from, or copy its text into a .txt file"
        ),
    ),
    (
        b"{\\rtf",
        f"is a Rich Text Format file (.rtf); open it in Word or LibreOffice and {_SAVE_AS_DOCX}",
    ),
)
_PAGE: Final = re.compile(r"<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE)
# a tag ends before the next "<": from each "<p" no scan runs to the end
_TAGS: Final = re.compile(r"<(?:p|div|table|tr|td|dl|dt|h[1-6]|ul|li|br)\b[^<>]*+>", re.IGNORECASE)
_MD_BOLD_LABEL: Final = re.compile(
    r"^ {0,3}(?:[-*+][ \t]+)?(?:\*\*|__)(.+?)(?:\*\*|__)", re.MULTILINE
)
_ENOUGH_TAGS: Final = 2
# white space but a line's end: a \s* at each line start ran over every blank line after it
_BULLET_LINE: Final = re.compile(r"^[^\S\n]*[•◦▪‣●]", re.MULTILINE)


def _published_rows(text: str) -> int:
    rows = 0
    for line in text.split("\n"):
        label, tab, _ = line.partition("\t")
        if tab and label.strip() and match_label(label) is not None:
            rows += 1
    return rows


def _markdown_labels(text: str) -> int:
    found = [words for line in text.split("\n") if (words := (heading(line) or (0, ""))[1])]
    found += [m[1].rstrip(":") for m in _MD_BOLD_LABEL.finditer(text)]
    return sum(match_label(label) is not None for label in found)


def is_docx(data: bytes) -> bool:
    """Whether ``data`` is a Word file (a zip holding ``word/document.xml``)."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            return "word/document.xml" in package.namelist()
    except zipfile.BadZipFile:
        return False


def foreign_format(data: bytes) -> str | None:
    """What is wrong with a file of a format import does not read, told by its first bytes.

    A Word 97-2003 file, a password-protected Word file, an OpenDocument file,
    a PDF or an RTF file: people save these from an office suite and drop them
    in. ``None`` for anything else.
    """
    if data.startswith(_OLD_WORD):
        if _ENCRYPTED_PACKAGE in data:
            return (
                "is a password-protected Word file, which import cannot read; "
                "remove its password in Word and save it again"
            )
        return f"is a Word 97-2003 document (.doc); {_SAVE_AS_DOCX}"
    if m := _ODF_MIMETYPE.match(data):
        kind = m[1].decode("ascii")
        return (
            f"is an OpenDocument {kind} file (LibreOffice); "
            f"open it in LibreOffice and {_SAVE_AS_DOCX}"
        )
    for magic, reason in _FOREIGN:
        if data.startswith(magic):
            return reason
    return None


def detect_format(name: str, data: bytes) -> str:
    """The format of a file, from its suffix or else its content.

    Raises:
        FileReadError: a file of a format import does not read (see
            :func:`foreign_format`).
    """
    if (reason := foreign_format(data)) is not None:
        raise FileReadError(name, reason)
    if is_docx(data):
        return "docx"
    suffix = Path(name).suffix.lower()
    for fmt in IMPORT_FORMATS.values():
        if suffix in fmt.suffixes:
            return fmt.name
    head = data[:200_000].decode("utf-8", errors="replace")
    if _published_rows(head) and (_TAGS.search(head) or not _BULLET_LINE.search(head)):
        # label<TAB>value rows; with "•" bullets and no HTML they are a table
        # copied from a browser, which the text reader reads
        return "published"
    if _PAGE.search(head[:4000]) or len(_TAGS.findall(head)) >= _ENOUGH_TAGS:
        return "html"
    if _markdown_labels(head):
        return "markdown"
    return "text"


def read_answers(name: str, data: bytes, fmt: str | None = None) -> tuple[str, Imported]:
    """Read a file's bytes in format ``fmt`` (detected when None) into answers.

    Returns:
        The format read, and what the import made of the file.

    Raises:
        UsageError: ``fmt`` is not a format ``import`` reads, or a Word file
            was named by a text format (or the other way round).
        FileReadError: the file is not UTF-8 (text formats) or not a Word file,
            or is of a format import does not read (a PDF, an OpenDocument file...).
    """
    if fmt is None:
        fmt = detect_format(name, data)
    elif fmt not in IMPORT_FORMATS:
        msg = f"unknown format {fmt!r} for import; choose one of: {', '.join(IMPORT_FORMATS)}"
        raise UsageError(msg)
    elif (reason := foreign_format(data)) is not None:
        # named by --from-format, it is still not that format
        raise FileReadError(name, reason)
    if fmt == "docx":
        # python-docx takes a tenth of a second to import: only for a Word file
        from igf_report.readers.word import read_word  # noqa: PLC0415

        try:
            return fmt, map_document(read_word(data, name))
        except TooIntricateError as exc:
            raise FileReadError(name, str(exc)) from None
    if is_docx(data):
        msg = f"{name} is a Word file; import it with --from-format docx (or without --from-format)"
        raise UsageError(msg)
    text = decode(data, name)
    try:
        # a lone CR ends a line too (old Mac files)
        refuse_sprawl(max(text.count("\n"), text.count("\r")), "lines")
        if fmt in {"html", "published"}:
            refuse_sprawl(text.count("<"), "tags")
        return fmt, _answers_from_text(fmt, text)
    except RecursionError:
        # the page reader walks elements inside one another by recursion
        msg = "nests its elements too deeply to be read (hundreds inside one another)"
        raise FileReadError(name, msg) from None
    except TooIntricateError as exc:
        raise FileReadError(name, str(exc)) from None


def _answers_from_text(fmt: str, text: str) -> Imported:
    if fmt == "published":
        return read_published(text)
    if fmt == "html":
        return map_document(read_page(text))
    if fmt == "markdown":
        return map_document(read_markdown(text))
    return map_document(read_plain_text(text))
