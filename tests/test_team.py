"""Several analysts: every tag kept, the team's status and label, verdicts, format 1 files."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from tests.cli_helpers import assert_one_line_error, run
from tui.core.analyst import SLUG_RE, analyst_slug
from tui.core.corpus import load_document
from tui.core.model import LABELS, Document
from tui.core.records import Annotation, AnnotationFile
from tui.core.search.index import SearchIndex
from tui.core.store import AnnotationStore, SaveError
from tui.core.team import Status
from tui.core.workspace import open_workspace


def _doc(corpus_dir: Path, prefix: str = "000") -> Document:
    return load_document(next(corpus_dir.glob(f"{prefix}_*.txt")))


def _file(annotations_dir: Path, analyst: str, doc: Document) -> dict:
    path = annotations_dir / analyst_slug(analyst) / f"{doc.id}.toml"
    return tomllib.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Jane Doe", "jane-doe"),
        ("Zoë O'Brien", "zoe-o-brien"),
        ("Łukasz Żółć", "lukasz-zolc"),
        ("  --x--  ", "x"),
        ("a" * 60, "a" * 40),
        ("Müller-Lüdenscheidt, Hans-Jürgen Maximilian", "muller-ludenscheidt-hans-jurgen-maximili"),
        ("../../etc", "etc"),
    ],
)
def test_analyst_slug(name: str, slug: str) -> None:
    assert analyst_slug(name) == slug and SLUG_RE.match(slug)


def test_a_name_with_no_ascii_letter_still_gets_its_own_folder() -> None:
    one, two = analyst_slug("李雷"), analyst_slug("韩梅梅")
    assert one != two and SLUG_RE.match(one) and one.startswith("analyst-")


def test_three_analysts_on_36_claims_lose_nothing(
    capsys: pytest.CaptureFixture[str], corpus_dir: Path, annotations_dir: Path
) -> None:
    """Disagreements and gaps: every analyst's label and note on disk and in ``claims --json``."""
    doc = _doc(corpus_dir)
    claims = doc.claims[:36]
    analysts = ["Ann Alpha", "Bob Beta", "Cy Gamma"]
    expected: dict[str, dict[str, tuple[str, str]]] = {a: {} for a in analysts}
    for i, claim in enumerate(claims):
        for k, analyst in enumerate(analysts):
            if (i + k) % 5 == 0:
                continue  # a gap: this analyst skipped the claim
            label = LABELS[(i // 3 + (k if i % 4 == 0 else 0)) % len(LABELS)]
            note = f"{analyst} on {claim.id}"
            status, _, err = run(
                capsys,
                "tag",
                f"000:{claim.number}",
                label,
                "--note",
                note,
                "--analyst",
                analyst,
                "--corpus",
                str(corpus_dir),
            )
            assert status == 0, err
            expected[analyst][claim.id] = (label, note)
    for analyst in analysts:
        on_disk = _file(annotations_dir, analyst, doc)
        assert on_disk["analyst"] == analyst
        assert {r["id"]: (r["label"], r["note"]) for r in on_disk["claim"]} == expected[analyst]
    status, out, _ = run(capsys, "claims", "000", "--json", "--corpus", str(corpus_dir))
    rows = {row["id"]: row for row in json.loads(out)}
    for claim in claims:
        row = rows[claim.id]
        given = {a: expected[a][claim.id] for a in analysts if claim.id in expected[a]}
        assert row["labels"] == {a: label for a, (label, _) in given.items()}
        assert {t["analyst"]: t["note"] for t in row["tags"]} == {
            a: note for a, (_, note) in given.items()
        }
        distinct = {label for label, _ in given.values()}
        if len(distinct) == 1:
            assert (row["status"], row["label"]) == ("tagged", distinct.pop())
        else:
            assert (row["status"], row["label"]) == ("contested", None)
    assert {row["status"] for row in rows.values()} >= {"tagged", "contested", "unreviewed"}


def test_clearing_and_undo_touch_only_your_own_tag(corpus_dir: Path, annotations_dir: Path) -> None:
    doc = _doc(corpus_dir)
    claim = doc.claims[3]
    alice = AnnotationStore(annotations_dir, analyst="alice")
    bob = AnnotationStore(annotations_dir, analyst="bob")
    alice.set(claim, "disputed", note="alice's")
    change = bob.set(claim, "sourced", note="bob's")
    state = AnnotationStore(annotations_dir).load(doc)
    assert state.status(claim) is Status.CONTESTED and state.label(claim) is None
    assert state.labels(claim) == {"alice": "disputed", "bob": "sourced"}
    bob.apply(doc, change.inverse())  # bob's undo
    state = AnnotationStore(annotations_dir).load(doc)
    assert state.labels(claim) == {"alice": "disputed"} and state.label(claim) == "disputed"
    assert state.status(claim) is Status.TAGGED
    bob.set(claim, "sourced")
    bob.set(claim, None)  # bob clears his tag: alice's stays
    state = alice.load(doc, refresh=True)
    assert state.labels(claim) == {"alice": "disputed"}
    assert state.mine(claim).record.note == "alice's"  # type: ignore[union-attr]
    assert bob.load(doc, refresh=True).mine(claim) is None
    assert bob.set(claim, None).removed == ()  # nothing of bob's to clear


def test_the_newest_verdict_settles_and_a_plain_retag_withdraws_it(
    capsys: pytest.CaptureFixture[str], corpus_dir: Path, annotations_dir: Path
) -> None:
    corpus = ["--corpus", str(corpus_dir)]
    run(capsys, "tag", "000:5", "sourced", "--analyst", "alice", *corpus)
    run(capsys, "tag", "000:5", "disputed", "--analyst", "bob", *corpus)
    status, out, err = run(
        capsys, "tag", "000:5", "disputed", "--verdict", "--note", "checked", "--analyst", "ed",
        *corpus,
    )  # fmt: skip
    assert status == 0 and "disputed (verdict)" in out and "settled" in out
    doc = _doc(corpus_dir)
    claim = doc.claims[4]
    assert _file(annotations_dir, "ed", doc)["claim"][0]["verdict"] is True
    state = AnnotationStore(annotations_dir).load(doc)
    team = state.team(claim)
    assert (team.status, team.label, team.verdict.analyst) == (Status.SETTLED, "disputed", "ed")  # type: ignore[union-attr]
    # A later verdict from anyone wins over an earlier one.
    AnnotationStore(annotations_dir, analyst="alice").set(claim, "sourced", verdict=True)
    assert AnnotationStore(annotations_dir).load(doc).label(claim) == "sourced"
    # A plain tag never keeps a verdict silently: it withdraws it and says so.
    status, out, err = run(capsys, "tag", "000:5", "sourced", "--analyst", "alice", *corpus)
    assert status == 0 and "withdraws it" in err
    assert "verdict" not in _file(annotations_dir, "alice", doc)["claim"][0]
    state = AnnotationStore(annotations_dir).load(doc)
    assert (state.status(claim), state.label(claim)) == (Status.SETTLED, "disputed")  # ed's again
    status, _, err = run(capsys, "tag", "000:5", "none", "--verdict", "--analyst", "ed", *corpus)
    assert status == 2
    assert_one_line_error(err)


def _format_1(annotations_dir: Path, doc: Document, records: list[Annotation]) -> Path:
    annotations_dir.mkdir(exist_ok=True)
    path = annotations_dir / f"{doc.id}.toml"
    path.write_text(
        AnnotationFile(doc.path.name, doc.sha256, records, {"title": "T"}, format=1).dumps(),
        encoding="utf-8",
    )
    return path


def _legacy(doc: Document, i: int, label: str, analyst: str, hour: int) -> Annotation:
    from datetime import UTC, datetime

    claim = doc.claims[i]
    return Annotation(
        label, claim.text, claim.start, claim.end, id=claim.id, note=f"{analyst} v1",
        analyst=analyst, updated=datetime(2026, 1, 1, hour, tzinfo=UTC),
    )  # fmt: skip


def test_a_format_1_file_is_read_never_rewritten_and_newest_wins(
    corpus_dir: Path, annotations_dir: Path
) -> None:
    doc = _doc(corpus_dir)
    path = _format_1(
        annotations_dir,
        doc,
        [
            _legacy(doc, 0, "sourced", "alice", 1),
            _legacy(doc, 0, "disputed", "bob", 2),  # format 1 kept one record per claim…
            _legacy(doc, 1, "opinion", "alice", 3),
            _legacy(doc, 2, "skip", "", 4),  # …and may not name an analyst
        ],
    )
    before = path.read_bytes()
    alice = AnnotationStore(annotations_dir, analyst="alice")
    state = alice.load(doc)
    assert state.labels(doc.claims[0]) == {"alice": "sourced", "bob": "disputed"}
    assert state.mine(doc.claims[1]).record.note == "alice v1"  # type: ignore[union-attr]
    assert state.labels(doc.claims[2]) == {"": "skip"}
    # Alice retags claim 2 (newer: her own file wins) and clears claim 1.
    alice.set(doc.claims[1], "disputed")
    alice.set(doc.claims[0], None)
    assert path.read_bytes() == before
    state = AnnotationStore(annotations_dir).load(doc)
    assert state.labels(doc.claims[0]) == {"bob": "disputed"}
    assert state.labels(doc.claims[1]) == {"alice": "disputed"}
    assert state.team(doc.claims[1]).of("alice").note == "alice v1"  # type: ignore[union-attr]
    own = _file(annotations_dir, "alice", doc)["claim"]
    assert {r["id"]: r["label"] for r in own} == {
        doc.claims[0].id: "none",
        doc.claims[1].id: "disputed",
    }
    # Undoing the clear brings her format 1 tag back.
    change = alice.set(doc.claims[0], None)
    assert change.removed == ()  # already cleared: nothing to do
    cleared = alice.load(doc).own_records[0]
    alice.set(doc.claims[0], "opinion")
    assert AnnotationStore(annotations_dir).load(doc).labels(doc.claims[0])["alice"] == "opinion"
    assert cleared.cleared


def test_an_other_analysts_broken_file_hides_only_their_tags(
    capsys: pytest.CaptureFixture[str], corpus_dir: Path, annotations_dir: Path
) -> None:
    doc = _doc(corpus_dir)
    AnnotationStore(annotations_dir, analyst="alice").set(doc.claims[0], "sourced")
    broken = annotations_dir / "bob" / f"{doc.id}.toml"
    broken.parent.mkdir()
    broken.write_text("format = 2\n[[claim]\n", encoding="utf-8")
    state = AnnotationStore(annotations_dir, analyst="alice").load(doc)
    assert not state.read_only and [str(w.path) for w in state.warnings] == [str(broken)]
    assert state.labels(doc.claims[0]) == {"alice": "sourced"}
    status, _, err = run(
        capsys, "tag", "000:2", "skip", "--analyst", "bob", "--corpus", str(corpus_dir)
    )
    assert status == 2 and str(broken) in err
    status, out, _ = run(capsys, "stats", "--corpus", str(corpus_dir))
    assert status == 0 and "tags not shown" in out and "bob" in out
    status, _, err = run(capsys, "claims", "000", "--corpus", str(corpus_dir))
    assert status == 0 and str(broken) in err


def test_two_names_that_fold_to_one_folder_are_refused(
    corpus_dir: Path, annotations_dir: Path
) -> None:
    doc = _doc(corpus_dir)
    AnnotationStore(annotations_dir, analyst="Jane Doe").set(doc.claims[0], "sourced")
    with pytest.raises(SaveError, match="Jane Doe"):
        AnnotationStore(annotations_dir, analyst="jane doe").set(doc.claims[1], "skip")
    assert len(_file(annotations_dir, "Jane Doe", doc)["claim"]) == 1


def test_search_filters_on_the_teams_status(corpus_dir: Path, annotations_dir: Path) -> None:
    ws = open_workspace([corpus_dir], annotations=annotations_dir, analyst="alice")
    doc = ws.corpus.documents[0]
    contested, settled, agreed = doc.claims[0], doc.claims[1], doc.claims[2]
    bob = AnnotationStore(ws.store.folder, analyst="bob")
    for claim in (contested, settled, agreed):
        ws.store.set(claim, "sourced")
    bob.set(contested, "disputed")
    bob.set(settled, "disputed", verdict=True)
    bob.set(agreed, "sourced")
    index = SearchIndex.build(ws.corpus)
    store = AnnotationStore(ws.store.folder)

    def found(query: str) -> set[int]:
        hits = index.search(query, limit=500, label_of=store.label_of, status_of=store.status_of)
        return {hit.claim.index for hit in hits if hit.claim.doc is doc}

    assert found("label:contested") == {contested.index}
    assert found("status:settled") == {settled.index}
    assert found("status:tag") == {agreed.index}
    assert found("label:sourced") == {agreed.index}
    assert found("label:disputed") == {settled.index}
    assert found("label:disputed label:contested") == {settled.index, contested.index}
