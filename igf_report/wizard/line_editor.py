"""The line editor behind every prompt in a real terminal, built on prompt_toolkit.

The prompt is part of the editor's line, so what the screen shows after any
editing (backspaces over a wrapped line, Ctrl-U, Up) is exactly what the
answer holds. A pasted block arrives whole (bracketed paste) and is one unit:
a list takes all of it as its items (:func:`~igf_report.wizard.pasting.as_items`),
the last line too; a summary takes it as itself, its lines joined into
paragraphs; a one-line field refuses it, so nothing of it reaches a later
field. Bytes that are not UTF-8 become ``�`` and the answer is given
back to be corrected rather than saved or lost. A key's escape sequence read
in pieces (a slow link, a loaded machine) is put together again, never typed.

prompt_toolkit is imported only here, and this module only by ``fill`` in a
terminal, so other commands start no slower.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable
from typing import Final

from prompt_toolkit import PromptSession
from prompt_toolkit.application import run_in_terminal
from prompt_toolkit.completion import CompleteEvent, Completer, Completion
from prompt_toolkit.document import Document
from prompt_toolkit.enums import DEFAULT_BUFFER
from prompt_toolkit.filters import has_focus
from prompt_toolkit.formatted_text import FormattedText, StyleAndTextTuples
from prompt_toolkit.history import InMemoryHistory
from prompt_toolkit.input.ansi_escape_sequences import ANSI_SEQUENCES
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent
from prompt_toolkit.key_binding.key_processor import KeyPress
from prompt_toolkit.keys import Keys
from prompt_toolkit.output import create_output
from prompt_toolkit.shortcuts import CompleteStyle
from prompt_toolkit.styles import Style

from igf_report.wizard.commands import COMMANDS
from igf_report.wizard.input_messages import PASTE_REFUSED
from igf_report.wizard.pasting import as_items, as_paragraphs

__all__ = ["LineEditor"]

_REPLACEMENT: Final = "\ufffd"
_STYLE: Final = Style.from_dict({"prompt": "bold", "default": "", "echo": ""})
_SEQUENCE_LIMIT: Final = 32  # characters of an escape sequence; longer is no key
_CPR: Final = re.compile(r"\x1b\[\d+;\d+R")  # the terminal's answer: where the cursor is


def _clean(text: str) -> tuple[str, bool]:
    """Replace the surrogate escapes of undecodable bytes with U+FFFD."""
    if not any("\udc80" <= char <= "\udcff" for char in text):
        return text, False
    return "".join(_REPLACEMENT if "\udc80" <= c <= "\udcff" else c for c in text), True


def _text(prompt: StyleAndTextTuples) -> str:
    return "".join(fragment[1] for fragment in prompt)


class _Commands(Completer):
    """Completes ``:commands`` on Tab, with what each does."""

    def get_completions(
        self, document: Document, complete_event: CompleteEvent
    ) -> Iterable[Completion]:
        del complete_event
        text = document.text_before_cursor.lstrip()
        if not text.startswith(":") or text.startswith("::") or " " in text:
            return
        word = text[1:].lower()
        for name, meaning in COMMANDS.items():
            if name.startswith(word):
                yield Completion(f":{name}", start_position=-len(text), display_meta=meaning)


class LineEditor:
    """Reads answers with prompt_toolkit, one prompt at a time.

    Args:
        notice: shows a message above the prompt (an error, said while editing).
        echo: shows a line of a paste at its prompt (the prompt's text, the line).
    """

    def __init__(self, notice: Callable[[str], None], echo: Callable[[str, str], None]) -> None:
        self._notice = notice
        self._show_echo = echo
        self._queue: list[str] = []  # items of a pasted block, not yet answered
        self._lines = False
        self._block = False
        self._breaks = False
        self._typed_ahead = False
        self._sequence: str | None = None  # an escape sequence arriving in pieces
        self._piece: KeyPress | None = None  # its last piece, to tell it continues
        self.bad_bytes = False
        self.unfinished = ""  # the line when a prompt was interrupted
        self._output = create_output(stdout=sys.stderr)
        self._session: PromptSession[str] = PromptSession(
            history=InMemoryHistory(),
            completer=_Commands(),
            complete_style=CompleteStyle.READLINE_LIKE,
            complete_while_typing=False,
            key_bindings=self._bindings(),
            output=self._output,
            style=_STYLE,
            reserve_space_for_menu=0,
            enable_suspend=False,
            mouse_support=False,
            erase_when_done=True,
        )

    def read(
        self,
        prompt: StyleAndTextTuples,
        *,
        initial: str | None = None,
        lines: bool = False,
        block: bool = False,
        breaks: bool = False,
    ) -> str:
        """Read one answer.

        Args:
            prompt: the prompt, styled, shown at the start of the editor's line.
            initial: text to put in the buffer (a refused answer), cursor at its end.
            lines: a pasted block becomes the list's items, one answer each
                (and items still waiting from one are answers here); else a
                paste of several lines is refused.
            block: a paste here is this one answer, its lines joined into paragraphs.
            breaks: the answer may hold a line break, which Esc-Enter types;
                elsewhere Esc-Enter does nothing (the answer would be refused).

        Raises:
            EOFError: Ctrl-D on an empty line.
            KeyboardInterrupt: Ctrl-C.
        """
        self.bad_bytes = False
        self.unfinished = ""
        if self._queue and initial is None and lines:
            line = self._queue.pop(0)
            self._echo(prompt, line)
            return line
        if self._queue and not lines:
            dropped = len(self._queue)
            self._queue.clear()
            self._notice(f"The rest of the pasted block ({dropped} lines) was not used.")
        self._lines = lines
        self._block = block
        self._breaks = breaks
        self._typed_ahead = False
        # the editor wraps its line at any character; once read, the line is
        # shown again by the screen, wrapped at words like everything else
        try:
            answer = self._session.prompt(FormattedText(prompt), default=initial or "")
        except BaseException:
            self.unfinished = _clean(self._session.default_buffer.text)[0]
            self._show_echo(_text(prompt), self.unfinished)
            raise
        answer, bad = _clean(answer)
        self.bad_bytes = self.bad_bytes or bad
        self._show_echo(_text(prompt), answer)
        return answer

    def abort(self, error: BaseException) -> bool:
        """Make the prompt being read raise ``error``; ``False`` when none is running.

        A signal handler must not raise inside the editor's event loop, which
        would catch the error in a key handler and wait for Enter.
        """
        app = self._session.app
        loop = app.loop
        if not app.is_running or loop is None:
            return False

        def stop() -> None:
            if app.future is not None and not app.future.done():
                app.exit(exception=error)

        loop.call_soon_threadsafe(stop)
        return True

    def pending(self) -> bool:
        """Whether more lines of a pasted block are waiting."""
        return bool(self._queue) or self._typed_ahead

    def _echo(self, prompt: StyleAndTextTuples, line: str) -> None:
        """Show a pasted line as if it had been typed at its prompt."""
        self._show_echo(_text(prompt), line)
        self._session.history.append_string(line)

    def _bindings(self) -> KeyBindings:
        bindings = KeyBindings()

        bindings.add(Keys.BracketedPaste)(self._paste)

        @bindings.add(Keys.Escape, Keys.Enter, filter=has_focus(DEFAULT_BUFFER))
        def _new_line(event: KeyPressEvent) -> None:
            # Esc-Enter, or Alt-Enter (sent as the same two keys): a line
            # break inside this answer, which Enter alone would submit; none
            # where the answer must be on one line
            if self._breaks:
                event.current_buffer.insert_text("\n")

        @bindings.add(Keys.ControlU, filter=has_focus(DEFAULT_BUFFER))
        def _clear(event: KeyPressEvent) -> None:
            # the whole line, wherever the cursor is (readline's Ctrl-U keeps
            # what is right of it); Ctrl-Y puts it back
            buffer = event.current_buffer
            if buffer.text:
                event.app.clipboard.set_text(buffer.text)
            buffer.text = ""

        @bindings.add(Keys.Escape)
        def _escape(event: KeyPressEvent) -> None:
            # alone: the editor stopped waiting for the rest of a sequence,
            # which may still come; Escape itself does nothing here
            self._sequence = ""
            self._piece = event.key_sequence[-1]

        @bindings.add(Keys.Any)
        def _insert(event: KeyPressEvent) -> None:
            if self._sequence is not None and self._continue_sequence(event):
                return
            text, bad = _clean(event.data)
            self.bad_bytes = self.bad_bytes or bad
            event.current_buffer.insert_text(text * event.arg)

        @bindings.add(Keys.Enter, filter=has_focus(DEFAULT_BUFFER))
        def _enter(event: KeyPressEvent) -> None:
            # keys already queued behind Enter: lines pasted by a terminal
            # without bracketed paste, so a blank one among them is no end
            self._typed_ahead = bool(event.app.key_processor.input_queue)
            event.current_buffer.validate_and_handle()

        return bindings

    def _paste(self, event: KeyPressEvent) -> None:
        """A bracketed paste: one unit, for the prompt it was pasted at."""
        data, bad = _clean(event.data.replace("\r\n", "\n").replace("\r", "\n"))
        self.bad_bytes = self.bad_bytes or bad
        buffer = event.current_buffer
        one = data.removesuffix("\n")
        if "\n" not in one:
            buffer.insert_text(one)
            return
        if self._block:
            buffer.insert_text(as_paragraphs(one))
            return
        if not self._lines:
            count = len(one.split("\n"))
            run_in_terminal(lambda: self._notice(PASTE_REFUSED.format(count=count)))
            return
        # every item is the list's, the last one too, with what was on the
        # line before and after the cursor
        document = buffer.document
        items = as_items(document.text_before_cursor + data + document.text_after_cursor)
        if not items:
            return
        self._queue = items[1:]
        buffer.document = Document(items[0])
        buffer.validate_and_handle()

    def _continue_sequence(self, event: KeyPressEvent) -> bool:
        """Take ``event`` as the next piece of an escape sequence; whether it was one.

        A lone Escape followed by ``[`` or ``O`` starts the rest of a key's
        sequence (``ESC [ D`` is Left); once complete, the key it stands for is
        pressed. An unknown sequence is dropped: never typed into the answer.
        """
        previous = event.previous_key_sequence
        sequence, self._sequence = self._sequence, None
        if sequence is None or not previous or previous[-1] is not self._piece:
            return False  # another key came between: no sequence
        char = event.data
        if not sequence and char not in "[O":
            return False  # Escape, then a character: the character
        sequence += char
        final = len(sequence) > 1 and (
            sequence[0] == "O" or ("@" <= char <= "~" and sequence != "[[")
        )
        if not final:
            if len(sequence) < _SEQUENCE_LIMIT:
                self._sequence = sequence
                self._piece = event.key_sequence[-1]
            return True
        whole = "\x1b" + sequence
        key = Keys.CPRResponse if _CPR.fullmatch(whole) else ANSI_SEQUENCES.get(whole)
        keys = key if isinstance(key, tuple) else (key,) if key is not None else ()
        for one in reversed(keys):
            event.key_processor.feed(KeyPress(one, whole), first=True)
        return True
