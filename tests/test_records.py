"""The annotation file format: exact round-trips, kept unknown keys, errors with file and line."""

from __future__ import annotations

import tomllib
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.core.records import (
    KEY_ORDER,
    Annotation,
    AnnotationFile,
    AnnotationFileError,
    clean_string,
    parse,
    read,
)

PATH = Path("annotations/doc.toml")

# Every code point, lone surrogates included: notes are typed or pasted by people.
ANY_TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=200)
AWKWARD = st.one_of(
    ANY_TEXT,
    st.sampled_from(
        [
            'say "no"',
            "back\\slash\\",
            '"""',
            "'''",
            'ends with a quote"',
            "line one\nline two\n",
            "crlf\r\nline",
            "lone\rcr",
            "tab\there",
            "bell\x07 esc\x1b[31m nul\x00 del\x7f c1\x85\x9b",
            "emoji 😀🇷🇸👩‍👩‍👧",
            "עברית ومرحبا RTL \u202e override",
            "lone \ud800 high and \udfff low",
            "\ufeffbom and \u2028 separators \u2029",
            "[[claim]]\nlabel = 'fake'",
            "x" * 20_000,
        ]
    ),
)


def _roundtrip(file: AnnotationFile) -> AnnotationFile:
    return parse(file.dumps(), PATH)


def test_clean_string() -> None:
    assert clean_string("plain") == "plain"
    assert clean_string("a\ud800b") == "a\ufffdb"
    assert clean_string("a\r\nb\rc") == "a\nb\nc"
    assert clean_string("😀") == "😀"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(note=AWKWARD, quote=AWKWARD, source=AWKWARD, extra=AWKWARD, analyst=AWKWARD)
def test_awkward_strings_round_trip(
    note: str, quote: str, source: str, extra: str, analyst: str
) -> None:
    record = Annotation(
        label="disputed",
        quote=quote,
        start=3,
        end=9,
        id="c12345678",
        prefix=quote[:32],
        suffix=note[:32],
        note=note,
        sources=[source, 'https://example.org/a?b=c&d="e"'],
        analyst=analyst,
        updated=datetime(2026, 11, 22, 10, 15, tzinfo=UTC),
        extra={"reviewer_comment": extra, "nested": {"k": extra, "n": [1, 2]}},
    )
    file = AnnotationFile("doc.txt", "ab" * 32, [record], {"future_key": extra})
    back = _roundtrip(file)
    (got,) = back.records
    assert got.note == clean_string(note)
    assert got.quote == clean_string(quote)
    assert got.prefix == clean_string(quote[:32]) and got.suffix == clean_string(note[:32])
    assert got.analyst == clean_string(analyst)
    expected_sources = [s for s in (clean_string(source),) if s] + [record.sources[1]]
    assert got.sources == expected_sources
    cleaned = clean_string(extra)
    assert got.extra == {"reviewer_comment": cleaned, "nested": {"k": cleaned, "n": [1, 2]}}
    assert back.extra == {"future_key": clean_string(extra)}
    assert (got.label, got.start, got.end, got.id, got.updated) == (
        "disputed",
        3,
        9,
        "c12345678",
        record.updated,
    )
    # A second round trip changes nothing: cleaning is done once, on the way out.
    assert _roundtrip(back).dumps() == back.dumps()


def test_none_in_unknown_keys_is_dropped_not_a_crash() -> None:
    record = Annotation("skip", "q", 0, 1, extra={"gone": None, "list": [1, None, 2]})
    file = AnnotationFile("doc.txt", records=[record], extra={"top_gone": None})
    back = _roundtrip(file)
    assert back.records[0].extra == {"list": [1, 2]} and back.extra == {}


def test_keys_in_design_order_and_records_sorted_by_start() -> None:
    late = Annotation("sourced", "late", 50, 60, id="cbbbbbbbb", note="n", updated=None)
    early = Annotation(
        "opinion",
        "early",
        5,
        10,
        id="caaaaaaaa",
        prefix="p",
        suffix="s",
        note="why",
        sources=["u"],
        analyst="ann",
        updated=datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC),
        extra={"zz_future": 1},
        verdict=True,
        own_label="disputed",
    )
    text = AnnotationFile("doc.txt", "f" * 64, [late, early], {"project": "x"}, format=1).dumps()
    data = tomllib.loads(text)
    assert list(data) == ["format", "document", "sha256", "project", "claim"]
    assert [c["start"] for c in data["claim"]] == [5, 50]
    assert list(data["claim"][0]) == [*KEY_ORDER, "zz_future"]
    # Format 2 names the analyst once, at the top.
    late.analyst = "ann"
    data = tomllib.loads(AnnotationFile("doc.txt", "f" * 64, [late, early], analyst="ann").dumps())
    assert list(data) == ["format", "document", "analyst", "sha256", "claim"]
    assert data["analyst"] == "ann" and all("analyst" not in c for c in data["claim"])
    assert data["claim"][0]["verdict"] is True and "verdict" not in data["claim"][1]
    # Empty optional fields are left out; the required ones never are.
    assert list(data["claim"][1]) == ["id", "label", "quote", "start", "end", "note"]
    assert "updated = 2026-01-02T03:04:05Z" in text


def test_required_keys_written_even_when_empty() -> None:
    data = tomllib.loads(AnnotationFile("d.txt", records=[Annotation("skip", "", 0, 0)]).dumps())
    assert data["claim"] == [{"label": "skip", "quote": "", "start": 0, "end": 0}]


