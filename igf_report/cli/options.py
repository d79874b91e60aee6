"""Options several commands share, declared once so they read and behave alike."""

from __future__ import annotations

from typing import Any

import typer

__all__ = ["format_option"]


def _lower(value: str) -> str:
    # a format is a name, not a spelling: HTML, Html and html are one format
    return value.lower()


def format_option(help_text: str) -> Any:  # noqa: ANN401 -- what typer.Option returns
    """``--format``/``-f FORMAT``, matched whatever its case.

    Args:
        help_text: the choices and what they give, for ``--help``.
    """
    return typer.Option("--format", "-f", metavar="FORMAT", help=help_text, callback=_lower)
