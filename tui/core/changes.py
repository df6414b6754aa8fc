"""What a save changed and how it can fail: the store's vocabulary, shared with the reader.

``Change`` is one edit of an analyst's own file, exact enough to undo;
``merge`` applies one over what the file holds now. A failed save raises
``ReadOnlyDocument`` (a file that does not parse), ``SaveError`` (the disk or
the folder said no; names the annotation file) or ``Conflict`` (the caller's
base changed on disk: both versions come back).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tui.core.model import Claim
from tui.core.records import Annotation, AnnotationFileError


@dataclass(frozen=True)
class Change:
    """What one edit did to its analyst's own file, so that it can be undone exactly."""

    doc_id: str
    removed: tuple[Annotation, ...]
    added: tuple[Annotation, ...]

    def inverse(self) -> Change:
        return Change(self.doc_id, self.added, self.removed)

    @property
    def withdrew_verdict(self) -> bool:
        """The edit replaced a verdict of this analyst's with a plain tag (or cleared it)."""
        return any(r.verdict for r in self.removed) and not any(r.verdict for r in self.added)


class ReadOnlyDocument(AnnotationFileError):
    """Raised when asked to change a document whose annotation file does not parse."""


class SaveError(OSError):
    """A save that failed; ``filename`` is the annotation file that was not written."""

    def __init__(self, path: Path, reason: str, *, written: bool = False) -> None:
        super().__init__(0, reason, str(path))
        self.path = path
        self.reason = reason
        self.written = written
        """The new file is in place, but may not survive a crash (the folder sync failed)."""

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


class Conflict(Exception):
    """This analyst's record changed on disk since the caller read it; nothing was written.

    ``base`` is the record the caller started from (``None``: untagged) and
    ``on_disk`` what the files hold now (``None``: untagged), so an editor
    can show both versions and let the analyst choose.
    """

    def __init__(self, claim: Claim, base: Annotation | None, on_disk: Annotation | None) -> None:
        super().__init__(f"{claim.doc.id}:{claim.number} changed on disk since it was read")
        self.claim = claim
        self.base = base
        self.on_disk = on_disk


ANY = object()
"""``set(base=ANY)``: save whatever the claim holds now."""


def merge(on_disk: list[Annotation], change: Change) -> list[Annotation]:
    """Apply ``change`` record by record over the records on disk now.

    Records the change does not touch are kept as they are on disk (another
    process may have written them). Where the disk holds a record newer than
    the one this change replaces, the newer one wins. Nothing else is ever
    dropped, not even a second record with the same key in a hand-edited file.
    """
    records = list(on_disk)

    def find(key: str) -> int | None:
        return next((i for i, r in enumerate(records) if r.key == key), None)

    for old in change.removed:
        i = find(old.key)
        if i is not None and not _newer(records[i], old):
            del records[i]
    for new in change.added:
        i = find(new.key)
        if i is None:
            records.append(new)
        elif not _newer(records[i], new):
            records[i] = new
    return records


def _newer(a: Annotation, b: Annotation) -> bool:
    return a.updated is not None and (b.updated is None or a.updated > b.updated)
