"""The HTML inside published values, turned into blocks of clean text.

Lists become one block per item (the literal ``-`` bullets the site typed inside
``<li>`` dropped), paragraphs one block each, ``<br>`` a line break, character
references decoded; any other tag is dropped and its text kept. Whitespace
typed in the HTML is collapsed as a browser would; whitespace written as a
character reference (``&#32;``, ``&#9;``) is kept as written, and so is a comma
written ``&#44;``, which never splits a name from an affiliation. This is how
``igf-report render --format published`` carries runs of spaces, tabs and
commas in names, and how it still looks right on the website.

Only real markup is markup: a ``<`` that does not open a tag of HTML (``a<b for
users``, ``x < y``) and an ``&`` that does not start a complete reference
(``R&D``, ``&notit``) are text. What is set aside (comments, declarations, the
attributes of a tag other than its styling) is reported, so that nothing is
dropped silently.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html import unescape
from typing import Final

from igf_report.textutil import REFERRED_CODES

__all__ = ["NUMERIC_REFERENCE", "Block", "BlockKind", "parse_html", "quote", "reference_code"]

# What HTML itself collapses; a no-break space or a vertical tab is not among them.
_HTML_SPACE: Final = re.compile(r"[ \t\n\r\f]+")
_BULLETS: Final = frozenset("-–•")
# Elements a browser shows as blocks of their own, even inside a <p>: their
# words never run into the text before or after them.
_BLOCK_TAGS: Final = frozenset(
    {"p", "li", "div", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote"}
    | {"address", "article", "aside", "details", "dd", "dt", "figcaption", "figure"}
    | {"footer", "header", "main", "nav", "pre", "section", "summary", "td", "th"}
)
_BOLD_TAGS: Final = frozenset({"b", "strong"})
# The elements of HTML (and the o:p that Word leaves in pasted text): a "<" that
# opens anything else is text.
_ELEMENTS: Final = frozenset(
    (  # noqa: SIM905 -- a hundred names read better as words
        "a abbr address article aside audio b bdi bdo big blockquote body br button "
        "caption center cite code col colgroup data dd del details dfn div dl dt em "
        "figcaption figure font footer form h1 h2 h3 h4 h5 h6 head header hr html i "
        "iframe img input ins kbd label legend li link main mark meta nav noscript o:p "
        "object ol option p picture pre q s samp script section select small source "
        "span strike strong style sub summary sup table tbody td textarea tfoot th "
        "thead time title tr tt u ul var video wbr"
    ).split()
)
# Attributes that say how text looks, not what it says.
_STYLING: Final = frozenset(
    """style class id lang dir align valign width height border cellpadding
    cellspacing colspan rowspan color bgcolor face size""".split()  # noqa: SIM905 -- words
)

# Possessive quantifiers keep every match linear however long the input.
_TAG: Final = re.compile(
    r"""<(/?)([A-Za-z][A-Za-z0-9]*+(?::[A-Za-z][A-Za-z0-9]*+)?)"""
    r"""((?:\s(?:[^<>"']++|"[^"]*+"|'[^']*+')*+)?)/?>"""
)
_ATTRIBUTE: Final = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")
_DECLARATION: Final = re.compile(r"<[!?][^<>]*+>")
_REFERENCE: Final = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});")
# Only these can start markup: a "<" before a space or a digit is text at once
_MARKUP_START: Final = re.compile(r"<(?=[A-Za-z/!?])|&(?=[A-Za-z#])")


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
        exact: one character per character of ``text``: ``"1"`` where it was
            written as a character reference (a ``&#44;`` comma is not a
            separator), ``"0"`` where it was typed.
        lead: the bold text the block starts with, if it starts with bold.
        lead_then_break: whether a ``<br>`` follows the bold lead-in.
    """

    kind: BlockKind
    text: str = ""
    exact: str = ""
    lead: str | None = None
    lead_then_break: bool = False
    parts: list[tuple[str, bool]] = field(default_factory=list, repr=False)
    lead_end: int | None = field(default=None, repr=False)


class _Flat:
    """Text and its exactness mask, built piece by piece as a browser collapses whitespace."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self.mask: list[str] = []
        self.pending_space = False

    def put(self, text: str, *, exact: bool) -> None:
        if self.pending_space and self.out and self.out[-1] != "\n":
            self.out.append(" ")
            self.mask.append("0")
        self.pending_space = False
        self.out.append(text)
        self.mask.append(("1" if exact else "0") * len(text))

    def exact(self, text: str) -> None:
        """Text written as references: kept as it is, in one piece per line."""
        for index, line in enumerate(text.split("\n")):
            if index:  # a line break: the typed spaces before it go
                self.pending_space = False
                self.out.append("\n")
                self.mask.append("1")
            if line:
                self.put(line, exact=True)

    def typed(self, text: str) -> None:
        """Typed text: each run of HTML whitespace one space, if words follow."""
        at = 0
        for space in _HTML_SPACE.finditer(text):
            if space.start() > at:
                self.put(text[at : space.start()], exact=False)
            self.pending_space = True
            at = space.end()
        if at < len(text):
            self.put(text[at:], exact=False)


def _flatten(parts: list[tuple[str, bool]]) -> tuple[str, str]:
    """Text and exactness mask of parts, whitespace collapsed as a browser does."""
    flat = _Flat()
    for text, exact in parts:
        if exact:
            flat.exact(text)
        else:
            flat.typed(text)
    joined, joined_mask = "".join(flat.out), "".join(flat.mask)
    # blank lines at either end of a block are not part of its text
    start = len(joined) - len(joined.lstrip("\n"))
    end = len(joined.rstrip("\n"))
    return joined[start:end], joined_mask[start:end]


def _describe(attributes: str, tag: str) -> str | None:
    """The tag, when it has attributes that are more than styling."""
    names = {m[1].casefold() for m in _ATTRIBUTE.finditer(attributes)}
    return None if names <= _STYLING else tag


class _Reader:
    """Blocks of text from the tokens of one value."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.current: Block | None = None
        self.bold_depth = 0
        self.lead_open = False  # collecting a bold lead-in
        self.text_seen = False  # text in the current block before any bold
        self.text_after_lead = False

    def open(self, kind: BlockKind) -> None:
        self.close()
        self.current = Block(kind)
        self.lead_open = False
        self.text_seen = False

    def close(self) -> None:
        block = self.current
        if block is None:
            return
        self.current = None
        text, exact = _flatten(block.parts)
        if block.kind is BlockKind.ITEM and text[:1] in _BULLETS and exact[:1] == "0":
            skip = 2 if text[1:2] == " " and exact[1:2] == "0" else 1
            text, exact = text[skip:], exact[skip:]
        if block.lead_end is not None:
            lead, _ = _flatten(block.parts[: block.lead_end])
            block.lead = lead.strip(" ") or None
        block.text, block.exact = text, exact
        if text.strip():
            self.blocks.append(block)

    def text(self, data: str, *, exact: bool = False) -> None:
        if not data:
            return
        if self.current is None:
            if not exact and not data.strip(" \t\n\r\f"):
                return
            self.open(BlockKind.TEXT)
        assert self.current is not None  # noqa: S101 -- opened just above
        self.current.parts.append((data, exact))
        if data.strip(" \t\n\r\f"):
            if self.current.lead_end is not None:
                self.text_after_lead = True
            elif not self.lead_open:
                self.text_seen = True

    def line_break(self) -> None:
        block = self.current
        if block is None:
            return
        block.parts.append(("\n", True))
        if block.lead_end is not None and not self.text_after_lead:
            block.lead_then_break = True
            self.text_after_lead = True  # only the first break counts

    def start(self, name: str) -> None:
        if name == "li":
            self.open(BlockKind.ITEM)
        elif name in _BLOCK_TAGS:
            self.open(BlockKind.PARAGRAPH)
        elif name in {"ul", "ol", "table"}:
            self.close()
        elif name == "br":
            self.line_break()
        elif name in _BOLD_TAGS:
            self.bold_depth += 1
            if self.current is None:
                self.open(BlockKind.TEXT)
            assert self.current is not None  # noqa: S101 -- opened just above
            if self.bold_depth == 1 and not self.text_seen and self.current.lead_end is None:
                self.lead_open = True

    def end(self, name: str) -> None:
        if name in _BOLD_TAGS and self.bold_depth:
            self.bold_depth -= 1
            if self.bold_depth:
                return  # "<strong><b>Title</b></strong>": the lead-in ends with the outer
            if self.lead_open and self.current is not None:
                self.current.lead_end = len(self.current.parts)
                self.text_after_lead = False
            self.lead_open = False
            self.text_seen = True
        elif name in {"ul", "ol", "table"} or name in _BLOCK_TAGS:
            self.close()


class _Tokens:
    """The tokens of one value: ``(kind, text)``.

    The kinds are text, ref, start, end, and what is set aside: comment,
    declaration, attributes (the tag, when its attributes are more than styling).
    """

    def __init__(self, value: str) -> None:
        self.value = value
        # once a search for the end of a comment or CDATA section has failed,
        # a later one would too: remembering it keeps the reading linear
        self.no_end: set[str] = set()

    def _until(self, start: int, opener: str, closer: str) -> int | None:
        """Where the section opened at ``start`` ends, if it is closed."""
        if closer in self.no_end:
            return None
        end = self.value.find(closer, start + len(opener))
        if end < 0:
            self.no_end.add(closer)
            return None
        return end

    def _markup(self, i: int) -> tuple[list[tuple[str, str]], int] | None:
        """The tokens of the markup at ``i``, and where it ends; None if it is text."""
        value = self.value
        if value[i] == "&":
            ref = _REFERENCE.match(value, i)
            return ([("ref", ref[0])], ref.end()) if ref else None
        for opener, closer, kind in (("<!--", "-->", "comment"), ("<![CDATA[", "]]>", "text")):
            if value.startswith(opener, i):
                end = self._until(i, opener, closer)
                if end is None:
                    return None  # never closed: text
                return [(kind, value[i + len(opener) : end])], end + len(closer)
        if declaration := _DECLARATION.match(value, i):
            return [("declaration", declaration[0])], declaration.end()
        tag = _TAG.match(value, i)
        if not tag or tag[2].casefold() not in _ELEMENTS:
            return None
        tokens = [("end" if tag[1] else "start", tag[2].casefold())]
        # the "/" of "<br />" is in the attributes too; it names no attribute
        if tag[3].strip() and (described := _describe(tag[3], tag[0])):
            tokens.append(("attributes", described))
        return tokens, tag.end()

    def __iter__(self) -> Iterator[tuple[str, str]]:
        value = self.value
        at = 0
        for found in _MARKUP_START.finditer(value):
            i = found.start()
            if i < at:
                continue
            markup = self._markup(i)
            if markup is None:
                continue
            # text before the markup, empty between two (the reader skips empty text)
            yield "text", value[at:i]
            tokens, at = markup
            yield from tokens
        yield "text", value[at:]


def quote(text: str) -> str:
    """Text quoted in a note, as it was written.

    Not ``repr``: its escapes would change the words (a Khitan letter becomes
    a backslash, a U and digits), and the terminal makes controls visible anyway.
    """
    return f"'{text}'"


#: A numeric character reference, decimal (``&#32;``) or hexadecimal (``&#x20;``).
NUMERIC_REFERENCE: Final = re.compile(r"&#(?:(\d{1,7})|[xX]([0-9a-fA-F]{1,6}));")


def reference_code(match: re.Match[str]) -> int:
    """The code point a :data:`NUMERIC_REFERENCE` match refers to."""
    return int(match[1]) if match[1] else int(match[2], 16)


def _resolve(reference: str) -> str:
    """A reference's character; one to a control character is that character.

    ``html.unescape`` drops a control character's reference, as a browser
    shows nothing for it; our writers write control characters so.
    """
    if (m := NUMERIC_REFERENCE.fullmatch(reference)) and reference_code(m) in REFERRED_CODES:
        return chr(reference_code(m))
    return unescape(reference)


# References to characters that are never whitespace, a comma, a parenthesis or
# a bullet: what a reference keeps exact does not matter for them, so they are
# read with the typed text around them
_PLAIN_REFERENCES: Final = {"&lt;": "<", "&gt;": ">", "&amp;": "&", "&quot;": '"', "&#39;": "'"}


def _runs(tokens: Iterable[tuple[str, str]]) -> Iterator[tuple[str, str]]:
    """The tokens with each run of text joined into one (``text``, or ``exact`` for references).

    A page of ``a&lt;`` a million times is then a few texts for the reader,
    not two million. ``&nbsp;`` is how the site's editor kept a typed space;
    any other reference is the author's exact character.
    """
    kind_of_run, run = "text", list[str]()
    for found, value in tokens:
        kind, text = found, value
        if found == "ref":
            plain = _PLAIN_REFERENCES.get(value, " " if value == "&nbsp;" else None)
            kind, text = ("exact", _resolve(value)) if plain is None else ("text", plain)
        if kind in {"text", "exact"}:
            if kind != kind_of_run and run:
                yield kind_of_run, "".join(run)
                run = []
            kind_of_run = kind
            run.append(text)
            continue
        if run:
            yield kind_of_run, "".join(run)
            run = []
        yield kind, text
    if run:
        yield kind_of_run, "".join(run)


def parse_html(value: str, set_aside: list[str] | None = None) -> list[Block]:
    """Split a published value into blocks of clean text, in order.

    The text of ``<script>`` and ``<style>`` is kept as text (it was part of
    the value), never run.

    Args:
        value: the HTML of one published value.
        set_aside: where to put, one string each, what was read but is not
            text, each described (``the comment 'draft'``): a comment's text, a
            declaration, a tag whose attributes hold more than styling (a
            link's address).

    Returns:
        The blocks, in order.
    """
    aside: list[str] = [] if set_aside is None else set_aside
    reader = _Reader()
    for kind, text in _runs(_Tokens(value)):
        if kind == "text":
            reader.text(text)
        elif kind == "exact":
            reader.text(text, exact=True)
        elif kind == "start":
            reader.start(text)
        elif kind == "end":
            reader.end(text)
        elif text.strip():  # a comment, a declaration, a tag's attributes
            aside.append(f"the {kind} {quote(text.strip())}")
    reader.close()
    return reader.blocks
