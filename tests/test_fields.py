"""The fields are read off the model: order, labels, instructions, kinds, required."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import pytest
from pydantic import BaseModel, Field

from igf_report.template import fields
from igf_report.template.fields import FIELDS, Kind, field_for_path, key_of_path, label_for_path
from igf_report.template.model import PARAGRAPHS, Person, Presentation, Report, Template, TimeRange

# The template's own shape, as the 2016 page lays it out.
_KINDS = {
    "title": Kind.TEXT,
    "date": Kind.DATE,
    "time": Kind.TIME,
    "organizer": Kind.TEXT,
    "chair": Kind.PERSON,
    "rapporteur": Kind.PERSON,
    "speakers": Kind.PERSONS,
    "key_issues": Kind.SENTENCES,
    "presentations": Kind.PRESENTATIONS,
    "discussions": Kind.PARAGRAPHS,
    "way_forward": Kind.PARAGRAPHS,
}
_OPTIONAL = {"rapporteur", "presentations"}


def test_reading_the_model_gives_the_template_fields_in_order() -> None:
    # read again here, not at import, so that what is tested is the reading
    specs = fields._specs()
    assert specs == FIELDS
    assert [s.key for s in specs] == list(_KINDS)
    assert [s.number for s in specs] == list(range(1, 12))
    for spec in specs:
        info = Report.model_fields[spec.key]
        marker = next(m for m in info.metadata if isinstance(m, Template))
        assert spec.info is info
        assert spec.label == info.title
        assert spec.instruction == info.description
        assert info.examples
        assert spec.example == str(info.examples[0])
        assert spec.heading == marker.heading
        assert spec.wordings == marker.wordings
        assert spec.template is marker
        assert spec.kind is _KINDS[spec.key], spec.key
        assert spec.required is (spec.key not in _OPTIONAL), spec.key


class _Bare(BaseModel):
    """A template whose fields say as little as a field can."""

    template: str = "bare"
    first: Annotated[str | None, Template("First:")] = None
    notes: Annotated[list[str], PARAGRAPHS, Template("Notes:", ("Remarks:",))]
    items: Annotated[list[str], Template("Items:")] = Field(default_factory=list)


def test_a_field_without_title_instruction_or_example_still_reads(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(fields, "Report", _Bare)
    first, notes, items = fields._specs()
    assert (first.key, first.number, first.label, first.heading) == ("first", 1, "first", "First:")
    assert (first.instruction, first.example, first.required) == ("", "", False)
    assert first.kind is Kind.TEXT
    assert (notes.number, notes.kind, notes.required) == (2, Kind.PARAGRAPHS, True)
    assert notes.wordings == ("Remarks:",)
    assert (items.number, items.kind, items.required) == (3, Kind.SENTENCES, False)


@pytest.mark.parametrize(
    ("annotation", "kind"),
    [
        (str, Kind.TEXT),
        (str | None, Kind.TEXT),
        (Annotated[str, "a note"], Kind.TEXT),
        (dt.date, Kind.DATE),
        (Annotated[dt.date | str, "a note"], Kind.DATE),
        (TimeRange, Kind.TIME),
        (Annotated[TimeRange | None, "a note"], Kind.TIME),
        (Person, Kind.PERSON),
        (Annotated[Annotated[Person, "inner"] | None, "outer"], Kind.PERSON),
        (list[Person], Kind.PERSONS),
        (Annotated[list[Annotated[Person, "item"]], "list"], Kind.PERSONS),
        (list[Presentation], Kind.PRESENTATIONS),
        (list[Annotated[Presentation, "item"]], Kind.PRESENTATIONS),
        (list[str], Kind.SENTENCES),
        (Annotated[list[Annotated[str, "item"]], "list"], Kind.SENTENCES),
    ],
)
def test_the_kind_follows_the_annotation(annotation: object, kind: Kind) -> None:
    assert fields._kind(annotation) is kind


def test_annotations_are_unwrapped_however_deep() -> None:
    assert fields._bare(Annotated[Annotated[Annotated[int, "a"], "b"], "c"]) is int
    assert fields._bare(int) is int


@pytest.mark.parametrize(
    ("path", "key"),
    [
        ("title", "title"),
        ("chair.name", "chair"),
        ("chair.name.first", "chair"),
        ("speakers[1]", "speakers"),
        ("speakers[1].name", "speakers"),
        ("x[1][2]", "x"),
        ("presentations[0].title[3]", "presentations"),
        ("", ""),
    ],
)
def test_the_key_of_a_path(path: str, key: str) -> None:
    assert key_of_path(path) == key


def test_the_field_and_label_of_a_path() -> None:
    assert field_for_path("speakers[2].affiliation") is FIELDS[6]
    assert field_for_path("titel") is None
    assert label_for_path("chair.name") == "Chair/Moderator"
    assert label_for_path("titel.x") == "not a template field"


@pytest.mark.parametrize(
    ("value", "empty"),
    [
        (None, True),
        ("", True),
        (" \n\t", True),
        ("x", False),
        ([], True),
        ([""], False),
        ({"name": "", "affiliation": None}, True),
        ({"name": " ", "affiliation": "ISOC"}, False),
        ({}, True),
        (0, False),
        (dt.date(2016, 12, 6), False),
    ],
)
def test_what_counts_as_not_given(value: object, *, empty: bool) -> None:
    assert FIELDS[4].is_empty(value) is empty


def test_lists_are_the_list_kinds() -> None:
    assert {k for k in Kind if k.is_list} == {
        Kind.PERSONS,
        Kind.SENTENCES,
        Kind.PRESENTATIONS,
        Kind.PARAGRAPHS,
    }


def test_warnings_carry_the_path_below_the_field() -> None:
    chair = FIELDS[4]
    assert list(chair.warnings(Person(name="Ana"))) == [
        ("chair.affiliation", "Ana has no affiliation")
    ]
    assert list(chair.warnings(Person(name="Ana", affiliation="ISOC"))) == []
