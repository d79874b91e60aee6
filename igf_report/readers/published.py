"""Reports as the IGF website published them: ``label<TAB>value`` rows of HTML.

Reading turns the rows into the report's answers, recognising each label
loosely, mending labels broken across rows, and keeping every word of every
value: text that fits no field goes to the field it most plausibly belongs to,
with a note saying where, and what is read as markup rather than text (a
comment, a link's address) is named in a note too. Writing
(:mod:`igf_report.writers.published`) gives text that reads back to the same
report.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import math
import re
from dataclasses import dataclass, field
from typing import Any, Final

from igf_report.marks import PUBLISHED_HEADING, mark_openings
from igf_report.readers.published_html import Block, BlockKind, parse_html, quote
from igf_report.template.fields import FIELDS, FieldSpec, Kind

__all__ = [
    "LABELS",
    "LONGEST_KEY",
    "Imported",
    "match_key",
    "match_label",
    "normalise_label",
    "read_published",
]

_TITLE: Final = " ".join(PUBLISHED_HEADING.lstrip("#").split()).casefold()
_CLOSE_ENOUGH: Final = 0.86  # difflib ratio for a label with a typo
_SLASH_DATE: Final = re.compile(r"\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*")
# Times with seconds, as render writes a report's times when they have them
_PRECISE_TIME: Final = r"(\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?)"
_PRECISE_RANGE: Final = re.compile(rf"\s*{_PRECISE_TIME} - {_PRECISE_TIME}\s*")
_WORD: Final = re.compile(r"\w+")


def normalise_label(label: str) -> str:
    """A label reduced to its words, spelling variants made one."""
    text = label.casefold()
    for variant, usual in (
        ("organiser", "organizer"),
        ("note taker", "notetaker"),
        ("note-taker", "notetaker"),
        ("chairperson", "chair"),
    ):
        text = text.replace(variant, usual)
    return " ".join(_WORD.findall(text))


def _label_index() -> dict[str, FieldSpec]:
    index: dict[str, FieldSpec] = {}
    for spec in FIELDS:
        for label in (spec.label, spec.heading, *spec.wordings):
            index.setdefault(normalise_label(label), spec)
    return index


#: Every wording of every field's label, normalised, to its field.
LABELS: Final = _label_index()


#: The longest normalised text that can still be close enough to a label: a
#: longer one is none (difflib's ratio is at most twice the shorter length over both).
LONGEST_KEY: Final = math.floor(max(map(len, LABELS)) * (2 / _CLOSE_ENOUGH - 1))


def _candidates(length: int) -> tuple[str, ...]:
    # the labels whose length leaves a text of this length close enough to them
    return tuple(
        label
        for label in LABELS
        if 2 * min(length, len(label)) >= _CLOSE_ENOUGH * (length + len(label))
    )


_CANDIDATES: Final = tuple(map(_candidates, range(LONGEST_KEY + 1)))


@functools.lru_cache(maxsize=4096)
def match_key(key: str) -> FieldSpec | None:
    """:func:`match_label` of a label already normalised (:func:`normalise_label`)."""
    if key in LABELS:
        return LABELS[key]
    if len(key) > LONGEST_KEY:
        return None
    close = difflib.get_close_matches(key, _CANDIDATES[len(key)], cutoff=_CLOSE_ENOUGH)
    return LABELS[close[0]] if close else None  # the closest first


def match_label(label: str) -> FieldSpec | None:
    """The field whose template label ``label`` is, allowing for spelling and small typos."""
    key = normalise_label(label)
    return match_key(key) if key else None


def _is_label(label: str, spec: FieldSpec) -> bool:
    """Whether ``label`` is one of the field's wordings, not a near miss."""
    return LABELS.get(normalise_label(label)) is spec


def _is_heading(line: str) -> bool:
    # the page's heading is the one line that is not a row (with one # or
    # three, it is still the heading); any other line starting with # is text
    return " ".join(line.lstrip().lstrip("#").split()).casefold() == _TITLE


@dataclass
class _Row:
    label: str
    value: str
    spec: FieldSpec | None


