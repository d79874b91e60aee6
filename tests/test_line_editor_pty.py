"""``fill`` on a real line editor, read off the screen through a terminal emulator.

The walk-through runs in a pseudo-terminal as an xterm; everything it writes is
fed to ``pyte``, so the tests see what a rapporteur sees, and compare it with
what the report file received.
"""

from __future__ import annotations

import os
import re
import signal
import sys
import time
import tomllib
from pathlib import Path

import pexpect
import pyte
import pytest

pytestmark = [
    pytest.mark.pty,
    pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX"),
]

COLUMNS, ROWS = 80, 24
PASTE_START, PASTE_END = "\x1b[200~", "\x1b[201~"
BACKSPACE, CTRL_U = "\x7f", "\x15"
LEFT, RIGHT = "\x1b[D", "\x1b[C"


class _Screen(pyte.Screen):
    """An emulated screen that answers the program's queries (cursor position)."""

    def __init__(self, child: pexpect.spawn) -> None:
        super().__init__(COLUMNS, ROWS)
        self.child = child

    def write_process_input(self, data: str) -> None:
        self.child.send(data.encode("ascii"))


class Terminal:
    """``igf-report fill`` in an 80-column xterm whose screen is emulated."""

    def __init__(
        self, report: Path, env: dict[str, str] | None = None, args: list[str] | None = None
    ) -> None:
        self.transcript = b""
        self.child = pexpect.spawn(
            sys.executable,
            args or ["-m", "igf_report", "fill", str(report)],
            cwd=str(report.parent),
            env={
                **os.environ,
                "TERM": "xterm-256color",
                "COLUMNS": str(COLUMNS),
                "LINES": str(ROWS),
                **(env or {}),
            },
            dimensions=(ROWS, COLUMNS),
            timeout=20,
        )
        self.child.delaybeforesend = None  # type as fast as a person who pastes
        self.screen = _Screen(self.child)
        self.stream = pyte.ByteStream(self.screen)

    def _pump(self, wait: float) -> None:
        try:
            data = self.child.read_nonblocking(65536, timeout=wait)
        except pexpect.TIMEOUT:
            return
        except pexpect.EOF:
            raise
        self.transcript += data
        self.stream.feed(data)

    def text(self) -> str:
        """The screen as lines, trailing spaces dropped."""
        return "\n".join(line.rstrip() for line in self.screen.display)

    def wait_for(self, pattern: str, timeout: float = 20) -> re.Match[str]:
        """Read output until ``pattern`` (a regex) is on the screen."""
        end = time.monotonic() + timeout
        while True:
            found = re.search(pattern, self.text())
            if found:
                return found
            if time.monotonic() > end:
                msg = f"{pattern!r} not on the screen:\n{self.text()}"
                raise AssertionError(msg)
            try:
                self._pump(0.05)
            except pexpect.EOF:
                found = re.search(pattern, self.text())
                if found:
                    return found
                msg = f"{pattern!r} not on the screen before the end:\n{self.text()}"
                raise AssertionError(msg) from None

    def wait_for_cursor_line(self, pattern: str, timeout: float = 20) -> None:
        """Read output until the line the cursor stands on matches ``pattern`` whole.

        Unlike :meth:`wait_for`, an answer already given above (``Title: old``,
        on the line before ``:back`` asks again) does not count: keys typed
        before the new prompt runs would be lost.
        """
        end = time.monotonic() + timeout
        while True:
            line = self.screen.display[self.screen.cursor.y].rstrip()
            if re.fullmatch(pattern, line):
                return
            if time.monotonic() > end:
                msg = f"{pattern!r} not the cursor's line ({line!r}):\n{self.text()}"
                raise AssertionError(msg)
            self._pump(0.05)

    def settle(self, quiet: float = 0.3) -> None:
        """Read output until nothing more arrives for ``quiet`` seconds."""
        with _suppress_eof():
            while True:
                before = len(self.transcript)
                self._pump(quiet)
                if len(self.transcript) == before:
                    return

    def type(self, text: str) -> None:
        self.child.send(text.encode("utf-8"))

    def paste(self, text: str) -> None:
        """Paste ``text`` as a terminal does when the program asked for bracketed paste."""
        self.child.send((PASTE_START + text + PASTE_END).encode("utf-8"))

    def finish(self, timeout: float = 20) -> int:
        end = time.monotonic() + timeout
        with _suppress_eof():
            while time.monotonic() < end:
                self._pump(0.2)
            msg = f"still running:\n{self.text()}"
            raise AssertionError(msg)
        self.child.close()
        return int(self.child.exitstatus if self.child.exitstatus is not None else -1)

    def answer(self, prompt: str, text: str) -> None:
        self.wait_for(rf"(?m)^{re.escape(prompt)}(?: \[[^\]]*\])?: *$")
        self.type(text + "\r")


