"""One module per command; importing them registers them on the app."""

from __future__ import annotations

from igf_report.cli.commands import discover, fill, importing, render, show, validate

__all__ = ["discover", "fill", "importing", "render", "show", "validate"]
