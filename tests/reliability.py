"""Counts of what the reliability tests tried, checked against the README.

Fuzz targets count their generated inputs, the interruption tests their
signals and prompts, the atomic-write test its kills. A count is kept only for
a test that passed: what a failing test tried is dropped, so nothing is ever
printed as tried that did not pass. ``conftest.py`` prints the totals at the
end of the run and, after a run of the whole suite, fails the run when the
README's "Reliability" table says anything else.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Final

__all__ = [
    "ROWS",
    "TALLY",
    "commit",
    "discard",
    "expected_table",
    "readme_table",
    "table_problems",
    "tally",
]

#: Every count the suite keeps, by key, with the words of its row in the
#: README's "Reliability" table. The one place those words are written down.
ROWS: Final = {
    "fuzz: loader and checker, arbitrary documents": (
        "generated documents written to a TOML file and read back through the loader and "
        "checker (wrong types at every key, nested junk, huge numbers, odd dates, unknown keys)"
    ),
    "fuzz: checker, reports with junk at some keys": (
        "reports with junk at some keys, the fast and the field-by-field checks compared"
    ),
    "fuzz: TOML loader, arbitrary text": "arbitrary text through the TOML loader",
    "fuzz: date, time and person parsers, arbitrary text": (
        "arbitrary text through the date, time and person parsers"
    ),
    "adversarial long inputs through every parser": (
        "long adversarial inputs (100,000 characters) through every parser, under a hang guard"
    ),
    "limits: files of more pieces than a report holds, refused": (
        "files of more lines, tags, or paragraphs and cells than a report holds, in each "
        "format, refused at once naming the bound"
    ),
    "growth: readers and books timed at two sizes": (
        "hostile shapes (a line of colons, runs of `_`, `*`, `[`, backticks, spaces or "
        "`#`, unclosed `<!--`, `<a` and CDATA, a row of thousands of cells, rendered text "
        "of many rules) through every reader, and books of many reports or one long value, "
        "each timed at two sizes: four times the input never takes six times as long"
    ),
    "fuzz: importer, every word kept (generated published texts)": (
        "generated published texts (junk before the first label, `#` lines, bare `<` and `&`, "
        "tabs, comments, labels) through the importer, every word found in the report or its "
        "notes"
    ),
    "arbitrary text through the CSV export and back": (
        "arbitrary text through the CSV export and back: every cell safe, every word kept"
    ),
    "fuzz: CSV export, text shaped like a formula": (
        "arbitrary text and text shaped like a formula (an operator full-width, small, "
        "superscript or subscript, after NUL, a byte-order mark, zero-width and other spaces, "
        "marks) through the CSV export: no cell starts as a formula after NFKC"
    ),
    "fuzz: new --from-schedule, arbitrary CSV": (
        "arbitrary CSV (quotes opened and never closed, every delimiter and line end, NUL, "
        "byte-order marks, session ids of 4-byte characters) through `new --from-schedule`: "
        "every draft written under a name that fits, or one message"
    ),
    "fuzz: importer, arbitrary HTML": (
        "arbitrary HTML (unclosed tags, nested lists, `<script>`, comments, CDATA, entities, "
        "NUL, mixed line endings) through the importer"
    ),
    "fuzz: wizard, sessions from complete drafts": (
        "generated wizard sessions from a complete draft (changes, refused answers, "
        "commands, lists redone), each ending in a save that was checked"
    ),
    "fuzz: wizard, arbitrary lines from nothing": (
        "sequences of lines, commands, empty lines and EOF through the wizard from an empty "
        "draft, the draft saved after each accepted answer"
    ),
    "round trip: TOML file, generated reports": "generated reports through the TOML file and back",
    "round trip: published format, generated reports": (
        "generated reports (line breaks, blank lines, commas in names, `#`, `<`, `&`, accents, "
        "runs of whitespace, controls, times with seconds) through the published format and "
        "back, equal as a whole"
    ),
    "every word: Markdown reader, generated drafts": (
        "generated Markdown drafts (`#`, `<`, `&`, bullets, odd spacing) through the Markdown "
        "reader, every word found in the report or its notes"
    ),
    "every word: page reader, generated pages": (
        "generated web pages (page chrome, `<`, `&`, odd spacing) through the web page reader, "
        "every word found in the report or its notes"
    ),
    "every word: text reader, generated pages": (
        "generated copied pages (`•`, `-`, `*`, `1.` bullets, odd spacing) through the text "
        "reader, every word found in the report or its notes"
    ),
    "every word: Word reader, generated files": (
        "generated Word files (tables, label paragraphs, list styles, bold runs) through the "
        "Word reader, every word found in the report or its notes"
    ),
    "round trip: document tree, generated reports": (
        "generated reports through the document tree and back"
    ),
    "round trip: our plain text, generated reports": (
        "generated reports of plain words (accents, CJK, digits) rendered as plain text at "
        "widths 40, 80 and 120 and imported back, each equal as a whole"
    ),
    "round trip: every format with a reader, generated reports": (
        "generated reports (summaries and discussions of several paragraphs, titles such as "
        "`(untitled)` and `2. Results`, values opening with `#`, `<b>`, `&amp;`, `*`, `-`, "
        "`•`, `1.` or a control character, commas in names and affiliations, runs of spaces "
        "and tabs, values typed `(not given)` or ending `(invalid: …)`), each rendered to one "
        "format with a reader (published, Markdown, HTML, Word; every format its own reports) "
        "and imported back, "
        "equal as a whole"
    ),
    "lists of items through the :edit file and back": (
        "lists of items (`#` lines, blank lines, line breaks, persons with commas) through the "
        "`:edit` file and back"
    ),
    "atomic writes killed with SIGKILL mid-loop": (
        "atomic writes killed with SIGKILL at varying moments"
    ),
    "atomic writes whose final rename failed": "atomic writes whose final rename failed",
    "rounds of two concurrent fill --set on one report": (
        "rounds of two concurrent `fill --set` of different fields on one report, no answer "
        "lost (72 of 200 were lost before the lock)"
    ),
    "round trip: comments of generated reports through a rewrite": (
        "generated reports with comments above their keys through a rewrite"
    ),
    "interruptions at a prompt: SIGINT": (
        "SIGINT at each prompt of a walk-through (every field, list item, presentation "
        "title and summary, and the review), in a real terminal"
    ),
    "interruptions at a prompt: SIGTERM": "SIGTERM at each of those prompts",
    "interruptions at a prompt: SIGHUP": "SIGHUP (the terminal closed) at each of those prompts",
    "hostile report: outputs checked byte by byte": (
        "outputs of a hostile report checked byte by byte, every command and format, on a "
        "real terminal and through a pipe"
    ),
}

#: What passed tests tried, by key of :data:`ROWS`.
TALLY: Counter[str] = Counter()
#: What the test running now has tried so far; kept only if it passes.
_PENDING: Counter[str] = Counter()

_HEADER = "| what the tests tried | count |"


def tally(what: str, amount: int = 1) -> None:
    """Count ``amount`` more of ``what`` (a key of :data:`ROWS`), if the test passes.

    Call it after the assertions of one run (one generated example, one
    signal), so that a run that failed is not counted even in a test that
    goes on.
    """
    if what not in ROWS:
        msg = f"{what!r} is not a key of tests.reliability.ROWS"
        raise KeyError(msg)
    _PENDING[what] += amount


def commit() -> None:
    """Keep what the test that just passed tried."""
    TALLY.update(_PENDING)
    _PENDING.clear()


def discard() -> None:
    """Drop what a test that failed (or was skipped half-way) tried."""
    _PENDING.clear()


def readme_table(readme: str) -> dict[str, int]:
    """The rows of the README's "Reliability" table: words -> count."""
    section = readme.split("## Reliability", 1)[1].split("\n## ", 1)[0]
    table = section.split(_HEADER, 1)[1].split("\n\n", 1)[0]
    rows: dict[str, int] = {}
    for line in table.strip().splitlines()[1:]:  # after the |---|---| line
        cells = re.fullmatch(r"\| (.+) \| ([\d,]+) \|", line.strip())
        if cells is None:
            msg = f"README.md: not a row of the reliability table: {line!r}"
            raise ValueError(msg)
        rows[cells[1]] = int(cells[2].replace(",", ""))
    return rows


def table_problems(readme_path: Path, counts: Counter[str]) -> list[str]:
    """How the README's table differs from ``counts``, one line per difference."""
    table = readme_table(readme_path.read_text(encoding="utf-8"))
    expected = {ROWS[key]: counts[key] for key in ROWS}
    problems = [
        f"README says {table[words]:,} for {words!r}, the run counted {count:,}"
        for words, count in expected.items()
        if words in table and table[words] != count
    ]
    problems += [
        f"README lacks the row {w!r} ({c:,})" for w, c in expected.items() if w not in table
    ]
    problems += [
        f"README has a row the suite does not count: {w!r}" for w in table if w not in expected
    ]
    return problems


def expected_table(counts: Counter[str]) -> str:
    """The table as it should read in the README after a run that counted ``counts``."""
    lines = [_HEADER, "|---|---|"]
    lines += [f"| {words} | {counts[key]:,} |" for key, words in ROWS.items()]
    return "\n".join(lines)