class _suppress_eof:  # noqa: N801 -- used as a context manager, reads as one
    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> bool:
        return kind is pexpect.EOF


@pytest.fixture
def report(tmp_path: Path) -> Path:
    return tmp_path / "report.toml"


def _saved(report: Path) -> dict[str, object]:
    return tomllib.loads(report.read_text(encoding="utf-8")) if report.exists() else {}


def _screen_line(term: Terminal, prompt: str) -> str:
    """The last line that starts with ``prompt``, with the rows it wraps onto."""
    rows = term.screen.display
    starts = [i for i, row in enumerate(rows) if row.startswith(prompt)]
    assert starts, f"no {prompt!r} on the screen:\n{term.text()}"
    index = starts[-1]
    joined = rows[index]
    while rows[index][-1] != " " and index + 1 < len(rows):  # filled to the edge: wrapped
        index += 1
        joined += rows[index]
    return joined.rstrip()


def test_a_long_title_with_backspaces_is_the_same_on_screen_and_in_the_file(
    report: Path,
) -> None:
    title = (
        "Connecting the Next Billion: community networks, affordable access and "
        "local content in rural Latin America and the Caribbean"
    )
    term = Terminal(report)
    term.wait_for(r"(?m)^Session Title: *$")
    term.type(title)
    term.type(BACKSPACE * 40)
    term.wait_for("(?m)" + re.escape(title[:-40].rstrip()[-10:]) + r" *$")
    term.settle()
    shown = _screen_line(term, "Session Title: ")
    assert shown == "Session Title: " + title[:-40].rstrip()
    term.type("\r")
    term.wait_for(r"2/11")
    term.type(CTRL_U)
    term.answer("Date", ":quit")
    assert term.finish() == 0
    assert _saved(report)["title"] == title[:-40].rstrip()


def test_ctrl_u_empties_the_answer_and_keeps_the_prompt(report: Path) -> None:
    term = Terminal(report)
    term.wait_for(r"(?m)^Session Title: *$")
    term.type("A title typed wrong")
    term.wait_for("typed wrong")
    term.type(CTRL_U)
    term.settle()
    assert re.search(r"(?m)^Session Title: *$", term.text()), term.text()
    term.type("Right title\r")
    term.answer("Date", ":quit")
    assert term.finish() == 0
    assert _saved(report)["title"] == "Right title"


def test_ctrl_u_clears_the_whole_line_wherever_the_cursor_is(report: Path) -> None:
    term = Terminal(report)
    term.wait_for_cursor_line(r"Session Title: *")
    term.type("Keep none of this")
    term.wait_for_cursor_line(r"Session Title: Keep none of this *")
    term.type(LEFT * 8 + CTRL_U)  # the cursor in the middle of the line
    term.wait_for_cursor_line(r"Session Title: *")
    term.type("Right title\r")
    term.answer("Date", ":quit")
    assert term.finish() == 0
    assert _saved(report)["title"] == "Right title"


