"""Atomic file writes and a cross-process lock.

A save must never leave half a file: write a temporary file in the same
folder, flush, ``fsync``, then ``os.replace`` it over the old one.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


def write_atomic(path: Path, data: str | bytes) -> None:
    """Replace ``path`` with ``data`` so readers see the old file or the new, never a mix."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = _mode_for(path)
    import tempfile  # ~6 ms to import, so only once something is written

    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            if hasattr(os, "fchmod"):  # POSIX
                os.fchmod(handle.fileno(), mode)
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)


TEMP_SUFFIX = ".tmp"
_TEMP_RE = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")
"""What ``mkstemp`` names our temporary files: ``.<name>.<8 random characters>.tmp``."""


def ignore_in_git(folder: Path, text: str) -> None:
    """Write ``folder``'s ``.gitignore`` (``text``: why, then the patterns) unless the
    folder has one already, as a file or a link: a team's own is never replaced."""
    ignore = folder / ".gitignore"
    if not ignore.exists() and not ignore.is_symlink():
        write_atomic(ignore, text)


def remove_stale_temps(folder: Path, *, suffix: str = "") -> int:
    """Delete temporary files a crashed save left in ``folder``; return how many.

    Only call this while holding the folder's lock: every save of that folder
    takes the lock, so any temporary file of our naming found then belongs to
    a writer that died (a kill -9 mid-save leaves one, mode 600, maybe empty).
    ``suffix`` narrows it to temporaries of files ending so (``".toml"``).
    """
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        name = entry.name
        if not _TEMP_RE.match(name) or not name[: -len(".12345678.tmp")].endswith(suffix):
            continue
        try:
            if entry.is_file(follow_symlinks=False):
                os.unlink(entry.path)
                removed += 1
        except OSError:
            pass  # someone else cleaned it, or we may not: a later save tries again
    return removed


def _mode_for(path: Path) -> int:
    """The permissions the file should keep: its own, or what ``open()`` would give a new one.

    ``mkstemp`` makes files readable by their owner only; annotation files are
    meant to be shared (and committed), so a save must not change who can read them.
    """
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return 0o666 & ~_umask()


def _umask() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)  # no /proc: read it the only portable way, and put it back
    os.umask(mask)
    return mask


_UNSUPPORTED = {errno.EINVAL, errno.ENOTSUP, errno.EBADF, errno.EACCES, errno.EISDIR}
"""Errors that mean "this system cannot fsync a folder", not "the data is lost"."""


class DurabilityError(OSError):
    """The new file is in place but the folder could not be synced: a crash may undo it."""


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (POSIX).

    Where folders cannot be synced at all this is a no-op; a real failure
    (EIO) is raised, since the rename may not survive a crash.
    """
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError as error:
        if error.errno not in _UNSUPPORTED:
            raise DurabilityError(error.errno, error.strerror, str(folder)) from None
    finally:
        os.close(fd)


class LockError(OSError):
    """The lock file cannot be used (a symbolic link, not a file, or not writable)."""


@contextlib.contextmanager
def locked(lock_path: Path) -> Iterator[None]:
    """Hold an exclusive advisory lock on ``lock_path`` (created if missing).

    A symbolic link is never followed (``tag`` would otherwise create or
    lock whatever file it points to) and only a regular file is used.
    """
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(lock_path, flags | getattr(os, "O_NONBLOCK", 0), 0o666)
    except OSError as error:
        if error.errno == errno.ELOOP or lock_path.is_symlink():
            raise LockError(
                errno.ELOOP, "is a symbolic link, which factcheck does not follow", str(lock_path)
            ) from None
        raise LockError(error.errno, error.strerror, str(lock_path)) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise LockError(errno.EINVAL, "is not a regular file", str(lock_path))
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            yield
        finally:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
