"""Saving the draft as the rapporteur goes: at once, or once at the end of a paste."""

from __future__ import annotations

from collections.abc import Callable

from igf_report.files.resume import Position
from igf_report.filling.draft import Draft

__all__ = ["Autosave"]


class Autosave:
    """Saves a draft after each change, batching the changes of a pasted block.

    A paste of a thousand lines would otherwise write the whole report a
    thousand times; while more input is already waiting, a change is only
    noted, and the draft is saved when the paste has been read. The position
    travels with the next save; a walk that ends early calls :meth:`settle`,
    so that nothing accepted is lost and the draft says where it stopped.

    Args:
        draft: the draft being filled.
        save: writes the draft.
        pending: whether more input is already waiting (a paste is arriving).
    """

    def __init__(
        self, draft: Draft, save: Callable[[Draft], None], pending: Callable[[], bool]
    ) -> None:
        self.draft = draft
        self._save = save
        self._pending = pending
        self._saved_at: Position | None = draft.position
        self.dirty = False

    def changed(self) -> None:
        """The draft changed and a prompt follows: save it, or note it while a paste arrives."""
        if self._pending():
            self.dirty = True
        else:
            self.flush()

    def later(self) -> None:
        """The draft changed and the walk moves on at once: save at the next move."""
        self.dirty = True

    def move(self, position: Position) -> None:
        """The walk moved to ``position``; save what changed before it."""
        self.draft.position = position
        if self.dirty:
            self.changed()

    def flush(self) -> None:
        """Save now."""
        self._save(self.draft)
        self._saved_at = self.draft.position
        self.dirty = False

    def flush_if_dirty(self) -> None:
        """Save now if a change is waiting."""
        if self.dirty:
            self.flush()

    def settle(self) -> None:
        """The walk stops here: save what is waiting, and where it stopped."""
        moved = self.draft.position != self._saved_at and not self.draft.is_blank()
        if self.dirty or moved:
            self.flush()
