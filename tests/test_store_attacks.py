"""The store under attack (issue 9): races, links, pipes, deep nesting, crashes, failing disks."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import time
import tomllib
from datetime import timedelta
from pathlib import Path

import pytest

from tests.cli_helpers import assert_one_line_error, run
from tui.core import store as store_module
from tui.core.atomic import locked, write_atomic
from tui.core.corpus import load_document
from tui.core.model import Document
from tui.core.records import Annotation, AnnotationFile, now, read
from tui.core.store import AnnotationStore

REPO = Path(__file__).resolve().parent.parent


def _doc(corpus_dir: Path, prefix: str = "000") -> Document:
    return load_document(next(corpus_dir.glob(f"{prefix}_*.txt")))


def _records(path: Path) -> dict[str, dict]:
    return {
        r.get("id", ""): r for r in tomllib.loads(path.read_text(encoding="utf-8")).get("claim", [])
    }


def _tag_process(corpus_dir: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tui", "tag", *args, "--corpus", str(corpus_dir)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "FACTCHECK_ANALYST": "bob"},
    )


def _wait_blocked_on(lock: Path, pid: int, proc: subprocess.Popen[str]) -> None:
    """Return once process ``pid`` waits for the flock on ``lock`` (seen in /proc/locks)."""
    inode = os.stat(lock).st_ino
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"the tag process ended early: {proc.communicate()}")
        for line in Path("/proc/locks").read_text().splitlines():
            fields = line.split()
            if "->" in fields and fields[-4] == str(pid) and fields[-3].endswith(f":{inode}"):
                return
        time.sleep(0.01)
    raise AssertionError("the tag process never reached the lock")


def _write_under_lock(path: Path, doc: Document, record: Annotation) -> None:
    """What another analyst's save does while it holds the lock."""
    write_atomic(path, AnnotationFile(doc.path.name, doc.sha256, [record]).dumps())


needs_proc_locks = pytest.mark.skipif(
    not Path("/proc/locks").exists(), reason="needs /proc/locks to see a process wait"
)


@needs_proc_locks
def test_a_note_saved_while_a_tag_waits_for_the_lock_is_kept(
    corpus_dir: Path, annotations_dir: Path
) -> None:
    doc = _doc(corpus_dir)
    claim = doc.claims[0]
    store = AnnotationStore(annotations_dir, analyst="bob")
    store.set(claim, "disputed", note="old")
    path = store.path_for(doc)
    old = store.load(doc).get(claim).record  # type: ignore[union-attr]
    with locked(store.lock_path):
        proc = _tag_process(corpus_dir, "000:1", "opinion")
        _wait_blocked_on(store.lock_path, proc.pid, proc)
        # While it waits, another process saves a new note and source.
        newer = old.touched(note="NEW evidence", sources=["https://example.org/new"])
        _write_under_lock(path, doc, newer)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    record = _records(path)[claim.id]
    assert record["label"] == "opinion" and "opinion" in out
    assert record["note"] == "NEW evidence"
    assert record["sources"] == ["https://example.org/new"]


@needs_proc_locks
@pytest.mark.parametrize("label", ["sourced", "none"])
def test_a_tag_that_waited_for_the_lock_says_what_is_on_disk(
    corpus_dir: Path, annotations_dir: Path, label: str
) -> None:
    doc = _doc(corpus_dir)
    claim = doc.claims[1]
    store = AnnotationStore(annotations_dir, analyst="bob")
    store.set(claim, "opinion")
    path = store.path_for(doc)
    with locked(store.lock_path):
        proc = _tag_process(corpus_dir, "000:2", label, "--note", "bob checked")
        _wait_blocked_on(store.lock_path, proc.pid, proc)
        # Bob's other shell saves first, on a clock a little ahead.
        alice = store.make_record(claim, "disputed", note="other shell")
        alice.updated = now() + timedelta(minutes=5)
        _write_under_lock(path, doc, alice)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    on_disk = _records(path).get(claim.id)
    if label == "none":
        assert "cleared" in out and on_disk is None
    else:
        assert "sourced" in out and on_disk is not None
        assert (on_disk["label"], on_disk["note"]) == ("sourced", "bob checked")


