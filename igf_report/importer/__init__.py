"""Importing reports published on the IGF website."""
