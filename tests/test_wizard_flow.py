from __future__ import annotations

import copy
import datetime as dt
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from igf_report.collection.checking import read_checked
from igf_report.files.resume import Position
from igf_report.filling.draft import Draft
from igf_report.filling.saving import draft_values, save_draft, write_report
from igf_report.template.fields import FIELDS
from igf_report.template.model import Person, Presentation, Report
from igf_report.template.validation import check
from igf_report.wizard.commands import COMMANDS, Command
from igf_report.wizard.editor import SCISSORS, EditOutcome
from igf_report.wizard.flow import Outcome, Wizard

from .conftest import examples, valid_data
from .reliability import tally
from .wizard_screen import Paste, ScriptedScreen

COMPLETE = [
    "Connecting the Next Billion",  # 1 title
    "6 December 2016",  # 2 date
    "10:45 - 11:45 am",  # 3 time
    "Host country",  # 4 organizer
    "Ana Pérez, Internet Society",  # 5 chair
    "Kwame Mensah, University of Ghana",  # 6 rapporteur
    "Li Wei, CNNIC",  # 7 speakers
    "",
    "Access is costly.",  # 8 key issues
    "",
    "Gob.mx",  # 9 presentations: title, summary
    "A single point of access.",
    "",
    "",
    "We discussed access.",  # 10 discussions
    "",
    "Meet again.",  # 11 way forward
    "",
]


def _run(
    script: list[Any], data: dict[str, Any] | None = None, edits: list[EditOutcome] | None = None
) -> tuple[Wizard, ScriptedScreen, list[dict[str, Any]], Outcome]:
    screen = ScriptedScreen(script, edits=edits or [])
    saves: list[dict[str, Any]] = []
    wizard = Wizard(screen, data if data is not None else {}, lambda d: saves.append(d.for_file()))
    outcome = wizard.run()
    return wizard, screen, saves, outcome


def test_a_whole_report_from_nothing() -> None:
    wizard, screen, saves, outcome = _run([*COMPLETE, ""])
    assert outcome is Outcome.SAVE
    checked = check(wizard.data)
    assert [(f.path, f.message) for f in checked.findings] == [
        ("discussions", "has 1 paragraph; the template asks for 3"),
        ("way_forward", "has 1 paragraph; the template asks for 3"),
    ]
    assert checked.report is not None
    assert checked.report.date == dt.date(2016, 12, 6)
    assert checked.report.presentations == [
        Presentation(title="Gob.mx", summary="A single point of access.")
    ]
    assert [row.status for row in screen.reviews[-1]] == ["ok"] * 9 + ["warning"] * 2
    assert screen.shown[0] == "[1/11] Session Title"
    # saved after every accepted answer: 6 single values and 5 list items, and
    # once more when a presentation's title is typed, before its summary
    assert len(saves) == 6 + 1 + 1 + 1 + 1 + 1 + 5 + 1
    assert {"title": "Gob.mx"} in [s.get("presentations", [None])[-1] for s in saves]


def test_an_invalid_answer_is_refused_and_given_back_to_correct_not_as_a_default() -> None:
    script = [COMPLETE[0], "31/31/2016", "", "2016-12-06", *COMPLETE[2:], ""]
    wizard, screen, _, outcome = _run(script)
    assert outcome is Outcome.SAVE
    assert screen.asked[1] == ("Date", None)
    assert screen.asked[2] == ("Date", None)  # Enter does not resubmit the refused answer
    assert screen.retried[2] == "31/31/2016"  # it is given back to be corrected
    assert screen.retried[3] is None  # an empty answer leaves nothing to give back
    assert screen.messages("error")[0].startswith("error: Date: '31/31/2016' is not a date")
    assert wizard.data["date"] == dt.date(2016, 12, 6)


def test_a_refused_list_item_is_given_back_to_correct() -> None:
    script = [*COMPLETE[:6], "Li Wei, CNNIC", ",", "Jean Dupont, Afnic", "", *COMPLETE[8:], ""]
    wizard, screen, _, outcome = _run(script)
    assert outcome is Outcome.SAVE
    assert screen.asked[8] == ("2", None)
    assert screen.retried[8] == ","
    assert [p.name for p in wizard.data["speakers"]] == ["Li Wei", "Jean Dupont"]


def test_lists_take_several_lines_and_single_fields_one() -> None:
    _, screen, _, _ = _run([*COMPLETE, ""])
    asked = [prompt for prompt, _ in screen.asked]
    several = dict(zip(asked, screen.several, strict=True))
    assert several["Session Title"] is False
    assert several["1"] is True
    assert several["1. title (may be empty)"] is True
    assert several["Field number to edit, or Enter to save"] is False


