"""Where an export goes: a regular file replaced atomically, or a stream written as it is.

``os.replace`` over ``/dev/full`` or ``/dev/stdout`` (as root) would turn the
device, or the link to the shell's output, into a regular file and the output
would go nowhere the user looks. So a character device or a FIFO, directly or
through a link, is opened and written like a stream; a link to a regular file
is followed and its target replaced (the link stays); anything else that is not
a regular file (a folder, a socket, a block device) is refused with a message.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from tui.core.atomic import write_atomic
from tui.core.filekind import describe_kind

STDOUT = "-"


class OutputError(ValueError):
    """A target an export will not write to; the message says why in one sentence."""


def is_stream(path: Path) -> bool:
    """``-``, or a character device or FIFO (through any links): written directly."""
    if str(path) == STDOUT:
        return True
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)


def check_target(path: Path) -> None:
    """Raise :class:`OutputError` if ``path`` is neither a stream, a regular file nor new."""
    if is_stream(path):
        return
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        if path.is_symlink():
            raise OutputError(
                f"{path} is a link to {os.readlink(path)}, which does not exist"
            ) from None
        return
    except OSError:
        return  # the write itself fails and says why (not a folder, no permission)
    if not stat.S_ISREG(mode):
        raise OutputError(f"{path} is {describe_kind(mode)}; give a file name")


def write_output(path: Path, data: str, file_prefix: str = "") -> Path:
    """Write ``data`` to ``path``; return where it went (a link's target for a file).

    ``-`` is standard output; a device or FIFO gets the text as a stream, as
    if printed; a regular file (or a new one) gets ``file_prefix`` (the CSV's
    BOM) and the text, replaced atomically, through a link if it is one, so a
    reader never sees half an export.
    """
    check_target(path)
    if str(path) == STDOUT:
        sys.stdout.write(data)
        sys.stdout.flush()
        return path
    if is_stream(path):
        with open(path, "w", encoding="utf-8") as stream:
            stream.write(data)
        return path
    target = path.resolve() if path.is_symlink() else path
    write_atomic(target, file_prefix + data)
    return target


__all__ = ["STDOUT", "OutputError", "check_target", "is_stream", "write_output"]
