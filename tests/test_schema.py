"""The schema file ``new`` writes beside a report, as editors read it."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from igf_report.template.fields import FIELDS
from igf_report.template.schema import SCHEMA_FILE_NAME, json_schema

from .conftest import Invoke


def test_the_schema_names_its_draft_so_editors_read_it_as_2020_12() -> None:
    # an editor that defaults to an older draft switches on "$schema"
    validator = jsonschema.validators.validator_for(
        json_schema(), default=jsonschema.Draft4Validator
    )
    assert validator is jsonschema.Draft202012Validator


def test_new_refreshes_its_own_schema_file_without_a_word(invoke: Invoke, tmp_path: Path) -> None:
    schema = tmp_path / SCHEMA_FILE_NAME
    assert invoke("new", str(tmp_path / "a.toml")).exit_code == 0
    # an older igf-report wrote it: still ours, so brought up to date
    old = json.loads(schema.read_text(encoding="utf-8"))
    old["title"] = "an older version"
    schema.write_text(json.dumps(old), encoding="utf-8")
    result = invoke("new", str(tmp_path / "b.toml"))
    assert result.exit_code == 0
    assert "left untouched" not in result.stderr
    assert f"Wrote {schema}" in result.stderr
    assert json.loads(schema.read_text(encoding="utf-8")) == json_schema()


def test_a_schema_with_another_id_is_not_ours(invoke: Invoke, tmp_path: Path) -> None:
    schema = tmp_path / SCHEMA_FILE_NAME
    other = {**json_schema(), "$id": "urn:someone-else"}
    schema.write_text(json.dumps(other), encoding="utf-8")
    result = invoke("new", str(tmp_path / "r.toml"))
    assert result.exit_code == 0
    assert "is not igf-report's schema; it is left untouched" in result.stderr
    assert json.loads(schema.read_text(encoding="utf-8")) == other


def test_each_field_of_the_schema_carries_its_template_label() -> None:
    properties = json_schema()["properties"]
    for spec in FIELDS:
        assert properties[spec.key]["x-template-label"] == spec.heading
