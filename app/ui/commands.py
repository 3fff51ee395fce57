"""Undo commands over the card model. They write to the ``Document`` only.

The scene never changes itself in response to the mouse: a tool builds a command, the
command calls a ``Document`` method, the document notifies its listeners, and the scene
updates the item (``CardScene`` follows ``Document.subscribe``). So undo and redo need no
view code, and a test can drive the commands with no window at all.

Each command sets a readable text for the Edit menu ("Move Text", "Change Font Size",
"Delete 3 Elements"). Commands that come in streams merge:

* ``MoveElements`` (``id() == MERGE_MOVE``) merges with the previous move carrying the same
  ``drag`` token, so one mouse drag is one undo step, however many mouse moves it had.
* ``SetGeometry`` merges the same way for resize drags (``MERGE_GEOMETRY``), and
  ``ResizeGroup`` for a group's handle drags (``MERGE_GROUP_RESIZE``).
* ``SetProperty`` merges when it carries the same ``merge_key`` (the text item passes one
  key per typing burst, so consecutive typing is one undo step; a property spin box passes
  one per focus).

Every command applies its change in ``__init__``-free ``redo()`` (QUndoStack.push calls it);
a command whose model call raises is marked obsolete so it never reaches the stack, and the
error reaches the caller (the window shows it).
"""
from __future__ import annotations

import itertools
from typing import Any, Iterable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from app.model import Document, Element, TextBox
from app.model.document import Ignore
from app.model.elements import fresh_groups, new_id
from app.model.group_resize import resized_properties, values_of

MERGE_MOVE = 1001
MERGE_GEOMETRY = 1002
MERGE_PROPERTY = 1003
MERGE_GROUP_RESIZE = 1004

_tokens = itertools.count(1)


def new_token() -> int:
    """A fresh merge token (one per drag, per typing burst, per spin-box focus)."""
    return next(_tokens)


def tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("Commands", text, None, n)


KIND_NAMES = {
    "text": "Text", "image": "Image", "qr": "QR Code", "rect": "Rectangle", "line": "Line",
}

PROPERTY_NAMES = {
    "x": "Position", "y": "Position", "w": "Size", "h": "Size", "rotation": "Rotation",
    "locked": "Lock", "name": "Name", "paragraphs": "Text", "valign": "Vertical Alignment",
    "padding": "Padding", "fill": "Fill Colour", "stroke": "Stroke Colour",
    "stroke_width": "Stroke Width", "corner_radius": "Corner Radius", "payload": "QR Payload",
    "error": "QR Error Correction", "fg": "QR Colour", "bg": "QR Background",
    "quiet_zone": "QR Quiet Zone", "fit": "Image Fit", "crop": "Image Crop",
    "asset_id": "Image", "font_family": "Font", "size_pt": "Font Size", "bold": "Bold",
    "italic": "Italic", "color": "Text Colour", "align": "Alignment",
    "line_spacing": "Line Spacing", "space_after": "Space After", "letter_spacing": "Letter Spacing",
    "background": "Background",
}


def kind_name(el: Element) -> str:
    return tr(KIND_NAMES.get(el.kind, "Element"))


def elements_label(doc: Document, ids: list[str]) -> str:
    """"Text" for one element, "3 Elements" for several."""
    if len(ids) == 1:
        el = doc.get(ids[0])
        return kind_name(el) if el is not None else tr("Element")
    return tr("%n Elements", len(ids))


