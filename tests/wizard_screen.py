"""A scripted screen for the wizard: answers from a list, everything shown recorded."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from igf_report.template.fields import FieldSpec
from igf_report.wizard.editor import EditOutcome
from igf_report.wizard.screen import ReviewRow, Tone


@dataclass
class Paste:
    """Lines that arrive at once, as when a block of text is pasted."""

    lines: list[str | type[BaseException]]


@dataclass
class Typing:
    """Text on the line when the prompt is stopped by ``stop`` (Ctrl-C, a signal)."""

    text: str
    stop: type[BaseException] = KeyboardInterrupt


@dataclass
class ScriptedScreen:
    """Answers prompts from a script; records what the wizard showed and asked."""

    script: list[str | Paste | Typing | type[BaseException]]
    edits: list[EditOutcome] = field(default_factory=list)
    shown: list[str] = field(default_factory=list)
    asked: list[tuple[str, str | None]] = field(default_factory=list)
    reviews: list[list[ReviewRow]] = field(default_factory=list)
    edited: list[str] = field(default_factory=list)
    retried: list[str | None] = field(default_factory=list)  # a refused answer given back
    initial: list[str | None] = field(default_factory=list)  # text put on the line to edit
    several: list[bool] = field(default_factory=list)  # whether the prompt takes several lines
    blocks: list[bool] = field(default_factory=list)  # whether a paste is one answer there
    _queue: list[tuple[str | Typing | type[BaseException], bool]] = field(default_factory=list)
    _unfinished: str = ""

    def __post_init__(self) -> None:
        for entry in self.script:
            if isinstance(entry, Paste):
                for index, line in enumerate(entry.lines):
                    self._queue.append((line, index < len(entry.lines) - 1))
            else:
                self._queue.append((entry, False))
        self._last_pending = False

    def field(self, spec: FieldSpec, total: int) -> None:
        self.shown.append(f"[{spec.number}/{total}] {spec.heading}")

    def items(self, items: list[str]) -> None:
        self.shown.extend(f"  {n}. {item}" for n, item in enumerate(items, start=1))

    def message(self, text: str, tone: Tone = Tone.INFO) -> None:
        self.shown.append(f"{tone.value}: {text}")

    def understood(self, text: str) -> None:
        self.shown.append(f"→ {text}")

    def review(self, rows: list[ReviewRow]) -> None:
        self.reviews.append(rows)

    def ask(
        self,
        prompt: str,
        default: str | None = None,
        *,
        retry: str | None = None,
        initial: str | None = None,
        lines: bool = False,
        block: bool = False,
        breaks: bool = False,
    ) -> str:
        del breaks  # a scripted screen types no keys
        self.asked.append((prompt, default))
        self.retried.append(retry)
        self.initial.append(initial)
        self.several.append(lines)
        self.blocks.append(block)
        if not self._queue:
            raise EOFError
        entry, self._last_pending = self._queue.pop(0)
        self._unfinished = ""
        if isinstance(entry, Typing):
            self._unfinished = entry.text
            raise entry.stop
        if isinstance(entry, type):
            raise entry
        return entry

    def pending(self) -> bool:
        return self._last_pending

    def unfinished(self) -> str:
        return self._unfinished

    def edit(self, text: str) -> EditOutcome:
        self.edited.append(text)
        return self.edits.pop(0)

    def messages(self, tone: str) -> list[str]:
        return [s.split(": ", 1)[1] for s in self.shown if s.startswith(f"{tone}: ")]


def answers(*lines: Iterable[str] | str) -> list[str | Paste | Typing | type[BaseException]]:
    """Flatten strings and lists of strings into a script."""
    script: list[str | Paste | Typing | type[BaseException]] = []
    for entry in lines:
        if isinstance(entry, str):
            script.append(entry)
        else:
            script.extend(entry)
    return script
