"""Claim search on the seeds: a query set with the claims each query means.

Expected claims are named by document and a piece of their text (not by
number), so the tests survive segmentation changes but break when search
stops finding what an analyst typed.
"""

from __future__ import annotations

import random
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.model import Claim
from tui.core.normalize import fold, index_terms, term_spans, terms
from tui.core.search import QueryError, SearchIndex, parse_query
from tui.core.search.terms import TermIndex
from tui.core.workspace import Workspace, open_workspace

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex.build(open_workspace([SEEDS]).corpus)


@pytest.fixture
def workspace(corpus_dir: Path, annotations_dir: Path) -> Workspace:
    return open_workspace([corpus_dir], annotations=annotations_dir, analyst="test")


def find(index: SearchIndex, doc: str, snippet: str) -> Claim:
    """The one claim of document ``doc`` (a prefix) whose text holds ``snippet``."""
    found = [c for c in index.claims if c.doc.id.startswith(doc) and snippet in c.text]
    assert len(found) == 1, f"{doc} {snippet!r}: {found}"
    return found[0]


def rank_of(hits: list, claim: Claim) -> int | None:
    for i, hit in enumerate(hits):
        if hit.claim is claim:
            return i
    return None


# (query, expected claims as (document, snippet), k): each expected claim is in the top k.
QUERY_SET = [
    # diacritics and case
    ("vucic kurti normalization", [("003", "Vučić and Kosovo Prime Minister Albin Kurti")], 1),
    ("VUČIĆ KURTI NORMALIZATION", [("003", "Vučić and Kosovo Prime Minister Albin Kurti")], 1),
    ("milosevic regime", [("003", "Slobodan Milošević’s regime came")], 5),
    # typos: substitution, missing letter, transposition, extra letter
    (
        "brnabik armed conflict",
        [("002", "Ana Brnabic said that"), ("003", "Ana Brnabic said the")],
        2,
    ),
    ("kosvo sovereignty", [("000", "essential to asserting Kosovo’s sovereignty")], 5),
    (
        "recruitmnet wagner",
        [("000", "PMC Wagner Recruitment"), ("001", "PMC Wagner Recruitment")],
        2,
    ),
    (
        "humanitarain centre",
        [("000", "“Russian Humanitarian Centre” in Nis"), ("001", "espionage")],
        2,
    ),
    (
        "rafalle fighter jets",
        [("000", "12 Rafale fighter jets"), ("001", "12 Rafale fighter jets")],
        2,
    ),
    (
        "oligarchs citizenshipp",
        [
            ("000", "safe haven to Russian oligarchs"),
            ("001", "opened its doors to Russian oligarchs"),
        ],
        2,
    ),
    # curly and straight quotes and apostrophes, no-break spaces
    (
        '"Russian Humanitarian Centre"',
        [("000", "infamous “Russian"), ("001", 'infamous "Russian')],
        2,
    ),
    (
        "“Russian Humanitarian Centre”",
        [("000", "infamous “Russian"), ("001", 'infamous "Russian')],
        2,
    ),
    ("Serbia's deepening alliance", [("000", "rogue outpost"), ("001", "rogue outpost")], 2),
    ("dont want to sign", [("003", "I don’t want to sign")], 1),
    ("serbia refuses to impose sanctions", [("002", "Moscow’s support is the reason")], 1),
    ('"refuses to impose sanctions"', [("002", "Moscow’s support is the reason")], 1),
    # hyphens, numbers
    ("deescalate pristina", [("000", "pressure on Pristina to de-escalate")], 1),
    ("250,000 deaths", [("001", "250,000 deaths")], 1),
    # a word still being typed
    ("ana brnab", [("002", "Ana Brnabic said that"), ("003", "Ana Brnabic said the")], 3),
    ("ohrid agree", [("001", "Ohrid Agreements")], 1),
    # filters
    ("doc:003 vucic reporters", [("003", "Vučić told reporters")], 1),
    ("doc:002 brnabic", [("002", "Ana Brnabic said that")], 1),
]


