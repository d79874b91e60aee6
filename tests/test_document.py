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
from igf_report.marks import DOCUMENT_TITLE
from igf_report.readers.building import DocumentBuilder, split_label
from igf_report.readers.mapping import label_closeness, map_document, match_label
from igf_report.template.checked import Invalid, Shown
from igf_report.template.fields import FIELDS, Kind
from igf_report.template.model import Report, TimeRange
from igf_report.template.validation import check
from igf_report.writers import get_renderer
from igf_report.writers.tree import report_document

from .conftest import EXAMPLES, examples
from .documents import imported_report, reports
from .reliability import tally


def _values(name: str) -> dict[str, Shown]:
    path = EXAMPLES / f"{name}.toml"
    return check(tomllib.loads(path.read_text(encoding="utf-8"))).shown()


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


_WRITERS = ("writers/text", "writers/markdown", "writers/html", "writers/published", "writers/docx")


@pytest.mark.parametrize("module", [*_WRITERS, "cli/report_view"])
def test_each_format_knows_only_the_tree(module: str) -> None:
    # field kinds live in writers/tree.py alone: a writer that imports the model
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
        "igf_report.template.fields",
        "igf_report.template.model",
        "igf_report.template.parsers",
    }


def _imports(source: str, module: str, *, package: bool = False) -> set[str]:
    """Every ``igf_report`` module that ``source``, the module named ``module``, imports.

    At its top or in a function, absolute or relative (``package``: the
    module is a package's ``__init__``, its own package for a relative import).
    """
    within = module.split(".") if package else module.split(".")[:-1]
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = within[: len(within) - node.level + 1]
                base = ".".join([*parts, node.module] if node.module else parts)
            else:
                base = node.module or ""
            # ``from igf_report import writers`` imports the module igf_report.writers
            names.update(f"{base}.{alias.name}" for alias in node.names)
            names.add(base)
    return {name for name in names if name.split(".")[0] == "igf_report"}


def _imports_of(path: Path) -> set[str]:
    root = Path(igf_report.__file__).parent.parent
    parts = path.relative_to(root).with_suffix("").parts
    package = parts[-1] == "__init__"
    module = ".".join(parts[:-1] if package else parts)
    return _imports(path.read_text(encoding="utf-8"), module, package=package)


@pytest.mark.parametrize(("side", "other"), [("readers", "writers"), ("writers", "readers")])
def test_readers_and_writers_meet_only_at_the_tree(side: str, other: str) -> None:
    # what both need (the gap words, the invalid mark, each format's signature)
    # is in igf_report.marks; a reader importing a writer would read only what
    # that writer writes today
    modules = sorted((Path(igf_report.__file__).parent / side).glob("*.py"))
    assert len(modules) > 3
    crossing = {
        path.name: sorted(n for n in _imports_of(path) if n.startswith(f"igf_report.{other}"))
        for path in modules
    }
    assert {name: found for name, found in crossing.items() if found} == {}


def test_the_import_walk_sees_every_way_of_importing_a_module() -> None:
    source = """
import igf_report.writers.text
from igf_report.writers import html
from igf_report import writers
from ..writers.docx import RENDERER
def f() -> None:
    from .mapping import map_document
import json
"""
    assert _imports(source, "igf_report.readers.page") == {
        "igf_report",
        "igf_report.writers",
        "igf_report.writers.text",
        "igf_report.writers.html",
        "igf_report.writers.docx",
        "igf_report.writers.docx.RENDERER",
        "igf_report.readers.mapping",
        "igf_report.readers.mapping.map_document",
    }
    # in a package's __init__, "." is the package itself
    assert "igf_report.readers.mapping" in _imports(
        "from .mapping import x", "igf_report.readers", package=True
    )


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


def test_a_line_splits_into_a_label_and_its_value_at_the_first_tab_or_the_label_colon() -> None:
    # a tab ends the label; the value keeps any later tab
    assert split_label("Date\t6 December\tmorning") == ("Date", "6 December\tmorning")
    # a colon after a label: the colon stays with the label, the value keeps its own words
    assert split_label("Date:6 December") == ("Date:", "6 December")
    assert split_label("Date: 6 December") == ("Date:", " 6 December")
    # neither a label alone nor a tab after words that are no label is a pair
    assert split_label("Date") is None
    assert split_label("Gob.mx\tthe portal") is None


