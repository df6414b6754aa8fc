"""Where a jump key lands: the next claim that passes a test, wrapping at the ends.

``n`` (next unreviewed), ``c`` (next contested) and the filtered moves all ask
the same question of a document's claims, so it is answered once, here, with
no screen: the reader only moves its cursor to the answer and says when the
search wrapped around.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from tui.core.model import Claim


@dataclass(frozen=True)
class Jump:
    index: int
    """The claim to move to."""
    wrapped: bool
    """The search went past the end (or the start) and came round."""


def next_claim(
    claims: Sequence[Claim], cursor: int, step: int, wanted: Callable[[Claim], bool]
) -> Jump | None:
    """The nearest claim after ``cursor`` (before it if ``step`` is -1) that is ``wanted``.

    The claim under the cursor comes last (after a full turn), so a single wanted
    claim is found even when the cursor is on it. ``None``: no claim is wanted.
    """
    count = len(claims)
    for distance in range(1, count + 1):
        index = (cursor + step * distance) % count
        if wanted(claims[index]):
            return Jump(index, index < cursor if step > 0 else index > cursor)
    return None
