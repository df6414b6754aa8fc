"""What `pip install` and the README promise a new user."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_distribution_name_is_not_the_unrelated_factcheck_package() -> None:
    # "factcheck" on the package index is someone else's 2013 project: a
    # `pip install factcheck` must never be the way to get this one.
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["name"] == "factcheck-reader"
    assert project["scripts"]["factcheck"] == "tui.cli.main:entry"


def test_readme_does_not_promise_claimreview_rich_results() -> None:
    # Google is phasing out ClaimReview rich results (June 2025): the README says
    # what the export is for now instead of sending users to the Rich Results Test.
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "Rich Results Test" not in readme
    assert "Fact Check Explorer" in readme
