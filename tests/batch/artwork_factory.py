"""Generates card artwork from known texts: PNG (Pillow), PDF with a text layer (reportlab),
outlined PDF (Ghostscript ``-dNoOutputFonts``), SVG and DOCX (python-docx).

One layout serves every format so that a test can say where each word was drawn. A card is
a list of :class:`Block` paragraphs; a block's ``style`` is ``plain``, ``reversed`` (white
text on a dark blue band) or ``yellow`` (black text on a yellow band). An optional QR code
(segno) is drawn bottom-right.
"""
from __future__ import annotations

import io
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import reportlab
from PIL import Image, ImageDraw, ImageFont

FONT = str(Path(reportlab.__file__).parent / "fonts" / "Vera.ttf")
FONT_BOLD = str(Path(reportlab.__file__).parent / "fonts" / "VeraBd.ttf")
W_PT, H_PT = 288.0, 432.0  # 4 × 6 in
MARGIN = 20.0
BLUE = (31, 111, 178)
YELLOW = (242, 194, 0)


@dataclass(frozen=True)
class Block:
    text: str
    style: str = "plain"
    size: float = 11.0


@dataclass(frozen=True)
class PlacedLine:
    text: str
    x: float          # pt from the left
    top: float        # pt from the top
    size: float
    style: str
    bold: bool


def _measure(text: str, size: float, bold: bool) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth
    _register()
    return stringWidth(text, "CwVeraBd" if bold else "CwVera", size)


def _register() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    if "CwVera" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("CwVera", FONT))
        pdfmetrics.registerFont(TTFont("CwVeraBd", FONT_BOLD))


def layout(blocks: list[Block]) -> tuple[list[PlacedLine], list[tuple[float, float, float, tuple]]]:
    """Lines with their positions, and bands (top, height, colour) behind styled blocks."""
    lines: list[PlacedLine] = []
    bands = []
    top = 28.0
    width = W_PT - 2 * MARGIN
    for b in blocks:
        bold = b.style != "plain"
        leading = b.size * 1.35
        words = b.text.split()
        rows: list[str] = []
        cur = ""
        for w in words:
            cand = f"{cur} {w}".strip()
            if cur and _measure(cand, b.size, bold) > width:
                rows.append(cur)
                cur = w
            else:
                cur = cand
        if cur:
            rows.append(cur)
        band_top = top - 6
        for r in rows:
            lines.append(PlacedLine(r, MARGIN, top, b.size, b.style, bold))
            top += leading
        if b.style != "plain":
            bands.append((band_top, top - band_top + 2, BLUE if b.style == "reversed" else YELLOW))
            top += 8
        top += b.size * 0.9  # paragraph gap
    return lines, bands


def card_text(blocks: list[Block]) -> str:
    """The plain text the artwork shows (one paragraph per line)."""
    return "\n".join(b.text for b in blocks)


def qr_png(payload: str, scale: int = 6) -> Image.Image:
    import segno
    buf = io.BytesIO()
    segno.make(payload, error="m").save(buf, kind="png", scale=scale, border=2)
    buf.seek(0)
    return Image.open(buf).convert("RGB")


QR_SIZE_PT = 72.0
QR_POS_PT = (W_PT - MARGIN - QR_SIZE_PT, H_PT - MARGIN - QR_SIZE_PT)  # x, top


def png(blocks: list[Block], path: Path, *, dpi: int = 300, qr: str | None = None) -> Path:
    s = dpi / 72.0
    img = Image.new("RGB", (round(W_PT * s), round(H_PT * s)), "white")
    d = ImageDraw.Draw(img)
    lines, bands = layout(blocks)
    for top, h, colour in bands:
        d.rectangle([0, top * s, img.width, (top + h) * s], fill=colour)
    for ln in lines:
        font = ImageFont.truetype(FONT_BOLD if ln.bold else FONT, round(ln.size * s))
        fill = "white" if ln.style == "reversed" else "black"
        d.text((ln.x * s, ln.top * s), ln.text, font=font, fill=fill)
    if qr:
        q = qr_png(qr).resize((round(QR_SIZE_PT * s), round(QR_SIZE_PT * s)), Image.NEAREST)
        img.paste(q, (round(QR_POS_PT[0] * s), round(QR_POS_PT[1] * s)))
    img.save(path)
    return path


def pdf(blocks: list[Block], path: Path, *, qr: str | None = None, pages: int = 1) -> Path:
    from reportlab.pdfgen import canvas
    from reportlab.lib.utils import ImageReader
    _register()
    c = canvas.Canvas(str(path), pagesize=(W_PT, H_PT))
    lines, bands = layout(blocks)
    for _ in range(pages):
        for top, h, colour in bands:
            c.setFillColorRGB(*(v / 255 for v in colour))
            c.rect(0, H_PT - top - h, W_PT, h, fill=1, stroke=0)
        for ln in lines:
            c.setFont("CwVeraBd" if ln.bold else "CwVera", ln.size)
            c.setFillColorRGB(*((1, 1, 1) if ln.style == "reversed" else (0, 0, 0)))
            c.drawString(ln.x, H_PT - ln.top - ln.size * 0.93, ln.text)
        if qr:
            c.drawImage(ImageReader(qr_png(qr)), QR_POS_PT[0], H_PT - QR_POS_PT[1] - QR_SIZE_PT,
                        QR_SIZE_PT, QR_SIZE_PT)
        c.showPage()
    c.save()
    return path


def outlined_pdf(blocks: list[Block], path: Path) -> Path:
    """A PDF whose text is drawn as outlines (no text layer), as printers often deliver."""
    src = path.with_suffix(".src.pdf")
    pdf(blocks, src)
    gs = shutil.which("gs")
    assert gs, "Ghostscript is needed for outlined PDFs"
    subprocess.run([gs, "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pdfwrite", "-dNoOutputFonts",
                    f"-sOutputFile={path}", str(src)], check=True, capture_output=True)
    src.unlink()
    return path


def svg(blocks: list[Block], path: Path) -> Path:
    from xml.sax.saxutils import escape
    lines, bands = layout(blocks)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W_PT}pt" height="{H_PT}pt" viewBox="0 0 {W_PT} {H_PT}">']
    for top, h, colour in bands:
        out.append(f'<rect x="0" y="{top}" width="{W_PT}" height="{h}" fill="rgb{colour}"/>')
    # one <text> per block, one <tspan> per line, like design tools write it
    idx = 0
    for bi, b in enumerate(blocks):
        mine = [ln for ln in lines[idx:] if True][: _rows_of(b, lines[idx:])]
        idx += len(mine)
        fill = "#fff" if b.style == "reversed" else "#000"
        out.append(f'<text id="t{bi + 1}" font-family="Vera" font-size="{b.size}" fill="{fill}">')
        for ln in mine:
            out.append(f'<tspan x="{ln.x}" y="{ln.top + ln.size * 0.93}">{escape(ln.text)}</tspan>')
        out.append("</text>")
    out.append("</svg>")
    path.write_text("\n".join(out), encoding="utf-8")
    return path


def _rows_of(block: Block, rest: list[PlacedLine]) -> int:
    n, acc = 0, ""
    for ln in rest:
        acc = f"{acc} {ln.text}".strip()
        n += 1
        if acc == " ".join(block.text.split()):
            return n
    return n


def docx(blocks: list[Block], path: Path) -> Path:
    import docx as _docx
    d = _docx.Document()
    for b in blocks:
        d.add_paragraph(b.text)
    d.save(str(path))
    return path
