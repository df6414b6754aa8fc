"""The search (``/``) and similar (``m``) screens, mounted in a tiny host app."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

from textual.app import App
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static

from tui.app.screens.search import SearchScreen
from tui.app.screens.similar import SimilarScreen
from tui.core.model import Claim
from tui.core.search import SearchIndex
from tui.core.similar import find_similar
from tui.core.workspace import Workspace, open_workspace

MISSING = object()


class Host(App[None]):
    """Pushes one screen and keeps what it was dismissed with."""

    def __init__(self, make_screen: Callable[[], Screen]) -> None:
        super().__init__()
        self.make_screen = make_screen
        self.result: object = MISSING

    def on_mount(self) -> None:
        self.push_screen(self.make_screen(), self._done)

    def _done(self, result: object) -> None:
        self.result = result


def workspace_at(corpus_dir: Path, annotations_dir: Path) -> Workspace:
    return open_workspace([corpus_dir], annotations=annotations_dir, analyst="test")


def find(workspace: Workspace, doc: str, snippet: str) -> Claim:
    found = [c for c in workspace.corpus.claims() if c.doc.id.startswith(doc) and snippet in c.text]
    assert len(found) == 1, found
    return found[0]


def options(app: App) -> list[str]:
    results = app.screen.query_one(OptionList)
    return [results.get_option_at_index(i).prompt.plain for i in range(results.option_count)]


async def settle(app: App, pilot) -> None:
    """Until no search runs: one that ends may start the one typed meanwhile."""
    for _ in range(100):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if not getattr(app.screen, "_searching", False):
            return
    raise AssertionError("the search never settled")


async def test_typing_updates_results_and_enter_returns_the_claim(
    corpus_dir: Path, annotations_dir: Path
) -> None:
    workspace = workspace_at(corpus_dir, annotations_dir)
    index = SearchIndex.build(workspace.corpus, workspace.store)
    app = Host(lambda: SearchScreen(workspace, index))
    async with app.run_test(size=(110, 40)) as pilot:
        await pilot.press(*"vuc")
        await settle(app, pilot)
        first = options(app)
        assert first and all("vuc" in text.casefold() or "vuč" in text.casefold() for text in first)
        await pilot.press(*"ic kurti normalizaton")  # a typo, as typed
        await settle(app, pilot)
        shown = options(app)
        assert shown != first
        assert "Vučić and Kosovo Prime Minister Albin Kurti" in shown[0]
        status = app.screen.query_one("#search-status", Static)
        assert "found" in str(status.render())
        await pilot.press("enter")
        await pilot.pause()
    assert app.result is find(workspace, "003", "Vučić and Kosovo Prime Minister Albin Kurti")


def counted_index(workspace: Workspace, seconds: float = 0.0) -> tuple[SearchIndex, list[str]]:
    """An index that lists the queries it is asked (each taking ``seconds`` longer)."""
    index = SearchIndex.build(workspace.corpus, workspace.store)
    queries: list[str] = []
    search = index.search

    def counted(query: str, **options: object):  # type: ignore[no-untyped-def]
        queries.append(query)
        time.sleep(seconds)
        return search(query, **options)  # type: ignore[arg-type]

    index.search = counted  # type: ignore[method-assign]
    return index, queries


def assert_searched_once_for_the_whole_text(
    app: App, screen: SearchScreen, queries: list[str]
) -> None:
    """One search ran, for the whole of "wagnr recruitment", and its results are shown."""
    assert queries == ["wagnr recruitment"]
    assert screen.shown_query == "wagnr recruitment"
    assert "Wagner Recruitment" in options(app)[0]


async def test_a_burst_of_keys_costs_one_search_more_not_one_per_key(
    corpus_dir: Path, annotations_dir: Path
) -> None:
    """Searches do not pile up, each slowing the others: the newest text waits its turn."""
    workspace = workspace_at(corpus_dir, annotations_dir)
    # A big corpus: every key arrives while the first search runs.
    index, queries = counted_index(workspace, seconds=0.05)
    app = Host(lambda: SearchScreen(workspace, index))
    async with app.run_test(size=(110, 40)) as pilot:
        box = app.screen.query_one(Input)
        for key in "wagnr recruitment":  # typed faster than a search runs
            box.insert_text_at_cursor(key)
        await settle(app, pilot)
        assert queries[-1] == "wagnr recruitment" and len(queries) <= 2
        assert "Wagner Recruitment" in options(app)[0]


async def test_a_query_typed_over_before_its_search_starts_is_not_searched(
    corpus_dir: Path, annotations_dir: Path
) -> None:
    """Keys typed in one burst: the first key's search, not started yet, gives way to the text."""
    workspace = workspace_at(corpus_dir, annotations_dir)
    index, queries = counted_index(workspace)
    gate = threading.Event()
    app = Host(lambda: SearchScreen(workspace, index))
    async with app.run_test(size=(110, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        unheld = screen._search
        screen._search = lambda *args: (gate.wait(5), unheld(*args))  # type: ignore[method-assign]
        box = screen.query_one(Input)
        for key in "wagnr recruitment":
            box.insert_text_at_cursor(key)
        await pilot.pause()  # every key handled while the first search waits to start
        gate.set()
        await settle(app, pilot)
        assert_searched_once_for_the_whole_text(app, screen, queries)


class HeldIndex:
    """A reader's index still loading (``load_notes`` waits for ``gate``), as at start-up."""

    def __init__(self, index: SearchIndex) -> None:
        self.index = index
        self.gate = threading.Event()

    def load_notes(self) -> SearchIndex:
        self.gate.wait(5)
        return self.index


async def test_keys_typed_while_the_index_loads_are_searched_once_as_the_whole_text(
    corpus_dir: Path, annotations_dir: Path
) -> None:
    """``/`` at start-up: the first key's search waits for the index; what is typed meanwhile
    is the query it runs once the index is there, not a second search after the first."""
    workspace = workspace_at(corpus_dir, annotations_dir)
    index, queries = counted_index(workspace)
    held = HeldIndex(index)
    app = Host(lambda: SearchScreen(workspace, held))  # type: ignore[arg-type]
    async with app.run_test(size=(110, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        box = screen.query_one(Input)
        box.insert_text_at_cursor("wag")
        await pilot.pause()  # its search has started, and waits for the index
        for key in "nr recruitment":
            box.insert_text_at_cursor(key)
        await pilot.pause()
        held.gate.set()
        await settle(app, pilot)
        assert_searched_once_for_the_whole_text(app, screen, queries)


async def test_a_burst_already_in_starts_one_search_of_its_whole_text(
    corpus_dir: Path, annotations_dir: Path
) -> None:
    """Keys in before the first is handled (a paste, keys at start-up): one thread, one query."""
    workspace = workspace_at(corpus_dir, annotations_dir)
    index, queries = counted_index(workspace)
    app = Host(lambda: SearchScreen(workspace, index))
    async with app.run_test(size=(110, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        started: list[str] = []
        unrecorded = screen._search
        screen._search = lambda query, *args: (started.append(query), unrecorded(query, *args))  # type: ignore[method-assign]
        box = screen.query_one(Input)
        for key in "wagnr recruitment":
            box.insert_text_at_cursor(key)
        await settle(app, pilot)
        assert started == queries == ["wagnr recruitment"]
        assert "Wagner Recruitment" in options(app)[0]


async def test_results_show_document_label_and_highlighted_words(
    corpus_dir: Path, annotations_dir: Path
) -> None:
    workspace = workspace_at(corpus_dir, annotations_dir)
    tagged = find(workspace, "000", "PMC Wagner Recruitment")
    workspace.store.set(tagged, "disputed")
    index = SearchIndex.build(workspace.corpus, workspace.store)
    app = Host(lambda: SearchScreen(workspace, index))
    async with app.run_test(size=(110, 40)) as pilot:
        app.screen.query_one(Input).value = "wagner recruitment label:disputed"
        await settle(app, pilot)
        results = app.screen.query_one(OptionList)
        assert results.option_count == 1
        prompt = results.get_option_at_index(0).prompt
        head, body = prompt.plain.split("\n", 1)
        assert head.startswith("000:") and "[D] disputed" in head
        assert tagged.doc.title[:30] in head
        assert body == tagged.text
        styled = {
            prompt.plain[span.start : span.end]
            for span in prompt.spans
            if "underline" in str(span.style)
        }
        assert styled == {"Wagner", "Recruitment", "recruitment"}
        await pilot.press("down", "up", "escape")
        await pilot.pause()
    assert app.result is None


async def test_filters_errors_and_notes_in_the_screen(
    corpus_dir: Path, annotations_dir: Path
) -> None:
    workspace = workspace_at(corpus_dir, annotations_dir)
    claim = find(workspace, "004", "paramilitary attack in Banjska")
    workspace.store.set(claim, "sourced", note="Matches the Zagreb cadastre ledger")
    index = SearchIndex.build(workspace.corpus, workspace.store)
    app = Host(lambda: SearchScreen(workspace, index))
    async with app.run_test(size=(110, 40)) as pilot:
        await pilot.press(*"label:bogus")
        await settle(app, pilot)
        status = app.screen.query_one("#search-status", Static)
        assert status.has_class("-error") and "not a label" in str(status.render())
        assert options(app) == []
        app.screen.query_one(Input).value = "cadastre ledger"
        await settle(app, pilot)
        shown = options(app)
        assert len(shown) == 1 and "note: Matches the Zagreb cadastre ledger" in shown[0]
        assert not status.has_class("-error")
        await pilot.press("enter")
        await pilot.pause()
    assert app.result is claim


async def test_enter_before_results_arrive_takes_the_first_result(
    corpus_dir: Path, annotations_dir: Path
) -> None:
    workspace = workspace_at(corpus_dir, annotations_dir)
    index = SearchIndex.build(workspace.corpus)
    search = index.search

    def slow_search(*args, **kwargs):  # a large corpus, or a busy machine
        time.sleep(1.0)  # long enough that enter surely comes first, even on a loaded CI box
        return search(*args, **kwargs)

    index.search = slow_search  # type: ignore[method-assign]
    app = Host(lambda: SearchScreen(workspace, index))
    async with app.run_test(size=(110, 40)) as pilot:
        app.screen.query_one(Input).value = "ohrid agreements"
        await pilot.press("enter")
        assert app.result is MISSING and options(app) == []  # not in yet: enter is remembered
        deadline = time.monotonic() + 15
        while app.result is MISSING and time.monotonic() < deadline:
            await pilot.pause(0.02)
    assert app.result is find(workspace, "001", "Ohrid Agreements")


async def test_markup_in_articles_is_shown_literally(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "The minister said [/bold] and [link=https://x.example]click[/link] about bridges.\n"
    )
    workspace = open_workspace([tmp_path], annotations=tmp_path / "annotations")
    index = SearchIndex.build(workspace.corpus)
    app = Host(lambda: SearchScreen(workspace, index))
    async with app.run_test(size=(110, 30)) as pilot:
        await pilot.press(*"minister bridges")
        await settle(app, pilot)
        assert "[/bold] and [link=https://x.example]click[/link]" in options(app)[0]


async def test_similar_screen_lists_matches_and_flags_disagreement(
    corpus_dir: Path, annotations_dir: Path
) -> None:
    workspace = workspace_at(corpus_dir, annotations_dir)
    here = find(workspace, "000", "PMC Wagner Recruitment")
    there = find(workspace, "001", "PMC Wagner Recruitment")
    workspace.store.set(here, "disputed")
    workspace.store.set(there, "sourced")
    index = SearchIndex.build(workspace.corpus)
    app = Host(lambda: SimilarScreen(workspace, index, here))
    async with app.run_test(size=(110, 40)) as pilot:
        await settle(app, pilot)
        shown = options(app)
        assert shown and shown[0].startswith("001:")
        assert "[S] sourced" in shown[0]
        assert "tagged disputed here, sourced in 001" in shown[0]
        assert shown[0].endswith(there.text)
        claim_box = str(app.screen.query_one("#similar-claim", Static).render())
        assert "[D] disputed" in claim_box
        await pilot.press("enter")
        await pilot.pause()
    assert app.result is there


async def test_similar_screen_with_no_match(corpus_dir: Path, annotations_dir: Path) -> None:
    workspace = workspace_at(corpus_dir, annotations_dir)
    lonely = find(workspace, "001", "It gets worse.")
    index = SearchIndex.build(workspace.corpus)
    app = Host(lambda: SimilarScreen(workspace, index, lonely))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert options(app) == []
        status = str(app.screen.query_one("#similar-status", Static).render())
        assert "No other document" in status
        await pilot.press("enter", "escape")
        await pilot.pause()
    assert app.result is None


async def test_similar_screen_names_what_differs_and_keeps_bands_apart(tmp_path: Path) -> None:
    corpus = tmp_path / "articles"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "Serbia signed a contract for 12 Rafale fighter jets with the French maker Dassault.\n"
    )
    (corpus / "b.txt").write_text(
        "Serbia signed a contract for 14 Rafale fighter jets with the French maker Dassault.\n"
    )
    (corpus / "c.txt").write_text(
        "Serbia signed a contract for 12 Rafale fighter jets with the French maker Dassault.\n"
    )
    (corpus / "d.txt").write_text(
        "The opposition says the Rafale contract with Dassault costs Serbia too much.\n"
    )
    workspace = open_workspace([corpus], annotations=tmp_path / "annotations", analyst="test")
    here = find(workspace, "a", "12 Rafale")
    index = SearchIndex.build(workspace.corpus)
    hits = {h.claim.doc.id: h for h in find_similar(index, here, limit=10)}
    assert hits["c"].band == "same" and hits["b"].differs
    app = Host(lambda: SimilarScreen(workspace, index, here))
    async with app.run_test(size=(110, 40)) as pilot:
        await settle(app, pilot)
        shown = options(app)
        status = str(app.screen.query_one("#similar-status", Static).render())
        same = sum(h.band == "same" for h in hits.values())
        assert f"{same} stating the same, {len(hits) - same} related" in status
        assert shown[0].startswith("c:")
        b_option = next(text for text in shown if text.startswith("b:"))
        assert "b says 14 where this says 12" in b_option
        if hits["b"].band == "related":
            header = shown.index(next(t for t in shown if t.startswith("Related")))
            assert shown.index(b_option) > header
        await pilot.press("enter")
        await pilot.pause()
    assert app.result is hits["c"].claim


async def test_the_results_below_the_fold_follow_the_first_screenful(
    corpus_dir: Path, annotations_dir: Path
) -> None:
    """A screenful is laid out first, the rest of the results right after, in order."""
    workspace = workspace_at(corpus_dir, annotations_dir)
    index = SearchIndex.build(workspace.corpus, workspace.store)
    app = Host(lambda: SearchScreen(workspace, index))
    async with app.run_test(size=(110, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        screen.query_one(Input).value = "the"
        await settle(app, pilot)
        await pilot.pause()
        results = screen.query_one(OptionList)
        assert len(screen.rows) == 50  # the limit: far more than 24 rows show
        assert results.option_count == 50
        assert (
            options(app)
            == [results.get_option_at_index(i).prompt.plain for i in range(50)]
            == [row.option.prompt.plain for row in screen.rows]
        )
        await pilot.press("pagedown", "pagedown", "pagedown")
        assert results.highlighted is not None and results.highlighted > 10


async def test_a_claim_the_analysts_disagree_on_reads_contested_not_unreviewed(
    corpus_dir: Path, annotations_dir: Path
) -> None:
    """Tried in tmux: a claim tagged sourced by one analyst and opinion by another showed as
    ``unreviewed`` in ``/`` and ``m`` (the team has no label for it), as the inspector did not."""
    workspace = workspace_at(corpus_dir, annotations_dir)
    here = find(workspace, "000", "PMC Wagner Recruitment")
    there = find(workspace, "001", "PMC Wagner Recruitment")
    workspace.store.set(there, "sourced")
    other = open_workspace([corpus_dir], annotations=annotations_dir, analyst="other")
    other.store.set(find(other, "001", "PMC Wagner Recruitment"), "opinion")
    workspace.store.load(there.doc, refresh=True)
    assert workspace.store.label_of(there) is None
    index = SearchIndex.build(workspace.corpus)
    app = Host(lambda: SimilarScreen(workspace, index, here))
    async with app.run_test(size=(110, 40)) as pilot:
        await settle(app, pilot)
        shown = options(app)
        assert shown[0].startswith("001:") and "? contested" in shown[0]
        claim_box = str(app.screen.query_one("#similar-claim", Static).render())
        assert "unreviewed" in claim_box  # nobody tagged this one
    app = Host(lambda: SearchScreen(workspace, index, "wagner recruitment"))
    async with app.run_test(size=(110, 40)) as pilot:
        await settle(app, pilot)
        row = next(text for text in options(app) if text.startswith("001:"))
        assert "? contested" in row and "unreviewed" not in row
