r"""CommonMark: the title as a heading, label/value pairs, each section under its label.

Every value is escaped so that it prints as typed on any CommonMark viewer: a
speaker named ``*Bob*`` stays ``*Bob*``, never emphasis, a link or HTML. So
that ``import`` reads it back to the same report, whitespace Markdown would
collapse (a run, a tab, a space before a line break) is written as references
(``&#32;``, ``&#9;``), a comma inside a person's name as ``\,``, and a gap's
placeholder emphasised (``*(not given)*``), unlike the same words typed.
"""

from __future__ import annotations

import re

from igf_report.document import Block, BlockKind, Document, Section
from igf_report.marks import MARKDOWN_MARKER, MISSING, UNTITLED
from igf_report.textutil import controls_as_references, spaces_as_references
from igf_report.writers import Renderer

__all__ = ["RENDERER", "escape", "write"]

# Inline punctuation that CommonMark may read as markup, anywhere in a line.
_INLINE = re.compile(r"([\\`*_\[\]<>#|~&!])")
# What starts a block when it opens a line: list markers, a numbered list
# ("1." or "1)"), a setext underline or thematic break, a quote.
_LINE_START = re.compile(r"^(\s*)([-+=>]|\d{1,9}(?=[.)]))")


def escape(text: str) -> str:
    """``text`` as CommonMark that renders to exactly ``text``.

    Line breaks become hard breaks (a blank line, a line of a lone hard
    break); a control character is a reference
    (``&#27;``), never a raw byte.
    """
    lines = []
    for line in text.split("\n"):
        # the spaces Markdown would collapse (a run, a tab, one ending a line) kept as references
        escaped = controls_as_references(spaces_as_references(_INLINE.sub(r"\\\1", line)))
        m = _LINE_START.match(escaped)
        if m:
            head = m.group(2)
            if head.isdigit():  # "1." -> "1\." so it is not a numbered list
                escaped = escaped[: m.end()] + "\\" + escaped[m.end() :]
            else:
                escaped = escaped[: m.start(2)] + "\\" + escaped[m.start(2) :]
        lines.append(escaped)
    # a blank line inside a value is a line of only the break's backslash, so
    # that it does not end the paragraph; blank lines at either end are dropped
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        del lines[0]
    return "\\\n".join(lines)


def _shown(block: Block) -> str:
    text = escape(block.text)
    if block.name and block.text.startswith(block.name):
        # "Smith\, Jr., ISOC": the name's own comma is escaped, so a reader never
        # takes it for the one before the affiliation; it shows as a comma
        text = escape(block.name).replace(",", "\\,") + escape(block.text[len(block.name) :])
    return f"{text} **{escape(block.note)}**" if block.note else text


def _fact(section: Section) -> str:
    return " ".join(_shown(block) for block in section.blocks) or f"*{section.gap}*"


def _entry(block: Block, number: int) -> list[str]:
    # numbered as in text and show; an untitled one still gets a heading, so
    # that its summary is not read as part of the entry before it
    title = escape(block.lead) if block.lead else f"*{UNTITLED}*"
    lines = [f"### {number}. {title}"]
    for paragraph in block.parts:
        lines.extend(["", _shown(paragraph)])
    return lines


def _section(section: Section) -> list[str]:
    lines = [f"## {escape(section.label)}", ""]
    if not section.blocks:
        lines.append(f"*{section.gap}*")
    number = 0
    previous: BlockKind | None = None
    for block in section.blocks:
        if previous is not None and not (previous is block.kind is BlockKind.ITEM):
            lines.append("")  # paragraphs and entries apart, a list's items together
        previous = block.kind
        if block.kind is BlockKind.ENTRY:
            number += 1
            lines.extend(_entry(block, number))
        elif block.kind is BlockKind.ITEM:
            lines.append(f"- {_shown(block)}")
        else:
            lines.append(_shown(block))
    return lines


def write(document: Document, *, width: int) -> str:  # noqa: ARG001 -- Markdown reflows
    """The document as CommonMark, ending with one newline."""
    # a heading is one line: a title's own line breaks (it is then invalid) are
    # kept in its field below, which shows it as written
    title = escape(document.title.replace("\n", " ")) if document.title else f"*{MISSING}*"
    lines = [f"# {title}", ""]
    if document.subtitle:
        lines.extend([f"*{escape(document.subtitle)}*", ""])
    for index, section in enumerate(document.sections):
        if section.fact:
            lines.append(f"- **{escape(section.label)}:** {_fact(section)}")
            continue
        if index:
            lines.append("")
        lines.extend(_section(section))
    return "\n".join(lines) + "\n"


RENDERER = Renderer(
    name="markdown",
    suffix=".md",
    description="CommonMark, every value escaped",
    marker=MARKDOWN_MARKER,
    write=write,
)
