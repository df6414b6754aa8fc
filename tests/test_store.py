"""Saving annotations: atomic, merged under a lock, never overwriting what it cannot read."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest

from tui.core.anchoring import Anchor
from tui.core.atomic import write_atomic
from tui.core.corpus import load_document
from tui.core.model import Document
from tui.core.records import Annotation, AnnotationFile
from tui.core.store import AnnotationStore, Change, ReadOnlyDocument, merge
from tui.core.workspace import open_workspace


def _doc(corpus_dir: Path, prefix: str = "000") -> Document:
    return load_document(next(corpus_dir.glob(f"{prefix}_*.txt")))


def _on_disk(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def test_tag_writes_the_design_format(corpus_dir: Path, annotations_dir: Path) -> None:
    doc = _doc(corpus_dir)
    store = AnnotationStore(annotations_dir, analyst="jdoe")
    claim = doc.claims[2]
    store.set(claim, "disputed", note="No public evidence.", sources=["https://example.org/r"])
    path = annotations_dir / "jdoe" / f"{doc.id}.toml"
    data = _on_disk(path)
    assert (data["format"], data["document"], data["sha256"]) == (2, doc.path.name, doc.sha256)
    assert data["analyst"] == "jdoe"
    assert list(data)[:4] == ["format", "document", "analyst", "sha256"]
    (record,) = data["claim"]
    assert record["id"] == claim.id and record["label"] == "disputed"
    assert record["quote"] == claim.text
    assert (record["start"], record["end"]) == (claim.start, claim.end)
    assert record["prefix"] == doc.text[claim.start - 32 : claim.start]
    assert record["suffix"] == doc.text[claim.end : claim.end + 32]
    assert record["note"] == "No public evidence." and record["sources"] == [
        "https://example.org/r"
    ]
    assert "analyst" not in record and record["updated"].tzinfo is not None
    assert "\nupdated = 20" in path.read_text() and "Z\n" in path.read_text()
    state = store.load(doc)
    assert state.label(claim) == "disputed" and state.tagged == 1
    assert state.get(claim).status is Anchor.EXACT  # type: ignore[union-attr]


def test_retag_keeps_note_and_sources_unless_given(corpus_dir: Path, annotations_dir: Path) -> None:
    doc = _doc(corpus_dir)
    store = AnnotationStore(annotations_dir, analyst="ann")
    claim = doc.claims[0]
    store.set(claim, "disputed", note="keep me", sources=["s1"])
    store.set(claim, "sourced")
    record = store.load(doc).get(claim).record  # type: ignore[union-attr]
    assert (record.label, record.note, record.sources) == ("sourced", "keep me", ["s1"])
    store.set(claim, "sourced", note="", sources=[])
    (on_disk,) = _on_disk(store.path_for(doc))["claim"]
    assert "note" not in on_disk and "sources" not in on_disk


def test_clear_and_undo(corpus_dir: Path, annotations_dir: Path) -> None:
    doc = _doc(corpus_dir)
    store = AnnotationStore(annotations_dir, analyst="ann")
    claim = doc.claims[5]
    first = store.set(claim, "opinion", note="one")
    second = store.set(claim, "disputed", note="two")
    store.apply(doc, second.inverse())
    assert store.load(doc).get(claim).record.note == "one"  # type: ignore[union-attr]
    store.apply(doc, first.inverse())
    assert store.load(doc).get(claim) is None
    assert "claim" not in _on_disk(store.path_for(doc))
    store.set(claim, "skip")
    cleared = store.set(claim, None)
    assert cleared.added == () and len(cleared.removed) == 1
    assert store.load(doc).tagged == 0


def test_clearing_an_untagged_claim_writes_nothing(corpus_dir: Path, annotations_dir: Path) -> None:
    doc = _doc(corpus_dir)
    store = AnnotationStore(annotations_dir, analyst="ann")
    store.set(doc.claims[0], None)
    assert not store.path_for(doc).exists()


def test_unknown_keys_survive_a_rewrite(corpus_dir: Path, annotations_dir: Path) -> None:
    doc = _doc(corpus_dir)
    claim, other = doc.claims[1], doc.claims[8]
    path = annotations_dir / "ann" / f"{doc.id}.toml"
    path.parent.mkdir(parents=True)
    path.write_text(
        textwrap.dedent(
            f"""\
            format = 2
            document = "{doc.path.name}"
            analyst = "ann"
            project = "balkans-2026"
            reviewers = ["a", "b"]

            [settings]
            strict = true

            [[claim]]
            id = "{claim.id}"
            label = "disputed"
            quote = "{claim.text}"
            start = {claim.start}
            end = {claim.end}
            confidence = 0.8
            checked_by = {{ name = "ann", at = 2026-01-01T00:00:00Z }}
            """
        ),
        encoding="utf-8",
    )
    store = AnnotationStore(annotations_dir, analyst="ann")
    store.set(other, "sourced")
    data = _on_disk(path)
    assert data["project"] == "balkans-2026" and data["reviewers"] == ["a", "b"]
    assert data["settings"] == {"strict": True}
    kept = next(r for r in data["claim"] if r["id"] == claim.id)
    assert kept["confidence"] == 0.8 and kept["checked_by"]["name"] == "ann"
    # Retagging the record itself keeps its unknown keys too.
    store.set(claim, "opinion")
    retagged = next(r for r in _on_disk(path)["claim"] if r["id"] == claim.id)
    assert retagged["label"] == "opinion" and retagged["confidence"] == 0.8
    assert _on_disk(path)["project"] == "balkans-2026"


def test_orphans_stay_in_the_file(corpus_dir: Path, annotations_dir: Path) -> None:
    doc = _doc(corpus_dir)
    store = AnnotationStore(annotations_dir, analyst="ann")
    orphan = Annotation("disputed", "A sentence the article no longer has.", 5, 40, id="cdead0001")
    write_atomic(
        store.path_for(doc), AnnotationFile(doc.path.name, records=[orphan], analyst="ann").dumps()
    )
    state = store.load(doc)
    assert [a.record.id for a in state.orphans] == ["cdead0001"]
    store.set(doc.claims[3], "skip")
    ids = {r["id"] for r in _on_disk(store.path_for(doc))["claim"]}
    assert ids == {"cdead0001", doc.claims[3].id}
    # Re-attaching moves the orphan's label and note onto a claim and removes the orphan.
    store.attach(store.load(doc).orphans[0].record, doc.claims[9])
    state = store.load(doc)
    assert state.orphans == [] and state.label(doc.claims[9]) == "disputed"


def test_corrupt_file_is_never_overwritten(corpus_dir: Path, annotations_dir: Path) -> None:
    doc = _doc(corpus_dir)
    store = AnnotationStore(annotations_dir, analyst="ann")
    path = store.path_for(doc)
    path.parent.mkdir(parents=True)
    garbage = b'format = 2\ndocument = "x"\n\n[[claim]]\nlabel = "disputed\n'
    path.write_bytes(garbage)
    state = store.load(doc)
    assert state.read_only and state.error is not None
    assert str(path) in str(state.error) and state.error.line == 5
    with pytest.raises(ReadOnlyDocument) as caught:
        store.set(doc.claims[0], "skip")
    assert str(path) in str(caught.value) and "line 5" in str(caught.value)
    assert path.read_bytes() == garbage


def test_file_corrupted_after_loading_is_not_overwritten(
    corpus_dir: Path, annotations_dir: Path
) -> None:
    doc = _doc(corpus_dir)
    store = AnnotationStore(annotations_dir, analyst="ann")
    store.set(doc.claims[0], "skip")
    path = store.path_for(doc)
    broken = path.read_bytes() + b"\nthis is = = not toml\n"
    path.write_bytes(broken)
    with pytest.raises(ReadOnlyDocument):
        store.set(doc.claims[1], "skip")
    assert path.read_bytes() == broken
    assert store.load(doc).read_only


def test_saves_leave_no_temporary_files_and_keep_permissions(
    corpus_dir: Path, annotations_dir: Path
) -> None:
    doc = _doc(corpus_dir)
    store = AnnotationStore(annotations_dir, analyst="ann")
    for claim in doc.claims[:5]:
        store.set(claim, "sourced")
    names = sorted(p.name for p in annotations_dir.iterdir())
    assert names == [".gitignore", ".lock", "ann"]
    assert [p.name for p in (annotations_dir / "ann").iterdir()] == [f"{doc.id}.toml"]
    path = store.path_for(doc)
    umask = os.umask(0o022)
    os.umask(umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask
    path.chmod(0o640)
    store.set(doc.claims[6], "skip")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_changed_article_is_noticed(corpus_dir: Path, annotations_dir: Path) -> None:
    doc = _doc(corpus_dir)
    store = AnnotationStore(annotations_dir, analyst="ann")
    store.set(doc.claims[3], "opinion")
    assert not store.load(doc).changed_since_annotated
    doc.path.write_text("A new first line. Yes.\n" + doc.text, encoding="utf-8")
    edited = load_document(doc.path)
    state = AnnotationStore(annotations_dir).load(edited)
    assert state.changed_since_annotated
    assert state.anchored[0].status is Anchor.MOVED


def test_merge_keeps_the_newer_record_and_everything_else() -> None:
    from datetime import UTC, datetime

    t = [datetime(2026, 1, 1, h, tzinfo=UTC) for h in range(4)]
    a_old = Annotation("skip", "a", 0, 1, id="ca", updated=t[0])
    a_newer_on_disk = Annotation("opinion", "a", 0, 1, id="ca", updated=t[2])
    b = Annotation("skip", "b", 2, 3, id="cb", updated=t[0])
    dup = Annotation("skip", "b2", 2, 3, id="cb", updated=t[0])
    a_mine = Annotation("disputed", "a", 0, 1, id="ca", updated=t[1])
    # Someone else retagged `a` after I read it: their newer record wins.
    merged = merge([a_newer_on_disk, b], Change("d", (a_old,), (a_mine,)))
    assert [r.label for r in merged] == ["opinion", "skip"]
    # My change is newer than the disk: mine wins; a duplicate key is not dropped.
    a_latest = Annotation("sourced", "a", 0, 1, id="ca", updated=t[3])
    merged = merge([a_old, b, dup], Change("d", (a_old,), (a_latest,)))
    assert [r.label for r in merged] == ["skip", "skip", "sourced"]
    assert merged[:2] == [b, dup]


WORKER = """
import sys
from pathlib import Path
from tui.core.corpus import load_document
from tui.core.store import AnnotationStore

