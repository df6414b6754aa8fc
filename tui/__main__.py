"""Allow ``python -m tui``."""

from tui.cli.main import entry

entry()
