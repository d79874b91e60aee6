"""Keep the order that makes a mutation run fast: which tests kill each function's mutants.

A mutant is killed by the first test that fails, and mutmut runs a mutant's
tests until one does. Under mutmut, ``tests/conftest.py`` logs each failing
test with the function of the mutant it killed (``mutants/mutation-kills.log``)
and runs first the tests that ``tests/mutation-kills.tsv`` lists for the
function. After a run, from the project's folder::

    python -m tests.mutation_kills

puts the run's killers in that file: for each function the run met, the tests
that killed most of its mutants first (quicker first among equals), at most
:data:`KEPT`; the functions the run did not meet keep their lines. Only the
order of the tests changes: a mutant that no test kills still runs them all.
"""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOG = ROOT / "mutants" / "mutation-kills.log"
STATS = ROOT / "mutants" / "mutmut-stats.json"
TABLE = ROOT / "tests" / "mutation-kills.tsv"
#: How many tests are kept for a function: those past it killed almost nothing.
KEPT = 8


def _pairs(text: str) -> list[tuple[str, str]]:
    return [
        (function, test)
        for line in text.splitlines()
        if line and (function := line.partition("\t")[0]) and (test := line.partition("\t")[2])
    ]


def refreshed(log: str, table: str, durations: dict[str, float]) -> str:
    """The table with the functions ``log`` names ranked anew from it."""
    kills: dict[str, Counter[str]] = defaultdict(Counter)
    for function, test in _pairs(log):
        kills[function][test] += 1
    rows: dict[str, list[str]] = defaultdict(list)
    for function, test in _pairs(table):
        if function not in kills:
            rows[function].append(test)
    for function, tests in kills.items():
        ranked = sorted(tests, key=lambda test: (-tests[test], durations.get(test, 0.0), test))
        rows[function] = ranked[:KEPT]
    return "".join(f"{function}\t{test}\n" for function in sorted(rows) for test in rows[function])


def main() -> int:
    """Refresh the table from the last run's log; 1 when there is no log."""
    if not LOG.is_file():
        sys.stderr.write(f"{LOG}: no log; run mutmut first (see CONTRIBUTING.md)\n")
        return 1
    durations = json.loads(STATS.read_text("utf-8"))["duration_by_test"] if STATS.is_file() else {}
    table = TABLE.read_text("utf-8") if TABLE.is_file() else ""
    rows = refreshed(LOG.read_text("utf-8"), table, durations)
    TABLE.write_text(rows, "utf-8")
    functions = {function for function, _ in _pairs(rows)}
    sys.stdout.write(f"{TABLE}: {rows.count(chr(10))} tests for {len(functions)} functions\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
