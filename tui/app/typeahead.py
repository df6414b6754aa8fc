"""Keys typed while a dialog opens, kept for it in the order typed.

Textual hands each key to the focused widget as it arrives, and a binding
runs only when the key has bubbled back up to the App. So in a fast burst
(``e`` and a note typed at once, or ``/`` and a query) the keys after ``e``
have already gone to the reader's pane before ``e`` opens the editor; bubbling up, they would then
meet the editor's bindings (or none) and be lost. The reader passes every key
(and every paste) through :meth:`Typeahead.route`: after a key that opens such a dialog it
holds the keys that follow, and the dialog takes them once it is on screen
(its ``take_typeahead``, else its focused box); keys still on their way arrive
there in turn. If no
dialog opened (a read-only document), :meth:`Typeahead.done` gives them back
to the reader's own bindings, in order.

A key can also reach the reader after a dialog covered it: it was handed to
the reader's pane before the dialog was pushed (``/`` and a query typed at
once while the reader starts). It was typed for the dialog, so it goes there
(to its focused widget), and it never starts holding: the reader's binding
would not run, and every key after it would be held for a dialog that never
comes (the reader then took no key at all).
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


def type_into(box: Widget, keys: Iterable[events.Key | events.Paste]) -> None:
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
        self.sink: Screen | None = None

    def route(self, event: events.Key | events.Paste) -> None:
        """Call from the screen's ``on_key``: hold the key, or let it go on to its binding."""
        screen = self.screen
        front = screen.app.screen
        if self.sink is not None and front is self.sink:
            self._take(event)
            held, self.held = self.held, []
            _give(self.sink, held)
        elif self.holding:
            self._take(event)
        elif front is not screen:  # covered since the key was handed to the reader
            self._forward(event, front)
        elif isinstance(event, events.Key):
            found = screen.active_bindings.get(event.key)
            if found is not None and found.binding.action in HOLDING_ACTIONS:
                self.holding = True
                self.sink = None

    def _forward(self, event: events.Key | events.Paste, front: Screen) -> None:
        """A key typed for the dialog now in front: to its focused widget (if it has one yet)."""
        event.stop()
        event.prevent_default()
        if front.focused is not None:  # else nowhere to type yet: the key is dropped
            type_into(front.focused, [event])

    def _take(self, event: events.Key | events.Paste) -> None:
        event.stop()
        event.prevent_default()
        self.held.append(event)

    def hand_to(self, dialog: Screen) -> None:
        """The dialog is on screen: it takes the keys held so far and those still arriving."""
        self.sink = dialog
        self.holding = False
        held, self.held = self.held, []
        _give(dialog, held)

    async def done(self, action: str) -> None:
        """The flow of binding ``action`` returned: if it is the one the keys were held for
        and its dialog never opened, they go to the reader's bindings, in order."""
        if not self.holding or action not in HOLDING_ACTIONS:
            return
        self.holding = False
        held, self.held = self.held, []
        for key in held:
            if not isinstance(key, events.Key):
                continue  # a paste has nowhere to go in the reader
            found = self.screen.active_bindings.get(key.key)
            if found is not None:  # as the App runs a binding: its node is the namespace
                await self.screen.app.run_action(found.binding.action, found.node)


def _give(dialog: Screen, keys: list[events.Key | events.Paste]) -> None:
    """To the dialog's own ``take_typeahead`` (the note editor sorts keys between its
    boxes and its priority keys), else into its focused box."""
    take = getattr(dialog, "take_typeahead", None)
    if take is not None:
        take(keys)
    elif dialog.focused is not None:
        type_into(dialog.focused, keys)
