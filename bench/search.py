"""Benchmark claim search and ``similar`` on synthetic corpora of 10k, 100k and 1M claims.

Claims are the seeds' own sentences with variations: about one word in six is
replaced by a word drawn (Zipf, p ~ 1/rank) from a pool of 300k made-up names, some
words are dropped and numbers changed, so the vocabulary grows with the
corpus as real news does, while the text keeps the seeds' quirks (curly
quotes, diacritics, "U.S."). Queries are drawn from the corpus: one to three
words of a claim, some with a typo, some quoted as a phrase, some filtered,
some cut short as while typing. Every query runs once with the expansion
cache cleared (the pessimistic case); typing is measured separately, one key
at a time with the cache as the reader has it.

    python bench/search.py [--sizes 10000,100000,1000000] [--queries 300] [--fzf 10]

Prints, per size: build time and memory of the index, p50/p95/max latency of
queries, of typing and of ``similar``, and ``fzf --filter`` per query on the
same claim lines as a whole process when fzf is installed.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tui.core.corpus import Corpus, load_corpus  # noqa: E402
from tui.core.model import Claim, ClaimKind, Document  # noqa: E402
from tui.core.search import SearchIndex  # noqa: E402
from tui.core.similar import find_similar  # noqa: E402

CLAIMS_PER_DOC = 30
_SYLLABLES = [a + b for a in "bcdfghjklmnprstvz" for b in "aeiou"] + ["an", "ar", "el", "ic", "ov"]


def seed_sentences() -> list[str]:
    corpus = load_corpus([REPO / "seeds"])
    return [claim.text for claim in corpus.claims()]


def made_up_words(rng: random.Random, count: int) -> list[str]:
    words: set[str] = set()
    while len(words) < count:
        word = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4)))
        words.add(word.capitalize() if rng.random() < 0.5 else word)
    return sorted(words)


def vary(rng: random.Random, sentence: str, pool: list[str]) -> str:
    out = []
    for word in sentence.split(" "):
        r = rng.random()
        if r < 0.04:
            continue
        if r < 0.20 and len(word) > 3:
            # Zipf: the word of rank k is drawn with probability ~1/k.
            out.append(pool[int(len(pool) ** rng.random()) - 1])
        elif r < 0.22 and word.isdigit():
            out.append(str(rng.randint(1, 3000)))
        else:
            out.append(word)
    return " ".join(out)


def synthetic_corpus(size: int, seed: int = 1) -> Corpus:
    """``size`` claims in documents of 30, built directly (no segmentation)."""
    rng = random.Random(seed)
    sentences = seed_sentences()
    pool = made_up_words(rng, 300_000)
    rng.shuffle(pool)
    documents = []
    for d in range(0, size, CLAIMS_PER_DOC):
        texts = [
            vary(rng, rng.choice(sentences), pool) for _ in range(min(CLAIMS_PER_DOC, size - d))
        ]
        text = "\n".join(texts)
        doc = Document(
            id=f"{d // CLAIMS_PER_DOC:06d}_synthetic", path=Path("x.txt"), text=text, sha256=""
        )
        start = 0
        for i, line in enumerate(texts):
            doc.claims.append(
                Claim(doc, i, f"c{d + i:08x}", start, start + len(line), ClaimKind.CLAIM, i)
            )
            start += len(line) + 1
        documents.append(doc)
    return Corpus(documents)


def typo(rng: random.Random, word: str) -> str:
    i = rng.randrange(1, len(word) - 1)
    kind = rng.choice(["drop", "swap", "sub"])
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    if kind == "swap":
        return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]
    return word[:i] + rng.choice("aeiourstn") + word[i + 1 :]


def make_queries(rng: random.Random, corpus: Corpus, count: int) -> list[tuple[str, str]]:
    """(kind, query) pairs drawn from the corpus's own claims."""
    claims = [
        c for doc in corpus.documents[:: max(1, len(corpus.documents) // 2000)] for c in doc.claims
    ]
    queries = []
    while len(queries) < count:
        claim = rng.choice(claims)
        words = [w.strip(".,;:“”\"'()—") for w in claim.text.split()]
        words = [w for w in words if len(w) >= 4 and w.isalpha()]
        if len(words) < 3:
            continue
        r = rng.random()
        n = rng.choice([1, 2, 2, 3])
        start = rng.randrange(0, len(words) - n + 1)
        picked = words[start : start + n]
        if r < 0.40:
            queries.append(("plain", " ".join(picked)))
        elif r < 0.65:
            j = rng.randrange(len(picked))
            if len(picked[j]) >= 5:
                picked[j] = typo(rng, picked[j])
            queries.append(("typo", " ".join(picked)))
        elif r < 0.75:
            raw = claim.text.split()
            i = rng.randrange(len(raw) - 1)
            queries.append(("phrase", f'"{raw[i]} {raw[i + 1]}"'))
        elif r < 0.85:
            queries.append(("filter", f"{' '.join(picked)} label:none doc:{claim.doc.id[:4]}"))
        else:
            last = picked[-1]
            picked[-1] = last[: max(3, len(last) // 2)]
            queries.append(("prefix", " ".join(picked)))
    return queries


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1_048_576


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


def summary(values: list[float]) -> str:
    ms = [v * 1000 for v in values]
    return (
        f"p50 {pct(ms, 50):6.1f} ms  p95 {pct(ms, 95):6.1f} ms  "
        f"max {max(ms):7.1f} ms  (n={len(ms)})"
    )


def run_size(size: int, n_queries: int, n_fzf: int, seed: int) -> None:
    print(f"\n=== {size:,} claims ===", flush=True)
    t = time.perf_counter()
    corpus = synthetic_corpus(size, seed)
    print(f"corpus generated in {time.perf_counter() - t:.1f} s", flush=True)
    gc.collect()
    before = rss_mb()
    t = time.perf_counter()
    index = SearchIndex.build(corpus)
    build = time.perf_counter() - t
    gc.collect()
    print(
        f"index build {build:.2f} s, +{rss_mb() - before:.0f} MB RSS, "
        f"{len(index.terms.terms):,} terms",
        flush=True,
    )
    rng = random.Random(seed)
    labels = {id(c): "disputed" for c in rng.sample(index.claims, max(1, size // 100))}

    def label_of(claim: Claim) -> str | None:
        return labels.get(id(claim))

    queries = make_queries(rng, corpus, n_queries)
    for _, query in queries[:20]:  # warm the interpreter, not the cache
        index.search(query, label_of=label_of)
    by_kind: dict[str, list[float]] = {}
    empty = 0
    for kind, query in queries:
        index.terms._cache.clear()
        t = time.perf_counter()
        hits = index.search(query, limit=50, label_of=label_of)
        by_kind.setdefault(kind, []).append(time.perf_counter() - t)
        empty += not hits
    everything = [v for values in by_kind.values() for v in values]
    print(f"queries (cache cleared)  {summary(everything)}; {empty} found nothing")
    for kind, values in sorted(by_kind.items()):
        print(f"  {kind:7s}               {summary(values)}")
    typing = []
    for _, query in queries[:40]:
        text = query.replace('"', "")
        for i in range(2, len(text) + 1):
            t = time.perf_counter()
            index.search(text[:i], limit=50, label_of=label_of)
            typing.append(time.perf_counter() - t)
    print(f"typing, one key at a time {summary(typing)}")
    similar = []
    for claim in rng.sample(index.claims, 100):  # each once: none of its matches cached
        t = time.perf_counter()
        find_similar(index, claim, label_of=label_of)
        similar.append(time.perf_counter() - t)
    print(f"similar (not cached)     {summary(similar)}")
    if n_fzf and shutil.which("fzf"):
        run_fzf(index, [q for k, q in queries if k in ("plain", "typo")][:n_fzf])
    del index, corpus
    gc.collect()


def run_fzf(index: SearchIndex, queries: list[str]) -> None:
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
        for claim in index.claims:
            f.write(f"{claim.doc.id}:{claim.number}\t{claim.text}\n")
        path = f.name
    try:
        times = []
        for query in queries:
            with open(path, "rb") as stdin:
                t = time.perf_counter()
                subprocess.run(
                    ["fzf", "--filter", query], stdin=stdin, stdout=subprocess.DEVNULL, check=False
                )
                times.append(time.perf_counter() - t)
        print(f"fzf --filter (process)   {summary(times)}")
    finally:
        os.unlink(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", default="10000,100000,1000000", help="comma-separated claim counts"
    )
    parser.add_argument("--queries", type=int, default=300, help="queries per size")
    parser.add_argument("--fzf", type=int, default=10, help="queries to time with fzf (0: none)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores")
    for size in (int(s) for s in args.sizes.split(",")):
        run_size(size, args.queries, args.fzf, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
