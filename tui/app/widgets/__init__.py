"""Reusable widgets of the reader, each with its own ``DEFAULT_CSS``."""
