"""Helpers shared by the tests of segmenting and its caches."""

from __future__ import annotations

import pytest

from tui.core import segmenting
from tui.core.model import Document


def segmented_here(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record the documents segmented in this process (workers run their own copy)."""
    done: list[str] = []
    real = segmenting.segment_fresh

    def recording(doc: Document) -> None:
        done.append(doc.id)
        real(doc)

    monkeypatch.setattr(segmenting, "segment_fresh", recording)
    return done
