"""Who is tagging: ``--analyst``, else ``$FACTCHECK_ANALYST``, else git, else the login."""

from __future__ import annotations

import getpass
import os
import subprocess


def git_user_name() -> str:
    try:
        done = subprocess.run(
            ["git", "config", "user.name"], capture_output=True, text=True, timeout=2, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


def resolve_analyst(explicit: str | None = None) -> str:
    for candidate in (explicit, os.environ.get("FACTCHECK_ANALYST")):
        if candidate and candidate.strip():
            return candidate.strip()
    name = git_user_name()
    if name:
        return name
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return ""
