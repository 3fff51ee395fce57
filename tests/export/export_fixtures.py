"""Builders for the exporter tests: a realistic two-sided card made with the model API."""
from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from app.model.color import BLACK, WHITE, Color
from app.model.document import Document
from app.model.elements import (Align, ImageElement, LineElement, Paragraph, QrElement, RectElement, TextBox,
                                TextStyle)
from app.model.geometry import CardSpec
from app.model.units import mm


def png_bytes(size: tuple[int, int], colour=(200, 30, 40, 255), mode: str = "RGBA", alpha_left: bool = False) -> bytes:
    img = Image.new(mode, size, colour if mode != "L" else 128)
    if alpha_left and mode == "RGBA":
        half = Image.new("RGBA", (size[0] // 2, size[1]), (0, 0, 0, 0))
        img.paste(half, (0, 0))
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


def jpeg_bytes(size: tuple[int, int], colour=(20, 120, 200)) -> bytes:
    img = Image.new("RGB", size, colour)
    for x in range(0, size[0], 7):   # some detail so it is a photo-like JPEG
        img.putpixel((x, (x * 3) % size[1]), (255, 255, 255))
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=90)
    return buf.getvalue()


BODY = ("Thank you for choosing us. If anything is not right, contact us through Amazon Buyer-Seller "
        "Messaging (Your Orders › Contact Seller) and we will help.")


def build_card(spec: CardSpec | None = None) -> Document:
    """A two-sided A6 card with every element kind, an RGBA logo and a 900-ppi photo."""
    doc = Document.new(spec or CardSpec.from_preset("a6"), title="Test card")
    w, h = doc.spec.width, doc.spec.height
    doc.set_side_property("front", "background", Color(0.02, 0.0, 0.06, 0.0))
    doc.add_element("front", RectElement(id="band", x=-doc.spec.bleed, y=-doc.spec.bleed, w=w + 2 * doc.spec.bleed,
                                         h=mm(30) + doc.spec.bleed, fill=Color(0.85, 0.35, 0.0, 0.1), stroke=None))
    title = TextStyle(size_pt=20, bold=True, color=WHITE, align=Align.CENTER)
    doc.add_element("front", TextBox(id="title", x=mm(8), y=mm(9), w=w - mm(16), h=mm(14),
                                     paragraphs=(Paragraph("Thank you!", title),)))
    body = TextStyle(size_pt=10, align=Align.JUSTIFY, line_spacing=1.3)
    doc.add_element("front", TextBox(id="body", x=mm(8), y=mm(40), w=w - mm(16), h=mm(45),
                                     paragraphs=(Paragraph(BODY, body),
                                                 Paragraph("感谢您的购买！", TextStyle(font_family="Droid Sans Fallback",
                                                                                size_pt=10)))))
    logo = doc.add_asset(png_bytes((300, 300), alpha_left=True), "logo.png")
    doc.add_element("front", ImageElement(id="logo", x=mm(8), y=mm(95), w=mm(20), h=mm(20), asset_id=logo))
    photo = doc.add_asset(jpeg_bytes((900, 600)), "photo.jpg")
    doc.add_element("front", ImageElement(id="photo", x=mm(32), y=mm(95), w=72 * 1.0, h=72 * 2 / 3, asset_id=photo))
    doc.add_element("front", LineElement(id="rule", x=mm(8), y=mm(90), w=w - mm(16), h=0, stroke=BLACK,
                                         stroke_width=0.5))
    doc.add_element("back", QrElement(id="qr", x=w / 2 - mm(12), y=mm(30), w=mm(24), h=mm(24),
                                      payload="https://www.amazon.com/dp/B000000000"))
    doc.add_element("back", TextBox(id="back-text", x=mm(8), y=mm(60), w=w - mm(16), h=mm(20),
                                    paragraphs=(Paragraph("Scan to see your order", TextStyle(size_pt=9,
                                                                                             align=Align.CENTER)),)))
    return doc


