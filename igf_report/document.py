"""The document tree between a report and every file format.

Readers (:mod:`igf_report.importer`) turn a file into a :class:`Document`;
:mod:`igf_report.importer.mapping` turns a document into a report's answers.
Writers go the other way: :mod:`igf_report.render.tree` turns a report into a
document once, and a format module only serialises the document. The tree
knows neither the terminal nor any format, and nothing about field kinds:
sections carry the label they stand under, blocks carry plain text.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

__all__ = ["Block", "BlockKind", "Document", "Section"]


class BlockKind(enum.Enum):
    """What a block is on the page."""

    PARAGRAPH = "paragraph"
    ITEM = "item"  # one item of a bulleted or numbered list


@dataclass(frozen=True)
class Block:
    """One paragraph or list item, as plain text.

    Attributes:
        kind: paragraph or list item.
        text: the text after the lead-in, with a newline only where a line was broken.
        lead: bold text the block starts with (a presentation's title), if any.
        lead_break: whether a line break separates the lead-in from the text.
    """

    kind: BlockKind
    text: str
    lead: str | None = None
    lead_break: bool = False

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
    """

    label: str
    blocks: tuple[Block, ...] = ()
    key: str | None = None
    fact: bool = False


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
