"""Word (``.docx``): the report as a document a secretariat can open, edit and print.

The session title in Word's Title style, the template's name as Subtitle, the
one-value fields as a two-column table, each list field under a Heading 1, list
items in Word's List Bullet style, each presentation's title bold with a line
break before its summary. ``igf-report import`` reads the file back to the
same report. ``python-docx`` is imported only when a Word file is written.

The marker that tells a file igf-report wrote (see :class:`Renderer`) sits in
the document's core properties, which are stored uncompressed near the start of
the file so that it can be found without unzipping.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import TYPE_CHECKING, Final, cast

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.table import CT_Tbl
from docx.oxml.text.paragraph import CT_P
from docx.shared import Inches
from docx.table import Table
from docx.text.paragraph import Paragraph

from igf_report import __version__
from igf_report.document import Block, BlockKind, Document, Section
from igf_report.marks import MISSING, WORD_CONTROL_CHARACTER, WORD_MARKER, WORD_PERSON_NAME
from igf_report.textutil import visible
from igf_report.writers import Renderer

if TYPE_CHECKING:
    from docx.text.run import Run

__all__ = [
    "RENDERER",
    "WordWriter",
    "write_docx",
]

_CONTROL: Final = re.compile("([\x00-\x08\x0b-\x1f\x7f])")
_CORE: Final = "docProps/core.xml"
_CONTENT_TYPES: Final = "[Content_Types].xml"
# Any fixed time: the same report gives a file of the same bytes, run after run.
_ENTRY_TIME: Final = (2016, 12, 6, 0, 0, 0)
_PROPERTY_LIMIT: Final = 255  # python-docx refuses a longer core property, as Word would


class WordWriter:
    """A Word document being written, in time linear in what it holds.

    python-docx finds where a paragraph goes by scanning the body's children for
    its end (the section properties), and a style by reading every style of the
    document to find the default one: a book of 2,000 reports took five minutes.
    Here each block goes just before the section properties, and each style is
    looked up once.

    Args:
        title: the document's title property.
        subject: its subject property.
        mark: the words that tell a file igf-report wrote (kept in its comments).
    """

    def __init__(self, title: str, subject: str, mark: str) -> None:

        word = docx.Document()
        properties = word.core_properties
        properties.title = _property(title)
        properties.subject = _property(subject)
        properties.comments = f"{mark} {__version__}"
        properties.author = "igf-report"
        names = {style.name for style in word.styles}
        for name in (WORD_PERSON_NAME, WORD_CONTROL_CHARACTER):
            if name not in names:
                word.styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
        self.word = word
        self._container = word._body  # noqa: SLF001 -- a paragraph's parent, as python-docx gives it
        # the body's last child: every block goes just before it
        self._end = word.element.body.get_or_add_sectPr()
        self._width = word._block_width  # noqa: SLF001 -- read once: it looks through the whole body
        self._ids: dict[tuple[str, WD_STYLE_TYPE], str | None] = {}

    def _style(self, name: str, kind: WD_STYLE_TYPE) -> str | None:
        key = (name, kind)
        if key not in self._ids:
            part = self.word.part
            self._ids[key] = part.get_style_id(name, kind)  # type: ignore[no-untyped-call]  # python-docx leaves it unannotated
        return self._ids[key]

    def paragraph(self, text: str = "", style: str | None = None) -> Paragraph:
        """A new paragraph at the end of the document, in the paragraph style ``style``."""
        element = cast("CT_P", OxmlElement("w:p"))
        self._end.addprevious(element)
        paragraph = Paragraph(element, self._container)
        if style is not None:
            element.style = self._style(style, WD_STYLE_TYPE.PARAGRAPH)
        if text:
            paragraph.add_run(text)
        return paragraph

    def heading(self, text: str, level: int) -> Paragraph:
        """A heading: the Title style at level 0, else Heading ``level``."""
        return self.paragraph(text, "Title" if level == 0 else f"Heading {level}")

    def page_break(self) -> None:
        """A paragraph holding a page break."""
        self.paragraph().add_run().add_break(WD_BREAK.PAGE)

    def add(self, paragraph: Paragraph, text: str, *, style: str | None = None) -> list[Run]:
        """Runs for ``text``; a control character, which Word's XML cannot hold, its own run.

        The control character is shown by its symbol (``␛``) in the character
        style ``Control Character``, which the reader turns back into the character.
        """
        runs = []
        for piece in _CONTROL.split(text):
            if not piece:
                continue
            name = WORD_CONTROL_CHARACTER if _CONTROL.fullmatch(piece) else style
            shown = visible(piece) if name == WORD_CONTROL_CHARACTER else _text(piece)
            run = paragraph.add_run(shown)
            if name is not None:
                run._r.style = self._style(name, WD_STYLE_TYPE.CHARACTER)  # noqa: SLF001
            runs.append(run)
        return runs

    def _runs(self, paragraph: Paragraph, block: Block) -> None:
        if block.lead:
            lead = self.add(paragraph, block.lead)
            for run in lead:
                run.bold = True
            if block.lead_break:  # in a run of its own: a control character's run holds only it
                paragraph.add_run().add_break()
            else:
                paragraph.add_run(" ")
        text = block.text
        if block.name is not None and text.startswith(block.name):
            # a character style of its own tells the reader where the name ends,
            # so a comma in it is not taken for the one before the affiliation
            self.add(paragraph, block.name, style=WORD_PERSON_NAME)
            text = text[len(block.name) :]
        if text:
            self.add(paragraph, text)
        if block.note:
            paragraph.add_run(" ")
            paragraph.add_run(_text(block.note)).italic = True

    def _facts(self, facts: list[Section]) -> None:

        element = CT_Tbl.new_tbl(0, 2, self._width)
        self._end.addprevious(element)
        table = Table(element, self._container)
        element.tblStyle_val = self._style("Table Grid", WD_STYLE_TYPE.TABLE)
        table.autofit = False
        # labels are short, values long: a third of the page for the labels
        widths = (Inches(2.0), Inches(4.5))
        label_column, value_column = table.columns
        label_column.width, value_column.width = widths
        for section in facts:
            row = table.add_row()  # type: ignore[no-untyped-call]  # python-docx leaves it unannotated
            label_cell, value_cell = row.cells
            label_cell.width, value_cell.width = widths
            label_cell.paragraphs[0].add_run(_text(section.label)).bold = True
            value = value_cell.paragraphs[0]
            if not section.blocks:
                _placeholder(value, section)
            for index, block in enumerate(section.blocks):
                self._runs(value if index == 0 else value_cell.add_paragraph(), block)

    def _section(self, section: Section, *, level: int) -> None:
        self.heading(_text(section.label), level)
        if not section.blocks:
            _placeholder(self.paragraph(), section)
        for block in section.blocks:
            style = "List Bullet" if block.kind is BlockKind.ITEM else None
            self._runs(self.paragraph(style=style), block)

    def add_document(self, document: Document, *, level: int = 0) -> None:
        """Append a document tree: its title at heading ``level``, sections below it.

        A single report takes the Title style (level 0); a report in a book is a
        Heading 1, and its sections Heading 2, so that Word's navigation shows the
        book's reports with their sections under them.
        """
        self.add(self.heading("", level), document.title or MISSING)
        if document.subtitle:
            self.paragraph(_text(document.subtitle), style="Subtitle")
        facts: list[Section] = []
        for section in document.sections:
            if section.fact:
                facts.append(section)
                continue
            if facts:
                self._facts(facts)
                facts = []
            self._section(section, level=level + 1)
        if facts:
            self._facts(facts)

    def save(self) -> bytes:
        """The Word file's bytes, its core properties stored first (see the module)."""
        buffer = io.BytesIO()
        self.word.save(buffer)
        return _with_marker_first(buffer.getvalue())


