"""The reader's key map (docs/format.md, "The reader's keys"), in one table.

The table feeds the bindings (each with an id, so ``App.set_keymap`` can remap
it), the ``?`` help screen and the command palette, so the three never
disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding


@dataclass(frozen=True)
class Key:
    id: str
    keys: str
    action: str
    title: str
    help: str
    group: str
    show: bool = False
    """Shown in the Footer."""


READER_KEYS: tuple[Key, ...] = (
    Key("next-claim", "j,down", "next_claim", "Next claim", "Move to the next claim", "Move"),
    Key(
        "previous-claim",
        "k,up",
        "previous_claim",
        "Previous claim",
        "Move to the previous claim",
        "Move",
    ),
    Key(
        "next-unreviewed",
        "n",
        "next_unreviewed",
        "Next unreviewed",
        "Jump to the next claim without a tag",
        "Move",
    ),
    Key(
        "previous-unreviewed",
        "N",
        "previous_unreviewed",
        "Previous unreviewed",
        "Jump to the previous claim without a tag",
        "Move",
    ),
    Key(
        "tag-sourced",
        "s,1",
        "tag('sourced')",
        "Sourced",
        "Tag the claim sourced and move on",
        "Tag",
        show=True,
    ),
    Key(
        "tag-disputed",
        "d,2",
        "tag('disputed')",
        "Disputed",
        "Tag the claim disputed and move on",
        "Tag",
        show=True,
    ),
    Key(
        "tag-opinion",
        "o,3",
        "tag('opinion')",
        "Opinion",
        "Tag the claim opinion and move on",
        "Tag",
        show=True,
    ),
    Key(
        "tag-skip",
        "x,4",
        "tag('skip')",
        "Skip",
        "Mark the claim reviewed: not checkable; move on",
        "Tag",
        show=True,
    ),
    Key(
        "clear-tag",
        "backspace",
        "clear_tag",
        "Clear tag",
        "Remove the claim's tag (and its note)",
        "Tag",
    ),
    Key(
        "undo",
        "u",
        "undo",
        "Undo",
        "Undo the last change, one step at a time, also on disk",
        "Tag",
        show=True,
    ),
    Key(
        "edit-note",
        "e,enter",
        "edit_note",
        "Note",
        "Edit the claim's note and sources",
        "Tag",
        show=True,
    ),
    Key(
        "search",
        "slash",
        "search",
        "Search",
        "Fuzzy search across all documents",
        "Find",
        show=True,
    ),
    Key("similar", "m", "similar", "Similar", "The same claim in other documents", "Find"),
    Key("orphans", "R", "orphans", "Orphans", "Re-attach annotations whose text is gone", "Find"),
    Key(
        "open-document",
        "O",
        "open_document",
        "Open",
        "Open another document in a new pane",
        "Panes",
        show=True,
    ),
    Key("close-pane", "W", "close_pane", "Close pane", "Close the current pane", "Panes"),
    Key("export", "E", "export", "Export", "Export a summary of the annotations", "Panes"),
    Key("help", "question_mark", "help", "Help", "Show every key", "App", show=True),
    Key("quit", "q", "quit", "Quit", "Quit (everything is already saved)", "App", show=True),
)
"""App-level keys; ``tab``/``shift+tab`` live on the reader screen (they replace focus moves)."""

PANE_KEYS: tuple[Key, ...] = (
    Key("next-pane", "tab", "app.next_pane", "Next pane", "Move to the next pane", "Panes"),
    Key(
        "previous-pane",
        "shift+tab",
        "app.previous_pane",
        "Previous pane",
        "Move to the previous pane",
        "Panes",
    ),
)

EXTRA_HELP: tuple[tuple[str, str, str], ...] = (
    ("Move", "pageup pagedown space", "Page up / down"),
    ("Move", "home end", "First / last claim"),
    ("App", "ctrl+p", "Command palette: every action by name, and themes"),
    ("App", "ctrl+q", "Quit"),
)
"""Keys bound by the document view or by Textual itself, listed in the help too."""


def bindings(keys: tuple[Key, ...]) -> list[Binding]:
    return [
        Binding(
            key.keys,
            key.action,
            key.title,
            show=key.show,
            tooltip=key.help,
            id=f"factcheck.{key.id}",
        )
        for key in keys
    ]


_KEY_NAMES = {"question_mark": "?", "slash": "/", "down": "↓", "up": "↑"}


def key_label(key: str) -> str:
    """A key as the help shows it: ``?`` and ``/`` as characters, arrows as arrows."""
    return _KEY_NAMES.get(key, key)
