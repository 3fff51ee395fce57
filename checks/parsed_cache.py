"""A cache of parsed rule-pack files (and of what a checker derives from them), so a new
process does not parse the YAML — or build the derived tables — again.

Every process that checks (the designer's checker process, each ``cardwise check``) reads
the same two dozen YAML files; building Python objects from them is most of a quarter of a
second even with libyaml. What the parser returns for a file is plain data (dicts, lists,
strings, numbers), so it is kept here as ``marshal`` bytes, named by a SHA-256 of the file's
exact bytes and of the Python version: a changed file is a new name (no stale entry is ever
read), and an entry is only ever written whole (a temporary file, then ``os.replace``).

The folder is ``$CARDWISE_CACHE_DIR/parsed``, else ``$XDG_CACHE_HOME/cardwise/parsed``,
else ``~/.cache/cardwise/parsed``. Anything that goes wrong here — a read-only home, a full
disk, a damaged or foreign entry, data marshal cannot hold (a YAML date) — only means the
file is parsed as before; nothing is reported and nothing is lost. The folder holds the
user's own derived data, written by Cardwise with the user's permissions, so it is trusted
like the user's other files.

Derived entries (:func:`get_derived`, :func:`put_derived`: the lemma table cut for a pack's
words in :mod:`checks.nlp`, a pack's words and compiled patterns in :mod:`checks.engine`,
the tokenizer's regular-expression programs in :mod:`checks.regex_cache`) follow the same
rules; see the section below.
"""
from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

#: returned by :func:`get` when there is no usable entry (``None`` is a valid parse: an empty file)
MISS = object()

#: part of every entry's name: marshal's format and what the parser builds may differ between
#: Python versions; bump FORMAT when what is stored changes meaning
FORMAT = 1
_TAG = f"{FORMAT}:{sys.version_info[0]}.{sys.version_info[1]}:{marshal.version}".encode()
_ENABLED = os.environ.get("CARDWISE_NO_PARSED_CACHE", "") == ""


def folder() -> Path:
    base = os.environ.get("CARDWISE_CACHE_DIR")
    if base:
        return Path(base) / "parsed"
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "cardwise" / "parsed"


def _path(raw: bytes) -> Path:
    return folder() / (hashlib.sha256(_TAG + b"\0" + raw).hexdigest()[:40] + ".marshal")


def get(raw: bytes) -> Any:
    """The parse stored for a file whose bytes are ``raw``, or :data:`MISS`."""
    if not _ENABLED:
        return MISS
    try:
        blob = _path(raw).read_bytes()
        return marshal.loads(blob)
    except (OSError, ValueError, EOFError, TypeError):
        return MISS


def put(raw: bytes, data: Any) -> None:
    """Store ``data`` as the parse of ``raw`` (silently skipped when it cannot be)."""
    if not _ENABLED:
        return
    try:
        blob = marshal.dumps(data)
    except ValueError:         # a type marshal cannot hold: parse this file every time
        return
    write_atomic(_path(raw), blob)


def write_atomic(target: Path, blob: bytes, prefix: str = ".parsed-") -> None:
    """``blob`` into ``target`` whole or not at all (a temporary file, then ``os.replace``);
    a folder that cannot be written is silently skipped (a cache misses, nothing is lost)."""
    tmp = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=prefix, dir=target.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(blob)
        os.replace(tmp, target)
        tmp = None
    except OSError:
        pass
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


# ---------------------------------------------------------------------------- derived data
# What a checker builds from its inputs before it can judge anything (the lemma table cut
# for a pack's words, a pack's compiled patterns, the public-suffix trie) is kept the same
# way, in the same folder: named by a SHA-256 of everything it is computed from — the
# input's bytes, a ``kind`` and the source code of the functions that compute it
# (:func:`source_digest`), so an edited input *or* an edited computation is a new name.
# These entries are larger and are computed rather than parsed, so each also carries a
# SHA-256 of its own bytes: a damaged entry is never read as a different answer.

def source_digest(*modules: Any) -> bytes | None:
    """A digest of what computes a derived entry: the source files of ``modules``, or, where
    a module has no source file beside it (a frozen bundle keeps only bytecode, in an
    archive), its code object as its loader gives it. None when neither can be read (then
    nothing is cached: compute as before)."""
    h = hashlib.sha256()
    for module in modules:
        try:
            h.update(Path(module.__file__).read_bytes())
            continue
        except (OSError, TypeError, AttributeError):
            pass
        try:
            code = module.__spec__.loader.get_code(module.__name__)
        except (AttributeError, ImportError, OSError):
            return None
        if code is None:
            return None
        h.update(b"\0code\0" + marshal.dumps(code))
    return h.digest()


def _derived_path(kind: str, key: bytes) -> Path:
    name = hashlib.sha256(_TAG + b"\0derived\0" + kind.encode() + b"\0" + key).hexdigest()[:40]
    return folder() / f"{kind}-{name}.marshal"


def get_derived(kind: str, key: bytes) -> Any:
    """The ``kind`` entry computed from ``key`` (a digest of its inputs), or :data:`MISS`."""
    if not _ENABLED:
        return MISS
    try:
        blob = _derived_path(kind, key).read_bytes()
        if hashlib.sha256(blob[32:]).digest() != blob[:32]:
            return MISS
        return marshal.loads(blob[32:])
    except (OSError, ValueError, EOFError, TypeError):
        return MISS


def put_derived(kind: str, key: bytes, data: Any) -> None:
    """Store ``data`` as the ``kind`` entry of ``key`` (silently skipped when it cannot be)."""
    if not _ENABLED:
        return
    try:
        blob = marshal.dumps(data)
    except ValueError:
        return
    write_atomic(_derived_path(kind, key), hashlib.sha256(blob).digest() + blob)
