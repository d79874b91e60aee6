"""A :class:`~igf_report.document.Document` as a report's answers, whatever format it was read from.

Every reader builds a document; this module is the one place that turns
labels into fields and blocks into values. It does so through the published
importer (:func:`igf_report.readers.published.read_published`), which already
matches labels loosely, mends labels broken across rows, reads persons, dates
and presentations' titles and keeps every word, noting where stray text went:
the document is written as the published ``label<TAB>HTML`` rows it stands for.
"""

from __future__ import annotations

import difflib
from html import escape
from typing import Final

from igf_report.document import Block, BlockKind, Document, Section, runs
from igf_report.marks import DOCUMENT_TITLE, html_apart
from igf_report.readers.published import (
    LABELS,
    Imported,
    match_label,
    normalise_label,
    read_published,
)
from igf_report.readers.published_html import quote
from igf_report.template.fields import FIELDS
from igf_report.textutil import controls_as_references, spaces_as_references

__all__ = ["document_rows", "label_closeness", "map_document", "match_label"]

# Lines our own writers put around the fields, which are not answers.
_KINDS: Final = {normalise_label(DOCUMENT_TITLE), normalise_label(f"{DOCUMENT_TITLE} Template")}


def label_closeness(text: str) -> float:
    """How close ``text`` is to the nearest template label, from 0 to 1 (1: it is one)."""
    key = normalise_label(text)
    if not key:
        return 0.0
    if key in LABELS:
        return 1.0
    return max(difflib.SequenceMatcher(None, key, label).ratio() for label in LABELS)


def _html(text: str) -> str:
    """``text`` exactly: each reader collapsed what its format collapses, and kept the rest.

    Whitespace a reader kept (a run, a tab) is written as references, which the
    published reader keeps; a tab would also end the row, a newline the line,
    and ``#`` could open a comment row.
    """
    escaped = escape(text, quote=False).replace("#", "&#35;")
    escaped = controls_as_references(escaped, c1=True)
    return "<br>".join(spaces_as_references(line) for line in escaped.split("\n"))


def _text_html(block: Block) -> str:
    # a name the reader saw the format set apart, typed words that read as an
    # invalid mark; the mark a reader saw set apart is the one the published reader takes off
    text = html_apart(block.text, block.name, _html)
    return f"{text} {_html(block.note)}" if block.note else text


def _block_html(block: Block) -> str:
    lead = ""
    if block.lead:
        lead = f"<b>{_html(block.lead)}</b>"
        lead += "<br>" if block.lead_break else " "
    body = lead + _text_html(block)
    # the published site typed a "-" inside each item, which the reader drops:
    # one is added so that an item's own leading dash is kept
    return f"<li>-{body}</li>" if block.kind is BlockKind.ITEM else f"<p>{body}</p>"


def _value_html(blocks: tuple[Block, ...]) -> str:
    parts: list[str] = []
    for run in runs(blocks):
        html = " ".join(_block_html(block) for block in run)
        parts.append(f"<ul> {html} </ul>" if run[0].kind is BlockKind.ITEM else html)
    return " ".join(parts)


def _row_label(label: str) -> str:
    return " ".join(label.split()).lstrip("#").strip()


def document_rows(document: Document) -> str:
    """The document as the published ``label<TAB>HTML`` rows it stands for."""
    return "".join(
        f"{_row_label(section.label)}\t{_value_html(section.blocks)}\n"
        for section in document.sections
    )


def _cleaned(document: Document, notes: list[str]) -> list[Section]:
    """The sections without our writers' own furniture, each removal noted."""
    sections: list[Section] = []
    for section in document.sections:
        blocks: list[Block] = []
        for block in section.blocks:
            if not section.label.strip() and normalise_label(block.words) in _KINDS:
                notes.append(
                    f"The line {quote(block.words)} names the template and was not imported."
                )
            elif not section.label.strip():
                # a document's opening lines (instructions, a date of drafting)
                # are not its first field's answer
                notes.append(
                    f"The text {quote(block.words)} before the first label was not imported."
                )
            else:
                blocks.append(block)
        # only labels and blocks become rows (document_rows): a key or a fact would be lost there
        sections.append(Section(section.label, tuple(blocks)))
    return sections


def map_document(document: Document) -> Imported:
    """The answers a document gives, with notes on every word not put in a field.

    Args:
        document: what a reader made of a file.

    Returns:
        The answers (raw: ``check`` parses them), the fields found, and notes.
    """
    notes = list(document.notes)
    sections = _cleaned(document, notes)
    title_spec = FIELDS[0]
    titles = [s for s in sections if match_label(s.label) is title_spec]
    has_title = bool(titles)
    same = [" ".join(b.words for b in s.blocks) for s in titles] == [document.title]
    if document.title and normalise_label(document.title) in _KINDS:
        notes.append(
            f"The heading {quote(document.title)} names the template and was not imported."
        )
    elif document.title and not has_title:
        # a draft headed by its session title, with no "Session Title" label
        sections.insert(
            0, Section(title_spec.heading, (Block(BlockKind.PARAGRAPH, document.title),))
        )
        notes.append(f"The heading {quote(document.title)} was taken as the {title_spec.label}.")
    elif document.title and not same:
        notes.append(
            f"The heading {quote(document.title)} was read as the document's title, "
            f"not as a field; the {title_spec.label} is the one under its label."
        )
    if document.subtitle:
        if normalise_label(document.subtitle) in _KINDS:
            notes.append(
                f"The line {quote(document.subtitle)} names the template and was not imported."
            )
        else:
            notes.append(f"The subtitle {quote(document.subtitle)} was not imported.")
    imported = read_published(document_rows(Document(sections=tuple(sections))))
    imported.notes[:0] = notes
    return imported
