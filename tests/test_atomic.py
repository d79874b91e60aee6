"""Atomic writes: what a refused write says."""

from __future__ import annotations

from pathlib import Path

import pytest

from igf_report.atomic import write_atomic
from igf_report.errors import FileWriteError


def test_a_read_only_file_is_left_as_it_is_with_the_way_to_change_it(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    path.write_text("old\n", encoding="utf-8")
    path.chmod(0o444)
    with pytest.raises(FileWriteError) as info:
        write_atomic(path, "new\n")
    assert str(info.value) == (
        f"cannot write {path}: the file is read-only, so it is left as it is; "
        "make it writable (chmod u+w) to change it"
    )
    assert path.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.toml"]
