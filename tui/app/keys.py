"""The reader's key map (docs/format.md, "The reader's keys"): one table, remappable by id.

The table feeds the reader screen's bindings, the ``?`` help, the command
palette and every key hint on screen, always through a :class:`KeyMap` (the
defaults with the config file's ``[keys]`` over them), so none of them can
disagree with the keys that work. The tag keys come from the label definition
(:mod:`tui.core.labels`).

Adding a screen with its own key (the usual change):

1. write the screen in ``tui/app/screens/<name>.py`` (a ``DialogScreen`` for a dialog);
2. write what the key does as a flow: a function taking the reader screen,
   registered with ``@flow("<name>")`` in ``tui/app/flows/<name>.py``, and add
   that module to ``FLOW_MODULES`` in ``tui/app/flows/__init__.py``;
3. add one ``Key("<name>", "<key>", "flow('<name>')", title, help, group)`` row to
   :func:`reader_keys` below.

Help, palette, footer (``show=True``) and remapping (``[keys] <name> = "…"``)
then follow by themselves.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass

from textual.app import SystemCommand
from textual.binding import Binding, BindingsMap

from tui.core.labels import all_labels

PREFIX = "factcheck."
"""Binding ids of the reader's keys are ``factcheck.<id>``; the config file names them ``<id>``."""
ALT = "-alt"
"""A key's second keys (``2`` for disputed, ``↓`` for next) have the binding id ``<id>-alt``."""


@dataclass(frozen=True)
class Key:
    id: str
    keys: str
    """Comma-separated, as Textual writes them (``question_mark``, ``ctrl+r``)."""
    action: str
    title: str
    help: str
    group: str
    show: bool = False
    """Shown in the Footer."""
    alt: str = ""
    """Second keys, bound under ``<id>-alt``: they keep working when ``keys`` is remapped."""


