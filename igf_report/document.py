"""The document tree between a report and every file format.

Readers (:mod:`igf_report.readers`) turn a file into a :class:`Document`;
:mod:`igf_report.readers.mapping` turns a document into a report's answers.
Writers go the other way: :mod:`igf_report.writers.tree` turns a report into a
document once, and a format module only serialises the document. The tree
knows neither the terminal nor any format, and nothing about field kinds:
sections carry the label they stand under, blocks carry plain text, and what a
format may write its own way (a date, where a person's name ends) rides along
as plain data.
"""

from __future__ import annotations

import datetime as dt
import enum
import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from igf_report.template.parsers import split_paragraphs

__all__ = ["Block", "BlockKind", "Document", "Section", "runs"]


class BlockKind(enum.Enum):
    """What a block is on the page."""

    PARAGRAPH = "paragraph"
    ITEM = "item"  # one item of a bulleted or numbered list
    #: one numbered entry under a heading of its own (a presentation): the
    #: lead-in is the heading, if it has one, and the text its paragraphs
    ENTRY = "entry"


@dataclass(frozen=True)
class Block:
    """One paragraph or list item, as plain text.

    Attributes:
        kind: paragraph or list item.
        text: the text after the lead-in, with a newline only where a line was broken.
        lead: bold text the block starts with (a presentation's title), if any.
        lead_break: whether a line break separates the lead-in from the text.
        note: a mark a writer sets apart after the text, such as why the
            value is invalid (``(invalid: ...)``); a reader gives the mark it
            saw the format set apart there, so the same words typed stay text.
        name: the person's name the text opens with, for a format that must
            keep it whole (a comma in it is not the one before the affiliation).
        date: the date the text says, for a format that writes dates its own way.
    """

    kind: BlockKind
    text: str
    lead: str | None = None
    lead_break: bool = False
    note: str | None = None
    name: str | None = None
    date: dt.date | None = None

    @property
    def paragraphs(self) -> tuple[str, ...]:
        """The text's paragraphs (split at blank lines, stripped), for an entry of several."""
        return tuple(split_paragraphs(self.text))

    @property
    def parts(self) -> tuple[Block, ...]:
        """An entry's paragraphs as paragraph blocks, the last carrying the entry's mark (note)."""
        paragraphs = self.paragraphs or ("",)
        last = len(paragraphs) - 1
        return tuple(
            Block(BlockKind.PARAGRAPH, text, note=self.note if index == last else None)
            for index, text in enumerate(paragraphs)
        )

    @property
    def words(self) -> str:
        """Everything the block says, lead-in included, on one line."""
        whole = f"{self.lead} {self.text}" if self.lead else self.text
        return " ".join(whole.split())


@dataclass(frozen=True)
class Section:
    """The blocks standing under one label.

    Attributes:
        label: the label as the document wrote it (``""`` for text before any label).
        blocks: the section's paragraphs and list items, in order.
        key: the field key, when a writer made the section from a report.
        fact: whether it is a one-value field of the header block, which
            writers show as a label/value row rather than a headed section.
        gap: what a writer shows where the section has no blocks (``(not given)``).
        is_title: whether it holds the document's title, which a format with a
            heading of its own for the title may leave out of the header block.
    """

    label: str
    blocks: tuple[Block, ...] = ()
    key: str | None = None
    fact: bool = False
    gap: str = ""
    is_title: bool = False


@dataclass(frozen=True)
class Document:
    """A report as a document: a title, then sections under labels.

    Attributes:
        title: the document's heading (a report's session title), if it has one.
        subtitle: the line naming the kind of document, if it has one.
        sections: the sections in document order.
        notes: what a reader left out of the sections, and why, for the import's notes.
    """

    title: str | None = None
    subtitle: str | None = None
    sections: tuple[Section, ...] = ()
    notes: tuple[str, ...] = field(default=())


def runs(blocks: Iterable[Block]) -> Iterator[tuple[Block, ...]]:
    """The blocks as a page lays them out: consecutive list items as one list, any other alone.

    A format that wraps a list (``<ul>``, a bullet grid) opens one per run of items.
    """
    for is_list, run in itertools.groupby(blocks, key=lambda block: block.kind is BlockKind.ITEM):
        if is_list:
            yield tuple(run)
        else:
            yield from ((block,) for block in run)
