"""Atomic output: write beside the target, fsync, then ``os.replace``.

A failed export (an exception anywhere inside the ``with`` block) removes the temp file and
leaves the target exactly as it was: no half-written PDF, and an older PDF of the same name
survives.

Several outputs of one export (print PDF, proof PNG, N-up sheet, sign-off sheet) are written
all or none inside :func:`all_or_nothing`: each file stays in its temp file until the whole
block has succeeded, then they are renamed into place together; if anything fails (an
unwritable folder for the proof, say) every temp file is removed and no target changes.
:meth:`OutputGroup.current` gives the path that holds a target's new content meanwhile.

Temp files are ``.<name>.<random>.part`` beside the target (names within the file system's
limit, held with a lock; ones left by a killed export are removed by the next export of the
same target). Outputs get the user's normal permissions (0666 minus the umask), or keep the
mode of the file they replace.
"""
from __future__ import annotations

import contextlib
import contextvars
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from app.errors import ExportError, display_path
from app.io import tempfiles

TEMP_SUFFIX = ".part"
#: Name bytes left free for pikepdf, which saves through its own ``.pikepdf.<name><random>``.
NAME_RESERVE = 24


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)   # "No space left on device", "Too many levels of symbolic links"


def shown(path: str | os.PathLike[str]) -> str:
    """A path fit for a one-line message (undecodable bytes as \\x.., no line breaks)."""
    return display_path(path)


class _Staged:
    def __init__(self, fd: int, tmp: Path, target: Path) -> None:
        self.fd, self.tmp, self.target = fd, tmp, target

    def finish(self) -> None:
        """fsync and set the final mode; the rename comes later (or now, outside a group)."""
        with open(self.tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        try:
            mode = stat.S_IMODE(os.stat(self.target).st_mode)
        except OSError:
            mode = tempfiles.default_mode()
        os.chmod(self.tmp, mode)

    def discard(self) -> None:
        with contextlib.suppress(OSError):
            os.unlink(self.tmp)
        self.close()

    def close(self) -> None:
        if self.fd >= 0:
            with contextlib.suppress(OSError):
                os.close(self.fd)
            self.fd = -1


class OutputGroup:
    """The outputs of one :func:`all_or_nothing` block, held in their temp files."""

    def __init__(self) -> None:
        self.staged: list[_Staged] = []

    def current(self, target: str | os.PathLike[str]) -> Path:
        """Where ``target``'s new content is now: its temp file while staged, else itself."""
        t = Path(target)
        for s in reversed(self.staged):
            if s.target == t:
                return s.tmp
        return t

    def _commit(self) -> None:
        for s in self.staged:
            if s.target.is_dir():
                raise ExportError(f"cannot write {shown(s.target)}: it is a folder; give a file name")
        done: list[_Staged] = []
        try:
            for s in self.staged:
                os.replace(s.tmp, s.target)
                done.append(s)
        except OSError as exc:
            raise ExportError(f"cannot write {shown(s.target)}: {_reason(exc)}") from exc
        finally:
            for s in self.staged:
                if s not in done:
                    s.discard()
                s.close()
            for folder in {s.target.parent for s in done}:
                _fsync_dir(folder)

    def _discard(self) -> None:
        for s in self.staged:
            s.discard()


_GROUP: contextvars.ContextVar[OutputGroup | None] = contextvars.ContextVar("cardwise_output_group",
                                                                            default=None)


@contextlib.contextmanager
def all_or_nothing() -> Iterator[OutputGroup]:
    """Every :func:`atomic_output` inside the block lands only if the whole block succeeds."""
    outer = _GROUP.get()
    if outer is not None:   # nested: the outer block decides
        yield outer
        return
    group = OutputGroup()
    token = _GROUP.set(group)
    try:
        yield group
    except BaseException:
        group._discard()
        raise
    finally:
        _GROUP.reset(token)
    try:
        group._commit()
    except BaseException:
        group._discard()
        raise


@contextlib.contextmanager
def atomic_output(target: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temp path in the target's folder; on success it replaces the target (at the
    end of the enclosing :func:`all_or_nothing` block, if there is one)."""
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    try:   # os.stat, not Path.is_dir(): a symlink loop (ELOOP) is not "does not exist"
        folder_is_dir = stat.S_ISDIR(os.stat(folder).st_mode)
    except FileNotFoundError:
        folder_is_dir = False
    except OSError as exc:
        raise ExportError(f"cannot write {shown(target)}: {_reason(exc)}") from exc
    if not folder_is_dir:
        raise ExportError(f"cannot write {shown(target)}: the folder {shown(folder)} does not exist")
    tempfiles.remove_stale(target, TEMP_SUFFIX, NAME_RESERVE)
    try:
        fd, tmp = tempfiles.create(target, TEMP_SUFFIX, NAME_RESERVE)
    except OSError as exc:
        raise ExportError(f"cannot write {shown(target)}: {_reason(exc)}") from exc
    staged = _Staged(fd, tmp, target)
    group = _GROUP.get()
    try:
        yield tmp
        staged.finish()
        if group is not None:
            group.staged.append(staged)
            return
        if target.is_dir():
            raise ExportError(f"cannot write {shown(target)}: it is a folder; give a file name")
        os.replace(tmp, target)
    except OSError as exc:   # full disk, read-only file, permissions: one readable line, nothing left behind
        staged.discard()
        raise ExportError(f"cannot write {shown(target)}: {_reason(exc)}") from exc
    except BaseException:
        staged.discard()
        raise
    staged.close()
    _fsync_dir(folder)


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):  # make the rename itself durable where the OS allows it
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
