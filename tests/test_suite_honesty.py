"""The suite's own promises: snapshots never written silently, counts that tell the truth."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from . import conftest, reliability
from .conftest import ROOT, snapshot
from .mutation_kills import KEPT, refreshed


def test_a_missing_snapshot_fails_instead_of_being_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(conftest, "SNAPSHOTS", tmp_path)
    monkeypatch.delenv("UPDATE_SNAPSHOTS", raising=False)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.fail.Exception, match=r"snapshot new\.txt is missing"):
        snapshot("new.txt", "anything\n")
    assert not (tmp_path / "new.txt").exists()


def test_update_snapshots_writes_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(conftest, "SNAPSHOTS", tmp_path)
    (tmp_path / "old.txt").write_text("before\n", encoding="utf-8")
    monkeypatch.setenv("UPDATE_SNAPSHOTS", "1")
    snapshot("new.txt", "written\n")
    snapshot("old.txt", "after\n")
    assert (tmp_path / "new.txt").read_text(encoding="utf-8") == "written\n"
    assert (tmp_path / "old.txt").read_text(encoding="utf-8") == "after\n"
    monkeypatch.delenv("UPDATE_SNAPSHOTS")
    with pytest.raises(AssertionError):
        snapshot("old.txt", "something else\n")


def test_the_readme_table_has_one_row_per_count_in_the_same_words() -> None:
    table = reliability.readme_table((ROOT / "README.md").read_text(encoding="utf-8"))
    assert list(table) == list(reliability.ROWS.values())


def test_a_count_differing_from_the_readme_is_named(tmp_path: Path) -> None:
    counts = Counter(dict.fromkeys(reliability.ROWS, 7))
    readme = tmp_path / "README.md"
    readme.write_text(
        "# x\n\n## Reliability\n\nText.\n\n" + reliability.expected_table(counts) + "\n\nEnd.\n",
        encoding="utf-8",
    )
    assert reliability.table_problems(readme, counts) == []
    first, words = next(iter(reliability.ROWS.items()))
    counts[first] = 1_234
    assert reliability.table_problems(readme, counts) == [
        f"README says 7 for {words!r}, the run counted 1,234"
    ]


def test_only_known_counts_can_be_kept() -> None:
    with pytest.raises(KeyError, match=r"not a key of tests\.reliability\.ROWS"):
        reliability.tally("things nobody counts")


def test_what_a_failed_test_tried_is_dropped() -> None:
    key = next(iter(reliability.ROWS))
    before = reliability.TALLY[key]
    reliability.commit()  # what this test's own setup may have counted (nothing)
    reliability.tally(key, 5)
    reliability.discard()
    reliability.commit()
    assert reliability.TALLY[key] == before


def test_the_mutation_kill_table_ranks_a_functions_killers_by_kills_then_speed() -> None:
    log = "f\tslow\nf\tquick\nf\tslow\ng\tt\n" + "".join(f"h\tt{i}\n" for i in range(12))
    table = "f\told\nk\tkept\nk\talso\n"
    rows = refreshed(log, table, {"slow": 2.0, "quick": 0.1, "t3": 0.5})
    lines = rows.splitlines()
    # f ranked anew (old dropped), g new, h cut to the eight that killed most, k untouched
    assert lines[:3] == ["f\tslow", "f\tquick", "g\tt"]
    assert len([line for line in lines if line.startswith("h\t")]) == KEPT
    assert lines[-2:] == ["k\tkept", "k\talso"]
