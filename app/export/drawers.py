"""Element kind → reportlab canvas calls (``functools.singledispatch``).

Every drawer runs inside a frame where model coordinates are used as they are: the canvas
is translated to the top-left of the trim and flipped (y down), so a drawer writes
``rect(el.x, el.y, el.w, el.h)`` exactly as the designer shows it. Images and text flip
themselves back locally so they are upright. Rotation is about the box centre, clockwise
(a positive angle in the y-down frame turns clockwise on the page).

Colours go through :func:`app.export.colour.to_reportlab`; the canvas's colour enforcer
refuses anything else.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import singledispatch
from typing import Any

from reportlab.pdfgen.canvas import Canvas

from app.errors import ExportError
from app.export.colour import to_reportlab
from app.export.fontreg import register_ttf
from app.export.images import PreparedImage, flatten_size, has_alpha, prepare_image
from app.model.color import Color
from app.model.document import Document, Side
from app.model.elements import Element, ImageElement, LineElement, QrElement, RectElement, TextBox
from app.model.geometry import Rect


@dataclass
class DrawContext:
    canvas: Canvas
    doc: Document
    side: Side
    bleed: float
    icc: Any = None
    images: list[tuple[str, PreparedImage]] = field(default_factory=list)  # (element id, image)
    fonts: Any = None                 # the model's font library (set by the exporter)
    text_lines: dict[str, list[str]] = field(default_factory=dict)   # element id -> drawn lines
    overprint_black: bool = True      # 100 K text overprints
    keep_alpha: bool = False          # PDF/X-4: transparent images keep their alpha as /SMask
    ink_channel: int | None = None    # drawing one ink plate as gray (app.export.flatten)

    @property
    def bleed_rect(self) -> Rect:
        spec = self.doc.spec
        b = self.bleed
        return Rect(-b, -b, spec.width + 2 * b, spec.height + 2 * b)


def _rotate_about_centre(c: Canvas, el: Element) -> None:
    if el.rotation:
        cx, cy = el.x + el.w / 2, el.y + el.h / 2
        c.translate(cx, cy)
        c.rotate(el.rotation)
        c.translate(-cx, -cy)


def _set_fill(c: Canvas, colour: Color) -> None:
    c.setFillColor(to_reportlab(colour))


def _set_stroke(c: Canvas, colour: Color) -> None:
    c.setStrokeColor(to_reportlab(colour))


@singledispatch
def draw(el: Element, ctx: DrawContext) -> None:
    raise ExportError(f"{el.describe()}: element kind {el.kind!r} cannot be exported yet")


@draw.register
def _(el: RectElement, ctx: DrawContext) -> None:
    fill = el.fill is not None
    stroke = el.stroke is not None and el.stroke_width > 0
    if not (fill or stroke):
        return
    c = ctx.canvas
    c.saveState()
    _rotate_about_centre(c, el)
    if fill:
        _set_fill(c, el.fill)  # type: ignore[arg-type]
    if stroke:
        _set_stroke(c, el.stroke)  # type: ignore[arg-type]
        c.setLineWidth(el.stroke_width)
        c.setLineJoin(0)
    r = el.effective_radius
    if r > 0:
        c.roundRect(el.x, el.y, el.w, el.h, r, stroke=int(stroke), fill=int(fill))
    else:
        c.rect(el.x, el.y, el.w, el.h, stroke=int(stroke), fill=int(fill))
    c.restoreState()


@draw.register
def _(el: LineElement, ctx: DrawContext) -> None:
    if el.stroke_width <= 0:
        return
    c = ctx.canvas
    c.saveState()
    _rotate_about_centre(c, el)
    _set_stroke(c, el.stroke)
    if ctx.overprint_black and el.stroke.is_pure_black and el.stroke_width < 2:
        c.setStrokeOverprint(True)   # thin 100 K rules overprint, like black type
        c.setOverprintMask(True)
    c.setLineWidth(el.stroke_width)
    c.setLineCap(0)
    c.line(el.x1, el.y1, el.x2, el.y2)
    c.restoreState()


@draw.register
def _(el: QrElement, ctx: DrawContext) -> None:
    """Vector modules: one filled path of row-merged rectangles (no anti-aliasing seams)."""
    c = ctx.canvas
    c.saveState()
    _rotate_about_centre(c, el)
    size = min(el.w, el.h)
    ox, oy = el.x + (el.w - size) / 2, el.y + (el.h - size) / 2
    if el.bg is not None:
        _set_fill(c, el.bg)
        c.rect(ox, oy, size, size, stroke=0, fill=1)
    _set_fill(c, el.fg)
    path = c.beginPath()
    for r in el.module_rects():
        path.rect(r.x, r.y, r.w, r.h)
    c.drawPath(path, stroke=0, fill=1)
    c.restoreState()


def draw_image_in(ctx: DrawContext, asset_id: str, placed: Rect, clip: Rect, crop_px: tuple[float, float, float, float],
                  owner_id: str, under: Color | None, what: str, rotated: bool = False,
                  owner: Element | None = None) -> None:
    """Draw the asset's ``crop_px`` region stretched to ``placed``, clipped to ``clip`` (all trim coords)."""
    asset = ctx.doc.assets.get(asset_id)
    if asset is None:
        raise ExportError(f"{what}: the image asset {asset_id} is missing from the project")
    area = clip if rotated else _intersect(clip, ctx.bleed_rect)
    vis = _intersect(placed, area) if area is not None else None
    if vis is None:
        return
    # the visible part of the source, in pixels
    x0, y0, x1, y1 = crop_px
    sx = (x1 - x0) / placed.w
    sy = (y1 - y0) / placed.h
    src = (x0 + (vis.x - placed.x) * sx, y0 + (vis.y - placed.y) * sy,
           x0 + (vis.right - placed.x) * sx, y0 + (vis.bottom - placed.y) * sy)
    # snap the source window to whole pixels and grow the placed rect accordingly
    ix0, iy0 = math.floor(src[0] + 1e-6), math.floor(src[1] + 1e-6)
    ix1, iy1 = math.ceil(src[2] - 1e-6), math.ceil(src[3] - 1e-6)
    ix1, iy1 = max(ix1, ix0 + 1), max(iy1, iy0 + 1)
    draw_rect = Rect(vis.x - (src[0] - ix0) / sx, vis.y - (src[1] - iy0) / sy,
                     (ix1 - ix0) / sx, (iy1 - iy0) / sy)
    under_cmyk = under.cmyk if under is not None else (0.0, 0.0, 0.0, 0.0)
    under_raster = None
    if owner is not None and not ctx.keep_alpha and has_alpha(asset.data, what):
        # PDF/X-1a: composite over the artwork really beneath the image, rendered at its resolution
        from app.export.flatten import render_under

        size = flatten_size((ix0, iy0, ix1, iy1), (draw_rect.w, draw_rect.h))
        under_raster = render_under(ctx, owner, draw_rect, size)
    prepared = prepare_image(asset.data, crop_px=(ix0, iy0, ix1, iy1), placed_pt=(draw_rect.w, draw_rect.h),
                             under_cmyk=under_cmyk, icc=ctx.icc, what=what, under_raster=under_raster,
                             keep_alpha=ctx.keep_alpha)
    ctx.images.append((owner_id, prepared))
    if ctx.ink_channel is None:
        reader = prepared.reader()
    else:
        from app.export.flatten import channel_reader

        reader = channel_reader(prepared, ctx.ink_channel)
    c = ctx.canvas
    c.saveState()
    p = c.beginPath()
    p.rect(vis.x, vis.y, vis.w, vis.h)
    c.clipPath(p, stroke=0, fill=0)
    c.translate(draw_rect.x, draw_rect.bottom)
    c.scale(1, -1)   # images are stored top row first; undo the y-down frame
    c.drawImage(reader, 0, 0, draw_rect.w, draw_rect.h)
    c.restoreState()