@dataclass
class Imported:
    """What the import made of a published report.

    Attributes:
        data: the answers, by field key, as a report file would hold them.
        found: the fields whose label was recognised, in template order.
        notes: what had to be guessed, and where text was put.
    """

    data: dict[str, Any] = field(default_factory=dict)
    found: list[FieldSpec] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _rows(text: str, notes: list[str]) -> list[_Row]:
    rows: list[_Row] = []
    labelled = False
    for line in text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").split("\n"):
        # the page's heading comes before its labels: the same words further
        # down are part of a value
        if not line.strip() or (not labelled and _is_heading(line)):
            continue
        label, tab, value = line.partition("\t")
        if not tab:
            # a line of running text starting with # is a hashtag or a note,
            # even one on a label's word: no published label is written so
            spec = None if line.lstrip().startswith("#") else match_label(line)
            if spec is not None:
                rows.append(_Row(line, "", spec))
                labelled = True
                # a published label is followed by a tab: a line of words that
                # only reads as one is said, so that no word goes unaccounted
                notes.append(
                    f"The line {quote(line.strip())} has no tab after it; it was read as "
                    f"the label {quote(spec.heading)}."
                )
            elif rows:
                rows.append(_Row("", line, None))  # a value running on
            else:
                rows.append(_Row(line, "", None))
            continue
        rows.append(_Row(label, value, match_label(label) if label.strip() else None))
        labelled = labelled or rows[-1].spec is not None
    return rows


def _mend_broken_labels(rows: list[_Row], notes: list[str]) -> list[_Row]:
    """Join a label split across two rows; the first part's value is stray text."""
    mended: list[_Row] = []
    index = 0
    while index < len(rows):
        row = rows[index]
        following = rows[index + 1] if index + 1 < len(rows) else None
        if row.spec is None and row.label.strip() and following and following.label.strip():
            joined = f"{row.label.strip()} {following.label.strip()}"
            spec = match_label(joined)
            if spec is not None and following.spec in {None, spec}:
                value = f"{row.value}\n{following.value}" if row.value.strip() else following.value
                mended.append(_Row(joined, value, spec))
                if row.value.strip():
                    notes.append(
                        f"The label {quote(spec.heading)} was broken across two rows; the text "
                        f"{quote(_plain(row.value))} after its first part was put first in "
                        f"{spec.label} ({spec.key})."
                    )
                index += 2
                continue
        mended.append(row)
        index += 1
    return mended


def _plain(value: str) -> str:
    return " ".join(block.text.replace("\n", " ") for block in parse_html(value))


def _values_by_field(rows: list[_Row], imported: Imported) -> dict[str, list[str]]:
    values: dict[str, list[str]] = {}
    current: FieldSpec | None = None
    pending_stray: list[str] = []
    for row in rows:
        if row.spec is not None:
            current = row.spec
            if not _is_label(row.label, current):
                imported.notes.append(
                    f"The row {quote(row.label.strip())} was taken for the label of "
                    f"{current.label} ({current.key})."
                )
            if current not in imported.found:
                imported.found.append(current)
            values.setdefault(current.key, []).append(row.value)
            if pending_stray:
                values[current.key][:0] = pending_stray
                imported.notes.append(
                    f"Text before the first label was put first in {current.label} ({current.key})."
                )
                pending_stray = []
            continue
        # never blank: _rows skips blank lines, and a row's label or value holds the words
        stray = row.value if not row.label.strip() else f"{row.label.strip()} {row.value}"
        if current is None:
            pending_stray.append(stray)
            continue
        values[current.key].append(stray)
        if row.label.strip():
            imported.notes.append(
                f"The row {quote(row.label.strip())} matches no field of the template; its text "
                f"was added to {current.label} ({current.key}), the field before it."
            )
    return values


def _title_lead(block: Block) -> str | None:
    """The bold lead-in of a presentation, when it reads as a title."""
    lead = block.lead
    if not lead or not block.text.startswith(lead):
        return None
    rest = block.text[len(lead) :]
    if block.lead_then_break and rest.startswith("\n"):
        return lead
    rest = rest.lstrip()
    if not rest:
        return None
    if lead.endswith(":") or rest[0] in ":–-—":
        return lead
    # "<b>Gob.mx</b> One of the main..." is a title; "<b>At gob.mx/trámites</b>
    # people can access..." is the start of a sentence
    return lead if rest[0].isupper() or not rest[0].isalpha() else None


def _presentation(block: Block) -> dict[str, str]:
    title = _title_lead(block)
    if title is None:
        return {"summary": block.text}
    # the model strips a summary: after a title, only whitespace (a tab written
    # ``&#9;``) is no summary, and the bold words are the summary themselves
    summary = block.text[len(title) :].lstrip()
    if block.lead_then_break:
        pass  # "<b>Title</b><br>summary": nothing to take off either side
    elif title.endswith(":"):
        title = title[:-1].rstrip()
    elif summary[:1] in {":", "–", "-", "—"}:
        summary = summary[1:].lstrip()
    return {"title": title, "summary": summary} if summary else {"summary": block.text}


