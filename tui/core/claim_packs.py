"""Many texts' blocks and claims in one cache file: a worker's pack, a corpus's bundle.

A worker process segmenting a cold corpus used to write one entry file per
text (:mod:`tui.core.cache`): on 5,000 articles, two workers creating files in
one folder spent a millisecond of CPU on each, a third of their time. So a
worker writes one *pack* for the hundreds of texts of its chunk, in
``packs/`` beside the entries, and sends the same bytes back. A later load
whose texts are not all in its bundle finds them in the packs by their
SHA-256: each pack's ``shas`` section is read alone first, and a pack is read
whole (and its CRC checked) only if it holds a text wanted.

A *bundle* is the same columns for a corpus loaded whole, named by its texts:
a warm start reads one file, checked in a few C loops over the whole corpus
rather than one parse and check per document. Both hold only spans this code
made or that passed :func:`tui.core.cache.load_entry`'s checks, and a CRC-32
stands for their bytes, so what is checked per document is what a file made
for other texts would fail, cheaply: counts, the last span inside the text,
the last claim inside the blocks, the kind codes. Packs are kept as entries
are (the cache folder goes when the code changes); bundles are pruned.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from array import array
from collections.abc import Sequence
from pathlib import Path

from tui.core import cache, packed
from tui.core.blocks import split_blocks
from tui.core.cache import Spans
from tui.core.claims import claim_pieces, piece_ids
from tui.core.model import CLAIM_KINDS, ClaimIds, Document, ids_text

_PACK = "claims-pack-2"
"""Format 2: each text's claim ids end with a newline, and ``id_at`` says where they start."""
_BUNDLE = "claims-bundle-4"
"""With the texts' SHA-256 (format 3) and the ids as packs hold them (4): older bundles
are never read."""
_BLOCK_KINDS = len(cache._BLOCK_KINDS)
KEEP_BUNDLES = 4
"""Bundles kept (the corpora loaded most recently); entries and packs stay whatever happens."""


def segmented(text: str) -> Spans:
    """What ``segment_fresh`` gives a document of ``text``, as flat spans and ids (no
    claim objects: a worker sends spans back, not objects)."""
    blocks = list(split_blocks(text))
    pieces = claim_pieces(text, blocks)
    return cache.spans_of(blocks, pieces, piece_ids(text, pieces))


def _key(shas: Sequence[str]) -> str:
    return hashlib.sha256("\n".join(shas).encode()).hexdigest()[:32]


def _folder() -> Path:
    return cache.folder() / "packs"


def store_pack(shas: Sequence[str], spans: Sequence[Spans]) -> bytes:
    """The pack of these texts' spans, written to the cache if it is on; its bytes."""
    key = _key(shas)
    data = _encode(_PACK, key, shas, spans)
    if cache.enabled():
        packed.write(_folder() / f"{key}.fcpk", data)
    return data