def test_two_lines_pasted_at_the_chair_are_refused_and_reach_no_other_field(
    report: Path,
) -> None:
    report.write_text(
        'title = "T"\ndate = 2016-12-06\ntime = "10:45 - 11:45 am"\norganizer = "Host"\n',
        encoding="utf-8",
    )
    term = Terminal(report)
    term.wait_for(r"(?m)^Chair/Moderator: *$")
    term.paste("Ana Pérez, ISOC\nKwame Mensah, University of Ghana\n")
    term.wait_for("one line")
    term.settle()
    assert "Rapporteur/Notetaker:" not in term.text()
    assert "chair" not in _saved(report)
    term.type("Ana Pérez, ISOC\r")
    term.wait_for(r"(?m)^Rapporteur/Notetaker: *$")
    term.settle()
    assert re.search(r"(?m)^Rapporteur/Notetaker: *$", term.text())  # nothing typed there
    term.type(":quit\r")
    assert term.finish() == 0
    saved = _saved(report)
    assert saved["chair"] == {"name": "Ana Pérez", "affiliation": "ISOC"}
    assert "rapporteur" not in saved


def test_a_block_pasted_into_a_list_becomes_one_item_per_line(report: Path) -> None:
    report.write_text(
        'title = "T"\ndate = 2016-12-06\ntime = "10:45 - 11:45 am"\norganizer = "Host"\n'
        'chair = "Ana Pérez, ISOC"\nrapporteur = "Kwame Mensah, UG"\n',
        encoding="utf-8",
    )
    term = Terminal(report)
    term.wait_for(r"(?m)^1: *$")
    term.paste("Li Wei, CNNIC\n\nJean Dupont, Afnic\n")
    term.wait_for(r"(?m)^3: *$")
    term.type("\r")
    term.wait_for("8/11")
    term.type(":quit\r")
    assert term.finish() == 0
    assert _saved(report)["speakers"] == [
        {"name": "Li Wei", "affiliation": "CNNIC"},
        {"name": "Jean Dupont", "affiliation": "Afnic"},
    ]


def test_a_refused_answer_is_put_back_to_be_corrected_in_place(report: Path) -> None:
    report.write_text('title = "T"\n', encoding="utf-8")
    term = Terminal(report)
    term.answer("Date", "2016-12-066")
    term.wait_for(r"(?m)December 2016\nDate: 2016-12-066 *$")  # given back, below the message
    term.settle()
    text = term.text()
    assert "[2016-12-066]" not in text
    assert text.index("error: Date") < text.rindex("Date: 2016-12-066")  # the message above
    term.type(BACKSPACE + "\r")
    term.wait_for("3/11")
    term.type(":quit\r")
    assert term.finish() == 0
    assert _saved(report)["date"].isoformat() == "2016-12-06"  # type: ignore[attr-defined]


def test_a_mistyped_command_is_refused_with_the_closest_one(report: Path) -> None:
    term = Terminal(report)
    term.answer("Session Title", ":qiut")
    term.wait_for(r"unknown command :qiut; did you mean :quit\?")
    term.wait_for(r"(?m)with ':'\)\nSession Title: *$")  # a clear line below the message
    term.type(":help\r")  # typed on a clear line, it is the command alone
    term.wait_for("Commands: :back")
    term.settle()
    assert "unknown command :qiut:help" not in term.text()
    term.type(":quit\r")
    assert term.finish() == 0
    assert "title" not in _saved(report)


def test_tab_completes_a_command(report: Path) -> None:
    report.write_text('title = "T"\n', encoding="utf-8")
    term = Terminal(report)
    term.wait_for(r"(?m)^Date: *$")
    term.type(":qu\t")
    term.wait_for(r"(?m)^Date: :quit *$")
    term.type("\r")
    assert term.finish() == 0


def test_up_brings_back_an_answer_given_in_this_session(report: Path) -> None:
    term = Terminal(report)
    term.answer("Session Title", "Access for all")
    term.wait_for(r"(?m)^Date: *$")
    term.type(":back\r")
    # the old answer on the line: the prompt after :back, not the same text above it
    term.wait_for(r"(?ms)^Date: :back$.*^Session Title: Access for all *$")
    term.type(CTRL_U)
    term.wait_for(r"(?m)^Session Title: *$")
    term.type("\x1b[A\x1b[A")
    term.wait_for(r"(?m)^Session Title: Access for all *$")
    term.type(" (revised)\r")
    term.answer("Date", ":quit")
    assert term.finish() == 0
    assert _saved(report)["title"] == "Access for all (revised)"


