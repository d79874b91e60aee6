"""Hostile and broken Word files: bounded inflation, one message, exit 1, never a traceback.

Each file is built part by part (``tests/word_files.py``): a well-formed small
Word file with one part broken, a zip bomb, a zip whose headers lie.
"""

from __future__ import annotations

import subprocess
import sys
import time
import tomllib
import tracemalloc
from collections.abc import Callable
from contextlib import nullcontext
from pathlib import Path

import pytest

from igf_report.errors import FileReadError
from igf_report.readers.word import read_word
from igf_report.readers.wordpackage import PART_LIMIT, TOTAL_LIMIT

from .conftest import Invoke
from .word_files import (
    CORE,
    DATE_ROW,
    DOCUMENT_RELS,
    RELS,
    STYLES,
    TITLE,
    W,
    cell,
    damaged,
    document,
    table,
    with_header,
    word_file,
    zeros_part,
)

_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">'
    + "".join(f'<!ENTITY {chr(98 + n)} "{f"&{chr(97 + n)};" * 10}">' for n in range(9))
    + f']><w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&j;</w:t></w:r></w:p></w:body>'
    "</w:document>"
)


def _nested_tables(depth: int) -> str:
    inner = "<w:p/>"
    for _ in range(depth):
        inner = f"<w:tbl><w:tr><w:tc>{inner}</w:tc></w:tr></w:tbl><w:p/>"
    return document(inner)


def _wrong_type() -> str:
    return str(word_file_parts()["[Content_Types].xml"]).replace(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        "application/xml",
    )


def word_file_parts() -> dict[str, str | bytes]:
    from .word_files import PARTS  # noqa: PLC0415 -- the parts each case changes

    return dict(PARTS)


_DOCUMENT = "word/document.xml"
#: A broken Word file, built from a well-formed one, and what the refusal says is wrong.
BROKEN: dict[str, tuple[Callable[[], bytes], str]] = {
    "invalid XML in document.xml": (
        lambda: word_file({_DOCUMENT: document("<w:p>")}),
        "its part word/document.xml is not well-formed XML (line 1, column",
    ),
    "invalid XML in styles.xml": (
        lambda: word_file({"word/styles.xml": STYLES[:-3]}),
        "its part word/styles.xml is not well-formed XML (line 1, column",
    ),
    "invalid XML in core.xml": (
        lambda: word_file({"docProps/core.xml": CORE.replace("</dc:title>", "")}),
        "its part docProps/core.xml is not well-formed XML (line 1, column",
    ),
    "invalid XML in [Content_Types].xml": (
        lambda: word_file({"[Content_Types].xml": "<Types"}),
        "its part [Content_Types].xml is not well-formed XML (line 1, column",
    ),
    "invalid XML in _rels/.rels": (
        lambda: word_file({"_rels/.rels": RELS + "<"}),
        "its part _rels/.rels is not well-formed XML (line 1, column",
    ),
    "invalid XML in the document's relationships": (
        lambda: word_file({"word/_rels/document.xml.rels": DOCUMENT_RELS.replace('"', "", 1)}),
        "its part word/_rels/document.xml.rels is not well-formed XML (line 1, column",
    ),
    "an empty document.xml": (
        lambda: word_file({_DOCUMENT: ""}),
        "its part word/document.xml is empty",
    ),
    "a billion laughs": (
        lambda: word_file({_DOCUMENT: _LAUGHS}),
        "its part word/document.xml declares entities that expand without bound (a DTD)",
    ),
    "tables nested 85 deep": (
        lambda: word_file({_DOCUMENT: _nested_tables(85)}),
        "its part word/document.xml nests elements more than 256 deep (tables in tables?)",
    ),
    "a text node over 10 MB": (
        lambda: word_file(
            {_DOCUMENT: document(f"<w:p><w:r><w:t>{'x' * 10_000_001}</w:t></w:r></w:p>")}
        ),
        "its part word/document.xml holds a text of more than 10 MB in one piece",
    ),
    "a root element <foo/>": (
        lambda: word_file({_DOCUMENT: "<foo/>"}),
        "its part word/document.xml is not what a Word file holds there (its root is <foo>)",
    ),
    "styles whose root is not w:styles": (
        lambda: word_file({"word/styles.xml": f'<w:document xmlns:w="{W}"/>'}),
        "its part word/styles.xml is not what a Word file holds there (its root is <document>)",
    ),
    "a document without a body": (
        lambda: word_file({_DOCUMENT: f'<w:document xmlns:w="{W}"/>'}),
        "its part word/document.xml has no body",
    ),
    "corrupt deflate data": (
        lambda: damaged(word_file(), _DOCUMENT),
        "its part word/document.xml is damaged (",
    ),
    "an encrypted zip entry": (
        lambda: with_header(word_file(), _DOCUMENT, flags=0x1),
        "its part word/document.xml is encrypted",
    ),
    "a wrong content type": (
        lambda: word_file({"[Content_Types].xml": _wrong_type()}),
        (
            "its main part word/document.xml is not a Word document (its content type is "
            "'application/xml')"
        ),
    ),
    "no main document": (
        lambda: word_file({"_rels/.rels": RELS.replace("officeDocument", "other")}),
        "it names no main document (in _rels/.rels)",
    ),
    "a part that inflates past its bound": (
        lambda: word_file({_DOCUMENT: document(" " * PART_LIMIT)}),
        f"its part word/document.xml inflates to more than {PART_LIMIT // 2**20} MiB (a zip bomb?)",
    ),
    "parts that inflate past the bound of all": (
        lambda: word_file(
            {
                _DOCUMENT: document(" " * (PART_LIMIT - 1000)),
                "word/styles.xml": STYLES.replace(
                    "</w:styles>", " " * (PART_LIMIT - 1000) + "</w:styles>"
                ),
            }
        ),
        f"the parts import reads inflate to more than {TOTAL_LIMIT // 2**20} MiB together",
    ),
    "a header that says more than the bound": (
        lambda: with_header(word_file(), _DOCUMENT, size=PART_LIMIT + 1),
        f"its part word/document.xml inflates to more than {PART_LIMIT // 2**20} MiB (a zip bomb?)",
    ),
    "a header that says less than the part inflates to": (
        lambda: with_header(word_file({_DOCUMENT: document(" " * 100_000)}), _DOCUMENT, size=100),
        "its part word/document.xml is damaged (Bad CRC-32",
    ),
}


