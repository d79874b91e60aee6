"""A :class:`~igf_report.document.Document` assembled as a reader meets labels and blocks.

Every reader walks its format in order and tells a :class:`DocumentBuilder`
what it met; the builder decides what a heading is (a label, the document's
title, or the title of the paragraph below it), so all readers agree.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Final

from igf_report.document import Block, BlockKind, Document, Section
from igf_report.marks import GAPS, mark_openings
from igf_report.readers.mapping import match_label
from igf_report.readers.published import LABELS, LONGEST_KEY, match_key, normalise_label
from igf_report.readers.published_html import quote
from igf_report.template.fields import FIELDS, Kind

__all__ = [
    "SPRAWL_LIMITS",
    "DocumentBuilder",
    "TooIntricateError",
    "is_label",
    "is_label_alone",
    "plain_mark",
    "refuse_sprawl",
    "split_label",
]

# "2. Gob.mx": how Markdown and HTML head the second presentation
_NUMBERED: Final = re.compile(r"(\d{1,9})\.\s+(\S.*)", re.DOTALL)
# what a parenthesis does to the depth, reading backwards
_DEPTH: Final = {")": 1, "(": -1}


#: The most of each piece a file may hold to be imported (a report has a few
#: hundred): lines of a text format, tags (counted as ``<``) of a page or of the
#: published rows, paragraphs and table cells of a Word file. Each piece costs
#: every reader tens of microseconds, so a 5 MiB file of a million short lines
#: took over a minute; at these bounds any file is read in a few seconds. A
#: saved page of a whole news site has about 6,000 tags.
SPRAWL_LIMITS: Final = {
    "lines": 50_000,
    "tags": 50_000,
    "paragraphs and table cells": 50_000,
}


class TooIntricateError(Exception):
    """A reader cannot take the file apart; the message says why, for people."""


def refuse_sprawl(count: int, what: str) -> None:
    """Refuse a file holding ``count`` of ``what``, more than a report could.

    Raises:
        TooIntricateError: ``count`` is over the bound :data:`SPRAWL_LIMITS` sets on ``what``.
    """
    limit = SPRAWL_LIMITS[what]
    if count > limit:
        msg = (
            f"holds more {what} than igf-report imports ({limit:,}; a report has a few "
            "hundred), so it is not read; import the report's own part of it"
        )
        raise TooIntricateError(msg)


def is_label(text: str) -> bool:
    """Whether ``text`` is a label of the template, recognised loosely."""
    return match_label(text) is not None


def is_label_alone(text: str) -> bool:
    """Whether ``text`` is a label with no value after it on its line.

    ``Session Title: AI`` reads close enough to the label ``Session Title``
    to be taken for it, but a value after a label and its colon (or tab) is
    a value, however short.
    """
    if not is_label(text):
        return False
    if normalise_label(text) in LABELS:  # a wording of the template's, "(3 paragraphs)" and all
        return True
    pair = split_label(text)
    return pair is None or not pair[1].strip()


def split_label(line: str) -> tuple[str, str] | None:
    """``Label<TAB>value`` or ``Label: value`` (the longest label that fits), if the line is one.

    In time linear in the line, however many colons it holds: the text before
    a colon is read as a label from the words before it, and once those are
    too long for any label, no later colon can end one.
    """
    label, tab, value = line.partition("\t")
    if tab and is_label(label):
        return label, value
    # the text before the n-th colon normalises to the words of the pieces before it
    # (no variant spelling and no word holds a colon)
    pieces = line.split(":")
    words: list[str] = []
    key = ""
    fitting: list[tuple[int, str]] = []  # (colons up to the label's, its words)
    for count, piece in enumerate(pieces[:-1], start=1):
        if more := normalise_label(piece).split():
            words += more
            key = " ".join(words)
            if len(key) > LONGEST_KEY:
                break
        if key:
            fitting.append((count, key))
    for count, found in reversed(fitting):
        if match_key(found) is not None:
            at = sum(map(len, pieces[:count])) + count - 1  # where the colon is
            return line[: at + 1], line[at + 1 :]
    return None


def _closing_opens(text: str) -> int | None:
    """Where the parenthesis that ends ``text`` opens."""
    depth = 0
    for index in range(len(text) - 1, -1, -1):
        depth += _DEPTH.get(text[index], 0)
        if not depth:
            return index
    return None


def plain_mark(block: Block) -> Block:
    """``block`` of plain text, its ending ``(invalid: …)`` taken for a writer's mark.

    Plain text cannot set the mark apart from the same words typed; a reader
    of a format that can gives a block the mark it saw as its ``note``. The
    writer's is the one whose parenthesis closes the text: one typed before
    it closes earlier ("Typed (invalid: mine) and more (invalid: …)"), and
    a message may quote the value, parentheses and all. When the pairs do
    not tell, it is the first that runs to the end.
    """
    text = block.text
    if block.note is not None or not (openings := mark_openings(text)):
        return block
    at = _closing_opens(text)
    if at not in openings:
        at = openings[0]
    return dataclasses.replace(block, text=text[:at].rstrip(), note=text[at:].strip())


class DocumentBuilder:
    """Collects sections in document order."""

    def __init__(self, *, ours: bool = False, plain: bool = False) -> None:
        """Start a document.

        Args:
            ours: the file is one igf-report wrote, which sets a gap's
                placeholder apart (see :meth:`placeholder`); in any other, a
                paragraph or item that is only ``(not given)`` or ``(none)``
                is a person's way of saying "none", and left empty too.
            plain: the format is plain text, which cannot set apart the mark
                a writer puts after an invalid value (see :func:`plain_mark`).
        """
        self.ours = ours
        self.plain = plain
        self.title: str | None = None
        self.subtitle: str | None = None
        self.notes: list[str] = []
        self._sections: list[tuple[str, list[Block], bool]] = []
        self._lead: str | None = None
        # the title the heading in _lead gives the paragraph below it (None: untitled)
        self._lead_title: str | None = None
        # a presentation opened by a heading, which paragraphs without one continue
        self._entry = False
        # the summary's paragraphs so far, while a presentation's summary goes on
        # (joined once it ends: joined at each paragraph, a long one is quadratic)
        self._summary: list[str] = []
        self._summary_note: str | None = None
        # headings "1. …", "2. …" met in the current presentations section
        self._numbered = 0
        # once a label stood as a heading, a term or a table cell, a paragraph
        # that merely reads as a label ("Date") is content, not a label
        self._structured = False
        # the fields sections stand under, and whether any label was met: asked
        # at every heading, so kept rather than looked for in the sections
        self._fields: set[str] = set()
        self._started = False

    @property
    def started(self) -> bool:
        """Whether a label has been met."""
        return self._started

    def found(self, label: str) -> bool:
        """Whether a section already stands under the field ``label`` names."""
        spec = match_label(label)
        return spec is not None and spec.key in self._fields

    @property
    def structured(self) -> bool:
        """Whether a label stood in the document's structure (then ``Label: value`` is text)."""
        return self._structured

    def _in_presentations(self) -> bool:
        if not self._sections:
            return False
        spec = match_label(self._sections[-1][0])
        return spec is not None and spec.kind is Kind.PRESENTATIONS

    def label(self, text: str, *, fact: bool = False, structured: bool = True) -> None:
        """Start a section under label ``text``.

        Args:
            text: the label.
            fact: the section is one of the header block's one-value fields.
            structured: the label stood in the document's structure (a heading,
                a term, a table cell), not in a paragraph.
        """
        self._structured = self._structured or structured
        self._flush_lead()
        self._end_summary()
        self._entry = False
        self._numbered = 0
        label = " ".join(text.split())
        self._sections.append((label, [], fact))
        self._started = self._started or bool(label)
        if (spec := match_label(label)) is not None:
            self._fields.add(spec.key)

    def heading(
        self, text: str, *, level: int = 2, untitled: bool = False, note: str | None = None
    ) -> None:
        """A heading: a label, the title before any label, or a title for the next paragraph.

        Under the presentations' label a heading opens a presentation: the
        paragraphs below it, up to the next heading or bold lead-in, are its
        summary. Markdown and HTML number those headings (``2. Gob.mx``): the
        number of the presentation it heads is taken off the title, so that a
        title typed ``2. Results`` stays whole.

        Args:
            text: the heading's words, whitespace collapsed as the format shows it.
            level: 1 for the document's title, 2 to 6 below it.
            untitled: the heading reads ``N. (untitled)`` with ``(untitled)``
                marked as a placeholder (emphasised, or in a "missing" span), as
                our writers head a presentation that has no title: the
                presentation has none. A title typed ``(untitled)`` is not marked.
            note: the mark a writer set apart after the heading's words: the
                document's title is then the title field's invalid value (a
                page's ``<h1>``), with that mark; any other heading keeps it
                as words.
        """
        # the reader collapsed what its format collapses; what is left is the heading's own
        text = text.strip()
        if note is not None and level == 1 and self.title is None and not self.started:
            self.label(FIELDS[0].heading, fact=True)
            self.block(Block(BlockKind.PARAGRAPH, text, note=note))
            return
        if note is not None:
            text = f"{text} {note}".strip()
        if not text:
            return
        if is_label(text):
            self.label(text)
        elif level == 1 and self.title is None and not self.started:
            self.title = text
        else:
            self._flush_lead()
            self._lead = self._lead_title = text
            if self._in_presentations():
                m = _NUMBERED.fullmatch(text)
                if m and int(m[1]) == self._numbered + 1:
                    self._numbered += 1
                    self._lead_title = None if untitled else m[2]

    def block(self, block: Block) -> None:
        """Add a paragraph or list item to the current section.

        A paragraph that is all bold reads as a heading; one opening with a
        bold label and a colon (``<b>Date:</b> 6 December``) as that label and its value.
        """
        if self.plain:
            block = plain_mark(block)
        if not block.text.strip() and not block.lead and block.note is None:
            return
        if not self.ours and not block.lead and block.text in GAPS:
            self.placeholder(block.text)
            return
        if block.lead and self._bold_label(block.lead, block):
            return
        paragraph = block.kind is BlockKind.PARAGRAPH and not block.lead
        if self._lead is not None and paragraph:
            title = self._lead_title
            block = dataclasses.replace(block, lead=title, lead_break=title is not None)
            self._lead = None
            self._add(block)
            self._entry = self._in_presentations()
            return
        self._flush_lead()
        if self._entry and paragraph:
            # a presentation's summary of several paragraphs, under its heading
            if not self._summary:
                last = self._sections[-1][1][-1]
                self._summary, self._summary_note = [last.text], last.note
            # a mark that ends a paragraph before the last does not end the value:
            # it is the value's words, as the page shows them
            if self._summary_note is not None:
                self._summary[-1] = f"{self._summary[-1]} {self._summary_note}"
            self._summary.append(block.text)
            self._summary_note = block.note
            return
        self._entry = False
        self._add(block)

    def placeholder(self, words: str) -> None:
        """A writer's placeholder for a gap (``(not given)``), set apart as the format marks it.

        The reader tells it from the same words typed as a value (plain, not
        emphasised); it is left out, and the notes say so.
        """
        self._flush_lead()
        where = self._sections[-1][0] if self._sections else ""
        self.notes.append(
            f"The placeholder {quote(words)} under {quote(where or 'the start')} was left empty."
        )

    def _end_summary(self) -> None:
        """Put the summary's paragraphs together in the presentation they went on."""
        if self._summary:
            blocks = self._sections[-1][1]
            text = "\n\n".join(self._summary)
            blocks[-1] = dataclasses.replace(blocks[-1], text=text, note=self._summary_note)
            self._summary, self._summary_note = [], None

    def _add(self, block: Block) -> None:
        self._end_summary()
        if not self._sections:
            self._sections.append(("", [], False))
        self._sections[-1][1].append(block)

    def block_or_label(self, block: Block) -> None:
        """Add a block, or a label and its value when a plain paragraph is ``Label: value``."""
        if block.kind is BlockKind.PARAGRAPH and not block.lead and not self._structured:
            if is_label_alone(block.text):
                self.label(block.text, structured=False)
                return
            if (pair := split_label(block.text)) is not None:
                self.label(pair[0], structured=False)
                self.block(Block(BlockKind.PARAGRAPH, pair[1].strip()))
                return
        self.block(block)

    def _bold_label(self, lead: str, block: Block) -> bool:
        lead, rest = lead.strip(), block.text.strip()
        if not rest:
            self.heading(lead, level=6)
            return True
        if lead.endswith(":"):
            lead = lead[:-1]
        elif rest.startswith(":"):
            rest = rest[1:].strip()
        else:
            return False
        if not is_label(lead):
            return False
        self.label(lead, structured=False)  # a bold lead-in is a paragraph's own words
        self.block(Block(block.kind, rest))
        return True

    def _flush_lead(self) -> None:
        # a heading with nothing below it is a paragraph of its own words
        lead, self._lead = self._lead, None
        if lead is not None:
            self._entry = False
            self._add(Block(BlockKind.PARAGRAPH, lead))

    def build(self) -> Document:
        """The document met so far."""
        self._flush_lead()
        self._end_summary()
        return Document(
            title=self.title,
            subtitle=self.subtitle,
            sections=tuple(
                Section(label, tuple(blocks), fact=fact) for label, blocks, fact in self._sections
            ),
            notes=tuple(self.notes),
        )
