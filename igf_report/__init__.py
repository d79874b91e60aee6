"""igf-report: fill, check, print and import IGF workshop session reports."""

from __future__ import annotations

__all__ = ["__version__"]

__version__ = "0.1.0"