@pytest.mark.parametrize(
    ("typed", "hint"),
    [
        (":qiut", "did you mean :quit?"),
        (":Bakc", "did you mean :back?"),
        (":q", "did you mean :quit?"),
        (
            ":foo",
            "the commands are :back, :help, :quit, :clear, :undo, :edit, :change, :remove, :insert",
        ),
        (": ", "the commands are"),
    ],
)
def test_a_mistyped_command_is_refused_with_the_closest_one(typed: str, hint: str) -> None:
    wizard, screen, _, outcome = _run([typed, *COMPLETE, ""])
    assert outcome is Outcome.SAVE
    error = screen.messages("error")[0]
    assert error.startswith(f"unknown command {typed.strip()}; {hint}")
    assert screen.retried[1] is None  # a command is not an answer: the line is cleared
    assert wizard.data["title"] == COMPLETE[0]


def test_double_colon_enters_text_that_starts_with_a_colon() -> None:
    wizard, _, _, _ = _run(["::qiut", *COMPLETE[1:], ""])
    assert wizard.data["title"] == ":qiut"


def test_a_mistyped_command_in_a_list_adds_no_item() -> None:
    script = [*COMPLETE[:6], "Li Wei, CNNIC", ":udno", ":undo", "Jean Dupont, Afnic", ""]
    wizard, screen, _, _ = _run([*script, *COMPLETE[8:], ""])
    assert "did you mean :undo?" in screen.messages("error")[0]
    assert [p.name for p in wizard.data["speakers"]] == ["Jean Dupont"]


def test_the_commands_the_flow_knows_are_the_ones_completed() -> None:
    assert {c.value for c in Command} == set(COMMANDS)


def test_back_goes_to_the_previous_field_with_its_value_as_default() -> None:
    script = [COMPLETE[0], ":back", "", *COMPLETE[1:], ""]
    _, screen, _, outcome = _run(script)
    assert outcome is Outcome.SAVE
    assert screen.asked[2] == ("Session Title", None)
    assert screen.initial[2] == "Connecting the Next Billion"  # on the line to edit


def test_back_at_the_first_field_stays_there() -> None:
    _, screen, _, _ = _run([":back", ":quit"])
    assert "info: This is the first field." in screen.shown


def test_quit_leaves_with_what_was_accepted() -> None:
    wizard, _, saves, outcome = _run([COMPLETE[0], COMPLETE[1], ":quit"])
    assert outcome is Outcome.QUIT
    assert set(wizard.data) == {"title", "date"}
    assert saves[-1] == wizard.data


def test_help_shows_the_instruction_and_the_commands() -> None:
    _, screen, _, _ = _run([":help", ":quit"])
    (text,) = screen.messages("info")
    assert "The title of the session as on the IGF schedule" in text
    assert ":back" in text
    assert ":edit" in text


def test_double_colon_types_a_literal_colon() -> None:
    wizard, _, _, _ = _run(["::back to basics", ":quit"])
    assert wizard.data["title"] == ":back to basics"


def test_any_other_line_that_starts_with_a_colon_is_refused() -> None:
    wizard, screen, _, _ = _run([":)", "::)", ":quit"])
    assert screen.messages("error")[0].startswith("unknown command :);")
    assert wizard.data["title"] == ":)"


def test_the_rapporteur_may_be_left_empty_with_a_warning() -> None:
    script = [*COMPLETE[:5], "", *COMPLETE[6:], ""]
    wizard, screen, _, outcome = _run(script)
    assert outcome is Outcome.SAVE
    assert "rapporteur" not in wizard.data
    assert any(
        "every workshop session to have a rapporteur" in m for m in screen.messages("warning")
    )
    assert screen.reviews[-1][5].status == "warning"


def test_warnings_are_shown_and_the_answer_kept() -> None:
    script = [*COMPLETE[:8], "Access costs. Skills lag.", "", *COMPLETE[10:], ""]
    wizard, screen, _, _ = _run(script)
    assert wizard.data["key_issues"] == ["Access costs. Skills lag."]
    assert (
        "warning: Key Issues, item 1: has 2 sentences; the template asks for 1 sentence per issue"
        in (screen.messages("warning"))
    )


def test_a_required_list_cannot_be_left_empty() -> None:
    script = [*COMPLETE[:6], "", "Li Wei, CNNIC", "", ":quit"]
    wizard, screen, _, _ = _run(script)
    assert "error: Speakers: needs at least one item" in screen.messages("error")
    assert wizard.data["speakers"] == [Person(name="Li Wei", affiliation="CNNIC")]


def test_a_pasted_block_becomes_items_of_one_list() -> None:
    paste = Paste(["First paragraph.", "", "Second paragraph.", "", "Third paragraph.", ""])
    script = [*COMPLETE[:14], paste, ":quit"]
    wizard, _, _, _ = _run(script)
    assert wizard.data["discussions"] == [
        "First paragraph.",
        "Second paragraph.",
        "Third paragraph.",
    ]
    assert "way_forward" not in wizard.data


def test_undo_and_clear_in_a_list() -> None:
    script = [*COMPLETE[:6], "A, x", "B, y", ":undo", "C, z", "", ":quit"]
    wizard, _, _, _ = _run(script)
    assert [p.name for p in wizard.data["speakers"]] == ["A", "C"]


