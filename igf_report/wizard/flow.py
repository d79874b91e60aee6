"""The walk through the template: one field at a time, back, review, save.

Every accepted answer is checked with the same rule ``validate`` applies
(:func:`igf_report.validation.check_field`) and saved at once through the
``save`` callback, so that an interruption at any prompt loses nothing that
was accepted.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable
from typing import Any, Final

from pydantic import ValidationError

from igf_report.fields import FIELDS, FieldSpec, Kind, key_of_path
from igf_report.model import Person, Presentation, TimeRange
from igf_report.render.values import MISSING, NONE_GIVEN, as_text
from igf_report.validation import Finding, Severity, check, check_field
from igf_report.wizard.commands import COMMANDS_HELP, Command, UnknownCommand, parse_command
from igf_report.wizard.editor import items_to_text, text_to_items
from igf_report.wizard.screen import ReviewRow, Screen, Tone

__all__ = ["COMMANDS_HELP", "Outcome", "Wizard"]

_SHORT: Final = 48  # characters of a value shown in the review table


class Outcome(enum.Enum):
    """How a walk through the template ended."""

    SAVE = "save"
    QUIT = "quit"


class _Step(enum.Enum):
    NEXT = "next"
    BACK = "back"
    QUIT = "quit"


def as_answer(spec: FieldSpec, value: object) -> str:
    """A value written the way it would be typed, to offer as the default."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, TimeRange | Person):
        return str(value)
    if isinstance(value, dict):
        model = TimeRange if spec.kind is Kind.TIME else Person
        try:
            return str(model.model_validate(value))
        except ValidationError:
            return ", ".join(str(v) for v in value.values() if v)
    return str(value)


def _item_text(item: object) -> str:
    if isinstance(item, Presentation):
        return f"{item.title}: {item.summary}" if item.title else item.summary
    if isinstance(item, dict):
        return ", ".join(str(v) for v in item.values() if v)
    return str(item)


