"""The model learned from the team's tags: it learns, it is stored safely, and it is rebuilt."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from tui.core.checkworthy import checkworthiness
from tui.core.checkworthy_model import (
    MIN_TAGS,
    Model,
    digest_of,
    enough,
    load,
    model_path,
    save,
    target,
    team_model,
    train,
)

# This newsroom checks claims about the harbour and leaves the weather aside:
# nothing the cues know about.
CHECKED = [
    "The harbour authority dredged the eastern channel",
    "Harbour fees went to the new pier fund",
    "The harbour board met behind closed doors",
    "Ferries left the harbour without inspections",
    "The harbour master approved the new moorings",
]
SKIPPED = [
    "The weather turned grey over the hills again",
    "A light drizzle fell on the weather station",
    "The weather was mild for the time of year",
    "Clouds and weather came in from the west",
    "The weather kept the walkers indoors",
]


def team_tags(count: int = 60, seed: int = 0) -> list[tuple[str, bool]]:
    rng = random.Random(seed)
    tags = []
    for i in range(count):
        worth = i % 2 == 0
        base = rng.choice(CHECKED if worth else SKIPPED)
        tags.append((f"{base} on day {i % 7} of the week.", worth))
    return tags


def test_labels_map_to_worth_checking():
    assert target("sourced") is True and target("disputed") is True
    assert target("opinion") is False and target("skip") is False
    assert target("unknown") is None


def test_too_few_tags_train_nothing(tmp_path: Path):
    assert not enough(team_tags(MIN_TAGS - 1))
    assert not enough([("A harbour claim here.", True)] * 40)  # one side only
    assert team_model(tmp_path, team_tags(MIN_TAGS - 1)) is None
    assert not model_path(tmp_path).exists()


def test_the_model_learns_what_the_team_checks():
    model = train(team_tags())
    harbour = "The harbour authority sold the old quay last spring."
    weather = "The weather was lovely by the old quay last spring."
    # The cues see two alike sentences; the team's model tells them apart.
    assert abs(checkworthiness(harbour).score - checkworthiness(weather).score) <= 10
    assert model.worth(harbour).score > model.worth(weather).score + 20
    assert "like the claims the team checked" in model.worth(harbour).reasons
    assert "but like the claims the team set aside" in model.worth(weather).reasons


def test_training_is_deterministic():
    first, second = train(team_tags()), train(team_tags())
    assert first.weights == second.weights and first.bias == second.bias


def test_stored_model_is_plain_json_ignored_by_git_and_reloaded(tmp_path: Path):
    tags = team_tags()
    model = team_model(tmp_path, tags)
    assert model is not None
    path = model_path(tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == 1 and data["digest"] == digest_of(tags)
    assert (path.parent / ".gitignore").read_text(encoding="utf-8").strip().endswith("*")
    again = load(path, digest_of(tags))
    assert again is not None
    assert again.weights == pytest.approx(model.weights, abs=1e-6)
    text = "The harbour fees rose again."
    assert again.worth(text).score == model.worth(text).score


def test_a_model_for_other_tags_is_rebuilt(tmp_path: Path):
    team_model(tmp_path, team_tags())
    before = model_path(tmp_path).read_text(encoding="utf-8")
    more = [*team_tags(), ("The harbour dredging cost nothing extra.", True)]
    assert load(model_path(tmp_path), digest_of(more)) is None
    assert team_model(tmp_path, more) is not None
    assert model_path(tmp_path).read_text(encoding="utf-8") != before


@pytest.mark.parametrize(
    "content",
    [
        "",
        "{not json",
        "[1, 2, 3]",
        '{"format": 99}',
        '{"format": 1, "dimensions": 262144, "bias": "x", "weights": [], "examples": 1}',
        '{"format": 1, "dimensions": 262144, "bias": 0, "weights": [[-1, 1.0]], "examples": 1}',
        '{"format": 1, "dimensions": 262144, "bias": 0, "weights": [[1, NaN]], "examples": 1}',
        '{"format": 1, "dimensions": 12, "bias": 0, "weights": [], "examples": 1}',
        "\x80\x81 not utf-8",
    ],
)
def test_a_corrupt_model_file_is_ignored_and_rebuilt(tmp_path: Path, content: str):
    path = model_path(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_bytes(content.encode("utf-8", "surrogateescape") if content else b"")
    assert load(path) is None
    tags = team_tags()
    model = team_model(tmp_path, tags)
    assert model is not None
    assert load(path, digest_of(tags)) is not None


def test_a_model_that_cannot_be_saved_is_still_used(tmp_path: Path):
    blocker = tmp_path / "annotations"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    assert team_model(blocker, team_tags()) is not None


def test_saving_writes_no_pickle(tmp_path: Path):
    path = tmp_path / "m.json"
    save(Model(bias=0.5, weights={3: 1.25}, examples=2, digest="d"), path)
    assert path.read_bytes().startswith(b"{")
    loaded = load(path)
    assert loaded is not None and loaded.weights == {3: 1.25}