def test_edit_replaces_the_items() -> None:
    edited = f"# header\n{SCISSORS}\n# KeepItOn\nFirst idea\nwrapped.\n---\nSecond idea.\n"
    script = [*COMPLETE[:16], ":edit", "", ""]
    wizard, screen, _, outcome = _run(script, edits=[EditOutcome(edited)])
    assert outcome is Outcome.SAVE
    assert wizard.data["way_forward"] == ["# KeepItOn\nFirst idea\nwrapped.", "Second idea."]
    assert screen.edited[0].startswith("# 11. Please describe any Participant suggestions")


@pytest.mark.parametrize(
    ("outcome", "says"),
    [
        (EditOutcome(None, "the editor 'code' returned at once without changes"), "at once"),
        (EditOutcome(f"# the header only\n{SCISSORS}\n\n"), "came back empty"),
    ],
)
def test_edit_that_changes_nothing_keeps_the_items(outcome: EditOutcome, says: str) -> None:
    script = [*COMPLETE[:16], "Keep me.", ":edit", "", ""]
    wizard, screen, _, _ = _run(script, edits=[outcome])
    assert wizard.data["way_forward"] == ["Keep me."]
    assert any(says in m for m in screen.messages("warning"))


def test_editing_a_presentation_with_a_title_line() -> None:
    edited = "Title: Laboratoria\nA social enterprise\nfor women.\n---\nUntitled talk.\n"
    script = [*COMPLETE[:10], ":edit", "", "", *COMPLETE[14:], ""]
    wizard, _, _, _ = _run(script, edits=[EditOutcome(edited)])
    assert wizard.data["presentations"] == [
        Presentation(title="Laboratoria", summary="A social enterprise\nfor women."),
        Presentation(summary="Untitled talk."),
    ]


def test_resume_starts_at_the_first_missing_field(data: dict[str, Any]) -> None:
    del data["organizer"]
    del data["rapporteur"]
    _, screen, _, _ = _run(["Host country", ":quit"], data=data)
    assert screen.asked[0][0] == "Session Organizer"
    assert screen.asked[1][0] == "Rapporteur/Notetaker"  # empty rapporteur counts


def test_resume_with_nothing_missing_goes_to_review(data: dict[str, Any]) -> None:
    _, screen, saves, outcome = _run([""], data=data)
    assert outcome is Outcome.SAVE
    assert screen.asked == [("Field number to edit, or Enter to save", None)]
    assert saves == []


def test_review_edits_a_field_by_number(data: dict[str, Any]) -> None:
    data["date"] = "someday"
    script = ["7 December 2016", "2", "8 December 2016", ""]
    wizard, screen, _, outcome = _run(script, data=data)
    assert outcome is Outcome.SAVE
    assert screen.asked[0] == ("Date", None)  # resumes at the field in error
    assert screen.initial[0] == "someday"  # on the line to edit
    assert screen.asked[1][0] == "Field number to edit, or Enter to save"
    assert screen.asked[2] == ("Date", None)
    assert screen.initial[2] == "2016-12-07"  # on the line to edit
    assert wizard.data["date"] == dt.date(2016, 12, 8)
    assert len(screen.reviews) == 2


def test_review_refuses_to_save_with_errors(data: dict[str, Any]) -> None:
    data["titel"] = "typo"
    _, screen, _, outcome = _run(["", "99", "", ":quit"], data=data)
    assert outcome is Outcome.QUIT
    errors = screen.messages("error")
    assert any("The file has keys the template does not know (titel)" in e for e in errors)
    assert (
        "error: titel (not a template field): is not a key of this template; check its spelling"
        in errors
    )
    assert "info: Type a number from 1 to 11, or Enter to save." in screen.shown


def test_interruptions_propagate_after_saving() -> None:
    saves: list[dict[str, Any]] = []
    for stop in (KeyboardInterrupt, EOFError):
        screen = ScriptedScreen([COMPLETE[0], stop])
        with pytest.raises(stop):
            Wizard(screen, {}, lambda d: saves.append(d.for_file())).run()
        assert saves[-1] == {"title": COMPLETE[0]}


# --- generated sessions from a complete draft, each ending in a save ------------------
#
# Each session starts from a complete draft, so the wizard goes straight to the
# review; from there it changes fields by number, with refused answers, :help,
# :clear and :undo on the way, and ends with Enter, which saves. What the
# session should leave is worked out beside it from what was typed, and the
# saved file is read back and compared with it.

_WORDS = ["access", "Ghana", "rural", "Mérida", "policy", "O'Brien", "net-work", "data", "2016"]
_phrase = st.lists(st.sampled_from(_WORDS), min_size=1, max_size=5).map(" ".join)
_sentence = _phrase.map(lambda p: p[0].upper() + p[1:] + ".")
_person = st.tuples(_phrase, st.one_of(st.none(), _phrase))
_DATES = {
    "7 December 2016": dt.date(2016, 12, 7),
    "2016-12-08": dt.date(2016, 12, 8),
    "12/05/2016": dt.date(2016, 12, 5),
    "9 décembre 2016": dt.date(2016, 12, 9),
    "6 de diciembre de 2016": dt.date(2016, 12, 6),
}
_TIMES = {
    "9:00 - 10:30": (dt.time(9, 0), dt.time(10, 30)),
    "1:30 pm - 2:30 pm": (dt.time(13, 30), dt.time(14, 30)),
    "15.00-16.30": (dt.time(15, 0), dt.time(16, 30)),
}
#: Answers each field refuses, and so asks again with the answer as its default.
_REFUSED = {
    "date": ["31/31/2016", "yesterday", "07/08/2016"],
    "time": ["noon - 1pm", "10:45", "11:00 - 10:00"],
}
_REVIEW_NOISE = ["99", "0", "abc", ":help", ":back", ":undo"]

