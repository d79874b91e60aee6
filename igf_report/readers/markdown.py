"""Markdown drafts: the template's labels as headings, or as ``**Label:**`` or ``Label:`` lines.

Headings that are labels start a field; the first other ``#`` heading is the
document's title, and any other heading is the title of the paragraph below it
(a presentation's). Paragraphs, ``-``/``*``/``+`` and numbered list items become
blocks; a paragraph opening in bold has a bold lead-in. Escapes, emphasis,
code spans, links and entities are read as CommonMark shows them.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import deque
from dataclasses import dataclass
from html import unescape
from typing import TYPE_CHECKING, Final

from igf_report.document import Block, BlockKind, Document
from igf_report.marks import GAPS, INVALID_MARK, MARKDOWN_MARKER, UNTITLED
from igf_report.readers.building import DocumentBuilder, TooIntricateError, is_label, split_label
from igf_report.readers.published_html import NUMERIC_REFERENCE, reference_code
from igf_report.textutil import REFERRED_CODES

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["heading", "read_markdown"]

# Every pattern here is tried at many places of a long line: none may scan to
# the end from each of them (reading must stay linear in the text).
_HEADING_OPENING: Final = re.compile(r" {0,3}(#{1,6})(?![^ \t])")
_ITEM: Final = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
_RULE: Final = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_FENCE: Final = re.compile(r"^ {0,3}(```|~~~)")
_BOLD_LABEL: Final = re.compile(r"^(\*\*|__)(?P<label>.+?)\1(?P<rest>.*)$", re.DOTALL)
_ESCAPE: Final = re.compile(r"\\([!-/:-@\[-`{-~])")
# where stand-ins are taken from: the private-use planes, then the BMP's area
_PRIVATE_USE: Final = (range(0xF0000, 0xFFFFE), range(0x100000, 0x10FFFE), range(0xE000, 0xF900))
# What a writer's reference keeps exact: a space or tab CommonMark would
# collapse, a control character unescape() would drop
_KEPT_CODES: Final = frozenset({*map(ord, " \t\r\f"), *REFERRED_CODES})
# A comma a writer set apart as the name's own, not the one before the affiliation
_NAME_COMMA: Final = re.compile(r"\\,|&#(?:44|[xX]0*2[cC]);")
# How the Markdown writer shows a gap: emphasised, so that the same words typed are a value
_GAP: Final = re.compile(rf"([*_])({'|'.join(re.escape(gap) for gap in sorted(GAPS))})\1")
# How the Markdown writer marks an invalid value: its mark in bold after the
# text; the same words typed are not bold (a typed "**" is written "\*\*")
_NOTE: Final = re.compile(r"[ \t]+\*\*(\(invalid: [^\n]*\))\*\*[ \t]*\Z")
# where such a mark can start: the first blank of a run only
_NOTE_OPENING: Final = re.compile(r"(?<![ \t])[ \t]+\*\*\(invalid: ")
_DELIMITERS: Final = re.compile(r"\*+|_+")
_BACKTICKS: Final = re.compile(r"`+")
# a link's text holds no bracket, its address one level of parentheses at most
_LINK: Final = re.compile(r"!?\[([^\[\]]*+)\]\((?:[^()]|\([^()]*+\))*+\)")
_AUTOLINK: Final = re.compile(r"<((?:https?|mailto|ftp):[^<>\s]*)>")
# "### 2. *(untitled)*": how the Markdown writer heads a presentation without a
# title; a title typed "(untitled)" is not emphasised, nor "*(untitled)*" unescaped
_UNTITLED: Final = re.compile(rf"\d{{1,9}}\.[ \t]+([*_]){re.escape(UNTITLED)}\1")


def heading(line: str) -> tuple[int, str] | None:
    """An ATX heading's level and words (its closing ``#`` run taken off), if ``line`` is one."""
    m = _HEADING_OPENING.match(line)
    if m is None:
        return None
    words = line[m.end() :].strip(" \t")
    opened = words.rstrip("#")
    if opened != words and opened[-1:] in {" ", "\t"}:
        words = opened.rstrip(" \t")
    return len(m[1]), words


