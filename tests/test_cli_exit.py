"""The command leaves without interpreter teardown: its output still arrives whole."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def _run(*args: str, corpus: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", *args, "--corpus", str(corpus)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_long_answer_is_flushed_whole_and_the_status_kept(corpus_dir: Path) -> None:
    done = _run("search", "serbia", "--json", "--limit", "200", corpus=corpus_dir)
    assert done.returncode == 0
    assert len(json.loads(done.stdout)) > 150  # ~60 kB, every byte out before the fast exit
    missing = _run("search", "qqqqzzzz", corpus=corpus_dir)
    assert missing.returncode == 1 and "no claim matches" in missing.stderr


def test_a_closed_pipe_is_no_error(corpus_dir: Path) -> None:
    command = [sys.executable, "-m", "tui", "claims", "000", "--corpus", str(corpus_dir)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as child:
        assert child.stdout is not None and child.stderr is not None
        child.stdout.readline()
        child.stdout.close()  # as `| head -1` does
        errors = child.stderr.read().decode()
        child.wait(timeout=60)
    assert "Traceback" not in errors and "Exception ignored" not in errors


def test_a_tag_made_by_the_command_is_on_disk(corpus_dir: Path, tmp_path: Path) -> None:
    annotations = tmp_path / "annotations"
    done = subprocess.run(
        [
            *(sys.executable, "-m", "tui", "tag", "000:1", "disputed", "--note", "kept"),
            *("--corpus", str(corpus_dir), "--annotations", str(annotations), "--analyst", "ana"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    (saved,) = annotations.rglob("*.toml")
    assert 'note = "kept"' in saved.read_text("utf-8")