class Wizard:
    """Walks a rapporteur through the template.

    Args:
        screen: where to show and ask.
        data: the answers so far (parsed or raw), by field key; updated in place.
        save: called with ``data`` after every accepted answer.
    """

    def __init__(
        self, screen: Screen, data: dict[str, Any], save: Callable[[dict[str, Any]], None]
    ) -> None:
        self.screen = screen
        self.data = data
        self.save = save
        #: a presentation's title typed while its summary is still to come, with
        #: the key of its list: not an answer yet, but kept if the wizard stops
        self.unfinished: tuple[str, dict[str, str]] | None = None
        # a draft read from a file holds raw tables and strings: work on the
        # parsed values of the fields that are valid, keep the rest as written
        data.update(check(data).values)

    def with_unfinished(self) -> dict[str, Any]:
        """The answers, with the unfinished presentation (if any) as its list's last item.

        For the draft saved when the wizard stops: nothing typed is lost, and
        the item, having no summary yet, is in error until it gets one.
        """
        if self.unfinished is None:
            return self.data
        key, item = self.unfinished
        current = self.data.get(key)
        return {**self.data, key: [*(current if isinstance(current, list) else []), item]}

    # --- the walk ---------------------------------------------------------------------

    def next_to_ask(self, start: int = 0, *, optional: bool = False) -> int:
        """The first field from ``start`` that is empty or in error (``len(FIELDS)``: none).

        Args:
            start: where to look from.
            optional: count an empty optional field (presentations) as to ask.
        """
        for index in range(start, len(FIELDS)):
            spec = FIELDS[index]
            value = self.data.get(spec.key)
            if spec.is_empty(value):
                if optional or spec.required or spec.template.when_missing:
                    return index
                continue
            if any(f.severity is Severity.ERROR for f in check_field(spec, value)[1]):
                return index
        return len(FIELDS)

    def run(self) -> Outcome:
        """Ask each field that is empty or in error, in order, then review.

        Returns:
            ``SAVE`` when the rapporteur saves from the review, ``QUIT`` on ``:quit``.
        """
        index = self.next_to_ask()
        if index and index < len(FIELDS):
            self.screen.message(
                f"Resuming at field {index + 1}; :back goes to the earlier ones.", Tone.INFO
            )
        while index < len(FIELDS):
            step = self.ask_field(FIELDS[index])
            if step is _Step.QUIT:
                return Outcome.QUIT
            if step is _Step.BACK:
                if index == 0:
                    self.screen.message("This is the first field.", Tone.INFO)
                index = max(0, index - 1)
            else:
                # fields already answered (before a :back, or in a resumed draft)
                # are not asked again; the review table reaches every field
                index = self.next_to_ask(index + 1, optional=True)
        return self.review()

    def review(self) -> Outcome:
        """Show the review table until the rapporteur saves or quits."""
        while True:
            checked = check(self.data)
            self.screen.review(self._rows(checked.findings))
            self._show(checked.findings)
            prompt = "Field number to edit, or Enter to save"
            command, answer = self._read(prompt)
            if command is Command.QUIT:
                return Outcome.QUIT
            if command is Command.HELP:
                self.screen.message(
                    f"Type a number from 1 to {len(FIELDS)} to change that field; "
                    "Enter saves the report once no field has an error.",
                )
                continue
            if command is not None:
                self.screen.message(f"Type a number from 1 to {len(FIELDS)}, or Enter to save.")
                continue
            if not answer:
                if not checked.errors:
                    return Outcome.SAVE
                self._not_yet(checked.errors)
                continue
            if answer.isdigit() and 1 <= int(answer) <= len(FIELDS):
                if self.ask_field(FIELDS[int(answer) - 1]) is _Step.QUIT:
                    return Outcome.QUIT
                continue
            self.screen.message(f"Type a number from 1 to {len(FIELDS)}, or Enter to save.")

    def _not_yet(self, errors: list[Finding]) -> None:
        """Say why the report cannot be saved yet."""
        numbers = sorted({spec.number for f in errors for spec in FIELDS if _owns(spec, f)})
        unknown = [f.path for f in errors if not any(_owns(s, f) for s in FIELDS)]
        if unknown:
            self.screen.message(
                f"The file has keys the template does not know ({', '.join(unknown)}); "
                "remove them from the file by hand, then run fill again.",
                Tone.ERROR,
            )
        if numbers:
            listed = ", ".join(str(n) for n in numbers)
            self.screen.message(f"Fix the fields with errors first: {listed}.", Tone.ERROR)

    def _rows(self, findings: list[Finding]) -> list[ReviewRow]:
        rows = []
        for spec in FIELDS:
            value = self.data.get(spec.key)
            mine = [f for f in findings if _owns(spec, f)]
            status = "ok"
            if any(f.severity is Severity.ERROR for f in mine):
                status = "error"
            elif mine:
                status = "warning"
            rows.append(ReviewRow(spec.number, spec.label, _short(spec, value), status))
        return rows

    # --- one field --------------------------------------------------------------------

    def ask_field(self, spec: FieldSpec) -> _Step:
        """Ask one field until it has an acceptable answer, or the rapporteur moves on."""
        self.screen.field(spec, len(FIELDS))
        if spec.kind is Kind.PRESENTATIONS:
            return self._ask_presentations(spec)
        if spec.kind.is_list:
            return self._ask_list(spec)
        return self._ask_value(spec)

    def _accept(self, spec: FieldSpec, value: object) -> None:
        if value is None:
            self.data.pop(spec.key, None)
        else:
            self.data[spec.key] = value
        self.save(self.data)

    def _show(self, findings: list[Finding]) -> None:
        for finding in findings:
            tone = Tone.ERROR if finding.severity is Severity.ERROR else Tone.WARNING
            self.screen.message(finding.describe(), tone)

    def _common(self, command: Command, spec: FieldSpec) -> _Step | None:
        """Handle the commands every prompt takes; ``None`` to ask again."""
        if command is Command.BACK:
            return _Step.BACK
        if command is Command.QUIT:
            return _Step.QUIT
        if command is Command.HELP:
            self.screen.message(f"{spec.heading}\n{spec.instruction}\n{COMMANDS_HELP}")
        return None

    def _read(
        self,
        prompt: str,
        default: str | None = None,
        *,
        retry: str | None = None,
        lines: bool = False,
    ) -> tuple[Command | None, str]:
        """Ask until the line is an answer or a known command; refuse a mistyped command."""
        while True:
            line = self.screen.ask(prompt, default, retry=retry, lines=lines)
            try:
                return parse_command(line)
            except UnknownCommand as exc:
                self.screen.message(str(exc), Tone.ERROR)
                retry = line

    def _ask_value(self, spec: FieldSpec) -> _Step:
        default = as_answer(spec, self.data.get(spec.key)) or None
        retry: str | None = None
        while True:
            command, answer = self._read(spec.label, default, retry=retry)
            retry = None
            if command is Command.CLEAR:
                self._accept(spec, None)
                default = None
                self.screen.message("Cleared.")
                continue
            if command in {Command.EDIT, Command.UNDO}:
                self.screen.message(":edit and :undo work at lists; type this answer on one line.")
                continue
            if command is not None:
                step = self._common(command, spec)
                if step is not None:
                    return step
                continue
            answer = answer or (default or "")
            value, findings = check_field(spec, answer)
            self._show(findings)
            if any(f.severity is Severity.ERROR for f in findings):
                retry = answer or None  # put back to be corrected, not offered as a default
                continue
            self._accept(spec, value)
            return _Step.NEXT

    def _items(self, spec: FieldSpec) -> list[Any]:
        current = self.data.get(spec.key)
        return list(current) if isinstance(current, list) else []

    def _check_item(self, spec: FieldSpec, items: list[Any], item: object) -> object | None:
        """Check one new item as the list's next one; show its findings."""
        value, findings = check_field(spec, [item])
        index = len(items)
        findings = [
            Finding(f.severity, f.path.replace(f"{spec.key}[0]", f"{spec.key}[{index}]", 1),
                    f.label, f.message)
            for f in findings
            if f.path.startswith(f"{spec.key}[")
        ]  # fmt: skip
        self._show(findings)
        if value is None or any(f.severity is Severity.ERROR for f in findings):
            return None
        parsed: object = value[0]
        return parsed

    def _blank_line(self, spec: FieldSpec, items: list[Any]) -> _Step | None:
        """An empty answer ends the list, unless it is a blank line inside a paste."""
        if self.screen.pending():
            return None
        return self._finish_list(spec, items)

    def _finish_list(self, spec: FieldSpec, items: list[Any]) -> _Step | None:
        if not items and spec.required:
            self._show([Finding(Severity.ERROR, spec.key, spec.label, "needs at least one item")])
            return None
        _, findings = check_field(spec, items)
        self._show([f for f in findings if f.path == spec.key])
        self._accept(spec, items or None)
        return _Step.NEXT

    def _list_command(self, spec: FieldSpec, command: Command, items: list[Any]) -> _Step | None:
        if command is Command.UNDO:
            if items:
                items.pop()
                self._accept(spec, items or None)
                self.screen.items([_item_text(i) for i in items])
            else:
                self.screen.message("The list is empty.")
            return None
        if command is Command.CLEAR:
            items.clear()
            self._accept(spec, None)
            self.screen.message("Cleared.")
            return None
        if command is Command.EDIT:
            self._edit(spec, items)
            return None
        return self._common(command, spec)

    def _edit(self, spec: FieldSpec, items: list[Any]) -> None:
        outcome = self.screen.edit(items_to_text(spec, items))
        if outcome.text is None:
            self.screen.message(outcome.reason, Tone.WARNING)
            return
        edited = text_to_items(spec, outcome.text)
        if not edited:
            self.screen.message("The file came back empty; the items are unchanged.", Tone.WARNING)
            return
        value, findings = check_field(spec, edited)
        self._show(findings)
        if value is None:
            self.screen.message(
                "The edited items have errors; the items are unchanged.", Tone.ERROR
            )
            return
        items[:] = value
        self._accept(spec, items)
        self.screen.items([_item_text(i) for i in items])

    def _ask_list(self, spec: FieldSpec) -> _Step:
        items = self._items(spec)
        if items:
            self.screen.items([_item_text(i) for i in items])
            self.screen.message("Enter on an empty line keeps these; type to add more.")
        retry: str | None = None
        while True:
            command, answer = self._read(f"{len(items) + 1}", retry=retry, lines=True)
            retry = None
            if command is not None:
                step = self._list_command(spec, command, items)
                if step is not None:
                    return step
                continue
            if not answer:
                step = self._blank_line(spec, items)
                if step is not None:
                    return step
                continue
            parsed = self._check_item(spec, items, answer)
            if parsed is None:
                retry = answer
                continue
            items.append(parsed)
            self._accept(spec, items)

    def _ask_presentation(
        self, spec: FieldSpec, number: int, title: str | None = None
    ) -> tuple[Command | None, list[str]]:
        """Ask one presentation's title (``title`` as the default) and summary.

        A command stops the asking.
        """
        self.unfinished = None
        answers: list[str] = []
        asked = ((f"{number}. title (may be empty)", title), (f"{number}. summary", None))
        for prompt, default in asked:
            command, answer = self._read(prompt, default, lines=True)
            if command is not None:
                return command, answers
            answer = answer or (default or "")
            answers.append(answer)
            if answer and len(answers) == 1:
                self.unfinished = (spec.key, {"title": answer})
        return None, answers

    def _ask_presentations(self, spec: FieldSpec) -> _Step:
        items = self._items(spec)
        # a draft saved while a summary was being asked ends with that title
        # alone: it is asked again, the title kept, rather than listed as done
        resumed = _title_alone(items[-1]) if items else None
        if resumed is not None:
            items.pop()
        if items:
            self.screen.items([_item_text(i) for i in items])
            self.screen.message("Enter twice keeps these; type a title to add another.")
        while True:
            command, answers = self._ask_presentation(spec, len(items) + 1, resumed)
            resumed = None
            if command is not None:
                step = self._list_command(spec, command, items)
                if step is not None:
                    if step is not _Step.QUIT:
                        self.unfinished = None
                    return step
                continue
            title, summary = answers
            if not title and not summary:
                step = self._blank_line(spec, items)
                if step is not None:
                    return step
                continue
            parsed = self._check_item(spec, items, {"title": title or None, "summary": summary})
            if parsed is not None:
                items.append(parsed)
                self.unfinished = None
                self._accept(spec, items)


def _title_alone(item: object) -> str | None:
    """The title of a presentation saved before its summary was typed, if ``item`` is one."""
    if isinstance(item, dict) and set(item) == {"title"} and isinstance(item["title"], str):
        return item["title"]
    return None


def _owns(spec: FieldSpec, finding: Finding) -> bool:
    return key_of_path(finding.path) == spec.key


def _short(spec: FieldSpec, value: object) -> str:
    if spec.is_empty(value):
        return MISSING if spec.required or spec.template.when_missing else NONE_GIVEN
    if isinstance(value, list):
        first = _item_text(value[0])
        more = f" (+{len(value) - 1} more)" if len(value) > 1 else ""
        text = first
        limit = _SHORT - len(more)
        return (text if len(text) <= limit else text[: limit - 1] + "…") + more
    text = as_text(spec, value) if not isinstance(value, dict) else as_answer(spec, value)
    text = text.replace("\n", " ")
    return text if len(text) <= _SHORT else text[: _SHORT - 1] + "…"
