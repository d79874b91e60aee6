"""What a pasted block becomes: a paste is one unit, all of it for the prompt it was pasted at.

Used by both readers (the line editor and the plain reader), so that a paste
means the same on every terminal. Text copied from a document has blank lines
between paragraphs, hard line breaks inside them, and often no line break
after the last one; none of that decides where the paste ends.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["as_items", "as_paragraphs"]

_BLANK: Final = re.compile(r"\n[ \t\f\v]*\n\s*")


def _normalised(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def _joined(paragraph: str) -> str:
    return " ".join(line.strip() for line in paragraph.split("\n") if line.strip())


def as_items(text: str) -> list[str]:
    """A block pasted at a list: its items, the last line's too.

    One item per line; when blank lines separate paragraphs, one item per
    paragraph, its hard line breaks joined with a space.
    """
    text = _normalised(text)
    if not text:
        return []
    if _BLANK.search(text):
        return [_joined(part) for part in _BLANK.split(text) if part.strip()]
    return [line.strip() for line in text.split("\n") if line.strip()]


def as_paragraphs(text: str) -> str:
    """A block pasted as one answer (a summary): its hard line breaks joined.

    Each paragraph's lines are joined with a space; a blank line between
    paragraphs stays a paragraph break.
    """
    return "\n\n".join(_joined(part) for part in _BLANK.split(_normalised(text)) if part.strip())
