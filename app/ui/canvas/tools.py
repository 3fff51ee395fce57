"""Canvas tools: mouse input → undo commands. One class per tool.

``SelectTool`` selects (click, Shift/Ctrl+click, rubber band from the view), moves (one
``MoveElements`` per drag, merged by a drag token, snapped to guides, centre lines and other
elements unless Alt is held), resizes with the handles (``SetGeometry``, merged the same
way; a corner keeps the aspect ratio with Shift, or by default for images, and always for QR),
resizes a selected group with the handles on its box (``ResizeGroup``, merged the same way: a
corner scales the whole group, type included, about the opposite corner; an edge stretches
it; Escape during the drag takes it back), and places the caret / selects text in a text box
being edited (double-click a text box to edit it).

``InsertTool(kind)`` draws a new element: drag a box (or click for the default size).
Text starts editing at once; QR asks for the payload (typed or pasted) through
``host.ask_qr_payload()``; image asks for a file through ``host.ask_image_file()`` unless
one is dropped on the canvas (``place_image``). After inserting, ``host.tool_finished()``
returns to the select tool, as in most design apps.

``host`` is the main window (or a test double) providing the ``ToolHost`` methods: those
three, and ``edit_element(id)`` for a double-click on a non-text element.
"""
from __future__ import annotations

import math
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QTransform

from app.model import BLACK, Color, ImageElement, LineElement, QrElement, RectElement, TextBox, TextStyle
from app.model.group_resize import CORNERS, dragged_box, group_bounds
from app.model.units import mm
from app.ui.canvas.guides import Snapper
from app.ui.canvas.items import TextItem
from app.ui.commands import (
    AddElements, MoveElements, ResizeGroup, SetGeometry, SetGuides, SetProperty, new_token, tr,
)


def _rotate_about(p: QPointF, c: QPointF, degrees: float) -> QPointF:
    """``p`` turned ``degrees`` clockwise (scene y is down) about ``c``."""
    a = math.radians(degrees)
    dx, dy = p.x() - c.x(), p.y() - c.y()
    return QPointF(c.x() + dx * math.cos(a) - dy * math.sin(a), c.y() + dx * math.sin(a) + dy * math.cos(a))


def tr_rotate() -> str:
    return tr("Rotate")

SNAP_PX = 6.0
CLICK_PX = 4.0
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".gif", ".bmp", ".webp"}


class ToolHost(Protocol):
    """What the canvas tools ask of the window they work in."""

    def ask_qr_payload(self, initial: str = "") -> str: ...

    def ask_image_file(self) -> str: ...

    def tool_finished(self) -> None: ...

    def edit_element(self, element_id: str) -> None: ...


class Tool:
    name = "tool"
    cursor = Qt.ArrowCursor

    def __init__(self, scene, host: ToolHost) -> None:
        self.scene = scene
        self.host = host

    @property
    def doc(self):
        return self.scene.document

    def view(self):
        views = self.scene.views()
        return views[0] if views else None

    def px(self, pixels: float) -> float:
        """``pixels`` on screen in scene points."""
        return pixels / max(self.scene.view_scale(), 1e-6)

    def activate(self) -> None:
        v = self.view()
        if v is not None:
            v.viewport().setCursor(self.cursor)

    def deactivate(self) -> None:
        self.scene.preview_rect = None
        self.scene.preview_line = None
        self.scene.snap_lines = []
        self.scene.update()

    def press(self, event) -> bool:
        return False

    def move(self, event) -> bool:
        return False

    def release(self, event) -> bool:
        return False

    def double_click(self, event) -> bool:
        return False

    def cancel(self) -> bool:
        """Escape: take back a drag in progress; False when there is none."""
        return False

    def snapper(self, exclude: set[str] = frozenset()) -> Snapper:
        others = [it.scene_box() for eid, it in self.scene.items_by_id.items() if eid not in exclude]
        return Snapper(self.doc.spec, others, self.scene.user_guides())

    def snapping(self, event) -> bool:
        return self.scene.snapping and not (event.modifiers() & Qt.AltModifier)


