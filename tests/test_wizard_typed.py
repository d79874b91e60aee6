"""The line being typed when the wizard is stopped: kept in the draft, offered on resume.

Ctrl-C, SIGTERM or SIGHUP at a prompt with text on the line keeps that text in
the draft's comments (never as the field's answer); ``fill`` on the same draft
puts it back on the line at the same prompt (issue 25, item 14).
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from igf_report.collection.checking import read_checked
from igf_report.files.resume import Typed, read_typed, resume_of, typed_of, with_resume
from igf_report.filling.draft import Draft
from igf_report.filling.saving import save_draft
from igf_report.template.fields import FIELDS
from igf_report.template.model import MAX_TEXT
from igf_report.wizard.flow import Outcome, Wizard

from .conftest import Invoke
from .test_wizard_flow import COMPLETE
from .wizard_screen import ScriptedScreen, Typing

DOC = 'template = "igf-2016-workshop"\ntitle = "T"\n'


class _Fill:
    """The wizard wired to a report file as ``fill`` wires it: saved after every answer."""

    def __init__(self, report: Path) -> None:
        self.report = report

    def save(self, draft: Draft) -> None:
        save_draft(self.report, draft.for_file(), resume_at=draft.position, typed=draft.typed)

    def run(self, script: list[Any]) -> tuple[Wizard, ScriptedScreen, Outcome | None]:
        data: dict[str, Any] = {}
        if self.report.exists():
            data = tomllib.loads(self.report.read_text(encoding="utf-8"))
        screen = ScriptedScreen(script)
        wizard = Wizard(screen, data, self.save, resume=resume_of(self.report))
        wizard.draft.typed = typed_of(self.report)
        try:
            outcome: Outcome | None = wizard.run()
        except (KeyboardInterrupt, EOFError):
            outcome = None
        return wizard, screen, outcome

    def data(self) -> dict[str, Any]:
        return tomllib.loads(self.report.read_text(encoding="utf-8"))


def _at(screen: ScriptedScreen, prompt: str) -> int:
    return next(n for n, (asked, _) in enumerate(screen.asked) if asked == prompt)


def test_ctrl_c_at_a_field_keeps_the_line_and_resume_offers_it(tmp_path: Path) -> None:
    fill = _Fill(tmp_path / "report.toml")
    wizard, _, _ = fill.run([*COMPLETE[:3], Typing("Internet Soc")])
    assert wizard.draft.typed == Typed("organizer", "Internet Soc")
    assert "organizer" not in fill.data()  # kept, not an answer
    assert '# igf-report: typed at organizer: "Internet Soc"' in fill.report.read_text()
    _, screen, _ = fill.run(["Internet Society", ":quit"])
    assert screen.asked[0][0] == FIELDS[3].label
    assert screen.initial[0] == "Internet Soc"  # on the line, cursor at its end
    assert fill.data()["organizer"] == "Internet Society"
    assert typed_of(fill.report) is None  # answered: no longer kept


def test_enter_takes_the_kept_line_as_the_answer(tmp_path: Path) -> None:
    fill = _Fill(tmp_path / "report.toml")
    fill.run([Typing("Connecting the Next")])
    # the scripted screen answers what the line holds, as Enter does
    _, screen, _ = fill.run(["Connecting the Next", ":quit"])
    assert screen.initial[0] == "Connecting the Next"
    assert fill.data()["title"] == "Connecting the Next"


def test_ctrl_c_inside_a_list_keeps_the_item_being_typed(tmp_path: Path) -> None:
    fill = _Fill(tmp_path / "report.toml")
    wizard, _, _ = fill.run([*COMPLETE[:14], "One.", Typing("Half a sent")])
    assert wizard.draft.typed == Typed("discussions[1]", "Half a sent")
    assert fill.data()["discussions"] == ["One."]
    _, screen, _ = fill.run(["Half a sentence.", "Three.", "", ":quit"])
    assert screen.initial[_at(screen, "2")] == "Half a sent"
    assert fill.data()["discussions"] == ["One.", "Half a sentence.", "Three."]


def test_ctrl_c_at_a_summary_keeps_the_title_and_the_summary_typed(tmp_path: Path) -> None:
    fill = _Fill(tmp_path / "report.toml")
    fill.run([*COMPLETE[:10], "Gob.mx", Typing("A single po")])
    assert fill.data()["presentations"] == [{"title": "Gob.mx"}]
    assert typed_of(fill.report) == Typed("presentations[0].summary", "A single po")
    _, screen, _ = fill.run(["", "A single point of access.", "", "", ":quit"])
    assert screen.initial[_at(screen, "1. title (may be empty)")] == "Gob.mx"
    assert screen.initial[_at(screen, "1. summary")] == "A single po"
    assert fill.data()["presentations"] == [
        {"title": "Gob.mx", "summary": "A single point of access."}
    ]


@pytest.mark.parametrize("line", ["", "   "])
def test_an_empty_line_keeps_nothing(tmp_path: Path, line: str) -> None:
    fill = _Fill(tmp_path / "report.toml")
    wizard, _, _ = fill.run([COMPLETE[0], Typing(line)])
    assert wizard.draft.typed is None
    assert typed_of(fill.report) is None


def test_a_kept_line_never_overwrites_an_accepted_answer(
    tmp_path: Path, data: dict[str, Any]
) -> None:
    fill = _Fill(tmp_path / "report.toml")
    save_draft(fill.report, data)
    # at the review, field 4: its answer on the line, edited, then Ctrl-C
    fill.run(["4", Typing("Host country, and ISOC")])
    assert fill.data()["organizer"] == data["organizer"]
    assert typed_of(fill.report) == Typed("organizer", "Host country, and ISOC")
    _, screen, _ = fill.run([":back"])  # a command leaves the kept line kept
    assert screen.initial[0] == "Host country, and ISOC"
    assert typed_of(fill.report) == Typed("organizer", "Host country, and ISOC")
    assert fill.data()["organizer"] == data["organizer"]


def test_an_old_answer_left_as_it_was_is_not_kept(tmp_path: Path, data: dict[str, Any]) -> None:
    fill = _Fill(tmp_path / "report.toml")
    save_draft(fill.report, data)
    wizard, _, _ = fill.run(["4", Typing(data["organizer"])])
    assert wizard.draft.typed is None


def test_a_signal_keeps_the_line_as_ctrl_c_does(tmp_path: Path) -> None:
    class Closed(Exception):
        pass

    fill = _Fill(tmp_path / "report.toml")
    screen = ScriptedScreen([COMPLETE[0], Typing("6 Dec", Closed)])
    with pytest.raises(Closed):
        Wizard(screen, {}, fill.save).run()
    assert typed_of(fill.report) == Typed("date", "6 Dec")


def test_a_line_over_the_limit_is_kept_whole_and_said_to_be_over(tmp_path: Path) -> None:
    fill = _Fill(tmp_path / "report.toml")
    long = "字\x07" + "x" * (MAX_TEXT + 5)
    fill.run([Typing(long)])
    assert typed_of(fill.report) == Typed("title", long)
    _, screen, _ = fill.run([":quit"])
    assert screen.initial[0] == long
    (said,) = [m for m in screen.messages("info") if m.startswith("What you were typing")]
    assert f"{len(long):,} characters, over the limit of {MAX_TEXT:,}" in said


def test_no_input_fills_and_validate_leave_a_kept_line_alone(
    tmp_path: Path, invoke: Invoke
) -> None:
    fill = _Fill(tmp_path / "report.toml")
    fill.run([COMPLETE[0], Typing("6 Dec")])
    result = invoke("fill", str(fill.report), "--no-input", "--set", "organizer=Host country")
    assert result.exit_code == 1, result.output  # still incomplete
    assert fill.data()["organizer"] == "Host country"
    assert "date" not in fill.data()
    assert typed_of(fill.report) == Typed("date", "6 Dec")  # still offered
    checked = read_checked(fill.report)
    assert not any("6 Dec" in f.message for f in checked.findings)


# --- the comment line that keeps it ------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(
    place=st.sampled_from(["title", "discussions[3]", "presentations[0].summary"]),
    text=st.text(min_size=1).filter(str.strip),
)
def test_any_text_round_trips_through_the_comment(place: str, text: str) -> None:
    written = with_resume(DOC, None, Typed(place, text))
    assert tomllib.loads(written) == tomllib.loads(DOC)  # still the same report
    assert read_typed(written) == Typed(place, text)
    assert len(written.splitlines()) == len(DOC.splitlines()) + 1  # one line


def test_a_draft_written_before_the_kept_line_still_resumes(tmp_path: Path) -> None:
    report = tmp_path / "report.toml"
    report.write_text("# igf-report: resume at discussions[1]\n" + DOC, encoding="utf-8")
    assert typed_of(report) is None
    assert str(resume_of(report)) == "discussions[1]"


@pytest.mark.parametrize(
    "line",
    [
        '# igf-report: typed at nothing: "x"',
        '# igf-report: typed at title: "unclosed',
        "# igf-report: typed at title: 12",
        '# igf-report: typed at title: ""',
        '# igf-report: typed at title "x"',
    ],
)
def test_a_damaged_kept_line_is_ignored(line: str) -> None:
    assert read_typed(f"{line}\n{DOC}") is None