def test_bytes_that_are_not_utf8_are_kept_to_be_corrected(report: Path) -> None:
    term = Terminal(report)
    term.wait_for(r"(?m)^Session Title: *$")
    term.child.send(b"Caf\xe9 society\r")
    # given back on the line under the message (the line above it shows the same)
    term.wait_for(r"(?m)UTF-8\)\.\nSession Title: Caf\ufffd society *$")
    term.type(LEFT * 8 + BACKSPACE + "é\r")
    term.answer("Date", ":quit")
    assert term.finish() == 0
    assert _saved(report)["title"] == "Café society"


@pytest.mark.parametrize(
    ("key", "pause"), [(LEFT, 1.2), (LEFT, 2.5), ("\x1bOD", 1.2)], ids=["csi", "csi-late", "ss3"]
)
def test_an_arrow_key_read_in_two_pieces_moves_the_cursor(
    report: Path, key: str, pause: float
) -> None:
    term = Terminal(report)
    term.wait_for(r"(?m)^Session Title: *$")
    term.type("Acces")
    term.wait_for(r"(?m)^Session Title: Acces *$")
    # a slow link: the escape alone, then the rest after the editor gave up
    # waiting for it (prompt_toolkit flushes a lone escape after 0.5 s, and
    # takes it as a key of its own after 1 s more)
    term.type(key[0])
    time.sleep(pause)
    term.type(key[1:] + "x")
    term.wait_for(r"(?m)^Session Title: Accexs *$")
    term.type(RIGHT + "!\r")
    term.answer("Date", ":quit")
    assert term.finish() == 0
    assert _saved(report)["title"] == "Accexs!"


def test_the_accessible_mode_speaks_plain_lines(report: Path) -> None:
    report.write_text(
        'title = "T"\ndate = 2016-12-06\ntime = "10:45 - 11:45 am"\norganizer = "Host"\n'
        'chair = "Ana Pérez, ISOC"\nrapporteur = "Kwame Mensah, UG"\n'
        'speakers = ["Li Wei, CNNIC"]\nkey_issues = ["Access is costly."]\n'
        'discussions = ["We talked."]\n',
        encoding="utf-8",
    )
    term = Terminal(report, env={"ACCESSIBLE": "1"})
    term.wait_for("Completing an imported report: 2 fields left")
    term.wait_for(r"(?m)^1\. title \(may be empty\): *$")  # the optional field, asked once
    term.type("\r")
    term.wait_for(r"(?m)^1\. summary: *$")
    term.type("\r")
    term.wait_for(r"(?m)^1: *$")
    term.type("Meet again.\r")
    term.wait_for(r"(?m)^2: *$")  # a person sees the next prompt before Enter ends the list
    term.type("\r")
    term.wait_for(r"Field number to edit, or Enter to save: *$")
    text = term.text()
    assert re.search(r"(?m)^1\. Session Title: T \(ok\)$", text), text
    assert re.search(r"(?m)^6\. Rapporteur/Notetaker: Kwame Mensah · UG \(ok\)$", text), text
    term.type("\r")
    assert term.finish() == 0
    assert b"\x1b" not in term.transcript
    assert _saved(report)["way_forward"] == ["Meet again."]


