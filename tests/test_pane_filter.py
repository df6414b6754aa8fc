"""The pane filter's choice of claims, without a screen."""

from __future__ import annotations

from pathlib import Path

from tui.core.pane_filter import PaneFilter, keeps, kept_count
from tui.core.store import AnnotationStore
from tui.core.workspace import open_workspace


def test_each_filter_keeps_what_its_name_says(corpus_dir: Path, annotations_dir: Path) -> None:
    ws = open_workspace([corpus_dir], annotations=annotations_dir, analyst="ann")
    doc = ws.corpus.documents[0]
    bob = AnnotationStore(annotations_dir, analyst="bob")
    ws.store.set(doc.claims[0], "disputed")
    bob.set(doc.claims[0], "disputed")  # agreed: disputed
    ws.store.set(doc.claims[1], "sourced")
    bob.set(doc.claims[1], "opinion")  # contested
    bob.set(doc.claims[2], "disputed")  # bob's only
    state = AnnotationStore(annotations_dir, analyst="ann").load(doc)
    kept = {f: [c.index for c in doc.claims[:4] if keeps(state, c, f)] for f in PaneFilter}
    assert kept[PaneFilter.ALL] == [0, 1, 2, 3]
    assert kept[PaneFilter.UNREVIEWED] == [3]
    assert kept[PaneFilter.CONTESTED] == [1]
    assert kept[PaneFilter.DISPUTED] == [0, 2]
    assert kept[PaneFilter.MINE] == [0, 1]
    assert kept_count(state, doc.claims, PaneFilter.MINE) == 2


def test_f_cycles_through_every_filter_and_back() -> None:
    seen, f = [], PaneFilter.ALL
    for _ in PaneFilter:
        f = f.next()
        seen.append(f)
    assert seen[-1] is PaneFilter.ALL and len(set(seen)) == len(PaneFilter)
