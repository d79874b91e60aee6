"""The dialogs that ask one field: a single value, a list, presentations, ``:edit``.

Each dialog reads answers from the screen, checks them with the same rule
``validate`` applies, keeps them in the draft and has them saved; it ends
with the step the walk takes next.
"""

from __future__ import annotations

import enum
import re

from igf_report.files.resume import Position, Typed
from igf_report.filling.draft import Draft
from igf_report.template.fields import FieldSpec, Kind, place_for_people
from igf_report.template.model import MAX_TEXT, Presentation
from igf_report.template.validation import Finding, Severity
from igf_report.wizard.autosave import Autosave
from igf_report.wizard.commands import (
    COMMANDS_HELP,
    Command,
    UnknownCommand,
    parse_command,
    trailing_command,
)
from igf_report.wizard.display import as_answer, finding_line, item_text, likelier, understood
from igf_report.wizard.editor import items_to_text, text_to_items
from igf_report.wizard.screen import Screen, Tone

__all__ = ["Dialogs", "Step"]


class Step(enum.Enum):
    """Where the walk goes after a field."""

    NEXT = "next"
    BACK = "back"
    QUIT = "quit"


#: The commands that only a list takes.
_AT_LISTS = frozenset({Command.EDIT, Command.UNDO, Command.CHANGE, Command.REMOVE, Command.INSERT})
_BY_NUMBER = frozenset({Command.CHANGE, Command.REMOVE, Command.INSERT})


# an item of a list, or a part of one: ``speakers[1]``, ``presentations[0].title``
_ITEM_PLACE = re.compile(r"(\w+)\[(\d+)\](?:\.\w+)?")


