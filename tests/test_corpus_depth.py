"""A corpus folder nested 1,000 levels deep loads, with a warning (issue 9, item 13)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_helpers import run

from tui.core.corpus import MAX_DEPTH, load_corpus

ARTICLE = "The council approved the plan on Monday. Critics disagreed.\n"


def remove_deep(root: Path) -> None:
    """Remove a tree bottom-up without recursion (``shutil.rmtree`` recurses)."""
    stack = [root]
    while stack:
        folder = stack[-1]
        children = list(os.scandir(folder))
        subfolders = [Path(e.path) for e in children if e.is_dir(follow_symlinks=False)]
        for entry in children:
            if not entry.is_dir(follow_symlinks=False):
                os.unlink(entry.path)
        if subfolders:
            stack.extend(subfolders)
        else:
            os.rmdir(folder)
            stack.pop()


@pytest.fixture
def root() -> Iterator[Path]:
    """A corpus folder outside pytest's tmp_path: pytest removes old tmp_path folders
    with the recursive ``shutil.rmtree``, which would crash later sessions on it."""
    base = Path(tempfile.mkdtemp(prefix="factcheck-deep-"))
    try:
        yield base / "corpus"
    finally:
        remove_deep(base)


def _nest(root: Path, levels: int) -> Path:
    folder = root
    for _ in range(levels):  # one level at a time: Path.mkdir(parents=True) recurses
        folder = folder / "d"
        folder.mkdir(exist_ok=True)
    return folder


def test_a_folder_1000_levels_deep_loads_what_is_in_reach(root: Path) -> None:
    root.mkdir()
    (root / "top.txt").write_text(ARTICLE, encoding="utf-8")
    deep = _nest(root, 1000)
    (deep / "bottom.txt").write_text(ARTICLE, encoding="utf-8")
    (root.joinpath(*["d"] * 50) / "middle.txt").write_text(ARTICLE, encoding="utf-8")
    corpus = load_corpus([root])
    assert [doc.id for doc in corpus] == ["top", "middle"]
    assert any(f"over {MAX_DEPTH} levels deep" in w for w in corpus.warnings)


def test_order_is_files_first_then_sorted_subfolders(root: Path) -> None:
    for rel in ["b/2.txt", "a/z/4.txt", "a/3.txt", "1.txt", ".hidden/5.txt", "a/.x.txt"]:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(ARTICLE, encoding="utf-8")
    assert [doc.id for doc in load_corpus([root])] == ["1", "3", "4", "2"]


def test_every_command_survives_a_deep_corpus(root: Path, capsys) -> None:
    root.mkdir()
    (root / "top.txt").write_text(ARTICLE, encoding="utf-8")
    (_nest(root, 1000) / "bottom.txt").write_text(ARTICLE, encoding="utf-8")
    for argv in (["claims"], ["stats"], ["search", "council"], ["export"]):
        status, _, err = run(capsys, *argv, "--corpus", str(root))
        assert status == 0, (argv, err)
        assert "RecursionError" not in err and "levels deep" in err
