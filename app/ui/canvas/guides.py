"""Trim, bleed and safe-zone guides, centre lines, and snapping.

``paint_card(painter, spec, background)`` draws the sheet as the scene background: the
bleed area (tinted so the user sees what gets trimmed off) and the card's background colour.
``paint_guides(painter, spec, scale)`` draws the guides on top of the art: the trim line
(solid), the bleed edge (thin red), the safe zone (dashed blue) and, while dragging, the
centre lines. Pens are cosmetic (constant screen width at every zoom).

``Snapper`` is plain geometry: given the rectangle being moved, it finds the nearest guide
(trim and safe edges, card centre lines, other elements' edges and centres) within a
tolerance in screen pixels and returns the corrected position plus the lines it snapped to,
which the scene shows while the drag lasts.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen

BLEED_TINT = QColor(214, 69, 69, 20)
BLEED_LINE = QColor("#e06666")
TRIM_LINE = QColor("#4a5361")
SAFE_LINE = QColor("#3d8bf0")
SNAP_LINE = QColor("#e0319a")
USER_GUIDE = QColor("#00a3c4")
SHADOW = QColor(0, 0, 0, 40)


def qrect(r) -> QRectF:
    """An app.model Rect (x, y, w, h in points) as a QRectF in scene coordinates."""
    return QRectF(r.x, r.y, r.w, r.h)


def _cosmetic(color: QColor, width: float = 1.0, style: Qt.PenStyle = Qt.SolidLine) -> QPen:
    pen = QPen(color, width, style)
    pen.setCosmetic(True)
    return pen


def paint_card(p: QPainter, spec, background: QColor | None, bleed_tint: bool = True) -> None:
    """The sheet: soft shadow, the card's background up to the bleed edge, the bleed band tint."""
    bleed = qrect(spec.bleed_rect)
    trim = qrect(spec.trim_rect)
    paper = background if background is not None else QColor("white")
    if not bleed_tint:
        p.fillRect(bleed, paper)
        return
    shadow = bleed.translated(1.2, 1.8)
    p.fillRect(shadow, SHADOW)
    p.fillRect(bleed, paper)
    if spec.bleed > 0:
        # tint the bleed band so it reads as "trimmed away" whatever the background is
        band = QBrush(BLEED_TINT)
        p.fillRect(QRectF(bleed.left(), bleed.top(), bleed.width(), trim.top() - bleed.top()), band)
        p.fillRect(QRectF(bleed.left(), trim.bottom(), bleed.width(), bleed.bottom() - trim.bottom()), band)
        p.fillRect(QRectF(bleed.left(), trim.top(), trim.left() - bleed.left(), trim.height()), band)
        p.fillRect(QRectF(trim.right(), trim.top(), bleed.right() - trim.right(), trim.height()), band)


def paint_guides(p: QPainter, spec, *, show_safe: bool = True, snap_lines: list[QLineF] | None = None,
                 user: tuple[list[float], list[float]] = ([], []), extent: QRectF | None = None) -> None:
    """Trim, bleed and safe lines over the art (cosmetic pens), ruler guides across ``extent``,
    plus any active snap lines."""
    p.save()
    p.setBrush(Qt.NoBrush)
    if extent is not None and (user[0] or user[1]):
        p.setPen(_cosmetic(USER_GUIDE, 1.0))
        for x in user[0]:
            p.drawLine(QPointF(x, extent.top()), QPointF(x, extent.bottom()))
        for y in user[1]:
            p.drawLine(QPointF(extent.left(), y), QPointF(extent.right(), y))
    if spec.bleed > 0:
        p.setPen(_cosmetic(BLEED_LINE, 1.0))
        p.drawRect(qrect(spec.bleed_rect))
    p.setPen(_cosmetic(TRIM_LINE, 1.0))
    p.drawRect(qrect(spec.trim_rect))
    if show_safe and spec.safe > 0:
        p.setPen(_cosmetic(SAFE_LINE, 1.0, Qt.DashLine))
        p.drawRect(qrect(spec.safe_rect))
    if snap_lines:
        p.setPen(_cosmetic(SNAP_LINE, 1.0))
        for line in snap_lines:
            p.drawLine(line)
    p.restore()


@dataclass
class SnapResult:
    dx: float = 0.0
    dy: float = 0.0
    lines: list[QLineF] = field(default_factory=list)


class Snapper:
    """Snap a moving rectangle's edges/centre to guides, centre lines and other elements.

    ``targets_x``/``targets_y`` hold scene coordinates of vertical/horizontal guide lines.
    ``snap(rect, tolerance)`` returns the smallest correction within ``tolerance`` (scene
    units) on each axis, and the lines to draw.
    """

    def __init__(self, spec, other_rects: list[QRectF] = (),
                 user: tuple[list[float], list[float]] = ([], [])) -> None:
        trim, safe = qrect(spec.trim_rect), qrect(spec.safe_rect)
        bleed = qrect(spec.bleed_rect)
        self.extent = bleed
        xs = [trim.left(), trim.right(), trim.center().x(), safe.left(), safe.right(),
              bleed.left(), bleed.right()]
        ys = [trim.top(), trim.bottom(), trim.center().y(), safe.top(), safe.bottom(),
              bleed.top(), bleed.bottom()]
        for r in other_rects:
            xs += [r.left(), r.right(), r.center().x()]
            ys += [r.top(), r.bottom(), r.center().y()]
        xs += list(user[0])
        ys += list(user[1])
        self.targets_x = sorted(set(round(v, 4) for v in xs))
        self.targets_y = sorted(set(round(v, 4) for v in ys))

    @staticmethod
    def _best(candidates: list[float], targets: list[float], tol: float) -> tuple[float, float] | None:
        best: tuple[float, float] | None = None
        for c in candidates:
            for t in targets:
                d = t - c
                if abs(d) <= tol and (best is None or abs(d) < abs(best[0])):
                    best = (d, t)
        return best

    def snap(self, rect: QRectF, tolerance: float) -> SnapResult:
        res = SnapResult()
        bx = self._best([rect.left(), rect.center().x(), rect.right()], self.targets_x, tolerance)
        by = self._best([rect.top(), rect.center().y(), rect.bottom()], self.targets_y, tolerance)
        ext = self.extent.adjusted(-20, -20, 20, 20)
        if bx is not None:
            res.dx = bx[0]
            res.lines.append(QLineF(QPointF(bx[1], ext.top()), QPointF(bx[1], ext.bottom())))
        if by is not None:
            res.dy = by[0]
            res.lines.append(QLineF(QPointF(ext.left(), by[1]), QPointF(ext.right(), by[1])))
        return res

    def snap_point(self, pt: QPointF, tolerance: float) -> tuple[QPointF, list[QLineF]]:
        """Snap one point (a resize handle or a line end)."""
        res = self.snap(QRectF(pt, pt), tolerance)
        return QPointF(pt.x() + res.dx, pt.y() + res.dy), res.lines
