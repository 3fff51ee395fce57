"""Stored verdicts: the designer's first underlines for a card it has judged before.

The designer's checker process (``app.checkproc``) needs about a second of CPU (importing
spaCy, building the pipelines) before it can judge anything. A card the user opens has very
often been judged before, unchanged: the last time it was open, or just before it was saved.
So the checker process keeps the verdict of every card state the user stopped at (no new
request for a moment, or the designer closing) here, and while it is still loading it
answers a request for a card it has stored at once; anything else waits for the checker,
as before.

An entry is named by a digest (:meth:`VerdictStore.key`) of everything the verdict depends on:

* the snapshot's contents (each side's text and boxes, QR payloads, artwork shapes, the
  card's ignores and element order), the marketplace profile and the disabled rules;
* :func:`engine_digest`: the rule packs (and trained models, if any) byte for byte, the
  checker's own code (the ``checks`` package and the modules that judge a snapshot, byte for
  byte; in the frozen bundle, which has no ``.py`` files, the app version and the
  executable's size and modification time, a new build being a new executable), the
  installed spaCy, lookup-table and SudachiPy packages (their size and modification time)
  and the Python version.

Any change to any of them is another name, so a stale verdict is never read. An entry is
written whole (a temporary file, then ``os.replace``), carries a SHA-256 of its own bytes,
and is read back only into the verdict's own classes (a pickle restricted to
:data:`_ALLOWED`). The folder (``verdicts/`` in the user's cache folder,
``checks.resources.user_cache_dir``) keeps the :data:`MAX_ENTRIES` most recently used
entries. Anything that goes wrong — a read-only or full disk, a damaged or foreign entry —
only means the card is judged as before: nothing is reported and nothing is lost.

Only deep verdicts are kept: a ``provisional`` one (judged with ``deep=False`` while the
sentence encoder had sentences left to read) is refused by :meth:`VerdictStore.put` and
never read back, so a stored verdict may answer a ``deep=False`` request and a deep one
alike.

Qt-free; imports nothing heavy (it runs in the checker process before spaCy is loaded).
"""
from __future__ import annotations

import hashlib
import io
import os
import pickle
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from checks.parsed_cache import write_atomic
from checks.resources import keyed_by_stat

if TYPE_CHECKING:
    from app.verdict import CardSnapshot, Verdict

#: part of every key: bump when what is stored changes meaning
FORMAT = 1
#: entries kept (each a few kB): the least recently used go first
MAX_ENTRIES = 200
SUFFIX = ".verdict"

#: the only classes an entry may hold (besides tuples, dicts, strings and numbers)
_ALLOWED = {
    ("app.verdict", "Verdict"),
    ("checks.findings", "Finding"),
    ("checks.findings", "Category"),
    ("checks.findings", "Severity"),
    ("checks.findings", "Source"),
}
#: the third-party packages whose version changes what the checker finds
_LIBRARIES = ("spacy", "spacy_lookups_data", "sudachipy", "sudachidict_small")

_ENGINE: bytes | None = None
_ENGINE_LOCK = threading.Lock()


def _source_files() -> list[Path]:
    """The checker's own code: the ``checks`` package and the modules that judge a snapshot."""
    import checks

    app_dir = Path(__file__).resolve().parent
    files = sorted(Path(checks.__file__).resolve().parent.rglob("*.py"))
    return files + [app_dir / "verdict.py", app_dir / "checkproc.py", app_dir / "verdict_store.py",
                    app_dir / "model" / "document.py"]


def _data_files() -> list[Path]:
    """The rule packs and the trained models beside them (``resources/rules``, ``resources/models``)."""
    from checks.resources import resources_root

    root = resources_root()
    return [p for sub in ("rules", "models") if (root / sub).is_dir()
            for p in sorted((root / sub).rglob("*")) if p.is_file()]


