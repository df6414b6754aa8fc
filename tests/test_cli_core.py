"""The `claims`, `tag` and `stats` commands: output, --json, exit codes, one-line errors."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from cli_helpers import assert_one_line_error, run

from tui.cli.main import main
from tui.core.corpus import load_corpus


def test_claims_json_lists_every_claim_with_exact_offsets(
    capsys: pytest.CaptureFixture[str], corpus_dir: Path
) -> None:
    status, out, err = run(capsys, "claims", "--corpus", str(corpus_dir), "--json")
    assert status == 0 and err == ""
    rows = json.loads(out)
    corpus = load_corpus([corpus_dir])
    assert len(rows) == sum(len(doc.claims) for doc in corpus)
    texts = {doc.id: doc.text for doc in corpus}
    for row in rows:
        assert {"doc", "id", "start", "end", "kind", "text", "label"} <= set(row)
        assert texts[row["doc"]][row["start"] : row["end"]] == row["text"]
        assert row["kind"] in ("claim", "heading") and row["label"] is None


def test_claims_of_one_document_as_text(
    capsys: pytest.CaptureFixture[str], corpus_dir: Path
) -> None:
    status, out, _ = run(capsys, "claims", "004", "--corpus", str(corpus_dir))
    assert status == 0
    lines = out.rstrip("\n").split("\n")
    doc = load_corpus([corpus_dir]).find("004")[0]
    assert len(lines) == len(doc.claims)
    first = lines[0].split("\t")
    assert first[:5] == [f"{doc.id}:1", doc.claims[0].id, f"0-{doc.claims[0].end}", "heading", "-"]


def test_tag_then_claims_and_stats_show_it(
    capsys: pytest.CaptureFixture[str], corpus_dir: Path, annotations_dir: Path
) -> None:
    corpus = ["--corpus", str(corpus_dir)]
    status, out, err = run(
        capsys,
        "tag",
        "000:3",
        "disputed",
        "--note",
        'No public “evidence”; "the centre" denies it.\nSecond line.',
        "--source",
        "https://example.org/a",
        "--source",
        "https://example.org/b",
        "--analyst",
        "jdoe",
        *corpus,
    )
    assert status == 0 and err == ""
    doc = load_corpus([corpus_dir]).find("000")[0]
    claim = doc.claims[2]
    assert out.strip().startswith(f"{doc.id}:3 {claim.id} disputed")
    path = annotations_dir / "jdoe" / f"{doc.id}.toml"
    saved = tomllib.loads(path.read_text(encoding="utf-8"))
    (record,) = saved["claim"]
    assert record["quote"] == claim.text and saved["analyst"] == "jdoe"
    assert record["note"].endswith("Second line.")
    assert record["sources"] == ["https://example.org/a", "https://example.org/b"]

    status, out, _ = run(capsys, "claims", "000", "--json", *corpus)
    tagged = [row for row in json.loads(out) if row["label"]]
    assert [(row["id"], row["label"]) for row in tagged] == [(claim.id, "disputed")]

    status, out, _ = run(capsys, "stats", "--json", *corpus)
    data = json.loads(out)
    assert status == 0 and data["reviewed"] == 1
    first = data["documents"][0]
    assert first["labels"]["disputed"] == 1 and first["anchors"]["exact"] == 1

    # By id, with --json; then cleared with `none`.
    corpus += ["--analyst", "jdoe"]
    status, out, _ = run(capsys, "tag", f"000:{claim.id}", "opinion", "--json", *corpus)
    assert status == 0 and json.loads(out)["label"] == "opinion"
    assert json.loads(out)["note"].endswith("Second line.")
    status, _, _ = run(capsys, "tag", "000:3", "none", *corpus)
    assert status == 0
    assert "claim" not in tomllib.loads(path.read_text(encoding="utf-8"))


def test_stats_reports_each_tag_after_the_article_is_edited(
    capsys: pytest.CaptureFixture[str], corpus_dir: Path
) -> None:
    corpus = ["--corpus", str(corpus_dir)]
    doc = load_corpus([corpus_dir]).find("000")[0]
    exact, moved, fuzzy, orphan = doc.claims[0], doc.claims[20], doc.claims[30], doc.claims[40]
    for claim in (exact, moved, fuzzy, orphan):
        assert run(capsys, "tag", f"000:{claim.id}", "sourced", *corpus)[0] == 0
    text = doc.text
    text = text.replace(fuzzy.text, fuzzy.text.replace(" the ", " a ", 1))
    text = text.replace(orphan.text, "")
    first_line_end = text.index("\n")
    text = (
        text[:first_line_end]
        + "\nA paragraph put in. It moves what follows."
        + text[first_line_end:]
    )
    doc.path.write_text(text, encoding="utf-8")

    status, out, _ = run(capsys, "stats", "--json", *corpus)
    entry = json.loads(out)["documents"][0]
    assert entry["anchors"] == {"exact": 1, "moved": 1, "fuzzy": 1, "orphan": 1}
    assert entry["reviewed"] == 3 and entry["changed_since_annotated"] is True
    assert [o["quote"] for o in entry["orphans"]] == [orphan.text]

    status, out, _ = run(capsys, "stats", *corpus)
    assert status == 0
    assert "orphan sourced" in out and orphan.text[:60] in out
    assert "changed since it was annotated" in out


@pytest.mark.parametrize(
    "argv",
    [
        ["tag", "000:999", "disputed"],
        ["tag", "000", "disputed"],
        ["tag", "000:3", "maybe"],
        ["tag", "00:3", "skip"],
        ["tag", "zzz:3", "skip"],
        ["claims", "nope"],
        ["claims", "--bogus"],
        ["tag", "000:3"],
    ],
)
def test_bad_usage_is_one_sentence_and_status_2(
    capsys: pytest.CaptureFixture[str], corpus_dir: Path, argv: list[str]
) -> None:
    status, out, err = run(capsys, *argv, "--corpus", str(corpus_dir))
    assert status == 2 and out == ""
    assert_one_line_error(err)


def test_missing_corpus_is_status_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, _, err = run(capsys, "claims", "--corpus", str(tmp_path / "none"))
    assert status == 2
    assert_one_line_error(err)
    assert "does not exist" in err


def test_nothing_to_list_is_status_1(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    status, out, _ = run(capsys, "claims", "--corpus", str(tmp_path), "--json")
    assert status == 1 and json.loads(out) == []


def test_corrupt_annotation_file_is_reported_not_overwritten(
    capsys: pytest.CaptureFixture[str], corpus_dir: Path, annotations_dir: Path
) -> None:
    doc = load_corpus([corpus_dir]).find("001")[0]
    annotations_dir.mkdir()
    path = annotations_dir / f"{doc.id}.toml"
    path.write_bytes(b"format = 1\n[[claim]]\nlabel = \n")
    status, _, err = run(capsys, "tag", "001:1", "skip", "--corpus", str(corpus_dir))
    assert status == 2
    assert_one_line_error(err)
    assert str(path) in err and "line 3" in err
    assert path.read_bytes() == b"format = 1\n[[claim]]\nlabel = \n"
    status, out, _ = run(capsys, "stats", "--corpus", str(corpus_dir))
    assert status == 0 and f"{doc.id}: read-only" in out and "line 3" in out


def test_warnings_go_to_stderr_and_do_not_stop(
    capsys: pytest.CaptureFixture[str], corpus_dir: Path
) -> None:
    (corpus_dir / "zz_binary.txt").write_bytes(b"\x00\x01\x02")
    (corpus_dir / "zz_latin.txt").write_bytes(b"Caf\xe9 closed. \x1b[2J It reopened.")
    status, out, err = run(capsys, "stats", "--json", "--corpus", str(corpus_dir))
    assert status == 0
    assert len(json.loads(out)["documents"]) == 6
    warnings = err.strip().split("\n")
    assert len(warnings) == 2 and all(w.startswith("factcheck: warning: ") for w in warnings)
    assert "zz_binary.txt" in err and "offset 3" in err
    assert "\x1b" not in err


def test_unwritable_annotations_folder_is_one_sentence(
    capsys: pytest.CaptureFixture[str], corpus_dir: Path, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    status, _, err = run(
        capsys, "tag", "000:1", "skip", "--corpus", str(corpus_dir), "--annotations", str(blocker)
    )
    assert status == 2
    assert_one_line_error(err)


def test_help_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for command in ("claims", "tag", "stats"):
        assert command in out


def test_escape_sequences_in_names_never_reach_the_terminal(
    capsys: pytest.CaptureFixture[str], corpus_dir: Path, annotations_dir: Path
) -> None:
    (corpus_dir / "zz\x1b[2Jevil.txt").write_text("Evil name. Fine text.", encoding="utf-8")
    corpus = ["--corpus", str(corpus_dir), "--analyst", "x"]
    outputs = [
        run(capsys, "claims", "zz", *corpus),
        run(capsys, "tag", "zz:1", "disputed", *corpus),
        run(capsys, "tag", "zz:9", "disputed", *corpus),
        run(capsys, "tag", "zz\x1b]:1", "disputed", *corpus),
    ]
    doc_id = "zz\x1b[2Jevil"
    path = annotations_dir / "x" / f"{doc_id}.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            'quote = "Evil name."', 'quote = "Gone\\u001b[5m."'
        ),
        encoding="utf-8",
    )
    outputs.append(run(capsys, "stats", *corpus))
    outputs.append(run(capsys, "claims", "zz", *corpus))
    assert [status for status, _, _ in outputs] == [0, 0, 2, 2, 0, 0]
    for _, out, err in outputs:
        assert "\x1b" not in out and "\x1b" not in err
    assert "orphan disputed" in outputs[4][1]
