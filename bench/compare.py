"""Benchmark ``compare`` on two versions of a long article (5,000 claims each by default).

Version A is drawn from the seeds' sentences with variations (bench/search.py's
generator); version B keeps most claims, edits some (a word or a number
changed), moves some, drops some and adds new ones, as a rewrite does. Also
times the worst case: every claim edited, so none pairs by its exact words.

    python bench/compare.py [--claims 5000] [--repeat 3] [--against COMMIT [--same-process]]

Also prints how many of the pairs the generator made the comparison found, and how
many pairs it made that the generator did not (the quality of the pairing).
``--against`` also times the code of an older commit on the same two versions,
in alternating fresh processes (the machine is shared), and prints the ratio of
the best times. With ``--same-process`` the older code is imported beside this
tree's (bench/old_code.py's ``renamed_tree_of``) and the two run in turns in one
process, timed by the wall clock (this tree matches half the claims in a forked
child, which the thread's CPU clock would not count): the load of a shared machine
falls on both alike, where fresh processes gave ratios from 0.92 to 1.31 for one change.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from old_code import renamed_tree_of, tree_of  # bench/ is on sys.path when a script runs

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from search import made_up_words, seed_sentences, vary  # noqa: E402
from similar_eval import document  # noqa: E402

from tui.core.compare import compare_documents  # noqa: E402
from tui.core.normalize import terms  # noqa: E402


def versions(size: int, edit_share: float, seed: int = 1) -> tuple[list[str], list[str]]:
    a, b, _ = versions_with_origins(size, edit_share, seed)
    return a, b


def versions_with_origins(
    size: int, edit_share: float, seed: int = 1
) -> tuple[list[str], list[str], list[int | None]]:
    """The two versions, and for each claim of B the claim of A it was made from (``None``
    for one added): the pairs a comparison should find."""
    rng = random.Random(seed)
    sentences = seed_sentences()
    pool = made_up_words(rng, 50_000)
    a = [vary(rng, rng.choice(sentences), pool) for _ in range(size)]
    b: list[tuple[str, int | None]] = []
    for i, text in enumerate(a):
        r = rng.random()
        if r < 0.05:
            continue  # dropped
        if r < 0.05 + edit_share:
            words = text.split()
            k = rng.randrange(len(words))
            words[k] = str(rng.randint(2, 999)) if rng.random() < 0.5 else rng.choice(pool)
            text = " ".join(words)
        b.append((text, i))
    for _ in range(size // 20):  # moved
        i, j = rng.randrange(len(b)), rng.randrange(len(b))
        b.insert(j, b.pop(i))
    for _ in range(size // 20):  # added
        b.insert(rng.randrange(len(b)), (vary(rng, rng.choice(sentences), pool), None))
    b = b[:size]
    return a, [text for text, _ in b], [origin for _, origin in b]


def pairing(rows: list, origins: list[int | None]) -> str:
    """Precision and recall of the pairs ``rows`` make, against where B's claims came from."""
    truth = {(i, j) for j, i in enumerate(origins) if i is not None}
    made = {(row.a.index, row.b.index) for row in rows if row.a is not None and row.b is not None}
    right = len(made & truth)
    return (
        f"pairs right {right:,} of {len(truth):,} (recall {right / max(len(truth), 1):.3f}), "
        f"wrong {len(made) - right:,} (precision {right / max(len(made), 1):.3f})"
    )


def _baseline(size: int) -> float:
    a, b = versions(size, 0.2)
    best = float("inf")
    for _ in range(3):
        t = time.perf_counter()
        for text in a + b:
            terms(text)
        best = min(best, time.perf_counter() - t)
    return best


_TIMED = """
import json, sys, time
from pathlib import Path
from tui.core.compare import compare_documents
from tui.core.model import Claim, ClaimKind, Document

def document(doc_id, texts):
    text = "\\n".join(texts)
    doc = Document(id=doc_id, path=Path(doc_id + ".txt"), text=text, sha256="")
    start = 0
    for i, line in enumerate(texts):
        doc.claims.append(Claim(doc, i, f"c{i:08x}", start, start + len(line), ClaimKind.CLAIM, i))
        start += len(line) + 1
    return doc

a, b = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
doc_a, doc_b = document("a", a), document("b", b)
t = time.perf_counter()
compare_documents(doc_a, doc_b)
print(time.perf_counter() - t)
"""


