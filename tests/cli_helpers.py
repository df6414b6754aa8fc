"""Running ``factcheck`` in-process, for the command-line tests."""

from __future__ import annotations

import pytest

from tui.cli.main import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """``factcheck ARGV…``: the exit status, stdout and stderr."""
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def assert_one_line_error(err: str) -> None:
    """docs/format.md: an error is one plain sentence on stderr, never a traceback."""
    assert "Traceback" not in err
    lines = err.strip().split("\n")
    assert len(lines) == 1 and lines[0].startswith("factcheck: "), err
