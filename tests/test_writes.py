"""What ``fill`` writes: refused answers, the text beside an imported report, and the file.

A write keeps the file what it was to the user: a symlink stays a link, the
mode and owner stay, a read-only report is refused, comments survive, and only
a report is ever rewritten.
"""

from __future__ import annotations

import json
import os
import shlex
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from igf_report.files.reportfile import _assignment, _block, dump_toml
from igf_report.files.tomlcomments import find_comments
from igf_report.filling.saving import save_draft
from igf_report.template.fields import FIELDS
from igf_report.template.model import TEMPLATE_ID
from igf_report.template.validation import check

from .conftest import SEED, Invoke, examples
from .reliability import tally
from .test_reportfile import _reports

SET_RAPPORTEUR = ("--set", "rapporteur=Ana Pérez, ISOC Mexico")


@pytest.fixture
def complete(tmp_path: Path, invoke: Invoke, data: dict[str, Any]) -> Path:
    """A complete report with its text, as ``fill`` leaves it."""
    report = tmp_path / "report.toml"
    report.write_text(dump_toml(data), encoding="utf-8")
    assert invoke("fill", str(report), "--no-input").exit_code == 0
    return report


# --- an invalid answer is refused ----------------------------------------------------------


@pytest.mark.parametrize(
    ("assignment", "message"),
    [
        ("date=2016-13-06", "error: date (Date): '2016-13-06'"),
        ("date=6 Decmber 2016", "error: date (Date): '6 Decmber 2016'"),
        ("time.end=08:00", "error: time"),
        ("chair=", "error: chair"),
    ],
)
def test_an_invalid_set_leaves_a_complete_report_and_its_text_as_they_were(
    invoke: Invoke, complete: Path, assignment: str, message: str
) -> None:
    text = complete.with_suffix(".txt")
    before = complete.read_bytes(), text.read_bytes()
    result = invoke("fill", str(complete), "--no-input", "--set", assignment)
    assert result.exit_code == 1
    assert message in result.stderr
    assert "is refused; the report keeps the value it had" in result.stderr
    assert (complete.read_bytes(), text.read_bytes()) == before


def test_an_invalid_answer_from_a_file_is_refused_and_the_valid_ones_kept(
    invoke: Invoke, complete: Path
) -> None:
    answers = json.dumps({"date": "31/31/2016", "organizer": "Host country"})
    result = invoke("fill", str(complete), "--from", "-", "--no-input", input=answers)
    assert result.exit_code == 1
    assert "the value given for date (Date) is refused" in result.stderr
    written = tomllib.loads(complete.read_text(encoding="utf-8"))
    assert (written["date"].isoformat(), written["organizer"]) == ("2016-12-07", "Host country")
    assert "Host country" in complete.with_suffix(".txt").read_text(encoding="utf-8")


# --- the workflow import suggests ----------------------------------------------------------


def _next_command(stderr: str) -> list[str]:
    line = next(line for line in stderr.splitlines() if line.startswith("Next: "))
    return shlex.split(line.split("`")[1])


def test_the_fill_that_import_prints_saves_the_answer_and_spares_the_source(
    invoke: Invoke, tmp_path: Path
) -> None:
    source = tmp_path / "my reports" / "ws173.txt"
    source.parent.mkdir()
    source.write_bytes(SEED.read_bytes())
    imported = invoke("import", str(source))
    assert imported.exit_code == 0, imported.stderr
    command = _next_command(imported.stderr)
    assert command[:2] == ["igf-report", "fill"]
    result = invoke(*command[1:], *SET_RAPPORTEUR, "--no-input")
    assert result.exit_code == 0, result.stderr
    report = source.with_suffix(".toml")
    assert tomllib.loads(report.read_text(encoding="utf-8"))["rapporteur"]["name"] == "Ana Pérez"
    assert source.read_bytes() == SEED.read_bytes()
    text = source.with_name("ws173.report.txt")
    assert f"{source} was not written by igf-report" in result.stderr
    assert f"so the text went to {text}; --text FILE chooses another" in result.stderr
    assert "Ana Pérez" in text.read_text(encoding="utf-8")
    # once more: the text is rewritten where it went, the source still spared
    again = invoke(*command[1:], "--no-input", "--set", "organizer=Host country")
    assert again.exit_code == 0, again.stderr
    assert "Host country" in text.read_text(encoding="utf-8")
    assert source.read_bytes() == SEED.read_bytes()


def test_text_goes_where_asked_and_a_refused_text_still_saves_the_answer(
    invoke: Invoke, tmp_path: Path
) -> None:
    report = tmp_path / "ws173.toml"
    assert invoke("import", str(SEED), "-o", str(report)).exit_code == 0
    mine = tmp_path / "mine.txt"
    mine.write_text("my notes\n", encoding="utf-8")
    refused = invoke("fill", str(report), *SET_RAPPORTEUR, "--text", str(mine), "--no-input")
    assert refused.exit_code == 1
    assert f"{mine} exists and was not written by igf-report" in refused.stderr
    assert "rapporteur" in tomllib.loads(report.read_text(encoding="utf-8"))
    assert mine.read_text(encoding="utf-8") == "my notes\n"
    chosen = tmp_path / "out" / "ws173 text.txt"
    chosen.parent.mkdir()
    result = invoke("fill", str(report), "--text", str(chosen), "--no-input")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.endswith(f"Wrote {report} and {chosen}\n")


