"""``similar``'s candidates: votes stop for items out of reach, and the result is the same."""

from __future__ import annotations

import random
from bisect import bisect_left
from itertools import chain
from pathlib import Path

import pytest

from tui.core import similar
from tui.core.corpus import Corpus
from tui.core.model import Claim, ClaimKind, Document
from tui.core.search import SearchIndex
from tui.core.similar import candidates, content_terms


def _corpus(seed: int, documents: int = 40, claims: int = 30) -> SearchIndex:
    """Words from a Zipf-like vocabulary, some with a typo: postings of every length."""
    rng = random.Random(seed)
    vocabulary = [f"w{n}ord{'x' * (n % 3)}" for n in range(400)]
    weights = [1.0 / (rank + 1) for rank in range(len(vocabulary))]
    docs = []
    for d in range(documents):
        lines = []
        for _ in range(claims):
            words = rng.choices(vocabulary, weights, k=rng.randint(4, 14))
            if rng.random() < 0.2:  # a typo: a word of its own, found by the others
                k = rng.randrange(len(words))
                words[k] = words[k][:-1] + "q"
            lines.append(" ".join(words) + ".")
        text = "\n".join(lines)
        doc = Document(id=f"{d:03d}_doc", path=Path(f"{d:03d}.txt"), text=text, sha256="")
        start = 0
        for i, line in enumerate(lines):
            end = start + len(line)
            doc.claims.append(Claim(doc, i, f"c{d:03d}{i:04d}", start, end, ClaimKind.CLAIM, i))
            start = end + 1
        docs.append(doc)
    return SearchIndex.build(Corpus(docs))


def every_vote(index: SearchIndex, claim: Claim, count: int) -> list[int]:
    """What :func:`candidates` returns, by summing every vote (the definition)."""
    tix = index.terms
    lo, hi = index.doc_range(claim.doc.id)
    cap = max(50, max(tix.size, 1) // 20)

    def rarity(term: str) -> int:
        tid = tix.vocab.get(term)
        return tix.df(tid) if tid is not None else 0

    acc: dict[int, float] = {}
    for term in sorted(content_terms(claim.text), key=rarity)[: similar._SEED_TERMS]:
        tid = tix.vocab.get(term)
        postings = tix.postings[tid] if tid is not None else ()
        if len(postings) > cap:
            continue
        start, end = bisect_left(postings, lo), bisect_left(postings, hi)
        w = 1.0 / (1.0 + rarity(term))
        for item in chain(postings[:start], postings[end:]):
            acc[item] = acc.get(item, 0.0) + w
    ranked = sorted(acc, key=acc.__getitem__, reverse=True)  # stable: ties as voted
    return ranked[:count]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_candidates_are_those_of_every_vote_counted(seed: int, monkeypatch) -> None:
    index = _corpus(seed)
    closed: list[bool] = []
    prune = similar._without_the_out_of_reach

    def recorded(acc: dict[int, float], rest: float, count: int):  # type: ignore[no-untyped-def]
        kept, stop = prune(acc, rest, count)
        closed.append(stop)
        return kept, stop

    monkeypatch.setattr(similar, "_without_the_out_of_reach", recorded)
    rng = random.Random(seed)
    for claim in rng.sample(index.claims, 150):
        for count in (1, 3, 10, 60):
            assert candidates(index, claim, count) == every_vote(index, claim, count)
    assert any(closed) and not all(closed)  # the shortcut was taken, and not always


def test_an_item_the_remaining_votes_could_lift_is_kept() -> None:
    acc = {1: 0.50, 2: 0.40, 3: 0.30, 4: 0.05}
    kept, stop = similar._without_the_out_of_reach(acc, rest=0.26, count=2)
    # The 2nd best is 0.40: 3 could reach it (0.56), 4 could not (0.31); nothing new can.
    assert stop and list(kept) == [1, 2, 3]
    assert similar._without_the_out_of_reach(acc, rest=0.45, count=2) == (acc, False)
    assert similar._without_the_out_of_reach(acc, rest=0.0, count=2) == (acc, False)
