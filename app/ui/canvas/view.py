"""The canvas view: true-size zoom, pan, and rulers in the chosen unit.

Scene units are **points** (1/72 in), the model's own unit, with the origin at the top-left
corner of the trim. ``CanvasView.set_zoom(1.0)`` is "100 %", meaning physical size: one inch
of card covers one inch of the screen, using the screen's physical dpi
(``QScreen.physicalDotsPerInch()``, which Qt reports in device-independent pixels per inch).
So the view's transform scale at zoom *z* is ``z * physical_dpi / 72``.

Dragging out of a ruler makes a guide (``guide_dropped(axis, position)``; the window turns it
into an undo command). Ctrl+wheel zooms about the mouse; the wheel scrolls (Shift+wheel sideways); the middle button
or Space+drag pans. ``zoom_changed(float)`` reports the zoom factor (1.0 = 100 %) and
``cursor_moved(QPointF)`` the pointer position in scene points, which the rulers mark and the
status bar shows.
"""
from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeySequence, QPainter, QPen
from PySide6.QtWidgets import QGraphicsView, QWidget

from app.ui import resources
from app.ui.canvas.items import TextItem
from app.ui.canvas.scene import CardScene

RULER = 22  # ruler thickness in pixels
ZOOM_MIN, ZOOM_MAX = 0.1, 16.0
ZOOM_STEPS = (0.1, 0.15, 0.25, 0.33, 0.5, 0.67, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0, 6.0, 8.0, 12.0, 16.0)

_EDIT_KEYS = {Qt.Key_Backspace, Qt.Key_Delete, Qt.Key_Left, Qt.Key_Right, Qt.Key_Up, Qt.Key_Down,
              Qt.Key_Home, Qt.Key_End, Qt.Key_Return, Qt.Key_Enter, Qt.Key_Escape, Qt.Key_Tab}

#: points per unit, for the ruler labels (kept here so the view needs no model import)
UNIT_PT = {"mm": 72.0 / 25.4, "in": 72.0, "pt": 1.0}


def nice_step(pixels_per_unit: float, min_pixels: float = 48.0) -> float:
    """The smallest 1/2/5×10ⁿ step in units whose labels are at least ``min_pixels`` apart."""
    if pixels_per_unit <= 0:
        return 1.0
    raw = min_pixels / pixels_per_unit
    exp = math.floor(math.log10(raw))
    for m in (1, 2, 5, 10):
        step = m * 10**exp
        if step >= raw:
            return step
    return 10 ** (exp + 1)


