"""Corrected claim boundaries: split, join, not-a-claim; stored once, anchored by text, undoable."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_helpers import assert_one_line_error, run
from tui.core import boundaries, metadata
from tui.core.boundaries import BoundaryError, Outcome
from tui.core.corpus import load_document
from tui.core.model import Document
from tui.core.workspace import open_workspace

ARTICLE = """\
Phones of the future

The phone was made by Vodafone Ltd. Shame the marketing was so bad!!! It sold well anyway.

We saw The Goat or Who is Sylvia? It was long.

About the author: Jane writes about phones. She lives in Leeds.
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "p.txt").write_text(ARTICLE, encoding="utf-8")
    return corpus


def load(folder: Path) -> Document:
    return load_document(folder / "p.txt")


def texts(doc: Document) -> list[str]:
    return [c.text for c in doc.claims]


def test_split_join_and_noclaim_change_the_claims_and_their_ids(folder: Path) -> None:
    doc = load(folder)
    assert texts(doc)[1] == "The phone was made by Vodafone Ltd. Shame the marketing was so bad!!!"
    claim = doc.claims[1]
    boundaries.record(doc, boundaries.split_at(claim, boundaries.word_start(claim, "Shame")))
    doc = load(folder)
    assert texts(doc)[1:3] == [
        "The phone was made by Vodafone Ltd.",
        "Shame the marketing was so bad!!!",
    ]
    assert doc.claim("3").id != claim.id and [c.index for c in doc.claims] == list(range(8))
    goat = next(c for c in doc.claims if c.text.startswith("We saw"))
    boundaries.record(doc, boundaries.join_next(goat))
    doc = load(folder)
    assert "We saw The Goat or Who is Sylvia? It was long." in texts(doc)
    bio = next(c for c in doc.claims if c.text.startswith("About the author"))
    boundaries.record(doc, boundaries.no_claim(bio))
    doc = load(folder)
    assert texts(doc)[-1] == "We saw The Goat or Who is Sylvia? It was long."
    assert doc.blocks[-1].kind == "boilerplate"
    stored = metadata.read(folder / "p.toml")
    assert [b.action for b in stored.boundaries] == ["split", "join", "noclaim"]


def test_corrections_survive_an_edit_of_the_article_and_orphans_are_kept(folder: Path) -> None:
    doc = load(folder)
    claim = doc.claims[1]
    boundaries.record(doc, boundaries.split_at(claim, boundaries.word_start(claim, "Shame")))
    edited = "Breaking: a new first line.\n\n" + ARTICLE.replace("It sold", "It  sold")
    (folder / "p.txt").write_text(edited, encoding="utf-8")
    doc = load(folder)
    assert "Shame the marketing was so bad!!!" in texts(doc)
    assert doc.warnings == []
    (folder / "p.txt").write_text(
        ARTICLE.replace("Vodafone Ltd.", "Vodafone Ltd"), encoding="utf-8"
    )
    doc = load(folder)
    assert "Shame the marketing was so bad!!!" not in texts(doc)
    (warning,) = doc.warnings
    assert "1 corrected claim boundary no longer matches" in warning and "boundaries p" in warning
    assert len(metadata.read(folder / "p.toml").boundaries) == 1  # kept, never dropped


def test_a_join_where_a_split_was_made_takes_the_split_back_and_undo_redoes(
    folder: Path,
) -> None:
    doc = load(folder)
    claim = doc.claims[1]
    split = boundaries.record(
        doc, boundaries.split_at(claim, boundaries.word_start(claim, "Shame"))
    )
    doc = load(folder)
    joined = boundaries.record(doc, boundaries.join_next(doc.claims[1]))
    assert joined.removed == split.added and joined.added == ()
    assert metadata.read(folder / "p.toml").boundaries == []
    assert texts(load(folder))[1] == claim.text
    undone = boundaries.revert(joined)  # undo the join: the split is back
    assert texts(load(folder))[2] == "Shame the marketing was so bad!!!"
    boundaries.revert(undone)  # redo the join
    assert texts(load(folder))[1] == claim.text


def test_bad_corrections_say_why(folder: Path) -> None:
    doc = load(folder)
    with pytest.raises(BoundaryError, match="not a word inside claim 2"):
        boundaries.word_start(doc.claims[1], "Sham")
    with pytest.raises(BoundaryError, match="not a word"):
        boundaries.word_start(doc.claims[1], "The")  # only the first word: nothing to split off
    with pytest.raises(BoundaryError, match="different lines"):
        boundaries.join_next(doc.claims[0])
    with pytest.raises(BoundaryError, match="last one"):
        boundaries.join_next(doc.claims[-1])


