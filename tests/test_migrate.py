"""``factcheck migrate`` and git as the shared store: nothing lost, nothing in conflict."""

from __future__ import annotations

import json
import shutil
import subprocess
import tomllib
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.cli_helpers import assert_one_line_error, run
from tui.core import migrate as migrate_module
from tui.core.corpus import load_document
from tui.core.model import Document
from tui.core.records import Annotation, AnnotationFile
from tui.core.store import AnnotationStore


def _doc(corpus_dir: Path, prefix: str = "000") -> Document:
    return load_document(next(corpus_dir.glob(f"{prefix}_*.txt")))


def _record(doc: Document, i: int, label: str, analyst: str, hour: int, **kw: object) -> Annotation:
    claim = doc.claims[i]
    return Annotation(
        label, claim.text, claim.start, claim.end, id=claim.id, note=f"{analyst}:{i}",
        analyst=analyst, updated=datetime(2026, 1, 1, hour, tzinfo=UTC), **kw,  # type: ignore[arg-type]
    )  # fmt: skip


def _format_1_folder(corpus_dir: Path, annotations_dir: Path) -> dict[str, list[Annotation]]:
    annotations_dir.mkdir()
    made = {}
    for prefix in ("000", "001"):
        doc = _doc(corpus_dir, prefix)
        records = [
            _record(doc, 0, "sourced", "alice", 1, sources=["https://a.example"]),
            _record(doc, 1, "disputed", "Bob Beta", 2, extra={"confidence": 0.5}),
            _record(doc, 2, "opinion", "", 3),
            _record(doc, 3, "skip", "alice", 4),
        ]
        extra = {"title": "Kept title"} if prefix == "000" else {}
        stored = AnnotationFile(doc.path.name, doc.sha256, records, extra, format=1)
        (annotations_dir / f"{doc.id}.toml").write_text(stored.dumps(), encoding="utf-8")
        made[doc.id] = records
    return made


def _team_view(corpus_dir: Path, annotations_dir: Path) -> dict:
    store = AnnotationStore(annotations_dir)
    view = {}
    for prefix in ("000", "001"):
        doc = _doc(corpus_dir, prefix)
        state = store.load(doc)
        view[doc.id] = sorted(
            (a.record.analyst or "unnamed", a.record.key, a.record.label, a.record.note,
             tuple(a.record.sources), a.record.updated, repr(a.record.extra))
            for a in state.anchored
        )  # fmt: skip
    return view


def test_a_format_1_folder_keeps_every_record_through_new_tags_and_migrate(
    capsys: pytest.CaptureFixture[str], corpus_dir: Path, annotations_dir: Path
) -> None:
    _format_1_folder(corpus_dir, annotations_dir)
    corpus = ["--corpus", str(corpus_dir)]
    originals = {p.name: p.read_bytes() for p in annotations_dir.glob("*.toml")}
    # New tags after the upgrade: alice retags one of her claims and clears another; carol joins.
    assert run(capsys, "tag", "000:1", "disputed", "--analyst", "alice", *corpus)[0] == 0
    assert run(capsys, "tag", "000:4", "none", "--analyst", "alice", *corpus)[0] == 0
    assert run(capsys, "tag", "000:2", "sourced", "--analyst", "carol", *corpus)[0] == 0
    assert {p.name: p.read_bytes() for p in annotations_dir.glob("*.toml")} == originals
    before = _team_view(corpus_dir, annotations_dir)
    status, out, _ = run(capsys, "claims", "000", "--json", *corpus)
    labels_before = [row["labels"] for row in json.loads(out)]
    assert labels_before[1] == {"Bob Beta": "disputed", "carol": "sourced"}
    assert labels_before[0] == {"alice": "disputed"} and labels_before[3] == {}

    status, out, err = run(capsys, "migrate", "--dry-run", *corpus)
    assert status == 0 and "would move 8 tags from 2 files" in out
    assert {p.name: p.read_bytes() for p in annotations_dir.glob("*.toml")} == originals

    status, out, err = run(capsys, "migrate", *corpus)
    assert status == 0 and err == "" and "moved 8 tags from 2 files" in out
    assert _team_view(corpus_dir, annotations_dir) == before
    status, out, _ = run(capsys, "claims", "000", "--json", *corpus)
    named = [{a or "unnamed": label for a, label in row.items()} for row in labels_before]
    assert [row["labels"] for row in json.loads(out)] == named  # a record naming nobody: "unnamed"
    # The format 1 files are gone, but for the metadata one carried; no backup is left.
    doc0, doc1 = _doc(corpus_dir, "000"), _doc(corpus_dir, "001")
    kept = tomllib.loads((annotations_dir / f"{doc0.id}.toml").read_text(encoding="utf-8"))
    assert kept == {"format": 1, "document": doc0.path.name, "title": "Kept title"}
    assert not (annotations_dir / f"{doc1.id}.toml").exists()
    assert not list(annotations_dir.glob(".format1-backup-*"))
    alice = tomllib.loads((annotations_dir / "alice" / f"{doc0.id}.toml").read_text("utf-8"))
    assert alice["format"] == 2 and alice["analyst"] == "alice"
    assert [r["label"] for r in alice["claim"]] == ["disputed"]  # the "none" marker is gone too
    unnamed = tomllib.loads((annotations_dir / "unnamed" / f"{doc1.id}.toml").read_text("utf-8"))
    assert [r["label"] for r in unnamed["claim"]] == ["opinion"]
    bob = tomllib.loads((annotations_dir / "bob-beta" / f"{doc1.id}.toml").read_text("utf-8"))
    assert bob["analyst"] == "Bob Beta" and bob["claim"][0]["confidence"] == 0.5
    # Again: nothing left to move.
    status, out, _ = run(capsys, "migrate", *corpus)
    assert status == 0 and "No format 1" in out


