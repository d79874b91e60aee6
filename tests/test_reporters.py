"""What ``validate`` prints for each file, in each of its formats."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import Invoke


def test_json_output_keeps_accented_names_readable(invoke: Invoke, tmp_path: Path) -> None:
    # a person reads the output as often as a script: "Pérez", not "P\u00e9rez"
    report = tmp_path / "informe-pérez.toml"
    report.write_text('title = "Sesión"\n', encoding="utf-8")
    result = invoke("validate", "--format", "json", str(report))
    assert result.exit_code == 1
    assert "informe-pérez.toml" in result.stdout
    assert "\\u00e9" not in result.stdout
    assert json.loads(result.stdout)
