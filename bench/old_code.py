"""An older commit's ``tui`` package in a temporary folder, for benchmarks that compare.

On a shared machine only a ratio against a baseline measured in the same run
means much, so several scripts time this tree against an older commit's code
(``--against REV``), each in fresh processes with ``PYTHONPATH`` pointing at
one tree or the other.
"""

from __future__ import annotations

import subprocess
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