doc = load_document(Path(sys.argv[1]))
worker = int(sys.argv[3])
store = AnnotationStore(Path(sys.argv[2]), analyst=("alice", "bob")[worker % 2])
label = ("sourced", "disputed", "opinion", "skip")[worker]
for claim in doc.claims[worker::4][:25]:
    store.set(claim, label, note=f"w{worker} {claim.id}")
"""


def _run_workers(script: str, doc: Document, annotations: Path, count: int = 4) -> None:
    """Run ``count`` processes of ``script`` at once (argv: document, folder, worker number)."""
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(doc.path), str(annotations), str(worker)],
            stderr=subprocess.PIPE,
        )
        for worker in range(count)
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode()


def test_four_processes_of_two_analysts_tagging_one_document_lose_nothing(
    corpus_dir: Path, annotations_dir: Path
) -> None:
    doc = _doc(corpus_dir, "002")
    assert len(doc.claims) >= 100
    _run_workers(WORKER, doc, annotations_dir)
    for analyst, workers in (("alice", (0, 2)), ("bob", (1, 3))):
        records = _on_disk(annotations_dir / analyst / f"{doc.id}.toml")["claim"]
        assert len(records) == 50
        notes = {r["id"]: r["note"] for r in records}
        assert notes == {c.id: f"w{w} {c.id}" for w in workers for c in doc.claims[w::4][:25]}
    state = AnnotationStore(annotations_dir).load(doc)
    assert state.tagged == 100 and {a.status for a in state.anchored} == {Anchor.EXACT}


SAME_CLAIMS_WORKER = """
import sys
from pathlib import Path
from tui.core.corpus import load_document
from tui.core.store import AnnotationStore

