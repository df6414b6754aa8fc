"""What ``/`` imports in the reader's thread: the search runs in its own thread, and so do
the search modules' imports (~20 ms of "/" pressed at start-up, traced, while the keys waited)."""

from __future__ import annotations

import json
import subprocess
import sys

PROBE = """
import json, sys
import tui.app.app, tui.app.screens.reader
before = "tui.core.search" in sys.modules
import tui.app.screens.search
print(json.dumps([before, "tui.core.search" in sys.modules]))
"""


def test_the_search_dialog_leaves_the_search_modules_to_its_thread() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, timeout=120
    )
    assert json.loads(done.stdout) == [False, False]


def test_the_probe_sees_the_search_modules() -> None:
    """Guard against a probe that can never fail."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE.replace("tui.app.screens.search", "tui.core.search")],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert json.loads(done.stdout) == [False, True]
