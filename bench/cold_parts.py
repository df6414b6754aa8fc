"""Where a cold load's CPU goes, part by part, on one core.

A cold load of N articles reads and hashes every file, segments it (blocks,
then claims: nupunkt and our repairs, then ids, then flat spans), encodes
the packs of those spans and writes them (one file per chunk of texts), and,
when worker processes did the segmenting, checks each pack they send back;
the claim objects are made from it when a document is first used. Each
part is timed here over the corpus of ``bench/load.py``, in this process
(CPU seconds: ``time.process_time``, system time included, so the file
system's share of the writes counts), into a cache folder of its own. The
shares say what is worth making faster; divide the sum by the cores for the
best a parallel load could do.

    python bench/cold_parts.py [--size 5000] [--out bench/out]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from load import corpus_for  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=5000, help="articles")
    parser.add_argument("--out", type=Path, default=HERE / "out", help="where corpora are kept")
    args = parser.parse_args(argv)
    folder = corpus_for(args.out, args.size)
    cache_home = tempfile.mkdtemp(prefix="cold-parts-", dir=args.out)
    os.environ["XDG_CACHE_HOME"] = cache_home
    os.environ.pop("FACTCHECK_CACHE", None)

    from tui.core import cache, claim_packs, corpus, segment, segmenting
    from tui.core.blocks import split_blocks
    from tui.core.claims import claim_pieces, piece_ids

    segment.warm_up()
    paths = sorted(folder.glob("*.txt"))
    parts: list[tuple[str, float]] = []

    def timed(name: str, work: Callable[[], object]) -> object:
        start = time.process_time()
        result = work()
        parts.append((name, time.process_time() - start))
        return result

    docs = timed("read, decode, hash the files", lambda: [corpus.read_document(p) for p in paths])
    assert isinstance(docs, list)
    blocks = timed("blocks", lambda: [list(split_blocks(d.text)) for d in docs])
    assert isinstance(blocks, list)
    pieces = timed(
        "claims (sentences)",
        lambda: [claim_pieces(d.text, b) for d, b in zip(docs, blocks, strict=True)],
    )
    assert isinstance(pieces, list)
    ids = timed(
        "claim ids", lambda: [piece_ids(d.text, p) for d, p in zip(docs, pieces, strict=True)]
    )
    assert isinstance(ids, list)
    spans = timed(
        "flat spans",
        lambda: [cache.spans_of(*parts) for parts in zip(blocks, pieces, ids, strict=True)],
    )
    assert isinstance(spans, list)
    chunks = segmenting._chunks(docs, 2 * segmenting._CHUNKS_PER_WORKER)
    at = {id(doc): n for n, doc in enumerate(docs)}

    def packs() -> list[bytes]:
        return [
            claim_packs.store_pack([d.sha256 for d in chunk], [spans[at[id(d)]] for d in chunk])
            for chunk in chunks
        ]

    made = timed(f"encode and write the packs ({len(chunks)} files)", packs)
    assert isinstance(made, list)
    again = [corpus.read_document(p) for p in paths]
    again_at = {doc.sha256: doc for doc in again}

    def check() -> None:
        for chunk, pack in zip(chunks, made, strict=True):
            assert claim_packs.fill([again_at[d.sha256] for d in chunk], pack, {})

    timed("check packs from workers", check)
    timed("make claim objects from them", lambda: [doc.claims for doc in again])
    shutil.rmtree(cache_home, ignore_errors=True)

    total = sum(seconds for _, seconds in parts)
    print(f"{len(docs)} articles, {sum(len(d.text) for d in docs) / 1e6:.1f} M characters")
    print(f"{'part':<36} {'s':>6} {'ms/article':>11} {'share':>6}")
    for name, seconds in parts:
        each = seconds / len(docs) * 1000
        print(f"{name:<36} {seconds:>6.2f} {each:>11.3f} {seconds / total:>6.0%}")
    print(f"{'sum':<36} {total:>6.2f} {total / len(docs) * 1000:>11.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
