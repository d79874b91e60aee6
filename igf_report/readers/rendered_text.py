"""Plain text as ``igf-report render --format text`` writes it, read back into a document.

That layout is not a typed draft's: the template's name underlined with
``=``, the header block as label/value columns (or each value under its label
when the page was narrow), each section's label underlined with ``-``, items
after ``- ``, presentations after ``1. `` (the title, ``(untitled)`` if it has
none, then the summary after a blank line) with their lines indented, and every
value wrapped at the page's width. Wrapping is undone: a line whose next word
would still have fitted on it was broken on purpose (a line break typed in the
value, or the end of a presentation's title); any other is joined with one
space. What plain text cannot say is lost: runs of spaces, a comma inside a
name, a value that is only ``(not given)``, a title typed ``(untitled)``, a
control character (shown as its symbol).
"""

from __future__ import annotations

import dataclasses
import re
from typing import Final

from igf_report.document import Block, BlockKind, Document, Section
from igf_report.marks import DOCUMENT_TITLE, GAPS, UNTITLED
from igf_report.readers.building import plain_mark
from igf_report.readers.mapping import match_label
from igf_report.template.fields import Kind
from igf_report.textutil import display_width

__all__ = ["is_rendered_text", "read_rendered_text"]

_RULE: Final = re.compile(r"^(-+|=+)$")
_FACT: Final = re.compile(r"^(\S.*?)  +(\S.*)$")
_ENTRY: Final = re.compile(r"^(\d{1,9})\. ")
_LIST_KINDS: Final = {Kind.PERSONS, Kind.SENTENCES}


def is_rendered_text(text: str) -> bool:
    """Whether ``text`` opens as ``render --format text`` opens: the template's name, underlined."""
    # a line may end in "\r" (Windows), as the reader's lines may: it is not part of the rule
    lines = [line.rstrip() for line in text.lstrip("\ufeff").split("\n", 2)[:2]]
    return (
        len(lines) > 1
        and " ".join(lines[0].split()) == DOCUMENT_TITLE
        and lines[1] == "=" * display_width(lines[0])
    )


class _Unwrapper:
    """Joins lines a writer wrapped at ``width`` columns, keeping the breaks it did not make."""

    def __init__(self, width: int) -> None:
        self.width = width

    def join(self, lines: list[str]) -> str:
        """The lines' text: a wrapped line joined with a space, a kept break as a newline."""
        text = ""
        for index, line in enumerate(lines):
            if index:
                text += "\n" if self.broken(lines[index - 1], line) else " "
            text += line.strip()
        return text

    def broken(self, line: str, following: str) -> bool:
        """Whether the break after ``line`` was in the text: the next word would have fitted."""
        word = following.split(maxsplit=1)[0]  # lines are never blank within a paragraph
        return display_width(line.rstrip()) + 1 + display_width(word) <= self.width


def _groups(lines: list[str]) -> list[list[str]]:
    """Runs of lines between blank lines."""
    groups: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            groups[-1].append(line)
        elif groups[-1]:
            groups.append([])
    return [group for group in groups if group]