Script = list[str]
Expected = dict[str, Any]


def _typed_person(person: tuple[str, str | None]) -> str:
    name, affiliation = person
    return f"{name}, {affiliation}" if affiliation else name


def _as_person(person: tuple[str, str | None]) -> dict[str, Any]:
    name, affiliation = person
    return {"name": name, "affiliation": affiliation}


@st.composite
def _single_value_change(draw: st.DrawFn) -> tuple[Script, Callable[[Expected], None]]:
    number = draw(st.integers(min_value=1, max_value=6))
    key = FIELDS[number - 1].key
    lines = [str(number)]
    if draw(st.booleans()):
        lines.append(":help")
    if key == "rapporteur" and draw(st.booleans()):
        # an empty rapporteur is allowed, with a warning
        return [*lines, ":clear", ""], lambda e: e.pop("rapporteur", None)
    if draw(st.booleans()):
        lines.append(":clear")
    lines += draw(st.lists(st.sampled_from(_REFUSED.get(key, [":help"])), max_size=2))
    value: object
    if key == "date":
        typed = draw(st.sampled_from(sorted(_DATES)))
        value = _DATES[typed]
    elif key == "time":
        typed = draw(st.sampled_from(sorted(_TIMES)))
        start, end = _TIMES[typed]
        value = {"start": start, "end": end}
    elif key in {"chair", "rapporteur"}:
        person = draw(_person)
        typed, value = _typed_person(person), _as_person(person)
    else:
        typed = value = draw(_phrase)
    return [*lines, typed], lambda e: e.__setitem__(key, value)


@st.composite
def _list_change(draw: st.DrawFn) -> tuple[Script, Callable[[Expected], None]]:
    number = draw(st.sampled_from([7, 8, 10, 11]))
    key = FIELDS[number - 1].key
    items: list[object]
    if key == "speakers":
        people = draw(st.lists(_person, min_size=1, max_size=3))
        typed, items = [_typed_person(p) for p in people], [_as_person(p) for p in people]
    else:
        typed = draw(st.lists(_sentence, min_size=1, max_size=3))
        items = list(typed)
    how = draw(st.sampled_from(["replace", "add", "add and undo", "keep"]))
    if how == "replace":
        return [str(number), ":clear", *typed, ""], lambda e: e.__setitem__(key, items)
    if how == "add":
        return [str(number), *typed, ""], lambda e: e[key].extend(items)
    if how == "add and undo":
        return [str(number), typed[0], ":undo", ""], lambda _e: None
    return [str(number), ""], lambda _e: None


@st.composite
def _presentations_change(draw: st.DrawFn) -> tuple[Script, Callable[[Expected], None]]:
    talks = draw(st.lists(st.tuples(st.one_of(st.just(""), _phrase), _sentence), max_size=2))
    typed = [line for talk in talks for line in talk]
    items = [{"title": title or None, "summary": summary} for title, summary in talks]

    def replace(expected: Expected) -> None:
        if items:
            expected["presentations"] = items
        else:  # an empty list of presentations is no presentations
            expected.pop("presentations", None)

    if draw(st.booleans()):
        return ["9", ":clear", *typed, "", ""], replace
    return ["9", *typed, "", ""], lambda e: e.setdefault("presentations", []).extend(items)


_changes = st.lists(
    st.one_of(_single_value_change(), _list_change(), _presentations_change()), max_size=8
)


def _start(*, with_presentations: bool) -> Expected:
    # complete: every field the wizard would ask for has a valid value (the
    # presentations are optional and not asked for)
    draft = valid_data()
    draft["presentations"] = [{"title": "Community networks", "summary": "A short talk."}]
    if not with_presentations:
        del draft["presentations"]
    return draft


@settings(max_examples=examples(200, mutation=10), deadline=None)
@given(
    st.booleans(),
    _changes,
    st.lists(st.sampled_from(_REVIEW_NOISE), max_size=3),
)
def test_any_session_from_a_complete_draft_saves_what_was_typed(
    with_presentations: bool,  # noqa: FBT001 -- hypothesis passes it by position
    changes: list[tuple[Script, Callable[[Expected], None]]],
    noise: list[str],
) -> None:
    draft = _start(with_presentations=with_presentations)
    expected = copy.deepcopy(draft)
    script: Script = list(noise)
    for lines, apply in changes:
        script += lines
        apply(expected)
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.toml"
        # the wizard wired to the files as `fill` wires it: a draft after every
        # accepted answer, the report and its text when it is saved
        saves: list[dict[str, Any]] = []

        def save(saved: Draft) -> None:
            values = saved.for_file()
            saves.append(values)
            save_draft(report, values, resume_at=saved.position)

        wizard = Wizard(ScriptedScreen([*script, ""]), draft, save)
        assert wizard.run() is Outcome.SAVE
        write_report(report, draft_values(wizard.data, check(wizard.data)))
        checked = read_checked(report)
        assert (report.parent / "report.txt").exists()
    assert checked.errors == []
    assert checked.report == Report.model_validate(expected)
    if saves:  # the last draft saved was the report as saved
        assert check(saves[-1]).report == checked.report
    tally("fuzz: wizard, sessions from complete drafts")


