"""What writers put in a document and readers recognise in it, defined once for both.

A writer shows a gap, an untitled presentation and an invalid value with fixed
words and marks, and signs each format so that a file igf-report wrote is
told from one it must not overwrite; a reader tells those words and marks
from the same words typed, and reads a signed file exactly. Both sides import
them from here, so that no reader imports a writer and no writer a reader.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import pairwise
from typing import Final

from igf_report.template.model import Report

__all__ = [
    "DOCUMENT_TITLE",
    "GAPS",
    "HTML_MARKER",
    "INVALID_MARK",
    "MARKDOWN_MARKER",
    "MARK_OPENING",
    "MISSING",
    "NONE_GIVEN",
    "PUBLISHED_HEADING",
    "TEXT_MARKER",
    "UNTITLED",
    "WORD_CONTROL_CHARACTER",
    "WORD_MARKER",
    "WORD_PERSON_NAME",
    "html_apart",
    "mark_openings",
]

#: The template's name, the title every format gives a report.
DOCUMENT_TITLE: Final = str(Report.model_config.get("title", "Report"))

#: Shown where a field has no value, so a gap is never mistaken for layout.
MISSING: Final = "(not given)"
#: Shown for an optional list left empty (no presentations).
NONE_GIVEN: Final = "(none)"
#: What a writer shows for a gap; a reader tells it from the same words typed.
GAPS: Final = frozenset({MISSING, NONE_GIVEN})
#: The heading of a presentation given no title, so that its summary is never
#: read as part of the presentation before it.
UNTITLED: Final = "(untitled)"
#: The mark a writer puts after an invalid value, ``(invalid: why)``, at its end.
INVALID_MARK: Final = re.compile(r"\s*\(invalid: [^\n]*\)\Z")
#: Where such a mark could open: a reader looks for the writer's among them.
MARK_OPENING: Final = re.compile(r"\((?=invalid: )")

# Each format's signature, near the start of every document igf-report writes.
#: Plain text: the template's name, underlined.
TEXT_MARKER: Final = f"{DOCUMENT_TITLE}\n{'=' * len(DOCUMENT_TITLE)}\n"
#: Markdown: the template's name in italics on a line of its own.
MARKDOWN_MARKER: Final = f"\n*{DOCUMENT_TITLE}*\n"
#: HTML: the page's generator, followed by the version.
HTML_MARKER: Final = '<meta name="generator" content="igf-report'
#: The published rows: the heading the IGF website put above them.
PUBLISHED_HEADING: Final = f"## {DOCUMENT_TITLE} Template"
#: Word: what the core properties' comments open with.
WORD_MARKER: Final = "Written by igf-report"
#: The Word character style of a person's name, which the Word reader looks for.
WORD_PERSON_NAME: Final = "Person Name"
#: The Word character style of a control character's symbol, which the Word reader turns back.
WORD_CONTROL_CHARACTER: Final = "Control Character"


def mark_openings(text: str) -> list[int]:
    """Where a mark that runs to the end of ``text`` (``INVALID_MARK`` from there) could open.

    In one pass, however many ``(invalid: `` the text holds: a mark runs to
    the end when the text ends with ``)`` and no line break follows its opening.
    """
    if not text.endswith(")"):
        return []
    line = text.rfind("\n") + 1
    return [found.start() for found in MARK_OPENING.finditer(text, line)]


def html_apart(text: str, name: str | None, html: Callable[[str], str]) -> str:
    """``text`` as HTML rows hold it, with what a reader would misread set apart.

    A comma in the person's ``name`` the text opens with is written ``&#44;``,
    never the comma before the affiliation; and the ``(`` of every
    ``(invalid: `` typed is written ``&#40;``, so that the published reader
    takes off only the mark a writer put after an invalid value (its ``(``
    typed), never the rapporteur's words.

    Args:
        text: the value's text.
        name: the name of the person ``text`` is, if it is one.
        html: how the caller escapes a piece of text.
    """
    name_end = len(name) if name is not None and text.startswith(name) else 0
    opening = {found.start() for found in MARK_OPENING.finditer(text)}
    cuts = sorted({0, name_end, len(text)} | opening | {at + 1 for at in opening})
    pieces: list[str] = []
    for start, end in pairwise(cuts):
        if start in opening:
            pieces.append("&#40;")
        elif end <= name_end:
            pieces.append(html(text[start:end]).replace(",", "&#44;"))
        else:
            pieces.append(html(text[start:end]))
    return "".join(pieces)
