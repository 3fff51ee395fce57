"""CardScene: mirrors one side of the Document as items and follows its change notifications.

The scene is a view of the model. It subscribes to ``Document.subscribe``: an added element
gets an item, a removed one loses it, a changed one is re-synced, a reorder restacks the
z-values, a spec or background change repaints the sheet. Tools (``canvas/tools.py``) turn
mouse input into undo commands; nothing here writes to the model.

Scene units are points, origin at the trim's top-left corner. The sheet (bleed, background,
background image) is painted in ``drawBackground``; guides, selection outlines, resize
handles, snap lines and the rubber band of a tool being drawn are painted in
``drawForeground`` with cosmetic pens, so they keep their screen size at every zoom. A
selected group (one whole, unlocked group) gets the 8 resize handles on its box
(``group_handle_rects``; no rotation knob).

Signals: ``selection_ids_changed()`` after the selection changes, ``text_selection_changed()``
when the inline editor's caret or selection moves, ``text_edited(element_id)``
after an edit in a text box (typing, paste, undo of either), ``side_changed(str)`` after
switching sides.
"""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen, QTransform
from PySide6.QtWidgets import QGraphicsScene

from app.errors import CardwiseError
from app.model import Document
from app.ui import resources
from app.ui.canvas import guides
from app.ui.canvas.items import ElementItem, TextItem, make_item, qcolor

HANDLE_PX = 8.0  # resize handle size on screen
ROTATE_PX = 22.0  # distance of the rotation knob above the selection, on screen
GROUP_PAD_PX = 4.0  # the box around a selected group sits this far outside its members
HANDLES = ("tl", "t", "tr", "r", "br", "b", "bl", "l")


def _pillow_decode(data: bytes) -> QImage:
    import io

    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as im:
            out = io.BytesIO()
            im.convert("RGBA").save(out, "PNG")
    except Exception:
        return QImage()
    return QImage.fromData(out.getvalue())


