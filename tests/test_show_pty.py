"""``igf-report show`` in a real terminal: colours, NO_COLOR, and the pager."""

from __future__ import annotations

import os
import re
import sys

import pexpect
import pytest

from .conftest import EXAMPLES

pytestmark = [
    pytest.mark.pty,
    pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX"),
]

_COLOUR = re.compile(r"\x1b\[[0-9;]*3[0-7]m|\x1b\[[0-9;]*38;")
PAGER = f"{sys.executable} -c \"import sys; sys.stdin.read(); print('PAGED')\""


def _show(rows: int, *args: str, **env: str) -> tuple[str, int]:
    base = {k: v for k, v in os.environ.items() if k not in {"NO_COLOR", "PAGER", "LESS"}}
    child = pexpect.spawn(
        sys.executable,
        ["-m", "igf_report", "show", *args],
        env={**base, "TERM": "xterm-256color", "COLUMNS": "80", "LINES": str(rows), **env},
        encoding="utf-8",
        dimensions=(rows, 80),
        timeout=20,
    )
    child.expect(pexpect.EOF)
    child.close()
    return child.before or "", int(child.exitstatus or 0)


def test_colours_on_a_terminal_and_none_with_no_color() -> None:
    report = str(EXAMPLES / "community-networks.toml")
    coloured, code = _show(200, report, "--no-pager")
    assert code == 0
    assert _COLOUR.search(coloured)
    plain, _ = _show(200, report, "--no-pager", NO_COLOR="1")
    assert not _COLOUR.search(plain)
    assert "Søren Ødegård, Nordic Internet Forum" in plain


def test_a_report_longer_than_the_screen_goes_through_the_pager() -> None:
    report = str(EXAMPLES / "national-digital-strategy.toml")
    paged, _ = _show(24, report, PAGER=PAGER)
    assert "PAGED" in paged
    assert "Host country" not in paged
    direct, _ = _show(24, report, "--no-pager", PAGER=PAGER)
    assert "PAGED" not in direct
    assert "Host country" in direct
    tall, _ = _show(400, report, PAGER=PAGER)
    assert "PAGED" not in tall