def _encode(kind: str, key: str, shas: Sequence[str], spans: Sequence[Spans]) -> bytes:
    block_at, claim_at, id_at = array("Q", [0]), array("Q", [0]), array("Q", [0])
    flat_blocks, flat_claims = array("I"), array("I")
    ids: list[str] = []
    for doc_blocks, doc_claims, doc_ids in spans:
        flat_blocks.frombytes(doc_blocks.cast("B"))
        flat_claims.frombytes(doc_claims.cast("B"))
        text = ids_text(doc_ids)
        ids += (text, "\n")
        block_at.append(len(flat_blocks) // 3)
        claim_at.append(len(flat_claims) // 4)
        id_at.append(id_at[-1] + len(text) + 1)
    sections: dict[str, packed.Section] = {
        "shas": "\n".join(shas),
        "block_at": block_at,
        "claim_at": claim_at,
        "id_at": id_at,
        "blocks": flat_blocks,
        "claims": flat_claims,
        "ids": "".join(ids),
    }
    return packed.encode(kind, key, sections)


def fill(documents: Sequence[Document], data: bytes, spans: dict[int, Spans]) -> bool:
    """Give ``documents`` their claims from the pack a worker made of their texts (in order);
    their spans into ``spans`` by document id. False, none filled, if it does not fit them."""
    shas = [doc.sha256 for doc in documents]
    found = packed.parse(data, _PACK, _key(shas))
    columns = _columns(found) if found is not None else None
    if columns is None or columns[0] != shas:
        return False
    return _give(documents, columns[1], spans)


def _give(documents: Sequence[Document], made: Sequence[Spans], spans: dict[int, Spans]) -> bool:
    if not all(map(_fits, documents, made)):
        return False
    for doc, doc_spans in zip(documents, made, strict=True):
        cache.defer(doc, doc_spans)
        spans[id(doc)] = doc_spans
    return True


def load_packed(documents: Sequence[Document], spans: dict[int, Spans]) -> list[Document]:
    """Fill the documents whose texts some pack holds (spans into ``spans``); the others."""
    wanted: dict[str, list[Document]] = {}
    for doc in documents:
        wanted.setdefault(doc.sha256, []).append(doc)
    try:
        paths = sorted(_folder().glob("*.fcpk")) if cache.enabled() else []
    except OSError:
        paths = []
    for path in paths:
        if not wanted:
            break
        index = packed.peek(path, _PACK, "shas")
        if index is None or not any(sha in wanted for sha in index.split("\n")):
            continue
        found = packed.load(path, _PACK, path.stem)
        columns = _columns(found) if found is not None else None
        if columns is None:
            continue
        shas, made = columns
        sparse = 2 * sum(sha in wanted for sha in shas) < len(shas)
        for sha, doc_spans in zip(shas, made, strict=True):
            docs = wanted.get(sha)
            if docs and all(_fits(doc, doc_spans) for doc in docs):
                if sparse:  # a copy, not views that keep the whole pack in memory
                    doc_spans = _copied(doc_spans)
                _give(docs, [doc_spans] * len(docs), spans)
                del wanted[sha]
    return [doc for doc in documents if id(doc) not in spans]


def _copied(spans: Spans) -> Spans:
    blocks, claims, ids = spans
    return memoryview(blocks.tobytes()).cast("I"), memoryview(claims.tobytes()).cast("I"), ids


def _columns(found: packed.Loaded) -> tuple[list[str], list[Spans]] | None:
    """The texts' SHA-256 and each one's spans, if the sections agree with each other.

    Each text's claim ids stay one text (:class:`~tui.core.model.ClaimIds`),
    its lines counted, not split: most are only ever hashed.
    """
    try:
        block_at, claim_at = found["block_at"].tolist(), found["claim_at"].tolist()  # type: ignore[union-attr]
        id_at = found["id_at"].tolist()  # type: ignore[union-attr]
        blocks, claims = found["blocks"], found["claims"]
        shas_text, ids = found["shas"], found["ids"]
        if not (
            isinstance(blocks, memoryview)
            and isinstance(claims, memoryview)
            and isinstance(shas_text, str)
            and isinstance(ids, str)
        ):
            return None
        shas = shas_text.split("\n") if shas_text else []
        if not (
            len(block_at) == len(claim_at) == len(id_at) == len(shas) + 1
            and block_at[0] == claim_at[0] == id_at[0] == 0
            and 3 * block_at[-1] == len(blocks)
            and 4 * claim_at[-1] == len(claims)
            and id_at[-1] == len(ids)
            and (not claims or max(claims[2::4]) < len(CLAIM_KINDS))
            and (not blocks or max(blocks[2::3]) < _BLOCK_KINDS)
        ):
            return None
        made: list[Spans] = []
        for n in range(len(shas)):
            b0, b1, c0, c1 = block_at[n], block_at[n + 1], claim_at[n], claim_at[n + 1]
            i0, i1 = id_at[n], id_at[n + 1] - 1  # a newline ends each text's ids
            if b1 < b0 or c1 < c0 or i1 < i0 or ids[i1] != "\n":
                return None
            text = ids[i0:i1]
            if (text.count("\n") + 1 if text else 0) != c1 - c0:
                return None
            made.append((blocks[3 * b0 : 3 * b1], claims[4 * c0 : 4 * c1], ClaimIds(text, c1 - c0)))
    except (KeyError, TypeError, ValueError, AttributeError, IndexError):
        return None
    return shas, made


def _fits(doc: Document, spans: Spans) -> bool:
    """The last block and claim inside ``doc``'s text, the last claim inside its blocks."""
    blocks, claims, _ = spans
    length = doc.text_length
    if blocks and blocks[-2] > length:
        return False
    return not claims or (claims[-3] <= length and claims[-1] < len(blocks) // 3)


# A corpus loaded whole: its documents' spans in one file -----------------------------------


def _bundle_path(documents: Sequence[Document]) -> tuple[Path, str]:
    digest = hashlib.sha256(cache._code_key().encode())
    for doc in documents:
        digest.update(doc.sha256.encode())
    key = digest.hexdigest()[:32]
    return cache.folder() / f"corpus-{key}.bundle", key


def load_bundle(documents: Sequence[Document]) -> bool:
    """Fill every one of ``documents`` from the bundle of a load of just these texts.

    One read instead of one per document (a warm start of 1,000 articles spends
    more on opening 1,000 small files than on reading them). False, with no
    document filled, if there is no good bundle for them.
    """
    if not cache.enabled() or len(documents) < 2:
        return False
    path, key = _bundle_path(documents)
    found = packed.load(path, _BUNDLE, key)
    columns = _columns(found) if found is not None else None
    if columns is None or columns[0] != [doc.sha256 for doc in documents]:
        return False
    if not _give(documents, columns[1], {}):
        return False
    with contextlib.suppress(OSError):
        os.utime(path)  # recently used: kept by the pruning
    return True


def store_bundle(documents: Sequence[Document], spans: Sequence[Spans]) -> None:
    """Save the spans of ``documents`` (in order) as their bundle, and prune old bundles."""
    if not cache.enabled() or len(documents) < 2:
        return
    path, key = _bundle_path(documents)
    data = _encode(_BUNDLE, key, [doc.sha256 for doc in documents], spans)
    if packed.write(path, data):
        packed.prune(path, "corpus-*.bundle", KEEP_BUNDLES)
