"""CommonMark: the title as a heading, label/value pairs, each section under its label.

Every value is escaped so that it prints as typed on any CommonMark viewer: a
speaker named ``*Bob*`` stays ``*Bob*``, never emphasis, a link or HTML.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from igf_report.fields import FieldSpec, Kind
from igf_report.model import Presentation
from igf_report.parsers import split_paragraphs
from igf_report.render import Renderer
from igf_report.render.values import (
    DOCUMENT_TITLE,
    HEADER_FIELDS,
    MISSING,
    NONE_GIVEN,
    SECTION_FIELDS,
    UNTITLED,
    Invalid,
    as_text,
)
from igf_report.textutil import visible

__all__ = ["RENDERER", "escape", "render"]

# Inline punctuation that CommonMark may read as markup, anywhere in a line.
_INLINE = re.compile(r"([\\`*_\[\]<>#|~&!])")
# What starts a block when it opens a line: list markers, a numbered list
# ("1." or "1)"), a setext underline or thematic break, a quote.
_LINE_START = re.compile(r"^(\s*)([-+=>]|\d{1,9}(?=[.)]))")


def escape(text: str) -> str:
    """``text`` as CommonMark that renders to exactly ``text``.

    Line breaks become hard breaks; controls are made visible.
    """
    lines = []
    for line in visible(text).split("\n"):
        escaped = _INLINE.sub(r"\\\1", line.strip())
        m = _LINE_START.match(escaped)
        if m:
            head = m.group(2)
            if head.isdigit():  # "1." -> "1\." so it is not a numbered list
                escaped = escaped[: m.end()] + "\\" + escaped[m.end() :]
            else:
                escaped = escaped[: m.start(2)] + "\\" + escaped[m.start(2) :]
        lines.append(escaped)
    return "\\\n".join(line for line in lines if line)


def _invalid(value: Invalid) -> str:
    return f"{escape(value.text)} **{escape(value.note)}**"


def _header(values: Mapping[str, Any]) -> list[str]:
    lines = []
    for spec in HEADER_FIELDS:
        value = values.get(spec.key)
        if isinstance(value, Invalid):
            shown = _invalid(value)
        else:
            shown = f"*{MISSING}*" if value is None else escape(as_text(spec, value))
        lines.append(f"- **{escape(spec.label)}:** {shown}")
    return lines


def _section(spec: FieldSpec, value: object) -> list[str]:
    lines = [f"## {escape(spec.heading)}", ""]
    if isinstance(value, Invalid):
        lines.append(_invalid(value))
        return lines
    if not isinstance(value, list) or not value:
        lines.append(f"*{MISSING if spec.required else NONE_GIVEN}*")
        return lines
    if spec.kind is Kind.PRESENTATIONS:
        # numbered as in text and show; an untitled one still gets a heading, so
        # that its summary is not read as part of the presentation before it
        for number, item in enumerate(value, start=1):
            presentation: Presentation = item
            title = escape(presentation.title) if presentation.title else f"*{UNTITLED}*"
            lines.extend([f"### {number}. {title}", ""])
            for paragraph in split_paragraphs(presentation.summary):
                lines.extend([escape(paragraph), ""])
        return lines[:-1]
    if spec.kind is Kind.PARAGRAPHS:
        for paragraph in value:
            lines.extend([escape(str(paragraph)), ""])
        return lines[:-1]
    lines.extend(f"- {escape(str(item))}" for item in value)
    return lines


def render(values: Mapping[str, Any], *, width: int = 80) -> str:  # noqa: ARG001 -- Markdown reflows
    """The report as a CommonMark document, ending with one newline."""
    title = values.get("title")
    lines = [f"# {escape(str(title)) if title else f'*{MISSING}*'}", "", f"*{DOCUMENT_TITLE}*", ""]
    lines.extend(_header(values))
    for spec in SECTION_FIELDS:
        lines.append("")
        lines.extend(_section(spec, values.get(spec.key)))
    return "\n".join(lines) + "\n"


RENDERER = Renderer(
    name="markdown",
    suffix=".md",
    description="CommonMark, every value escaped",
    render=render,
    marker=f"\n*{DOCUMENT_TITLE}*\n",
)
