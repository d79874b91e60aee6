"""Plain text: the template filled in, wrapped by display width, with no escape codes."""

from __future__ import annotations

from collections.abc import Sequence

from igf_report.document import Block, BlockKind, Document, Section
from igf_report.marks import DOCUMENT_TITLE, TEXT_MARKER, UNTITLED
from igf_report.textutil import display_width, visible, wrap
from igf_report.writers import Renderer

__all__ = ["RENDERER", "write"]

_GAP = 2  # columns between a header label and its value


def _underlined(lines: list[str], rule: str) -> list[str]:
    return [*lines, rule * max(display_width(line) for line in lines)]


def _shown(block: Block) -> str:
    text = visible(block.text)
    return f"{text} {visible(block.note)}" if block.note else text


def _fact(section: Section) -> str:
    return " ".join(_shown(block) for block in section.blocks) or section.gap


def _facts(facts: Sequence[Section], width: int) -> list[str]:
    column = max(display_width(section.label) for section in facts) + _GAP
    lines: list[str] = []
    if column > width // 2:  # too narrow for two columns: value under its label
        for section in facts:
            lines.append(section.label)
            lines.extend(wrap(_fact(section), width, "    "))
        return lines
    for section in facts:
        label = section.label + " " * (column - display_width(section.label))
        lines.extend(wrap(_fact(section), width, label))  # later lines under the value
    return lines


def _entry(block: Block, number: int, width: int) -> list[str]:
    # the title, "(untitled)" if it has none, then each paragraph after a blank
    # line, so that where the title ends never depends on how lines wrapped
    marker = f"{number}. "
    indent = " " * len(marker)
    lines = wrap(visible(block.lead or UNTITLED), width, marker)
    for paragraph in block.parts:
        lines.append("")
        lines.extend(wrap(_shown(paragraph), width, indent))  # later lines hang under it
        marker = indent
    return lines


def _section(section: Section, width: int) -> list[str]:
    lines = _underlined(wrap(section.label, width), "-")
    if not section.blocks:
        lines.append(section.gap)
    number = 0
    previous: BlockKind | None = None
    for block in section.blocks:
        if previous is not None and not (previous is block.kind is BlockKind.ITEM):
            lines.append("")  # a blank line between paragraphs and entries, not list items
        previous = block.kind
        if block.kind is BlockKind.ENTRY:
            number += 1
            lines.extend(_entry(block, number, width))
        elif block.kind is BlockKind.ITEM:
            lines.extend(wrap(_shown(block), width, "- "))
        else:
            lines.extend(wrap(_shown(block), width))
    return lines


def write(document: Document, *, width: int) -> str:
    """The document as plain text, ``width`` display columns wide.

    Args:
        document: a report's document (see :func:`igf_report.writers.tree.report_document`).
        width: the most columns a line may take (at least 20).

    Returns:
        The text, ending with exactly one newline.
    """
    width = max(width, 20)
    lines = _underlined(wrap(document.subtitle or DOCUMENT_TITLE, width), "=")
    facts: list[Section] = []
    for section in (*document.sections, None):
        if section is not None and section.fact:
            facts.append(section)
            continue
        if facts:
            lines.append("")
            lines.extend(_facts(facts, width))
            facts = []
        if section is not None:
            lines.append("")
            lines.extend(_section(section, width))
    return "\n".join(line.rstrip() for line in lines) + "\n"


RENDERER = Renderer(
    name="text",
    suffix=".txt",
    description="plain text, wrapped to --width",
    marker=TEXT_MARKER,
    write=write,
)