class SelectTool(Tool):
    name = "select"

    def __init__(self, scene, host: ToolHost) -> None:
        super().__init__(scene, host)
        self._mode: str | None = None  # "move" | "resize" | "rotate" | "group" | "text" | "guide"
        self._press = QPointF()
        self._start: dict[str, tuple[float, float, float, float]] = {}
        self._group_start: list = []   # a group being resized: its members as the drag began
        self._group_box = None         # ... and their box (app.model Rect)
        self._handle = ""
        self._token = 0
        self._snapper: Snapper | None = None

    def press(self, event) -> bool:
        if event.button() != Qt.LeftButton:
            return False
        pos = event.scenePos()
        ed = self.scene.editor
        if ed is not None:
            off = ed.item.offset_at(pos)
            if off is not None:
                ed.move_to(off, keep_anchor=bool(event.modifiers() & Qt.ShiftModifier))
                self._mode = "text"
                return True
            self.scene.end_text_edit()
        hit = self._handle_at(pos)
        if hit is not None:
            element_id, name = hit
            self._begin(pos, "rotate" if name == "rot" else "resize", [element_id])
            self._handle = name
            return True
        name = self._group_handle_at(pos)
        if name is not None:
            ids = self.scene.resizable_group()
            self._begin(pos, "group", ids)
            self._handle = name
            self._group_start = [self.doc.get(i).copy(new_id=False) for i in ids]
            self._group_box = group_bounds(self._group_start)
            return True
        item = self.scene.element_at(pos, self._transform())
        if item is None:
            guide = self.scene.guide_at(pos, self.px(4))
            if guide is not None:  # drag a ruler guide (back onto a ruler removes it)
                self._mode = "guide"
                self._guide = guide
                return True
            return False  # the scene clears the selection; the view starts a rubber band
        mods = event.modifiers()
        if mods & (Qt.ShiftModifier | Qt.ControlModifier):   # add or take away (a whole group)
            group = set(self.doc.with_groups([item.element_id]))
            sel = set(self.scene.selected_ids())
            self.scene.select_ids(sel - group if item.isSelected() else sel | group)
            return True
        if not item.isSelected():
            self.scene.select_ids([item.element_id])
        movable = [i for i in self.scene.selected_ids() if not self.scene.items_by_id[i].locked]
        if movable:
            self._begin(pos, "move", movable)
        return True

    def _handle_at(self, pos: QPointF) -> tuple[str, str] | None:
        """(element id, handle name) of the resize/rotate handle under ``pos``, if the one
        selected, unlocked element shows one there (2 screen pixels of slack)."""
        ids = self.scene.selected_ids()
        if len(ids) != 1:
            return None
        item = self.scene.item_for(ids[0])
        if item is None or item.locked:
            return None
        slack = self.px(2)
        for name, r in self.scene.handle_rects(item).items():
            if r.adjusted(-slack, -slack, slack, slack).contains(pos):
                return ids[0], name
        return None

    def _group_handle_at(self, pos: QPointF) -> str | None:
        """The name of the selected group's resize handle under ``pos`` (2 px of slack)."""
        slack = self.px(2)
        for name, r in self.scene.group_handle_rects().items():
            if r.adjusted(-slack, -slack, slack, slack).contains(pos):
                return name
        return None

    def _transform(self) -> QTransform:
        v = self.view()
        return v.transform() if v is not None else QTransform()

    def _begin(self, pos: QPointF, mode: str, ids: list[str]) -> None:
        self._mode = mode
        self._press = pos
        self._token = new_token()
        self._start = {}
        for i in ids:
            el = self.doc.get(i)
            self._start[i] = (el.x, el.y, el.w, el.h)
        self._snapper = self.snapper(exclude=set(ids))
        self._moved = False

    HANDLE_CURSORS = {"tl": Qt.SizeFDiagCursor, "br": Qt.SizeFDiagCursor, "tr": Qt.SizeBDiagCursor,
                      "bl": Qt.SizeBDiagCursor, "t": Qt.SizeVerCursor, "b": Qt.SizeVerCursor,
                      "l": Qt.SizeHorCursor, "r": Qt.SizeHorCursor, "p1": Qt.CrossCursor, "p2": Qt.CrossCursor,
                      "rot": Qt.PointingHandCursor}
    _guide: tuple[str, int] = ("x", 0)

    def hover_cursor(self, pos: QPointF) -> Qt.CursorShape:
        """The pointer shape that tells what a press here would do."""
        ed = self.scene.editor
        if ed is not None and ed.item.offset_at(pos) is not None:
            return Qt.IBeamCursor
        hit = self._handle_at(pos)
        if hit is not None:
            return self.HANDLE_CURSORS.get(hit[1], Qt.ArrowCursor)
        name = self._group_handle_at(pos)
        if name is not None:
            return self.HANDLE_CURSORS[name]
        item = self.scene.element_at(pos, self._transform())
        if item is not None and not item.locked:
            return Qt.SizeAllCursor
        guide = self.scene.guide_at(pos, self.px(4)) if item is None else None
        if guide is not None:
            return Qt.SplitHCursor if guide[0] == "x" else Qt.SplitVCursor
        return Qt.ArrowCursor

    def move(self, event) -> bool:
        if self._mode is None:
            v = self.view()
            if v is not None and not event.buttons():
                v.viewport().setCursor(self.hover_cursor(event.scenePos()))
            return False
        pos = event.scenePos()
        if self._mode == "guide":
            axis = self._guide[0]
            self.scene.preview_guide = (axis, pos.x() if axis == "x" else pos.y())
            self.scene.update()
            return True
        if self._mode == "text":
            ed = self.scene.editor
            if ed is not None:
                off = ed.item.offset_at(pos, clamp=True)
                if off is not None:
                    ed.move_to(off, keep_anchor=True)
            return True
        delta = pos - self._press
        if not self._moved and (abs(delta.x()) + abs(delta.y())) < self.px(CLICK_PX):
            return True
        self._moved = True
        if self._mode == "move":
            self._drag_move(delta, event)
        elif self._mode == "rotate":
            self._drag_rotate(pos, event)
        elif self._mode == "group":
            self._drag_group(delta, event)
        else:
            self._drag_resize(pos, event)
        return True

    def _drag_rotate(self, pos: QPointF, event) -> None:
        """Rotate about the box centre; Shift snaps to 15° steps."""
        (eid, (x, y, w, h)), = self._start.items()
        cx, cy = x + w / 2, y + h / 2
        angle = math.degrees(math.atan2(pos.y() - cy, pos.x() - cx)) + 90.0
        if event.modifiers() & Qt.ShiftModifier:
            angle = round(angle / 15.0) * 15.0
        angle = (angle + 180.0) % 360.0 - 180.0
        self.scene.push(SetProperty(self.doc, {eid: round(angle, 2)}, "rotation", merge_key=self._token,
                                    text=tr_rotate()))
        self.scene.update()

    def _drag_group(self, delta: QPointF, event) -> None:
        """Resize the selected group: the dragged handle of the group's box follows the
        pointer (snapped like an element's handle), the rest is app.model.group_resize."""
        box, handle = self._group_box, self._handle
        dx, dy = delta.x(), delta.y()
        lines = []
        if self.snapping(event) and self._snapper is not None:
            ex = 1 if "r" in handle else -1 if "l" in handle else 0
            ey = 1 if "b" in handle else -1 if "t" in handle else 0
            # the point being dragged: that corner or edge midpoint of the members' box
            px = (box.right if ex > 0 else box.left if ex < 0 else box.x + box.w / 2) + dx
            py = (box.bottom if ey > 0 else box.top if ey < 0 else box.y + box.h / 2) + dy
            snapped, found = self._snapper.snap_point(QPointF(px, py), self.px(SNAP_PX))
            vertical = [ln for ln in found if ln.x1() == ln.x2()]
            horizontal = [ln for ln in found if ln.y1() == ln.y2()]
            if handle in CORNERS:   # a uniform scale can meet one line exactly: take one axis
                if vertical and ex and box.w > 0:
                    dx += snapped.x() - px
                    dy = ey * box.h * (ex * dx / box.w)
                    lines = vertical
                elif horizontal and ey and box.h > 0:
                    dy += snapped.y() - py
                    dx = ex * box.w * (ey * dy / box.h)
                    lines = horizontal
            else:
                if ex and vertical:
                    dx += snapped.x() - px
                    lines = vertical
                if ey and horizontal:
                    dy += snapped.y() - py
                    lines = horizontal
        self.scene.snap_lines = lines
        new = dragged_box(box, handle, dx, dy, self._group_start)
        self.scene.push(ResizeGroup(self.doc, list(self._start), box, new, uniform=handle in CORNERS,
                                    drag=self._token, start=self._group_start))
        self.scene.update()

    def cancel(self) -> bool:
        if self._mode != "group":
            return False
        stack = self.scene.undo_stack
        top = stack.command(stack.index() - 1) if stack.index() > 0 else None
        if self._moved and isinstance(top, ResizeGroup) and top.drag == self._token:
            top.cancelled = True
            stack.undo()   # the members go back and the step leaves the stack (no Redo)
        self._end_drag()
        return True

    def _end_drag(self) -> None:
        """Forget the drag: no mode, no start geometry, no snapping lines on screen."""
        self._mode = None
        self._start = {}
        self._snapper = None
        self.scene.snap_lines = []
        self.scene.update()

    def _union(self, dx: float, dy: float) -> QRectF:
        rect = QRectF()
        for i, (x, y, w, h) in self._start.items():
            item = self.scene.item_for(i)
            box = item.scene_box() if item is not None else QRectF(x, y, w, h)
            el = self.doc.get(i)
            box.translate(x + dx - el.x, y + dy - el.y)
            rect = rect.united(box) if not rect.isNull() else box
        return rect

    def _drag_move(self, delta: QPointF, event) -> None:
        dx, dy = delta.x(), delta.y()
        if event.modifiers() & Qt.ShiftModifier:  # constrain to one axis
            if abs(dx) > abs(dy):
                dy = 0.0
            else:
                dx = 0.0
        lines = []
        if self.snapping(event) and self._snapper is not None:
            res = self._snapper.snap(self._union(dx, dy), self.px(SNAP_PX))
            dx += res.dx
            dy += res.dy
            lines = res.lines
        self.scene.snap_lines = lines
        positions = {i: (x + dx, y + dy) for i, (x, y, _w, _h) in self._start.items()}
        self.scene.push(MoveElements(self.doc, positions, drag=self._token))
        self.scene.update()

    def _drag_resize(self, pos: QPointF, event) -> None:
        (eid, (x, y, w, h)), = self._start.items()
        lines = []
        rotation = self.doc.get(eid).rotation % 360 if self._handle not in ("p1", "p2") else 0.0
        c0 = QPointF(x + w / 2, y + h / 2)
        if rotation:
            # work in the box's own frame (unrotated about its centre at the press); snapping
            # lines are scene-axis lines, so a rotated box is resized without them
            pos = _rotate_about(pos, c0, -rotation)
        elif self.snapping(event) and self._snapper is not None:
            pos, lines = self._snapper.snap_point(pos, self.px(SNAP_PX))
        self.scene.snap_lines = lines
        handle = self._handle
        if handle in ("p1", "p2"):  # line end points
            x1, y1, x2, y2 = x, y, x + w, y + h
            if handle == "p1":
                x1, y1 = pos.x(), pos.y()
            else:
                x2, y2 = pos.x(), pos.y()
            if event.modifiers() & Qt.ShiftModifier:  # horizontal / vertical
                if abs(x2 - x1) > abs(y2 - y1):
                    if handle == "p1":
                        y1 = y2
                    else:
                        y2 = y1
                else:
                    if handle == "p1":
                        x1 = x2
                    else:
                        x2 = x1
            if abs(x2 - x1) + abs(y2 - y1) < 0.5:
                return
            geom = (x1, y1, x2 - x1, y2 - y1)
        else:
            left, top, right, bottom = x, y, x + w, y + h
            if "l" in handle:
                left = min(pos.x(), right - 1)
            if "r" in handle:
                right = max(pos.x(), left + 1)
            if "t" in handle:
                top = min(pos.y(), bottom - 1)
            if "b" in handle:
                bottom = max(pos.y(), top + 1)
            el = self.doc.get(eid)
            shift = bool(event.modifiers() & Qt.ShiftModifier)
            # corners keep the aspect of images by default (Shift frees them), of others with Shift
            keep = el.kind == "qr" or (shift != (el.kind == "image"))
            if keep and len(handle) == 2:
                ratio = w / h if h else 1.0
                nw, nh = right - left, bottom - top
                if nw / max(nh, 1e-6) > ratio:
                    nw = nh * ratio
                else:
                    nh = nw / ratio
                if "l" in handle:
                    left = right - nw
                else:
                    right = left + nw
                if "t" in handle:
                    top = bottom - nh
                else:
                    bottom = top + nh
            geom = (left, top, right - left, bottom - top)
            if rotation:
                # the element turns about its own centre: place the new box so that, turned,
                # it lies where the user dragged it (the opposite corner or edge stays put)
                nc = _rotate_about(QPointF(left + geom[2] / 2, top + geom[3] / 2), c0, rotation)
                geom = (nc.x() - geom[2] / 2, nc.y() - geom[3] / 2, geom[2], geom[3])
        self.scene.push(SetGeometry(self.doc, {eid: geom}, drag=self._token))
        self.scene.update()

    def release(self, event) -> bool:
        if self._mode is None:
            return False
        if self._mode == "guide":
            self._drop_guide(event.scenePos())
        self._end_drag()
        return True

    def _drop_guide(self, pos: QPointF) -> None:
        axis, index = self._guide
        self.scene.preview_guide = None
        xs, ys = (list(v) for v in self.scene.user_guides())
        values = xs if axis == "x" else ys
        if index >= len(values):
            return
        v = self.view()
        on_ruler = False
        if v is not None:
            vp = v.mapFromScene(pos)
            on_ruler = vp.x() < 0 if axis == "x" else vp.y() < 0
        if on_ruler:
            del values[index]
            self.scene.push(SetGuides(self.doc, xs, ys, tr("Remove Guide")))
        else:
            new = pos.x() if axis == "x" else pos.y()
            if abs(new - values[index]) < 1e-6:
                return
            values[index] = new
            self.scene.push(SetGuides(self.doc, xs, ys, tr("Move Guide")))

    def double_click(self, event) -> bool:
        item = self.scene.element_at(event.scenePos(), self._transform())
        ed = self.scene.editor
        if ed is not None and item is ed.item:  # double-click inside edited text: select the word
            off = item.offset_at(event.scenePos(), clamp=True)
            if off is not None:
                ed.select_word(off)
            return True
        if isinstance(item, TextItem) and not item.locked:
            ed = self.scene.begin_text_edit(item)
            if ed is not None:
                off = item.offset_at(event.scenePos(), clamp=True)
                ed.move_to(off if off is not None else len(item.text))
            return True
        if item is not None:
            self.host.edit_element(item.element_id)
            return True
        return False