def reader_keys() -> tuple[Key, ...]:
    """Every key of the reader screen, in help order within each group."""
    tags = tuple(
        Key(
            f"tag-{label.value}",
            label.key,
            f"tag('{label.value}')",
            label.title,
            f"{label.title}: {label.description}; move on",
            "Tag",
            show=True,
            alt=label.alias,
        )
        for label in all_labels()
    )
    return (
        Key(
            "next-claim",
            "j",
            "move(1)",
            "Next claim",
            "Move to the next claim",
            "Move",
            alt="down",
        ),
        Key(
            "previous-claim",
            "k",
            "move(-1)",
            "Previous claim",
            "Move to the previous claim",
            "Move",
            alt="up",
        ),
        Key(
            "next-unreviewed",
            "n",
            "flow('next-unreviewed')",
            "Next unreviewed",
            "Jump to the next claim without a tag",
            "Move",
        ),
        Key(
            "previous-unreviewed",
            "N",
            "flow('previous-unreviewed')",
            "Previous unreviewed",
            "Jump to the previous claim without a tag",
            "Move",
        ),
        Key(
            "next-contested",
            "c",
            "flow('next-contested')",
            "Next contested",
            "Jump to the next claim the analysts disagree on",
            "Move",
        ),
        Key(
            "previous-contested",
            "C",
            "flow('previous-contested')",
            "Previous contested",
            "Jump to the previous claim the analysts disagree on",
            "Move",
        ),
        Key(
            "worthy",
            "w",
            "flow('worthy')",
            "Most check-worthy",
            "Jump to the most check-worthy unreviewed claim of the open panes (again: the next)",
            "Move",
        ),
        *tags,
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
            "flow('undo')",
            "Undo",
            "Undo the last change, one step at a time, also on disk",
            "Tag",
            show=True,
        ),
        Key("redo", "ctrl+r", "flow('redo')", "Redo", "Redo what was undone", "Tag"),
        Key(
            "edit-note",
            "e",
            "flow('note')",
            "Note",
            "Edit the claim's note and sources",
            "Tag",
            show=True,
            alt="enter",
        ),
        Key(
            "split-claim",
            "S",
            "flow('split')",
            "Split claim",
            "Split the claim in two at a word (for the whole team)",
            "Claims",
        ),
        Key(
            "join-claims",
            "J",
            "flow('join')",
            "Join claims",
            "Join the claim with the next one (for the whole team)",
            "Claims",
        ),
        Key(
            "not-a-claim",
            "X",
            "flow('noclaim')",
            "Not a claim",
            "Mark the claim's whole line not-a-claim: bio, comments, caption (u takes it back)",
            "Claims",
        ),
        Key(
            "search",
            "slash",
            "flow('search')",
            "Search",
            "Fuzzy search across all documents",
            "Find",
            show=True,
        ),
        Key(
            "similar",
            "m",
            "flow('similar')",
            "Similar",
            "The same claim in other documents",
            "Find",
        ),
        Key(
            "orphans",
            "R",
            "flow('orphans')",
            "Orphans",
            "Re-attach annotations whose text is gone",
            "Find",
        ),
        Key(
            "open-document",
            "O",
            "flow('open')",
            "Open",
            "Open another document in a new pane",
            "Panes",
            show=True,
        ),
        Key(
            "review",
            "V",
            "flow('review')",
            "Review",
            "Every analyst's tag on the claim side by side; settle it with a verdict",
            "Tag",
        ),
        Key(
            "filter",
            "f",
            "flow('filter')",
            "Filter pane",
            "Filter the pane: all, unreviewed, contested, disputed, mine (the rest dimmed)",
            "Find",
        ),
        Key(
            "claims-list",
            "L",
            "flow('claims-list')",
            "Claims list",
            "Every claim of the corpus, most check-worthy first; sort, filter, jump",
            "Find",
        ),
        Key(
            "dashboard",
            "D",
            "flow('dashboard')",
            "Dashboard",
            "Progress per article and analyst, labels, contested claims, agreement",
            "Find",
        ),
        Key(
            "add-page",
            "A",
            "flow('add-page')",
            "Add a web page…",
            "Add a web page (a URL or a saved .html file) to the corpus and open it",
            "Panes",
        ),
        Key(
            "close-pane", "W", "flow('close-pane')", "Close pane", "Close the current pane", "Panes"
        ),
        Key("follow", "F", "flow('follow')", "Follow", "Other panes follow the claim", "Panes"),
        Key("next-pane", "tab", "flow('next-pane')", "Next pane", "Move to the next pane", "Panes"),
        Key(
            "previous-pane",
            "shift+tab",
            "flow('previous-pane')",
            "Previous pane",
            "Move to the previous pane",
            "Panes",
        ),
        Key(
            "export",
            "E",
            "flow('export')",
            "Export",
            "Export a summary of the annotations",
            "Panes",
        ),
        Key("help", "question_mark", "flow('help')", "Help", "Show every key", "App", show=True),
        Key(
            "quit", "q", "app.quit", "Quit", "Quit (everything is already saved)", "App", show=True
        ),
    )


EXTRA_HELP: tuple[tuple[str, str, str], ...] = (
    ("Move", "pageup pagedown space", "Page up / down"),
    ("Move", "home end", "First / last claim"),
    ("App", "ctrl+p", "Command palette: every action by name, and themes"),
    ("App", "ctrl+q", "Quit"),
)
"""Keys bound by the document view or by Textual itself, listed in the help too."""

GROUPS = ("Move", "Tag", "Claims", "Find", "Panes", "App")

_KEY_NAMES = {"question_mark": "?", "slash": "/", "down": "↓", "up": "↑"}


def key_label(key: str) -> str:
    """A key as hints show it: ``?`` and ``/`` as characters, arrows as arrows."""
    return _KEY_NAMES.get(key, key)


def split_keys(keys: str) -> list[str]:
    return [k.strip() for k in keys.split(",") if k.strip()]


