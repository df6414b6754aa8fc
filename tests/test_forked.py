"""Half a loop in a forked child: the same results as one process, whatever fails."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

import pytest

from tui.core import compare as compare_module
from tui.core import forked
from tui.core.compare import compare_documents

REPO = Path(__file__).resolve().parent.parent
needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork here")


def squares_and_pids(part: Sequence[int]) -> list[tuple[int, int]]:
    return [(n * n, os.getpid()) for n in part]


def test_the_child_does_the_second_half_where_it_can_fork() -> None:
    # In a fresh interpreter: this one may run other tests' threads, and then never forks.
    script = (
        "import os, sys\n"
        "sys.path.insert(0, 'tests')\n"
        "from test_forked import squares_and_pids\n"
        "from tui.core.forked import can_fork, in_two\n"
        "here, there = in_two(squares_and_pids, [1, 2], [3, 4])\n"
        "print(can_fork(), [s for s, _ in here + there], {p for _, p in here} == {os.getpid()},"
        " {p for _, p in there} == {os.getpid()})\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.split(" ", 1)
    if out[0] == "False":
        pytest.skip("one core here: nothing is forked")
    assert out[1].strip() == "[1, 4, 9, 16] True False"


def test_with_threads_running_nothing_is_forked() -> None:
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        here, there = forked.in_two(squares_and_pids, [1, 2], [3])
    finally:
        stop.set()
        other.join()
    assert [s for s, _ in here + there] == [1, 4, 9]
    assert {p for _, p in here + there} == {os.getpid()}


@needs_fork
def test_a_child_that_fails_leaves_its_half_to_the_parent(monkeypatch) -> None:
    monkeypatch.setattr(forked, "can_fork", lambda: True)
    parent = os.getpid()

    def fails_in_the_child(part: Sequence[int]) -> list[int]:
        if os.getpid() != parent:
            raise RuntimeError("the child breaks")
        return [n + 1 for n in part]

    assert forked.in_two(fails_in_the_child, [1], [2, 3]) == [[2], [3, 4]]


@needs_fork
def test_compare_split_across_a_child_gives_the_same_rows(monkeypatch) -> None:
    sys.path.insert(0, str(REPO / "bench"))
    try:
        from compare import versions
        from similar_eval import document
    finally:
        sys.path.remove(str(REPO / "bench"))
    forks = []
    real_fork = os.fork

    def counted_fork() -> int:
        pid = real_fork()
        if pid:
            forks.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", counted_fork)
    # Forked whatever else this test process runs: the rows must come through the child.
    monkeypatch.setattr(forked, "can_fork", lambda: True)

    def rows(split_from: int) -> list[tuple[object, ...]]:
        monkeypatch.setattr(compare_module, "PARALLEL_MIN_CLAIMS", split_from)
        made = []
        for share in (0.2, 0.95):
            a, b = versions(300, share)
            for row in compare_documents(document("a", a), document("b", b)):
                ids = (row.a and row.a.index, row.b and row.b.index)
                made.append((row.status, ids, row.score, row.changes, row.differs))
        return made

    split, whole = rows(1), rows(10**9)
    assert any(row[0] == "edited" and row[4] for row in whole)
    assert split == whole
    assert len(forks) == 2  # one child per comparison split, none when not split