def _date(text: str) -> object:
    # the site wrote month/day/year (12/06/2016 is 6 December 2016)
    if m := _SLASH_DATE.fullmatch(text):
        return f"{int(m[3]):04d}-{int(m[1]):02d}-{int(m[2]):02d}"
    return text


def _time(text: str) -> object:
    if m := _PRECISE_RANGE.fullmatch(text):
        try:
            return {"start": dt.time.fromisoformat(m[1]), "end": dt.time.fromisoformat(m[2])}
        except ValueError:
            return text  # 25:61:00: let the parser say what is wrong
    return text


def _person(block: Block, start: int = 0, end: int | None = None) -> dict[str, str]:
    """A person, split at the first comma typed (not one written ``&#44;``)."""
    text = block.text[start:end].replace("\n", " ")
    exact = block.exact[start:end]
    comma = next((i for i, char in enumerate(text) if char == "," and exact[i] == "0"), len(text))
    return {"name": text[:comma].strip(), "affiliation": text[comma + 1 :].strip()}


def _lines(block: Block) -> list[tuple[int, int]]:
    spans = []
    at = 0
    for line in block.text.split("\n"):
        if line.strip():
            spans.append((at, at + len(line)))
        at += len(line) + 1
    return spans


def _list_value(spec: FieldSpec, blocks: list[Block]) -> list[Any]:
    if spec.kind is Kind.PRESENTATIONS:
        return [_presentation(block) for block in blocks]
    if spec.kind is Kind.PARAGRAPHS:
        return [block.text for block in blocks]
    # a list of persons or issues written as lines rather than <li>
    if all(block.kind is not BlockKind.ITEM for block in blocks):
        spans = [(block, span) for block in blocks for span in _lines(block)]
        if spec.kind is Kind.PERSONS:
            return [_person(block, *span) for block, span in spans]
        return [block.text[start:end].strip() for block, (start, end) in spans]
    if spec.kind is Kind.PERSONS:
        return [_person(block) for block in blocks]
    return [block.text for block in blocks]  # key issues keep their line breaks


def _to_value(spec: FieldSpec, blocks: list[Block]) -> object:
    if spec.kind.is_list:
        return _list_value(spec, blocks)
    if spec.kind is Kind.PERSON and len(blocks) == 1:
        return _person(blocks[0])
    joined = " ".join(block.text.replace("\n", " ") for block in blocks)
    if spec.kind is Kind.DATE:
        return _date(joined)
    if spec.kind is Kind.TIME:
        return _time(joined)
    return joined


def _drop_invalid_mark(spec: FieldSpec, block: Block, notes: list[str]) -> None:
    """Take off the mark ``render`` put after an invalid value.

    The writer writes every ``(invalid: `` of the value's own words with its
    ``(`` as a reference: the mark is the first one typed that runs to the
    end. It is the renderer's, not the rapporteur's words: the value is
    checked again.
    """
    for at in mark_openings(block.text):
        if block.exact[at] == "1":
            continue  # the rapporteur's words, written apart
        notes.append(
            f"The mark {quote(block.text[at:])} under {quote(spec.heading)} was not imported; "
            "the value is checked again."
        )
        end = len(block.text[:at].rstrip())
        block.text, block.exact = block.text[:end], block.exact[:end]
        return


def read_published(text: str) -> Imported:
    """Read a published report into answers, keeping every word of every value.

    Args:
        text: the published text (BOM, CRLF and LF are all accepted).

    Returns:
        The answers (raw: ``check`` parses them), the fields found, and notes.
    """
    imported = Imported()
    rows = _mend_broken_labels(_rows(text, imported.notes), imported.notes)
    for key, parts in _values_by_field(rows, imported).items():
        spec = next(s for s in FIELDS if s.key == key)
        set_aside: list[str] = []
        blocks = [block for part in parts for block in parse_html(part, set_aside)]
        if set_aside:
            imported.notes.append(
                f"Left out of {spec.label} ({spec.key}) as markup, not text: "
                + "; ".join(set_aside)
                + "."
            )
        for block in blocks:
            _drop_invalid_mark(spec, block, imported.notes)
        if blocks:
            imported.data[key] = _to_value(spec, blocks)
    imported.found.sort(key=lambda spec: spec.number)
    return imported
