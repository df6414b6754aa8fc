"""What the reader's keys do beyond moving one claim or tagging: one flow per key.

A flow is a function taking the reader screen: it opens a dialog and handles
its result (usually through the core's editor and ``ReaderScreen.apply``), or
moves the cursor or the panes; each lives in a small module by subject. It
is registered under a name with :func:`flow` and bound by a ``flow('<name>')``
row in :func:`tui.app.key_table.reader_keys` (see :mod:`tui.app.keys` for adding one). Flow
modules are imported on the first such key, not at start-up.
"""

from __future__ import annotations

import importlib
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    from tui.app.screens.reader import ReaderScreen

Flow: TypeAlias = "Callable[[ReaderScreen], Awaitable[None] | None]"

FLOW_MODULES = (
    "tui.app.flows.notes",
    "tui.app.flows.documents",
    "tui.app.flows.finding",
    "tui.app.flows.moves",
    "tui.app.flows.linking",
    "tui.app.flows.triage",
    "tui.app.flows.review",
    "tui.app.flows.corrections",
    "tui.app.flows.adding",
)
"""Every module holding flows; a new one is added here."""

_FLOWS: dict[str, Flow] = {}


def flow(name: str) -> Callable[[Flow], Flow]:
    """Register the decorated function as the flow ``name``."""

    def register(function: Flow) -> Flow:
        _FLOWS[name] = function
        return function

    return register


def get_flow(name: str) -> Flow:
    """The flow ``name``, importing flow modules in order until one registers it.

    Only as many as needed: the last ones bring the web fetcher (urllib,
    ~25 ms), which ``/`` right after start-up should not wait for.
    """
    for module in FLOW_MODULES:
        if name in _FLOWS:
            break
        importlib.import_module(module)
    return _FLOWS[name]
