"""Registering TrueType fonts with reportlab, once per font file.

reportlab embeds every TrueType font it draws with as a subset (FontFile2, ``AAAAAA+``
prefix, ToUnicode map), which keeps text searchable. OpenType/CFF fonts are refused by
reportlab; the message says so instead of a traceback. A font whose licence forbids
embedding is refused the same way.
"""
from __future__ import annotations

import hashlib
import io
from pathlib import Path
from threading import Lock

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from app.errors import FontError

_LOCK = Lock()
_REGISTERED: dict[str, str] = {}   # key (path or bytes digest) -> reportlab font name


def default_font_path() -> Path:
    """Bitstream Vera Sans, shipped inside reportlab: present on every machine with Cardwise."""
    import reportlab

    return Path(reportlab.__file__).resolve().parent / "fonts" / "Vera.ttf"


def register_ttf(source: str | Path | bytes, label: str = "") -> str:
    """Register a TTF (a path or the file's bytes); returns the reportlab font name."""
    if isinstance(source, (bytes, bytearray)):
        key = "bytes:" + hashlib.sha1(source).hexdigest()
    else:
        key = "path:" + str(Path(source).resolve())
    with _LOCK:
        name = _REGISTERED.get(key)
        if name is not None:
            return name
        name = "CW" + hashlib.sha1(key.encode()).hexdigest()[:10]
        what = label or (str(source) if not isinstance(source, (bytes, bytearray)) else "added font")
        try:
            font = TTFont(name, io.BytesIO(bytes(source)) if isinstance(source, (bytes, bytearray)) else str(source))
        except TTFError as exc:
            text = str(exc)
            if "postscript outlines" in text.lower():
                raise FontError(f"font {what}: OpenType/CFF (PostScript outlines) cannot be embedded; "
                                "use the TrueType (.ttf) version of this font") from exc
            if "subsetting" in text.lower() or "embedding" in text.lower():
                raise FontError(f"font {what}: the font's licence forbids embedding it in a PDF") from exc
            raise FontError(f"font {what}: cannot be embedded ({text})") from exc
        except OSError as exc:
            raise FontError(f"font {what}: cannot be read ({exc})") from exc
        pdfmetrics.registerFont(font)
        _REGISTERED[key] = name
        return name


def default_font_name() -> str:
    return register_ttf(default_font_path(), "Bitstream Vera Sans")
