"""``validate --format json``, ``fields``, ``schema`` and ``new``."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import jsonschema
import pytest

from igf_report.template.fields import FIELDS

from .conftest import EXAMPLES, Invoke, saved_meanwhile

OUTPUT_SCHEMA = json.loads(
    (Path(__file__).parent / "schemas" / "validate-output.schema.json").read_text(encoding="utf-8")
)


def test_validate_json_covers_every_file_and_matches_its_schema(
    invoke: Invoke, tmp_path: Path
) -> None:
    reports = tmp_path / "reports"
    (reports / "2016").mkdir(parents=True)
    for name in ("national-digital-strategy", "community-networks"):
        (reports / "2016" / f"{name}.toml").write_bytes((EXAMPLES / f"{name}.toml").read_bytes())
    (reports / "broken.toml").write_text('title = "x\n', encoding="utf-8")
    (reports / "bad.toml").write_text('title = "T"\ndate = "nonsense"\n', encoding="utf-8")
    result = invoke("validate", str(reports), "--format", "json")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    jsonschema.validate(document, OUTPUT_SCHEMA)
    assert [Path(f["file"]).name for f in document["files"]] == [
        "community-networks.toml",
        "national-digital-strategy.toml",
        "bad.toml",
        "broken.toml",
    ]
    assert document["summary"] == {"reports": 4, "valid": 1, "warnings": 1, "invalid": 2}
    bad = document["files"][2]["findings"]
    assert {k: v for k, v in bad[0].items() if k != "message"} == {
        "severity": "error",
        "path": "date",
        "label": "Date",
        "line": 2,
        "column": None,
    }
    assert document["files"][3]["findings"][0]["line"] == 1
    assert document["files"][3]["findings"][0]["column"] is not None
    assert result.stderr == "4 reports: 1 valid, 1 with warnings, 2 invalid\n"


def test_fields_as_json_lists_every_field_in_order(invoke: Invoke) -> None:
    result = invoke("fields", "--format", "json")
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert [row["key"] for row in rows] == [spec.key for spec in FIELDS]
    assert rows[5] == {
        "number": 6,
        "key": "rapporteur",
        "type": "person",
        "required": False,
        "recommended": True,
        "label": "Rapporteur/Notetaker",
        "template_label": "Rapporteur/Notetaker",
        "instruction": FIELDS[5].instruction,
        "example": FIELDS[5].example,
    }


def test_fields_as_a_table(invoke: Invoke) -> None:
    result = invoke("fields")
    assert result.exit_code == 0
    for spec in FIELDS:
        assert spec.key in result.stdout


def test_schema_validates_the_examples(invoke: Invoke) -> None:
    schema = json.loads(invoke("schema").stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["properties"]["key_issues"]["title"] == "Key Issues raised"
    assert "1 sentence per issue" in schema["properties"]["key_issues"]["description"]
    for path in EXAMPLES.glob("*.toml"):
        document = json.loads(json.dumps(tomllib.loads(path.read_text("utf-8")), default=str))
        jsonschema.validate(document, schema)
    bad = {"title": "x", "titel": "typo"}
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(bad))
    assert any("titel" in e.message for e in errors)


def test_new_writes_a_commented_blank_that_fill_from_accepts_once_filled(
    invoke: Invoke, tmp_path: Path
) -> None:
    blank = tmp_path / "new.toml"
    result = invoke("new", str(blank))
    assert result.exit_code == 0
    text = blank.read_text(encoding="utf-8")
    assert text.startswith("#:schema ./igf-2016-workshop.schema.json\n")
    for spec in FIELDS:
        assert f"# {spec.number}. {spec.heading}\n# {spec.instruction}\n" in text
    assert (tmp_path / "igf-2016-workshop.schema.json").exists()
    # a script fills it in, as a person would in an editor
    filled = (
        text.replace('title = ""', 'title = "Scripted session"')
        .replace('date = ""', "date = 2016-12-08")
        .replace('time = ""', 'time = "09:00 - 10:00"')
        .replace('organizer = ""', 'organizer = "ISOC"')
        .replace('chair = { name = "", affiliation = "" }', 'chair = "Ana Pérez, ISOC"')
        .replace("speakers = []", 'speakers = ["Li Wei, CNNIC"]')
        .replace("key_issues = []", 'key_issues = ["Access matters."]')
        .replace("discussions = []", 'discussions = ["We talked."]')
        .replace("way_forward = []", 'way_forward = ["Meet again."]')
    )
    blank.write_text(filled, encoding="utf-8")
    assert invoke("validate", str(blank)).exit_code == 0
    report = tmp_path / "report.toml"
    result = invoke("fill", str(report), "--from", str(blank), "--no-input")
    assert result.exit_code == 0, result.stderr
    assert invoke("validate", str(report)).exit_code == 0


def test_new_refuses_to_overwrite_without_force(invoke: Invoke, tmp_path: Path) -> None:
    existing = tmp_path / "report.toml"
    existing.write_text("mine\n", encoding="utf-8")
    result = invoke("new", str(existing))
    assert result.exit_code == 1
    assert "exists; use --force" in result.stderr
    assert existing.read_text(encoding="utf-8") == "mine\n"
    assert invoke("new", str(existing), "--force", "--no-schema").exit_code == 0
    assert existing.read_text(encoding="utf-8").startswith("#:schema")


def test_new_keeps_a_file_made_between_its_check_and_its_write(
    invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = tmp_path / "report.toml"
    saved_meanwhile(monkeypatch, report)  # after the check, before the write
    result = invoke("new", str(report), "--no-schema")
    assert (result.exit_code, result.stderr) == (
        1,
        f"igf-report: error: {report} exists; use --force to overwrite it\n",
    )
    assert report.read_text(encoding="utf-8") == "theirs\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.toml"]


def test_new_leaves_a_foreign_schema_file_alone(invoke: Invoke, tmp_path: Path) -> None:
    foreign = tmp_path / "igf-2016-workshop.schema.json"
    foreign.write_text('{"mine": true}', encoding="utf-8")
    result = invoke("new", str(tmp_path / "r.toml"))
    assert result.exit_code == 0
    assert "is not igf-report's schema; it is left untouched" in result.stderr
    assert foreign.read_text(encoding="utf-8") == '{"mine": true}'
