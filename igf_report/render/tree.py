"""A report as a :class:`~igf_report.document.Document`: the one place writers meet field kinds.

A format module serialises the document this builds; it never walks the
fields itself. A field with no value gets a section with no blocks, so each
format decides how to show a gap.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from igf_report.document import Block, BlockKind, Document, Section
from igf_report.fields import FIELDS, FieldSpec, Kind
from igf_report.model import Presentation
from igf_report.render.values import DOCUMENT_TITLE, as_text

__all__ = ["report_document"]


def _blocks(spec: FieldSpec, value: object) -> tuple[Block, ...]:
    if spec.is_empty(value):
        return ()
    if not spec.kind.is_list or not isinstance(value, list):
        return (Block(BlockKind.PARAGRAPH, as_text(spec, value)),)
    if spec.kind is Kind.PRESENTATIONS:
        blocks = []
        for item in value:
            if isinstance(item, Presentation):
                blocks.append(
                    Block(
                        BlockKind.PARAGRAPH, item.summary, item.title, lead_break=bool(item.title)
                    )
                )
            else:
                blocks.append(Block(BlockKind.PARAGRAPH, str(item)))
        return tuple(blocks)
    kind = BlockKind.PARAGRAPH if spec.kind is Kind.PARAGRAPHS else BlockKind.ITEM
    return tuple(Block(kind, str(item)) for item in value)


def report_document(values: Mapping[str, Any]) -> Document:
    """The report as a document: its title, then one section per field in template order.

    Args:
        values: field key to normalised value (as :func:`igf_report.validation.check`
            gives them); missing keys are fields without a value.
    """
    title = values.get("title")
    sections = tuple(
        Section(
            label=spec.heading,
            blocks=_blocks(spec, values.get(spec.key)),
            key=spec.key,
            fact=not spec.kind.is_list,
        )
        for spec in FIELDS
    )
    return Document(
        title=str(title) if title else None,
        subtitle=DOCUMENT_TITLE,
        sections=sections,
    )
