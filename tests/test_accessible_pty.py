"""The accessible mode of ``show``: plain text, no escape sequence, box or pager."""

from __future__ import annotations

import sys

import pytest

from .conftest import EXAMPLES
from .test_show_pty import PAGER, _show

pytestmark = [
    pytest.mark.pty,
    pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX"),
]

_BOX = set("─│╭╮╯╰┌┐└┘━")


@pytest.mark.parametrize(
    ("args", "env"),
    [
        ((), {"ACCESSIBLE": "1"}),
        (("--accessible",), {}),
        ((), {"TERM": "dumb"}),
    ],
)
def test_show_in_the_accessible_mode_is_plain_and_never_paged(
    args: tuple[str, ...], env: dict[str, str]
) -> None:
    report = str(EXAMPLES / "national-digital-strategy.toml")
    out, code = _show(24, report, *args, PAGER=PAGER, **env)
    assert code == 0
    assert "PAGED" not in out
    assert "\x1b" not in out
    assert not _BOX & set(out)
    assert "Host country" in out
    assert "warning: rapporteur (Rapporteur/Notetaker): is empty" in out
