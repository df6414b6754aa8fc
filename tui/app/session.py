"""Where the reader was: the open articles in order, each pane's claim, the focused pane.

Kept in ``$XDG_STATE_HOME/factcheck/sessions/`` (``~/.local/state``), one small
JSON file per corpus and annotation folder, and never beside the annotations:
it is one analyst's view of the work, not part of it, and must not show up in
the analysts' git diffs. It is a convenience only: a missing, corrupt or
foreign file means a fresh start, a failed save is ignored, and
``FACTCHECK_SESSION=0`` turns it off.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tui.core.atomic import write_atomic
from tui.core.corpus import Corpus
from tui.core.model import Claim, Document
from tui.core.workspace import Workspace

FORMAT = 1
MAX_PANES = 64
"""More panes than this in a file means it is not ours: ignored (it would slow the start)."""


def enabled() -> bool:
    value = os.environ.get("FACTCHECK_SESSION", "1").strip().lower()
    return value not in ("0", "off", "no", "false")


def state_home() -> Path:
    """``$XDG_STATE_HOME`` if absolute (the spec says to ignore others), else ``~/.local/state``."""
    base = os.environ.get("XDG_STATE_HOME", "")
    return Path(base) if os.path.isabs(base) else Path.home() / ".local" / "state"


def workspace_key(workspace: Workspace) -> str:
    """One name per (corpus paths, annotation folder): the same folders give the same session."""
    places = [*workspace.corpus.roots, workspace.store.folder]
    text = "\n".join(str(Path(place).resolve()) for place in places)
    return hashlib.sha1(text.encode("utf-8", "surrogateescape")).hexdigest()[:16]


def session_path(workspace: Workspace) -> Path:
    return state_home() / "factcheck" / "sessions" / f"{workspace_key(workspace)}.json"


@dataclass(frozen=True)
class PaneState:
    doc: str
    """The document's id."""
    claim: str | None
    """The id of the claim under the cursor (``None``: a document without claims)."""


@dataclass(frozen=True)
class Session:
    panes: tuple[PaneState, ...]
    focused: int = 0
    """Position in ``panes`` of the pane the keys act on."""

    def to_json(self, workspace: Workspace) -> str:
        """The file's text; the folders are written for a person reading it, never read back."""
        data = {
            "format": FORMAT,
            "corpus": [str(Path(root).resolve()) for root in workspace.corpus.roots],
            "annotations": str(workspace.store.folder.resolve()),
            "panes": [{"doc": pane.doc, "claim": pane.claim} for pane in self.panes],
            "focused": self.focused,
        }
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"

    @classmethod
    def from_json(cls, text: str | bytes) -> Session:
        """Parse a session file; ``ValueError`` for anything not written by :meth:`to_json`."""
        data = json.loads(text)
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError("not a session file of this format")
        panes, focused = data.get("panes"), data.get("focused", 0)
        if not isinstance(panes, list) or len(panes) > MAX_PANES:
            raise ValueError(f"panes: not a list of at most {MAX_PANES}")
        if not isinstance(focused, int) or isinstance(focused, bool):
            raise ValueError("focused: not a number")
        parsed = []
        for pane in panes:
            doc = pane.get("doc") if isinstance(pane, dict) else None
            claim = pane.get("claim") if isinstance(pane, dict) else None
            if not isinstance(doc, str) or not (claim is None or isinstance(claim, str)):
                raise ValueError("a pane without a document id")
            parsed.append(PaneState(doc, claim))
        return cls(tuple(parsed), focused)


def session_of(panes: Sequence[tuple[Document, Claim | None]], focused: int) -> Session | None:
    """The session of panes showing these (document, claim under the cursor) pairs."""
    if not panes:
        return None
    return Session(
        tuple(PaneState(doc.id, claim.id if claim else None) for doc, claim in panes), focused
    )


def read_session(path: Path) -> Session | None:
    """The saved session, or ``None`` when there is none or it cannot be used."""
    try:
        return Session.from_json(path.read_bytes())
    except (OSError, ValueError):  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        return None


def write_session(path: Path, session: Session, workspace: Workspace) -> None:
    """Save atomically (a crash mid-write leaves the previous session); may raise ``OSError``."""
    write_atomic(path, session.to_json(workspace))


@dataclass(frozen=True)
class Restored:
    """A session mapped onto the corpus as it is now."""

    documents: list[Document]
    cursors: list[int | None]
    """Claim index per document; ``None`` where the claim is gone (open at the first unreviewed)."""
    focused: int


def restore(session: Session, corpus: Corpus) -> Restored | None:
    """The panes of ``session`` whose documents still exist; ``None`` if none does."""
    documents: list[Document] = []
    cursors: list[int | None] = []
    focused = 0
    for position, pane in enumerate(session.panes):
        doc = corpus.get(pane.doc)
        if doc is None:
            continue
        if position <= session.focused:
            focused = len(documents)  # the focused pane, or the nearest kept one before it
        claim = doc.claims_by_id.get(pane.claim) if pane.claim is not None else None
        documents.append(doc)
        cursors.append(claim.index if claim is not None else None)
    if not documents:
        return None
    return Restored(documents, cursors, focused)


class SessionKeeper:
    """Writes the session file when the panes change; a failure costs only the restore."""

    def __init__(self, path: Path, workspace: Workspace, saved: Session | None = None) -> None:
        self.path = path
        self.workspace = workspace
        self.saved = saved

    def save(self, session: Session | None) -> None:
        if session is None or session == self.saved:
            return
        try:
            write_session(self.path, session, self.workspace)
        except OSError:
            return
        self.saved = session


@dataclass(frozen=True)
class Start:
    """What the reader opens with: documents, each one's cursor, the focused pane."""

    documents: list[Document]
    cursors: list[int | None]
    focused: int = 0


def starting_point(
    workspace: Workspace, documents: list[Document] | None, *, session: bool | None
) -> tuple[Start, SessionKeeper | None]:
    """The given documents, else the last session's panes, else the first two documents.

    ``session``: restore and keep the session (default: unless ``FACTCHECK_SESSION=0``).
    """
    keep = enabled() if session is None else session
    keeper = SessionKeeper(session_path(workspace), workspace) if keep else None
    if documents is not None:
        return Start(list(documents), [None] * len(documents)), keeper
    if keeper is not None:
        saved = read_session(keeper.path)
        restored = restore(saved, workspace.corpus) if saved is not None else None
        if restored is not None:
            keeper.saved = saved
            return Start(restored.documents, restored.cursors, restored.focused), keeper
    first = workspace.corpus.documents[:2]
    return Start(first, [None] * len(first)), keeper
