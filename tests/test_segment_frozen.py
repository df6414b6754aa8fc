"""Claims never move: the segmentation of many texts is what it was when frozen.

Annotations are anchored to claim spans and ids, so a faster segmenter must
give exactly the old blocks and claims. ``tests/expected/segmentation.txt``
holds a digest per source of ``tests/segment_texts.py`` as the code of
commit ae66c23 made them. When one differs, ``python bench/same_segments.py
--against ae66c23`` names the texts that moved.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

import pytest
from segment_texts import texts

from tui.core import claim_packs, segmenting
from tui.core.model import Document

EXPECTED = Path(__file__).with_name("expected") / "segmentation.txt"
COUNT = 200


def shape(doc: Document) -> str:
    return repr(
        (
            [(b.start, b.end, str(b.kind)) for b in doc.blocks],
            [(c.index, c.id, c.start, c.end, str(c.kind), c.block) for c in doc.claims],
        )
    )


def digests(pairs: Iterable[tuple[str, str]], *, via_entry: bool = False) -> dict[str, str]:
    """One digest per source (the part of a name before its first ``-``)."""
    made: dict[str, hashlib._Hash] = {}
    for name, text in pairs:
        sha = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
        doc = Document(id=name, path=Path(name), text=text, sha256=sha)
        if via_entry:
            assert claim_packs.fill([doc], segmenting._work([(text, sha)]), {})
        else:
            segmenting.segment_fresh(doc)
        kind = name.split("-")[0]
        made.setdefault(kind, hashlib.sha1()).update(f"{name}\n{shape(doc)}\n".encode())
    return {kind: digest.hexdigest() for kind, digest in made.items()}


def expected() -> dict[str, str]:
    lines = EXPECTED.read_text(encoding="utf-8").split("\n")
    return dict(line.split(" ") for line in lines if line and not line.startswith("#"))


def test_every_source_segments_as_frozen() -> None:
    got = digests(texts(COUNT, hard=False))
    want = expected()
    assert {"seed", "article", "fuzz", "mutant"} <= set(got)
    # The shared data sets are on the project's machine only: checked where they are.
    assert {kind: got[kind] for kind in got} == {kind: want[kind] for kind in got}


@pytest.mark.usefixtures("cache_home")
def test_a_workers_entry_reads_back_as_frozen() -> None:
    """The packs the worker processes send back give the same claims as segmenting here."""
    chosen = [pair for pair in texts(40, hard=False) if not pair[0].startswith(("clef", "msrp"))]
    assert digests(chosen, via_entry=True) == digests(chosen)
