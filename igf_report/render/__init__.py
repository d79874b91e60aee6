"""Output formats: one module per format, found by name in :data:`FORMATS`.

Each format module defines a :class:`Renderer` called ``RENDERER``. Modules are
imported only when their format is asked for, so that a command starts fast.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final, Protocol

from igf_report.errors import UsageError

__all__ = ["FORMATS", "Renderer", "get_renderer"]


class RenderFunction(Protocol):
    """Turns a report's values into a document."""

    def __call__(self, values: Mapping[str, Any], *, width: int) -> str:
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
    """

    name: str
    suffix: str
    description: str
    render: RenderFunction


#: Format name to the module that holds its renderer.
FORMATS: Final = {
    "text": "igf_report.render.text",
    "markdown": "igf_report.render.markdown",
    "html": "igf_report.render.html",
    "published": "igf_report.render.published",
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
