"""Who is tagging (docs/format.md, "Analyst"): the first of ``--analyst``, the config
file's ``analyst``, ``$FACTCHECK_ANALYST``, ``git config user.name``, the login name."""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata


def git_user_name() -> str:
    import subprocess  # only when no name is given otherwise: ~8 ms to import

    try:
        done = subprocess.run(
            ["git", "config", "user.name"], capture_output=True, text=True, timeout=2, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


def quick_analyst(explicit: str | None = None, configured: str | None = None) -> str:
    """The name if it is given without asking git (no subprocess); else ``""``."""
    for candidate in (explicit, configured, os.environ.get("FACTCHECK_ANALYST")):
        if candidate and candidate.strip():
            return candidate.strip()
    return ""


def resolve_analyst(explicit: str | None = None, configured: str | None = None) -> str:
    name = quick_analyst(explicit, configured) or git_user_name()
    if name:
        return name
    import getpass  # the last resort only: a command that tags nothing never asks

    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return ""


SLUG_MAX = 40
_FOLD = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ø": "o",
        "Ø": "o",
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "ð": "d",
        "Ð": "d",
        "þ": "th",
        "Þ": "th",
        "ı": "i",
    }
)  # letters Unicode does not decompose into an ASCII letter and a mark
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
SLUG_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$")
"""What an analyst's folder in ``annotations/`` is named like (docs/format.md)."""


def analyst_slug(name: str) -> str:
    """The analyst's folder name: lowercase ASCII letters, digits and ``-``, at most 40.

    ``"Zoë O'Brien"`` → ``zoe-o-brien``. A name with no letter that folds to
    ASCII (``"李雷"``) gets ``analyst-`` and 8 hex digits of its SHA-1, so it
    still has a folder of its own.
    """
    folded = unicodedata.normalize("NFKD", name.translate(_FOLD))
    ascii_only = folded.encode("ascii", "ignore").decode("ascii").lower()
    slug = _NOT_SLUG.sub("-", ascii_only).strip("-")[:SLUG_MAX].rstrip("-")
    if not slug:
        digest = hashlib.sha1(name.strip().encode("utf-8", "surrogatepass")).hexdigest()[:8]
        slug = f"analyst-{digest}"
    return slug
