"""The comments of a TOML report, found so that a rewrite can put them back.

igf-report writes a report in its own layout (template order, one key per
field), so rewriting a file would drop every comment in it: the ``#:schema``
line and the labels that ``igf-report new`` writes, a user's own ``# note``.
:func:`find_comments` reads where each comment stands: the leading block at
the top, the block above each top-level key (with any comment inside or after
that key's value), and the comments after the last key. The writer puts each
block back in the same place.

A small scanner, not a TOML parser: the document has already been parsed by
tomllib, so only strings, brackets and comments need telling apart.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from typing import Final

from igf_report.files.resume import is_resume_line

__all__ = ["Comments", "find_comments"]


@dataclass
class Comments:
    """Where a document's comments stand.

    Attributes:
        leading: the block at the top of the file, before the first key
            (always holding the ``#:`` directives, such as ``#:schema``).
        above: each top-level key's block, to be written just above it; a
            comment inside or after the key's value is moved there too.
        trailing: the comments after the last key.
    """

    leading: list[str] = field(default_factory=list)
    above: dict[str, list[str]] = field(default_factory=dict)
    trailing: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.leading or self.above or self.trailing)


_BARE: Final = r"[A-Za-z0-9_-]+"
_QUOTED: Final = r'"(?:[^"\\]|\\.)*"|\'[^\']*\''
_HEADER: Final = re.compile(rf"\[\[?\s*({_BARE}|{_QUOTED})")
_KEY: Final = re.compile(rf"({_BARE}|{_QUOTED})")


def _name(token: str) -> str:
    if token[0] in "\"'":
        try:
            return next(iter(tomllib.loads(f"{token} = 0")))
        except (tomllib.TOMLDecodeError, StopIteration):
            return token
    return token


_QUOTES: Final = 3  # a multi-line string opens and closes with three quotes
_MOST_QUOTES: Final = 5  # ...and may end with two more that belong to it


def _scan(line: str, state: str | None, depth: int) -> tuple[str | None, int, str | None]:
    """Read one line: the string it ends inside, the bracket depth, its comment."""
    i = 0
    while i < len(line):
        if state is None:
            if line[i] == "#":
                return None, depth, line[i:].rstrip()
            state, depth, i = _outside(line, i, depth)
        else:
            state, i = _inside(line, i, state)
    if state in {'"', "'"}:  # a one-line string cannot go on; the document would not parse
        state = None
    return state, depth, None


def _outside(line: str, i: int, depth: int) -> tuple[str | None, int, int]:
    """One step outside strings: a string may open, a bracket open or close."""
    if line.startswith(('"""', "'''"), i):
        return line[i : i + _QUOTES], depth, i + _QUOTES
    char = line[i]
    if char in "\"'":
        return char, depth, i + 1
    if char in "[{":
        depth += 1
    elif char in "]}":
        depth = max(depth - 1, 0)
    return None, depth, i + 1


def _inside(line: str, i: int, state: str) -> tuple[str | None, int]:
    """One step inside a string opened by ``state``: it may close."""
    if line[i] == "\\" and state in {'"', '"""'}:
        return state, i + 2
    if len(state) == _QUOTES and line.startswith(state, i):
        end = i + _QUOTES
        while end < len(line) and end - i < _MOST_QUOTES and line[end] == state[0]:
            end += 1
        return None, end
    if len(state) == 1 and line[i] == state:
        return None, i + 1
    return state, i + 1


def _trim(block: list[str]) -> list[str]:
    start, end = 0, len(block)
    while start < end and not block[start]:
        start += 1
    while end > start and not block[end - 1]:
        end -= 1
    return block[start:end]


def find_comments(text: str | None) -> Comments:
    """Where the comments of the TOML document ``text`` stand (none for ``None``)."""
    comments = Comments()
    if not text or "#" not in text:
        return comments
    pending: list[str] = []
    state: str | None = None
    depth = 0
    table: str | None = None  # the table a [header] opened
    current: str | None = None  # the key whose statement is being read
    for raw in text.split("\n"):
        line = raw.strip()
        inside = state is not None or depth > 0
        state, depth, comment = _scan(raw, state, depth)
        if not inside and is_resume_line(line):
            continue  # the wizard's place, which only the wizard writes (igf_report.files.resume)
        if not inside and (not line or line.startswith("#")):
            pending.append(line)
            continue
        if not inside:
            key: str | None
            if header := _HEADER.match(line):
                table = key = _name(header[1])
            elif match := _KEY.match(line):
                key = table or _name(match[1])
            else:  # not a statement of a valid document; keep its comments where they were
                key = current
            if key is not None:
                _attach(comments, key, pending, first=current is None)
                pending = []
                current = key
        if comment is not None and current is not None:
            comments.above.setdefault(current, []).append(comment)
    comments.trailing = _trim(pending)
    comments.above = {key: block for key, block in comments.above.items() if block}
    return comments


def _attach(comments: Comments, key: str, pending: list[str], *, first: bool) -> None:
    block = pending
    if first:
        # before the first key: what a blank line separates from it is the
        # file's own block; directives (#:schema) always stay at the top
        cut = max((i for i, line in enumerate(block) if not line), default=-1)
        own, block = block[: cut + 1], block[cut + 1 :]
        comments.leading = _trim(own) + [line for line in block if line.startswith("#:")]
        block = [line for line in block if not line.startswith("#:")]
    block = _trim(block)
    if block:
        above = comments.above.setdefault(key, [])
        if above:
            above.append("")
        above.extend(block)
