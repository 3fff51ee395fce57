"""One reader per artwork kind; each turns a file's bytes into an :class:`~app.batch.artwork.Artwork`.

:func:`kind_of` decides the kind from the name, then from the first bytes; :func:`read`
dispatches. Readers raise :class:`~app.batch.errors.ArtworkError` (or ``UnsafeFile``) with a
message naming the problem; anything else is caught by the runner and reported too.
"""
from __future__ import annotations

from pathlib import Path

from app.batch.artwork import Artwork
from app.batch.errors import ArtworkError

TEXT_EXT = {".txt", ".md", ".markdown", ".text"}
IMAGE_EXT = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".webp", ".bmp"}
KIND_BY_EXT = {
    **{e: "text" for e in TEXT_EXT},
    **{e: "image" for e in IMAGE_EXT},
    ".pdf": "pdf",
    ".svg": "svg",
    ".docx": "docx",
    ".cardwise": "card",
}
SUPPORTED_EXT = frozenset(KIND_BY_EXT)


def kind_of(path: str, head: bytes = b"") -> str:
    """The reader for ``path``: by extension, else by magic bytes, else plain text."""
    ext = Path(path).suffix.lower()
    if ext in KIND_BY_EXT:
        return KIND_BY_EXT[ext]
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"BM", b"GIF8")) or head[8:12] == b"WEBP":
        return "image"
    if head.lstrip().startswith(b"<svg") or (head.lstrip().startswith(b"<?xml") and b"<svg" in head):
        return "svg"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    return "text"


def read(path: str, data: bytes, kind: str, *, ocr_lang: str = "eng", name: str | None = None) -> Artwork:
    """Read ``data`` (the bytes of ``path``) as ``kind``."""
    shown = name or path
    if kind == "text":
        from app.batch.readers.text import read_text
        return read_text(shown, data)
    if kind == "pdf":
        from app.batch.readers.pdf import read_pdf
        return read_pdf(shown, data, ocr_lang=ocr_lang)
    if kind == "image":
        from app.batch.readers.image import read_image
        return read_image(shown, data, ocr_lang=ocr_lang)
    if kind == "svg":
        from app.batch.readers.svg import read_svg
        return read_svg(shown, data)
    if kind == "docx":
        from app.batch.readers.docx import read_docx
        return read_docx(shown, data)
    if kind == "card":
        from app.batch.readers.card import read_card
        return read_card(shown, path, data)
    raise ArtworkError(f"{shown}: unsupported kind of file ({kind})")
