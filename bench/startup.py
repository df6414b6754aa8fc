"""Start-up: process start to the first article text on screen, against a bare Textual app.

Both programs run the same way: a fresh process in a pseudo-terminal of
160x45, timed from ``fork`` until the terminal receives the text we wait for
(the first words of the first article; the single word the bare app shows).
Byte code is cached as on a user's machine (this sandbox sets
PYTHONDONTWRITEBYTECODE, which alone costs ~30 ms of compiling per start), after
one warm-up run each. Each is run five times, alternating; the medians are
compared (goal: the reader within 1.5x).

    python bench/startup.py [--runs 5] [--corpus seeds]
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import select
import shutil
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
COLUMNS, ROWS = 160, 45

BARE_APP = """
from textual.app import App
from textual.widgets import Static

class Bare(App):
    def compose(self):
        yield Static("Benchmarkword")

Bare().run()
"""


def child_env(cwd: Path) -> dict[str, str]:
    """A terminal's environment; byte code is cached (in ``cwd``) as on a user's machine."""
    env = dict(os.environ, TERM="xterm-256color", COLORTERM="truecolor")
    for name in ("NO_COLOR", "TEXTUAL_THEME", "PYTHONDONTWRITEBYTECODE"):
        env.pop(name, None)
    env["PYTHONPYCACHEPREFIX"] = str(cwd / "pycache")
    return env


def spawn(argv: list[str], cwd: Path, size: tuple[int, int] = (COLUMNS, ROWS)) -> tuple[int, int]:
    """Start ``argv`` in a new pseudo-terminal of ``size``; return (pid, master fd)."""
    env = child_env(cwd)
    pid, fd = pty.fork()
    if pid == 0:  # the child: its stdin is the terminal
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
        os.chdir(cwd)
        os.execve(argv[0], argv, env)
    return pid, fd


def read_until(fd: int, needle: bytes, timeout: float = 30.0) -> bytes:
    """Read the terminal until ``needle`` has arrived; return everything read."""
    data = b""
    deadline = time.perf_counter() + timeout
    while needle not in data:
        left = deadline - time.perf_counter()
        if left <= 0:
            raise TimeoutError(f"{needle!r} never reached the terminal")
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                chunk = os.read(fd, 1 << 16)
            except OSError:  # the child exited
                raise TimeoutError(f"the program ended before showing {needle!r}") from None
            data += chunk
    return data


def drain(fd: int, quiet: float) -> float:
    """Read until the terminal is silent for ``quiet`` seconds; return the last byte's time."""
    last = time.perf_counter()
    while True:
        ready, _, _ = select.select([fd], [], [], quiet)
        if not ready:
            return last
        try:
            if not os.read(fd, 1 << 16):
                return last
        except OSError:
            return last
        last = time.perf_counter()


def stop(pid: int, fd: int) -> None:
    with _ignore(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    with _ignore(ChildProcessError):
        os.waitpid(pid, 0)
    os.close(fd)


class _ignore:
    def __init__(self, *errors: type[BaseException]) -> None:
        self.errors = errors

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind, value, tb) -> bool:
        return kind is not None and issubclass(kind, self.errors)


def time_to_text(argv: list[str], needle: bytes, cwd: Path) -> float:
    start = time.perf_counter()
    pid, fd = spawn(argv, cwd)
    try:
        read_until(fd, needle)
        return time.perf_counter() - start
    finally:
        stop(pid, fd)


def factcheck_argv() -> list[str]:
    script = Path(sys.executable).parent / "factcheck"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "tui"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--corpus", type=Path, default=REPO / "seeds")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        shutil.copytree(args.corpus, work / "seeds")  # never touch the real annotations
        (work / "bare.py").write_text(BARE_APP, "utf-8")
        first = sorted((work / "seeds").glob("*.txt"))[0].read_text("utf-8")
        needle = " ".join(first.split()[:3]).encode("utf-8")

        reader, bare = [], []
        bare_argv = [sys.executable, "bare.py"]
        reader_argv = factcheck_argv()
        # One warm-up run each: byte code compiled and cached, files in the page cache.
        time_to_text(bare_argv, b"Benchmarkword", work)
        time_to_text(reader_argv, needle, work)
        for _ in range(args.runs):
            bare.append(time_to_text(bare_argv, b"Benchmarkword", work))
            reader.append(time_to_text(reader_argv, needle, work))

    b, r = statistics.median(bare), statistics.median(reader)
    print(f"first paint, median of {args.runs} runs in a {COLUMNS}x{ROWS} pseudo-terminal:")
    print(f"  bare Textual app, one word   {b * 1000:7.0f} ms   ({_spread(bare)})")
    print(f"  factcheck on {args.corpus.name:<15} {r * 1000:7.0f} ms   ({_spread(reader)})")
    print(f"  ratio                        {r / b:7.2f}x   (goal: at most 1.5x)")


def _spread(values: list[float]) -> str:
    return f"min {min(values) * 1000:.0f} ms, max {max(values) * 1000:.0f} ms"


if __name__ == "__main__":
    main()