def _has_error(findings: list[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)


class Dialogs:
    """Asks fields of a draft on a screen.

    Args:
        screen: where to show and ask.
        draft: the draft the answers go to.
        autosave: saves the draft after each accepted answer.
    """

    def __init__(self, screen: Screen, draft: Draft, autosave: Autosave) -> None:
        self.screen = screen
        self.draft = draft
        self.autosave = autosave
        #: what was typed before a command at the end of a line, given back
        self._given_back: Typed | None = None

    def ask(self, spec: FieldSpec, total: int) -> Step:
        """Ask one field until it has an acceptable answer, or the rapporteur moves on."""
        self.screen.field(spec, total)
        if spec.kind is Kind.PRESENTATIONS:
            return self._presentations(spec)
        if spec.kind.is_list:
            return self._list(spec)
        return self._value(spec)

    def show(self, findings: list[Finding]) -> None:
        """Show findings, each naming its field and item as the screen numbers them."""
        for finding in findings:
            tone = Tone.ERROR if finding.severity is Severity.ERROR else Tone.WARNING
            self.screen.message(finding_line(finding), tone)

    def read(
        self,
        prompt: str,
        default: str | None = None,
        *,
        retry: str | None = None,
        initial: str | None = None,
        lines: bool = False,
        block: bool = False,
        breaks: bool = False,
        place: str | None = None,
    ) -> tuple[Command | None, str]:
        """Ask until the line is an answer or a known command; refuse a mistyped command.

        A mistyped command is not put back on the line (a refused answer is, by
        the dialog that refuses it): the next command is typed on a clear line.

        At a ``place`` (a field, a list's next item, a presentation's part),
        a line kept there when the wizard was stopped is put on the line
        instead of ``initial``; and if the wizard is stopped now (Ctrl-C, a
        signal) with text on the line, that text is kept in the draft, to be
        offered here when the walk resumes. It is never the field's answer
        until Enter makes it one.

        Args:
            prompt: the prompt.
            default: what Enter alone gives.
            retry: a refused answer, put back on the line to be corrected.
            initial: an old answer, put on the line to be edited (Enter keeps it).
            lines: the prompt takes a list's items, so a paste of many lines
                is read as many answers.
            block: a paste here is this one answer, its lines joined (a summary).
            breaks: the answer may hold a line break (Esc-Enter types one).
            place: where the answer goes, as a finding's path names it.

        Returns:
            The command, or ``None`` and the answer.
        """
        kept = self.draft.typed
        if kept is not None and kept.place == place and retry is None:
            initial = kept.text
            if kept is not self._given_back:
                self._offer(kept)
        if place is not None:
            # kept through the review's prompt, to be put back at its item unannounced
            self._given_back = None
        while True:
            try:
                line = self.screen.ask(
                    prompt,
                    default,
                    retry=retry,
                    initial=initial,
                    lines=lines,
                    block=block,
                    breaks=breaks,
                )
            except BaseException:
                if place is not None:
                    self._keep(place, initial if kept is None or kept.place != place else None)
                raise
            try:
                command, answer = self._parse(line, retry if retry is not None else initial, place)
            except UnknownCommand as exc:
                # a command is not an answer: the line is cleared for the next one
                self.screen.message(str(exc), Tone.ERROR)
                retry = initial = None
                continue
            if command is None and self.draft.typed is not None and self.draft.typed.place == place:
                # what was kept here is answered now; a command leaves it kept
                self.draft.typed = None
                self.autosave.later()
            return command, answer

    def _parse(
        self, line: str, prefilled: str | None, place: str | None
    ) -> tuple[Command | None, str]:
        """Read a line as a command or an answer, a command after text included.

        The old answer on the line followed by a command (``Title:back``) is
        that command, the answer unchanged. A known command at the end of
        edited text is taken as the command too, never saved with the answer:
        the screen says so, and the text before it is put back on the line
        when this prompt is asked again.
        """
        if prefilled and line == prefilled:
            return None, line.strip()  # Enter keeps it, whatever it ends with
        if prefilled and line.startswith(prefilled):
            rest = line[len(prefilled) :].strip()
            if rest.startswith("::"):
                return None, (prefilled + line[len(prefilled) :].replace("::", ":", 1)).strip()
            if rest.startswith(":"):
                try:
                    return parse_command(rest)
                except UnknownCommand:
                    pass  # not a command: an edit such as "Title: subtitle"
        found = trailing_command(line)
        if found is None:
            return parse_command(line)
        before, command_text = found
        if command_text.startswith("::"):
            # the escape: the text ends with a literal ":word"
            return None, (before + command_text[1:]).strip()
        command, argument = parse_command(command_text)
        if before.strip() and before.strip() != (prefilled or "").strip():
            said = f"Took {command_text.strip()} as a command; the answer is unchanged"
            if place is not None:
                self._given_back = Typed(place, before.rstrip())
                self.draft.typed = self._given_back
                self.autosave.later()
                said += ", and what you typed before it is offered again at this field"
            self.screen.message(said + ".", Tone.WARNING)
        return command, argument

    def _offer(self, kept: Typed) -> None:
        where = place_for_people(kept.place, short=True)
        said = f"What you were typing at {where} when the wizard stopped is offered again"
        if len(kept.text) > MAX_TEXT:
            said += f"; it is {len(kept.text):,} characters, over the limit of {MAX_TEXT:,}"
        self.screen.message(said + ".")

    def _keep(self, place: str, answered: str | None) -> None:
        """Keep the line on the screen at ``place``, the wizard being stopped there.

        An empty line keeps nothing (and leaves a line kept before as it was);
        an old answer left as it was is the field's already.
        """
        text = self.screen.unfinished()
        if not text.strip() or text == answered:
            return
        self.draft.typed = Typed(place, text)
        self.autosave.later()

    def _common(self, command: Command, spec: FieldSpec) -> Step | None:
        """Handle the commands every prompt takes; ``None`` to ask again."""
        if command is Command.BACK:
            return Step.BACK
        if command is Command.QUIT:
            return Step.QUIT
        if command is Command.HELP:
            self.screen.message(f"{spec.heading}\n{spec.instruction}\n{COMMANDS_HELP}")
        return None

    # --- one value --------------------------------------------------------------------

    def _value(self, spec: FieldSpec) -> Step:
        default = as_answer(spec, self.draft.get(spec.key)) or None
        retry: str | None = None
        while True:
            # the old answer is on the line to edit (Enter keeps it)
            command, answer = self.read(
                spec.label,
                retry=retry,
                initial=default,
                breaks=spec.takes_line_breaks,
                place=spec.key,
            )
            retry = None
            if command is Command.CLEAR:
                self.show([f for f in self.draft.set(spec, None) if f.severity is Severity.WARNING])
                self.autosave.changed()
                default = None
                self.screen.message("Cleared.")
                continue
            if command in _AT_LISTS:
                self.screen.message(
                    f":{command.value} works at lists; type this answer on one line."
                )
                continue
            if command is not None:
                step = self._common(command, spec)
                if step is not None:
                    return step
                continue
            answer = answer or (default or "")
            before = self.draft.get(spec.key)
            findings = self.draft.set(spec, answer)
            if _has_error(findings):
                self.show(findings)
                # the refused answer is not kept: the field keeps what it had
                self.draft.set(spec, before)
                retry = answer or None  # put back to be corrected, not offered as a default
                continue
            self._say_back(self.draft.get(spec.key))
            self.show(findings)
            # an answer kept as it was is not asked about again (its warning stays)
            changed = self.draft.get(spec.key) != before
            if changed and self._doubtful(spec) is Step.QUIT:
                self.autosave.later()
                return Step.QUIT
            self.autosave.later()
            return Step.NEXT

    def _say_back(self, value: object) -> None:
        """Say what a date, a time or a person was read as, so a misreading shows at once."""
        text = understood(value)
        if text is not None:
            self.screen.understood(text)

    def _doubtful(self, spec: FieldSpec) -> Step | None:
        """Offer the likelier value for a time in the small hours or a date in another year.

        The answer is kept as typed unless the rapporteur takes the offer; it
        is saved only after this question, either way.
        """
        value = self.draft.get(spec.key)
        meant = likelier(value)
        if meant is None:
            return None
        offer = understood(meant) or str(meant)
        while True:
            command, answer = self.read(f"Did you mean {offer}? [Y/n]")
            if command is Command.QUIT:
                return Step.QUIT
            word = answer.casefold()
            if command is None and word in {"", "y", "yes"}:
                self.show(self.draft.set(spec, meant))
                self._say_back(meant)
                return None
            if command is None and word in {"n", "no"}:
                self.screen.message(f"Kept {understood(value)}, as you typed it.")
                return None
            self.screen.message(f"Type y for {offer}, or n to keep {understood(value)}.")

    # --- lists ------------------------------------------------------------------------

    def _here(self, spec: FieldSpec) -> None:
        self.autosave.draft.position = Position(spec.key, self.draft.count(spec))

    def _add(self, spec: FieldSpec, raw: object) -> bool:
        """Check ``raw`` as the list's next item and add it; whether it was accepted."""
        parsed, findings = self.draft.check_item(spec, raw)
        if parsed is not None:
            self._say_back(parsed)
        self.show(findings)
        if parsed is None:
            return False
        self.draft.append(spec, parsed, findings)
        self._here(spec)
        self.autosave.changed()
        return True

    def _show_items(self, spec: FieldSpec) -> None:
        self.screen.items([item_text(i) for i in self.draft.items(spec)])

    def _blank_line(self, spec: FieldSpec) -> Step | None:
        """An empty answer ends the list, unless it is a blank line inside a paste."""
        if self.screen.pending():
            return None
        return self._finish(spec)

    def _finish(self, spec: FieldSpec) -> Step | None:
        items = self.draft.items(spec)
        if not items and spec.required:
            self.screen.message(f"error: {spec.short}: needs at least one item", Tone.ERROR)
            return None
        findings = self.draft.set(spec, items or None)
        self.show([f for f in findings if f.path == spec.key])
        self.autosave.later()
        return Step.NEXT

    def _list_command(self, spec: FieldSpec, command: Command, number: str = "") -> Step | None:
        if command in _BY_NUMBER:
            self.item(spec, command, int(number))
            return None
        if command is Command.UNDO:
            items = self.draft.items(spec)
            if not items:
                self.screen.message("The list is empty.")
                return None
            removed = items.pop()
            self.draft.set(spec, items or None)
            self._here(spec)
            self.autosave.changed()
            self.screen.message(f"Removed item {len(items) + 1}: {item_text(removed)}")
            return None
        if command is Command.CLEAR:
            count = self.draft.count(spec)
            self.draft.set(spec, None)
            self._here(spec)
            self.autosave.changed()
            self.screen.message(f"Cleared the list ({count} removed)." if count else "Cleared.")
            return None
        if command is Command.EDIT:
            self._edit(spec)
            return None
        return self._common(command, spec)

    # --- one item of a list, by its number ----------------------------------------------

    def item(self, spec: FieldSpec, command: Command, number: int) -> None:
        """Change, remove or insert item ``number`` (from 1) of a list.

        A changed item's text is on the line to edit; a refused answer is
        given back; a command or an empty line leaves the list as it was.
        """
        items = self.draft.items(spec)
        last = len(items) + (command is Command.INSERT)
        if not 1 <= number <= last:
            have = "1 item" if len(items) == 1 else f"{len(items)} items"
            self.screen.message(f"There is no item {number}: the list has {have}.", Tone.ERROR)
            return
        index = number - 1
        if command is Command.REMOVE:
            removed = items.pop(index)
            said = f"Removed item {number}: {item_text(removed)}"
        else:
            old = items[index] if command is Command.CHANGE else None
            new = self._ask_item(spec, number, old)
            if new is None:
                self.screen.message(
                    f"Item {number} is unchanged." if old is not None else "Nothing was added."
                )
                return
            if old is not None:
                items[index] = new
                said = f"Changed item {number}."
            else:
                items.insert(index, new)
                said = f"Added item {number}; the items after it moved down."
        self.show([f for f in self.draft.set(spec, items or None) if f.path == spec.key])
        self._here(spec)
        self.autosave.changed()
        self.screen.message(said)
        self._show_items(spec)

    def _ask_item(self, spec: FieldSpec, number: int, old: object) -> object:
        """Ask item ``number`` anew (``old`` on the line); ``None`` when left as it was."""
        if spec.kind is Kind.PRESENTATIONS:
            return self._ask_presentation(spec, number, old)
        initial = item_text(old) if old is not None else None
        if initial is not None and "\n" in initial:
            self.screen.message(
                f"Item {number} has line breaks: :edit opens your editor on the list."
            )
            return None
        retry: str | None = None
        while True:
            command, answer = self.read(
                f"{number}",
                retry=retry,
                initial=None if retry else initial,
                breaks=spec.takes_line_breaks,
                place=f"{spec.key}[{number - 1}]",
            )
            if command is not None or not answer:
                return None
            parsed, findings = self.draft.check_item(spec, answer, number - 1)
            if parsed is not None:
                self._say_back(parsed)
            self.show(findings)
            if parsed is not None:
                return parsed
            retry = answer

    def _ask_presentation(self, spec: FieldSpec, number: int, old: object) -> object:
        title = old.title if isinstance(old, Presentation) else None
        summary = old.summary if isinstance(old, Presentation) else None
        if summary is not None and "\n" in summary:
            self.screen.message(
                f"The summary of item {number} has line breaks: :edit opens your editor."
            )
            return None
        parts: list[str] = []
        for prompt, initial in (
            (f"{number}. title (may be empty)", title),
            (f"{number}. summary", summary),
        ):
            at_summary = prompt.endswith("summary")
            command, answer = self.read(
                prompt,
                initial=initial,
                breaks=at_summary and spec.takes_line_breaks,
                place=f"{spec.key}[{number - 1}].{'summary' if at_summary else 'title'}",
            )
            if command is not None:
                return None
            parts.append(answer or initial or "")
        if not any(parts):
            return None
        parsed, findings = self.draft.check_item(
            spec, {"title": parts[0] or None, "summary": parts[1]}, number - 1
        )
        self.show(findings)
        return parsed

    def _edit(self, spec: FieldSpec) -> None:
        items = self.draft.items(spec)
        outcome = self.screen.edit(items_to_text(spec, items))
        if outcome.text is None:
            self.screen.message(outcome.reason, Tone.WARNING)
            return
        edited = text_to_items(spec, outcome.text)
        if not edited:
            self.screen.message("The file came back empty; the items are unchanged.", Tone.WARNING)
            return
        findings = self.draft.set(spec, edited)
        self.show(findings)
        if _has_error(findings):
            self.draft.set(spec, items or None)
            self.screen.message(
                "The edited items have errors; the items are unchanged.", Tone.ERROR
            )
            return
        self._here(spec)
        self.autosave.changed()
        self._show_items(spec)

    def _title_alone(self, spec: FieldSpec) -> str | None:
        """Take a title saved without its summary off the list, and give it back."""
        items = self.draft.items(spec)
        last = items[-1] if items else None
        if not (
            isinstance(last, dict) and set(last) == {"title"} and isinstance(last["title"], str)
        ):
            return None
        self.draft.set(spec, items[:-1] or None)
        self.draft.pending = (spec.key, last)
        return last["title"]

    def _opening(self, spec: FieldSpec, hint: str) -> None:
        self._here(spec)
        if self.draft.count(spec):
            self._show_items(spec)
            self.screen.message(hint)
        self._resume_item(spec)

    def _resume_item(self, spec: FieldSpec) -> None:
        """Go back to the item being changed when the wizard was stopped, its line kept."""
        kept = self.draft.typed
        if kept is None:
            return
        m = _ITEM_PLACE.fullmatch(kept.place)
        if m is None or m[1] != spec.key or int(m[2]) >= self.draft.count(spec):
            return  # the list's next item, or another field: asked there
        self.item(spec, Command.CHANGE, int(m[2]) + 1)

    def _list(self, spec: FieldSpec) -> Step:
        self._opening(
            spec,
            "Enter on an empty line keeps these; type to add more; "
            ":change N, :remove N or :insert N for item N.",
        )
        retry: str | None = None
        while True:
            count = self.draft.count(spec)
            command, answer = self.read(
                f"{count + 1}",
                retry=retry,
                lines=True,
                breaks=spec.takes_line_breaks,
                place=f"{spec.key}[{count}]",
            )
            retry = None
            if command is not None:
                step = self._list_command(spec, command, answer)
                if step is not None:
                    return step
                continue
            if not answer:
                step = self._blank_line(spec)
                if step is not None:
                    return step
                continue
            if not self._add(spec, answer):
                retry = answer

    def _one_presentation(
        self, spec: FieldSpec, number: int, resumed: str | None
    ) -> tuple[Command | None, str, list[str]]:
        """Ask a presentation's title, then its summary; stop at a command.

        Returns:
            The command (and the item number it names), or ``None``, ``""``
            and the title and summary.
        """
        answers: list[str] = []
        asked = ((f"{number}. title (may be empty)", resumed), (f"{number}. summary", None))
        for prompt, default in asked:
            # a paste at the summary is that summary, not the next title
            at_summary = prompt.endswith("summary")
            part = "summary" if at_summary else "title"
            command, answer = self.read(
                prompt,
                initial=default,
                lines=True,
                block=at_summary,
                breaks=at_summary and spec.takes_line_breaks,
                place=f"{spec.key}[{number - 1}].{part}",
            )
            if command is not None:
                return command, answer, answers
            answer = answer or default or ""
            answers.append(answer)
            if len(answers) == 1 and answer:
                # typed, not yet an answer: on disk before the summary is asked
                self.draft.pending = (spec.key, {"title": answer})
                self.autosave.changed()
        return None, "", answers

    def _presentations(self, spec: FieldSpec) -> Step:
        # a draft saved while a summary was being asked ends with that title
        # alone: it is offered again, rather than listed as a presentation
        resumed = self._title_alone(spec)
        self._opening(
            spec,
            "Enter twice keeps these; type a title to add another; "
            ":change N, :remove N or :insert N for item N.",
        )
        while True:
            number = self.draft.count(spec) + 1
            command, argument, answers = self._one_presentation(spec, number, resumed)
            resumed = None
            if command is Command.UNDO and answers:
                # at the summary, :undo takes back the title typed for it, and nothing else
                self.draft.pending = None
                self.autosave.changed()
                took = f": {answers[0]}" if answers[0] else " (it was empty)"
                self.screen.message(f"Took back the title of presentation {number}{took}")
                continue
            if command is not None:
                if command is not Command.QUIT and self.draft.pending is not None:
                    self.draft.pending = None  # gone on to something else: not kept
                    self.autosave.changed()
                step = self._list_command(spec, command, argument)
                if step is not None:
                    return step
                continue
            self.draft.pending = None
            title, summary = answers
            if not title and not summary:
                step = self._blank_line(spec)
                if step is not None:
                    return step
                continue
            self._add(spec, {"title": title or None, "summary": summary})