@pytest.mark.parametrize(("query", "expected", "k"), QUERY_SET, ids=[q for q, _, _ in QUERY_SET])
def test_query_set_recall_at_k(index: SearchIndex, query: str, expected: list, k: int) -> None:
    hits = index.search(query, limit=20)
    for doc, snippet in expected:
        claim = find(index, doc, snippet)
        position = rank_of(hits, claim)
        assert position is not None and position < k, (
            f"{query!r}: {claim!r} at {position}; got {[(h.claim, h.score) for h in hits[:k]]}"
        )


def test_diacritics_case_and_quotes_do_not_change_results(index: SearchIndex) -> None:
    def refs(query: str) -> list[str]:
        return [hit.claim.ref for hit in index.search(query, limit=50)]

    assert refs("vucic") == refs("Vučić") == refs("VUCIC")
    assert refs("vucic")  # and "Vučić" in 003 is among them
    assert any(ref.startswith("003") for ref in refs("vucic"))
    assert refs("serbia’s alliance") == refs("serbia's alliance")
    assert refs("serbia\u00a0refuses") == refs("serbia refuses")


def test_phrases_match_consecutive_words_only(index: SearchIndex) -> None:
    hits = index.search('"armed conflict"', limit=50)
    assert hits
    for hit in hits:
        assert " armed conflict" in " " + " ".join(terms(hit.claim.text)) + " "
    assert rank_of(hits, find(index, "002", "Ana Brnabic said that")) is not None
    # The same words, not side by side, are not the phrase.
    assert index.search('"conflict armed"') == []
    assert index.search('"brink conflict"') == []
    assert index.search("brink conflict")  # as free words they match


def test_claims_holding_every_word_rank_first(index: SearchIndex) -> None:
    hits = index.search("rafale jets nato", limit=50)
    holds_all = [{"rafale", "jets", "nato"} <= set(terms(h.claim.text)) for h in hits]
    assert holds_all[0] and not all(holds_all)
    first_partial = holds_all.index(False)
    assert all(holds_all[:first_partial]) and not any(holds_all[first_partial:])


def test_scores_are_0_to_100_best_first(index: SearchIndex) -> None:
    for query in ("vucic", "kosvo sovereignty", "serbia russia", "ana brnab"):
        scores = [hit.score for hit in index.search(query, limit=50)]
        assert scores and scores == sorted(scores, reverse=True)
        assert all(0 < s <= 100 for s in scores)
    exact = index.search("brnabic")[0].score
    typo = index.search("brnabik")[0].score
    assert exact == 100 and 50 < typo < exact


def test_spans_cover_the_matched_words(index: SearchIndex) -> None:
    hit = index.search("vucic kurti normalization", limit=1)[0]
    words = [hit.claim.text[a:b] for a, b in hit.spans]
    assert words == ["Vučić", "Kurti", "normalization"]
    hit = index.search("recruitmnet wagner", limit=1)[0]
    assert {fold(hit.claim.text[a:b]) for a, b in hit.spans} == {"wagner", "recruitment"}
    hit = index.search("deescalate pristina", limit=1)[0]
    assert "de-escalate" in [hit.claim.text[a:b] for a, b in hit.spans]


def test_nothing_matches_nonsense(index: SearchIndex) -> None:
    assert index.search("xyzzy") == []
    assert index.search("") == []
    assert index.search("   ") == []
    # A word found nowhere outweighs a common one: no half-hearted hits.
    assert index.search("serbia qwxzvbnm") == []


def test_doc_filter_exact_id_prefix_and_docs_argument(index: SearchIndex) -> None:
    hits = index.search("doc:003 vucic", limit=50)
    assert hits and all(h.claim.doc.id.startswith("003") for h in hits)
    both = index.search("doc:002 doc:003 vucic", limit=100)
    assert {h.claim.doc.id[:3] for h in both} == {"002", "003"}
    doc_id = find(index, "001", "Ohrid Agreements").doc.id
    hits = index.search("serbia", limit=100, docs=[doc_id])
    assert hits and all(h.claim.doc.id == doc_id for h in hits)
    assert index.search("doc:999 serbia") == []
    only = index.search("doc:004", limit=500)
    assert len(only) == len([c for c in index.claims if c.doc.id.startswith("004")])


