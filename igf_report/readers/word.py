"""Word files (``.docx``): a filled-in copy of the template, or a report igf-report wrote.

The template's labels may stand in the first column of a table (the value in
the next), in headings, in paragraphs of their own, or bold before a colon.
Paragraphs in a list style, or numbered by Word, are list items; a paragraph
opening in bold has a bold lead-in (a presentation's title). The Title style is
the document's title. Whitespace is collapsed as on the web, except in a file
igf-report wrote, whose spaces and tabs are the report's; there a run in the
``Person Name`` style is a person's name, commas and all. A paragraph that is
only a placeholder in italics (``(not given)``) is a gap, not a value.
This module, and with it ``python-docx``, is imported only when a Word file is read.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

import docx
from docx.exceptions import InvalidXmlError
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml
from docx.styles import BabelFish
from docx.table import Table, _Cell
from docx.text.hyperlink import Hyperlink
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

from igf_report.document import Block, BlockKind, Document
from igf_report.marks import (
    GAPS,
    INVALID_MARK,
    WORD_CONTROL_CHARACTER,
    WORD_MARKER,
    WORD_PERSON_NAME,
)
from igf_report.readers.building import DocumentBuilder, is_label, refuse_sprawl
from igf_report.readers.formats import is_docx
from igf_report.readers.wordpackage import (
    CORE,
    DOCUMENT,
    STYLES,
    WordPackage,
    cannot_read,
    xml_problem,
)
from igf_report.textutil import control_of

if TYPE_CHECKING:
    from docx.blkcntnr import BlockItemContainer
    from docx.document import Document as DocxDocument
    from docx.oxml.xmlchemy import BaseOxmlElement

__all__ = ["is_docx", "read_word"]

_HEADING: Final = re.compile(r"Heading (\d)")
_LONGEST_LABEL: Final = 300  # a first cell longer than this is content, not a label


_OFF: Final = frozenset({"0", "false", "off"})


def _w(tag: str) -> str:
    return f"{{http://schemas.openxmlformats.org/wordprocessingml/2006/main}}{tag}"


def _value(properties: BaseOxmlElement | None, tag: str) -> str | None:
    """The ``w:val`` of a property element, read as written (``None`` when absent)."""
    element = None if properties is None else properties.find(_w(tag))
    return None if element is None else element.get(_w("val"))


def _switch(properties: BaseOxmlElement | None, tag: str) -> bool | None:
    """An on/off property (``w:b``, ``w:i``): on unless its value says off, ``None`` when unset.

    Word's schema allows ``true``, ``false``, ``on``, ``off``, ``1`` and ``0``; the
    element is there to switch the property on, so another value does too.
    """
    element = None if properties is None else properties.find(_w(tag))
    if element is None:
        return None
    value = element.get(_w("val"))
    return value is None or value.strip().lower() not in _OFF


@dataclass(frozen=True)
class _Style:
    name: str | None
    bold: bool | None


def _run_properties(run: Run | Hyperlink) -> BaseOxmlElement | None:
    element = getattr(run, "_r", None)  # a link has no properties of its own
    return None if element is None else element.find(_w("rPr"))


# What python-docx reads by an XPath compiled anew for each paragraph and run
# (nine tenths of the time a long file took), read here by walking children.
_RUN_TEXT: Final = {_w("tab"): "\t", _w("ptab"): "\t", _w("cr"): "\n", _w("noBreakHyphen"): "-"}


def _text(run: Run | Hyperlink) -> str:
    """A run's text as python-docx gives it (a link's: its runs'), tabs and breaks included."""
    element = getattr(run, "_r", None)
    if element is None:
        link = run._hyperlink  # type: ignore[union-attr]  # noqa: SLF001 -- a link's runs
        return "".join(_element_text(r) for r in link.iterchildren(_w("r")))
    return _element_text(element)


def _element_text(run: BaseOxmlElement) -> str:
    pieces = []
    for child in run.iterchildren():
        tag = child.tag
        if tag == _w("t"):
            pieces.append(child.text or "")
        elif tag == _w("br"):
            if child.get(_w("type")) in {None, "textWrapping"}:  # a page break is no text
                pieces.append("\n")
        elif isinstance(tag, str) and (text := _RUN_TEXT.get(tag)) is not None:
            pieces.append(text)
    return "".join(pieces)


def _inner(paragraph: Paragraph) -> list[Run | Hyperlink]:
    """The paragraph's runs and links, in order."""
    inner: list[Run | Hyperlink] = []
    for child in paragraph._p.iterchildren(_w("r"), _w("hyperlink")):  # noqa: SLF001
        if child.tag == _w("r"):
            inner.append(Run(child, paragraph))
        else:
            inner.append(Hyperlink(child, paragraph))
    return inner


def _paragraph_text(paragraph: Paragraph) -> str:
    return "".join(_text(run) for run in _inner(paragraph))


