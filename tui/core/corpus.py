"""Loading a corpus: files and folders of articles, decoded and segmented.

Bad input never stops a load: a binary, huge or unreadable file is skipped
with a warning naming it, an empty file loads with no claims, and invalid
UTF-8 is decoded with replacement characters and a warning.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from tui.core import text as text_module
from tui.core.collector import collector_paused
from tui.core.model import Claim, Document
from tui.core.segmenting import segment_all
from tui.core.snapshot import Known, Snapshot, StatKey, stat_key
from tui.core.text import Decoded, UnreadableText, check_size, decode

MARKDOWN_SUFFIXES = (".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")
"""Read as their rendered text (:mod:`tui.core.rendered`, imported only for such a file)."""
ARTICLE_SUFFIXES = (".txt", *MARKDOWN_SUFFIXES, *HTML_SUFFIXES)
METADATA_SUFFIX = ".toml"
""":data:`tui.core.metadata.SUFFIX`, named here so that a load with no metadata file
never imports that module (a tenth of a one-shot command's imports)."""


class CorpusError(ValueError):
    """A path that cannot be opened at all (missing, not a file or folder)."""


@dataclass
class Corpus:
    """The documents a load found under its roots, and what it warned of."""

    documents: list[Document] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    roots: list[Path] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._by_id = {doc.id: doc for doc in self.documents}

    def __iter__(self) -> Iterator[Document]:
        return iter(self.documents)

    def __len__(self) -> int:
        return len(self.documents)

    def get(self, doc_id: str) -> Document | None:
        return self._by_id.get(doc_id)

    def find(self, ref: str) -> list[Document]:
        """Documents whose id is ``ref`` or starts with it (a unique prefix will do)."""
        if ref in self._by_id:
            return [self._by_id[ref]]
        stem = Path(ref).stem if ref.endswith(ARTICLE_SUFFIXES) else ref
        if stem in self._by_id:
            return [self._by_id[stem]]
        return [doc for doc in self.documents if doc.id.startswith(stem)]

    def claims(self) -> Iterator[Claim]:
        for doc in self.documents:
            yield from doc.claims

    def reload(self, doc: Document) -> Document:
        """Read ``doc`` again (its text or its corrected boundaries changed) in its place."""
        fresh = load_document(doc.path, doc.id)
        self.documents[self.documents.index(doc)] = fresh
        self._by_id[doc.id] = fresh
        return fresh

    def add(self, path: Path) -> Document:
        """Load one more article (one just added to the corpus folder), or the one already there."""
        doc_id = path.stem
        if doc_id in self._by_id:
            return self._by_id[doc_id]
        doc = load_document(path, doc_id)
        self.documents.append(doc)
        self._by_id[doc_id] = doc
        return doc


def load_document(path: Path, doc_id: str | None = None) -> Document:
    """Read, decode and segment one article; raise ``UnreadableText`` or ``OSError``."""
    doc = read_document(path, doc_id)
    segment_all([doc])
    correct(doc)
    return doc


def correct(doc: Document) -> None:
    """Apply the team's corrected claim boundaries from the document's metadata file.

    A problem with the file, or a correction whose text is gone, is a warning on the document.
    """
    from tui.core import metadata  # only for an article with a metadata file beside it

    meta, problems = metadata.read_safely(metadata.path_for(doc.path, doc.id))
    doc.warnings.extend(problems)
    if meta is None or not meta.boundaries:
        return
    from tui.core.boundaries import Outcome, apply  # only for a document with corrections

    lost = [a for a in apply(doc, meta.boundaries) if a.outcome is Outcome.ORPHAN]
    if lost:
        what = (
            "1 corrected claim boundary no longer matches"
            if len(lost) == 1
            else f"{len(lost)} corrected claim boundaries no longer match"
        )
        doc.warnings.append(
            f"{doc.path.name}: {what} the text (see `factcheck boundaries {doc.id}`)"
        )


def read_document(path: Path, doc_id: str | None = None) -> Document:
    """Read and decode one article, not segmented yet (see :func:`segment_all`)."""
    data = _read_limited(path)
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        from tui.core.rendered import html_text

        decoded = Decoded(html_text(data, path.name))
    else:
        decoded = decode(data, path.name)
        if suffix in MARKDOWN_SUFFIXES:
            from tui.core.rendered import read_markdown

            decoded = Decoded(read_markdown(decoded.text), decoded.warning)
    text = decoded.text
    doc = Document(
        id=doc_id or path.stem,
        path=path,
        text=text,
        sha256=hashlib.sha256(
            decoded.utf8 if decoded.utf8 is not None else text.encode("utf-8", "surrogatepass")
        ).hexdigest(),
    )
    if decoded.warning:
        doc.warnings.append(decoded.warning)
    return doc


def _read_limited(path: Path) -> bytes:
    """The file's bytes, refusing what is not a regular file or is too large.

    A named pipe or a device would block or never end, so only regular files
    are read, and never more than ``MAX_BYTES + 1`` bytes even if one grows.
    """
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):
        raise UnreadableText(f"{path.name} is not a regular file")
    check_size(info.st_size, path.name)
    with open(path, "rb") as handle:
        # Asking for the size it has (not the limit) spares a 50 MB buffer per file;
        # a file that grew since is read on, up to the limit.
        data = handle.read(info.st_size + 1)
        if len(data) > info.st_size:
            data += handle.read(text_module.MAX_BYTES + 1 - len(data))
    check_size(len(data), path.name)
    return data