class KeyMap:
    """The reader's keys as mapped: the defaults, with the config file's ``[keys]`` over them."""

    def __init__(self, overrides: Mapping[str, str] | None = None) -> None:
        self.overrides = {self._local(k): v for k, v in (overrides or {}).items()}

    @staticmethod
    def _local(binding_id: str) -> str:
        return binding_id.removeprefix(PREFIX)

    def keys(self, key: Key) -> list[str]:
        """The primary keys of ``key`` (what ``<id>`` maps to)."""
        return split_keys(self.overrides.get(key.id, key.keys))

    def alt_keys(self, key: Key) -> list[str]:
        return split_keys(self.overrides.get(key.id + ALT, key.alt))

    def all_keys(self, key: Key) -> list[str]:
        return list(dict.fromkeys([*self.keys(key), *self.alt_keys(key)]))

    def shown(self, key: Key, *, alt: bool = True) -> str:
        """``d 2``: the keys of ``key`` as hints show them."""
        keys = self.all_keys(key) if alt else self.keys(key)
        return " ".join(key_label(k) for k in keys)

    def first(self, key_id: str) -> str:
        """The first key of binding ``key_id`` as shown (``""`` if none)."""
        key = next((k for k in reader_keys() if k.id == key_id), None)
        keys = self.keys(key) if key else []
        return key_label(keys[0]) if keys else ""

    def label_keys(self) -> dict[str, list[str]]:
        """Label value to the keys that tag it (the note editor picks with the same keys)."""
        found = {}
        for label in all_labels():
            key = next(k for k in reader_keys() if k.id == f"tag-{label.value}")
            found[label.value] = self.all_keys(key)
        return found

    def textual_keymap(self) -> dict[str, str]:
        """For ``App.set_keymap``: binding ids of the reader prefixed, others as given."""
        own = {k.id for k in reader_keys()} | {k.id + ALT for k in reader_keys()}
        return {(PREFIX + k if k in own else k): v for k, v in self.overrides.items()}

    def tag_hint(self) -> str:
        """``s d o x to tag · e for a note``, with the keys as mapped."""
        keys = " ".join(self.first(f"tag-{label.value}") for label in all_labels())
        return f"{keys} to tag · {self.first('edit-note')} for a note"

    def unknown(self) -> list[str]:
        """Overridden ids that name no binding of the reader (and no dotted id of a dialog)."""
        own = {k.id for k in reader_keys()} | {k.id + ALT for k in reader_keys()}
        return [k for k in self.overrides if k not in own and "." not in k]


def bindings(keys: Iterable[Key]) -> list[Binding]:
    """Textual bindings for ``keys``: ``factcheck.<id>`` and, for second keys, ``…-alt``."""
    made = []
    for key in keys:
        made.append(
            Binding(
                key.keys, key.action, key.title, show=key.show, tooltip=key.help, id=PREFIX + key.id
            )
        )
        if key.alt:
            made.append(
                Binding(
                    key.alt,
                    key.action,
                    key.title,
                    show=False,
                    tooltip=key.help,
                    id=PREFIX + key.id + ALT,
                )
            )
    return made


def screen_bindings(inherited: BindingsMap) -> BindingsMap:
    """The reader's bindings, built now (not at import: they follow the label definition as it
    is), over the screen's inherited ones (so ``tab`` moves between panes, not the focus)."""
    own = BindingsMap(bindings(reader_keys()))
    own.key_to_bindings.update(
        (key, found)
        for key, found in inherited.key_to_bindings.items()
        if key not in own.key_to_bindings
    )
    return own


def palette_commands(keymap: KeyMap, run: Callable[[str], object]) -> Iterator[SystemCommand]:
    """Every key's action by name in the command palette, with its keys as mapped."""
    for key in reader_keys():
        yield SystemCommand(
            key.title,
            f"{key.help}  ({keymap.shown(key)})",
            lambda action=key.action: run(action),
        )


def help_rows(keymap: KeyMap) -> list[tuple[str, str, str]]:
    """(group, keys, what) for every key, with the keys as mapped, grouped for the help."""
    rows = [(key.group, keymap.shown(key), key.help) for key in reader_keys()]
    rows += list(EXTRA_HELP)
    rows.sort(key=lambda row: GROUPS.index(row[0]) if row[0] in GROUPS else len(GROUPS))
    return rows