doc = load_document(Path(sys.argv[1]))
worker = int(sys.argv[3])
analyst = ("alice", "alice", "bob", "carol")[worker]
store = AnnotationStore(Path(sys.argv[2]), analyst=analyst)
label = ("sourced", "sourced", "disputed", "opinion")[worker]
claims = doc.claims[worker % 2 :: 2][:25] if analyst == "alice" else doc.claims[:50:2][:25]
for claim in claims:
    store.set(claim, label, note=f"{analyst} w{worker} {claim.id}")
"""


def test_three_analysts_in_four_processes_on_the_same_claims_lose_nothing(
    corpus_dir: Path, annotations_dir: Path
) -> None:
    """Two processes share alice's file (the lock), bob and carol tag claims alice tags too."""
    doc = _doc(corpus_dir, "002")
    _run_workers(SAME_CLAIMS_WORKER, doc, annotations_dir)
    state = AnnotationStore(annotations_dir).load(doc)
    shared = doc.claims[:50:2][:25]
    for claim in shared:
        tags = {tag.analyst: (tag.label, tag.note) for tag in state.team(claim).tags}
        assert tags["bob"] == ("disputed", f"bob w2 {claim.id}")
        assert tags["carol"] == ("opinion", f"carol w3 {claim.id}")
        assert tags["alice"][0] == "sourced"
    alice = _on_disk(annotations_dir / "alice" / f"{doc.id}.toml")["claim"]
    expected = {c.id for w in (0, 1) for c in doc.claims[w::2][:25]}
    assert {r["id"] for r in alice} == expected and len(alice) == 50


