"""A loaded corpus together with the annotation folder that belongs to it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tui.core.corpus import Corpus, load_corpus
from tui.core.store import AnnotationStore

if TYPE_CHECKING:
    from tui.core.match import Aliases

DEFAULT_CORPUS = Path("seeds")


def default_annotations_dir(path: Path) -> Path:
    """``annotations/`` beside the corpus folder (a file's folder counts as its corpus)."""
    folder = path if path.is_dir() else path.parent
    return folder.resolve().parent / "annotations"


@dataclass
class Workspace:
    """A corpus and the annotation store that goes with it."""

    corpus: Corpus
    store: AnnotationStore

    def aliases(self) -> Aliases:
        """The shipped alias table with the project's ``annotations/aliases.toml`` over it.

        Raises :class:`~tui.core.match.AliasError` (naming the file and line) when the
        project's file cannot be read (the reader goes on without it:
        :attr:`tui.core.live_index.LiveIndex.aliases`).
        """
        from tui.core.match import load_aliases

        return load_aliases(self.store.folder)


def open_workspace(
    paths: Iterable[Path | str] = (),
    *,
    annotations: Path | str | None = None,
    analyst: str = "",
) -> Workspace:
    roots = [Path(p) for p in paths] or [DEFAULT_CORPUS]
    corpus = load_corpus(roots)
    folder = Path(annotations) if annotations else default_annotations_dir(roots[0])
    return Workspace(corpus, AnnotationStore(folder, analyst))
