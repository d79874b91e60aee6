"""Plain text: the template filled in, wrapped by display width, with no escape codes."""

from __future__ import annotations

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
    Invalid,
    as_text,
)
from igf_report.textutil import display_width, visible, wrap

__all__ = ["RENDERER", "render"]

_GAP = 2  # columns between a header label and its value


def _underlined(lines: list[str], rule: str) -> list[str]:
    return [*lines, rule * max(display_width(line) for line in lines)]


def _shown(spec: FieldSpec, value: object) -> str:
    text = visible(as_text(spec, value))
    return f"{text} {visible(value.note)}" if isinstance(value, Invalid) else text


def _header(values: Mapping[str, Any], width: int) -> list[str]:
    column = max(display_width(spec.label) for spec in HEADER_FIELDS) + _GAP
    if column > width // 2:  # too narrow for two columns: value under its label
        lines = []
        for spec in HEADER_FIELDS:
            lines.append(spec.label)
            lines.extend(wrap(_shown(spec, values.get(spec.key)), width, "    "))
        return lines
    lines = []
    for spec in HEADER_FIELDS:
        label = spec.label + " " * (column - display_width(spec.label))
        text = _shown(spec, values.get(spec.key))
        lines.extend(wrap(text, width, label, " " * column))
    return lines


def _items(spec: FieldSpec, items: list[Any], width: int) -> list[str]:
    lines: list[str] = []
    if spec.kind is Kind.PRESENTATIONS:
        for number, item in enumerate(items, start=1):
            presentation: Presentation = item
            marker = f"{number}. "
            if presentation.title:
                lines.extend(wrap(visible(presentation.title), width, marker))
                marker = " " * len(marker)
            for index, paragraph in enumerate(split_paragraphs(presentation.summary)):
                if index:
                    lines.append("")
                lines.extend(wrap(visible(paragraph), width, marker, " " * len(marker)))
                marker = " " * len(marker)
            lines.append("")
        return lines[:-1]
    if spec.kind is Kind.PARAGRAPHS:
        for paragraph in items:
            lines.extend(wrap(visible(str(paragraph)), width))
            lines.append("")
        return lines[:-1]
    for item in items:
        lines.extend(wrap(visible(str(item)), width, "- "))
    return lines


def _section(spec: FieldSpec, value: object, width: int) -> list[str]:
    lines = _underlined(wrap(spec.heading, width), "-")
    if isinstance(value, Invalid):
        lines.extend(wrap(_shown(spec, value), width))
    elif not value:
        lines.append(MISSING if spec.required else NONE_GIVEN)
    else:
        assert isinstance(value, list)  # noqa: S101 -- list fields hold lists
        lines.extend(_items(spec, value, width))
    return lines


def render(values: Mapping[str, Any], *, width: int = 80) -> str:
    """The report as plain text, ``width`` display columns wide.

    Args:
        values: field key to normalised value; a missing field is shown as
            ``(not given)``.
        width: the most columns a line may take (at least 20).

    Returns:
        The text, ending with exactly one newline.
    """
    width = max(width, 20)
    lines = _underlined(wrap(DOCUMENT_TITLE, width), "=")
    lines.append("")
    lines.extend(_header(values, width))
    for spec in SECTION_FIELDS:
        lines.append("")
        lines.extend(_section(spec, values.get(spec.key), width))
    return "\n".join(line.rstrip() for line in lines) + "\n"


RENDERER = Renderer(
    name="text",
    suffix=".txt",
    description="plain text, wrapped to --width",
    render=render,
    marker=f"{DOCUMENT_TITLE}\n{'=' * len(DOCUMENT_TITLE)}\n",
)
