"""Screens that close once, however many closing keys a burst holds."""

from __future__ import annotations

from textual.await_complete import AwaitComplete


class ClosesOnce:
    """Mixed into a :class:`~textual.screen.Screen` (before it): its first ``dismiss``
    closes it, later ones do nothing.

    Textual's ``dismiss`` runs the result callback and pops the screen *on top*: a
    second one (``s d`` typed at once in the review dialog, ``enter`` twice in a list)
    gave a second result and popped the screen under it, the reader, which ended the
    app with ``ScreenStackError``.
    """

    _dismissed = False
    """Set by the first ``dismiss`` (not ``_closing``: Textual's message pump has one)."""

    def dismiss(self, result: object = None) -> AwaitComplete:
        if self._dismissed:
            return AwaitComplete.nothing()
        self._dismissed = True
        return super().dismiss(result)  # type: ignore[misc]
