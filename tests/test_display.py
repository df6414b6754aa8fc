"""How a name, a note or an article's text looks once it reaches a person (issue 9, 5-6)."""

from __future__ import annotations

import json

import pytest

from tui.core.display import FIXED_MARK, display, display_fixed, has_invisible, json_escape

OSC52 = "aosc\x1b]52;c;SGVsbG8gZnJvbSBmaWxlbmFtZQ==\x1b\\x"
HOSTILE = [
    OSC52,
    "evil\x1b[2Jname",
    "row\nsplit",
    "csi\x9b2J",
    "bell\x07",
    "del\x7f",
]
INVISIBLE = ["\u202e", "\u200b", "\u2028", "\u2029", "\ufeff", "\u2066", "\u200f", "\U000e0041"]


@pytest.mark.parametrize("name", HOSTILE)
def test_display_leaves_no_control_character(name):
    shown = display(name)
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in shown)
    assert "\n" not in shown


def test_display_keeps_what_is_left_of_an_escape_readable():
    assert display("evil\x1b[2Jname") == "evil[2Jname"
    assert display(OSC52) == "aosc]52;c;SGVsbG8gZnJvbSBmaWxlbmFtZQ==\\x"
    assert display("row\nsplit\ttab") == "row split tab"


@pytest.mark.parametrize("char", INVISIBLE)
def test_display_writes_invisible_characters_out(char):
    shown = display(f"invoice{char}fdp.txt")
    assert char not in shown
    assert f"⟨U+{ord(char):04X}⟩" in shown
    assert not has_invisible(shown)


def test_display_of_a_bidi_spoofed_file_name():
    # "gpj.txt" shown right to left reads as "txt.jpg": the override is named instead.
    assert display("photo\u202egpj.txt") == "photo⟨U+202E⟩gpj.txt"


def test_display_leaves_ordinary_text_alone():
    for text in [
        "Vučić",
        "München ­Straße",
        "日本語のテキスト",
        "شكرا",
        "a\u00a0b",
        "👨\u200d👩"[:1],
    ]:
        assert display(text) == text


def test_display_multiline_keeps_line_breaks_and_nothing_else():
    assert display("one\r\ntwo\rthree\n\x1b[31mred", multiline=True) == "one\ntwo\nthree\n[31mred"
    assert display("a\u2028b", multiline=True) == "a⟨U+2028⟩b"


def test_display_fixed_keeps_length_for_offsets():
    text = "Serbia\u202e hosts\u200b a\tcentre\n\x1b[2J and \u200cjoins"
    shown = display_fixed(text)
    assert len(shown) == len(text)
    assert "\u202e" not in shown and "\u200b" not in shown and "\x1b" not in shown
    assert shown[6] == FIXED_MARK
    assert "\u200c" in shown  # a joiner real scripts need stays
    assert "\n" not in shown and "\t" not in shown


@pytest.mark.parametrize("char", [*INVISIBLE, "\x85", "\x9b", "\x7f"])
def test_json_escape_is_lossless_and_shows_the_escape(char):
    data = {"note": f"a{char}b", "name": "x"}
    encoded = json_escape(json.dumps(data, ensure_ascii=False))
    assert char not in encoded
    assert "\\u" in encoded
    assert json.loads(encoded) == data