def test_import_to_stdout_prints_a_next_step_that_works(invoke: Invoke) -> None:
    result = invoke("import", "-", input=SEED.read_text(encoding="utf-8"))
    assert result.exit_code == 0
    next_line = next(line for line in result.stderr.splitlines() if line.startswith("Next: "))
    assert (
        "`igf-report import - -o report.toml` writes it to a file; then `igf-report fill "
        "report.toml`" in next_line
    )
    assert "the report`" not in next_line


# --- the file stays what it was ------------------------------------------------------------


def test_a_symlinked_report_is_written_through_and_stays_a_link(
    invoke: Invoke, tmp_path: Path, complete: Path
) -> None:
    link = tmp_path / "elsewhere" / "link.toml"
    link.parent.mkdir()
    link.symlink_to(complete)
    result = invoke("fill", str(link), "--no-input", "--set", "organizer=Through the link")
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink()
    assert tomllib.loads(complete.read_text(encoding="utf-8"))["organizer"] == "Through the link"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes and owners")
def test_mode_and_owner_are_kept(invoke: Invoke, complete: Path) -> None:
    complete.chmod(0o640)
    if os.geteuid() == 0:
        os.chown(complete, 4321, 4321)
    result = invoke("fill", str(complete), "--no-input", "--set", "organizer=Kept")
    assert result.exit_code == 0, result.stderr
    status = complete.stat()
    assert status.st_mode & 0o7777 == 0o640
    if os.geteuid() == 0:
        assert (status.st_uid, status.st_gid) == (4321, 4321)


def test_a_read_only_report_is_refused_with_a_message(
    invoke: Invoke, complete: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tempfile.tempdir", str(complete.parent / "tmp"))
    (complete.parent / "tmp").mkdir()
    complete.chmod(0o444)
    before = complete.read_bytes()
    result = invoke("fill", str(complete), "--no-input", "--set", "organizer=Not written")
    assert result.exit_code == 1
    assert f"error: cannot write {complete}: the file is read-only" in result.stderr
    assert complete.read_bytes() == before
    (draft,) = (complete.parent / "tmp").iterdir()
    assert f"your answers are saved in {draft}" in result.stderr
    assert tomllib.loads(draft.read_text(encoding="utf-8"))["organizer"] == "Not written"


MY_REPORT = """\
# Report of WS173, kept by the Mexico team.
# Ask Ana before changing the speakers.

template = "igf-2016-workshop"
# the short title, as the programme has it
title = "Connecting the Next Billion"  # checked with the MAG
date = 2016-12-07
time = { start = 09:00:00, end = 10:30:00 }
organizer = "Internet Society"
chair = { name = "Ana Pérez", affiliation = "Internet Society" }
# two speakers, in speaking order
speakers = [
    { name = "Li Wei", affiliation = "CNNIC" },  # remote
    { name = "Jean Dupont", affiliation = "Afnic" },
]
key_issues = [
    \"\"\"Access is still too expensive in rural areas.\"\"\",
]
discussions = [
    \"\"\"Participants agreed.
# this line is text, not a comment
title = "nor a key"\"\"\",
]
way_forward = ["Meet again at IGF 2017."]

# end of report
"""


def test_comments_survive_fill_above_their_keys(invoke: Invoke, tmp_path: Path) -> None:
    report = tmp_path / "report.toml"
    report.write_text(MY_REPORT, encoding="utf-8")
    result = invoke("fill", str(report), "--no-input", *SET_RAPPORTEUR)
    assert result.exit_code == 0, result.stderr
    text = report.read_text(encoding="utf-8")
    assert text.startswith(
        "# Report of WS173, kept by the Mexico team.\n"
        "# Ask Ana before changing the speakers.\n\n"
        'template = "igf-2016-workshop"\n'
    )
    assert (
        "# the short title, as the programme has it\n"
        "# checked with the MAG\n"
        'title = "Connecting the Next Billion"\n'
    ) in text
    assert "# two speakers, in speaking order\n# remote\nspeakers = [\n" in text
    assert text.endswith("\n# end of report\n")
    assert text.count("# this line is text, not a comment") == 1
    assert text.count("nor a key") == 1
    written = tomllib.loads(text)
    assert written["rapporteur"]["name"] == "Ana Pérez"
    assert written["discussions"] == tomllib.loads(MY_REPORT)["discussions"]
    # a second rewrite changes nothing
    assert invoke("fill", str(report), "--no-input").exit_code == 0
    assert report.read_text(encoding="utf-8") == text


def test_the_labels_and_schema_line_of_new_survive_fill(
    invoke: Invoke, tmp_path: Path, data: dict[str, Any]
) -> None:
    report = tmp_path / "report.toml"
    assert invoke("new", str(report)).exit_code == 0
    blank = report.read_text(encoding="utf-8")
    comments = [line for line in blank.splitlines() if line.startswith("#")]
    answers = tmp_path / "answers.toml"
    answers.write_text(dump_toml(data), encoding="utf-8")
    result = invoke("fill", str(report), "--from", str(answers), "--no-input")
    assert result.exit_code == 0, result.stderr
    text = report.read_text(encoding="utf-8")
    assert text.startswith("#:schema ./igf-2016-workshop.schema.json\n")
    assert [line for line in text.splitlines() if line.startswith("#")] == comments
    assert "# Example: title = " in text.split("\ntitle = ")[0].rsplit("\n\n", 1)[1]


_comment = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Cc", "Zl", "Zp"]),
    max_size=30,
).map(lambda s: f"# {s}".rstrip())


