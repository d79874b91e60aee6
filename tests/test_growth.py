"""Every reader and every book writer takes time linear in its input, hostile shapes included.

Speed is never an absolute limit here: each case times the same shape at two
sizes in one run (CPU time, the least of a few runs), the larger four times
the smaller, and checks that the time grows less than six times (linear is
four; less than 2.5 times per doubling). A reader that goes back over what it
read for each piece (a slice of the remaining lines per line, a pattern that
scans to the end from every position) takes sixteen times as long instead,
and fails, even where its quadratic part is still small beside the rest. The
cases go through the readers' public entry point, the import of a file of that
format, so that they keep guarding whatever a reader is built on.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from pathlib import Path
from typing import Final

import pytest
import tomli_w

from igf_report.collection.checking import check_file
from igf_report.collection.loading import Entry
from igf_report.errors import IgfReportError
from igf_report.readers import import_bytes
from igf_report.readers.building import SPRAWL_LIMITS
from igf_report.readers.formats import detect_format
from igf_report.template.validation import check
from igf_report.writers import get_renderer

from .conftest import valid_data
from .reliability import tally

__all__ = ["assert_linear"]


@pytest.fixture(autouse=True)
def _no_sprawl_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    # the readers themselves are timed: a file of more lines or tags than a
    # report holds is refused at once (tests/test_limits.py), which would make
    # the larger size of a quadratic reader cheap and hide it
    for piece in SPRAWL_LIMITS:
        monkeypatch.setitem(SPRAWL_LIMITS, piece, 10**9)


#: The least CPU time of the smaller size, so that noise does not decide the ratio.
SMALLEST_SECONDS: Final = 0.04
#: How much larger the larger size is.
FACTOR: Final = 4
#: What growing the input by FACTOR may cost at most: linear is 4, quadratic 16.
MOST_RATIO: Final = 6.0
_REPEATS: Final = 2
_MOST_UNITS: Final = 1 << 19


def _cpu_seconds(run: Callable[[int], object], n: int, repeats: int = _REPEATS) -> float:
    best = float("inf")
    for _ in range(repeats):
        gc.collect()
        start = time.process_time()
        run(n)
        best = min(best, time.process_time() - start)
    return best


def assert_linear(
    run: Callable[[int], object], start: int = 64, least: float = SMALLEST_SECONDS
) -> None:
    """``run(n)`` takes time linear in ``n``: ``4 n`` costs less than six times ``n``.

    ``n`` grows from ``start`` until one run takes at least ``least`` seconds;
    then ``n`` and ``4 n`` are timed, each the least of a few runs. A ratio
    over the bound is measured once more (a busy machine can slow one run
    down; a quadratic reader fails both).

    Args:
        run: does the work for a size ``n`` (building the input is not timed:
            cache it, or build it cheaply).
        start: the first size tried.
        least: the least CPU time of the smaller size (more where the
            quadratic term is small beside the linear one).
    """
    n = start
    while _cpu_seconds(run, n, repeats=1) < least and n < _MOST_UNITS:
        n *= 2
    ratios = []
    for _ in range(2):
        small, large = _cpu_seconds(run, n), _cpu_seconds(run, FACTOR * n)
        ratios.append(f"n={n}: {small:.3f} s, {FACTOR}n: {large:.3f} s")
        if large < MOST_RATIO * small:
            tally("growth: readers and books timed at two sizes")
            return
    pytest.fail(f"{FACTOR} times the input took over {MOST_RATIO:g} times as long: {ratios}")


def _import(name: str, make: Callable[[int], str]) -> Callable[[int], object]:
    """Import a file ``name`` holding ``make(n)``, as ``igf-report import`` does."""
    cache: dict[int, bytes] = {}

    def run(n: int) -> object:
        if n not in cache:
            cache.clear()  # one size at a time: a few megabytes at most
            cache[n] = make(n).encode()
        data = cache[n]
        try:
            return import_bytes(data, name)
        except IgfReportError:  # a shape with no label left is refused: that took its time too
            return None

    return run


_RENDERED_HEAD: Final = get_renderer("text").render(check(valid_data()).shown(), width=80)
_TITLE: Final = "Session Title: x\n"


def _page(body: str) -> str:
    return f"<html><body><h2>Session Title</h2><p>x</p>{body}</body></html>"


def _page_open(tail: str) -> str:
    # what is never closed runs to the end of the file
    return f"<html><body><h2>Session Title</h2><p>x</p>{tail}"


#: (reader, file name, the file's text for a size n).
SHAPES: Final[list[tuple[str, str, Callable[[int], str]]]] = [
    # published IGF text: label<TAB>HTML rows
    ("published", "r.txt", lambda n: "Session Title\tx\n" + "Date\t6 December\n" * n),
    ("published", "r.txt", lambda n: "Session Title\t" + "x (invalid: x" * n + ")\n"),
    ("published", "r.txt", lambda n: "Session Title\tx\nDate\t" + "<a" * n),
    ("published", "r.txt", lambda n: "Session Title\tx\nDate\t" + "<!--" * n),
    ("published", "r.txt", lambda n: "Session Title\tx\nDate\t" + "<![CDATA[" * n),
    ("published", "r.txt", lambda n: "Session Title\tx\nDate\t" + "&" * n),
    # plain text copied from a browser, or typed
    ("text", "r.txt", lambda n: "A:" * n + "\n" + _TITLE),
    ("text", "r.txt", lambda n: _TITLE + "x" * n),
    ("text", "r.txt", lambda n: _TITLE + "x" + " " * n + "y"),
    ("text", "r.txt", lambda n: _TITLE + "x" + " (invalid: x" * n + ")"),
    ("text", "r.txt", lambda n: _TITLE + "- x\n" * n),
    ("text", "r.txt", lambda n: _TITLE + "a\n" * n),
    # our own render --format text
    ("rendered", "r.txt", lambda n: _RENDERED_HEAD + "x\n---\n" * n),
    ("rendered", "r.txt", lambda n: _RENDERED_HEAD + "x\n" * n),
    # Markdown drafts
    ("markdown", "r.md", lambda n: "# Session Title\n\nx\n\n" + "__a " * n),
    ("markdown", "r.md", lambda n: "# Session Title\n\nx\n\n" + "_a " * n),
    ("markdown", "r.md", lambda n: "# Session Title\n\nx\n\n" + "*a " * n),
    ("markdown", "r.md", lambda n: "# Session Title\n\nx\n\n" + "**" * n + "a" + "**" * n),
    ("markdown", "r.md", lambda n: "# Session Title\n\nx\n\n" + "*" * n),
    ("markdown", "r.md", lambda n: "# Session Title\n\nx\n\n" + "`" * n),
    ("markdown", "r.md", lambda n: "# Session Title\n\nx\n\n" + "[" * n),
    ("markdown", "r.md", lambda n: "# Session Title\n\nx\n\n" + "[a](" * n),
    ("markdown", "r.md", lambda n: "# Session Title\n\n" + "x **(invalid: x" * n),
    ("markdown", "r.md", lambda n: "# Session Title\n\nx" + " " * n + "y"),
    ("markdown", "r.md", lambda n: "# Session Title\n\nx\n" + "\\" * n + "\ny"),
    ("markdown", "r.md", lambda n: "# Session Title x" + " " * n + "y\n"),
    ("markdown", "r.md", lambda n: "A:" * n + "\n\n# Session Title\n"),
    ("markdown", "r.md", lambda n: "# Session Title\n\n" + "# x\n# Date\n" * n),
    ("markdown", "r.md", lambda n: "# Session Title\n\n" + ">" * n + " x\n"),
    ("markdown", "r.md", lambda n: "# Session Title\n\n" + "&" * n),
    # a presentation's summary of many paragraphs
    ("markdown", "r.md", lambda n: "## Presentations\n\n### T\n\n" + "Words.\n\n" * n),
    # saved pages
    # before any label: then "Label: value" in a paragraph is looked for
    ("page", "r.html", lambda n: "<p>" + "A:" * n + "</p>" + _page("")),
    ("page", "r.html", lambda n: _page("<table><tr>" + "<td>a</td>" * n + "</tr></table>")),
    (
        "page",
        "r.html",
        lambda n: _page("<table>" + "<tr><td>a</td><td>b</td></tr>" * n + "</table>"),
    ),
    ("page", "r.html", lambda n: _page_open("<a" * n)),
    ("page", "r.html", lambda n: _page_open("<!--" * n)),
    ("page", "r.html", lambda n: _page_open("<!--x>" * n)),
    ("page", "r.html", lambda n: _page_open("<![CDATA[" * n)),
    ("page", "r.html", lambda n: _page_open("</" * n)),
    ("page", "r.html", lambda n: _page_open("<!" * n)),
    ("page", "r.html", lambda n: _page("<p>" + "&" * n + "</p>")),
    ("page", "r.html", lambda n: _page("<ul>" + "<li>a" * n + "</ul>")),
    ("page", "r.html", lambda n: _page("<div>" * 250 + "x " * n + "</div>" * 250)),
    ("page", "r.html", lambda n: _page("<p>x" + " (invalid: x" * n + ")</p>")),
    # blank lines: a \s* at each line start went over every blank line after it (the
    # report-file check of every import; format detection's bullet lines, for rows)
    ("published", "r.txt", lambda n: "Session Title\tX" + "\n" * n),
    ("text", "r.txt", lambda n: _TITLE + ("\n" + " " * 20) * n),
    # a .txt told apart by its content
    ("detect", "r.txt", lambda n: "# x" + " #" * n + "x"),
    ("detect", "r.txt", lambda n: "# Session Title\n\n" + "<p" * n),
]


@pytest.mark.parametrize(
    ("reader", "name", "make"),
    SHAPES,
    ids=[f"{reader}-{index}" for index, (reader, _, _) in enumerate(SHAPES)],
)
def test_a_reader_takes_time_linear_in_its_input(
    reader: str, name: str, make: Callable[[int], str]
) -> None:
    if reader == "detect":
        cache: dict[int, bytes] = {}
        assert_linear(lambda n: detect_format(name, cache.setdefault(n, make(n).encode())))
    assert_linear(_import(name, make))


def test_plain_text_of_many_lines_takes_time_linear_in_them() -> None:
    # a copy of the lines after each line is cheap beside reading the line:
    # it shows only past tens of thousands of lines, so the sizes are larger
    assert_linear(_import("r.txt", lambda n: _TITLE + "X\n" * n), start=8192, least=0.5)


@pytest.fixture(scope="module")
def entries(tmp_path_factory: pytest.TempPathFactory) -> list[Entry]:
    folder = tmp_path_factory.mktemp("book")
    found = []
    for index in range(512):
        data = valid_data()
        data["title"] = f"Report {index}"
        path = folder / f"r{index:04d}.toml"
        path.write_text(tomli_w.dumps(data), encoding="utf-8")
        found.append(Entry(check_file(path)))
    return found


@pytest.mark.parametrize("fmt", ["html", "markdown", "text"])
def test_a_book_takes_time_linear_in_its_reports(entries: list[Entry], fmt: str) -> None:
    from igf_report.collection.book import make_book  # noqa: PLC0415 -- as the command loads it

    assert_linear(lambda n: make_book(entries[:n], fmt, title="IGF", width=80), start=8)


@pytest.mark.parametrize("fmt", ["html", "markdown", "text"])
def test_a_book_takes_time_linear_in_a_long_value(tmp_path: Path, fmt: str) -> None:
    from igf_report.collection.book import make_book  # noqa: PLC0415

    cache: dict[int, list[Entry]] = {}

    def book(n: int) -> object:
        if n not in cache:
            data = valid_data()
            data["discussions"] = ["Words and more words. " * n]
            path = tmp_path / f"r{n}.toml"
            path.write_text(tomli_w.dumps(data), encoding="utf-8")
            cache[n] = [Entry(check_file(path))]
        return make_book(cache[n], fmt, title="IGF", width=80)

    assert_linear(book)
