"""The wizard's screen on a real terminal: rich for output, a line editor for input.

Everything the rapporteur typed reaches the terminal as :class:`rich.text.Text`
(never parsed as markup) after :func:`igf_report.textutil.visible` has made
control characters visible, so an answer cannot restyle or take over the screen.

Answers are read by prompt_toolkit (:mod:`igf_report.wizard.line_editor`). In
the accessible mode (screen readers, ``TERM=dumb``) nothing is styled, drawn
in boxes or redrawn: every line is plain text written once, in order, and
answers are read by the terminal's own line discipline.
"""

from __future__ import annotations

import re
import sys
from typing import TYPE_CHECKING, Final

from rich.cells import cell_len, get_character_cell_size
from rich.console import Console
from rich.table import Table
from rich.text import Text

from igf_report.template.fields import FieldSpec, Kind
from igf_report.textutil import visible
from igf_report.wizard.editor import EditOutcome, launch
from igf_report.wizard.input_messages import CURSOR_KEYS, NOT_UTF8, PASTE_REFUSED
from igf_report.wizard.plain_input import PlainReader
from igf_report.wizard.screen import ReviewRow, Tone

if TYPE_CHECKING:
    from prompt_toolkit.formatted_text import StyleAndTextTuples

    from igf_report.wizard.line_editor import LineEditor

__all__ = ["TerminalScreen"]

_STYLES: Final = {
    Tone.INFO: "cyan",
    Tone.ERROR: "bold red",
    Tone.WARNING: "yellow",
    Tone.SUCCESS: "bold green",
}
_STATUS: Final = {"ok": "green", "warning": "yellow", "error": "bold red"}
_DEFAULT_SHOWN: Final = 60  # columns of a default shown in the prompt, at most
_DEFAULT_MIN: Final = 12  # columns of a default shown however narrow the screen
_TABLE_FRAME: Final = 13  # a 4-column table's borders (5) and cell padding (2 each)
_TYPING_ROOM: Final = 1  # a column after the prompt, for the cursor
_NOT_UTF8_PLAIN: Final = (
    "Your terminal sent bytes that are not UTF-8 (shown as \ufffd): {typed}. "
    "Type the answer again (and set the terminal to UTF-8)."
)


def _literal(text: str, style: str = "") -> Text:
    return Text(visible(text), style=style)


