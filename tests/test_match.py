"""The matcher: bands, aliases and the details that differ between two versions of a claim."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.core.match import SAME, AliasError, Matcher, aliases_from, load_aliases
from tui.core.match.calibrate import FEATURES
from tui.core.match.matcher import idf_from_counts
from tui.core.match.tokens import read
from tui.core.search import SearchIndex
from tui.core.similar import find_similar
from tui.core.workspace import open_workspace

ARTICLE = """\
Belgrade opens its skies to Russian jets

Serbia signed a contract for 12 Rafale fighter jets, the defence ministry said.
The first of them will land at Batajnica air base on 29 August, a day before the parade.
The deal is worth €2.7bn and is paid in 14 instalments, officials told the BBC.
Unemployment in Serbia fell to 8.2% last year, according to the national statistics office.
The army was founded in 1830 and has fought in both world wars since then.
The government said the target for new recruits has not been met this spring.
President Aleksandar Vucic will travel to Moscow in October to meet Vladimir Putin.
"""

CHANGES = [
    ("12 Rafale", "14 Rafale", "number", "12", "14"),
    ("29 August", "30 August", "date", "29 August", "30 August"),
    ("8.2%", "9.5%", "percent", "8.2%", "9.5%"),
    ("in 1830", "in 1836", "year", "1830", "1836"),
    ("told the BBC", "told Reuters", "name", "BBC", "Reuters"),
    ("has not been met", "has been met", "negation", "has not been met", "has been met"),
]


def matcher() -> Matcher:
    return Matcher(idf_from_counts(lambda term: 2, 1000), load_aliases())


def test_identical_sentences_score_100_with_no_differs() -> None:
    m = matcher()
    text = "Serbia signed a contract for 12 Rafale jets, the “ministry” said."
    for other in (text, 'serbia  signed a contract for 12 Rafale jets, the "ministry" said.'):
        match = m.compare(text, other)
        assert (match.score, match.band, match.differs) == (100.0, SAME, ())


def test_two_changed_details_still_show_as_related() -> None:
    m = matcher()
    a = "Serbia signed a contract for 12 Rafale fighter jets on 29 August, the ministry said."
    b = "Serbia signed a contract for 14 Rafale fighter jets on 30 August, the ministry said."
    match = m.compare(a, b)
    assert match.band == "related"
    assert [d.kind for d in match.differs] == ["number", "date"]


def test_a_changed_detail_is_not_a_100() -> None:
    match = matcher().compare("Serbia bought 12 Rafale jets.", "Serbia bought 14 Rafale jets.")
    assert match.score < 100
    assert [d.as_json() for d in match.differs] == [{"kind": "number", "here": "12", "there": "14"}]


@pytest.fixture
def versions(tmp_path: Path) -> SearchIndex:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(ARTICLE, encoding="utf-8")
    changed = ARTICLE
    for old, new, *_ in CHANGES:
        assert old in changed
        changed = changed.replace(old, new)
    (corpus / "b.txt").write_text(changed, encoding="utf-8")
    (corpus / "c.txt").write_text(
        "The weather in Lisbon was sunny on Tuesday, with light winds from the west.\n"
        "Fishermen in the harbour said the sardine season had started well this year.\n",
        encoding="utf-8",
    )
    return SearchIndex.build(open_workspace([corpus]).corpus)


@pytest.mark.parametrize(
    ("old", "new", "kind", "here", "there"), CHANGES, ids=[c[2] for c in CHANGES]
)
def test_each_changed_detail_is_named_with_both_values(
    versions: SearchIndex, old: str, new: str, kind: str, here: str, there: str
) -> None:
    claim = next(c for c in versions.claims if c.doc.id == "a" and old in c.text)
    hits = find_similar(versions, claim)
    assert hits, claim.text
    top = hits[0]
    assert top.claim.doc.id == "b" and new in top.claim.text
    assert {"kind": kind, "here": here, "there": there} in [d.as_json() for d in top.differs]
    # Only the changed detail differs.
    assert len(top.differs) == 1, top.differs
    # And the other way round, values swapped.
    back = find_similar(versions, top.claim)[0]
    assert back.claim is claim
    assert [d.as_json() for d in back.differs] == [{"kind": kind, "here": there, "there": here}]


def test_unchanged_claims_of_a_copy_score_100(versions: SearchIndex) -> None:
    claim = next(c for c in versions.claims if c.doc.id == "a" and "Vucic" in c.text)
    top = find_similar(versions, claim)[0]
    assert (top.score, top.band, top.differs) == (100.0, SAME, ())


def test_money_written_two_ways_is_one_amount() -> None:
    m = matcher()
    match = m.compare(
        "The government spent €1bn on the new bridge over the Sava.",
        "The government spent 1 billion euros on the new bridge over the Sava.",
    )
    assert match.differs == () and match.band == SAME
    other = m.compare(
        "The government spent €1bn on the new bridge over the Sava.",
        "The government spent €1.5bn on the new bridge over the Sava.",
    )
    assert [d.as_json() for d in other.differs] == [
        {"kind": "number", "here": "€1bn", "there": "€1.5bn"}
    ]
    assert other.score < match.score


def test_quantities_read_as_values() -> None:
    keys = {
        t.text: t.key
        for t in read("Up 8 per cent to $3.4 million, eight jets and 250,000 people").tokens
    }
    assert keys["8 per cent"] == "#8%"
    assert keys["$3.4 million"] == "#3.4e+06USD"
    assert keys["eight"] == "#8"
    assert keys["250,000"] == "#250000"


def test_aliases_match_acronyms_capitals_and_titles() -> None:
    m = matcher()
    pairs = [
        (
            "Russia blocks Kosovo's membership in the United Nations.",
            "Russia blocks Kosovo's UN membership.",
        ),
        (
            "Belgrade recalled its ambassador from Zagreb on Monday.",
            "Serbia recalled its ambassador from Croatia on Monday.",
        ),
    ]
    for a, b in pairs:
        match = m.compare(a, b)
        assert match.band == SAME and match.differs == (), (a, b, match)
    # An acronym matches only in capitals: "told us" is not the United States.
    tokens = [t.key for t in read("He told us about the US plan.", load_aliases()).tokens]
    assert tokens.count("=united states") == 1


def test_project_aliases_extend_the_shipped_table(tmp_path: Path) -> None:
    (tmp_path / "aliases.toml").write_text(
        '[alias]\n"Dassault Aviation" = ["Dassault", "the French planemaker"]\n'
    )
    aliases = load_aliases(tmp_path)
    assert aliases.table[("the", "french", "planemaker")] == "dassault aviation"
    assert aliases.table[("un",)] == "united nations"  # the defaults stay
    (tmp_path / "aliases.toml").write_text("[alias\n")
    with pytest.raises(AliasError, match=r"aliases\.toml"):
        load_aliases(tmp_path)
    assert aliases_from({"A B": ["C"]}).table[("c",)] == "a b"


def test_negation_only_of_words_both_sides_state() -> None:
    m = matcher()
    match = m.compare(
        "Serbia is an ally of authoritarianism rather than a haven for dissidents.",
        "Serbia, a candidate country, is not a safe haven for dissidents.",
    )
    assert all(d.kind != "negation" for d in match.differs)


def test_a_negation_outside_the_shared_clause_is_not_named() -> None:
    m = matcher()
    match = m.compare(
        "What's more, he hoped Hyundai would sell one million vehicles in the United States.",
        "That wasn't all: he hoped Hyundai would sell 1 million vehicles in the United States.",
    )
    assert all(d.kind != "negation" for d in match.differs), match.differs
    turned = m.compare(
        "He said the target for new recruits has not been met, officials said.",
        "He said the target for new recruits has been met, officials said.",
    )
    assert [d.kind for d in turned.differs] == ["negation"]


def test_dates_spoken_and_dates_more_precise() -> None:
    keys = {t.text: t.key for t in read("On September the 11th and the 3rd of May.").tokens}
    assert keys == {"September the 11th": "@9-11", "3rd of May": "@5-3"}
    m = matcher()
    a = "A senior member testified in June that Bashir had approved the church bomb attacks."
    refined = m.compare(a, a.replace("in June", "on June 26"))
    assert all(d.kind != "date" for d in refined.differs), refined.differs
    for other in ("in July", "on Monday"):
        found = m.compare(a.replace("in June", "on June 26"), a.replace("in June", other))
        # Another month is another date; a weekday says nothing against a day of June.
        assert [d.kind for d in found.differs] == (["date"] if other == "in July" else [])
    spoken = m.compare(
        "That failure contributed to September the 11th, Graham said.",
        "That failure contributed to September 11, Graham said.",
    )
    assert spoken.differs == ()


def test_a_copy_with_a_figure_or_a_verb_turned_around_is_related_not_same() -> None:
    m = matcher()
    same = m.compare(
        "Shares in the company fell 8% after it cut its profit forecast.",
        "Shares in the company fell 8% after it cut its profit forecast on Monday.",
    )
    assert same.band == SAME
    for other in (
        "Shares in the company rose 8% after it raised its profit forecast.",
        "Shares in the company fell 12% after it cut its profit forecast.",
    ):
        match = m.compare("Shares in the company fell 8% after it cut its profit forecast.", other)
        assert match.band == "related", (other, match)
        assert match.score < same.score


def test_wire_text_reads_as_written_with_apostrophes_and_titles() -> None:
    keys = [t.key for t in read("Mr. Geoghan said I dont know, up 1,700.34 points.").tokens]
    assert "!not" in keys and "#1700.34" in keys
    assert "mr" not in keys
    geoghan = next(t for t in read("But Mr. Geoghan said so.").tokens if t.key == "geoghan")
    assert geoghan.kind == "name"
    match = matcher().compare(
        "But Peterson added, \"I don't know anybody who's fighting to keep it out.\"",
        "But Peterson added, I dont know anybody whos fighting to keep it out.",
    )
    assert all(d.kind != "negation" for d in match.differs)


def test_a_verb_turned_into_its_opposite_is_named_in_differs() -> None:
    m = matcher()
    match = m.compare(
        "The parliament approved the budget on Monday after a long debate.",
        "The parliament rejected the budget on Monday after a long debate.",
    )
    assert match.band == "related"
    assert [d.as_json() for d in match.differs] == [
        {"kind": "opposite", "here": "approved", "there": "rejected"}
    ]
    moved = m.compare(
        "Shares in the company rose 8% after it raised its profit forecast.",
        "Shares in the company fell 8% after it cut its profit forecast.",
    )
    assert [(d.kind, d.here, d.there) for d in moved.differs] == [
        ("opposite", "rose", "fell"),
        ("opposite", "raised", "cut"),
    ]
    assert moved.differs[0].describe("001") == "001 says fell where this says rose"
    same = m.compare(
        "Shares in the company fell 8% after it cut its profit forecast.",
        "Shares in the company fell 8% after it cut its profit forecast on Monday.",
    )
    assert not same.differs


def test_a_clause_only_one_claim_states_lowers_the_score() -> None:
    """A conjunction only one side writes joins a clause the other does not state."""
    m = matcher()
    a = "Jakarta has boosted the number of troops in the province to more than 45,000."
    clause = f"{a[:-1]}, while the shape of the operation is unclear."
    same_words = f"{a[:-1]}, the shape of the operation is unclear."
    both = f"{a[:-1]} while talks go on."
    at = FEATURES.index("clauses_differ")

    def clauses(x: str, y: str) -> float:
        return m.values(m.analyse(x, y))[at]

    assert clauses(a, clause) > 0.0
    assert clauses(a, same_words) == clauses(clause, both) == 0.0
    assert m.compare(a, clause).score < m.compare(a, same_words).score - 15


def test_who_said_it_and_when_is_not_a_fact_left_over() -> None:
    """A report that adds only its attribution ("…, a spokesman said in a statement")
    states the fact the other states: those words are counted apart, not as
    loose weight, and cost less than other words left over."""
    m = matcher()
    fact = "Shares of the carrier dropped 4% after the merger talks collapsed."
    said = (
        "Shares of the carrier dropped 4% after the merger talks collapsed,"
        " a spokesman said in a statement yesterday."
    )
    other = (
        "Shares of the carrier dropped 4% after the merger talks collapsed,"
        " the union warned pilots."
    )
    loose, told = FEATURES.index("log_loose_weight"), FEATURES.index("log_loose_attribution")
    values = m.values(m.analyse(fact, said))
    assert values[told] > 0.0
    assert values[loose] == 0.0
    assert m.values(m.analyse(fact, other))[told] == 0.0
    assert m.values(m.analyse(fact, other))[loose] > 0.0
    assert m.compare(fact, said).score > m.compare(fact, other).score + 10


def test_a_claim_that_ends_on_another_fact_scores_lower() -> None:
    """The share of each claim's last third left unaligned: a near-miss often starts as
    its partner and ends elsewhere."""
    m = matcher()
    at = FEATURES.index("tail_loose")
    a = "The central bank raised its main rate to 5% on Thursday to curb inflation."
    ends_elsewhere = "The central bank raised its main rate to 5% as the currency slid further."
    starts_elsewhere = (
        "Policymakers in Frankfurt raised their main rate to 5% on Thursday to curb inflation."
    )
    assert m.values(m.analyse(a, ends_elsewhere))[at] > 0.5
    assert m.values(m.analyse(a, starts_elsewhere))[at] == 0.0
