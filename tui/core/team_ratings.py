"""The team's tags as reliability data: ``(document id, claim id) → {analyst: label}``.

The bridge from the store to ``tui.core.agreement``, which knows nothing of
files. A verdict is left out: it is a reviewer settling the claim after
seeing everyone's tags, not an independent rating, and counting it would
make the team look more reliable than it is (docs/format.md, "Agreement").
A reviewer who had tagged the claim before settling it counts with that tag
(the verdict's ``own_label``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from tui.core.document_annotations import DocumentAnnotations
from tui.core.model import Document
from tui.core.store import AnnotationStore

Unit = tuple[str, str]


def document_ratings(state: DocumentAnnotations) -> dict[Unit, dict[str, str]]:
    """Every analyst's own label (a verdict's ``own_label``) on each claim of one document."""
    ratings: dict[Unit, dict[str, str]] = {}
    for team in state.teams:
        by = {
            tag.analyst: tag.own_label if tag.verdict else tag.label
            for tag in team.tags
            if not tag.verdict or tag.own_label
        }
        if by:
            ratings[state.doc.id, team.claim.id] = by
    return ratings


def corpus_ratings(
    store: AnnotationStore,
    docs: Iterable[Document],
    *,
    on_error: Callable[[DocumentAnnotations], None] | None = None,
) -> dict[Unit, dict[str, str]]:
    """The ratings of several documents; ``on_error`` hears of unreadable files."""
    ratings: dict[Unit, dict[str, str]] = {}
    for doc in docs:
        state = store.load(doc)
        if on_error is not None and (state.error is not None or state.warnings):
            on_error(state)
        ratings.update(document_ratings(state))
    return ratings
