"""Shared fixtures. Tests never touch the repository's own seeds/ or annotations/."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"

# Either variable changes how the app looks and breaks snapshot tests.
for _var in ("NO_COLOR", "TEXTUAL_THEME", "FACTCHECK_ANALYST"):
    os.environ.pop(_var, None)
# Keep the segmentation cache of test runs out of the user's ~/.cache.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="factcheck-test-cache-")
os.environ["XDG_STATE_HOME"] = tempfile.mkdtemp(prefix="factcheck-test-state-")  # reader sessions
# A developer's own config file (keys, theme, analyst) never reaches the tests.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="factcheck-test-config-")


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    """A private copy of the seeds in ``tmp/seeds``; annotations go to ``tmp/annotations``."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


@pytest.fixture
def annotations_dir(corpus_dir: Path) -> Path:
    return corpus_dir.parent / "annotations"


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache of our own (claims, search index), on: tests that look at what is cached."""
    home = tmp_path / "xdg-cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    monkeypatch.delenv("FACTCHECK_CACHE", raising=False)
    return home