def test_a_segmenter_that_learns_the_boundary_makes_the_split_a_no_op(folder: Path) -> None:
    doc = load(folder)
    claim = doc.claims[1]
    boundary = boundaries.split_at(claim, boundaries.word_start(claim, "Shame"))
    again = load(folder)
    assert [a.outcome for a in boundaries.apply(again, [boundary])] == [Outcome.APPLIED]
    assert [a.outcome for a in boundaries.apply(again, [boundary])] == [Outcome.ALREADY]


def test_tags_on_a_split_claim_are_kept(folder: Path, tmp_path: Path) -> None:
    annotations = tmp_path / "annotations"
    ws = open_workspace([folder], annotations=annotations, analyst="Ana")
    claim = ws.corpus.get("p").claims[1]
    ws.store.set(claim, "disputed", note="check the OS name")
    boundaries.record(claim.doc, boundaries.split_at(claim, boundaries.word_start(claim, "Shame")))
    ws = open_workspace([folder], annotations=annotations, analyst="Ana")
    state = ws.store.load(ws.corpus.get("p"))
    (kept,) = state.anchored
    assert kept.record.note == "check the OS name"
    assert kept.status in ("fuzzy", "orphan")


def test_cli_split_join_noclaim_and_list(folder: Path, capsys) -> None:
    corpus = ("--corpus", str(folder))
    code, out, _err = run(capsys, "split", "p:2", "Shame", *corpus)
    assert code == 0 and "recorded split" in out
    assert "p:3" in out and "Shame the marketing" in out
    code, out, err = run(capsys, "noclaim", "p:8", *corpus)
    assert code == 0, err
    code, out, _err = run(capsys, "boundaries", "p", *corpus)
    assert out.splitlines()[0].startswith("1. split") and out.splitlines()[0].endswith("applied")
    assert out.splitlines()[1].startswith("2. noclaim «About the author")
    code, out, _err = run(capsys, "boundaries", "p", "--drop", "1", *corpus)
    assert code == 0 and "took back split" in out
    code, out, err = run(capsys, "split", "p:2", "Nope", *corpus)
    assert code == 2 and "not a word" in err
    assert_one_line_error(err)


def test_noclaim_through_a_later_line_marks_each_line_once(folder: Path, capsys) -> None:
    corpus = ("--corpus", str(folder))
    code, out, err = run(capsys, "noclaim", "p:4", "--to", "7", *corpus)
    assert code == 0, err
    assert out.count("recorded noclaim") == 2
    doc = load(folder)
    assert texts(doc) == [
        "Phones of the future",
        "The phone was made by Vodafone Ltd. Shame the marketing was so bad!!!",
        "It sold well anyway.",
    ]
    code, out, _err = run(capsys, "noclaim", "p:3", *corpus)  # its line again
    assert code == 0
    code, out, _err = run(capsys, "boundaries", "p", "--json", *corpus)
    assert [b["action"] for b in json.loads(out)] == ["noclaim"] * 3
    doc = load(folder)
    heading = boundaries.no_claim(doc.claims[0])
    assert len(boundaries.record(doc, heading).added) == 1
    again = boundaries.record(load(folder), heading)  # the same line once more
    assert again.added == () and again.removed == ()
    assert len(metadata.read(folder / "p.toml").boundaries) == 4


def test_the_corpus_reloads_a_corrected_document_in_its_place(folder: Path) -> None:
    ws = open_workspace([folder])
    doc = ws.corpus.get("p")
    claim = doc.claims[1]
    boundaries.record(doc, boundaries.split_at(claim, boundaries.word_start(claim, "Shame")))
    fresh = ws.corpus.reload(doc)
    assert ws.corpus.get("p") is fresh and ws.corpus.documents == [fresh]
    assert fresh.claims[2].text == "Shame the marketing was so bad!!!"


def test_a_join_inside_a_line_then_marked_not_a_claim_is_moot_not_lost(folder: Path) -> None:
    """Joining two sentences, then marking their line not a claim (tried in the reader: ``J``
    then ``X``), left the join an "orphan" and a warning at every start that a correction
    "no longer matches the text", which had not changed: a line with no claims has no
    boundary to draw, so there is nothing to apply (and nothing is lost: it is kept)."""
    doc = load(folder)
    goat = next(c for c in doc.claims if c.text.startswith("We saw"))
    boundaries.record(doc, boundaries.join_next(goat))
    doc = load(folder)
    joined = next(c for c in doc.claims if c.text.startswith("We saw"))
    boundaries.record(doc, boundaries.no_claim(joined))
    doc = load(folder)
    assert not any(t.startswith("We saw") for t in texts(doc))
    assert doc.warnings == []
    stored = metadata.read(folder / "p.toml").boundaries
    assert sorted(b.action for b in stored) == ["join", "noclaim"]
    outcomes = [a.outcome for a in boundaries.apply(load_document(folder / "p.txt"), stored)]
    assert Outcome.ORPHAN not in outcomes
