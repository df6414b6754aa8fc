"""Loading a corpus: every bad input becomes a warning naming the file, never a crash."""

from __future__ import annotations

import hashlib
import os
import signal
from array import array
from pathlib import Path

import pytest

from tui.core import cache as claim_cache
from tui.core import packed
from tui.core import segmenting as segmenting_module
from tui.core import text as text_module
from tui.core.corpus import CorpusError, load_corpus, load_document
from tui.core.model import Document


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_seed_copy_loads_and_hashes_the_text(corpus_dir: Path) -> None:
    corpus = load_corpus([corpus_dir])
    assert len(corpus) == 5 and corpus.warnings == []
    for doc in corpus:
        assert doc.sha256 == hashlib.sha256(doc.text.encode("utf-8")).hexdigest()
        assert doc.path.parent == corpus_dir


def test_find_by_id_prefix_and_file_name(corpus_dir: Path) -> None:
    corpus = load_corpus([corpus_dir])
    (doc,) = corpus.find("002")
    assert corpus.find(doc.id) == [doc] and corpus.find(doc.path.name) == [doc]
    assert corpus.get(doc.id) is doc
    assert len(corpus.find("00")) == 5
    assert corpus.find("9") == [] and corpus.get("nope") is None


def test_empty_file_loads_with_no_claims(tmp_path: Path) -> None:
    _write(tmp_path, "empty.txt", b"")
    _write(tmp_path, "blank.txt", b"\n \n\t\n")
    corpus = load_corpus([tmp_path])
    assert [d.id for d in corpus] == ["blank", "empty"]
    assert all(d.claims == [] and d.blocks == [] for d in corpus)
    assert corpus.warnings == []
    assert corpus.get("empty").title == "empty.txt"


def test_binary_file_is_skipped_with_a_warning(tmp_path: Path) -> None:
    _write(tmp_path, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    _write(tmp_path, "good.txt", b"A sentence. Another.")
    corpus = load_corpus([tmp_path])
    assert [d.id for d in corpus] == ["good"]
    (warning,) = corpus.warnings
    assert "image.txt" in warning and "binary" in warning


def test_huge_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(text_module, "MAX_BYTES", 1000)
    _write(tmp_path, "huge.txt", b"Words here. " * 200)
    _write(tmp_path, "fine.txt", b"Words here. " * 50)
    corpus = load_corpus([tmp_path])
    assert [d.id for d in corpus] == ["fine"]
    (warning,) = corpus.warnings
    assert "huge.txt" in warning and "limit" in warning and "2,400 bytes" in warning


def test_invalid_utf8_loads_with_a_warning_and_byte_offset(tmp_path: Path) -> None:
    prefix = "Vučić spoke. ".encode()
    _write(tmp_path, "latin.txt", prefix + b"Caf\xe9 closed. It reopened.")
    corpus = load_corpus([tmp_path])
    (doc,) = corpus.documents
    (warning,) = corpus.warnings
    assert "latin.txt" in warning and f"offset {len(prefix) + 3}" in warning
    assert [c.text for c in doc.claims] == ["Vučić spoke.", "Caf\ufffd closed.", "It reopened."]


def test_bom_crlf_cr_and_controls(tmp_path: Path) -> None:
    raw = b"\xef\xbb\xbfTitle line\r\n\r\nFirst one.\x1b[31m Red.\rLast \x07bell.\r\n"
    _write(tmp_path, "messy.txt", raw)
    doc = load_corpus([tmp_path]).documents[0]
    assert doc.text == "Title line\n\nFirst one. [31m Red.\nLast  bell.\n"
    assert [c.text for c in doc.claims] == ["Title line", "First one.", "[31m Red.", "Last  bell."]
    for claim in doc.claims:
        assert doc.text[claim.start : claim.end] == claim.text


def test_md_files_are_read_and_other_files_ignored(tmp_path: Path) -> None:
    _write(tmp_path, "a.md", b"# Heading\n\nSome text. More text.")
    _write(tmp_path, "b.html", b"<p>ignored</p>")
    _write(tmp_path, ".hidden.txt", b"Hidden. Ignored.")
    _write(tmp_path, ".git/c.txt", b"Inside a hidden folder.")
    _write(tmp_path, "sub/d.txt", b"Nested file. Read.")
    corpus = load_corpus([tmp_path])
    assert [d.id for d in corpus] == ["a", "d"]


def test_a_file_named_directly_is_read_whatever_its_suffix(tmp_path: Path) -> None:
    path = _write(tmp_path, "notes.text", b"Direct file. Read it.")
    corpus = load_corpus([path])
    assert [d.id for d in corpus] == ["notes"]


def test_missing_path_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="does not exist"):
        load_corpus([tmp_path / "nowhere"])


def test_duplicate_ids_are_skipped_with_a_warning(tmp_path: Path) -> None:
    _write(tmp_path, "a/same.txt", b"First. Copy.")
    _write(tmp_path, "b/same.txt", b"Second. Copy.")
    corpus = load_corpus([tmp_path])
    assert len(corpus) == 1 and corpus.documents[0].text == "First. Copy."
    (warning,) = corpus.warnings
    assert "same" in warning and "already loaded" in warning


def _timeout(signum: int, frame: object) -> None:
    raise TimeoutError("load_corpus blocked on a named pipe")


