"""Resizing a group: its members scaled from the group's old box to a new one. No Qt.

Two ways, as in Canva or Affinity:

* **uniform** (a corner handle): the group scales by one factor about the opposite corner.
  Every member's position and box scale, and so do its type (the size of every paragraph
  and of every run that sets one, paragraph spacing and indents, letter spacing), text
  padding, stroke widths and corner radii: the group looks the same, only bigger or smaller.
* **stretch** (an edge handle, or a group's W or H typed in the properties panel): positions
  and boxes stretch along each axis by its own factor; type sizes and strokes stay, so text
  re-flows in its new box. A QR code stays square: the largest square in its stretched box,
  centred in it.

A rotated member keeps its angle: its centre moves with the box and its own width and
height scale by the x and y factors (exact for a uniform scale, an approximation for a
stretch of a member turned by other than a multiple of 180°).

:func:`dragged_box` turns a handle drag into the new box, kept within :func:`scale_limits`
(no member narrower than :data:`MIN_MEMBER_PT`, no font size outside the model's range),
and :func:`resized_properties` gives the new property values per member, which the
designer applies as one undo step.
"""
from __future__ import annotations

import math
from dataclasses import replace
from typing import Any, Iterable

from app.model.elements import Element, LineElement, Paragraph, QrElement, RectElement, TextBox, TextStyle
from app.model.geometry import Rect

#: the smallest width or height (line: length) a member may be scaled down to, points
MIN_MEMBER_PT = 1.0
#: the smallest width or height of the whole group's box, points
MIN_GROUP_PT = 4.0
#: the model's bounds for values a uniform scale multiplies (TextStyle, RectElement, LineElement)
MIN_FONT_PT, MAX_FONT_PT = 0.5, 1000.0
MAX_STROKE_PT = 100.0
MAX_BOX_PT = 10000.0

CORNERS = ("tl", "tr", "br", "bl")
EDGES = ("t", "r", "b", "l")


def group_bounds(elements: Iterable[Element]) -> Rect:
    """The box around ``elements``: the union of their bounds (rotation included)."""
    box: Rect | None = None
    for e in elements:
        box = e.bounds if box is None else box.union(e.bounds)
    if box is None:
        raise ValueError("a group needs at least one element")
    return box


def _font_sizes(el: TextBox) -> list[float]:
    return [s for p in el.paragraphs
            for s in (p.style.size_pt, *(r.size_pt for r in p.runs if r.size_pt is not None))]


def scale_limits(elements: list[Element], box: Rect, uniform: bool
                 ) -> tuple[tuple[float, float], tuple[float, float]]:
    """((smallest, largest) x factor, (smallest, largest) y factor) ``box`` may be scaled by.

    Shrinking stops before a member gets narrower or lower than :data:`MIN_MEMBER_PT` (a line:
    shorter), the group's box smaller than :data:`MIN_GROUP_PT`, or (uniform) a font size
    below the model's 0.5 pt; growing stops at the model's largest font size and stroke width
    (uniform) and box size. The range always holds 1 (a member already smaller than the
    minimum does not stop the group from staying as it is)."""
    lo = [0.0, 0.0]
    hi = [math.inf, math.inf]
    for axis, extent in enumerate((box.w, box.h)):
        if extent > 0:
            lo[axis] = MIN_GROUP_PT / extent
            hi[axis] = MAX_BOX_PT / extent
    for e in elements:
        if isinstance(e, LineElement):
            continue   # a line's own width or height may be 0: only its length counts (below)
        for axis, extent in enumerate((abs(e.w), abs(e.h))):
            if extent > 0:
                lo[axis] = max(lo[axis], MIN_MEMBER_PT / extent)
    if uniform:
        s_lo, s_hi = max(lo), min(hi)
        for e in elements:
            if isinstance(e, LineElement) and e.length > 0:
                s_lo = max(s_lo, MIN_MEMBER_PT / e.length)
            if isinstance(e, TextBox):
                sizes = _font_sizes(e)
                s_lo = max(s_lo, MIN_FONT_PT / min(sizes))
                s_hi = min(s_hi, MAX_FONT_PT / max(sizes))
            if isinstance(e, (RectElement, LineElement)) and e.stroke_width > 0:
                s_hi = min(s_hi, MAX_STROKE_PT / e.stroke_width)
        s_lo, s_hi = min(s_lo, 1.0), max(s_hi, 1.0)
        return (s_lo, s_hi), (s_lo, s_hi)
    return ((min(lo[0], 1.0), max(hi[0], 1.0)), (min(lo[1], 1.0), max(hi[1], 1.0)))


def _clamp(v: float, lo_hi: tuple[float, float]) -> float:
    return min(max(v, lo_hi[0]), lo_hi[1])


