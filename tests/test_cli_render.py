from __future__ import annotations

from pathlib import Path

import pytest

from igf_report.fields import FIELDS
from igf_report.textutil import display_width

from .conftest import EXAMPLES, Invoke


@pytest.mark.parametrize("name", ["national-digital-strategy", "community-networks"])
def test_examples_render_to_the_text_beside_them(invoke: Invoke, name: str) -> None:
    result = invoke("render", str(EXAMPLES / f"{name}.toml"))
    assert result.exit_code == 0
    assert result.stdout == (EXAMPLES / f"{name}.txt").read_text(encoding="utf-8")


def test_the_seed_session_shows_every_label_and_value(invoke: Invoke) -> None:
    out = invoke("render", str(EXAMPLES / "national-digital-strategy.toml")).stdout
    flat = " ".join(out.split())
    for spec in FIELDS:
        assert " ".join(spec.heading.split()) in flat or spec.label in flat
    for value in (
        "National Digital Strategy Impact (Impacto de la Estrategia Digital Nacional)",
        "6 December 2016",
        "10:45 - 11:45",
        "Host country",
        "Yolanda Martínez Mancilla, Head of the Digital Government Unit",
        "Luis Alberto Gutiérrez Díaz de León",
        "Women empowerment through digital skills development",
        "Government transformation challenges:",
        "To organize a similar Open Forum next IGF 2017",
    ):
        assert value in flat
    assert "Rapporteur/Notetaker  (not given)" in out
    assert "\x1b" not in out
    assert out.endswith("\n")
    assert not out.endswith("\n\n")


def test_wraps_by_display_width(invoke: Invoke) -> None:
    out = invoke("render", str(EXAMPLES / "community-networks.toml"), "--width", "40").stdout
    assert max(display_width(line) for line in out.splitlines()) <= 40
    assert "Li Wei (李伟)," in out


def test_output_file(invoke: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "r.txt"
    result = invoke("render", str(EXAMPLES / "community-networks.toml"), "-o", str(out))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == f"Wrote {out}\n"
    assert out.read_text(encoding="utf-8").startswith("IGF 2016 Workshop Report\n")


def test_refuses_to_overwrite_its_input(invoke: Invoke, tmp_path: Path) -> None:
    report = tmp_path / "r.toml"
    report.write_bytes((EXAMPLES / "community-networks.toml").read_bytes())
    result = invoke("render", str(report), "-o", str(report))
    assert result.exit_code == 2
    assert report.read_bytes() == (EXAMPLES / "community-networks.toml").read_bytes()


def test_a_draft_renders_with_placeholders_and_lists_errors(invoke: Invoke, tmp_path: Path) -> None:
    report = tmp_path / "draft.toml"
    report.write_text('title = "Only a title"\ndate = "someday"\n', encoding="utf-8")
    result = invoke("render", str(report))
    assert result.exit_code == 1  # printed all the same, but the report is invalid
    assert "Only a title" in result.stdout
    assert "Date                  someday (invalid: 'someday' is not a date" in result.stdout
    assert "Time                  (not given)" in result.stdout
    assert "error: date (Date): 'someday' is not a date I can read" in result.stderr


def test_unknown_format_is_a_usage_error(invoke: Invoke) -> None:
    result = invoke("render", str(EXAMPLES / "community-networks.toml"), "--format", "pdf")
    assert result.exit_code == 2
    assert "unknown format 'pdf'" in result.stderr


def test_output_never_replaces_a_file_igf_report_did_not_write(
    invoke: Invoke, tmp_path: Path
) -> None:
    source = str(EXAMPLES / "community-networks.toml")
    mine = tmp_path / "notes.html"
    mine.write_text("<p>my own notes</p>\n", encoding="utf-8")
    result = invoke("render", source, "-f", "html", "-o", str(mine))
    assert result.exit_code == 1
    assert "was not written by igf-report" in result.stderr
    assert mine.read_text(encoding="utf-8") == "<p>my own notes</p>\n"
    # a file it wrote itself is replaced, and --force replaces anything
    ours = tmp_path / "report.html"
    assert invoke("render", source, "-f", "html", "-o", str(ours)).exit_code == 0
    assert invoke("render", source, "-f", "html", "-o", str(ours)).exit_code == 0
    assert invoke("render", source, "-f", "html", "-o", str(mine), "--force").exit_code == 0
    assert "my own notes" not in mine.read_text(encoding="utf-8")
