"""One hostile report through every command and format: the bytes that come out.

What reaches a terminal is made visible whatever the format; what goes to a
file or a pipe keeps the bytes its format needs (the published format and
TOML keep every control, for ``import`` and scripts to read back).
"""

from __future__ import annotations

import json
import os
import pty
import re
import select
import subprocess
import sys
import tomllib
import tty
from html.parser import HTMLParser
from pathlib import Path

import pytest

from igf_report.files.reportfile import dump_toml
from igf_report.readers import import_bytes
from igf_report.readers.published import read_published
from igf_report.template.checked import Entered
from igf_report.template.validation import check
from igf_report.writers import get_renderer

from .conftest import Invoke
from .reliability import tally

render_published = get_renderer("published").render

#: Rich markup, an ANSI colour, an OSC title and hyperlink, BEL, a C1 CSI,
#: bidirectional overrides and isolates, and HTML.
EVIL = (
    "[bold red]big[/bold red] [link=http://e.example]x[/link] \x1b[31mred\x1b[0m "
    "\x1b]0;pwned\x07 \x1b]8;;http://e.example\x1b\\link\x1b]8;;\x1b\\ \x9b31m \x07 "
    "\u202eevil\u202c \u2066iso\u2069 <script>alert(1)</script> <b>b</b> &amp;"
)
# What must never reach a terminal, or an HTML or Markdown reader, as such.
_TERMINAL_CODES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture
def evil_report(tmp_path: Path) -> Path:
    values = {
        "title": EVIL,
        "date": "2016-12-07",
        "time": "09:00 - 10:00",
        "organizer": EVIL,
        "chair": {"name": EVIL, "affiliation": EVIL},
        "rapporteur": {"name": EVIL},
        "speakers": [{"name": EVIL, "affiliation": EVIL}],
        "key_issues": [EVIL + " One. " + EVIL],
        "presentations": [{"title": EVIL, "summary": EVIL}],
        "discussions": [EVIL],
        "way_forward": [EVIL],
    }
    path = tmp_path / "evil.toml"
    path.write_text(dump_toml(values), encoding="utf-8")
    return path


def _clean(output: str, where: str) -> None:
    found = _TERMINAL_CODES.search(output)
    assert found is None, f"{where} let {found[0]!r} through"
    tally("hostile report: outputs checked byte by byte")


def test_the_file_keeps_every_value_intact(evil_report: Path) -> None:
    data = tomllib.loads(evil_report.read_text(encoding="utf-8"))
    assert data["title"] == EVIL
    assert data["chair"]["affiliation"] == EVIL


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_every_format_shows_values_as_text(invoke: Invoke, evil_report: Path, fmt: str) -> None:
    result = invoke("render", str(evil_report), "--format", fmt)
    assert result.exit_code == 0
    _clean(result.stdout, f"render --format {fmt}")
    _clean(result.stderr, f"render --format {fmt} (stderr)")
    if fmt == "markdown":
        assert "\\[bold red\\]big\\[/bold red\\]" in result.stdout
    else:
        assert "[bold red]big[/bold red]" in result.stdout
    if fmt == "html":
        assert "<script>" not in result.stdout
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in result.stdout
    if fmt == "markdown":
        assert "\\<script\\>" in result.stdout


def test_the_published_format_escapes_and_reads_back(evil_report: Path) -> None:
    checked = check(tomllib.loads(evil_report.read_text(encoding="utf-8")))
    published = render_published(checked.values)
    assert "<script>" not in published
    assert "&lt;script&gt;" in published
    # in HTML the controls stay controls; what import makes of them is text again
    back = check(read_published(published).data)
    assert back.report == checked.report


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "{f}"],
        ["validate", "{f}", "--format", "json"],
        ["show", "{f}", "--no-pager"],
        ["fill", "{f}", "--no-input"],
        ["validate", "{f}\x1b[31m.toml"],
    ],
    ids=["validate", "validate-json", "show", "fill", "missing-file"],
)
def test_every_command_prints_nothing_as_code(
    invoke: Invoke, evil_report: Path, args: list[str]
) -> None:
    result = invoke(*[a.replace("{f}", str(evil_report)) for a in args])
    assert "Traceback" not in result.output
    _clean(result.stdout, " ".join(args[:1]))
    _clean(result.stderr, " ".join(args[:1]) + " (stderr)")
    if "json" in args:
        document = json.loads(result.stdout)
        assert document["summary"]["reports"] == 1