def test_label_filters(workspace: Workspace) -> None:
    index = SearchIndex.build(workspace.corpus, workspace.store)
    tagged = find(index, "000", "PMC Wagner Recruitment")
    untagged = find(index, "001", "PMC Wagner Recruitment")
    workspace.store.set(tagged, "disputed")

    def label_of(claim: Claim) -> str | None:
        return workspace.store.load(claim.doc).label(claim)

    def claims(query: str) -> list[Claim]:
        return [h.claim for h in index.search(query, limit=50, label_of=label_of)]

    assert claims("wagner label:disputed") == [tagged]
    assert claims("wagner label:dis") == [tagged]  # typed half-way
    assert tagged not in claims("wagner label:none") and untagged in claims("wagner label:none")
    assert claims("label:disputed") == [tagged]
    assert claims("wagner label:sourced") == []
    assert claims("wagner label:sourced label:disputed") == [tagged]
    with pytest.raises(QueryError, match="not a label"):
        index.search("wagner label:bogus", label_of=label_of)


def test_notes_are_searched_and_refreshed(workspace: Workspace) -> None:
    index = SearchIndex.build(workspace.corpus, workspace.store)
    claim = find(index, "004", "paramilitary attack in Banjska")
    assert index.search("zagreb cadastre ledger") == []
    workspace.store.set(claim, "sourced", note="Confirmed by the Zagreb cadastre’s ledger")
    index.refresh_notes(workspace.corpus, workspace.store)
    hits = index.search("zagreb cadastre ledger")
    assert [h.claim for h in hits] == [claim]
    hit = hits[0]
    assert hit.field == "note" and hit.note is not None
    assert [hit.note[a:b] for a, b in hit.spans] == ["Zagreb", "cadastre", "ledger"]
    index.set_note(claim, "now about a xylophone")
    assert index.search("zagreb cadastre ledger") == []
    assert index.search("xylophone")[0].claim is claim
    index.set_note(claim, None)
    assert index.search("xylophone") == []


def test_a_claim_matching_by_text_and_note_appears_once(workspace: Workspace) -> None:
    index = SearchIndex.build(workspace.corpus)
    claim = find(index, "002", "Ana Brnabic said that")
    index.set_notes([(claim, "Brnabic repeated it in 2023")])
    hits = index.search("brnabic", limit=50)
    assert [h.claim for h in hits].count(claim) == 1


def test_search_while_notes_change_in_another_thread(index: SearchIndex) -> None:
    claim = index.claims[0]
    errors: list[BaseException] = []

    def writer() -> None:
        try:
            for i in range(200):
                index.set_note(claim, f"note number {i}")
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    thread = threading.Thread(target=writer)
    thread.start()
    for _ in range(50):
        index.search("note kosovo")
    thread.join()
    index.set_note(claim, None)
    assert not errors


# Parsing -----------------------------------------------------------------


def test_parse_query() -> None:
    q = parse_query("Vučić “armed conflict” label:dis doc:003 brn")
    assert q.words == ("vucic", "brn")
    assert q.phrases == (("armed", "conflict"),)
    assert q.labels == frozenset({"disputed"})
    assert q.docs == ("003",)
    assert q.prefix_last
    assert not parse_query("brnabic ").prefix_last
    assert not parse_query('"brnabic"').prefix_last
    assert parse_query("label:s").labels == frozenset({"sourced", "skip"})
    assert parse_query("label:").labels is None  # still being typed
    assert parse_query('"unterminated phrase').phrases == (("unterminated", "phrase"),)
    with pytest.raises(QueryError):
        parse_query("label:zzz")


# Normalising -------------------------------------------------------------


