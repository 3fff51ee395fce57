"""The canvas shows CMYK colours the way the print proof renders them: every template colour
within ΔE 3 (CIE76, sRGB D65) of the proof's own rendering."""
from __future__ import annotations

import pytest

from app.model.color import Color
from app.model.elements import QrElement, RectElement, TextBox, LineElement
from app.model.screen_colour import cmyk_to_screen, render_swatches, screen_rgb
from app.model.templates import list_templates, new_from_template


def _lab(rgb: tuple[int, int, int]) -> tuple[float, float, float]:
    def lin(v: int) -> float:
        v = v / 255
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (lin(v) for v in rgb)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def delta_e(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    la, lb = _lab(a), _lab(b)
    return sum((p - q) ** 2 for p, q in zip(la, lb)) ** 0.5


def _template_colours() -> list[Color]:
    seen: dict[tuple, Color] = {}
    for t in list_templates():
        doc = new_from_template(t.id)
        for side in doc.sides:
            if side.background is not None:
                seen[side.background.cmyk] = side.background
        for _s, el in doc.elements():
            cols: list[Color | None] = []
            if isinstance(el, RectElement):
                cols += [el.fill, el.stroke]
            elif isinstance(el, TextBox):
                cols += [el.fill] + [p.style.color for p in el.paragraphs]
            elif isinstance(el, QrElement):
                cols += [el.fg, el.bg]
            elif isinstance(el, LineElement):
                cols += [el.stroke]
            for c in cols:
                if c is not None:
                    seen[c.cmyk] = c
    return list(seen.values())


def test_every_template_colour_on_screen_matches_the_proof_within_delta_e_3():
    colours = _template_colours()
    assert len(colours) >= 8
    proof = render_swatches([c.cmyk for c in colours])
    worst = max(delta_e(screen_rgb(c), p) for c, p in zip(colours, proof))
    assert worst <= 3.0, worst


def test_the_naive_formula_the_canvas_used_was_visibly_off():
    """The old canvas colour (R = 255·(1−C)(1−K)) is more than ΔE 3 from the proof for the
    templates' teal, so the test above measures something real."""
    teal = Color(0.88, 0.38, 0.3, 0.12)
    (proof,) = render_swatches([teal.cmyk])
    assert delta_e(teal.rgb, proof) > 3.0
    assert delta_e(screen_rgb(teal), proof) <= 3.0


def test_off_grid_colours_interpolate_within_delta_e_3():
    """Colours between the table's sample points (a brand colour picked freely)."""
    cmyks = [(0.13, 0.57, 0.91, 0.07), (0.66, 0.05, 0.31, 0.5), (0.02, 0.02, 0.02, 0.02), (0.45, 0.9, 0.0, 0.25)]
    proof = render_swatches(cmyks)
    for cmyk, p in zip(cmyks, proof):
        assert delta_e(cmyk_to_screen(*cmyk), p) <= 3.0, (cmyk, cmyk_to_screen(*cmyk), p)


def test_paper_white_and_spot_tints():
    assert cmyk_to_screen(0, 0, 0, 0) == (255, 255, 255)
    spot = Color(0.0, 0.62, 0.58, 0.0, spot="Coral", tint=0.5)
    assert screen_rgb(spot) == cmyk_to_screen(0.0, 0.31, 0.29, 0.0)


@pytest.mark.parametrize("template", ["thank-you"])
def test_canvas_colour_matches_the_exported_proof(template, tmp_path):
    """End to end: the band's colour in Cardwise's own proof of the exported PDF."""
    from app.export.pdf import ExportOptions, export_pdf
    from app.export.proof import ProofOptions, render_pages

    doc = new_from_template(template)
    out = tmp_path / "card.pdf"
    export_pdf(doc, out, ExportOptions(preflight=False))
    img = render_pages(out, ProofOptions(dpi=72, pages=(0,)))[0]
    band = doc.get("front-band")
    assert delta_e(screen_rgb(band.fill), img.getpixel((40, 150))) <= 3.0
