"""Segmenting a cold corpus across processes gives exactly what one process gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from segment_helpers import segmented_here

from tui.core import cache as claim_cache
from tui.core import claim_packs, segmenting
from tui.core.corpus import load_corpus
from tui.core.model import Document


def _shape(doc: Document) -> tuple[list[tuple], list[tuple]]:
    return (
        [(b.start, b.end, b.kind) for b in doc.blocks],
        [(c.index, c.id, c.start, c.end, c.kind, c.block) for c in doc.claims],
    )


def test_workers_segment_a_cold_corpus_as_one_process_does(
    corpus_dir: Path, cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FACTCHECK_CACHE", "0")
    expected = [_shape(doc) for doc in load_corpus([corpus_dir])]
    monkeypatch.delenv("FACTCHECK_CACHE")
    monkeypatch.setattr(segmenting, "PARALLEL_MIN_CHARS", 0)
    monkeypatch.setattr(segmenting, "_cores", lambda: 2)
    here = segmented_here(monkeypatch)
    corpus = load_corpus([corpus_dir])
    assert here == []  # all of it in the workers
    assert [_shape(doc) for doc in corpus] == expected
    assert all(claim.doc is doc for doc in corpus for claim in doc.claims)
    # The workers filled the cache, a pack a chunk (a text a chunk here), no entry a text:
    # the next load segments nothing, anywhere.
    assert len(list((claim_cache.folder() / "packs").glob("*.fcpk"))) == 5
    assert list(claim_cache.folder().glob("*.fcpk")) == []
    monkeypatch.setattr(segmenting, "_segment_in_workers", None)  # would raise if called
    assert [_shape(doc) for doc in load_corpus([corpus_dir])] == expected


def test_small_cold_work_stays_in_this_process(
    corpus_dir: Path, cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(segmenting, "_cores", lambda: 2)
    here = segmented_here(monkeypatch)
    assert len(load_corpus([corpus_dir])) == 5
    assert len(here) == 5


def test_a_failing_pool_falls_back_to_this_process(
    corpus_dir: Path, cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FACTCHECK_CACHE", "0")
    expected = [_shape(doc) for doc in load_corpus([corpus_dir])]
    monkeypatch.setattr(segmenting, "PARALLEL_MIN_CHARS", 0)
    monkeypatch.setattr(segmenting, "_cores", lambda: 2)

    class NoProcesses:
        def __init__(self, *_: object, **__: object) -> None:
            raise OSError("no processes here")

    monkeypatch.setattr("concurrent.futures.ProcessPoolExecutor", NoProcesses)
    here = segmented_here(monkeypatch)
    assert [_shape(doc) for doc in load_corpus([corpus_dir])] == expected
    assert len(here) == 5


def test_a_worker_pack_that_does_not_check_out_is_segmented_here(
    corpus_dir: Path, cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FACTCHECK_CACHE", "0")
    expected = [_shape(doc) for doc in load_corpus([corpus_dir])]
    monkeypatch.setattr(segmenting, "PARALLEL_MIN_CHARS", 0)
    monkeypatch.setattr(segmenting, "_cores", lambda: 2)
    monkeypatch.setattr(claim_packs, "fill", lambda docs, data, spans: False)
    here = segmented_here(monkeypatch)
    assert [_shape(doc) for doc in load_corpus([corpus_dir])] == expected
    assert len(here) == 5


# --- the bundle: a corpus loaded whole reads one file, not one per document ------------------


def _no_entries(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(doc: Document) -> bytes | None:
        raise AssertionError(f"read the entry of {doc.id} although the bundle holds it")

    monkeypatch.setattr(claim_cache, "read_entry", refuse)


def _bundles() -> list[Path]:
    return sorted(claim_cache.folder().glob("corpus-*.bundle"))


def test_a_warm_corpus_is_read_from_its_bundle(
    corpus_dir: Path, cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = [_shape(doc) for doc in load_corpus([corpus_dir])]
    assert _bundles() == []  # not after a cold load: it has enough to hold
    assert [_shape(doc) for doc in load_corpus([corpus_dir])] == expected
    assert len(_bundles()) == 1
    with monkeypatch.context() as patch:
        _no_entries(patch)
        here = segmented_here(patch)
        assert [_shape(doc) for doc in load_corpus([corpus_dir])] == expected
        assert here == []


@pytest.mark.parametrize("cut", [0, 10, 200, -1])
def test_a_damaged_bundle_falls_back_to_the_entries(
    corpus_dir: Path, cache_home: Path, monkeypatch: pytest.MonkeyPatch, cut: int
) -> None:
    expected = [_shape(doc) for doc in load_corpus([corpus_dir])]
    load_corpus([corpus_dir])
    (bundle,) = _bundles()
    good = bundle.read_bytes()
    bundle.write_bytes(good[:cut])
    here = segmented_here(monkeypatch)
    assert [_shape(doc) for doc in load_corpus([corpus_dir])] == expected
    assert here == [] and bundle.read_bytes() == good  # written again, from the entries


def test_a_changed_article_makes_a_new_bundle_and_old_ones_go(
    corpus_dir: Path, cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(claim_packs, "KEEP_BUNDLES", 2)
    path = next(corpus_dir.glob("001_*.txt"))
    original = path.read_text(encoding="utf-8")
    for n in range(4):
        path.write_text(original + f"\n\nThe count was {n} again.\n", encoding="utf-8")
        load_corpus([corpus_dir])
        corpus = load_corpus([corpus_dir])
        assert corpus.documents[1].claims[-1].text == f"The count was {n} again."
    assert len(_bundles()) == 2


def test_workers_not_forked_get_the_texts_sent(
    corpus_dir: Path, cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With threads running (the reader) the pool cannot fork: texts go through the pipe."""
    import multiprocessing

    monkeypatch.setenv("FACTCHECK_CACHE", "0")
    expected = [_shape(doc) for doc in load_corpus([corpus_dir])]
    monkeypatch.setattr(segmenting, "PARALLEL_MIN_CHARS", 0)
    monkeypatch.setattr(segmenting, "_cores", lambda: 2)
    monkeypatch.setattr(segmenting, "_context", lambda: multiprocessing.get_context("spawn"))
    here = segmented_here(monkeypatch)
    assert [_shape(doc) for doc in load_corpus([corpus_dir])] == expected
    assert here == []
