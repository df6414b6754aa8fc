"""Linked panes: the current claim's matches marked in the other panes, which can follow it.

Every cursor move (:meth:`LinkedPanes.show`, from the reader's ``update_inspector``)
shows the claim in the inspector and marks its matches in the other open panes
(``≈`` band ``same``, ``~`` ``related``, :mod:`tui.app.widgets.document_view`);
with follow on (``F``), those panes move to the best match, lined up with the
claim, so two versions of one article read side by side. Matches come from the
"also in" lookup (:mod:`tui.app.also_in`): when they are not found yet the key
is not held up; the lookup's worker calls back and the marks follow a moment
later. While following, the claims just ahead are found in the background.

Tags carry across versions: an untagged claim whose ``same``-band counterpart is
tagged in another open document shows "tagged in 000 disputed" in the inspector
and a faint lowercase letter in its margin (:mod:`tui.core.carry` decides which).
They are worked out again, in the background, whenever the open documents or
their tags change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.core.model import Claim

if TYPE_CHECKING:
    from tui.app.also_in import Found
    from tui.app.screens.reader import ReaderScreen
    from tui.app.widgets.document_view import DocumentView
    from tui.core.carry import Carried
    from tui.core.store import DocumentAnnotations

AHEAD, BEHIND = 12, 3
"""While following, the claims this far ahead of (behind) the cursor are found in advance."""
LOOK_BACK = 8
"""A claim with no match lines the panes up on the nearest of this many claims before it."""


class LinkedPanes:
    """The reader's linked panes: marks, follow, and tags carried across documents."""

    def __init__(self, reader: ReaderScreen) -> None:
        self.reader = reader
        self.follow = False
        self.carried: dict[tuple[str, int], Carried] = {}
        self._carried_for: tuple[tuple[DocumentView, DocumentAnnotations], ...] | None = None
        self._carrying = False

    # -- the current claim ---------------------------------------------------------------

    def show(self, claim: Claim | None) -> None:
        """``claim`` is current: inspect it, mark its matches, move the following panes."""
        reader = self.reader
        self._refresh_carried()
        lookup = reader.also_in
        also_in, note = lookup.entries(claim)
        found = lookup.found(claim)
        reader.inspector.inspect(
            claim,
            short_id=reader.short_id(claim.doc) if claim else "",
            also_in=also_in,
            also_in_note=note,
            carried=self.carried_text(claim),
            differs=self._differs(found),
        )
        self._mark(claim, found)
        self._titles(claim)
        if self.follow and claim is not None:
            if found is not None:  # the next frame: this key's own repaint comes first
                reader.call_after_refresh(self._move_others, claim, found)
            self._prefetch(claim)

    def _differs(self, found: Found | None) -> str:
        if found is None or not found.also:
            return ""
        from tui.core.carry import differs_line

        return differs_line(found.also, lambda other: self.reader.short_id(other.doc))

    def carried_text(self, claim: Claim | None) -> str:
        carried = self.carried.get((claim.doc.id, claim.index)) if claim is not None else None
        return carried.describe() if carried is not None else ""

    def _mark(self, claim: Claim | None, found: Found | None) -> None:
        active = self.reader.active_view
        for view in self.reader.views:
            links: dict[int, bool] = {}
            if view is not active and found is not None and claim is not None:
                for hit in found.linked:
                    if hit.claim.doc is view.doc and view.doc is not claim.doc:
                        links.setdefault(hit.claim.index, hit.band == "same")
            view.set_links(links)

    def _titles(self, claim: Claim | None) -> None:
        """While following, the other panes' titles say whom they follow."""
        leader = self.reader.short_id(claim.doc) if self.follow and claim is not None else ""
        active = self.reader.active_view
        for pane in self.reader.panes:
            mine = pane.view is active or (claim is not None and pane.doc is claim.doc)
            pane.follow("" if mine else leader)

    def _move_others(self, claim: Claim, found: Found) -> None:
        """Each other pane's cursor to the claim's best match there, on the claim's row.

        A claim with no match there (a paragraph only this version has) leaves that
        pane's cursor where it is, and lines up the nearest claim before it that
        has one, so both texts scroll on together.
        """
        from tui.core.carry import counterpart

        active = self.reader.active_view
        if active is None or active.wrapped is None or claim is not self.reader.current_claim:
            return  # moved on meanwhile: the newer claim is followed
        # The active pane may not have scrolled its cursor into view yet (that waits for
        # a refresh): line up with where it will be.
        target = active.cursor_scroll()
        y = active.scroll_offset.y if target is None else target
        for view in self.reader.views:
            if view is active or view.doc is claim.doc:
                continue
            best = counterpart(found.linked, view.doc.id)
            if best is not None and best.claim.doc is view.doc:
                if view.wrapped is None:  # not laid out (hidden on a narrow terminal)
                    view.move_to(best.claim.index)  # … centred when it shows
                    continue
                _line_up(view, best.claim, _row(active, claim, y))
                view.move_to(best.claim.index, scroll=False)  # lined up: in view
                continue
            if view.wrapped is None:
                continue
            for before in reversed(claim.doc.claims[max(claim.index - LOOK_BACK, 0) : claim.index]):
                earlier = self.reader.also_in.found(before)
                match = counterpart(earlier.linked, view.doc.id) if earlier else None
                if match is not None and match.claim.doc is view.doc:
                    _line_up(view, match.claim, _row(active, before, y))
                    break

    def _prefetch(self, claim: Claim) -> None:
        claims = claim.doc.claims
        near = claims[max(claim.index - BEHIND, 0) : claim.index + AHEAD + 1]
        self.reader.also_in.prefetch(near, self._prefetched)

    def _prefetched(self) -> None:
        claim = self.reader.current_claim
        if claim is not None and self.reader.also_in.found(claim) is not None:
            self.show(claim)

    def toggle_follow(self) -> bool:
        """``F``: the other panes follow the cursor (or stop); returns whether they do now."""
        self.follow = not self.follow
        self.show(self.reader.current_claim)
        return self.follow

    # -- tags carried across documents -----------------------------------------------------

    def _refresh_carried(self) -> None:
        """Work the carried tags out again if the open documents or their tags changed."""
        reader = self.reader
        if reader.live_index.index is None or self._carrying:
            return
        shown = tuple((view, reader.store.load(view.doc)) for view in reader.views)
        if self._carried_for is not None and _same(shown, self._carried_for):
            return
        self._carried_for = shown
        tagged = self._tagged()
        missing = reader.also_in.missing(tagged)
        if missing:
            self._carrying = reader.also_in.prefetch(missing, self._carry_found, group="carry")
        if not self._carrying:
            self._carry()

    def _carry_found(self) -> None:
        self._carrying = False
        self._carried_for = None  # tags may have changed meanwhile: look again
        self._refresh_carried()
        self.reader.inspector.set_carried(self.carried_text(self.reader.current_claim))

    def _tagged(self) -> list[Claim]:
        found = []
        for view in self.reader.views:
            state = self.reader.store.load(view.doc)
            found += [team.claim for team in state.teams if team.label is not None]
        return found

    def _carry(self) -> None:
        from tui.core.carry import carry_tags

        reader = self.reader
        lookup, store = reader.also_in, reader.store
        tagged = self._tagged()
        matches = {(c.doc.id, c.index): found.linked for c in tagged if (found := lookup.found(c))}
        self.carried = carry_tags(
            ((claim, store.label_of(claim) or "") for claim in tagged),
            matches,
            is_tagged=lambda claim: bool(store.load(claim.doc).team(claim).tags),
            short_id=lambda claim: reader.short_id(claim.doc),
        )
        for view in reader.views:
            carried = {
                index: found.label or ""
                for (doc_id, index), found in self.carried.items()
                if doc_id == view.doc.id
            }
            if carried != view.carried:
                view.carried = carried
                view.redraw()

    def settle(self) -> None:
        """Finish now, on this thread: the current claim's matches, carried tags (tests)."""
        reader = self.reader
        reader.also_in.settle()
        if reader.live_index.index is not None:
            reader.also_in.find_now(self._tagged())
            self._carrying = False
            self._carried_for = None
        self.show(reader.current_claim)


def _row(view: DocumentView, claim: Claim, y: int) -> int:
    """The screen row where ``claim`` starts in ``view`` scrolled to ``y`` (may be off screen)."""
    assert view.wrapped is not None
    return view.wrapped.line_of(claim.start) - y


def _line_up(view: DocumentView, claim: Claim, row: int) -> None:
    """Scroll ``view`` so that ``claim`` starts on screen row ``row`` (as near as it can)."""
    if view.wrapped is not None:
        top = view.wrapped.line_of(claim.start)
        view.scroll_to(y=max(top - row, 0), animate=False, force=True, immediate=True)


def _same(a: tuple, b: tuple) -> bool:
    return len(a) == len(b) and all(
        x[0] is y[0] and x[1] is y[1] for x, y in zip(a, b, strict=True)
    )
