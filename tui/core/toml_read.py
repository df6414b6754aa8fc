r"""Reading TOML fast: ``rtoml`` (Rust) first, ``tomllib`` for whatever it does not read.

Annotation and page-metadata files are read by the hundred: 200 annotation
files took 0.1 s in ``tomllib`` (pure Python), 40% of a one-shot search of a
1,000-article corpus and most of the reader's progress count; ``rtoml`` reads
them ~10x faster with the same values. A text ``rtoml`` refuses (or anything
it raises) is parsed again by ``tomllib``, so a broken file fails with
``tomllib``'s error and line number, exactly as before. ``rtoml`` also reads
TOML 1.1, which ``tomllib`` (1.0) refuses: a text that may use it (an ``\e``
or ``\x`` escape, an inline table, a time without seconds; measured by
fuzzing our files) goes to ``tomllib`` only, so no file is read that was
refused before. Without ``rtoml`` installed, ``tomllib`` does it all.
"""

from __future__ import annotations

import re
from typing import Any

try:
    import rtoml
except ImportError:  # pragma: no cover - a dependency, but never a hard one
    rtoml = None  # type: ignore[assignment]


_BEYOND_1_0 = re.compile(r"\\[ex]|\{|(?<![\d:])\d\d:\d\d(?![:\d])")
"""What TOML 1.1 (and ``rtoml``) allows and 1.0 does not, or text that looks like it."""

_MINUTES = re.compile(r":\d\d(?![:\d])")
"""Where a time without seconds may end: sre finds a literal first far faster than a digit."""


def beyond_1_0(source: str) -> bool:
    """``_BEYOND_1_0.search(source) is not None``, ten times faster.

    Our files hold a time with seconds per record, and the pattern's leading
    ``\\d`` made the regex try every position of a file: a third of reading
    200 annotation files. Here the cheap tests go first, and each ``:MM``
    found is checked by hand for two digits before it and no digit or colon
    before those (``isdecimal`` is ``\\d``: Unicode category Nd).
    """
    if "\\e" in source or "\\x" in source or "{" in source:
        return True
    for found in _MINUTES.finditer(source):
        at = found.start()
        before = source[at - 3 : at] if at >= 3 else " " + source[:at]
        if (
            len(before) == 3
            and before[1:].isdecimal()
            and not before[0].isdecimal()
            and before[0] != ":"
        ):
            return True
    return False


def loads(source: str) -> dict[str, Any]:
    """Parse ``source``; raise ``TOMLDecodeError`` (or ``RecursionError``) as tomllib does."""
    if rtoml is not None and not beyond_1_0(source):
        try:
            return rtoml.loads(source)
        except Exception:
            pass
    return strict_loads(source)


def strict_loads(source: str) -> dict[str, Any]:
    """``tomllib.loads``: TOML 1.0 exactly (imported when first needed: ~6 ms of every start)."""
    import tomllib

    return tomllib.loads(source)


def __getattr__(name: str) -> object:
    """``TOMLDecodeError``: tomllib's, imported only when an ``except`` clause asks for it."""
    if name == "TOMLDecodeError":
        import tomllib

        return tomllib.TOMLDecodeError
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
