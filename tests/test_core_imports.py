"""The core and the command line load no Textual: scripts start fast and run without a screen."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import tui.core

CHECK = """
import importlib, json, sys
for name in sys.argv[1:]:
    importlib.import_module(name)
print(json.dumps(sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))))
"""


def _core_modules() -> list[str]:
    return sorted(
        info.name for info in pkgutil.walk_packages(tui.core.__path__, prefix="tui.core.")
    )


def _textual_modules_after_importing(*names: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", CHECK, *names], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def test_core_and_cli_load_no_textual() -> None:
    modules = _core_modules()
    assert {"tui.core.corpus", "tui.core.store", "tui.core.anchoring"} <= set(modules)
    names = [*modules, "tui.cli.main", "tui.cli.common", "tui.cli.claims", "tui.cli.tag"]
    assert _textual_modules_after_importing(*names) == []


def test_running_a_subcommand_loads_no_textual(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("One claim. Two claims.", encoding="utf-8")
    script = (
        "import sys, json\n"
        "from tui.cli.main import main\n"
        f"status = main(['stats', '--json', '--corpus', {str(tmp_path)!r}])\n"
        "bad = [m for m in sys.modules if m.split('.')[0] == 'textual']\n"
        "print(json.dumps({'status': status, 'textual': bad}), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    report = json.loads(done.stderr.strip().split("\n")[-1])
    assert report == {"status": 0, "textual": []}


def test_the_check_would_see_textual() -> None:
    """Guard against a check that can never fail."""
    assert _textual_modules_after_importing("textual.app")