def _imported(invoke: Invoke, path: Path, data: bytes) -> tuple[int, str, Path]:
    path.write_bytes(data)
    out = path.with_suffix(".toml")
    result = invoke("import", str(path), "-o", str(out))
    return result.exit_code, result.stderr, out


@pytest.mark.parametrize("case", list(BROKEN))
def test_a_broken_word_file_is_one_message_naming_it_and_what_is_wrong(
    case: str, tmp_path: Path, invoke: Invoke
) -> None:
    build, reason = BROKEN[case]
    path = tmp_path / "draft.docx"
    code, said, out = _imported(invoke, path, build())
    assert code == 1, said
    assert f"error: {path}: cannot be read as a Word (.docx) file: {reason}" in said
    assert said.count("error:") == 1
    assert "Traceback" not in said
    assert not out.exists()


def _cells(properties: str) -> str:
    return cell("Date:", properties) + cell("7 December 2016")


#: What Word opens, read as Word reads it: the date is found in each.
READ: dict[str, dict[str, str | bytes | None]] = {
    "<w:i w:val='2'/> (on)": {
        _DOCUMENT: document(
            TITLE
            + table(_cells("<w:tcPr/>").replace("<w:r>", '<w:r><w:rPr><w:i w:val="2"/></w:rPr>'))
        ),
    },
    "<w:pStyle/> without a value (the default style)": {
        _DOCUMENT: document(TITLE + "<w:p><w:pPr><w:pStyle/></w:pPr></w:p>" + table(DATE_ROW)),
    },
    "a style id with a quote": {
        _DOCUMENT: document(
            TITLE + "<w:p><w:pPr><w:pStyle w:val='a\"b'/></w:pPr><w:r><w:rPr><w:rStyle "
            "w:val='x\"]'/></w:rPr><w:t>Hello</w:t></w:r></w:p>" + table(DATE_ROW)
        ),
    },
    "a styles relationship with TargetMode=External (not fetched)": {
        "word/_rels/document.xml.rels": DOCUMENT_RELS.replace(
            'Target="styles.xml"', 'Target="http://example.org/styles.xml" TargetMode="External"'
        ),
    },
    "gridSpan='abc'": {
        _DOCUMENT: document(TITLE + table(_cells('<w:tcPr><w:gridSpan w:val="abc"/></w:tcPr>')))
    },
    "gridSpan of 2147483647 in ten cells": {
        _DOCUMENT: document(
            TITLE
            + table(
                _cells('<w:tcPr><w:gridSpan w:val="2147483647"/></w:tcPr>'),
                '<w:tc><w:tcPr><w:gridSpan w:val="2147483647"/></w:tcPr><w:p/></w:tc>' * 10,
            )
        )
    },
    "vMerge='continue' in the first row": {
        _DOCUMENT: document(TITLE + table(_cells('<w:tcPr><w:vMerge w:val="continue"/></w:tcPr>')))
    },
    "no styles, no core properties": {"word/styles.xml": None, "docProps/core.xml": None},
    "a template (.dotx) main part": {
        "[Content_Types].xml": str(word_file_parts()["[Content_Types].xml"]).replace(
            "document.main+xml", "template.main+xml"
        )
    },
}