class _Reader:
    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.unwrap = _Unwrapper(max((display_width(line) for line in lines), default=80))
        self.sections: list[Section] = []

    def facts(self, group: list[str]) -> None:
        """The header block: ``Label  value`` columns, or each value indented under its label."""
        # an indented line never matches: a fact's label starts its line
        if all(_FACT.match(line) is None for line in group):
            self.narrow_facts(group)
            return
        label, values = "", list[str]()
        for line in group:
            if (m := _FACT.match(line)) and match_label(m[1]):
                self.fact(label, values)
                # the value keeps its column, so the unwrapping measures its line whole
                label, values = m[1], [" " * m.start(2) + m[2]]
            else:
                values.append(line)
        self.fact(label, values)

    def narrow_facts(self, group: list[str]) -> None:
        label, values = "", list[str]()
        for line in group:
            if line.startswith(" "):
                values.append(line)
            else:
                self.fact(label, values)
                label, values = line, []
        self.fact(label, values)

    def fact(self, label: str, values: list[str]) -> None:
        if not label:
            return
        # a blank line parts the paragraphs of an invalid value (see read)
        paragraphs = "\n".join(values).split("\n\n")
        value = "\n\n".join(self.unwrap.join(p.split("\n")) for p in paragraphs)
        blocks = () if value in GAPS else (Block(BlockKind.PARAGRAPH, value),)
        self.sections.append(Section(label, blocks, fact=True))

    def section(self, label: str, body: list[str]) -> None:
        spec = match_label(label)
        kind = spec.kind if spec is not None else Kind.PARAGRAPHS
        groups = _groups(body)
        # a gap is written on one line: the same words over two were typed so
        if groups in ([[gap]] for gap in GAPS):
            self.sections.append(Section(label))
            return
        if kind in _LIST_KINDS:
            blocks = self.items([line for group in groups for line in group])
        elif kind is Kind.PRESENTATIONS:
            blocks = self.entries(body)
        else:
            blocks = [Block(BlockKind.PARAGRAPH, self.unwrap.join(group)) for group in groups]
        self.sections.append(Section(label, tuple(blocks)))

    def items(self, lines: list[str]) -> list[Block]:
        items: list[list[str]] = []
        for line in lines:
            if line.startswith("- ") or not items:
                items.append(["  " + line.removeprefix("- ")])
            else:
                items[-1].append(line)
        return [Block(BlockKind.ITEM, self.unwrap.join(item)) for item in items]

    def entries(self, lines: list[str]) -> list[Block]:
        entries: list[list[str]] = []
        for line in lines:
            m = _ENTRY.match(line)
            if m and int(m[1]) == len(entries) + 1:
                entries.append([" " * m.end() + line[m.end() :]])
            elif entries:
                entries[-1].append(line)
        return [self.entry(entry) for entry in entries]

    def entry(self, lines: list[str]) -> Block:
        # the title ("(untitled)" when it has none), then the summary's paragraphs
        title, *paragraphs = _groups(lines)
        lead: str | None = self.unwrap.join(title)
        if lead == UNTITLED:
            lead = None
        text = "\n\n".join(self.unwrap.join(paragraph) for paragraph in paragraphs)
        return Block(BlockKind.ENTRY, text, lead, lead_break=lead is not None)

    def read(self) -> Document:
        # the template's name and its "=" rule, then the header block
        at = next(i for i, line in enumerate(self.lines) if set(line) == {"="}) + 1
        body = self.lines[at:]
        starts = [
            i for i, line in enumerate(body) if _RULE.match(line) and set(line) == {"-"} and i
        ]
        labels: list[tuple[int, int]] = []  # (first line of the label, its rule)
        for rule in starts:
            # a label's lines go up to a blank line, never past the rule above it:
            # each line is walked over once
            first = rule
            while first > (labels[-1][1] + 1 if labels else 0) and body[first - 1].strip():
                first -= 1
            labels.append((first, rule))
        header = body[: labels[0][0] if labels else len(body)]
        groups: list[list[str]] = []
        for group in _groups(header):
            if groups and group[0].startswith(" "):
                # indented under the value above: its next paragraph (the
                # value is invalid, a one-line field holding a blank line)
                groups[-1] += ["", *group]
            else:
                groups.append(group)
        for group in groups:
            self.facts(group)
        for index, (first, rule) in enumerate(labels):
            end = labels[index + 1][0] if index + 1 < len(labels) else len(body)
            label = " ".join(line.strip() for line in body[first:rule])
            self.section(label, body[rule + 1 : end])
        sections = (
            dataclasses.replace(section, blocks=tuple(map(plain_mark, section.blocks)))
            for section in self.sections
        )
        return Document(subtitle=DOCUMENT_TITLE, sections=tuple(sections))


def read_rendered_text(text: str) -> Document:
    """Read a report ``render --format text`` wrote into a document."""
    # the rstrip drops a Windows "\r"; a byte order mark can only be on the name, which is skipped
    lines = [line.rstrip() for line in text.split("\n")]
    return _Reader(lines).read()
