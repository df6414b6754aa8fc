"""A reviewer who tagged a claim and then settles it keeps their own tag as a rating.

One record per analyst per claim: the verdict replaced the reviewer's tag, so
``bob opinion`` vanished when bob settled the claim ``sourced``, and the
agreement lost the pair (alice sourced / bob opinion) it was measuring.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from tests.cli_helpers import run
from tui.core.analyst import analyst_slug
from tui.core.corpus import load_document
from tui.core.records import AnnotationFileError, read
from tui.core.store import AnnotationStore
from tui.core.team_ratings import document_ratings


def _records(annotations_dir: Path, analyst: str, doc_id: str) -> list[dict]:
    path = annotations_dir / analyst_slug(analyst) / f"{doc_id}.toml"
    return tomllib.loads(path.read_text(encoding="utf-8"))["claim"]


def test_a_verdict_keeps_the_reviewers_own_tag_for_the_agreement(
    capsys: pytest.CaptureFixture[str], corpus_dir: Path, annotations_dir: Path
) -> None:
    corpus = ["--corpus", str(corpus_dir)]
    run(capsys, "tag", "000:5", "sourced", "--analyst", "alice", *corpus)
    run(capsys, "tag", "000:5", "opinion", "--analyst", "bob", *corpus)
    run(capsys, "tag", "000:5", "sourced", "--verdict", "--analyst", "bob", *corpus)
    doc = load_document(next(corpus_dir.glob("000_*.txt")))
    (record,) = _records(annotations_dir, "bob", doc.id)
    assert (record["label"], record["verdict"], record["own_label"]) == ("sourced", True, "opinion")
    state = AnnotationStore(annotations_dir).load(doc)
    assert document_ratings(state) == {
        (doc.id, doc.claims[4].id): {"alice": "sourced", "bob": "opinion"}
    }
    status, out, _ = run(capsys, "agree", "--json", *corpus)
    agreement = json.loads(out)
    assert status == 0 and (agreement["units"], agreement["percent"]) == (1, 0.0)
    # A second verdict keeps the first rating, not the first verdict's label.
    run(capsys, "tag", "000:5", "disputed", "--verdict", "--analyst", "bob", *corpus)
    assert _records(annotations_dir, "bob", doc.id)[0]["own_label"] == "opinion"
    # A plain retag is bob's own tag again: nothing else to keep.
    run(capsys, "tag", "000:5", "disputed", "--analyst", "bob", *corpus)
    assert "own_label" not in _records(annotations_dir, "bob", doc.id)[0]


def test_a_verdict_by_a_reviewer_who_never_tagged_the_claim_is_no_rating(
    capsys: pytest.CaptureFixture[str], corpus_dir: Path, annotations_dir: Path
) -> None:
    corpus = ["--corpus", str(corpus_dir)]
    run(capsys, "tag", "000:5", "sourced", "--analyst", "alice", *corpus)
    run(capsys, "tag", "000:5", "disputed", "--verdict", "--analyst", "ed", *corpus)
    doc = load_document(next(corpus_dir.glob("000_*.txt")))
    assert "own_label" not in _records(annotations_dir, "ed", doc.id)[0]
    state = AnnotationStore(annotations_dir).load(doc)
    assert document_ratings(state) == {(doc.id, doc.claims[4].id): {"alice": "sourced"}}


def test_a_hand_edited_own_label_must_be_a_label(tmp_path: Path) -> None:
    path = tmp_path / "doc.toml"
    path.write_text(
        'format = 2\ndocument = "doc.txt"\n\n[[claim]]\nlabel = "sourced"\nverdict = true\n'
        'own_label = "maybe"\nquote = "q"\nstart = 0\nend = 1\n',
        encoding="utf-8",
    )
    with pytest.raises(AnnotationFileError, match="own_label"):
        read(path)
