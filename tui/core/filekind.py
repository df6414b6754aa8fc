"""What a path that is not a regular file is, in the words of a one-sentence message.

The store refuses such annotation files and the export refuses such targets;
both say what they found with this one function.
"""

from __future__ import annotations

import stat


def describe_kind(mode: int) -> str:
    """``"a folder"``, ``"a socket"``… for an ``st_mode`` that is not a regular file's."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    return "a special file"
