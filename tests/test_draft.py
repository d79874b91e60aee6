"""A draft being filled, without a terminal: what it keeps, saves and finds wrong."""

from __future__ import annotations

import datetime as dt
from typing import Any

from igf_report.filling.draft import Draft
from igf_report.template.fields import FIELDS
from igf_report.template.model import Person, Presentation
from igf_report.template.validation import Severity

from .conftest import valid_data

SPEC = {spec.key: spec for spec in FIELDS}


def _where(draft: Draft) -> list[tuple[str, str, str]]:
    return [(f.path, f.severity.value, f.message) for f in draft.all_findings()]


def test_a_draft_keeps_what_was_written_and_parses_what_it_can() -> None:
    data: dict[str, Any] = {
        "template": "igf-2016-workshop",
        "title": "Access",
        "date": "not a date",
        "colour": "blue",
    }
    draft = Draft.of(data)
    assert draft.written == data
    assert draft.written is not data  # the caller's mapping is not the draft's
    assert draft.values == {"title": "Access"}
    assert draft.get("title") == "Access"
    assert draft.get("date") == "not a date"  # as written, since it does not parse
    assert draft.get("chair") is None
    assert draft.for_file() == data  # nothing written is lost on saving


def test_findings_come_by_field_in_the_template_order_then_unknown_keys() -> None:
    data = valid_data()
    del data["title"]
    data["speakers"] = [{"name": "Li Wei", "affiliation": "CNNIC"}, {"name": ""}]
    data["zzz"] = 1
    data["date"] = "someday"
    draft = Draft.of(data)
    assert set(draft.findings) == {"title", "date", "speakers", "zzz"}
    assert [f.path for f in draft.findings["speakers"]] == ["speakers[1].name"]
    assert [path for path, _, _ in _where(draft)] == ["title", "date", "speakers[1].name", "zzz"]
    assert [f.path for f in draft.errors("speakers")] == ["speakers[1].name"]
    assert draft.errors("chair") == []
    assert draft.errors("no such key") == []


def test_errors_leave_out_warnings() -> None:
    data = valid_data()
    data["rapporteur"] = {"name": "Kwame Mensah"}
    data["title"] = ""
    draft = Draft.of(data)
    assert [(f.path, f.severity) for f in draft.all_findings()] == [
        ("title", Severity.ERROR),
        ("rapporteur.affiliation", Severity.WARNING),
    ]
    assert [f.path for f in draft.errors()] == ["title"]
    assert draft.errors("rapporteur") == []


def test_a_draft_is_blank_until_something_but_the_template_is_written() -> None:
    assert Draft().is_blank()
    assert Draft.of({"template": "igf-2016-workshop"}).is_blank()
    assert not Draft.of({"template": "igf-2016-workshop", "title": "x"}).is_blank()
    assert not Draft.of({"colour": "blue"}).is_blank()


def test_a_list_fields_items_and_count() -> None:
    draft = Draft.of(valid_data())
    speakers = SPEC["speakers"]
    assert draft.count(speakers) == 2
    assert draft.items(speakers) == [
        Person(name="Li Wei", affiliation="CNNIC"),
        Person(name="Jean Dupont", affiliation="Afnic"),
    ]
    draft.items(speakers).clear()  # a copy: the draft keeps its items
    assert draft.count(speakers) == 2
    odd = Draft.of({"speakers": 5})  # written, but not a list
    assert odd.items(speakers) == []
    assert odd.count(speakers) == 0
    assert Draft().count(speakers) == 0


def test_setting_a_field_keeps_the_parsed_value_or_what_was_written() -> None:
    draft = Draft.of(valid_data())
    date = SPEC["date"]
    assert draft.set(date, "8 December 2016") == []
    assert draft.get("date") == dt.date(2016, 12, 8)
    assert draft.for_file()["date"] == dt.date(2016, 12, 8)

    (finding,) = draft.set(date, "someday")
    assert (finding.path, finding.severity) == ("date", Severity.ERROR)
    assert draft.get("date") == "someday"
    assert draft.for_file()["date"] == "someday"
    assert draft.errors("date") == [finding]

    (finding,) = draft.set(date, None)
    assert finding.message == "is required"
    assert "date" not in draft.for_file()
    assert draft.get("date") is None
    assert draft.set(date, "7 Dec 2016") == []
    assert draft.errors() == []


def test_setting_a_field_replaces_its_findings_and_no_other() -> None:
    data = valid_data()
    data["title"] = ""
    data["rapporteur"] = {"name": "Kwame Mensah"}
    draft = Draft.of(data)
    draft.set(SPEC["title"], "Access for all")
    assert [f.path for f in draft.all_findings()] == ["rapporteur.affiliation"]
    assert draft.for_file()["title"] == "Access for all"


