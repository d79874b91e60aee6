"""Many files at once: which files a folder holds, and what checking one says."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

import pytest

from igf_report.collection.checking import check_file, expand_paths
from igf_report.errors import UsageError

from .conftest import EXAMPLES, Invoke


def test_every_missing_path_is_named_at_once(tmp_path: Path) -> None:
    with pytest.raises(UsageError) as info:
        expand_paths([tmp_path / "a.toml", EXAMPLES, tmp_path / "b.toml"])
    assert (
        str(info.value) == f"no such file or folder: {tmp_path / 'a.toml'}, {tmp_path / 'b.toml'}"
    )


def test_a_file_reached_twice_through_links_is_checked_once(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (real / "r.toml").write_text('title = "x"\n', encoding="utf-8")
    (tmp_path / "again").symlink_to(real)
    (tmp_path / "same.toml").symlink_to(real / "r.toml")
    found = [p.resolve() for p in expand_paths([tmp_path])]
    assert found == [(real / "r.toml").resolve()]


def test_a_file_that_is_not_toml_is_one_error_about_the_whole_file(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    path.write_text("title = \n", encoding="utf-8")
    result = check_file(path)
    assert result.checked is None
    (finding,) = result.findings
    assert finding.label == "the whole file"
    assert finding.line == 1


def test_a_readable_file_keeps_what_was_checked() -> None:
    result = check_file(EXAMPLES / "community-networks.toml")
    assert result.checked is not None
    assert result.checked.report is not None


def _walk(*paths: Path) -> tuple[list[Path], list[str]]:
    said: list[str] = []
    return list(expand_paths(paths, said.append)), said


def test_a_folder_gives_its_toml_files_in_name_order_below_every_subfolder(
    tmp_path: Path,
) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    for name in ["b/z.toml", "b/a.toml", "a/m.toml", "top.toml", "notes.txt", "a/r.toml.bak"]:
        (tmp_path / name).write_text("", encoding="utf-8")
    (tmp_path / "dir.toml").mkdir()
    (tmp_path / "dir.toml" / "in.toml").write_text("", encoding="utf-8")
    found, said = _walk(tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in found] == [
        "a/m.toml",
        "b/a.toml",
        "b/z.toml",
        "dir.toml/in.toml",
        "top.toml",
    ]
    assert said == []


def test_a_file_named_twice_is_checked_once_and_any_name_is_kept(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("", encoding="utf-8")
    found, _ = _walk(notes, notes, tmp_path / "." / "notes.txt")
    assert found == [notes]


def test_a_symlink_loop_is_said_once_and_not_followed(tmp_path: Path) -> None:
    inner = tmp_path / "inner"
    inner.mkdir()
    (inner / "r.toml").write_text("", encoding="utf-8")
    (inner / "back").symlink_to(tmp_path)
    found, said = _walk(tmp_path)
    assert found == [inner / "r.toml"]
    assert said == [f"{inner / 'back'}: a symlink loop back to {tmp_path}; not followed"]
    # without anyone to tell, the loop is still skipped, not an error
    assert list(expand_paths([tmp_path])) == [inner / "r.toml"]


def test_a_folder_reached_again_by_a_link_after_its_walk_is_walked_once(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "r.toml").write_text("", encoding="utf-8")
    (tmp_path / "a" / "back").symlink_to(tmp_path)
    (tmp_path / "b").symlink_to(tmp_path / "a")
    found, said = _walk(tmp_path, tmp_path / "b")
    assert found == [tmp_path / "a" / "r.toml"]
    # the loop inside is said once, not again for the second way in
    assert said == [f"{tmp_path / 'a' / 'back'}: a symlink loop back to {tmp_path}; not followed"]


def test_a_dangling_link_is_said_and_skipped(tmp_path: Path) -> None:
    (tmp_path / "gone.toml").symlink_to(tmp_path / "nowhere.toml")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    found, said = _walk(tmp_path)
    assert found == []
    target = tmp_path / "nowhere.toml"
    assert said == [
        f"{tmp_path / 'gone.toml'}: a symbolic link to {target}, which does not exist; skipped"
    ]


def test_a_link_to_itself_is_said_as_a_loop(tmp_path: Path) -> None:
    (tmp_path / "self.toml").symlink_to(tmp_path / "self.toml")
    found, said = _walk(tmp_path)
    assert found == []
    assert said == [f"{tmp_path / 'self.toml'}: a symlink loop; not followed"]


def test_a_folder_that_cannot_be_listed_is_said_and_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "locked").mkdir()
    (tmp_path / "open.toml").write_text("", encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path: Any) -> Any:
        if Path(path).name == "locked":
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    found, said = _walk(tmp_path)
    assert found == [tmp_path / "open.toml"]
    assert said == [f"{tmp_path / 'locked'}: cannot read the folder: Permission denied; skipped"]


def test_the_lines_of_findings_are_those_of_their_keys(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    path.write_text(
        'template = "igf-2016-workshop"\n# a comment\n\nsession_type = "banquet"\n',
        encoding="utf-8",
    )
    result = check_file(path)
    lines = {f.path: f.line for f in result.findings}
    assert lines["session_type"] == 4
    assert lines["title"] is None  # not in the file: no line to point at


def test_a_report_is_read_as_toml_whatever_its_name(tmp_path: Path) -> None:
    path = tmp_path / "report.json"
    path.write_text('{"title": "x"}\n', encoding="utf-8")
    result = check_file(path)
    assert result.checked is None
    (finding,) = result.findings
    assert finding.label == "the whole file"


def test_a_file_gone_before_the_walk_reaches_it_is_still_given_to_be_checked(
    tmp_path: Path,
) -> None:
    path = tmp_path / "r.toml"
    path.write_text('title = "x"\n', encoding="utf-8")
    found = expand_paths([path])  # the walk is lazy: the file goes before it is reached
    path.unlink()
    assert list(found) == [path]  # so that checking it says it is gone, not nothing


def test_toml_names_that_are_neither_files_nor_folders_are_skipped_and_named_once(
    tmp_path: Path,
) -> None:
    os.mkfifo(tmp_path / "pipe")
    os.mkfifo(tmp_path / "pipe.toml")
    os.mkfifo(tmp_path / "other")
    (tmp_path / "link.toml").symlink_to(tmp_path / "other")
    (tmp_path / "again.toml").symlink_to(tmp_path / "pipe.toml")  # the same pipe: named once
    (tmp_path / "r.toml").write_text("", encoding="utf-8")
    found, said = _walk(tmp_path)
    assert found == [tmp_path / "r.toml"]
    assert said == [
        (
            "skipped 2 names that are not a file (a named pipe, a socket or a device): "
            f"{tmp_path / 'again.toml'}, {tmp_path / 'link.toml'}"
        )
    ]


def test_a_file_that_is_not_toml_is_named_when_rendered(tmp_path: Path, invoke: Invoke) -> None:
    path = tmp_path / "r.toml"
    path.write_text("title = \n", encoding="utf-8")
    result = invoke("render", str(path))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"igf-report: error: {path}:1:9: not valid TOML: Invalid value\n"
