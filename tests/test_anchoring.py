"""Anchoring tags on an article that was edited: exact, moved, fuzzy or orphan, never wrong."""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from tui.core.anchoring import FUZZY_MIN, Anchor, Anchored, anchor_records, quotes_whole_claim
from tui.core.blocks import split_blocks
from tui.core.claims import build_claims
from tui.core.model import Claim, ClaimKind, Document
from tui.core.records import Annotation
from tui.core.store import AnnotationStore

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def make_doc(text: str, name: str = "doc") -> Document:
    """A document built from text alone, exactly as the corpus builds one from a file."""
    doc = Document(name, Path(f"{name}.txt"), text, hashlib.sha256(text.encode()).hexdigest())
    doc.blocks = list(split_blocks(text))
    doc.claims = build_claims(doc)
    return doc


def seed_text(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def tag(claims: list[Claim], label: str = "disputed") -> list[Annotation]:
    store = AnnotationStore(Path("unused"), analyst="tester")
    return [store.make_record(claim, label, note=f"note {claim.id}") for claim in claims]


def by_quote(anchored: list[Anchored]) -> dict[str, Anchored]:
    return {a.record.quote: a for a in anchored}


@pytest.fixture(scope="module")
def base() -> Document:
    return make_doc(seed_text("000"))


def _lines(doc: Document) -> list[str]:
    return doc.text.split("\n")


def test_unchanged_text_is_exact(base: Document) -> None:
    records = tag(base.claims[::5])
    anchored = anchor_records(base, records)
    assert [a.status for a in anchored] == [Anchor.EXACT] * len(records)
    assert [a.claim for a in anchored] == base.claims[::5]


def test_paragraph_inserted_above_moves_every_tag(base: Document) -> None:
    targets = [base.claims[2], base.claims[20], base.claims[-1]]
    records = tag(targets)
    lines = _lines(base)
    lines.insert(0, "A new opening paragraph. It shifts every offset below it.")
    edited = make_doc("\n".join(lines))
    anchored = anchor_records(edited, records)
    assert [a.status for a in anchored] == [Anchor.MOVED] * 3
    for a, old in zip(anchored, targets, strict=True):
        assert a.claim is not None and a.claim.text == old.text and a.claim.id == old.id
        assert (a.start, a.end) == (a.claim.start, a.claim.end)


def test_two_paragraphs_swapped_move(base: Document) -> None:
    first, second = base.blocks[1], base.blocks[4]
    in_first = next(c for c in base.claims if c.block == 1)
    in_second = next(c for c in base.claims if c.block == 4)
    untouched = next(c for c in base.claims if c.block == 0)
    records = tag([untouched, in_first, in_second])
    lines = _lines(base)
    a = lines.index(base.text[first.start : first.end])
    b = lines.index(base.text[second.start : second.end])
    lines[a], lines[b] = lines[b], lines[a]
    edited = make_doc("\n".join(lines))
    got = by_quote(anchor_records(edited, records))
    assert got[untouched.text].status is Anchor.EXACT
    assert got[in_first.text].status is Anchor.MOVED
    assert got[in_second.text].status is Anchor.MOVED
    assert got[in_first.text].claim.start > got[in_second.text].claim.start  # type: ignore[union-attr]
    for quote, anchored in got.items():
        assert anchored.claim is not None and anchored.claim.text == quote


def test_word_changed_inside_a_tagged_claim_is_fuzzy(base: Document) -> None:
    target = base.claims[6]  # "The infamous “Russian Humanitarian Centre” in Nis is …"
    neighbour = base.claims[7]
    records = tag([target, neighbour])
    edited_sentence = target.text.replace("widely recognised", "commonly recognised")
    assert edited_sentence != target.text
    edited = make_doc(base.text.replace(target.text, edited_sentence))
    got = by_quote(anchor_records(edited, records))
    fuzzy = got[target.text]
    assert fuzzy.status is Anchor.FUZZY
    assert fuzzy.claim is not None and fuzzy.claim.text == edited_sentence
    assert FUZZY_MIN <= fuzzy.score < 100
    assert got[neighbour.text].claim.text == neighbour.text  # type: ignore[union-attr]


def test_deleted_sentence_is_orphan_and_others_hold(base: Document) -> None:
    target, other = base.claims[10], base.claims[30]
    records = tag([target, other])
    edited = make_doc(base.text.replace(target.text + " ", ""))
    got = by_quote(anchor_records(edited, records))
    orphan = got[target.text]
    assert orphan.status is Anchor.ORPHAN and orphan.claim is None
    assert orphan.start is None and orphan.score == 0
    assert got[other.text].claim.text == other.text  # type: ignore[union-attr]
    assert got[other.text].status is Anchor.MOVED


def test_deleted_heading_does_not_jump_into_a_sentence_with_its_words() -> None:
    """Its words inside a longer sentence are not the heading: the tag is orphaned."""
    doc = make_doc(seed_text("004"))
    heading = next(c for c in doc.claims if c.text.startswith("Russian and Serbian Operations"))
    records = tag([heading])
    assert quotes_whole_claim(records[0])
    text = doc.text.replace(heading.text + "\n", "", 1).replace(
        "Beyond Kosovo,",
        f"{heading.text} have been documented by researchers for a decade. Beyond Kosovo,",
    )
    (anchored,) = anchor_records(make_doc(text), records)
    assert anchored.status is Anchor.ORPHAN


def test_partial_quote_written_by_hand_lands_on_its_sentence(base: Document) -> None:
    sentence = base.claims[4]
    words = sentence.text[:40]
    record = Annotation("opinion", words, sentence.start, sentence.start + 40)
    assert not quotes_whole_claim(record)
    (exact,) = anchor_records(base, [record])
    assert exact.status is Anchor.EXACT and exact.claim is sentence
    shifted = make_doc("Preface. Two.\n" + base.text)
    (moved,) = anchor_records(shifted, [record])
    assert moved.status is Anchor.MOVED and moved.claim is not None
    assert moved.claim.text == sentence.text


def test_repeated_heading_tags_stay_on_their_own_copy() -> None:
    doc = make_doc(seed_text("004"))
    first, second = [c for c in doc.claims if c.text.startswith("British Report Warns")]
    assert second.id == first.id + "-2"
    records = tag([first, second])
    edited = make_doc("Inserted line at the top. It shifts things.\n" + doc.text)
    got = anchor_records(edited, records)
    assert [a.status for a in got] == [Anchor.MOVED, Anchor.MOVED]
    assert got[0].claim.id == first.id and got[1].claim.id == second.id  # type: ignore[union-attr]


def test_one_copy_deleted_leaves_one_tag_and_one_orphan() -> None:
    doc = make_doc(seed_text("004"))
    first, second = [c for c in doc.claims if c.text.startswith("British Report Warns")]
    records = tag([first, second])
    text = doc.text[: second.start] + doc.text[second.end :]
    got = anchor_records(make_doc(text), records)
    assert Counter(a.status for a in got) == Counter({Anchor.EXACT: 1, Anchor.ORPHAN: 1})


def test_empty_and_out_of_range_records_are_orphans(base: Document) -> None:
    records = [
        Annotation("skip", "", 0, 0),
        Annotation("skip", "Not in the text at all, anywhere, in any form.", 10**6, 10**6 + 5),
    ]
    got = anchor_records(base, records)
    assert [a.status for a in got] == [Anchor.ORPHAN, Anchor.ORPHAN]


# --- property tests over random edits -------------------------------------------------------

_DONORS = [line for p in ("001", "003") for line in seed_text(p).split("\n") if len(line) > 40]


@st.composite
def edited_text(draw: st.DrawFn, text: str) -> str:
    """The article after a few random edits of the kinds editors make."""
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 5))):
        kind = draw(
            st.sampled_from(
                ["insert", "swap", "word", "delete_line", "delete_sentence", "dup", "merge", "lead"]
            )
        )
        i = draw(st.integers(0, len(lines) - 1))
        j = draw(st.integers(0, len(lines) - 1))
        if kind == "insert":
            lines.insert(i, draw(st.sampled_from(_DONORS)))
        elif kind == "swap":
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == "word":
            words = lines[i].split(" ")
            k = draw(st.integers(0, len(words) - 1))
            words[k] = draw(st.sampled_from(["not", "never", "Belgrade", "allegedly", ""]))
            lines[i] = " ".join(words)
        elif kind == "delete_line" and len(lines) > 1:
            del lines[i]
        elif kind == "delete_sentence":
            head, sep, tail = lines[i].partition(". ")
            lines[i] = tail if sep and draw(st.booleans()) else head + sep
        elif kind == "dup":
            lines.insert(j, lines[i])
        elif kind == "merge":  # two sentences become one: a quote is now part of a longer one
            lines[i] = lines[i].replace(". ", ", and ", 1)
        elif kind == "lead":  # words put before a sentence
            lines[i] = "According to officials, " + lines[i]
    return "\n".join(lines)