def _built(*blocks: Block, ours: bool = False) -> Document:
    builder = DocumentBuilder(ours=ours)
    for block in blocks:
        builder.block_or_label(block)
    return builder.build()


def test_a_bold_label_and_its_value_start_a_section_whichever_side_the_colon_is() -> None:
    for lead, text in (("Date:", "6 December"), ("Date", ": 6 December"), ("Date", ":6 December")):
        document = _built(Block(BlockKind.PARAGRAPH, text, lead=lead))
        assert [(s.label, s.blocks) for s in document.sections] == [
            ("Date", (Block(BlockKind.PARAGRAPH, "6 December"),))
        ]
    # a plain "Label:value" paragraph too, its value whole
    document = _built(Block(BlockKind.PARAGRAPH, "Date:6 December"))
    assert [(s.label, s.blocks) for s in document.sections] == [
        ("Date:", (Block(BlockKind.PARAGRAPH, "6 December"),))
    ]


def test_a_bold_paragraph_titles_the_paragraph_below_it() -> None:
    document = _built(
        Block(BlockKind.PARAGRAPH, "", lead="Gob.mx"),
        Block(BlockKind.PARAGRAPH, "The single portal."),
    )
    assert [s.blocks for s in document.sections] == [
        (Block(BlockKind.PARAGRAPH, "The single portal.", lead="Gob.mx", lead_break=True),)
    ]


def test_a_numbered_heading_before_any_label_keeps_its_number() -> None:
    # only under the presentations' label is "1. " a presentation's number
    builder = DocumentBuilder()
    builder.heading("1. Results", level=2)
    builder.block(Block(BlockKind.PARAGRAPH, "All good."))
    document = builder.build()
    assert [s.blocks for s in document.sections] == [
        (Block(BlockKind.PARAGRAPH, "All good.", lead="1. Results", lead_break=True),)
    ]


def test_a_placeholder_left_empty_is_noted_where_it_stood() -> None:
    document = _built(
        Block(BlockKind.PARAGRAPH, "(not given)"),
        Block(BlockKind.PARAGRAPH, "Time: (none)"),
    )
    assert document.notes == (
        "The placeholder '(not given)' under 'the start' was left empty.",
        "The placeholder '(none)' under 'Time:' was left empty.",
    )


def test_label_closeness_is_one_for_a_label_near_one_for_a_typo_and_zero_for_no_words() -> None:
    assert label_closeness("Session Title") == 1.0
    assert label_closeness("  -- ") == 0.0
    assert 0.9 < label_closeness("Sesion Title") < 1.0
    assert label_closeness("Sesion Title") > label_closeness("Government transformation")


def test_a_blank_paragraph_is_nothing_and_a_bold_one_is_a_title() -> None:
    assert _built(Block(BlockKind.PARAGRAPH, " \n ")).sections == ()
    # a heading followed by a placeholder: the heading is a paragraph of its own,
    # and the paragraph after the placeholder another
    builder = DocumentBuilder()
    builder.label("Date")
    builder.heading("Overview")
    builder.block(Block(BlockKind.PARAGRAPH, "(none)"))
    builder.block(Block(BlockKind.PARAGRAPH, "Text."))
    assert builder.build().sections[0].blocks == (
        Block(BlockKind.PARAGRAPH, "Overview"),
        Block(BlockKind.PARAGRAPH, "Text."),
    )


def test_the_first_level_one_heading_before_any_label_is_the_title() -> None:
    builder = DocumentBuilder()
    builder.heading("Workshop report", level=1)
    builder.heading("Open data", level=1)
    builder.label("Date")
    builder.heading("Later", level=1)
    builder.subtitle = "Draft"
    document = builder.build()
    assert (document.title, document.subtitle) == ("Workshop report", "Draft")
    assert [(s.label, s.blocks) for s in document.sections] == [
        ("", (Block(BlockKind.PARAGRAPH, "Open data"),)),
        ("Date", (Block(BlockKind.PARAGRAPH, "Later"),)),
    ]


