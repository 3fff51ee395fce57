"""Artwork rules (``kind: artwork``): what a card's *pictures* say, which a text check cannot see.

The engine stays free of the designer: a caller describes one side of a card as a list of
:class:`ArtworkShape` (text boxes, images, drawn shapes, with their boxes in points) and
:meth:`checks.Checker.check_artwork` applies every ``artwork`` rule to it. The one rule of
this kind today is the five-star graphic beside review wording (CW206): a shape counts as a
star graphic when it is a text holding only star glyphs (at least ``min_glyphs``), or an
image / drawn shape whose label (element or file name) matches ``label``; it is reported when
it lies within ``distance`` points of a text shape whose text matches ``beside``.

Rule examples use a line syntax, one shape per line, so they run in the rule-example tests::

    text 0,0,200,20: Please leave a review on Amazon.
    [shape 0,30,80,16: five stars]

``KIND X,Y,W,H: CONTENT`` — KIND is ``text``, ``image`` or ``shape``; CONTENT is the text of a
text shape, the label (name) of the others. The ``[marked]`` line is the shape the rule must
report (see :func:`parse_shapes`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Sequence

SHAPE_KINDS = ("text", "image", "shape")

Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class ArtworkShape:
    """One thing drawn on a side: ``bbox`` is (x0, y0, x1, y1) in points; ``label`` the
    element's or image file's name; ``text`` the wording of a text shape."""

    id: str
    kind: str          # "text" | "image" | "shape"
    label: str
    bbox: Box
    text: str = ""


def gap(a: Box, b: Box) -> float:
    """Distance between two boxes (0 when they touch or overlap)."""
    dx = max(b[0] - a[2], a[0] - b[2], 0.0)
    dy = max(b[1] - a[3], a[1] - b[3], 0.0)
    return (dx * dx + dy * dy) ** 0.5


def compile_spec(d: dict[str, Any]) -> dict[str, Any]:
    """The loaded spec of an ``artwork`` rule (raises ValueError with the reason)."""
    glyphs = str(d.get("glyphs") or "")
    if not glyphs:
        raise ValueError("artwork needs 'glyphs' (the characters that draw a star)")
    try:
        label = re.compile(str(d["label"]))
        beside = re.compile(str(d["beside"]))
    except KeyError as exc:
        raise ValueError(f"artwork needs '{exc.args[0]}' (a regular expression)") from None
    except re.error as exc:
        raise ValueError(f"regex does not compile: {exc}") from None
    esc = re.escape(glyphs)
    return {
        "glyphs": glyphs,
        "glyph_line": re.compile(rf"^[\s{esc}*]*[{esc}][\s{esc}*]*$"),
        "min_glyphs": int(d.get("min_glyphs", 3)),
        "label": label,
        "beside": beside,
        "distance": float(d.get("distance", 72.0)),
    }


def is_graphic(spec: dict[str, Any], shape: ArtworkShape) -> bool:
    if shape.kind == "text":
        t = shape.text
        return bool(spec["glyph_line"].match(t)) and sum(t.count(c) for c in spec["glyphs"]) >= spec["min_glyphs"]
    return bool(shape.label and spec["label"].search(shape.label))


def matches(spec: dict[str, Any], shapes: Sequence[ArtworkShape]) -> list[tuple[ArtworkShape, list[str]]]:
    """(graphic, ids of the wording beside it) for each graphic the rule reports."""
    graphics = [s for s in shapes if is_graphic(spec, s)]
    if not graphics:   # the usual card: no picture to judge, no wording to search
        return []
    out = []
    for s in graphics:
        near = [t.id for t in shapes if t.kind == "text" and t.id != s.id
                and gap(s.bbox, t.bbox) <= spec["distance"] and spec["beside"].search(t.text)]
        if near:
            out.append((s, near))
    return out


_LINE = re.compile(r"^\s*(text|image|shape)\s+(-?[\d.]+),(-?[\d.]+),([\d.]+),([\d.]+):\s?(.*)$")


def parse_shapes(text: str) -> list[tuple[ArtworkShape, int, int]]:
    """Shapes described by an example, one per line (see the module docstring), each with
    the (start, end) of its line in ``text``; the shape's id is ``"line<N>"``."""
    out = []
    pos = 0
    for n, line in enumerate(text.split("\n"), start=1):
        start, end = pos, pos + len(line)
        pos = end + 1
        if not line.strip():
            continue
        m = _LINE.match(line)
        if m is None:
            raise ValueError(f"artwork example line {n} {line!r} is not 'KIND X,Y,W,H: CONTENT'")
        kind, x, y, w, h, content = m.groups()
        x0, y0 = float(x), float(y)
        box = (x0, y0, x0 + float(w), y0 + float(h))
        shape = ArtworkShape(f"line{n}", kind, "" if kind == "text" else content, box,
                             content if kind == "text" else "")
        out.append((shape, start, end))
    return out
