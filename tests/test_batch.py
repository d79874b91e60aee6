"""Many files at once: which files a folder holds, and what checking one says."""

from __future__ import annotations

from pathlib import Path

import pytest

from igf_report.batch import check_file, expand_paths
from igf_report.errors import UsageError

from .conftest import EXAMPLES


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