def test_an_editor_whose_base_changed_gets_both_versions_and_writes_nothing(
    corpus_dir: Path, annotations_dir: Path
) -> None:
    doc = _doc(corpus_dir)
    claim = doc.claims[2]
    reader = AnnotationStore(annotations_dir, analyst="jane")
    reader.set(claim, "disputed", note="first")
    seen = reader.load(doc).get(claim).record  # type: ignore[union-attr]
    # Another shell saves a note while the reader's editor is open.
    AnnotationStore(annotations_dir, analyst="jane").set(
        claim, "disputed", note="from the shell", sources=["https://example.org/s"]
    )
    before = reader.path_for(doc).read_bytes()
    with pytest.raises(store_module.Conflict) as caught:
        reader.set(claim, "disputed", note="typed in the editor", sources=[], base=seen)
    assert caught.value.base == seen
    assert caught.value.on_disk is not None and caught.value.on_disk.note == "from the shell"
    assert reader.path_for(doc).read_bytes() == before
    # Unchanged base: the save goes through.
    reader.set(claim, "disputed", note="mine", base=caught.value.on_disk)
    assert _records(reader.path_for(doc))[claim.id]["note"] == "mine"
    # "Untagged" as the base of a claim that someone tagged meanwhile.
    with pytest.raises(store_module.Conflict):
        reader.set(doc.claims[2], "skip", base=None)
    reader.set(doc.claims[3], "skip", base=None)


def test_a_lock_that_is_a_symlink_is_refused(
    capsys: pytest.CaptureFixture[str], corpus_dir: Path, annotations_dir: Path, tmp_path: Path
) -> None:
    (annotations_dir / "bob").mkdir(parents=True)
    target = tmp_path / "elsewhere" / "victim"
    target.parent.mkdir()
    (annotations_dir / ".lock").symlink_to(target)
    status, _, err = run(
        capsys, "tag", "--analyst", "bob", "000:1", "skip", "--corpus", str(corpus_dir)
    )
    assert status == 2
    assert_one_line_error(err)
    assert ".lock" in err and "symbolic link" in err and "not saved" in err
    assert not target.exists()
    assert not any(annotations_dir.rglob("*.toml"))


def test_an_annotation_file_that_is_a_symlink_is_refused_and_kept(
    capsys: pytest.CaptureFixture[str], corpus_dir: Path, annotations_dir: Path, tmp_path: Path
) -> None:
    doc = _doc(corpus_dir)
    (annotations_dir / "bob").mkdir(parents=True)
    real = tmp_path / "real.toml"
    real.write_text(f'format = 1\ndocument = "{doc.path.name}"\n', encoding="utf-8")
    link = annotations_dir / "bob" / f"{doc.id}.toml"
    link.symlink_to(real)
    status, _, err = run(
        capsys, "tag", "--analyst", "bob", "000:1", "skip", "--corpus", str(corpus_dir)
    )
    assert status == 2
    assert_one_line_error(err)
    assert str(link) in err and "symbolic link" in err
    assert link.is_symlink() and "claim" not in real.read_text()


DEEP = {
    "arrays 3000": "x = " + "[" * 3000 + "]" * 3000,
    "inline tables 400": "x = " + "{a=" * 400 + "1" + "}" * 400,
    "dotted keys 3000": "x" + ".y" * 3000 + " = 1",
    "arrays 300": "x = " + "[" * 300 + "]" * 300,
}


@pytest.mark.parametrize("body", DEEP.values(), ids=DEEP.keys())
def test_deeply_nested_toml_is_unreadable_with_one_message(
    capsys: pytest.CaptureFixture[str], corpus_dir: Path, annotations_dir: Path, body: str
) -> None:
    doc = _doc(corpus_dir)
    (annotations_dir / "bob").mkdir(parents=True)
    path = annotations_dir / "bob" / f"{doc.id}.toml"
    content = f'format = 1\ndocument = "{doc.path.name}"\n{body}\n'
    path.write_text(content, encoding="utf-8")
    started = time.monotonic()
    status, _, err = run(
        capsys, "tag", "--analyst", "bob", "000:1", "skip", "--corpus", str(corpus_dir)
    )
    assert status == 2
    assert_one_line_error(err)
    assert "levels deep" in err and str(path) in err
    assert path.read_text(encoding="utf-8") == content
    status, out, err = run(capsys, "stats", "--corpus", str(corpus_dir))
    assert status == 0 and "levels deep" in out and "Traceback" not in err
    assert time.monotonic() - started < 30


def test_a_fifo_named_like_an_annotation_file_does_not_hang(
    corpus_dir: Path, annotations_dir: Path
) -> None:
    doc = _doc(corpus_dir)
    (annotations_dir / "bob").mkdir(parents=True)
    fifo = annotations_dir / "bob" / f"{doc.id}.toml"
    os.mkfifo(fifo)
    done = subprocess.run(
        [sys.executable, "-m", "tui", "tag", "000:1", "skip", "--corpus", str(corpus_dir)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "FACTCHECK_ANALYST": "bob"},
    )
    assert done.returncode == 2
    assert "FIFO" in done.stderr and str(fifo) in done.stderr
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert AnnotationStore(annotations_dir, analyst="bob").load(doc).read_only