MAX_DEPTH = 100
"""Folders deeper than this below a corpus root are not entered (with a warning):
no real corpus nests so deep, and a hostile one cannot exhaust paths or time."""


def iter_article_paths(root: Path, warnings: list[str]) -> Iterator[Path]:
    """Article files under ``root``, sorted, entering each real folder only once.

    Symlinked folders are followed (a corpus may be assembled from links) but
    a folder already visited is not entered again, so a link loop ends. The
    walk keeps its own stack instead of recursing (``os.walk`` recurses, and a
    folder 1,000 levels deep raised ``RecursionError``) and stops at
    ``MAX_DEPTH`` levels.
    """
    seen: set[tuple[int, int]] = set()
    stack: list[tuple[str, int]] = [(os.fspath(root), 0)]
    too_deep = 0
    while stack:
        folder, depth = stack.pop()
        try:
            info = os.stat(folder)
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda e: e.name)
        except OSError as error:
            warnings.append(f"{folder} cannot be read ({error.strerror or error}); skipped")
            continue
        key = (info.st_dev, info.st_ino)
        if key in seen:
            warnings.append(f"{folder} was already read (a link loop?); skipped")
            continue
        seen.add(key)
        subfolders = []
        base = Path(folder)  # children made from it: no parsing of the whole path each
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                is_dir = entry.is_dir()  # follows links, as a corpus may be made of them
            except OSError:
                is_dir = False
            if is_dir:
                subfolders.append(entry.path)
            elif entry.name.endswith(ARTICLE_SUFFIXES):
                yield base / entry.name
        if subfolders and depth >= MAX_DEPTH:
            too_deep += 1
            continue
        stack.extend((sub, depth + 1) for sub in reversed(subfolders))
    if too_deep:
        warnings.append(
            f"{root} has folders nested over {MAX_DEPTH} levels deep; those were not read"
        )


def _as_url(path: Path) -> str | None:
    """``https://…`` given where a path was expected (``Path`` has made ``//`` into ``/``)."""
    found = re.match(r"^(https?):/+(.+)$", str(path), re.IGNORECASE)
    return f"{found.group(1)}://{found.group(2)}" if found else None


