"""What to check first: every claim's check-worthiness, with the team's model when it has one.

The scorer is built once per workspace: it gathers the team's tags (the
label of each tagged claim), and when there are enough of them uses the model
they train (``tui.core.checkworthy_model``), else the cues alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from tui.core.checkworthy import Worth, checkworthiness
from tui.core.checkworthy_model import Model, target, team_model
from tui.core.model import Claim
from tui.core.workspace import Workspace


@dataclass(frozen=True)
class Scorer:
    """Check-worthiness for any claim: the team's model if there is one, else the cues."""

    model: Model | None = None

    def worth(self, claim: Claim | str) -> Worth:
        text = claim if isinstance(claim, str) else claim.text
        return self.model.worth(text) if self.model is not None else checkworthiness(text)

    @property
    def learned(self) -> bool:
        return self.model is not None


def team_examples(workspace: Workspace) -> Iterator[tuple[str, bool]]:
    """(claim text, worth checking) for every claim the team has labelled."""
    for doc in workspace.corpus:
        state = workspace.store.load(doc)
        for claim in doc.claims:
            label = state.label(claim)
            wanted = target(label) if label else None
            if wanted is not None:
                yield claim.text, wanted


def scorer_for(workspace: Workspace) -> Scorer:
    """The scorer for this workspace, trained on its tags when there are enough."""
    return Scorer(team_model(workspace.store.folder, list(team_examples(workspace))))


def ranked(claims: Iterable[Claim], scorer: Scorer) -> list[tuple[Claim, Worth]]:
    """Claims most worth checking first; ties keep reading order."""
    scored = [(claim, scorer.worth(claim)) for claim in claims]
    scored.sort(key=lambda pair: -pair[1].score)
    return scored
