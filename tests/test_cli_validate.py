from __future__ import annotations

from pathlib import Path

from .conftest import EXAMPLES, Invoke


def test_examples_are_valid(invoke: Invoke) -> None:
    result = invoke("validate", *sorted(str(p) for p in EXAMPLES.glob("*.toml")))
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith("2 reports: 1 valid, 1 with warnings, 0 invalid\n")
    assert "rapporteur (Rapporteur/Notetaker): is empty" in result.stdout


def test_bad_date_missing_title_and_unknown_key_are_all_named(
    invoke: Invoke, tmp_path: Path
) -> None:
    report = tmp_path / "bad.toml"
    text = (EXAMPLES / "community-networks.toml").read_text(encoding="utf-8")
    text = text.replace("date = 2016-12-08", 'date = "31/31/2016"')
    text = "\n".join(line for line in text.splitlines() if not line.startswith("title ="))
    report.write_text(text + '\nsummary = "typo"\n', encoding="utf-8")
    result = invoke("validate", str(report))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert f"{report}: error: title (Session Title): is required" in lines
    assert any(
        line.startswith(f"{report}:2: error: date (Date): '31/31/2016' is not a date")
        for line in lines
    )
    assert any("error: summary (not a template field): is not a key" in line for line in lines)
    assert lines[-1] == "1 report: 0 valid, 0 with warnings, 1 invalid"
    assert result.stderr == ""


def test_malformed_toml_is_reported_with_its_position(invoke: Invoke, tmp_path: Path) -> None:
    report = tmp_path / "broken.toml"
    report.write_text('title = "x"\ndate = = 1\n', encoding="utf-8")
    result = invoke("validate", str(report))
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{report}:2:8: error: not valid TOML: ")
    assert "Traceback" not in result.output


def test_strict_fails_on_warnings(invoke: Invoke) -> None:
    seed = str(EXAMPLES / "national-digital-strategy.toml")
    assert invoke("validate", seed).exit_code == 0
    assert invoke("validate", "--strict", seed).exit_code == 1


def test_missing_file_is_a_usage_error(invoke: Invoke) -> None:
    result = invoke("validate", "no-such.toml")
    assert result.exit_code == 2
    assert result.stderr == "igf-report: error: no such file or folder: no-such.toml\n"
    assert result.stdout == ""


def test_bad_option_is_a_usage_error(invoke: Invoke) -> None:
    assert invoke("validate", "--format", "xml", str(EXAMPLES)).exit_code == 2
    assert invoke("validate", "--bogus", str(EXAMPLES)).exit_code == 2
    assert invoke("validate").exit_code == 2


def test_folders_are_searched_for_toml(invoke: Invoke, tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    for name in ("a/one.toml", "a/b/two.toml"):
        (tmp_path / name).write_text(
            (EXAMPLES / "community-networks.toml").read_text(encoding="utf-8"),
            encoding="utf-8",
        )
    (tmp_path / "a" / "notes.txt").write_text("not a report", encoding="utf-8")
    result = invoke("validate", str(tmp_path))
    assert result.exit_code == 0
    assert result.stdout == "2 reports: 2 valid, 0 with warnings, 0 invalid\n"


def test_invalid_utf8_names_the_byte(invoke: Invoke, tmp_path: Path) -> None:
    report = tmp_path / "latin1.toml"
    report.write_bytes('title = "Martínez"\n'.encode("latin-1"))
    result = invoke("validate", str(report))
    assert result.exit_code == 1
    assert "is not UTF-8 text: byte 13 is 0xed" in result.stdout


def test_a_dash_checks_standard_input_once_named_stdin(invoke: Invoke) -> None:
    text = (EXAMPLES / "national-digital-strategy.toml").read_text(encoding="utf-8")
    result = invoke("validate", "-", "-", input=text)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("<stdin>: warning: rapporteur (Rapporteur/Notetaker): is empty")
    assert lines[-1] == "1 report: 0 valid, 1 with warnings, 0 invalid"
    broken = invoke("validate", "-", input='title = "x"\ndate = = 1\n')
    assert broken.exit_code == 1
    assert broken.stdout.startswith("<stdin>:2:8: error: not valid TOML: ")
