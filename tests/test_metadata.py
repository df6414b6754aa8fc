"""Document metadata files (``<corpus>/<id>.toml``) and the one question exports ask."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from tui.core import metadata
from tui.core.export import export
from tui.core.metadata import Author, Boundary, Metadata, MetadataError, document_metadata
from tui.core.workspace import open_workspace

FULL = """\
url = "https://news.example/2026/story"
title = "Mayor denies the toll rise"
published = 2026-11-20
site = "News Example"
fetched = 2026-12-01T18:00:00Z
colour = "kept as it is"

[author]
type = "Organization"
name = "News Example Staff"
url = "https://news.example/staff"
"""


def corpus(tmp_path: Path, text: str = "Headline here\n\nThe toll rose by 12 percent.\n") -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "story.txt").write_text(text, encoding="utf-8")
    return folder


def test_reads_every_field_and_keeps_unknown_keys(tmp_path: Path) -> None:
    path = tmp_path / "story.toml"
    path.write_text(FULL, encoding="utf-8")
    meta = metadata.read(path)
    assert meta is not None and meta.warnings == []
    assert meta.url == "https://news.example/2026/story"
    assert meta.title == "Mayor denies the toll rise"
    assert meta.published == date(2026, 11, 20)
    assert meta.site == "News Example"
    assert meta.fetched == datetime(2026, 12, 1, 18, 0, tzinfo=UTC)
    assert meta.author == Author("News Example Staff", "Organization", "https://news.example/staff")
    assert meta.extra == {"colour": "kept as it is"}
    again = metadata.parse(meta.dumps(), path)
    assert again == meta


def test_author_as_a_plain_name_and_a_date_as_a_string(tmp_path: Path) -> None:
    meta = metadata.parse(
        'author = "Jane  Doe"\npublished = "2026-11-20T09:00:00+01:00"\n', tmp_path
    )
    assert meta.author == Author("Jane Doe")
    assert meta.published == date(2026, 11, 20)
    assert 'author = "Jane Doe"' in meta.dumps()


def test_a_bad_value_is_a_warning_and_survives_a_rewrite(tmp_path: Path) -> None:
    path = tmp_path / "story.toml"
    path.write_text('published = "last Tuesday"\nurl = "javascript:alert(1)"\n', encoding="utf-8")
    meta = metadata.read(path)
    assert meta is not None and meta.published is None and meta.url is None
    assert len(meta.warnings) == 2 and any("`published`" in w for w in meta.warnings)
    metadata.update(path, lambda m: m)
    text = path.read_text(encoding="utf-8")
    assert 'published = "last Tuesday"' in text and "javascript:alert(1)" in text


def test_a_corrupt_file_warns_and_is_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "story.toml"
    broken = 'title = "unterminated\n'
    path.write_text(broken, encoding="utf-8")
    meta, warnings = metadata.read_safely(path)
    assert meta is None and len(warnings) == 1
    assert "story.toml, line 1" in warnings[0] and "ignored until fixed" in warnings[0]
    with pytest.raises(MetadataError):
        metadata.update(path, lambda m: m)
    assert path.read_text(encoding="utf-8") == broken


def test_not_utf8_and_a_bad_boundary_name_the_problem(tmp_path: Path) -> None:
    path = tmp_path / "story.toml"
    path.write_bytes(b'title = "ok"\n\xff\n')
    with pytest.raises(MetadataError, match="line 2"):
        metadata.read(path)
    path.write_text('[[boundary]]\naction = "explode"\nstart = 3\n', encoding="utf-8")
    with pytest.raises(MetadataError, match=r"boundary\]\] number 1: unknown action"):
        metadata.read(path)


def test_update_is_atomic_and_keeps_boundaries_sorted(tmp_path: Path) -> None:
    path = tmp_path / "story.toml"
    later = Boundary("split", 40, before="one", after="two")
    sooner = Boundary("noclaim", 5, quote="Share this")
    metadata.update(path, lambda m: Metadata(title="T", boundaries=[later, sooner]))
    text = path.read_text(encoding="utf-8")
    assert text.index('action = "noclaim"') < text.index('action = "split"')
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    assert metadata.read(path).boundaries == [sooner, later]


def test_document_metadata_prefers_the_file_then_format1_keys_then_a_first_line_url(
    tmp_path: Path,
) -> None:
    folder = corpus(tmp_path, "https://old.example/first-line\nHeadline\n\nA sentence here.\n")
    annotations = tmp_path / "annotations"
    annotations.mkdir()
    (annotations / "story.toml").write_text(
        'format = 1\ndocument = "story.txt"\ntitle = "Old title"\nauthor = "Old Author"\n'
        'published = "2024-01-02"\n',
        encoding="utf-8",
    )
    ws = open_workspace([folder], annotations=annotations)
    doc = ws.corpus.get("story")
    meta = document_metadata(doc, annotations)
    assert (meta.url, meta.title, meta.author, meta.published) == (
        "https://old.example/first-line",
        "Old title",
        Author("Old Author"),
        date(2024, 1, 2),
    )
    (folder / "story.toml").write_text('title = "New title"\n', encoding="utf-8")
    meta = document_metadata(doc, annotations)
    assert meta.title == "New title" and meta.author == Author("Old Author")
    (folder / "story.toml").write_text("title = [\n", encoding="utf-8")
    meta = document_metadata(doc, annotations)
    assert meta.title == "Old title" and "not valid TOML" in meta.warnings[0]


def test_claimreview_names_the_article_from_the_metadata_file(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    (folder / "story.toml").write_text(FULL, encoding="utf-8")
    ws = open_workspace([folder], annotations=tmp_path / "annotations", analyst="Ana")
    claim = ws.corpus.get("story").claims[1]
    ws.store.set(claim, "sourced")
    (review,) = json.loads(export(ws, "claimreview"))
    article = review["itemReviewed"]["appearance"]
    assert article == {
        "@type": "CreativeWork",
        "headline": "Mayor denies the toll rise",
        "url": "https://news.example/2026/story",
        "author": {
            "@type": "Organization",
            "name": "News Example Staff",
            "url": "https://news.example/staff",
        },
        "datePublished": "2026-11-20",
    }
    (doc,) = json.loads(export(ws, "json"))["documents"]
    assert (doc["title"], doc["author"], doc["published"], doc["site"]) == (
        "Mayor denies the toll rise",
        "News Example Staff",
        "2026-11-20",
        "News Example",
    )


def test_a_corrupt_metadata_file_is_a_load_warning_and_the_document_opens(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    (folder / "story.toml").write_text('site = "ok"\ntitle = "unterminated\n', encoding="utf-8")
    ws = open_workspace([folder])
    doc = ws.corpus.get("story")
    assert doc is not None and len(doc.claims) == 2
    (warning,) = ws.corpus.warnings
    assert "story.toml, line 2" in warning and "not valid TOML" in warning


def test_the_corpus_looks_for_metadata_files_by_their_suffix() -> None:
    from tui.core import corpus

    assert corpus.METADATA_SUFFIX == metadata.SUFFIX
