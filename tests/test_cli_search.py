"""`factcheck search` and `factcheck similar`: output, --json, stdin mode, exit codes."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from cli_helpers import assert_one_line_error, run

from tui.core.corpus import load_corpus

JSON_KEYS = {"doc", "id", "start", "end", "kind", "text", "label", "score"}


def test_search_json_has_the_claim_fields_and_exact_offsets(
    capsys: pytest.CaptureFixture[str], corpus_dir: Path
) -> None:
    status, out, err = run(
        capsys, "search", "brnabik armed conflict", "--corpus", str(corpus_dir), "--json"
    )
    assert status == 0 and err == ""
    rows = json.loads(out)
    texts = {doc.id: doc.text for doc in load_corpus([corpus_dir])}
    assert {row["doc"][:3] for row in rows[:2]} == {"002", "003"}
    for row in rows:
        assert set(row) >= JSON_KEYS
        assert texts[row["doc"]][row["start"] : row["end"]] == row["text"]
        assert 0 < row["score"] <= 100 and row["label"] is None
        assert all(row["text"][a:b] for a, b in row["spans"])
    assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)


def test_search_text_lines(capsys: pytest.CaptureFixture[str], corpus_dir: Path) -> None:
    status, out, _ = run(
        capsys, "search", "vucic kurti normalization", "--corpus", str(corpus_dir), "--limit", "1"
    )
    assert status == 0
    lines = out.rstrip("\n").split("\n")
    assert len(lines) == 1
    ref, claim_id, score, label, text = lines[0].split("\t")
    assert ref.startswith("003_") and claim_id.startswith("c") and float(score) > 80
    assert label == "-" and "Vučić and Kosovo Prime Minister Albin Kurti" in text


def test_search_filters_by_label_and_document(
    capsys: pytest.CaptureFixture[str], corpus_dir: Path
) -> None:
    corpus = ["--corpus", str(corpus_dir)]
    status, out, _ = run(capsys, "search", "wagner", *corpus, "--json")
    wagner = json.loads(out)
    first = next(r for r in wagner if r["doc"].startswith("000"))
    assert run(capsys, "tag", f"{first['doc']}:{first['id']}", "disputed", *corpus)[0] == 0
    status, out, _ = run(capsys, "search", "wagner", "--label", "disputed", *corpus, "--json")
    rows = json.loads(out)
    assert status == 0 and [(r["doc"], r["id"]) for r in rows] == [(first["doc"], first["id"])]
    assert rows[0]["label"] == "disputed"
    status, out, _ = run(capsys, "search", "wagner", "--label", "none", *corpus, "--json")
    assert (first["doc"], first["id"]) not in {(r["doc"], r["id"]) for r in json.loads(out)}
    status, out, _ = run(capsys, "search", "vucic", "--doc", "003", *corpus, "--json")
    rows = json.loads(out)
    assert status == 0 and rows and all(r["doc"].startswith("003") for r in rows)


def test_search_nothing_matched_exits_1(
    capsys: pytest.CaptureFixture[str], corpus_dir: Path
) -> None:
    status, out, err = run(capsys, "search", "xyzzy", "--corpus", str(corpus_dir), "--json")
    assert status == 1 and json.loads(out) == []
    status, out, err = run(capsys, "search", "xyzzy", "--corpus", str(corpus_dir))
    assert status == 1 and out == ""
    assert_one_line_error(err)


@pytest.mark.parametrize(
    "argv",
    [
        ["search", "x", "--label", "bogus"],
        ["search", "x", "--doc", "999"],
        ["search", "x", "--doc", "00"],  # several documents
        ["search", "x", "--limit", "0"],
        ["search", "label:bogus"],
        ["similar", "000"],
        ["similar", "000:9999"],
        ["similar", "000:1", "--limit", "0"],
    ],
)
def test_bad_usage_exits_2_with_one_sentence(
    capsys: pytest.CaptureFixture[str], corpus_dir: Path, argv: list[str]
) -> None:
    status, _, err = run(capsys, *argv, "--corpus", str(corpus_dir))
    assert status == 2
    assert_one_line_error(err)


def test_search_stdin_answers_each_line_with_one_line(
    capsys: pytest.CaptureFixture[str], corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    queries = ["vucic kurti normalization", "xyzzy", "", '"armed conflict"', "label:bogus"]
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(queries) + "\n"))
    status, out, err = run(
        capsys, "search", "-", "--corpus", str(corpus_dir), "--json", "--limit", "5"
    )
    lines = out.split("\n")[:-1]
    assert len(lines) == len(queries)
    answers = [json.loads(line) for line in lines]
    assert answers[0][0]["doc"].startswith("003") and set(answers[0][0]) >= JSON_KEYS
    assert answers[1] == [] and answers[2] == [] and answers[4] == []
    assert answers[3] and all("armed conflict" in r["text"] for r in answers[3])
    assert status == 2 and "line 5" in err  # a bad query is reported, the others answered

    monkeypatch.setattr("sys.stdin", io.StringIO("brnabic\nxyzzy\n"))
    status, out, _ = run(capsys, "search", "-", "--corpus", str(corpus_dir))
    first, second = out.split("\n")[:2]
    fields = first.split("\t")
    assert int(fields[0]) == len(fields) - 1 >= 2
    assert all(f.split(" ")[0].count(":") == 1 and float(f.split(" ")[1]) > 0 for f in fields[1:])
    assert second == "0" and status == 0

    monkeypatch.setattr("sys.stdin", io.StringIO("xyzzy\n"))
    assert run(capsys, "search", "-", "--corpus", str(corpus_dir))[0] == 1


def test_similar_json_pairs_the_rewrite(
    capsys: pytest.CaptureFixture[str], corpus_dir: Path
) -> None:
    corpus = ["--corpus", str(corpus_dir)]
    _, out, _ = run(capsys, "search", '"PMC Wagner Recruitment"', *corpus, "--json")
    source = next(r for r in json.loads(out) if r["doc"].startswith("000"))
    status, out, err = run(
        capsys, "similar", f"{source['doc']}:{source['number']}", *corpus, "--json"
    )
    assert status == 0 and err == ""
    rows = json.loads(out)
    assert rows[0]["doc"].startswith("001") and rows[0]["score"] > 90
    assert all(set(r) >= JSON_KEYS and r["doc"] != source["doc"] for r in rows)
    assert rows[0]["label_differs"] is False


def test_similar_text_flags_label_disagreement(
    capsys: pytest.CaptureFixture[str], corpus_dir: Path
) -> None:
    corpus = ["--corpus", str(corpus_dir)]
    _, out, _ = run(capsys, "search", '"PMC Wagner Recruitment"', *corpus, "--json")
    rows = {r["doc"][:3]: r for r in json.loads(out)}
    here, there = rows["000"], rows["001"]
    run(capsys, "tag", f"{here['doc']}:{here['id']}", "disputed", *corpus)
    run(capsys, "tag", f"{there['doc']}:{there['id']}", "sourced", *corpus)
    status, out, _ = run(capsys, "similar", f"{here['doc']}:{here['id']}", *corpus)
    line = out.split("\n")[0]
    assert status == 0 and line.startswith(f"{there['doc']}:{there['number']}\t")
    assert "\tsourced\t" in line and line.endswith("(tagged disputed here, sourced there)")


def test_similar_nothing_found_exits_1(
    capsys: pytest.CaptureFixture[str], corpus_dir: Path
) -> None:
    corpus = ["--corpus", str(corpus_dir)]
    _, out, _ = run(capsys, "search", "it gets worse", *corpus, "--json")
    claim = next(r for r in json.loads(out) if r["text"] == "It gets worse.")
    status, out, err = run(capsys, "similar", f"{claim['doc']}:{claim['id']}", *corpus, "--json")
    assert status == 1 and json.loads(out) == []
    status, out, err = run(capsys, "similar", f"{claim['doc']}:{claim['id']}", *corpus)
    assert status == 1 and out == ""
    assert_one_line_error(err)


def test_a_one_shot_search_imports_only_what_search_needs(corpus_dir: Path) -> None:
    """Every other subcommand's imports would cost a script's one-shot search (issue 14)."""
    import subprocess
    import sys

    probe = (
        "import sys\n"
        "from tui.cli.main import main\n"
        f"main(['search', 'wagnr recruitment', '--corpus', {str(corpus_dir)!r}])\n"
        "print(sorted(m for m in ('tui.cli.export', 'tui.cli.claims', 'tui.cli.similar')"
        " if m in sys.modules), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.strip() and done.stderr.strip().splitlines()[-1] == "[]"


WRITERS_AND_JSON = (
    "json",
    "datetime",
    "getpass",
    "tomli_w",
    "rtoml",
    "tui.core.toml_read",
    "tui.core.toml_write",
)
"""What only ``--json``, a save, a login-name lookup or an annotation file to read needs."""


def _warm_search_imports(corpus_dir: Path, *options: str) -> list[str]:
    """Which of ``WRITERS_AND_JSON`` a second one-shot search (the caches warm) imports."""
    import subprocess
    import sys

    probe = (
        "import sys\n"
        "from tui.cli.main import main\n"
        f"main(['search', 'wagnr recruitment', '--corpus', {str(corpus_dir)!r}, *{options!r}])\n"
        f"found = sorted(m for m in {WRITERS_AND_JSON!r} if m in sys.modules)\n"
        "print(' '.join(found) or '-', file=sys.stderr)\n"
    )
    for _ in range(2):  # the first segments the articles, whose imports are their own
        done = subprocess.run(
            [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
        )
    assert done.stdout.strip()
    return done.stderr.strip().splitlines()[-1].replace("-", "").split()


def test_a_warm_search_of_untagged_articles_imports_no_writer_nor_json(corpus_dir: Path) -> None:
    """~4 ms of a script's one-shot search (issue 14): nothing is written, nothing to parse."""
    assert _warm_search_imports(corpus_dir) == []


