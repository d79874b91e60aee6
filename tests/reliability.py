"""Counts of what the reliability tests tried, printed at the end of the test run.

Fuzz targets count their generated inputs, the interruption tests their
signals and prompts, the atomic-write test its kills. ``conftest.py`` prints
the totals in pytest's summary; the README's "Reliability" section quotes them.
"""

from __future__ import annotations

from collections import Counter

TALLY: Counter[str] = Counter()


def tally(what: str, amount: int = 1) -> None:
    """Add ``amount`` to the count of ``what``."""
    TALLY[what] += amount
