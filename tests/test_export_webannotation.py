"""The W3C Web Annotation export: structure per the Data Model, selectors that fit the text,
one annotation per analyst's tag (issue 13, item 5)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui.core.export import FORMATS, export, format_for_path, with_format_extension
from tui.core.export.webannotation import CONTEXT
from tui.core.metadata import path_for
from tui.core.workspace import Workspace, open_workspace

HOSTILE = "a \u202egpj.exe\u202c note\x1b[2J <script>alert(1)</script> \u200bzero"


@pytest.fixture
def team(corpus_dir: Path, annotations_dir: Path) -> tuple[Workspace, list]:
    def as_(name: str) -> Workspace:
        return open_workspace([corpus_dir], annotations=annotations_dir, analyst=name)

    doc = as_("alice").corpus.documents[0]
    one, two = doc.claims[1], doc.claims[3]
    as_("alice").store.set(one, "disputed", note=HOSTILE, sources=["https://e.org/a", "a book"])
    as_("bob").store.set(one, "sourced", note="bob found it", verdict=True)
    as_("alice").store.set(two, "opinion")
    return open_workspace([corpus_dir], annotations=annotations_dir), [one, two]


def _items(ws: Workspace) -> list[dict]:
    data = json.loads(export(ws, "webannotation"))
    assert data["@context"] == CONTEXT
    assert data["type"] == "AnnotationCollection"
    page = data["first"]
    assert page["type"] == "AnnotationPage" and page["partOf"] == data["id"]
    assert data["total"] == len(page["items"])
    return page["items"]


def test_every_annotation_has_the_required_keys_and_fitting_selectors(team):
    ws, (one, _) = team
    items = _items(ws)
    assert len(items) == 3  # one per analyst per claim
    text = one.doc.text
    for item in items:
        assert item["type"] == "Annotation"
        assert item["id"].startswith("urn:uuid:")
        assert {"body", "target", "creator", "created", "modified", "motivation"} <= set(item)
        assert item["creator"]["type"] == "Person" and item["creator"]["name"] in ("alice", "bob")
        target = item["target"]
        assert target["source"] == f"urn:factcheck:doc:{one.doc.id}"
        quote, position = target["selector"]
        assert quote["type"] == "TextQuoteSelector"
        assert position["type"] == "TextPositionSelector"
        start, end = position["start"], position["end"]
        assert quote["exact"] == text[start:end]
        assert text[:start].endswith(quote["prefix"]) and text[end:].startswith(quote["suffix"])
        assert {b["purpose"] for b in item["body"]} >= {"classifying"}
    assert len({item["id"] for item in items}) == 3


def test_bodies_say_label_note_sources_and_verdict(team):
    ws, (one, two) = team
    by = {(i["creator"]["name"], i["target"]["selector"][1]["start"]): i for i in _items(ws)}
    alice = by[("alice", one.start)]
    bodies = {(b["purpose"], b.get("value") or b.get("source")) for b in alice["body"]}
    assert bodies == {
        ("classifying", "disputed"),
        ("commenting", HOSTILE),  # exact once parsed
        ("citing", "https://e.org/a"),
        ("citing", "a book"),
    }
    link = next(b for b in alice["body"] if b.get("source"))
    assert link["type"] == "SpecificResource"
    bob = by[("bob", one.start)]
    assert bob["motivation"] == "assessing"
    assert ("assessing", "sourced") in {(b["purpose"], b.get("value")) for b in bob["body"]}
    assert by[("alice", two.start)]["motivation"] == "classifying"


def test_text_is_escaped_for_a_terminal_and_ids_are_stable(team):
    ws, _ = team
    raw = export(ws, "webannotation")
    for char in ("\u202e", "\u200b", "\x1b"):
        assert char not in raw
    assert "\\u202e" in raw and "\\u001b" in raw
    assert export(ws, "webannotation") == raw


def test_the_target_is_the_canonical_url_when_known(team, corpus_dir):
    ws, (one, _) = team
    path_for(one.doc.path, one.doc.id).write_text('url = "https://news.example/story"\n')
    ws = open_workspace([corpus_dir], annotations=corpus_dir.parent / "annotations")
    assert {i["target"]["source"] for i in _items(ws)} == {"https://news.example/story"}


def test_the_file_name_chooses_the_format():
    assert format_for_path(Path("x.anno.jsonld")) == "webannotation"
    assert format_for_path(Path("x.jsonld")) == "claimreview"
    assert "webannotation" in FORMATS
    assert with_format_extension(Path("a/x.jsonld"), "claimreview", "webannotation") == Path(
        "a/x.anno.jsonld"
    )
    assert with_format_extension(Path("x.anno.jsonld"), "webannotation", "markdown") == Path("x.md")
    assert with_format_extension(Path("x.txt"), "markdown", "csv") is None