def check_invariants(doc: Document, records: list[Annotation], got: list[Anchored]) -> None:
    assert len(got) == len(records), "a record was dropped"
    assert [a.record for a in got] == records, "records out of order or replaced"
    claims_used = [a.claim.index for a in got if a.claim is not None]
    assert len(claims_used) == len(set(claims_used)), "two records on one claim"
    for a in got:
        assert a.status in set(Anchor)
        if a.status is Anchor.ORPHAN:
            assert a.claim is None
            continue
        assert a.claim is not None and a.claim.doc is doc
        if a.status in (Anchor.EXACT, Anchor.MOVED):
            assert a.claim.text == a.record.quote, "exact/moved onto a different sentence"
            assert doc.text[a.start : a.end] == a.record.quote  # type: ignore[misc]
        else:
            assert fuzz.ratio(a.record.quote, a.claim.text) >= FUZZY_MIN, "fuzzy onto a stranger"
    # A tagged sentence that survives word for word is never orphaned.
    wanted = Counter(r.quote for r in records)
    present = Counter(c.text for c in doc.claims)
    placed = Counter(a.record.quote for a in got if a.status in (Anchor.EXACT, Anchor.MOVED))
    for quote, count in wanted.items():
        assert placed[quote] == min(count, present[quote]), quote[:60]


@pytest.mark.parametrize("prefix", ["000", "004"])
@settings(
    max_examples=int(os.environ.get("FACTCHECK_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_random_edits_never_lose_or_misplace_a_tag(prefix: str, data: st.DataObject) -> None:
    original = make_doc(seed_text(prefix))
    count = len(original.claims)
    chosen = data.draw(st.lists(st.integers(0, count - 1), min_size=1, max_size=12, unique=True))
    records = tag([original.claims[i] for i in sorted(chosen)])
    edited = make_doc(data.draw(edited_text(original.text)))
    check_invariants(edited, records, anchor_records(edited, records))


def test_headings_and_claims_are_both_anchored() -> None:
    doc = make_doc(seed_text("004"))
    records = tag([c for c in doc.claims if c.kind is ClaimKind.HEADING][:3] + doc.claims[5:7])
    edited = make_doc(doc.text.replace("Kosovo", "Kosova"))
    got = anchor_records(edited, records)
    check_invariants(edited, records, got)
    assert {a.status for a in got} <= {Anchor.EXACT, Anchor.FUZZY, Anchor.MOVED, Anchor.ORPHAN}
    assert sum(a.status is Anchor.FUZZY for a in got) >= 3
