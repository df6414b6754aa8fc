"""The user's config file: ``$XDG_CONFIG_HOME/factcheck/config.toml`` (docs/format.md, "Config").

```toml
analyst = "Jane Doe"
theme = "textual-light"

[keys]
tag-disputed = "z"      # binding id = keys, comma-separated
```

A file that does not parse, or holds a value of the wrong type, is reported
in one sentence naming the file and line, and everything starts with its
defaults; such a file is never written. Writing one setting back (the reader
remembers a theme chosen in the palette) edits that one line of the text, so
comments, unknown keys and the order of the rest stay as the user left them.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tui.core import toml_read
from tui.core.atomic import write_atomic

TOP_LEVEL = ("analyst", "theme")


@dataclass(frozen=True)
class Config:
    path: Path
    analyst: str = ""
    theme: str = ""
    keys: dict[str, str] = field(default_factory=dict)
    """Binding id (``tag-disputed``) to keys (``"z"`` or ``"z,9"``)."""
    error: str | None = None
    """Why the file was not used (one sentence naming file and line), or ``None``."""

    @property
    def usable(self) -> bool:
        """The file parsed (or does not exist), so a setting may be written back."""
        return self.error is None


def config_home() -> Path:
    """``$XDG_CONFIG_HOME`` if absolute (the XDG spec ignores others), else ``~/.config``."""
    base = os.environ.get("XDG_CONFIG_HOME", "")
    return Path(base) if os.path.isabs(base) else Path.home() / ".config"


def config_path() -> Path:
    return config_home() / "factcheck" / "config.toml"


class ConfigError(ValueError):
    def __init__(self, path: Path, message: str, line: int | None = None) -> None:
        where = f"{path}, line {line}" if line else str(path)
        super().__init__(f"{where}: {message}")
        self.line = line


def load_config(path: Path | None = None) -> Config:
    """The config at ``path`` (default :func:`config_path`); defaults if missing or bad."""
    path = path or config_path()
    try:
        source = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        return Config(path)
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        return Config(path, error=_sentence(ConfigError(path, f"cannot be read ({reason})")))
    try:
        return parse_config(source, path)
    except ConfigError as error:
        return Config(path, error=_sentence(error))


def _sentence(error: ConfigError) -> str:
    return f"Config file {error}; using the defaults."


def parse_config(source: str, path: Path) -> Config:
    try:
        data = toml_read.strict_loads(source)
    except toml_read.TOMLDecodeError as error:
        message = str(error)
        found = re.search(r"\(at line (\d+), column \d+\)", message)
        line = int(found.group(1)) if found else None
        reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", message).rstrip(".")
        raise ConfigError(path, f"not valid TOML ({reason})", line) from None
    except RecursionError:
        raise ConfigError(path, "not valid TOML (nested too deeply)") from None
    values: dict[str, Any] = {}
    for name in TOP_LEVEL:
        value = data.get(name, "")
        if not isinstance(value, str):
            raise ConfigError(path, f"{name} must be a string", _line_of(source, name))
        values[name] = value.strip()
    keys = data.get("keys", {})
    if not isinstance(keys, dict):
        raise ConfigError(path, "keys must be a table ([keys])", _line_of(source, "keys"))
    mapped: dict[str, str] = {}
    for binding, value in keys.items():
        if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            value = ",".join(value)
        if not isinstance(value, str) or not value.strip():
            message = f'keys.{binding} must be keys such as "z" or "z,9"'
            raise ConfigError(path, message, _line_of(source, binding))
        mapped[str(binding)] = ",".join(k.strip() for k in value.split(",") if k.strip())
    return Config(path, keys=mapped, **values)


def _line_of(source: str, key: str) -> int | None:
    pattern = re.compile(rf"^\s*(\"{re.escape(key)}\"|'{re.escape(key)}'|{re.escape(key)})\s*=")
    for number, line in enumerate(source.splitlines(), 1):
        if pattern.match(line) or line.strip() == f"[{key}]":
            return number
    return None


def set_value(config: Config, name: str, value: str) -> Config:
    """Write top-level ``name = value`` into the file, keeping everything else as it is.

    Raises ``ConfigError`` for a file that did not parse (never overwritten)
    and ``OSError`` when it cannot be written.
    """
    if name not in TOP_LEVEL:
        raise ValueError(f"not a top-level setting: {name}")
    if not config.usable:
        raise ConfigError(config.path, "not written: it does not parse")
    path = config.path
    try:
        source = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        source = ""
    except UnicodeDecodeError:
        raise ConfigError(path, "not written: it is not UTF-8") from None
    updated = _with_value(source, name, value)
    try:
        before = toml_read.strict_loads(source)
        after = toml_read.strict_loads(updated)
    except toml_read.TOMLDecodeError:  # changed on disk meanwhile: leave it alone
        raise ConfigError(path, "not written: it does not parse") from None
    if after != {**before, name: value}:
        raise ConfigError(path, f"not written: {name} could not be set without changing more")
    write_atomic(path, updated)
    return parse_config(updated, path)


def _with_value(source: str, name: str, value: str) -> str:
    """``source`` with ``name = "value"`` replacing its top-level line, or added before tables."""
    line = f"{name} = {_toml_string(value)}"
    lines = source.splitlines(keepends=True)
    key = re.compile(rf"^\s*(\"{name}\"|'{name}'|{name})\s*=")
    for i, text in enumerate(lines):
        if text.lstrip().startswith("["):
            break  # top-level keys end at the first table
        if key.match(text):
            ending = "\n" if text.endswith("\n") else ""
            lines[i] = line + ending
            return "".join(lines)
    # Not there: after the last top-level key (or at the top), before the first table.
    first_table = next((i for i, t in enumerate(lines) if t.lstrip().startswith("[")), len(lines))
    insert_at = first_table
    while insert_at > 0 and not lines[insert_at - 1].strip():
        insert_at -= 1
    if insert_at and not lines[insert_at - 1].endswith("\n"):
        lines[insert_at - 1] += "\n"
    lines.insert(insert_at, line + "\n")
    return "".join(lines)


def _toml_string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    escaped = re.sub(r"[\x00-\x1f\x7f]", lambda m: f"\\u{ord(m.group()):04x}", escaped)
    return f'"{escaped}"'
