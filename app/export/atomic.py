"""Atomic output: write beside the target, fsync, then ``os.replace``.

A failed export (an exception anywhere inside the ``with`` block) removes the temp file and
leaves the target exactly as it was: no half-written PDF, and an older PDF of the same name
survives.
"""
from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from app.errors import ExportError


@contextlib.contextmanager
def atomic_output(target: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temp path in the target's folder; on success it replaces the target."""
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"cannot write {target}: the folder {folder} does not exist")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise ExportError(f"cannot write {target}: {exc.strerror or exc}") from exc
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        if target.is_dir():
            raise ExportError(f"cannot write {target}: it is a folder; give a file name")
        os.replace(tmp, target)
    except OSError as exc:   # full disk, read-only file, permissions: one readable line, nothing left behind
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise ExportError(f"cannot write {target}: {exc.strerror or exc}") from exc
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable where the OS allows it
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