class _Styles:
    """The document's styles, read once into a table by id and kind.

    python-docx reads every style of the document to find the default one each
    time a style is asked for, and puts the id it is asked for into an XPath
    (where a quote in a hostile file's id is an error): here each style is read
    once, and looked up by its id in a dictionary.
    """

    def __init__(self, word: DocxDocument) -> None:

        self._by_id: dict[tuple[str, str], _Style] = {}
        self._default: dict[str, _Style] = {}
        for element in word.styles.element.iterchildren(_w("style")):
            kind = element.get(_w("type")) or "paragraph"
            name = _value(element, "name")
            style = _Style(
                None if name is None else BabelFish.internal2ui(name),
                _switch(element.find(_w("rPr")), "b"),
            )
            style_id = element.get(_w("styleId"))
            if style_id is not None:
                self._by_id.setdefault((style_id, kind), style)
            if _switch(element, "default") if element.get(_w("default")) else False:
                self._default.setdefault(kind, style)

    def _style(self, style_id: str | None, kind: str) -> _Style | None:
        found = None if style_id is None else self._by_id.get((style_id, kind))
        return found or self._default.get(kind)

    def paragraph(self, paragraph: Paragraph) -> str:
        """The name of the paragraph's style ("" when it has none)."""
        style_id = _value(paragraph._p.pPr, "pStyle")  # noqa: SLF001 -- read as written
        style = self._style(style_id, "paragraph")
        return (style.name if style is not None else None) or ""

    def run(self, run: Run | Hyperlink) -> _Style | None:
        """The run's character style (a link has none)."""
        if getattr(run, "_r", None) is None:
            return None
        return self._style(_value(_run_properties(run), "rStyle"), "character")

    def name(self, run: Run | Hyperlink) -> str | None:
        """The name of the run's character style."""
        style = self.run(run)
        return style.name if style is not None else None

    def bold(self, run: Run | Hyperlink) -> bool:
        """Whether the run is bold, of itself or by its style."""
        bold = _switch(_run_properties(run), "b")
        if bold is None:
            style = self.run(run)
            bold = style.bold if style is not None else None
        return bool(bold)

    def text(self, run: Run | Hyperlink) -> str:
        """A run's text; in the control character style, the character its symbol stands for."""
        text = _text(run)
        if self.name(run) == WORD_CONTROL_CHARACTER and (control := control_of(text)) is not None:
            return control
        return text

    def exact_text(self, paragraph: Paragraph) -> str:
        """The paragraph's text as igf-report wrote it, control characters given back."""
        return "".join(self.text(run) for run in _inner(paragraph))

    def person(self, paragraph: Paragraph) -> str | None:
        """The person's name the paragraph opens with: its runs in the name (or control) style."""
        runs = []
        for run in _inner(paragraph):
            if self.name(run) not in {WORD_PERSON_NAME, WORD_CONTROL_CHARACTER}:
                break
            runs.append(run)
        if not any(self.name(run) == WORD_PERSON_NAME for run in runs):
            return None
        return "".join(self.text(run) for run in runs)


def _cell_text(cell: _Cell) -> str:
    """A cell's text as python-docx gives it: its paragraphs' text, a line each."""
    paragraphs = cell._tc.iterchildren(_w("p"))  # noqa: SLF001 -- its paragraphs
    return "\n".join(_paragraph_text(Paragraph(p, cell)) for p in paragraphs)


def _collapsed(text: str) -> str:
    # a person's Word draft: spaces and tabs are layout, as on the web
    return "\n".join(" ".join(line.split()) for line in text.split("\n"))


def _italic(run: Run | Hyperlink) -> bool:
    return bool(_switch(_run_properties(run), "i"))


def _gap(paragraph: Paragraph) -> str | None:
    """The placeholder a paragraph holds in italics alone, as the Word writer shows a gap."""
    runs = [run for run in _inner(paragraph) if _text(run).strip()]
    text = _paragraph_text(paragraph).strip()
    if text in GAPS and runs and all(_italic(run) for run in runs):
        return text
    return None


def _note(paragraph: Paragraph, text: str) -> tuple[str, str | None]:
    """The text without the mark the Word writer set after an invalid value, and that mark.

    The writer puts it last, in italics; the same words typed are not.
    """
    tail: list[str] = []
    for run in reversed(list(_inner(paragraph))):
        if not _italic(run):
            break
        tail.append(_text(run))
    note = "".join(reversed(tail)).strip()
    if not INVALID_MARK.fullmatch(note) or not text.rstrip().endswith(note):
        return text, None
    return text.rstrip()[: -len(note)], note


def _block(paragraph: Paragraph, styles: _Styles, *, exact: bool) -> Block:
    text, note = _note(
        paragraph, styles.exact_text(paragraph) if exact else _paragraph_text(paragraph)
    )
    words = (lambda text: text) if exact else _collapsed
    style = styles.paragraph(paragraph)
    p_pr = paragraph._p.pPr  # noqa: SLF001 -- python-docx has no public numbering
    numbered = p_pr is not None and p_pr.numPr is not None
    kind = BlockKind.ITEM if numbered or "List" in style else BlockKind.PARAGRAPH
    bold = 0
    for run in _inner(paragraph):
        run_text = _text(run)
        if not run_text.strip():
            bold += len(run_text)
            continue
        if not styles.bold(run):
            break
        bold += len(run_text)
    lead = text[:bold]
    if "\n" in lead:
        lead = lead[: lead.index("\n")]
    if not lead.strip():
        name = styles.person(paragraph)
        name = name if exact and name else None
        return Block(kind, words(text).strip(), note=note, name=name)
    rest = text[len(lead) :]
    lead_break = rest.lstrip(" \t").startswith("\n")
    return Block(kind, words(rest).strip(), words(lead).strip(), lead_break, note=note)


