"""Progress as text bars: right lengths, readable without colour, fits 80 columns."""

from __future__ import annotations

from tui.core.stats import DocumentStats
from tui.core.team_progress import bar, progress_lines, team_figures


def test_bar_lengths_and_eighths():
    assert bar(0, 10, 10) == "··········"
    assert bar(10, 10, 10) == "██████████"
    assert bar(5, 10, 10) == "█████·····"
    assert bar(1, 16, 10).startswith("▋")  # 10 × 8 / 16 = 5 eighths
    assert all(len(bar(n, 7, 13)) == 13 for n in range(8))
    assert bar(3, 0, 5) == "·····"
    assert bar(1, 1, 0) == ""


def stats(doc_id: str, claims: int, labels: dict[str, int], contested: int, analysts):
    s = DocumentStats(doc_id, doc_id, claims)
    s.labels.update(labels)
    s.statuses.update(
        {"tagged": sum(labels.values()), "contested": contested,
         "unreviewed": claims - sum(labels.values()) - contested}
    )  # fmt: skip
    s.analysts.update(analysts)
    return s


def test_progress_counts_and_lines_fit_80_columns():
    docs = [
        stats("000_a_long_document_name_indeed", 40, {"sourced": 10, "opinion": 5}, 3,
              {"ann": 12, "bob": 9}),
        stats("001", 20, {"disputed": 4}, 0, {"ann": 4}),
    ]  # fmt: skip
    ratings = {
        ("000", "c1"): {"ann": "sourced", "bob": "sourced"},
        ("000", "c2"): {"ann": "opinion", "bob": "disputed"},
    }
    p = team_figures(docs, ratings)
    assert (p.claims, p.reviewed, p.contested) == (60, 22, 3)
    assert [(r.name, r.done) for r in p.analysts] == [("ann", 16), ("bob", 9)]
    assert p.labels == {"sourced": 10, "disputed": 4, "opinion": 5, "skip": 0}
    lines = progress_lines(p, 80)
    assert all(len(line) <= 80 for line in lines), [line for line in lines if len(line) > 80]
    text = "\n".join(lines)
    assert "3 contested" in text
    assert "Analysts (claims tagged)" in text and "Agreement" in text
    assert lines[0].startswith("reviewed") and lines[0].endswith("22/60  37%")
    assert "█" in lines[0]


def test_one_analyst_shows_no_agreement_and_long_lists_are_cut():
    docs = [stats(f"{i:03d}", 10, {"sourced": i % 10}, 0, {"ann": i % 10}) for i in range(30)]
    p = team_figures(docs, {("000", "c1"): {"ann": "sourced"}})
    lines = progress_lines(p, 80, documents=5)
    assert "Agreement" not in lines
    assert lines[-1] == "… and 25 more articles"
