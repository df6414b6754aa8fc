"""``similar`` on the seeds: shared facts pair up, unrelated sentences do not.

000 and 001 are two versions of one article; 002 and 003 report some of the
same facts in their own words; 004 is a different report. Pairs are named by
document and a piece of text, so segmentation changes do not break them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.core.model import Claim
from tui.core.search import SearchIndex
from tui.core.similar import SAME_THRESHOLD, THRESHOLD, content_terms, find_similar
from tui.core.workspace import Workspace, open_workspace

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

SAME_FACT = [
    # The article and its rewrite: sentences kept, lightly or heavily edited.
    (("000", "PMC Wagner Recruitment"), ("001", "PMC Wagner Recruitment")),
    (("000", "The West must recognise that Serbia"), ("001", "At what point will the West")),
    (("000", "This is not a rogue outpost"), ("001", "This is no rogue outpost")),
    (
        ("000", "Serbia, emboldened by Western appeasement"),
        ("001", "The Serbian state, emboldened"),
    ),
    (("000", "offers safe haven to Russian oligarchs"), ("001", "opened its doors to Russian")),
    (("000", "signed strategic energy deals"), ("001", "signed strategic energy agreements")),
    (("000", "The infamous “Russian Humanitarian Centre”"), ("001", "hub for Russian espionage")),
    (("000", "withdraw its law enforcement"), ("001", "withdraw its law enforcement")),
    (("000", "cracked down on Russian dissidents"), ("001", "cracked down on Russian dissidents")),
    # The same facts in other words.
    (("002", "Ana Brnabic said that Kosovo"), ("003", "Ana Brnabic said the Balkan states")),
    (("002", "Serbia’s domestic media have adopted"), ("003", "amplify Kremlin talking points")),
]

NOT_SAME = [
    # Same words, different facts: Milosevic's tribunal, Putin's warrant.
    (("002", "Milosevic was arrested for war crimes"), ("003", "International Criminal Court")),
    # A headline of common words against a claim using them.
    (("001", "Today, Serbia is not only a proxy"), ("004", "Russian and Serbian Operations")),
    (("001", "strategic partner but an ally"), ("002", "Many Serbians are natural partners")),
    (("001", "It gets worse."), ("003", "gets a loyal vassal")),
    (("002", "All Serbs know they lost Kosovo"), ("003", "So we know the tricks")),
    (("002", "Moscow—which does not recognize"), ("003", "does not recognize its")),
]


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex.build(open_workspace([SEEDS]).corpus)


def find(index: SearchIndex, ref: tuple[str, str]) -> Claim:
    doc, snippet = ref
    found = [c for c in index.claims if c.doc.id.startswith(doc) and snippet in c.text]
    assert len(found) == 1, f"{ref}: {found}"
    return found[0]


def score_between(index: SearchIndex, a: Claim, b: Claim) -> float | None:
    return next((h.score for h in find_similar(index, a, limit=100) if h.claim is b), None)


@pytest.mark.parametrize(("a", "b"), SAME_FACT, ids=[f"{a[0]}-{b[0]} {a[1]}" for a, b in SAME_FACT])
def test_shared_facts_are_paired_both_ways(index: SearchIndex, a: tuple, b: tuple) -> None:
    first, second = find(index, a), find(index, b)
    forward = score_between(index, first, second)
    backward = score_between(index, second, first)
    # Found; a pair whose polarity or a detail differs may score below THRESHOLD
    # and still be shown, in the related band.
    assert forward is not None, (first, second, forward)
    assert forward == backward  # the measure is symmetric


@pytest.mark.parametrize(("a", "b"), NOT_SAME, ids=[f"{a[0]}-{b[0]} {a[1]}" for a, b in NOT_SAME])
def test_unrelated_sentences_are_not_paired(index: SearchIndex, a: tuple, b: tuple) -> None:
    first, second = find(index, a), find(index, b)
    assert score_between(index, first, second) is None
    assert score_between(index, second, first) is None


def test_every_pair_shown_on_the_seeds_is_a_version_or_a_shared_fact(index: SearchIndex) -> None:
    """Nothing unrelated: every pair above the threshold is 000/001 or 002/003."""
    pairs = set()
    for claim in index.claims:
        for hit in find_similar(index, claim, limit=100):
            pairs.add(frozenset({claim.doc.id[:3], hit.claim.doc.id[:3]}))
    # 000 and 002 share one fact, found through the alias table: Russia blocks
    # "membership in the United Nations" / will block Kosovo "becoming a UN member state".
    assert pairs <= {
        frozenset({"000", "001"}),
        frozenset({"002", "003"}),
        frozenset({"000", "002"}),
    }
    assert {frozenset({"000", "001"}), frozenset({"002", "003"})} <= pairs


def test_near_duplicates_score_high_and_rank_first(index: SearchIndex) -> None:
    claim = find(index, ("000", "PMC Wagner Recruitment"))
    hits = find_similar(index, claim)
    assert hits[0].claim is find(index, ("001", "PMC Wagner Recruitment"))
    assert hits[0].score > 90
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)


def test_only_other_documents_and_limit(index: SearchIndex) -> None:
    for claim in index.claims[::7]:
        hits = find_similar(index, claim, limit=2)
        assert len(hits) <= 2
        # find_similar keeps every match in a band, even one whose discrepancies bring its
        # score under THRESHOLD (its docstring): a band, not the score, is the promise.
        assert all(h.claim.doc is not claim.doc and h.band is not None for h in hits)
        assert all(h.score >= THRESHOLD or h.band == "related" for h in hits)
        assert all(h.band == "same" or h.score < SAME_THRESHOLD for h in hits)


def test_claims_without_content_words_match_nothing(index: SearchIndex) -> None:
    claim = find(index, ("001", "It gets worse."))
    assert content_terms("It is what it is, and so it was.") == []
    assert find_similar(index, claim) == []


def test_label_disagreement_is_flagged(corpus_dir: Path, annotations_dir: Path) -> None:
    workspace: Workspace = open_workspace([corpus_dir], annotations=annotations_dir, analyst="a")
    index = SearchIndex.build(workspace.corpus)
    here = find(index, ("000", "PMC Wagner Recruitment"))
    there = find(index, ("001", "PMC Wagner Recruitment"))

    def label_of(claim: Claim) -> str | None:
        return workspace.store.load(claim.doc).label(claim)

    def hit_for_there():
        return next(h for h in find_similar(index, here, label_of=label_of) if h.claim is there)

    hit = hit_for_there()
    assert (hit.label, hit.label_differs) == (None, False)
    workspace.store.set(here, "disputed")
    hit = hit_for_there()
    assert (hit.label, hit.label_differs) == (None, False)  # untagged there: not a disagreement
    workspace.store.set(there, "sourced")
    hit = hit_for_there()
    assert (hit.label, hit.label_differs) == ("sourced", True)
    workspace.store.set(there, "disputed")
    assert hit_for_there().label_differs is False


def test_typos_and_diacritics_still_pair(tmp_path: Path) -> None:
    """A fact spelled differently in two reports (Vučić/Vucic, a typo) still pairs."""
    (tmp_path / "a.txt").write_text(
        "Serbian President Aleksandar Vučić recalled the ambassador from Zagreb on Tuesday.\n"
    )
    (tmp_path / "b.txt").write_text(
        "On Tuesday, Serbian president Aleksandar Vucic recaled the ambasador from Zagreb.\n"
    )
    (tmp_path / "c.txt").write_text(
        "The weather in Lisbon was sunny on Tuesday, with light winds.\n"
    )
    index = SearchIndex.build(open_workspace([tmp_path]).corpus)
    a = index.claims[0]
    hits = find_similar(index, a)
    assert [h.claim.doc.id for h in hits] == ["b"]
    assert hits[0].score > 60
