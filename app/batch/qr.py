"""QR codes (and Micro/rMQR, DataMatrix, Aztec) on artwork, decoded with zxing-cpp.

Sellers print QR codes that lead to sign-up forms, coupon pages or messenger chats; the
payload is judged like any URL (``Checker.check_qr``). Only 2-D codes are read: a product's
EAN barcode is not wording.
"""
from __future__ import annotations

from PIL import Image

from app.batch.artwork import QrCode


def _formats():
    import zxingcpp
    f = zxingcpp.BarcodeFormat
    return [f.QRCode, f.MicroQRCode, f.RMQRCode, f.DataMatrix, f.Aztec]


def find_codes(img: Image.Image, *, page: int | None, to_page=None) -> list[QrCode]:
    """Decode every 2-D code in ``img``; boxes in pixels (top-left origin) or via ``to_page``."""
    import zxingcpp

    grey = img if img.mode == "L" else img.convert("L")
    out: list[QrCode] = []
    for code in zxingcpp.read_barcodes(grey, formats=_formats()):
        p = code.position
        xs = [p.top_left.x, p.top_right.x, p.bottom_left.x, p.bottom_right.x]
        ys = [p.top_left.y, p.top_right.y, p.bottom_left.y, p.bottom_right.y]
        x0, y0, x1, y1 = min(xs), min(ys), max(xs), max(ys)
        bbox = to_page(x0, y0, x1, y1) if to_page else (float(x0), float(y0), float(x1), float(y1))
        fmt = getattr(code.format, "name", str(code.format))
        out.append(QrCode(payload=code.text, page=page, bbox=bbox, format=fmt))
    return out
