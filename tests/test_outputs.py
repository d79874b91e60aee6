"""What the commands write for the examples and the seed, byte for byte as stored.

A change of shape (#26) must not change an output: every example rendered in
every format, the examples exported, the seed imported, and each example's
renderings imported back, through the command line as a user runs it. The
national-digital-strategy renderings through the writers alone are in
``test_formats.py``; the books in ``test_book.py``.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from igf_report import __version__

from .conftest import EXAMPLES, ROOT, SEED, Invoke, snapshot

NAMES = sorted(p.stem for p in EXAMPLES.glob("*.toml"))
TEXT_FORMATS = {"text": ".txt", "markdown": ".md", "html": ".html", "published": ".txt"}


def _word_document(docx: bytes) -> str:
    # the document part, a paragraph a line so that a difference reads as one
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        xml = package.read("word/document.xml").decode("utf-8")
    return xml.replace("</w:p>", "</w:p>\n").rstrip("\n") + "\n"


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("fmt", sorted(TEXT_FORMATS))
def test_render_of_each_example_in_each_text_format(invoke: Invoke, name: str, fmt: str) -> None:
    result = invoke("render", str(EXAMPLES / f"{name}.toml"), "-f", fmt)
    assert (result.exit_code, result.stderr) == (0, "")
    snapshot(f"output-render-{name}-{fmt}{TEXT_FORMATS[fmt]}", result.stdout)


@pytest.mark.parametrize("name", NAMES)
def test_render_of_each_example_in_word(invoke: Invoke, name: str, tmp_path: Path) -> None:
    out = tmp_path / f"{name}.docx"
    result = invoke("render", str(EXAMPLES / f"{name}.toml"), "-o", str(out))
    assert (result.exit_code, result.stderr) == (0, f"Wrote {out}\n")
    snapshot(f"output-render-{name}-docx.xml", _word_document(out.read_bytes()))


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_export_of_the_examples(invoke: Invoke, fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # the file names in the export are as given
    result = invoke("export", "examples", "-f", fmt)
    assert (result.exit_code, result.stderr) == (0, "")
    snapshot(f"output-export.{fmt}", result.stdout)


def _imported(invoke: Invoke, source: Path, tmp_path: Path) -> str:
    out = tmp_path / "imported.toml"
    result = invoke("import", str(source), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    # what the import said, then the report it wrote; the folder differs each run
    said = (result.stdout + result.stderr).replace(str(source), "SOURCE")
    said = said.replace(str(tmp_path), "TMP").replace(__version__, "VERSION")
    return said + "----\n" + out.read_text(encoding="utf-8")


def test_import_of_the_seed(invoke: Invoke, tmp_path: Path) -> None:
    snapshot("output-import-seed.txt", _imported(invoke, SEED, tmp_path))


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".docx"])
def test_import_of_each_example_rendered(
    invoke: Invoke, name: str, suffix: str, tmp_path: Path
) -> None:
    rendered = tmp_path / f"{name}{suffix}"
    result = invoke("render", str(EXAMPLES / f"{name}.toml"), "-o", str(rendered))
    assert result.exit_code == 0, result.stderr
    snapshot(f"output-import-{name}{suffix}.txt", _imported(invoke, rendered, tmp_path))