def test_checking_an_item_names_it_at_its_place_in_the_list() -> None:
    draft = Draft.of(valid_data())
    speakers = SPEC["speakers"]
    item, findings = draft.check_item(speakers, {"name": "Ana", "affiliation": ""})
    assert item == Person(name="Ana", affiliation=None)
    assert [(f.path, f.severity, f.message) for f in findings] == [
        ("speakers[2].affiliation", Severity.WARNING, "Ana has no affiliation")
    ]
    item, findings = draft.check_item(speakers, {"name": ""})
    assert item is None
    assert [(f.path, f.severity, f.message) for f in findings] == [
        ("speakers[2].name", Severity.ERROR, "is empty")
    ]
    assert draft.check_item(speakers, "Ana Lima, ISOC") == (
        Person(name="Ana Lima", affiliation="ISOC"),
        [],
    )
    assert draft.count(speakers) == 2  # checking adds nothing


def test_checking_an_item_leaves_out_the_guidance_on_the_whole_list() -> None:
    draft = Draft()
    discussions = SPEC["discussions"]
    # one paragraph alone is below the 3 the template asks for the whole list
    assert draft.check_item(discussions, "We talked.") == ("We talked.", [])
    item, findings = draft.check_item(SPEC["presentations"], {"title": "Talk"})
    assert item is None
    assert [(f.path, f.message) for f in findings] == [("presentations[0].summary", "is required")]


def test_appending_to_an_empty_list_ends_its_is_required() -> None:
    draft = Draft.of({"template": "igf-2016-workshop"})
    issues = SPEC["key_issues"]
    assert [f.message for f in draft.errors("key_issues")] == ["is required"]
    item, findings = draft.check_item(issues, "Access costs too much.")
    draft.append(issues, item, findings)
    assert draft.errors("key_issues") == []
    assert draft.get("key_issues") == ["Access costs too much."]
    assert draft.for_file()["key_issues"] == ["Access costs too much."]
    draft.append(issues, "Skills are missing.", [])
    assert draft.items(issues) == ["Access costs too much.", "Skills are missing."]
    assert draft.for_file()["key_issues"] == ["Access costs too much.", "Skills are missing."]


def test_appending_keeps_the_findings_of_the_items_before() -> None:
    draft = Draft.of(valid_data())
    speakers = SPEC["speakers"]
    for name in ["Ana", "Bo"]:
        item, findings = draft.check_item(speakers, {"name": name})
        draft.append(speakers, item, findings)
    assert [(f.path, f.message) for f in draft.findings["speakers"]] == [
        ("speakers[2].affiliation", "Ana has no affiliation"),
        ("speakers[3].affiliation", "Bo has no affiliation"),
    ]
    assert draft.count(speakers) == 4
    assert draft.for_file()["speakers"][3] == Person(name="Bo")


def test_appending_to_a_list_that_does_not_parse_keeps_its_items_and_errors() -> None:
    draft = Draft.of({"speakers": [{"name": ""}]})
    speakers = SPEC["speakers"]
    assert draft.get("speakers") == [{"name": ""}]
    item, findings = draft.check_item(speakers, {"name": "Ana", "affiliation": "ISOC"})
    draft.append(speakers, item, findings)
    assert draft.for_file()["speakers"] == [{"name": ""}, Person(name="Ana", affiliation="ISOC")]
    assert [f.path for f in draft.errors("speakers")] == ["speakers[0].name"]


def test_an_item_being_typed_is_saved_as_its_lists_last_item() -> None:
    draft = Draft.of(valid_data())
    draft.pending = ("presentations", {"title": "Half typed"})
    saved = draft.for_file()
    assert saved["presentations"] == [
        Presentation(title="Community networks", summary="A short talk."),
        {"title": "Half typed"},
    ]
    assert draft.count(SPEC["presentations"]) == 1  # saved, not added

    fresh = Draft.of({"template": "igf-2016-workshop"})
    fresh.pending = ("presentations", {"title": "First"})
    assert fresh.for_file() == {
        "template": "igf-2016-workshop",
        "presentations": [{"title": "First"}],
    }
    odd = Draft.of({"presentations": 5})
    odd.pending = ("presentations", {"title": "First"})
    assert odd.for_file() == {"presentations": [{"title": "First"}]}


def test_a_wrong_template_is_the_first_finding_said() -> None:
    data = valid_data()
    data["template"] = "other"
    data["zzz"] = 1
    del data["title"]
    draft = Draft.of(data)
    assert [f.path for f in draft.all_findings()] == ["template", "title", "zzz"]


def test_an_items_findings_carry_its_lists_label() -> None:
    draft = Draft.of(valid_data())
    _, findings = draft.check_item(SPEC["speakers"], {"name": ""})
    assert [f.label for f in findings] == [SPEC["speakers"].label]
