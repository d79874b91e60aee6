"""``fill`` in a terminal: run the wizard, save drafts, and survive interruptions."""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any

from igf_report.cli.output import say
from igf_report.draft import Draft
from igf_report.errors import FileWriteError, Interrupted, ReportInvalid
from igf_report.filling import DUE_DATE, save_draft, write_report
from igf_report.resume import resume_of
from igf_report.wizard.flow import Outcome, Wizard
from igf_report.wizard.screen import Tone
from igf_report.wizard.terminal import TerminalScreen

__all__ = ["fill_with_prompts"]


class _Closed(Exception):
    """The terminal went away (SIGHUP) or the process was asked to stop (SIGTERM)."""


def _raise_closed(signum: int, _frame: FrameType | None) -> None:
    raise _Closed(signal.Signals(signum).name)


@contextmanager
def _signals_raise() -> Iterator[None]:
    wanted = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    previous = {signum: signal.signal(signum, _raise_closed) for signum in wanted}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def fill_with_prompts(report: Path, data: dict[str, Any], *, changed: bool = False) -> None:
    """Walk the rapporteur through ``report``, saving after every accepted answer.

    Args:
        report: the report file.
        data: the answers so far.
        changed: ``data`` holds answers from --from or --set that the file does
            not have yet; they are saved before the first prompt.

    Raises:
        Interrupted: Ctrl-C (exit 130); the draft holds every accepted answer.
        ReportInvalid: Ctrl-D, a closed terminal or SIGTERM (exit 1), likewise.
    """
    screen = TerminalScreen()
    saved_at: Path | None = report if report.exists() else None

    def save(draft: Draft) -> None:
        nonlocal saved_at
        saved = save_draft(report, draft.for_file(), resume_at=draft.position)
        if saved.problem and saved.path != saved_at:
            screen.message(
                f"{saved.problem}; your answers are saved in {saved.path} instead", Tone.WARNING
            )
        saved_at = saved.path

    def resume() -> str:
        if saved_at is None:
            return "Nothing had been answered yet, so nothing was saved."
        return f"Your answers are saved in {saved_at}; run `igf-report fill {saved_at}` to go on."

    screen.message(
        f"Filling {report}. Every answer is saved as you go; :help lists the commands.",
        Tone.INFO,
    )
    wizard = Wizard(screen, data, save, resume=resume_of(report))
    if changed:
        save(wizard.draft)
    try:
        with _signals_raise():
            outcome = wizard.run()
    except KeyboardInterrupt:
        _quietly(f"\nInterrupted. {resume()}")
        raise Interrupted("") from None
    except (EOFError, _Closed):
        _quietly(f"\nStopped. {resume()}")
        raise ReportInvalid("") from None
    if outcome is Outcome.QUIT:
        say(resume())
        return
    try:
        written = write_report(report, wizard.data)
    except FileWriteError as exc:
        save(wizard.draft)
        msg = f"{exc}. {resume()}"
        raise FileWriteError(msg) from None
    say("Wrote " + " and ".join(str(p) for p in written) + ".")
    say(
        f"The report is due by {DUE_DATE.day} {DUE_DATE:%B %Y}, two weeks after the meeting; "
        "send it to the IGF secretariat."
    )


def _quietly(message: str) -> None:
    # The terminal may be gone (SIGHUP): nothing to say then, and nothing to fail on.
    with contextlib.suppress(OSError):
        say(message)
