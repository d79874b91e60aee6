"""Filling a report: answers from files and flags, the draft being filled, saving it."""
