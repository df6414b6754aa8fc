"""The pure core: corpus, claims, annotations, search and export.

Nothing under ``tui.core`` imports Textual, so scripts and the command line
start fast and every behaviour can be tested without a screen.
"""
