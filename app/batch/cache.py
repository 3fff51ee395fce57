"""Results cache: a re-run over thousands of unchanged files is near-instant.

Key: BLAKE2b of the file's bytes + the run's options (profile, language, ignore/select) + a
fingerprint of everything that can change a result (rule packs, the checker's and batch
reader's source, the OCR engine's version). The value is the :class:`FileResult` as JSON
(never pickle: the cache is data, not code).

To avoid even hashing unchanged files, a second table remembers (path, size, mtime_ns,
inode) → digest; a file whose stat changed is hashed again.

One SQLite file in the user cache directory (``$CARDWISE_CACHE_DIR``, else
``$XDG_CACHE_HOME/cardwise`` or ``~/.cache/cardwise``; ``%LOCALAPPDATA%\\cardwise`` on
Windows, ``~/Library/Caches/cardwise`` on macOS). Only the main process touches it.
"""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from pathlib import Path
from typing import Any

from checks.findings import Category, FileResult, Finding, Severity, Source
from checks.resources import keyed_by_stat, user_cache_dir

SCHEMA = 1
BATCH_VERSION = "1"  # bump when readers change what they extract


def cache_dir() -> Path:
    return user_cache_dir()


_fingerprint: str | None = None


def engine_fingerprint() -> str:
    """Changes whenever a rule pack, a trained model, the checker or a reader changes."""
    global _fingerprint
    if _fingerprint is None:
        import checks
        from app.paths import resource

        h = hashlib.blake2b(digest_size=16)
        h.update(f"schema{SCHEMA}/batch{BATCH_VERSION}".encode())
        roots = [resource("rules"), Path(checks.__file__).parent, Path(__file__).parent]
        for root in roots:
            if not root.exists():
                continue
            for p in sorted(root.rglob("*")):
                if p.suffix in (".py", ".yaml", ".yml", ".toml", ".json", ".txt") and p.is_file():
                    h.update(str(p.relative_to(root)).encode())
                    h.update(p.read_bytes())
        models = resource("models")      # the trained second stage: its description by content,
        if models.exists():              # its weights by size and modification time (keyed_by_stat)
            for p in sorted(models.rglob("*")):
                if p.is_file():
                    h.update(str(p.relative_to(models)).encode())
                    if keyed_by_stat(p):
                        st = p.stat()
                        h.update(f"{st.st_size} {st.st_mtime_ns}".encode())
                    else:
                        h.update(p.read_bytes())
        try:
            from app.batch.ocr import engine_version
            h.update(engine_version().encode())
        except Exception:  # no OCR engine: results without OCR are still cacheable
            h.update(b"no-ocr")
        _fingerprint = h.hexdigest()
    return _fingerprint


def _path_key(path: str) -> str:
    """``path`` as SQLite text: a name that is not UTF-8 (surrogate escapes) is stored as
    the hex of its bytes, which no real path can be mistaken for."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        return "bytes:" + os.fsencode(path).hex()


def digest_bytes(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def digest_file(path: str) -> str:
    h = hashlib.blake2b(digest_size=20)
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


# ---- FileResult <-> JSON -------------------------------------------------------------------

def finding_to_json(f: Finding) -> dict[str, Any]:
    return {
        "rule": f.rule, "name": f.name, "category": f.category.value, "severity": f.severity.value,
        "start": f.start, "end": f.end, "text": f.text, "message": f.message, "message_zh": f.message_zh,
        "source": f.source.to_dict() if f.source else None, "suggestion": f.suggestion,
        "page": f.page, "bbox": list(f.bbox) if f.bbox else None, "element_id": f.element_id,
        "extra": f.extra,
    }


def finding_from_json(d: dict[str, Any]) -> Finding:
    src = d.get("source")
    return Finding(
        rule=d["rule"], name=d["name"], category=Category(d["category"]), severity=Severity(d["severity"]),
        start=d["start"], end=d["end"], text=d["text"], message=d["message"], message_zh=d["message_zh"],
        source=Source(src["title"], src.get("url", "")) if src else None, suggestion=d.get("suggestion"),
        page=d.get("page"), bbox=tuple(d["bbox"]) if d.get("bbox") else None,  # type: ignore[arg-type]
        element_id=d.get("element_id"), extra=d.get("extra") or {},
    )


def result_to_json(r: FileResult) -> str:
    return json.dumps({
        "findings": [finding_to_json(f) for f in r.findings], "error": r.error, "text": r.text,
        "lang": r.lang, "pages": r.pages, "extra": r.extra,
    }, ensure_ascii=False, default=str)


def result_from_json(path: str, s: str) -> FileResult:
    d = json.loads(s)
    return FileResult(path=path, findings=[finding_from_json(f) for f in d["findings"]], error=d.get("error"),
                      text=d.get("text"), lang=d.get("lang"), pages=d.get("pages"), extra=d.get("extra") or {})


class ResultCache:
    """Content-addressed results. Errors are cached too, except timeouts and crashes
    (those may depend on the machine, not the file)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or cache_dir() / "batch-results.sqlite3"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(str(self.path), timeout=10, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, value TEXT NOT NULL, used REAL)")
        self.db.execute("CREATE TABLE IF NOT EXISTS stats (path TEXT PRIMARY KEY, size INTEGER, mtime INTEGER, "
                        "inode INTEGER, digest TEXT)")
        self.hits = 0
        self.misses = 0
        self._pending_stats: list[tuple] = []

    def close(self) -> None:
        self.flush()
        self.db.close()

    def __enter__(self) -> "ResultCache":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def digest(self, path: str) -> str:
        """The content digest of ``path``, re-hashing only when its stat changed."""
        st = os.stat(path)
        key = _path_key(os.path.abspath(path))
        row = self.db.execute("SELECT size, mtime, inode, digest FROM stats WHERE path=?", (key,)).fetchone()
        if row and row[0] == st.st_size and row[1] == st.st_mtime_ns and row[2] == st.st_ino:
            return row[3]
        d = digest_file(path)
        self._pending_stats.append((key, st.st_size, st.st_mtime_ns, st.st_ino, d))
        return d

    @staticmethod
    def key(digest: str, options_key: str) -> str:
        return hashlib.blake2b(f"{digest}|{options_key}|{engine_fingerprint()}".encode(), digest_size=20).hexdigest()

    def get(self, key: str, path: str) -> FileResult | None:
        row = self.db.execute("SELECT value FROM results WHERE key=?", (key,)).fetchone()
        if row is None:
            self.misses += 1
            return None
        self.hits += 1
        try:
            return result_from_json(path, row[0])
        except (ValueError, KeyError, TypeError):  # an old or damaged entry: recompute
            self.hits -= 1
            self.misses += 1
            return None

    def put(self, key: str, result: FileResult) -> None:
        if result.extra.get("transient"):
            return
        self.db.execute("INSERT OR REPLACE INTO results VALUES (?, ?, ?)", (key, result_to_json(result), time.time()))

    def flush(self) -> None:
        if self._pending_stats:
            self.db.executemany("INSERT OR REPLACE INTO stats VALUES (?, ?, ?, ?, ?)", self._pending_stats)
            self._pending_stats.clear()
        self.db.commit()