def against(commit: str, claims: int, repeat: int) -> None:
    """Best times of ``commit``'s code and of this tree's on the same versions, each
    run in its own fresh process, alternating."""
    with tempfile.TemporaryDirectory() as folder, tree_of(commit) as old:
        for label, share in (("a rewrite (20% edited)", 0.20), ("every claim edited", 0.95)):
            texts = Path(folder) / "texts.json"
            texts.write_text(json.dumps(versions(claims, share)), encoding="utf-8")
            best = {commit: float("inf"), "this tree": float("inf")}
            for _ in range(repeat):
                for name, tree in ((commit, old), ("this tree", REPO)):
                    env = {**os.environ, "PYTHONPATH": str(tree)}
                    out = subprocess.run(
                        [sys.executable, "-c", _TIMED, str(texts)],
                        cwd=tree,
                        env=env,
                        check=True,
                        capture_output=True,
                        text=True,
                    ).stdout
                    best[name] = min(best[name], float(out))
            print(
                f"{label}: {commit} {best[commit]:.2f} s, this tree {best['this tree']:.2f} s "
                f"(ratio {best['this tree'] / best[commit]:.2f}, best of {repeat} each)"
            )


def same_process(commit: str, claims: int, repeat: int) -> None:
    """Best wall times of ``commit``'s code and this tree's, run in turns in this process."""
    import importlib
    import statistics

    with renamed_tree_of(commit) as package:
        model = importlib.import_module(f"{package}.core.model")
        old = importlib.import_module(f"{package}.core.compare")

        def old_document(doc_id: str, texts: list[str]) -> object:
            text = "\n".join(texts)
            doc = model.Document(id=doc_id, path=Path(doc_id + ".txt"), text=text, sha256="")
            start = 0
            for i, line in enumerate(texts):
                end = start + len(line)
                claim = model.Claim(doc, i, f"c{i:08x}", start, end, model.ClaimKind.CLAIM, i)
                doc.claims.append(claim)
                start = end + 1
            return doc

        for label, share in (("a rewrite (20% edited)", 0.20), ("every claim edited", 0.95)):
            a, b = versions(claims, share)
            sides = {
                "this tree": (compare_documents, document("a", a), document("b", b)),
                commit: (old.compare_documents, old_document("a", a), old_document("b", b)),
            }
            times: dict[str, list[float]] = {name: [] for name in sides}
            rows: dict[str, list[str]] = {}
            made_rows: dict[str, list] = {}
            for k in range(repeat):
                for name in list(sides) if k % 2 == 0 else list(sides)[::-1]:
                    run, doc_a, doc_b = sides[name]
                    t = time.perf_counter()
                    made = run(doc_a, doc_b)
                    times[name].append(time.perf_counter() - t)
                    rows[name] = [_row_text(row) for row in made]
                    made_rows[name] = made
            _, _, origins = versions_with_origins(claims, share)
            for name in sides:
                print(f"  {name}: {pairing(made_rows[name], origins)}")
            new, was = min(times["this tree"]), min(times[commit])
            ratios = [x / y for x, y in zip(times["this tree"], times[commit], strict=True)]
            print(
                f"{label}: {commit} {was:.2f} s, this tree {new:.2f} s wall (ratio of the best "
                f"{new / was:.2f}, median of the rounds' ratios {statistics.median(ratios):.2f}, "
                f"{repeat} rounds in turns in one process); same rows: "
                f"{rows['this tree'] == rows[commit]}"
            )


def _row_text(row: object) -> str:
    """A row as text, the same for either tree's classes."""
    a, b = row.a, row.b  # type: ignore[attr-defined]
    ids = (a and a.index, b and b.index)
    return f"{row.status} {ids} {row.score!r} {row.changes!r} {row.differs!r}"  # type: ignore[attr-defined]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--against", metavar="COMMIT", help="also time an older commit's code")
    parser.add_argument(
        "--same-process", action="store_true", help="with --against: in turns in one process"
    )
    args = parser.parse_args(argv)
    if args.against and args.same_process:
        same_process(args.against, args.claims, args.repeat)
        return 0
    if args.against:
        against(args.against, args.claims, args.repeat)
        return 0
    baseline = _baseline(args.claims)
    print(
        f"baseline (same run): splitting {2 * args.claims:,} claims into words takes "
        f"{baseline:.3f} s; ratios below are to it"
    )
    for label, share in (("a rewrite (20% edited)", 0.20), ("every claim edited", 0.95)):
        a, b, origins = versions_with_origins(args.claims, share)
        doc_a, doc_b = document("a", a), document("b", b)
        times = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            rows = compare_documents(doc_a, doc_b)
            times.append(time.perf_counter() - t)
        counts = Counter(row.status for row in rows)
        print(
            f"{label}: {len(a):,} x {len(b):,} claims, best {min(times):.2f} s, "
            f"worst {max(times):.2f} s ({min(times) / baseline:.0f}x baseline); {dict(counts)}"
        )
        print(f"  {pairing(rows, origins)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