class _Reader:
    def __init__(self, styles: _Styles, *, exact: bool) -> None:
        self.builder = DocumentBuilder(ours=exact)
        self.styles = styles
        # a file igf-report wrote holds the report's own spaces and tabs
        self.exact = exact
        self.pieces = 0

    def _count(self) -> None:
        self.pieces += 1
        refuse_sprawl(self.pieces, "paragraphs and table cells")

    def paragraph(self, paragraph: Paragraph) -> None:
        self._count()
        style = self.styles.paragraph(paragraph)
        if self.exact:
            text = self.styles.exact_text(paragraph)
        else:
            text = _collapsed(_paragraph_text(paragraph))
        if style == "Title":
            self.builder.heading(text, level=1)
        elif style == "Subtitle" and not self.builder.started and self.builder.subtitle is None:
            self.builder.subtitle = " ".join(text.split()) or None
        elif m := _HEADING.fullmatch(style):
            self.builder.heading(text, level=int(m[1]))
        elif (gap := _gap(paragraph)) is not None:
            self.builder.placeholder(gap)
        elif not self.exact and is_label(text) and not self.builder.found(text):
            # a person's template: the header block a table, the lists under
            # label paragraphs; a label already found is a value's words
            self.builder.label(text, structured=False)
        elif text.strip():
            # "Session title: Open data", typed after the template's label, too
            self.builder.block_or_label(_block(paragraph, self.styles, exact=self.exact))

    def table(self, table: Table) -> None:

        for row in table._tbl.tr_lst:  # noqa: SLF001 -- each cell once, as written
            # a cell spanning columns is one w:tc, whatever its gridSpan says; a
            # cell continuing a vertical merge is its own (empty) w:tc
            cells = [_Cell(tc, table) for tc in row.tc_lst]
            if (
                len(cells) >= 2  # noqa: PLR2004 -- a label and a value
                and (label := " ".join(_cell_text(cells[0]).split()))
                and len(label) <= _LONGEST_LABEL
            ):
                self.builder.label(label, fact=True)
                for cell in cells[1:]:
                    self.cell(cell)
            else:
                for cell in cells:
                    self.cell(cell)

    def cell(self, cell: _Cell) -> None:
        self._count()
        self.content(cell._tc, cell)  # noqa: SLF001 -- its paragraphs and tables

    def content(self, element: BaseOxmlElement, parent: BlockItemContainer) -> None:
        """The paragraphs and tables of a body or a cell, in order."""
        for child in element.iterchildren(_w("p"), _w("tbl")):
            if child.tag == _w("tbl"):
                self.table(Table(child, parent))
            else:
                self.paragraph(Paragraph(child, parent))


def read_word(data: bytes, name: str = "the file") -> Document:
    """Read a Word file into a document.

    Only the main document, its styles and the core properties are inflated,
    within the bounds of :mod:`igf_report.readers.wordpackage`.

    Raises:
        FileReadError: ``data`` is not a Word file import can read, or holds
            more than it may inflate to.
    """
    package = WordPackage(data, name)
    word = _open(package)
    # python-docx gives "" for a file without comments
    reader = _Reader(_Styles(word), exact=word.core_properties.comments.startswith(WORD_MARKER))
    try:
        reader.content(word.element.body, word._body)  # noqa: SLF001 -- the body's proxy
    except InvalidXmlError as exc:
        # a value Word's schema does not allow, where python-docx reads one
        raise cannot_read(name, f"its part {DOCUMENT} holds {exc}") from None
    return reader.builder.build()


def _open(package: WordPackage) -> DocxDocument:
    """The repacked parts opened by python-docx, each part's root what it must be."""
    try:
        word = docx.Document(io.BytesIO(package.repacked()))
    except etree.XMLSyntaxError as exc:
        for part, blob in package.parts.items():
            try:
                parse_xml(blob)
            except etree.XMLSyntaxError as part_exc:
                raise cannot_read(package.name, xml_problem(part, part_exc)) from None
        raise cannot_read(package.name, f"its XML cannot be read ({exc})") from None
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise cannot_read(package.name, str(exc)) from None
    core = word.core_properties._element  # noqa: SLF001 -- python-docx has no public root
    for part, root, tag in (
        (DOCUMENT, word.element, "w:document"),
        (STYLES, word.styles.element, "w:styles"),
        (CORE, core, "cp:coreProperties"),
    ):
        if root.tag != qn(tag):
            local = etree.QName(root).localname
            msg = f"its part {part} is not what a Word file holds there (its root is <{local}>)"
            raise cannot_read(package.name, msg)
    if word.element.body is None:
        raise cannot_read(package.name, f"its part {DOCUMENT} has no body")
    return word
