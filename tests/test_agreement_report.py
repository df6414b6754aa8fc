"""The agreement figures as text and Markdown read the same everywhere."""

from __future__ import annotations

from tui.core.agreement import confusion, measure
from tui.core.agreement_report import markdown_section, text_report

RATINGS = {
    ("doc1", "c1"): {"ann": "sourced", "bob": "sourced"},
    ("doc1", "c2"): {"ann": "opinion", "bob": "disputed"},
    ("doc2", "c1"): {"ann": "skip", "bob": "skip"},
    ("doc2", "c2"): {"ann": "sourced", "bob": "sourced"},
}
LABELS = ("sourced", "disputed", "opinion", "skip")


def test_text_report_has_every_section():
    summary = measure(RATINGS, categories=LABELS, document_of=lambda unit: unit[0])
    lines = text_report(summary, confusion(RATINGS, "ann", "bob", LABELS))
    text = "\n".join(lines)
    assert lines[0].startswith("4 claims tagged by two analysts or more: agreement 75.0%")
    assert "ann / bob" in text and "Cohen's κ" in text
    assert "Per label" in text and "Per document" in text
    assert "Confusion: ann (rows) against bob (columns)" in text
    row = lines[lines.index("Confusion: ann (rows) against bob (columns)") + 4]
    assert row.startswith("opinion")
    # ann said opinion once where bob said disputed.
    assert row.split()[1:] == ["0", "1", "0", "0"]


def test_text_report_with_nothing_to_compare():
    lines = text_report(measure({1: {"ann": "sourced"}}))
    assert lines == ["No claim was tagged by two analysts or more (1 analyst)"]


def test_markdown_section_escapes_names_and_is_empty_for_one_analyst():
    assert markdown_section(measure({1: {"ann": "sourced"}})) == ""
    ratings = {1: {"a|b": "sourced", "bob": "sourced"}, 2: {"a|b": "skip", "bob": "opinion"}}
    section = markdown_section(measure(ratings, categories=LABELS))
    assert section.startswith("## Agreement\n")
    assert "| a\\|b / bob | 2 | 50.0% |" in section
    assert "| sourced |" in section
