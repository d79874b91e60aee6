"""Plain text: a report page copied from a browser, or a draft typed in a text editor.

A label stands on its own line, or before a tab or a colon with its value
after it. A label broken over two lines (the published page's "Please describe
the" / "Discussions that took place...") is recognised by its two halves; the
published importer then joins them and puts the text between them first in the
field. Lines starting with ``•``, ``-``, ``*``, ``–`` or ``1.`` are list items;
any other line is a paragraph.
"""

from __future__ import annotations

import re
from typing import Final

from igf_report.document import Block, BlockKind, Document
from igf_report.importer.building import DocumentBuilder, is_label, split_label
from igf_report.importer.mapping import label_closeness

__all__ = ["read_text"]

# A bullet, then the site's own "-" typed inside list items, if copied with it.
_BULLET: Final = re.compile(
    r"^\s*(?:[•◦▪‣●○■□➢►](?:\s*-(?=\s*\w))?|[-–*](?=\s|[^\W\d_])|\d{1,3}[.)](?=\s))\s*"
)
_LOOKAHEAD: Final = 2  # lines a broken label's second half may be ahead


def _broken_label(line: str, ahead: list[str]) -> int | None:
    """The index in ``ahead`` of the line that ends a label ``line`` begins, if any."""
    for index, later in enumerate(ahead[:_LOOKAHEAD]):
        joined = f"{line} {later}"
        if is_label(joined) and label_closeness(joined) > label_closeness(later):
            return index
    return None


def read_text(text: str) -> Document:
    """Read plain text into a document."""
    builder = DocumentBuilder()
    lines = [
        line.rstrip()
        for line in text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").split("\n")
        if line.strip()
    ]
    second_halves: set[int] = set()
    for number, line in enumerate(lines):
        if number in second_halves or is_label(line):
            builder.label(line)
            continue
        if m := _BULLET.match(line):
            builder.block(Block(BlockKind.ITEM, " ".join(line[m.end() :].split())))
            continue
        if (pair := split_label(line)) is not None:
            builder.label(pair[0])
            builder.block(Block(BlockKind.PARAGRAPH, " ".join(pair[1].split())))
            continue
        if (ahead := _broken_label(line, lines[number + 1 :])) is not None:
            second_halves.add(number + 1 + ahead)
            builder.label(line)
            continue
        builder.block(Block(BlockKind.PARAGRAPH, " ".join(line.split())))
    return builder.build()
