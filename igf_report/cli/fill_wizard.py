"""``fill`` in a terminal: run the wizard, save drafts, and survive interruptions."""

from __future__ import annotations

import contextlib
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any

from igf_report.cli.output import say_wrapped
from igf_report.errors import (
    FileWriteError,
    Interrupted,
    ReportChanged,
    TextNotWritten,
    WizardStopped,
)
from igf_report.files.resume import resume_of, typed_of
from igf_report.filling.draft import Draft
from igf_report.filling.saving import (
    DUE_DATE,
    Written,
    fallback_path,
    save_draft,
    write_report,
)
from igf_report.template.fields import place_for_people
from igf_report.textutil import shell_word
from igf_report.wizard.flow import Outcome, Wizard
from igf_report.wizard.screen import Tone
from igf_report.wizard.terminal import TerminalScreen

__all__ = ["fill_with_prompts"]


class _Closed(Exception):
    """The terminal went away (SIGHUP) or the process was asked to stop (SIGTERM)."""


@contextmanager
def _signals_raise(screen: TerminalScreen) -> Iterator[None]:
    def closed(signum: int, _frame: FrameType | None) -> None:
        error = _Closed(signal.Signals(signum).name)
        if not screen.abort(error):
            raise error

    wanted = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    previous = {signum: signal.signal(signum, closed) for signum in wanted}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


class _Drafts:
    """The wizard's save path: every answer saved, never over someone else's change.

    It knows what the report held when the wizard read it and what it last
    wrote there. When another program changed the file meanwhile, the file is
    left as it is, the wizard says so once, and the answers go to a draft in
    the temporary folder from then on.
    """

    def __init__(self, report: Path, baseline: str | None, screen: TerminalScreen) -> None:
        self.report = report
        self.screen = screen
        self.target = report  # becomes the draft elsewhere once the report changed outside
        self.expected = baseline  # what the target holds, as far as the wizard knows
        self.saved_at: Path | None = report if report.exists() else None

    def save(self, draft: Draft) -> None:
        values, resume_at, typed = draft.for_file(), draft.position, draft.typed
        try:
            saved = save_draft(
                self.target, values, expect=self.expected, resume_at=resume_at, typed=typed
            )
        except ReportChanged as exc:
            self.target, self.expected = fallback_path(self.report), None
            saved = save_draft(self.target, values, resume_at=resume_at, typed=typed)
            self.screen.message(
                f"{exc}; your answers are saved in {saved.path} from now on", Tone.WARNING
            )
        if saved.problem and saved.path != self.saved_at:
            self.screen.message(
                f"{saved.problem}; your answers are saved in {saved.path} instead", Tone.WARNING
            )
        self.saved_at = saved.path
        if saved.path == self.target:
            self.expected = saved.text

    def resume(self, draft: Draft | None = None) -> str:
        if self.saved_at is None:
            return "Nothing had been answered yet, so nothing was saved."
        if draft is not None and draft.typed is not None:
            place = place_for_people(draft.typed.place, short=True)
            kept = f"Kept what you were typing at {place}; it is on the line when you resume. "
            return kept + self.resume()
        where = self.saved_at
        command = f"igf-report fill {shell_word(where)}"
        return f"Your answers are saved in {where}; run `{command}` to go on."

    def write(self, draft: Draft, text: Path | None) -> Written:
        """Write the complete report and its text, unless the report changed outside.

        Raises:
            ReportChanged: the report was changed by another program.
            FileWriteError: it could not be written; the draft is saved.
        """
        if self.target != self.report:
            msg = (
                f"{self.report} was changed by another program while you filled it, so it is "
                f"left as it is. {self.resume()} Compare the two and keep what you want."
            )
            raise ReportChanged(msg)
        try:
            return write_report(self.report, draft.for_file(), text=text, expect=self.expected)
        except FileWriteError as exc:
            self.save(draft)
            msg = f"{exc}. {self.resume()}"
            raise FileWriteError(msg) from None


def fill_with_prompts(
    report: Path,
    data: dict[str, Any],
    *,
    changed: bool = False,
    baseline: str | None = None,
    text: Path | None = None,
    accessible: bool = False,
) -> None:
    """Walk the rapporteur through ``report``, saving after every accepted answer.

    Each save checks that the file still holds what the wizard last read or
    wrote: if another program changed it meanwhile, it is left as it is, the
    wizard says so, and the answers go to a draft in the temporary folder.

    Args:
        report: the report file.
        data: the answers so far.
        changed: ``data`` holds answers from --from or --set that the file does
            not have yet; they are saved before the first prompt.
        baseline: the report's text as read (``None``: it did not exist).
        text: where the rendered text goes, instead of beside the report.
        accessible: plain lines for screen readers and plain terminals.

    Raises:
        Interrupted: Ctrl-C (exit 130); the draft holds every accepted answer.
        WizardStopped: Ctrl-D, a closed terminal or SIGTERM (exit 1), likewise.
        TextNotWritten: the report was written, its text beside it refused (exit 1).
    """
    screen = TerminalScreen(accessible=accessible)
    drafts = _Drafts(report, baseline, screen)
    screen.message(
        f"Filling {report}. Every answer is saved as you go; :help lists the commands.",
        Tone.INFO,
    )
    wizard = Wizard(screen, data, drafts.save, resume=resume_of(report))
    wizard.draft.typed = typed_of(report)
    if changed:
        drafts.save(wizard.draft)
    try:
        with _signals_raise(screen):
            outcome = wizard.run()
    except KeyboardInterrupt:
        _quietly(f"Interrupted. {drafts.resume(wizard.draft)}")
        raise Interrupted from None
    except (EOFError, _Closed):
        _quietly(f"Stopped. {drafts.resume(wizard.draft)}")
        raise WizardStopped from None
    if outcome is Outcome.QUIT:
        say_wrapped(drafts.resume(wizard.draft))
        return
    written = drafts.write(wizard.draft, text)
    say_wrapped("Wrote " + " and ".join(str(p) for p in written.files) + ".")
    if written.note:
        say_wrapped(written.note)
    say_wrapped(
        f"The report is due by {DUE_DATE.day} {DUE_DATE:%B %Y}, two weeks after the meeting; "
        "send it to the IGF secretariat."
    )
    if written.text_refused:
        raise TextNotWritten


def _quietly(message: str) -> None:
    # The terminal may be gone (SIGHUP): nothing to say then, and nothing to fail on.
    with contextlib.suppress(OSError):
        sys.stderr.write("\n")  # ends the prompt's line; say_wrapped() would show it as ␊
        say_wrapped(message)
