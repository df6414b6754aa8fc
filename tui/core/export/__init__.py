"""Exports: Markdown, HTML, CSV, JSON, schema.org ClaimReview, W3C Web Annotation.

The data is gathered once (:mod:`tui.core.export.summary`); each format is a
module with ``render(summary) -> str``. Output is deterministic: the same
annotations give the same bytes, with no date unless one is asked for.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.core.atomic import ignore_in_git
from tui.core.export import (
    claimreview,
    csv_format,
    html_format,
    json_format,
    markdown,
    webannotation,
)
from tui.core.export.matches import cross_document_matches
from tui.core.export.output import OutputError, check_target, write_output
from tui.core.export.summary import Summary, export_path_default, summarize
from tui.core.metadata import safe_url
from tui.core.workspace import Workspace

if TYPE_CHECKING:
    from tui.core.search import SearchIndex


@dataclass(frozen=True)
class Format:
    name: str
    title: str
    extension: str
    render: Callable[[Summary], str]
    file_prefix: str = ""
    """Written before the text in a file only: a BOM so a spreadsheet reads CSV as UTF-8."""


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("markdown", "Markdown summary", ".md", markdown.render),
        Format("csv", "CSV, one row per annotation", ".csv", csv_format.render, "\ufeff"),
        Format("json", "JSON, grouped by document", ".json", json_format.render),
        Format("claimreview", "schema.org ClaimReview (JSON-LD)", ".jsonld", claimreview.render),
        Format(
            "webannotation", "W3C Web Annotation (JSON-LD)", ".anno.jsonld", webannotation.render
        ),
        Format("html", "HTML report (one printable file)", ".html", html_format.render),
    )
}
DEFAULT_FORMAT = "markdown"
MATCHING = frozenset({"markdown", "json", "html"})
"""Formats that show claims found in several documents (one search per tagged claim);
ClaimReview searches only for its reviewed claims in dated articles."""


def format_for_path(path: Path) -> str | None:
    """The format a file name asks for by its extension, if any (the longest that fits)."""
    name = path.name.lower()
    fits = [f for f in FORMATS.values() if name.endswith(f.extension) and name != f.extension]
    return max(fits, key=lambda f: len(f.extension)).name if fits else None


def with_format_extension(path: Path, old: str, new: str) -> Path | None:
    """``path`` with format ``new``'s extension if it ends with ``old``'s, else ``None``."""
    old_ext, new_ext = _format(old).extension, _format(new).extension
    if format_for_path(path) != old or not path.name.lower().endswith(old_ext):
        return None
    return path.with_name(path.name[: -len(old_ext)] + new_ext)


def _format(fmt: str) -> Format:
    try:
        return FORMATS[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r} (expected {', '.join(FORMATS)})") from None


def export(
    workspace: Workspace,
    fmt: str = DEFAULT_FORMAT,
    *,
    url_base: str | None = None,
    analyst: str | None = None,
    date: Any = None,
    matches: bool = True,
    index: SearchIndex | None = None,
) -> str:
    """The export of ``workspace`` in format ``fmt``; raises ``ValueError`` on bad options.

    ``analyst`` is credited where a record names nobody; ``date`` (YYYY-MM-DD)
    is stamped on the export and used as the ClaimReview ``datePublished``
    (default: none, and each record's last change); ``matches=False`` skips
    the cross-document search, which uses ``index`` when the caller already
    built one (the reader has) instead of indexing the corpus again.
    """
    form = _format(fmt)
    if url_base is not None and not safe_url(url_base):
        raise ValueError(f"{url_base!r} is not an http(s) URL")
    summary = summarize(
        workspace,
        matches=matches and fmt in MATCHING,
        date=date,
        analyst=analyst,
        url_base=url_base,
        index=index,
    )
    if matches and fmt == "claimreview":
        summary.matches = cross_document_matches(
            workspace, claimreview.dated_claims(summary), index
        )
    return form.render(summary)


def write_export(workspace: Workspace, fmt: str, path: Path, **options: Any) -> Path:
    """Render and write ``path`` (:func:`tui.core.export.output.write_output`).

    Raises :class:`OutputError` before any work for a target it will not write.
    """
    form = _format(fmt)
    check_target(path)
    text = export(workspace, fmt, **options)
    prepare_folder(workspace, path)
    return write_output(path, text, form.file_prefix)


EXPORTS_GITIGNORE = """\
# Written by factcheck when it made this folder: an export is made again from annotations/
# at any time, and two analysts' exports of one shared folder would conflict in git.
# Delete this file to keep exports in git.
*
"""


def prepare_folder(workspace: Workspace, path: Path) -> None:
    """Make the default exports folder, if ``path`` is in it and it does not exist yet, with
    a ``.gitignore`` of everything in it; any other folder (the user's, or exports kept in
    git on purpose) is left as it is."""
    folder, default = path.parent, export_path_default(workspace, "").parent
    if folder.absolute() != default.absolute() or folder.exists() or folder.is_symlink():
        return
    folder.mkdir(parents=True)
    ignore_in_git(folder, EXPORTS_GITIGNORE)


def default_path(workspace: Workspace, fmt: str = DEFAULT_FORMAT) -> Path:
    return export_path_default(workspace, _format(fmt).extension)


def is_empty(workspace: Workspace) -> bool:
    """Nothing tagged anywhere (so a caller can say so beside an empty export)."""
    return not any(workspace.store.load(doc).anchored for doc in workspace.corpus)


__all__ = [
    "DEFAULT_FORMAT",
    "FORMATS",
    "Format",
    "OutputError",
    "default_path",
    "export",
    "format_for_path",
    "is_empty",
    "prepare_folder",
    "with_format_extension",
    "write_export",
]
