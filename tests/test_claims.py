"""Claims on the seeds: exact offsets, ids as docs/format.md says, and known sentences."""

from __future__ import annotations

import hashlib
import itertools
import re
import sys
from pathlib import Path

import pytest

from tui.core.blocks import BlockKind
from tui.core.claims import claim_id, piece_ids
from tui.core.corpus import Corpus, load_corpus, load_document
from tui.core.model import ClaimKind, Document

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus([SEEDS])


def _doc(corpus: Corpus, prefix: str) -> Document:
    (doc,) = corpus.find(prefix)
    return doc


def _texts(doc: Document) -> list[str]:
    return [claim.text for claim in doc.claims]


def test_every_seed_loads_with_claims(corpus: Corpus) -> None:
    assert [doc.id[:3] for doc in corpus] == ["000", "001", "002", "003", "004"]
    assert corpus.warnings == []
    assert all(len(doc.claims) > 20 for doc in corpus)


def test_offsets_are_exact_trimmed_ordered_and_inside_their_block(corpus: Corpus) -> None:
    for doc in corpus:
        previous_end = 0
        for i, claim in enumerate(doc.claims):
            assert claim.index == i and claim.number == i + 1
            assert claim.doc is doc
            assert doc.text[claim.start : claim.end] == claim.text
            assert claim.text == claim.text.strip() and claim.text
            assert claim.start >= previous_end
            previous_end = claim.end
            block = doc.blocks[claim.block]
            assert block.start <= claim.start < claim.end <= block.end
            assert block.kind is not BlockKind.BOILERPLATE
            if claim.kind is ClaimKind.HEADING:
                assert block.kind is BlockKind.HEADING
                assert (claim.start, claim.end) == (block.start, block.end)
            else:
                assert block.kind is BlockKind.PARAGRAPH


def test_paragraphs_lose_no_text(corpus: Corpus) -> None:
    """Between the claims of a paragraph there is only whitespace."""
    for doc in corpus:
        for index, block in enumerate(doc.blocks):
            if block.kind is BlockKind.BOILERPLATE:
                assert not [c for c in doc.claims if c.block == index]
                continue
            claims = [c for c in doc.claims if c.block == index]
            assert claims, doc.text[block.start : block.end]
            assert claims[0].start == block.start and claims[-1].end == block.end
            for a, b in itertools.pairwise(claims):
                assert doc.text[a.end : b.start].strip() == ""


def _expected_ids(texts: list[str]) -> list[str]:
    """docs/format.md's rule, written out independently of the code under test."""
    seen: dict[str, int] = {}
    ids = []
    for text in texts:
        digest = "c" + hashlib.sha1(re.sub(r"\s+", " ", text).strip().encode()).hexdigest()[:8]
        seen[digest] = seen.get(digest, 0) + 1
        ids.append(digest if seen[digest] == 1 else f"{digest}-{seen[digest]}")
    return ids


def test_ids_follow_design(corpus: Corpus) -> None:
    for doc in corpus:
        assert [c.id for c in doc.claims] == _expected_ids(_texts(doc))
        assert len({c.id for c in doc.claims}) == len(doc.claims)


def test_id_collapses_whitespace() -> None:
    assert claim_id("A  claim\u00a0with\n space.") == claim_id("A claim with space.")
    assert claim_id("A claim.") == "c" + hashlib.sha1(b"A claim.").hexdigest()[:8]
    assert re.fullmatch(r"c[0-9a-f]{8}", claim_id("x"))


def test_a_claim_collapsed_already_is_hashed_as_it_is() -> None:
    """piece_ids skips the split and join of a printable claim with single spaces only: sound
    because every character but the space that str.split splits at is unprintable."""
    splitters = [chr(c) for c in range(sys.maxunicode + 1) if len(f"a{chr(c)}b".split()) == 2]
    assert " " in splitters and not any(ch.isprintable() for ch in splitters if ch != " ")
    for text in ("A claim.", "A  claim.", " A claim.", "A claim. ", "A\u00a0claim.", "A\x1fb."):
        pieces = [(0, len(text), ClaimKind.CLAIM, 0), (0, len(text), ClaimKind.CLAIM, 0)]
        assert piece_ids(text, pieces) == [claim_id(text), claim_id(text) + "-2"]


def test_repeated_heading_gets_a_suffix(corpus: Corpus) -> None:
    doc = _doc(corpus, "004")
    title = (
        "British Report Warns: Serbia and Russia Cooperate to Destabilize Kosovo "
        "and the Western Balkans"
    )
    repeats = [c for c in doc.claims if c.text == title]
    assert [c.kind for c in repeats] == [ClaimKind.HEADING, ClaimKind.HEADING]
    assert repeats[1].id == repeats[0].id + "-2"
    assert doc.claim(repeats[1].id) is repeats[1]


def test_blinken_sentence_is_one_claim(corpus: Corpus) -> None:
    sentence = (
        "U.S. Secretary of State Antony Blinken called Serbian President Aleksandar Vucic "
        "to demand an “immediate de-escalation.”"
    )
    assert sentence in _texts(_doc(corpus, "002"))


