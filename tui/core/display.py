"""Text from files and people, made safe to show: one set of rules for every surface.

A file name, an analyst's name or a note can hold terminal escape sequences
(an OSC 52 that writes the clipboard, a CSI that clears the screen) and
characters that change how the text around them looks while being invisible
themselves: bidi overrides that make ``gpj.txt`` read as ``txt.jpg``,
zero-width spaces that make two names look the same, line separators that
split a row. docs/format.md ("Text shown to people") says what each surface
shows:

- names and notes (:func:`display`): control characters removed and the
  invisible ones written out as ``⟨U+202E⟩``, so a person sees what is there;
- article text where offsets must hold (:func:`display_fixed`): one
  character for one, controls as spaces and the invisible ones as ``◌``;
- JSON (:func:`json_escape`): the exact strings, with those characters as
  ``\\uXXXX`` escapes, so the data is lossless and a terminal shows the escape.
"""

from __future__ import annotations

import re

_INVISIBLE_RANGES = (
    (0x034F, 0x034F),  # combining grapheme joiner
    (0x061C, 0x061C),  # Arabic letter mark
    (0x115F, 0x1160),  # Hangul fillers (blank "letters" used for empty-looking names)
    (0x17B4, 0x17B5),  # Khmer inherent vowels (invisible)
    (0x180E, 0x180E),  # Mongolian vowel separator
    (0x200B, 0x200F),  # zero-width space, non-joiner, joiner; LRM, RLM
    (0x2028, 0x202E),  # line and paragraph separators; bidi embeddings and overrides
    (0x2060, 0x2064),  # word joiner, invisible operators
    (0x2066, 0x206F),  # bidi isolates; deprecated format characters
    (0x3164, 0x3164),  # Hangul filler
    (0xFEFF, 0xFEFF),  # zero-width no-break space (BOM)
    (0xFFA0, 0xFFA0),  # half-width Hangul filler
    (0xFFF9, 0xFFFB),  # interlinear annotation
    (0x1BCA0, 0x1BCA3),  # shorthand format controls
    (0x1D173, 0x1D17A),  # musical symbol format controls
    (0xE0001, 0xE0001),  # language tag
    (0xE0020, 0xE007F),  # tag characters (invisible ASCII look-alikes)
)
"""Characters that are not seen but change what is seen: Unicode's format
characters (category Cf) and separators (Zl, Zp) that render as nothing, and
the blank fillers used to fake empty names. Soft hyphen is left out: it is
common in real articles and harmless. Visible format characters (the Arabic
number signs) are left out too."""

_JOINERS = "\u200c\u200d"
"""Kept in article text: Persian, Indic scripts and emoji sequences need them."""

_CONTROL = r"\x00-\x08\x0b-\x1f\x7f-\x9f"
_CLASS = "".join(f"{chr(a)}-{chr(b)}" if a != b else chr(a) for a, b in _INVISIBLE_RANGES)
_INVISIBLE_RE = re.compile(f"[{_CLASS}]")
_HIDDEN_RE = re.compile(f"[{_CLASS}\x00-\x1f\x7f-\x9f]")
_LINE_BREAKS_RE = re.compile(r"\r\n?|[\n\t\x0b\x0c]")
_CONTROL_RE = re.compile(f"[{_CONTROL}]")
_FIXED_RE = re.compile(f"(?![{_JOINERS}])[{_CLASS}]")
_JSON_RE = re.compile(f"[{_CLASS}\x7f-\x9f]")
FIXED_MARK = "\u25cc"
"""◌, the placeholder for an invisible character in text whose offsets must hold."""


def visible_code(char: str) -> str:
    """``⟨U+202E⟩``: how an invisible character is written out."""
    return f"\u27e8U+{ord(char):04X}\u27e9"


def display(text: str, *, multiline: bool = False) -> str:
    """``text`` as a person should see it: controls removed, invisible characters visible.

    For names (file names, document ids, analysts), notes and sources, on a
    terminal and in every export. On one line (the default) line breaks and
    tabs become spaces; with ``multiline`` a line break is kept as ``\\n``
    (``\\r\\n`` and ``\\r`` too) and a tab stays a tab. Every other control
    character is removed, so an escape sequence cannot run; what is left of it
    (``[2J``) shows as text.
    """
    if _HIDDEN_RE.search(text) is None:
        return text
    if multiline:
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n")
        text = text.replace("\x0c", "\n")
    else:
        text = _LINE_BREAKS_RE.sub(" ", text)
    text = _CONTROL_RE.sub("", text)
    return _INVISIBLE_RE.sub(lambda m: visible_code(m.group(0)), text)


def display_fixed(text: str) -> str:
    """Article text for a terminal, one character for one so offsets and spans hold.

    Controls (tab and newline included) become spaces and invisible characters
    ``◌``; zero-width joiners stay, as real text needs them.
    """
    if _HIDDEN_RE.search(text) is None:
        return text
    text = _CONTROL_RE.sub(" ", text).replace("\n", " ").replace("\t", " ")
    return _FIXED_RE.sub(FIXED_MARK, text)


def has_invisible(text: str) -> bool:
    return _INVISIBLE_RE.search(text) is not None


def _json_code(char: str) -> str:
    code = ord(char)
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def json_escape(encoded: str) -> str:
    """JSON text (from ``json.dumps(..., ensure_ascii=False)``) with DEL, C1 and
    invisible characters escaped as ``\\uXXXX``: the same data once parsed, but
    printed to a terminal nothing runs or hides. (``json`` escapes C0 itself.)"""
    if _JSON_RE.search(encoded) is None:
        return encoded
    return _JSON_RE.sub(lambda m: _json_code(m.group(0)), encoded)


__all__ = ["FIXED_MARK", "display", "display_fixed", "has_invisible", "json_escape", "visible_code"]
