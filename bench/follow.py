"""Linked panes: what following (``F``) adds to a cursor key, on 000 against 001 of the seeds.

``factcheck seeds`` runs in a 160x45 pseudo-terminal (as ``bench/startup.py``
runs it). ``j`` and ``k`` are sent one at a time after the app has gone quiet,
first with following off, then on; for each key the time from writing it to
the first and to the last byte of what it repaints is taken (with following
on, the other pane's move arrives in a later frame than the key's own). The
medians of both modes are printed, so the cost of following reads as a ratio
measured in the same run.

    python bench/follow.py [--presses 16]
"""

from __future__ import annotations

import argparse
import os
import select
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from startup import REPO, drain, factcheck_argv, read_until, spawn, stop


def repaint_times(fd: int, key: bytes) -> list[float]:
    """Seconds from sending ``key`` to each burst of output it causes."""
    drain(fd, 0.4)
    sent = time.perf_counter()
    os.write(fd, key)
    times: list[float] = []
    while True:
        ready, _, _ = select.select([fd], [], [], 0.3)
        if not ready:
            return times
        os.read(fd, 1 << 16)
        times.append(time.perf_counter() - sent)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, default=16)
    args = parser.parse_args()
    results: dict[str, tuple[float, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        shutil.copytree(REPO / "seeds", work / "seeds")
        os.environ["FACTCHECK_SESSION"] = "0"
        pid, fd = spawn([*factcheck_argv(), "--analyst", "bench", "seeds"], work)
        try:
            read_until(fd, b"One year after")
            drain(fd, 1.5)  # the index built, "also in" found
            for mode in ("off", "on"):
                if mode == "on":
                    os.write(fd, b"F")
                    drain(fd, 1.0)
                firsts, lasts = [], []
                for i in range(args.presses):
                    times = repaint_times(fd, b"j" if i < args.presses // 2 else b"k")
                    if times:
                        firsts.append(times[0])
                        lasts.append(times[-1])
                results[mode] = (statistics.median(firsts), statistics.median(lasts))
        finally:
            stop(pid, fd)
    print(f"j/k on 000|001, {args.presses} presses per mode, median ms after the key:")
    print("  following   first byte   last byte (of every frame the key causes)")
    for mode, (first, last) in results.items():
        print(f"  {mode:9s}   {1000 * first:10.1f}   {1000 * last:9.1f}")
    off, on = results["off"], results["on"]
    print(f"  on / off    {on[0] / off[0]:9.2f}x   {on[1] / off[1]:8.2f}x")


if __name__ == "__main__":
    main()
