"""Check that this tree segments every text exactly as an older commit did.

Claim boundaries and ids may never move (annotations are anchored to them).
This runs the segmentation of ``REV`` (its ``tui/`` extracted from git, in a
process of its own) and of the working tree on the texts of
``tests/segment_texts.py`` (seeds, synthetic articles, fuzz, mutated seed
paragraphs, the hard cases, real sentences from /work/shared/data) and compares
blocks (spans, kinds) and claims (spans, kinds, blocks, ids), text by text.
The working tree is checked both ways a document gets its claims: segmented
here (``segment_fresh``) and through a worker's pack (``_work``, read back
with ``claim_packs.fill``).

    python bench/same_segments.py [--against main] [--count 2000]

Prints the number of texts per source and every text that differs (exit 1).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from old_code import tree_of  # bench/ is on sys.path when a script runs

REPO = Path(__file__).resolve().parent.parent

WORKER = r"""
import hashlib, sys
sys.path.insert(0, sys.argv[1])  # the tests folder of the working tree: the texts
from pathlib import Path
from segment_texts import texts
import tui
from tui.core import segmenting
from tui.core.model import Document

def shape(doc):
    return repr((
        [(b.start, b.end, str(b.kind)) for b in doc.blocks],
        [(c.index, c.id, c.start, c.end, str(c.kind), c.block) for c in doc.claims],
    ))

both_ways = sys.argv[3] == "new"
print("#", tui.__file__, flush=True)
for name, text in texts(int(sys.argv[2])):
    sha = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    doc = Document(id=name, path=Path(name), text=text, sha256=sha)
    segmenting.segment_fresh(doc)
    fresh = shape(doc)
    if both_ways:
        from tui.core import claim_packs
        pack = segmenting._work([(text, sha)])
        again = Document(id=name, path=Path(name), text=text, sha256=sha)
        if not claim_packs.fill([again], pack, {}) or shape(again) != fresh:
            print(name, "worker-entry-differs", flush=True)
            continue
    print(name, hashlib.sha1(fresh.encode("utf-8", "surrogatepass")).hexdigest(), flush=True)
"""


def run(tree: Path, count: int, which: str) -> tuple[dict[str, str], str, float]:
    with tempfile.TemporaryDirectory() as cache:
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", WORKER, str(REPO / "tests"), str(count), which],
            capture_output=True,
            text=True,
            check=True,
            cwd=tree,
            env={"PYTHONPATH": str(tree), "XDG_CACHE_HOME": cache, "PATH": "/usr/bin:/bin"},
        )
        seconds = time.perf_counter() - start
    lines = done.stdout.splitlines()
    where = lines[0].removeprefix("# ")
    return dict(line.rsplit(" ", 1) for line in lines[1:]), where, seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--against", default="main", help="the commit to compare with")
    parser.add_argument("--count", type=int, default=2000, help="texts of each generated kind")
    args = parser.parse_args(argv)
    with tree_of(args.against) as old_tree:
        old, old_where, old_s = run(old_tree, args.count, "old")
    new, new_where, new_s = run(REPO, args.count, "new")
    assert old_where.startswith(str(old_tree)) and new_where.startswith(str(REPO)), (
        old_where,
        new_where,
    )
    kinds: dict[str, int] = {}
    for name in new:
        kind = name.split("-")[0]
        kinds[kind] = kinds.get(kind, 0) + 1
    differ = sorted(name for name in set(old) | set(new) if old.get(name) != new.get(name))
    print(", ".join(f"{kind} {n}" for kind, n in kinds.items()), f"= {len(new)} texts")
    print(f"segmenting them: {args.against} {old_s:.1f} s, this tree {new_s:.1f} s (both ways)")
    for name in differ[:50]:
        print(f"DIFFERS: {name} ({old.get(name)} then, {new.get(name)} now)")
    print(f"{len(differ)} texts differ" if differ else "every text segments the same")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
