"""Web pages: a report page saved from a browser (``.html``).

The page's labels may stand in a table of label/value rows, a definition list
(``<dt>``/``<dd>``), headings, or bold lead-ins (``<b>Date:</b> 6 December``).
Page chrome is not the report: ``<head>`` (the page title among it), ``<nav>``,
``<footer>``, ``<aside>``, ``<script>``, ``<style>``, forms and a ``<header>``
holding no label are left out. Values are read by the published importer's
HTML reader (:func:`igf_report.readers.published_html.parse_html`), so lists, line
breaks and bold lead-ins mean the same in both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Final

from igf_report.document import Block, BlockKind, Document
from igf_report.marks import GAPS, HTML_MARKER, INVALID_MARK, UNTITLED
from igf_report.readers.building import DocumentBuilder, TooIntricateError, is_label
from igf_report.readers.published_html import NUMERIC_REFERENCE, parse_html, reference_code
from igf_report.readers.published_html import BlockKind as HtmlKind
from igf_report.textutil import REFERRED_CODES, spaces_as_references

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["read_page"]

_VOID: Final = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
     "track", "wbr"}
)  # fmt: skip
_CHROME: Final = frozenset(
    {"head", "nav", "footer", "aside", "script", "style", "noscript", "template", "form",
     "button", "select", "iframe", "svg", "canvas", "dialog", "menu"}
)  # fmt: skip
# Chrome a reader sees (the rest is code, or the page's <head>): named in the notes.
_SHOWN_CHROME: Final = frozenset({"nav", "footer", "aside", "header", "form", "menu", "dialog"})
_EXCERPT: Final = 80
_INLINE: Final = frozenset(
    {"a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "del", "dfn", "em", "font",
     "i", "img", "ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub",
     "sup", "time", "u", "var", "wbr", "label"}
)  # fmt: skip
_HEADINGS: Final = {f"h{n}": n for n in range(1, 7)}
# Block elements that end an open paragraph, as a browser does.
_ENDS_P: Final = frozenset(
    {"p", "div", "ul", "ol", "dl", "table", "blockquote", "pre", "section", "article", "header",
     "footer", "nav", "aside", "main", "form", "hr", *_HEADINGS}
)  # fmt: skip
# An element that closes the one of these kinds still open: <li> a previous <li>.
_SIBLINGS: Final = {
    "li": {"li"},
    "dt": {"dt", "dd"},
    "dd": {"dt", "dd"},
    "tr": {"tr"},  # and with it the cell still open in it
    "td": {"td", "th"},
    "th": {"td", "th"},
}
_TYPED_BULLET: Final = re.compile(r"\s*[-–•]")
_LONGEST_LABEL: Final = 300  # a table cell longer than this is content, not a label
_DEEPEST: Final = 300  # elements open inside one another, more than any page needs
_HIDDEN_MARKERS: Final = re.compile(r"list-style(?:-type)?\s*:\s*none", re.IGNORECASE)
_NUMBER: Final = re.compile(r"\s*\d{1,9}\.\s+")
# A reference to what a browser collapses, or to a comma: a writer's exact
# character (a name's own comma), which the HTML reader must see as a reference.
# The parser resolves references, so they ride through it as private-use stand-ins.
_EXACT_CODES: Final = frozenset({*map(ord, " \t\r\f,"), *REFERRED_CODES})
_STAND_IN: Final = 0xF0000
_STAND_INS: Final = re.compile("[\U000f0000-\U000f007f]")


# The "(" of the mark the HTML writer sets apart after an invalid value (a
# span of class "invalid-note"), through the HTML reader: the same words typed are text.
_NOTE_OPENING: Final = chr(_STAND_IN + 0x80)


def _protect(text: str) -> str:
    def stand_in(m: re.Match[str]) -> str:
        code = reference_code(m)
        return chr(_STAND_IN + code) if code in _EXACT_CODES else m[0]

    return NUMERIC_REFERENCE.sub(stand_in, text)


# What opens markup to Python's HTML parser, and what closes a comment or a CDATA section
_OPENS: Final = re.compile(r"<(?:(!--)|(!\[)|[A-Za-z/!?])")
_COMMENT_CLOSE: Final = re.compile(r"--\s*>")
_SECTION_CLOSE: Final = re.compile(r"]\s*]\s*>")


def _last_start(pattern: re.Pattern[str], text: str) -> int:
    return max((m.start() for m in pattern.finditer(text)), default=-1)


def _closed_markup(text: str) -> str:
    """``text`` with every ``<`` that opens markup never closed written ``&lt;``: text, as shown.

    Python's parser looks for the end of such markup from each one to the end
    of the page (quadratic in a page of ``<a`` or ``<!--``); once each is text,
    it reads the page in one pass. A tag needs a ``>`` after it, a comment a
    ``-->``, a CDATA section a ``]]>``; the last of each tells for all.
    """
    last_tag = text.rfind(">")
    last_comment = _last_start(_COMMENT_CLOSE, text)
    last_section = _last_start(_SECTION_CLOSE, text)
    pieces: list[str] = []
    at = 0
    for m in _OPENS.finditer(text):
        if m[1]:
            closed = last_comment >= m.end()
        elif m[2]:
            closed = last_section >= m.end()
        else:
            closed = last_tag > m.start()
        if not closed:
            pieces += [text[at : m.start()], "&lt;"]
            at = m.start() + 1
    pieces.append(text[at:])
    return "".join(pieces)


def _plain(text: str) -> str:
    return _STAND_INS.sub(lambda m: chr(ord(m[0]) - _STAND_IN), text)


@dataclass
class _Element:
    tag: str
    children: list[_Element | str] = field(default_factory=list)
    classes: frozenset[str] = frozenset()
    style: str = ""

    def text(self) -> str:
        return "".join(_plain(c) if isinstance(c, str) else c.text() for c in self.children)

    def words(self) -> str:
        """The text as a browser shows it: whitespace collapsed, but not a writer's exact ones."""
        return _plain(" ".join(self.raw().split()))

    def raw(self) -> str:
        # a line break shows as a space between the words it parts
        return "".join(
            c if isinstance(c, str) else " " if c.tag == "br" else c.raw() for c in self.children
        )

    def html(self, *, pre: bool) -> str:
        """The element's content as HTML again, for the published importer's reader."""
        return "".join(_html(child, pre=pre) for child in self.children)

    def elements(self) -> list[_Element]:
        return [c for c in self.children if isinstance(c, _Element)]

    def descendants(self) -> Iterator[_Element]:
        """The elements inside, in document order (one walk, whatever the depth)."""
        stack = [iter(self.children)]
        while stack:
            child = next(stack[-1], None)
            if child is None:
                stack.pop()
            elif isinstance(child, _Element):
                yield child
                stack.append(iter(child.children))

    def short_text(self, most: int) -> str | None:
        """The text, if it is at most ``most`` characters in as many elements at most.

        What is asked of every element of a deep page (could it be a label?)
        reads no more of it than a label can be: a whole text per element
        would read a page as many times as it is deep.
        """
        pieces: list[str] = []
        size = 0
        stack = [iter(self.children)]
        while stack:
            child = next(stack[-1], None)
            if child is None:
                stack.pop()
                continue
            size += len(child) if isinstance(child, str) else 1
            if size > most:
                return None
            if isinstance(child, str):
                pieces.append(_plain(child))
            else:
                stack.append(iter(child.children))
        return "".join(pieces)


