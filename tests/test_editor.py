"""``:edit``: the editor file, and editors that fail, return at once or change nothing."""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from igf_report.template.fields import FIELDS, FieldSpec
from igf_report.template.validation import check_field
from igf_report.wizard import editor
from igf_report.wizard.editor import (
    QUICK_RETURN_SECONDS,
    SCISSORS,
    editor_command,
    items_to_text,
    launch,
    text_to_items,
)

from .conftest import examples
from .reliability import tally

BY_KEY = {spec.key: spec for spec in FIELDS}
DISCUSSIONS = BY_KEY["discussions"]
SPEAKERS = BY_KEY["speakers"]
PRESENTATIONS = BY_KEY["presentations"]


def test_the_file_round_trips_the_items() -> None:
    items = ["First paragraph.", "Second, with [markup] and # not a comment."]
    text = items_to_text(DISCUSSIONS, items)
    assert text.startswith(f"# 10. {DISCUSSIONS.heading}\n# {DISCUSSIONS.instruction}\n")
    assert text_to_items(DISCUSSIONS, text) == items


def test_editor_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VISUAL", "code --wait")
    monkeypatch.setenv("EDITOR", "nano")
    assert editor_command() == ["code", "--wait"]
    monkeypatch.delenv("VISUAL")
    assert editor_command() == ["nano"]
    monkeypatch.delenv("EDITOR")
    assert editor_command() == (["notepad"] if sys.platform == "win32" else ["vi"])


class _Clock:
    """A monotonic clock on which the editor runs for ``seconds``, however loaded the machine."""

    def __init__(self, seconds: float) -> None:
        self.readings = iter((100.0, 100.0 + seconds))

    def monotonic(self) -> float:
        return next(self.readings)


@pytest.mark.parametrize(
    ("seconds", "said"),
    [
        (QUICK_RETURN_SECONDS - 0.01, "returned at once without changes"),
        (QUICK_RETURN_SECONDS, "the file was not changed; the items are unchanged"),
    ],
)
def test_an_editor_that_changes_nothing_changes_nothing_saying_if_it_returned_at_once(
    monkeypatch: pytest.MonkeyPatch, seconds: float, said: str
) -> None:
    monkeypatch.setenv("VISUAL", f"{sys.executable} -c pass")
    monkeypatch.setattr(editor, "time", _Clock(seconds))
    outcome = launch("# header\n\nkeep\n")
    assert outcome.text is None
    assert said in outcome.reason
    assert ("--wait" in outcome.reason) == (seconds < QUICK_RETURN_SECONDS)


def test_an_editor_that_cannot_start_changes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VISUAL", "/no/such/editor")
    outcome = launch("x\n")
    assert outcome.text is None
    assert "could not start the editor '/no/such/editor'" in outcome.reason


