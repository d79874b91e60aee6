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
from typing import TYPE_CHECKING, Final

from igf_report import __version__
from igf_report.document import Block, BlockKind, Document, Section
from igf_report.render import Renderer
from igf_report.render.values import MISSING
from igf_report.textutil import visible

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

__all__ = [
    "CONTROL_CHARACTER",
    "MARKER",
    "PERSON_NAME",
    "RENDERER",
    "add_document",
    "new_word",
    "save_word",
    "write_docx",
]

#: What the core properties' comments open with in a file igf-report wrote.
MARKER: Final = "Written by igf-report"
#: The character style of a person's name, which the Word reader looks for.
PERSON_NAME: Final = "Person Name"
#: The character style of a control character's symbol, which the Word reader turns back.
CONTROL_CHARACTER: Final = "Control Character"
_CONTROL: Final = re.compile("([\x00-\x08\x0b-\x1f\x7f])")
_CORE: Final = "docProps/core.xml"
_CONTENT_TYPES: Final = "[Content_Types].xml"
# Any fixed time: the same report gives a file of the same bytes, run after run.
_ENTRY_TIME: Final = (2016, 12, 6, 0, 0, 0)
_PROPERTY_LIMIT: Final = 255  # python-docx refuses a longer core property, as Word would


def _add(paragraph: Paragraph, text: str, *, style: str | None = None) -> list[Run]:
    """Runs for ``text``; a control character, which Word's XML cannot hold, its own run.

    The control character is shown by its symbol (``␛``) in the character
    style ``Control Character``, which the reader turns back into the character.
    """
    runs = []
    for piece in _CONTROL.split(text):
        if not piece:
            continue
        if _CONTROL.fullmatch(piece):
            runs.append(paragraph.add_run(visible(piece), style=CONTROL_CHARACTER))
        else:
            runs.append(paragraph.add_run(_text(piece), style=style))
    return runs


def _text(text: str) -> str:
    # Word's XML cannot hold control characters: made visible (a value's
    # C0 ones go to runs of their own first, see _add), as are bidi overrides
    return visible(text)


def _runs(paragraph: Paragraph, block: Block) -> None:
    if block.lead:
        lead = _add(paragraph, block.lead)
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
        _add(paragraph, block.name, style=PERSON_NAME)
        text = text[len(block.name) :]
    if text:
        _add(paragraph, text)
    if block.note:
        paragraph.add_run(" ")
        paragraph.add_run(_text(block.note)).italic = True


def _add_styles(word: WordDocument) -> None:
    from docx.enum.style import WD_STYLE_TYPE  # noqa: PLC0415 -- only when a Word file is written

    names = [style.name for style in word.styles]
    for name in (PERSON_NAME, CONTROL_CHARACTER):
        if name not in names:
            word.styles.add_style(name, WD_STYLE_TYPE.CHARACTER)


def _placeholder(paragraph: Paragraph, section: Section) -> None:
    paragraph.add_run(_text(section.gap or MISSING)).italic = True


def _facts(word: WordDocument, facts: list[Section]) -> None:
    from docx.shared import Inches  # noqa: PLC0415 -- only when a Word file is written

    table = word.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    table.autofit = False
    # labels are short, values long: a third of the page for the labels
    widths = (Inches(2.0), Inches(4.5))
    label_column, value_column = table.columns
    label_column.width, value_column.width = widths
    for section in facts:
        label_cell, value_cell = table.add_row().cells
        label_cell.width, value_cell.width = widths
        label_cell.paragraphs[0].add_run(_text(section.label)).bold = True
        value = value_cell.paragraphs[0]
        if not section.blocks:
            _placeholder(value, section)
        for index, block in enumerate(section.blocks):
            _runs(value if index == 0 else value_cell.add_paragraph(), block)


def _section(word: WordDocument, section: Section, *, level: int) -> None:
    word.add_heading(_text(section.label), level=level)
    if not section.blocks:
        _placeholder(word.add_paragraph(), section)
    for block in section.blocks:
        style = "List Bullet" if block.kind is BlockKind.ITEM else None
        _runs(word.add_paragraph(style=style), block)


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


def new_word(title: str, subject: str, mark: str) -> WordDocument:
    """An empty Word document whose properties say what it is and that igf-report wrote it.

    Args:
        title: the document's title property.
        subject: its subject property.
        mark: the words that tell a file igf-report wrote (kept in its comments).
    """
    import docx  # noqa: PLC0415 -- only when a Word file is written

    word = docx.Document()
    properties = word.core_properties
    properties.title = _property(title)
    properties.subject = _property(subject)
    properties.comments = f"{mark} {__version__}"
    properties.author = "igf-report"
    return word


def add_document(word: WordDocument, document: Document, *, level: int = 0) -> None:
    """Append a document tree to ``word``: its title at heading ``level``, sections below it.

    A single report takes the Title style (level 0); a report in a book is a
    Heading 1, and its sections Heading 2, so that Word's navigation shows the
    book's reports with their sections under them.
    """
    _add_styles(word)
    _add(word.add_heading(level=level), document.title or MISSING)
    if document.subtitle:
        word.add_paragraph(_text(document.subtitle), style="Subtitle")
    facts: list[Section] = []
    for section in document.sections:
        if section.fact:
            facts.append(section)
            continue
        if facts:
            _facts(word, facts)
            facts = []
        _section(word, section, level=level + 1)
    if facts:
        _facts(word, facts)


def save_word(word: WordDocument) -> bytes:
    """The Word file's bytes, its core properties stored first (see the module)."""
    buffer = io.BytesIO()
    word.save(buffer)
    return _with_marker_first(buffer.getvalue())


def write_docx(document: Document) -> bytes:
    """Serialise a document tree as a Word file."""
    word = new_word(document.title or "", document.subtitle or "", MARKER)
    add_document(word, document)
    return save_word(word)


RENDERER = Renderer(
    name="docx",
    suffix=".docx",
    description="a Word document (needs -o FILE)",
    marker=MARKER,
    write_bytes=write_docx,
)
