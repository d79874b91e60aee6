"""A report as a :class:`~igf_report.document.Document`: the one place writers meet field kinds.

Every format (text, Markdown, HTML, published, Word and the terminal view)
serialises the document this builds; none walks the fields itself. A field
with no value gets a section with no blocks and the words to show for the gap,
an invalid value one paragraph as the file has it with its mark as the note.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from igf_report.document import Block, BlockKind, Document, Section
from igf_report.marks import DOCUMENT_TITLE, MISSING, NONE_GIVEN
from igf_report.template.checked import Invalid
from igf_report.template.fields import FIELDS, FieldSpec, Kind
from igf_report.template.model import Person, Presentation
from igf_report.writers.values import as_text

__all__ = ["report_document"]

# How each list field's items stand on the page.
_ITEM_KINDS = {
    Kind.PERSONS: BlockKind.ITEM,
    Kind.SENTENCES: BlockKind.ITEM,
    Kind.PARAGRAPHS: BlockKind.PARAGRAPH,
    Kind.PRESENTATIONS: BlockKind.ENTRY,
}


_TITLE = FIELDS[0]  # the session's title, which is the document's


def _block(spec: FieldSpec, kind: BlockKind, value: object) -> Block:
    if isinstance(value, Invalid):  # one wrong item of a list, as the file has it
        return Block(kind, value.text, note=value.note)
    if isinstance(value, Presentation):
        return Block(kind, value.summary, value.title, lead_break=bool(value.title))
    return Block(
        kind,
        as_text(spec, value),
        name=value.name if isinstance(value, Person) else None,
        date=value if isinstance(value, dt.date) else None,
    )


def _blocks(spec: FieldSpec, value: object) -> tuple[Block, ...]:
    if isinstance(value, Invalid):
        return (Block(BlockKind.PARAGRAPH, value.text, note=value.note),)
    if spec.is_empty(value):
        return ()
    if isinstance(value, list):
        kind = _ITEM_KINDS[spec.kind]
        return tuple(_block(spec, kind, item) for item in value)
    return (_block(spec, BlockKind.PARAGRAPH, value),)


def _gap(spec: FieldSpec) -> str:
    # a list left empty on purpose (no presentations) is not a missing answer
    return MISSING if spec.required or not spec.kind.is_list else NONE_GIVEN


def report_document(values: Mapping[str, Any]) -> Document:
    """The report as a document: its title, then one section per field in template order.

    Args:
        values: field key to normalised value, or to
            :class:`~igf_report.writers.values.Invalid` (as
            :func:`~igf_report.writers.values.shown_values` gives them);
            missing keys are fields without a value.
    """
    title = values.get(_TITLE.key)
    sections = tuple(
        Section(
            label=spec.heading,
            blocks=_blocks(spec, values.get(spec.key)),
            key=spec.key,
            fact=not spec.kind.is_list,
            gap=_gap(spec),
            is_title=spec is _TITLE,
        )
        for spec in FIELDS
    )
    return Document(
        title=str(title) or None if title is not None else None,
        subtitle=DOCUMENT_TITLE,
        sections=sections,
    )