def dragged_box(box: Rect, handle: str, dx: float, dy: float, elements: list[Element]) -> Rect:
    """The group's new box after dragging ``handle`` by (dx, dy) points.

    A corner ("tl", "tr", "br", "bl") scales uniformly about the opposite corner: the factor
    is the drag projected on the box's diagonal, so the pointer need not stay on it. An edge
    ("t", "r", "b", "l") moves that edge only; the opposite edge stays. The factor is kept
    within :func:`scale_limits`, so dragging past the opposite side stops at the minimum
    size rather than flipping the group."""
    if handle not in CORNERS and handle not in EDGES:
        raise ValueError(f"unknown resize handle {handle!r}")
    ex = 1.0 if "r" in handle else -1.0 if "l" in handle else 0.0
    ey = 1.0 if "b" in handle else -1.0 if "t" in handle else 0.0
    left, top, right, bottom = box.left, box.top, box.right, box.bottom
    if handle in CORNERS:
        limits, _ = scale_limits(elements, box, uniform=True)
        vx, vy = ex * box.w, ey * box.h          # anchor (opposite corner) → dragged corner
        norm = vx * vx + vy * vy
        if norm <= 0:
            return box
        s = _clamp(((vx + dx) * vx + (vy + dy) * vy) / norm, limits)
        w, h = box.w * s, box.h * s
        ax = right if ex < 0 else left
        ay = bottom if ey < 0 else top
        return Rect(ax - w if ex < 0 else ax, ay - h if ey < 0 else ay, w, h)
    lim_x, lim_y = scale_limits(elements, box, uniform=False)
    if ex and box.w > 0:
        w = box.w * _clamp((box.w + ex * dx) / box.w, lim_x)
        left, right = (right - w, right) if ex < 0 else (left, left + w)
    if ey and box.h > 0:
        h = box.h * _clamp((box.h + ey * dy) / box.h, lim_y)
        top, bottom = (bottom - h, bottom) if ey < 0 else (top, top + h)
    return Rect(left, top, right - left, bottom - top)


def _scaled_style(st: TextStyle, s: float) -> TextStyle:
    left = min(st.left_indent * s, 1000.0)
    return st.with_(size_pt=_font(st.size_pt * s), space_after=min(st.space_after * s, 500.0),
                    letter_spacing=min(max(st.letter_spacing * s, -20.0), 100.0), left_indent=left,
                    first_indent=min(max(st.first_indent * s, -left), 1000.0))


def _font(size: float) -> float:
    return min(max(round(size, 2), MIN_FONT_PT), MAX_FONT_PT)


def scaled_paragraphs(paragraphs: tuple[Paragraph, ...], s: float) -> tuple[Paragraph, ...]:
    """``paragraphs`` with every size in points multiplied by ``s``: the paragraph's font size,
    spacing and indents, and the size of each run that sets its own (a bigger word stays
    bigger by the same ratio)."""
    out = []
    for p in paragraphs:
        runs = tuple(replace(r, size_pt=_font(r.size_pt * s)) if r.size_pt is not None else r for r in p.runs)
        out.append(Paragraph(p.text, _scaled_style(p.style, s), runs))
    return tuple(out)


def resized_properties(elements: list[Element], old: Rect, new: Rect, uniform: bool
                       ) -> dict[str, dict[str, Any]]:
    """Element id → {property: new value} that take ``elements`` from the box ``old`` to the
    box ``new``: always "x", "y", "w", "h"; for a uniform scale also each text box's
    "paragraphs" and "padding" and each shape's "stroke_width" (and a rectangle's
    "corner_radius"); for a stretch a text box's "padding" where the narrower box needs a
    smaller one. With ``uniform`` the factor is the x factor (``new`` has ``old``'s aspect)."""
    sx = new.w / old.w if old.w > 0 else 1.0
    sy = new.h / old.h if old.h > 0 else 1.0
    if uniform:
        sx = sy = sx if old.w > 0 else sy
    out: dict[str, dict[str, Any]] = {}
    for e in elements:
        cx, cy = e.x + e.w / 2, e.y + e.h / 2      # the centre a rotated member turns about
        ncx, ncy = new.x + (cx - old.x) * sx, new.y + (cy - old.y) * sy
        w, h = e.w * sx, e.h * sy
        if isinstance(e, QrElement) and not uniform:
            w = h = min(w, h)
        props: dict[str, Any] = {"x": ncx - w / 2, "y": ncy - h / 2, "w": w, "h": h}
        if isinstance(e, TextBox):
            if uniform:
                props["paragraphs"] = scaled_paragraphs(e.paragraphs, sx)
                props["padding"] = e.padding * sx
            else:
                props["padding"] = min(e.padding, min(abs(w), abs(h)) / 2)
        elif isinstance(e, (RectElement, LineElement)) and uniform:
            props["stroke_width"] = min(e.stroke_width * sx, MAX_STROKE_PT)
            if isinstance(e, RectElement):
                props["corner_radius"] = e.corner_radius * sx
        out[e.id] = props
    return out


def values_of(element: Element, names: Iterable[str]) -> dict[str, Any]:
    """``element``'s current values of the properties ``names`` (the keys
    :func:`resized_properties` gives): what undoing a resize puts back."""
    return {n: getattr(element, n) for n in names}


def resized_copies(elements: list[Element], old: Rect, new: Rect, uniform: bool) -> list[Element]:
    """Copies of ``elements`` (same ids) with :func:`resized_properties` applied and checked
    (a value the model refuses raises its ElementError) — the group as it would be."""
    props = resized_properties(elements, old, new, uniform)
    out = []
    for e in elements:
        c = e.copy(new_id=False)
        for k, v in props[e.id].items():
            setattr(c, k, v)
        c.validate()
        out.append(c)
    return out
