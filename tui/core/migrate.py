"""Moving format 1 annotation files into the per-analyst layout (docs/format.md, "Migrating").

Each record of ``annotations/<doc>.toml`` goes to its analyst's own file,
``annotations/<analyst slug>/<doc>.toml``, merged with what that file holds
(for one analyst and one claim the newest ``updated`` wins, exactly as the
reader sees it before the move). Records that name no analyst go to
``UNNAMED``. Everything happens under the folder's lock:

1. every format 1 file and every format 2 file about to change is copied into
   a backup folder, ``annotations/.format1-backup-<time>/``;
2. the format 2 files are written, then read back and checked: each analyst
   must see exactly the tags they saw before;
3. only then are the format 1 files removed (one that carries document
   metadata, such as ``title`` or ``url``, keeps those keys and loses only its
   records), and the backup is deleted.

If a check fails, the files written are put back from the backup, the format 1
files stay, and the backup is kept for inspection. A file that does not parse
is never touched: it is reported and left as it is.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from tui.core.analyst import analyst_slug
from tui.core.atomic import locked, write_atomic
from tui.core.folder import UNNAMED, effective
from tui.core.records import Annotation, AnnotationFile, AnnotationFileError, read

BACKUP_PREFIX = ".format1-backup-"


@dataclass
class MigrationReport:
    """What ``migrate`` did (or, with ``dry_run``, would do)."""

    files: list[Path] = field(default_factory=list)
    """Format 1 files moved."""
    records: int = 0
    analysts: set[str] = field(default_factory=set)
    written: list[Path] = field(default_factory=list)
    skipped: list[AnnotationFileError] = field(default_factory=list)
    """Files that could not be read (format 1 or the format 2 file they go to): untouched."""
    kept_metadata: list[Path] = field(default_factory=list)
    """Format 1 files kept with their document metadata only."""
    backup: Path | None = None
    """Set when a backup is left behind (the check failed)."""


class MigrationFailed(RuntimeError):
    """The written files did not read back as expected; everything was put back."""

    def __init__(self, message: str, backup: Path) -> None:
        super().__init__(message)
        self.backup = backup


def format1_files(folder: Path) -> list[Path]:
    """The format 1 files in ``folder`` (``<doc>.toml`` directly in it, not hidden)."""
    try:
        return sorted(
            p for p in folder.iterdir() if p.suffix == ".toml" and not p.name.startswith(".")
        )
    except OSError:
        return []


@dataclass
class _Plan:
    source: Path
    stored: AnnotationFile
    targets: dict[str, tuple[Path, AnnotationFile | None, AnnotationFile]]
    """Per analyst: their format 2 path, that file as it is now, and as it will be."""


def _plan(folder: Path, source: Path, report: MigrationReport) -> _Plan | None:
    try:
        stored = read(source)
    except AnnotationFileError as error:
        report.skipped.append(error)
        return None
    if stored is None or stored.format != 1 or not stored.records:
        return None  # nothing to move (a file kept for its metadata has no records)
    doc_id = source.stem
    by_analyst: dict[str, list[Annotation]] = {}
    for record in stored.records:
        by_analyst.setdefault(record.analyst or UNNAMED, []).append(record)
    targets = {}
    for analyst, legacy in sorted(by_analyst.items()):
        path = folder / analyst_slug(analyst) / f"{doc_id}.toml"
        try:
            current = read(path)
        except AnnotationFileError as error:
            report.skipped.append(error)
            return None
        if current is not None and current.analyst and current.analyst != analyst:
            report.skipped.append(
                AnnotationFileError(path, f"belongs to {current.analyst!r}, not {analyst!r}")
            )
            return None
        own = current.records if current else []
        named = [_named(record, analyst) for record in legacy]
        after = AnnotationFile(
            stored.document,
            stored.sha256 or (current.sha256 if current else ""),
            effective(own, named),
            dict(current.extra) if current else {},
            analyst=analyst,
        )
        targets[analyst] = (path, current, after)
    return _Plan(source, stored, targets)


def _named(record: Annotation, analyst: str) -> Annotation:
    return replace(record, analyst=analyst, extra=dict(record.extra))


def _tags(records: list[Annotation]) -> list[tuple]:
    """What a user sees of records, comparable across files."""
    return sorted(
        (r.key, r.label, r.verdict, r.quote, r.start, r.end, r.note, tuple(r.sources),
         r.updated, repr(sorted(r.extra.items())))
        for r in records
        if not r.cleared
    )  # fmt: skip


def migrate(folder: Path, *, dry_run: bool = False) -> MigrationReport:
    """Move every format 1 file in ``folder`` into the per-analyst layout."""
    report = MigrationReport()
    with locked(folder / ".lock"):
        plans = [p for s in format1_files(folder) if (p := _plan(folder, s, report))]
        for plan in plans:
            report.files.append(plan.source)
            report.records += len(plan.stored.records)
            report.analysts.update(plan.targets)
            report.written += [path for path, _, _ in plan.targets.values()]
        if dry_run or not plans:
            return report
        backup = folder / f"{BACKUP_PREFIX}{datetime.now(UTC):%Y%m%dT%H%M%SZ}"
        backup.mkdir()
        saved: list[tuple[Path, Path | None]] = []  # (written file, its backup or None if new)
        for plan in plans:
            shutil.copy2(plan.source, backup / plan.source.name)
            for path, current, _ in plan.targets.values():
                if current is not None:
                    copy = backup / path.parent.name / path.name
                    copy.parent.mkdir(exist_ok=True)
                    shutil.copy2(path, copy)
                    saved.append((path, copy))
                else:
                    saved.append((path, None))
        try:
            for plan in plans:
                for path, _, after in plan.targets.values():
                    write_atomic(path, after.dumps())
            _check(plans)
        except (OSError, AnnotationFileError, MigrationFailed) as error:
            _restore(saved)
            raise MigrationFailed(f"{error}; nothing was changed", backup) from None
        for plan in plans:
            _retire(plan, report)
        shutil.rmtree(backup)
    return report


def _check(plans: list[_Plan]) -> None:
    """Each analyst sees, from their new file alone, the tags they saw before the move."""
    for plan in plans:
        for analyst, (path, current, _) in plan.targets.items():
            before = effective(
                current.records if current else [],
                [r for r in plan.stored.records if (r.analyst or UNNAMED) == analyst],
            )
            written = read(path)
            if written is None or _tags(written.records) != _tags(before):
                raise MigrationFailed(f"{path} does not hold {analyst}'s tags as before", path)


def _restore(saved: list[tuple[Path, Path | None]]) -> None:
    for path, copy in saved:
        if copy is not None:
            shutil.copy2(copy, path)
        else:
            path.unlink(missing_ok=True)


def _retire(plan: _Plan, report: MigrationReport) -> None:
    """Remove a moved format 1 file, or keep only the document metadata it carries."""
    if plan.stored.extra:
        kept = AnnotationFile(plan.stored.document, extra=plan.stored.extra, format=1)
        write_atomic(plan.source, kept.dumps())
        report.kept_metadata.append(plan.source)
    else:
        plan.source.unlink()