def test_naive_datetime_is_read_as_utc() -> None:
    source = 'format = 1\n[[claim]]\nlabel = "skip"\nquote = "q"\nstart = 0\nend = 1\n'
    source += "updated = 2026-11-22T10:15:00\n"
    (record,) = parse(source, PATH).records
    assert record.updated == datetime(2026, 11, 22, 10, 15, tzinfo=UTC)


def test_a_single_source_string_is_accepted() -> None:
    source = 'format = 1\n[[claim]]\nlabel = "skip"\nquote = "q"\nstart = 0\nend = 1\n'
    (record,) = parse(source + 'sources = "https://a.example"\n', PATH).records
    assert record.sources == ["https://a.example"]


def _file(*claims: dict[str, Any], top: str = "format = 1\n") -> str:
    text = top
    for claim in claims:
        text += "\n[[claim]]\n"
        for key, value in claim.items():
            text += f"{key} = {value}\n"
    return text


GOOD = {"label": '"disputed"', "quote": '"q"', "start": 0, "end": 1}


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ({**GOOD, "label": '"maybe"'}, "unknown label 'maybe'"),
        ({"label": '"skip"', "quote": '"q"', "start": 0}, "has no `end`"),
        ({**GOOD, "start": 5, "end": 2}, "do not make a span"),
        ({**GOOD, "start": -1}, "do not make a span"),
        ({**GOOD, "end": "true"}, "whole numbers"),
        ({**GOOD, "start": "1.5"}, "whole numbers"),
        ({**GOOD, "quote": "3"}, "`quote` must be a string"),
        ({**GOOD, "note": "[1]"}, "`note` must be a string"),
        ({**GOOD, "sources": "[1, 2]"}, "list of strings"),
        ({**GOOD, "updated": '"yesterday"'}, "date and time"),
    ],
)
def test_bad_record_names_file_and_the_line_of_its_header(
    bad: dict[str, Any], message: str
) -> None:
    # The first record's note holds a fake header line, which must not be counted.
    first = {**GOOD, "note": '"""\n[[claim]]\nnot a header"""'}
    source = _file(first, GOOD, bad)
    headers = [i + 1 for i, line in enumerate(source.split("\n")) if line == "[[claim]]"]
    assert len(headers) == 4  # three records and the fake
    header_line = headers[-1]
    with pytest.raises(AnnotationFileError) as caught:
        parse(source, PATH)
    error = caught.value
    assert message in str(error)
    assert error.line == header_line
    assert str(error).startswith(f"{PATH}, line {header_line}: ")


def test_invalid_toml_names_the_line() -> None:
    source = 'format = 1\ndocument = "d.txt"\n\n[[claim]]\nlabel = "skip\nquote = "q"\n'
    with pytest.raises(AnnotationFileError) as caught:
        parse(source, PATH)
    assert caught.value.line == 5
    assert str(caught.value).startswith(f"{PATH}, line 5: not valid TOML")


def test_unknown_format_is_refused() -> None:
    with pytest.raises(AnnotationFileError, match=r"line 2: format 3 is not one"):
        parse('document = "d.txt"\nformat = 3\n', PATH)
    with pytest.raises(AnnotationFileError, match=r"format True is not one"):
        parse("format = true\n", PATH)


def test_format_2_gives_every_record_the_files_analyst() -> None:
    source = (
        'format = 2\ndocument = "d.txt"\nanalyst = "Jane Doe"\n'
        '[[claim]]\nlabel = "skip"\nverdict = true\nquote = "q"\nstart = 0\nend = 1\n'
        '[[claim]]\nlabel = "none"\nquote = "r"\nstart = 2\nend = 3\n'
    )
    stored = parse(source, PATH)
    assert stored.format == 2 and stored.analyst == "Jane Doe"
    assert [(r.analyst, r.verdict, r.cleared) for r in stored.records] == [
        ("Jane Doe", True, False),
        ("Jane Doe", False, True),
    ]
    # "none" (a cleared tag) only means something in format 2.
    with pytest.raises(AnnotationFileError, match="unknown label 'none'"):
        parse(source.replace("format = 2", "format = 1"), PATH)
    with pytest.raises(AnnotationFileError, match="`verdict` must be true or false"):
        parse(source.replace("verdict = true", 'verdict = "yes"'), PATH)


def test_claim_must_be_an_array_of_tables() -> None:
    with pytest.raises(AnnotationFileError, match="array of tables"):
        parse('format = 1\nclaim = "oops"\n', PATH)


def test_read_missing_file_is_none(tmp_path: Path) -> None:
    assert read(tmp_path / "none.toml") is None


def test_read_non_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_bytes(b'format = 1\ndocument = "d.txt"\nnote = "\xff"\n')
    with pytest.raises(AnnotationFileError) as caught:
        read(path)
    assert caught.value.line == 3 and str(path) in str(caught.value)


def test_read_a_folder_is_an_error_not_a_crash(tmp_path: Path) -> None:
    folder = tmp_path / "dir.toml"
    folder.mkdir()
    with pytest.raises(AnnotationFileError, match="is a folder, not a regular file"):
        read(folder)


def test_touched_stamps_a_new_time() -> None:
    record = Annotation("skip", "q", 0, 1, updated=datetime(2000, 1, 1, tzinfo=UTC))
    newer = record.touched(label="opinion")
    assert newer.label == "opinion" and record.label == "skip"
    assert newer.updated is not None and newer.updated > record.updated  # type: ignore[operator]
    assert newer.updated.tzinfo is not None and newer.updated.microsecond == 0
