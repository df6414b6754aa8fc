"""The reader's keys as one table: every row a :class:`Key` (id, keys, action, help).

Read through :class:`tui.app.keys.KeyMap`, which lays the config file's
``[keys]`` over it; a new key is one row in :func:`reader_keys` (see
:mod:`tui.app.keys` for the whole recipe).
"""

from __future__ import annotations

from dataclasses import dataclass

from tui.core.labels import all_labels


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
