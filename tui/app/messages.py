"""Messages the reader screen sends its widgets (dataclasses, as toolong's are).

The screen changes annotations through the core (:mod:`tui.core.editing`) and
then tells each widget what changed; each widget decides for itself what to
redraw. They do not bubble: they are addressed to the widget they are posted to.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class AnnotationsChanged(Message, bubble=False):
    """A document's annotations changed on disk (a save here, a reload of another's save)."""

    doc_id: str
    claim_index: int | None = None
    """The one claim whose record changed; ``None``: any claim of the document may have."""


@dataclass
class ProgressChanged(Message, bubble=False):
    """The corpus progress count changed (more documents counted)."""


@dataclass
class IndexBuilt(Message, bubble=False):
    """The search index worker finished (built, or failed: the live index says which)."""
