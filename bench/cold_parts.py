"""Where a cold load's CPU goes, part by part, on one core.

A cold load of N articles reads and hashes every file, segments it (blocks,
then claims: nupunkt and our repairs, then ids), encodes its cache entry and
writes it (one small file per text), and, when worker processes did the
segmenting, checks each entry they send back and makes the claim objects
from it. Each part is timed here over the corpus of ``bench/load.py``, in
this process (CPU seconds: ``time.process_time``, system time included, so
the file system's share of the writes counts), into a cache folder of its
own. The shares say what is worth making faster; divide the sum by the
cores for the best a parallel load could do.

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

    from tui.core import cache, corpus, packed, segment
    from tui.core.blocks import split_blocks
    from tui.core.claims import build_claims

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

    def blocks() -> None:
        for doc in docs:
            doc.blocks = list(split_blocks(doc.text))

    def claims() -> None:
        for doc in docs:
            doc.claims = build_claims(doc)

    timed("blocks", blocks)
    timed("claims (sentences and ids)", claims)
    entries = timed("encode the cache entries", lambda: [cache.entry_bytes(d) for d in docs])
    assert isinstance(entries, list)

    def write() -> None:
        for doc, entry in zip(docs, entries, strict=True):
            packed.write(Path(cache._entry(doc.sha256)), entry)

    timed(f"write them ({len(docs)} files)", write)
    again = [corpus.read_document(p) for p in paths]

    def check() -> None:
        for doc, entry in zip(again, entries, strict=True):
            assert cache.load_entry(doc, entry)

    timed("check entries from workers", check)
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
