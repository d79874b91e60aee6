"""The interactive walk through the template (``igf-report fill`` in a terminal)."""
