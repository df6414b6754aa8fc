"""The jump keys' search (n, N and the like), without a screen."""

from __future__ import annotations

from tui.core.model import Claim, ClaimKind
from tui.core.navigation import Jump, next_claim


def claims(count: int) -> list[Claim]:
    """Claims of no document: the search looks only at what ``wanted`` says of them."""
    return [
        Claim(None, i, f"c{i}", 0, 0, ClaimKind.CLAIM, 0)  # type: ignore[arg-type]
        for i in range(count)
    ]


def test_forward_finds_the_nearest_wanted_claim_after_the_cursor() -> None:
    wanted = {1, 4}
    assert next_claim(claims(6), 1, 1, lambda c: c.index in wanted) == Jump(4, False)


def test_forward_wraps_to_the_top_and_says_so() -> None:
    assert next_claim(claims(6), 4, 1, lambda c: c.index == 1) == Jump(1, True)


def test_backward_wraps_to_the_bottom_and_says_so() -> None:
    assert next_claim(claims(6), 1, -1, lambda c: c.index == 5) == Jump(5, True)
    assert next_claim(claims(6), 4, -1, lambda c: c.index == 2) == Jump(2, False)


def test_the_claim_under_the_cursor_comes_last() -> None:
    assert next_claim(claims(3), 1, 1, lambda c: c.index == 1) == Jump(1, False)


def test_none_when_no_claim_is_wanted() -> None:
    assert next_claim(claims(3), 0, 1, lambda c: False) is None