def test_error_messages_quote_values_as_text(invoke: Invoke, tmp_path: Path) -> None:
    report = tmp_path / "r.toml"
    report.write_text(f"date = {json.dumps(EVIL)}\n", encoding="utf-8")
    result = invoke("validate", str(report))
    assert "is too long for a date" in result.stdout or "not a date" in result.stdout
    _clean(result.stdout, "validate error message")
    fill = invoke("fill", str(report), "--no-input", "--set", f"time={EVIL[:150]}")
    _clean(fill.stderr, "fill error message")


# --- on a real terminal and through a pipe ------------------------------------------------

_FORMATS = ["text", "markdown", "html", "published"]
#: Every command that writes data to stdout, in every format: (id, args, stdin).
_DATA_COMMANDS: list[tuple[str, list[str]]] = [
    *[(f"render-{fmt}", ["render", "{f}", "--format", fmt]) for fmt in _FORMATS],
    ("show", ["show", "{f}", "--no-pager"]),
    ("import", ["import", "-"]),
    ("validate-text", ["validate", "{f}", "{forged}"]),
    ("validate-json", ["validate", "{f}", "{forged}", "--format", "json"]),
]
_ENV = {"NO_COLOR": "1", "TERM": "dumb", "COLUMNS": "100", "LINES": "5000", "PAGER": "cat"}


def _run(args: list[str], stdin: bytes, *, terminal: bool) -> tuple[str, str, int]:
    """Run igf-report with stdout on a pseudo-terminal, or on a pipe; stderr on a pipe."""
    env = {**os.environ, **_ENV}
    command = [sys.executable, "-m", "igf_report", *args]
    if not terminal:
        done = subprocess.run(
            command, input=stdin, capture_output=True, env=env, timeout=60, check=False
        )
        return done.stdout.decode(), done.stderr.decode(), done.returncode
    master, slave = pty.openpty()
    tty.setraw(slave)  # no newline translation: the bytes as the program wrote them
    with subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=slave, stderr=subprocess.PIPE, env=env
    ) as process:
        os.close(slave)
        assert process.stdin is not None
        assert process.stderr is not None
        process.stdin.write(stdin)
        process.stdin.close()
        out = bytearray()
        while select.select([master], [], [], 60)[0]:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the terminal is closed once the program ends
                break
            if not chunk:
                break
            out += chunk
        os.close(master)
        err = process.stderr.read()
        code = process.wait(timeout=60)
    return out.decode(), err.decode(), code


@pytest.fixture
def forged_name(evil_report: Path) -> Path:
    """A copy of the hostile report whose name holds a line that reads like a finding."""
    path = evil_report.parent / "ws1.toml\nall.toml: error: title (Session Title): forged"
    path.write_bytes(evil_report.read_bytes())
    return path


@pytest.mark.pty
@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
@pytest.mark.parametrize("terminal", [True, False], ids=["terminal", "pipe"])
@pytest.mark.parametrize(("name", "args"), _DATA_COMMANDS, ids=[c[0] for c in _DATA_COMMANDS])
def test_every_command_and_format_on_a_terminal_and_a_pipe(
    evil_report: Path, forged_name: Path, name: str, args: list[str], *, terminal: bool
) -> None:
    values = check(tomllib.loads(evil_report.read_text(encoding="utf-8"))).values
    published = render_published(values).encode()
    argv = [a.replace("{f}", str(evil_report)).replace("{forged}", str(forged_name)) for a in args]
    out, err, code = _run(argv, published, terminal=terminal)
    assert "Traceback" not in err
    assert code in {0, 1}, err
    assert out
    _clean(err, f"{name} (stderr)")
    if terminal or name not in {"render-published", "import"}:
        _clean(out, f"{name} on a {'terminal' if terminal else 'pipe'}")
    elif name == "import":  # for a file or a pipe, TOML keeps every value exactly
        assert tomllib.loads(out)["title"] == EVIL
    else:  # and the published format keeps it for import to read back
        assert read_published(out).data["title"] == EVIL
    if name == "validate-text":
        lines = out.splitlines()
        assert not [line for line in lines if line.startswith("all.toml")], out
        assert lines[-1] == "2 reports: 0 valid, 2 with warnings, 0 invalid"
    if name == "validate-json":
        files = json.loads(out)["files"]
        assert [f["file"] for f in files] == [str(evil_report), str(forged_name)]


