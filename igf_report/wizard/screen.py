"""What the wizard needs from a terminal, so that its logic runs on any screen.

The real terminal (:mod:`igf_report.wizard.terminal`) draws with rich; tests use
a scripted screen. The wizard never prints or reads by itself.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Protocol

from igf_report.template.fields import FieldSpec
from igf_report.wizard.editor import EditOutcome

__all__ = ["ReviewRow", "Screen", "Tone"]


class Tone(enum.Enum):
    """What kind of message a line is."""

    INFO = "info"
    ERROR = "error"
    WARNING = "warning"
    SUCCESS = "success"


@dataclass(frozen=True)
class ReviewRow:
    """One line of the review table."""

    number: int
    label: str
    value: str
    status: str


class Screen(Protocol):
    """A terminal as the wizard sees it. Text from the user is passed as plain text."""

    def field(self, spec: FieldSpec, total: int) -> None:
        """Show a field: its step, label, instruction and example."""

    def items(self, items: list[str]) -> None:
        """Show a list's items so far, numbered."""

    def message(self, text: str, tone: Tone = Tone.INFO) -> None:
        """Show one message."""

    def understood(self, text: str) -> None:
        """Say back what an answer was read as (a date, a time, a person), under it."""

    def review(self, rows: list[ReviewRow]) -> None:
        """Show the review table."""

    def ask(
        self,
        prompt: str,
        default: str | None = None,
        *,
        retry: str | None = None,
        initial: str | None = None,
        lines: bool = False,
        block: bool = False,
        breaks: bool = False,
    ) -> str:
        """Read one line (without its newline).

        Args:
            prompt: what is asked (a label, or an item's number).
            default: the field's value, kept on Enter.
            retry: a refused answer, given back for correction (never a default).
            initial: text to edit (an old answer): on the line, cursor at its
                end, so Enter keeps it; a screen that cannot put text on the
                line offers it as the default instead.
            lines: the answer may be several lines (a list): a pasted block is
                one answer per line; elsewhere a paste of several lines is refused.
            block: a paste here is this one answer (a summary), its lines
                joined into paragraphs.
            breaks: the answer may hold a line break (Esc-Enter types one);
                elsewhere Esc-Enter does nothing.

        Raises:
            EOFError: Ctrl-D, or the input ended.
            KeyboardInterrupt: Ctrl-C.
        """
        ...

    def pending(self) -> bool:
        """Whether more input is already waiting (a pasted block is arriving)."""
        ...

    def unfinished(self) -> str:
        """What was on the line when the last :meth:`ask` was interrupted ("" if nothing).

        Ctrl-C, or a signal (SIGTERM, SIGHUP) that stopped the prompt: the text
        typed so far, which the wizard keeps in the draft.
        """
        ...

    def edit(self, text: str) -> EditOutcome:
        """Let the user edit ``text`` in their editor."""
        ...