def test_unreadable_entries_are_skipped_with_a_warning(tmp_path: Path) -> None:
    """A dangling link, a folder named like an article and a pipe never stop a load.

    (chmod 000 does not stop root, so these stand in for an unreadable file.)
    """
    _write(tmp_path, "good.txt", b"Readable. Yes.")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    _write(tmp_path, "folder.txt/inner.txt", b"Inside a folder named like a file.")
    os.mkfifo(tmp_path / "pipe.txt")
    # Reading a pipe would block for ever: fail instead of hanging the suite.
    previous = signal.signal(signal.SIGALRM, _timeout)
    signal.alarm(10)
    try:
        corpus = load_corpus([tmp_path])
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert sorted(d.id for d in corpus) == ["good", "inner"]
    joined = "\n".join(corpus.warnings)
    assert "dangling.txt" in joined and "pipe.txt" in joined
    assert len(corpus.warnings) == 2


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read a chmod 000 file")
def test_chmod_000_file_is_skipped(tmp_path: Path) -> None:
    path = _write(tmp_path, "secret.txt", b"Cannot read. This.")
    path.chmod(0)
    try:
        corpus = load_corpus([tmp_path])
    finally:
        path.chmod(0o644)
    assert len(corpus) == 0 and "secret.txt" in corpus.warnings[0]


def test_symlink_loop_ends(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    _write(root, "sub/a.txt", b"One file. Once.")
    (root / "sub" / "loop").symlink_to(root, target_is_directory=True)
    (root / "self.txt").symlink_to(root / "self.txt")
    corpus = load_corpus([root])
    assert [d.id for d in corpus] == ["a"]
    assert any("loop" in w for w in corpus.warnings)
    assert any("self.txt" in w for w in corpus.warnings)


def test_symlinked_folder_is_followed_once(tmp_path: Path) -> None:
    real = tmp_path / "real"
    _write(real, "x.txt", b"Linked in. Fine.")
    corpus_root = tmp_path / "corpus"
    corpus_root.mkdir()
    (corpus_root / "link").symlink_to(real, target_is_directory=True)
    assert [d.id for d in load_corpus([corpus_root])] == ["x"]


def test_load_document_raises_for_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        load_document(tmp_path / "missing.txt")


# --- the cache of blocks and claims ----------------------------------------------------------


def _shape(doc: Document) -> tuple[list[tuple], list[tuple]]:
    return (
        [(b.start, b.end, b.kind) for b in doc.blocks],
        [(c.index, c.id, c.start, c.end, c.kind, c.block, c.text) for c in doc.claims],
    )


def test_cache_gives_the_same_claims_without_segmenting(
    corpus_dir: Path, cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load_corpus([corpus_dir])
    entries = list(claim_cache.folder().glob("*.fcpk"))
    assert len(entries) == 5 and claim_cache.folder().is_relative_to(cache_home)

    def no_segmenting(*_: object) -> None:
        raise AssertionError("segmented although the cache holds this text")

    monkeypatch.setattr(segmenting_module, "build_claims", no_segmenting)
    monkeypatch.setattr(segmenting_module, "split_blocks", no_segmenting)
    second = load_corpus([corpus_dir])
    for a, b in zip(first, second, strict=True):
        assert _shape(a) == _shape(b)
        assert all(claim.doc is b for claim in b.claims)


def test_cache_is_keyed_by_text(corpus_dir: Path, cache_home: Path) -> None:
    path = next(corpus_dir.glob("000_*.txt"))
    before = load_document(path)
    path.write_text("A different text. Entirely.", encoding="utf-8")
    after = load_document(path)
    assert [c.text for c in after.claims] == ["A different text.", "Entirely."]
    assert before.sha256 != after.sha256


def test_bad_cache_entries_are_ignored(corpus_dir: Path, cache_home: Path) -> None:
    path = next(corpus_dir.glob("004_*.txt"))
    expected = _shape(load_document(path))
    entry = next(claim_cache.folder().glob("*.fcpk"))
    good = entry.read_bytes()
    garbled = bytearray(good)
    body = packed._HEAD.size + 3 * packed._SECTION.size  # blocks, claims, ids
    garbled[body + 4] ^= 1  # the first block ends a character earlier or later
    for junk in (b"", b"{not json", good[: len(good) // 2], good[:40], bytes(garbled), b"[]"):
        entry.write_bytes(junk)
        assert _shape(load_document(path)) == expected
    # A whole, well-formed entry whose spans run past the text is not this text's entry.
    sha = entry.stem
    for spans in ([0, 999999, 0], [5, 5, 0], [0, 4, 7]):
        packed.dump(
            entry,
            "claims",
            sha,
            {"blocks": array("I", spans), "claims": array("I", [*spans, 0]), "ids": "cx"},
        )
        assert _shape(load_document(path)) == expected


def test_cache_can_be_turned_off_or_be_unwritable(
    corpus_dir: Path, cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FACTCHECK_CACHE", "0")
    load_corpus([corpus_dir])
    assert not cache_home.exists()
    monkeypatch.delenv("FACTCHECK_CACHE")
    cache_home.write_text("a file where the cache folder should be", encoding="utf-8")
    assert len(load_corpus([corpus_dir])) == 5
