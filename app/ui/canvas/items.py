"""One QGraphicsItem per element kind: paint and hit-test only.

An item shows one model element; it never edits it. ``sync()`` re-reads the element after
the scene hears a change. Item coordinates are the element's box in points: the item sits
at ``(x, y)`` and draws in ``0..w × 0..h`` (a line draws from (0, 0) to (w, h)), rotated
about its centre by ``element.rotation``. Selection outlines and resize handles are drawn by
the scene's foreground (constant size on screen), not by the items.

``TextItem`` — the interface the live checker uses:

* It paints **the core's text layout** (``app.model.text_layout.layout``): the same line
  breaks and per-glyph x positions the PDF exporter draws, so what the user sees is what
  prints. Glyphs are drawn with ``QRawFont`` from the layout's font file at the layout's
  size, one ``QGlyphRun`` per line.
* Typing repaints little: ``text_changed()`` (the scene calls it when only the paragraphs
  changed) repaints the lines whose look changed, the caret and selection repaint their own
  rects (``update_editing()``), an underline change its strip under the text; each line's
  glyph runs are made once per look and reused.
* Inline editing: double-click (or create a text box) to type. ``TextEditor`` keeps the
  caret and selection as **code-point offsets into the box's full text** (paragraphs joined
  with "\\n"); each edit is an ``EditText`` undo command, and consecutive typing merges into
  one undo step.
* ``set_underlines(spans)`` with ``spans = [(start, end, severity)]`` (code-point offsets,
  severity "error" | "warning" | "info") draws wavy red / wavy amber / dotted blue lines.
  Lines that do not fit the box (overset) are neither drawn nor underlined: the box shows a
  clipped-text marker instead (red corner, red plus in a white square, bottom-right).
* ``offset_at(scene_pos) -> int | None``, ``span_rects(start, end) -> list[QRectF]`` (scene
  coordinates, one rect per line the span touches), ``select_span(start, end)``.

Qt strings are UTF-16; every offset here is a Python (code-point) index, and glyph look-ups
go character by character, so text outside the Basic Multilingual Plane (emoji, rare CJK)
keeps offsets right.
"""
from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QGlyphRun,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QRawFont,
)
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from app.model import Color, Element, ImageElement, LineElement, QrElement, RectElement, TextBox
from app.model.screen_colour import screen_rgb

if TYPE_CHECKING:  # pragma: no cover
    from app.ui.canvas.scene import CardScene

SEVERITY_COLOURS = {"error": QColor("#e03131"), "warning": QColor("#f08c00"), "info": QColor("#1c7ed6")}
SELECTION_FILL = QColor(47, 125, 225, 70)
CARET = QColor("#1f5fae")
OVERSET_RED = "#e03131"
OVERSET_MARKER_PX = 14.0  # clipped-text marker, on screen
GLYPH_RUN_MAX_PX = 48.0  # above this on-screen size text is drawn as glyph outlines


def qcolor(c: Color | None) -> QColor | None:
    """The on-screen preview of a model colour (None stays None): CMYK through the same
    conversion as the print proof (app.model.screen_colour), so canvas and proof agree."""
    if c is None:
        return None
    r, g, b = screen_rgb(c)
    return QColor(r, g, b)


class ElementItem(QGraphicsItem):
    """Base item: position, rotation, selection flag; subclasses paint the content."""

    def __init__(self, element: Element, card_scene: "CardScene") -> None:
        super().__init__()
        self.element = element
        self.card_scene = card_scene
        self.setFlag(QGraphicsItem.ItemIsSelectable, True)
        self.setAcceptHoverEvents(True)
        self.sync()

    @property
    def element_id(self) -> str:
        return self.element.id

    @property
    def locked(self) -> bool:
        return bool(self.element.locked)

    def sync(self) -> None:
        """Re-read the element (position, size, rotation, content) after a model change."""
        self.prepareGeometryChange()
        el = self.element
        self.setPos(el.x, el.y)
        self.setTransformOriginPoint(el.w / 2, el.h / 2)
        self.setRotation(el.rotation)
        self.setToolTip(el.name or "")
        self.setVisible(not el.hidden)   # hidden: kept in the card, not drawn, not printed
        self.update()

    def local_rect(self) -> QRectF:
        return QRectF(0, 0, self.element.w, self.element.h)

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self.local_rect().adjusted(-1, -1, 1, 1)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRect(self.local_rect())
        return path

    def scene_box(self) -> QRectF:
        """The element's axis-aligned bounds in scene coordinates (rotation included)."""
        return self.mapRectToScene(self.local_rect())