def default_text_style(doc) -> TextStyle:
    return TextStyle(size_pt=10.0, color=BLACK)


class InsertTool(Tool):
    """Draw a new element of ``kind`` ("text", "rect", "line", "qr", "image")."""

    cursor = Qt.CrossCursor

    def __init__(self, scene, host: ToolHost, kind: str) -> None:
        super().__init__(scene, host)
        self.kind = kind
        self.name = kind
        self._start: QPointF | None = None
        self._snapper: Snapper | None = None

    def _snap(self, pos: QPointF, event) -> QPointF:
        if self._snapper is not None and self.snapping(event):
            pos, lines = self._snapper.snap_point(pos, self.px(SNAP_PX))
            self.scene.snap_lines = lines
        else:
            self.scene.snap_lines = []
        return pos

    def press(self, event) -> bool:
        if event.button() != Qt.LeftButton:
            return False
        self._snapper = self.snapper()
        self._start = self._snap(event.scenePos(), event)
        return True

    def move(self, event) -> bool:
        if self._start is None:
            return False
        pos = self._snap(event.scenePos(), event)
        if self.kind == "line":
            self.scene.preview_line = QLineF(self._start, pos)
        else:
            self.scene.preview_rect = self._rect(self._start, pos, event)
        self.scene.update()
        return True

    def _rect(self, a: QPointF, b: QPointF, event) -> QRectF:
        r = QRectF(a, b).normalized()
        if self.kind == "qr" or event.modifiers() & Qt.ShiftModifier:
            s = max(r.width(), r.height())
            r = QRectF(r.left() if b.x() >= a.x() else a.x() - s, r.top() if b.y() >= a.y() else a.y() - s, s, s)
        return r

    def release(self, event) -> bool:
        if self._start is None:
            return False
        start = self._start
        end = self._snap(event.scenePos(), event)
        self._start = None
        self.deactivate()
        dragged = (abs(end.x() - start.x()) + abs(end.y() - start.y())) >= self.px(CLICK_PX)
        if self.kind == "line":
            geom = QLineF(start, end) if dragged else QLineF(start, start + QPointF(mm(40), 0))
            self.create_line(geom)
        else:
            rect = self._rect(start, end, event) if dragged else None
            self.create(start, rect)
        return True

    # --- element construction ----------------------------------------------------------
    def _default_rect(self, at: QPointF, w: float, h: float) -> QRectF:
        return QRectF(at.x(), at.y(), w, h)

    def create_line(self, line: QLineF) -> None:
        el = LineElement(x=line.x1(), y=line.y1(), w=line.dx(), h=line.dy(), stroke=BLACK, stroke_width=1.0)
        self._push(el)

    def create(self, at: QPointF, rect: QRectF | None) -> None:
        spec = self.doc.spec
        if self.kind == "text":
            r = rect or self._default_rect(at, min(mm(60), max(mm(20), spec.width - spec.safe - at.x())), mm(10))
            el = TextBox.from_text("", default_text_style(self.doc), x=r.x(), y=r.y(), w=r.width(), h=r.height())
            self._push(el)
            item = self.scene.item_for(el.id)
            if isinstance(item, TextItem):
                ed = self.scene.begin_text_edit(item)
                stack = self.scene.undo_stack
                if ed is not None and stack.index() > 0:
                    ed.created_by = stack.command(stack.index() - 1)
            return
        if self.kind == "rect":
            r = rect or self._default_rect(at, mm(30), mm(20))
            el = RectElement(x=r.x(), y=r.y(), w=r.width(), h=r.height(),
                             fill=Color.cmyk_percent(0, 0, 0, 10), stroke=None, stroke_width=0.0)
            self._push(el)
            return
        if self.kind == "qr":
            payload = self.host.ask_qr_payload("")
            if not payload:
                self.host.tool_finished()
                return
            r = rect or self._default_rect(at, mm(20), mm(20))
            s = max(r.width(), r.height(), mm(5))
            el = QrElement(x=r.x(), y=r.y(), w=s, h=s, payload=payload)
            self._push(el)
            return
        if self.kind == "image":
            path = self.host.ask_image_file()
            if not path:
                self.host.tool_finished()
                return
            place_image(self.scene, Path(path), at, rect)
            self.host.tool_finished()
            return
        raise ValueError(f"unknown element kind {self.kind!r}")

    def _push(self, el) -> None:
        if self.scene.push(AddElements(self.doc, self.scene.side, [el])):
            self.scene.select_ids([el.id])
        self.host.tool_finished()


def place_image(scene, path: Path, at: QPointF, rect: QRectF | None = None) -> str:
    """Embed the image file and add an image element at ``at`` (or filling ``rect``).

    Without a rectangle the image is placed at 300 dpi, scaled down to fit inside the trim.
    Returns the new element id. Raises the model's AssetError (a CardwiseError) for a file
    that is not a usable image.
    """
    data = Path(path).read_bytes()
    doc = scene.document
    asset_id = doc.add_asset(data, Path(path).name)
    asset = doc.assets[asset_id]
    if rect is None:
        w = asset.width_px / 300.0 * 72.0
        h = asset.height_px / 300.0 * 72.0
        max_w, max_h = doc.spec.width * 0.8, doc.spec.height * 0.8
        s = min(1.0, max_w / w, max_h / h)
        w, h = w * s, h * s
        rect = QRectF(at.x() - w / 2, at.y() - h / 2, w, h)
    el = ImageElement(x=rect.x(), y=rect.y(), w=rect.width(), h=rect.height(), asset_id=asset_id,
                      name=Path(path).stem, fit="fit" if rect is not None else "fill")
    scene.undo_stack.push(AddElements(doc, scene.side, [el]))
    scene.select_ids([el.id])
    return el.id
