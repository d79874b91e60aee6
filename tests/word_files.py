"""Word files built part by part, as zips: well-formed ones to break, bombs, odd constructs."""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Mapping

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels"'
    ' ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Default Extension="png" ContentType="image/png"/>'
    f'<Override PartName="/word/document.xml" ContentType="{_WML}.document.main+xml"/>'
    f'<Override PartName="/word/styles.xml" ContentType="{_WML}.styles+xml"/>'
    '<Override PartName="/docProps/core.xml"'
    ' ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    "</Types>"
)
RELS = (
    f'<Relationships xmlns="{_RELS}">'
    f'<Relationship Id="rId1" Type="{_R}/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Target="docProps/core.xml" Type="http://schemas.openxmlformats.org'
    '/package/2006/relationships/metadata/core-properties"/>'
    "</Relationships>"
)
DOCUMENT_RELS = (
    f'<Relationships xmlns="{_RELS}">'
    f'<Relationship Id="rId1" Type="{_R}/styles" Target="styles.xml"/>'
    f'<Relationship Id="rId2" Type="{_R}/image" Target="media/image1.png"/>'
    "</Relationships>"
)
STYLES = (
    f'<w:styles xmlns:w="{W}">'
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal">'
    '<w:name w:val="Normal"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>'
    '<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/>'
    "<w:rPr><w:b/></w:rPr></w:style>"
    "</w:styles>"
)
CORE = (
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
    'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Notes</dc:title>'
    "</cp:coreProperties>"
)
TITLE = '<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>Open data</w:t></w:r></w:p>'


def cell(text: str, properties: str = "") -> str:
    """A table cell holding one paragraph of ``text``."""
    return f"<w:tc>{properties}<w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


def table(*rows: str, grid: int = 2) -> str:
    """A table of ``rows`` (each a string of cells) on a grid of ``grid`` columns."""
    columns = '<w:gridCol w:w="2000"/>' * grid
    trs = "".join(f"<w:tr>{row}</w:tr>" for row in rows)
    return f"<w:tbl><w:tblGrid>{columns}</w:tblGrid>{trs}</w:tbl>"


def document(body: str) -> str:
    """A main document part holding ``body``."""
    return f'<w:document xmlns:w="{W}" xmlns:r="{_R}"><w:body>{body}</w:body></w:document>'


DATE_ROW = cell("Date:") + cell("7 December 2016")
#: A small Word file: a title and a table row, styles, core properties and an image.
PARTS: dict[str, str | bytes] = {
    "[Content_Types].xml": CONTENT_TYPES,
    "_rels/.rels": RELS,
    "word/document.xml": document(TITLE + table(DATE_ROW)),
    "word/_rels/document.xml.rels": DOCUMENT_RELS,
    "word/styles.xml": STYLES,
    "docProps/core.xml": CORE,
    "word/media/image1.png": b"\x89PNG\r\n\x1a\n",
}


def word_file(changes: Mapping[str, str | bytes | None] | None = None) -> bytes:
    """:data:`PARTS` with ``changes`` (a part to ``None`` is left out), deflated in a zip."""
    parts = {**PARTS, **(changes or {})}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, content in parts.items():
            if content is not None:
                package.writestr(name, content)
    return buffer.getvalue()


def zeros_part(data: bytes, name: str, size: int, *, fill: bytes = b"\0") -> bytes:
    """``data`` (a zip) with a part ``name`` of ``size`` bytes of ``fill``, written in chunks."""
    buffer = io.BytesIO(data)
    chunk = fill * (1 << 20)
    with (
        zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as package,
        package.open(name, "w", force_zip64=True) as entry,
    ):
        left = size
        while left > 0:
            entry.write(chunk[: min(left, len(chunk))])
            left -= len(chunk)
    return buffer.getvalue()


def _entry_offsets(data: bytes, name: str) -> tuple[int, int]:
    """Where the local header and the central directory entry of ``name`` start."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        info = package.getinfo(name)
    central = data.index(b"PK\x01\x02")
    while data[central + 46 : central + 46 + len(name)] != name.encode():
        central = data.index(b"PK\x01\x02", central + 4)
    return info.header_offset, central


def with_header(data: bytes, name: str, *, size: int | None = None, flags: int = 0) -> bytes:
    """``data`` with the headers of ``name`` declaring ``size`` bytes inflated, ``flags`` set."""
    out = bytearray(data)
    local, central = _entry_offsets(data, name)
    if size is not None:
        struct.pack_into("<I", out, local + 22, size)
        struct.pack_into("<I", out, central + 24, size)
    for offset in (local + 6, central + 8):
        (old,) = struct.unpack_from("<H", out, offset)
        struct.pack_into("<H", out, offset, old | flags)
    return bytes(out)


def damaged(data: bytes, name: str) -> bytes:
    """``data`` with the deflated bytes of ``name`` overwritten by junk."""
    out = bytearray(data)
    local, _ = _entry_offsets(data, name)
    name_length, extra_length = struct.unpack_from("<HH", out, local + 26)
    start = local + 30 + name_length + extra_length
    out[start : start + 8] = b"\xff" * 8
    return bytes(out)
