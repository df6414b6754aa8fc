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
   :func:`~tui.app.key_table.reader_keys`.

Help, palette, footer (``show=True``) and remapping (``[keys] <name> = "…"``)
then follow by themselves.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping

from textual.app import SystemCommand
from textual.binding import Binding, BindingsMap

from tui.app.key_table import EXTRA_HELP, GROUPS, Key, reader_keys
from tui.core.labels import all_labels

PREFIX = "factcheck."
"""Binding ids of the reader's keys are ``factcheck.<id>``; the config file names them ``<id>``."""
ALT = "-alt"
"""A key's second keys (``2`` for disputed, ``↓`` for next) have the binding id ``<id>-alt``."""


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
