"""``igf-report new --from-schedule``: which column fills what, how drafts are named, kept."""

from __future__ import annotations

import datetime as dt
import os
import tomllib
from pathlib import Path
from typing import Any

import pytest

from igf_report.schema import SCHEMA_FILE_NAME

from .conftest import Invoke

SCHEDULE = (
    "Room,Session ID,Title,Data,Time,Start,End,Chair,Rapporteur notetaker,Key isues,"
    "Discussions,Title\n"
    'R1,WS_173,Same,x,,,11:00,Ana,Bo,"Access is costly\nSkills lack",'
    '"First line\nof one paragraph",t2\n'
    "R2,,Same,,09:00 - 10:00,11:00,12:00\n"
    "R3,,Same,,,14:00,15:00\n"
    "R4,,Same\n"
    "R5,,¿?\n"
)


def drafts_of(invoke: Invoke, tmp_path: Path, schedule: str, *options: str) -> tuple[Any, Path]:
    (tmp_path / "programme.csv").write_text(schedule, encoding="utf-8")
    folder = tmp_path / "out" / "drafts"
    result = invoke("new", "--from-schedule", str(tmp_path / "programme.csv"),
                    "--dir", str(folder), *options)  # fmt: skip
    return result, folder


def values(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def test_columns_are_matched_by_key_label_or_part_and_the_first_wins(
    invoke: Invoke, tmp_path: Path
) -> None:
    result, folder = drafts_of(invoke, tmp_path, SCHEDULE)
    assert result.exit_code == 0, result.stderr
    lines = result.stderr.splitlines()
    assert lines[0] == (
        "Columns used: Title as title, Time as time, Start as time.start, End as time.end, "
        "Chair as chair, Rapporteur notetaker as rapporteur, Key isues as key_issues, "
        "Discussions as discussions, session ids for the file names"
    )
    # "Data" is not a typo of "Date" but another word; the second Title is not read
    assert lines[1] == "Columns ignored: Room, Data, Title"
    ws173 = values(folder / "ws-173.toml")
    assert ws173["title"] == "Same"
    assert ws173["chair"] == {"name": "Ana"}
    assert ws173["rapporteur"] == {"name": "Bo"}
    # a list's items are the cell's lines; a paragraph field's paragraphs are split
    # at blank lines, as when typed
    assert ws173["key_issues"] == ["Access is costly", "Skills lack"]
    assert len(ws173["discussions"]) == 1
    assert ws173["discussions"][0].startswith("First line")
    assert ws173["date"] == ""


def test_the_time_comes_from_its_column_or_else_from_start_and_end(
    invoke: Invoke, tmp_path: Path
) -> None:
    result, folder = drafts_of(invoke, tmp_path, SCHEDULE)
    # the Time column wins over Start and End; where it is empty, they make the time
    assert values(folder / "same.toml")["time"] == {"start": dt.time(9), "end": dt.time(10)}
    assert values(folder / "same-2.toml")["time"] == {"start": dt.time(14), "end": dt.time(15)}
    # an end without a start is left for fill, not guessed
    assert (
        f"{folder / 'ws-173.toml'}: error: time (Time, start): is required; left for fill to ask"
        in result.stderr
    )


def test_drafts_are_named_by_session_id_else_title_else_row(invoke: Invoke, tmp_path: Path) -> None:
    result, folder = drafts_of(invoke, tmp_path, SCHEDULE)
    assert sorted(p.name for p in folder.iterdir()) == [
        SCHEMA_FILE_NAME,
        "same-2.toml",
        "same-3.toml",
        "same.toml",
        "session-6.toml",
        "ws-173.toml",
    ]
    assert f"Wrote {folder / 'ws-173.toml'} (row 2)" in result.stderr
    assert f"Wrote {folder / 'session-6.toml'} (row 6)" in result.stderr
    assert "5 rows: 5 drafts written, 0 kept" in result.stderr


@pytest.mark.parametrize(
    ("title", "name"),
    [
        # words up to 60 characters, never a word cut
        ("words " + "word " * 12, "-".join(["words"] + ["word"] * 11)),
        ("abcdefghi " * 7, "-".join(["abcdefghi"] * 6)),
        # one word longer than that: its start
        ("x" * 70, "x" * 60),
    ],
)
def test_a_long_title_makes_a_file_name_of_at_most_60_characters(
    invoke: Invoke, tmp_path: Path, title: str, name: str
) -> None:
    _, folder = drafts_of(invoke, tmp_path, f"Title\n{title}\n")
    assert [p.name for p in folder.glob("*.toml")] == [f"{name}.toml"]


def test_a_schedule_without_a_title_column_names_drafts_by_row(
    invoke: Invoke, tmp_path: Path
) -> None:
    result, folder = drafts_of(invoke, tmp_path, "Date,Organizer\n2016-12-06,ISOC\n,Afnic\n")
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in folder.glob("*.toml")) == ["session-2.toml", "session-3.toml"]
    assert values(folder / "session-3.toml")["organizer"] == "Afnic"


