"""``igf-report new --from-schedule``: which column fills what, how drafts are named, kept."""

from __future__ import annotations

import datetime as dt
import itertools
import os
import tempfile
import time
import tomllib
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import Result

from igf_report.template.schema import SCHEMA_FILE_NAME

from .conftest import Invoke, examples
from .reliability import tally
from .test_growth import assert_linear

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


def test_one_column_schedule(invoke: Invoke, tmp_path: Path) -> None:
    result, folder = drafts_of(invoke, tmp_path, "Title\nOnly one\nAnother\n")
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in folder.glob("*.toml")) == ["another.toml", "only-one.toml"]


def test_session_ids_keep_underscores_as_hyphens(invoke: Invoke, tmp_path: Path) -> None:
    _, folder = drafts_of(invoke, tmp_path, "Session ID,Title\nOF_5,A\nWS - 12,B\n")
    assert sorted(p.name for p in folder.glob("*.toml")) == ["of-5.toml", "ws-12.toml"]


# --- odd folders, long names, broken files: one message, and no row stops the others ------


def _one_error(result: Result) -> str:
    """The one error line of a refused run (exit 1, no traceback)."""
    assert result.exit_code == 1, result.stderr
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if "error:" in line]
    assert len(errors) == 1, result.stderr
    return errors[0]


def _run(
    invoke: Invoke, tmp_path: Path, folder: Path | str, schedule: str = "Title\nA\n"
) -> Result:
    (tmp_path / "programme.csv").write_text(schedule, encoding="utf-8")
    return invoke("new", "--from-schedule", str(tmp_path / "programme.csv"), "--dir", str(folder))


def test_a_dir_that_is_a_link_to_nowhere_is_one_message(invoke: Invoke, tmp_path: Path) -> None:
    (tmp_path / "dangling").symlink_to(tmp_path / "gone" / "drafts")
    error = _one_error(_run(invoke, tmp_path, tmp_path / "dangling"))
    assert f"--dir {tmp_path / 'dangling'}: it is a symbolic link to {tmp_path / 'gone'}" in error
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    assert "symbolic link" in _one_error(_run(invoke, tmp_path, tmp_path / "loop"))
    assert not (tmp_path / "gone").exists()


