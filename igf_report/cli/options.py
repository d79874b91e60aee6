"""Options several commands share, declared once so they read and behave alike."""

from __future__ import annotations

from typing import Any

import typer

__all__ = ["format_option", "report_paths_argument"]


def _lower(value: str | None) -> str | None:
    # a format is a name, not a spelling: HTML, Html and html are one format
    return None if value is None else value.lower()


def format_option(help_text: str, **more: Any) -> Any:  # noqa: ANN401 -- what typer.Option returns
    """``--format``/``-f FORMAT``, matched whatever its case.

    Args:
        help_text: the choices and what they give, for ``--help``.
        more: further ``typer.Option`` settings (``show_default=False``).
    """
    return typer.Option("--format", "-f", metavar="FORMAT", help=help_text, callback=_lower, **more)


def report_paths_argument() -> Any:  # noqa: ANN401 -- what typer.Argument returns
    """``PATH...``: the reports a command over many reports reads, files or folders."""
    return typer.Argument(
        metavar="PATH...",
        help="Report files, or folders to search for *.toml files.",
        show_default=False,
    )
