"""The ``m`` screen: the same claim in other documents.

Lists the claims of other documents that state what the current claim states
(:mod:`tui.core.similar`), best first, with their label; a match tagged
differently is flagged ("tagged disputed here, sourced in 001"). ``enter``
dismisses with the chosen claim, for the reader to open beside this one.
Matching runs in a thread worker: on a large corpus it may take a moment.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from tui.app.screens.search import ClaimsDialog, claim_head, divided, option_width
from tui.core.model import Claim
from tui.core.search import SearchIndex
from tui.core.similar import SimilarHit, find_similar
from tui.core.text import clean_line
from tui.core.workspace import Workspace

LIMIT = 20


class SimilarScreen(ClaimsDialog):
    """Claims elsewhere stating ``claim``; ``enter`` dismisses with one, ``escape`` with None."""

    DEFAULT_CSS = """
    SimilarScreen > .dialog {
        width: 120;
        max-height: 90%;
    }
    SimilarScreen #similar-claim {
        height: auto;
        max-height: 6;
        padding: 0 0 1 0;
    }
    SimilarScreen #similar-status {
        height: 1;
        color: $text-muted;
    }
    SimilarScreen #similar-results {
        height: auto;
        max-height: 1fr;
        min-width: 10;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Close", id="similar.cancel"),
    ]
    AUTO_FOCUS = "#similar-results"

    def __init__(self, workspace: Workspace, index: SearchIndex, claim: Claim) -> None:
        super().__init__(workspace, index)
        self.claim = claim
        self.hits: list[SimilarHit] = []
        self.done = False
        """The search has finished (the list is final)."""

    def compose(self) -> ComposeResult:
        keys = "↑↓ choose · enter open beside · escape close"
        with self.frame("The same claim elsewhere", keys):
            yield Static(id="similar-claim")
            yield Static(Content("Looking in the other documents…"), id="similar-status")
            yield OptionList(id="similar-results")

    def on_mount(self) -> None:
        claim = self.claim
        head = claim_head(self.short_id(claim.doc), claim, self.label_of(claim))
        self.query_one("#similar-claim", Static).update(
            Content.assemble(head, "\n", clean_line(claim.text))
        )
        self.run_worker(
            self._find, thread=True, exclusive=True, group="similar", exit_on_error=False
        )

    def _find(self) -> None:
        worker = get_current_worker()
        hits = find_similar(self.index, self.claim, limit=LIMIT, label_of=self.label_of)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show, hits)

    def _show(self, hits: list[SimilarHit]) -> None:
        if not self.is_attached:
            return
        self.hits = hits
        self.done = True
        status = self.query_one("#similar-status", Static)
        if hits:
            status.update(Content(f"{len(hits)} in other documents"))
        else:
            status.update(Content("No other document states this claim."))
        results = self.query_one("#similar-results", OptionList)
        width = option_width(results)
        results.set_options(divided(self._option(hit, width) for hit in hits))
        if hits:
            results.highlighted = 0

    def _option(self, hit: SimilarHit, width: int) -> Option:
        claim = hit.claim
        where = self.short_id(claim.doc)
        head = claim_head(where, claim, hit.label, score=hit.score, width=width)
        parts: list[str | tuple[str, str] | Content] = [head]
        if hit.label_differs:
            own = self.label_of(self.claim)
            parts.append((f"\n⚠ tagged {own} here, {hit.label} in {where}", "bold $text-warning"))
        parts.extend(["\n", clean_line(claim.text)])
        return Option(Content.assemble(*parts))

    @on(OptionList.OptionSelected, "#similar-results")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_index < len(self.hits):
            self.dismiss(self.hits[event.option_index].claim)
