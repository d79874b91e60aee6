"""The ``:`` commands every prompt of the wizard takes."""

from __future__ import annotations

import enum
from typing import Final

__all__ = ["COMMANDS_HELP", "Command", "parse_command"]

COMMANDS_HELP: Final = (
    "Commands: :back previous field, :help this help, :quit save the draft and leave, "
    ":clear empty this field. At a list: an empty line ends it, :undo drops the last "
    "item, :edit opens your editor. Type ::text for an answer that starts with ':'."
)


class Command(enum.Enum):
    """A command typed at a prompt."""

    BACK = "back"
    QUIT = "quit"
    HELP = "help"
    CLEAR = "clear"
    UNDO = "undo"
    EDIT = "edit"


def parse_command(line: str) -> tuple[Command | None, str]:
    """Split what was typed into a command, or the literal answer."""
    text = line.strip()
    if text.startswith("::"):
        return None, text[1:]
    if text.startswith(":"):
        try:
            return Command(text[1:].strip().lower()), ""
        except ValueError:
            return None, text
    return None, text
