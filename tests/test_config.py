"""The config file (core only): reading, bad files, writing one setting back, the analyst order."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tui.core import analyst as analyst_module
from tui.core.analyst import resolve_analyst
from tui.core.config import ConfigError, config_path, load_config, set_value


def test_the_tests_never_read_the_developers_own_config() -> None:
    assert config_path().is_relative_to(Path(os.environ["XDG_CONFIG_HOME"]))
    assert not str(config_path()).startswith(str(Path.home() / ".config"))


def test_xdg_config_home_or_the_home_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert config_path() == tmp_path / "factcheck" / "config.toml"
    monkeypatch.setenv("XDG_CONFIG_HOME", "relative/ignored")
    assert config_path() == Path.home() / ".config" / "factcheck" / "config.toml"


def test_a_missing_file_means_defaults(tmp_path: Path) -> None:
    config = load_config(tmp_path / "config.toml")
    assert (config.analyst, config.theme, config.keys, config.error) == ("", "", {}, None)


def test_analyst_theme_and_keys_are_read(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        'analyst = " Jane Doe "\ntheme = "nord"\n\n[keys]\ntag-disputed = "z"\n'
        'search = ["f", "slash"]\n',
        "utf-8",
    )
    config = load_config(path)
    assert config.analyst == "Jane Doe" and config.theme == "nord"
    assert config.keys == {"tag-disputed": "z", "search": "f,slash"}


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ('analyst = "x"\ntheme = \n', 2, "not valid TOML"),
        ("analyst = 3\n", 1, "analyst must be a string"),
        ('theme = "a"\n[keys]\ntag-disputed = 5\n', 3, "keys.tag-disputed"),
        ('keys = "z"\n', 1, "keys must be a table"),
    ],
)
def test_a_bad_file_is_one_sentence_naming_file_and_line(
    tmp_path: Path, text: str, line: int, words: str
) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text, "utf-8")
    config = load_config(path)
    assert config.error is not None and "\n" not in config.error
    assert f"{path}, line {line}: " in config.error and words in config.error
    assert config.error.endswith("using the defaults.")
    assert (config.analyst, config.theme, config.keys) == ("", "", {})


def test_setting_the_theme_keeps_comments_order_and_unknown_keys(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    text = (
        "# my settings\n"
        'analyst = "Jane"  # me\n'
        'theme = "nord"\n'
        "future = 1\n"
        "\n"
        "[keys]\n"
        '# remaps\ntag-disputed = "z"\n'
    )
    path.write_text(text, "utf-8")
    config = set_value(load_config(path), "theme", "textual-light")
    assert path.read_text("utf-8") == text.replace('"nord"', '"textual-light"')
    assert config.theme == "textual-light" and config.keys == {"tag-disputed": "z"}


def test_setting_a_value_not_there_yet_goes_before_the_first_table(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('analyst = "Jane"\n\n[keys]\nundo = "U"\n', "utf-8")
    set_value(load_config(path), "theme", 'we"ird\\name')
    reread = load_config(path)
    assert reread.theme == 'we"ird\\name' and reread.keys == {"undo": "U"}
    assert path.read_text("utf-8").index("theme") < path.read_text("utf-8").index("[keys]")
    fresh = tmp_path / "new" / "config.toml"  # no file, no folder yet
    set_value(load_config(fresh), "theme", "nord")
    assert load_config(fresh).theme == "nord"


def test_a_file_that_does_not_parse_is_never_written(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("theme = = broken\n", "utf-8")
    with pytest.raises(ConfigError, match="does not parse"):
        set_value(load_config(path), "theme", "nord")
    assert path.read_text("utf-8") == "theme = = broken\n"


def test_the_analyst_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(analyst_module, "git_user_name", lambda: "Git Name")
    monkeypatch.setenv("FACTCHECK_ANALYST", "Env Name")
    assert resolve_analyst("Flag", "Config") == "Flag"
    assert resolve_analyst(None, "Config") == "Config"
    assert resolve_analyst(None, " ") == "Env Name"
    monkeypatch.delenv("FACTCHECK_ANALYST")
    assert resolve_analyst(None, "") == "Git Name"
    monkeypatch.setattr(analyst_module, "git_user_name", lambda: "")
    monkeypatch.setattr("getpass.getuser", lambda: "login")
    assert resolve_analyst() == "login"