def _text(text: str) -> str:
    # Word's XML cannot hold control characters: made visible (a value's
    # C0 ones go to runs of their own first, see WordWriter.add), as are bidi overrides
    return visible(text)


def _placeholder(paragraph: Paragraph, section: Section) -> None:
    paragraph.add_run(_text(section.gap or MISSING)).italic = True


def _with_marker_first(data: bytes) -> bytes:
    """The package rewritten with its core properties stored, uncompressed, near the start."""
    source = zipfile.ZipFile(io.BytesIO(data))
    names = source.namelist()
    order = [_CONTENT_TYPES, _CORE] + [n for n in names if n not in {_CONTENT_TYPES, _CORE}]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:  # each entry says how it is stored
        for name in order:
            info = zipfile.ZipInfo(name, date_time=_ENTRY_TIME)
            info.compress_type = zipfile.ZIP_STORED if name == _CORE else zipfile.ZIP_DEFLATED
            target.writestr(info, source.read(name))
    return out.getvalue()


def _property(text: str) -> str:
    """A core property as Word holds it: at most 255 characters (the body has all)."""
    text = _text(text)
    return text if len(text) <= _PROPERTY_LIMIT else text[: _PROPERTY_LIMIT - 1] + "…"


def write_docx(document: Document) -> bytes:
    """Serialise a document tree as a Word file."""
    writer = WordWriter(document.title or "", document.subtitle or "", WORD_MARKER)
    writer.add_document(document)
    return writer.save()


RENDERER = Renderer(
    name="docx",
    suffix=".docx",
    description="a Word document (needs -o FILE)",
    marker=WORD_MARKER,
    write_bytes=write_docx,
)
