"""A cache of parsed rule-pack files, so a new process does not parse the YAML again.

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
    target = _path(raw)
    tmp = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".parsed-", dir=target.parent)
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
