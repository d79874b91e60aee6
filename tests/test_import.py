"""Importing published reports, and writing them back in the published format."""

from __future__ import annotations

import datetime as dt
import io
import re
import sys
import tomllib
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from igf_report.errors import NothingToImport
from igf_report.readers import import_bytes, import_report, import_text
from igf_report.readers.published import read_published
from igf_report.readers.published_html import (
    NUMERIC_REFERENCE,
    BlockKind,
    parse_html,
    reference_code,
)
from igf_report.template.model import Person
from igf_report.template.validation import check
from igf_report.writers import get_renderer

from .conftest import EXAMPLES, SEED, Invoke, examples, saved_meanwhile
from .reliability import tally

render_published = get_renderer("published").render

SEED_TEXT = SEED.read_text(encoding="utf-8")
_WORDS = re.compile(r"\w+")


def _report(text: str) -> Any:
    imported = read_published(text)
    checked = check(imported.data)
    assert checked.report is not None, checked.errors
    return checked.report


def test_the_seed_field_by_field() -> None:
    report = _report(SEED_TEXT)
    assert report.title == (
        "National Digital Strategy Impact (Impacto de la Estrategia Digital Nacional)"
    )
    assert report.date == dt.date(2016, 12, 6)
    assert (report.time.start, report.time.end) == (dt.time(10, 45), dt.time(11, 45))
    assert report.organizer == "Host country"
    assert report.chair == Person(
        name="Yolanda Martínez Mancilla",
        affiliation="Head of the Digital Government Unit at the Ministry of Public "
        "Administration of Mexico",
    )
    assert report.rapporteur is None
    assert [s.name for s in report.speakers] == [
        "Eber Omar Betanzos Torres",
        "Luis Alberto Gutiérrez Díaz de León",
        "Gabriela Silva Rocha",
        "Jaime Reyes Robles",
    ]
    assert report.speakers[0].affiliation == "Under-Secretary, Ministry of Public Administration"
    assert report.key_issues == [
        "Digital government development in Mexico",
        "ICT impact on Education",
        "Women empowerment through digital skills development",
    ]
    titles = [p.title for p in report.presentations]
    assert titles == [
        "Gob.mx", None, None, None, None,
        "Laboratoria", "Innovation in Jalisco State", "ICTs impact on Education",
    ]  # fmt: skip
    assert report.presentations[1].summary.startswith("At gob.mx/trámites people can access")
    assert report.discussions[0] == "Government transformation challenges:"
    assert report.discussions[1:] == [
        "Digital Skills development",
        "The active participation of multiple stakeholders",
        "To keep citizens confidence in the transformation process.",
    ]
    assert report.way_forward[0].startswith("To organize a similar Open Forum next IGF 2017")


def test_the_seed_is_the_hand_converted_example() -> None:
    example = tomllib.loads((EXAMPLES / "national-digital-strategy.toml").read_text("utf-8"))
    assert _report(SEED_TEXT) == check(example).report


def test_the_seed_says_where_the_stray_text_went() -> None:
    (note,) = read_published(SEED_TEXT).notes
    assert "'Government transformation challenges:'" in note
    assert "Discussions (discussions)" in note


# --- every word of the input is kept, or named in the notes ----------------------------
#
# A word is a run of letters and digits of the raw input. The generator below
# knows which pieces it wrote as markup (tags, entities, labels, the page's
# heading): their words are not words of the text. Every other word must come
# out, as often as it went in, in the report file's values or in the notes.
# Markup pieces start and end with a character that is not a letter or digit,
# so a word of the text never runs into one.