_LINES = st.one_of(
    st.sampled_from([":back", ":quit", ":help", ":edit", ":undo", ":clear", "", "::x", "1", "12"]),
    st.sampled_from(COMPLETE),
    st.text(max_size=30),
)


@settings(max_examples=examples(100), deadline=None)
@given(st.lists(_LINES, max_size=60))
def test_any_lines_from_nothing_keep_every_accepted_answer_saved(lines: list[str]) -> None:
    screen = ScriptedScreen(list(lines), edits=[EditOutcome("x\n\ny\n")] * 60)
    saves: list[dict[str, Any]] = []
    wizard = Wizard(screen, {}, lambda d: saves.append(copy.deepcopy(d.for_file())))
    try:
        outcome = wizard.run()
    except EOFError:
        outcome = None
    # whatever was typed, the draft on disk is the wizard's data at every moment
    assert (saves[-1] if saves else {}) == wizard.data
    if outcome is Outcome.SAVE:
        assert check(wizard.data).errors == []
    tally("fuzz: wizard, arbitrary lines from nothing")


def test_a_draft_from_a_file_shows_its_items_as_typed(data: dict[str, Any]) -> None:
    data["presentations"] = [{"title": "Gob.mx", "summary": "A platform."}, {"summary": "B."}]
    _, screen, _, _ = _run(["9", "", "", ""], data=data)
    assert "  1. Gob.mx: A platform." in screen.shown
    assert "  2. B." in screen.shown


def test_back_twice_then_answering_goes_on_in_order_without_skipping() -> None:
    script = [*COMPLETE[:3], ":back", ":back", "7 December 2016", "", "", ":quit"]
    wizard, screen, _, _ = _run(script)
    assert [label for label, _ in screen.asked] == [
        "Session Title", "Date", "Time", "Session Organizer",  # :back at the organizer
        "Time",  # :back again
        "Date",  # answered
        "Time",  # the next field in order, not the first empty one
        "Session Organizer",  # Enter on it: required, asked again
        "Session Organizer",
    ]  # fmt: skip
    assert screen.asked[6] == ("Time", None)
    assert screen.initial[6] == "10:45 - 11:45"  # on the line to edit
    assert wizard.data["date"] == dt.date(2016, 12, 7)


def test_after_going_back_past_the_turn_answered_fields_are_passed_over(
    data: dict[str, Any],
) -> None:
    del data["chair"]
    _, screen, _, _ = _run([":back", "", "Ana Pérez, ISOC", ""], data=data)
    asked = [label for label, _ in screen.asked]
    assert asked[:3] == ["Chair/Moderator", "Session Organizer", "Chair/Moderator"]
    assert asked[3] == "Field number to edit, or Enter to save"


def test_warnings_on_an_item_name_it_as_the_screen_numbers_it() -> None:
    script = [*COMPLETE[:6], "Li Wei, CNNIC", "Amina Diallo", "Jean Dupont", "", ":quit"]
    _, screen, _, _ = _run(script)
    assert screen.asked[6:9] == [("1", None), ("2", None), ("3", None)]
    assert screen.messages("warning") == [
        "warning: Speakers, item 2, affiliation: Amina Diallo has no affiliation",
        "warning: Speakers, item 3, affiliation: Jean Dupont has no affiliation",
    ]


def test_undo_says_what_it_removed() -> None:
    script = [*COMPLETE[:6], "A, x", "B, y", ":undo", "", ":quit"]
    wizard, screen, _, _ = _run(script)
    assert "info: Removed item 2: B, y" in screen.shown
    assert [p.name for p in wizard.data["speakers"]] == ["A"]


def test_fewer_than_three_paragraphs_is_a_warning_when_the_list_ends() -> None:
    script = [*COMPLETE[:14], "One.", "Two.", "", ":quit"]
    _, screen, _, _ = _run(script)
    assert "warning: Discussions: has 2 paragraphs; the template asks for 3" in (
        screen.messages("warning")
    )


def test_every_save_records_where_the_walk_is() -> None:
    script: list[Any] = [*COMPLETE[:14], "One.", "Two.", KeyboardInterrupt]
    screen = ScriptedScreen(script)
    saved: list[tuple[str | None, int]] = []

    def save(draft: Draft) -> None:
        where = None if draft.position is None else str(draft.position)
        saved.append((where, len(draft.items(FIELDS[9]))))

    with pytest.raises(KeyboardInterrupt):
        Wizard(screen, {}, save).run()
    assert saved[0] == ("date", 0)  # the title was answered: go on at the date
    assert saved[-2:] == [("discussions[1]", 1), ("discussions[2]", 2)]


