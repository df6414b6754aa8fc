"""schema.org ``ClaimReview`` in JSON-LD, for a fact-check page to publish.

One object per claim the team has decided *sourced* or *disputed*: settled by
a verdict, or tagged alike by every analyst who tagged it. A contested claim
is never published, and orphans are left out (their claim may no longer be
there). The review speaks with the verdict's note and analyst, else with the
newest of the agreeing tags. Properties follow
Google's fact-check structured data guidelines as far as a tool can: the
required ``claimReviewed``, ``reviewRating`` (with ``alternateName``) and,
given ``--url-base``, ``url``; the recommended ``author``, ``datePublished``
and ``itemReviewed`` (a ``Claim`` with its ``appearance`` and, when the
metadata says so, its ``author`` and ``datePublished``, and its
``firstAppearance`` when the same claim is in an article published earlier). What only a
publisher can add is listed in the README's Export section.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from tui.core.display import display
from tui.core.export.json_format import dumps
from tui.core.export.summary import DocSummary, Entry, Summary, iso_date
from tui.core.metadata import Author, safe_url
from tui.core.model import Claim
from tui.core.team import ClaimTeam, Status

CONTEXT = "https://schema.org"
WORST_RATING = 1
BEST_RATING = 5
RATINGS = {"disputed": (1, "Disputed"), "sourced": (5, "Sourced")}
"""label -> (ratingValue, alternateName) on the 1 (worst) to 5 (best) scale.

The ends of the scale: a publisher with a finer scheme (mostly true, misleading…)
has the values in between for it. Only the text is shown in search results.
"""
PERSON_TYPES = ("Person", "Organization")
_SPACE = re.compile(r"\s+")


def plain(text: str) -> str:
    """One line of text as a reader should see it (docs/format.md, "Text shown to people")."""
    return _SPACE.sub(" ", display(text)).strip()


def review_url(url_base: str, doc_id: str, claim_id: str) -> str:
    """Where the review of one claim is published.

    ``url_base`` may hold ``{doc}`` and ``{claim}`` (one page per claim, as
    Google's single fact-check result wants); otherwise the claim is an
    anchor on a page per document: ``<url-base>/<doc>#<claim>``.
    """
    doc, claim = quote(doc_id, safe=""), quote(claim_id, safe="")
    if "{doc}" in url_base or "{claim}" in url_base:
        return url_base.replace("{doc}", doc).replace("{claim}", claim)
    return f"{url_base.rstrip('/')}/{doc}#{claim}"


def _party(author: Author | None) -> dict[str, Any] | None:
    """The article's author: a Person or an Organization, with a URL when known."""
    if author is None or not plain(author.name):
        return None
    party: dict[str, Any] = {
        "@type": author.type if author.type in PERSON_TYPES else "Person",
        "name": plain(author.name),
    }
    if url := safe_url(author.url):
        party["url"] = url
    return party


def item_reviewed(doc: DocSummary) -> dict[str, Any]:
    """The claim and the article it appears in (a ``CreativeWork``: headline, url, author, date)."""
    meta = doc.metadata
    appearance: dict[str, Any] = {"@type": "CreativeWork", "headline": plain(doc.title)}
    if doc.url:
        appearance["url"] = doc.url
    author = _party(meta.author)
    published = meta.published.isoformat() if meta.published else None
    if author:
        appearance["author"] = author
    if published:
        appearance["datePublished"] = published
    item: dict[str, Any] = {"@type": "Claim", "appearance": appearance}
    # The article's author and date stand for the claim's own (who said it, when).
    if author:
        item["author"] = author
    if published:
        item["datePublished"] = published
    return item


def first_appearance(summary: Summary, doc: DocSummary, entry: Entry) -> dict[str, Any] | None:
    """The earliest other article stating the same claim, published before this one.

    Articles are ordered by their metadata's ``published`` date (ties: corpus
    order); one without a date is never called earlier, nor is any article
    when this one has no date, since nothing says which came first.
    """
    published = doc.metadata.published
    if published is None or entry.claim is None or not summary.matches:
        return None
    documents = {d.id: (i, d) for i, d in enumerate(summary.documents)}
    earlier = []
    for match in summary.matches:
        for occ in match.same_as(entry.claim):
            place, other = documents.get(occ.doc_id, (None, None))
            if other is None or place is None:
                continue
            when = other.metadata.published
            if when is not None and when < published:
                earlier.append((when, place, other))
    if not earlier:
        return None
    _, _, first = min(earlier, key=lambda found: found[:2])
    work: dict[str, Any] = {"@type": "CreativeWork", "headline": plain(first.title)}
    if first.url:
        work["url"] = first.url
    work["datePublished"] = first.metadata.published.isoformat()  # type: ignore[union-attr]
    if author := _party(first.metadata.author):
        work["author"] = author
    return work


def claim_review(summary: Summary, doc: DocSummary, entry: Entry) -> dict[str, Any]:
    value, name = RATINGS[entry.label]
    review: dict[str, Any] = {"@context": CONTEXT, "@type": "ClaimReview"}
    if summary.url_base:
        review["url"] = review_url(summary.url_base, doc.id, entry.id)
    review["claimReviewed"] = plain(entry.text)
    review["reviewRating"] = {
        "@type": "Rating",
        "ratingValue": value,
        "bestRating": BEST_RATING,
        "worstRating": WORST_RATING,
        "alternateName": name,
    }
    review["itemReviewed"] = item_reviewed(doc)
    if first := first_appearance(summary, doc, entry):
        review["itemReviewed"]["firstAppearance"] = first
    if analyst := plain(summary.analyst_of(entry)):
        review["author"] = {"@type": "Person", "name": analyst}
    if published := summary.date or iso_date(entry.record.updated):
        review["datePublished"] = published
    if note := plain(entry.record.note):
        review["reviewBody"] = note
    sources = [plain(s) for s in entry.record.sources if plain(s)]
    if sources:
        review["citation"] = sources
    return review


def _speaker(doc: DocSummary, team: ClaimTeam) -> Entry | None:
    """The entry a review of ``team`` speaks for: the verdict's, else the newest tag."""
    if team.status is Status.SETTLED and team.verdict is not None:
        return doc.entry_of(team.verdict)
    if team.status is Status.TAGGED and team.newest is not None:
        return doc.entry_of(team.newest)
    return None


def reviewed_entries(summary: Summary) -> list[tuple[DocSummary, Entry]]:
    """The entries published: one per claim decided sourced or disputed, never contested."""
    found = []
    for doc in summary.documents:
        for team in doc.teams:
            if team.label not in RATINGS:
                continue
            entry = _speaker(doc, team)
            if entry is not None and not entry.orphan and entry.label == team.label:
                found.append((doc, entry))
    return found


def dated_claims(summary: Summary) -> list[Claim]:
    """The claims whose ``firstAppearance`` is worth looking up: reviewed, in a dated article.

    Only these are searched in the other documents, so a ClaimReview export of
    a corpus without dates costs no search at all.
    """
    return [
        entry.claim
        for doc, entry in reviewed_entries(summary)
        if entry.claim is not None and doc.metadata.published is not None
    ]


def reviews(summary: Summary) -> list[dict[str, Any]]:
    return [claim_review(summary, doc, entry) for doc, entry in reviewed_entries(summary)]


def render(summary: Summary) -> str:
    return dumps(reviews(summary))
