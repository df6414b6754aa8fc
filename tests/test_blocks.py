"""Blocks: every non-blank line, trimmed, classified paragraph / heading / boilerplate."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.core.blocks import BlockKind, classify, split_blocks
from tui.core.corpus import load_document

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _kinds(name: str) -> list[tuple[BlockKind, str]]:
    doc = load_document(next(SEEDS.glob(f"{name}_*.txt")))
    return [(block.kind, doc.text[block.start : block.end]) for block in doc.blocks]


def _of_kind(name: str, kind: BlockKind) -> list[str]:
    return [line for k, line in _kinds(name) if k is kind]


def test_boilerplate_of_003_is_recognised() -> None:
    boilerplate = _of_kind("003", BlockKind.BOILERPLATE)
    assert boilerplate[:3] == ["Skip to content", "Go to my account", boilerplate[2]]
    assert boilerplate[2].startswith("https://twitter.com/")
    assert "Share with a friend" in boilerplate
    starts = ("Your membership includes", "Please note that we at", "You are currently using")
    for start in starts:
        assert any(line.startswith(start) for line in boilerplate), start
    # No real paragraph of the article is mistaken for furniture.
    assert not any("hybrid occupation" in line for line in boilerplate)


def test_boilerplate_of_004_is_recognised() -> None:
    assert _of_kind("004", BlockKind.BOILERPLATE) == ["Post a Comment", "Previous Post Next Post"]


def test_headings_of_004_are_its_title_and_subheads() -> None:
    title = (
        "British Report Warns: Serbia and Russia Cooperate to Destabilize Kosovo "
        "and the Western Balkans"
    )
    assert _of_kind("004", BlockKind.HEADING) == [
        title,
        title,
        "Kosovo at the Center of Regional Security Tensions",
        "Russian and Serbian Operations in the Western Balkans",
        "The UK’s Call for a Coordinated Western Response",
        "Addressing Russian Threats and Supporting Kosovo",
        "Strengthening Euro-Atlantic Integration for Long-Term Stability",
    ]


def test_captions_and_credits_of_002_are_headings() -> None:
    headings = _of_kind("002", BlockKind.HEADING)
    assert "Vucic and Putin in Sochi, Russia, November 2021" in headings
    assert "Mikhail Klimentye / Sputnik / Reuters" in headings
    assert headings[:2] == ["Selected Articles Review", "Russia’s Second Front in Europe"]
    assert _of_kind("002", BlockKind.BOILERPLATE) == ["WP Radio", "WP Radio"]


def test_000_is_all_paragraphs() -> None:
    assert {kind for kind, _ in _kinds("000")} == {BlockKind.PARAGRAPH}


@pytest.mark.parametrize("name", ["000", "001", "002", "003", "004"])
def test_seed_blocks_are_the_trimmed_lines(name: str) -> None:
    doc = load_document(next(SEEDS.glob(f"{name}_*.txt")))
    lines = [line.strip() for line in doc.text.split("\n") if line.strip()]
    assert [doc.text[b.start : b.end] for b in doc.blocks] == lines
    assert all(b.start < b.end for b in doc.blocks)
    assert all(a.end < b.start for a, b in zip(doc.blocks, doc.blocks[1:], strict=False))


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Skip to content", BlockKind.BOILERPLATE),
        ("SHARE THIS ARTICLE", BlockKind.BOILERPLATE),
        ("Leave a Reply", BlockKind.BOILERPLATE),
        ("— Advertisement —", BlockKind.BOILERPLATE),
        ("https://example.org/path?q=1", BlockKind.BOILERPLATE),
        ("www.example.org", BlockKind.BOILERPLATE),
        ("Click here to subscribe to our newsletter today.", BlockKind.BOILERPLATE),
        ("Russia’s Second Front in Europe", BlockKind.HEADING),
        ("(Photo by ANDREJ ISAKOVIC/AFP via Getty Images)", BlockKind.HEADING),
        ("Why would Moscow oppose it?", BlockKind.PARAGRAPH),
        ("It ended.", BlockKind.PARAGRAPH),
        ("“It is over,” he said.", BlockKind.PARAGRAPH),
        ("He said it was “over.”", BlockKind.PARAGRAPH),
        ("Bargaining power:", BlockKind.PARAGRAPH),
        (" ".join(["word"] * 30), BlockKind.PARAGRAPH),
        ("See https://example.org for more.", BlockKind.PARAGRAPH),
    ],
)
def test_classify(line: str, kind: BlockKind) -> None:
    assert classify(line) is kind


def test_split_blocks_offsets_skip_blank_and_indented_space() -> None:
    text = "\n\n  Title here  \n\t\n\u00a0Body one. Two.\nlast line without newline"
    blocks = list(split_blocks(text))
    assert [text[b.start : b.end] for b in blocks] == [
        "Title here",
        "Body one. Two.",
        "last line without newline",
    ]


def test_split_blocks_of_empty_text() -> None:
    assert list(split_blocks("")) == []
    assert list(split_blocks("\n \n\t\n")) == []


@given(st.text(alphabet=st.sampled_from("ab .\n\t\u00a0“”")))
def test_split_blocks_covers_every_non_blank_line(text: str) -> None:
    blocks = list(split_blocks(text))
    assert [text[b.start : b.end] for b in blocks] == [
        line.strip() for line in text.split("\n") if line.strip()
    ]