def test_the_import_probe_sees_json(corpus_dir: Path) -> None:
    """Guard against a probe that can never fail: ``--json`` does import it."""
    assert _warm_search_imports(corpus_dir, "--json") == ["json"]


def test_similar_json_has_band_and_differs(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    corpus = tmp_path / "articles"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Serbia ordered 12 Rafale jets from Dassault in 2024.\n")
    (corpus / "b.txt").write_text("Serbia ordered 14 Rafale jets from Dassault in 2024.\n")
    (corpus / "c.txt").write_text("Serbia ordered 12 Rafale jets from Dassault in 2024.\n")
    status, out, err = run(capsys, "similar", "a:1", "--corpus", str(corpus), "--json")
    assert status == 0 and err == ""
    rows = {row["doc"]: row for row in json.loads(out)}
    assert (rows["c"]["score"], rows["c"]["band"], rows["c"]["differs"]) == (100.0, "same", [])
    assert rows["b"]["band"] in ("same", "related") and rows["b"]["score"] < 100
    assert rows["b"]["differs"] == [{"kind": "number", "here": "12", "there": "14"}]
    status, out, _ = run(capsys, "similar", "a:1", "--corpus", str(corpus))
    assert "\tnumber: 12 → 14" in out


def test_similar_reads_the_project_alias_table(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    corpus = tmp_path / "articles"
    corpus.mkdir()
    # Only the alias makes these two share a second content word (a score saturates near
    # 100, so whether the alias is read shows in whether they match at all).
    (corpus / "a.txt").write_text("The French planemaker delivered them.\n")
    (corpus / "b.txt").write_text("Dassault Aviation delivered them.\n")
    _, out, _ = run(capsys, "similar", "a:1", "--corpus", str(corpus), "--json")
    assert json.loads(out) == []
    annotations = tmp_path / "annotations"
    annotations.mkdir()
    (annotations / "aliases.toml").write_text(
        '[alias]\n"Dassault Aviation" = ["the French planemaker"]\n'
    )
    _, out, _ = run(capsys, "similar", "a:1", "--corpus", str(corpus), "--json")
    assert [row["doc"] for row in json.loads(out)] == ["b"]
    (annotations / "aliases.toml").write_text("[alias\n")
    status, out, err = run(capsys, "similar", "a:1", "--corpus", str(corpus))
    assert status == 2 and out == "" and "aliases.toml" in err
    assert_one_line_error(err)