def test_resume_inside_a_list_asks_for_its_next_item(data: dict[str, Any]) -> None:
    data["discussions"] = ["One.", "Two."]
    script = ["Three.", "", ""]
    wizard, screen, _, outcome = _run_at(script, data, Position("discussions", 2))
    assert outcome is Outcome.SAVE
    assert screen.shown[0].startswith("info: Resuming at field 10, Discussions, item 3, ")
    assert screen.asked[0] == ("3", None)
    assert wizard.data["discussions"] == ["One.", "Two.", "Three."]


@pytest.mark.parametrize(
    ("where", "first"),
    [
        (Position("title"), ("Session Title", "Connecting the Next Billion")),
        (Position("review"), ("Field number to edit, or Enter to save", None)),
    ],
)
def test_resume_at_a_filled_field_or_the_review(
    data: dict[str, Any], where: Position, first: tuple[str, str | None]
) -> None:
    _, screen, _, _ = _run_at([":quit"], data, where)
    assert (screen.asked[0][0], screen.initial[0]) == first  # an old answer is on the line


def test_back_then_interrupt_records_the_field_gone_back_to() -> None:
    saves: list[Draft] = []
    screen = ScriptedScreen([COMPLETE[0], COMPLETE[1], ":back", KeyboardInterrupt])
    with pytest.raises(KeyboardInterrupt):
        Wizard(screen, {}, saves.append).run()
    assert saves[-1].position == Position("date")


def test_a_paste_is_saved_once_it_has_been_read() -> None:
    lines = [f"Paragraph {n}." for n in range(1, 1001)]
    saved: list[list[str]] = []  # a copy of the list at each save
    screen = ScriptedScreen([*COMPLETE[:14], Paste([*lines, ""]), ":quit"])
    wizard = Wizard(screen, {}, lambda d: saved.append(list(d.for_file().get("discussions", []))))
    wizard.run()
    assert [len(s) for s in saved if 0 < len(s) < len(lines)] == []  # no half-read paste
    assert saved[-1] == lines
    assert wizard.data["discussions"] == lines


def test_an_interruption_inside_a_paste_keeps_the_lines_read() -> None:
    saved: list[list[str]] = []
    screen = ScriptedScreen([*COMPLETE[:14], Paste(["One.", "Two.", KeyboardInterrupt])])
    with pytest.raises(KeyboardInterrupt):
        Wizard(screen, {}, lambda d: saved.append(list(d.for_file().get("discussions", [])))).run()
    assert saved[-1] == ["One.", "Two."]


def _run_at(
    script: list[Any], data: dict[str, Any], where: Position
) -> tuple[Wizard, ScriptedScreen, list[dict[str, Any]], Outcome]:
    screen = ScriptedScreen(script)
    saves: list[dict[str, Any]] = []
    wizard = Wizard(screen, data, lambda d: saves.append(d.for_file()), resume=where)
    return wizard, screen, saves, wizard.run()


# --- what the wizard understood, and what :undo takes back (issue 25) ----------------


def test_undo_at_a_summary_takes_back_only_its_title(data: dict[str, Any]) -> None:
    data["presentations"] = [
        {"title": "Gob.mx", "summary": "One."},
        {"title": "Ushahidi", "summary": "Two."},
    ]
    del data["discussions"], data["way_forward"]
    script: list[Any] = ["Typo title", ":undo", "Third", "Three.", "", "", ":quit"]
    screen = ScriptedScreen(script)
    saves: list[dict[str, Any]] = []
    save = lambda d: saves.append(copy.deepcopy(d.for_file()))  # noqa: E731
    wizard = Wizard(screen, data, save, resume=Position("presentations", 2))
    wizard.run()
    assert "info: Took back the title of presentation 3: Typo title" in screen.shown
    assert not any("Removed" in line for line in screen.shown)
    assert [p.title for p in wizard.data["presentations"]] == ["Gob.mx", "Ushahidi", "Third"]
    # on disk: the pending title came and went, the two presentations stayed
    assert saves[0]["presentations"][-1] == {"title": "Typo title"}
    assert [p.title for p in saves[1]["presentations"]] == ["Gob.mx", "Ushahidi"]
    assert screen.asked[2] == ("3. title (may be empty)", None)


def test_undo_at_the_summary_of_an_untitled_presentation_removes_nothing(
    data: dict[str, Any],
) -> None:
    del data["discussions"], data["way_forward"]
    script = ["", ":undo", ":quit"]
    wizard, screen, _, _ = _run_at(script, data, Position("presentations", 1))
    assert "info: Took back the title of presentation 2 (it was empty)" in screen.shown
    assert [p.title for p in wizard.data["presentations"]] == ["Community networks"]