def _code_spans(text: str) -> str:
    """Code spans as their text: a run of backticks up to the next run of as many.

    Each run is looked at once; a run of a length no later run has is text.
    """
    runs = [m.span() for m in _BACKTICKS.finditer(text)]
    later: dict[int, deque[int]] = {}
    for index, (start, end) in enumerate(runs):
        later.setdefault(end - start, deque()).append(index)
    pieces: list[str] = []
    at = index = 0
    while index < len(runs):
        start, end = runs[index]
        waiting = later[end - start]
        while waiting and waiting[0] <= index:
            waiting.popleft()
        if not waiting:
            index += 1
            continue
        closing = waiting.popleft()
        pieces += [text[at:start], text[end : runs[closing][0]].strip()]
        at, index = runs[closing][1], closing + 1
    pieces.append(text[at:])
    return "".join(pieces)


@dataclass
class _Run:
    """A run of ``*`` or ``_``: what CommonMark lets it do, and how many of it are left."""

    char: str
    length: int
    left: int  # not yet matched
    can_open: bool
    can_close: bool


def _blank(char: str) -> bool:
    return not char or char.isspace()


def _punctuation(char: str) -> bool:
    return bool(char) and unicodedata.category(char)[0] in "PS"


def _delimiter_run(text: str, start: int, end: int) -> _Run:
    before, after = text[start - 1 : start], text[end : end + 1]
    left = not _blank(after) and (not _punctuation(after) or _blank(before) or _punctuation(before))
    right = not _blank(before) and (
        not _punctuation(before) or _blank(after) or _punctuation(after)
    )
    if text[start] == "*":
        return _Run("*", end - start, end - start, left, right)
    opens = left and (not right or _punctuation(before))
    closes = right and (not left or _punctuation(after))
    return _Run("_", end - start, end - start, opens, closes)


def _matches(opener: _Run, closer: _Run) -> bool:
    if opener.char != closer.char or not opener.can_open or not opener.left:
        return False
    # the rule of three: a run that can both open and close pairs only so
    both = opener.can_close or closer.can_open
    threes = (opener.length + closer.length) % 3 == 0
    return not (both and threes and (opener.length % 3 or closer.length % 3))


def _opener(runs: list[_Run], previous: list[int], index: int, floor: int) -> int | None:
    """The nearest run before ``index``, above ``floor``, that the run at ``index`` closes."""
    opening = previous[index]
    while opening > floor:
        if _matches(runs[opening], runs[index]):
            return opening
        opening = previous[opening]
    return None


def _emphasis(text: str) -> str:
    """Text without the ``*`` and ``_`` that CommonMark reads as emphasis.

    CommonMark's delimiter algorithm, linear in the text: runs are a linked
    list, a pair takes the runs between it out of it, and a closer that found
    no opener sets the floor for the next closers of its kind.
    """
    spans = [m.span() for m in _DELIMITERS.finditer(text)]
    runs = [_delimiter_run(text, start, end) for start, end in spans]
    previous = list(range(-1, len(runs) - 1))
    following = list(range(1, len(runs) + 1))

    def unlink(index: int) -> None:
        if previous[index] >= 0:
            following[previous[index]] = following[index]
        if following[index] < len(runs):
            previous[following[index]] = previous[index]

    floors: dict[tuple[str, bool, int], int] = {}
    index = 0
    while index < len(runs):
        closer = runs[index]
        if not closer.can_close or not closer.left:
            index = following[index]
            continue
        kind = (closer.char, closer.can_open, closer.length % 3)
        opening = _opener(runs, previous, index, floors.get(kind, -1))
        if opening is None:
            floors[kind] = previous[index]
            after = following[index]
            if not closer.can_open:
                unlink(index)
            index = after
            continue
        opener = runs[opening]
        used = 2 if opener.left >= 2 and closer.left >= 2 else 1  # noqa: PLR2004 -- strong
        opener.left -= used
        closer.left -= used
        following[opening], previous[index] = index, opening  # the runs between are text
        if not opener.left:
            unlink(opening)
        if not closer.left:
            after = following[index]
            unlink(index)
            index = after
    return _unmatched(text, spans, runs)