class Ruler(QWidget):
    """A horizontal or vertical ruler that reads the view's transform and the chosen unit."""

    def __init__(self, view: "CanvasView", orientation: Qt.Orientation) -> None:
        super().__init__(view)
        self._view = view
        self.orientation = orientation
        self._marker: float | None = None
        self._dragging = False   # a guide is being dragged out of this ruler
        self.setAttribute(Qt.WA_OpaquePaintEvent)

    # dragging out of a ruler makes a guide: the top ruler a horizontal one (y), the left a vertical (x)
    @property
    def axis(self) -> str:
        return "y" if self.orientation == Qt.Horizontal else "x"

    def _scene_value(self, event) -> float:
        vp = self._view.viewport().mapFromGlobal(event.globalPosition().toPoint())
        pt = self._view.mapToScene(vp)
        return pt.y() if self.axis == "y" else pt.x()

    def mousePressEvent(self, event) -> None:  # noqa: N802
        if event.button() == Qt.LeftButton:
            self._dragging = True
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        if self._dragging:
            self._view.preview_guide(self.axis, self._scene_value(event))
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        if self._dragging:
            self._dragging = False
            self._view.preview_guide(self.axis, None)
            vp = self._view.viewport().mapFromGlobal(event.globalPosition().toPoint())
            if self._view.viewport().rect().contains(vp):
                self._view.guide_dropped.emit(self.axis, self._scene_value(event))
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def set_marker(self, scene_value: float | None) -> None:
        self._marker = scene_value
        self.update()

    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt name)
        p = QPainter(self)
        p.fillRect(self.rect(), QColor(resources.RULER_BG))
        ink = QColor(resources.RULER_INK)
        horizontal = self.orientation == Qt.Horizontal
        length = self.width() if horizontal else self.height()
        unit_pt = UNIT_PT.get(self._view.unit, 1.0)
        scale = self._view.transform().m11()
        px_per_unit = unit_pt * scale
        step = nice_step(px_per_unit)
        minor = step / (10 if str(step)[0] == "1" else 5)
        origin = self._view.mapFromScene(QPointF(0, 0))
        zero = origin.x() if horizontal else origin.y()  # viewport coords
        # the viewport starts RULER px into the view; the ruler starts at 0 within itself
        zero += RULER
        font = QFont(self.font())
        font.setPixelSize(9)
        p.setFont(font)
        first = math.floor((0 - zero) / (minor * px_per_unit)) if px_per_unit else 0
        last = math.ceil((length - zero) / (minor * px_per_unit)) if px_per_unit else 0
        pen = QPen(ink, 1)
        p.setPen(pen)
        for i in range(first, last + 1):
            value = i * minor
            pos = zero + value * px_per_unit
            major = abs(value / step - round(value / step)) < 1e-6
            tick = RULER * (0.55 if major else 0.22)
            if horizontal:
                p.drawLine(QPointF(pos, RULER - tick), QPointF(pos, RULER))
                if major:
                    p.drawText(QPointF(pos + 2, 10), _label(value))
            else:
                p.drawLine(QPointF(RULER - tick, pos), QPointF(RULER, pos))
                if major:
                    p.save()
                    p.translate(10, pos - 2)
                    p.rotate(-90)
                    p.drawText(QPointF(0, 0), _label(value))
                    p.restore()
        p.setPen(QPen(QColor("#c9ced6"), 1))
        if horizontal:
            p.drawLine(0, RULER - 1, self.width(), RULER - 1)
        else:
            p.drawLine(RULER - 1, 0, RULER - 1, self.height())
        if self._marker is not None:
            pos = zero + (self._marker / unit_pt) * px_per_unit
            p.setPen(QPen(resources.ACCENT, 1))
            if horizontal:
                p.drawLine(QPointF(pos, 0), QPointF(pos, RULER))
            else:
                p.drawLine(QPointF(0, pos), QPointF(RULER, pos))
        p.end()


def _label(value: float) -> str:
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


class _Corner(QWidget):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.unit = "mm"

    def paintEvent(self, _e) -> None:  # noqa: N802
        p = QPainter(self)
        p.fillRect(self.rect(), QColor(resources.RULER_BG))
        f = QFont(self.font())
        f.setPixelSize(9)
        p.setFont(f)
        p.setPen(QColor(resources.RULER_INK))
        p.drawText(self.rect(), Qt.AlignCenter, self.unit)
        p.end()


