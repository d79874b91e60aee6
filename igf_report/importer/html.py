"""The HTML inside published values, turned into blocks of clean text.

Lists become one block per item (the literal ``-`` bullets the site typed inside
``<li>`` dropped), paragraphs one block each, ``<br>`` a line break, entities
decoded; any other tag is dropped and its text kept. Whitespace is collapsed
as a browser would.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser

__all__ = ["Block", "BlockKind", "parse_html"]

_SPACE = re.compile(r"[ \t\r\n\f\v\xa0]+")
# What is left of markup the parser could not read (an unclosed comment or tag);
# the words around it are kept, the markup itself is not a word of the value.
_LEFTOVER_MARKUP = re.compile(r"<!--|-->|<!\[CDATA\[|\]\]>|<!|</?[A-Za-z][\w:-]*(?:\s[^<>]*)?>?")
_BULLET = re.compile(r"^\s*[-–•]")
_BLOCK_TAGS = frozenset({"p", "li", "div", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote"})
_BOLD_TAGS = frozenset({"b", "strong"})


# Text decoded from an entity is the author's words even when it reads "<b>":
# its angle brackets stand in as private-use characters until leftover markup
# has been removed, then come back.
_TO_STAND_INS = str.maketrans({"<": "\ue000", ">": "\ue001"})
_FROM_STAND_INS = str.maketrans({"\ue000": "<", "\ue001": ">"})
_NO_STAND_INS = str.maketrans({"\ue000": None, "\ue001": None})


def _literal(text: str) -> str:
    return text.translate(_TO_STAND_INS)


class BlockKind(enum.Enum):
    """Where a block of text came from."""

    ITEM = "item"  # <li>
    PARAGRAPH = "paragraph"  # <p> and other block elements
    TEXT = "text"  # text outside any block


@dataclass
class Block:
    """One block of text.

    Attributes:
        kind: list item, paragraph, or loose text.
        text: the clean text; line breaks only where ``<br>`` was.
        lead: the bold text the block starts with, if it starts with bold.
        lead_then_break: whether a ``<br>`` follows the bold lead-in.
    """

    kind: BlockKind
    text: str = ""
    lead: str | None = None
    lead_then_break: bool = False
    parts: list[str] = field(default_factory=list, repr=False)


class _BlockParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.blocks: list[Block] = []
        self.current: Block | None = None
        self.bold_depth = 0
        self.leadparts: list[str] | None = None  # collecting a bold lead-in
        self.lead_done = False

    # --- blocks ---------------------------------------------------------------------

    def _open(self, kind: BlockKind) -> None:
        self._close()
        self.current = Block(kind)
        self.leadparts = None
        self.lead_done = False

    def _close(self) -> None:
        block = self.current
        if block is None:
            return
        self.current = None
        text = _LEFTOVER_MARKUP.sub(" ", "".join(block.parts)).translate(_FROM_STAND_INS)
        lines = [_SPACE.sub(" ", line).strip() for line in text.split("\n")]
        text = "\n".join(line for line in lines if line)
        if block.kind is BlockKind.ITEM:
            text = _BULLET.sub("", text, count=1).lstrip()
        if block.lead is not None:
            lead = _LEFTOVER_MARKUP.sub(" ", block.lead).translate(_FROM_STAND_INS)
            block.lead = _SPACE.sub(" ", lead).strip() or None
        block.text = text
        if text:
            self.blocks.append(block)

    def _text(self, data: str) -> None:
        if self.current is None:
            if not data.strip():
                return
            self.current = Block(BlockKind.TEXT)
            self.leadparts = None
            self.lead_done = False
        self.current.parts.append(data)
        if self.leadparts is not None:
            self.leadparts.append(data)
        elif data.strip():
            self.lead_done = True  # text before any bold: no lead-in

    # --- parser callbacks -------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:  # noqa: ARG002 -- attributes carry no words
        if tag == "li":
            self._open(BlockKind.ITEM)
        elif tag in _BLOCK_TAGS:
            self._open(BlockKind.PARAGRAPH)
        elif tag in {"ul", "ol", "table"}:
            self._close()
        elif tag == "br":
            self._break()
        elif tag in _BOLD_TAGS:
            self.bold_depth += 1
            if self.current is not None and not self.lead_done and self.leadparts is None:
                self.leadparts = []
            elif self.current is None:
                self.current = Block(BlockKind.TEXT)
                self.leadparts = []
                self.lead_done = False

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self._break()
        else:
            self.handle_starttag(tag, attrs)

    def _break(self) -> None:
        if self.current is None:
            return
        self.current.parts.append("\n")
        if self.current.lead is not None and not self.current.lead_then_break:
            rest = "".join(self.current.parts)[len(self.current.lead) :]
            self.current.lead_then_break = not rest.strip()

    def handle_endtag(self, tag: str) -> None:
        if tag in _BOLD_TAGS and self.bold_depth:
            self.bold_depth -= 1
            if self.bold_depth == 0 and self.leadparts is not None and self.current:
                if self.current.lead is None and not self.lead_done:
                    self.current.lead = "".join(self.leadparts)
                self.leadparts = None
                self.lead_done = True
        elif tag in {"li", "ul", "ol", "table"} or tag in _BLOCK_TAGS:
            self._close()

    def handle_data(self, data: str) -> None:
        self._text(data.translate(_NO_STAND_INS))

    def handle_entityref(self, name: str) -> None:
        self._text(_literal(unescape(f"&{name};")))

    def handle_charref(self, name: str) -> None:
        self._text(_literal(unescape(f"&#{name};")))

    def unknown_decl(self, data: str) -> None:
        # <![CDATA[...]]> holds text
        if data.upper().startswith("CDATA["):
            self._text(data[6:])

    def close(self) -> None:
        super().close()
        self._close()


def parse_html(value: str) -> list[Block]:
    """Split a published value into blocks of clean text, in order.

    Comments are dropped; the text of ``<script>`` and ``<style>`` is kept as
    text (it was part of the value), never run.
    """
    parser = _BlockParser()
    parser.feed(value)
    parser.close()
    return parser.blocks
