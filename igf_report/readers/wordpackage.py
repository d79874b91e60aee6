"""The parts of a Word file import reads, taken out of its zip within bounds.

A ``.docx`` is a zip: the 5 MiB limit on the file bounds what is compressed,
not what it inflates to, and python-docx inflates every part a relationship
names (images, fonts, embedded files). Here only the parts import reads are
inflated (the main document, its styles and the core properties, found through
the package's relationships), each to at most :data:`PART_LIMIT` and all of them
to :data:`TOTAL_LIMIT`: checked against the sizes the zip declares before
anything is inflated, and while inflating (Python's zip reader stops at the
declared size and checks the CRC, so a header that lies ends in an error, not in
more bytes). They are packed again, uncompressed, into a package that python-docx
reads; every other part stays compressed and unread.

Every way this fails is a :class:`~igf_report.errors.FileReadError` naming the
file and the part.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from typing import Final

from lxml import etree

from igf_report.errors import FileReadError

__all__ = ["PART_LIMIT", "TOTAL_LIMIT", "WordPackage", "cannot_read", "xml_problem"]

#: The most bytes one part import reads may inflate to.
PART_LIMIT: Final = 10 * 1024 * 1024
#: The most bytes all the parts import reads may inflate to together.
TOTAL_LIMIT: Final = 20 * 1024 * 1024
#: How deep lxml lets elements nest (without its "huge" option); tables inside
#: tables take three levels each.
XML_DEPTH: Final = 256

_MIB: Final = 1024 * 1024
_RELATIONSHIPS: Final = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_TYPES: Final = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_OFFICE_DOCUMENT: Final = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
)
_CORE_PROPERTIES: Final = (
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
)
_STYLES: Final = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
_WORD_MAIN: Final = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
)
# a template and their macro-enabled kinds hold the same body; their macros are never read
_MAIN_TYPES: Final = frozenset(
    {
        _WORD_MAIN,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
        "application/vnd.ms-word.document.macroEnabled.main+xml",
        "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
    }
)
_STYLES_TYPE: Final = "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"
_CORE_TYPE: Final = "application/vnd.openxmlformats-package.core-properties+xml"
_RELS_TYPE: Final = "application/vnd.openxmlformats-package.relationships+xml"
# where the repacked package keeps each part, by the relationship that names it
DOCUMENT: Final = "word/document.xml"
STYLES: Final = "word/styles.xml"
CORE: Final = "docProps/core.xml"
_PACKED_RELS: Final = "_rels/.rels"
_PACKED_DOCUMENT_RELS: Final = "word/_rels/document.xml.rels"


def cannot_read(name: str, why: str) -> FileReadError:
    """The error for a Word file import cannot read, saying why."""
    return FileReadError(name, f"cannot be read as a Word (.docx) file: {why}")


def xml_problem(part: str, exc: etree.XMLSyntaxError) -> str:
    """What is wrong with a part lxml could not parse, for people."""
    message = str(exc.msg or exc)
    if "Document is empty" in message:
        return f"its part {part} is empty"
    if "Excessive depth" in message:
        return f"its part {part} nests elements more than {XML_DEPTH} deep (tables in tables?)"
    if "Text node too long" in message or "Huge input lookup" in message:
        return f"its part {part} holds a text of more than 10 MB in one piece"
    if "amplification" in message or "entity reference loop" in message:
        return f"its part {part} declares entities that expand without bound (a DTD)"
    line, column = exc.position
    reason = message.split(f", line {line}, column", maxsplit=1)[0]
    return f"its part {part} is not well-formed XML (line {line}, column {column}: {reason})"


def _parse(part: str, blob: bytes, name: str) -> etree._Element:
    """A small part (content types, relationships) parsed safely: no entities, no network."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=True)
    try:
        return etree.fromstring(blob, parser)
    except etree.XMLSyntaxError as exc:
        raise cannot_read(name, xml_problem(part, exc)) from None


def _rels_of(part: str) -> str:
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{base}.rels")


