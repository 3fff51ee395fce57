"""Plain text (.txt, .md, stdin).

Decoding policy (documented in ``cardwise check --help``): a byte-order mark decides
(UTF-8, UTF-16, UTF-32); otherwise the text must be UTF-8. Text that is *not* valid UTF-8 is
still checked — each undecodable byte becomes U+FFFD — and the file gets a warning naming
the first bad byte, so a seller who saved the card in a legacy encoding learns why a word
looks broken instead of getting no check at all. A file with NUL bytes or mostly control
characters is binary and is refused; so is text over 1 MiB (no card is that long).
"""
from __future__ import annotations

import codecs

from app.batch import limits
from app.batch.artwork import Artwork
from app.batch.errors import ArtworkError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)


def _size(n: int) -> str:
    return f"{n / limits.MIB:.1f} MiB" if n >= limits.MIB else f"{n / 1024:.1f} KiB"


def decode_text(data: bytes, shown: str) -> tuple[str, list[str]]:
    """Bytes → (text, warnings); raises ArtworkError for binary or oversized input."""
    if len(data) > limits.MAX_TEXT_BYTES:
        raise ArtworkError(
            f"{shown}: too large for card text ({_size(len(data))}; Cardwise checks text files up to "
            f"{_size(limits.MAX_TEXT_BYTES)})")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), []
            except UnicodeDecodeError as exc:
                raise ArtworkError(f"{shown}: starts with a {enc.upper()} byte-order mark but is not valid {enc.upper()} "
                                   f"(bad bytes at offset {exc.start})") from None
    head = data[:8192]
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if b"\x00" in head or (head and controls / len(head) > 0.1):
        raise ArtworkError(f"{shown}: binary file, not text (Cardwise reads .txt/.md as UTF-8 text; "
                           "PDF, PNG, JPEG, TIFF, WebP, BMP, SVG and DOCX by their own readers)")
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8", errors="replace")
        bad = text.count("\ufffd")
        return text, [f"not valid UTF-8 (first bad byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                      f"{bad} character(s) replaced with U+FFFD — save the file as UTF-8 to check it exactly"]


def read_text(shown: str, data: bytes) -> Artwork:
    text, warnings = decode_text(data, shown)
    art = Artwork(path=shown, kind="text", text=text, warnings=warnings)
    if not text.strip():
        art.warnings.append("empty file: there is no text to check")
    return art
