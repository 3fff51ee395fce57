"""The ``.cardwise`` project file: one zip holding a versioned ``document.json``, the embedded
images under ``assets/`` and added fonts under ``fonts/``.

``document.json``::

    {"format": "cardwise", "schema_version": 2, "document": {...Document.to_dict()...}}

Saving is atomic: the zip is written to a temporary file in the same folder, flushed and
fsync'ed, then ``os.replace``'d over the target (and the folder fsync'ed), so the previous
file survives a crash or a full disk. The output is deterministic: same document → same
bytes (fixed member order and timestamps; only used assets are written).

Loading treats the file as hostile: bad zip, truncated zip, bad JSON, unknown or newer
schema, absolute or ``..`` member names, duplicate names, too many members, members
whose declared or actual size is too large (decompression is capped while reading),
image bombs (Pillow pixel limit) and missing assets or fonts all raise
:class:`~app.errors.ProjectFileError` with a message naming the problem. Loading never writes.
"""
from __future__ import annotations

import errno
import io
import json
import os
import stat
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from app.errors import CardwiseError, ProjectFileError
from app.io.migrations import CURRENT_SCHEMA, upgrade
from app.model.document import Asset, Document

EXTENSION = ".cardwise"
DOCUMENT_JSON = "document.json"
FORMAT_TAG = "cardwise"
MAX_MEMBERS = 1000
MAX_DOCUMENT_BYTES = 16 * 2**20
MAX_MEMBER_BYTES = 64 * 2**20
MAX_TOTAL_BYTES = 512 * 2**20
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_STORED_EXT = (".png", ".jpg", ".jpeg", ".gif", ".webp")


@dataclass
class LoadResult:
    document: Document
    schema_read: int                         # the version found in the file
    warnings: list[str] = field(default_factory=list)

    @property
    def migrated(self) -> bool:
        return self.schema_read != CURRENT_SCHEMA


