"""The labels an analyst puts on a claim, defined once (docs/format.md, "Labels").

Everything that lists labels reads them from here, at the time it needs them:
the reader's bindings, help and palette, the note editor, the inspector, the
margin letters, the exports' columns and the command line's choices. Adding a
label is one more :class:`LabelDef` in :data:`LABEL_DEFS` (the tests do that
with ``monkeypatch``), never an edit in each of those places.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LabelDef:
    """One label: its value, keys, margin letter, colour and meaning."""

    value: str
    """As stored in annotation files and typed on the command line."""
    key: str
    """The reader's key (binding ``tag-<value>``)."""
    alias: str
    """A second key (binding ``tag-<value>-alt``), kept when ``key`` is remapped."""
    letter: str
    """The margin letter, so a tag reads without colour (``NO_COLOR``)."""
    tone: str
    """How it is coloured: ``success``, ``error``, ``warning``, ``accent`` or ``muted``."""
    description: str
    """What tagging a claim so means, for help texts and tooltips."""

    @property
    def title(self) -> str:
        return self.value.capitalize()


LABEL_DEFS: tuple[LabelDef, ...] = (
    LabelDef("sourced", "s", "1", "S", "success", "backed by a source you can point to"),
    LabelDef("disputed", "d", "2", "D", "error", "contradicted or without evidence"),
    LabelDef("opinion", "o", "3", "O", "warning", "a view, not a checkable fact"),
    LabelDef("skip", "x", "4", "x", "muted", "reviewed, nothing checkable in it"),
)

TONES: tuple[str, ...] = ("success", "error", "warning", "accent", "muted")


def all_labels() -> tuple[LabelDef, ...]:
    """Every label, in display order (read at call time, so a test can add one)."""
    return LABEL_DEFS


def label_names() -> tuple[str, ...]:
    """The stored values: ``("sourced", "disputed", "opinion", "skip")``."""
    return tuple(label.value for label in LABEL_DEFS)


def label_def(value: str) -> LabelDef | None:
    return next((label for label in LABEL_DEFS if label.value == value), None)


def is_label(value: str) -> bool:
    return label_def(value) is not None


def letter(value: str) -> str:
    """The margin letter of ``value``; ``?`` for a label this version does not know."""
    found = label_def(value)
    return found.letter if found else "?"


def names_text(last: str = "or") -> str:
    """``sourced, disputed, opinion or skip`` for messages."""
    names = label_names()
    return f"{', '.join(names[:-1])} {last} {names[-1]}" if len(names) > 1 else "".join(names)
