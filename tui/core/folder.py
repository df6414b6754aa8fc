"""The ``annotations/`` folder: which files hold a document's tags, and whose they are.

docs/format.md, "Annotation files": every analyst writes their own file,
``annotations/<analyst slug>/<document id>.toml`` (format 2). A format 1 file,
``annotations/<document id>.toml``, may sit beside them: it is read (each
record belongs to the analyst it names) and never rewritten. For one analyst
and one claim, the newest ``updated`` wins between the two.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from tui.core.analyst import SLUG_RE, analyst_slug
from tui.core.records import Annotation, AnnotationFile, AnnotationFileError, read

UNNAMED = "unnamed"
"""Whose a format 1 record is, once migrated, when it names no analyst (until then
its analyst is the empty name, which exports may show as the exporting analyst's)."""

Stamp = tuple[int, int, int] | None
"""(inode, mtime in ns, size) of a file; ``None`` when there is no file."""


def file_stamp(path: Path) -> Stamp:
    """What changes whenever ``path`` is written (a save renames a new file: a new inode)."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as error:  # unreadable folder: a stable stamp, so no reload loop
        return (-1, -1, error.errno or 0)
    return (info.st_ino, info.st_mtime_ns, info.st_size)


def analyst_folders(folder: Path) -> list[Path]:
    """Every analyst's folder in ``folder``, by name (real folders only, no links)."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    return sorted(
        Path(entry.path)
        for entry in entries
        if SLUG_RE.match(entry.name) and entry.is_dir(follow_symlinks=False)
    )


def stamps_by_document(folders: Iterable[Path]) -> dict[str, tuple[tuple[Path, Stamp], ...]]:
    """Each ``*.toml`` of ``folders`` by the document its name gives, in the folders' order."""
    found: dict[str, list[tuple[Path, Stamp]]] = {}
    for folder in folders:
        try:
            names = [entry.name for entry in os.scandir(folder) if entry.name.endswith(".toml")]
        except OSError:
            continue
        for name in names:
            path = folder / name
            stamp = file_stamp(path)
            if stamp is not None:  # removed since the listing
                found.setdefault(name[:-5], []).append((path, stamp))
    return {doc_id: tuple(stamps) for doc_id, stamps in found.items()}


def own_path(folder: Path, analyst: str, doc_id: str) -> Path:
    return folder / analyst_slug(analyst) / f"{doc_id}.toml"


def legacy_path(folder: Path, doc_id: str) -> Path:
    return folder / f"{doc_id}.toml"


@dataclass
class Loaded:
    """What a document's files hold, read once: per analyst, and what could not be read."""

    legacy: AnnotationFile | None = None
    legacy_error: AnnotationFileError | None = None
    files: dict[str, AnnotationFile] = field(default_factory=dict)
    """Format 2 files by analyst name."""
    errors: dict[Path, AnnotationFileError] = field(default_factory=dict)
    """Format 2 files that cannot be read, by path."""
    by_path: dict[Path, AnnotationFile] = field(default_factory=dict)
    """Every format 2 file read, as it is on disk."""

    def analysts(self) -> list[str]:
        names = set(self.files)
        if self.legacy is not None:
            names.update(record.analyst for record in self.legacy.records)
        return sorted(names)

    def records_of(self, analyst: str) -> list[Annotation]:
        """The analyst's records as the team sees them: own file and format 1, merged."""
        own = self.files.get(analyst)
        legacy = [r for r in self.legacy.records if r.analyst == analyst] if self.legacy else []
        return effective(own.records if own else [], legacy)

    @property
    def sha256(self) -> str:
        """The document text's hash at the newest save of any file."""
        for stored in (*self.files.values(), self.legacy):
            if stored is not None and stored.sha256:
                return stored.sha256
        return ""


def load_files(folder: Path, doc_id: str, folders: list[Path]) -> Loaded:
    """Read the format 1 file and every analyst's format 2 file of ``doc_id``."""
    loaded = Loaded()
    try:
        loaded.legacy = read(legacy_path(folder, doc_id))
    except AnnotationFileError as error:
        loaded.legacy_error = error
    for analyst_folder in folders:
        path = analyst_folder / f"{doc_id}.toml"
        try:
            stored = read(path)
        except AnnotationFileError as error:
            loaded.errors[path] = error
            continue
        if stored is None:
            continue
        loaded.by_path[path] = stored
        name = stored.analyst or analyst_folder.name
        for record in stored.records:
            record.analyst = record.analyst or name
        previous = loaded.files.get(name)
        if previous is not None:  # two folders claim one analyst (a hand copy): keep both
            stored = AnnotationFile(
                stored.document, stored.sha256, previous.records + stored.records, analyst=name
            )
        loaded.files[name] = stored
    return loaded


def effective(own: list[Annotation], legacy: list[Annotation]) -> list[Annotation]:
    """One analyst's records: their format 2 file's, and format 1 records it does not supersede.

    Records are matched by key (claim id, else span). A key found in only one
    of the two keeps all its records (a hand-edited file may repeat one);
    found in both, the single newest record wins, the format 2 one on a tie.
    A winning "cleared" record hides the key altogether.
    """
    own_keys = {r.key for r in own}
    legacy_keys = {r.key for r in legacy}
    both = own_keys & legacy_keys
    result = [r for r in legacy if r.key not in both]
    result += [r for r in own if r.key not in both]
    for key in sorted(both):
        candidates = [r for r in own if r.key == key] + [r for r in legacy if r.key == key]
        result.append(max(candidates, key=_stamp))  # max keeps the first (own) on ties
    return [r for r in result if not r.cleared]


def _stamp(record: Annotation) -> tuple[bool, object]:
    return (record.updated is not None, record.updated or 0)
