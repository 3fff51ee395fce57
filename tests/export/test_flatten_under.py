"""PDF/X-1a flattening composites a transparent logo over the artwork really beneath it
(text, images, shapes), so the X-1a file has no soft mask and prints like the X-4 one."""
from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pikepdf
import pytest
from PIL import Image, ImageChops

from app.export.pdf import ExportOptions, export_pdf
from app.model.color import BLACK, Color
from app.model.document import Document
from app.model.elements import ImageElement, Paragraph, RectElement, TextBox, TextStyle
from app.model.geometry import CardSpec
from app.model.units import mm
from export_fixtures import jpeg_bytes

GS_CMYK = sorted(Path("/usr/share/ghostscript").glob("*/iccprofiles/default_cmyk.icc"))
needs_tools = pytest.mark.skipif(not GS_CMYK or shutil.which("pdftoppm") is None,
                                 reason="needs Ghostscript's CMYK profile and poppler's pdftoppm")

DPI = 150
LOGO = (mm(40), mm(30), mm(40), mm(40))   # x, y, w, h on the card


def _logo_png() -> bytes:
    """Left half fully transparent, right half opaque red (a logo on a transparent canvas)."""
    img = Image.new("RGBA", (400, 400), (200, 30, 40, 255))
    img.paste(Image.new("RGBA", (200, 400), (0, 0, 0, 0)), (0, 0))
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


def _card(rotation: float = 0.0) -> Document:
    doc = Document.new(CardSpec.from_preset("a6"), title="Flatten")
    w = doc.spec.width
    doc.set_side_property("front", "background", Color(0.8, 0.1, 0.35, 0.05))   # teal
    doc.add_element("front", RectElement(id="panel", x=mm(30), y=mm(20), w=mm(20), h=mm(60),
                                         fill=Color(0.0, 0.02, 0.1, 0.0), stroke=None))   # cream
    doc.add_element("front", TextBox(id="words", x=mm(8), y=mm(30), w=w - mm(16), h=mm(20),
                                     paragraphs=(Paragraph("Amazon order 24 hours WWWWWWWWWW",
                                                           TextStyle(size_pt=18, color=BLACK)),)))
    photo = doc.add_asset(jpeg_bytes((600, 400), colour=(20, 160, 60)), "photo.jpg")
    doc.add_element("front", ImageElement(id="photo", x=mm(20), y=mm(52), w=mm(30), h=mm(20), asset_id=photo))
    logo = doc.add_asset(_logo_png(), "logo.png")
    x, y, lw, lh = LOGO
    doc.add_element("front", ImageElement(id="logo", x=x, y=y, w=lw, h=lh, asset_id=logo, rotation=rotation))
    return doc


def _render(pdf: Path, out: Path) -> Image.Image:
    subprocess.run(["pdftoppm", "-r", str(DPI), "-f", "1", "-l", "1", "-png", "-singlefile", str(pdf),
                    str(out)], check=True, capture_output=True, timeout=60)
    return Image.open(out.with_suffix(".png")).convert("RGB")


def _agreement(a: Image.Image, b: Image.Image) -> tuple[float, float]:
    """Share of pixels within 25 levels, and the mean difference (0-255)."""
    hist = ImageChops.difference(a, b).convert("L").histogram()
    n = sum(hist)
    return sum(hist[:25]) / n, sum(i * v for i, v in enumerate(hist)) / n


def _has_transparency(path: Path) -> list[str]:
    found = []
    with pikepdf.open(path) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
                if "/SMask" in obj and obj.get("/SMask") != pikepdf.Name.None_:
                    found.append("SMask")
                group = obj.get("/Group")
                if isinstance(group, pikepdf.Dictionary) and group.get("/S") == pikepdf.Name.Transparency:
                    found.append("transparency group")
    return found


def _exports(tmp_path: Path, doc: Document) -> tuple[Path, Path]:
    x1a, x4 = tmp_path / "x1a.pdf", tmp_path / "x4.pdf"
    export_pdf(doc, x1a, ExportOptions(pdfx="x1a", icc_path=GS_CMYK[0], preflight=False))
    export_pdf(doc, x4, ExportOptions(pdfx="x4", icc_path=GS_CMYK[0], preflight=False))
    return x1a, x4


