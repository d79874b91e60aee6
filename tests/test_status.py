"""``igf-report status``: the table people read, and the JSON and CSV scripts read."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from .conftest import Invoke, valid_data


def write_report(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(tomli_w.dumps(data), encoding="utf-8")


@pytest.fixture
def reports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A valid report deep in folders with a long title, one invalid, one untitled."""
    monkeypatch.chdir(tmp_path)
    long = valid_data() | {"title": "A  very\tlong title é " * 8, "date": dt.date(2016, 12, 8)}
    write_report(tmp_path / "r" / "deeply" / "nested" / "folder" / "long-name.toml", long)
    broken = valid_data() | {"date": "31/31/2016"}
    del broken["way_forward"], broken["key_issues"]
    write_report(tmp_path / "r" / "broken.toml", broken)
    untitled = valid_data()
    for key in ("title", "date", "time", "rapporteur"):
        del untitled[key]
    write_report(tmp_path / "r" / "untitled.toml", untitled)
    return Path("r")


def test_the_table_gives_each_column_its_room_and_cuts_with_an_ellipsis(
    invoke: Invoke, reports: Path
) -> None:
    result = invoke("status", str(reports))
    assert result.exit_code == 1
    # the file's own name whole; the title's runs of blanks made one space and cut at
    # the end; the rapporteur's name only; counts under their headings; nothing given: -
    assert result.stdout == (
        "FILE              TITLE                     DATE        RAPPORTEUR  STATE    ERR  WARN"
        "  MISSING\n"
        "…/long-name.toml  A very long title é A v…  2016-12-08  Kwame Men…  valid      0     0"
        "  -\n"
        "r/broken.toml     Connecting the Next Bil…  -           Kwame Men…  invalid    3     0"
        "  key_issues,…\n"
        "r/untitled.toml   -                         -           -           invalid    3     1"
        "  title, date…\n"
        "3 reports: 1 valid, 0 with warnings, 2 invalid; 2 miss required fields\n"
    )
    assert max(len(line) for line in result.stdout.splitlines()) == 100


def test_the_table_at_80_columns_cuts_a_file_name_it_cannot_keep_at_its_start(
    invoke: Invoke, reports: Path
) -> None:
    result = invoke("status", str(reports), "--width", "80")
    assert result.stdout.splitlines()[:4] == [
        "FILE           TITLE         DATE        RAPPORTEUR  STATE    ERR  WARN  MISSING",
        "…ng-name.toml  A very long…  2016-12-08  Kwame Men…  valid      0     0  -",
        "r/broken.toml  Connecting …  -           Kwame Men…  invalid    3     0  key_is…",
        "…ntitled.toml  -             -           -           invalid    3     1  title,…",
    ]


