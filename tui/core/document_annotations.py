"""A document's tags from every analyst, anchored on its current text.

What the reader, the commands and the exports ask of a document: the team's
view of each claim (``team``, ``label``, ``status``), this analyst's own tag
(``mine``) and every record (``anchored``: one per analyst per claim, plus
orphans). Built by ``AnnotationStore.load``; never written to.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from tui.core.anchoring import Anchor, Anchored
from tui.core.model import Claim, Document
from tui.core.records import Annotation, AnnotationFileError
from tui.core.team import ClaimTeam, Status, claim_team


@dataclass
class DocumentAnnotations:
    """Every analyst's records on one document, and the team's view of each claim."""

    doc: Document
    path: Path
    """Where this analyst's tags are saved (the format 1 file when no analyst is set)."""
    anchored: list[Anchored] = field(default_factory=list)
    """Every analyst's records (one per analyst per claim, and orphans), in no set order."""
    error: AnnotationFileError | None = None
    """Why the document is read-only for this analyst: their own file, or the
    format 1 file (which holds everyone's tags), does not parse."""
    stored_sha256: str = ""
    analyst: str = ""
    warnings: list[AnnotationFileError] = field(default_factory=list)
    """Other analysts' files that cannot be read: their tags are not shown."""
    own_records: list[Annotation] = field(default_factory=list)
    """This analyst's format 2 file as on disk (with "cleared" records): for undo checks."""

    @property
    def read_only(self) -> bool:
        return self.error is not None

    @property
    def changed_since_annotated(self) -> bool:
        """The article's text differs from the one the files were last saved against."""
        return bool(self.stored_sha256) and self.stored_sha256 != self.doc.sha256

    @cached_property
    def _on_claims(self) -> dict[int, list[Anchored]]:
        found: dict[int, list[Anchored]] = defaultdict(list)
        for anchored in self.anchored:
            if anchored.claim is not None:
                found[anchored.claim.index].append(anchored)
        return dict(found)

    @cached_property
    def _teams(self) -> dict[int, ClaimTeam]:
        doc = self.doc  # claim_object: a claims-cache document makes only the tagged claims
        return {i: claim_team(doc.claim_object(i), found) for i, found in self._on_claims.items()}

    @property
    def teams(self) -> list[ClaimTeam]:
        """The team's view of every claim someone tagged, in reading order."""
        return [self._teams[i] for i in sorted(self._teams)]

    def team(self, claim: Claim) -> ClaimTeam:
        """Every analyst's tag on ``claim``, its status and the label the team shows."""
        found = self._teams.get(claim.index)
        return found if found is not None else claim_team(claim, ())

    def status(self, claim: Claim) -> Status:
        return self.team(claim).status

    def label(self, claim: Claim) -> str | None:
        """The team's label: the verdict's, else the one every analyst gave, else none.

        (Before several analysts this was the one record's label; it still is
        wherever a single analyst tagged the claim.)
        """
        team = self._teams.get(claim.index)
        return team.label if team is not None else None

    def labels(self, claim: Claim) -> dict[str, str]:
        """``{analyst: label}`` for every analyst who tagged ``claim``."""
        team = self._teams.get(claim.index)
        return team.labels if team is not None else {}

    def mine(self, claim: Claim) -> Anchored | None:
        """This analyst's own record on ``claim`` (what undo, clear and the editor act on)."""
        return next(
            (a for a in self._on_claims.get(claim.index, ()) if a.record.analyst == self.analyst),
            None,
        )

    def get(self, claim: Claim) -> Anchored | None:
        """Your own record on ``claim`` when this store has an analyst (the reader, ``tag``):
        what tagging, clearing, the note editor and "next unreviewed" act on. Without an
        analyst (``claims``, exports): the verdict's record, else the newest. ``team`` shows
        everyone's.
        """
        if self.analyst:
            return self.mine(claim)
        return self.by_claim.get(claim.index)

    @cached_property
    def by_claim(self) -> dict[int, Anchored]:
        """One record per tagged claim, speaking for it: yours, else the verdict's, else
        the newest (the reader indexes these notes for search)."""
        chosen = {}
        for i, found in self._on_claims.items():
            own = next((a for a in found if a.record.analyst == self.analyst), None)
            team = self._teams[i]
            pick = team.verdict or team.newest
            chosen[i] = own or (pick.anchored if pick else found[0])
        return chosen

    @property
    def orphans(self) -> list[Anchored]:
        return [a for a in self.anchored if a.status is Anchor.ORPHAN]

    @property
    def tagged(self) -> int:
        """Claims at least one analyst tagged (``tagged/total`` in a pane's title)."""
        return len(self._on_claims)

    @property
    def analysts(self) -> list[str]:
        """Everyone with a record on this document, by name."""
        return sorted({a.record.analyst for a in self.anchored})

    def contested(self) -> list[Claim]:
        """The claims analysts disagree on and nobody has settled, in reading order."""
        return [
            self.doc.claim_object(i)
            for i in sorted(self._teams)
            if self._teams[i].status is Status.CONTESTED
        ]

    def holds(self, removed: tuple[Annotation, ...], added: tuple[Annotation, ...]) -> bool:
        """This analyst's file holds ``added`` as written and none of ``removed``.

        Only then is undoing that change safe (see ``Change``).
        """
        on_disk = {record.key: record for record in self.own_records}
        expected: dict[str, Annotation | None] = {record.key: None for record in removed}
        expected.update((record.key, record) for record in added)
        return all(on_disk.get(key) == record for key, record in expected.items())