def _box_px(doc: Document, rect: tuple[float, float, float, float]) -> tuple[int, int, int, int]:
    b = doc.spec.bleed
    x, y, w, h = rect
    s = DPI / 72
    return (round((x + b) * s), round((y + b) * s), round((x + b + w) * s), round((y + b + h) * s))


@needs_tools
def test_x1a_logo_is_flattened_over_text_and_image_like_x4(tmp_path):
    doc = _card()
    x1a, x4 = _exports(tmp_path, doc)
    assert _has_transparency(x1a) == []
    assert "SMask" in _has_transparency(x4)   # the X-4 file keeps live transparency
    a, b = _render(x1a, tmp_path / "a"), _render(x4, tmp_path / "b")
    x, y, w, h = LOGO
    # the logo's transparent (left) half, a little inside its edges
    clear = _box_px(doc, (x + 2, y + 2, w / 2 - 4, h - 4))
    pa, pb = a.crop(clear), b.crop(clear)
    close, mean = _agreement(pa, pb)
    # glyph edges differ a little (raster at 300 ppi vs vector); everything else matches
    assert close > 0.95 and mean < 8, f"only {close:.1%} of the pixels under the clear half match the X-4 render"
    # what is under it really shows: black text, the green photo, the teal band and the cream panel
    colours = pa.getcolors(1 << 20)
    assert any(max(c) < 80 for _, c in colours), "the text under the logo is missing"
    assert any(g > r + 40 and g > bb + 20 for _, (r, g, bb) in colours), "the photo under the logo is missing"
    # the opaque half is the logo's red in both
    red = _box_px(doc, (x + w / 2 + 3, y + 3, w / 2 - 6, h - 6))
    r, g, bb = a.crop(red).resize((1, 1), Image.Resampling.BOX).getpixel((0, 0))
    assert r > 150 and g < 90 and bb < 90


@needs_tools
def test_rotated_transparent_logo_is_flattened_over_what_is_beneath(tmp_path):
    """A logo turned 90° still sees the artwork under it the right way up."""
    doc = _card(rotation=90)
    x1a, x4 = _exports(tmp_path, doc)
    assert _has_transparency(x1a) == []
    a, b = _render(x1a, tmp_path / "a"), _render(x4, tmp_path / "b")
    x, y, w, h = LOGO
    box = _box_px(doc, (x + 2, y + 2, w - 4, h - 4))
    close, mean = _agreement(a.crop(box), b.crop(box))
    assert close > 0.95 and mean < 8, f"only {close:.1%} of the pixels under the logo match the X-4 render"


def test_transparent_pixels_take_the_exact_inks_of_the_artwork_beneath():
    """The artwork beneath is rendered plate by plate: flat colours keep their exact inks."""
    from app.export.drawers import DrawContext
    from app.export.flatten import render_under
    from app.model.geometry import Rect
    from app.model.fonts import library_for

    from reportlab.pdfgen.canvas import Canvas

    doc = _card()
    side = doc.sides[0]
    logo = doc.get("logo")
    ctx = DrawContext(Canvas(io.BytesIO()), doc, side, doc.spec.bleed, fonts=library_for(doc))
    raster = render_under(ctx, logo, Rect(*LOGO), (200, 200))
    assert raster.mode == "CMYK" and raster.size == (200, 200)
    # top-left corner: the cream panel (x 30-50 mm); top-right: the teal background (above the text)
    def near(got, want):
        return all(abs(g - round(255 * w)) <= 1 for g, w in zip(got, want))

    assert near(raster.getpixel((2, 2)), (0.0, 0.02, 0.1, 0.0)), raster.getpixel((2, 2))
    assert near(raster.getpixel((197, 2)), (0.8, 0.1, 0.35, 0.05)), raster.getpixel((197, 2))
    # the black text beneath overprints (as it prints beside the logo): where K is solid,
    # the plates below keep the teal band's or the cream panel's inks instead of knocking out
    teal = tuple(round(255 * v) for v in (0.8, 0.1, 0.35))
    cream = tuple(round(255 * v) for v in (0.0, 0.02, 0.1))
    pixels = np.asarray(raster).reshape(-1, 4).astype(int)
    solid_k = pixels[pixels[:, 3] == 255][:, :3]
    assert len(solid_k), "the text under the logo is missing"
    near = [np.abs(solid_k - np.array(under)).max(axis=1) <= 1 for under in (teal, cream)]
    assert (near[0] | near[1]).all(), "black text knocked out the inks beneath it"