def _own(container: _Element, tags: set[str]) -> list[_Element]:
    """The container's elements of the given tags, not those of a container nested in it.

    A table nested in a cell is that cell's value, walked with it: its rows are
    not the outer table's too, nor a nested definition list's terms the outer one's.
    """
    found = []

    def visit(element: _Element) -> None:
        for child in element.elements():
            if child.tag in tags:
                found.append(child)
            if child.tag != container.tag:
                visit(child)

    visit(container)
    return found


def _typed_bullets(element: _Element, items: list[_Element]) -> bool:
    """Whether a list's items all start with a bullet typed into them, as the IGF site's do.

    The site hid the list's own markers (``list-style-type: none``) and typed a
    ``-`` in each item; in a list that shows its markers, a dash opening every
    item is the items' own words.
    """
    hidden = _HIDDEN_MARKERS.search(element.style) is not None
    return hidden and bool(items) and all(_TYPED_BULLET.match(item.text()) for item in items)


def _is_mark(node: _Element | str) -> bool:
    """Whether ``node`` is the mark the HTML writer sets after an invalid value."""
    return (
        isinstance(node, _Element)
        and node.tag == "span"
        and "invalid-note" in node.classes
        and INVALID_MARK.fullmatch(node.text()) is not None
    )


def _html(node: _Element | str, *, pre: bool = False) -> str:
    if isinstance(node, str):
        html = _STAND_INS.sub(lambda m: f"&#{ord(m[0]) - _STAND_IN};", escape(node))
        if pre:  # a browser shows the spaces and line breaks of <pre> as typed
            html = "<br>".join(spaces_as_references(line) for line in html.split("\n"))
        return html
    if node.tag in _VOID:
        return f"<{node.tag}>"
    if _is_mark(node):
        return escape(_NOTE_OPENING + node.text()[1:])
    if node.tag in {"ul", "ol"}:
        items = [e for e in node.elements() if e.tag == "li"]
        if not _typed_bullets(node, items):
            # the HTML reader drops a bullet typed at the start of an item; this
            # list has none, so an item's own leading dash is protected by one
            inner = "".join(
                f"<li>-{_html(c, pre=pre)[4:]}" if c in items else _html(c, pre=pre)
                for c in node.children
            )
            return f"<{node.tag}>{inner}</{node.tag}>"
    # a line break right after <pre>, which a browser does not show, is at
    # the start of a block, where the HTML reader drops line breaks too
    return f"<{node.tag}>{node.html(pre=pre or node.tag == 'pre')}</{node.tag}>"


