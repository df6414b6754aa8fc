"""The alias table: names that stand for one another (UN ↔ United Nations, Belgrade ↔ Serbia).

A lexical matcher cannot know that "the U.N." and "the United Nations" are one
body, so the package ships a table of such names (``aliases.toml`` beside this
module) and a project extends it with its own ``aliases.toml`` in the
annotations folder, in the same form (see docs/format.md). Every way of writing
a name becomes one token, so it matches as one word.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from tui.core.normalize import terms

DEFAULTS = Path(__file__).with_name("aliases.toml")
FILE_NAME = "aliases.toml"


class AliasError(ValueError):
    """An alias file that cannot be read: the message names the file and the problem."""


@dataclass(frozen=True)
class Aliases:
    table: dict[tuple[str, ...], str] = field(default_factory=dict)
    """Folded term sequence -> the canonical name's key."""
    acronyms: frozenset[tuple[str, ...]] = frozenset()
    """Sequences written in capitals in the table ("US", "WHO"): they match only in
    capitals in a claim, so "told us" and "who said" stay words."""
    longest: int = 0
    starts: dict[str, tuple[int, ...]] = field(default_factory=dict)
    """First term -> lengths of the sequences starting with it, longest first."""

    def __len__(self) -> int:
        return len(self.table)


def load_aliases(folder: Path | None = None) -> Aliases:
    """The shipped table, extended by ``folder/aliases.toml`` when it exists."""
    groups = _read(DEFAULTS)
    if folder is not None and (folder / FILE_NAME).is_file():
        for name, variants in _read(folder / FILE_NAME).items():
            groups[name] = groups.get(name, []) + variants
    return aliases_from(groups)


def aliases_from(groups: dict[str, list[str]]) -> Aliases:
    """Build a table from ``{name: [other ways of writing it]}``."""
    table: dict[tuple[str, ...], str] = {}
    acronyms: set[tuple[str, ...]] = set()
    for name, variants in groups.items():
        key = " ".join(terms(name))
        if not key:
            continue
        for written in [name, *variants]:
            found = tuple(terms(written))
            if not found:
                continue
            table[found] = key
            if written.isupper() or written.replace(".", "").isupper():
                acronyms.add(found)
            else:
                acronyms.discard(found)
    starts: dict[str, set[int]] = {}
    for found in table:
        starts.setdefault(found[0], set()).add(len(found))
    return Aliases(
        table,
        frozenset(acronyms),
        max((len(k) for k in table), default=0),
        {first: tuple(sorted(lengths, reverse=True)) for first, lengths in starts.items()},
    )


def _read(path: Path) -> dict[str, list[str]]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise AliasError(f"{path}: cannot read the alias table ({error}).") from error
    table = data.get("alias", {})
    if not isinstance(table, dict):
        raise AliasError(f"{path}: [alias] must be a table of name = [names].")
    groups: dict[str, list[str]] = {}
    for name, variants in table.items():
        if isinstance(variants, str):
            variants = [variants]
        if not isinstance(variants, list) or not all(isinstance(v, str) for v in variants):
            raise AliasError(f"{path}: alias {name!r} must be a list of names.")
        groups[str(name)] = list(variants)
    return groups
