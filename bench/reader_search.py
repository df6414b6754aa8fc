"""The reader's ``/`` right after start-up on a warm 1,000-article corpus: how long until results.

``factcheck CORPUS`` runs in a 160x45 pseudo-terminal (as ``bench/startup.py``
runs it: byte code cached, after a warm-up run that also fills the claims and
search caches, kept in ``--out``/cache). As soon as the first article's words
reach the terminal, ``/`` and a query are typed; the figure is the time from
that key to the search screen, and from typing the query to its "N found"
reaching the terminal, i.e. how long an analyst who searches at once waits
(target: 100 ms). Start-up itself (fork to first words) is printed too.
``--settle 2`` types ``/`` two seconds after the first words instead: what the
same keys cost once start-up's work is done. ``--bare`` also runs a bare
Textual app drawing the same kind of screen (a page of text; on ``/`` an opaque
dialog with a box, a status line and a list of two-line options filled as the
query is typed, from a fixed list: no search at all), the same keys timed the
same way: the floor Textual itself sets for these screens on this machine.
``--against REV`` also runs ``REV``'s code, in alternating runs, and prints the
ratio of the medians (the machine is shared).

    python bench/reader_search.py [--articles 1000] [--runs 5] [--against REV] [--settle S]
                                  [--bare]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from load import corpus_for, use_cache_in  # noqa: E402
from old_code import tree_of  # noqa: E402
from startup import factcheck_argv, read_until, spawn, stop  # noqa: E402

QUERY = b"wagnr recruitment"
BARE_APP = """
from textual.app import App
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

WORDS = "Wagner recruitment drive reaches the Serbian capital as officials deny it".split()
PAGE = "\\n".join(" ".join(WORDS[(i + j) % len(WORDS)] for j in range(24)) for i in range(40))


class Search(ModalScreen):
    DEFAULT_CSS = \"""
    Search { align: center middle; background: $background; }
    Search > #frame { width: 120; height: 90%; border: round $primary; padding: 0 1; }
    #status { height: 1; }
    #results { height: 1fr; }
    \"""

    def compose(self):
        from textual.containers import Vertical

        with Vertical(id="frame"):
            yield Input(placeholder="words (typos forgiven)", id="box")
            yield Static("", id="status")
            yield OptionList(id="results")

    def on_input_changed(self, event):
        self.call_later(self.show, event.value)

    def show(self, query):
        if query != self.query_one(Input).value:
            return
        head = "000:{}  [D] disputed  98  Title {}\\n"
        lines = [head.format(n, n) + PAGE[n * 30 : n * 30 + 150] for n in range(16)]
        self.query_one("#results", OptionList).set_options([Option(line) for line in lines])
        self.query_one("#status", Static).update(f"{len(lines)} found")


class Bare(App):
    BINDINGS = [("slash", "search")]

    def compose(self):
        yield Static("Benchmark words " + PAGE)

    def action_search(self):
        self.push_screen(Search())


Bare().run()
"""


SETTLE = 0.0
"""Seconds from the first words to ``/`` (``--settle``: the reader idle, start-up's work done)."""


BARE = Path("bare")
"""Stands for the bare app among the trees run."""