def test_a_dir_under_a_file_names_the_file(invoke: Invoke, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine\n", encoding="utf-8")
    error = _one_error(_run(invoke, tmp_path, tmp_path / "notes.txt" / "drafts"))
    assert f"cannot make the folder --dir {tmp_path / 'notes.txt' / 'drafts'}: " in error
    assert f"{tmp_path / 'notes.txt'} is a file, not a folder" in error
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine\n"


def test_a_dir_name_over_255_bytes_is_said_before_anything_is_made(
    invoke: Invoke, tmp_path: Path
) -> None:
    error = _one_error(_run(invoke, tmp_path, tmp_path / "new" / ("d" * 300) / "drafts"))
    assert f"the name {'d' * 300} is 300 bytes, and a file system allows 255" in error
    assert not (tmp_path / "new").exists()
    deep = tmp_path.joinpath(*["d" * 200] * 25)  # names that fit, a path of 5,000 bytes
    assert "the path is longer than the system allows" in _one_error(_run(invoke, tmp_path, deep))


@pytest.mark.skipif(not os.path.ismount("/sys"), reason="needs sysfs at /sys")
@pytest.mark.parametrize("folder", ["/sys", "/sys/igf-report-test/drafts"])
def test_a_dir_nobody_may_write_is_one_message(invoke: Invoke, tmp_path: Path, folder: str) -> None:
    # sysfs refuses new files and folders even to root, who may write any folder's files
    error = _one_error(_run(invoke, tmp_path, folder))
    assert f"--dir {folder}: " in error
    assert "Permission denied" in error or "Operation not permitted" in error


def test_a_cell_over_the_csv_modules_limit_is_read(invoke: Invoke, tmp_path: Path) -> None:
    discussion = "word " * 40_000  # 200,000 characters; the csv module stops at 131,072
    result = _run(invoke, tmp_path, tmp_path / "d", f'Title,Discussions\nA,"{discussion}"\n')
    assert result.exit_code == 0, result.stderr
    # read whole; too long for the template, so left for fill to ask, as any value that is
    assert "item 1): is 199999 characters long; the limit is 20000; left for fill" in (
        result.stderr
    )


def test_a_session_id_of_4_byte_characters_makes_a_name_that_fits(
    invoke: Invoke, tmp_path: Path
) -> None:
    wide = "\U00020000" * 70  # 280 bytes
    schedule = f"Session ID,Title\nWS 1,A\n{wide},B\n{wide},C\nWS 3,D\n"
    result = _run(invoke, tmp_path, tmp_path / "d", schedule)
    assert result.exit_code == 0, result.stderr
    names = sorted(p.name for p in (tmp_path / "d").glob("*.toml"))
    cut = "\U00020000" * 30  # 120 bytes, cut between characters
    assert names == sorted(["ws1.toml", f"{cut}.toml", f"{cut}-2.toml", "ws3.toml"])
    assert "4 rows: 4 drafts written, 0 kept, 0 failed" in result.stderr
    again = _run(invoke, tmp_path, tmp_path / "d", schedule)
    assert again.exit_code == 0, again.stderr
    assert "4 rows: 0 drafts written, 4 kept, 0 failed" in again.stderr


def test_a_long_title_of_cjk_is_cut_by_bytes_between_words(invoke: Invoke, tmp_path: Path) -> None:
    word = "\u6f22" * 14  # 42 bytes a word: two make 85 bytes, three 128, over 120
    _, folder = drafts_of(invoke, tmp_path, f"Title\n{word} {word} {word} {word}\n")
    assert [p.name for p in folder.glob("*.toml")] == [f"{word}-{word}.toml"]


def test_a_row_that_cannot_be_written_is_named_and_the_others_are_written(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from igf_report.errors import FileWriteError  # noqa: PLC0415
    from igf_report.files.atomic import create_new as real  # noqa: PLC0415

    def disk_error_for_ws2(path: Path, text: str | bytes) -> bool:
        if "ws2" in path.name:
            msg = f"cannot write {path}: Input/output error"
            raise FileWriteError(msg)
        return real(path, text)

    monkeypatch.setattr("igf_report.collection.schedule.create_new", disk_error_for_ws2)
    # the first row spans two lines, so the failing row 3 starts on line 4
    text = 'Session ID,Key issues\nWS 1,"One.\nTwo."\nWS 2,Three.\nWS 3,Four.\n'
    result, folder = drafts_of(invoke, tmp_path, text)
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    assert f"error: {tmp_path / 'programme.csv'}:4: row 3 not written: cannot write " in (
        result.stderr
    )
    assert "3 rows: 2 drafts written, 0 kept, 1 failed" in result.stderr
    assert "error: 1 of 3 drafts not written (rows 3); the same command again writes " in (
        result.stderr
    )
    assert sorted(p.name for p in folder.iterdir()) == [SCHEMA_FILE_NAME, "ws1.toml", "ws3.toml"]
    monkeypatch.setattr("igf_report.collection.schedule.create_new", real)
    again, _ = drafts_of(invoke, tmp_path, text)
    assert again.exit_code == 0, again.stderr
    assert "3 rows: 1 draft written, 2 kept, 0 failed" in again.stderr
    assert values(folder / "ws2.toml")["key_issues"] == ["Three."]


@pytest.mark.parametrize(
    ("schedule", "line", "taken"),
    [
        ('Session ID,Title\nWS 1,"First\nWS 2,Second\nWS 3,Third\n', 2, "the 2 lines"),
        # the quote opens on the second line of a row whose first cell spans two
        ('Title,Discussions,Key issues\nA,"one\ntwo","open\nB\n', 3, "the line"),
        ('Title\nA\n"B', 3, ""),
    ],
)
def test_a_quote_never_closed_names_its_line(
    invoke: Invoke, tmp_path: Path, schedule: str, line: int, taken: str
) -> None:
    result, folder = drafts_of(invoke, tmp_path, schedule)
    error = _one_error(result)
    assert f'{tmp_path / "programme.csv"}:{line}: a quote (") opened on this line is never ' in (
        error
    )
    assert (f", taking in {taken} after it;" in error) == bool(taken)
    assert not folder.exists()


def test_reading_a_heading_row_grows_linearly(tmp_path: Path) -> None:
    # a quote opening each heading: csv.Sniffer took 34 s on 96 KB of them
    from igf_report.collection.schedule import make_drafts  # noqa: PLC0415

    def cpu_time(headings: int) -> float:
        path = tmp_path / f"h{headings}.csv"
        path.write_text("Title" + ',"a' * headings + "\nx\n", encoding="utf-8")
        best = float("inf")
        for _ in range(3):
            start = time.process_time()
            make_drafts(path, tmp_path / "d", with_schema=False)
            best = min(best, time.process_time() - start)
        return best

    small, large = cpu_time(200_000), cpu_time(400_000)  # 600 KB and 1.2 MB
    assert large < 3 * small, f"doubling the heading row took {large / small:.1f} times as long"


def test_a_wide_heading_row_over_many_rows_takes_memory_in_proportion(tmp_path: Path) -> None:
    # short rows were padded to the heading row: N columns over N rows took N x N cells
    from igf_report.collection.schedule import read_schedule  # noqa: PLC0415

    def peak(size: int) -> int:
        path = tmp_path / f"w{size}.csv"
        header = ",".join(["Title", *(f"c{n}" for n in range(size))])
        path.write_text(header + "\n" + "x\n" * size, encoding="utf-8")
        tracemalloc.start()
        try:
            read_schedule(path)
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    small, large = peak(1500), peak(3000)
    assert large < 3 * small, f"doubling the file took {large / small:.1f} times the memory"


# pieces of a programme and of broken CSV: quotes, every delimiter and line end, NUL,
# a byte-order mark, wide characters, headings the template knows
_CSV_PIECES = st.sampled_from(
    ['"', '""', ",", ";", "\t", "\n", "\r\n", "\r", "\x00", " ", "\ufeff", "\u2028", "é",
     "\U00020000" * 60, "Title", "Session ID", "Date", "Speakers", "2016-12-06", "WS 1", "a"]
)  # fmt: skip


@settings(max_examples=examples(100), deadline=None)
@given(pieces=st.lists(_CSV_PIECES, max_size=40))
def test_any_schedule_makes_drafts_that_fit_or_one_message(pieces: list[str]) -> None:
    from igf_report.collection.schedule import make_drafts  # noqa: PLC0415
    from igf_report.errors import IgfReportError  # noqa: PLC0415

    with tempfile.TemporaryDirectory() as temporary:
        schedule = Path(temporary) / "programme.csv"
        schedule.write_text("Session ID,Title\n" + "".join(pieces), encoding="utf-8")
        message = ""
        try:
            made = make_drafts(schedule, Path(temporary) / "drafts", with_schema=False)
        except IgfReportError as error:
            message = str(error)
        if message:  # refused: a message for people, naming the file
            assert str(schedule) in message
        else:
            for draft in made.drafts:
                assert draft.path.is_file()
                assert len(os.fsencode(draft.path.name)) <= 255
    tally("fuzz: new --from-schedule, arbitrary CSV")


def test_cells_past_the_last_heading_are_named_not_dropped_in_silence(
    invoke: Invoke, tmp_path: Path
) -> None:
    # "Li Wei, CNNIC" unquoted in the last column: CNNIC was lost without a word
    schedule = tmp_path / "programme.csv"
    schedule.write_text(
        "Title,Date,Speakers\n"
        "Session A,6 December 2016,Li Wei, CNNIC\n"
        "Session B,7 December 2016,Ana Pérez\n"
        "Session D,8 December 2016,Ana,B,C\n"
        f"Session C,7 December 2016,Ana,{'x' * 100},\n",
        encoding="utf-8",
    )
    result = invoke("new", "--from-schedule", str(schedule), "--dir", str(tmp_path / "d"))
    assert result.exit_code == 0, result.stderr
    assert (
        f"warning: {schedule}:2: row 2 has a cell past the last heading, which fills "
        'nothing and is not in the draft: "CNNIC"; put a cell holding the delimiter in '
        'quotes ("Li Wei, CNNIC")'
    ) in result.stderr
    assert f"{schedule}:4: row 4 has 2 cells past the last heading, which fill" in result.stderr
    assert f"{schedule}:5: row 5 has a cell past the last heading" in result.stderr
    assert f'"{"x" * 60}…"' in result.stderr
    assert result.stderr.count("past the last heading") == 3


@pytest.mark.parametrize(
    "cell",
    [
        pytest.param(lambda n: "a" + " " * n + "a", id="a run of spaces"),
        pytest.param(lambda n: "Ana; " * n, id="many persons"),
        pytest.param(lambda n: "a" + " \n" * n + "a", id="blank lines"),
    ],
)
def test_a_speakers_cell_is_read_in_time_linear_in_it(
    tmp_path: Path, cell: Callable[[int], str]
) -> None:
    # "\s*(?:;|\n)\s*" tried at every space of a run went over the whole run:
    # a cell of 100,000 spaces took 60 s
    from igf_report.collection.schedule import make_drafts  # noqa: PLC0415

    runs = itertools.count()

    def run(n: int) -> None:
        path = tmp_path / f"s{n}.csv"
        if not path.exists():
            path.write_text(f'Title,Speakers\nT,"{cell(n)}"\n', encoding="utf-8")
        # a folder of its own each run: a draft already there is kept, not written
        make_drafts(path, tmp_path / f"d{next(runs)}", with_schema=False)

    assert_linear(run, start=1024)
