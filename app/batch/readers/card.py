"""``.cardwise`` projects: each text box's text and each QR payload, keyed to its element.

Text boxes become paragraphs of the extracted text in z-order per side (front, then back);
their pieces carry the element id and box (points, origin top-left of the trim, the model's
convention), so findings point at the element the designer would select.
"""
from __future__ import annotations

from app.batch.artwork import Artwork, PageInfo, QrCode, TextBuilder
from app.batch.errors import ArtworkError


def load_document(shown: str, data: bytes):
    """(document, warnings) from the project's bytes, via the project file loader."""
    from app.io.project import from_bytes

    loaded = from_bytes(data, shown)
    return loaded.document, list(loaded.warnings)


def read_card(shown: str, path: str, data: bytes) -> Artwork:
    from app.errors import CardwiseError
    from app.model.elements import QrElement, TextBox

    try:
        doc, warnings = load_document(shown, data)
    except CardwiseError as exc:
        raise ArtworkError(f"{shown}: {exc}") from None
    art = Artwork(path=shown, kind="card", warnings=warnings)
    builder = TextBuilder()
    w, h = doc.spec.width, doc.spec.height
    for number, side in enumerate(doc.sides, start=1):
        art.pages.append(PageInfo(number, w, h, "pt", "top-left", text_layer=True))
        for el in side.elements:
            box = (el.x, el.y, el.x + el.w, el.y + el.h)
            if isinstance(el, TextBox) and el.text.strip():
                builder.paragraph_break()
                builder.add(el.text, page=number, bbox=box, element_id=el.id, source="card")
                builder.paragraph_break()
            elif isinstance(el, QrElement) and el.payload:
                art.qr_codes.append(QrCode(el.payload, number, box, "QRCode", element_id=el.id))
    art.text, art.pieces = builder.text, builder.pieces
    art.ignores = list(getattr(doc, "ignores", []))
    return art
