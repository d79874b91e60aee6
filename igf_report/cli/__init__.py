"""The ``igf-report`` command line: thin commands over the domain modules."""

from __future__ import annotations

from igf_report.cli.app import app, main

__all__ = ["app", "main"]