class CardScene(QGraphicsScene):
    selection_ids_changed = Signal()
    text_edited = Signal(str)
    side_changed = Signal(str)
    message = Signal(str)  # an edit the model refused, for the status bar
    text_selection_changed = Signal()  # the inline editor's caret or selection moved

    def __init__(self, document: Document, undo_stack, fonts=None, side: str = "front", parent=None) -> None:
        super().__init__(parent)
        self.undo_stack = undo_stack
        self._fixed_fonts = fonts  # a test may inject a FontLibrary; else one per document
        self.fonts = fonts
        self.items_by_id: dict[str, ElementItem] = {}
        self.side = side
        self.show_safe = True
        self.show_guides = True  # False for thumbnails and print-like renders
        self.snapping = True
        self.snap_lines = []
        self.preview_rect: QRectF | None = None  # a shape being drawn by an insert tool
        self.preview_line = None
        self.preview_guide: tuple[str, float] | None = None  # ("x"|"y", position) while dragging a guide
        self.editor = None
        self._images: dict[str, QImage] = {}
        self._unsubscribe = None
        self.document = document
        self.tool = None
        self.key_handler = None  # callable(event) -> bool for keys outside text editing (nudges)
        self.setBackgroundBrush(QColor(resources.PASTEBOARD))
        self.selectionChanged.connect(self._selection_changed)
        self.set_document(document, side)

    # --- document binding ------------------------------------------------------------------
    def set_document(self, document: Document, side: str = "front") -> None:
        """Show ``document`` (after New/Open): rebinds the change listener and rebuilds."""
        if self._unsubscribe is not None:
            self._unsubscribe()
        self.end_text_edit()
        self.document = document
        self._images.clear()
        self.fonts = self._fixed_fonts
        self._unsubscribe = document.subscribe(self._on_change)
        self.side = side if side == "front" or document.spec.sides == 2 else "front"
        self.rebuild()

    def close(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None

    def set_side(self, side: str) -> None:
        if side not in ("front", "back"):
            raise ValueError(f"side {side!r} must be front or back")
        if side == "back" and self.document.spec.sides < 2:
            return
        if side == self.side:
            return
        self.end_text_edit()
        self.side = side
        self.rebuild()
        self.side_changed.emit(side)

    def rebuild(self) -> None:
        """Recreate every item of the current side (after loading or switching side)."""
        self.end_text_edit()
        self.blockSignals(True)
        for item in list(self.items_by_id.values()):
            self.removeItem(item)
        self.items_by_id.clear()
        self.blockSignals(False)
        for el in self.document.side(self.side).elements:
            item = make_item(el, self)
            self.items_by_id[el.id] = item
            self.addItem(item)
        self._restack()
        self._update_rect()
        self.update()
        self.selection_ids_changed.emit()

    def _update_rect(self) -> None:
        bleed = guides.qrect(self.document.spec.bleed_rect)
        m = max(bleed.width(), bleed.height()) * 0.6
        self.setSceneRect(bleed.adjusted(-m, -m, m, m))

    def _restack(self) -> None:
        for z, el in enumerate(self.document.side(self.side).elements):
            item = self.items_by_id.get(el.id)
            if item is not None:
                item.setZValue(z)

    def fit_rect(self) -> QRectF:
        """The sheet to fit in the window: the card and its bleed."""
        return guides.qrect(self.document.spec.bleed_rect)

    def _on_change(self, ch) -> None:
        kind = ch.kind
        if kind == "element-added":
            if ch.side == self.side:
                _, el = self.document.find(ch.element_id)
                item = make_item(el, self)
                self.items_by_id[el.id] = item
                self.addItem(item)
                self._restack()
        elif kind == "element-removed":
            item = self.items_by_id.pop(ch.element_id, None)
            if item is not None:
                if self.editor is not None and self.editor.item is item:
                    self.end_text_edit()
                self.removeItem(item)
                self._restack()
                self.selection_ids_changed.emit()
        elif kind == "element-changed":
            item = self.items_by_id.get(ch.element_id)
            if item is not None and ch.prop == "paragraphs" and isinstance(item, TextItem):
                # typing: the box keeps its place and size, so outlines and handles stay;
                # the item repaints the lines that changed
                item.text_changed()
                self.text_edited.emit(ch.element_id)
            elif item is not None:
                item.sync()
                if ch.prop == "paragraphs":
                    self.text_edited.emit(ch.element_id)
                self.update()
        elif kind == "element-reordered":
            if ch.side == self.side:
                self._restack()
        elif kind in ("spec-changed", "document-changed") and ch.prop is None:
            if kind == "spec-changed" and self.side == "back" and self.document.spec.sides < 2:
                self.side = "front"
                self.rebuild()
                self.side_changed.emit("front")
            else:
                self._update_rect()
                for item in self.items_by_id.values():
                    item.sync()
            self.update()
        elif kind == "side-changed" or (kind == "document-changed" and ch.prop == "settings"):
            self.update()
        elif kind == "fonts-changed":
            self.fonts = self._fixed_fonts
            for item in self.items_by_id.values():
                item.sync()

    def user_guides(self) -> tuple[list[float], list[float]]:
        from app.ui.commands import user_guides

        return user_guides(self.document)

    def guide_at(self, pos: QPointF, tolerance: float) -> tuple[str, int] | None:
        """The ruler guide within ``tolerance`` of ``pos``: (axis, index) or None."""
        xs, ys = self.user_guides()
        best = None
        for axis, values, coord in (("x", xs, pos.x()), ("y", ys, pos.y())):
            for i, v in enumerate(values):
                d = abs(v - coord)
                if d <= tolerance and (best is None or d < best[0]):
                    best = (d, axis, i)
        return None if best is None else (best[1], best[2])

    def push(self, cmd) -> bool:
        """Push an undo command; a value the model refuses becomes a message, not a traceback."""
        try:
            self.undo_stack.push(cmd)
        except CardwiseError as exc:
            self.message.emit(str(exc))
            return False
        return True

    # --- lookups -----------------------------------------------------------------------
    def font_library(self):
        """The fonts the core layout uses for this document (system + project fonts)."""
        if self.fonts is None:
            from app.model.fonts import library_for

            self.fonts = library_for(self.document)
        return self.fonts

    def layout_text(self, textbox):
        """The core text layout of ``textbox`` (the same the PDF exporter draws)."""
        from app.model import text_layout

        return text_layout.layout(textbox, self.font_library())

    def image_for(self, asset_id: str) -> QImage | None:
        img = self._images.get(asset_id)
        if img is None:
            asset = self.document.assets.get(asset_id)
            if asset is None:
                return None
            img = QImage.fromData(asset.data)
            if img.isNull():  # a format this Qt build has no plugin for (e.g. WebP): let Pillow decode it
                img = _pillow_decode(asset.data)
            if img.format() == QImage.Format_CMYK8888:
                img = img.convertToFormat(QImage.Format_RGB32)
            self._images[asset_id] = img
        return img

    def item_for(self, element_id: str) -> ElementItem | None:
        return self.items_by_id.get(element_id)

    def element_at(self, scene_pos: QPointF, transform: QTransform | None = None) -> ElementItem | None:
        for it in self.items(scene_pos, Qt.IntersectsItemShape, Qt.DescendingOrder, transform or QTransform()):
            if isinstance(it, ElementItem):
                return it
        return None

    # --- selection ---------------------------------------------------------------------
    def selected_ids(self) -> list[str]:
        """Selected element ids in z-order (bottom first)."""
        sel = {it.element_id for it in self.selectedItems() if isinstance(it, ElementItem)}
        return [el.id for el in self.document.side(self.side).elements if el.id in sel]

    def select_ids(self, ids) -> None:
        """Select exactly ``ids`` and the other members of their groups (a group selects as one)."""
        ids = set(self.document.with_groups(list(ids)))
        self.blockSignals(True)
        for eid, item in self.items_by_id.items():
            item.setSelected(eid in ids)
        self.blockSignals(False)
        self._selection_changed()

    def _selection_changed(self) -> None:
        sel = self.selected_ids()
        whole = self.document.with_groups(sel)
        if len(whole) > len(sel):   # a rubber band touched part of a group: take all of it
            self.blockSignals(True)
            for i in whole:
                item = self.items_by_id.get(i)
                if item is not None:
                    item.setSelected(True)
            self.blockSignals(False)
        if self.editor is not None and not self.editor.item.isSelected():
            self.end_text_edit()
        self.update()
        self.selection_ids_changed.emit()

    # --- text editing ------------------------------------------------------------------
    def begin_text_edit(self, item: TextItem):
        from app.ui.canvas.text_edit import TextEditor

        if self.editor is not None and self.editor.item is item:
            return self.editor
        self.end_text_edit()
        if item.locked:
            return None
        self.editor = TextEditor(item, self.undo_stack, self.document)
        item.editor = self.editor
        if not item.isSelected():
            self.select_ids([item.element_id])
        item.setFocus(Qt.MouseFocusReason)
        item.update()
        return self.editor

    def end_text_edit(self) -> None:
        ed = self.editor
        if ed is None:
            return
        self.editor = None
        ed.stop()
        ed.item.editor = None
        self.text_selection_changed.emit()   # the panel shows the box's style again
        if ed.item.hasFocus():
            ed.item.clearFocus()
        ed.item.update()
        # a text box drawn and left without typing disappears, as if it was never drawn
        created = ed.created_by
        stack = self.undo_stack
        if (created is not None and not ed.item.text and stack.index() > 0
                and stack.command(stack.index() - 1) is created):
            stack.undo()

    # --- painting ------------------------------------------------------------------------
    def drawBackground(self, p: QPainter, rect: QRectF) -> None:  # noqa: N802
        super().drawBackground(p, rect)
        side = self.document.side(self.side)
        guides.paint_card(p, self.document.spec, qcolor(side.background), bleed_tint=self.show_guides)
        if side.background_image:
            img = self.image_for(side.background_image)
            if img is not None and not img.isNull():
                p.drawImage(guides.qrect(self.document.spec.bleed_rect), img)

    def view_scale(self) -> float:
        views = self.views()
        return views[0].transform().m11() if views else 1.0

    def handle_rects(self, item: ElementItem) -> dict[str, QRectF]:
        """Resize handles of ``item`` in scene coordinates (constant screen size). They sit on
        the element's rotated box: corners and edge midpoints of the box as drawn, the
        rotation knob on a stem out of the (rotated) top edge."""
        s = HANDLE_PX / max(self.view_scale(), 1e-6)
        if item.element.kind == "line":
            el = item.element
            pts = {"p1": QPointF(el.x1, el.y1), "p2": QPointF(el.x2, el.y2)}
            return {k: QRectF(v.x() - s / 2, v.y() - s / 2, s, s) for k, v in pts.items()}
        pts = {k: item.mapToScene(p) for k, p in self.handle_points(item).items()}
        return {k: QRectF(v.x() - s / 2, v.y() - s / 2, s, s) for k, v in pts.items()}

    def handle_points(self, item: ElementItem) -> dict[str, QPointF]:
        """Handle centres in ``item``'s own (unrotated) coordinates; "rot" is the knob."""
        box = item.local_rect()
        cx, cy = box.center().x(), box.center().y()
        pts = {"tl": (box.left(), box.top()), "t": (cx, box.top()), "tr": (box.right(), box.top()),
               "r": (box.right(), cy), "br": (box.right(), box.bottom()), "b": (cx, box.bottom()),
               "bl": (box.left(), box.bottom()), "l": (box.left(), cy)}
        if item.element.kind == "qr":  # square: corners only
            pts = {k: v for k, v in pts.items() if len(k) == 2}
        pts["rot"] = (cx, box.top() - ROTATE_PX / max(self.view_scale(), 1e-6))
        return {k: QPointF(x, y) for k, (x, y) in pts.items()}

    def resizable_group(self) -> list[str]:
        """The selected ids when the selection is exactly one group (all of it, nothing else),
        none of it locked and no text being edited: the group then has resize handles.
        Else []."""
        ids = self.selected_ids()
        if len(ids) < 2 or self.editor is not None:
            return []
        els = [self.document.get(i) for i in ids]
        groups = {e.group for e in els}
        if len(groups) != 1 or not els[0].group or any(e.locked for e in els):
            return []
        return ids

    def group_handle_rects(self) -> dict[str, QRectF]:
        """The 8 resize handles (corners and edge midpoints) on the box drawn around a
        :meth:`resizable_group`, in scene coordinates at the single-element handles' screen
        size; {} when the selection is not one. A group has no rotation knob."""
        ids = self.resizable_group()
        if not ids:
            return {}
        items = [self.items_by_id[i] for i in ids if i in self.items_by_id]
        box = next(iter(self.group_boxes(items).values()), None)
        if box is None:
            return {}
        s = HANDLE_PX / max(self.view_scale(), 1e-6)
        c = box.center()
        pts = {"tl": box.topLeft(), "t": QPointF(c.x(), box.top()), "tr": box.topRight(),
               "r": QPointF(box.right(), c.y()), "br": box.bottomRight(), "b": QPointF(c.x(), box.bottom()),
               "bl": box.bottomLeft(), "l": QPointF(box.left(), c.y())}
        return {k: QRectF(v.x() - s / 2, v.y() - s / 2, s, s) for k, v in pts.items()}

    def drawForeground(self, p: QPainter, rect: QRectF) -> None:  # noqa: N802
        if not self.show_guides:
            return
        # art beyond the bleed does not print: veil it with the pasteboard colour (a repaint
        # inside the sheet, a keystroke's lines, has nothing to veil)
        if not self.fit_rect().contains(rect):
            veil = QPainterPath()
            veil.addRect(rect.united(self.sceneRect()))
            bleed = QPainterPath()
            bleed.addRect(self.fit_rect())
            veil_colour = QColor(resources.PASTEBOARD)
            veil_colour.setAlpha(215)
            p.fillPath(veil.subtracted(bleed), veil_colour)
        guides.paint_guides(p, self.document.spec, show_safe=self.show_safe, snap_lines=self.snap_lines,
                            user=self.user_guides(), extent=self.sceneRect())
        if self.preview_guide is not None:
            axis, v = self.preview_guide
            ext = self.sceneRect()
            pen = QPen(guides.USER_GUIDE, 1, Qt.DashLine)
            pen.setCosmetic(True)
            p.setPen(pen)
            if axis == "x":
                p.drawLine(QPointF(v, ext.top()), QPointF(v, ext.bottom()))
            else:
                p.drawLine(QPointF(ext.left(), v), QPointF(ext.right(), v))
        sel = [self.items_by_id[i] for i in self.selected_ids() if i in self.items_by_id]
        accent = QColor("#2f7de1")
        boxes = self.group_boxes(sel)
        for box in boxes.values():   # a group: one box around all of it, members dashed inside
            pen = QPen(accent, 1.5)
            pen.setCosmetic(True)
            p.setPen(pen)
            p.setBrush(Qt.NoBrush)
            p.drawRect(box)
        group_handles = self.group_handle_rects() if boxes else {}
        for item in sel:
            grouped = item.element.group in boxes
            pen = QPen(accent if not item.locked else QColor("#868e96"), 1, Qt.DashLine if grouped else Qt.SolidLine)
            pen.setCosmetic(True)
            p.setPen(pen)
            p.setBrush(Qt.NoBrush)
            if item.element.kind == "line":
                el = item.element
                p.drawLine(QPointF(el.x1, el.y1), QPointF(el.x2, el.y2))
            else:
                p.drawPolygon(item.mapToScene(item.local_rect()))
            if item.locked:
                self._paint_lock_badge(p, item)
            elif len(sel) == 1 and self.editor is None:
                p.setBrush(QColor("white"))
                hp = QPen(accent, 1)
                hp.setCosmetic(True)
                p.setPen(hp)
                # the knob and its stem first, so the top handle is drawn over the stem
                for name, r in sorted(self.handle_rects(item).items(), key=lambda kv: kv[0] != "rot"):
                    if name == "rot":  # rotation knob on a stem out of the (rotated) top edge
                        top_mid = item.mapToScene(QPointF(item.element.w / 2, 0))
                        p.drawLine(top_mid, r.center())
                        p.setBrush(QColor("white"))
                        p.drawEllipse(r)
                    else:
                        p.drawRect(r)
        if group_handles:   # a group's handles: as an element's, on the group's box, no knob
            p.setBrush(QColor("white"))
            hp = QPen(accent, 1)
            hp.setCosmetic(True)
            p.setPen(hp)
            for r in group_handles.values():
                p.drawRect(r)
        if self.preview_rect is not None:
            pen = QPen(accent, 1, Qt.DashLine)
            pen.setCosmetic(True)
            p.setPen(pen)
            p.setBrush(QColor(47, 125, 225, 30))
            p.drawRect(self.preview_rect)
        if self.preview_line is not None:
            pen = QPen(accent, 1, Qt.DashLine)
            pen.setCosmetic(True)
            p.setPen(pen)
            p.drawLine(self.preview_line)

    def group_boxes(self, items: list[ElementItem]) -> dict[str, QRectF]:
        """Group id → the box drawn around the group (its members' scene boxes united, a few
        screen pixels out) for the groups among ``items``."""
        pad = GROUP_PAD_PX / max(self.view_scale(), 1e-6)
        out: dict[str, QRectF] = {}
        for item in items:
            g = item.element.group
            if g:
                box = item.scene_box()
                out[g] = out[g].united(box) if g in out else box
        return {g: r.adjusted(-pad, -pad, pad, pad) for g, r in out.items()}

    def _paint_lock_badge(self, p: QPainter, item: ElementItem) -> None:
        s = 12.0 / max(self.view_scale(), 1e-6)
        box = item.scene_box()
        r = QRectF(box.right() - s, box.top() - s, s, s)
        p.save()
        p.setPen(Qt.NoPen)
        p.setBrush(QColor("#868e96"))
        p.drawRoundedRect(r, s * 0.2, s * 0.2)
        p.setBrush(QColor("white"))
        p.drawRect(QRectF(r.left() + s * 0.28, r.top() + s * 0.45, s * 0.44, s * 0.35))
        pen = QPen(QColor("white"), s * 0.1)
        p.setPen(pen)
        p.setBrush(Qt.NoBrush)
        p.drawArc(QRectF(r.left() + s * 0.33, r.top() + s * 0.18, s * 0.34, s * 0.5), 0, 180 * 16)
        p.restore()

    # --- input: delegated to the current tool --------------------------------------------
    def set_tool(self, tool) -> None:
        if self.tool is not None:
            self.tool.deactivate()
        self.tool = tool
        if tool is not None:
            tool.activate()

    def mousePressEvent(self, event) -> None:  # noqa: N802
        if self.tool is not None and self.tool.press(event):
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        if self.tool is not None and self.tool.move(event):
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        if self.tool is not None and self.tool.release(event):
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802
        if self.tool is not None and self.tool.double_click(event):
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() == Qt.Key_Escape and self.tool is not None and self.tool.cancel():
            event.accept()   # Escape during a drag takes the drag back
            return
        if self.editor is None and self.key_handler is not None and self.key_handler(event):
            event.accept()
            return
        super().keyPressEvent(event)