_RUN = re.compile(r"[^\W_]+")
_MARKUP = [
    "\nSession Title\t",
    "\nSession Organizer\t",
    "\nChair/Moderator\t",
    "\nList of Speakers and their institutional affiliations\t",
    "\nKey Issues raised (1 sentence per issue):\t",
    (
        "\nIf there were presentations during the session, please provide a 1-paragraph "
        "summary for each Presentation\t"
    ),
    "\nPlease describe the\t",
    "\nDiscussions that took place during the workshop session: (3 paragraphs)\t",
    (
        "\nPlease describe any Participant suggestions regarding the way forward/ potential "
        "next steps /key takeaways: (3 paragraphs)\t"
    ),
    "\n\n## IGF 2016 Workshop Report Template\n\n",
    " <p> ", " </p> ", " <b> ", " </b> ", " <br> ", ' <ul style="list-style-type: none"> ',
    " <li>- ", " </li> ", " </ul> ", " <!-- ", " --> ", "&amp;", "&lt;", "&nbsp;", "&#44;",
]  # fmt: skip
# What is text, however it looks: bare < and &, # at the start of a line, tabs,
# commas, dashes, colons, blank lines, carriage returns.
_GLUE = ["<", "&", "#", "\n#", "\n# ", "\t", "\n\t", " ", "\n", "\n\n", "\r\n", ",", "-", ":", "."]
_WORD = st.text(alphabet="abcxyzéñüøßçÅΩЖ中文0189", min_size=1, max_size=6)
_PIECE = st.one_of(
    _WORD.map(lambda w: (w, True)),
    # any text at all, but for the two characters that can start markup
    st.text(alphabet=st.characters(exclude_characters="<&"), max_size=20).map(lambda t: (t, True)),
    st.sampled_from(_GLUE).map(lambda g: (g, True)),
    st.sampled_from(_MARKUP).map(lambda m: (m, False)),
)


def _text_words(pieces: list[tuple[str, bool]]) -> Counter[str]:
    """The words of the input that lie outside the markup pieces."""
    text = "".join(piece for piece, _ in pieces)
    markup = [False] * len(text)
    at = 0
    for piece, is_text in pieces:
        if not is_text:
            markup[at : at + len(piece)] = [True] * len(piece)
        at += len(piece)
    return Counter(m[0] for m in _RUN.finditer(text) if not any(markup[m.start() : m.end()]))


def _words_out(toml_text: str, notes: list[str]) -> Counter[str]:
    def walk(value: object) -> list[str]:
        if isinstance(value, dict):
            return [w for v in value.values() for w in walk(v)]
        if isinstance(value, list):
            return [w for v in value for w in walk(v)]
        return _RUN.findall(str(value))

    data = tomllib.loads(toml_text)
    data.pop("template")
    return Counter(walk(data)) + Counter(w for note in notes for w in _RUN.findall(note))


@settings(max_examples=examples(400), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    before=st.lists(_PIECE, max_size=6),
    label=st.sampled_from([m for m in _MARKUP[:9] if m != "\nPlease describe the\t"]),
    after=st.lists(_PIECE, max_size=40),
)
# a note that quoted with repr() wrote this letter as \U00018cd6, which ran into the 0
@example(before=[("\U00018cd60", True)], label="\nSession Title\t", after=[])
# import_text once encoded its str to UTF-8, which a lone surrogate cannot be
@example(before=[], label="\nSession Title\t", after=[("\ud800", True)])
# a line of text that reads as a label, tab-less, was taken for one without a word said
@example(before=[("RAPPORTEUR:NOTETAKER", True)], label="\nSession Title\t", after=[])
def test_every_word_of_any_text_is_kept_or_named(
    before: list[tuple[str, bool]], label: str, after: list[tuple[str, bool]]
) -> None:
    tally("fuzz: importer, every word kept (generated published texts)")
    pieces = [*before, (label, False), *after]
    summary = import_text("".join(piece for piece, _ in pieces), "<test>")
    lost = _text_words(pieces) - _words_out(summary.toml, summary.notes)
    assert not lost, (lost, summary.toml, summary.notes)


def test_text_before_the_first_label_is_kept_and_named() -> None:
    text = "Notes by the secretariat, draft 2\n# Workshop 173\n" + SEED_TEXT
    imported = read_published(text)
    assert imported.data["title"].startswith(
        "Notes by the secretariat, draft 2 # Workshop 173 National Digital Strategy"
    )
    assert any("before the first label" in note for note in imported.notes)