def _unmatched(text: str, spans: list[tuple[int, int]], runs: list[_Run]) -> str:
    """``text`` with each run of delimiters cut to the ones left unmatched."""
    pieces: list[str] = []
    at = 0
    for (start, end), run in zip(spans, runs, strict=True):
        pieces += [text[at:start], run.char * run.left]
        at = end
    pieces.append(text[at:])
    return "".join(pieces)


def _stand_ins(text: str) -> Iterator[str]:
    """Private-use characters that ``text`` does not hold, to set characters apart in it."""
    held = set(text)
    for code in itertools.chain(*_PRIVATE_USE):
        if chr(code) not in held:
            yield chr(code)


def _inline(text: str) -> str:
    """Markdown inline text as it reads: markup gone, escapes and entities resolved."""
    # an escaped character, or one a reference keeps exact, rides through the
    # markup's patterns as a character of the text's own that none of them
    # touches (one per character: a paragraph of 70,000 "\\*" needs one)
    free = _stand_ins(text)
    stand_in: dict[str, str] = {}

    def protect_char(char: str) -> str:
        if char not in stand_in:
            found = next(free, None)
            if found is None:
                msg = "holds every private-use character in one paragraph, so it cannot be read"
                raise TooIntricateError(msg)
            stand_in[char] = found
        return stand_in[char]

    def protect_reference(m: re.Match[str]) -> str:
        code = reference_code(m)
        # a reference to a private-use character could be taken for a stand-in
        kept = code in _KEPT_CODES or any(code in area for area in _PRIVATE_USE)
        return protect_char(chr(code)) if kept else m[0]

    text = _ESCAPE.sub(lambda m: protect_char(m[1]), text)
    text = NUMERIC_REFERENCE.sub(protect_reference, text)
    text = _code_spans(text)
    text = _LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _emphasis(text)
    # what CommonMark collapses, but not a writer's exact spaces (protected above)
    text = "\n".join(" ".join(line.split()) for line in unescape(text).split("\n"))
    return text.translate({ord(used): char for char, used in stand_in.items()})


def _note(raw: str) -> tuple[str, str | None]:
    """The text without the mark the writer set apart after it, and that mark."""
    # the mark ends the text: it opens on its last line, the first that could
    if not raw.rstrip(" \t").endswith(")**"):
        return raw, None
    opening = _NOTE_OPENING.search(raw, raw.rfind("\n") + 1)
    m = _NOTE.match(raw, opening.start()) if opening else None
    if m and INVALID_MARK.fullmatch(note := _inline(m[1])):
        return raw[: m.start()], note
    return raw, None


def _name(raw: str) -> str | None:
    """The name a person's text opens with, when the writer set its own commas apart."""
    end = len(raw)
    for m in re.finditer(r",|\\.|&#\w+;", raw):
        if m[0] == ",":
            end = m.start()
            break
    head = raw[:end]
    return _inline(head).strip() if _NAME_COMMA.search(head) else None


def _joined(lines: list[str]) -> str:
    """Lines of one paragraph: a hard break where CommonMark has one, else a space."""
    parts: list[str] = []
    for index, line in enumerate(lines):
        last = index == len(lines) - 1
        # two spaces, or a backslash not itself escaped (an odd run of them)
        backslashes = len(line) - len(line.rstrip("\\"))
        hard = not last and (line.endswith("  ") or backslashes % 2 == 1)
        clean = line.strip()
        if hard and clean.endswith("\\"):
            clean = clean[:-1].rstrip()
        parts.append(clean + ("\n" if hard else "" if last else " "))
    return "".join(parts)