class RectItem(ElementItem):
    def paint(self, p: QPainter, _opt: QStyleOptionGraphicsItem, _w=None) -> None:
        el: RectElement = self.element  # type: ignore[assignment]
        fill, stroke = qcolor(el.fill), qcolor(el.stroke)
        p.setBrush(QBrush(fill) if fill is not None else Qt.NoBrush)
        if stroke is not None and el.stroke_width > 0:
            pen = QPen(stroke, el.stroke_width)
            pen.setJoinStyle(Qt.MiterJoin)
            p.setPen(pen)
        else:
            p.setPen(Qt.NoPen)
        r = self.local_rect()
        if stroke is not None and el.stroke_width > 0:  # stroke centred on the edge, as in the PDF
            pass
        radius = el.effective_radius
        if radius > 0:
            p.drawRoundedRect(r, radius, radius)
        else:
            p.drawRect(r)

    def boundingRect(self) -> QRectF:  # noqa: N802
        el: RectElement = self.element  # type: ignore[assignment]
        m = el.stroke_width / 2 + 1
        return self.local_rect().adjusted(-m, -m, m, m)


class LineItem(ElementItem):
    def local_line(self) -> QLineF:
        return QLineF(0, 0, self.element.w, self.element.h)

    def local_rect(self) -> QRectF:
        return QRectF(QPointF(0, 0), QPointF(self.element.w, self.element.h)).normalized()

    def boundingRect(self) -> QRectF:  # noqa: N802
        m = self.element.stroke_width / 2 + 2
        return self.local_rect().adjusted(-m, -m, m, m)

    def shape(self) -> QPainterPath:
        path = QPainterPath(QPointF(0, 0))
        path.lineTo(self.element.w, self.element.h)
        stroker = QPainterPathStroker()
        stroker.setWidth(max(self.element.stroke_width, 6.0))  # easy to grab even when hairline
        return stroker.createStroke(path)

    def paint(self, p: QPainter, _opt, _w=None) -> None:
        el: LineElement = self.element  # type: ignore[assignment]
        pen = QPen(qcolor(el.stroke), el.stroke_width)
        pen.setCapStyle(Qt.FlatCap)
        if el.stroke_width <= 0:
            pen.setCosmetic(True)
            pen.setWidthF(1)
        p.setPen(pen)
        p.drawLine(self.local_line())


class QrItem(ElementItem):
    def paint(self, p: QPainter, _opt, _w=None) -> None:
        el: QrElement = self.element  # type: ignore[assignment]
        bg = qcolor(el.bg)
        size = min(el.w, el.h)
        box = QRectF((el.w - size) / 2, (el.h - size) / 2, size, size)
        if bg is not None:
            p.fillRect(box, bg)
        try:
            rects = el.module_rects()
        except Exception:  # payload too long for the level: show it plainly rather than crash
            p.setPen(QPen(QColor("#e03131"), 0))
            p.drawRect(box)
            p.drawLine(box.topLeft(), box.bottomRight())
            return
        p.setPen(Qt.NoPen)
        p.setBrush(qcolor(el.fg))
        path = QPainterPath()
        path.setFillRule(Qt.WindingFill)
        for r in rects:
            # module rects are in trim coordinates; the item draws in its own
            path.addRect(QRectF(r.x - el.x, r.y - el.y, r.w, r.h))
        p.drawPath(path)


class ImageItem(ElementItem):
    def paint(self, p: QPainter, _opt, _w=None) -> None:
        el: ImageElement = self.element  # type: ignore[assignment]
        image = self.card_scene.image_for(el.asset_id)
        r = self.local_rect()
        if image is None or image.isNull():
            p.fillRect(r, QColor("#f1f3f5"))
            p.setPen(QPen(QColor("#adb5bd"), 0))
            p.drawRect(r)
            p.drawLine(r.topLeft(), r.bottomRight())
            p.drawLine(r.topRight(), r.bottomLeft())
            return
        px_w, px_h = image.width(), image.height()
        x0, y0, x1, y1 = el.source_pixels(px_w, px_h)
        place = el.placement(px_w, px_h)
        target = QRectF(place.x - el.x, place.y - el.y, place.w, place.h)
        p.save()
        p.setClipRect(r)
        p.setRenderHint(QPainter.SmoothPixmapTransform)
        p.drawImage(target, image, QRectF(x0, y0, x1 - x0, y1 - y0))
        p.restore()