def _cut(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` columns (a wide character takes 2), ending in ``…``."""
    if cell_len(text) <= limit:
        return text
    width, end = 1, 0  # the "…" takes a column
    for end, char in enumerate(text):  # noqa: B007 -- end is used after the loop
        width += get_character_cell_size(char)
        if width > limit:
            break
    return text[:end].rstrip() + "…"


def _shown_default(default: str, room: int) -> str:
    """The default as the prompt shows it: one line, cut to ``room`` columns at most."""
    return _cut(visible(default.replace("\n", " ")), max(_DEFAULT_MIN, min(_DEFAULT_SHOWN, room)))


_MORE = re.compile(r" \(\+\d+ more\)$")


def _fitted(value: str, limit: int) -> str:
    """A review value cut to ``limit`` columns, keeping its ``(+N more)``."""
    if cell_len(value) <= limit:
        return value
    more = _MORE.search(value)
    if more is None:
        return _cut(value, limit)
    head = value[: more.start()].removesuffix("…")
    return _cut(head, max(limit - cell_len(more[0]), 1)) + more[0]


class TerminalScreen:
    """The wizard's :class:`~igf_report.wizard.screen.Screen` on a terminal.

    Args:
        console: where to draw (stderr by default, so stdout stays for data).
        accessible: plain lines for screen readers: no colour, style, box or
            redraw, and answers read without a line editor.
    """

    def __init__(self, console: Console | None = None, *, accessible: bool = False) -> None:
        self.accessible = accessible
        if console is None:
            plain = {"color_system": None} if accessible else {}
            console = Console(stderr=True, highlight=False, emoji=False, **plain)  # type: ignore[arg-type]
        self.console = console
        self._editor: LineEditor | None = None
        self._plain: PlainReader | None = None
        self._in_burst = False  # the plain reader is reading lines pasted in a burst
        self._carried: str | None = None  # a paste's last line, taken with its first
        if accessible or not (sys.stdin.isatty() and sys.stderr.isatty()):
            self._plain = PlainReader()
        else:
            from igf_report.wizard.line_editor import LineEditor  # noqa: PLC0415 -- only here

            self._editor = LineEditor(self._notice, self._echo)

    def _style(self, style: str) -> str:
        return "" if self.accessible else style

    def field(self, spec: FieldSpec, total: int) -> None:
        """Show the step, the label, the instruction and an example."""
        self.console.print()
        heading = Text(f"{spec.number}/{total}  ", style=self._style("bold cyan"))
        heading.append(spec.short, style=self._style("bold"))
        self.console.print(heading)
        if spec.heading.rstrip(":") != spec.short:
            # the template's own question, in full, under a heading that fits a line
            self.console.print(_literal(spec.heading))
        self.console.print(_literal(spec.instruction, self._style("dim")))
        if spec.kind is Kind.PRESENTATIONS:
            hint = (
                "A title (or Enter for none), then the summary; both empty end the list. "
                "A paste at the summary is the whole summary, its lines joined into "
                "paragraphs."
            )
            self.console.print(_literal(hint + self._new_line_hint(spec), self._style("dim")))
        elif spec.kind.is_list:
            hint = "One item per line; an empty line ends the list."
            hint += self._new_line_hint(spec) + " :help for commands."
            self.console.print(_literal(hint, self._style("dim")))
        for part, example in spec.part_examples or (("", spec.example),):
            # a presentation's title and summary are asked apart: an example for each
            shown = f"Example {part}: {example}" if part else f"Example: {example}"
            self.console.print(_literal(shown, self._style("dim italic")))

    def items(self, items: list[str]) -> None:
        """Show the items so far, numbered; a long item wraps under its own text."""
        grid = Table.grid(padding=(0, 1))
        grid.add_column(justify="right", no_wrap=True, style=self._style("dim"))
        grid.add_column(overflow="fold")
        for number, item in enumerate(items, start=1):
            grid.add_row(f"  {number}.", _literal(item))
        self.console.print(grid)

    def _new_line_hint(self, spec: FieldSpec) -> str:
        """How to break a line inside an item, where the line editor can and the field takes one."""
        if self._editor is None or not spec.takes_line_breaks:
            return ""
        where = "a summary" if spec.kind is Kind.PRESENTATIONS else "an item"
        return f" Esc-Enter (or Alt-Enter) starts a new line in {where}."

    def message(self, text: str, tone: Tone = Tone.INFO) -> None:
        """Show one message in the tone's colour."""
        self.console.print(_literal(text, self._style(_STYLES[tone])))

    def understood(self, text: str) -> None:
        """Say back what an answer was read as: ``→ Tuesday 6 December 2016``.

        The accessible mode says it as a sentence, which a screen reader reads well.
        """
        if self.accessible:
            self.console.print(_literal(f"Read as {text}."))
            return
        self.console.print(_literal(f"  → {text}", "dim"))

    def _room(self, prompt: str) -> int:
        """Columns a default may take so that the prompt and its colon share a line."""
        return self.console.width - cell_len(prompt) - len(" []: ") - _TYPING_ROOM

    def _echo(self, prompt: str, line: str) -> None:
        """Show a line of a paste at its prompt, wrapped at words like the rest."""
        shown = Text(prompt, style=self._style("bold"))
        shown.append(visible(line))
        self.console.print(shown)

    def _notice(self, text: str) -> None:
        self.message(text, Tone.ERROR)

    def review(self, rows: list[ReviewRow]) -> None:
        """Show the review: a table, or numbered ``label: value (status)`` lines."""
        self.console.print()
        if self.accessible:
            self.console.print("Review")
            for row in rows:
                line = f"{row.number}. {row.label}: {row.value} ({row.status})"
                self.console.print(_literal(line))
            return
        table = Table(title="Review", title_style="bold", show_lines=False, expand=False)
        table.add_column("#", justify="right", style="cyan", no_wrap=True)
        table.add_column("Field", style="bold")
        # one line a row: a long value is cut where the screen ends, not
        # wrapped, and the other columns keep their width
        number = max(cell_len(str(row.number)) for row in rows) if rows else 1
        label = max(cell_len(row.label) for row in rows) if rows else 5
        status = max(cell_len(row.status) for row in [*rows, ReviewRow(0, "", "", "Status")])
        room = max(self.console.width - number - label - status - _TABLE_FRAME, 12)
        table.add_column("Value", no_wrap=True, overflow="ellipsis", max_width=room)
        table.add_column("Status", no_wrap=True)
        for row in rows:
            table.add_row(
                str(row.number),
                _literal(row.label),
                Text(_fitted(visible(row.value), room)),
                Text(row.status, style=_STATUS.get(row.status, "")),
            )
        self.console.print(table)

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
        """Read one answer; the default is shown in brackets and kept on Enter.

        A refused answer (``retry``) and text to edit (``initial``) are put in
        the line editor with the cursor at their end. The plain reader cannot:
        it asks afresh after a refusal, and offers ``initial`` as the default.
        """
        if self._editor is not None:
            on_line = retry if retry is not None else initial
            return self._ask_editor(
                self._editor,
                prompt,
                default,
                retry=on_line,
                lines=lines,
                block=block,
                breaks=breaks,
            )
        assert self._plain is not None  # noqa: S101 -- one of the two is always set
        if not initial:
            return self._ask_plain(self._plain, prompt, default, lines=lines)
        return self._ask_plain(self._plain, prompt, initial, lines=lines) or initial

    def _ask_editor(
        self,
        editor: LineEditor,
        prompt: str,
        default: str | None,
        *,
        retry: str | None,
        lines: bool,
        block: bool,
        breaks: bool,
    ) -> str:
        shown: StyleAndTextTuples = [("class:prompt", prompt)]
        if default:
            shown_default = _shown_default(default, self._room(prompt))
            shown.append(("class:default", f" [{shown_default}]"))
        shown.append(("", ": "))
        while True:
            answer = editor.read(shown, initial=retry, lines=lines, block=block, breaks=breaks)
            if not editor.bad_bytes:
                return answer
            self.message(NOT_UTF8, Tone.ERROR)
            retry = answer

    def _ask_plain(
        self, reader: PlainReader, prompt: str, default: str | None, *, lines: bool
    ) -> str:
        text = Text(prompt, style=self._style("bold"))
        if default:
            shown_default = _shown_default(default, self._room(prompt))
            text.append(f" [{shown_default}]", style=self._style("dim"))
        text.append(": ")
        while True:
            if lines and self._carried is not None:
                # the last line of a two-line paste, taken with the first
                answer, self._carried = self._carried, None
            elif lines and reader.pending(wait=0):
                # the next line of a burst (lines pasted without bracketed
                # paste): the terminal has shown it already, and a prompt
                # printed now would stand after it, prompts running together
                answer = reader.read()
                self._in_burst = True
                if not answer.strip():
                    continue  # a blank line inside a paste does not end the list
            elif self._in_burst and (last := reader.take_unfinished()) is not None:
                # the paste's last line, without a line break: the paste's too
                self._in_burst = False
                self.console.print()
                answer = last
            else:
                self._in_burst = False
                fresh = self._read_at_prompt(reader, text, lines=lines)
                if fresh is None:
                    continue
                answer = fresh
            if "\x1b" in answer or "\x9b" in answer:
                # the line discipline does not act on an arrow key: its
                # sequence is in the line, where the person saw the cursor move
                self.message(CURSOR_KEYS.format(typed=visible(answer)), Tone.ERROR)
                continue
            if not reader.bad_bytes:
                return answer
            self.message(_NOT_UTF8_PLAIN.format(typed=visible(answer)), Tone.ERROR)

    def _read_at_prompt(self, reader: PlainReader, prompt: Text, *, lines: bool) -> str | None:
        """Show the prompt and read a line; ``None`` for a paste refused at a one-line field."""
        self.console.print(prompt, end="")
        self.console.file.flush()
        answer = reader.read()
        if not lines:
            return None if self._pasted(reader) else answer
        if not reader.pending(wait=0):
            # a paste of two lines, the last without a line break: the
            # terminal holds it after the first; it is the next item, and
            # what is said next starts on a line of its own
            self._carried = reader.take_unfinished()
            if self._carried is not None:
                self.console.print()
        return answer

    def _pasted(self, reader: PlainReader) -> bool:
        """Whether more lines came with the one just read: a paste, refused and dropped.

        A pasted block must not answer the fields after a one-line field; its
        last line may be one the terminal holds without its line break.
        """
        count = 1
        while reader.pending(wait=0):
            reader.read()
            count += 1
        if reader.take_unfinished() is not None:
            count += 1
            self.console.print()  # the terminal showed it, with no line break
        if count == 1:
            return False
        self.message(PASTE_REFUSED.format(count=count), Tone.ERROR)
        return True

    def abort(self, error: BaseException) -> bool:
        """Make the line editor's prompt, if one is running, raise ``error``.

        Returns:
            ``False`` when no prompt is running: the caller raises it then.
        """
        return self._editor is not None and self._editor.abort(error)

    def pending(self) -> bool:
        """Whether input is already waiting: the rest of a pasted block."""
        if self._editor is not None:
            return self._editor.pending()
        return self._plain is not None and self._plain.pending()

    def unfinished(self) -> str:
        """What was on the line when the last prompt was interrupted."""
        if self._editor is not None:
            return self._editor.unfinished
        return self._plain.unfinished if self._plain is not None else ""

    def edit(self, text: str) -> EditOutcome:
        """Open the rapporteur's editor on ``text``."""
        return launch(text)
