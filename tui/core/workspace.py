"""A loaded corpus together with the annotation folder that belongs to it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from tui.core.corpus import Corpus, load_corpus
from tui.core.store import AnnotationStore

DEFAULT_CORPUS = Path("seeds")


def default_annotations_dir(path: Path) -> Path:
    """``annotations/`` beside the corpus folder (a file's folder counts as its corpus)."""
    folder = path if path.is_dir() else path.parent
    return folder.resolve().parent / "annotations"


@dataclass
class Workspace:
    corpus: Corpus
    store: AnnotationStore


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
