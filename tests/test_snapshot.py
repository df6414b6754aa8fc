"""The texts a load read last time: used again only for the same file, never stale or a crash."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tui.core import corpus as corpus_module
from tui.core import snapshot as snapshot_module
from tui.core.corpus import load_corpus
from tui.core.model import Document


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files written by the test count as old (else every one is "racy" and read each time)."""
    monkeypatch.setattr(snapshot_module, "RACY_SECONDS", 0.0)


def _reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the articles read from disk from now on."""
    read: list[str] = []
    real = corpus_module.read_document

    def counting(path: Path, doc_id: str | None = None) -> Document:
        read.append(path.name)
        return real(path, doc_id)

    monkeypatch.setattr(corpus_module, "read_document", counting)
    return read


def _texts(folder: Path) -> dict[str, tuple[str, str, list[str]]]:
    corpus = load_corpus([folder])
    return {doc.id: (doc.text, doc.sha256, doc.warnings) for doc in corpus}


def _snapshots() -> list[Path]:
    return sorted(snapshot_module.claim_cache.root().glob("texts-*/*.fcpk"))


def test_a_second_load_reads_no_article_and_gives_the_same_texts(
    corpus_dir: Path, cache_home: Path, settled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    (corpus_dir / "broken.txt").write_bytes(b"Caf\xe9 society\r\nNext line.")  # warned, cleaned
    monkeypatch.setenv("FACTCHECK_CACHE", "0")
    expected = _texts(corpus_dir)
    monkeypatch.delenv("FACTCHECK_CACHE")
    assert _texts(corpus_dir) == expected and len(_snapshots()) == 1
    read = _reads(monkeypatch)
    corpus = load_corpus([corpus_dir])
    assert read == []
    assert all("_text" not in doc.__dict__ for doc in corpus)  # nothing decoded yet
    assert [doc.text_length for doc in corpus] == [len(expected[doc.id][0]) for doc in corpus]
    assert {doc.id: (doc.text, doc.sha256, doc.warnings) for doc in corpus} == expected
    assert any("not valid UTF-8" in w for w in corpus.warnings)


def test_the_same_folder_named_from_elsewhere_uses_the_same_snapshot(
    corpus_dir: Path, cache_home: Path, settled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_corpus([corpus_dir])
    read = _reads(monkeypatch)
    monkeypatch.chdir(corpus_dir.parent)
    load_corpus([Path(corpus_dir.name)])
    assert read == [] and len(_snapshots()) == 1


def test_a_file_changed_in_place_is_read_again_even_with_its_old_time_and_size(
    corpus_dir: Path, cache_home: Path, settled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = sorted(corpus_dir.glob("*.txt"))[0]
    load_corpus([corpus_dir])
    before = os.stat(path)
    data = path.read_bytes()
    changed = data.replace(b"a", b"e", 1)
    assert changed != data and len(changed) == len(data)
    path.write_bytes(changed)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # as if untouched
    read = _reads(monkeypatch)
    doc = load_corpus([corpus_dir]).get(path.stem)
    assert read == [path.name]
    assert doc is not None and doc.text.startswith(changed.decode()[:20])
    assert doc.text == changed.decode().replace("\r\n", "\n")


def test_added_and_removed_files_are_seen(
    corpus_dir: Path, cache_home: Path, settled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_corpus([corpus_dir])
    first = sorted(corpus_dir.glob("*.txt"))[0]
    first.unlink()
    (corpus_dir / "new.txt").write_text("A new article. It has two claims.\n", "utf-8")
    read = _reads(monkeypatch)
    corpus = load_corpus([corpus_dir])
    assert read == ["new.txt"]
    assert corpus.get(first.stem) is None and corpus.get("new") is not None
    assert [c.text for c in corpus.get("new").claims] == ["A new article.", "It has two claims."]


def test_a_file_changed_just_now_is_not_trusted_next_time(
    corpus_dir: Path, cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Git's racy entries: a write within the clock's tick may leave every stat the same."""
    load_corpus([corpus_dir])  # every file was written a moment ago
    read = _reads(monkeypatch)
    load_corpus([corpus_dir])
    assert sorted(read) == sorted(p.name for p in corpus_dir.glob("*.txt"))


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"",
        lambda data: data[: len(data) // 2],
        lambda data: data[:-9] + bytes([data[-9] ^ 1]) + data[-8:],
        lambda data: b"\x80\x04pickle? no" * 20,
    ],
    ids=["empty", "half", "body-garbled", "foreign"],
)
def test_a_damaged_snapshot_is_read_as_nothing_and_replaced(
    corpus_dir: Path, cache_home: Path, settled: None, damage, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = _texts(corpus_dir)
    (entry,) = _snapshots()
    entry.write_bytes(damage(entry.read_bytes()))
    read = _reads(monkeypatch)
    assert _texts(corpus_dir) == expected
    assert len(read) == len(expected)
    read.clear()
    assert _texts(corpus_dir) == expected and read == []  # replaced by a good one


def test_markdown_and_big_texts_are_not_kept(
    corpus_dir: Path, cache_home: Path, settled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    (corpus_dir / "page.md").write_text("# Title\n\nA paragraph here.\n", "utf-8")
    monkeypatch.setattr(snapshot_module, "MAX_KEPT_CHARS", 10)
    load_corpus([corpus_dir])
    read = _reads(monkeypatch)
    load_corpus([corpus_dir])
    assert "page.md" in read and len(read) == len(list(corpus_dir.iterdir()))


def test_the_cache_switched_off_writes_no_snapshot(
    corpus_dir: Path, cache_home: Path, settled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FACTCHECK_CACHE", "0")
    load_corpus([corpus_dir])
    assert _snapshots() == []


def test_a_text_garbled_in_the_snapshot_is_read_from_its_file(
    corpus_dir: Path, cache_home: Path, settled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = _texts(corpus_dir)
    (entry,) = _snapshots()
    texts = entry.with_suffix(".texts")
    data = bytearray(texts.read_bytes())
    data[40] ^= 0x01  # in the first article's text
    texts.write_bytes(bytes(data))
    read = _reads(monkeypatch)
    assert _texts(corpus_dir) == expected
    assert len(read) == 1  # that one article, when its text was first used


@pytest.mark.parametrize("damage", ["missing", "other token", "cut"])
def test_a_snapshot_without_its_own_texts_file_is_not_used(
    corpus_dir: Path, cache_home: Path, settled: None, damage: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = _texts(corpus_dir)
    (entry,) = _snapshots()
    texts = entry.with_suffix(".texts")
    if damage == "missing":
        texts.unlink()
    elif damage == "other token":
        texts.write_bytes(b"0" * 32 + texts.read_bytes()[32:])
    else:
        texts.write_bytes(texts.read_bytes()[:-1])
    read = _reads(monkeypatch)
    assert _texts(corpus_dir) == expected
    assert len(read) == len(expected)


def test_only_the_corpora_used_last_keep_a_snapshot(
    tmp_path: Path, cache_home: Path, settled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(snapshot_module, "KEEP", 2)
    for n in range(3):
        folder = tmp_path / f"corpus{n}"
        folder.mkdir()
        (folder / "a.txt").write_text(f"Corpus {n} has one claim.\n", "utf-8")
        (folder / "b.txt").write_text(f"And corpus {n} a second.\n", "utf-8")
        load_corpus([folder])
    indexes = _snapshots()
    assert len(indexes) == 2
    assert sorted(p.with_suffix(".texts") for p in indexes) == sorted(
        indexes[0].parent.glob("*.texts")
    )