class _Reader:
    def __init__(self) -> None:
        self.builder = DocumentBuilder()
        self.lines: list[str] = []
        self.kind = BlockKind.PARAGRAPH
        # the lines of a ``**Label:** value`` whose value goes on below it
        self.fact: list[str] | None = None

    def flush(self) -> None:
        if self.fact is not None:
            fact, self.fact = self.fact, None
            self._fact_value(_joined(fact))
        lines, self.lines = self.lines, []
        if not lines:
            return
        raw = _joined(lines)
        lead: str | None = None
        lead_break = False
        if m := _BOLD_LABEL.match(raw):
            lead = _inline(m["label"]).strip() or None
            rest = m["rest"]
            lead_break = rest.startswith("\n")
            raw = rest
        if lead is None and _GAP.fullmatch(raw.strip()):
            self.builder.placeholder(_inline(raw))
            return
        raw, note = _note(raw)
        text = _inline(raw).strip("\n ")
        name = None if lead else _name(raw.strip())
        lead_break = lead_break and lead is not None
        self.builder.block(Block(self.kind, text, lead, lead_break, note=note, name=name))

    def _bold_label(self, raw: str, *, fact: bool) -> bool:
        """``**Label:** value``: a field, with its value on the same line."""
        m = _BOLD_LABEL.match(raw.strip())
        if m is None:
            return False
        label = _inline(m["label"]).strip()
        rest = m["rest"]
        if label.endswith(":"):
            label = label[:-1]
        elif rest.lstrip().startswith(":"):
            rest = rest.lstrip()[1:]
        else:
            return False
        if not is_label(label):
            return False
        self.flush()
        self.builder.label(label, fact=fact)
        # lines below it, up to a blank line, are its value's (after a hard break, its next line)
        self.fact = [rest]
        return True

    def _fact_value(self, rest: str) -> None:
        if _GAP.fullmatch(rest.strip()):
            self.builder.placeholder(_inline(rest).strip())
        else:
            rest, note = _note(rest)
            if value := _inline(rest).strip():
                name = _name(rest.strip())
                self.builder.block(Block(BlockKind.PARAGRAPH, value, note=note, name=name))

    def line(self, line: str) -> None:
        if found := heading(line):
            self.flush()
            level, raw = found
            untitled = _UNTITLED.fullmatch(raw) is not None
            self.builder.heading(_inline(raw), level=level, untitled=untitled)
        elif not line.strip() or _RULE.match(line) or _FENCE.match(line):
            self.flush()
        elif self._bold_label(line[m.end() :] if (m := _ITEM.match(line)) else line, fact=True):
            pass
        elif (
            not self.builder.structured
            and not self.lines
            and not _ITEM.match(line)
            and (pair := split_label(_inline(line.strip()))) is not None
        ):
            # "Date: 6 December 2016", a label typed without bold; once labels
            # stood as headings, such a line is a value's own words
            self.flush()
            self.builder.label(pair[0], fact=True, structured=False)
            self.builder.block(Block(BlockKind.PARAGRAPH, " ".join(pair[1].split())))
        elif m := _ITEM.match(line):
            self.flush()
            self.kind = BlockKind.ITEM
            self.lines.append(line[m.end() :])
        elif self.fact is not None:
            self.fact.append(line)
        else:
            if not self.lines:
                self.kind = BlockKind.PARAGRAPH
            self.lines.append(line)

    def read(self, text: str) -> Document:
        self.builder.ours = MARKDOWN_MARKER in text
        for line in text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").split("\n"):
            self.line(line)
        self.flush()
        return self.builder.build()


def read_markdown(text: str) -> Document:
    """Read a Markdown draft into a document."""
    return _Reader().read(text)
