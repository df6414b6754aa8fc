"""How keys reach the note editor: typed fast, pasted, or before it was open, none is lost.

Textual hands each key to the focused widget as it arrives and runs a binding
only when the key has bubbled back up to the App, so in a fast burst keys
after ``tab`` or ``ctrl+s`` have already gone to the box the focus is leaving.
The editor's ``tab``, ``alt+label``, ``ctrl+s`` and ``escape`` are priority
bindings (they act on the key as it arrives); a save or close waits until the
boxes have taken every key sent before it, and keeps the keys typed after it
for what comes next (the label it asks for, the reader, a question).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import events
from textual.actions import parse
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import RadioSet, TextArea

from tui.core.text import strip_controls


class LabelRow(RadioSet):
    """The label row: label keys pick; any other character goes on into the note."""

    def __init__(self, picks: dict[str, str], **kwargs) -> None:
        super().__init__(**kwargs)
        self.picks = picks
        """Key to label value."""

    def on_key(self, event: events.Key) -> None:
        screen = self.screen
        if not isinstance(screen, NoteKeys):
            return
        if event.key in self.picks:
            event.stop()
            event.prevent_default()
            screen.pick(self.picks[event.key])
        elif event.is_printable and event.key != "space":
            event.stop()
            event.prevent_default()
            screen.type_into_note(event)


class KeyHold(Widget):
    """Takes the keys typed while a save or a close is decided, for whatever comes next."""

    DEFAULT_CSS = """
    KeyHold {
        width: 0;
        height: 0;
    }
    """

    def on_key(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()
        screen = self.screen
        if isinstance(screen, NoteKeys):
            screen.held.append(event)


@dataclass(frozen=True)
class HeldAction:
    """A priority binding's action that came while a save or close was decided: run it in turn."""

    action: str


class NoteKeys:
    """The note editor's key routing, mixed into :class:`~tui.app.screens.note.NoteScreen`.

    A plain mixin (not a Screen), so the screen's CSS and bindings are its own.
    """

    held: list[events.Key | events.Paste | HeldAction] | None
    alt_picks: dict[str, str]
    if TYPE_CHECKING:
        query_one = Screen.query_one
        set_focus = Screen.set_focus
        focus_next = Screen.focus_next
        focus_previous = Screen.focus_previous
        focused: Widget | None
        app = Screen.app
        active_bindings = Screen.active_bindings

    @property
    def note_area(self) -> TextArea:
        return self.query_one("#note-text", TextArea)

    @property
    def sources_area(self) -> TextArea:
        return self.query_one("#note-sources", TextArea)

    def pick(self, label: str) -> None:
        raise NotImplementedError

    def action_save(self) -> None:
        raise NotImplementedError

    def action_cancel(self) -> None:
        raise NotImplementedError

    def type_into_note(self, event: events.Key) -> None:
        """A character typed on the label row or a button: it belongs in the note."""
        area = self.note_area
        self.set_focus(area)
        area._forward_event(events.Key(event.key, event.character))

    def on_key(self, event: events.Key) -> None:
        if event.is_printable and not isinstance(self.focused, TextArea | LabelRow):
            event.stop()
            event.prevent_default()
            self.type_into_note(event)

    def on_paste(self, event: events.Paste) -> None:
        """A paste anywhere but a text box goes into the note (a text box takes its own)."""
        if isinstance(self.focused, TextArea) and self.held is None:
            return
        event.stop()
        if self.held is not None:  # a save or close is being decided: it waits its turn
            self.held.append(events.Paste(event.text))
        else:
            self._paste(event.text)

    def _paste(self, text: str) -> None:
        """Into the focused text box, else the note, after the keys already sent there."""
        area = self.focused if isinstance(self.focused, TextArea) else self.note_area
        self.set_focus(area)
        area._forward_event(events.Paste(strip_controls(text)))

    def take_typeahead(self, keys: Iterable[events.Key | events.Paste | HeldAction]) -> None:
        """Keys typed before the editor was there, in order (see :mod:`tui.app.typeahead`).

        Each goes where it would have gone had the editor been open: the
        priority keys (tab, alt+label, ctrl+s, escape) act at once, the rest
        queue on the focused box in order, ahead of any key typed from now on.
        """
        keys = list(keys)
        while keys:
            key = keys.pop(0)
            if self.held is not None:  # a save or close began: the rest wait for its end
                self.held.append(key)
                continue
            if isinstance(key, events.Paste):
                self._paste(key.text)
                continue
            action = key.action if isinstance(key, HeldAction) else self._priority_action(key)
            if action is not None:
                self._run_now(action)
            else:
                (self.focused or self)._forward_event(events.Key(key.key, key.character))

    def _priority_action(self, key: events.Key) -> str | None:
        """The action of the editor's priority binding for ``key`` (keys as mapped), if any."""
        found = self.active_bindings.get(key.key)
        return found.binding.action if found is not None and found.binding.priority else None

    def _run_now(self, action: str) -> None:
        """Run one of the editor's own actions at once (a binding would run it a message later)."""
        _, name, params = parse(action)
        getattr(self, f"action_{name}")(*params)

    def _hold_then(self, then: Callable[[], None]) -> None:
        """Decide ``then`` once the keys typed so far are in; keep later keys until it is done."""
        self.held = []
        before = self.focused
        hold = self.query_one(KeyHold)
        hold.can_focus = True
        self.set_focus(hold, scroll_visible=False)

        def finish() -> None:
            then()
            held, self.held = self.held or [], None
            hold.can_focus = False
            screen = self.app.screen
            if screen is not self:  # closed, or a question over it: the keys go there
                for key in held:  # the editor's own actions (a tab after ctrl+s) end with it
                    if isinstance(key, events.Key):
                        target = screen.focused or screen
                        target._forward_event(events.Key(key.key, key.character))
                return
            if self.focused is hold or self.focused is None:
                self.set_focus(before if before is not None else self.note_area)
            self.take_typeahead(held)

        self.after_typing(finish)

    def _held_instead(self, action: str) -> bool:
        """While a save or close is decided, a priority key's action waits its turn like keys."""
        if self.held is None:
            return False
        self.held.append(HeldAction(action))
        return True

    def action_focus_next(self) -> None:
        if not self._held_instead("focus_next"):
            self.focus_next()

    def action_focus_previous(self) -> None:
        if not self._held_instead("focus_previous"):
            self.focus_previous()

    def after_typing(self, then: Callable[[], None]) -> None:
        """Run ``then`` once both boxes have taken every key already sent to them.

        A fast burst (note, tab, URL, ctrl+s) leaves keys queued on the box the
        focus left; the save must not read the text before they are in.
        """
        areas = [self.note_area, self.sources_area]

        def step(index: int) -> None:
            if index == len(areas):
                then()
            else:
                areas[index].call_later(step, index + 1)

        step(0)
