"""The designer's icons and style sheet, reached through one module (no path strings elsewhere).

``icon(name)`` returns a QIcon drawn here with QPainter on a 24×24 grid, so the icons are
crisp at every size and need no image files in the bundle. ``ICON_NAMES`` lists them all;
asking for an unknown name raises KeyError (a typo shows up in the tests, not as a blank
button). ``app_icon()`` is the window icon; ``stylesheet()`` the application style sheet.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPainterPath, QPen, QPixmap, QPolygonF

INK = QColor("#36404d")
ACCENT = QColor("#2f7de1")
ACCENT_SOFT = QColor("#cfe1fa")
DANGER = QColor("#d64545")
PAPER = QColor("#ffffff")

Painter = Callable[[QPainter], None]
_ICONS: dict[str, Painter] = {}


def _icon(name: str):
    def deco(fn: Painter) -> Painter:
        _ICONS[name] = fn
        return fn

    return deco


def _pen(p: QPainter, color: QColor = INK, width: float = 1.8) -> None:
    pen = QPen(color, width)
    pen.setCapStyle(Qt.RoundCap)
    pen.setJoinStyle(Qt.RoundJoin)
    p.setPen(pen)
    p.setBrush(Qt.NoBrush)


def _poly(*pts: tuple[float, float]) -> QPolygonF:
    return QPolygonF([QPointF(x, y) for x, y in pts])


# --- tools -----------------------------------------------------------------------------
@_icon("tool-select")
def _select(p: QPainter) -> None:
    _pen(p, INK, 1.5)
    p.setBrush(INK)
    p.drawPolygon(_poly((6, 3), (6, 19), (10, 15), (13, 21), (15.5, 20), (12.5, 14), (18, 14)))


@_icon("tool-text")
def _text(p: QPainter) -> None:
    _pen(p, INK, 2.4)
    p.drawLine(QPointF(5, 5), QPointF(19, 5))
    p.drawLine(QPointF(12, 5), QPointF(12, 20))
    _pen(p, INK, 1.6)
    p.drawLine(QPointF(9, 20), QPointF(15, 20))
    p.drawLine(QPointF(5, 5), QPointF(5, 7.5))
    p.drawLine(QPointF(19, 5), QPointF(19, 7.5))


@_icon("tool-image")
def _image(p: QPainter) -> None:
    _pen(p, INK, 1.6)
    p.drawRoundedRect(QRectF(3, 5, 18, 14), 2, 2)
    p.setBrush(ACCENT)
    p.setPen(Qt.NoPen)
    p.drawPolygon(_poly((4.5, 17.5), (10, 10.5), (13.5, 14.5), (15.5, 12.5), (19.5, 17.5)))
    p.setBrush(QColor("#f2b632"))
    p.drawEllipse(QPointF(16, 8.8), 1.8, 1.8)


@_icon("tool-qr")
def _qr(p: QPainter) -> None:
    p.setPen(Qt.NoPen)
    p.setBrush(INK)
    for x, y in ((3, 3), (14, 3), (3, 14)):
        path = QPainterPath()
        path.addRect(QRectF(x, y, 7, 7))
        path.addRect(QRectF(x + 1.6, y + 1.6, 3.8, 3.8))
        path.setFillRule(Qt.OddEvenFill)
        p.drawPath(path)
        p.drawRect(QRectF(x + 2.6, y + 2.6, 1.8, 1.8))
    for x, y in ((14, 14), (18, 14), (16, 16), (14, 18.5), (18.5, 18.5), (12, 12), (12, 16)):
        p.drawRect(QRectF(x, y, 2.4, 2.4))


@_icon("tool-rect")
def _rect(p: QPainter) -> None:
    _pen(p, INK, 1.8)
    p.setBrush(ACCENT_SOFT)
    p.drawRoundedRect(QRectF(4, 6, 16, 12), 1.5, 1.5)


@_icon("tool-line")
def _line(p: QPainter) -> None:
    _pen(p, INK, 2.0)
    p.drawLine(QPointF(5, 19), QPointF(19, 5))
    p.setBrush(PAPER)
    _pen(p, ACCENT, 1.6)
    p.drawEllipse(QPointF(5, 19), 2, 2)
    p.drawEllipse(QPointF(19, 5), 2, 2)


# --- files and history -----------------------------------------------------------------
@_icon("file-new")
def _new(p: QPainter) -> None:
    _pen(p, INK, 1.6)
    p.setBrush(PAPER)
    p.drawPolygon(_poly((6, 3), (14, 3), (18, 7), (18, 21), (6, 21)))
    p.drawPolyline(_poly((14, 3), (14, 7), (18, 7)))
    _pen(p, ACCENT, 1.8)
    p.drawLine(QPointF(12, 11), QPointF(12, 17))
    p.drawLine(QPointF(9, 14), QPointF(15, 14))


@_icon("file-open")
def _open(p: QPainter) -> None:
    _pen(p, INK, 1.6)
    p.setBrush(QColor("#f6d27a"))
    p.drawPolygon(_poly((3, 6), (9, 6), (11, 8), (20, 8), (20, 19), (3, 19)))
    p.setBrush(QColor("#fbe3a6"))
    p.drawPolygon(_poly((3, 19), (6, 11), (22, 11), (20, 19)))


@_icon("file-save")
def _save(p: QPainter) -> None:
    _pen(p, INK, 1.6)
    p.setBrush(ACCENT_SOFT)
    p.drawPolygon(_poly((4, 4), (17, 4), (20, 7), (20, 20), (4, 20)))
    p.setBrush(PAPER)
    p.drawRect(QRectF(8, 4, 8, 5))
    p.drawRect(QRectF(7, 13, 10, 7))


@_icon("undo")
def _undo(p: QPainter) -> None:
    _pen(p, INK, 2.0)
    path = QPainterPath(QPointF(7, 10))
    path.cubicTo(QPointF(12, 5), QPointF(20, 7), QPointF(19, 15))
    path.cubicTo(QPointF(18.5, 18), QPointF(16, 19), QPointF(14, 19))
    p.drawPath(path)
    p.drawPolyline(_poly((7, 4.5), (7, 10), (12.5, 10)))


@_icon("redo")
def _redo(p: QPainter) -> None:
    p.translate(24, 0)
    p.scale(-1, 1)
    _undo(p)


# --- zoom ------------------------------------------------------------------------------
def _lens(p: QPainter) -> None:
    _pen(p, INK, 1.8)
    p.drawEllipse(QPointF(10, 10), 6, 6)
    _pen(p, INK, 2.6)
    p.drawLine(QPointF(14.5, 14.5), QPointF(20, 20))


@_icon("zoom-in")
def _zin(p: QPainter) -> None:
    _lens(p)
    _pen(p, ACCENT, 1.8)
    p.drawLine(QPointF(7, 10), QPointF(13, 10))
    p.drawLine(QPointF(10, 7), QPointF(10, 13))


@_icon("zoom-out")
def _zout(p: QPainter) -> None:
    _lens(p)
    _pen(p, ACCENT, 1.8)
    p.drawLine(QPointF(7, 10), QPointF(13, 10))


@_icon("zoom-fit")
def _zfit(p: QPainter) -> None:
    _pen(p, INK, 1.8)
    for sx, sy in ((1, 1), (-1, 1), (1, -1), (-1, -1)):
        cx, cy = 12 - sx * 8, 12 - sy * 8
        p.drawPolyline(_poly((cx, cy + sy * 4), (cx, cy), (cx + sx * 4, cy)))
    p.setBrush(ACCENT_SOFT)
    _pen(p, ACCENT, 1.4)
    p.drawRect(QRectF(8, 9, 8, 6))


@_icon("zoom-actual")
def _zactual(p: QPainter) -> None:
    _pen(p, INK, 1.4)
    p.setBrush(PAPER)
    p.drawRect(QRectF(3, 6, 18, 12))
    f = QFont("DejaVu Sans")
    f.setPixelSize(8)
    f.setBold(True)
    p.setFont(f)
    p.setPen(ACCENT)
    p.drawText(QRectF(3, 6, 18, 12), Qt.AlignCenter, "1:1")


# --- arrange ---------------------------------------------------------------------------
def _bars(p: QPainter, rects: list[tuple[float, float, float, float]]) -> None:
    p.setPen(Qt.NoPen)
    p.setBrush(ACCENT)
    for r in rects:
        p.drawRoundedRect(QRectF(*r), 1, 1)


def _guide(p: QPainter, x1: float, y1: float, x2: float, y2: float) -> None:
    _pen(p, INK, 1.6)
    p.drawLine(QPointF(x1, y1), QPointF(x2, y2))


@_icon("align-left")
def _al(p: QPainter) -> None:
    _bars(p, [(5, 6, 14, 4), (5, 14, 9, 4)])
    _guide(p, 4, 3, 4, 21)


@_icon("align-hcenter")
def _ac(p: QPainter) -> None:
    _bars(p, [(4, 6, 16, 4), (7, 14, 10, 4)])
    _guide(p, 12, 3, 12, 21)


@_icon("align-right")
def _ar(p: QPainter) -> None:
    _bars(p, [(5, 6, 14, 4), (10, 14, 9, 4)])
    _guide(p, 20, 3, 20, 21)


@_icon("align-top")
def _at(p: QPainter) -> None:
    _bars(p, [(6, 5, 4, 14), (14, 5, 4, 9)])
    _guide(p, 3, 4, 21, 4)


@_icon("align-vcenter")
def _av(p: QPainter) -> None:
    _bars(p, [(6, 4, 4, 16), (14, 7, 4, 10)])
    _guide(p, 3, 12, 21, 12)


@_icon("align-bottom")
def _ab(p: QPainter) -> None:
    _bars(p, [(6, 5, 4, 14), (14, 10, 4, 9)])
    _guide(p, 3, 20, 21, 20)


@_icon("distribute-h")
def _dh(p: QPainter) -> None:
    _bars(p, [(3, 7, 4, 10), (10, 7, 4, 10), (17, 7, 4, 10)])


@_icon("distribute-v")
def _dv(p: QPainter) -> None:
    _bars(p, [(7, 3, 10, 4), (7, 10, 10, 4), (7, 17, 10, 4)])


def _stack(p: QPainter, top_accent: bool) -> None:
    back, front = (QRectF(4, 4, 11, 11), QRectF(9, 9, 11, 11))
    _pen(p, INK, 1.4)
    p.setBrush(PAPER if top_accent else ACCENT)
    p.drawRect(back)
    p.setBrush(ACCENT if top_accent else PAPER)
    p.drawRect(front)


@_icon("bring-front")
def _bf(p: QPainter) -> None:
    _stack(p, True)


@_icon("send-back")
def _sb(p: QPainter) -> None:
    _pen(p, INK, 1.4)
    p.setBrush(ACCENT)
    p.drawRect(QRectF(9, 9, 11, 11))
    p.setBrush(PAPER)
    p.drawRect(QRectF(4, 4, 11, 11))


@_icon("raise")
def _raise(p: QPainter) -> None:
    _stack(p, True)
    _pen(p, INK, 1.6)
    p.drawPolyline(_poly((2, 21), (2, 17)))


@_icon("lower")
def _lower(p: QPainter) -> None:
    _sb(p)


@_icon("lock")
def _lock(p: QPainter) -> None:
    _pen(p, INK, 1.8)
    path = QPainterPath(QPointF(8, 11))
    path.lineTo(8, 8)
    path.arcTo(QRectF(8, 4, 8, 8), 180, -180)
    path.lineTo(16, 11)
    p.drawPath(path)
    p.setBrush(QColor("#f2b632"))
    _pen(p, INK, 1.4)
    p.drawRoundedRect(QRectF(5.5, 11, 13, 9), 1.5, 1.5)


@_icon("duplicate")
def _dup(p: QPainter) -> None:
    _pen(p, INK, 1.4)
    p.setBrush(PAPER)
    p.drawRoundedRect(QRectF(4, 4, 11, 11), 1.5, 1.5)
    p.setBrush(ACCENT_SOFT)
    p.drawRoundedRect(QRectF(9, 9, 11, 11), 1.5, 1.5)
    _pen(p, ACCENT, 1.6)
    p.drawLine(QPointF(14.5, 12), QPointF(14.5, 17))
    p.drawLine(QPointF(12, 14.5), QPointF(17, 14.5))


@_icon("delete")
def _del(p: QPainter) -> None:
    _pen(p, INK, 1.6)
    p.drawLine(QPointF(4, 6), QPointF(20, 6))
    p.drawPolyline(_poly((9, 6), (9, 3.5), (15, 3.5), (15, 6)))
    p.setBrush(QColor("#f3d4d4"))
    _pen(p, DANGER, 1.6)
    p.drawPolygon(_poly((6, 8), (18, 8), (17, 21), (7, 21)))
    p.drawLine(QPointF(10.5, 11), QPointF(10.5, 18))
    p.drawLine(QPointF(13.5, 11), QPointF(13.5, 18))


# --- text alignment (lines of text) ------------------------------------------------------
def _text_lines(p: QPainter, spans: list[tuple[float, float]]) -> None:
    _pen(p, INK, 1.8)
    for i, (x0, x1) in enumerate(spans):
        y = 5 + i * 4.7
        p.drawLine(QPointF(x0, y), QPointF(x1, y))


@_icon("text-left")
def _tl(p: QPainter) -> None:
    _text_lines(p, [(4, 20), (4, 14), (4, 18), (4, 11)])


@_icon("text-center")
def _tc(p: QPainter) -> None:
    _text_lines(p, [(4, 20), (7, 17), (5, 19), (8.5, 15.5)])


@_icon("text-right")
def _tr(p: QPainter) -> None:
    _text_lines(p, [(4, 20), (10, 20), (6, 20), (13, 20)])


@_icon("text-justify")
def _tj(p: QPainter) -> None:
    _text_lines(p, [(4, 20), (4, 20), (4, 20), (4, 13)])


# --- sides -----------------------------------------------------------------------------
def _card(p: QPainter, label: str, filled: bool) -> None:
    _pen(p, INK, 1.4)
    p.setBrush(ACCENT if filled else PAPER)
    p.drawRoundedRect(QRectF(3, 5, 18, 14), 2, 2)
    f = QFont("DejaVu Sans")
    f.setPixelSize(9)
    f.setBold(True)
    p.setFont(f)
    p.setPen(PAPER if filled else INK)
    p.drawText(QRectF(3, 5, 18, 14), Qt.AlignCenter, label)


@_icon("side-front")
def _front(p: QPainter) -> None:
    _card(p, "A", True)


@_icon("side-back")
def _back(p: QPainter) -> None:
    _card(p, "B", False)


@_icon("gallery")
def _gallery(p: QPainter) -> None:
    _pen(p, INK, 1.4)
    for i, (x, y) in enumerate(((3, 3), (13, 3), (3, 13), (13, 13))):
        p.setBrush(ACCENT if i == 0 else ACCENT_SOFT)
        p.drawRoundedRect(QRectF(x, y, 8, 8), 1.5, 1.5)


@_icon("cardwise")
def _app(p: QPainter) -> None:
    p.setPen(Qt.NoPen)
    p.setBrush(QColor("#1f5fae"))
    p.drawRoundedRect(QRectF(1.5, 1.5, 21, 21), 5, 5)
    p.setBrush(PAPER)
    p.save()
    p.translate(12, 12)
    p.rotate(-8)
    p.drawRoundedRect(QRectF(-7.5, -5, 15, 10), 1.2, 1.2)
    p.restore()
    _pen(p, QColor("#2fb36b"), 2.2)
    p.drawPolyline(_poly((8.5, 12.5), (11, 15), (16, 9)))


ICON_NAMES: tuple[str, ...] = tuple(_ICONS)


def render_icon(name: str, size: int) -> QPixmap:
    """One icon drawn at ``size`` device pixels."""
    painter_fn = _ICONS[name]
    pm = QPixmap(size, size)
    pm.fill(Qt.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.Antialiasing)
    p.setRenderHint(QPainter.TextAntialiasing)
    p.scale(size / 24.0, size / 24.0)
    painter_fn(p)
    p.end()
    return pm


@lru_cache(maxsize=None)
def icon(name: str) -> QIcon:
    """The named icon (raises KeyError for a name that does not exist)."""
    if name not in _ICONS:
        raise KeyError(f"no icon named {name!r}; known: {', '.join(sorted(_ICONS))}")
    ic = QIcon()
    for size in (16, 20, 24, 32, 48, 64):
        ic.addPixmap(render_icon(name, size))
    return ic


def app_icon() -> QIcon:
    return icon("cardwise")


PASTEBOARD = "#e4e7ec"
RULER_BG = "#f4f5f7"
RULER_INK = "#5b6573"


def stylesheet() -> str:
    """A light, quiet style: flat toolbars, clear dock titles, a grey pasteboard."""
    return """
    QMainWindow { background: #eef0f3; }
    QToolBar { background: #f7f8fa; border: none; border-bottom: 1px solid #d9dde3; spacing: 2px; padding: 3px; }
    QToolBar QToolButton { border: 1px solid transparent; border-radius: 5px; padding: 4px; }
    QToolBar QToolButton:hover { background: #e6ecf5; border-color: #cdd7e5; }
    QToolBar QToolButton:checked { background: #d7e6fb; border-color: #9dbfee; }
    QToolBar#tools { border-bottom: none; border-right: 1px solid #d9dde3; }
    QDockWidget { font-weight: 600; }
    QDockWidget::title { background: #f2f4f7; padding: 6px 8px; border-bottom: 1px solid #d9dde3; text-align: left; }
    QStatusBar { background: #f7f8fa; border-top: 1px solid #d9dde3; }
    QGroupBox { font-weight: 600; border: 1px solid #dde1e7; border-radius: 6px; margin-top: 14px; padding: 8px 6px 6px 6px; }
    QGroupBox::title { subcontrol-origin: margin; left: 8px; padding: 0 4px; color: #36404d; }
    QTabBar::tab { padding: 5px 14px; }
    """
