"""Temporary files beside a target, for atomic saves and exports.

An atomic write creates ``.<name>.<8 random chars><suffix>`` in the target's folder, writes
and fsyncs it, then ``os.replace``s it over the target. A process killed in between (kill -9,
power loss) leaves that temp file behind; nothing else would ever remove it. So:

* the writer holds an exclusive ``flock`` on its temp file for as long as it exists;
* :func:`remove_stale` (called by the next save, export or open of the same target) deletes
  the files that match *this target's* temp pattern exactly and whose lock it can take —
  a file another Cardwise process is still writing is locked and left alone;
* bytes of the target's name that are not UTF-8 become ``_`` in the temp name;
* the name is cut so it stays within the file system's name limit (``NAME_MAX``, usually
  255 bytes) even when the target's own name is near that limit.

Where ``fcntl`` is missing (not POSIX) no lock can be taken, and stale files are left alone.
"""
from __future__ import annotations

import contextlib
import os
import re
import secrets
import stat
from pathlib import Path

try:   # standard library, POSIX only
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

_RANDOM_CHARS = 8
_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789_"


def name_max(folder: Path) -> int:
    """The longest file name (bytes) the folder's file system accepts."""
    try:
        return int(os.pathconf(folder, "PC_NAME_MAX"))
    except (OSError, ValueError, AttributeError):
        return 255


def _prefix(target: Path, suffix: str, reserve: int = 0) -> bytes:
    """``.<name>.`` in bytes, the name cut (on a UTF-8 boundary) so that prefix + random part
    + suffix fits in NAME_MAX."""
    folder = target.parent if str(target.parent) else Path(".")
    room = min(name_max(folder), 255) - reserve - 2 - _RANDOM_CHARS - len(os.fsencode(suffix))
    # bytes that are not UTF-8 become "_": libraries that take str paths (pikepdf, reportlab)
    # must be able to open the temp file even when the target's name is not UTF-8
    text = os.fsdecode(target.name)
    name = "".join("_" if 0xDC80 <= ord(ch) <= 0xDCFF else ch for ch in text).encode("utf-8", "replace")
    if len(name) > room:
        name = name[:room]
        while name and (name[-1] & 0xC0) == 0x80:   # do not split a UTF-8 sequence
            name = name[:-1]
        if name and name[-1] >= 0xC0:
            name = name[:-1]
    return b"." + name + b"."


def _pattern(target: Path, suffix: str, reserve: int = 0) -> re.Pattern[bytes]:
    return re.compile(re.escape(_prefix(target, suffix, reserve)) + b"[a-z0-9_]{%d}" % _RANDOM_CHARS
                      + re.escape(os.fsencode(suffix)))


def create(target: Path, suffix: str, reserve: int = 0) -> tuple[int, Path]:
    """A new, locked temp file beside ``target``; returns (fd, path). The caller keeps ``fd``
    open (the lock) until the temp file is renamed or removed, then closes it. ``reserve``
    bytes of the name limit are left free for a library that makes its own sibling temp
    file from this name (pikepdf adds 17)."""
    folder = target.parent if str(target.parent) else Path(".")
    prefix = _prefix(target, suffix, reserve)
    for _ in range(100):
        name = prefix + "".join(secrets.choice(_ALPHABET) for _ in range(_RANDOM_CHARS)).encode() \
            + os.fsencode(suffix)
        path = Path(os.fsdecode(os.path.join(os.fsencode(folder), name)))
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o600)
        except FileExistsError:
            continue
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:   # a cleaner locked it in the instant after creation: try another
                os.close(fd)
                continue
            # a cleaner may have removed it between creation and our lock: make sure it is ours
            try:
                if os.stat(path, follow_symlinks=False).st_ino != os.fstat(fd).st_ino:
                    raise FileNotFoundError
            except FileNotFoundError:
                os.close(fd)
                continue
        return fd, path
    raise FileExistsError(f"no free temporary name beside {target}")


def remove_stale(target: Path, suffix: str, reserve: int = 0) -> list[Path]:
    """Remove temp files of ``target`` left by interrupted writes (only unlocked files matching
    this target's own pattern); returns what was removed. Never raises."""
    if fcntl is None:
        return []
    folder = target.parent if str(target.parent) else Path(".")
    removed: list[Path] = []
    try:
        pattern = _pattern(target, suffix, reserve)
        names = os.listdir(os.fsencode(folder))
    except OSError:
        return removed
    for name in names:
        if not pattern.fullmatch(name):
            continue
        path = os.path.join(os.fsencode(folder), name)
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
                         | getattr(os, "O_CLOEXEC", 0))
        except OSError:
            continue
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                continue
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                continue   # another Cardwise process is writing it
            with contextlib.suppress(OSError):
                if os.stat(path, follow_symlinks=False).st_ino == st.st_ino:
                    os.unlink(path)
                    removed.append(Path(os.fsdecode(path)))
        finally:
            os.close(fd)
    return removed


def umask() -> int:
    """The process umask, read without changing it where the OS allows (thread-safe)."""
    with contextlib.suppress(OSError, ValueError):
        with open("/proc/self/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    m = os.umask(0o022)
    os.umask(m)
    return m


def default_mode() -> int:
    """The mode a new file gets from an ordinary program: 0666 minus the umask."""
    return 0o666 & ~umask()
