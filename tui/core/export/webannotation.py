"""W3C Web Annotation (JSON-LD): every analyst's tag as a standard annotation.

Follows the Web Annotation Data Model and Vocabulary (W3C Recommendation,
2017): one ``AnnotationCollection`` whose first ``AnnotationPage`` holds one
``Annotation`` per analyst per claim (tags are per analyst). The target is the
article (its canonical URL from the document metadata, else a ``urn:`` naming
the document) narrowed by a ``TextQuoteSelector`` and a
``TextPositionSelector`` whose offsets count code points in the document text
as stored (docs/format.md, "Terms"), so ``text[start:end] == exact``. The label
is a ``classifying`` body, the note a ``commenting`` one, each source a
``citing`` one and a verdict an ``assessing`` one. Ids are ``urn:uuid:``
values derived from the document, claim and analyst, so they stay the same
from one export to the next and a tool that imports twice updates rather than
duplicates. Strings are exact, escaped as JSON (docs/format.md, "Text shown
to people").
"""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import quote

from tui.core.export.json_format import dumps
from tui.core.export.summary import DocSummary, Entry, Summary, iso_time
from tui.core.metadata import safe_url

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
CONTEXT_WIDTH = 32
"""Characters of prefix and suffix, as the annotation files keep them."""
_NAMESPACE = uuid.UUID("6f1d3b1e-3c1a-5b8e-9a52-666163746368")
"""Our own namespace for the name-based (version 5) ids."""


def stable_id(*parts: str) -> str:
    """``urn:uuid:…`` from ``parts``: the same parts always give the same id."""
    return uuid.uuid5(_NAMESPACE, "\x1f".join(parts)).urn


def document_iri(doc: DocSummary) -> str:
    """The article's canonical URL, else ``urn:factcheck:doc:<id>`` (no local path leaks)."""
    return doc.url or f"urn:factcheck:doc:{quote(doc.id, safe='')}"


def _selectors(doc: DocSummary, entry: Entry) -> list[dict[str, Any]]:
    """Quote and position in the current text; for an orphan, only the quote as stored."""
    record = entry.record
    if entry.orphan:
        quote_selector = {"type": "TextQuoteSelector", "exact": record.quote}
        if record.prefix:
            quote_selector["prefix"] = record.prefix
        if record.suffix:
            quote_selector["suffix"] = record.suffix
        return [quote_selector]
    text = doc.doc.text
    start, end = entry.start, entry.end
    quote_selector = {"type": "TextQuoteSelector", "exact": text[start:end]}
    if prefix := text[max(0, start - CONTEXT_WIDTH) : start]:
        quote_selector["prefix"] = prefix
    if suffix := text[end : end + CONTEXT_WIDTH]:
        quote_selector["suffix"] = suffix
    return [quote_selector, {"type": "TextPositionSelector", "start": start, "end": end}]


def _text_body(purpose: str, value: str) -> dict[str, Any]:
    return {"type": "TextualBody", "purpose": purpose, "value": value, "format": "text/plain"}


def _bodies(entry: Entry) -> list[dict[str, Any]]:
    record = entry.record
    bodies = [_text_body("classifying", entry.label)]
    if record.verdict:
        bodies.append(_text_body("assessing", entry.label))
    if record.note.strip():
        bodies.append(_text_body("commenting", record.note))
    for source in record.sources:
        if not source.strip():
            continue
        url = safe_url(source)
        if url:
            bodies.append({"type": "SpecificResource", "purpose": "citing", "source": url})
        else:
            bodies.append(_text_body("citing", source))
    return bodies


def annotation(summary: Summary, doc: DocSummary, entry: Entry) -> dict[str, Any]:
    """One analyst's tag of one claim."""
    analyst = summary.analyst_of(entry)
    item: dict[str, Any] = {
        "id": stable_id("annotation", doc.id, entry.id or entry.record.key, analyst),
        "type": "Annotation",
        "motivation": "assessing" if entry.record.verdict else "classifying",
    }
    if analyst:
        item["creator"] = {
            "id": stable_id("analyst", analyst),
            "type": "Person",
            "name": analyst,
        }
    if stamp := iso_time(entry.record.updated):
        # Records keep their last change only: it stands for both.
        item["created"] = stamp
        item["modified"] = stamp
    item["body"] = _bodies(entry)
    item["target"] = {
        "type": "SpecificResource",
        "source": document_iri(doc),
        "selector": _selectors(doc, entry),
    }
    return item


def annotations(summary: Summary) -> list[dict[str, Any]]:
    return [annotation(summary, doc, entry) for doc in summary.documents for entry in doc.entries]


def collection(summary: Summary) -> dict[str, Any]:
    items = annotations(summary)
    ident = stable_id("collection", summary.corpus)
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "id": ident,
        "type": "AnnotationCollection",
        "label": f"factcheck: {summary.corpus}",
        "total": len(items),
    }
    data["first"] = {
        "id": stable_id("page", summary.corpus, "0"),
        "type": "AnnotationPage",
        "partOf": ident,
        "startIndex": 0,
        "items": items,
    }
    return data


def render(summary: Summary) -> str:
    return dumps(collection(summary))
