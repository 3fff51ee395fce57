"""The ``.cardwise`` project file: one zip holding a versioned ``document.json``, the embedded
images under ``assets/`` and added fonts under ``fonts/``.

``document.json``::

    {"format": "cardwise", "schema_version": 3, "document": {...Document.to_dict()...}}

Saving is atomic: the zip is written to a temporary file in the same folder, flushed and
fsync'ed, then ``os.replace``'d over the target (and the folder fsync'ed), so the previous
file survives a crash or a full disk. The output is deterministic: same document → same
bytes (fixed member order and timestamps; only used assets are written). The temp file is
locked while it exists; temp files of this card left by a killed save (unlocked, matching
the card's own temp pattern) are removed by the next save or open (:mod:`app.io.tempfiles`).

Loading treats the file as hostile: bad zip, truncated zip, corrupt compressed data, zip
features it does not read, bad JSON, numbers out of range (checked once while parsing),
text that is not valid Unicode, unknown or newer schema, absolute or ``..`` member names,
duplicate names, too many members, members whose declared or actual size is too large
(decompression is capped while reading), image bombs (Pillow pixel limit) and missing assets
or fonts all raise :class:`~app.errors.ProjectFileError` with one line (≤ 200 characters)
naming the file and the problem. A file that opens also saves and reopens: the document is
rebuilt from what save would write before it is returned. Loading never changes the card.
"""
from __future__ import annotations

import errno
import io
import json
import lzma
import math
import os
import stat
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from app.errors import CardwiseError, ProjectFileError, brief, display_path
from app.io import tempfiles
from app.io.migrations import CURRENT_SCHEMA, upgrade
from app.model.document import Asset, Document

EXTENSION = ".cardwise"
DOCUMENT_JSON = "document.json"
FORMAT_TAG = "cardwise"
MAX_MEMBERS = 1000
MAX_DOCUMENT_BYTES = 16 * 2**20
MAX_MEMBER_BYTES = 64 * 2**20
MAX_TOTAL_BYTES = 512 * 2**20
#: Largest magnitude of any number in document.json: far beyond any length, pixel count or
#: setting a card holds, small enough that every float/int conversion downstream is exact-ish
#: and cannot overflow. Integers may have at most this many digits.
MAX_NUMBER = 1e15
MAX_INT_DIGITS = 16
#: Longest error message the loader produces (one line, names the file and the problem).
MAX_MESSAGE = 200
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
    text = json.dumps(wrapper, ensure_ascii=False, indent=1) + "\n"
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as e:
        raise ProjectFileError(f"the card holds text with an invalid character "
                               f"({brief(e.object[e.start:e.end])}, a lone surrogate); "
                               f"it cannot be saved") from None


def to_bytes(doc: Document) -> bytes:
    """The whole project file as bytes (deterministic)."""
    buf = io.BytesIO()
    used = doc.used_asset_ids()
    with zipfile.ZipFile(buf, "w") as zf:
        _write_member(zf, DOCUMENT_JSON, document_json(doc))
        for aid in sorted(used):
            asset = doc.assets[aid]
            _write_member(zf, f"assets/{asset.filename}", asset.data)
        written: set[str] = set()
        for name in sorted(doc.fonts):
            member = f"fonts/{_safe_font_name(name)}"
            if member in written:   # two names that map to one member would not reopen
                raise ProjectFileError(f"two fonts would be stored as {brief(member)}; "
                                       f"remove one of them before saving")
            written.add(member)
            _write_member(zf, member, doc.fonts[name])
    return buf.getvalue()