def test_workspace_finds_annotations_beside_the_corpus(
    corpus_dir: Path, annotations_dir: Path
) -> None:
    workspace = open_workspace([corpus_dir])
    assert workspace.store.folder == annotations_dir.resolve()
    assert len(workspace.corpus) == 5


def test_a_reloaded_document_is_anchored_afresh(corpus_dir: Path, annotations_dir: Path) -> None:
    doc = _doc(corpus_dir)
    store = AnnotationStore(annotations_dir, analyst="ann")
    target = doc.claims[4]
    store.set(target, "disputed")
    doc.path.write_text("Added at the top. Two sentences.\n" + doc.text, encoding="utf-8")
    reloaded = load_document(doc.path)
    state = store.load(reloaded)
    assert state.doc is reloaded
    moved = state.anchored[0]
    assert moved.status is Anchor.MOVED and moved.claim is reloaded.claims[6]
    assert state.label(reloaded.claims[4]) is None


def test_a_read_that_a_save_overtook_does_not_put_back_the_older_state(
    corpus_dir: Path, annotations_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A search thread reads a file while the reader saves a tag to it: the tag stays shown."""
    import tui.core.store as store_module

    doc = _doc(corpus_dir)
    store = AnnotationStore(annotations_dir, analyst="jdoe")
    real = store_module.load_files
    overtaken: list[bool] = []

    def read_then_save_meanwhile(*args, **kwargs):  # type: ignore[no-untyped-def]
        loaded = real(*args, **kwargs)  # the file as it was, before the save
        if not overtaken:
            overtaken.append(True)
            store.set(doc.claims[1], "disputed")  # the reader's save, while that read ran
        return loaded

    monkeypatch.setattr(store_module, "load_files", read_then_save_meanwhile)
    store.load(doc)  # the thread's read, from before the save
    assert store.load(doc).label(doc.claims[1]) == "disputed"


def test_the_projects_annotation_folder_ships_the_ignore_file_the_store_writes() -> None:
    """A fresh clone's first tag leaves no stray untracked ``annotations/.gitignore``."""
    from tui.core.store import GITIGNORE

    shipped = Path(__file__).resolve().parent.parent / "annotations" / ".gitignore"
    assert shipped.read_text(encoding="utf-8") == GITIGNORE
