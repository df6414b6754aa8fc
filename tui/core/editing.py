"""Writing annotations one change at a time, with undo and redo, for any front end.

Every operation writes through :class:`~tui.core.store.AnnotationStore` (one
atomic, locked save) before it returns, and returns an :class:`Outcome`: what
changed (to repaint) and what to tell the analyst. Nothing here draws or
notifies, so the reader, a test or another front end use it alike.

Undo applies the inverse of the change on disk, redo the change again; either
is refused when the records it would replace are no longer on disk as written
(another process changed the claim since), since the store's merge cannot tell
two saves within one second apart and would otherwise overwrite that change.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Literal

from tui.core import boundaries
from tui.core.metadata import Boundary, MetadataError
from tui.core.model import Claim, Document
from tui.core.records import Annotation
from tui.core.store import (
    ANY,
    AnnotationStore,
    Change,
    Conflict,
    DocumentAnnotations,
    ReadOnlyDocument,
)
from tui.core.text import clean_line

Severity = Literal["information", "warning", "error"]


@dataclass(frozen=True)
class Outcome:
    """The result of one editing operation."""

    doc: Document | None = None
    """The document written (``None``: nothing was written)."""
    claim_index: int | None = None
    """The one claim whose lines changed; ``None`` with ``doc`` set: any of the document's."""
    message: str = ""
    """What to tell the analyst (empty: nothing to say)."""
    severity: Severity = "information"
    timeout: float | None = None
    move_to: tuple[Document, int] | None = None
    """Put the cursor on this claim (undo and redo go back to the claim they change)."""
    read_only: Document | None = None
    """This document turned out read-only (its banner must show)."""
    conflict: Conflict | None = None
    """Nothing was written: the record changed on disk since the caller read it
    (``conflict.on_disk`` is what it holds now, to show beside the caller's version)."""
    reread: Document | None = None
    """This document's claim boundaries changed: load it again and redraw it
    (``doc`` and ``move_to`` then name the old one, which the caller replaces)."""

    @property
    def saved(self) -> bool:
        return self.doc is not None


@dataclass(frozen=True)
class Step:
    """One change as written, and where it was made, to undo (or redo) it exactly."""

    doc: Document
    change: Change
    claim_index: int
    what: str


@dataclass(frozen=True)
class BoundaryStep:
    """A correction of claim boundaries as stored, to take back (or make again) exactly."""

    doc: Document
    change: boundaries.Change
    claim_index: int
    what: str


def still_on_disk(state: DocumentAnnotations, change: Change) -> bool:
    """The records ``change`` wrote are in this analyst's file as written, and those it
    removed are absent (another analyst's record with the same key does not count)."""
    return state.holds(change.removed, change.added)


def _doc_id(doc: Document) -> str:
    return doc.id