@pytest.mark.parametrize("case", list(READ))
def test_what_word_opens_is_read(case: str, tmp_path: Path, invoke: Invoke) -> None:
    path = tmp_path / "draft.docx"
    code, said, out = _imported(invoke, path, word_file(READ[case]))
    assert code == 0, said
    assert "Traceback" not in said
    report = tomllib.loads(out.read_text("utf-8"))
    assert str(report["date"]) == "2016-12-07"
    # without the file's styles, its Title is a paragraph in the default style, as in Word
    styled = READ[case].get("word/styles.xml", "") is not None and "External" not in case
    assert report.get("title") == ("Open data" if styled else None)


def test_bold_is_on_by_any_value_but_an_off_one() -> None:
    # Word's schema allows true/false/on/off/1/0; python-docx raised on another
    lead_in = (
        '<w:p><w:r><w:rPr><w:b w:val="{}"/></w:rPr><w:t>Community networks</w:t></w:r>'
        "<w:r><w:t xml:space='preserve'> Villages build their own.</w:t></w:r></w:p>"
    )
    heading = "<w:p><w:r><w:t>Presentations</w:t></w:r></w:p>"
    for value, bold in (("2", True), ("on", True), ("1", True), ("0", False), ("off", False)):
        read = read_word(word_file({_DOCUMENT: document(TITLE + heading + lead_in.format(value))}))
        (block,) = read.sections[-1].blocks
        assert (block.lead == "Community networks") == bold, value


def _peak_kib(path: Path) -> int:
    """The most memory (KiB) a fresh interpreter takes to import ``path``, whatever the outcome."""
    script = (
        "import resource, sys\n"
        "from igf_report.errors import FileReadError\n"
        "from igf_report.readers.formats import read_answers\n"
        "data = open(sys.argv[1], 'rb').read()\n"
        "try:\n"
        "    read_answers(sys.argv[1], data)\n"
        "except FileReadError as exc:\n"
        "    print(exc, file=sys.stderr)\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(path)], capture_output=True, text=True, check=True
    )
    return int(done.stdout.split()[-1])


@pytest.mark.parametrize(
    ("part", "fill", "imported"),
    [("word/media/image1.png", b"\0", True), (_DOCUMENT, b" ", False)],
)
def test_a_zip_bomb_is_never_inflated(
    part: str, fill: bytes, *, imported: bool, tmp_path: Path
) -> None:
    # a 5 MB file held 4.95 GB of zeros in its image: 49 s and a 10.4 GB peak;
    # 4.9 GB of spaces in its document died at 10.3 GB. Here 400 MB in 400 KB:
    # the image is never read, the document is refused before it is inflated
    small = tmp_path / "small.docx"
    small.write_bytes(word_file())
    bomb = tmp_path / "bomb.docx"
    size = 400 * 2**20
    bomb.write_bytes(zeros_part(word_file({part: None}), part, size, fill=fill))
    assert bomb.stat().st_size < size // 500
    baseline = _peak_kib(small)
    peak = _peak_kib(bomb)
    assert peak - baseline < 48 * 1024, (baseline, peak)
    with pytest.raises(FileReadError) if not imported else nullcontext():
        read_word(bomb.read_bytes(), str(bomb))


def _cpu_seconds(work: Callable[[], object], repeats: int = 3) -> float:
    """The least CPU time ``work`` takes in ``repeats`` runs: the least noisy on a busy machine."""
    best = float("inf")
    for _ in range(repeats):
        start = time.process_time()
        work()
        best = min(best, time.process_time() - start)
    return best


def test_a_table_row_of_many_cells_is_read_in_linear_time() -> None:
    # a row of 32,000 cells took 40 s: each cell was compared with every cell before it
    def row_of(count: int) -> bytes:
        cells = cell("Discussions") + "<w:tc><w:p/></w:tc>" * count + cell("The last cell.")
        return word_file({_DOCUMENT: document(TITLE + table(cells, grid=count + 2))})

    small_file, large_file = row_of(4_000), row_of(16_000)
    small = _cpu_seconds(lambda: read_word(small_file))
    large = _cpu_seconds(lambda: read_word(large_file))
    # four times the cells: about four times the time, never the sixteen of a square
    assert large < 6 * small, (small, large)
    (section,) = [s for s in read_word(large_file).sections if s.label == "Discussions"]
    assert [block.text for block in section.blocks] == ["The last cell."]


def test_a_cell_spanning_a_hundred_million_columns_is_one_cell() -> None:
    # one gridSpan of 100,000,000 took 49 s and 965 MB: the cell was listed once per column
    span = '<w:tcPr><w:gridSpan w:val="100000000"/></w:tcPr>'
    data = word_file(
        {_DOCUMENT: document(TITLE + table(cell("Date:", span) + cell("7 December 2016")))}
    )
    tracemalloc.start()
    try:
        read = read_word(data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 20 * 2**20
    assert [(s.label, [b.text for b in s.blocks]) for s in read.sections if s.fact] == [
        ("Date:", ["7 December 2016"])
    ]
