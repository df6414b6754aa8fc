"""Building the term index in pieces: one segment per document, merged into one index.

Folding and tokenising the text is most of the cost of an index (``fold`` and
the term regex: ~2 s at 70k claims). A document's segment depends only on its
claims, so segments are cached per document (:mod:`tui.core.search.persist`)
and, when one article changes, only that article is tokenised again: the
merge of the others' segments is plain list work.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import chain

from tui.core.collector import collector_paused
from tui.core.normalize import _COMPOUND, _TERM, fold
from tui.core.search.terms import TermIndex

_MAX_LENGTH = 65535


@dataclass(frozen=True, slots=True)
class Segment:
    """The terms of a run of items (a document's claims), items numbered from 0."""

    terms: Sequence[str]
    counts: Sequence[int]
    """How many items hold each term."""
    items: Sequence[int]
    """The items holding each term, ascending, term after term (``counts`` says where)."""
    lengths: Sequence[int]
    """Number of terms of each item, capped at 65535."""

    @property
    def size(self) -> int:
        return len(self.lengths)


def segment(texts: Iterable[str]) -> Segment:
    """Tokenise ``texts`` (item ids are their positions) into a segment."""
    local: dict[str, list[int]] = {}
    lengths = array("H")
    find = _TERM.findall
    compound = _COMPOUND.findall
    # Millions of new lists and ints, none garbage: full collections took a third of
    # the build at 100k claims (tui/core/collector.py).
    with collector_paused():
        for item, text in enumerate(texts):
            folded = fold(text)
            found = find(folded)
            lengths.append(min(len(found), _MAX_LENGTH))
            unique = set(found)
            if "-" in folded:
                unique.update(m.replace("-", "") for m in compound(folded))
            for term in unique:
                bucket = local.get(term)
                if bucket is None:
                    local[term] = [item]
                else:
                    bucket.append(item)
    return Segment(
        list(local),
        array("I", map(len, local.values())),
        array("I", chain.from_iterable(local.values())),
        lengths,
    )


def merge(segments: Iterable[Segment]) -> TermIndex:
    """One index over ``segments`` in order: the items of each follow the previous ones'."""
    vocab: dict[str, int] = {}
    postings: list[array] = []
    lengths = array("H")
    base = 0
    with collector_paused():
        for seg in segments:
            items = seg.items
            at = 0
            for term, count in zip(seg.terms, seg.counts, strict=True):
                tid = vocab.get(term)
                if tid is None:
                    tid = vocab[term] = len(postings)
                    postings.append(array("I"))
                if count == 1:
                    postings[tid].append(items[at] + base)
                else:
                    postings[tid].extend([item + base for item in items[at : at + count]])
                at += count
            lengths.extend(seg.lengths)
            base += seg.size
        terms = list(vocab)
        order = sorted(range(len(terms)), key=terms.__getitem__)
        return TermIndex([terms[i] for i in order], [postings[i] for i in order], lengths)
