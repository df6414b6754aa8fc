"""A mutation fuzzer over annotation files: bounded, seeded, and nothing it makes may crash us.

Each case mutates a real annotation file (bytes flipped, spans cut, lines
doubled, hostile TOML fragments spliced in), then reads it, tags a claim
and lists the claims. Allowed outcomes: the file reads, or it is refused
with an ``AnnotationFileError`` (and then is left byte for byte as it was).
After a save the file must read back, with every record it held before.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tui.cli.common import claim_json
from tui.core.corpus import load_document
from tui.core.records import AnnotationFileError, read
from tui.core.store import AnnotationStore, ReadOnlyDocument

SEED = 20261201
CASES = 300

FRAGMENTS = [
    "[[claim]]\n",
    "[claim]\n",
    "claim = 3\n",
    'label = "maybe"\n',
    "label = 5\n",
    "start = -1\n",
    "end = 99999999999999999999999\n",
    "start = 10\nend = 2\n",
    "updated = 1979-05-27\n",
    "updated = 07:32:00\n",
    "updated = 1979-05-27T07:32:00\n",
    "sources = [1, 2]\n",
    'sources = "https://example.org"\n',
    'id = ""\n',
    'quote = ""\n',
    "format = 2\n",
    "format = 1.5\n",
    'document = ["x"]\n',
    "note = { a = 1 }\n",
    "x = nan\ny = -inf\n",
    "deep = " + "[" * 40 + "]" * 40 + "\n",
    "deeper = " + "{a=" * 350 + "1" + "}" * 350 + "\n",
    "deepest = " + "[" * 3000 + "]" * 3000 + "\n",
    "k" + ".k" * 500 + " = 1\n",
    '"\\u202e" = "\\u200b"\n',
    'note = """\n[[claim]]\n"""\n',
    "\ufeff",
    "\x00",
    "\x1b[2J",
    '"""',
    "'''",
    "=",
    "[[claim.sub]]\nx = 1\n",
    '[[claim]]\nlabel = "skip"\nquote = "q"\nstart = 0\nend = 1\n',
]


def _mutate(rng: random.Random, data: bytes) -> bytes:
    for _ in range(rng.randint(1, 4)):
        choice = rng.randrange(7)
        at = rng.randint(0, len(data))
        if choice == 0 and data:
            i = rng.randrange(len(data))
            data = data[:i] + bytes([data[i] ^ (1 << rng.randrange(8))]) + data[i + 1 :]
        elif choice == 1 and data:
            end = min(len(data), at + rng.randint(1, 80))
            data = data[:at] + data[end:]
        elif choice == 2:
            lines = data.split(b"\n")
            i = rng.randrange(len(lines))
            lines.insert(i, lines[i])
            data = b"\n".join(lines)
        elif choice == 3:
            # At a line start, so that the fragment is often valid TOML where it lands.
            line_start = data.rfind(b"\n", 0, at) + 1
            data = data[:line_start] + rng.choice(FRAGMENTS).encode() + data[line_start:]
        elif choice == 4:
            data = data[:at] + rng.choice(FRAGMENTS).encode() + data[at:]
        elif choice == 5:
            data = b"\xef\xbb\xbf" + data  # an editor's byte-order mark
        else:
            data = (
                data[:at] + bytes(rng.randrange(256) for _ in range(rng.randint(1, 8))) + data[at:]
            )
    return data


@pytest.fixture
def seeded_file(corpus_dir: Path, annotations_dir: Path) -> tuple[Path, bytes]:
    doc = load_document(next(corpus_dir.glob("000_*.txt")))
    store = AnnotationStore(annotations_dir, analyst="fuzz")
    for i, claim in enumerate(doc.claims[:6]):
        store.set(claim, ("sourced", "disputed", "opinion", "skip")[i % 4], note=f"note {i}")
    path = store.path_for(doc)
    return path, path.read_bytes()


def test_mutated_annotation_files_never_crash_the_store(
    corpus_dir: Path, annotations_dir: Path, seeded_file: tuple[Path, bytes]
) -> None:
    path, original = seeded_file
    doc = load_document(next(corpus_dir.glob("000_*.txt")))
    rng = random.Random(SEED)
    outcomes = {"refused": 0, "read": 0}
    for case in range(CASES):
        data = _mutate(rng, original)
        path.write_bytes(data)
        store = AnnotationStore(annotations_dir, analyst="fuzz")
        state = store.load(doc)
        rows = [claim_json(claim, state) for claim in doc.claims]
        assert len(rows) == len(doc.claims)
        claim = doc.claims[rng.randrange(len(doc.claims))]
        if state.read_only:
            outcomes["refused"] += 1
            with pytest.raises(ReadOnlyDocument):
                store.set(claim, "skip")
            assert path.read_bytes() == data, f"case {case}: an unreadable file was written"
            continue
        outcomes["read"] += 1
        before = len(read(path).records)  # type: ignore[union-attr]
        try:
            store.set(claim, rng.choice(["sourced", "disputed", None]), note=f"case {case}")
        except AnnotationFileError as error:  # pragma: no cover - a message, never a crash
            pytest.fail(f"case {case}: a readable file could not be saved: {error}")
        after = read(path)
        assert after is not None
        assert len(after.records) >= before - 1, f"case {case}: records lost"
    # The mutations exercise both paths, or the fuzzer proves little.
    assert outcomes["refused"] > CASES // 10 and outcomes["read"] > CASES // 10, outcomes
