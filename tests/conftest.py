"""Shared fixtures: a CLI runner with colour off and a fixed width, and sample reports."""

from __future__ import annotations

import datetime as dt
import gc
import json
import os
import signal
import subprocess
import tempfile
from collections.abc import Callable, Generator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import Phase, settings
from typer.testing import CliRunner, Result

from igf_report.cli import app

from . import reliability

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
TESTS = Path(__file__).resolve().parent
SNAPSHOTS = TESTS / "snapshots"
# The published 2016 report as the IGF website served it, shipped as an example.
SEED = EXAMPLES / "published" / "national-digital-strategy.txt"

#: Whether this is mutmut's copy of the suite (``mutants/``), run once per mutant.
MUTATION_RUN = ROOT.name == "mutants"

if MUTATION_RUN:
    # A mutant is killed by the first failing example: shrinking it to the
    # smallest tells nobody anything there, and took 116 killed mutants 2,300
    # seconds of a whole run (and turned some into timeouts). The same examples
    # for every mutant, so that a run can be repeated.
    settings.register_profile(
        "mutation",
        phases=(Phase.explicit, Phase.reuse, Phase.generate),
        derandomize=True,
        database=None,
    )
    settings.load_profile("mutation")


def examples(count: int, *, mutation: int | None = None) -> int:
    """How many examples a property test generates: a fifth of ``count`` under mutmut.

    The mutation run executes the tests that reach a function once per mutant
    of it; the full count is for ``pytest`` itself, which the README's table
    quotes. ``mutation`` is fewer for a test so slow that every mutant reaching
    it, and surviving, pays seconds for it (the Word round trip, the wizard's
    sessions); its explicit examples still all run.
    """
    if not MUTATION_RUN:
        return count
    return mutation if mutation is not None else max(count // 5, 20)


#: The environment every command runs in: no colour, 80 columns, no prompts.
CLI_ENV = {
    "NO_COLOR": "1",
    "TERM": "dumb",
    "COLUMNS": "80",
    "LINES": "24",
    "IGF_REPORT_NO_INPUT": None,
    "FORCE_COLOR": None,
    "_TYPER_FORCE_DISABLE_TERMINAL": "1",
}

Invoke = Callable[..., Result]


@dataclass
class _Run:
    """What this run did, for the check of the README's table at its end."""

    partial: bool = False  # tests were left out (-k, -m, --deselect, --lf...)
    ran: int = 0  # tests that ran to their end
    skipped: int = 0  # tests skipped (no Chromium, no pseudo-terminals): counts incomplete
    compared: str = ""  # why the counts were or were not compared with the README
    problems: list[str] = field(default_factory=list)


_RUN = _Run()


@pytest.fixture
def invoke() -> Invoke:
    """Run ``igf-report`` with arguments through CliRunner."""
    runner = CliRunner(env=CLI_ENV)

    def run(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> Result:  # noqa: A002 -- CliRunner's name
        return runner.invoke(app, list(args), input=input, env=env, catch_exceptions=False)

    return run


def valid_data() -> dict[str, Any]:
    """A complete, valid report as a file would hold it."""
    return {
        "template": "igf-2016-workshop",
        "title": "Connecting the Next Billion",
        "date": dt.date(2016, 12, 7),
        "time": {"start": dt.time(9, 0), "end": dt.time(10, 30)},
        "organizer": "Internet Society",
        "chair": {"name": "Ana Pérez", "affiliation": "Internet Society"},
        "rapporteur": {"name": "Kwame Mensah", "affiliation": "University of Ghana"},
        "speakers": [
            {"name": "Li Wei", "affiliation": "CNNIC"},
            {"name": "Jean Dupont", "affiliation": "Afnic"},
        ],
        "key_issues": ["Access is still too expensive in rural areas."],
        "presentations": [{"title": "Community networks", "summary": "A short talk."}],
        "discussions": [
            "Participants agreed that access matters.",
            "Costs were the first obstacle named.",
            "Skills came second.",
        ],
        "way_forward": ["Meet again at IGF 2017.", "Share the data.", "Train trainers."],
    }


@pytest.fixture
def data() -> dict[str, Any]:
    """A fresh copy of :func:`valid_data`."""
    return valid_data()


def snapshot(name: str, actual: str) -> None:
    """Compare ``actual`` to ``tests/snapshots/name``; UPDATE_SNAPSHOTS=1 rewrites it."""
    path = SNAPSHOTS / name
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        path.write_text(actual, encoding="utf-8", newline="\n")
    elif not path.exists():
        # a snapshot written silently would pass whatever the output is
        pytest.fail(f"snapshot {name} is missing: run UPDATE_SNAPSHOTS=1 pytest and read it")
    assert actual == path.read_text(encoding="utf-8")


def saved_meanwhile(monkeypatch: pytest.MonkeyPatch, path: Path, text: str = "theirs\n") -> None:
    """Have another program save ``path`` the moment igf-report starts writing a file.

    That is after any check that ``path`` is free, and before the write takes
    the name: a write that replaces what it finds there loses ``text``.
    """
    mkstemp = tempfile.mkstemp

    def saved_first(*args: Any, **kwargs: Any) -> tuple[int, str]:
        if not path.exists():
            path.write_text(text, encoding="utf-8")
        return mkstemp(*args, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", saved_first)


def plain_id(value: str) -> str:
    """A test id in printable ASCII without backslashes, as ``U+00E9`` for é.

    pytest escapes other characters in ids (``\\n``, ``\\xe9``), and such ids
    cannot be handed back to pytest to run one test, as mutmut does.
    """
    return "".join(c if " " <= c <= "~" and c != "\\" else f"U+{ord(c):04X}" for c in value)


def pytest_make_parametrize_id(val: object) -> str | None:
    """Ids of text parameters in plain ASCII (see :func:`plain_id`)."""
    return plain_id(val) if isinstance(val, str) else None


_DURATIONS: dict[str, float] = {}


def _durations() -> dict[str, float]:
    """How long each test took in mutmut's run of the suite, once that run wrote them."""
    if not _DURATIONS:
        try:
            stats = json.loads((ROOT / "mutmut-stats.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        _DURATIONS.update(stats.get("duration_by_test", {}))
    return _DURATIONS


def pytest_configure() -> None:
    """Under mutmut, leave every object alive before the tests out of garbage collection.

    mutmut forks each mutant's run from its own process, whose objects (the
    suite's run, every module) are then the child's; pytest's collections at
    its end walked them all, 0.15 of the 0.3 seconds each mutant's run took
    before its first test. Objects the tests make are collected as ever.
    """
    if MUTATION_RUN:
        gc.freeze()


#: The tests that killed each function's mutants in a recorded mutation run.
KILLS = TESTS / "mutation-kills.tsv"
_KILLERS: dict[str, list[str]] = {}


def _function(mutant: str) -> str | None:
    """The function a mutant's name says it is of (``..x_parse_date__mutmut_3``)."""
    function, sep, _number = mutant.rpartition("__mutmut_")
    return function if sep else None


def _killers(function: str) -> list[str]:
    """The tests that killed ``function``'s mutants before, those that killed most first."""
    if not _KILLERS and KILLS.is_file():
        for line in KILLS.read_text(encoding="utf-8").splitlines():
            name, _, test = line.partition("\t")
            _KILLERS.setdefault(name, []).append(test)
    return _KILLERS.get(function, [])


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Under mutmut, the tests that killed the function's mutants before, then the quickest.

    The first test that fails kills the mutant; the rest do not run.
    """
    if MUTATION_RUN:
        function = _function(os.environ.get("MUTANT_UNDER_TEST", ""))
        first = {test: rank for rank, test in enumerate(_killers(function or ""))}
        durations = _durations()
        items.sort(
            key=lambda item: (first.get(item.nodeid, len(first)), durations.get(item.nodeid, 0.0))
        )


class _TooSlow(BaseException):
    """A test ran far longer than it did unmutated: the mutant loops (not an Exception, so
    no ``except Exception`` in the code under test can swallow it)."""


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None]:
    """Under mutmut, fail a test at five times its unmutated CPU time, plus two seconds.

    mutmut stops a mutant that loops only when all its tests' time is spent
    (about 29 seconds for the TOML comment scanner's); failing the first test
    that loops kills it in a second or two.
    """
    took = _durations().get(item.nodeid) if MUTATION_RUN else None
    if took is None:
        return (yield)

    def stop(_signum: int, _frame: object) -> None:
        msg = f"{item.nodeid} ran past {5 * took + 2:.1f} s of CPU time"
        raise _TooSlow(msg)

    previous = signal.signal(signal.SIGPROF, stop)
    signal.setitimer(signal.ITIMER_PROF, 5 * took + 2)
    try:
        return (yield)
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Keep the reliability counts of a test only once it has passed.

    Under mutmut, a test that fails kills the mutant: it is logged (see
    ``tests/mutation_kills.py``), so that the next run tries it first.
    """
    if MUTATION_RUN and report.failed:
        function = _function(os.environ.get("MUTANT_UNDER_TEST", ""))
        if function is not None:
            # one write of one line: the workers running at once append whole lines
            log = os.open(ROOT / "mutation-kills.log", os.O_WRONLY | os.O_APPEND | os.O_CREAT)
            try:
                os.write(log, f"{function}\t{report.nodeid}\n".encode())
            finally:
                os.close(log)
    # a strict xfail that fails as expected ran whole: it records a defect, it is not a gap
    if report.skipped and not hasattr(report, "wasxfail"):
        _RUN.skipped += 1
    if report.when == "call":
        if report.passed:
            reliability.commit()
        else:
            reliability.discard()


def pytest_deselected(items: list[pytest.Item]) -> None:
    """Remember that this run leaves tests out (``-k``, ``-m``, ``--deselect``...)."""
    if items:
        _RUN.partial = True


def _whole_suite(session: pytest.Session) -> bool:
    """Whether every test of the suite was collected and run: only then are counts complete."""
    config = session.config
    if _RUN.partial or config.option.keyword or config.option.markexpr:
        return False
    if config.args_source is not pytest.Config.ArgsSource.TESTPATHS:
        given = {(config.invocation_params.dir / arg).resolve() for arg in config.args}
        if given not in ({TESTS}, {ROOT}):
            return False
    return session.testscollected > 0 and _RUN.ran == session.testscollected


def pytest_runtest_logfinish() -> None:
    """Count the tests that ran to the end (passed, failed or skipped)."""
    _RUN.ran += 1


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Fail a run of the whole suite whose counts differ from the README's table."""
    if not _whole_suite(session):
        _RUN.compared = "not checked against README.md: only part of the suite ran"
        return
    if session.testsfailed or _RUN.skipped:
        _RUN.compared = "not checked against README.md: some tests failed or were skipped"
        return
    _RUN.compared = "checked against README.md's table: the same"
    problems = reliability.table_problems(ROOT / "README.md", reliability.TALLY)
    if problems:
        _RUN.problems = problems
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Print what the reliability tests tried, and how the README's table differs."""
    if reliability.TALLY:
        terminalreporter.section("reliability")
        for key, words in reliability.ROWS.items():
            if reliability.TALLY[key]:
                terminalreporter.write_line(f"{reliability.TALLY[key]:>8,}  {words}")
        if not _RUN.problems:
            terminalreporter.write_line(f"Counts {_RUN.compared}.")
    if _RUN.problems:
        terminalreporter.section("README.md is out of date", red=True)
        for problem in _RUN.problems:
            terminalreporter.write_line(problem)
        terminalreporter.write_line(
            '\nThe whole suite ran, and the README\'s "Reliability" table must say what it '
            "counted. The table should read:\n\n" + reliability.expected_table(reliability.TALLY)
        )


def print_to_pdf(chromium: str, page: Path, pdf: Path, profile: Path) -> None:
    """Print an HTML page to PDF in headless Chromium, as a person printing it would."""
    # no network here: the flags keep Chromium from trying to reach its services
    subprocess.run(
        [
            chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", f"--user-data-dir={profile}",
            "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri(),
        ],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
