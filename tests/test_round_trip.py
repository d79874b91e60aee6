"""Every format with a reader: a report rendered to it imports back to the same report.

Rendered as ``igf-report render`` renders (the renderer registry, the shown
values) and read back as ``igf-report import --from-format`` reads (the
importer, the report file it writes), so the test covers the whole way a
report travels.
"""

from __future__ import annotations

import datetime as dt
import tomllib

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from igf_report.readers import import_bytes
from igf_report.template.checked import Entered
from igf_report.template.model import Person, Presentation, Report, TimeRange
from igf_report.template.validation import check
from igf_report.writers import get_renderer

from .conftest import examples
from .documents import LABEL_WORDS_AS_VALUES, NUMBERED_PRESENTATIONS, reports
from .reliability import tally

#: The formats ``import`` reads that ``render`` writes.
READABLE_FORMATS = ("published", "markdown", "html", "docx")


def round_trip(report: Report, fmt: str) -> Report | None:
    """``report`` rendered to ``fmt`` and imported back (None when the import is invalid)."""
    renderer = get_renderer(fmt)
    values = check(report.model_dump()).shown()
    data = renderer.render_bytes(values, width=80)
    summary = import_bytes(data, f"report{renderer.suffix}", fmt)
    return check(tomllib.loads(summary.toml)).report


def _with(**changes: object) -> Report:
    return NUMBERED_PRESENTATIONS.model_copy(update=changes)


