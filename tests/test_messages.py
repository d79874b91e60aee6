"""Messages for people: places named with items counted from 1, one wording style."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from igf_report.fields import place_for_people
from igf_report.reportfile import dump_toml
from igf_report.validation import Finding, Severity

from .conftest import Invoke


@pytest.mark.parametrize(
    ("path", "place"),
    [
        ("date", "Date"),
        ("chair.affiliation", "Chair/Moderator, affiliation"),
        ("time.end", "Time, end"),
        ("speakers[0]", "List of Speakers and their institutional affiliations, item 1"),
        (
            "speakers[4].name",
            "List of Speakers and their institutional affiliations, item 5, name",
        ),
        ("presentations[1].summary", "Presentations, item 2, summary"),
        ("key_issues[10]", "Key Issues raised, item 11"),
        ("colour", "not a template field"),
        ("", "the whole file"),
    ],
)
def test_a_place_is_said_with_items_counted_from_one(path: str, place: str) -> None:
    assert place_for_people(path) == place


def test_a_finding_names_the_key_and_the_place_for_people() -> None:
    finding = Finding(Severity.WARNING, "speakers[1].affiliation", "x", "Jean has no affiliation")
    assert finding.describe() == (
        "warning: speakers (List of Speakers and their institutional affiliations, item 2, "
        "affiliation): Jean has no affiliation"
    )
    assert Finding(Severity.ERROR, "date", "Date", "is required").describe() == (
        "error: date (Date): is required"
    )


def test_validate_text_counts_items_from_one_and_json_keeps_the_path(
    invoke: Invoke, tmp_path: Path, data: dict[str, Any]
) -> None:
    data["speakers"].append({"name": "Third Speaker"})
    report = tmp_path / "r.toml"
    report.write_text(dump_toml(data), encoding="utf-8")
    text = invoke("validate", str(report)).stdout
    assert "item 3, affiliation): Third Speaker" in text
    assert "[2]" not in text
    json_out = invoke("validate", str(report), "--format", "json").stdout
    assert '"path": "speakers[2].affiliation"' in json_out


def test_show_names_items_counted_from_one(
    invoke: Invoke, tmp_path: Path, data: dict[str, Any]
) -> None:
    data["speakers"].append({"name": "Third Speaker"})
    report = tmp_path / "r.toml"
    report.write_text(dump_toml(data), encoding="utf-8")
    result = invoke("show", str(report), "--no-pager")
    flat = " ".join(result.stdout.split())
    assert (
        "warning: speakers (List of Speakers and their institutional affiliations, item 3" in flat
    )
    assert "speakers[2]" not in result.stdout