class WordPackage:
    """The parts import reads of a Word file's zip, read within bounds.

    Args:
        data: the file's bytes.
        name: its name, for messages.

    Raises:
        FileReadError: not a zip, or a part is missing, encrypted, damaged,
            too large or not XML.
    """

    def __init__(self, data: bytes, name: str) -> None:
        self.name = name
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, ValueError, EOFError) as exc:
            raise cannot_read(name, f"it is not a zip archive ({exc})") from None
        # part names are case-insensitive in a package
        self._entries = {info.filename.lower(): info for info in self._zip.infolist()}
        self._left = TOTAL_LIMIT
        self.parts: dict[str, bytes] = {}
        self._find_parts()

    def _read(self, part: str) -> bytes | None:
        """The part's bytes (``None`` when the zip has no such part), within the limits."""
        info = self._entries.get(part.lower())
        if info is None:
            return None
        if info.flag_bits & 0x1:
            raise cannot_read(self.name, f"its part {part} is encrypted")
        limit = min(PART_LIMIT, self._left)
        if info.file_size > limit:
            raise self._too_large(part, info.file_size)
        try:
            with self._zip.open(info) as entry:
                blob = entry.read(limit + 1)
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
            raise cannot_read(self.name, f"its part {part} is damaged ({exc})") from None
        if len(blob) > limit:  # the zip reader stops at the declared size: never, but bounded
            raise self._too_large(part, len(blob))
        self._left -= len(blob)
        return blob

    def _too_large(self, part: str, size: int) -> FileReadError:
        if size > PART_LIMIT:
            why = f"its part {part} inflates to more than {PART_LIMIT // _MIB} MiB"
        else:
            why = f"the parts import reads inflate to more than {TOTAL_LIMIT // _MIB} MiB together"
        return cannot_read(self.name, f"{why} (a zip bomb?)")

    def _relationships(self, part: str) -> dict[str, str]:
        """The parts ``part`` relates to inside the package, by relationship type (first wins)."""
        rels = _rels_of(part) if part else _PACKED_RELS
        blob = self._read(rels)
        if blob is None:
            return {}
        root = _parse(rels, blob, self.name)
        found: dict[str, str] = {}
        for rel in root.iter(f"{_RELATIONSHIPS}Relationship"):
            kind, target = rel.get("Type"), rel.get("Target")
            if kind is None or not target or rel.get("TargetMode") == "External":
                continue  # a part outside the package is never fetched
            if target.startswith("/"):
                path = target[1:]
            else:
                path = posixpath.join(posixpath.dirname(part), target)
            found.setdefault(kind, posixpath.normpath(path).lstrip("/"))
        return found

    def _content_type(self, part: str) -> str | None:
        blob = self._read("[Content_Types].xml")
        if blob is None:
            raise cannot_read(self.name, "it has no part [Content_Types].xml")
        root = _parse("[Content_Types].xml", blob, self.name)
        wanted = f"/{part}".lower()
        for override in root.iter(f"{_TYPES}Override"):
            if (override.get("PartName") or "").lower() == wanted:
                return str(override.get("ContentType"))
        extension = posixpath.splitext(part)[1].lstrip(".").lower()
        for default in root.iter(f"{_TYPES}Default"):
            if (default.get("Extension") or "").lower() == extension:
                return str(default.get("ContentType"))
        return None

    def _find_parts(self) -> None:
        package = self._relationships("")
        main = package.get(_OFFICE_DOCUMENT)
        if main is None:
            raise cannot_read(self.name, "it names no main document (in _rels/.rels)")
        content_type = self._content_type(main)
        if content_type not in _MAIN_TYPES:
            raise cannot_read(
                self.name,
                f"its main part {main} is not a Word document (its content type is "
                f"{content_type!r})",
            )
        document = self._read(main)
        if document is None:
            raise cannot_read(self.name, f"its main part {main} is missing")
        self.parts[DOCUMENT] = document
        styles = self._relationships(main).get(_STYLES)
        if styles is not None and (blob := self._read(styles)) is not None:
            self.parts[STYLES] = blob
        core = package.get(_CORE_PROPERTIES)
        if core is not None and (blob := self._read(core)) is not None:
            self.parts[CORE] = blob

    def repacked(self) -> bytes:
        """A package of the parts read alone, stored (not compressed), for python-docx."""
        types = [f'<Override PartName="/{DOCUMENT}" ContentType="{_WORD_MAIN}"/>']
        package_rels = [_relationship("rId1", _OFFICE_DOCUMENT, DOCUMENT)]
        document_rels = []
        if STYLES in self.parts:
            types.append(f'<Override PartName="/{STYLES}" ContentType="{_STYLES_TYPE}"/>')
            document_rels.append(_relationship("rId1", _STYLES, "styles.xml"))
        if CORE in self.parts:
            types.append(f'<Override PartName="/{CORE}" ContentType="{_CORE_TYPE}"/>')
            package_rels.append(_relationship("rId2", _CORE_PROPERTIES, CORE))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target:
            target.writestr(
                "[Content_Types].xml",
                f'<Types xmlns="{_TYPES[1:-1]}">'
                f'<Default Extension="rels" ContentType="{_RELS_TYPE}"/>'
                f'<Default Extension="xml" ContentType="application/xml"/>'
                f"{''.join(types)}</Types>",
            )
            target.writestr(_PACKED_RELS, _relationships_xml(package_rels))
            target.writestr(_PACKED_DOCUMENT_RELS, _relationships_xml(document_rels))
            for part, blob in self.parts.items():
                target.writestr(part, blob)
        return out.getvalue()


def _relationship(rel_id: str, kind: str, target: str) -> str:
    return f'<Relationship Id="{rel_id}" Type="{kind}" Target="{target}"/>'


def _relationships_xml(relationships: list[str]) -> str:
    return f'<Relationships xmlns="{_RELATIONSHIPS[1:-1]}">{"".join(relationships)}</Relationships>'
