"""A report's document drawn in the terminal with rich, for ``igf-report show``.

Every value reaches rich as :class:`rich.text.Text` after
:func:`igf_report.textutil.visible`, so markup such as ``[red]`` prints as
typed and no control character reaches the terminal.
"""

from __future__ import annotations

from collections.abc import Iterator

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from igf_report.document import Block, BlockKind, Document, Section, runs
from igf_report.marks import DOCUMENT_TITLE, MISSING, UNTITLED
from igf_report.template.validation import Finding, Severity
from igf_report.textutil import visible

__all__ = ["report_view"]


def _literal(text: str, style: str = "") -> Text:
    return Text(visible(text), style=style)


def _shown(block: Block) -> Text:
    shown = _literal(block.text)
    if block.note:
        shown.append(" ")
        shown.append(_literal(block.note, "bold red"))
    return shown


def _gap(section: Section) -> Text:
    return _literal(section.gap, "italic yellow")


def _header(kind: str, facts: list[Section]) -> Panel:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for section in facts:
        shown = Text(" ").join(_shown(block) for block in section.blocks) or _gap(section)
        grid.add_row(section.label, shown)
    return Panel(grid, title=kind, title_align="left", border_style="blue")


def _bullets(items: tuple[Block, ...]) -> Table:
    bullets = Table.grid(padding=(0, 1))
    bullets.add_column(width=3, justify="right")
    bullets.add_column(overflow="fold")
    for item in items:
        bullets.add_row("•", _shown(item))
    return bullets


def _section(section: Section) -> Iterator[RenderableType]:
    yield Text("")
    yield _literal(section.label, "bold blue")
    yield Rule(style="blue")
    if not section.blocks:
        yield _gap(section)
    number = 0
    previous: BlockKind | None = None
    for run in runs(section.blocks):
        block = run[0]
        if previous is BlockKind.PARAGRAPH and block.kind is BlockKind.PARAGRAPH:
            yield Text("")
        previous = block.kind
        if block.kind is BlockKind.ITEM:
            yield _bullets(run)
        elif block.kind is BlockKind.ENTRY:
            number += 1
            head = Text(f"{number}. ", style="bold")
            head.append(_literal(block.lead or UNTITLED, "bold"))
            yield head
            for paragraph in block.parts:
                yield Padding(_shown(paragraph), (0, 0, 0, 3))
        else:
            yield _shown(block)


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


def report_view(document: Document, findings: list[Finding]) -> Group:
    """The whole document, then the report's findings, as one rich renderable."""
    parts: list[RenderableType] = [
        _literal(document.title, "bold") if document.title else _literal(MISSING, "italic yellow")
    ]
    facts = [section for section in document.sections if section.fact]
    if facts:
        parts.append(_header(document.subtitle or DOCUMENT_TITLE, facts))
    for section in document.sections:
        if not section.fact:
            parts.extend(_section(section))
    parts.extend(_findings(findings))
    return Group(*parts)
