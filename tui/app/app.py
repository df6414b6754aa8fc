"""The reader application: app-wide services only.

The App holds what every screen shares: the workspace (corpus and store), the
user's config (analyst, theme, key map), the theme and the command palette.
The reading and tagging flow is the reader screen's
(:mod:`tui.app.screens.reader`). The command line opens the workspace and
calls :func:`run_app`; nothing here reads arguments.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable
from typing import Any, ClassVar

from textual.app import App, SystemCommand
from textual.screen import Screen

from tui.app.keys import KeyMap
from tui.app.screens.reader import ReaderScreen
from tui.app.session import starting_point
from tui.core.config import Config, ConfigError, load_config, set_value
from tui.core.display import display
from tui.core.model import Document
from tui.core.workspace import Workspace


class FactcheckApp(App[None]):
    """Read articles side by side and tag their claims."""

    CSS_PATH: ClassVar[list[str]] = ["factcheck.tcss", "widgets/document_view.tcss"]
    TITLE = "factcheck"

    def __init__(
        self,
        workspace: Workspace,
        config: Config | None = None,
        *,
        documents: Iterable[Document] | None = None,
        resolve_analyst: bool = False,
        session: bool | None = None,
    ):
        """``config``: the user's config (default: read from its usual place).

        ``resolve_analyst``: find the analyst's name (git, login) after the first paint.
        ``documents``: open these instead of the last session's panes. ``session``:
        restore and keep the session (default: unless ``FACTCHECK_SESSION=0``).
        """
        super().__init__()
        self.workspace = workspace
        self.config = config if config is not None else load_config()
        self.keymap = KeyMap(self.config.keys)
        self.set_keymap(self.keymap.textual_keymap())
        self._resolve_analyst = resolve_analyst
        self._theme_ready = False
        self._theme_problem = self._apply_configured_theme()
        start, keeper = starting_point(
            workspace, list(documents) if documents is not None else None, session=session
        )
        self.reader = ReaderScreen(
            workspace, start, keymap=self.keymap, session=keeper, ensure_analyst=self.ensure_analyst
        )

    @property
    def store(self):
        return self.workspace.store

    def get_default_screen(self) -> Screen:
        return self.reader

    def on_mount(self) -> None:
        for problem in (self.config.error, self._theme_problem, self._unknown_keys()):
            if problem:
                self.notify(display(problem), severity="warning", timeout=10, markup=False)
        self._theme_ready = True

    # -- the analyst -------------------------------------------------------------------

    def ensure_analyst(self) -> None:
        """Find the analyst's name (git, login) if nobody gave it; once, before the first save."""
        if self._resolve_analyst:
            self._resolve_analyst = False
            from tui.core.analyst import resolve_analyst

            self.store.analyst = resolve_analyst(None, self.config.analyst)

    # -- config: theme and keys ----------------------------------------------------------

    def _apply_configured_theme(self) -> str:
        """Use the config's theme; a problem with it, in one sentence (else ``""``)."""
        theme = self.config.theme
        if not theme:
            return ""
        if theme not in self.available_themes:
            return f"Config file {self.config.path}: no theme named {theme!r}; using the default."
        self.theme = theme
        return ""

    def _unknown_keys(self) -> str:
        unknown = self.keymap.unknown()
        if not unknown:
            return ""
        names = ", ".join(unknown)
        return f"Config file {self.config.path}: [keys] names no such binding: {names}."

    def watch_theme(self, theme: str) -> None:
        """A theme chosen in the palette is written to the config file, so it comes back."""
        if not self._theme_ready or theme == self.config.theme:
            return
        try:
            self.config = set_value(self.config, "theme", theme)
        except (ConfigError, OSError) as error:
            message = f"The theme is not remembered: {error}"
            self.notify(display(message), severity="warning", markup=False)

    # -- the command palette -------------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if isinstance(screen, ReaderScreen):
            yield from screen.commands()

    def exit(self, *args: Any, **kwargs: Any) -> None:
        """Quit (``q``, ``ctrl+q``); save the session first, while the panes are still there."""
        self.reader.save_session()
        super().exit(*args, **kwargs)


def run_app(workspace: Workspace, config: Config | None = None) -> None:
    """Run the reader on ``workspace`` until the analyst quits."""
    app = FactcheckApp(workspace, config, resolve_analyst=not workspace.store.analyst)
    # What exists now (modules, classes, the corpus) lives as long as the app:
    # frozen, the collector stops scanning it, which took ~20 ms of the first
    # frame and would pause every later full collection as long.
    gc.freeze()
    app.run()