def test_stale_temporary_files_are_cleaned_and_ignored_by_git(
    corpus_dir: Path, annotations_dir: Path
) -> None:
    doc = _doc(corpus_dir)
    (annotations_dir / "bob").mkdir(parents=True)
    stale = [
        annotations_dir / "bob" / f".{doc.id}.toml.{suffix}.tmp"
        for suffix in ("abcd1234", "x_y_z_09")
    ]
    for path in stale:
        path.write_bytes(b"")
        path.chmod(0o600)
    unrelated = annotations_dir / "bob" / "notes.tmp"
    unrelated.write_text("mine", encoding="utf-8")
    store = AnnotationStore(annotations_dir, analyst="bob")
    store.set(doc.claims[0], "skip")
    assert not any(path.exists() for path in stale) and unrelated.exists()
    # A crash can still leave one before the next save: git does not see it, nor the lock.
    stale[0].write_bytes(b"half")
    subprocess.run(["git", "init", "-q", str(corpus_dir.parent)], check=True)
    status = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"],
        cwd=corpus_dir.parent,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert ".tmp" not in status.replace("notes.tmp", "") and ".lock" not in status
    assert f"annotations/bob/{doc.id}.toml" in status and "annotations/.gitignore" in status


def _fail_fsync(monkeypatch: pytest.MonkeyPatch, code: int, *, folders: bool) -> None:
    real = os.fsync

    def fsync(fd: int) -> None:
        if stat.S_ISDIR(os.fstat(fd).st_mode) == folders:
            raise OSError(code, os.strerror(code))
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)


def test_a_full_disk_names_the_file_and_says_the_tag_was_not_saved(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    corpus_dir: Path,
    annotations_dir: Path,
) -> None:
    doc = _doc(corpus_dir)
    run(capsys, "tag", "--analyst", "bob", "000:1", "skip", "--corpus", str(corpus_dir))
    path = annotations_dir / "bob" / f"{doc.id}.toml"
    before = path.read_bytes()
    _fail_fsync(monkeypatch, errno.ENOSPC, folders=False)
    status, out, err = run(
        capsys, "tag", "--analyst", "bob", "000:2", "opinion", "--corpus", str(corpus_dir)
    )
    assert status == 2 and out == ""
    assert_one_line_error(err)
    assert str(path) in err and "No space left on device" in err
    assert "the tag was not saved" in err
    assert path.read_bytes() == before
    assert [p.name for p in annotations_dir.rglob(".*.tmp")] == []


def test_an_eio_from_the_folder_sync_is_reported(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    corpus_dir: Path,
    annotations_dir: Path,
) -> None:
    _fail_fsync(monkeypatch, errno.EIO, folders=True)
    status, _, err = run(
        capsys, "tag", "--analyst", "bob", "000:1", "skip", "--corpus", str(corpus_dir)
    )
    assert status == 2
    assert_one_line_error(err)
    assert "Input/output error" in err and ".toml" in err and "crash" in err


def test_a_read_only_folder_names_the_articles_file(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    corpus_dir: Path,
    annotations_dir: Path,
) -> None:
    doc = _doc(corpus_dir)
    real_open = os.open

    def read_only_open(path: object, flags: int, *args: object) -> int:
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT) and str(path).startswith(
            str(annotations_dir)
        ):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args)  # type: ignore[arg-type]

    (annotations_dir / "bob").mkdir(parents=True)
    monkeypatch.setattr(os, "open", read_only_open)  # root ignores chmod; this does not
    status, _, err = run(
        capsys, "tag", "--analyst", "bob", "000:1", "skip", "--corpus", str(corpus_dir)
    )
    assert status == 2
    assert_one_line_error(err)
    assert str(annotations_dir / "bob" / f"{doc.id}.toml") in err and "Permission denied" in err
    assert "the tag was not saved" in err


def test_a_bom_in_a_hand_edited_file_is_read(corpus_dir: Path, annotations_dir: Path) -> None:
    doc = _doc(corpus_dir)
    claim = doc.claims[0]
    (annotations_dir / "bob").mkdir(parents=True)
    path = annotations_dir / "bob" / f"{doc.id}.toml"
    body = AnnotationFile(
        doc.path.name, doc.sha256, [Annotation("disputed", claim.text, claim.start, claim.end)]
    ).dumps()
    path.write_bytes(b"\xef\xbb\xbf" + body.encode("utf-8"))
    assert read(path) is not None
    store = AnnotationStore(annotations_dir, analyst="bob")
    state = store.load(doc)
    assert not state.read_only and state.label(claim) == "disputed"
    store.set(doc.claims[1], "skip")
    labels = [r["label"] for r in tomllib.loads(path.read_text(encoding="utf-8"))["claim"]]
    assert labels == ["disputed", "skip"]