def _visible_text(element: _Element) -> str:
    return " ".join(
        _plain(c) if isinstance(c, str) else _visible_text(c)
        for c in element.children
        if isinstance(c, str) or c.tag not in {"script", "style", "template", "noscript"}
    )


def _heading(heading: _Element) -> tuple[str, str | None]:
    """A heading's words, and the mark the HTML writer set after them if it is invalid."""
    shown = [c for c in heading.children if not isinstance(c, str) or c.strip()]
    mark = shown[-1] if shown else None
    if isinstance(mark, _Element) and _is_mark(mark):
        words = _Element(heading.tag, [c for c in heading.children if c is not mark]).words()
        return words, mark.text().strip()
    return heading.words(), None


def _untitled(heading: _Element) -> bool:
    """Whether a heading reads ``N. (untitled)``, the placeholder in a "missing" span.

    So the HTML writer heads a presentation without a title; a title typed
    ``(untitled)`` is plain text.
    """
    if len(heading.children) != 2:  # noqa: PLR2004 -- the number and the mark
        return False
    number, mark = heading.children
    if not isinstance(number, str) or not _NUMBER.fullmatch(number):
        return False
    return (
        isinstance(mark, _Element)
        and mark.tag == "span"
        and "missing" in mark.classes
        and mark.text() == UNTITLED
    )


