from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from igf_report.template.fields import FIELDS
from igf_report.textutil import display_width

from .conftest import EXAMPLES, Invoke


@pytest.mark.parametrize("name", ["national-digital-strategy", "community-networks"])
def test_examples_render_to_the_text_beside_them(invoke: Invoke, name: str) -> None:
    result = invoke("render", str(EXAMPLES / f"{name}.toml"))
    assert result.exit_code == 0
    assert result.stdout == (EXAMPLES / f"{name}.txt").read_text(encoding="utf-8")


def test_the_seed_session_shows_every_label_and_value(invoke: Invoke) -> None:
    out = invoke("render", str(EXAMPLES / "national-digital-strategy.toml")).stdout
    flat = " ".join(out.split())
    for spec in FIELDS:
        assert " ".join(spec.heading.split()) in flat or spec.label in flat
    for value in (
        "National Digital Strategy Impact (Impacto de la Estrategia Digital Nacional)",
        "6 December 2016",
        "10:45 - 11:45",
        "Host country",
        "Yolanda Martínez Mancilla, Head of the Digital Government Unit",
        "Luis Alberto Gutiérrez Díaz de León",
        "Women empowerment through digital skills development",
        "Government transformation challenges:",
        "To organize a similar Open Forum next IGF 2017",
    ):
        assert value in flat
    assert "Rapporteur/Notetaker  (not given)" in out
    assert "\x1b" not in out
    assert out.endswith("\n")
    assert not out.endswith("\n\n")


def test_wraps_by_display_width(invoke: Invoke) -> None:
    out = invoke("render", str(EXAMPLES / "community-networks.toml"), "--width", "40").stdout
    assert max(display_width(line) for line in out.splitlines()) <= 40
    assert "Li Wei (李伟)," in out


def test_output_file(invoke: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "r.txt"
    result = invoke("render", str(EXAMPLES / "community-networks.toml"), "-o", str(out))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == f"Wrote {out}\n"
    assert out.read_text(encoding="utf-8").startswith("IGF 2016 Workshop Report\n")


def test_refuses_to_overwrite_its_input(invoke: Invoke, tmp_path: Path) -> None:
    report = tmp_path / "r.toml"
    report.write_bytes((EXAMPLES / "community-networks.toml").read_bytes())
    result = invoke("render", str(report), "-o", str(report))
    assert result.exit_code == 2
    assert report.read_bytes() == (EXAMPLES / "community-networks.toml").read_bytes()


def test_a_draft_renders_with_placeholders_and_lists_errors(invoke: Invoke, tmp_path: Path) -> None:
    report = tmp_path / "draft.toml"
    report.write_text('title = "Only a title"\ndate = "someday"\n', encoding="utf-8")
    result = invoke("render", str(report))
    assert result.exit_code == 1  # printed all the same, but the report is invalid
    assert "Only a title" in result.stdout
    assert "Date                  someday (invalid: 'someday' is not a date" in result.stdout
    assert "Time                  (not given)" in result.stdout
    assert "error: date (Date): 'someday' is not a date I can read" in result.stderr


def test_unknown_format_is_a_usage_error(invoke: Invoke) -> None:
    result = invoke("render", str(EXAMPLES / "community-networks.toml"), "--format", "pdf")
    assert result.exit_code == 2
    assert "unknown format 'pdf'" in result.stderr


def test_output_never_replaces_a_file_igf_report_did_not_write(
    invoke: Invoke, tmp_path: Path
) -> None:
    source = str(EXAMPLES / "community-networks.toml")
    mine = tmp_path / "notes.html"
    mine.write_text("<p>my own notes</p>\n", encoding="utf-8")
    result = invoke("render", source, "-f", "html", "-o", str(mine))
    assert result.exit_code == 1
    assert "was not written by igf-report" in result.stderr
    assert mine.read_text(encoding="utf-8") == "<p>my own notes</p>\n"
    # a file it wrote itself is replaced, and --force replaces anything
    ours = tmp_path / "report.html"
    assert invoke("render", source, "-f", "html", "-o", str(ours)).exit_code == 0
    assert invoke("render", source, "-f", "html", "-o", str(ours)).exit_code == 0
    assert invoke("render", source, "-f", "html", "-o", str(mine), "--force").exit_code == 0
    assert "my own notes" not in mine.read_text(encoding="utf-8")


# --- a binary format on standard output ------------------------------------------------------


def _igf(*args: str) -> list[str]:
    return [sys.executable, "-m", "igf_report", *args]


@pytest.mark.parametrize(
    "args",
    [
        ("render", str(EXAMPLES / "community-networks.toml"), "--format", "docx"),
        ("render", str(EXAMPLES / "community-networks.toml"), "--format", "docx", "-o", "-"),
        ("book", str(EXAMPLES), "--format", "docx"),
    ],
    ids=["render", "render -o -", "book"],
)
def test_a_word_document_goes_to_a_file_that_is_standard_output(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    # `igf-report render r.toml --format docx > r.docx`
    out = tmp_path / "out.docx"
    with out.open("wb") as stdout:
        done = subprocess.run(
            _igf(*args), stdout=stdout, stderr=subprocess.PIPE, timeout=120, check=False
        )
    assert done.returncode == 0, done.stderr
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "Community Networks" in text


def test_a_word_document_goes_to_a_pipe_that_is_standard_output() -> None:
    done = subprocess.run(
        _igf("render", str(EXAMPLES / "community-networks.toml"), "--format", "docx"),
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(b"PK")


@pytest.mark.pty
@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("render", str(EXAMPLES / "community-networks.toml"), "--format", "docx"),
            (
                "igf-report: error: the docx format is binary and is not written to a terminal; "
                "name the file to write with -o FILE.docx, or redirect stdout to one"
            ),
        ),
        (
            ("book", str(EXAMPLES), "--format", "docx"),
            (
                "igf-report: error: a Word book is binary and is not written to a terminal: "
                "write it with -o BOOK.docx, or redirect stdout to a file"
            ),
        ),
    ],
    ids=["render", "book"],
)
def test_a_word_document_is_not_written_to_a_terminal(args: tuple[str, ...], message: str) -> None:
    shown, stderr, code = _on_a_terminal(args)
    assert code == 2
    assert stderr == message + "\n"
    assert shown == b""


