"""The report file: reading TOML (and JSON answers), and writing TOML in template order.

The file is the source of truth that people and scripts edit, so it is written
in template order, one key per field, lists one item per line, with the
template's labels as comments when asked (``igf-report new``).
"""

from __future__ import annotations

import errno
import json
import os
import re
import stat
import sys
import time
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, BinaryIO, Final, Literal

import tomli_w
from pydantic import BaseModel

from igf_report.errors import FileReadError, UsageError
from igf_report.files.tomlcomments import Comments
from igf_report.template.fields import FIELDS, FieldSpec, Kind, place_for_people
from igf_report.template.model import TEMPLATE_ID, Person

__all__ = [
    "MAX_FILE_BYTES",
    "STDIN_NAME",
    "decode",
    "dump_toml",
    "is_report",
    "key_lines",
    "parse_document",
    "read_bytes",
    "read_text",
    "source_name",
]

#: Largest file igf-report reads; a report is a few kilobytes.
MAX_FILE_BYTES: Final = 5 * 1024 * 1024


#: What messages call standard input, named ``-`` on the command line.
STDIN_NAME: Final = "<stdin>"


def source_name(path: str | Path) -> str:
    """The name messages give a file named on the command line: ``-`` is standard input."""
    return STDIN_NAME if str(path) == "-" else str(path)


def _too_large(name: str) -> FileReadError:
    return FileReadError(
        name,
        f"is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB, "
        "the most igf-report reads; a report is a few kilobytes",
    )