def test_no_claim_splits_inside_us(corpus: Corpus) -> None:
    for doc in corpus:
        for match in re.finditer(r"U\.S\.", doc.text):
            claim = doc.claim_at(match.start())
            if claim is None:  # boilerplate
                continue
            assert claim.end >= match.end(), claim.text
        for claim in doc.claims:
            assert not claim.text.endswith(" U.") and not claim.text.startswith("S.")


@pytest.mark.parametrize(
    ("prefix", "sentence"),
    [
        ("002", "It has also improved his international hand."),
        (
            "002",
            "Russia views the Balkans as Europe’s soft underbelly, and Moscow believes that "
            "Serbia is its most vulnerable spot.",
        ),
        (
            "002",
            "By pushing the Balkans to the brink, he also hopes to show that NATO is a paper "
            "tiger and will not act if truly tested.",
        ),
        ("002", "He will keep testing NATO and trying to prove that the alliance is toothless."),
        (
            "002",
            "The United States and Europe must make it clear to Belgrade and Moscow that they "
            "will react strongly, and harshly, to future Balkan provocations.",
        ),
    ],
)
def test_sentences_joined_by_nbsp_are_split(corpus: Corpus, prefix: str, sentence: str) -> None:
    doc = _doc(corpus, prefix)
    assert sentence in _texts(doc)
    claim = next(c for c in doc.claims if c.text == sentence)
    assert doc.text[claim.start - 1] in " \u00a0\n"


def test_every_nbsp_sentence_break_is_a_claim_boundary(corpus: Corpus) -> None:
    checked = 0
    for doc in corpus:
        for match in re.finditer(r"[a-z][.?!][”\"]?\u00a0+(?=[A-Z“])", doc.text):
            after = match.end()
            claim = doc.claim_at(after)
            if claim is not None:
                assert claim.start == after, claim.text
                checked += 1
    assert checked >= 8  # the seeds hold that many; the check is not vacuous


@pytest.mark.parametrize(
    ("prefix", "sentence"),
    [
        ("000", "“We want a normal bridge,” Kurti said."),
        (
            "000",
            "Western countries, particularly the U.S., seem to have abandoned their moral "
            "high ground in their dealings with Serbia.",
        ),
        (
            "001",
            "Serbia, now harbouring terrorists with impunity, faces little to no "
            "accountability from the U.S.",
        ),
        ("001", "Why has the West allowed this to happen?"),
        ("003", "“It’s a hybrid occupation."),
        ("003", "(Photo by ANDREJ ISAKOVIC/AFP via Getty Images)"),
        (
            "003",
            "After 12 hours of negotiations on Saturday, Serbian President Aleksandar Vučić "
            "and Kosovo Prime Minister Albin Kurti agreed to move forward on a "
            "normalization accord.",
        ),
        ("004", "Kosovo at the Center of Regional Security Tensions"),
    ],
)
def test_known_claims(corpus: Corpus, prefix: str, sentence: str) -> None:
    assert sentence in _texts(_doc(corpus, prefix))


def test_claims_never_hold_boilerplate(corpus: Corpus) -> None:
    texts = [t for doc in corpus for t in _texts(doc)]
    for furniture in ("Skip to content", "Share with a friend", "Post a Comment", "WP Radio"):
        assert not any(furniture in t for t in texts)


def test_claim_lookup(corpus: Corpus) -> None:
    doc = _doc(corpus, "000")
    third = doc.claims[2]
    assert doc.claim("3") is third
    assert doc.claim(third.id) is third
    assert doc.claim("0") is None and doc.claim(str(len(doc.claims) + 1)) is None
    assert doc.claim("cdeadbeef") is None
    assert third.ref == f"{doc.id}:{third.id}"
    assert doc.claim_at(third.start) is third and doc.claim_at(third.end - 1) is third
    gap = doc.claims[3].start - 1  # the space between two sentences
    assert doc.claim_at(gap) is None
    assert doc.claim_at(-1) is None and doc.claim_at(len(doc.text)) is None
    overlapping = doc.claims_overlapping(third.start + 5, doc.claims[3].start + 2)
    assert [c for c, _ in overlapping] == [third, doc.claims[3]]


def test_titles(corpus: Corpus) -> None:
    assert _doc(corpus, "004").title.startswith("British Report Warns")
    assert _doc(corpus, "002").title == "Selected Articles Review"
    assert _doc(corpus, "000").title == _doc(corpus, "000").claims[0].text


def test_ids_survive_edits_elsewhere(corpus_dir: Path) -> None:
    path = next(corpus_dir.glob("000_*.txt"))
    before = load_document(path)
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    lines.insert(3, "An inserted paragraph. It says two things.")
    lines[5] = lines[5] + " One more sentence at the end."
    path.write_text("\n".join(lines), encoding="utf-8")
    after = load_document(path)
    old = {c.id: c.text for c in before.claims}
    new = {c.id: c.text for c in after.claims}
    assert len(new) == len(old) + 3
    for ident, sentence in old.items():
        assert new[ident] == sentence