@settings(max_examples=examples(150), deadline=None)
@given(
    _reports,
    st.lists(st.tuples(st.integers(0, 11), _comment), max_size=8),
    st.lists(_comment, max_size=2),
)
def test_any_comments_above_keys_survive_a_rewrite(
    data: dict[str, Any], placed: list[tuple[int, str]], trailing: list[str]
) -> None:
    tally("round trip: comments of generated reports through a rewrite")
    report = check({k: v for k, v in data.items() if v is not None}).report
    if report is None:
        return
    values = report.model_dump()
    keys = ["template", *(spec.key for spec in FIELDS if values.get(spec.key) is not None)]
    above = {key: [c for i, c in placed if keys[i % len(keys)] == key] for key in keys}
    text = "".join(
        _block(above[key]) + _assignment(key, values.get(key, TEMPLATE_ID)) for key in keys
    )
    if trailing:
        text += "\n" + _block(trailing)
    rewritten = dump_toml(values, keep=find_comments(text))
    assert tomllib.loads(rewritten) == tomllib.loads(text)
    for key, block in above.items():
        assert f"{_block(block)}{key} = " in rewritten
    assert rewritten.endswith(_block(trailing) or "\n")
    assert dump_toml(values, keep=find_comments(rewritten)) == rewritten


def test_a_draft_saved_as_the_wizard_saves_keeps_comments(tmp_path: Path) -> None:
    # the wizard saves every answer through save_draft
    report = tmp_path / "report.toml"
    report.write_text(
        "#:schema ./igf-2016-workshop.schema.json\n# draft, do not send\n\n"
        'template = "igf-2016-workshop"\n'
        '# from the programme\ntitle = "Old"\n',
        encoding="utf-8",
    )
    saved = save_draft(
        report,
        {"title": "New", "organizer": "Host country"},
        expect=report.read_text(encoding="utf-8"),
    )
    assert saved.path == report
    assert report.read_text(encoding="utf-8") == (
        "#:schema ./igf-2016-workshop.schema.json\n# draft, do not send\n\n"
        'template = "igf-2016-workshop"\n\n# from the programme\ntitle = "New"\n'
        'organizer = "Host country"\n'
    )


# --- a long name -----------------------------------------------------------------------------

# 80 CJK characters and ".toml": 245 bytes, within the 255 a name may have
LONG_NAME = "报" * 80 + ".toml"


def test_a_report_with_a_long_name_saves_the_answer(
    invoke: Invoke, tmp_path: Path, data: dict[str, Any]
) -> None:
    report = tmp_path / LONG_NAME
    report.write_text(dump_toml(data), encoding="utf-8")
    result = invoke("fill", str(report), "--no-input", *SET_RAPPORTEUR)
    assert result.exit_code == 0, result.stderr
    saved = tomllib.loads(report.read_text(encoding="utf-8"))
    assert saved["rapporteur"] == {"name": "Ana Pérez", "affiliation": "ISOC Mexico"}
    # no temporary or lock file is left beside it
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [LONG_NAME, LONG_NAME.removesuffix(".toml") + ".txt"]
    )


def test_a_long_named_report_that_cannot_be_written_is_rescued_in_the_temporary_folder(
    invoke: Invoke, tmp_path: Path, data: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    rescue = tmp_path / "tmp"
    rescue.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(rescue))
    report = tmp_path / ("报" * 83 + "a.toml")  # 255 bytes
    report.write_text(dump_toml(data), encoding="utf-8")
    report.chmod(0o444)  # refused even to root
    result = invoke("fill", str(report), "--no-input", *SET_RAPPORTEUR)
    assert result.exit_code == 1
    (draft,) = rescue.iterdir()
    assert len(os.fsencode(draft.name)) <= 255
    assert draft.name.startswith(f"igf-report-draft-{os.getpid()}-报")
    assert f"your answers are saved in {draft}" in result.stderr
    assert tomllib.loads(draft.read_text(encoding="utf-8"))["rapporteur"]["name"] == "Ana Pérez"