def test_semicolons_are_found_from_the_heading_row_even_with_spaces_in_it(
    invoke: Invoke, tmp_path: Path
) -> None:
    schedule = "Session Title;Session Organizer;Date\nA, B and C;ISOC\n"
    result, folder = drafts_of(invoke, tmp_path, schedule)
    assert result.exit_code == 0, result.stderr
    draft = values(folder / "a-b-and-c.toml")
    # the short row is padded with empty cells, which fill nothing
    assert draft["title"] == "A, B and C"
    assert draft["organizer"] == "ISOC"
    assert draft.get("date", "") == ""
    assert "left for fill" not in result.stderr


def test_no_known_column_says_which_headings_it_read(invoke: Invoke, tmp_path: Path) -> None:
    result, folder = drafts_of(invoke, tmp_path, "Room,,Capacity\nA,,20\n")
    assert result.exit_code == 2
    assert "(headings: Room, Capacity); name columns after the fields: Session Title, Date, " in (
        result.stderr
    )
    assert not folder.exists()
    empty, _ = drafts_of(invoke, tmp_path, "\n")
    assert "(headings: none)" in empty.stderr
    # one column: no delimiter to find, the heading read whole
    one, _ = drafts_of(invoke, tmp_path, "EXTRA X\nx\n")
    assert "(headings: EXTRA X)" in one.stderr


def test_a_dir_that_is_a_file_is_refused(invoke: Invoke, tmp_path: Path) -> None:
    (tmp_path / "programme.csv").write_text("Title\nA\n", encoding="utf-8")
    (tmp_path / "taken").write_text("mine\n", encoding="utf-8")
    result = invoke("new", "--from-schedule", str(tmp_path / "programme.csv"),
                    "--dir", str(tmp_path / "taken"))  # fmt: skip
    assert result.exit_code == 2
    assert f"--dir {tmp_path / 'taken'} is a file, not a folder" in result.stderr
    assert (tmp_path / "taken").read_text(encoding="utf-8") == "mine\n"


def test_a_draft_explains_its_fields_and_names_the_schema_beside_it(
    invoke: Invoke, tmp_path: Path
) -> None:
    _, folder = drafts_of(invoke, tmp_path, "Title\nA\n")
    draft = (folder / "a.toml").read_text(encoding="utf-8")
    assert draft.startswith(f"#:schema ./{SCHEMA_FILE_NAME}\n")
    assert "\n# 1. Session Title\n" in draft
    written = (folder / SCHEMA_FILE_NAME).read_text(encoding="utf-8")
    # the same document, byte for byte, as `igf-report schema` prints
    assert written == invoke("schema").stdout


def test_the_schema_is_replaced_when_ours_and_kept_when_not(invoke: Invoke, tmp_path: Path) -> None:
    _, folder = drafts_of(invoke, tmp_path, "Title\nA\n")
    schema = folder / SCHEMA_FILE_NAME
    schema.write_text(schema.read_text(encoding="utf-8").replace('"type"', '"type" '), "utf-8")
    again, _ = drafts_of(invoke, tmp_path, "Title\nA\nB\n")
    assert f"Wrote {schema}" in again.stderr
    assert schema.read_text(encoding="utf-8") == invoke("schema").stdout
    for foreign in ('{"title": "my own"}\n', "not json\n"):
        schema.write_text(foreign, encoding="utf-8")
        (folder / "b.toml").unlink()
        kept, _ = drafts_of(invoke, tmp_path, "Title\nA\nB\n")
        assert f"note: {schema} exists and is not igf-report's schema" in kept.stderr
        assert schema.read_text(encoding="utf-8") == foreign


def test_no_schema_writes_none_and_nothing_new_writes_none(invoke: Invoke, tmp_path: Path) -> None:
    _, folder = drafts_of(invoke, tmp_path, "Title\nA\n", "--no-schema")
    assert not (folder / SCHEMA_FILE_NAME).exists()
    result, _ = drafts_of(invoke, tmp_path, "Title\nA\n")
    assert f"Kept {folder / 'a.toml'} (row 2): it exists already" in result.stderr
    assert not (folder / SCHEMA_FILE_NAME).exists()


def test_create_new_without_hard_links_still_never_replaces(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from igf_report.schedule import create_new  # noqa: PLC0415

    def no_links(*_: object) -> None:
        raise PermissionError(1, "hard links not supported")

    monkeypatch.setattr(os, "link", no_links)
    path = tmp_path / "ws1.toml"
    assert create_new(path, "first\n")
    assert not create_new(path, "second\n")
    assert path.read_text(encoding="utf-8") == "first\n"
    assert [p.name for p in tmp_path.iterdir()] == ["ws1.toml"]


def test_one_column_schedule(invoke: Invoke, tmp_path: Path) -> None:
    result, folder = drafts_of(invoke, tmp_path, "Title\nOnly one\nAnother\n")
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in folder.glob("*.toml")) == ["another.toml", "only-one.toml"]


def test_session_ids_keep_underscores_as_hyphens(invoke: Invoke, tmp_path: Path) -> None:
    _, folder = drafts_of(invoke, tmp_path, "Session ID,Title\nOF_5,A\nWS - 12,B\n")
    assert sorted(p.name for p in folder.glob("*.toml")) == ["of-5.toml", "ws-12.toml"]
