"""An older commit's ``tui`` package in a temporary folder, for benchmarks that compare.

On a shared machine only a ratio against a baseline measured in the same run
means much, so several scripts time this tree against an older commit's code
(``--against REV``), each in fresh processes with ``PYTHONPATH`` pointing at
one tree or the other.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


@contextmanager
def tree_of(commit: str) -> Iterator[Path]:
    """A folder holding ``commit``'s ``tui/`` (``git archive``), removed afterwards."""
    with tempfile.TemporaryDirectory() as folder:
        archive = subprocess.run(
            ["git", "-C", str(REPO), "archive", commit, "tui"], capture_output=True, check=True
        )
        subprocess.run(["tar", "-x", "-C", folder], input=archive.stdout, check=True)
        yield Path(folder)


@contextmanager
def renamed_tree_of(commit: str, name: str = "tui_old") -> Iterator[str]:
    """``commit``'s ``tui`` as a package called ``name`` (its imports rewritten), on
    ``sys.path`` meanwhile: importable beside this tree's ``tui`` in one process, so the
    two can be timed in turns there, which cancels most of a shared machine's noise
    (the core only: the app imports some modules by their names as strings)."""
    with tree_of(commit) as folder:
        (folder / "tui").rename(folder / name)
        imports = re.compile(r"\b(from|import) tui\b")
        for path in (folder / name).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            path.write_text(imports.sub(rf"\1 {name}", text), encoding="utf-8")
        sys.path.insert(0, str(folder))
        try:
            yield name
        finally:
            sys.path.remove(str(folder))
