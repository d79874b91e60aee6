"""The wizard's ``:commands``: their names, and telling a command from an answer.

A line that starts with ``:`` is a command; ``::text`` is the answer ``:text``.
A mistyped command is refused with the closest real one, never saved as an
answer. The line editor completes these names on Tab.
"""

from __future__ import annotations

import difflib
import enum
import re
from typing import Final

from igf_report.errors import IgfReportError

__all__ = [
    "COMMANDS",
    "COMMANDS_HELP",
    "WITH_NUMBER",
    "Command",
    "UnknownCommand",
    "parse_command",
    "split_command",
    "trailing_command",
]

#: Every command, with what it does (shown beside a completion).
COMMANDS: Final[dict[str, str]] = {
    "back": "the previous field",
    "help": "the full instruction and the commands",
    "quit": "save the draft and leave",
    "clear": "empty this field",
    "undo": "drop the last item of a list",
    "edit": "open your editor on a list",
    "change": "change item N of a list, on the line (:change 2)",
    "remove": "remove item N of a list (:remove 2)",
    "insert": "add an item before item N of a list (:insert 2)",
}

_DIGITS: Final = 6  # an item's number, far above any list's length

#: The commands that name an item of a list by its number.
WITH_NUMBER: Final = frozenset({"change", "remove", "insert"})


COMMANDS_HELP: Final = (
    "Commands: :back previous field, :help this help, :quit save the draft and leave, "
    ":clear empty this field. At a list: an empty line ends it, :undo drops the last "
    "item, :change N changes item N on the line, :remove N removes it, :insert N adds "
    "one before it, :edit opens your editor. Type ::text for an answer that starts with ':'."
)


class Command(enum.Enum):
    """A command typed at a prompt."""

    BACK = "back"
    QUIT = "quit"
    HELP = "help"
    CLEAR = "clear"
    UNDO = "undo"
    EDIT = "edit"
    CHANGE = "change"
    REMOVE = "remove"
    INSERT = "insert"


class UnknownCommand(IgfReportError):
    """A line starts with ``:`` but names no command."""


def split_command(line: str) -> tuple[str | None, str]:
    """Split a typed line into a command name, or the literal answer.

    Args:
        line: what was typed, without its newline.

    Returns:
        ``(name, "")`` for a command, ``(name, "2")`` for a command that takes
        an item's number (``:remove 2``), ``(None, answer)`` for an answer (a
        ``::text`` line gives ``:text``); the answer is stripped of outer spaces.

    Raises:
        UnknownCommand: the line starts with ``:`` but names no command, or
            gives a command a number it does not take, or none it needs; its
            message names the closest command when one is close.
    """
    text = line.strip()
    if text.startswith("::"):
        return None, text[1:]
    if not text.startswith(":"):
        return None, text
    word, _, number = text[1:].strip().lower().partition(" ")
    number = number.strip()
    if word in WITH_NUMBER:
        if not (number.isascii() and number.isdecimal() and len(number) <= _DIGITS):
            msg = f":{word} takes the number of an item: :{word} 2"
            raise UnknownCommand(msg)
        return word, str(int(number))
    if word in COMMANDS and not number:
        return word, ""
    if word in COMMANDS:
        msg = f":{word} takes nothing after it; type :{word} alone"
        raise UnknownCommand(msg)
    raise UnknownCommand(_unknown(text, text[1:].strip().lower()))


def parse_command(line: str) -> tuple[Command | None, str]:
    """Split what was typed into a :class:`Command`, or the literal answer.

    Raises:
        UnknownCommand: a ``:word`` that is no command.
    """
    name, answer = split_command(line)
    return (Command(name) if name else None), answer


def _unknown(text: str, word: str) -> str:
    shown = text if len(text) <= 30 else text[:29] + "…"  # noqa: PLR2004
    prefixed = [name for name in COMMANDS if word and name.startswith(word)]
    close = prefixed or difflib.get_close_matches(word, list(COMMANDS), n=1, cutoff=0.5)
    hint = (
        f"did you mean :{close[0]}?"
        if len(close) == 1
        else "the commands are " + ", ".join(f":{name}" for name in COMMANDS)
    )
    return f"unknown command {shown}; {hint} (type ::text for an answer that starts with ':')"


_TRAILING: Final = re.compile(
    r":{1,2}(?:(?:" + "|".join(name for name in COMMANDS if name not in WITH_NUMBER) + r")"
    r"|(?:" + "|".join(sorted(WITH_NUMBER)) + r")[ \t]+[0-9]{1,6})[ \t]*\Z",
    re.IGNORECASE,
)


def trailing_command(line: str) -> tuple[str, str] | None:
    """Find a known command typed at the end of text (``My title:back``).

    Returns:
        The text before it and the command (``":back"``; ``"::back"`` for the
        escape that keeps ``:back`` as text), or ``None`` when the line does
        not end with a known command after some text.
    """
    found = _TRAILING.search(line)
    if found is None or not line[: found.start()].strip():
        return None
    return line[: found.start()], found.group()