def decode(data: bytes, name: str) -> str:
    """Decode UTF-8 (with or without a byte-order mark), normalising line endings.

    Raises:
        FileReadError: the bytes are too many or not UTF-8 (with the offset).
    """
    if len(data) > MAX_FILE_BYTES:
        raise _too_large(name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        msg = (
            f"is not UTF-8 text: byte {exc.start} is 0x{data[exc.start]:02x}; "
            "save the file as UTF-8"
        )
        raise FileReadError(name, msg) from None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def read_text(path: str | Path) -> str:
    """Read a text file (``-`` for standard input) as UTF-8.

    At most one byte more than :data:`MAX_FILE_BYTES` is read, whatever the
    file claims to be: ``/dev/zero`` or a pipe never ends.

    Raises:
        UsageError: the file does not exist or is a folder.
        FileReadError: it cannot be read, is too large, or is not UTF-8.
    """
    data, name = read_bytes(path)
    return decode(data, name)


def read_bytes(path: str | Path) -> tuple[bytes, str]:
    """Read a file (``-`` for standard input) as bytes, and the name to give it in messages.

    At most one byte more than :data:`MAX_FILE_BYTES` is read; a larger
    regular file is refused before it is read.

    Raises:
        UsageError: the file does not exist or is a folder.
        FileReadError: it cannot be read or is too large.
    """
    if str(path) == "-":
        data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            raise _too_large(STDIN_NAME)
        return data, STDIN_NAME
    path = Path(path)
    try:
        data = _read_path(path)
    except FileNotFoundError:
        msg = f"{path}: no such file"
        raise UsageError(msg) from None
    except IsADirectoryError:
        msg = f"{path}: is a folder, not a file"
        raise UsageError(msg) from None
    except OSError as exc:
        if exc.errno == errno.ENXIO and _is_socket(path):
            raise FileReadError(str(path), "is a socket, not a file") from None
        msg = f"cannot be read: {exc.strerror or exc}"
        raise FileReadError(str(path), msg) from None
    if len(data) > MAX_FILE_BYTES:
        raise _too_large(str(path))
    return data, str(path)


#: Seconds a named pipe (FIFO) is given for a program to start writing to it.
FIFO_WAIT: Final = 2.0

_NONBLOCK: Final = getattr(os, "O_NONBLOCK", 0)  # not on Windows, where no FIFO blocks open()


def _is_socket(path: Path) -> bool:
    try:
        return stat.S_ISSOCK(path.stat().st_mode)
    except OSError:
        return False


def _read_path(path: Path) -> bytes:
    # Opened without blocking: opening a named pipe that no program writes to
    # would otherwise wait for ever.
    fd = os.open(path, os.O_RDONLY | _NONBLOCK | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as handle:
        fifo = stat.S_ISFIFO(os.fstat(fd).st_mode)
        first = _first_from_pipe(fd, str(path)) if fifo else b""
        if _NONBLOCK:  # a device or a pipe with a writer is read as it gives its bytes
            os.set_blocking(fd, True)
        if first:
            return first + handle.read(MAX_FILE_BYTES + 1 - len(first))
        return _read_limited(handle, str(path))


def _first_from_pipe(fd: int, name: str) -> bytes:
    """The first bytes a named pipe gives, once a program writes to it (or has it open).

    Raises:
        FileReadError: no program opened the pipe to write within :data:`FIFO_WAIT` seconds.
    """
    deadline = time.monotonic() + FIFO_WAIT
    while True:
        try:
            first = os.read(fd, 65536)
        except BlockingIOError:  # a writer has it open: wait for what it writes
            return b""
        if first:
            return first
        # nothing, and no writer: one may be about to open it
        if time.monotonic() >= deadline:
            msg = (
                f"is a named pipe (FIFO) that no program wrote to within {FIFO_WAIT:g} "
                "seconds; igf-report reads files, or standard input given as -"
            )
            raise FileReadError(name, msg)
        time.sleep(0.02)


def _read_limited(handle: BinaryIO, name: str) -> bytes:
    size = os.fstat(handle.fileno()).st_size
    if size > MAX_FILE_BYTES:
        # a huge regular file is refused before it is read
        raise _too_large(name)
    # one right-sized read for a regular file (plus a byte: it may have grown);
    # a device or a pipe says 0 and gets the limit
    data = handle.read((size or MAX_FILE_BYTES) + 1)
    if size and len(data) > size:
        data += handle.read(MAX_FILE_BYTES - len(data) + 1)
    return data


_REPORT_KEYS: Final = frozenset({spec.key for spec in FIELDS} | {"template"})


def is_report(data: Mapping[str, Any]) -> bool:
    """Whether a document is a report: it names a template, or holds only the template's keys.

    A ``pyproject.toml`` or a static site's ``config.toml`` is not; a report
    of another template says so, and is a report checked against this one.
    """
    return "template" in data or all(key in _REPORT_KEYS for key in data)


_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")


def parse_document(
    text: str, name: str, fmt: Literal["toml", "json"] | None = None
) -> dict[str, Any]:
    """Parse a report or answers document, TOML or JSON.

    Args:
        text: the document.
        name: the file's name, for messages.
        fmt: ``"toml"`` or ``"json"``; ``None`` guesses from the suffix, then
            the content (JSON documents start with ``{``).

    Raises:
        FileReadError: the document is malformed (``file:line:col: message``),
            is not a table of keys, or holds what no report can: a number too
            large, a lone surrogate, a null list item, nesting far too deep.
    """
    if fmt is None:
        suffix = Path(name).suffix.lower()
        if suffix == ".json" or (suffix != ".toml" and text.lstrip().startswith("{")):
            fmt = "json"
        else:
            fmt = "toml"
    data = _parse_json(text, name) if fmt == "json" else _parse_toml(text, name)
    _refuse_hostile(data, name, from_json=fmt == "json")
    return data


def _parse_json(text: str, name: str) -> dict[str, Any]:

    try:
        data = json.loads(text, parse_int=_json_int)
    except json.JSONDecodeError as exc:
        msg = f"not valid JSON: {exc.msg}"
        raise FileReadError(name, msg, exc.lineno, exc.colno) from None
    except _NumberTooLarge as exc:
        raise _number_too_large(text, name, len(exc.args[0].lstrip("-"))) from None
    except RecursionError:
        raise FileReadError(name, "not valid JSON: nested too deeply") from None
    if not isinstance(data, dict):
        raise FileReadError(name, "should hold one JSON object of report keys")
    return data


def _parse_toml(text: str, name: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        if m := _TOML_POSITION.search(message):
            reason = f"not valid TOML: {message[: m.start()]}"
            raise FileReadError(name, reason, int(m[1]), int(m[2])) from None
        raise FileReadError(name, f"not valid TOML: {message}") from None
    except RecursionError:
        raise FileReadError(name, "not valid TOML: nested too deeply") from None
    except ValueError:
        # tomllib's int() of a decimal longer than Python turns into a number
        raise _number_too_large(text, name) from None


#: Deepest nesting of lists and tables a document may have. A report nests
#: three levels (speakers, a speaker, a name); far deeper is not a report, and
#: would exhaust the recursion of the code that checks and writes it.
MAX_DEPTH: Final = 32

# Python turns an integer of more digits than this into text (or text into it)
# only when told to; a report has no numbers, let alone ones this long.
_MAX_DIGITS: Final = sys.get_int_max_str_digits() or 4300
_TOO_LARGE: Final = 10**_MAX_DIGITS
_SURROGATE = re.compile(r"[\ud800-\udfff]")


class _NumberTooLarge(Exception):
    pass


def _json_int(digits: str) -> int:
    if len(digits) > _MAX_DIGITS:
        raise _NumberTooLarge(digits)
    return int(digits)


def _number_too_large(text: str, name: str, digits: int | None = None) -> FileReadError:
    """The error for a number too large, at the first run of digits that long."""
    for m in re.finditer(r"\d[\d_]*", text):
        count = len(m[0].replace("_", ""))
        if count > _MAX_DIGITS:
            line = text.count("\n", 0, m.start()) + 1
            column = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
            return FileReadError(name, _TOO_LARGE_MESSAGE.format(f"{count:,}"), line, column)
    return FileReadError(name, _TOO_LARGE_MESSAGE.format(f"{digits or _MAX_DIGITS:,}+"))


_TOO_LARGE_MESSAGE: Final = "holds a number too large ({} digits); put it in quotes if it is text"


def _where(parts: tuple[str | int, ...]) -> str:
    """A place in a document, for people: its key, then its label and items counted from 1."""
    path = "".join(
        f"[{p}]" if isinstance(p, int) else (f".{p}" if i else p) for i, p in enumerate(parts)
    )
    return f"{parts[0]} ({place_for_people(path)})"


def _refuse_hostile(data: dict[str, Any], name: str, *, from_json: bool) -> None:
    r"""Refuse values no report holds and later code cannot take, naming where they are.

    Raises:
        FileReadError: a number too large for text, a lone surrogate (JSON's
            ``"\ud800"``), a null list item, or nesting deeper than MAX_DEPTH.
    """
    # iterative: the document may nest deeper than Python's recursion goes
    stack: list[tuple[dict[Any, Any] | list[Any], tuple[str | int, ...]]] = [(data, ())]
    while stack:
        node, parts = stack.pop()
        if len(parts) >= MAX_DEPTH:
            msg = f"{_where(parts[:1])}: nested more than {MAX_DEPTH} levels deep; a report nests 3"
            raise FileReadError(name, msg)
        pairs = node.items() if isinstance(node, dict) else enumerate(node)
        for key, value in pairs:
            if value.__class__ is dict or value.__class__ is list:
                stack.append((value, (*parts, key)))
                continue
            problem = _hostile(key, value, from_json=from_json, in_list=isinstance(node, list))
            if problem:
                raise FileReadError(name, f"{_where((*parts, key))}: {problem}")


def _hostile(key: object, value: object, *, from_json: bool, in_list: bool) -> str | None:
    """What is wrong with one key and its (non-container) value, if anything."""
    if from_json:  # TOML refuses a surrogate escape itself
        for text in (key, value):
            if isinstance(text, str) and (m := _SURROGATE.search(text)):
                return (
                    f"holds \\u{ord(m[0]):04x}, half of a UTF-16 surrogate pair, which is not "
                    "a character on its own; write the character itself, or both halves of its pair"
                )
        if value is None and in_list:
            return "is null; leave the item out of the list"
    if value.__class__ is int and not -_TOO_LARGE < value < _TOO_LARGE:
        return _TOO_LARGE_MESSAGE.format(f"about {value.bit_length() * 0.30103:,.0f}")
    return None


# A top-level key starts its line (the writer puts nested tables and list
# items on indented lines); a hand-written "[chair]" table header counts too.
_KEY_LINE = re.compile(r'^(?:\[\[?[ \t]*)?"?([A-Za-z0-9_-]+)"?[ \t]*(?:=|\.|\]|$)', re.MULTILINE)


def key_lines(text: str) -> dict[str, int]:
    """The line on which each top-level key of a TOML document is first written."""
    lines: dict[str, int] = {}
    for m in _KEY_LINE.finditer(text):
        if m[1] not in lines:
            lines[m[1]] = text.count("\n", 0, m.start()) + 1
    return lines


# --- writing ---------------------------------------------------------------------------


def _plain(value: object) -> object:
    if isinstance(value, BaseModel):
        return value.model_dump(exclude_none=True)
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def _scalar(value: object) -> str:

    written = tomli_w.dumps({"v": value}, multiline_strings=True)
    return written.removeprefix("v = ").removesuffix("\n")


def _inline(value: object) -> str:
    if isinstance(value, dict):
        # TOML has no null: a key without a value is simply not written
        pairs = ", ".join(f"{_key(k)} = {_inline(v)}" for k, v in value.items() if v is not None)
        return f"{{ {pairs} }}" if pairs else "{}"
    if isinstance(value, list):
        return "[" + ", ".join(_inline(v) for v in value) + "]"
    return _scalar(value)


def _key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else _scalar(key)


def _assignment(key: str, value: object) -> str:
    value = _plain(value)
    if isinstance(value, list) and value:
        items = "".join(f"    {_inline(item)},\n" for item in value)
        return f"{_key(key)} = [\n{items}]\n"
    return f"{_key(key)} = {_inline(value)}\n"


def _needed(spec: FieldSpec) -> str:
    if spec.required:
        return "Required."
    if spec.template.when_missing:
        return "Expected: validate warns when it is empty."
    return "Optional."


def _comment(spec: FieldSpec) -> str:
    example = [spec.example] if spec.kind.is_list else spec.example
    lines = [
        f"{spec.number}. {spec.heading}",
        spec.instruction,
        _needed(spec),
        f"Example: {_key(spec.key)} = {_inline(example)}",
    ]
    return "".join(f"# {line}\n" for line in lines)


_BLANK: Final = {
    Kind.TEXT: "",
    Kind.DATE: "",
    Kind.TIME: "",
    Kind.PERSON: dict.fromkeys(Person.model_fields, ""),
}


_EXTRA_HEADER: Final = "# Keys this template does not know, kept as they were:"


def _block(lines: list[str]) -> str:
    return "".join(f"{line}\n" for line in lines)


def dump_toml(
    values: Mapping[str, Any],
    *,
    comments: bool = False,
    blanks: bool = False,
    schema: str | None = None,
    keep: Comments | None = None,
) -> str:
    """Write a report's values as TOML, in template order.

    Args:
        values: field key to value (normalised, or raw as read for a draft);
            missing keys are left out. Keys the template does not know are
            kept after the fields, so a draft loses nothing.
        comments: precede each field with its label, instruction and example.
        blanks: write an empty value for each missing field (a blank form).
        schema: a JSON schema address for a ``#:schema`` line at the top.
        keep: the comments of the file being rewritten
            (:func:`igf_report.files.tomlcomments.find_comments`), put back where
            they stood: the leading block at the top, each key's block above
            it, the rest at the end.

    Returns:
        The TOML document, ending with one newline.
    """
    keep = keep or Comments()
    above = dict(keep.above)
    parts = _head(keep.leading, schema)

    def put(key: str, value: object, label: str = "") -> None:
        block = above.pop(key, [])
        if (label or block) and parts:
            parts.append("\n")
        parts.append(label + _block(block) + _assignment(key, value))

    put("template", values.get("template", TEMPLATE_ID))
    for spec in FIELDS:
        if spec.key in values and values[spec.key] is not None:
            value = values[spec.key]
        elif blanks:
            value = [] if spec.kind.is_list else _BLANK[spec.kind]
        else:
            continue
        put(spec.key, value, _comment(spec) if comments else "")
    known = {spec.key for spec in FIELDS} | {"template"}
    extra = [key for key in values if key not in known]
    for number, key in enumerate(extra):
        if key in above:  # the header written last time must not pile up
            above[key] = _trim_block([line for line in above[key] if line != _EXTRA_HEADER])
        put(key, values[key], f"{_EXTRA_HEADER}\n" if number == 0 else "")
    # comments above a key that is no longer written are kept, at the end
    parts.extend("\n" + _block(block) for block in [*above.values(), keep.trailing] if block)
    return "".join(parts)


def _head(leading: list[str], schema: str | None) -> list[str]:
    """The comments at the top: the schema line, then the file's own leading block."""
    parts = []
    if schema and not any(line.startswith("#:schema") for line in leading):
        parts.append(f"#:schema {schema}\n")
    if leading:
        parts.append(_block(leading))
        # a blank line keeps a note of the file's own apart from the first key
        if any(not line.startswith("#:") for line in leading):
            parts.append("\n")
    return parts


def _trim_block(block: list[str]) -> list[str]:
    while block and not block[0]:
        block = block[1:]
    return block
