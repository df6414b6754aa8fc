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
