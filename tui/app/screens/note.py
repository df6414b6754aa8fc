"""The note editor: a label, a multi-line note and a list of source URLs for one claim.

What the analyst types is the note: the editor opens with the focus in the
note, and a key typed or text pasted anywhere else in it (the label row, a
button) lands in the note too, so a note is never typed into the label keys.
The label is picked with ``alt`` and a label key from anywhere, with the
label key itself on the label row, or after ``ctrl+s`` on an untagged claim,
which asks for one (a pick then saves).

The editor saves itself and closes only once the note is on disk: a failed
save keeps it open with the text and says why, naming the file. It remembers
your record as it was when it opened; if another process changed it since,
it shows both versions and lets you choose (:mod:`tui.app.screens.note_dialogs`).
``tab`` moves between the boxes at once (a priority binding), so keys typed
fast after it land in the box it moves to.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, RadioButton, RadioSet, Static, TextArea

from tui.app.keys import key_label, split_keys
from tui.app.screens.dialog import DialogScreen, tab_on_arrival
from tui.app.screens.note_keys import HeldAction, KeyHold, LabelRow, NoteKeys
from tui.core.editing import Outcome
from tui.core.labels import all_labels, label_names
from tui.core.model import Claim
from tui.core.records import Annotation
from tui.core.text import clean_line, strip_controls


@dataclass(frozen=True)
class NoteResult:
    label: str
    note: str
    sources: list[str]


SaveNote = Callable[[NoteResult, "Annotation | None"], Outcome]
"""Write the result over ``base`` (the record the editor started from) and say how it went."""


def parse_sources(text: str) -> list[str]:
    """One source per line; blank lines dropped, duplicates kept once, in order."""
    seen: dict[str, None] = {}
    for line in text.splitlines():
        line = clean_line(line).strip()
        if line:
            seen.setdefault(line, None)
    return list(seen)


class NoteScreen(NoteKeys, DialogScreen[NoteResult | None]):
    """Edit the note and sources of ``claim``; ``ctrl+s`` saves, ``escape`` closes."""

    DEFAULT_CSS = """
    NoteScreen > .dialog {
        width: 90;
    }
    NoteScreen #note-claim-box {
        height: auto;
        max-height: 4;
        color: $text-muted;
    }
    NoteScreen .note--caption {
        color: $text-muted;
        margin-top: 1;
    }
    NoteScreen RadioSet {
        layout: horizontal;
        width: 100%;
        height: auto;
        border: none;
    }
    NoteScreen RadioSet:blur > RadioButton.-selected > .toggle--label {
        background: transparent;
    }
    NoteScreen #note-text {
        height: 6;
        min-height: 3;
    }
    NoteScreen #note-sources {
        height: 4;
        min-height: 3;
    }
    NoteScreen #note-theirs {
        height: 5;
    }
    NoteScreen #note-error {
        color: $text-error;
        height: auto;
    }
    NoteScreen .dialog--buttons {
        dock: bottom;
        background: $surface;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        # Priority bindings act on the key as it arrives, before the keys typed after
        # it: those after tab land in the next box (tab_on_arrival), those after ctrl+s
        # are kept for what comes next (the label asked for, the reader) and never
        # reach the note.
        Binding("ctrl+s", "save", "Save", id="note.save", priority=True),
        Binding("escape", "cancel", "Cancel", id="note.cancel", priority=True),
        *tab_on_arrival("note"),
    ]
    AUTO_FOCUS = "#note-text"

    def __init__(
        self,
        claim: Claim,
        record: Annotation | None,
        *,
        short_id: str = "",
        label_keys: dict[str, list[str]] | None = None,
        save: SaveNote | None = None,
        remapped: Mapping[str, str] | None = None,
    ) -> None:
        """``label_keys``: the keys that pick each label (the reader's tag keys as mapped).

        ``save``: writes the result (the reader's editor); without it the editor
        only returns the result. ``remapped``: the config's ``[keys]`` (for
        ``note.save`` and ``note.cancel`` as mapped in the hints).
        """
        super().__init__()
        self.claim = claim
        self.record = record
        self.base = record
        """Your record on disk when the editor opened (or when you last chose over a conflict)."""
        self.short_id = short_id or claim.doc.id
        self.save_note = save
        self.remapped = dict(remapped or {})
        self.label_keys = label_keys or {
            label.value: [label.key, label.alias] for label in all_labels()
        }
        self.row_picks = {
            key: label for label, keys in self.label_keys.items() for key in keys if key
        }
        self.alt_picks = {f"alt+{key}": label for key, label in self.row_picks.items()}
        # alt + a label key picks from anywhere: a priority binding, before the note sees it.
        picks = [
            Binding(key, f"pick('{label}')", label, show=False, priority=True, id=f"note.{label}")
            for key, label in self.alt_picks.items()
        ]
        self._bindings = BindingsMap.merge([self._bindings, BindingsMap(picks)])
        self._pick_saves = False
        """A label is being asked for to save: the pick saves at once."""
        self.held: list[events.Key | events.Paste | HeldAction] | None = None
        """Keys typed while a save or close is being decided (``None``: not deciding)."""
        self._label = record.label if record is not None else None
        """The label chosen (kept here: the radio row learns of a pick a message later)."""

    # -- composition -------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        record = self.record
        title = f"Note · {self.short_id}:{self.claim.number}"
        save, close = self.key_of("note.save", "ctrl+s"), self.key_of("note.cancel", "escape")
        keys = f"{save} save · {close} close"
        with self.frame(title, keys, scroll=True):
            with VerticalScroll(id="note-claim-box"):
                yield Static(Content(clean_line(self.claim.text)), id="note-claim")
            yield Static(self.label_caption(), classes="note--caption")
            with LabelRow(self.row_picks, id="note-label"):
                for label in label_names():
                    yield RadioButton(
                        label,
                        value=record is not None and record.label == label,
                        id=f"label-{label}",
                    )
            yield Static("Note", classes="note--caption")
            yield TextArea(
                strip_controls(record.note) if record else "", id="note-text", soft_wrap=True
            )
            yield Static("Sources, one URL per line", classes="note--caption")
            yield TextArea(
                "\n".join(map(clean_line, record.sources)) if record else "",
                id="note-sources",
                soft_wrap=False,
            )
            theirs = Static("", id="note-theirs-caption", classes="note--caption")
            theirs.display = False
            yield theirs
            area = TextArea("", id="note-theirs", read_only=True, soft_wrap=True)
            area.display = False
            yield area
            yield Static("", id="note-error")
            yield KeyHold(id="note-hold")
            with Horizontal(classes="dialog--buttons"):
                yield Button("Cancel", id="note-cancel")
                yield Button("Save", variant="primary", id="note-save")

    def key_of(self, binding_id: str, default: str) -> str:
        """The first key of one of the editor's bindings, as the config maps it."""
        keys = split_keys(self.remapped.get(binding_id, default)) or [default]
        return key_label(keys[0])

    def label_caption(self) -> str:
        """``Label: s d o x here, alt+s/d/o/x from the note`` with the keys as mapped."""
        firsts = [keys[0] for keys in self.label_keys.values() if keys]
        keys = " ".join(key_label(key) for key in firsts)
        alts = "/".join(key_label(key) for key in firsts)
        return f"Label: {keys} here, alt+{alts} from the note"

    def on_mount(self) -> None:
        self._opened = self.values()
        area = self.note_area
        area.move_cursor(area.document.end)  # a note is added to more often than rewritten
        self.set_focus(area)

    # -- the parts ---------------------------------------------------------------------

    @property
    def label(self) -> str | None:
        return self._label

    @on(RadioSet.Changed)
    def _label_changed(self, event: RadioSet.Changed) -> None:
        """A pick by mouse, space or enter on the label row."""
        if event.pressed.id:
            self._label = event.pressed.id.removeprefix("label-")

    def values(self) -> tuple[str | None, str, list[str]]:
        """Label, note and sources as the editor holds them now."""
        return (self.label, self.note_area.text.strip(), parse_sources(self.sources_area.text))

    @property
    def changed(self) -> bool:
        return self.values() != self._opened

    def say(self, message: str) -> None:
        self.query_one("#note-error", Static).update(Content(message))

    # -- actions -----------------------------------------------------------------------

    def action_pick(self, label: str) -> None:
        if not self._held_instead(f"pick({label!r})"):
            self.pick(label)

    def pick(self, label: str) -> None:
        self._label = label
        self.query_one(f"#label-{label}", RadioButton).value = True
        if self._pick_saves:
            self.action_save()
        else:
            self.set_focus(self.note_area)

    @on(Button.Pressed, "#note-save")
    def action_save(self) -> None:
        if not self._held_instead("save"):
            self._hold_then(self._save_now)

    def _save_now(self) -> None:
        label, note, sources = self.values()
        if label is None:
            if not note and not sources:
                self.dismiss(None)
                return
            keys = " ".join(
                f"{key_label(keys[0])} {label}" for label, keys in self.label_keys.items() if keys
            )
            self.say(f"Choose a label to save: {keys} (the note is kept).")
            self._pick_saves = True
            self.set_focus(self.query_one("#note-label", RadioSet))
            return
        self._pick_saves = False
        result = NoteResult(label, note, sources)
        if self.save_note is None:
            self.dismiss(result)
            return
        outcome = self.save_note(result, self.base)
        if outcome.conflict is not None:
            self._ask_about(outcome, result)
        elif outcome.saved or not outcome.message:
            self.dismiss(result)
        else:
            where = outcome.message.rstrip(".")
            self.say(f"{where}. The note is still here: ctrl+s tries again.")

    def _ask_about(self, outcome: Outcome, result: NoteResult) -> None:
        from tui.app.screens.note_dialogs import ConflictScreen, Version

        conflict = outcome.conflict
        assert conflict is not None
        mine = Version(result.label, result.note, tuple(result.sources))
        theirs = Version.of(conflict.on_disk)
        ref = f"{self.short_id}:{self.claim.number}"

        def chosen(choice: str | None) -> None:
            self.base = conflict.on_disk  # seen now: saving over it is a choice, not an accident
            if choice == "mine":
                self.action_save()
            elif choice == "theirs":
                self.dismiss(None)
            else:
                self.show_theirs(theirs.describe())
                self.say(f"{ref} changed on disk; theirs is below. ctrl+s saves yours over it.")
                self.set_focus(self.note_area)

        self.app.push_screen(ConflictScreen(ref, theirs, mine), chosen)

    def show_theirs(self, text: str) -> None:
        caption = self.query_one("#note-theirs-caption", Static)
        caption.update("On disk now (theirs), to copy from")
        caption.display = True
        area = self.query_one("#note-theirs", TextArea)
        area.text = text
        area.display = True

    def action_cancel(self) -> None:
        if not self._held_instead("cancel"):
            self._hold_then(self._close)

    def _close(self) -> None:
        if not self.changed:
            self.dismiss(None)
            return
        from tui.app.screens.note_dialogs import DiscardScreen

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)
            else:
                self.set_focus(self.note_area)

        self.app.push_screen(DiscardScreen(), answered)

    @on(Button.Pressed, "#note-cancel")
    def _cancel(self) -> None:
        self.action_cancel()
