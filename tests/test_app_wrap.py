"""Wrapping document blocks into screen lines by terminal cell width."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len, get_character_cell_size

from tui.app.wrap import NARROW_RANGES, SPACER, is_narrow, wrap_document
from tui.core.blocks import split_blocks


def lines(text: str, width: int) -> list[str]:
    wrapped = wrap_document(text, list(split_blocks(text)), width)
    return [
        "" if block == SPACER else text[s:e]
        for s, e, block in zip(wrapped.starts, wrapped.ends, wrapped.blocks, strict=True)
    ]


def test_words_wrap_at_spaces_and_blocks_are_separated_by_a_blank_line() -> None:
    text = "Hello world, this is a test.\nSecond block here."
    assert lines(text, 12) == ["Hello world,", "this is a", "test.", "", "Second block", "here."]


def test_a_line_exactly_as_wide_as_the_pane_is_not_broken() -> None:
    assert lines("abcde fghij", 5) == ["abcde", "fghij"]
    assert lines("abcde", 5) == ["abcde"]


def test_a_word_longer_than_the_line_is_broken_hard() -> None:
    text = "start " + "x" * 200_000 + " end"
    result = lines(text, 80)
    assert result[0] == "start"
    assert all(cell_len(line) <= 80 for line in result)
    assert "".join(result[1:]) == "x" * 200_000 + "end"
    assert result[1:3] == ["x" * 80, "x" * 80]
    assert len(result) == 2 + 200_000 // 80


def test_wide_characters_are_measured_in_cells() -> None:
    text = "日本語のテキスト と English 漢字漢字漢字"
    result = lines(text, 7)
    assert all(cell_len(line) <= 7 for line in result)
    assert "".join(result).replace(" ", "") == text.replace(" ", "")


def test_line_of_finds_the_line_holding_an_offset() -> None:
    text = "aaaa bbbb cccc\ndddd"
    wrapped = wrap_document(text, list(split_blocks(text)), 4)
    assert wrapped.line_of(0) == 0
    assert wrapped.line_of(text.index("bbbb")) == 1
    assert wrapped.line_of(text.index("dddd")) == 4  # after the blank spacer line


def test_the_narrow_ranges_are_one_cell_wide_for_rich() -> None:
    for start, end in NARROW_RANGES:
        for code in range(max(start, 0x20), end + 1):
            assert get_character_cell_size(chr(code)) == 1, hex(code)
    assert is_narrow("Serbia’s “Centre” — é ü ж")
    assert not is_narrow("日")
    assert not is_narrow("e\u0301")  # a combining accent takes no cell


@settings(max_examples=150, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("ab  c.\n日é\u0301\t"), max_size=120),
    st.integers(min_value=1, max_value=30),
)
def test_every_line_fits_and_no_visible_character_is_lost(text: str, width: int) -> None:
    wrapped = wrap_document(text, list(split_blocks(text)), width)
    kept = []
    for s, e, block in zip(wrapped.starts, wrapped.ends, wrapped.blocks, strict=True):
        line = text[s:e].replace("\t", " ")
        if block != SPACER:
            assert cell_len(line) <= width or len(line) == 1 or cell_len(line[:1]) > width
        kept.append(line)
    squash = "".join(c for c in text if not c.isspace())
    assert "".join(c for c in "".join(kept) if not c.isspace()) == squash
    assert wrapped.starts == sorted(wrapped.starts)