def one_run(folder: Path, work: Path, tree: Path | None = None) -> tuple[float, float, float]:
    """One start-up, ``/`` and query (of ``tree``'s code if given, else the installed one;
    of the bare app for :data:`BARE`)."""
    os.environ.pop("PYTHONPATH", None)
    if tree == BARE:
        (work / "bare.py").write_text(BARE_APP, "utf-8")
        argv, needle = [sys.executable, "bare.py"], b"Benchmark words"
    else:
        first = sorted(folder.glob("*.txt"))[0].read_text("utf-8")
        needle = " ".join(first.split()[:3]).encode("utf-8")
        argv = factcheck_argv() if tree is None else [sys.executable, "-m", "tui"]
        argv.append(str(folder))
        if tree is not None:
            os.environ["PYTHONPATH"] = str(tree)
    start = time.perf_counter()
    pid, fd = spawn(argv, work)
    try:
        read_until(fd, needle, timeout=120)
        painted = time.perf_counter()
        time.sleep(SETTLE)
        pressed = time.perf_counter()
        os.write(fd, b"/")
        read_until(fd, b"typos forgiven", timeout=60)  # the search screen is up
        opened = time.perf_counter()
        os.write(fd, QUERY)
        read_until(fd, b" found", timeout=60)
        return painted - start, opened - pressed, time.perf_counter() - opened
    finally:
        stop(pid, fd)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path, default=HERE / "out")
    parser.add_argument("--against", metavar="REV", help="also run an older commit's code")
    parser.add_argument(
        "--settle", type=float, default=0.0, help="wait SECONDS after start-up before '/'"
    )
    parser.add_argument(
        "--bare", action="store_true", help="also time a bare Textual app's like screens"
    )
    args = parser.parse_args(argv)
    global SETTLE
    SETTLE = args.settle
    use_cache_in(args.out / "cache")
    folder = corpus_for(args.out, args.articles)
    with tempfile.TemporaryDirectory() as tmp, _tree(args.against) as old:
        work = Path(tmp)
        os.environ["XDG_STATE_HOME"] = str(work / "state")  # no session restored
        trees = [None] if old is None else [None, old]
        trees += [BARE] if args.bare else []
        for tree in trees:  # warm-up: the claims and search caches, then byte code
            if tree == BARE:
                one_run(folder, work, tree)
            else:
                warm_up(folder, work, tree)
        runs: dict[Path | None, list[tuple[float, float, float]]] = {tree: [] for tree in trees}
        for _ in range(args.runs):
            for tree in trees:
                runs[tree].append(one_run(folder, work, tree))
    report(args.articles, runs[None])
    if old is not None:
        print(f"{args.against}:")
        report(args.articles, runs[old])
        new, was = (statistics.median(r[1] + r[2] for r in runs[t]) for t in (None, old))
        print(f"'/' at start-up to results: {new / was:.2f}x {args.against}'s (medians)")
    if args.bare:
        print("bare Textual app, the same kind of screens, no search:")
        report(args.articles, runs[BARE], target=False)
        new, floor = (statistics.median(r[1] + r[2] for r in runs[t]) for t in (None, BARE))
        print(f"'/' at start-up to results: {new / floor:.2f}x the bare app's (medians)")
    return 0


@contextmanager
def _tree(rev: str | None) -> Iterator[Path | None]:
    if rev is None:
        yield None
    else:
        with tree_of(rev) as tree:
            yield tree


def warm_up(folder: Path, work: Path, tree: Path | None) -> None:
    """The claims and search caches (a one-shot search, no terminal), then byte code."""
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    argv = factcheck_argv()
    if tree is not None:
        env["PYTHONPATH"], argv = str(tree), [sys.executable, "-m", "tui"]
    subprocess.run(
        [*argv, "search", "warm up", "--corpus", str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    one_run(folder, work, tree)


def report(articles: int, runs: list[tuple[float, float, float]], target: bool = True) -> None:
    paint, opened, answer = (statistics.median(r[i] for r in runs) for i in range(3))
    what = f"{articles} articles, warm" if target else "the bare app"
    print(f"{what}, median of {len(runs)} runs:")
    print(f"  start-up to first words            {paint * 1000:6.0f} ms")
    print(f"  '/' to the search screen           {opened * 1000:6.0f} ms")
    print(
        f"  query typed to results on screen   {answer * 1000:6.0f} ms "
        f"(max {max(r[2] for r in runs) * 1000:.0f})"
    )
    print(
        f"  '/' at start-up to results         {(opened + answer) * 1000:6.0f} ms"
        + (" (target 100 ms)" if target else "")
    )


if __name__ == "__main__":
    sys.exit(main())