class DocCommand(QUndoCommand):
    """Base: holds the document; subclasses implement ``_redo``/``_undo``."""

    def __init__(self, doc: Document, text: str = "") -> None:
        super().__init__(text)
        self.doc = doc

    def redo(self) -> None:
        try:
            with self.doc.batch():
                self._redo()
        except Exception:
            self.setObsolete(True)
            raise

    def undo(self) -> None:
        with self.doc.batch():
            self._undo()

    def _redo(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def _undo(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError


class AddElements(DocCommand):
    """Add elements to a side (on top, or at given z-indexes)."""

    def __init__(self, doc: Document, side: str, elements: Iterable[Element], text: str | None = None,
                 indexes: list[int | None] | None = None) -> None:
        self.elements = list(elements)
        self.side = side
        self.indexes = indexes or [None] * len(self.elements)
        if text is None:
            if len(self.elements) == 1:
                text = tr("Add %1").replace("%1", kind_name(self.elements[0]))
            else:
                text = tr("Add %n Elements", len(self.elements))
        super().__init__(doc, text)

    @property
    def ids(self) -> list[str]:
        return [e.id for e in self.elements]

    def _redo(self) -> None:
        for el, index in zip(self.elements, self.indexes):
            self.doc.add_element(self.side, el, index)

    def _undo(self) -> None:
        for el in reversed(self.elements):
            self.doc.remove_element(el.id)


class RemoveElements(DocCommand):
    """Delete elements; undo puts each back on its side at its old z-index."""

    def __init__(self, doc: Document, ids: Iterable[str], text: str | None = None) -> None:
        self.ids = list(ids)
        super().__init__(doc, text or tr("Delete %1").replace("%1", elements_label(doc, self.ids)))
        self._removed: list[tuple[str, int, Element]] = []
        self._dissolved: dict[str, str] = {}

    def _redo(self) -> None:
        self._removed = [self.doc.remove_element(i) for i in self.ids]
        # a group left with one member is no group any more: dissolve it (undo restores it)
        self._dissolved = self.doc.set_group(self.doc.lone_group_members(), "")

    def _undo(self) -> None:
        for i, g in self._dissolved.items():
            self.doc.set_property(i, "group", g)
        for side, index, el in reversed(self._removed):
            self.doc.add_element(side, el, index)
        self._removed = []
        self._dissolved = {}


class MoveElements(DocCommand):
    """Move elements to new top-left positions. Same ``drag`` token → merged (one undo step)."""

    def __init__(self, doc: Document, positions: dict[str, tuple[float, float]], drag: int | None = None,
                 text: str | None = None) -> None:
        ids = list(positions)
        super().__init__(doc, text or tr("Move %1").replace("%1", elements_label(doc, ids)))
        self.new = dict(positions)
        self.old: dict[str, tuple[float, float]] = {}
        for i in ids:
            el = doc.get(i)
            if el is None:
                raise KeyError(f"no element with id {i!r}")
            self.old[i] = (el.x, el.y)
        self.drag = drag

    def id(self) -> int:  # noqa: A003 (Qt name)
        return MERGE_MOVE if self.drag is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802
        if not isinstance(other, MoveElements) or other.drag != self.drag or set(other.new) != set(self.new):
            return False
        self.new = dict(other.new)
        return True

    def _redo(self) -> None:
        for i, (x, y) in self.new.items():
            self.doc.move_element(i, x, y)

    def _undo(self) -> None:
        for i, (x, y) in self.old.items():
            self.doc.move_element(i, x, y)


Geometry = tuple[float, float, float, float]


class SetGeometry(DocCommand):
    """Move and resize elements (x, y, w, h). Same ``drag`` token → merged."""

    def __init__(self, doc: Document, geometry: dict[str, Geometry], drag: int | None = None,
                 text: str | None = None) -> None:
        ids = list(geometry)
        super().__init__(doc, text or tr("Resize %1").replace("%1", elements_label(doc, ids)))
        self.new = dict(geometry)
        self.old: dict[str, Geometry] = {}
        for i in ids:
            el = doc.get(i)
            if el is None:
                raise KeyError(f"no element with id {i!r}")
            self.old[i] = (el.x, el.y, el.w, el.h)
        self.drag = drag

    def id(self) -> int:  # noqa: A003
        return MERGE_GEOMETRY if self.drag is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802
        if not isinstance(other, SetGeometry) or other.drag != self.drag or set(other.new) != set(self.new):
            return False
        self.new = dict(other.new)
        return True

    def _redo(self) -> None:
        for i, g in self.new.items():
            self.doc.set_geometry(i, *g)

    def _undo(self) -> None:
        for i, g in self.old.items():
            self.doc.set_geometry(i, *g)


class ResizeGroup(DocCommand):
    """Resize a group from its box ``old_box`` to ``new_box`` (app.model.group_resize): with
    ``uniform`` everything scales by one factor (type and strokes too), else boxes stretch and
    type keeps its size. ``start`` holds the members as they were when the drag began (copies,
    same ids; default: as they are now), so every step of a drag is worked out from there;
    commands with the same ``drag`` token merge into one undo step."""

    def __init__(self, doc: Document, ids: Iterable[str], old_box, new_box, uniform: bool,
                 drag: int | None = None, start: list[Element] | None = None) -> None:
        super().__init__(doc, tr("Resize group"))
        if start is None:
            start = []
            for i in ids:
                el = doc.get(i)
                if el is None:
                    raise KeyError(f"no element with id {i!r}")
                start.append(el)
        self.new = resized_properties(list(start), old_box, new_box, uniform)
        by_id = {e.id: e for e in start}
        self.old = {i: values_of(by_id[i], props) for i, props in self.new.items()}
        self.drag = drag
        self.cancelled = False   # set before undoing a drag cancelled with Escape: then it leaves the stack

    def id(self) -> int:  # noqa: A003
        return MERGE_GROUP_RESIZE if self.drag is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802
        if not isinstance(other, ResizeGroup) or other.drag != self.drag or set(other.new) != set(self.new):
            return False
        for i, props in other.old.items():   # both from the same start: keep ours, add any new keys
            for k, v in props.items():
                self.old[i].setdefault(k, v)
        self.new = {i: dict(p) for i, p in other.new.items()}
        return True

    def _apply(self, element_id: str, values: dict[str, Any]) -> None:
        """Set ``values`` on one element in an order every step of which is valid: a text
        box's padding goes down before its box shrinks and up after it grows."""
        el = self.doc.get(element_id)
        rest = {k: v for k, v in values.items() if k not in ("x", "y", "w", "h")}
        pad = rest.pop("padding", None)
        if pad is not None and pad < el.padding:
            self.doc.set_property(element_id, "padding", pad)
            pad = None
        geom = tuple(values[k] for k in ("x", "y", "w", "h"))
        if geom != (el.x, el.y, el.w, el.h):
            self.doc.set_geometry(element_id, *geom)
        if pad is not None and pad != el.padding:
            self.doc.set_property(element_id, "padding", pad)
        current = values_of(el, rest)
        for k, v in rest.items():
            if current[k] != v:
                self.doc.set_property(element_id, k, v)

    def _set_all(self, states: dict[str, dict[str, Any]]) -> None:
        before = {i: values_of(self.doc.get(i), props) for i, props in states.items()}
        done = []
        try:
            for i, values in states.items():
                done.append(i)
                self._apply(i, values)
        except Exception:   # a value the model refuses: put back what this step changed
            for i in done:
                self._apply(i, before[i])
            raise

    def undo(self) -> None:
        super().undo()
        if self.cancelled:   # QUndoStack drops a command that is obsolete after its undo
            self.setObsolete(True)

    def _redo(self) -> None:
        self._set_all(self.new)

    def _undo(self) -> None:
        self._set_all(self.old)


class SetProperty(DocCommand):
    """Set one property on one or more elements (the generic edit; captures old values).

    ``values`` maps element id → new value. Commands with the same non-None ``merge_key`` merge,
    keeping the first old values and the last new ones.
    """

    def __init__(self, doc: Document, values: dict[str, Any], prop: str, merge_key: Any = None,
                 text: str | None = None) -> None:
        self.prop = prop
        self.new = dict(values)
        self.old: dict[str, Any] = {}
        for i in self.new:
            el = doc.get(i)
            if el is None:
                raise KeyError(f"no element with id {i!r}")
            self.old[i] = getattr(el, prop)
        if text is None:
            text = tr("Change %1").replace("%1", tr(PROPERTY_NAMES.get(prop, prop)))
        super().__init__(doc, text)
        self.merge_key = merge_key

    @classmethod
    def single(cls, doc: Document, element_id: str, prop: str, value: Any, **kw: Any) -> "SetProperty":
        return cls(doc, {element_id: value}, prop, **kw)

    def id(self) -> int:  # noqa: A003
        return MERGE_PROPERTY if self.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802
        if (not isinstance(other, SetProperty) or other.merge_key != self.merge_key
                or other.prop != self.prop or set(other.new) != set(self.new)):
            return False
        self.new = dict(other.new)
        return True

    def _redo(self) -> None:
        for i, v in self.new.items():
            self.doc.set_property(i, self.prop, v)

    def _undo(self) -> None:
        for i, v in self.old.items():
            self.doc.set_property(i, self.prop, v)


class SetStyle(SetProperty):
    """Change one TextStyle field (font, size, bold, colour…) on every paragraph of text boxes."""

    def __init__(self, doc: Document, ids: Iterable[str], field: str, value: Any, merge_key: Any = None) -> None:
        values = {}
        for i in ids:
            el = doc.get(i)
            if not isinstance(el, TextBox):   # only text boxes have paragraphs to restyle
                continue
            values[i] = tuple(p.restyled(field, value) for p in el.paragraphs)
        super().__init__(doc, values, "paragraphs", merge_key=merge_key,
                         text=tr("Change %1").replace("%1", tr(PROPERTY_NAMES.get(field, field))))
        self.field = field

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802
        return isinstance(other, SetStyle) and other.field == self.field and super().mergeWith(other)


class EditText(SetProperty):
    """Replace a text box's text (keeping paragraph styles). Typing bursts merge by ``merge_key``."""

    def __init__(self, doc: Document, element_id: str, text: str, merge_key: Any = None,
                 label: str | None = None, edit: tuple[int, int, str] | None = None) -> None:
        el = doc.get(element_id)
        # ``edit`` (start, end, inserted text) places the change exactly, so character runs
        # follow it (typing after a bold word stays bold); without it the edit is inferred
        paras = el.edited(*edit) if edit is not None else el.paragraphs_for_text(text)
        super().__init__(doc, {element_id: paras}, "paragraphs",
                         merge_key=merge_key, text=label or tr("Typing"))

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802
        return isinstance(other, EditText) and super().mergeWith(other)


class Reorder(DocCommand):
    """Change z-order: ``where`` is "front", "back", "raise" or "lower"."""

    LABELS = {"front": "Bring to Front", "back": "Send to Back", "raise": "Bring Forward",
              "lower": "Send Backward"}

    def __init__(self, doc: Document, ids: Iterable[str], where: str) -> None:
        if where not in self.LABELS:
            raise ValueError(f"unknown z-order move {where!r}")
        super().__init__(doc, tr(self.LABELS[where]))
        self.ids = list(ids)
        self.where = where
        self._old: dict[str, int] = {}

    def _redo(self) -> None:
        self._old = {}
        for i in self.ids:
            side, _ = self.doc.find(i)
            self._old[i] = side.index_of(i)
        # keep the selection's own stacking order: bottom-most first to the front, top-most
        # first to the back; one step up (down) passes the next unselected element, so a
        # selection (a group) moves as a block and stops at the top (bottom)
        step = {"raise": 1, "lower": -1}.get(self.where)
        order = sorted(self.ids, key=lambda i: self._old[i], reverse=self.where in ("back", "raise"))
        chosen = set(self.ids)
        for i in order:
            side, _ = self.doc.find(i)
            cur = side.index_of(i)
            n = len(side.elements)
            if step is None:
                self.doc.reorder(i, n - 1 if self.where == "front" else 0)
            elif 0 <= cur + step < n and side.elements[cur + step].id not in chosen:
                self.doc.reorder(i, cur + step)

    def _undo(self) -> None:
        for i, index in sorted(self._old.items(), key=lambda kv: kv[1]):
            self.doc.reorder(i, index)


class SetSideProperty(DocCommand):
    """Background colour or image of one side."""

    def __init__(self, doc: Document, side: str, prop: str, value: Any) -> None:
        super().__init__(doc, tr("Change %1").replace("%1", tr(PROPERTY_NAMES.get(prop, prop))))
        self.side, self.prop, self.value = side, prop, value
        self.old = getattr(doc.side(side), prop)

    def _redo(self) -> None:
        self.doc.set_side_property(self.side, self.prop, self.value)

    def _undo(self) -> None:
        self.doc.set_side_property(self.side, self.prop, self.old)


class SetSpec(DocCommand):
    """Change the card's size, orientation, bleed or number of sides."""

    def __init__(self, doc: Document, spec, text: str | None = None) -> None:
        super().__init__(doc, text or tr("Change Card Setup"))
        self.new = spec
        self.old = doc.spec

    def _redo(self) -> None:
        self.doc.set_spec(self.new)

    def _undo(self) -> None:
        self.doc.set_spec(self.old)


def user_guides(doc: Document) -> tuple[list[float], list[float]]:
    """The ruler guides saved in the project: (vertical guides' x, horizontal guides' y), points."""
    raw = doc.settings.get("guides") or {}
    out: list[list[float]] = []
    for key in ("x", "y"):
        vals = raw.get(key, []) if isinstance(raw, dict) else []
        clean = []
        for v in vals if isinstance(vals, list) else []:
            try:
                f = float(v)
            except (TypeError, ValueError):
                continue
            if -10000 < f < 10000:
                clean.append(f)
        out.append(sorted(clean))
    return out[0], out[1]


class SetGuides(DocCommand):
    """Add, move or remove ruler guides (saved in the project's settings)."""

    def __init__(self, doc: Document, xs: list[float], ys: list[float], text: str) -> None:
        super().__init__(doc, text)
        self.new = {"x": sorted(round(v, 3) for v in xs), "y": sorted(round(v, 3) for v in ys)}
        self.old = doc.settings.get("guides")

    def _redo(self) -> None:
        self.doc.set_setting("guides", self.new)

    def _undo(self) -> None:
        self.doc.set_setting("guides", self.old)


class SetBrandColors(DocCommand):
    def __init__(self, doc: Document, colors: list) -> None:
        super().__init__(doc, tr("Change Brand Colours"))
        self.new = list(colors)
        self.old = list(doc.brand_colors)

    def _redo(self) -> None:
        self.doc.set_brand_colors(self.new)

    def _undo(self) -> None:
        self.doc.set_brand_colors(self.old)


class GroupElements(DocCommand):
    """Put elements (and the other members of any group they are in) into one new group, so
    they select, move, align and delete as one. Groups do not nest: grouping groups merges
    them. A group another one took all but one member from is dissolved."""

    def __init__(self, doc: Document, ids: Iterable[str]) -> None:
        self.ids = doc.with_groups(list(ids))
        super().__init__(doc, tr("Group %1").replace("%1", elements_label(doc, self.ids)))
        self.group_id = new_id()
        self._old: dict[str, str] = {}

    def _redo(self) -> None:
        self._old = self.doc.set_group(self.ids, self.group_id)
        for i, g in self.doc.set_group(self.doc.lone_group_members(), "").items():
            self._old.setdefault(i, g)

    def _undo(self) -> None:
        for i, g in self._old.items():
            self.doc.set_property(i, "group", g)
        self._old = {}


class UngroupElements(DocCommand):
    """Take every group that ``ids`` touch apart (the members stay where they are)."""

    def __init__(self, doc: Document, ids: Iterable[str]) -> None:
        self.ids = [i for i in doc.with_groups(list(ids)) if doc.get(i).group]
        super().__init__(doc, tr("Ungroup %1").replace("%1", elements_label(doc, self.ids)))
        self._old: dict[str, str] = {}

    def _redo(self) -> None:
        self._old = self.doc.set_group(self.ids, "")

    def _undo(self) -> None:
        for i, g in self._old.items():
            self.doc.set_property(i, "group", g)
        self._old = {}


def _index(doc: Document) -> dict[str, tuple[str, Element]]:
    """id → (side name, element) for every element, in one pass (selections can be large)."""
    return {el.id: (side, el) for side in ("front", "back") for el in doc.side(side).elements}


def group_command(doc: Document, ids: list[str]) -> GroupElements | None:
    """Group the selection, or None when it would not change anything (fewer than two
    elements, or exactly one whole group already) or spans both sides."""
    ids = doc.with_groups(ids)
    if len(ids) < 2:
        return None
    index = _index(doc)
    found = [index[i] for i in ids]
    groups = {el.group for _, el in found}
    if len(groups) == 1 and found[0][1].group:
        return None
    if len({side for side, _ in found}) > 1:
        return None
    return GroupElements(doc, ids)


def ungroup_command(doc: Document, ids: list[str]) -> UngroupElements | None:
    """Ungroup the groups in the selection, or None when nothing in it is grouped."""
    if not any(e is not None and e.group for e in (doc.get(i) for i in ids)):
        return None
    return UngroupElements(doc, ids)


def arrange_units(doc: Document, ids: list[str]) -> list[tuple[list[Element], "object"]]:
    """What align and distribute move: each group as one unit, each other element alone.
    Returns [(members, bounds)] for the unlocked elements of ``ids``, in first-seen order;
    ``bounds`` is the union of the members' rotated bounding boxes."""
    units: dict[str, list[Element]] = {}
    index = _index(doc)
    for e in (index[i][1] if i in index else None for i in ids):
        if e is None or e.locked:
            continue
        units.setdefault(e.group or e.id, []).append(e)
    out = []
    for members in units.values():
        box = members[0].bounds
        for m in members[1:]:
            box = box.union(m.bounds)
        out.append((members, box))
    return out


# --- arrangement helpers: compute positions, then one MoveElements named for the Edit menu --------
def align_positions(doc: Document, ids: list[str], how: str, card_rect=None) -> dict[str, tuple[float, float]]:
    """New top-left positions aligning ``ids`` by ``how`` (left/hcenter/right/top/vcenter/bottom).

    A group aligns as one unit by its bounding box (its members keep their places within
    it). With two or more units they align to the selection's bounds; a single unit aligns
    to ``card_rect`` (the trim), as in most design tools.
    """
    units = arrange_units(doc, ids)
    if not units:
        return {}
    if len(units) == 1 and card_rect is not None:
        L, T, R, B = card_rect.x, card_rect.y, card_rect.x + card_rect.w, card_rect.y + card_rect.h
    else:
        L = min(b.left for _, b in units)
        T = min(b.top for _, b in units)
        R = max(b.right for _, b in units)
        B = max(b.bottom for _, b in units)
    out = {}
    for members, b in units:
        dx = dy = 0.0
        if how == "left":
            dx = L - b.left
        elif how == "right":
            dx = R - b.right
        elif how == "hcenter":
            dx = (L + R) / 2 - (b.left + b.w / 2)
        elif how == "top":
            dy = T - b.top
        elif how == "bottom":
            dy = B - b.bottom
        elif how == "vcenter":
            dy = (T + B) / 2 - (b.top + b.h / 2)
        else:
            raise ValueError(f"unknown alignment {how!r}")
        for e in members:
            out[e.id] = (e.x + dx, e.y + dy)
    return out


def distribute_positions(doc: Document, ids: list[str], axis: str) -> dict[str, tuple[float, float]]:
    """Equal gaps between three or more units (groups count as one) along ``axis`` ("h" or
    "v"); the end units stay put."""
    units = arrange_units(doc, ids)
    if len(units) < 3:
        return {}
    across = axis == "h"

    def start(b) -> float:
        return b.left if across else b.top

    def size(b) -> float:
        return b.w if across else b.h

    units.sort(key=lambda u: start(u[1]))
    last = units[-1][1]
    span = start(last) + size(last) - start(units[0][1])
    gap = (span - sum(size(b) for _, b in units)) / (len(units) - 1)
    pos = start(units[0][1])
    out = {}
    for members, b in units:
        d = pos - start(b)
        for e in members:
            out[e.id] = (e.x + d, e.y) if across else (e.x, e.y + d)
        pos += size(b) + gap
    return out


ALIGN_LABELS = {"left": "Align Left", "hcenter": "Align Centres", "right": "Align Right",
                "top": "Align Top", "vcenter": "Align Middles", "bottom": "Align Bottom"}


def align_command(doc: Document, ids: list[str], how: str, card_rect=None) -> MoveElements | None:
    pos = align_positions(doc, ids, how, card_rect)
    return MoveElements(doc, pos, text=tr(ALIGN_LABELS[how])) if pos else None


def distribute_command(doc: Document, ids: list[str], axis: str) -> MoveElements | None:
    pos = distribute_positions(doc, ids, axis)
    label = "Distribute Horizontally" if axis == "h" else "Distribute Vertically"
    return MoveElements(doc, pos, text=tr(label)) if pos else None


def duplicate_command(doc: Document, ids: list[str], offset: float = 8.0) -> AddElements | None:
    """Copies with fresh ids, offset down-right, stacked on top of their side."""
    found = [doc.find(i) for i in ids if doc.get(i) is not None]
    if not found:
        return None
    side = found[0][0].name
    copies = []
    for s, el in found:
        if s.name != side:
            continue
        c = el.copy()
        c.x += offset
        c.y += offset
        c.locked = False
        copies.append(c)
    fresh_groups(copies)   # a duplicated group is a new group beside the original
    label = tr("Duplicate %1").replace("%1", elements_label(doc, [e.id for _, e in found]))
    return AddElements(doc, side, copies, text=label)


def lock_command(doc: Document, ids: list[str]) -> SetProperty | None:
    """Lock all if any is unlocked, else unlock all."""
    els = [doc.get(i) for i in ids if doc.get(i) is not None]
    if not els:
        return None
    lock = any(not e.locked for e in els)
    return SetProperty(doc, {e.id: lock for e in els}, "locked",
                       text=tr("Lock %1" if lock else "Unlock %1").replace("%1", elements_label(doc, ids)))


class IgnoreFinding(QUndoCommand):
    """*Ignore once*: ignore one finding at one place, with a reason (stored in the document's
    ignores, saved with the project; the card's verdict leaves that occurrence out)."""

    def __init__(self, doc: Document, ignore: Ignore) -> None:
        super().__init__(tr("Ignore %1").replace("%1", ignore.rule))
        self.doc = doc
        self.ignore = ignore

    def redo(self) -> None:
        self.doc.add_ignore(self.ignore)

    def undo(self) -> None:
        if self.ignore in self.doc.ignores:
            self.doc.remove_ignore(self.ignore)