# ------------------------------------------------------------------------------- save
def document_json(doc: Document) -> bytes:
    """The exact document.json bytes :func:`save` writes (stable ordering, no timestamps)."""
    body = doc.to_dict()
    used = doc.used_asset_ids()
    body["assets"] = [a for a in body["assets"] if a["id"] in used]
    wrapper = {"format": FORMAT_TAG, "schema_version": CURRENT_SCHEMA, "document": body}
    return (json.dumps(wrapper, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def to_bytes(doc: Document) -> bytes:
    """The whole project file as bytes (deterministic)."""
    buf = io.BytesIO()
    used = doc.used_asset_ids()
    with zipfile.ZipFile(buf, "w") as zf:
        _write_member(zf, DOCUMENT_JSON, document_json(doc))
        for aid in sorted(used):
            asset = doc.assets[aid]
            _write_member(zf, f"assets/{asset.filename}", asset.data)
        for name in sorted(doc.fonts):
            _write_member(zf, f"fonts/{_safe_font_name(name)}", doc.fonts[name])
    return buf.getvalue()


def _write_member(zf: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
    info.compress_type = zipfile.ZIP_STORED if name.lower().endswith(_STORED_EXT) else zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    zf.writestr(info, data)


def _safe_font_name(name: str) -> str:
    base = PurePosixPath(name.replace("\\", "/")).name
    if not base or base in (".", "..") or "\x00" in base:
        raise ProjectFileError(f"font file name {name!r} is not a plain file name")
    return base


def save(doc: Document, path: str | os.PathLike) -> Path:
    """Write ``doc`` to ``path`` atomically and return ``path``. On any failure the previous
    file is untouched and no temporary file is left behind; raises ProjectFileError naming the
    problem. A symlinked ``path`` is written through (the link stays a link)."""
    given = target = Path(path)
    if target.is_symlink():   # save through the link (keep it a link) like other editors
        target = Path(os.path.realpath(target))
    missing = sorted(a for a in doc.used_asset_ids() if a not in doc.assets)
    if missing:
        raise ProjectFileError(f"cannot save {target.name}: image asset(s) {', '.join(missing)} "
                               f"are used but not embedded")
    try:
        data = to_bytes(doc)
    except CardwiseError:
        raise
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise ProjectFileError(f"cannot save to {target}: it is a folder")
    if not folder.is_dir():
        raise ProjectFileError(f"cannot save {target.name}: folder {folder} does not exist")
    tmp_name = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            mode = stat.S_IMODE(os.stat(target).st_mode)
        except FileNotFoundError:
            mode = 0o644 & ~_umask()
        os.chmod(tmp_name, mode)
        os.replace(tmp_name, target)
        tmp_name = None
        _fsync_dir(folder)
    except OSError as e:
        if e.errno == errno.ENOSPC:
            reason = "the disk is full"
        elif e.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            reason = "permission denied"
        else:
            reason = e.strerror or str(e)
        raise ProjectFileError(f"cannot save {target}: {reason}; the previous file is unchanged") from None
    finally:
        if tmp_name is not None:
            try:
                os.unlink(tmp_name)
            except OSError:
                pass
    return given


def _umask() -> int:
    m = os.umask(0)
    os.umask(m)
    return m


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# ------------------------------------------------------------------------------- load
def load(path: str | os.PathLike) -> Document:
    """Open a project file (any supported schema); ProjectFileError on anything wrong."""
    return open_project(path).document


def open_project(path: str | os.PathLike) -> LoadResult:
    p = Path(path)
    try:
        with open(p, "rb") as fh:
            return _load_zip(fh, p.name)
    except FileNotFoundError:
        raise ProjectFileError(f"{p} does not exist") from None
    except IsADirectoryError:
        raise ProjectFileError(f"{p} is a folder, not a Cardwise project") from None
    except PermissionError:
        raise ProjectFileError(f"{p} cannot be read: permission denied") from None


def from_bytes(data: bytes, name: str = "project") -> LoadResult:
    """Load a project held in memory (batch checks, tests)."""
    return _load_zip(io.BytesIO(data), name)


def _check_name(name: str, label: str) -> None:
    bad = (not name or name.startswith(("/", "\\")) or "\\" in name or "\x00" in name
           or (len(name) > 1 and name[1] == ":")
           or any(part in ("..", "") for part in name.rstrip("/").split("/")))
    if bad:
        raise ProjectFileError(f"{label} contains an unsafe member name {name!r} "
                               f"(absolute or leaving the archive); refusing to open it")


def _read_capped(zf: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int, label: str) -> bytes:
    if info.file_size > cap:
        raise ProjectFileError(f"{label}: member {info.filename!r} declares "
                               f"{info.file_size:,} bytes; the limit is {cap:,}")
    out = bytearray()
    with zf.open(info) as fh:
        while True:
            chunk = fh.read(65536)
            if not chunk:
                break
            out += chunk
            if len(out) > cap:
                raise ProjectFileError(f"{label}: member {info.filename!r} expands beyond "
                                       f"{cap:,} bytes (a decompression bomb?); refusing to open it")
    return bytes(out)


def _load_zip(fh: Any, label: str) -> LoadResult:
    try:
        zf = zipfile.ZipFile(fh)
    except zipfile.BadZipFile:
        raise ProjectFileError(f"{label} is not a Cardwise project: not a zip file, or truncated") from None
    except (OSError, ValueError, EOFError) as e:
        raise ProjectFileError(f"{label} cannot be read: {e}") from None
    with zf:
        try:
            return _load_members(zf, label)
        except ProjectFileError:
            raise
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, NotImplementedError,
                RuntimeError) as e:
            raise ProjectFileError(f"{label} is damaged: {e}") from None


def _load_members(zf: zipfile.ZipFile, label: str) -> LoadResult:
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise ProjectFileError(f"{label} has {len(infos):,} members; a Cardwise project has at "
                               f"most {MAX_MEMBERS:,}")
    by_name: dict[str, zipfile.ZipInfo] = {}
    declared = 0
    for info in infos:
        _check_name(info.filename, label)
        if info.filename in by_name:
            raise ProjectFileError(f"{label} contains {info.filename!r} twice")
        by_name[info.filename] = info
        declared += info.file_size
    if declared > MAX_TOTAL_BYTES:
        raise ProjectFileError(f"{label} would expand to {declared:,} bytes; the limit is "
                               f"{MAX_TOTAL_BYTES:,}")
    if DOCUMENT_JSON not in by_name:
        raise ProjectFileError(f"{label} is not a Cardwise project: {DOCUMENT_JSON} is missing")
    raw = _read_capped(zf, by_name[DOCUMENT_JSON], MAX_DOCUMENT_BYTES, label)
    try:
        body = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ProjectFileError(f"{label}: {DOCUMENT_JSON} is not UTF-8 text") from None
    except json.JSONDecodeError as e:
        raise ProjectFileError(f"{label}: {DOCUMENT_JSON} is not valid JSON "
                               f"(line {e.lineno}, column {e.colno}: {e.msg})") from None
    except RecursionError:
        raise ProjectFileError(f"{label}: {DOCUMENT_JSON} is nested too deeply") from None
    if not isinstance(body, dict):
        raise ProjectFileError(f"{label}: {DOCUMENT_JSON} must hold an object")
    if "format" in body and body["format"] != FORMAT_TAG:
        raise ProjectFileError(f"{label}: {DOCUMENT_JSON} is a {body['format']!r} file, not Cardwise")
    body, read = upgrade(body)
    doc_body = body.get("document")
    if not isinstance(doc_body, dict):
        raise ProjectFileError(f"{label}: {DOCUMENT_JSON} has no document object")

    total = len(raw)
    assets: dict[str, Asset] = {}
    metas = doc_body.get("assets", [])
    if not isinstance(metas, list):
        raise ProjectFileError(f"{label}: the asset list is not a list")
    for meta in metas:
        if not isinstance(meta, dict) or not isinstance(meta.get("id"), str):
            raise ProjectFileError(f"{label}: asset entry {meta!r} has no id")
        aid = meta["id"]
        member = _asset_member(by_name, aid)
        if member is None:
            raise ProjectFileError(f"{label}: image {meta.get('name', aid)!r} (asset {aid}) is "
                                   f"missing from the project file")
        data = _read_capped(zf, member, MAX_MEMBER_BYTES, label)
        total += len(data)
        if Asset.content_id(data) != aid:
            raise ProjectFileError(f"{label}: image {meta.get('name', aid)!r} is damaged "
                                   f"(content does not match its id)")
        try:
            assets[aid] = Asset.from_bytes(data, str(meta.get("name", aid)))
        except CardwiseError as e:
            raise ProjectFileError(f"{label}: {e}") from None
    fonts: dict[str, bytes] = {}
    font_list = doc_body.get("fonts", [])
    if not isinstance(font_list, list):
        raise ProjectFileError(f"{label}: the font list is not a list")
    for fname in font_list:
        if not isinstance(fname, str):
            raise ProjectFileError(f"{label}: font entry {fname!r} is not a file name")
        member = by_name.get(f"fonts/{_safe_font_name(fname)}")
        if member is None:
            raise ProjectFileError(f"{label}: font {fname!r} is missing from the project file")
        fonts[fname] = _read_capped(zf, member, MAX_MEMBER_BYTES, label)
        total += len(fonts[fname])
        if total > MAX_TOTAL_BYTES:
            raise ProjectFileError(f"{label} expands beyond {MAX_TOTAL_BYTES:,} bytes")
    warnings: list[str] = []
    from app.model.fonts import font_info
    for fname, data in fonts.items():
        try:
            font_info(data, fname)
        except CardwiseError as e:
            warnings.append(str(e))
    try:
        doc = Document.from_dict(doc_body, assets, fonts)
    except CardwiseError as e:
        raise ProjectFileError(f"{label}: {e}") from None
    except (KeyError, TypeError, ValueError, AttributeError, IndexError, RecursionError) as e:
        raise ProjectFileError(f"{label}: {DOCUMENT_JSON} has an invalid value "
                               f"({type(e).__name__}: {e})") from None
    if read != CURRENT_SCHEMA:
        warnings.append(f"upgraded from schema {read} to {CURRENT_SCHEMA}; saving writes the new format")
    return LoadResult(doc, read, warnings)


def _asset_member(by_name: dict[str, zipfile.ZipInfo], aid: str) -> zipfile.ZipInfo | None:
    for name, info in by_name.items():
        if name.startswith("assets/") and PurePosixPath(name).stem == aid:
            return info
    return None
