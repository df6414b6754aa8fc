"""The claim inspector under the panes: what is known about the current claim."""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content
from textual.widget import Widget

from tui.app.look import CONTESTED_PART, MUTED, label_part, label_style
from tui.app.messages import AnnotationsChanged
from tui.core.display import display
from tui.core.model import Claim
from tui.core.store import AnnotationStore, DocumentAnnotations
from tui.core.team import ClaimTeam

DEFAULT_HINT = "s d o x to tag · e for a note"


@dataclass(frozen=True)
class AlsoIn:
    """One "also in" entry: the same claim in another document."""

    short_id: str
    score: int
    label: str | None = None
    claim: Claim | None = None
    """The matching claim (its label is read afresh whenever the inspector redraws)."""
    related: bool = False
    """In the ``related`` band: the same story, not the same fact (its score is how sure
    the matcher is of the same fact, low by then: shown as the word, not the figure)."""


class ClaimInspector(Widget):
    """Label, note, sources and anchor of the current claim, and where else it appears."""

    DEFAULT_CSS = """
    ClaimInspector {
        height: 5;
        padding: 0 1;
        border-top: hkey $primary 50%;
        background: $surface;
        color: $foreground;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def __init__(
        self, store: AnnotationStore, *, hint: str = DEFAULT_HINT, id: str | None = None
    ) -> None:
        """``hint``: how to tag, with the keys as mapped (``s d o x to tag · e for a note``)."""
        super().__init__(id=id)
        self.store = store
        self.hint = hint
        self.claim: Claim | None = None
        self._short_id = ""
        self._also_in: list[AlsoIn] | None = None
        self._also_in_note = ""
        self._carried = ""
        self._differs = ""
        self._content = Content("")
        self._painted = False

    def inspect(
        self,
        claim: Claim | None,
        *,
        short_id: str = "",
        also_in: list[AlsoIn] | None = None,
        also_in_note: str = "",
        carried: str = "",
        differs: str = "",
    ) -> None:
        """Show ``claim`` (with what "also in" found for it) as the store has it now.

        ``carried``: a tag of its counterpart elsewhere (``tagged in 000 disputed``),
        shown while nobody tagged it; ``differs``: what its best match says otherwise.
        """
        self.claim, self._short_id = claim, short_id
        self._also_in, self._also_in_note = also_in, also_in_note
        self._carried, self._differs = carried, differs
        self._redescribe()

    def set_carried(self, carried: str) -> None:
        """The tags carried to the claim were worked out again (``inspect``'s ``carried``)."""
        if carried != self._carried:
            self._carried = carried
            self._redescribe()

    def _redescribe(self) -> None:
        claim = self.claim
        also_in = [
            AlsoIn(e.short_id, e.score, self.store.label_of(e.claim), e.claim, e.related)
            if e.claim is not None
            else e
            for e in self._also_in or ()
        ]
        self._content = describe(
            claim,
            self.store.load(claim.doc) if claim else None,
            short_id=self._short_id,
            also_in=also_in if self._also_in is not None else None,
            also_in_note=self._also_in_note,
            hint=self.hint,
            worth=self._worth_shown(),
            carried=self._carried,
            differs=self._differs,
        )
        self.refresh()

    def _worth_shown(self) -> bool:
        """Whether to score the claim: from the second frame on.

        Scoring imports its module and compiles its patterns (~10 ms): the first
        frame shows the claim without its worth, which follows at once.
        """
        if not self._painted:
            self._painted = True
            self.call_after_refresh(self._redescribe)
            return False
        return True

    def on_annotations_changed(self, event: AnnotationsChanged) -> None:
        shown = {self.claim.doc.id} if self.claim else set()
        shown.update(e.claim.doc.id for e in self._also_in or () if e.claim is not None)
        if event.doc_id in shown:
            self._redescribe()

    @property
    def text(self) -> str:
        """The plain text shown (for tests and screen readers)."""
        return self._content.plain

    def render(self) -> Content:
        return self._content


def describe(
    claim: Claim | None,
    state: DocumentAnnotations | None,
    *,
    short_id: str = "",
    also_in: list[AlsoIn] | None = None,
    also_in_note: str = "",
    hint: str = DEFAULT_HINT,
    worth: bool = True,
    carried: str = "",
    differs: str = "",
) -> Content:
    if claim is None:
        return Content.assemble(("No claim here.", MUTED))
    total = len(claim.doc.claims)
    head: list[str | tuple[str, str]] = [
        (f"{short_id or claim.doc.id}:{claim.number}", "bold"),
        f" of {total} · {claim.id}  ",
    ]
    anchored = state.by_claim.get(claim.index) if state else None
    team = state.team(claim) if state else None
    lines: list[Content] = []
    last = ""  # the key hint ends the line: on a narrow pane it is what gets cut
    if team is not None and len(team.tags) > 1:
        lines += _team_lines(team, head)
    elif anchored is None:
        head.append(("not reviewed", MUTED))
        if carried and state is not None and not state.team(claim).tags:
            head.append((f" · {display(carried)}", "italic $text-accent"))
        if state is not None and state.read_only:
            head.append(("  read-only", "$text-error"))
        else:
            last = f"  {hint}"
        lines.append(Content.assemble(*head))
        lines.append(Content.assemble(("Note     ", MUTED), ("—", MUTED)))
        lines.append(Content.assemble(("Sources  ", MUTED), ("—", MUTED)))
    else:
        record = anchored.record
        head.append(label_part(record.label))
        head.append((f"  {'settled' if record.verdict else 'tagged'}", MUTED))
        head.append((f"  anchor {anchored.status.value}", MUTED))
        who = display(record.analyst)
        when = record.updated.strftime("%Y-%m-%d") if record.updated else ""
        if who or when:
            head.append((f"  {' '.join(part for part in (who, when) if part)}", MUTED))
        lines.append(Content.assemble(*head))
        note = display(" ".join(record.note.split())) if record.note else ""
        lines.append(Content.assemble(("Note     ", MUTED), note or ("—", MUTED)))
        sources = " · ".join(display(s) for s in record.sources if s.strip())
        lines.append(Content.assemble(("Sources  ", MUTED), sources or ("—", MUTED)))
    if worth:  # why the claim ranks where it does for w and L (issue 13)
        from tui.core.checkworthy import checkworthiness  # not needed for the first frame

        worth_of = checkworthiness(claim.text)
        lines[0] = Content.assemble(
            lines[0], (f"  · worth {worth_of.score}: {worth_of.explanation}", MUTED)
        )
    if last:
        lines[0] = Content.assemble(lines[0], (last, MUTED))
    lines.append(_also_in_line(also_in, also_in_note, differs))
    return Content("\n").join(lines)


def _team_lines(team: ClaimTeam, head: list[str | tuple[str, str]]) -> list[Content]:
    """Several analysts tagged the claim: its status, each one's tag, each one's note."""
    if team.label is not None:
        head.append(label_part(team.label))
        head.append(("  settled" if team.verdict else "  agreed", MUTED))
    else:
        head.append(CONTESTED_PART)
    tags: list[str | tuple[str, str]] = [("Tags     ", MUTED)]
    notes: list[str | tuple[str, str]] = [("Notes    ", MUTED)]
    for i, tag in enumerate(team.tags):
        if i:
            tags.append(" · ")
        when = tag.updated.strftime("%m-%d %H:%M") if tag.updated else ""
        tags.append((display(tag.analyst) or "?", "bold"))
        tags.append((f" {tag.label}", label_style(tag.label)))
        own = f" (own tag {tag.overruled_own})" if tag.overruled_own else ""
        tags.append((f"{' verdict' if tag.verdict else ''}{own} {when}", MUTED))
        if tag.note:
            if len(notes) > 1:
                notes.append(" · ")
            notes.append((f"{display(tag.analyst)}: ", MUTED))
            notes.append(display(" ".join(tag.note.split())))
    if len(notes) == 1:
        notes.append(("—", MUTED))
    return [Content.assemble(*head), Content.assemble(*tags), Content.assemble(*notes)]


def _also_in_line(also_in: list[AlsoIn] | None, note: str, differs: str = "") -> Content:
    parts: list[str | tuple[str, str]] = [("Also in  ", MUTED)]
    if also_in:
        for i, entry in enumerate(also_in):
            if i:
                parts.append(" · ")
            parts.append((entry.short_id, "bold"))
            parts.append(" (related)" if entry.related else f" ({entry.score})")
            if entry.label:
                parts.append((f" {entry.label}", label_style(entry.label)))
    else:
        parts.append((note or "—", MUTED))
    if also_in and differs:
        parts.append((f"  ≠ {display(differs)}", "bold $text-warning"))
    return Content.assemble(*parts)
