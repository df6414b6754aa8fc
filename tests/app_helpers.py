"""Helpers shared by the Pilot tests of the reader."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from tui.app.app import FactcheckApp
from tui.app.widgets.document_view import DocumentView
from tui.app.widgets.inspector import ClaimInspector
from tui.core.analyst import analyst_slug
from tui.core.model import Document
from tui.core.workspace import open_workspace

SIZE = (160, 45)


def make_app(paths: list[Path], annotations: Path, **kwargs: Any) -> FactcheckApp:
    workspace = open_workspace(paths, annotations=annotations, analyst="tester")
    return FactcheckApp(workspace, **kwargs)


def notifications(app: FactcheckApp) -> list[str]:
    """Record every notification's message (the toasts are not drawn under run_test)."""
    seen: list[str] = []
    original = app.notify

    def notify(message: str, **kwargs: Any) -> None:
        seen.append(str(message))
        original(message, **kwargs)

    app.notify = notify  # type: ignore[method-assign]
    return seen


def records(annotations_dir: Path, doc: Document, analyst: str = "tester") -> list[dict[str, Any]]:
    """The analyst's records on ``doc``, as their own file holds them."""
    path = annotations_dir / analyst_slug(analyst) / f"{doc.id}.toml"
    if not path.exists():
        return []
    return tomllib.loads(path.read_text("utf-8")).get("claim", [])


def view_text(view: DocumentView) -> list[str]:
    return [view.render_line(y).text for y in range(view.size.height)]


def inspector_text(app: FactcheckApp) -> str:
    return app.query_one(ClaimInspector).text
