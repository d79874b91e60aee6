"""The document tree: a report written into it, and mapped back to the same report."""

from __future__ import annotations

import tomllib

from hypothesis import HealthCheck, given, settings

from igf_report.document import Block, BlockKind, Document, Section
from igf_report.fields import FIELDS
from igf_report.importer.mapping import map_document, match_label
from igf_report.model import Report
from igf_report.render.tree import report_document
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
    by_key = {s.key: s for s in document.sections}
    assert by_key["date"].blocks == (Block(BlockKind.PARAGRAPH, "6 December 2016"),)
    assert by_key["rapporteur"].blocks == ()  # a gap; each format shows it its own way
    assert {b.kind for b in by_key["speakers"].blocks} == {BlockKind.ITEM}
    assert {b.kind for b in by_key["discussions"].blocks} == {BlockKind.PARAGRAPH}
    first = by_key["presentations"].blocks[0]
    assert (first.lead, first.lead_break) == ("Gob.mx", True)
    assert not first.text.startswith("Gob.mx")


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
