"""The document tree: a report written into it, and mapped back to the same report."""

from __future__ import annotations

import ast
import datetime as dt
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

import igf_report
from igf_report.document import Block, BlockKind, Document, Section, runs
from igf_report.fields import FIELDS
from igf_report.importer.mapping import map_document, match_label
from igf_report.model import Report, TimeRange
from igf_report.render import get_renderer
from igf_report.render.tree import report_document
from igf_report.render.values import Invalid
from igf_report.validation import check

from .conftest import EXAMPLES, examples
from .documents import imported_report, reports
from .reliability import tally


def _values(name: str) -> dict[str, object]:
    path = EXAMPLES / f"{name}.toml"
    return check(tomllib.loads(path.read_text(encoding="utf-8"))).values


def test_a_report_becomes_one_section_per_field_in_template_order() -> None:
    document = report_document(_values("national-digital-strategy"))
    assert (
        document.title
        == "National Digital Strategy Impact (Impacto de la Estrategia Digital Nacional)"
    )
    assert [s.key for s in document.sections] == [spec.key for spec in FIELDS]
    assert [s.label for s in document.sections] == [spec.heading for spec in FIELDS]
    assert [s.fact for s in document.sections] == [not spec.kind.is_list for spec in FIELDS]
    assert [s.is_title for s in document.sections] == [spec is FIELDS[0] for spec in FIELDS]
    by_key = {s.key: s for s in document.sections}
    # the date in words for every format, and as a date for one that writes its own form
    assert by_key["date"].blocks == (
        Block(BlockKind.PARAGRAPH, "6 December 2016", date=dt.date(2016, 12, 6)),
    )
    # a gap: no blocks, and the words each format shows for it its own way
    assert (by_key["rapporteur"].blocks, by_key["rapporteur"].gap) == ((), "(not given)")
    assert {b.kind for b in by_key["speakers"].blocks} == {BlockKind.ITEM}
    assert by_key["speakers"].blocks[0].name == "Eber Omar Betanzos Torres"
    assert by_key["speakers"].blocks[0].text.startswith("Eber Omar Betanzos Torres, Under")
    assert {b.kind for b in by_key["key_issues"].blocks} == {BlockKind.ITEM}
    assert {b.name for b in by_key["key_issues"].blocks} == {None}
    assert {b.kind for b in by_key["discussions"].blocks} == {BlockKind.PARAGRAPH}
    assert {b.kind for b in by_key["presentations"].blocks} == {BlockKind.ENTRY}
    first = by_key["presentations"].blocks[0]
    assert (first.lead, first.lead_break) == ("Gob.mx", True)
    assert not first.text.startswith("Gob.mx")
    two = Block(BlockKind.ENTRY, "First, with a\nline break.\n \n  Second.\n\n\n")
    assert two.paragraphs == ("First, with a\nline break.", "Second.")


def test_a_gap_says_missing_or_none_and_an_invalid_value_carries_its_mark() -> None:
    values = _values("national-digital-strategy")
    values["presentations"] = []
    values["discussions"] = []
    values["date"] = Invalid("next tuesday", "not a date")
    by_key = {s.key: s for s in report_document(values).sections}
    assert (by_key["presentations"].blocks, by_key["presentations"].gap) == ((), "(none)")
    assert (by_key["discussions"].blocks, by_key["discussions"].gap) == ((), "(not given)")
    assert by_key["date"].blocks == (
        Block(BlockKind.PARAGRAPH, "next tuesday", note="(invalid: not a date)"),
    )
    values["title"] = Invalid("", "should not be blank")
    assert report_document(values).title is None


def test_seconds_the_file_has_are_shown_in_every_format() -> None:
    values = _values("national-digital-strategy")
    values["time"] = TimeRange(start=dt.time(10, 45, 30), end=dt.time(11, 45))
    for name in ("text", "markdown", "html", "published"):
        assert "10:45:30 - 11:45:00" in get_renderer(name).render(values), name


def test_labels_match_loosely() -> None:
    assert match_label("chairperson / moderator") is FIELDS[4]
    assert match_label("Sesion Title") is FIELDS[0]  # a typo
    assert match_label("Government transformation challenges") is None


def test_text_before_any_label_is_named_in_the_notes() -> None:
    document = Document(
        sections=(
            Section("", (Block(BlockKind.PARAGRAPH, "Draft v2 by Ana"),)),
            Section("Session Title", (Block(BlockKind.PARAGRAPH, "Open data"),)),
        )
    )
    imported = map_document(document)
    assert imported.data["title"] == "Open data"
    assert imported.notes == ["The text 'Draft v2 by Ana' before the first label was not imported."]


@settings(max_examples=examples(100), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports())
def test_any_report_maps_back_from_its_document(report: Report) -> None:
    tally("round trip: document tree, generated reports")
    values = {name: getattr(report, name) for name in type(report).model_fields}
    assert imported_report(map_document(report_document(values))) == report


_WRITERS = ("render/text", "render/markdown", "render/html", "render/published", "render/docx")


@pytest.mark.parametrize("module", [*_WRITERS, "cli/report_view"])
def test_each_format_knows_only_the_tree(module: str) -> None:
    # field kinds live in render/tree.py alone: a writer that imports the model
    # or the field list has started walking the fields again
    source = (Path(igf_report.__file__).parent / f"{module}.py").read_text(encoding="utf-8")
    imported = {
        node.module
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.ImportFrom) and node.module
    } | {
        alias.name
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Import)
        for alias in node.names
    }
    assert "igf_report.document" in imported
    assert not imported & {
        "igf_report.fields",
        "igf_report.model",
        "igf_report.parsers",
    }


def test_runs_put_consecutive_items_in_one_list_and_every_other_block_alone() -> None:
    one, two, three = (Block(BlockKind.ITEM, text) for text in ("1", "2", "3"))
    first, second = Block(BlockKind.PARAGRAPH, "a"), Block(BlockKind.ENTRY, "b")
    assert list(runs([one, two, first, second, three])) == [
        (one, two),
        (first,),
        (second,),
        (three,),
    ]
    assert list(runs([])) == []
