"""The wizard's screen on a real terminal, drawn with rich.

Everything the rapporteur typed reaches the terminal as :class:`rich.text.Text`
(never parsed as markup) after :func:`igf_report.textutil.visible` has made
control characters visible, so an answer cannot restyle or take over the screen.
"""

from __future__ import annotations

import contextlib
import os
import select
import sys
from typing import Final

from rich.console import Console
from rich.table import Table
from rich.text import Text

from igf_report.fields import FieldSpec, Kind
from igf_report.textutil import visible
from igf_report.wizard.editor import EditOutcome, launch
from igf_report.wizard.screen import ReviewRow, Tone

__all__ = ["TerminalScreen"]

_STYLES: Final = {
    Tone.INFO: "cyan",
    Tone.ERROR: "bold red",
    Tone.WARNING: "yellow",
    Tone.SUCCESS: "bold green",
}
_STATUS: Final = {"ok": "green", "warning": "yellow", "error": "bold red"}
_PASTE_WAIT: Final = 0.05  # seconds: a pasted block's next line is already there


def _literal(text: str, style: str = "") -> Text:
    return Text(visible(text), style=style)


class TerminalScreen:
    """The wizard's :class:`~igf_report.wizard.screen.Screen` on a terminal.

    Args:
        console: where to draw (stderr by default, so stdout stays for data).
    """

    def __init__(self, console: Console | None = None) -> None:
        self.console = console or Console(stderr=True, highlight=False)
        self._readline = False
        with contextlib.suppress(ImportError):
            import readline  # noqa: F401, PLC0415 -- line editing and history for input()

            self._readline = True

    def field(self, spec: FieldSpec, total: int) -> None:
        """Show the step, the label, the instruction and an example."""
        self.console.print()
        heading = Text(f"{spec.number}/{total}  ", style="bold cyan")
        heading.append(spec.short, style="bold")
        self.console.print(heading)
        if spec.heading.rstrip(":") != spec.short:
            # the template's own question, in full, under a heading that fits a line
            self.console.print(_literal(spec.heading))
        self.console.print(_literal(spec.instruction, "dim"))
        if spec.kind is Kind.PRESENTATIONS:
            hint = "A title (or Enter for none), then the summary; both empty end the list."
            self.console.print(_literal(hint, "dim"))
        elif spec.kind.is_list:
            hint = "One item per line; an empty line ends the list. :help for commands."
            self.console.print(_literal(hint, "dim"))
        self.console.print(_literal(f"Example: {spec.example}", "dim italic"))

    def items(self, items: list[str]) -> None:
        """Show the items so far, numbered; a long item wraps under its own text."""
        grid = Table.grid(padding=(0, 1))
        grid.add_column(justify="right", no_wrap=True, style="dim")
        grid.add_column(overflow="fold")
        for number, item in enumerate(items, start=1):
            grid.add_row(f"  {number}.", _literal(item))
        self.console.print(grid)

    def message(self, text: str, tone: Tone = Tone.INFO) -> None:
        """Show one message in the tone's colour."""
        self.console.print(_literal(text, _STYLES[tone]))

    def review(self, rows: list[ReviewRow]) -> None:
        """Show the review table."""
        table = Table(title="Review", title_style="bold", show_lines=False, expand=False)
        table.add_column("#", justify="right", style="cyan", no_wrap=True)
        table.add_column("Field", style="bold", overflow="fold")
        table.add_column("Value", overflow="fold")
        table.add_column("Status", no_wrap=True)
        for row in rows:
            table.add_row(
                str(row.number),
                _literal(row.label),
                _literal(row.value),
                Text(row.status, style=_STATUS.get(row.status, "")),
            )
        self.console.print()
        self.console.print(table)

    def ask(self, prompt: str, default: str | None = None) -> str:
        """Read one line; the default is shown in brackets and kept on Enter."""
        text = Text(prompt, style="bold")
        if default:
            shown = default if len(default) <= 60 else default[:59] + "…"  # noqa: PLR2004
            text.append(f" [{visible(shown)}]", style="dim")
        text.append(": ")
        line = self.console.input(text)
        if not line and self._readline:
            # GNU readline echoes no newline for an empty line when it did not
            # draw the prompt itself; without one the next line would run on.
            self.console.file.write("\n")
        return line

    def pending(self) -> bool:
        """Whether input is already waiting: the rest of a pasted block."""
        if os.name == "nt" or not sys.stdin.isatty():
            return False
        try:
            ready, _, _ = select.select([sys.stdin], [], [], _PASTE_WAIT)
        except (OSError, ValueError):
            return False
        return bool(ready)

    def edit(self, text: str) -> EditOutcome:
        """Open the rapporteur's editor on ``text``."""
        return launch(text)
