"""A 5 MB article: time to open it, and how long a key press takes to reach the screen.

    python bench/keys.py [--mb 5] [--presses 25]

1. In process: loading the article (the core: decode, blocks, claims; with and
   without the core's segmentation cache) and wrapping it for a pane.
2. End to end: ``factcheck ARTICLE`` in a 160x45 pseudo-terminal, from ``fork``
   to the article's first words arriving on the terminal.
3. Per key, in that running app: the time from writing the key to the
   terminal until the last byte of the repaint it causes, for ``j``, ``k`` and
   the tag key ``s`` (which also writes the annotation file, atomically, with
   fsync). Keys are sent one at a time, after the app has gone quiet (the
   search index built in the background, the "also in" lookup done), so each
   figure is one key's own latency. p50 and p95 are printed (goal: < 20 ms).

The article is the seeds repeated; everything runs in a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from startup import REPO, drain, factcheck_argv, read_until, spawn, stop


def make_article(folder: Path, megabytes: float) -> Path:
    seeds = sorted((REPO / "seeds").glob("*.txt"))
    unit = "\n".join(p.read_text("utf-8") for p in seeds) + "\n"
    copies = int(megabytes * 1_000_000 / len(unit.encode("utf-8"))) + 1
    path = folder / "big" / "article.txt"
    path.parent.mkdir(parents=True)
    path.write_text(unit * copies, "utf-8")
    return path


def in_process(path: Path) -> None:
    from tui.app.wrap import wrap_document
    from tui.core.workspace import open_workspace

    for cache in ("0", "1"):  # without, then with the core's segmentation cache
        os.environ["FACTCHECK_CACHE"] = cache
        start = time.perf_counter()
        workspace = open_workspace([path], annotations=path.parent / "annotations")
        loaded = time.perf_counter()
        what = "no cache" if cache == "0" else "cached"
        print(f"  load ({what:<8}; core: decode, blocks, claims) {1000 * (loaded - start):6.0f} ms")
    os.environ.pop("FACTCHECK_CACHE", None)
    doc = workspace.corpus.documents[0]
    start = time.perf_counter()
    wrapped = wrap_document(doc.text, doc.blocks, 156)
    wrapped_at = time.perf_counter()
    print(
        f"  wrap to 156 columns ({len(wrapped):,} lines)          "
        f"{1000 * (wrapped_at - start):6.0f} ms"
    )
    print(f"  ({len(doc.text) / 1e6:.1f} M characters, {len(doc.claims):,} claims)")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def key_latency(fd: int, key: bytes, presses: int) -> list[float]:
    times = []
    for _ in range(presses):
        drain(fd, 0.4)  # quiet: the previous key's repaint and "also in" are done
        sent = time.perf_counter()
        os.write(fd, key)
        last = drain(fd, 0.05)
        if last > sent:
            times.append(last - sent)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0)
    parser.add_argument("--presses", type=int, default=25)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        path = make_article(work, args.mb)
        in_process(path)
        shutil.rmtree(path.parent / "annotations", ignore_errors=True)

        argv = [*factcheck_argv(), "--analyst", "bench", str(path)]
        needle = " ".join(path.read_text("utf-8")[:200].split()[:3]).encode("utf-8")
        for cache in ("0", "1"):
            os.environ["FACTCHECK_CACHE"] = cache
            opened = []
            for _ in range(3):
                start = time.perf_counter()
                pid, fd = spawn(argv, work)
                try:
                    read_until(fd, needle)
                    opened.append(time.perf_counter() - start)
                finally:
                    stop(pid, fd)
            what = "no cache" if cache == "0" else "cached"
            print(
                f"  end to end ({what:<8}): start to first text   "
                f"{1000 * statistics.median(opened):6.0f} ms   (median of 3, whole process)"
            )
        os.environ.pop("FACTCHECK_CACHE", None)

        pid, fd = spawn(argv, work)
        try:
            read_until(fd, needle)
            drain(fd, 1.5)  # let the background index finish
            print(f"per key, {args.presses} presses each, key written -> repaint received:")
            for name, key in (("j", b"j"), ("k", b"k"), ("s (tag, saved)", b"s")):
                times = key_latency(fd, key, args.presses)
                print(
                    f"  {name:<16} p50 {1000 * statistics.median(times):5.1f} ms"
                    f"   p95 {1000 * percentile(times, 0.95):5.1f} ms"
                    f"   max {1000 * max(times):5.1f} ms"
                )
        finally:
            stop(pid, fd)


if __name__ == "__main__":
    main()
