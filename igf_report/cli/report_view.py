"""A report drawn in the terminal with rich, for ``igf-report show``.

Every value reaches rich as :class:`rich.text.Text` after
:func:`igf_report.textutil.visible`, so markup such as ``[red]`` prints as
typed and no control character reaches the terminal.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from igf_report.fields import FieldSpec, Kind
from igf_report.model import Presentation
from igf_report.parsers import split_paragraphs
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
from igf_report.validation import Finding, Severity

__all__ = ["report_view"]


def _literal(text: str, style: str = "") -> Text:
    return Text(visible(text), style=style)


def _invalid(value: Invalid) -> Text:
    shown = _literal(value.text)
    shown.append(" ")
    shown.append(_literal(value.note, "bold red"))
    return shown


def _header(values: Mapping[str, Any]) -> Panel:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for spec in HEADER_FIELDS:
        value = values.get(spec.key)
        if isinstance(value, Invalid):
            shown = _invalid(value)
        elif value is None:
            shown = _literal(MISSING, "italic yellow")
        else:
            shown = _literal(as_text(spec, value))
        grid.add_row(spec.label, shown)
    return Panel(grid, title=DOCUMENT_TITLE, title_align="left", border_style="blue")


def _section(spec: FieldSpec, value: object) -> Iterator[RenderableType]:
    yield Text("")
    yield _literal(spec.heading, "bold blue")
    yield Rule(style="blue")
    if isinstance(value, Invalid):
        yield _invalid(value)
        return
    if not isinstance(value, list) or not value:
        yield _literal(MISSING if spec.required else NONE_GIVEN, "italic yellow")
        return
    if spec.kind is Kind.PRESENTATIONS:
        for number, item in enumerate(value, start=1):
            presentation: Presentation = item
            head = Text(f"{number}. ", style="bold")
            head.append(_literal(presentation.title or UNTITLED, "bold"))
            yield head
            for paragraph in split_paragraphs(presentation.summary):
                yield Padding(_literal(paragraph), (0, 0, 0, 3))
        return
    if spec.kind is Kind.PARAGRAPHS:
        for index, paragraph in enumerate(value):
            if index:
                yield Text("")
            yield _literal(str(paragraph))
        return
    bullets = Table.grid(padding=(0, 1))
    bullets.add_column(width=3, justify="right")
    bullets.add_column(overflow="fold")
    for item in value:
        bullets.add_row("•", _literal(str(item)))
    yield bullets


def _findings(findings: list[Finding]) -> Iterator[RenderableType]:
    yield Text("")
    if not findings:
        yield Text("No errors or warnings.", style="green")
        return
    yield Rule(Text("Findings", style="bold"), align="left")
    for finding in findings:
        style = "bold red" if finding.severity is Severity.ERROR else "yellow"
        line = Text(f"{finding.severity}: ", style=style)
        line.append(_literal(finding.statement()))
        yield line


def report_view(values: Mapping[str, Any], findings: list[Finding]) -> Group:
    """The whole report, then its findings, as one rich renderable."""
    parts: list[RenderableType] = []
    title = values.get("title")
    parts.append(_literal(str(title), "bold") if title else _literal(MISSING, "italic yellow"))
    parts.append(_header(values))
    for spec in SECTION_FIELDS:
        parts.extend(_section(spec, values.get(spec.key)))
    parts.extend(_findings(findings))
    return Group(*parts)