@dataclass
class Editor:
    """Tag, clear, annotate and re-attach claims; undo and redo, also on disk."""

    store: AnnotationStore
    fresh: Callable[[Document], DocumentAnnotations] | None = None
    """The document's annotations as on disk now, read before a change is decided
    (the reader re-reads a file another process changed); default: the store's cache."""
    name: Callable[[Document], str] = _doc_id
    """How messages name a document (``000``, a short id)."""
    undo_stack: list[Step | BoundaryStep] = field(default_factory=list)
    redo_stack: list[Step | BoundaryStep] = field(default_factory=list)

    def ref(self, claim: Claim) -> str:
        """``000:3``: the claim as messages name it."""
        return f"{self.name(claim.doc)}:{claim.number}"

    def state(self, doc: Document) -> DocumentAnnotations:
        return self.fresh(doc) if self.fresh is not None else self.store.load(doc)

    def refuse_read_only(self, claim: Claim | None) -> Outcome | None:
        """Why ``claim`` cannot be written now, or ``None`` when it can."""
        if claim is None:
            return Outcome(message="No claim here to tag.")
        state = self.state(claim.doc)
        if state.error is not None:
            return Outcome(
                message=f"{self.name(claim.doc)} is read-only: {clean_line(str(state.error))}",
                severity="warning",
            )
        return None

    # -- changes ----------------------------------------------------------------------

    def tag(self, claim: Claim, label: str) -> Outcome:
        """Put ``label`` on ``claim`` (nothing is written when it already has it)."""
        if refused := self.refuse_read_only(claim):
            return refused
        current = self.store.load(claim.doc).get(claim)
        if current is not None and current.record.label == label:
            return Outcome()
        return self._write(
            claim, f"{label} on {self.ref(claim)}", lambda: self.store.set(claim, label)
        )

    def clear(self, claim: Claim) -> Outcome:
        if refused := self.refuse_read_only(claim):
            return refused
        if self.store.load(claim.doc).get(claim) is None:
            return Outcome(message="This claim has no tag.", timeout=1.5)
        return self._write(
            claim, f"clearing {self.ref(claim)}", lambda: self.store.set(claim, None)
        )

    def save_note(
        self,
        claim: Claim,
        label: str,
        note: str,
        sources: list[str],
        *,
        base: Annotation | object | None = ANY,
    ) -> Outcome:
        """Label, note and sources as the note editor left them (unchanged: nothing written).

        ``base``: your record as the editor showed it when it opened (``None``:
        untagged). If it changed on disk since (another process, ``factcheck
        tag``), nothing is written and the outcome carries the ``conflict``.
        """
        if refused := self.refuse_read_only(claim):
            return refused
        current = self.state(claim.doc).get(claim)
        if current is not None and (
            current.record.label,
            current.record.note,
            list(current.record.sources),
        ) == (label, note, sources):
            return Outcome()
        ref = self.ref(claim)
        return self._write_saying(
            claim,
            f"note on {ref}",
            lambda: self.store.set(claim, label, note=note, sources=sources, base=base),
            f"Saved the note on {ref}.",
        )

    def attach(self, orphan: Annotation, claim: Claim) -> Outcome:
        """Re-attach an orphaned record of ``claim``'s document to ``claim``."""
        if refused := self.refuse_read_only(claim):
            return refused
        ref = self.ref(claim)
        return self._write_saying(
            claim,
            f"re-attaching to {ref}",
            lambda: self.store.attach(orphan, claim),
            f"Re-attached to {ref}.",
        )

    def settle(self, claim: Claim, label: str, note: str, sources: list[str]) -> Outcome:
        """Save your verdict on ``claim`` (the review screen, ``V``): it settles the claim.

        Only this operation writes a verdict; one undo puts your previous tag back.
        """
        if refused := self.refuse_read_only(claim):
            return refused
        ref = self.ref(claim)
        return self._write_saying(
            claim,
            f"verdict on {ref}",
            lambda: self.store.set(claim, label, note=note, sources=sources, verdict=True),
            f"Settled {ref}: {label}.",
        )

    def copy(self, source: Claim, target: Claim) -> Outcome:
        """Put ``source``'s label, note and sources on ``target``, as this analyst (``m``, ``c``).

        The record copied is your own on ``source``, else the one speaking for it
        (the verdict's, else the newest); one undo takes the copy back.
        """
        if refused := self.refuse_read_only(target):
            return refused
        state = self.store.load(source.doc)
        found = state.mine(source) or state.by_claim.get(source.index)
        if found is None:
            return Outcome(message="This claim has no tag to copy.", timeout=2)
        record = found.record
        ref = self.ref(target)
        extra = " with its note and sources" if record.note or record.sources else ""
        return self._write_saying(
            target,
            f"copy to {ref}",
            lambda: self.store.set(
                target, record.label, note=record.note, sources=list(record.sources)
            ),
            f"Copied {record.label}{extra} to {ref}.",
        )

    def _write_saying(
        self, claim: Claim, what: str, write: Callable[[], Change], said: str
    ) -> Outcome:
        """:meth:`_write`, then ``said`` for a moment when it saved."""
        outcome = self._write(claim, what, write)
        return _with_message(outcome, said, timeout=2) if outcome.saved else outcome

    def _write(self, claim: Claim, what: str, write: Callable[[], Change]) -> Outcome:
        try:
            change = write()
        except Conflict as conflict:
            return Outcome(
                message=f"Not saved: {self.ref(claim)} was changed elsewhere since you opened it.",
                severity="warning",
                conflict=conflict,
            )
        except ReadOnlyDocument as error:
            return Outcome(
                message=f"Not saved: {clean_line(str(error))}",
                severity="error",
                read_only=claim.doc,
            )
        except OSError as error:
            where = error.filename or self.store.path_for(claim.doc)
            return Outcome(
                message=clean_line(f"Not saved: {error.strerror or error} ({where})."),
                severity="error",
            )
        self.undo_stack.append(Step(claim.doc, change, claim.index, what))
        self.redo_stack.clear()
        return Outcome(claim.doc, claim.index)

    # -- claim boundaries (shared by the team: the document's metadata file) -----------

    def correct(self, claim: Claim, what: str, make: Callable[[], list[Boundary]]) -> Outcome:
        """Store the corrections ``make`` returns for ``claim``'s document (one undo step).

        The outcome's ``reread`` asks the caller to load the document again; tags
        are not touched (they anchor afresh, or are listed as orphans).
        """
        doc = claim.doc
        try:
            change = boundaries.record(doc, make())
        except boundaries.BoundaryError as error:
            return Outcome(message=str(error), severity="warning")
        except MetadataError as error:
            return Outcome(
                message=f"Not saved: {clean_line(str(error))}; fix or move that file first.",
                severity="error",
            )
        except OSError as error:
            return Outcome(message=clean_line(f"Not saved: {error}."), severity="error")
        if not change.added and not change.removed:
            return Outcome(message=f"Already so: {what}.", timeout=2)
        self.undo_stack.append(BoundaryStep(doc, change, claim.index, what))
        self.redo_stack.clear()
        taken_back = " (a correction taken back)" if change.removed and not change.added else ""
        return Outcome(
            doc,
            None,
            message=f"{what[0].upper()}{what[1:]}{taken_back}.",
            timeout=2,
            move_to=(doc, claim.index),
            reread=doc,
        )

    def replaced(self, old: Document, fresh: Document) -> None:
        """``old`` was loaded again as ``fresh``: undo and redo act on ``fresh`` from now on."""
        for stack in (self.undo_stack, self.redo_stack):
            for i, step in enumerate(stack):
                if step.doc is old:
                    index = min(step.claim_index, max(len(fresh.claims) - 1, 0))
                    stack[i] = replace(step, doc=fresh, claim_index=index)

    def _replay_boundaries(self, step: BoundaryStep, *, undo: bool) -> Outcome:
        verb = "Undone" if undo else "Redone"
        try:
            boundaries.revert(step.change if undo else step.change.inverse())
        except (MetadataError, OSError) as error:
            noun = "undo" if undo else "redo"
            return Outcome(message=f"Cannot {noun}: {clean_line(str(error))}", severity="error")
        return Outcome(
            step.doc,
            None,
            message=f"{verb}: {step.what}.",
            timeout=2,
            move_to=(step.doc, step.claim_index),
            reread=step.doc,
        )

    # -- undo and redo ----------------------------------------------------------------

    def undo(self) -> Outcome:
        return self._replay(self.undo_stack, self.redo_stack, undo=True)

    def redo(self) -> Outcome:
        return self._replay(self.redo_stack, self.undo_stack, undo=False)

    def _replay(
        self,
        source: list[Step | BoundaryStep],
        target: list[Step | BoundaryStep],
        *,
        undo: bool,
    ) -> Outcome:
        verb, noun = ("Undone", "undo") if undo else ("Redone", "redo")
        if not source:
            return Outcome(message=f"Nothing to {noun}.", timeout=1.5)
        step = source.pop()
        if isinstance(step, BoundaryStep):
            outcome = self._replay_boundaries(step, undo=undo)
            (target if outcome.saved else source).append(step)
            return outcome
        change = step.change.inverse() if undo else step.change
        state = self.state(step.doc)
        if state.error is None and not still_on_disk(state, change.inverse()):
            return Outcome(
                message=f"Not {verb.lower()}: {step.what}; the claim was changed elsewhere since.",
                severity="warning",
                move_to=(step.doc, step.claim_index),
            )
        try:
            self.store.apply(step.doc, change)
        except (ReadOnlyDocument, OSError) as error:
            source.append(step)
            return Outcome(message=f"Cannot {noun}: {clean_line(str(error))}", severity="error")
        target.append(step)
        return Outcome(
            step.doc,
            None,
            message=f"{verb}: {step.what}.",
            timeout=2,
            move_to=(step.doc, step.claim_index),
        )


def _with_message(outcome: Outcome, message: str, *, timeout: float) -> Outcome:
    return Outcome(
        outcome.doc,
        outcome.claim_index,
        message=message,
        timeout=timeout,
        move_to=outcome.move_to,
    )
