"""The reader's key bar is not redrawn behind a dialog, and is right when the dialog closes."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_helpers import SIZE, make_app
from textual.widgets._footer import FooterKey

from tui.app.widgets.footer import KeyFooter


def _corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("The dam cost 12 million. A second claim follows.\n", "utf-8")
    return corpus


async def test_a_covered_footer_is_not_redrawn_and_is_redrawn_on_return(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    redraws: list[bool] = []
    recompose = KeyFooter.recompose

    async def counted(self: KeyFooter) -> None:
        redraws.append(self.screen.is_active)
        await recompose(self)

    monkeypatch.setattr(KeyFooter, "recompose", counted)
    app = make_app([_corpus(tmp_path)], tmp_path / "annotations", session=False)
    async with app.run_test(size=SIZE) as pilot:
        await app.reader.settle()
        await pilot.pause()
        footer = app.reader.query_one(KeyFooter)
        assert footer.query(FooterKey)  # the keys are drawn
        redraws.clear()
        await pilot.press("slash")
        await pilot.press(*"dam")
        await pilot.pause(0.2)
        assert app.screen is not app.reader
        assert redraws == []  # covered: not one redraw
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.reader
        assert redraws and all(redraws)  # redrawn once in front again
        assert {key.description for key in footer.query(FooterKey)} >= {"Search"}
