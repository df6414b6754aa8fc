"""Decoding bytes into the one text every offset counts in (docs/format.md, "Terms")."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core import text as text_module
from tui.core.text import UnreadableText, clean_line, decode, looks_binary, strip_controls


def test_plain_utf8_is_unchanged() -> None:
    source = "Vučić said “no”.\tTabs stay.\nLines stay.\u00a0NBSP stays."
    decoded = decode(source.encode("utf-8"), "a.txt")
    assert decoded.text == source
    assert decoded.warning is None


def test_utf8_bom_is_removed() -> None:
    decoded = decode(b"\xef\xbb\xbfHello. World.", "bom.txt")
    assert decoded.text == "Hello. World."
    assert decoded.warning is None


def test_utf16_with_bom_is_decoded() -> None:
    decoded = decode("Kosovo – Srbija.".encode("utf-16"), "u16.txt")
    assert decoded.text == "Kosovo – Srbija."


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"a\r\nb", "a\nb"),
        (b"a\rb", "a\nb"),
        (b"a\r\n\r\nb\rc\n", "a\n\nb\nc\n"),
        (b"\r\r\n", "\n\n"),
    ],
)
def test_line_endings_become_newlines(raw: bytes, expected: str) -> None:
    assert decode(raw).text == expected


def test_invalid_utf8_warns_with_file_name_and_byte_offset() -> None:
    raw = "Čačak ok. ".encode() + b"\xff\xfe bad" + b" tail."
    decoded = decode(raw, "broken.txt")
    offset = len("Čačak ok. ".encode())
    assert decoded.warning is not None
    assert "broken.txt" in decoded.warning
    assert f"offset {offset}" in decoded.warning
    assert "\ufffd" in decoded.text
    assert decoded.text.endswith(" tail.")


def test_invalid_utf8_offset_counts_the_bom() -> None:
    """The byte offset is where the bad byte is in the file, BOM included."""
    decoded = decode(b"\xef\xbb\xbfabc\x80", "bom-bad.txt")
    assert decoded.warning is not None and "offset 6" in decoded.warning


def test_control_and_escape_characters_become_spaces_keeping_length() -> None:
    source = "Red\x1b[31m alert\x07 and\x00? no: \x08back\x7fdel\x9bcsi\x0bvt\x0cff end."
    # NUL would mark the bytes binary, so check strip_controls on the str directly.
    cleaned = strip_controls(source)
    assert len(cleaned) == len(source)
    assert not any(ord(c) < 0x20 and c not in "\t\n" for c in cleaned)
    assert not any(0x7F <= ord(c) <= 0x9F for c in cleaned)
    assert cleaned.startswith("Red [31m alert  and ? no:  back del csi vt ff end.")


def test_decode_replaces_escapes_in_files() -> None:
    raw = b"Title\x1b]0;pwned\x07\n\x1b[2JBody.\n"
    decoded = decode(raw, "esc.txt")
    assert "\x1b" not in decoded.text and "\x07" not in decoded.text
    assert decoded.text == "Title ]0;pwned \n [2JBody.\n"


def test_binary_is_refused() -> None:
    assert looks_binary(b"abc\x00def")
    with pytest.raises(UnreadableText, match=r"bin\.dat .*binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "bin.dat")


def test_huge_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(text_module, "MAX_BYTES", 100)
    decode(b"x" * 100, "ok.txt")
    with pytest.raises(UnreadableText, match=r"big\.txt is 101 bytes, over the 100 bytes limit"):
        decode(b"x" * 101, "big.txt")


def test_empty_bytes_give_empty_text() -> None:
    decoded = decode(b"", "empty.txt")
    assert decoded.text == "" and decoded.warning is None


def test_clean_line_is_one_safe_line() -> None:
    assert clean_line("a\nb\tc\x1b[0m\r") == "a b c [0m "


@given(st.text())
def test_strip_controls_keeps_length_and_leaves_no_control(value: str) -> None:
    cleaned = strip_controls(value)
    assert len(cleaned) == len(value)
    for before, after in zip(value, cleaned, strict=True):
        if before in "\t\n" or not (ord(before) < 0x20 or 0x7F <= ord(before) <= 0x9F):
            assert after == before
        else:
            assert after == " "


@given(st.text())
def test_clean_line_never_has_a_control(value: str) -> None:
    line = clean_line(value)
    assert all(ord(c) >= 0x20 and not 0x7F <= ord(c) <= 0x9F for c in line)


@given(st.binary(max_size=300))
def test_decode_never_crashes_and_offsets_are_in_clean_text(data: bytes) -> None:
    try:
        decoded = decode(data, "fuzz.txt")
    except UnreadableText:
        assert b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff"))
        return
    assert "\r" not in decoded.text
    assert all(c in "\t\n" or ord(c) >= 0x20 for c in decoded.text)


# --- the fast path: input that cleaning would not change is kept as it is -------------------


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
@settings(max_examples=300)
def test_decoded_utf8_is_the_text_exactly_when_given(text: str) -> None:
    data = text.encode("utf-8", "surrogatepass")
    if looks_binary(data):
        return
    decoded = decode(data)
    if decoded.utf8 is not None:
        assert decoded.utf8 == decoded.text.encode("utf-8") == data
    else:
        assert decoded.text != text or data.startswith(b"\xef\xbb\xbf")


@pytest.mark.parametrize(
    "data",
    [b"a\x85b", "a\u0085b".encode(), b"a\rb", b"a\x1bb", b"a\x7fb", b"\xef\xbb\xbfab", b"a\xc2"],
)
def test_input_cleaning_changes_is_not_kept(data: bytes) -> None:
    decoded = decode(data)
    assert decoded.utf8 is None
    assert "\x1b" not in decoded.text and "\x85" not in decoded.text and "\r" not in decoded.text


def test_plain_utf8_with_no_break_spaces_is_kept() -> None:
    data = "Vučić\u00a0said «no»\n".encode()
    assert decode(data).utf8 == data
