"""Answers that do not come from prompts: ``--from FILE`` and ``--set key=value``.

Both give raw values; the model's parsers read them exactly as typed answers.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from igf_report.errors import UsageError
from igf_report.files.reportfile import parse_document, read_text, source_name
from igf_report.template.fields import FIELDS, Kind
from igf_report.template.model import Person, TimeRange
from igf_report.template.parsers import parse_time_range, split_person

__all__ = [
    "Added",
    "added_as_lists",
    "load_answers",
    "merge",
    "parse_additions",
    "parse_assignments",
]

_BY_KEY = {spec.key: spec for spec in FIELDS}
_CLOSE_ENOUGH = 0.7  # difflib's ratio: 'titel' is title; 'email' is not 'name'


def _closest(word: str, choices: Iterable[str], prefix: str = "") -> str:
    """`` did you mean title?`` for the choice nearest ``word``, or nothing."""
    by_folded = {choice.casefold(): choice for choice in choices}
    close = difflib.get_close_matches(word.casefold(), list(by_folded), n=1, cutoff=_CLOSE_ENOUGH)
    return f" did you mean {prefix}{by_folded[close[0]]}?" if close else ""


def load_answers(source: str) -> dict[str, Any]:
    """Read answers from a TOML or JSON file, or ``-`` for standard input.

    The format is known by the file's suffix, else by its content.

    Raises:
        UsageError: the file does not exist.
        FileReadError: it cannot be read or parsed.
    """
    return parse_document(read_text(source), source_name(source))


def _subkeys(kind: Kind) -> tuple[str, ...]:
    if kind is Kind.PERSON:
        return tuple(Person.model_fields)
    if kind is Kind.TIME:
        return tuple(TimeRange.model_fields)
    return ()


def parse_assignments(assignments: Iterable[str]) -> dict[str, Any]:
    """Turn ``--set`` options into answers.

    ``key=value`` sets a field; ``chair.name=...`` or ``time.start=...`` sets
    one part of it; repeating a list field's key (``key_issues=...``) gives one
    item each, in order.

    Raises:
        UsageError: an assignment has no ``=``, names no field of the template,
            or is not UTF-8.
    """
    answers: dict[str, Any] = {}
    for assignment in assignments:
        _refuse_undecodable(assignment)
        key, sep, value = assignment.partition("=")
        key = key.strip()
        if not sep:
            msg = f"--set {assignment!r}: write it as key=value, e.g. --set title='My session'"
            raise UsageError(msg)
        field, _, part = key.partition(".")
        spec = _BY_KEY.get(field)
        if spec is None:
            msg = (
                f"--set {key}: not a key of the template;{_closest(field, _BY_KEY)}"
                f" keys: {', '.join(_BY_KEY)}"
            )
            raise UsageError(msg)
        if part:
            if part not in _subkeys(spec.kind):
                named = [f"{field}.{p}" for p in _subkeys(spec.kind)]
                parts = ", ".join(named) or "none"
                closest = _closest(part, _subkeys(spec.kind), prefix=f"{field}.")
                msg = f"--set {key}: {field} has no part {part!r}"
                msg += f";{closest} (parts: {parts})" if closest else f" (parts: {parts})"
                raise UsageError(msg)
            current = answers.get(field)
            answers[field] = {**(current if isinstance(current, dict) else {}), part: value}
        elif spec.kind.is_list:
            answers.setdefault(field, []).append(value)
        else:
            answers[field] = value
    return answers


@dataclass(frozen=True)
class Added:
    """Items to add at the end of a list field (``--add``), not to replace it with.

    Attributes:
        items: the items, as typed.
    """

    items: tuple[Any, ...]


def parse_additions(additions: Iterable[str]) -> dict[str, Added]:
    """Turn ``--add`` options into answers that add items to list fields.

    ``key=value`` adds one item to the list ``key`` (repeat it for more), after
    the items the report has and any that ``--from`` or ``--set`` give.

    Raises:
        UsageError: an addition has no ``=``, names no list field of the
            template, names a part of an item, or is not UTF-8.
    """
    answers: dict[str, Added] = {}
    for addition in additions:
        _refuse_undecodable(addition, "--add")
        key, sep, value = addition.partition("=")
        key = key.strip()
        spec = _BY_KEY.get(key)
        if not sep or spec is None or not spec.kind.is_list:
            lists = ", ".join(spec.key for spec in FIELDS if spec.kind.is_list)
            what = "write it as key=value" if not sep else f"{key} is not a list field"
            if sep and spec is None and "." not in key:
                closest = _closest(key, (spec.key for spec in FIELDS if spec.kind.is_list))
                what += f";{closest}" if closest else ""
            msg = f"--add {addition!r}: {what}; --add adds an item to one of: {lists}"
            raise UsageError(msg)
        before = answers.get(key, Added(()))
        answers[key] = Added((*before.items, value))
    return answers


_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _refuse_undecodable(assignment: str, option: str = "--set") -> None:
    """Refuse an argument whose bytes were not UTF-8 (Python keeps them as surrogates).

    Raises:
        UsageError: naming the key and the first byte that is not UTF-8.
    """
    m = _SURROGATE.search(assignment)
    if m is None:
        return
    code = ord(m[0])
    # on POSIX each undecodable byte of argv is kept as U+DC80..U+DCFF
    what = f"byte 0x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"  # noqa: PLR2004
    key = assignment.partition("=")[0].strip()
    if _SURROGATE.search(key):
        key = key.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    msg = (
        f"{option} {key}: is not UTF-8 text: {what}; "
        "set your terminal or script to UTF-8 (LANG=C.UTF-8)"
    )
    raise UsageError(msg)


def _as_table(key: str, value: object) -> object:
    """A person or time written as one string, as the table it stands for."""
    spec = _BY_KEY.get(key)
    if spec is None or not isinstance(value, str):
        return value
    if spec.kind is Kind.PERSON:
        return split_person(value)
    if spec.kind is Kind.TIME:
        try:
            return parse_time_range(value)
        except ValueError:
            return value
    return value


def merge(*layers: Mapping[str, Any]) -> dict[str, Any]:
    """Merge answers, later layers over earlier ones.

    A whole value replaces the one below it; a partial table (``chair.name``
    from ``--set``) updates the table below it; :class:`Added` items go after
    the list below them, and stay :class:`Added` while there is none, to go
    after the list of a later merge (the report's, read when it is written);
    :func:`added_as_lists` makes them lists.
    """
    merged: dict[str, Any] = {}
    for layer in layers:
        for key, value in layer.items():
            below = _as_table(key, merged.get(key))
            if isinstance(value, Added):
                merged[key] = _add(key, merged, value)
            elif isinstance(value, dict) and isinstance(below, dict):
                merged[key] = {**below, **value}
            else:
                merged[key] = value
    return merged


def _add(key: str, merged: Mapping[str, Any], added: Added) -> Any:  # noqa: ANN401 -- a value
    if key not in merged:
        return added
    below = merged[key]
    if isinstance(below, Added):
        return Added((*below.items, *added.items))
    # a list, or a lone value a hand-written report put where a list goes
    return [*(below if isinstance(below, list) else [below]), *added.items]


def added_as_lists(data: Mapping[str, Any]) -> dict[str, Any]:
    """``data`` with items still to add (:class:`Added`) as the list they make alone."""
    return {key: list(v.items) if isinstance(v, Added) else v for key, v in data.items()}