def test_a_long_path_is_cut_at_the_first_folder_boundary_that_fits(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    folder = Path("s") / ("a" * 40) / "b" / "c"
    folder.mkdir(parents=True)
    (folder / "ws173.toml").write_text(
        'template = "igf-2016-workshop"\norganizer = "ISOC"\n', encoding="utf-8"
    )
    wide, narrow = (invoke("status", "s", "-w", w).stdout.splitlines() for w in ("100", "80"))
    # with no title to give way, the file column keeps its name whole, and the
    # list of missing fields gives way to it
    assert wide[1] == (
        "…/b/c/ws173.toml            -      -     -           invalid    8     1"
        "  title, date, time, chair, …"
    )
    assert narrow[1] == (
        "…/b/c/ws173.toml  -      -     -           invalid    8     1  title, date, tim…"
    )
    assert wide[2] == "1 report: 0 valid, 0 with warnings, 1 invalid; 1 misses required fields"


def test_the_summary_counts_in_words(invoke: Invoke, tmp_path: Path) -> None:
    for name in ("a", "b"):
        write_report(tmp_path / f"{name}.toml", valid_data())
    result = invoke("status", str(tmp_path))
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == (
        "2 reports: 2 valid, 0 with warnings, 0 invalid; 0 miss required fields"
    )


def test_the_json_document_names_what_is_missing_and_gives_null_for_what_is_not_given(
    invoke: Invoke, reports: Path
) -> None:
    result = invoke("status", str(reports), "--format", "json")
    document = json.loads(result.stdout)
    assert document["reports"][2] == {
        "file": str(Path("r") / "untitled.toml"),
        "title": None,
        "date": None,
        "rapporteur": None,
        "state": "invalid",
        "errors": 3,
        "warnings": 1,
        "missing": ["title", "date", "time"],
    }
    assert document["summary"] == {
        "reports": 3,
        "valid": 1,
        "warnings": 0,
        "invalid": 2,
        "missing_required": 2,
    }
    # one value a line, text as written (not \u escapes): a diff between two runs reads
    assert result.stdout.startswith('{\n "version": 1,\n "reports": [\n  {\n   "file": ')
    assert '\n   "title": "A  very\\tlong title é A  very' in result.stdout
    assert result.stderr.startswith("3 reports: 1 valid, 0 with warnings, 2 invalid; 2 miss")


def test_the_csv_has_a_cell_per_value_and_a_line_per_missing_field(
    invoke: Invoke, reports: Path
) -> None:
    result = invoke("status", str(reports), "-f", "csv")
    # no byte-order mark: that is export --excel's, for Excel alone
    assert result.stdout.startswith('"file","title"')
    rows = list(csv.reader(io.StringIO(result.stdout, newline="")))
    assert rows[2:] == [
        [
            str(Path("r") / "broken.toml"),
            "Connecting the Next Billion",
            "",
            "Kwame Mensah, University of Ghana",
            "invalid",
            "3",
            "0",
            "key_issues\nway_forward",
        ],
        [str(Path("r") / "untitled.toml"), "", "", "", "invalid", "3", "1", "title\ndate\ntime"],
    ]


def test_a_report_named_without_a_folder_has_a_row(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write_report(tmp_path / "ws12.toml", valid_data())
    result = invoke("status", "ws12.toml")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[1].startswith("ws12.toml  Connecting the Next Billion  ")


def test_the_file_name_keeps_its_room_before_other_columns_give_way(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    untitled = Path("u") / ("a" * 40) / "b" / "long-name-12.toml"
    untitled.parent.mkdir(parents=True)
    untitled.write_text('template = "igf-2016-workshop"\norganizer = "ISOC"\n', "utf-8")
    write_report(
        Path("t") / ("c" * 40) / "d" / "ws1.toml",
        valid_data() | {"title": "A very long title " * 6},
    )
    # with no title to give way, the missing fields do, and the name stays whole
    assert invoke("status", "u", "-w", "80").stdout.splitlines()[1] == (
        "…/long-name-12.toml  -      -     -           invalid    8     1  title, date, …"
    )
    # a short name takes no more room than "…/ws1.toml": the title has the rest
    assert invoke("status", "t", "-w", "80").stdout.splitlines()[1] == (
        "…/ws1.toml  A very long titl…  2016-12-07  Kwame Men…  valid    0     0  -"
    )


def test_a_report_with_a_thousand_errors_still_fits_80_columns(
    invoke: Invoke, tmp_path: Path
) -> None:
    many = valid_data() | {"speakers": [{"name": "", "affiliation": "ISOC"}] * 1000}
    write_report(tmp_path / ("e" * 30 + ".toml"), many)
    warned = valid_data() | {"title": "A very long title " * 6, "date": dt.date(2017, 1, 9)}
    write_report(tmp_path / ("w" * 30 + ".toml"), warned)
    lines = invoke("status", str(tmp_path), "-w", "80").stdout.splitlines()
    assert [line.split()[-4:-1] for line in lines[1:3]] == [
        ["invalid", "1000", "0"],
        ["warnings", "0", "1"],
    ]
    assert max(len(line) for line in lines) == 80
