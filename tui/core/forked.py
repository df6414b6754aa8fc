"""Half of a CPU-bound loop in a forked child, the other half here: two cores for one call.

Comparing two long articles is pure Python, so one process keeps one core busy
while the machine has two. A child forked for one call inherits everything the
call has built (documents, postings, the matcher's weights) at no copying cost
and sends back only its results, pickled through a pipe (our own child, not an
untrusted file). Forking is safe only while no other thread runs (a copied lock
may be held forever), so with threads running, or where ``fork`` does not exist,
or if the child fails in any way, the whole loop runs here: parallelism is an
optimisation only, and both paths give the same results.
"""

from __future__ import annotations

import os
import pickle
import signal
import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

R = TypeVar("R")


def can_fork() -> bool:
    """Whether a child may be forked now and has a core of its own to run on."""
    if not hasattr(os, "fork") or threading.active_count() != 1:
        return False
    try:
        return len(os.sched_getaffinity(0)) > 1
    except (AttributeError, OSError):
        return (os.cpu_count() or 1) > 1


def in_two(
    work: Callable[[Sequence[int]], R], here: Sequence[int], there: Sequence[int]
) -> list[R]:
    """``[work(here), work(there)]``, ``work(there)`` in a forked child when :func:`can_fork`."""
    if not there or not can_fork():
        return [work(here), work(there)]
    try:
        read_end, write_end = os.pipe()
    except OSError:
        return [work(here), work(there)]
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return [work(here), work(there)]
    if pid == 0:  # the child: never returns into the caller's code
        status = 1
        try:
            os.close(read_end)
            with os.fdopen(write_end, "wb") as out:
                pickle.dump(work(there), out, protocol=pickle.HIGHEST_PROTOCOL)
            status = 0
        finally:
            os._exit(status)  # no atexit handlers, no flushing of the parent's buffers
    os.close(write_end)
    try:
        mine = work(here)
    except BaseException:
        os.close(read_end)
        os.kill(pid, signal.SIGKILL)
        _reap(pid)
        raise
    return [mine, _collected(read_end, pid, work, there)]


def _collected(
    read_end: int, pid: int, work: Callable[[Sequence[int]], R], there: Sequence[int]
) -> R:
    """The child's result, or ``work(there)`` done here if the child failed."""
    with os.fdopen(read_end, "rb") as pipe:
        data = pipe.read()  # to the end before waiting: a full pipe would block the child
    if _reap(pid) == 0:
        try:
            return pickle.loads(data)
        except Exception:  # cut short: the child died while writing
            pass
    return work(there)


def _reap(pid: int) -> int:
    """The child's exit status (waited for, so it leaves no zombie)."""
    try:
        _, status = os.waitpid(pid, 0)
    except ChildProcessError:
        return -1
    return os.waitstatus_to_exitcode(status)
