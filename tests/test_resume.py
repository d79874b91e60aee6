"""The resume line: a comment the wizard owns, which leaves the draft a valid report."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from igf_report.files.reportfile import dump_toml
from igf_report.files.resume import RESUME_MARK, Position, read_resume, resume_of, with_resume
from igf_report.filling.saving import save_draft

from .conftest import Invoke

DOC = 'template = "igf-2016-workshop"\ntitle = "T"\n'


def test_the_line_goes_first_and_is_read_back() -> None:
    text = with_resume(DOC, Position("discussions", 2))
    assert text.splitlines()[0] == "# igf-report: resume at discussions[2]"
    assert tomllib.loads(text) == tomllib.loads(DOC)
    assert read_resume(text) == Position("discussions", 2)


def test_a_new_position_replaces_the_old_and_none_removes_it() -> None:
    once = with_resume(DOC, Position("title"))
    twice = with_resume(once, Position("review"))
    assert twice.count(RESUME_MARK) == 1
    assert read_resume(twice) == Position("review")
    assert with_resume(twice, None) == DOC


def test_the_schema_line_stays_first() -> None:
    text = with_resume("#:schema ./s.json\n" + DOC, Position("date"))
    assert text.splitlines()[:2] == ["#:schema ./s.json", "# igf-report: resume at date"]


@pytest.mark.parametrize(
    "line",
    ["# igf-report: resume at nowhere", "# igf-report: resume at title[x]", "# a comment"],
)
def test_a_line_that_names_no_field_is_no_position(line: str) -> None:
    assert read_resume(f"{line}\n{DOC}") is None


def test_a_byte_order_mark_does_not_hide_the_line(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    path.write_text("\ufeff" + with_resume(DOC, Position("speakers", 4)), encoding="utf-8")
    assert resume_of(path) == Position("speakers", 4)
    assert resume_of(tmp_path / "missing.toml") is None


def test_a_saved_draft_with_its_position_is_a_report_for_every_tool(
    tmp_path: Path, data: dict[str, Any], invoke: Invoke
) -> None:
    path = tmp_path / "report.toml"
    save_draft(path, data, resume_at=Position("discussions", 3))
    assert resume_of(path) == Position("discussions", 3)
    assert invoke("validate", str(path)).exit_code == 0
    rendered = invoke("render", str(path))
    assert rendered.exit_code == 0
    assert "resume at" not in rendered.stdout


def test_fill_without_prompts_keeps_the_place_of_a_walk_left_half_way(
    tmp_path: Path, invoke: Invoke
) -> None:
    path = tmp_path / "report.toml"
    path.write_text(with_resume(DOC, Position("discussions", 1)), encoding="utf-8")
    result = invoke("fill", str(path), "--set", "organizer=Host country", "--no-input")
    assert result.exit_code == 1
    assert resume_of(path) == Position("discussions", 1)
    assert tomllib.loads(path.read_text(encoding="utf-8"))["organizer"] == "Host country"


def test_a_report_written_whole_keeps_the_comments_and_drops_the_place(
    tmp_path: Path, data: dict[str, Any], invoke: Invoke
) -> None:
    path = tmp_path / "report.toml"
    data.pop("organizer")
    draft = with_resume("# my note\n" + dump_toml(data), Position("organizer"))
    # a resume line out of the head, where a rewrite's comment block could have put it
    draft = draft.replace("title =", f"{RESUME_MARK}title\ntitle =", 1)
    path.write_text(draft, encoding="utf-8")
    result = invoke("fill", str(path), "--set", "organizer=Host country", "--no-input")
    assert result.exit_code == 0, result.stderr
    text = path.read_text(encoding="utf-8")
    assert "# my note" in text
    assert RESUME_MARK not in text


def test_a_saved_draft_has_one_resume_line_and_keeps_the_comments(tmp_path: Path) -> None:
    path = tmp_path / "report.toml"
    path.write_text(
        with_resume(f"# my note\n{DOC}{RESUME_MARK}x\n", Position("title")), encoding="utf-8"
    )
    save_draft(path, tomllib.loads(DOC), resume_at=Position("date"))
    text = path.read_text(encoding="utf-8")
    assert text.count(RESUME_MARK) == 1
    assert resume_of(path) == Position("date")
    assert "# my note" in text


def test_the_place_is_found_on_disk_after_a_schema_line_and_among_bytes_not_utf_8(
    tmp_path: Path,
) -> None:
    draft = tmp_path / "r.toml"
    text = with_resume('#:schema ./s.json\ntitle = "x"\n', Position("discussions", 2))
    # a title saved by another editor in Latin-1 must not hide where the walk stopped
    draft.write_bytes(text.encode() + b'organizer = "Sesi\xf3n"\n')
    assert resume_of(draft) == Position("discussions", 2)


def test_a_resume_comment_below_the_leading_lines_is_the_writers_own_text() -> None:
    # only the leading lines hold the wizard's mark; further down it is content
    text = "".join(f"# note {n}\n" for n in range(8)) + f"{RESUME_MARK}title\n"
    assert with_resume(text, None) == text
    assert read_resume(text) is None