def test_resuming_at_a_title_saved_alone_names_the_item_its_prompt_asks(
    data: dict[str, Any],
) -> None:
    data["presentations"] = [{"title": "Gob.mx"}]  # typed before a Ctrl-C at its summary
    _, screen, _, _ = _run_at([":quit"], data, Position("presentations", 0))
    assert screen.shown[0].startswith("info: Resuming at field 9, Presentations, item 1, ")
    assert screen.asked[0] == ("1. title (may be empty)", None)
    assert screen.initial[0] == "Gob.mx"


@pytest.mark.parametrize(
    ("field", "typed", "said"),
    [
        (1, "6 Dec 2016", "→ Tuesday 6 December 2016"),
        (2, "9-10:30", "→ 09:00 - 10:30"),
        (4, "Ana Pérez, ISOC", "→ Ana Pérez · ISOC"),
        (5, "Kwame Mensah", "→ Kwame Mensah · no affiliation"),
    ],
)
def test_a_date_a_time_and_a_person_are_said_back_as_read(
    field: int, typed: str, said: str
) -> None:
    script = [*COMPLETE[:field], typed, ":quit"]
    wizard, screen, _, _ = _run(script)
    after = screen.shown.index(f"[{field + 1}/11] {FIELDS[field].heading}")
    assert screen.shown[after + 1] == said
    assert wizard.data[FIELDS[field].key] is not None


def test_each_speaker_is_said_back_as_read() -> None:
    script = [*COMPLETE[:6], "Li Wei, CNNIC", "Jean Dupont", ":quit"]
    _, screen, _, _ = _run(script)
    assert [s for s in screen.shown if s.startswith("→ ")][-2:] == [
        "→ Li Wei · CNNIC",
        "→ Jean Dupont · no affiliation",
    ]


@pytest.mark.parametrize(
    ("reply", "saved"),
    [("", (15, 0, 16, 30)), ("y", (15, 0, 16, 30)), ("n", (3, 0, 4, 30))],
)
def test_a_time_in_the_small_hours_is_confirmed_before_it_is_saved(
    reply: str, saved: tuple[int, int, int, int]
) -> None:
    script = [*COMPLETE[:2], "3-4:30", "maybe", reply, ":quit"]
    wizard, screen, saves, _ = _run(script)
    assert screen.asked[3] == ("Did you mean 15:00 - 16:30? [Y/n]", None)
    assert "info: Type y for 15:00 - 16:30, or n to keep 03:00 - 04:30." in screen.shown
    time = wizard.data["time"]
    assert (time.start.hour, time.start.minute, time.end.hour, time.end.minute) == saved
    # nothing was saved with the time before the question was answered
    assert all("time" not in s for s in saves[:2])
    said = "info: Kept 03:00 - 04:30, as you typed it." if reply == "n" else "→ 15:00 - 16:30"
    assert screen.shown[screen.shown.index("[4/11] Session Organizer") - 1] == said


def test_a_date_in_another_year_is_confirmed_before_it_is_saved() -> None:
    script = [COMPLETE[0], "6 Dec 2106", "", ":quit"]
    wizard, screen, _, _ = _run(script)
    assert "→ Monday 6 December 2106" in screen.shown
    assert screen.asked[2] == ("Did you mean Tuesday 6 December 2016? [Y/n]", None)
    assert wizard.data["date"] == dt.date(2016, 12, 6)
    assert screen.shown[screen.shown.index("[3/11] Time") - 1] == "→ Tuesday 6 December 2016"


def test_a_date_in_another_year_is_kept_when_the_rapporteur_says_so() -> None:
    wizard, screen, _, _ = _run([COMPLETE[0], "6 Dec 2015", "no", ":quit"])
    assert wizard.data["date"] == dt.date(2015, 12, 6)
    assert "info: Kept Sunday 6 December 2015, as you typed it." in screen.shown


def test_a_plausible_date_and_time_ask_nothing_more() -> None:
    _, screen, _, _ = _run([*COMPLETE[:3], ":quit"])
    assert [prompt for prompt, _ in screen.asked] == [
        "Session Title",
        "Date",
        "Time",
        "Session Organizer",
    ]


def test_a_weekday_that_is_not_the_dates_is_refused_naming_the_right_one() -> None:
    wizard, screen, _, _ = _run([COMPLETE[0], "Monday, 6 December 2016", ":quit"])
    refusal = (
        "error: Date: 'Monday, 6 December 2016' names the wrong weekday: 6 December 2016 is a "
        "Tuesday, not a Monday; write it as 2016-12-06 or 6 December 2016"
    )
    assert screen.messages("error") == [refusal]
    assert screen.retried[2] == "Monday, 6 December 2016"
    assert "date" not in wizard.data


def test_an_imported_report_is_completed_optional_fields_included_once(
    data: dict[str, Any],
) -> None:
    del data["presentations"], data["discussions"]
    script: list[Any] = [
        "Gob.mx",
        "A single point of access.",
        "",
        "",
        "We discussed.",
        "",
        ":quit",
    ]
    screen = ScriptedScreen(script)
    wizard = Wizard(screen, data, lambda _: None)
    assert wizard.run() is Outcome.QUIT
    assert screen.shown[0] == (
        "info: Completing an imported report: 2 fields left (Presentations, Discussions); "
        ":back goes to the earlier fields."
    )
    assert [p for p, _ in screen.asked][:7] == [
        "1. title (may be empty)",
        "1. summary",
        "2. title (may be empty)",
        "2. summary",
        "1",
        "2",
        "Field number to edit, or Enter to save",
    ]
    assert wizard.data["discussions"] == ["We discussed."]