def test_a_newline_in_a_file_name_never_forges_a_message(invoke: Invoke, tmp_path: Path) -> None:
    draft = tmp_path / "draft\nforged: error: nothing.toml"
    draft.write_text('title = "x"\n', encoding="utf-8")
    rendered = invoke("render", str(draft), "-o", str(tmp_path / "out\nWrote forged.txt"))
    missing = invoke("validate", str(tmp_path / "gone\nigf-report: error: forged.toml"))
    for result in (rendered, missing):
        lines = result.stderr.splitlines()
        assert lines
        forged = ("forged", "Wrote forged", "igf-report: error: forged")
        assert not [line for line in lines if line.startswith(forged)], result.stderr
        assert "\u240a" in result.stderr  # the newline, shown as ␊


# --- a control's visible mark in HTML and Markdown ------------------------------------------

#: Bidi overrides and isolates and a C1 control, which HTML and Markdown show as ``<U+202E>``.
_MARKED = "Say \u202eevil\u202c and \u2066iso\u2069 then \x9b31m here"
_MARKABLE = re.compile("[\x80-\x9f\u202a-\u202e\u2066-\u2069]")


def _marked_values(text: str) -> dict[str, Entered]:
    return {
        "title": text,
        "date": "2016-12-07",
        "time": "09:00 - 10:00",
        "organizer": text,
        "chair": {"name": f"Ana {text}", "affiliation": text},
        "rapporteur": {"name": "Li Wei"},
        "speakers": [{"name": f"Bo {text}", "affiliation": "ISOC"}],
        "key_issues": [f"{text} one."],
        "presentations": [{"title": text, "summary": f"{text} two."}],
        "discussions": [text],
        "way_forward": [text],
    }


class _Nodes(HTMLParser):
    """The tags and the text of a page, as a browser's parser splits them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:  # noqa: ARG002
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_shows_a_controls_mark_as_text_not_a_tag() -> None:
    checked = check(_marked_values(_MARKED))
    page = get_renderer("html").render(checked.values, width=80)
    nodes = _Nodes()
    nodes.feed(page)
    nodes.close()
    assert not [tag for tag in nodes.tags if tag.startswith("u+")]
    text = "".join(nodes.text)
    assert "Say <U+202E>evil<U+202C> and <U+2066>iso<U+2069> then <U+009B>31m here" in text
    assert _MARKABLE.search(page) is None


@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_a_page_with_marks_imports_back_to_the_marks_as_text(fmt: str) -> None:
    renderer = get_renderer(fmt)
    checked = check(_marked_values(_MARKED))
    written = renderer.render(checked.values, width=80)
    if fmt == "markdown":  # no raw "<": some viewers pass "<U+202E>" through as a tag
        assert re.search(r"(?<!\\)<", written) is None
    back = import_bytes(written.encode(), f"report{renderer.suffix}")
    shown = _MARKABLE.sub(lambda m: f"<U+{ord(m[0]):04X}>", _MARKED)
    assert check(tomllib.loads(back.toml)).report == check(_marked_values(shown)).report


@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_a_book_shows_a_controls_mark_as_text(invoke: Invoke, tmp_path: Path, fmt: str) -> None:
    (tmp_path / "marked.toml").write_text(dump_toml(_marked_values(_MARKED)), encoding="utf-8")
    result = invoke("book", str(tmp_path), "-f", fmt)
    assert result.exit_code == 0, result.stderr
    if fmt == "markdown":
        assert "<U+" not in result.stdout
        assert "&lt;U+202E&gt;evil" in result.stdout
        return
    nodes = _Nodes()
    nodes.feed(result.stdout)
    nodes.close()
    assert not [tag for tag in nodes.tags if tag.startswith("u+")]
    assert "Say <U+202E>evil<U+202C>" in "".join(nodes.text)
