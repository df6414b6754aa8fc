"""How far the team has got: per article and per analyst, label shares, contested claims.

What the reader's dashboard and ``factcheck stats`` both show, built from the
per-document counts (``tui.core.stats``) and the agreement figures, and drawn
as text bars that read without colour (``NO_COLOR``) and fit 80 columns.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from tui.core.agreement import Agreement, measure
from tui.core.agreement_report import claims, figures, headline
from tui.core.labels import label_names
from tui.core.progress import plural
from tui.core.stats import DocumentStats
from tui.core.team_ratings import corpus_ratings
from tui.core.workspace import Workspace

_EIGHTHS = " ▏▎▍▌▋▊▉"


def bar(done: int, total: int, width: int) -> str:
    """``done/total`` as a bar of ``width`` cells: full blocks, an eighth block, then ``·``."""
    if width <= 0:
        return ""
    fraction = done / total if total > 0 else 0.0
    eighths = round(max(0.0, min(1.0, fraction)) * width * 8)
    full, part = divmod(eighths, 8)
    text = "█" * full + (_EIGHTHS[part] if part else "")
    return text + "·" * (width - len(text))


@dataclass(frozen=True)
class Row:
    name: str
    done: int
    total: int

    @property
    def percent(self) -> float:
        return 100.0 * self.done / self.total if self.total else 0.0


@dataclass(frozen=True)
class TeamProgress:
    claims: int
    reviewed: int
    contested: int
    settled: int
    documents: tuple[Row, ...]
    """Claims reviewed (by anyone) out of each article's claims."""
    analysts: tuple[Row, ...]
    """Claims each analyst tagged, out of all claims."""
    labels: dict[str, int] = field(default_factory=dict)
    """The team's label per claim (verdict, else agreed); contested claims have none."""
    agreement: Agreement = field(default_factory=lambda: measure({}))


def team_figures(stats: Sequence[DocumentStats], ratings=None) -> TeamProgress:
    """The team's progress from the per-document counts (and ``ratings`` for agreement)."""
    claims = sum(s.claims for s in stats)
    analysts: Counter[str] = Counter()
    labels: Counter[str] = Counter()
    for s in stats:
        analysts.update(s.analysts)
        labels.update(s.labels)
    return TeamProgress(
        claims=claims,
        reviewed=sum(s.reviewed for s in stats),
        contested=sum(s.contested for s in stats),
        settled=sum(s.statuses.get("settled", 0) for s in stats),
        documents=tuple(Row(s.doc_id, s.reviewed, s.claims) for s in stats),
        analysts=tuple(Row(name, n, claims) for name, n in sorted(analysts.items())),
        labels={label: labels.get(label, 0) for label in label_names()},
        agreement=measure(ratings or {}, categories=label_names()),
    )


def team_progress(workspace: Workspace, stats: Sequence[DocumentStats]) -> TeamProgress:
    """The progress of the whole workspace, with the agreement over every analyst's tags."""
    ratings = corpus_ratings(workspace.store, workspace.corpus)
    return team_figures(stats, ratings)


def _bar_line(name: str, done: int, total: int, width: int, name_width: int) -> str:
    counts = f"{done:>{len(str(total))}}/{total} {100 * done / total if total else 0:3.0f}%"
    room = max(width - name_width - len(counts) - 2, 5)
    return f"{name[:name_width].ljust(name_width)} {bar(done, total, room)} {counts}"


def progress_lines(p: TeamProgress, width: int = 80, *, documents: int | None = None) -> list[str]:
    """The dashboard as plain lines (``documents``: show at most that many articles)."""
    name_width = min(24, max([len(r.name) for r in (*p.documents, *p.analysts)] + [8]))
    lines = [
        _bar_line("reviewed", p.reviewed, p.claims, width, name_width),
        f"{p.contested} contested · {p.settled} settled · "
        + " · ".join(f"{label} {n}" for label, n in p.labels.items()),
    ]
    reviewed = sum(p.labels.values())
    if reviewed:
        lines += ["", "Labels (share of labelled claims)"]
        lines += [_bar_line(label, n, reviewed, width, name_width) for label, n in p.labels.items()]
    if p.analysts:
        lines += ["", "Analysts (claims tagged)"]
        lines += [_bar_line(r.name, r.done, r.total, width, name_width) for r in p.analysts]
    if len(p.agreement.analysts) > 1:
        agreement = p.agreement
        lines += ["", f"Agreement ({claims(agreement.units)} tagged by two analysts or more)"]
        lines.append(figures(agreement) if agreement.units else headline(agreement))
    shown = p.documents if documents is None else p.documents[:documents]
    if shown:
        lines += ["", "Articles (claims reviewed)"]
        lines += [_bar_line(r.name, r.done, r.total, width, name_width) for r in shown]
        if len(shown) < len(p.documents):
            lines.append(f"… and {plural(len(p.documents) - len(shown), 'more article')}")
    return lines