# ------------------------------------------------------------------------------------ text
class _FontCache:
    """QRawFont per (font file, size); glyph index per character."""

    def __init__(self) -> None:
        self._fonts: dict[tuple[str, float], QRawFont] = {}
        self._glyphs: dict[tuple[str, str], int] = {}
        self._outlines: dict[tuple[str, float, int], QPainterPath] = {}

    def raw(self, path: str, size: float) -> QRawFont:
        key = (path, round(size, 3))
        font = self._fonts.get(key)
        if font is None:
            font = QRawFont(str(path), size, QFont.PreferNoHinting)
            self._fonts[key] = font
        return font

    def raw_data(self, name: str, data: bytes, size: float) -> QRawFont:
        key = ("data:" + name, round(size, 3))
        font = self._fonts.get(key)
        if font is None:
            font = QRawFont(QByteArray(data), size, QFont.PreferNoHinting)
            self._fonts[key] = font
        return font

    def outline(self, font: QRawFont, key: str, glyph: int) -> QPainterPath:
        k = (key, font.pixelSize(), glyph)
        path = self._outlines.get(k)
        if path is None:
            path = font.pathForGlyph(glyph)
            self._outlines[k] = path
        return path

    def glyphs(self, font: QRawFont, path: str, text: str) -> list[int]:
        out = []
        for ch in text:
            key = (path, ch)
            g = self._glyphs.get(key)
            if g is None:
                idx = font.glyphIndexesForString(ch)
                g = idx[0] if idx else 0
                self._glyphs[key] = g
            out.append(g)
        return out


FONT_CACHE = _FontCache()


def _ink(line) -> tuple[float, float]:
    """Box-local top and bottom a line's glyphs, character underlines and finding underlines
    may reach (ascent and descent of its largest run, with room for accents and waves)."""
    size = max(line.size, line.ascent)
    return (line.baseline_y - 1.15 * size, line.baseline_y + max(line.descent, 0.4 * size))


def _underline_y(line) -> tuple[float, float]:
    """A finding underline's y on ``line`` and how far its wave and pen reach above and below."""
    amp = max(0.45, line.size * 0.06)
    pen = max(0.5, line.size * 0.07)
    return line.baseline_y + max(0.9, line.size * 0.13), amp + pen


def _looks(line) -> tuple:
    """What a line looks like, without where it sits in the text (its offsets): lines that
    are equal here paint the same pixels."""
    return (line.text, line.x, line.baseline_y, line.glyph_x, line.size, line.style, line.font_name,
            line.font_file, line.segments, line.overset)


_WAVES: dict[tuple[float, float, float, float, float], QPainterPath] = {}


def _wavy(x0: float, x1: float, y: float, amp: float, period: float) -> QPainterPath:
    """The wavy underline from ``x0`` to ``x1`` (remembered: each repaint of a box redraws
    its underlines, which stay where they are while the user types elsewhere)."""
    key = (x0, x1, y, amp, period)
    path = _WAVES.get(key)
    if path is None:
        if len(_WAVES) >= 512:
            _WAVES.clear()
        path = _WAVES[key] = _wave_path(x0, x1, y, amp, period)
    return path


def _wave_path(x0: float, x1: float, y: float, amp: float, period: float) -> QPainterPath:
    path = QPainterPath(QPointF(x0, y))
    x = x0
    up = True
    while x < x1:
        nx = min(x + period / 2, x1)
        path.quadTo(QPointF((x + nx) / 2, y - amp if up else y + amp), QPointF(nx, y))
        x = nx
        up = not up
    return path