def _intersect(a: Rect, b: Rect) -> Rect | None:
    x0, y0 = max(a.x, b.x), max(a.y, b.y)
    x1, y1 = min(a.right, b.right), min(a.bottom, b.bottom)
    if x1 - x0 <= 1e-6 or y1 - y0 <= 1e-6:
        return None
    return Rect(x0, y0, x1 - x0, y1 - y0)


@draw.register
def _(el: ImageElement, ctx: DrawContext) -> None:
    asset = ctx.doc.assets.get(el.asset_id)
    if asset is None:
        raise ExportError(f"{el.describe()}: the image asset {el.asset_id} is missing from the project")
    placed = el.placement(asset.width_px, asset.height_px)
    crop = el.source_pixels(asset.width_px, asset.height_px)
    c = ctx.canvas
    c.saveState()
    _rotate_about_centre(c, el)
    clip = el.rect
    draw_image_in(ctx, el.asset_id, placed, clip, crop, el.id, ctx.side.background, el.describe(),
                  rotated=bool(el.rotation), owner=el)
    c.restoreState()


def draw_background(ctx: DrawContext) -> None:
    """Background colour and image, both through the whole bleed."""
    side, c = ctx.side, ctx.canvas
    br = ctx.bleed_rect
    if side.background is not None and not side.background.is_white:
        _set_fill(c, side.background)
        c.rect(br.x, br.y, br.w, br.h, stroke=0, fill=1)
    if side.background_image:
        asset = ctx.doc.assets.get(side.background_image)
        if asset is None:
            raise ExportError(f"{side.name} background: the image asset {side.background_image} is missing")
        # cover the bleed rect, keep aspect, centred
        s = max(br.w / asset.width_px, br.h / asset.height_px)
        w, h = asset.width_px * s, asset.height_px * s
        placed = Rect(br.x + (br.w - w) / 2, br.y + (br.h - h) / 2, w, h)
        draw_image_in(ctx, side.background_image, placed, br, (0, 0, asset.width_px, asset.height_px),
                      f"{side.name}-background", side.background, f"{side.name} background image")


@draw.register
def _(el: TextBox, ctx: DrawContext) -> None:
    from app.export.text import draw_text_box

    c = ctx.canvas
    c.saveState()
    _rotate_about_centre(c, el)
    if el.fill is not None:
        _set_fill(c, el.fill)
        c.rect(el.x, el.y, el.w, el.h, stroke=0, fill=1)
    draw_text_box(el, ctx)
    c.restoreState()
