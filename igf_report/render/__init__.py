"""Output formats: one module per format, found by name in :data:`FORMATS`.

Each format module defines a :class:`Renderer` called ``RENDERER``. Modules are
imported only when their format is asked for, so that a command starts fast.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, Protocol

from igf_report.errors import NotOurFile, UsageError

__all__ = ["FORMATS", "BytesRenderFunction", "RenderFunction", "Renderer", "get_renderer"]


class RenderFunction(Protocol):
    """Turns a report's values into a document."""

    def __call__(self, values: Mapping[str, Any], *, width: int) -> str:
        """Render ``values`` (field key to normalised value; missing keys allowed)."""
        ...


class BytesRenderFunction(Protocol):
    """Turns a report's values into a binary document (a Word file)."""

    def __call__(self, values: Mapping[str, Any], *, width: int) -> bytes:
        """Render ``values`` (field key to normalised value; missing keys allowed)."""
        ...


@dataclass(frozen=True)
class Renderer:
    """An output format.

    Attributes:
        name: what ``--format`` takes.
        suffix: the file suffix of its documents.
        description: one line for ``--help``.
        render: the function that writes the document.
        marker: text near the start of every document of this format, by
            which a file igf-report wrote is told from one it must not overwrite.
        render_bytes: for a binary format, the function that writes the
            document (``render`` then refuses, saying why).
    """

    name: str
    suffix: str
    description: str
    render: RenderFunction
    marker: str
    render_bytes: BytesRenderFunction | None = None

    @property
    def binary(self) -> bool:
        """Whether documents of this format are bytes, not text."""
        return self.render_bytes is not None

    def wrote(self, path: Path) -> bool:
        """Whether ``path`` holds a document this format wrote (its marker near the start)."""
        try:
            with path.open("rb") as handle:
                head = handle.read(_HEAD_BYTES)
        except OSError:
            return False
        return self.marker.encode() in head

    def check_overwrite(self, path: Path, *, force: bool = False) -> None:
        """Refuse to replace ``path`` unless it is missing, ours, or ``force`` is given.

        Raises:
            NotOurFile: ``path`` exists and igf-report did not write it.
        """
        if force or not path.exists() or self.wrote(path):
            return
        msg = (
            f"{path} exists and was not written by igf-report, so it is left untouched; "
            "use --force to replace it, or choose another file"
        )
        raise NotOurFile(msg)


_HEAD_BYTES: Final = 4096

#: Format name to the module that holds its renderer.
FORMATS: Final = {
    "text": "igf_report.render.text",
    "markdown": "igf_report.render.markdown",
    "html": "igf_report.render.html",
    "published": "igf_report.render.published",
    "docx": "igf_report.render.docx",
}


def get_renderer(name: str) -> Renderer:
    """The renderer for format ``name``.

    Raises:
        UsageError: no such format.
    """
    module = FORMATS.get(name)
    if module is None:
        msg = f"unknown format {name!r}; choose one of: {', '.join(FORMATS)}"
        raise UsageError(msg)
    renderer: Renderer = importlib.import_module(module).RENDERER
    return renderer
