from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from igf_report.draft import Draft
from igf_report.fields import FIELDS
from igf_report.model import Person, Presentation
from igf_report.resume import Position
from igf_report.validation import check
from igf_report.wizard.editor import EditOutcome
from igf_report.wizard.flow import Outcome, Wizard

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
    # saved after every accepted answer: 6 single values and 5 list items
    assert len(saves) == 6 + 1 + 1 + 1 + 1 + 1 + 5


def test_an_invalid_answer_is_refused_and_kept_as_the_default() -> None:
    script = [COMPLETE[0], "31/31/2016", "", "2016-12-06", *COMPLETE[2:], ""]
    wizard, screen, _, outcome = _run(script)
    assert outcome is Outcome.SAVE
    assert screen.asked[1] == ("Date", None)
    assert screen.asked[2] == ("Date", "31/31/2016")  # the bad answer is the default
    assert screen.asked[3] == ("Date", "31/31/2016")  # Enter on it is refused again
    assert screen.messages("error")[0].startswith("error: Date: '31/31/2016' is not a date")
    assert wizard.data["date"] == dt.date(2016, 12, 6)


def test_back_goes_to_the_previous_field_with_its_value_as_default() -> None:
    script = [COMPLETE[0], ":back", "", *COMPLETE[1:], ""]
    _, screen, _, outcome = _run(script)
    assert outcome is Outcome.SAVE
    assert screen.asked[2] == ("Session Title", "Connecting the Next Billion")


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


def test_an_unknown_command_is_an_answer() -> None:
    wizard, _, _, _ = _run([":)", ":quit"])
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
    edited = "# comment\n\nFirst idea\nwrapped.\n\nSecond idea.\n"
    script = [*COMPLETE[:16], ":edit", "", ""]
    wizard, screen, _, outcome = _run(script, edits=[EditOutcome(edited)])
    assert outcome is Outcome.SAVE
    assert wizard.data["way_forward"] == ["First idea wrapped.", "Second idea."]
    assert screen.edited[0].startswith("# 11. Please describe any Participant suggestions")


@pytest.mark.parametrize(
    ("outcome", "says"),
    [
        (EditOutcome(None, "the editor 'code' returned at once without changes"), "at once"),
        (EditOutcome("# only comments\n"), "came back empty"),
    ],
)
def test_edit_that_changes_nothing_keeps_the_items(outcome: EditOutcome, says: str) -> None:
    script = [*COMPLETE[:16], "Keep me.", ":edit", "", ""]
    wizard, screen, _, _ = _run(script, edits=[outcome])
    assert wizard.data["way_forward"] == ["Keep me."]
    assert any(says in m for m in screen.messages("warning"))


def test_editing_a_presentation_with_a_title_line() -> None:
    edited = "Title: Laboratoria\nA social enterprise\nfor women.\n\nUntitled talk.\n"
    script = [*COMPLETE[:10], ":edit", "", "", *COMPLETE[14:], ""]
    wizard, _, _, _ = _run(script, edits=[EditOutcome(edited)])
    assert wizard.data["presentations"] == [
        Presentation(title="Laboratoria", summary="A social enterprise for women."),
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
    assert screen.asked[0] == ("Date", "someday")  # resumes at the field in error
    assert screen.asked[1][0] == "Field number to edit, or Enter to save"
    assert screen.asked[2] == ("Date", "2016-12-07")
    assert wizard.data["date"] == dt.date(2016, 12, 8)
    assert len(screen.reviews) == 2


def test_review_refuses_to_save_with_errors(data: dict[str, Any]) -> None:
    data["titel"] = "typo"
    _, screen, _, outcome = _run(["", "99", "", ":quit"], data=data)
    assert outcome is Outcome.QUIT
    errors = screen.messages("error")
    assert any("The file has keys the template does not know (titel)" in e for e in errors)
    assert "error: titel: is not a key of this template; check its spelling" in errors
    assert "info: Type a number from 1 to 11, or Enter to save." in screen.shown


def test_interruptions_propagate_after_saving() -> None:
    saves: list[dict[str, Any]] = []
    for stop in (KeyboardInterrupt, EOFError):
        screen = ScriptedScreen([COMPLETE[0], stop])
        with pytest.raises(stop):
            Wizard(screen, {}, lambda d: saves.append(d.for_file())).run()
        assert saves[-1] == {"title": COMPLETE[0]}


_LINES = st.one_of(
    st.sampled_from([":back", ":quit", ":help", ":edit", ":undo", ":clear", "", "::x", "1", "12"]),
    st.sampled_from(COMPLETE),
    st.text(max_size=30),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_LINES, max_size=60))
def test_any_sequence_of_lines_never_crashes(lines: list[str]) -> None:
    tally("fuzz: wizard, sequences of lines and commands")
    screen = ScriptedScreen(list(lines), edits=[EditOutcome("x\n\ny\n")] * 60)
    wizard = Wizard(screen, {}, lambda _d: None)
    try:
        outcome = wizard.run()
    except EOFError:
        outcome = None
    checked = check(wizard.data)  # whatever was accepted is still a readable draft
    if outcome is Outcome.SAVE:
        assert checked.errors == []


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
    assert screen.asked[6] == ("Time", "10:45 - 11:45")
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
    assert screen.asked[0] == first


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