def expand_paths(paths: Iterable[Path], warnings: list[str]) -> list[Path]:
    """Files named directly are taken whatever their suffix; folders are searched."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(iter_article_paths(path, warnings))
        elif path.is_file():
            found.append(path)
        elif path.exists():
            raise CorpusError(f"{path} is neither a file nor a folder")
        elif url := _as_url(path):
            raise CorpusError(
                f"{url} is a web address; add it to the corpus first with `factcheck add {url}`"
            )
        else:
            raise CorpusError(f"{path} does not exist")
    return found


def load_corpus(paths: Iterable[Path | str]) -> Corpus:
    """Load every article under ``paths``; problems become warnings, never crashes.

    A plain-text file that is, by its stat, the one the last load of these
    ``paths`` read is taken from that load's :class:`~tui.core.snapshot.Snapshot`
    instead of being read, decoded and hashed again.
    """
    roots = [Path(p) for p in paths]
    # What a load makes (documents, what the snapshot knows of them, their spans) all
    # survives it: with the collector paused, one pass after it, not ~25 during it that
    # find nothing (-1.7% of the instructions of a one-shot search of 1,000 articles).
    with collector_paused():
        return _load(roots)


def _load(roots: list[Path]) -> Corpus:
    warnings: list[str] = []
    documents: list[Document] = []
    ids: set[str] = set()
    known = Snapshot(roots)
    kept: list[tuple[Path, StatKey, Known]] = []
    for path in expand_paths(roots, warnings):
        doc_id = path.stem
        if doc_id in ids:
            warnings.append(f"{path}: a document named {doc_id} is already loaded; skipped")
            continue
        try:
            doc = _read_known(path, doc_id, known, kept)
        except UnreadableText as error:
            warnings.append(f"{error}; skipped")
            continue
        except OSError as error:
            warnings.append(f"{path} cannot be read ({error.strerror or error}); skipped")
            continue
        ids.add(doc_id)
        documents.append(doc)
    known.save(kept)
    segment_all(documents)  # all at once: the cold ones in parallel when it pays
    folders = [os.path.dirname(os.fspath(doc.path)) for doc in documents]  # once a document
    with_metadata = _metadata_names(folders)
    for doc, folder in zip(documents, folders, strict=True):
        names = with_metadata.get(folder)
        if names is None or f"{doc.id}{METADATA_SUFFIX}" in names:
            correct(doc)
        warnings.extend(doc.warnings)
    return Corpus(documents, warnings, roots)


def _read_known(
    path: Path, doc_id: str, known: Snapshot, kept: list[tuple[Path, StatKey, Known]]
) -> Document:
    """:func:`read_document`, or the text the snapshot holds for this very file."""
    if path.suffix.lower() != ".txt":
        return read_document(path, doc_id)
    info = os.stat(path)
    key = stat_key(info)
    found = known.lookup(path, key)
    if found is not None and stat.S_ISREG(info.st_mode):
        doc = Document(id=doc_id, path=path, text="", sha256=found.sha256)
        doc.defer_text(partial(_text_of, found, path, doc_id), found.length)
        if found.warning:
            doc.warnings.append(found.warning)
    else:
        doc = read_document(path, doc_id)
        found = Known.of(doc.text, doc.sha256, doc.warnings[0] if doc.warnings else None)
    kept.append((path, key, found))
    return doc


def _text_of(known: Known, path: Path, doc_id: str) -> str:
    """The text the snapshot holds, else (its entry gone bad since) the file's as read now.

    Should the file itself have changed meanwhile, its new text is shown; the
    reader's watch on the file reloads the document at its next look.
    """
    text = known.text
    return text if text is not None else read_document(path, doc_id).text


def _metadata_names(folders: Iterable[str]) -> dict[str, frozenset[str] | None]:
    """The names in each of the documents' folders (one listing, not one probe per article).

    ``None`` for a folder that cannot be listed: :func:`correct` then looks for
    each document's metadata file all the same (and reports what it finds).
    """
    names: dict[str, frozenset[str] | None] = {}
    for folder in folders:
        if folder not in names:
            try:
                names[folder] = frozenset(os.listdir(folder or "."))
            except OSError:
                names[folder] = None
    return names
