"""The report file's JSON Schema and field list, as editors and scripts read them."""

from __future__ import annotations

from typing import Any, Final

from igf_report.template.fields import FIELDS
from igf_report.template.model import TEMPLATE_ID, Report

__all__ = ["SCHEMA_FILE_NAME", "field_rows", "is_our_schema", "json_schema"]

#: The name ``igf-report new`` gives the schema file it writes beside a report.
SCHEMA_FILE_NAME: Final = f"{TEMPLATE_ID}.schema.json"
_SCHEMA_ID: Final = f"urn:igf-report:schema:{TEMPLATE_ID}"


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a report file, titled and described from the template."""
    schema = Report.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": _SCHEMA_ID,
        **schema,
    }


def is_our_schema(document: object) -> bool:
    """Whether a parsed JSON document is a schema this tool wrote."""
    return isinstance(document, dict) and document.get("$id") == _SCHEMA_ID


def field_rows() -> list[dict[str, Any]]:
    """Every field in template order: key, type, whether required, label, instruction, example."""
    return [
        {
            "number": spec.number,
            "key": spec.key,
            "type": spec.kind.value,
            "required": spec.required,
            "recommended": bool(spec.template.when_missing),
            "label": spec.label,
            "template_label": spec.heading,
            "instruction": spec.instruction,
            "example": spec.example,
        }
        for spec in FIELDS
    ]