def test_a_label_in_a_paragraph_leaves_later_label_value_paragraphs_split() -> None:
    document = _built(
        Block(BlockKind.PARAGRAPH, "Date"),
        Block(BlockKind.PARAGRAPH, "6 December"),
        Block(BlockKind.PARAGRAPH, "Time: 10:00"),
    )
    assert [(s.label, s.blocks) for s in document.sections] == [
        ("Date", (Block(BlockKind.PARAGRAPH, "6 December"),)),
        ("Time:", (Block(BlockKind.PARAGRAPH, "10:00"),)),
    ]


def test_only_a_header_fact_is_a_fact() -> None:
    builder = DocumentBuilder()
    builder.block(Block(BlockKind.PARAGRAPH, "Draft v2"))
    builder.label("Date", fact=True)
    builder.label("Time")
    assert [s.fact for s in builder.build().sections] == [False, True, False]


def test_a_numbered_heading_under_the_presentations_label_is_a_titled_presentation() -> None:
    presentations = next(spec for spec in FIELDS if spec.kind is Kind.PRESENTATIONS)
    builder = DocumentBuilder()
    builder.label(presentations.heading)
    builder.heading("1. Gob.mx")
    builder.block(Block(BlockKind.PARAGRAPH, "The portal."))
    assert builder.build().sections[0].blocks == (
        Block(BlockKind.PARAGRAPH, "The portal.", lead="Gob.mx", lead_break=True),
    )


def test_the_template_s_name_is_left_out_and_other_opening_lines_noted() -> None:
    imported = map_document(
        Document(
            title="Open data",
            subtitle=f"{DOCUMENT_TITLE} Template",
            sections=(
                Section("", (Block(BlockKind.PARAGRAPH, DOCUMENT_TITLE),)),
                Section("Session Title", (Block(BlockKind.PARAGRAPH, "Open"),)),
            ),
        )
    )
    assert imported.data["title"] == "Open"
    assert imported.notes[:3] == [
        f"The line '{DOCUMENT_TITLE}' names the template and was not imported.",
        (
            "The heading 'Open data' was read as the document's title, not as a field; "
            f"the {FIELDS[0].label} is the one under its label."
        ),
        f"The line '{DOCUMENT_TITLE} Template' names the template and was not imported.",
    ]
    imported = map_document(Document(subtitle="Draft v2", sections=()))
    assert imported.notes[:1] == ["The subtitle 'Draft v2' was not imported."]


def test_a_title_in_several_paragraphs_that_is_the_heading_is_not_noted() -> None:
    paragraphs = tuple(Block(BlockKind.PARAGRAPH, word) for word in ("Open", "data"))
    imported = map_document(
        Document(title="Open data", sections=(Section("Session Title", paragraphs),))
    )
    assert not any("document's title" in note for note in imported.notes)


def test_a_value_keeps_its_c1_controls_and_a_row_label_loses_its_hashes() -> None:
    imported = map_document(
        Document(
            sections=(
                Section("#Session Title", (Block(BlockKind.PARAGRAPH, "Open\x85data\x9b"),)),
                Section("# Overview", (Block(BlockKind.PARAGRAPH, "x"),)),
                Section("#XDate", (Block(BlockKind.PARAGRAPH, "6 December"),)),
            )
        )
    )
    assert imported.data == {"title": "Open\x85data\x9b Overview x", "date": "6 December"}
    assert imported.notes == [
        (
            "The row 'Overview' matches no field of the template; its text was added to "
            "Session Title (title), the field before it."
        ),
        "The row 'XDate' was taken for the label of Date (date).",
    ]


def test_a_heading_taken_as_the_title_comes_before_text_under_no_field() -> None:
    imported = map_document(
        Document(
            title="Open data",
            sections=(Section("Overview", (Block(BlockKind.PARAGRAPH, "Some words"),)),),
        )
    )
    assert imported.data == {"title": "Open data Overview Some words"}