class CanvasView(QGraphicsView):
    """QGraphicsView with physical-size zoom, rulers, Ctrl+wheel zoom and panning."""

    zoom_changed = Signal(float)
    cursor_moved = Signal(QPointF)
    files_dropped = Signal(list, QPointF)  # local file paths, scene position of the drop
    guide_dropped = Signal(str, float)     # a new ruler guide: axis "x" (vertical) or "y", position

    def __init__(self, scene=None, parent: QWidget | None = None, unit: str = "mm") -> None:
        super().__init__(parent)
        self.unit = unit
        self._zoom = 1.0
        self._panning = False
        self._space = False
        self._pan_last = QPointF()
        self.setRenderHints(QPainter.Antialiasing | QPainter.TextAntialiasing | QPainter.SmoothPixmapTransform)
        self.setViewportUpdateMode(QGraphicsView.SmartViewportUpdate)
        self.setTransformationAnchor(QGraphicsView.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.AnchorViewCenter)
        self.setDragMode(QGraphicsView.RubberBandDrag)
        self.setMouseTracking(True)
        self.setAcceptDrops(True)
        self.setFrameShape(QGraphicsView.NoFrame)
        # the pasteboard colour is the scene's background brush (a view brush would stop the
        # scene from painting the sheet in drawBackground)
        self.setViewportMargins(RULER, RULER, 0, 0)
        self.h_ruler = Ruler(self, Qt.Horizontal)
        self.v_ruler = Ruler(self, Qt.Vertical)
        self._corner = _Corner(self)
        self._place_rulers()
        if scene is not None:
            self.setScene(scene)
        self._apply_zoom()

    # --- geometry of the rulers ---------------------------------------------------------
    def _place_rulers(self) -> None:
        r = self.viewport().geometry()
        # each ruler starts RULER px before the viewport (under the corner square), which is
        # the +RULER offset Ruler.paintEvent adds to viewport coordinates
        self._corner.setGeometry(r.left() - RULER, r.top() - RULER, RULER, RULER)
        self.h_ruler.setGeometry(r.left() - RULER, r.top() - RULER, r.width() + RULER, RULER)
        self.v_ruler.setGeometry(r.left() - RULER, r.top() - RULER, RULER, r.height() + RULER)
        self._corner.raise_()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._place_rulers()

    def scrollContentsBy(self, dx: int, dy: int) -> None:  # noqa: N802
        super().scrollContentsBy(dx, dy)
        self.h_ruler.update()
        self.v_ruler.update()

    def preview_guide(self, axis: str, value: float | None) -> None:
        """Show (or clear, with None) the guide being dragged out of a ruler."""
        scene = self.scene()
        if isinstance(scene, CardScene):
            scene.preview_guide = None if value is None else (axis, value)
            scene.update()

    def set_unit(self, unit: str) -> None:
        if unit not in UNIT_PT:
            raise ValueError(f"unknown unit {unit!r}; use one of {', '.join(UNIT_PT)}")
        self.unit = unit
        self._corner.unit = unit
        self._corner.update()
        self.h_ruler.update()
        self.v_ruler.update()

    # --- zoom -------------------------------------------------------------------------
    def physical_dpi(self) -> float:
        """Device-independent pixels per physical inch on the screen showing this view."""
        screen = self.screen() if self.isVisible() else None
        if screen is None:
            from PySide6.QtGui import QGuiApplication

            screen = QGuiApplication.primaryScreen()
        dpi = screen.physicalDotsPerInch() if screen is not None else 96.0
        if not dpi or not 40.0 <= dpi <= 800.0:  # a monitor reporting no or a nonsense size
            dpi = screen.logicalDotsPerInch() if screen is not None else 96.0
        return dpi if dpi and dpi > 1 else 96.0

    @property
    def zoom(self) -> float:
        return self._zoom

    def set_zoom(self, factor: float) -> None:
        self._zoom = max(ZOOM_MIN, min(ZOOM_MAX, float(factor)))
        self._apply_zoom()

    def _apply_zoom(self) -> None:
        s = self._zoom * self.physical_dpi() / 72.0
        self.setTransform(self.transform().fromScale(s, s))
        self.h_ruler.update()
        self.v_ruler.update()
        self.zoom_changed.emit(self._zoom)

    def zoom_actual(self) -> None:
        """100 %: the card at its physical size."""
        self.set_zoom(1.0)

    def zoom_in(self) -> None:
        self.set_zoom(next((z for z in ZOOM_STEPS if z > self._zoom * 1.001), ZOOM_MAX))

    def zoom_out(self) -> None:
        self.set_zoom(next((z for z in reversed(ZOOM_STEPS) if z < self._zoom / 1.001), ZOOM_MIN))

    def zoom_fit(self, rect: QRectF | None = None, margin_px: float = 36.0) -> None:
        """Fit ``rect`` (default: the scene's card rect incl. bleed) into the viewport."""
        scene = self.scene()
        if rect is None:
            rect = (scene.fit_rect() if isinstance(scene, CardScene) else
                    scene.sceneRect() if scene is not None else QRectF(0, 0, 100, 100))
        vp = self.viewport().size()
        if rect.width() <= 0 or rect.height() <= 0 or vp.width() < 10 or vp.height() < 10:
            return
        base = self.physical_dpi() / 72.0
        sx = (vp.width() - 2 * margin_px) / (rect.width() * base)
        sy = (vp.height() - 2 * margin_px) / (rect.height() * base)
        self.set_zoom(max(ZOOM_MIN, min(sx, sy)))
        self.centerOn(rect.center())

    # --- input ------------------------------------------------------------------------
    def wheelEvent(self, event) -> None:  # noqa: N802
        if event.modifiers() & Qt.ControlModifier:
            steps = event.angleDelta().y() / 120.0
            if steps:
                self.set_zoom(self._zoom * (1.15**steps))
            event.accept()
            return
        if event.modifiers() & Qt.ShiftModifier:
            bar = self.horizontalScrollBar()
            bar.setValue(bar.value() - event.angleDelta().y())
            event.accept()
            return
        super().wheelEvent(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() == Qt.Key_Space and not event.isAutoRepeat() and not self._editing_text():
            self._space = True
            self.viewport().setCursor(Qt.OpenHandCursor)
            event.accept()
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event) -> None:  # noqa: N802
        if event.key() == Qt.Key_Space and not event.isAutoRepeat() and self._space:
            self._space = False
            self.viewport().unsetCursor()
            event.accept()
            return
        super().keyReleaseEvent(event)

    def event(self, event) -> bool:  # noqa: D401 - Qt override
        # While a text box is being edited, typing goes to the text, not to single-key tool
        # shortcuts (T, L, R…) or Delete/arrows/copy/paste actions. Undo/redo, save and the
        # other Ctrl shortcuts still reach the window.
        if event.type() == QEvent.ShortcutOverride and self._editing_text() and self._editor_key(event):
            event.accept()
            return True
        return super().event(event)

    @staticmethod
    def _editor_key(event) -> bool:
        for std in (QKeySequence.Copy, QKeySequence.Cut, QKeySequence.Paste, QKeySequence.SelectAll):
            if event.matches(std):
                return True
        mods = event.modifiers() & ~(Qt.ShiftModifier | Qt.KeypadModifier)
        if event.key() in _EDIT_KEYS and not (mods & Qt.AltModifier):
            return True
        if mods == Qt.ControlModifier and event.key() in (Qt.Key_B, Qt.Key_I, Qt.Key_U):
            return True   # bold / italic / underline of the selected characters
        text = event.text()
        return bool(text) and not (mods & (Qt.ControlModifier | Qt.AltModifier | Qt.MetaModifier)) \
            and all(ch.isprintable() for ch in text)

    def _editing_text(self) -> bool:
        scene = self.scene()
        item = scene.focusItem() if scene is not None else None
        return isinstance(item, TextItem) and item.is_editing()

    def mousePressEvent(self, event) -> None:  # noqa: N802
        if event.button() == Qt.MiddleButton or (self._space and event.button() == Qt.LeftButton):
            self._panning = True
            self._pan_last = event.position()
            self.viewport().setCursor(Qt.ClosedHandCursor)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        if self._panning:
            delta = event.position() - self._pan_last
            self._pan_last = event.position()
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - int(delta.x()))
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - int(delta.y()))
            event.accept()
            return
        pos = self.mapToScene(event.position().toPoint())
        self.h_ruler.set_marker(pos.x())
        self.v_ruler.set_marker(pos.y())
        self.cursor_moved.emit(pos)
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        if self._panning:
            self._panning = False
            if self._space:
                self.viewport().setCursor(Qt.OpenHandCursor)
            else:
                self.viewport().unsetCursor()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    # --- drag and drop of image files --------------------------------------------------
    @staticmethod
    def _local_files(mime) -> list[str]:
        if not mime.hasUrls():
            return []
        return [u.toLocalFile() for u in mime.urls() if u.isLocalFile()]

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if self._local_files(event.mimeData()):
            event.acceptProposedAction()
            return
        super().dragEnterEvent(event)

    def dragMoveEvent(self, event) -> None:  # noqa: N802
        if self._local_files(event.mimeData()):
            event.acceptProposedAction()
            return
        super().dragMoveEvent(event)

    def dropEvent(self, event) -> None:  # noqa: N802
        files = self._local_files(event.mimeData())
        if files:
            event.acceptProposedAction()
            self.files_dropped.emit(files, self.mapToScene(event.position().toPoint()))
            return
        super().dropEvent(event)
