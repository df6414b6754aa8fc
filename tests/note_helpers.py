"""Helpers for the note editor's Pilot tests: keys sent as a terminal sends a fast burst."""

from __future__ import annotations

import unicodedata

from textual import events
from textual.app import App
from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key
from textual.pilot import Pilot

URL = "https://example.org/report/2026"
NOTE = "so the ministry says; 1 in 4 documents on its site is dated wrong, ok"
"""67 characters, starting with label keys (s, o) and holding d, x and 1-4 too."""


def key_event(key: str) -> events.Key:
    """``key`` as Pilot builds it (``a``, ``tab``, ``alt+d``, ``;``)."""
    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    try:
        char: str | None = unicodedata.lookup(
            _get_unicode_name_from_key(REPLACED_KEYS.get(key, key))
        )
    except KeyError:
        char = key if len(key) == 1 else None
    return events.Key(key, char)


async def burst(pilot: Pilot, *keys: str | events.Paste) -> None:
    """Send every key (or paste) at once, as tmux or a fast typist does (Pilot's press waits
    between keys), then wait until the app has taken them all."""
    app: App = pilot.app
    driver = app._driver
    assert driver is not None
    for key in keys:
        event = key if isinstance(key, events.Paste) else key_event(key)
        event.set_sender(app)
        driver.send_message(event)
    for _ in range(5):
        await pilot.pause()


def note_screen(app: App):
    from tui.app.screens.note import NoteScreen

    screen = app.screen
    assert isinstance(screen, NoteScreen), type(screen).__name__
    return screen