def engine_digest() -> bytes:
    """A digest of everything besides the card that a verdict depends on (see the module
    docstring); computed once per process. Raises OSError when a file cannot be read."""
    global _ENGINE
    with _ENGINE_LOCK:
        if _ENGINE is None:
            from importlib.util import find_spec

            from app import __version__

            h = hashlib.sha256()
            h.update(f"format {FORMAT}; cardwise {__version__}; python {sys.version}".encode())
            if getattr(sys, "frozen", False):      # the bundle: no sources; a build is a new executable
                st = os.stat(sys.executable)
                h.update(f"frozen {st.st_size} {st.st_mtime_ns}".encode())
            else:
                for path in _source_files():
                    h.update(path.name.encode() + b"\0" + path.read_bytes())
            for path in _data_files():
                if keyed_by_stat(path):          # model weights: named, not hashed (checks.resources)
                    st = path.stat()
                    h.update(f"{'/'.join(path.parts[-3:])} {st.st_size} {st.st_mtime_ns}".encode())
                else:
                    h.update(path.name.encode() + b"\0" + path.read_bytes())
            for name in _LIBRARIES:
                spec = find_spec(name)
                origin = spec.origin if spec is not None else None
                st = os.stat(origin) if origin else None
                h.update(f"{name} {st.st_size if st else '-'} {st.st_mtime_ns if st else '-'}".encode())
            _ENGINE = h.digest()
        return _ENGINE


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        if (module, name) not in _ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not part of a verdict")
        return super().find_class(module, name)


def default_folder() -> Path:
    from checks.resources import user_cache_dir

    return user_cache_dir() / "verdicts"


class VerdictStore:
    """Verdicts by card state, in ``folder`` (default: ``verdicts/`` in the user's cache
    folder). :meth:`get` and :meth:`put` never raise."""

    def __init__(self, folder: Path | None = None, max_entries: int = MAX_ENTRIES) -> None:
        self._folder = folder
        self.max_entries = max_entries

    @property
    def folder(self) -> Path:
        if self._folder is None:
            self._folder = default_folder()
        return self._folder

    @staticmethod
    def key(snap: CardSnapshot, profile: str, disabled: Iterable[str] = ()) -> str:
        """The entry name of ``snap``'s verdict for ``profile`` with ``disabled`` rules off."""
        dis = tuple(sorted({d for d in disabled if d}))
        card = (tuple((t.side, t.text, t.pieces) for t in snap.texts), snap.qr, snap.shapes, snap.ignores,
                snap.order)
        h = hashlib.sha256(engine_digest())
        h.update(repr((profile, dis, card)).encode("utf-8", "surrogatepass"))
        return h.hexdigest()[:48]

    def _path(self, key: str) -> Path:
        return self.folder / (key + SUFFIX)

    def get(self, snap: CardSnapshot, profile: str, disabled: Iterable[str] = ()) -> Verdict | None:
        """The stored verdict of ``snap``, or None (none stored, or not readable)."""
        try:
            path = self._path(self.key(snap, profile, disabled))
            blob = path.read_bytes()
            if hashlib.sha256(blob[32:]).digest() != blob[:32]:
                return None
            verdict = _Unpickler(io.BytesIO(blob[32:])).load()
            from app.verdict import Verdict

            if type(verdict) is not Verdict or verdict.provisional:
                return None
            try:
                os.utime(path)          # recently used: kept when the folder is trimmed
            except OSError:
                pass
            return verdict
        except Exception:  # noqa: BLE001 - a store that fails is a store that misses
            return None

    def put(self, snap: CardSnapshot, profile: str, disabled: Iterable[str], verdict: Verdict) -> None:
        """Store ``verdict`` as ``snap``'s (silently skipped when it cannot be, and when it
        is ``provisional``: the encoder's findings may still follow)."""
        if verdict.provisional:
            return
        try:
            target = self._path(self.key(snap, profile, disabled))
            blob = pickle.dumps(verdict, protocol=4)
            write_atomic(target, hashlib.sha256(blob).digest() + blob, prefix=".verdict-")
            self._trim()
        except Exception:  # noqa: BLE001 - nothing is lost: the card is judged as before next time
            pass

    def _trim(self) -> None:
        entries = []
        with os.scandir(self.folder) as it:
            for entry in it:
                if entry.name.endswith(SUFFIX):
                    try:
                        entries.append((entry.stat().st_mtime_ns, entry.path))
                    except OSError:
                        continue
        if len(entries) <= self.max_entries:
            return
        entries.sort()
        for _mtime, path in entries[:len(entries) - self.max_entries]:
            try:
                os.unlink(path)
            except OSError:
                pass
