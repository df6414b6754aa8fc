"""``compare``: two versions of an article aligned claim by claim."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import run

from tui.core.compare import (
    EDITED,
    MOVED,
    ONLY_A,
    ONLY_B,
    UNCHANGED,
    compare_documents,
    word_changes,
)
from tui.core.workspace import open_workspace

FIRST = """\
Serbia signed a contract for 12 Rafale fighter jets with the French maker Dassault.
The opposition in Belgrade called the purchase a waste of public money.
The first jets will land at Batajnica air base near the capital next spring.
Kosovo's prime minister said the deal threatened the fragile peace in the region.
Analysts in Zagreb expect Croatia to answer with more orders of its own.
"""

SECOND = """\
Serbia signed a contract for 14 Rafale fighter jets with the French maker Dassault.
The first jets will land at Batajnica air base near the capital next spring.
The opposition in Belgrade called the purchase a waste of public money.
Kosovo's prime minister said the deal threatened the fragile peace in the region.
The European Commission declined to comment on the purchase on Friday.
"""


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "first.txt").write_text(FIRST, encoding="utf-8")
    (folder / "second.txt").write_text(SECOND, encoding="utf-8")
    return folder


def test_versions_align_claim_by_claim(corpus: Path) -> None:
    docs = {doc.id: doc for doc in open_workspace([corpus]).corpus}
    rows = compare_documents(docs["first"], docs["second"])
    got = [(r.status, r.a and r.a.number, r.b and r.b.number) for r in rows]
    assert got == [
        (EDITED, 1, 1),
        (MOVED, 2, 3),
        (UNCHANGED, 3, 2),
        (UNCHANGED, 4, 4),
        (ONLY_A, 5, None),
        (ONLY_B, None, 5),
    ]
    edited = rows[0]
    assert [c.as_json() for c in edited.changes] == [{"a": "12", "b": "14"}]
    assert [d.as_json() for d in edited.differs] == [
        {"kind": "number", "here": "12", "there": "14"}
    ]
    assert rows[2].score == 100.0 and rows[2].changes == () and rows[2].differs == ()


def test_an_article_against_itself_is_all_unchanged(corpus: Path) -> None:
    doc = next(iter(open_workspace([corpus]).corpus))
    rows = compare_documents(doc, doc)
    assert {r.status for r in rows} == {UNCHANGED} and len(rows) == len(doc.claims)


def test_word_changes_name_the_words_as_written() -> None:
    changes = word_changes("This is not a rogue outpost.", "This is no rogue outpost at all.")
    assert [c.as_json() for c in changes] == [
        {"a": "not a", "b": "no"},
        {"a": "outpost.", "b": "outpost at all."},
    ]


def test_compare_command_text_and_json(capsys: pytest.CaptureFixture[str], corpus: Path) -> None:
    status, out, err = run(capsys, "compare", "first", "second", "--corpus", str(corpus), "--json")
    assert status == 0 and err == ""
    data = json.loads(out)
    assert (data["a"], data["b"]) == ("first", "second")
    assert data["counts"] == {"unchanged": 2, "edited": 1, "moved": 1, "only_a": 1, "only_b": 1}
    first = data["rows"][0]
    assert first["status"] == "edited" and first["a"]["number"] == 1 and first["b"]["number"] == 1
    assert first["differs"] == [{"kind": "number", "here": "12", "there": "14"}]
    assert first["a"]["text"].startswith("Serbia signed")
    status, out, _ = run(capsys, "compare", "first", "second", "--corpus", str(corpus))
    lines = out.splitlines()
    assert (
        lines[0].startswith("~ first:1")
        and "12 → 14" in lines[0]
        and "[number: 12 → 14]" in lines[0]
    )
    assert lines[-1].endswith("2 unchanged, 1 edited, 1 moved, 1 only a, 1 only b")


def test_compare_unknown_document_is_one_line(
    capsys: pytest.CaptureFixture[str], corpus: Path
) -> None:
    status, out, err = run(capsys, "compare", "first", "nothing", "--corpus", str(corpus))
    assert status == 2 and out == "" and "nothing" in err and err.count("\n") == 1


def _docs(tmp_path: Path, first: str, second: str) -> tuple:
    folder = tmp_path / "versions"
    folder.mkdir()
    (folder / "a.txt").write_text(first, encoding="utf-8")
    (folder / "b.txt").write_text(second, encoding="utf-8")
    docs = {doc.id: doc for doc in open_workspace([folder]).corpus}
    return docs["a"], docs["b"]


def test_a_claim_edited_in_place_pairs_with_its_counterpart_not_a_look_alike(
    tmp_path: Path,
) -> None:
    """Two versions keep their order: the figure changed in place is the discrepancy to
    show, even where a sentence added further down repeats the old figure (and so shares
    more of the claim's rarest words: the votes alone chose it)."""
    a, b = _docs(
        tmp_path,
        "The talks in Brussels ended without a deal on Thursday evening.\n"
        "The ministry said 40 soldiers crossed the border at Jarinje on Monday.\n"
        "Belgrade denied that any of its units had entered Kosovo.\n",
        "The talks in Brussels ended without a deal on Thursday evening.\n"
        "The ministry said 45 soldiers crossed the border at Jarinje on Monday.\n"
        "Belgrade denied that any of its units had entered Kosovo.\n"
        "The ministry said 40 soldiers entered the border at Jarinje on Monday.\n",
    )
    rows = compare_documents(a, b)
    got = [(r.status, r.a and r.a.number, r.b and r.b.number) for r in rows]
    assert got == [(UNCHANGED, 1, 1), (EDITED, 2, 2), (UNCHANGED, 3, 3), (ONLY_B, None, 4)]
    assert [d.as_json() for d in rows[1].differs] == [
        {"kind": "number", "here": "40", "there": "45"}
    ]


def test_after_a_dropped_claim_the_next_one_still_pairs_in_order(tmp_path: Path) -> None:
    lines = [
        f"The council of district {n} approved a budget of {n}00 thousand euros for roads."
        for n in range(1, 7)
    ]
    edited = [line.replace("roads", "bridges") for line in lines]
    a, b = _docs(tmp_path, "\n".join(lines) + "\n", "\n".join(edited[:2] + edited[3:]) + "\n")
    rows = compare_documents(a, b)
    got = [(r.status, r.a and r.a.number, r.b and r.b.number) for r in rows]
    assert got == [
        (EDITED, 1, 1),
        (EDITED, 2, 2),
        (ONLY_A, 3, None),
        (EDITED, 4, 3),
        (EDITED, 5, 4),
        (EDITED, 6, 5),
    ]