def test_a_failed_check_puts_everything_back_and_keeps_the_backup(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    corpus_dir: Path,
    annotations_dir: Path,
) -> None:
    _format_1_folder(corpus_dir, annotations_dir)
    AnnotationStore(annotations_dir, analyst="alice").set(_doc(corpus_dir).claims[5], "skip")
    files = {
        p.relative_to(annotations_dir): p.read_bytes() for p in annotations_dir.rglob("*.toml")
    }

    # A broken write that the check must catch: every comparison differs.
    monkeypatch.setattr(migrate_module, "_tags", lambda records: [len(records), id(records)])
    status, _, err = run(capsys, "migrate", "--corpus", str(corpus_dir))
    assert status == 2
    assert_one_line_error(err)
    assert "undone" in err and "backup kept" in err
    after = {
        p.relative_to(annotations_dir): p.read_bytes() for p in annotations_dir.rglob("*.toml")
    }
    backups = [p for p in after if str(p).startswith(".format1-backup-")]
    assert {p: v for p, v in after.items() if p not in backups} == files
    assert backups


def test_a_broken_format_1_file_is_left_alone(
    capsys: pytest.CaptureFixture[str], corpus_dir: Path, annotations_dir: Path
) -> None:
    _format_1_folder(corpus_dir, annotations_dir)
    broken = annotations_dir / "zz_broken.toml"
    broken.write_text("format = 1\n[[claim]\n", encoding="utf-8")
    status, out, err = run(capsys, "migrate", "--corpus", str(corpus_dir))
    assert status == 2 and "moved 8 tags" in out
    assert "zz_broken.toml" in err and "left as it is" in err
    assert broken.read_text(encoding="utf-8") == "format = 1\n[[claim]\n"


def _git(cwd: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_two_clones_tagging_as_two_analysts_merge_without_conflict(
    capsys: pytest.CaptureFixture[str], corpus_dir: Path, tmp_path: Path
) -> None:
    origin = tmp_path / "origin.git"
    _git(tmp_path, "init", "-q", "--bare", "-b", "main", str(origin))
    first = tmp_path / "first"
    shutil.copytree(corpus_dir, first / "seeds")
    _git(first, "init", "-q", "-b", "main")
    _git(first, "add", "-A")
    _git(first, "commit", "-qm", "corpus")
    _git(first, "remote", "add", "origin", str(origin))
    _git(first, "push", "-q", "origin", "main")
    second = tmp_path / "second"
    _git(tmp_path, "clone", "-q", str(origin), str(second))

    # Both tag the same claims (and some others), each as a different analyst.
    plan = {
        first: ("Ann", [("000:1", "sourced"), ("000:2", "disputed"), ("001:3", "opinion")]),
        second: ("Ben", [("000:1", "disputed"), ("000:2", "disputed"), ("002:4", "skip")]),
    }
    for clone, (analyst, tags) in plan.items():
        for ref, label in tags:
            status, _, err = run(
                capsys, "tag", ref, label, "--note", f"{analyst} {ref}", "--analyst", analyst,
                "--corpus", str(clone / "seeds"),
            )  # fmt: skip
            assert status == 0, err
        _git(clone, "add", "-A")
        assert ".lock" not in _git(clone, "status", "--porcelain")
        _git(clone, "commit", "-qm", f"{analyst}'s tags")
    _git(first, "push", "-q", "origin", "main")
    _git(second, "pull", "-q", "--no-rebase", "--no-edit", "origin", "main")  # a merge commit
    assert "UU" not in _git(second, "status", "--porcelain")
    _git(second, "push", "-q", "origin", "main")
    _git(first, "pull", "-q", "--ff-only", "origin", "main")

    for clone in (first, second):
        status, out, _ = run(capsys, "claims", "--json", "--corpus", str(clone / "seeds"))
        rows = {f"{row['doc'][:3]}:{row['number']}": row for row in json.loads(out)}
        for analyst, tags in plan.values():
            for ref, label in tags:
                assert rows[ref]["labels"][analyst] == label
                notes = {t["analyst"]: t["note"] for t in rows[ref]["tags"]}
                assert notes[analyst] == f"{analyst} {ref}"
        assert (rows["000:1"]["status"], rows["000:2"]["status"]) == ("contested", "tagged")