def test_fold_and_terms() -> None:
    assert fold("Vučić ĐILAS Straße") == "vucic dilas strasse"
    assert terms("Serbia’s “Russian” de-escalate 250,000 don’t U.S.") == [
        "serbia",
        "russian",
        "de",
        "escalate",
        "250,000",
        "don't",
        "u",
        "s",
    ]
    assert terms("Vuc\u030cic\u0301") == ["vucic"]  # decomposed marks
    assert terms("Serbia\u00a0now") == ["serbia", "now"]


def spans_are_terms(text: str) -> None:
    spans = list(term_spans(text))
    compound = [(t, a, b) for t, a, b in spans if "-" in fold(text[a:b])]
    plain = spans[: len(spans) - len(compound)] if compound else spans
    assert [t for t, _, _ in plain] == terms(text)
    for term, a, b in plain:
        assert term in fold(text[a:b]), (term, text[a:b])
    assert [t for t, _, _ in spans[len(plain) :]] == [
        t for t in index_terms(text) if t not in terms(text)
    ] or {t for t, _, _ in spans} == index_terms(text)


def test_spans_agree_with_terms_on_every_seed_claim(index: SearchIndex) -> None:
    for claim in index.claims:
        spans_are_terms(claim.text)


TEXT = st.text(
    alphabet=st.sampled_from(list("abcčćđšžAĆŽİ019 .,;:'’‘‚ʼ“”\"-‐—\u00a0\u030c\u1dc0\tßﬁ½™²")),
    max_size=60,
)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_term_spans_find_the_terms_of_any_text(text: str) -> None:
    spans_are_terms(text)


# Fuzzy expansion -----------------------------------------------------------


def edits(word: str, rng: random.Random) -> str:
    i = rng.randrange(len(word))
    kind = rng.choice(["drop", "add", "sub", "swap"])
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    if kind == "add":
        return word[:i] + rng.choice("aeiouxz") + word[i:]
    if kind == "sub":
        return word[:i] + rng.choice("aeiouxz") + word[i + 1 :]
    i = min(i, len(word) - 2)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def test_one_typo_in_any_place_still_expands_to_the_word(index: SearchIndex) -> None:
    rng = random.Random(4)
    vocab = [t for t in index.terms.terms if len(t) >= 5 and t.isalpha()]
    for word in rng.sample(vocab, 300):
        typo = edits(word, rng)
        if typo in index.terms.vocab:
            continue  # the typo is itself a word of the corpus
        found = {index.terms.terms[e.term] for e in index.terms.expand(typo)}
        assert word in found, (word, typo, found)


def test_pigeonhole_candidates_equal_a_full_scan() -> None:
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    words = [c.text for c in open_workspace([SEEDS]).corpus.claims()]
    tindex = TermIndex.build(words)
    rng = random.Random(7)
    for word in rng.sample([t for t in tindex.terms if 4 <= len(t) <= 7], 200):
        query = edits(word, rng)
        cheap = {tid for tid, _ in tindex._neighbours(query, 1, scan=False)}
        full = process.extract(query, tindex.terms, scorer=OSA.distance, score_cutoff=1, limit=None)
        assert cheap == {tid for _, d, tid in full if d > 0}, query


def test_numbers_never_match_fuzzily(index: SearchIndex) -> None:
    hits = index.search("250,000", limit=50)
    assert hits and all("250,000" in h.claim.text for h in hits)
    assert index.search("2024") and not index.search("2025")


def test_words_side_by_side_in_query_order_rank_higher(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "The minister questioned the prime suspect at length.\n\n"
        "Minister, prime your answers.\n\n"
        "The prime minister of the region resigned.\n"
    )
    index = SearchIndex.build(open_workspace([tmp_path]).corpus)
    hits = index.search("prime minister")
    assert hits[0].claim.text == "The prime minister of the region resigned."
    assert hits[0].score == 100 and all(h.score < 100 for h in hits[1:]) and len(hits) == 3