def _write_member(zf: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
    info.compress_type = zipfile.ZIP_STORED if name.lower().endswith(_STORED_EXT) else zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    zf.writestr(info, data)


def _safe_font_name(name: str) -> str:
    base = PurePosixPath(name.replace("\\", "/")).name
    if not base or base in (".", "..") or "\x00" in base:
        raise ProjectFileError(f"font file name {brief(name)} is not a plain file name")
    return base


TEMP_SUFFIX = ".tmp"


def save(doc: Document, path: str | os.PathLike) -> Path:
    """Write ``doc`` to ``path`` atomically and return ``path``. On any failure the previous
    file is untouched and no temporary file is left behind; raises ProjectFileError naming the
    problem. A symlinked ``path`` is written through (the link stays a link). Temp files left
    by an earlier save of the same card that was killed are removed first."""
    given = target = Path(path)
    if target.is_symlink():   # save through the link (keep it a link) like other editors
        target = Path(os.path.realpath(target))
    shown = _display(target)
    missing = sorted(a for a in doc.used_asset_ids() if a not in doc.assets)
    if missing:
        raise ProjectFileError(f"cannot save {_display(target.name)}: image asset(s) {', '.join(missing)} "
                               f"are used but not embedded")
    try:
        data = to_bytes(doc)
    except ProjectFileError as e:
        raise ProjectFileError(f"cannot save {_display(target.name)}: {e}") from None
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise ProjectFileError(f"cannot save to {shown}: it is a folder")
    if not folder.is_dir():
        raise ProjectFileError(f"cannot save {_display(target.name)}: folder {_display(folder)} does not exist")
    tempfiles.remove_stale(target, TEMP_SUFFIX)
    tmp_name: Path | None = None
    fd = -1
    try:
        fd, tmp_name = tempfiles.create(target, TEMP_SUFFIX)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
        try:
            mode = stat.S_IMODE(os.stat(target).st_mode)
        except FileNotFoundError:
            mode = tempfiles.default_mode()
        os.fchmod(fd, mode)
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
        raise ProjectFileError(f"cannot save {shown}: {reason}; the previous file is unchanged") from None
    finally:
        if tmp_name is not None:
            try:
                os.unlink(tmp_name)
            except OSError:
                pass
        if fd >= 0:
            os.close(fd)   # releases the lock, after the rename or the removal
    return given


def remove_stale_temp_files(path: str | os.PathLike) -> list[Path]:
    """Remove the temp files an interrupted save of ``path`` left beside it (files matching
    the save's own temp pattern that no other Cardwise process holds); returns them."""
    target = Path(path)
    if target.is_symlink():
        target = Path(os.path.realpath(target))
    return tempfiles.remove_stale(target, TEMP_SUFFIX)


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
    label = _display(p.name)
    try:
        # O_NONBLOCK: a FIFO named like a card must not block the open; checked right after
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
        with open(fd, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise ProjectFileError(f"{label} is not a regular file (a pipe, device or socket)")
            if hasattr(os, "set_blocking"):
                os.set_blocking(fd, True)
            result = _load_zip(fh, label)
    except FileNotFoundError:
        raise ProjectFileError(f"{_display(p)} does not exist") from None
    except IsADirectoryError:
        raise ProjectFileError(f"{_display(p)} is a folder, not a Cardwise project") from None
    except PermissionError:
        raise ProjectFileError(f"{_display(p)} cannot be read: permission denied") from None
    except OSError as e:
        raise ProjectFileError(_clamp(f"{_display(p)} cannot be read: {e.strerror or e}")) from None
    remove_stale_temp_files(p)
    return result


def from_bytes(data: bytes, name: str = "project") -> LoadResult:
    """Load a project held in memory (batch checks, tests)."""
    return _load_zip(io.BytesIO(data), _display(name))


def _display(name: str | os.PathLike) -> str:
    """A file name fit for a one-line message (undecodable bytes shown as \\x.., bounded)."""
    text = display_path(name)
    return text if len(text) <= 80 else text[:39] + "…" + text[-40:]


def _clamp(message: str) -> str:
    """One line of at most MAX_MESSAGE characters (the caller already named the file)."""
    message = " ".join(message.split())
    return message if len(message) <= MAX_MESSAGE else message[: MAX_MESSAGE - 1] + "…"


def _check_name(name: str, label: str) -> None:
    bad = (not name or name.startswith(("/", "\\")) or "\\" in name or "\x00" in name
           or (len(name) > 1 and name[1] == ":")
           or any(part in ("..", "") for part in name.rstrip("/").split("/")))
    if bad:
        raise ProjectFileError(f"{label} contains an unsafe member name {brief(name)} "
                               f"(absolute or leaving the archive); refusing to open it")


def _read_capped(zf: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int, label: str) -> bytes:
    if info.file_size > cap:
        raise ProjectFileError(f"{label}: member {brief(info.filename)} declares "
                               f"{info.file_size:,} bytes; the limit is {cap:,}")
    out = bytearray()
    try:
        with zf.open(info) as fh:
            while True:
                chunk = fh.read(65536)
                if not chunk:
                    break
                out += chunk
                if len(out) > cap:
                    raise ProjectFileError(f"{label}: member {brief(info.filename)} expands beyond "
                                           f"{cap:,} bytes (a decompression bomb?); refusing to open it")
    except (zlib.error, lzma.LZMAError, EOFError, OSError, struct.error) as e:
        # corrupt deflate/lzma/bzip2 data (bz2 reports OSError), a cut-off stream
        raise ProjectFileError(f"{label} is damaged: member {brief(info.filename)} cannot be "
                               f"decompressed ({e or type(e).__name__})") from None
    except zipfile.BadZipFile as e:
        raise ProjectFileError(f"{label} is damaged: member {brief(info.filename)}: {e}") from None
    except NotImplementedError as e:
        raise ProjectFileError(f"{label}: member {brief(info.filename)} uses a zip feature "
                               f"Cardwise does not read ({e})") from None
    except RuntimeError as e:   # encrypted member without a password
        raise ProjectFileError(f"{label}: member {brief(info.filename)} cannot be read ({e}); "
                               f"Cardwise projects are never encrypted") from None
    return bytes(out)


def _load_zip(fh: Any, label: str) -> LoadResult:
    """Every failure becomes a one-line ProjectFileError naming ``label`` and the problem."""
    try:
        return _load_zip_unguarded(fh, label)
    except ProjectFileError as e:
        msg = str(e)
        if not msg.startswith(label):
            msg = f"{label}: {msg}"
        raise ProjectFileError(_clamp(msg)) from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, RuntimeError, zlib.error,
            lzma.LZMAError, struct.error) as e:
        raise ProjectFileError(_clamp(f"{label} is damaged: {e}")) from None
    except NotImplementedError as e:
        raise ProjectFileError(_clamp(f"{label} uses a zip feature Cardwise does not read ({e})")) from None
    except RecursionError:
        raise ProjectFileError(f"{label}: {DOCUMENT_JSON} is nested too deeply") from None


def _load_zip_unguarded(fh: Any, label: str) -> LoadResult:
    try:
        zf = zipfile.ZipFile(fh)
    except zipfile.BadZipFile:
        raise ProjectFileError(f"{label} is not a Cardwise project: not a zip file, or truncated") from None
    except NotImplementedError as e:   # e.g. "zip file version 25.5" in the central directory
        raise ProjectFileError(f"{label} uses a zip feature Cardwise does not read ({e})") from None
    except (OSError, ValueError, EOFError, struct.error, UnicodeDecodeError) as e:
        raise ProjectFileError(f"{label} cannot be read: {e}") from None
    with zf:
        return _load_members(zf, label)


# ---- numbers and text at the schema boundary: checked once, while parsing --------------------
def _parse_int(text: str) -> int:
    digits = len(text.lstrip("-"))
    if digits > MAX_INT_DIGITS:
        raise ProjectFileError(f"{DOCUMENT_JSON} holds a {digits:,}-digit number; "
                               f"no value in a card is that large")
    return _in_range(int(text), text)


def _parse_float(text: str) -> float:
    return _in_range(float(text), text)


def _parse_constant(text: str) -> float:
    raise ProjectFileError(f"{DOCUMENT_JSON} holds {text}, which is not a number a card can use")


def _in_range(value: Any, text: str) -> Any:
    if not math.isfinite(value) or abs(value) > MAX_NUMBER:
        raise ProjectFileError(f"{DOCUMENT_JSON} holds the number {brief(text, 30)}, out of range "
                               f"(a card's values stay within ±{MAX_NUMBER:g})")
    return value


def _parse_document(raw: bytes, label: str) -> Any:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ProjectFileError(f"{label}: {DOCUMENT_JSON} is not UTF-8 text") from None
    try:
        body = json.loads(text, parse_int=_parse_int, parse_float=_parse_float,
                          parse_constant=_parse_constant)
    except json.JSONDecodeError as e:
        raise ProjectFileError(f"{label}: {DOCUMENT_JSON} is not valid JSON "
                               f"(line {e.lineno}, column {e.colno}: {e.msg})") from None
    except RecursionError:
        raise ProjectFileError(f"{label}: {DOCUMENT_JSON} is nested too deeply") from None
    try:   # "\ud800" escapes parse to lone surrogates, which no file can hold
        json.dumps(body, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as e:
        raise ProjectFileError(f"{label}: {DOCUMENT_JSON} holds text that is not valid Unicode "
                               f"({brief(e.object[e.start:e.end])}, a lone surrogate)") from None
    return body


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
            raise ProjectFileError(f"{label} contains {brief(info.filename)} twice")
        by_name[info.filename] = info
        declared += info.file_size
    if declared > MAX_TOTAL_BYTES:
        raise ProjectFileError(f"{label} would expand to {declared:,} bytes; the limit is "
                               f"{MAX_TOTAL_BYTES:,}")
    if DOCUMENT_JSON not in by_name:
        raise ProjectFileError(f"{label} is not a Cardwise project: {DOCUMENT_JSON} is missing")
    raw = _read_capped(zf, by_name[DOCUMENT_JSON], MAX_DOCUMENT_BYTES, label)
    body = _parse_document(raw, label)
    if not isinstance(body, dict):
        raise ProjectFileError(f"{label}: {DOCUMENT_JSON} must hold an object")
    if "format" in body and body["format"] != FORMAT_TAG:
        raise ProjectFileError(f"{label}: {DOCUMENT_JSON} is a {brief(body['format'])} file, not Cardwise")
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
            raise ProjectFileError(f"{label}: asset entry {brief(meta)} has no id")
        aid = meta["id"]
        member = _asset_member(by_name, aid)
        if member is None:
            raise ProjectFileError(f"{label}: image {brief(meta.get('name', aid))} (asset "
                                   f"{brief(aid)}) is missing from the project file")
        data = _read_capped(zf, member, MAX_MEMBER_BYTES, label)
        total += len(data)
        if Asset.content_id(data) != aid:
            raise ProjectFileError(f"{label}: image {brief(meta.get('name', aid))} is damaged "
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
            raise ProjectFileError(f"{label}: font entry {brief(fname)} is not a file name")
        if _safe_font_name(fname) != fname:   # "a/x.ttf" would be saved as fonts/x.ttf
            raise ProjectFileError(f"{label}: font entry {brief(fname)} is not a plain file name")
        if fname in fonts:
            raise ProjectFileError(f"{label}: font {brief(fname)} is listed twice")
        member = by_name.get(f"fonts/{fname}")
        if member is None:
            raise ProjectFileError(f"{label}: font {brief(fname)} is missing from the project file")
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
    doc = _build(doc_body, assets, fonts, label)
    # Whatever opens must also save and reopen: build the document again from exactly what
    # save would write (4-decimal numbers, the member names it would use).
    try:
        saved = json.loads(document_json(doc))["document"]
        members = [f"fonts/{_safe_font_name(n)}" for n in doc.fonts]
        if len(set(members)) != len(members):
            raise ProjectFileError("two fonts would be stored under one member name")
    except ProjectFileError as e:
        raise ProjectFileError(f"{label}: {e}") from None
    try:
        _build(saved, assets, fonts, label)
    except ProjectFileError as e:
        raise ProjectFileError(f"{e} (after rounding to the precision a project file keeps)") from None
    if read != CURRENT_SCHEMA:
        warnings.append(f"upgraded from schema {read} to {CURRENT_SCHEMA}; saving writes the new format")
    return LoadResult(doc, read, warnings)


def _build(doc_body: dict, assets: dict[str, Asset], fonts: dict[str, bytes], label: str) -> Document:
    try:
        return Document.from_dict(doc_body, assets, fonts)
    except CardwiseError as e:
        raise ProjectFileError(f"{label}: {e}") from None
    except (KeyError, TypeError, ValueError, AttributeError, IndexError, OverflowError) as e:
        raise ProjectFileError(f"{label}: {DOCUMENT_JSON} has an invalid value "
                               f"({type(e).__name__}: {brief(str(e), 80)})") from None


def _asset_member(by_name: dict[str, zipfile.ZipInfo], aid: str) -> zipfile.ZipInfo | None:
    for name, info in by_name.items():
        if name.startswith("assets/") and PurePosixPath(name).stem == aid:
            return info
    return None