def test_a_complete_report_without_a_resume_line_opens_at_the_review(
    data: dict[str, Any],
) -> None:
    del data["presentations"]  # optional, and nothing else is missing
    screen = ScriptedScreen([":quit"])
    Wizard(screen, data, lambda _: None).run()
    assert screen.asked == [("Field number to edit, or Enter to save", None)]
    assert not any("Completing" in line for line in screen.shown)


# --- one item of a list, picked by its number (issue 25, item 12) -------------------


def test_items_of_a_list_are_changed_removed_and_inserted_by_number(
    data: dict[str, Any],
) -> None:
    script = [
        "7",
        ":change 2",
        "Jean Dupond, Afnic",  # the old text was on the line: typed as edited
        ":remove 1",
        ":insert 1",
        "Ana Pérez, ISOC",
        ":remove 9",
        ":undo",  # still takes back the last item
        "",
        "",
    ]
    wizard, screen, _, outcome = _run_at(script, data, Position("review"))
    assert outcome is Outcome.SAVE
    assert screen.initial[2] == "Jean Dupont, Afnic"  # :change puts the item on the line
    assert screen.asked[2] == ("2", None)
    assert screen.initial[5] is None  # :insert starts from an empty line
    assert [str(p) for p in wizard.data["speakers"]] == ["Ana Pérez, ISOC"]
    changed = screen.shown.index("info: Changed item 2.")
    assert screen.shown[changed - 1 : changed + 3] == [
        "→ Jean Dupond · Afnic",  # said back, then the list as it is now
        "info: Changed item 2.",
        "  1. Li Wei, CNNIC",
        "  2. Jean Dupond, Afnic",
    ]
    assert "info: Removed item 1: Li Wei, CNNIC" in screen.shown
    assert "info: Added item 1; the items after it moved down." in screen.shown
    assert "error: There is no item 9: the list has 2 items." in screen.shown
    assert "info: Removed item 2: Jean Dupond, Afnic" in screen.shown


def test_an_item_is_changed_from_the_review_by_field_and_item_number(
    data: dict[str, Any],
) -> None:
    data["key_issues"] = ["Access is costly.", "Skills lag behind."]
    script = ["8.2", "Skills lag behind in rural areas.", "9.1", "", "A longer talk.", ""]
    wizard, screen, saves, outcome = _run_at(script, data, Position("review"))
    assert outcome is Outcome.SAVE
    assert screen.initial[1] == "Skills lag behind."
    assert wizard.data["key_issues"] == ["Access is costly.", "Skills lag behind in rural areas."]
    assert screen.asked[3:5] == [("1. title (may be empty)", None), ("1. summary", None)]
    assert screen.initial[3:5] == ["Community networks", "A short talk."]
    assert wizard.data["presentations"] == [
        Presentation(title="Community networks", summary="A longer talk.")
    ]
    assert saves[-1]["key_issues"][1] == "Skills lag behind in rural areas."


def test_a_refused_item_is_given_back_and_a_command_leaves_the_item_as_it_was(
    data: dict[str, Any],
) -> None:
    script = ["7.1", ",", ":back", "7.9", "3.1", ""]
    wizard, screen, _, _ = _run_at(script, data, Position("review"))
    assert screen.retried[2] == ","
    assert "info: Item 1 is unchanged." in screen.shown
    assert "error: There is no item 9: the list has 2 items." in screen.shown
    assert "info: Field 3 is not a list: type 3 alone to change it." in screen.shown
    assert [str(p) for p in wizard.data["speakers"]] == ["Li Wei, CNNIC", "Jean Dupont, Afnic"]


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        (":remove", ":remove takes the number of an item: :remove 2"),
        (":change two", ":change takes the number of an item: :change 2"),
        (":insert 1234567", ":insert takes the number of an item: :insert 2"),
        (":back 2", ":back takes nothing after it; type :back alone"),
    ],
)
def test_a_command_with_a_wrong_number_is_refused(typed: str, said: str) -> None:
    _, screen, _, _ = _run([*COMPLETE[:6], "Li Wei, CNNIC", typed, ":quit"])
    assert screen.messages("error") == [said]


def test_a_doubtful_time_kept_as_it_was_is_not_asked_about_again(data: dict[str, Any]) -> None:
    data["time"] = "3-4:30"  # said no to the afternoon before, or written by hand
    _, screen, _, _ = _run_at(["", ":quit"], data, Position("time"))
    assert screen.initial[0] == "03:00 - 04:30"
    assert [prompt for prompt, _ in screen.asked] == [
        "Time",
        "Field number to edit, or Enter to save",
    ]
    assert any("in the small hours" in line for line in screen.messages("warning"))
