"""What a new reading of a document did to the tags on it: how many moved, how many orphaned.

The reader loads an article again when its text (or its corrected claim
boundaries) changed on disk, and every analyst's records anchor afresh
(docs/format.md, "Anchoring"). Nothing is rewritten; this only counts, for the
one sentence that tells the analyst what happened.
"""

from __future__ import annotations

from dataclasses import dataclass

from tui.core.anchoring import Anchor
from tui.core.document_annotations import DocumentAnnotations
from tui.core.progress import plural


@dataclass(frozen=True)
class Reanchored:
    moved: int = 0
    """Tags now on a claim with other text, or found at another place."""
    orphaned: int = 0
    """Tags that were on a claim before and are on none now (kept, listed by ``R``)."""
    reattached: int = 0
    """Orphans before that are on a claim again."""

    def text(self) -> str:
        """``2 tags moved, 1 orphaned`` (``tags unchanged`` when nothing moved)."""
        parts = []
        if self.moved:
            parts.append(f"{plural(self.moved, 'tag')} moved")
        if self.orphaned:
            parts.append(
                f"{plural(self.orphaned, 'tag')} orphaned"
                if not parts
                else f"{self.orphaned} orphaned"
            )
        if self.reattached:
            parts.append(f"{plural(self.reattached, 'orphan')} re-attached")
        return ", ".join(parts) or "tags unchanged"


def _places(state: DocumentAnnotations) -> dict[tuple[str, str], tuple[Anchor, str | None]]:
    """Each record (by analyst and key) and the text of the claim it sits on now."""
    return {
        (anchored.record.analyst, anchored.record.key): (
            anchored.status,
            anchored.claim.text if anchored.claim is not None else None,
        )
        for anchored in state.anchored
        if not anchored.record.cleared
    }


def compare(before: DocumentAnnotations, after: DocumentAnnotations) -> Reanchored:
    """How the records of ``before`` sit in ``after`` (both of one document, read twice)."""
    old, new = _places(before), _places(after)
    moved = orphaned = reattached = 0
    for key, (status, text) in new.items():
        was = old.get(key)
        if was is None:
            continue  # a record written since: not a move
        was_status, was_text = was
        if status is Anchor.ORPHAN:
            orphaned += was_status is not Anchor.ORPHAN
        elif was_status is Anchor.ORPHAN:
            reattached += 1
        elif text != was_text or (status is not Anchor.EXACT and was_status is Anchor.EXACT):
            moved += 1
    return Reanchored(moved, orphaned, reattached)
