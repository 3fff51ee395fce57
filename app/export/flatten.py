"""What lies under a transparent image, as CMYK pixels (PDF/X-1a flattening).

PDF/X-1a allows no transparency, so a logo with an alpha channel is composited before it
is embedded. It must be composited over what is really beneath it — the side's background,
shapes, text, QR codes and other images below it in z-order — or its transparent parts
print as a flat patch (a cream square on a teal band, text under the logo gone).

:func:`render_under` draws that artwork through the exporter's own drawers into a small
temporary PDF whose page is the image's box, at the pixel size the image is flattened at
(:func:`app.export.images.flatten_size`, at least 300 ppi), and rasterises it with pdfium.
pdfium only renders RGB, and a CMYK→RGB→CMYK round trip would change the inks (the logo's
box would print in different inks from the band around it). So the artwork is drawn once
per ink: every colour is replaced by the gray ``1 − ink`` of that one channel (the
canvas's colour enforcer) and every image by its channel as a gray image
(:func:`channel_reader`); the four gray renders are the C, M, Y and K plates, exact for
flat colours and anti-aliased like the print at the edges.

Overprint is kept: black type and thin rules the drawers set to overprint (OPM 1) leave the
plates where they have no ink untouched (:class:`_PlateCanvas`), so 100 K text on the teal
band beneath a logo stays teal + K, exactly as it prints beside the logo.
"""
from __future__ import annotations

import hashlib
import io
import threading
from collections import OrderedDict
from typing import Any

from PIL import Image
from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas

from app.errors import ExportError
from app.export.colour import enforce_print_colour
from app.export.images import PreparedImage
from app.model.elements import Element
from app.model.geometry import Rect

INKS = ("cyan", "magenta", "yellow", "black")

REACH_MARGIN_PT = 24.0

#: rendered plates by the temporary PDF's content (drawn with ``invariant=1``, so the same
#: artwork gives the same bytes): repeated exports of an unchanged card skip pdfium
_CACHE: "OrderedDict[tuple, Image.Image]" = OrderedDict()
_CACHE_LOCK = threading.Lock()


def _channel_enforcer(channel: int):  # noqa: ANN202 - reportlab enforceColorSpace callable
    """Colour enforcer for the plate of ``channel``: any print colour becomes the gray of
    that ink's coverage (1 − ink), so pdfium renders the plate as exact gray levels."""
    attr = INKS[channel]

    def enforce(value: Any) -> Color:
        colour = enforce_print_colour(value)
        ink = getattr(colour, attr) * colour.density
        return Color(1 - ink, 1 - ink, 1 - ink, alpha=colour.alpha)

    return enforce