class TextItem(ElementItem):
    """A text box painted from the core layout, with inline editing and finding underlines."""

    def __init__(self, element: TextBox, card_scene: "CardScene") -> None:
        self._layout = None
        self._underlines: list[tuple[int, int, str]] = []
        self._editing_area = QRectF()   # where the caret and selection were last painted
        self._prepared_lines: dict[tuple, tuple[list, list]] = {}   # line look -> glyph runs (paint)
        self.editor = None  # TextEditor while editing (set by the select tool / scene)
        super().__init__(element, card_scene)
        self.setFlag(QGraphicsItem.ItemIsFocusable, True)
        self.setFlag(QGraphicsItem.ItemAcceptsInputMethod, True)
        # paint() gets the exposed part of the box: an underline change repaints its own lines,
        # not the whole 300-word box (each keystroke's result arrives as one)
        self.setFlag(QGraphicsItem.ItemUsesExtendedStyleOption, True)

    # --- layout ---------------------------------------------------------------------------
    def sync(self) -> None:
        self._layout = None
        self._prepared_lines = {}   # fonts may have changed (a project font added or removed)
        super().sync()
        if self.editor is not None:
            self.editor.clamp()

    def text_changed(self) -> None:
        """The box's paragraphs changed and nothing else (typing): lay out again and repaint
        only the lines that look different (a key typed in one paragraph reflows that
        paragraph, not the 300 words around it). The caret and selection repaint themselves
        (:meth:`update_editing`); underlines when the new ones arrive (:meth:`set_underlines`)."""
        old = self._layout
        self._layout = None
        if self.editor is not None:
            self.editor.clamp()
        if old is None:
            self.update()
            return
        new = self.layout()
        if old.overset != new.overset or not old.text.strip() or not new.text.strip():
            self.update()   # the clipped-text marker or the empty box's frame comes or goes
            return
        area = QRectF()
        for i in range(max(len(old.lines), len(new.lines))):
            a = old.lines[i] if i < len(old.lines) else None
            b = new.lines[i] if i < len(new.lines) else None
            if a is not None and b is not None and _looks(a) == _looks(b):
                continue
            for line in (a, b):
                if line is not None:
                    area = area.united(self._line_band(line))
        if not area.isEmpty():
            self.update(area)

    def _line_band(self, line) -> QRectF:
        """Box-local area a line's ink may cover, across the box."""
        ink_top, ink_bottom = _ink(line)
        return QRectF(-1, ink_top, self.element.w + 2, ink_bottom - ink_top)

    @property
    def text(self) -> str:
        return self.element.text

    def layout(self):
        if self._layout is None:
            self._layout = self.card_scene.layout_text(self.element)
        return self._layout

    # The layout is box-local (x from the box's left, y down from its top), which is exactly
    # this item's coordinate system.

    # --- painting -------------------------------------------------------------------------
    def paint(self, p: QPainter, opt, _w=None) -> None:
        el: TextBox = self.element  # type: ignore[assignment]
        r = self.local_rect()
        if el.fill is not None:
            p.fillRect(r, qcolor(el.fill))
        lay = self.layout()
        if self.editor is not None:
            self._paint_selection(p, lay)
        exposed = opt.exposedRect if opt is not None else QRectF()
        top, bottom = (exposed.top(), exposed.bottom()) if not exposed.isEmpty() else (-math.inf, math.inf)
        for line in lay.lines:
            ink_top, ink_bottom = _ink(line)
            if ink_bottom < top or ink_top > bottom:
                continue
            self._paint_line(p, line)
        self._paint_underlines(p, lay, top, bottom)
        if self.editor is not None:
            self._paint_caret(p, lay)
            self._editing_area = self.editing_area()
        if not el.text.strip() and self.editor is None:
            pen = QPen(QColor("#98a2b3"), 0, Qt.DashLine)
            p.setPen(pen)
            p.setBrush(Qt.NoBrush)
            p.drawRect(r)
        if lay.overset:
            self._paint_overset_marker(p)

    def _view_scale(self) -> float:
        views = self.scene().views() if self.scene() is not None else []
        if not views:
            return 1.0
        t = views[0].transform()
        return max(1e-6, math.hypot(t.m11(), t.m12()))

    def overset_marker_rect(self) -> QRectF:
        """Box-local square of the clipped-text marker, in the box's bottom-right corner,
        about 14 px on screen at any zoom and never more than a third of the box."""
        r = self.local_rect()
        s = min(OVERSET_MARKER_PX / self._view_scale(), max(2.0, min(r.width(), r.height()) / 3))
        return QRectF(r.right() - s, r.bottom() - s, s, s)

    def _paint_overset_marker(self, p: QPainter) -> None:
        """Text that does not fit is shown on the box itself, like a page-layout program's
        out-port: the frame's corner in red and a small white square with a red plus. The
        clipped lines are not drawn and get no underlines. Pens are in screen pixels and
        kept inside the box, so the marker stays crisp and within the item's bounds."""
        r = self.local_rect()
        box = self.overset_marker_rect()
        s = box.width()
        px = 1.0 / self._view_scale()    # one screen pixel, in points
        red = QColor(OVERSET_RED)
        p.save()
        p.setBrush(Qt.NoBrush)
        edge = QPen(red, 2.0, Qt.SolidLine, Qt.FlatCap)
        edge.setCosmetic(True)
        p.setPen(edge)
        x, y = r.right() - px, r.bottom() - px
        p.drawLine(QPointF(x, y - s * 2.2), QPointF(x, y))
        p.drawLine(QPointF(x - s * 2.2, y), QPointF(x, y))
        frame = QPen(red, 1.0)
        frame.setCosmetic(True)
        p.setPen(frame)
        p.setBrush(QColor("white"))
        p.drawRect(box.adjusted(px / 2, px / 2, -px * 1.5, -px * 1.5))
        plus = QPen(red, 2.0, Qt.SolidLine, Qt.FlatCap)
        plus.setCosmetic(True)
        p.setPen(plus)
        c = box.center() - QPointF(px / 2, px / 2)
        arm = s * 0.26
        p.drawLine(QPointF(c.x(), c.y() - arm), QPointF(c.x(), c.y() + arm))
        p.drawLine(QPointF(c.x() - arm, c.y()), QPointF(c.x() + arm, c.y()))
        p.restore()

    def _raw_font(self, font_name: str, font_file: str | None, size: float) -> QRawFont | None:
        if font_file:
            font = FONT_CACHE.raw(str(font_file), float(size))
            return font if font.isValid() else None
        # a font added to the project: its bytes travel with the document
        loaded = self.card_scene.font_library().loaded(font_name)
        if loaded is None:
            return None
        font = FONT_CACHE.raw_data(font_name, loaded.data, float(size))
        return font if font.isValid() else None

    def _paint_line(self, p: QPainter, line) -> None:
        """Each font segment of the line (chosen face, fallback faces) as one glyph run."""
        if line.overset:
            return
        runs, underlines = self._prepared(line)
        if runs:
            t = p.worldTransform()
            scale = math.hypot(t.m11(), t.m12())
            for seg, font, key, run, colour in runs:
                if seg.size * scale > GLYPH_RUN_MAX_PX:
                    self._paint_outlines(p, line, seg, font, key, run.glyphIndexes(), colour)
                else:
                    p.setPen(colour)
                    p.drawGlyphRun(QPointF(0, 0), run)
        for rect, colour in underlines:
            p.fillRect(rect, colour)

    def _prepared(self, line) -> tuple[list, list]:
        """The line's glyph runs (segment, raw font, font key, QGlyphRun, colour) and character
        underlines (rect, colour), made once per line look: a keystroke changes a line or two,
        the lines around them repaint from what they were."""
        key = _looks(line)
        hit = self._prepared_lines.get(key)
        if hit is not None:
            return hit
        runs = []
        text = line.text
        if text.strip():
            for seg in line.face_segments():   # runs and fallback: each in its face, size, colour
                piece = text[seg.start:seg.end]
                if not piece.strip():
                    continue
                font = self._raw_font(seg.font_name, seg.font_file, seg.size)
                if font is None:
                    continue
                font_key = str(seg.font_file or seg.font_name)
                xs = line.glyph_x[seg.start:seg.end]
                run = QGlyphRun()
                run.setRawFont(font)
                run.setGlyphIndexes(FONT_CACHE.glyphs(font, font_key, piece))
                run.setPositions([QPointF(x, line.baseline_y) for x in xs[:len(piece)]])
                runs.append((seg, font, font_key, run, qcolor(seg.color) or QColor("black")))
        underlines = [(QRectF(x0, y - thick / 2, x1 - x0, thick), qcolor(colour) or QColor("black"))
                      for x0, x1, y, thick, colour in (line.underlines() if text.strip() else ())]
        if len(self._prepared_lines) >= 512:
            self._prepared_lines.clear()
        hit = self._prepared_lines[key] = (runs, underlines)
        return hit

    def _paint_outlines(self, p: QPainter, line, seg, font: QRawFont, key: str, glyphs, colour: QColor) -> None:
        """Qt's glyph cache drops QRawFont runs above ~64 px; large type is filled as outlines."""
        xs = line.glyph_x[seg.start:seg.end]
        path = QPainterPath()
        path.setFillRule(Qt.WindingFill)
        for i, g in enumerate(glyphs):
            path.addPath(FONT_CACHE.outline(font, key, g).translated(xs[i], line.baseline_y))
        p.setPen(Qt.NoPen)
        p.setBrush(colour)
        p.drawPath(path)

    def _paint_underlines(self, p: QPainter, lay, top: float = -math.inf, bottom: float = math.inf) -> None:
        if not self._underlines:
            return
        p.setBrush(Qt.NoBrush)
        for start, end, severity in self._underlines:
            colour = SEVERITY_COLOURS.get(severity, SEVERITY_COLOURS["info"])
            for rect, line in self._ranges(lay, start, end):
                y, reach = _underline_y(line)
                if y + reach < top or y - reach > bottom:
                    continue   # outside the repainted part of the box
                a, b = rect.x, rect.x + max(rect.w, 1.0)
                if severity == "info":
                    pen = QPen(colour, max(0.5, line.size * 0.07), Qt.DotLine)
                    p.setPen(pen)
                    p.drawLine(QPointF(a, y), QPointF(b, y))
                else:
                    amp = max(0.45, line.size * 0.06)
                    p.setPen(QPen(colour, max(0.45, line.size * 0.055)))
                    p.drawPath(_wavy(a, b, y, amp, amp * 4))

    @staticmethod
    def _ranges(lay, start: int, end: int):
        """(box-local Rect, Line) per line the range [start, end) touches."""
        out = []
        for ln in lay.lines:
            if ln.overset:
                continue   # not drawn (shown by the box's clipped-text marker): no underline
            s, e = max(start, ln.start_offset), min(end, ln.end_offset)
            if s >= e:
                continue
            for r in lay.rects_for_range(s, e):
                out.append((r, ln))
                break
        return out

    def _paint_selection(self, p: QPainter, lay) -> None:
        a, b = self.editor.selected_range()
        if a == b:
            return
        p.setPen(Qt.NoPen)
        for r in lay.rects_for_range(a, b):
            p.fillRect(QRectF(r.x, r.y, max(r.w, 1.0), r.h), SELECTION_FILL)

    def _paint_caret(self, p: QPainter, lay) -> None:
        ed = self.editor
        x, top, h = self.caret_geometry(ed.cursor)
        if ed.preedit:
            # input-method composition (e.g. pinyin before it becomes 汉字): shown at the caret,
            # underlined, not yet part of the text
            font = QFont("Droid Sans Fallback")
            font.setPixelSize(max(1, round(h * 0.78)))
            p.save()
            p.setFont(font)
            width = p.fontMetrics().horizontalAdvance(ed.preedit)
            p.fillRect(QRectF(x, top, width, h), QColor(255, 255, 255, 230))
            p.setPen(CARET)
            p.drawText(QPointF(x, top + h * 0.78), ed.preedit)
            pen = QPen(CARET, 0.6, Qt.DotLine)
            p.setPen(pen)
            p.drawLine(QPointF(x, top + h * 0.92), QPointF(x + width, top + h * 0.92))
            p.restore()
            x += width
        if not ed.caret_visible:
            return
        pen = QPen(CARET, 1.5)
        pen.setCosmetic(True)
        p.setPen(pen)
        p.drawLine(QPointF(x, top), QPointF(x, top + h))

    def editing_area(self) -> QRectF:
        """Box-local area of the caret and the selection as the editor has them now."""
        ed = self.editor
        if ed is None:
            return QRectF()
        if ed.preedit:
            return self.local_rect().adjusted(-1, -1, 1, 1)   # composition text: width unknown here
        pad = 2.0 / self._view_scale()    # the caret's cosmetic 1.5 px pen, antialiased
        x, top, h = self.caret_geometry(ed.cursor)
        area = QRectF(x - pad, top - pad, 2 * pad, h + 2 * pad)
        a, b = ed.selected_range()
        if a != b:
            for r in self.layout().rects_for_range(a, b):
                area = area.united(QRectF(r.x - pad, r.y - pad, max(r.w, 1.0) + 2 * pad, r.h + 2 * pad))
        return area

    def update_editing(self) -> None:
        """The caret blinked or moved, or the selection changed: repaint where they were
        painted and where they are now, not the whole box."""
        self.update(self._editing_area.united(self.editing_area()))

    # --- geometry queries (code-point offsets) -------------------------------------------
    def lines(self):
        return list(self.layout().lines)

    def caret_geometry(self, offset: int) -> tuple[float, float, float]:
        """(x, top, height) of the caret before ``offset``, item (box-local) coordinates."""
        lay = self.layout()
        if not lay.lines:
            el: TextBox = self.element  # type: ignore[assignment]
            size = el.paragraphs[0].style.size_pt
            return (el.padding, el.padding, size * 1.2)
        x, top, bottom = lay.caret(offset)
        return (x, top, bottom - top)

    def line_index(self, offset: int) -> int:
        lay = self.layout()
        return lay.line_index_at(offset) if lay.lines else 0

    def offset_at(self, scene_pos: QPointF, clamp: bool = False) -> int | None:
        """The code-point offset nearest ``scene_pos`` (None outside the box unless ``clamp``)."""
        local = self.mapFromScene(scene_pos)
        if not clamp and not self.local_rect().contains(local):
            return None
        lay = self.layout()
        return lay.offset_at(local.x(), local.y()) if lay.lines else 0

    def span_rects(self, start: int, end: int) -> list[QRectF]:
        """Scene rectangles covering ``[start, end)``, one per line."""
        return [self.mapRectToScene(QRectF(r.x, r.y, max(r.w, 0.5), r.h))
                for r in self.layout().rects_for_range(start, end)]

    def set_underlines(self, spans: list[tuple[int, int, str]]) -> None:
        """Underline findings: ``[(start, end, "error"|"warning"|"info")]`` (code points)."""
        new = [(int(s), int(e), str(sev)) for s, e, sev in spans]
        if new == self._underlines:
            return
        old, self._underlines = self._underlines, new
        if self._layout is None:
            self.update()
            return
        # repaint only the strips under the text where underlines came or went
        changed = set(old) ^ set(new)
        area = QRectF()
        pad = 2.0 / self._view_scale()    # antialiasing
        for start, end, _sev in changed:
            for rect, line in self._ranges(self._layout, start, end):
                y, reach = _underline_y(line)
                band = QRectF(rect.x - pad, y - reach - pad, max(rect.w, 1.0) + 2 * pad, 2 * (reach + pad))
                area = area.united(band)
        if not area.isEmpty():
            self.update(area)

    def underlines(self) -> list[tuple[int, int, str]]:
        return list(self._underlines)

    def select_span(self, start: int, end: int) -> None:
        """Select the item and highlight ``[start, end)`` in editing mode."""
        self.card_scene.select_ids([self.element_id])
        ed = self.card_scene.begin_text_edit(self)
        if ed is not None:
            ed.set_selection(start, end)

    def is_editing(self) -> bool:
        return self.editor is not None

    # --- input while editing (delegated to the editor) ---------------------------------
    def keyPressEvent(self, event) -> None:  # noqa: N802
        if self.editor is not None and self.editor.key_press(event):
            event.accept()
            return
        super().keyPressEvent(event)

    def inputMethodEvent(self, event) -> None:  # noqa: N802
        if self.editor is not None:
            self.editor.input_method(event)
            event.accept()
            return
        super().inputMethodEvent(event)

    def inputMethodQuery(self, query):  # noqa: N802
        if self.editor is not None and query == Qt.ImCursorRectangle:
            x, top, h = self.caret_geometry(self.editor.cursor)
            return QRectF(x, top, 1, h)
        return super().inputMethodQuery(query)

    # Editing does not end when focus moves to the properties panel (set the size, then type on):
    # it ends on a click elsewhere on the canvas, Escape, another tool, or a selection change.


ITEM_TYPES: dict[str, type[ElementItem]] = {
    "text": TextItem, "image": ImageItem, "qr": QrItem, "rect": RectItem, "line": LineItem,
}


def make_item(element: Element, scene: "CardScene") -> ElementItem:
    return ITEM_TYPES[element.kind](element, scene)
