"""The ``m`` screen: the same claim in other documents.

Lists the claims of other documents that state what the current claim states
(:mod:`tui.core.similar`), best first, with their label: first the ``same``
band, then, apart and dimmer, the ``related`` one. Each match names the
details in which it disagrees ("001 says 14 where this says 12"), and a match
tagged differently is flagged ("tagged disputed here, sourced in 001"). ``enter``
dismisses with the chosen claim, for the reader to open beside this one; ``c``
with a :class:`CopyTag` of it, for the reader to copy this claim's label, note
and sources to it (as the analyst, undoable).
Matching runs in a thread worker: on a large corpus it may take a moment.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from tui.app.look import MUTED
from tui.app.screens.search import ClaimsDialog, divided, option_width
from tui.core.display import display, display_fixed
from tui.core.match import Aliases
from tui.core.model import Claim
from tui.core.search import SearchIndex
from tui.core.similar import SAME, SimilarHit, find_similar
from tui.core.workspace import Workspace

LIMIT = 20


@dataclass(frozen=True)
class CopyTag:
    """Copy the examined claim's label, note and sources to ``target``."""

    target: Claim


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
        Binding("c", "copy", "Copy the tag to this match", id="similar.copy"),
    ]
    AUTO_FOCUS = "#similar-results"

    def __init__(
        self, workspace: Workspace, index: SearchIndex, claim: Claim, aliases: Aliases | None = None
    ) -> None:
        """``aliases``: the project's alias table (default: the shipped one)."""
        super().__init__(workspace)
        self.index = index
        self.claim = claim
        self.aliases = aliases
        self.hits: list[SimilarHit] = []
        self.done = False
        """The search has finished (the list is final)."""

    def compose(self) -> ComposeResult:
        keys = "↑↓ choose · enter open beside · c copy the tag to it · escape close"
        with self.frame("The same claim elsewhere", keys):
            yield Static(id="similar-claim")
            yield Static(Content("Looking in the other documents…"), id="similar-status")
            yield OptionList(id="similar-results")

    def on_mount(self) -> None:
        claim = self.claim
        head = self.head(claim, self.label_of(claim))
        self.query_one("#similar-claim", Static).update(
            Content.assemble(head, "\n", display_fixed(claim.text))
        )
        self.run_worker(
            self._find, thread=True, exclusive=True, group="similar", exit_on_error=False
        )

    def _find(self) -> None:
        worker = get_current_worker()
        hits = find_similar(
            self.index, self.claim, limit=LIMIT, label_of=self.label_of, aliases=self.aliases
        )
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show, hits)

    def _show(self, hits: list[SimilarHit]) -> None:
        if not self.is_attached:
            return
        self.hits = hits
        self.done = True
        status = self.query_one("#similar-status", Static)
        same = [k for k, hit in enumerate(hits) if hit.band == SAME]
        related = [k for k, hit in enumerate(hits) if hit.band != SAME]
        if hits:
            status.update(Content(f"{len(same)} stating the same, {len(related)} related"))
        else:
            status.update(Content("No other document states this claim."))
        results = self.query_one("#similar-results", OptionList)
        width = option_width(results)
        options: list[Option | None] = divided(self._option(k, hits[k], width) for k in same)
        if related:
            if options:
                options.append(None)
            header = Content.styled("Related: the same story, perhaps another fact", MUTED)
            options.append(Option(header, id="related-header", disabled=True))
            options.extend(divided(self._option(k, hits[k], width) for k in related))
        results.set_options(options)
        if hits:
            results.highlighted = 0 if same else 1

    def _option(self, k: int, hit: SimilarHit, width: int) -> Option:
        claim = hit.claim
        where = self.short_id(claim.doc)
        head = self.head(claim, hit.label, score=hit.score, width=width)
        parts: list[str | tuple[str, str] | Content] = [head]
        for difference in hit.differs:
            line = display(difference.describe(where))
            parts.append((f"\n≠ {line}", "bold $text-warning"))
        if hit.label_differs:
            own = self.label_of(self.claim)
            parts.append((f"\n⚠ tagged {own} here, {hit.label} in {where}", "bold $text-warning"))
        text = display_fixed(claim.text)
        parts.extend(["\n", text if hit.band == SAME else (text, MUTED)])
        return Option(Content.assemble(*parts), id=f"hit-{k}")

    @on(OptionList.OptionSelected, "#similar-results")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id or ""
        if option_id.startswith("hit-"):
            self.dismiss(self.hits[int(option_id[4:])].claim)

    def action_copy(self) -> None:
        """``c``: copy this claim's tag to the highlighted match."""
        results = self.query_one("#similar-results", OptionList)
        highlighted = results.highlighted
        if highlighted is None:
            return
        option_id = results.get_option_at_index(highlighted).id or ""
        if option_id.startswith("hit-"):
            self.dismiss(CopyTag(self.hits[int(option_id[4:])].claim))
