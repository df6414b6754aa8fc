"""Annotation files read by rtoml where it agrees with tomllib, by tomllib for everything else."""

from __future__ import annotations

import tomllib

import pytest

from tui.core import toml_read

WRITTEN = """format = 2
document = "000.txt"
analyst = "alice"

[[claim]]
id = "c82e555dd"
label = "disputed"
note = "He said \\"never\\" — twice.\\nSecond line."
sources = ["https://example.org/a"]
updated = 2026-12-02T04:23:00Z
"""


def test_what_we_write_reads_the_same_as_with_tomllib() -> None:
    assert toml_read.rtoml is not None  # the fast reader is installed (a dependency)
    assert toml_read.loads(WRITTEN) == tomllib.loads(WRITTEN)


@pytest.mark.parametrize(
    "text",
    [
        'note = "an \\e escape"\n',  # TOML 1.1: ESC
        'note = "\\x41"\n',  # TOML 1.1: \xHH
        "updated = 2026-12-02T04:23Z\n",  # TOML 1.1: no seconds
        "table = { a = 1,\n b = 2 }\n",  # TOML 1.1: a newline in an inline table
        'label = "disputed"\nlabel = "sourced"\n',  # a key twice
        "[[claim]\nid = 1\n",
    ],
)
def test_what_tomllib_refuses_is_refused_with_its_error(text: str) -> None:
    with pytest.raises(tomllib.TOMLDecodeError) as expected:
        tomllib.loads(text)
    with pytest.raises(tomllib.TOMLDecodeError) as found:
        toml_read.loads(text)
    assert str(found.value) == str(expected.value)  # the same message and line


def test_without_rtoml_tomllib_reads_it_all(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(toml_read, "rtoml", None)
    assert toml_read.loads(WRITTEN) == tomllib.loads(WRITTEN)


def test_the_fast_guard_answers_as_the_pattern_does() -> None:
    """``beyond_1_0`` is the regex's answer, on text made of what the regex looks at."""
    import random

    from tui.core.toml_read import _BEYOND_1_0, beyond_1_0

    rng = random.Random(14)
    alphabet = [
        "1",
        "2",
        "0",
        ":",
        ":",
        "\\",
        "e",
        "x",
        "{",
        " ",
        "\n",
        "a",
        "\u0663",
        "\u00b2",
        '"',
    ]
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        assert beyond_1_0(text) == (_BEYOND_1_0.search(text) is not None), repr(text)
    for text in [
        "at 12:30",
        "12:30",
        "x12:30:00",
        "2026-12-02T14:18:54Z",
        "1:23:45",
        "\u0663\u0663:12",
    ]:
        assert beyond_1_0(text) == (_BEYOND_1_0.search(text) is not None), text