@pytest.mark.parametrize(
    ("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 1), (signal.SIGHUP, 1)]
)
def test_a_signal_in_the_line_editor_keeps_the_draft_and_restores_the_terminal(
    report: Path, signum: int, code: int
) -> None:
    term = Terminal(report)
    term.answer("Session Title", "Access for all")
    term.wait_for(r"(?m)^Date: *$")
    term.type("6 Dec")
    term.wait_for("6 Dec")
    term.child.kill(signum)
    assert term.finish() == code
    assert _saved(report)["title"] == "Access for all"
    assert b"Traceback" not in term.transcript
    # the editor turned bracketed paste off again on its way out
    assert term.transcript.rindex(b"\x1b[?2004l") > term.transcript.rindex(b"\x1b[?2004h")


def test_ctrl_c_and_ctrl_d_at_the_line_editor(report: Path) -> None:
    term = Terminal(report)
    term.answer("Session Title", "Access for all")
    term.wait_for(r"(?m)^Date: *$")
    term.type("\x03")
    term.wait_for("Interrupted. Your answers are saved in")
    assert term.finish() == 130
    again = Terminal(report)
    again.wait_for("Resuming at field 2")
    again.wait_for(r"(?m)^Date: *$")
    again.type("x\x04")  # Ctrl-D on a line with text deletes nothing and leaves
    again.wait_for(r"(?m)^Date: x *$")
    again.type("\x15\x04")
    again.wait_for("Stopped. Your answers are saved in")
    assert again.finish() == 1
    assert _saved(report)["title"] == "Access for all"
    # the message starts on a line of its own, not after a line break shown as a symbol
    for session in (term, again):
        assert "␊".encode() not in session.transcript


_ASK_INITIAL = """
import json, sys
from igf_report.wizard.terminal import TerminalScreen
screen = TerminalScreen(accessible=sys.argv[1] == "plain")
for _ in range(2):
    answer = screen.ask("Session Title", initial="Community Networks: Rural Asia")
    print("ANSWER=" + json.dumps(answer), flush=True)
"""


@pytest.mark.parametrize("mode", ["editor", "plain"])
def test_text_to_edit_is_on_the_line_and_enter_keeps_it(mode: str, tmp_path: Path) -> None:
    term = Terminal(tmp_path, args=["-c", _ASK_INITIAL, mode])
    if mode == "editor":
        # on the line, cursor at its end: typing goes on from there
        term.wait_for(r"(?m)^Session Title: Community Networks: Rural Asia *$")
        term.type(" and Africa\r")
        term.wait_for('ANSWER="Community Networks: Rural Asia and Africa"\nSession Title: ')
    else:
        # a plain line cannot hold text to edit: it is the default
        term.wait_for(r"(?m)^Session Title \[Community Networks: Rural Asia\]: *$")
        term.type("Another title\r")
        term.wait_for('ANSWER="Another title"\nSession Title \\[')
    term.type("\r")  # Enter alone keeps it
    term.wait_for('(?m)^ANSWER="Community Networks: Rural Asia"$')
    assert term.finish() == 0


def test_esc_enter_breaks_a_line_only_where_a_line_break_is_taken(report: Path) -> None:
    term = Terminal(report)
    term.wait_for_cursor_line(r"Session Title: *")
    term.type("One line\x1b\r")  # Esc-Enter: the title must be on one line
    term.type(" title\r")
    term.answer("Date", "6 December 2016")
    term.answer("Time", "10:45 - 11:45")
    term.answer("Session Organizer", "Host")
    term.answer("Chair/Moderator", "Ana Pérez, ISOC")
    term.answer("Rapporteur/Notetaker", "Kwame Mensah, UG")
    term.wait_for_cursor_line(r"1: *")
    speakers = term.text().rpartition("Speakers")[2]
    assert "Esc-Enter" not in speakers, term.text()  # a person is on one line
    term.type("Li Wei, CNNIC\x1b\r\r")
    term.wait_for_cursor_line(r"2: *")
    term.type("\r")
    term.wait_for(r"Esc-Enter \(or Alt-Enter\)\s+starts\s+a\s+new\s+line\s+in\s+an\s+item")
    term.wait_for_cursor_line(r"1: *")
    term.type("Access\x1b\ris costly.\r")
    term.wait_for_cursor_line(r"2: *")
    term.type(":quit\r")
    assert term.finish() == 0
    saved = _saved(report)
    assert saved["title"] == "One line title"
    assert saved["speakers"] == [{"name": "Li Wei", "affiliation": "CNNIC"}]
    assert saved["key_issues"] == ["Access\nis costly."]
