"""``export -o``: devices, FIFOs and ``-`` are written as streams, never replaced (issue 9, item 9).

The device nodes are made in a temporary folder (``mknod`` needs root; the
tests skip without it), so a regression replaces a copy, never ``/dev/null``.
"""

from __future__ import annotations

import os
import socket
import stat
import threading
from pathlib import Path

import pytest
from cli_helpers import assert_one_line_error, run

from tui.core.export import OutputError, default_path, write_export
from tui.core.workspace import open_workspace


@pytest.fixture
def tagged_corpus(corpus_dir: Path, annotations_dir: Path) -> Path:
    ws = open_workspace([corpus_dir], annotations=annotations_dir, analyst="a")
    ws.store.set(ws.corpus.documents[0].claims[0], "disputed", note="checked")
    return corpus_dir


def _device(folder: Path, name: str, minor: int) -> Path:
    path = folder / name
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, minor))
    except PermissionError:
        pytest.skip("making a device node needs root")
    return path


def _export(capsys, corpus: Path, *argv: str) -> tuple[int, str, str]:
    return run(capsys, "export", "--corpus", str(corpus), "--no-matches", *argv)


def test_dash_writes_to_stdout(tagged_corpus, capsys):
    status, out, err = _export(capsys, tagged_corpus, "-o", "-")
    assert status == 0, err
    assert out.startswith("# Fact-check summary")
    assert not Path("-").exists()


def test_a_character_device_stays_a_device(tagged_corpus, tmp_path, capsys):
    null = _device(tmp_path, "null", 3)
    status, _, err = _export(capsys, tagged_corpus, "-o", str(null))
    assert status == 0, err
    assert stat.S_ISCHR(os.lstat(null).st_mode)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".null")] == []


def test_a_link_to_a_device_stays_a_link(tagged_corpus, tmp_path, capsys):
    null = _device(tmp_path, "null", 3)
    link = tmp_path / "stdout"
    link.symlink_to(null)
    status, _, err = _export(capsys, tagged_corpus, "--format", "csv", "-o", str(link))
    assert status == 0, err
    assert link.is_symlink() and stat.S_ISCHR(os.lstat(null).st_mode)


def test_a_full_device_is_an_error_and_stays_a_device(tagged_corpus, tmp_path, capsys):
    full = _device(tmp_path, "full", 7)
    status, _, err = _export(capsys, tagged_corpus, "-o", str(full))
    assert status == 2
    assert_one_line_error(err)
    assert "No space left on device" in err and "not written" in err
    assert stat.S_ISCHR(os.lstat(full).st_mode)


def test_a_fifo_gets_the_export_as_a_stream(tagged_corpus, tmp_path, capsys):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    status, _, err = _export(capsys, tagged_corpus, "--format", "json", "-o", str(fifo))
    reader.join(timeout=10)
    assert status == 0, err
    assert received and received[0].startswith(b"{")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_socket_is_refused_with_a_message(tagged_corpus, tmp_path, capsys):
    path = tmp_path / "s"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        status, _, err = _export(capsys, tagged_corpus, "-o", str(path))
    finally:
        server.close()
    assert status == 2
    assert_one_line_error(err)
    assert "is a socket" in err
    assert stat.S_ISSOCK(os.lstat(path).st_mode)


def test_a_link_to_a_file_replaces_the_target_and_keeps_the_link(tagged_corpus, tmp_path, capsys):
    target = tmp_path / "real.md"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "report.md"
    link.symlink_to(target)
    status, _, err = _export(capsys, tagged_corpus, "-o", str(link))
    assert status == 0, err
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8").startswith("# Fact-check summary")


def test_a_dangling_link_is_refused(tagged_corpus, tmp_path, capsys):
    link = tmp_path / "report.md"
    link.symlink_to(tmp_path / "missing" / "x.md")
    status, _, err = _export(capsys, tagged_corpus, "-o", str(link))
    assert status == 2
    assert_one_line_error(err)
    assert link.is_symlink()


def test_write_export_refuses_before_rendering(tagged_corpus, annotations_dir, tmp_path):
    ws = open_workspace([tagged_corpus], annotations=annotations_dir)
    with pytest.raises(OutputError, match="folder"):
        write_export(ws, "markdown", tmp_path)


def test_the_exports_folder_factcheck_makes_keeps_itself_out_of_git(tagged_corpus, annotations_dir):
    """Two analysts exporting in one shared folder would conflict; exports are made again."""
    import shutil
    import subprocess

    ws = open_workspace([tagged_corpus], annotations=annotations_dir)
    written = write_export(ws, "csv", default_path(ws, "csv"))
    folder = written.parent
    assert folder == annotations_dir.parent / "exports"
    assert (folder / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    if shutil.which("git"):
        root = folder.parent
        subprocess.run(["git", "init", "-q", str(root)], check=True)
        status = subprocess.run(
            ["git", "-C", str(root), "status", "--porcelain", "--untracked-files=all"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert "exports/" not in status and "annotations/" in status


def test_an_exports_folder_that_exists_is_left_as_it_is(tagged_corpus, annotations_dir, capsys):
    """A team that keeps its exports in git made the folder itself; a file elsewhere is no
    folder of ours either."""
    ws = open_workspace([tagged_corpus], annotations=annotations_dir)
    folder = annotations_dir.parent / "exports"
    folder.mkdir()
    write_export(ws, "markdown", default_path(ws))
    assert sorted(p.name for p in folder.iterdir()) == ["factcheck-summary.md"]
    elsewhere = annotations_dir.parent / "reports" / "summary.md"
    status, _, err = _export(capsys, tagged_corpus, "-o", str(elsewhere))
    assert status == 0, err
    assert sorted(p.name for p in elsewhere.parent.iterdir()) == ["summary.md"]


def test_the_command_line_makes_the_exports_folder_as_the_reader_does(tagged_corpus, capsys):
    target = tagged_corpus.parent / "exports" / "summary.json"
    status, _, err = _export(capsys, tagged_corpus, "-o", str(target))
    assert status == 0, err
    assert sorted(p.name for p in target.parent.iterdir()) == [".gitignore", "summary.json"]
