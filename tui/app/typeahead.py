"""Keys typed while a dialog opens, kept for it in the order typed.

Textual hands each key to the focused widget as it arrives, and a binding
runs only when the key has bubbled back up to the App. So in a fast burst
(``e`` and a note typed at once, ``/`` and a query, ``A`` and a pasted URL)
the keys after ``e`` have already gone to the reader's pane before ``e``
opens the editor; bubbling up, they would meet the editor's bindings (or
none) and be lost. The reader passes every key (and paste) through
:meth:`Typeahead.route`: after a key of :data:`HOLDING_ACTIONS` it holds the
keys that follow. The key's flow awaits its dialog; when the flow returns,
:meth:`Typeahead.done` gives the held keys to the dialog in front (its
``take_typeahead``, else its focused box), or back to the reader's own
bindings, in order, if no dialog opened (a read-only document).

A key that reaches the reader while a dialog covers it was handed to the
reader's pane before the dialog came: it goes to that dialog too, and never
starts holding (the reader's binding would not run, and every key after it
would be held for a dialog that never comes: the reader took no key at all).
"""

from __future__ import annotations

from collections.abc import Iterable

from textual import events
from textual.screen import Screen
from textual.widget import Widget

HOLDING_ACTIONS = frozenset(
    {"flow('note')", "flow('search')", "flow('open')", "flow('claims-list')", "flow('add-page')"}
)
"""Bindings whose dialog takes the keys typed while it opens (a note, a query, a filter, a
URL pasted at once with ``A``)."""


def _type_into(box: Widget, keys: Iterable[events.Key | events.Paste]) -> None:
    """Keys held for a dialog, sent to its box in order, as if typed there (a key the box
    does not take bubbles on to the dialog's bindings: ``enter``, ``escape``)."""
    for key in keys:
        if isinstance(key, events.Paste):
            box._forward_event(events.Paste(key.text))
        else:
            box._forward_event(events.Key(key.key, key.character))


class Typeahead:
    """The keys of one screen (the reader) typed while its dialog opens."""

    def __init__(self, screen: Screen) -> None:
        self.screen = screen
        self.held: list[events.Key | events.Paste] = []
        self.holding = False

    def route(self, event: events.Key | events.Paste) -> None:
        """Call from the screen's ``on_key``: hold the key, or let it go on to its binding."""
        screen = self.screen
        front = screen.app.screen
        if self.holding:
            self._take(event)
        elif front is not screen:  # covered since the key was handed to the reader
            self._take(event)
            self._give(front)
        elif isinstance(event, events.Key):
            found = screen.active_bindings.get(event.key)
            if found is not None and found.binding.action in HOLDING_ACTIONS:
                self.holding = True

    def _take(self, event: events.Key | events.Paste) -> None:
        event.stop()
        event.prevent_default()
        self.held.append(event)

    def _give(self, dialog: Screen) -> None:
        """The keys held, to the dialog's own ``take_typeahead`` (the note editor sorts
        them between its boxes and its priority keys), else into its focused box."""
        held, self.held = self.held, []
        take = getattr(dialog, "take_typeahead", None)
        if take is not None:
            take(held)
        elif dialog.focused is not None:  # else nowhere to type yet: they are dropped
            _type_into(dialog.focused, held)

    async def done(self, action: str) -> None:
        """The flow of binding ``action`` returned (its dialog, if any, mounted): if it is
        the one the keys were held for, they go to its dialog, or, if none opened, to
        the reader's bindings, in order."""
        if not self.holding or action not in HOLDING_ACTIONS:
            return
        self.holding = False
        front = self.screen.app.screen
        if front is not self.screen:
            self._give(front)
            return
        held, self.held = self.held, []
        for key in held:
            if not isinstance(key, events.Key):
                continue  # a paste has nowhere to go in the reader
            found = self.screen.active_bindings.get(key.key)
            if found is not None:  # as the App runs a binding: its node is the namespace
                await self.screen.app.run_action(found.binding.action, found.node)
