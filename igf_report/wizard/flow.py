"""The walk through the template: which field comes next, back, resume and review.

The dialogs that ask each field live in :mod:`igf_report.wizard.dialogs`; the
draft they fill is a :class:`~igf_report.filling.draft.Draft`, saved through the
``save`` callback after every accepted answer (once per pasted block), so that
an interruption at any prompt loses nothing that was accepted. The draft also
records where the walk is, so that ``fill`` resumes exactly there.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Mapping
from typing import Any

from igf_report.files.resume import REVIEW, Position
from igf_report.filling.draft import Draft
from igf_report.template.fields import FIELDS, FieldSpec, field_for_path
from igf_report.template.validation import Finding, Severity
from igf_report.wizard.autosave import Autosave
from igf_report.wizard.commands import COMMANDS_HELP, Command
from igf_report.wizard.dialogs import Dialogs, Step
from igf_report.wizard.display import short_value
from igf_report.wizard.screen import ReviewRow, Screen, Tone

__all__ = ["COMMANDS_HELP", "Outcome", "Wizard"]

_INDEX = {spec.key: index for index, spec in enumerate(FIELDS)}
_ITEM = re.compile(r"([0-9]{1,2})\.([0-9]{1,6})")  # 7.2: field 7, item 2


class Outcome(enum.Enum):
    """How a walk through the template ended."""

    SAVE = "save"
    QUIT = "quit"


class Wizard:
    """Walks a rapporteur through the template.

    Args:
        screen: where to show and ask.
        data: the answers so far: a draft, or a report's data as read.
        save: called with the draft after every accepted answer.
        resume: where an earlier walk stopped (the draft's resume line).
    """

    def __init__(
        self,
        screen: Screen,
        data: Draft | Mapping[str, Any],
        save: Callable[[Draft], None],
        *,
        resume: Position | None = None,
    ) -> None:
        self.screen = screen
        self.draft = data if isinstance(data, Draft) else Draft.of(data)
        self.draft.position = resume
        self.autosave = Autosave(self.draft, save, screen.pending)
        self.dialogs = Dialogs(screen, self.draft, self.autosave)
        self.resume = resume

    @property
    def data(self) -> dict[str, Any]:
        """The draft as it would be saved: parsed values, raw ones where they do not parse."""
        return self.draft.for_file()

    # --- the walk ---------------------------------------------------------------------

    def next_to_ask(self, start: int = 0, *, optional: bool = False) -> int:
        """The first field from ``start`` that is empty or in error (``len(FIELDS)``: none).

        Args:
            start: where to look from.
            optional: count an empty optional field (presentations) as to ask.
        """
        for index in range(start, len(FIELDS)):
            spec = FIELDS[index]
            if spec.is_empty(self.draft.get(spec.key)):
                if optional or spec.required or spec.template.when_missing:
                    return index
                continue
            if self.draft.errors(spec.key):
                return index
        return len(FIELDS)

    def _start(self) -> int:
        """Where to begin: where the last walk stopped, else the first field to fill."""
        if self.resume is not None:
            index = len(FIELDS) if self.resume.key == REVIEW else _INDEX[self.resume.key]
            where = (
                "the review"
                if index == len(FIELDS)
                else self._where(FIELDS[index], self.resume.item)
            )
            self.screen.message(
                f"Resuming at {where}, where you stopped; :back goes to the earlier fields.",
                Tone.INFO,
            )
            return index
        if self.draft.is_blank() or self.next_to_ask() == len(FIELDS):
            return self.next_to_ask()  # a new report from the start; a complete one to review
        # a report the wizard never walked (imported, or written by hand): what
        # is missing, the optional fields included, is asked once, then the review
        left = [spec for spec in FIELDS if self._to_complete(spec)]
        said = "1 field" if len(left) == 1 else f"{len(left)} fields"
        names = ", ".join(spec.short for spec in left)
        self.screen.message(
            f"Completing an imported report: {said} left ({names}); "
            ":back goes to the earlier fields.",
            Tone.INFO,
        )
        return self.next_to_ask(optional=True)

    def _to_complete(self, spec: FieldSpec) -> bool:
        return spec.is_empty(self.draft.get(spec.key)) or bool(self.draft.errors(spec.key))

    def _where(self, spec: FieldSpec, item: int | None) -> str:
        """The field, and the item of a list, as the prompt there will number it."""
        where = f"field {spec.number}, {spec.short}"
        if spec.kind.is_list:
            # the resume line says which item is asked next; a title saved
            # alone, without its summary, is that item, not one before it
            count = self.draft.count(spec)
            where += f", item {(count if item is None else min(item, count)) + 1}"
        return where

    def _enter(self, spec: FieldSpec) -> None:
        item = self.draft.count(spec) if spec.kind.is_list else None
        self.autosave.move(Position(spec.key, item))

    def run(self) -> Outcome:
        """Ask each field that is empty or in error, in order, then review.

        After ``:back``, the fields are asked again one by one in order until
        the walk is back where it turned; from there on, fields that already
        have a valid answer are passed over (the review reaches them all).

        Returns:
            ``SAVE`` when the rapporteur saves from the review, ``QUIT`` on ``:quit``.
        """
        try:
            outcome = self._walk()
        except BaseException:
            # Ctrl-C mid-paste must not lose the lines already read, and the
            # draft must say where the walk stopped
            self.autosave.settle()
            raise
        if outcome is Outcome.QUIT:
            self.autosave.settle()
        else:
            self.autosave.flush_if_dirty()  # the report itself is written next
        return outcome

    def _walk(self) -> Outcome:
        index = self._start()
        furthest = index
        while index < len(FIELDS):
            spec = FIELDS[index]
            self._enter(spec)
            step = self.dialogs.ask(spec, len(FIELDS))
            if step is Step.QUIT:
                return Outcome.QUIT
            if step is Step.BACK:
                if index == 0:
                    self.screen.message("This is the first field.", Tone.INFO)
                index = max(0, index - 1)
            elif index + 1 <= furthest:
                index += 1
            else:
                index = self.next_to_ask(index + 1, optional=True)
            furthest = max(furthest, index)
        return self.review()

    def review(self) -> Outcome:
        """Show the review table until the rapporteur saves or quits."""
        while True:
            self.autosave.move(Position(REVIEW))
            findings = self.draft.all_findings()
            self.screen.review(self._rows())
            self.dialogs.show(findings)
            prompt = "Field number to edit, or Enter to save"
            command, answer = self.dialogs.read(prompt)
            if command is Command.QUIT:
                return Outcome.QUIT
            if command is Command.HELP:
                self.screen.message(
                    f"Type a number from 1 to {len(FIELDS)} to change that field, or a "
                    "list's number, a full stop and an item's (7.2) to change that item; "
                    "Enter saves the report once no field has an error.",
                )
                continue
            if command is not None:
                self.screen.message(f"Type a number from 1 to {len(FIELDS)}, or Enter to save.")
                continue
            if not answer:
                errors = self.draft.errors()
                if not errors:
                    return Outcome.SAVE
                self._not_yet(errors)
                continue
            if (picked := _ITEM.fullmatch(answer)) is not None:
                self._change_item(int(picked[1]), int(picked[2]))
                continue
            if answer.isdigit() and 1 <= int(answer) <= len(FIELDS):
                spec = FIELDS[int(answer) - 1]
                self._enter(spec)
                if self.dialogs.ask(spec, len(FIELDS)) is Step.QUIT:
                    return Outcome.QUIT
                continue
            self.screen.message(f"Type a number from 1 to {len(FIELDS)}, or Enter to save.")

    def _change_item(self, field: int, item: int) -> None:
        """Change one item of a list from the review (``7.2``), its text on the line."""
        spec = FIELDS[field - 1] if 1 <= field <= len(FIELDS) else None
        if spec is None or not spec.kind.is_list:
            self.screen.message(
                f"Field {field} is not a list: type {field} alone to change it."
                if spec is not None
                else f"Type a number from 1 to {len(FIELDS)}, or Enter to save."
            )
            return
        self._enter(spec)
        self.dialogs.item(spec, Command.CHANGE, item)

    def _not_yet(self, errors: list[Finding]) -> None:
        """Say why the report cannot be saved yet."""
        specs = [field_for_path(f.path) for f in errors]
        numbers = sorted({spec.number for spec in specs if spec is not None})
        unknown = [f.path for f, spec in zip(errors, specs, strict=True) if spec is None]
        if unknown:
            self.screen.message(
                f"The file has keys the template does not know ({', '.join(unknown)}); "
                "remove them from the file by hand, then run fill again.",
                Tone.ERROR,
            )
        if numbers:
            listed = ", ".join(str(n) for n in numbers)
            self.screen.message(f"Fix the fields with errors first: {listed}.", Tone.ERROR)

    def _rows(self) -> list[ReviewRow]:
        rows = []
        for spec in FIELDS:
            mine = self.draft.findings.get(spec.key, [])
            status = "ok"
            if any(f.severity is Severity.ERROR for f in mine):
                status = "error"
            elif mine:
                status = "warning"
            value = short_value(spec, self.draft.get(spec.key))
            rows.append(ReviewRow(spec.number, spec.short, value, status))
        return rows
