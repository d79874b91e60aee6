"""Filling a report file: what is refused, what is kept, where the text and drafts go."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from igf_report.errors import FileWriteError, NotOurFile, ReportChanged
from igf_report.files.atomic import write_atomic
from igf_report.files.reportfile import dump_toml
from igf_report.filling.saving import read_report, save_draft, update_report, write_report

COMMENT = "# kept: asked by the secretariat\n"


def _commented(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(COMMENT + dump_toml(data), encoding="utf-8")
    return path


# --- what is not a report is refused -------------------------------------------------------


def test_a_folder_is_refused_with_the_file_to_name_instead(tmp_path: Path) -> None:
    with pytest.raises(NotOurFile) as caught:
        read_report(tmp_path)
    assert str(caught.value).startswith(f"{tmp_path} is a folder")
    assert str(tmp_path / "report.toml") in str(caught.value)


def test_a_json_file_is_not_a_report_whatever_its_name(tmp_path: Path) -> None:
    # a report is TOML: a JSON file (answers, say) must never be taken for one
    for name in ("answers.json", "answers"):
        source = tmp_path / name
        source.write_text('{"title": "T"}\n', encoding="utf-8")
        with pytest.raises(NotOurFile) as caught:
            read_report(source)
        assert str(caught.value).startswith(f"{source}:1:")
        assert source.read_text(encoding="utf-8") == '{"title": "T"}\n'


def test_foreign_keys_are_named_three_at_most(tmp_path: Path) -> None:
    path = tmp_path / "other.toml"
    path.write_text("alpha = 1\nbeta = 2\ngamma = 3\ndelta = 4\n", encoding="utf-8")
    with pytest.raises(NotOurFile) as caught:
        read_report(path)
    assert "(alpha, beta, gamma);" in str(caught.value)


# --- a file changed by another program is left as it is ------------------------------------


def test_a_report_removed_meanwhile_is_said_to_be_removed(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    with pytest.raises(ReportChanged) as caught:
        save_draft(path, {"title": "T"}, expect='title = "Old"\n')
    assert str(caught.value) == (
        f"{path} was removed by another program since igf-report read it, so it is left as it is"
    )
    assert not path.exists()


def test_a_report_changed_meanwhile_is_said_to_be_changed(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    path.write_text('title = "Theirs"\n', encoding="utf-8")
    with pytest.raises(ReportChanged) as caught:
        write_report(path, {"title": "Mine"}, expect='title = "Old"\n')
    assert str(caught.value) == (
        f"{path} was changed by another program since igf-report read it, so it is left as it is"
    )
    assert path.read_text(encoding="utf-8") == 'title = "Theirs"\n'


def test_a_report_unchanged_since_read_is_written(tmp_path: Path, data: dict[str, Any]) -> None:
    path = _commented(tmp_path / "r.toml", data)
    written = write_report(path, data, expect=path.read_text(encoding="utf-8"))
    assert written.files == [path, tmp_path / "r.txt"]


# --- drafts ---------------------------------------------------------------------------------


def test_a_saved_draft_tells_what_it_wrote_and_no_problem(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    saved = save_draft(path, {"title": "T"})
    assert saved.problem is None
    assert saved.text == path.read_text(encoding="utf-8")


def test_a_draft_saved_in_the_fallback_tells_what_it_wrote(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    saved = save_draft(tmp_path / "gone" / "r.toml", {"title": "T"})
    assert saved.path.parent == tmp_path
    assert saved.text == saved.path.read_text(encoding="utf-8")


# --- complete reports and their text --------------------------------------------------------


def test_a_complete_report_keeps_its_comments_and_its_text_is_80_columns(
    tmp_path: Path, data: dict[str, Any]
) -> None:
    data["discussions"][0] = " ".join(["Participants agreed that access matters a lot."] * 12)
    path = _commented(tmp_path / "r.toml", data)
    written = write_report(path, data)
    assert path.read_text(encoding="utf-8").startswith(COMMENT)
    assert written.note is None
    assert not written.text_refused
    lines = (tmp_path / "r.txt").read_text(encoding="utf-8").splitlines()
    assert max(len(line) for line in lines) == 80


def test_the_text_goes_where_asked(tmp_path: Path, data: dict[str, Any]) -> None:
    path = tmp_path / "r.toml"
    elsewhere = tmp_path / "out" / "session.txt"
    elsewhere.parent.mkdir()
    written = write_report(path, data, text=elsewhere)
    assert written.files == [path, elsewhere]
    assert elsewhere.exists()
    assert not (tmp_path / "r.txt").exists()


def test_a_text_with_nowhere_to_go_is_refused_and_says_why(
    tmp_path: Path, data: dict[str, Any]
) -> None:
    path = tmp_path / "r.toml"
    theirs = {tmp_path / "r.txt": "the published report\n", tmp_path / "r.report.txt": "mine\n"}
    for where, words in theirs.items():
        where.write_text(words, encoding="utf-8")
    written = write_report(path, data)
    assert written.text_refused
    assert written.files == [path]
    assert written.note is not None
    for where in theirs:
        assert str(where) in written.note
    assert "--text FILE" in written.note
    assert {where: where.read_text(encoding="utf-8") for where in theirs} == theirs


# --- update_report (fill without prompts) ---------------------------------------------------


def test_an_update_that_leaves_errors_keeps_the_comments(tmp_path: Path) -> None:
    path = _commented(tmp_path / "r.toml", {"title": "T"})
    updated = update_report(path, {"organizer": "ISOC"})
    assert updated.saved is not None
    assert updated.saved.path == path
    assert path.read_text(encoding="utf-8").startswith(COMMENT)


def test_a_complete_update_that_cannot_be_written_keeps_the_comments_in_the_fallback(
    tmp_path: Path, data: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _commented(tmp_path / "r.toml", data)

    def refuse_the_report(target: Path, text: str) -> None:
        if target == path:
            msg = f"{target}: Read-only file system"
            raise FileWriteError(msg)
        write_atomic(target, text)

    monkeypatch.setattr("igf_report.filling.saving.write_atomic", refuse_the_report)
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    updated = update_report(path, {"organizer": "ISOC"})
    assert updated.saved is not None
    assert updated.saved.path.parent == tmp_path / "tmp"
    kept = updated.saved.path.read_text(encoding="utf-8")
    assert kept.startswith(COMMENT)
    assert tomllib.loads(kept)["organizer"] == "ISOC"
