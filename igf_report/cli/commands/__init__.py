"""One module per command; importing them registers them on the app."""

from __future__ import annotations

from igf_report.cli.commands import (
    book,
    discover,
    export,
    fill,
    importing,
    render,
    show,
    status,
    validate,
)

__all__ = [
    "book",
    "discover",
    "export",
    "fill",
    "importing",
    "render",
    "show",
    "status",
    "validate",
]