def test_an_editor_that_writes_gives_the_new_text(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    script = tmp_path / "ed.py"
    script.write_text(
        "import sys, pathlib\np = pathlib.Path(sys.argv[1])\n"
        "p.write_text(p.read_text(encoding='utf-8') + 'added\\n', encoding='utf-8')\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("VISUAL", f"{sys.executable} {script}")
    outcome = launch("start\n")
    assert outcome.text == "start\nadded\n"
    assert not list(Path(tmp_path).glob("igf-report-*"))


def _round_trip(spec: FieldSpec, items: Sequence[object]) -> list[object]:
    return text_to_items(spec, items_to_text(spec, items))


def test_hashtags_blank_lines_and_line_breaks_are_kept() -> None:
    items = [
        "#KeepItOn was the campaign everyone quoted.",
        "A paragraph\nwith a line break,\n\nand a second paragraph.",
        "---\nA line of dashes, then text.",
    ]
    assert _round_trip(DISCUSSIONS, items) == items


def test_only_the_header_the_tool_wrote_is_dropped() -> None:
    text = items_to_text(DISCUSSIONS, ["First."])
    assert SCISSORS in text
    edited = text + "---\n# Not a comment: #IGF2016\n"
    assert text_to_items(DISCUSSIONS, edited) == ["First.", "# Not a comment: #IGF2016"]
    # the scissors line deleted: the header's own lines still go, nothing else
    without = edited.replace(SCISSORS + "\n", "")
    assert text_to_items(DISCUSSIONS, without) == ["First.", "# Not a comment: #IGF2016"]


def test_a_person_with_a_comma_in_the_name_reads_back_the_same() -> None:
    people = [
        {"name": "Smith, John", "affiliation": "ISOC"},
        {"name": "Ana Pérez", "affiliation": "Ministry of ICT, Colombia"},
        {"name": "Jean Dupont", "affiliation": None},
        {"name": "Doe, Jane", "affiliation": None},
    ]
    text = items_to_text(SPEAKERS, people)
    assert "Name: Smith, John\nAffiliation: ISOC\n" in text
    assert "Ana Pérez, Ministry of ICT, Colombia\n" in text
    assert _round_trip(SPEAKERS, people) == people


def test_a_presentation_keeps_its_title_and_paragraphs() -> None:
    items = [
        {"title": "Gob.mx", "summary": "One portal.\n\nA second paragraph."},
        {"title": None, "summary": "Title: not a title, the summary's first words."},
    ]
    assert _round_trip(PRESENTATIONS, items) == items


_line = st.text(
    st.characters(
        blacklist_categories=["Cs"],
        blacklist_characters="\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029",
    ),
    max_size=20,
) | st.sampled_from(
    ["#KeepItOn", "# heading", "---", "\\---", "--- ", SCISSORS, "Title: x", "Name: y"]
)
_one_line = _line.map(str.strip).filter(bool)
_text = st.lists(_line, min_size=1, max_size=5).map("\n".join).map(str.strip).filter(bool)
_person = st.fixed_dictionaries(
    {
        "name": _one_line | st.sampled_from(["Smith, John", "Name: Smith", "a,b,c"]),
        "affiliation": st.none() | _one_line | st.just("ISOC, Geneva"),
    }
)
_presentation = st.fixed_dictionaries(
    {"title": st.none() | _one_line, "summary": _text | st.just("Title: a\n\nb")}
)


@settings(max_examples=examples(300), deadline=None)
@given(
    st.sampled_from(["key_issues", "discussions", "speakers", "presentations"]).flatmap(
        lambda key: st.tuples(
            st.just(key),
            st.lists(
                {"speakers": _person, "presentations": _presentation}.get(key, _text),
                min_size=1,
                max_size=4,
            ),
        )
    )
)
def test_items_written_to_the_editor_and_read_back_unchanged_are_equal(
    case: tuple[str, list[object]],
) -> None:
    tally("lists of items through the :edit file and back")
    key, items = case
    spec = BY_KEY[key]
    before, _ = check_field(spec, items)
    after, _ = check_field(spec, _round_trip(spec, items))
    assert after == before


def test_an_unclosed_quote_in_editor_is_a_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", "'code --wait")
    outcome = launch("x\n")
    assert outcome.text is None
    assert 'EDITOR="\'code --wait" cannot be read as a command (No closing quotation)' in (
        outcome.reason
    )
    assert "The items are unchanged." in outcome.reason


EDITORS = {
    "changes the file": "p.write_text(p.read_text('utf-8') + 'added', 'utf-8')",
    "changes nothing": "time.sleep(1.1)",
    "returns at once": "pass",
    "fails": "sys.exit(3)",
}


@pytest.mark.parametrize("action", EDITORS.values(), ids=EDITORS.keys())
def test_the_temporary_file_is_deleted_whatever_the_editor_does(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, action: str
) -> None:
    temp = tmp_path / "temp"
    temp.mkdir()
    seen = tmp_path / "seen"
    script = tmp_path / "ed.py"
    script.write_text(
        "import sys, pathlib, time\np = pathlib.Path(sys.argv[1])\n"
        f"pathlib.Path({str(seen)!r}).write_text(str(p), encoding='utf-8')\n{action}\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    monkeypatch.setenv("VISUAL", f"{sys.executable} {script}")
    launch("start\n")
    edited = Path(seen.read_text(encoding="utf-8"))
    assert edited.parent == temp  # the editor had its file in the temporary folder
    assert not edited.exists()
    assert not list(temp.iterdir())