def test_import_keeps_every_word_of_the_seed(invoke: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "seed.toml"
    result = invoke("import", str(SEED), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    # the seed's markup, written out here rather than matched by a pattern
    markup = ['<ul style="list-style-type: none">', "<li>", "</li>", "</ul>", "<p>", "</p>"]
    words: Counter[str] = Counter()
    for line in SEED_TEXT.split("\n")[4:]:  # after the page's heading
        label, _, value = line.partition("\t")
        for tag in [*markup, "<b>", "</b>"]:
            value = value.replace(tag, " ")
        words.update(_RUN.findall(value))
        if label == "Please describe the":  # the broken label's first part
            words.subtract(_RUN.findall(label))
    lost = words - _words_out(out.read_text(encoding="utf-8"), [])
    # the time "10:45 - 11:45 am" is written as TOML times, which say am by the hour
    assert set(lost) == {"am"}, lost
    assert "will ask for Rapporteur/Notetaker" in result.stderr


# --- defects of #11 -------------------------------------------------------------------


def test_only_the_page_heading_is_skipped_and_hash_lines_are_text() -> None:
    text = (
        "\n\n## IGF 2016 Workshop Report Template\n\n"
        "Session Title\tOpen data\n"
        "# 1 priority: access\n"
        "Key Issues raised (1 sentence per issue):\t<ul><li>-Cost</li></ul>\n"
        "#hashtag IGF2016 trended\n"
    )
    imported = read_published(text)
    assert imported.data["title"] == "Open data # 1 priority: access"
    assert imported.data["key_issues"] == ["Cost", "#hashtag IGF2016 trended"]
    assert not any("Template" in note for note in imported.notes)
    assert read_published("# IGF 2016 workshop report template\n" + text).notes == []


def test_the_heading_line_inside_a_value_is_text_not_dropped() -> None:
    text = (
        "## IGF 2016 Workshop Report Template\n"
        "Session Title\tOpen data\n"
        "Discussions\tWe read the\n"
        "IGF 2016 Workshop Report Template\n"
        "aloud.\n"
    )
    imported = read_published(text)
    assert imported.data["discussions"] == [
        "We read the",
        "IGF 2016 Workshop Report Template",
        "aloud.",
    ]


def test_a_hash_line_that_reads_as_a_label_is_text() -> None:
    imported = read_published("Session Title\tOpen data\n#DATE\n")
    assert imported.data["title"] == "Open data #DATE"
    assert "date" not in imported.data


def test_a_less_than_that_opens_no_tag_is_text() -> None:
    text = (
        "Session Title\tPrices a<b for users\n"
        "Key Issues raised (1 sentence per issue):\t<ul><li>-Alpha <b Bravo</li>"
        "<li>-x<3 and y > 2 &amp; R&D&notit</li><li>-<b>Bold</b> kept</li></ul>\n"
    )
    imported = read_published(text)
    assert imported.data["title"] == "Prices a<b for users"
    assert imported.data["key_issues"] == [
        "Alpha <b Bravo",
        "x<3 and y > 2 & R&D&notit",
        "Bold kept",
    ]


def test_text_the_importer_sets_aside_is_named_in_its_notes() -> None:
    text = (
        "Session Title\tOpen data<!-- draft: check the budget figure -->\n"
        'Key Issues raised (1 sentence per issue):\t<a href="https://e.example/r">Report</a> '
        '<span class="x" style="color: red">out</span>\n'
    )
    imported = read_published(text)
    assert imported.data["title"] == "Open data"
    assert imported.data["key_issues"] == ["Report out"]
    assert imported.notes == [
        (
            "Left out of Session Title (title) as markup, not text: "
            "the comment 'draft: check the budget figure'."
        ),
        (
            "Left out of Key Issues raised (key_issues) as markup, not text: "
            "the attributes '<a href=\"https://e.example/r\">'."
        ),
    ]  # the span's styling is how the text looked, not text


def test_a_row_taken_for_a_label_it_resembles_is_named() -> None:
    imported = read_published("Sesion Titel\tOpen data\nDates\t12/06/2016\n")
    assert imported.data == {"title": "Open data", "date": "2016-12-06"}
    assert imported.notes == [
        "The row 'Sesion Titel' was taken for the label of Session Title (title).",
        "The row 'Dates' was taken for the label of Date (date).",
    ]


def test_a_report_file_is_not_imported(invoke: Invoke, tmp_path: Path) -> None:
    report = tmp_path / "report.toml"
    report.write_text((EXAMPLES / "national-digital-strategy.toml").read_text("utf-8"))
    for args in ([str(report)], [str(report), "-o", str(tmp_path / "out.toml")], ["-"]):
        result = invoke("import", *args, input=report.read_text("utf-8"))
        assert result.exit_code == 1, result.stderr
        assert "is already a report file (TOML)" in result.stderr
        assert "igf-report validate" in result.stderr
        assert result.stdout == ""
    assert not (tmp_path / "out.toml").exists()


def test_import_to_stdout_names_a_real_next_command(invoke: Invoke) -> None:
    result = invoke("import", "-", input=SEED_TEXT)
    assert result.exit_code == 0
    assert "the report`" not in result.stderr
    assert (
        "`igf-report import - -o report.toml` writes it to a file; "
        "then `igf-report fill report.toml`" in result.stderr
    )
    result = invoke("import", str(SEED), "-o", "-")
    assert result.exit_code == 0
    assert f"`igf-report import {SEED} -o report.toml`" in result.stderr


def test_import_then_validate_gives_warnings_only(invoke: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "seed.toml"
    invoke("import", str(SEED), "-o", str(out))
    result = invoke("validate", str(out))
    assert result.exit_code == 0
    assert "rapporteur (Rapporteur/Notetaker): is empty" in result.stdout
    assert "0 invalid" in result.stdout


VARIANT_2015 = (
    "Session title:\tOpen Data in Africa\r\n"
    "Date:\t12/08/2016\r\n"
    "Time:\t13.00-13.20\r\n"
    "Workshop Organiser:\tAfrican Union &amp; Partners\r\n"
    "Chairperson/Moderator:\tAmina Yusuf, AU Commission\r\n"
    "Rapporteur/Note Taker:\tTom Eze, Paradigm Initiative\r\n"
    "List of Speakers and their institutional affiliations:\t"
    "<ol><li>Ada Obi, Ministry of ICT</li><li>Luc Ndiaye, Sonatel</li></ol>\r\n"
    "Key Issues raised: (1 sentence per issue)\tCost of data&nbsp;is high<br>Skills are scarce\r\n"
    "Please describe the Discussions that took place during the workshop session: "
    "(3 paragraphs)\t<p>First &lt;b&gt; point\twith a tab.</p><p>Second point.</p>\r\n"
    "Please describe any Participant suggestions regarding the way forward/ potential next "
    "steps /key takeaways: (3 paragraphs)\t<p>Meet again.</p>\r\n"
)


def test_2015_wording_crlf_bom_ol_br_entities_and_a_tab() -> None:
    imported = read_published("\ufeff" + VARIANT_2015)
    checked = check(imported.data)
    report = checked.report
    assert report is not None, checked.errors
    assert report.date == dt.date(2016, 12, 8)
    assert report.organizer == "African Union & Partners"
    assert report.rapporteur == Person(name="Tom Eze", affiliation="Paradigm Initiative")
    assert [s.name for s in report.speakers] == ["Ada Obi", "Luc Ndiaye"]
    assert report.key_issues == ["Cost of data is high", "Skills are scarce"]
    assert report.discussions == ["First <b> point with a tab.", "Second point."]
    assert report.presentations == []
    assert len(imported.found) == 10  # no presentations row


def test_a_missing_field_is_reported_and_asked_for(invoke: Invoke, tmp_path: Path) -> None:
    source = tmp_path / "published.txt"
    source.write_text(
        "\n".join(line for line in SEED_TEXT.split("\n") if not line.startswith("Date\t")),
        encoding="utf-8",
    )
    result = invoke("import", str(source))
    assert result.exit_code == 0
    assert (tmp_path / "published.toml").exists()
    assert "Labels missing: Date" in result.stderr
    assert "error: date (Date): is required" in result.stderr
    assert "will ask for Date, Rapporteur/Notetaker" in result.stderr


def test_an_unknown_row_goes_to_the_field_before_it() -> None:
    text = SEED_TEXT.replace("Time\t", "Venue\tRoom 5\nTime\t")
    imported = read_published(text)
    assert imported.data["date"] == "12/06/2016 Venue Room 5"
    assert any("'Venue' matches no field" in note for note in imported.notes)
    # the date cannot take it: its value is then not a date, which validate reports
    assert check(imported.data).errors[0].path == "date"


def test_nothing_recognised_is_an_error(invoke: Invoke, tmp_path: Path) -> None:
    source = tmp_path / "notes.txt"
    source.write_text("Dear all,\tplease find the notes attached.\n", encoding="utf-8")
    result = invoke("import", str(source))
    assert result.exit_code == 1
    assert "no label of the IGF workshop report template was found" in result.stderr
    assert not (tmp_path / "notes.toml").exists()


def test_import_never_overwrites_without_force(invoke: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "r.toml"
    out.write_text("mine", encoding="utf-8")
    assert invoke("import", str(SEED), "-o", str(out)).exit_code == 1
    assert out.read_text(encoding="utf-8") == "mine"
    assert invoke("import", str(SEED), "-o", str(out), "--force").exit_code == 0


def test_import_keeps_a_file_made_between_its_check_and_its_write(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "r.toml"
    saved_meanwhile(monkeypatch, out)  # after the check, before the write
    result = invoke("import", str(SEED), "-o", str(out))
    assert (result.exit_code, result.stderr) == (
        1,
        f"igf-report: error: {out} exists; use --force to overwrite it, or -o to write elsewhere\n",
    )
    assert out.read_text(encoding="utf-8") == "theirs\n"
    assert [p.name for p in tmp_path.iterdir()] == ["r.toml"]


def test_import_from_stdin_to_stdout(invoke: Invoke) -> None:
    result = invoke("import", "-", input=SEED_TEXT)
    assert result.exit_code == 0
    assert tomllib.loads(result.stdout)["organizer"] == "Host country"


def test_html_blocks() -> None:
    blocks = parse_html(
        '<ul style="list-style-type: none"> <li>- A</li> <li>-B &amp; C</li> </ul>'
        "<p><b>Lead</b> text<br>next line</p> loose <!-- gone --> <![CDATA[kept]]> "
        "<script>alert(1)</script>"
    )
    assert [(b.kind, b.text) for b in blocks] == [
        (BlockKind.ITEM, "A"),
        (BlockKind.ITEM, "B & C"),
        (BlockKind.PARAGRAPH, "Lead text\nnext line"),
        (BlockKind.TEXT, "loose kept alert(1)"),
    ]
    assert blocks[2].lead == "Lead"


def test_published_round_trip_of_the_examples() -> None:
    for path in EXAMPLES.glob("*.toml"):
        checked = check(tomllib.loads(path.read_text(encoding="utf-8")))
        assert _report(render_published(checked.values)) == checked.report


def test_published_output_looks_like_the_seed(invoke: Invoke) -> None:
    out = invoke("render", str(EXAMPLES / "national-digital-strategy.toml"), "-f", "published")
    lines = out.stdout.split("\n")
    assert lines[:4] == ["", "", "## IGF 2016 Workshop Report Template", ""]
    assert lines[4] == (
        "Session Title\tNational Digital Strategy Impact "
        "(Impacto de la Estrategia Digital Nacional)"
    )
    assert lines[5] == "Date\t12/06/2016"
    assert lines[9] == "Rapporteur/Notetaker\t"
    assert "<li>-Eber Omar Betanzos Torres, Under-Secretary" in lines[10]


# Text as rapporteurs paste it: accented and CJK letters, punctuation that means
# something in HTML or to the importer (< & # , : - and bold-looking tags), runs of
# spaces, tabs, no-break spaces, line breaks and blank lines, private-use and
# control characters, the page's heading.
_TRICKY = [
    " ", "  ", "\t", "\xa0", "\n", "\n\n", "\n \n", " \n", ",", ", ", "<", ">", "&", "&amp;",
    "&nbsp;", "&#44;", "#", "# ", "\n# ", ":", " - ", "-", "–", "<b>", "</b>", "<br>",
    "<p>", "<!--", "-->", '"', "'", ";", "\ue000", "\x0c", "\x0b", "\u2028", "\x00",
    "\x1b[31m", "\u202e", "\r\n", "\r", "&#9;", "\n## IGF 2016 Workshop Report Template",
]  # fmt: skip
_letters = st.text(
    alphabet=st.characters(codec="utf-8", categories=["L", "N", "P", "S"]),
    min_size=1,
    max_size=6,
)
_text = st.lists(_letters | st.sampled_from(_TRICKY), min_size=1, max_size=12).map("".join)
_line = _text.map(lambda text: text.replace("\n", " "))  # \x0b and \u2028 may stay
_person = st.fixed_dictionaries({"name": _line, "affiliation": st.none() | _line})


@st.composite
def _time_range(draw: st.DrawFn) -> dict[str, dt.time]:
    start, end = sorted(draw(st.lists(st.times(), min_size=2, max_size=2, unique=True)))
    return {"start": start, "end": end}


def _valid(data: dict[str, Any]) -> Any:
    checked = check({k: v for k, v in data.items() if v is not None})
    assume(checked.report is not None)  # e.g. a value of blanks only, which the model refuses
    return checked


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    title=_line,
    date=st.dates(),
    time=_time_range(),
    organizer=_line,
    chair=_person,
    rapporteur=st.none() | _person,
    speakers=st.lists(_person, min_size=1, max_size=3),
    issues=st.lists(_text, min_size=1, max_size=3),
    presentations=st.lists(
        st.fixed_dictionaries({"title": st.none() | _line, "summary": _text}), max_size=3
    ),
    discussions=st.lists(_text, min_size=1, max_size=3),
    way_forward=st.lists(_text, min_size=1, max_size=3),
)
def test_any_report_survives_the_published_format(  # noqa: PLR0917 -- one per field
    title: str,
    date: dt.date,
    time: dict[str, dt.time],
    organizer: str,
    chair: dict[str, str | None],
    rapporteur: dict[str, str | None] | None,
    speakers: list[dict[str, str | None]],
    issues: list[str],
    presentations: list[dict[str, str | None]],
    discussions: list[str],
    way_forward: list[str],
) -> None:
    original = _valid(
        {
            "title": title,
            "date": date,
            "time": time,
            "organizer": organizer,
            "chair": chair,
            "rapporteur": rapporteur,
            "speakers": speakers,
            "key_issues": issues,
            "presentations": presentations,
            "discussions": discussions,
            "way_forward": way_forward,
        }
    )
    tally("round trip: published format, generated reports")
    published = render_published(original.values)
    imported = read_published(published)
    assert imported.notes == []
    assert check(imported.data).report == original.report


def test_what_the_published_format_used_to_lose_comes_back() -> None:
    original = check(
        {
            "title": "Prices  a<b for\tusers & more",
            "date": dt.date(16, 12, 6),
            "time": {"start": dt.time(10, 45, 30), "end": dt.time(11, 45, 0, 500)},
            "organizer": "# 1 organiser, &amp; co",
            "chair": {"name": "Smith, John", "affiliation": "ACME, Inc."},
            "rapporteur": {"name": "Dupont, Jean"},
            "speakers": [{"name": "O'Brien, Ann", "affiliation": "<b>Bold</b>, Ltd"}],
            "key_issues": ["Line one\nline two", "Alpha <b Bravo", "- a dash\n\nthen a gap"],
            "presentations": [
                {"title": "Gob.mx:", "summary": "First paragraph.\n\nSecond paragraph."},
                {"summary": "<b>Not a title</b> but text,\n  indented line"},
            ],
            "discussions": ["One\xa0two", "Three\n\n\nfour"],
            "way_forward": ["Tab\there\u2028and there"],
        }
    )
    assert original.report is not None, original.errors
    back = check(read_published(render_published(original.values)).data)
    assert back.report == original.report


@settings(max_examples=examples(300), deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["<ul>", "<li>", "</li>", "<p>", "</p>", "<b>", "</b>", "<br>", "<ol>", "<script>",
             "<!--", "-->", "<![CDATA[", "]]>", "&amp;", "&#0;", "\x00", "\r\n", "\t", "text",
             "Session Title\t", "Date\t", "-", "<div", ">"]
        ),
        max_size=40,
    ).map("".join)
)  # fmt: skip
def test_arbitrary_html_never_crashes_the_importer(text: str) -> None:
    tally("fuzz: importer, arbitrary HTML")
    imported = read_published("Key Issues raised:\t" + text)
    checked = check(imported.data)
    if "<![CDATA[" in text:
        return  # a CDATA section is text, whatever it holds
    # a < that opens no tag is text; a tag or a comment never is ("<div" is
    # text, and "<div<b>>" rightly becomes the text "<div>")
    issues = checked.values.get("key_issues", [])
    assert isinstance(issues, list)
    for value in issues:
        assert isinstance(value, str)
        assert not re.search(r"</?(ul|li|p|b|br|ol|script)>|<!--.*-->", value, re.DOTALL)


def test_the_summary_names_found_missing_empty_and_what_fill_will_ask() -> None:
    summary = import_text("Session Title\tT\nDate\tnot a date\nChair/Moderator\t\n", "x.txt")
    assert [s.key for s in summary.found] == ["title", "date", "chair"]
    assert [s.key for s in summary.missing] == [
        "time",
        "organizer",
        "rapporteur",
        "speakers",
        "key_issues",
        "presentations",
        "discussions",
        "way_forward",
    ]
    assert [s.key for s in summary.empty] == ["chair"]
    # the date is in error, the rest required or expected; the title is done and
    # presentations are optional
    assert [s.key for s in summary.to_ask] == [
        "date",
        "time",
        "organizer",
        "chair",
        "rapporteur",
        "speakers",
        "key_issues",
        "discussions",
        "way_forward",
    ]
    assert summary.toml == 'template = "igf-2016-workshop"\ntitle = "T"\ndate = "not a date"\n'


def _refusal(text: str, name: str) -> str:
    with pytest.raises(NothingToImport) as info:
        import_text(text, name)
    return str(info.value)


def test_a_report_file_even_a_broken_one_is_refused_with_commands_that_work() -> None:
    assert _refusal('template = "igf-2016-workshop"\ntitle = ', "<stdin>") == (
        "<stdin> is already a report file (TOML), not a published report: there is nothing"
        " to import. Check it with `igf-report validate REPORT`, or complete it with"
        " `igf-report fill REPORT`"
    )
    for text in ("  template= 'igf-2015'\n", 'title = "x"\n'):
        assert _refusal(text, "r.toml").endswith(
            "Check it with `igf-report validate r.toml`, or complete it with"
            " `igf-report fill r.toml`"
        )


def test_a_report_file_saved_with_a_byte_order_mark_is_refused_too() -> None:
    with pytest.raises(NothingToImport, match=r"^r\.toml is already a report file"):
        import_bytes('title = "x"\n'.encode("utf-8-sig"), "r.toml")


def test_toml_that_holds_no_field_is_not_taken_for_a_report_file() -> None:
    assert _refusal("foo = 1\n", "r.toml") == (
        "r.toml: no label of the IGF workshop report template was found reading it as the "
        "IGF website's published label<TAB>HTML rows; name another format with "
        "--from-format if it is not one"
    )


def test_a_published_report_on_stdin_is_named_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Dear all,\tnotes\n")))
    with pytest.raises(NothingToImport, match=r"^<stdin>: no label"):
        import_report("-")


def test_a_published_report_in_a_file_is_named_by_its_path(tmp_path: Path) -> None:
    source = tmp_path / "notes.txt"
    source.write_text("Dear all,\tnotes\n", encoding="utf-8")
    with pytest.raises(NothingToImport) as info:
        import_report(source)
    assert str(info.value).startswith(f"{source}: no label")


def test_each_comment_ends_at_its_own_close_and_the_text_between_is_kept() -> None:
    aside: list[str] = []
    blocks = parse_html("x<!--a-->y<!--b-->z", aside)
    assert [b.text for b in blocks] == ["xyz"]
    assert aside == ["the comment 'a'", "the comment 'b'"]


def test_a_hexadecimal_reference_is_read_in_base_sixteen() -> None:
    match = NUMERIC_REFERENCE.fullmatch("&#x4F;")
    assert match is not None
    assert reference_code(match) == 0x4F
    assert [b.text for b in parse_html("&#x4F;K")] == ["OK"]


def test_a_comment_close_is_looked_for_after_its_opening() -> None:
    aside: list[str] = []
    assert [b.text for b in parse_html("<!--a-->y<!--b-->", aside)] == ["y"]
    assert aside == ["the comment 'a'", "the comment 'b'"]


def test_a_declaration_after_text_is_set_aside() -> None:
    aside: list[str] = []
    assert [b.text for b in parse_html("a<!DOCTYPE html>b", aside)] == ["ab"]
    assert aside == ["the declaration '<!DOCTYPE html>'"]
