"""Every analyst's notes for the search, read again only from the files that changed.

``/`` and ``factcheck search`` find notes too, so every annotated document's
files were parsed and their records anchored on each load: for 200 files, a
third of a one-shot search. A note belongs to a claim by what anchoring
decides from the files and the article, so this keeps, per corpus and
annotations folder, each document's notes as (claim number, text) under a key
of everything that decides them: the article's text and claims
(:func:`~tui.core.search.persist.document_key`) and each of its annotation
files' inode, modification time and size (:meth:`AnnotationStore.stamp`: a
save renames a new file in, so a new inode). Documents whose key differs are
loaded from the store as before. A file changed within
:data:`~tui.core.snapshot.RACY_SECONDS` is not kept (the clock's tick may
hide a second write). Labels are never cached: they are read from the files
for the claims a search shows or filters.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import time
from array import array
from functools import cache
from pathlib import Path

from tui.core import cache as claim_cache
from tui.core import packed, snapshot
from tui.core.corpus import Corpus
from tui.core.model import Claim, Document
from tui.core.search.persist import document_key
from tui.core.search.persist import folder as search_folder
from tui.core.store import AnnotationStore

_KIND = "search-notes"
KEEP = 6
Notes = list[tuple[int, str]]


@cache
def _code_key() -> str:
    """The code that decides which claim a note is on (read, not imported)."""
    core = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256(b"notes 1")
    for name in ("anchoring.py", "records.py", "folder.py", "store.py", "document_annotations.py"):
        digest.update((core / name).read_bytes())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()[:16]


def _path_for(store: AnnotationStore) -> tuple[Path, str]:
    digest = hashlib.sha256(_code_key().encode())
    digest.update(os.path.abspath(store.folder).encode("utf-8", "surrogateescape"))
    key = digest.hexdigest()[:32]
    return search_folder() / "notes" / f"{key}.fcpk", key


def notes_of(corpus: Corpus, store: AnnotationStore) -> list[tuple[Claim, str]]:
    """Every note on a claim of ``corpus``, with its claim (the store's answer, cached)."""
    listed = store.listed_stamps()  # the others have no file to read
    use_cache = claim_cache.enabled()
    path, key = _path_for(store)
    kept = _read(path, key) if use_cache else {}
    fresh: dict[str, tuple[str, Notes]] = {}
    recent = time.time_ns() - int(snapshot.RACY_SECONDS * 1e9)
    found: list[tuple[Claim, str]] = []
    for doc in corpus:
        stamps = listed.get(doc.id)
        if stamps is None:
            continue
        doc_key = f"{document_key(doc)} {stamps!r}"
        entry = kept.get(doc.id)
        if entry is not None and entry[0] == doc_key and _fits(entry[1], doc):
            notes = entry[1]
        else:
            notes = _load(store, doc)
        if all(s is None or s[1] < recent for _, s in stamps):
            fresh[doc.id] = (doc_key, notes)
        found.extend((doc.claim_object(index), text) for index, text in notes)
    if use_cache and fresh != kept:
        _write(path, key, fresh)
    return found


def _fits(notes: Notes, doc: Document) -> bool:
    return all(0 <= index < doc.claim_count for index, _ in notes)


def _load(store: AnnotationStore, doc: Document) -> Notes:
    return [
        (anchored.claim.index, anchored.record.note)
        for anchored in store.load(doc).anchored
        if anchored.claim is not None and anchored.record.note
    ]


def _read(path: Path, key: str) -> dict[str, tuple[str, Notes]]:
    found = packed.load(path, _KIND, key)
    if found is None:
        return {}
    try:
        ids, keys, texts = (found[k].split("\0") for k in ("ids", "keys", "notes"))  # type: ignore[union-attr]
        counts, claims = found["counts"].tolist(), found["claims"].tolist()  # type: ignore[union-attr]
        if not (len(ids) == len(keys) == len(counts) and sum(counts) == len(claims)):
            return {}
        if claims and len(texts) != len(claims):
            return {}
        kept: dict[str, tuple[str, Notes]] = {}
        at = 0
        for doc_id, doc_key, count in zip(ids, keys, counts, strict=True):
            pairs = zip(claims[at : at + count], texts[at : at + count], strict=True)
            kept[doc_id] = (doc_key, list(pairs))
            at += count
    except (KeyError, AttributeError, TypeError, ValueError):
        return {}
    with contextlib.suppress(OSError):
        os.utime(path)  # recently used: kept by the pruning
    return kept


def _write(path: Path, key: str, kept: dict[str, tuple[str, Notes]]) -> None:
    ids, keys, texts = [], [], []
    counts, claims = array("I"), array("I")
    for doc_id, (doc_key, notes) in kept.items():
        if any("\0" in text for _, text in notes) or "\0" in doc_id + doc_key:
            continue  # cannot be written in this form: loaded from its files each time
        ids.append(doc_id)
        keys.append(doc_key)
        counts.append(len(notes))
        claims.extend(index for index, _ in notes)
        texts.extend(text for _, text in notes)
    if not ids:
        return
    sections: dict[str, packed.Section] = {
        "ids": "\0".join(ids),
        "keys": "\0".join(keys),
        "counts": counts,
        "claims": claims,
        "notes": "\0".join(texts),
    }
    if packed.dump(path, _KIND, key, sections):
        packed.prune(path, "*.fcpk", KEEP)
