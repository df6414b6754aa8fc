"""The reader matches with the project's alias table, as `factcheck similar` does (issue 11)."""

from __future__ import annotations

from pathlib import Path

from app_helpers import SIZE, notifications
from textual.pilot import Pilot

from tui.app.app import FactcheckApp
from tui.core.search import SearchIndex
from tui.core.similar import find_similar
from tui.core.workspace import open_workspace


def corpus(
    tmp_path: Path,
    aliases: str | None,
    a: str = "The planemaker Dassault delivered the Rafale jets to Belgrade.",
    b: str = "Dassault Aviation delivered the Rafale jets to Serbia.",
) -> FactcheckApp:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "a.txt").write_text(a + "\n")
    (articles / "b.txt").write_text(b + "\n")
    annotations = tmp_path / "annotations"
    annotations.mkdir()
    if aliases is not None:
        (annotations / "aliases.toml").write_text(aliases)
    workspace = open_workspace([articles], annotations=annotations, analyst="tester")
    return FactcheckApp(workspace, session=False)


async def similar_scores(pilot: Pilot) -> list[float]:
    app = pilot.app
    await app.reader.settle()  # type: ignore[attr-defined]
    await pilot.press("m")
    screen = app.screen
    for _ in range(100):
        if getattr(screen, "done", False):
            break
        await pilot.pause(0.05)
    return [hit.score for hit in screen.hits]  # type: ignore[attr-defined]


async def test_the_m_list_scores_with_the_project_aliases(tmp_path: Path) -> None:
    # Only the alias gives these two a second shared content word (a score saturates near
    # 100, so the alias shows in whether they match at all).
    app = corpus(
        tmp_path,
        '[alias]\n"Dassault Aviation" = ["the French planemaker"]\n',
        "The French planemaker delivered them.",
        "Dassault Aviation delivered them.",
    )
    plain = SearchIndex.build(app.workspace.corpus)
    claim = app.workspace.corpus.documents[0].claims[0]
    assert find_similar(plain, claim, limit=3) == []
    async with app.run_test(size=SIZE) as pilot:
        scores = await similar_scores(pilot)
    assert len(scores) == 1


async def test_a_broken_alias_file_is_named_and_matching_goes_on(tmp_path: Path) -> None:
    app = corpus(tmp_path, "[alias\n")
    seen = notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        scores = await similar_scores(pilot)
    assert scores
    assert any("aliases.toml" in message and "shipped alias table" in message for message in seen)