class _PlateCanvas(Canvas):
    """A canvas drawing one ink plate. It follows the fill/stroke overprint state through
    save/restore, and skips an overprinting text or line whose ink on this plate is zero:
    with overprint mode 1 such a component leaves the plate as it is instead of knocking
    it out."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._overprint = (False, False)   # (fill, stroke)
        self._overprint_stack: list[tuple[bool, bool]] = []

    def saveState(self) -> None:  # noqa: N802 - reportlab API
        self._overprint_stack.append(self._overprint)
        super().saveState()

    def restoreState(self) -> None:  # noqa: N802
        self._overprint = self._overprint_stack.pop() if self._overprint_stack else (False, False)
        super().restoreState()

    def showPage(self) -> None:  # noqa: N802
        self._overprint, self._overprint_stack = (False, False), []
        super().showPage()

    def setFillOverprint(self, flag: Any) -> None:  # noqa: N802
        self._overprint = (bool(flag), self._overprint[1])
        super().setFillOverprint(flag)

    def setStrokeOverprint(self, flag: Any) -> None:  # noqa: N802
        self._overprint = (self._overprint[0], bool(flag))
        super().setStrokeOverprint(flag)

    def drawText(self, aTextObject: Any) -> None:  # noqa: N802, N803
        if self._overprint[0] and _no_ink(aTextObject._fillColorObj):   # noqa: SLF001
            return
        super().drawText(aTextObject)

    def line(self, x1: float, y1: float, x2: float, y2: float) -> None:
        if self._overprint[1] and _no_ink(self._strokeColorObj):
            return
        super().line(x1, y1, x2, y2)


def _no_ink(colour: Any) -> bool:
    """The plate colour set by :func:`_channel_enforcer` carries no ink (gray 1.0)."""
    return isinstance(colour, Color) and colour.red >= 1.0


def channel_reader(prepared: PreparedImage, channel: int) -> Any:
    """An ImageReader of one ink plate of a prepared (CMYK or gray) image, as gray levels."""
    from reportlab.lib.utils import ImageReader

    with Image.open(io.BytesIO(prepared.data)) as im:
        im.load()
        if im.mode == "CMYK":
            plate = im.getchannel(channel).point(lambda v: 255 - v)
        elif channel == 3:   # a gray image prints on the K plate only
            plate = im.convert("L")
        else:
            plate = Image.new("L", im.size, 255)
    return ImageReader(plate)


def render_under(ctx: Any, owner: Element, box: Rect, size_px: tuple[int, int]) -> Image.Image:
    """CMYK pixels (``size_px``) of everything below ``owner`` on ``ctx.side`` inside
    ``box`` (model coordinates of the image's own, unrotated frame)."""
    import pypdfium2 as pdfium

    from app.export.drawers import DrawContext, draw, draw_background

    side = ctx.side
    index = side.elements.index(owner) if owner in side.elements else len(side.elements)
    # the image's box as placed (rotation included), grown so glyph overhangs, strokes and
    # zero-height rules beside it are still drawn; elements wholly outside cannot show
    reach = owner.bounds.inset(-REACH_MARGIN_PT)
    below = [el for el in side.elements[:index] if not el.hidden and el.bounds.intersects(reach)]
    wpx, hpx = size_px
    buf = io.BytesIO()
    canvas = _PlateCanvas(buf, pagesize=(wpx, hpx), pageCompression=0, invariant=1,
                          enforceColorSpace=_channel_enforcer(0))
    for channel in range(len(INKS)):
        canvas._enforceColorSpace = _channel_enforcer(channel)   # noqa: SLF001 - per plate
        canvas.saveState()
        # page = the image box at size_px; model frame inside it (y down), then the image's
        # rotation undone so the page shows the artwork as the image's own pixels see it
        canvas.scale(wpx / box.w, hpx / box.h)
        canvas.translate(-box.x, box.y + box.h)
        canvas.scale(1, -1)
        if owner.rotation:
            cx, cy = owner.x + owner.w / 2, owner.y + owner.h / 2
            canvas.translate(cx, cy)
            canvas.rotate(-owner.rotation)
            canvas.translate(-cx, -cy)
        sub = DrawContext(canvas, ctx.doc, side, ctx.bleed, icc=ctx.icc, images=[], fonts=ctx.fonts,
                          text_lines={}, overprint_black=ctx.overprint_black, keep_alpha=False,
                          ink_channel=channel)
        bleed = sub.bleed_rect
        clip = canvas.beginPath()
        clip.rect(bleed.x, bleed.y, bleed.w, bleed.h)
        canvas.clipPath(clip, stroke=0, fill=0)
        draw_background(sub)
        for el in below:
            draw(el, sub)
        canvas.restoreState()
        canvas.showPage()
    canvas.save()
    data = buf.getvalue()
    key = (hashlib.sha1(data).hexdigest(), size_px)
    with _CACHE_LOCK:
        hit = _CACHE.get(key)
        if hit is not None:
            _CACHE.move_to_end(key)
            return hit
    plates = []
    try:
        pdf = pdfium.PdfDocument(data)
        try:
            for channel in range(len(INKS)):
                page = pdf[channel]
                bitmap = page.render(scale=1, may_draw_forms=False)
                gray = bitmap.to_pil().convert("L")
                if gray.size != (wpx, hpx):
                    gray = gray.resize((wpx, hpx), Image.Resampling.NEAREST)
                plates.append(gray.point(lambda v: 255 - v))
                page.close()
        finally:
            pdf.close()
    except pdfium.PdfiumError as exc:
        raise ExportError(f"{owner.describe()}: the artwork under the image could not be rendered ({exc})") from exc
    raster = Image.merge("CMYK", plates)
    with _CACHE_LOCK:
        _CACHE[key] = raster
        while len(_CACHE) > 16:
            _CACHE.popitem(last=False)
    return raster