def _on_a_terminal(args: tuple[str, ...]) -> tuple[bytes, str, int]:
    """Run igf-report with stdout on a pseudo-terminal: what it showed, its stderr and exit code."""
    master, slave = pty.openpty()
    with subprocess.Popen(_igf(*args), stdout=slave, stderr=subprocess.PIPE) as process:
        os.close(slave)
        shown = bytearray()
        while select.select([master], [], [], 60)[0]:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the terminal is closed once the program ends
                break
            if not chunk:
                break
            shown += chunk
        os.close(master)
        assert process.stderr is not None
        stderr = process.stderr.read().decode()
        code = process.wait(timeout=60)
    return bytes(shown), stderr, code


@pytest.mark.pty
@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_dev_stdout_on_a_terminal_shows_controls_and_refuses_a_word_document(
    tmp_path: Path,
) -> None:
    report = tmp_path / "r.toml"
    report.write_text('title = "Red \\u001b[31m alert"\n', encoding="utf-8")
    shown, _, code = _on_a_terminal(("render", str(report), "-o", "/dev/stdout"))
    assert code == 1  # the report is incomplete; it is shown all the same
    assert b"\x1b" not in shown
    assert "Red ␛[31m alert" in shown.decode()
    shown, stderr, code = _on_a_terminal(
        ("render", str(report), "--format", "docx", "-o", "/dev/stdout")
    )
    assert code == 1
    assert stderr.endswith(
        "igf-report: error: cannot write /dev/stdout: it is a terminal, and this document "
        "is binary\n"
    )
    assert shown == b""


def test_dev_stdout_as_output_adds_to_what_stdout_is(tmp_path: Path) -> None:
    # `igf-report render r.toml -o /dev/stdout >> log`: appended, as the shell was asked
    log = tmp_path / "log"
    log.write_text("before\n", encoding="utf-8")
    report = EXAMPLES / "community-networks.toml"
    with log.open("ab") as stdout:
        done = subprocess.run(
            _igf("render", str(report), "-o", "/dev/stdout"),
            stdout=stdout,
            stderr=subprocess.PIPE,
            timeout=120,
            check=False,
        )
    assert done.returncode == 0, done.stderr
    assert done.stderr == b"Wrote /dev/stdout\n"
    rendered = (EXAMPLES / "community-networks.txt").read_text(encoding="utf-8")
    assert log.read_text(encoding="utf-8") == "before\n" + rendered


@pytest.mark.parametrize(
    ("name", "start"),
    [
        ("r.html", "<!DOCTYPE html>"),
        ("r.HTM", "<!DOCTYPE html>"),
        ("r.md", "# "),
        ("r.txt", "IGF 2016 Workshop Report"),
        ("r", "IGF 2016 Workshop Report"),
    ],
)
def test_render_knows_the_format_from_the_output_suffix(
    invoke: Invoke, tmp_path: Path, name: str, start: str
) -> None:
    # render -o r.html wrote plain text into an .html file, where book took the suffix
    report = EXAMPLES / "community-networks.toml"
    out = tmp_path / name
    assert invoke("render", str(report), "-o", str(out)).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith(start)


def test_render_to_a_suffix_of_no_format_is_refused_and_format_wins(
    invoke: Invoke, tmp_path: Path
) -> None:
    report = EXAMPLES / "community-networks.toml"
    refused = invoke("render", str(report), "-o", str(tmp_path / "r.pdf"))
    assert refused.exit_code == 2
    assert "a report is not written as .pdf; name it .txt, .md, .html, .docx" in refused.stderr
    assert not (tmp_path / "r.pdf").exists()
    out = tmp_path / "r.html"
    assert invoke("render", str(report), "-f", "markdown", "-o", str(out)).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("# ")
    word = tmp_path / "r.docx"
    assert invoke("render", str(report), "-o", str(word)).exit_code == 0
    assert docx.Document(str(word)).paragraphs[0].text