# One test per format, not one loop over them: mutmut runs for a mutant only
# the tests that reached its function, so a mutant of the HTML reader no
# longer waits for the Word files (forty times slower) of every example.
@pytest.mark.parametrize("fmt", READABLE_FORMATS)
@settings(
    max_examples=examples(60, mutation=8),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(report=reports())
@example(report=NUMBERED_PRESENTATIONS)
@example(report=LABEL_WORDS_AS_VALUES)
# a summary of several paragraphs came back as several presentations
@example(
    report=_with(
        presentations=[
            Presentation(title="Portal", summary="One.\n\nTwo."),
            Presentation(summary="- a list?\n\n1. no, a paragraph\n\n# nor a heading"),
        ]
    )
)
# a title typed "(untitled)" came back untitled; "*(untitled)*" is typed too
@example(
    report=_with(
        presentations=[
            Presentation(title="(untitled)", summary="0"),
            Presentation(title="*(untitled)*", summary="0"),
            Presentation(summary="0"),
            Presentation(title="_(untitled)_", summary="0"),
        ]
    )
)
# Word writes no numbers: a title "1. Results" there is the title as typed
@example(
    report=_with(
        presentations=[
            Presentation(title="1. Results", summary="0"),
            Presentation(title="2. Next", summary="0"),
        ]
    )
)
# a paragraph that reads as a label typed into a value (Markdown took it for one)
@example(
    report=_with(
        discussions=["Date: 6 December 2016", "Session Title"],
        key_issues=["Date: 6 December 2016"],
        presentations=[Presentation(summary="Time: 9:00 - 10:00\n\nDate: 7 December 2016")],
    )
)
@example(
    report=_with(
        chair=Person(name="# Ana", affiliation="ISOC, Mexico chapter"),
        speakers=[Person(name="• Li", affiliation="<b>CNNIC</b>"), Person(name="1. Jean")],
        key_issues=["- a dash", "* a star", "1. a number", "&amp; an entity"],
    )
)
# every item opening with a dash: HTML took the dashes for the IGF site's typed bullets
@example(
    report=_with(
        speakers=[Person(name="-0"), Person(name="- Li", affiliation="CNNIC")],
        key_issues=["-a", "– b"],
    )
)
# words typed like the mark render puts after an invalid value ("(invalid: …)"):
# the importer took them for it and left them out, but from published
@example(
    report=_with(
        chair=Person(name="Smith, Jr. (invalid: ok)", affiliation="ISOC (invalid: x)"),
        key_issues=["Typed (invalid: mine)", "(invalid: a) (invalid: b)"],
        presentations=[Presentation(title="T (invalid: t)", summary="One.\n\nS (invalid: s)")],
    )
)
def test_any_report_imports_back_from_every_format_with_a_reader(fmt: str, report: Report) -> None:
    assert round_trip(report, fmt) == report
    tally("round trip: every format with a reader, generated reports")


@pytest.mark.parametrize("fmt", READABLE_FORMATS)
def test_control_characters_come_back_and_no_file_holds_one_raw(fmt: str) -> None:
    # an escape typed into a title came back as the symbol "␛" from Markdown,
    # HTML and Word; the published rows held the raw byte, which a terminal obeys
    report = _with(
        title="Red \x1b[31m alert",
        chair=Person(name="A\x1b, B", affiliation="c\x07"),
        key_issues=["bell\x07 here\x7f"],
        presentations=[Presentation(title="T\x1b", summary="s\x1b")],
    )
    renderer = get_renderer(fmt)
    data = renderer.render_bytes(check(report.model_dump()).shown(), width=80)
    if fmt != "docx":  # a zip: its XML cannot hold them, see the Word writer
        assert not {0x1B, 0x07, 0x7F} & set(data)
    assert round_trip(report, fmt) == report


@pytest.mark.parametrize("fmt", READABLE_FORMATS)
def test_the_round_trip_reads_what_render_wrote(fmt: str) -> None:
    # the test above cannot pass by reading nothing: a report differs from another
    other = NUMBERED_PRESENTATIONS.model_copy(update={"date": dt.date(2001, 1, 1)})
    assert round_trip(other, fmt) != NUMBERED_PRESENTATIONS


@pytest.mark.parametrize("fmt", READABLE_FORMATS)
def test_seconds_come_back_from_every_format(fmt: str) -> None:
    # every writer shows the seconds a time has (they were dropped but by published)
    report = _with(time=TimeRange(start=dt.time(9, 0, 30), end=dt.time(10, 0, 0, 500)))
    assert round_trip(report, fmt) == report


# What each writer must write so that a reader can tell it (the published
# writer's way in parentheses), and each reader must keep:
_KEPT = {
    # "Smith, Jr., ISOC" would split at the first comma: the name's own comma is
    # written apart from the one before the affiliation (``&#44;``, ``\,``, a
    # character style in Word) and the document tree carries the name to the mapping
    "a comma in a name": _with(
        chair=Person(name="Smith, Jr.", affiliation="ISOC"), speakers=[Person(name="Li, Wei")]
    ),
    # HTML and Markdown collapse them: each space after the first, a tab and a
    # space before a line break are references (``&#32;``, ``&#9;``); Word keeps
    # them in a file igf-report wrote (its reader collapses a person's draft)
    "runs of spaces, a tab, a space before a line break": _with(
        discussions=["a  b", "tab\there"], key_issues=["c \nd"]
    ),
    # the words a writer shows for a gap, typed as values: the writer's own are
    # set apart (emphasised, a "missing" span, italics), so the typed ones stay
    "a value typed as a gap's placeholder": _with(
        organizer="(not given)",
        chair=Person(name="(not given)"),
        speakers=[Person(name="(none)", affiliation="(not given)")],
        key_issues=["(none)"],
        discussions=["(not given)", "(none)"],
        rapporteur=None,
        presentations=[],
    ),
}


@pytest.mark.parametrize("case", list(_KEPT))
@pytest.mark.parametrize("fmt", READABLE_FORMATS)
def test_every_format_keeps_what_html_and_markdown_would_lose(case: str, fmt: str) -> None:
    report = _KEPT[case]
    assert round_trip(report, fmt) == report


# --- our own plain text ------------------------------------------------------------------

_plain_word = st.text(
    alphabet=st.characters(codec="utf-8", categories=["L", "N"]), min_size=1, max_size=12
)
_plain = st.lists(_plain_word, min_size=1, max_size=14).map(" ".join)
_plain_person = st.builds(Person, name=_plain, affiliation=st.none() | _plain)


@st.composite
def _plain_reports(draw: st.DrawFn) -> Report:
    """Reports plain text can say: words with single spaces, names without commas."""
    data: dict[str, Entered] = {
        "title": draw(_plain),
        "date": draw(st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31))),
        "time": "09:00-10:00",
        "organizer": draw(_plain),
        "chair": draw(_plain_person),
        "rapporteur": draw(_plain_person),
        "speakers": draw(st.lists(_plain_person, min_size=1, max_size=3)),
        "key_issues": draw(st.lists(_plain, min_size=1, max_size=3)),
        "presentations": draw(
            st.lists(
                st.builds(
                    Presentation,
                    title=st.none() | _plain,
                    summary=st.lists(_plain, min_size=1, max_size=2).map("\n\n".join),
                ),
                max_size=3,
            )
        ),
        "discussions": draw(st.lists(_plain, min_size=1, max_size=3)),
        "way_forward": draw(st.lists(_plain, min_size=1, max_size=3)),
    }
    checked = check(data)
    assume(checked.report is not None)
    assert checked.report is not None
    return checked.report


def _text_round_trip(report: Report, width: int) -> Report | None:
    text = get_renderer("text").render(check(report.model_dump()).shown(), width=width)
    summary = import_bytes(text.encode(), "report.txt", "text")
    return check(tomllib.loads(summary.toml)).report


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_plain_reports(), st.sampled_from([80, 40, 120]))
# a title that fills its line: was it wrapped into the summary? (a blank line says)
@example(
    _with(presentations=[Presentation(title="0 00々 00000000000々 000000000々々々", summary="0")]),
    40,
)
def test_a_report_rendered_as_text_imports_back(report: Report, width: int) -> None:
    # `render -f text` then `import`: the underlines were read as items and the
    # header block's labels were not found (5 of 11 labels)
    assert _text_round_trip(report, width) == report
    tally("round trip: our plain text, generated reports")


def test_a_line_break_comes_back_from_text_when_the_next_word_would_have_fitted() -> None:
    report = _with(
        key_issues=["short line\nnext line"],
        presentations=[Presentation(title="Portal", summary="A summary.\n\nA second one.")],
    )
    assert _text_round_trip(report, 80) == report
