"""``.cardwise`` projects: judged by the card's verdict (``app.verdict.judge_card``), the
same one the designer and the export gate give.

The extracted text is each side's wording in :func:`app.verdict.reading_order` (front, then
back); its pieces carry the element id and box (points, origin top-left of the trim, the
model's convention), so findings point at the element the designer would select. The loaded
document rides along on the artwork (``Artwork.document``): ``app.batch.analyze`` hands it to
``judge_card`` instead of checking the text itself.
"""
from __future__ import annotations

from app.batch.artwork import Artwork, PageInfo, QrCode, TextBuilder
from app.batch.errors import ArtworkError
from app.errors import CardwiseError
from app.io.project import from_bytes
from app.model.elements import QrElement
from app.verdict import reading_order


def load_document(shown: str, data: bytes):
    """(document, warnings) from the project's bytes, via the project file loader."""
    loaded = from_bytes(data, shown)
    return loaded.document, list(loaded.warnings)


def read_card(shown: str, path: str, data: bytes) -> Artwork:
    try:
        doc, warnings = load_document(shown, data)
    except CardwiseError as exc:
        raise ArtworkError(f"{shown}: {exc}") from None
    art = Artwork(path=shown, kind="card", warnings=warnings, document=doc)
    builder = TextBuilder()
    w, h = doc.spec.width, doc.spec.height
    for number, (side, card) in enumerate(zip(doc.sides, reading_order(doc)), start=1):
        art.pages.append(PageInfo(number, w, h, "pt", "top-left", text_layer=True))
        for piece in card.pieces:
            el = doc.get(piece.element_id)
            box = (el.x, el.y, el.x + el.w, el.y + el.h)
            builder.paragraph_break()
            builder.add(card.text[piece.start:piece.end], page=number, bbox=box, element_id=el.id, source="card")
            builder.paragraph_break()
        for el in side.elements:
            if isinstance(el, QrElement) and el.payload:
                art.qr_codes.append(QrCode(el.payload, number, (el.x, el.y, el.x + el.w, el.y + el.h), "QRCode",
                                           element_id=el.id))
    art.text, art.pieces = builder.text, builder.pieces
    return art