class _TreeParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Element("#root")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if len(self.stack) > _DEEPEST:
            # the walk would go past Python's recursion limit later; each tag
            # looks through the open ones, so stop before thousands more
            msg = f"nests its elements too deeply to be read (more than {_DEEPEST})"
            raise TooIntricateError(msg)
        if tag in _ENDS_P and "p" in [e.tag for e in self.stack]:
            self._close("p")
        if tag in _SIBLINGS:
            for index in range(len(self.stack) - 1, 0, -1):
                open_tag = self.stack[index].tag
                if open_tag in _SIBLINGS[tag]:
                    del self.stack[index:]
                    break
                if open_tag in {"ul", "ol", "dl", "table", "tbody", "thead", "tfoot", "tr"}:
                    break
        # a browser takes the first of an attribute given twice
        classes = next((value or "" for name, value in attrs if name == "class"), "")
        style = next((value or "" for name, value in attrs if name == "style"), "")
        element = _Element(tag, classes=frozenset(classes.split()), style=style)
        self.stack[-1].children.append(element)
        if tag not in _VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self._close(tag)

    def handle_endtag(self, tag: str) -> None:
        self._close(tag)

    def _close(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def _note(text: str) -> tuple[str, str | None]:
    """The text without the writer's mark after it, and that mark.

    A mark's span anywhere but last is words of the value, as it shows.
    """
    at = text.rfind(_NOTE_OPENING)
    note = "(" + text[at + 1 :]
    if at < 0 or not INVALID_MARK.fullmatch(note):
        return text.replace(_NOTE_OPENING, "("), None
    return text[:at].replace(_NOTE_OPENING, "(").rstrip(), note


def _blocks(html: str) -> list[Block]:
    blocks = []
    for found in parse_html(html):
        kind = BlockKind.ITEM if found.kind is HtmlKind.ITEM else BlockKind.PARAGRAPH
        lead = found.lead
        text, note = _note(found.text)
        if lead and text.startswith(lead):
            text = text[len(lead) :].strip(" \n")
            blocks.append(Block(kind, text, lead, found.lead_then_break, note=note))
        else:
            blocks.append(Block(kind, text, note=note, name=_name(text, found.exact)))
    return blocks


def _name(text: str, exact: str) -> str | None:
    """The name a person's text opens with, if the writer set its own commas apart (``&#44;``)."""
    typed = next((i for i, char in enumerate(text) if char == "," and exact[i] == "0"), len(text))
    return text[:typed].strip() if "," in text[:typed] else None


def _gap(element: _Element) -> str | None:
    """The placeholder an element holds alone in a "missing" span, as the HTML writer shows gaps."""
    marks = element.elements()
    if len(marks) != 1 or any(isinstance(c, str) and c.strip() for c in element.children):
        return None
    mark = marks[0]
    if mark.tag == "span" and "missing" in mark.classes and mark.text() in GAPS:
        return mark.text()
    return None


def _may_be_label(element: _Element) -> bool:
    """Whether an element's text is a label (one longer than any cell's label is not)."""
    text = element.short_text(4 * _LONGEST_LABEL)
    return text is not None and is_label(text)


def _holds_labels(container: _Element) -> bool:
    """Whether a table's first cells or a list's terms hold a label (a report laid out inside)."""
    firsts = [
        cells[0]
        for row in _own(container, {"tr"})
        if (cells := [e for e in row.elements() if e.tag in {"td", "th"}])
    ]
    return any(_may_be_label(e) for e in firsts + _own(container, {"dt"}))


class _Walker:
    def __init__(self) -> None:
        self.builder = DocumentBuilder()
        self.inline: list[str] = []
        self.in_values = 0  # how many values (a <dd>, a table's value cells) are being walked

    def flush(self) -> None:
        html, self.inline = "".join(self.inline), []
        for block in _blocks(html):
            self.builder.block_or_label(block)

    def content(self, element: _Element) -> None:
        for block in _blocks(_html(element)):
            self.builder.block_or_label(block)

    def walk(self, node: _Element) -> None:
        for child in node.children:
            if isinstance(child, str) or child.tag in _INLINE:
                self.inline.append(_html(child))
                continue
            self.flush()
            if child.tag in _CHROME or (
                child.tag == "header" and not any(map(_may_be_label, child.descendants()))
            ):
                self.left_out(child)
                continue
            if child.tag in _HEADINGS:
                words, note = _heading(child)
                self.builder.heading(
                    words, level=_HEADINGS[child.tag], untitled=_untitled(child), note=note
                )
            elif child.tag in {"table", "dl"} and self.in_values and not _holds_labels(child):
                # a table or list inside a value is its words: a first cell or a
                # term there is no label (its words went to the next field)
                self.content(child)
            elif child.tag == "table":
                self.table(child)
            elif child.tag == "dl":
                self.definitions(child)
            elif child.tag == "p" and (gap := _gap(child)) is not None:
                self.builder.placeholder(gap)
            elif child.tag in {"p", "ul", "ol", "li", "pre", "blockquote", "address"}:
                self.content(child)
            else:
                self.walk(child)
        self.flush()

    def left_out(self, element: _Element) -> None:
        if element.tag not in _SHOWN_CHROME:
            return
        words = " ".join(_visible_text(element).split())
        if words:
            excerpt = words if len(words) <= _EXCERPT else words[: _EXCERPT - 1] + "…"
            self.builder.notes.append(
                f"The page's <{element.tag}> was left out as page chrome: {excerpt!r}."
            )

    def table(self, table: _Element) -> None:
        # in document order; what a table holds outside its rows (text a browser
        # shows above it, a sloppy page's words) is content, never dropped
        for child in table.children:
            if isinstance(child, _Element) and child.tag == "tr":
                self.row(child)
            elif isinstance(child, _Element) and child.tag != "table" and _own(child, {"tr"}):
                self.table(child)  # <tbody>, <thead>, <tfoot>, or anything else around rows
            else:
                self.stray(child)

    def row(self, row: _Element) -> None:
        cells = [e for e in row.elements() if e.tag in {"td", "th"}]
        is_cell = {id(cell) for cell in cells}  # asked of every child: not a walk of the cells
        for child in row.children:
            if id(child) not in is_cell:
                self.stray(child)
        # padded with whitespace, a label is still one; a longer text is content
        label = (cells[0].short_text(4 * _LONGEST_LABEL) or "").strip() if cells else ""
        is_block = any(e.tag not in _INLINE for e in cells[0].descendants()) if cells else True
        if len(cells) >= 2 and label and not is_block and len(label) <= _LONGEST_LABEL:  # noqa: PLR2004 -- a label and a value
            self.builder.label(label, fact=True)
            self.in_values += 1
            for cell in cells[1:]:
                self.walk(cell)
            self.in_values -= 1
        else:
            for cell in cells:
                self.walk(cell)

    def definitions(self, dl: _Element) -> None:
        for child in dl.children:
            if isinstance(child, _Element) and child.tag == "dt":
                self.builder.label(child.text(), fact=True)
            elif isinstance(child, _Element) and child.tag == "dd":
                self.definition(child)
            elif isinstance(child, _Element) and child.tag != "dl" and _own(child, {"dt", "dd"}):
                self.definitions(child)  # a <div> grouping a term and its definition
            else:
                self.stray(child)

    def definition(self, dd: _Element) -> None:
        if (gap := _gap(dd)) is not None:
            self.builder.placeholder(gap)
            return
        self.in_values += 1
        self.walk(dd)
        self.in_values -= 1

    def stray(self, node: _Element | str) -> None:
        """What a table or a definition list holds outside its cells or terms, as content."""
        self.walk(_Element("div", [node]))


def read_page(text: str) -> Document:
    """Read a web page into a document."""
    parser = _TreeParser()
    parser.feed(_closed_markup(_protect(text.lstrip("\ufeff"))))
    parser.close()
    walker = _Walker()
    walker.builder.ours = HTML_MARKER in text
    walker.walk(parser.root)
    return walker.builder.build()
