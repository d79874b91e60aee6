"""Whether to speak in plain lines: for screen readers and terminals that draw nothing.

``ACCESSIBLE`` is the variable that ``huh`` and ``gh`` honour; ``TERM=dumb``
is a terminal that cannot move the cursor or show styles.
"""

from __future__ import annotations

import os

__all__ = ["accessible_mode"]

_OFF = {"", "0", "false", "no", "off"}


def accessible_mode(*, flag: bool = False, terminal: bool = True) -> bool:
    """Whether the accessible mode is on: ``--accessible``, ``ACCESSIBLE=1`` or ``TERM=dumb``.

    Args:
        flag: the command's ``--accessible`` option.
        terminal: whether the output goes to a terminal; ``TERM`` describes
            that terminal, and says nothing of output to a pipe or a file.
    """
    if flag:
        return True
    if os.environ.get("ACCESSIBLE", "").strip().lower() not in _OFF:
        return True
    return terminal and os.environ.get("TERM", "") == "dumb"
