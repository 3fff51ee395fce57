"""PNG proofs of an exported PDF, rendered by pdfium (what the printer's RIP will see, not
what the designer paints).

``view="trim"`` shows the finished card; ``view="bleed"`` shows the whole bleed area, and
with ``guides=True`` the trim (red) and the safe zone (dashed blue) are drawn on top, the
way printers' proof sheets show them. Both sides are placed side by side in one PNG, front
on the left, with a small gap. The proof is an RGB screen image: it never goes to press.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw

from app.errors import ExportError
from app.export.atomic import atomic_output

GAP_PX_AT_72 = 12
GUIDE_TRIM = (220, 30, 40)
GUIDE_SAFE = (30, 110, 230)


@dataclass(frozen=True)
class ProofOptions:
    dpi: float = 150.0
    view: str = "trim"          #: "trim" or "bleed"
    guides: bool = False        #: draw trim and safe-zone lines (bleed view shows both)
    safe: float | None = None   #: safe margin in points (for the guide); None = no safe line
    pages: tuple[int, ...] | None = None  #: 0-based page indices; None = all


def render_pages(pdf_path: str | Path, options: ProofOptions | None = None) -> list[Image.Image]:
    """Render the chosen pages of ``pdf_path`` as RGB images, cut to the trim or bleed box."""
    import pypdfium2 as pdfium

    options = options or ProofOptions()
    if options.view not in ("trim", "bleed"):
        raise ExportError(f"proof view {options.view!r} must be 'trim' or 'bleed'")
    if not 10 <= options.dpi <= 1200:
        raise ExportError(f"proof resolution {options.dpi:g} dpi must be between 10 and 1200")
    try:
        doc = pdfium.PdfDocument(str(pdf_path))
    except pdfium.PdfiumError as exc:
        raise ExportError(f"cannot render {pdf_path}: {exc}") from exc
    out: list[Image.Image] = []
    scale = options.dpi / 72.0
    try:
        indices = options.pages if options.pages is not None else range(len(doc))
        for i in indices:
            page = doc[i]
            try:
                mx0, my0, mx1, my1 = page.get_mediabox()
                tx0, ty0, tx1, ty1 = page.get_trimbox()
                bx0, by0, bx1, by1 = page.get_bleedbox()
                view = (tx0, ty0, tx1, ty1) if options.view == "trim" else (bx0, by0, bx1, by1)
                crop = (view[0] - mx0, view[1] - my0, mx1 - view[2], my1 - view[3])
                bitmap = page.render(scale=scale, crop=crop, fill_color=(255, 255, 255, 255))
                img = bitmap.to_pil().convert("RGB")
                if options.guides:
                    _draw_guides(img, view, (tx0, ty0, tx1, ty1), options.safe, scale)
                out.append(img)
            finally:
                page.close()
    finally:
        doc.close()
    return out


def _draw_guides(img: Image.Image, view: tuple[float, ...], trim: tuple[float, ...], safe: float | None,
                 scale: float) -> None:
    d = ImageDraw.Draw(img)
    vx0, _vy0, _vx1, vy1 = view

    def px(x: float, y: float) -> tuple[float, float]:
        return ((x - vx0) * scale, (vy1 - y) * scale)

    width = max(1, round(scale / 2))
    x0, y0, x1, y1 = trim
    d.rectangle([px(x0, y1), px(x1, y0)], outline=GUIDE_TRIM, width=width)
    if safe:
        a, b = px(x0 + safe, y1 - safe), px(x1 - safe, y0 + safe)
        dash = max(3, round(4 * scale))
        for (p0, p1) in (((a[0], a[1]), (b[0], a[1])), ((a[0], b[1]), (b[0], b[1]))):
            x = p0[0]
            while x < p1[0]:
                d.line([(x, p0[1]), (min(x + dash, p1[0]), p0[1])], fill=GUIDE_SAFE, width=width)
                x += 2 * dash
        for (p0, p1) in (((a[0], a[1]), (a[0], b[1])), ((b[0], a[1]), (b[0], b[1]))):
            y = p0[1]
            while y < p1[1]:
                d.line([(p0[0], y), (p0[0], min(y + dash, p1[1]))], fill=GUIDE_SAFE, width=width)
                y += 2 * dash


def compose(images: list[Image.Image], dpi: float) -> Image.Image:
    """Pages side by side (front left) on a light gray ground."""
    if not images:
        raise ExportError("nothing to render: the PDF has no pages")
    gap = round(GAP_PX_AT_72 * dpi / 72.0) if len(images) > 1 else 0
    w = sum(i.width for i in images) + gap * (len(images) - 1)
    h = max(i.height for i in images)
    sheet = Image.new("RGB", (w, h), (236, 236, 236))
    x = 0
    for img in images:
        sheet.paste(img, (x, 0))
        x += img.width + gap
    return sheet


def render_proof(pdf_path: str | Path, png_path: str | Path, options: ProofOptions | None = None) -> Path:
    """Write a PNG proof of ``pdf_path`` (all pages side by side); returns the PNG path."""
    options = options or ProofOptions()
    sheet = compose(render_pages(pdf_path, options), options.dpi)
    png_path = Path(png_path)
    with atomic_output(png_path) as tmp:
        sheet.save(tmp, "PNG", dpi=(options.dpi, options.dpi), optimize=False)
    return png_path
