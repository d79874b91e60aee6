"""Shared by the reader and writer tests: generated reports and documents, and the every-word check.

A generated document is a list of ``(label, blocks)`` pairs, each block a
``(kind, text)`` pair; each format's test writes it the way a person would
(headings, ``**Label:**`` lines, table rows, list styles) and checks that the
import keeps every word of it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from typing import Any, Final

from hypothesis import assume
from hypothesis import strategies as st

from igf_report.readers.published import Imported
from igf_report.template.fields import FIELDS
from igf_report.template.model import Person, Presentation, Report, TimeRange
from igf_report.template.validation import check

WORDS = re.compile(r"\w+")

# --- reports, for round trips ----------------------------------------------------------

_word = st.text(
    alphabet=st.characters(codec="utf-8", categories=["L", "N", "P", "S"]),
    min_size=1,
    max_size=8,
)
#: What stands between words: mostly a space, but runs, tabs and a space
#: before a line break too, which HTML and Markdown would collapse.
_SEPARATORS: Final = (" ",) * 8 + ("  ", "\t", " \t ", "   ")
_phrase = st.lists(st.tuples(_word, st.sampled_from(_SEPARATORS)), min_size=1, max_size=5).map(
    lambda pairs: "".join(word + gap for word, gap in pairs).rstrip()
)
#: What a rapporteur's value may start with that formats read as markup: a
#: heading, a tag, a reference, emphasis, a bullet, a number, a quote.
MARKUP_STARTS: Final = (
    "#", "# ", "## ", "<", "<b>", "&", "&amp; ", "*", "* ", "**", "-", "- ", "• ", "1.",
    "1. ", "2) ", "> ", "+ ", "=", "|", "_", "`", "\\", "[x](y) ", "(untitled) ",
    "\x1b[31m", "\x07", "\x7f ",
)  # fmt: skip
#: What our writers show for a gap, which a rapporteur may type as a value.
GAP_WORDS: Final = ("(not given)", "(none)")
_value = st.sampled_from(GAP_WORDS) | st.builds(
    lambda start, phrase: start + phrase,
    st.sampled_from(("",) * 6 + MARKUP_STARTS),
    _phrase,
)
# a line break sometimes after a space: "c \nd"
_lines = st.lists(_value, min_size=1, max_size=2).map("\n".join) | st.lists(
    _value, min_size=2, max_size=2
).map(" \n".join)
_paragraphs = st.lists(_lines, min_size=1, max_size=3).map("\n\n".join)
#: Titles a rapporteur may well type that look like our writers' own headings.
TRICKY_TITLES: Final = (
    "(untitled)", "*(untitled)*", "_(untitled)_", "2. Results", "1. (untitled)", "1. Intro",
    "(untitled) notes", "1.", "Untitled", "(not given)", "(none)",
)  # fmt: skip
_title = st.none() | st.sampled_from(TRICKY_TITLES) | _value
# a comma in a name ("Smith, Jr."), which every writer sets apart from the one
# before the affiliation
_name = _value | st.builds("{}, {}".format, _value, _value)
_person = st.builds(Person, name=_name, affiliation=st.none() | _value)


@st.composite
def reports(draw: st.DrawFn) -> Report:
    """A valid report as hostile as what rapporteurs type; skips what the model refuses.

    Values start with markup (``#``, ``<b>``, ``&amp;``, ``*``, bullets, ``1.``),
    hold line breaks, runs of spaces, tabs and a space before a line break, or
    are the words a writer shows for a gap (``(not given)``); presentations'
    summaries and the items of discussions and way forward hold several
    paragraphs; presentations' titles read like our writers' headings
    (``(untitled)``, ``2. Results``); names and affiliations hold commas.
    """
    data: dict[str, Any] = {
        "title": draw(_value),
        "date": draw(st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31))),
        "time": "09:00-10:00",
        "organizer": draw(_value),
        "chair": draw(_person),
        "speakers": draw(st.lists(_person, min_size=1, max_size=3)),
        "key_issues": draw(st.lists(_lines, min_size=1, max_size=3)),
        "presentations": draw(
            st.lists(st.builds(Presentation, title=_title, summary=_paragraphs), max_size=3)
        ),
        # a paragraph of its own may hold several: a blank line inside one
        "discussions": draw(st.lists(_paragraphs, min_size=1, max_size=3)),
        "way_forward": draw(st.lists(_paragraphs, min_size=1, max_size=3)),
    }
    if (rapporteur := draw(st.none() | _person)) is not None:
        data["rapporteur"] = rapporteur
    checked = check(data)
    assume(checked.report is not None)  # e.g. a phrase the model refuses
    assert checked.report is not None
    return checked.report


def imported_report(imported: Imported) -> Report:
    """The report an import gives, which must be valid."""
    checked = check(imported.data)
    assert checked.report is not None, [f.describe() for f in checked.errors]
    return checked.report


# --- documents, for the every-word check ------------------------------------------------

#: Words, and text around them that formats treat specially.
VOCABULARY = (
    "alpha", "Bravo", "#tag", "# hash", "x<y", "<b>", "a&b", "&amp;", "•", "- dash",
    "* star", "1.", "café", "naïve", "2016", "  spaced  ", "tab\there", "O'Brien", "50%",
    "end.", "ñandú", "<script>", "Δelta", "under_score", "a*b*c",
)  # fmt: skip
LABELS = tuple(
    sorted({label for spec in FIELDS for label in (spec.label, spec.heading, *spec.wordings)})
)

_text = st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=8).map(" ".join)
_block = st.tuples(st.sampled_from(["paragraph", "item"]), _text)
#: A document as ``(label, [(kind, text), ...])`` sections, the first label maybe absent.
generated_documents = st.lists(
    st.tuples(st.sampled_from(LABELS), st.lists(_block, min_size=1, max_size=4)),
    min_size=1,
    max_size=6,
)


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [json.dumps(value, default=str)]


def assert_every_word_kept(visible: str, imported: Imported, labels: tuple[str, ...] = ()) -> None:
    """Every word of ``visible`` is in the answers, named in the notes, or one of ``labels``."""
    kept = Counter(WORDS.findall(" ".join(_strings(imported.data) + imported.notes + [*labels])))
    wanted = Counter(WORDS.findall(visible))
    lost = wanted - kept
    assert not lost, (lost, imported.data, imported.notes)


def section_words(document: list[tuple[str, list[tuple[str, str]]]]) -> str:
    """The words of a generated document's values (the labels are not answers)."""
    return " ".join(text for _, blocks in document for _, text in blocks)


# Markdown and HTML head presentations "1. Title", an untitled one "2. (untitled)";
# a title that itself starts with a number stays whole
NUMBERED_PRESENTATIONS: Final = Report(
    template="igf-2016-workshop",
    title="0",
    date=dt.date(2000, 1, 1),
    time=TimeRange(start=dt.time(9, 0), end=dt.time(10, 0)),
    organizer="0",
    chair=Person(name="0"),
    speakers=[Person(name="0")],
    key_issues=["0"],
    presentations=[
        Presentation(summary="0"),
        Presentation(title="1. Portal", summary="0"),
        Presentation(title="3. Census", summary="0"),
    ],
    discussions=["0"],
    way_forward=["0"],
)


# A paragraph that merely reads as a label ("DATE") is a value in a page whose
# labels are headings and terms, not the start of another field
LABEL_WORDS_AS_VALUES: Final = NUMBERED_PRESENTATIONS.model_copy(
    update={
        "presentations": [Presentation(summary="DATE")],
        "discussions": ["DATE", "Session Organizer: the host"],
    }
)
