"""Plain text: a report page copied from a browser, or a draft typed in a text editor.

A label stands on its own line, or before a tab or a colon with its value
after it (only until a label has stood on its own line: after that,
``Date: 6 December`` is a value's words). A label broken over two lines (the
published page's "Please describe the" / "Discussions that took place...") is
recognised by its two halves; the published importer then joins them and puts
the text between them first in the field. Lines starting with ``•``, ``-``,
``*``, ``–`` or ``1.`` are list items; any other line is a paragraph, or
continues the one before when it was wrapped. Plain text cannot set a gap's
placeholder apart from typed words: a value that is only ``(not given)`` or
``(none)`` is taken for the placeholder and left empty.
"""

from __future__ import annotations

import re
from typing import Final

from igf_report.document import Block, BlockKind, Document
from igf_report.readers.building import (
    DocumentBuilder,
    is_label,
    is_label_alone,
    split_label,
)
from igf_report.readers.mapping import label_closeness
from igf_report.readers.rendered_text import is_rendered_text, read_rendered_text

__all__ = ["read_plain_text"]

# A bullet, then the site's own "-" typed inside list items, if copied with it.
_BULLET: Final = re.compile(
    r"^\s*(?:[•◦▪‣●○■□➢►](?:\s*-(?=\s*\w))?|[-–*](?=\s|[^\W\d_])|\d{1,3}[.)](?=\s))\s*"
)
_LOOKAHEAD: Final = 2  # lines a broken label's second half may be ahead
# A line ending so is a paragraph's end, never a line wrapped in mid-sentence.
_SENTENCE_END: Final = re.compile(r"[.!?:;…)\"'”’]\s*$")


def _broken_label(lines: list[str], number: int) -> int | None:
    """How many lines after line ``number`` is the one that ends a label it begins, if any.

    Only the next few lines are looked at (never a copy of all that follow,
    which would make the reading quadratic).
    """
    line = lines[number]
    for index, later in enumerate(lines[number + 1 : number + 1 + _LOOKAHEAD]):
        joined = f"{line} {later}"
        if is_label(joined) and label_closeness(joined) > label_closeness(later):
            return index
    return None


class _Reader:
    def __init__(self, lines: list[str], after_blank: list[bool]) -> None:
        self.builder = DocumentBuilder(plain=True)
        self.lines, self.after_blank = lines, after_blank
        self.paragraph: list[str] = []
        self.second_halves: set[int] = set()

    def flush(self) -> None:
        if self.paragraph:
            text = " ".join(" ".join(self.paragraph).split())
            self.builder.block(Block(BlockKind.PARAGRAPH, text))
            self.paragraph.clear()

    def continues(self, number: int, line: str) -> bool:
        """Whether ``line`` continues a paragraph whose line was wrapped."""
        return (
            bool(self.paragraph)
            and not self.after_blank[number]
            and not _SENTENCE_END.search(self.paragraph[-1])
            and line.lstrip()[:1].islower()
        )

    def line(self, number: int, line: str) -> None:
        if self.continues(number, line):
            self.paragraph.append(line)
            return
        self.flush()
        if number in self.second_halves or is_label_alone(line):
            self.builder.label(line)
        elif m := _BULLET.match(line):
            self.builder.block(Block(BlockKind.ITEM, " ".join(line[m.end() :].split())))
        elif not self.builder.structured and (pair := split_label(line)) is not None:
            # once labels stood on lines of their own, "Date: 6 December" is a value's words
            self.builder.label(pair[0], structured=False)
            self.builder.block(Block(BlockKind.PARAGRAPH, " ".join(pair[1].split())))
        elif (ahead := _broken_label(self.lines, number)) is not None:
            self.second_halves.add(number + 1 + ahead)
            self.builder.label(line)
        else:
            self.paragraph.append(line)


def read_plain_text(text: str) -> Document:
    """Read plain text into a document.

    Each line is a paragraph, except that a line starting in lower case continues
    the line before it when that line does not end a sentence: a draft typed
    with its lines wrapped keeps its paragraphs whole.
    """
    if is_rendered_text(text):  # our own render: its layout read as such
        return read_rendered_text(text)
    lines: list[str] = []
    after_blank: list[bool] = []
    blank = False
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").split("\n"):
        if raw.strip():
            lines.append(raw.rstrip())
            after_blank.append(blank)
        blank = not raw.strip()
    reader = _Reader(lines, after_blank)
    for number, line in enumerate(lines):
        reader.line(number, line)
    reader.flush()
    return reader.builder.build()
