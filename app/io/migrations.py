"""Schema versions of document.json and one migration function per version step.

A migration takes the parsed document.json body of version N and returns the body of
version N + 1. It is pure (no I/O) and never drops user content.

Version 1 (Cardwise 0.0.x, no longer written)::

    {"schema_version": 1,
     "card": {"width": pt, "height": pt, "bleed": pt, "safe": pt, "double_sided": bool},
     "front": {"background": "#rrggbb" | null, "elements": [...]},
     "back":  {...} | null,
     "assets": [{"id", "name", "mime", "width_px", "height_px"}],
     "fonts": [...], "title": str}
    text:  {"type": "text", "id", "x", "y", "w", "h", "text": "one string\\nwith breaks",
            "font": family, "size": pt, "bold", "italic", "color": "#rrggbb", "align"}
    rect:  {"type": "rect", ..., "fill": "#hex"|null, "stroke": "#hex"|null, "stroke_width",
            "radius"}
    line:  {"type": "line", "x1", "y1", "x2", "y2", "color": "#hex", "width"}
    qr:    {"type": "qr", ..., "data": str, "ec": "L|M|Q|H", "color": "#hex"}
    image: {"type": "image", ..., "asset": id, "fit": "fill|fit|stretch"}

Version 2: colours are CMYK objects (``{"cmyk": [c, m, y, k]}``), text is a list
of styled paragraphs, sides are a list, see app.model.document.Document.to_dict.

Version 3 (current): a text paragraph may carry character ``runs`` that override its style
for part of its text (``{"start", "end", "bold"?, "italic"?, "underline"?, "font_family"?,
"size_pt"?, "color"?}``, offsets into the paragraph's text; see app.model.elements.Run).
Written only when a paragraph has runs, so a card without them reads the same as before; the
version step keeps a Cardwise that knows no runs from opening such a card and dropping them.
"""
from __future__ import annotations

from typing import Any, Callable

from app.errors import ProjectFileError, brief
from app.model.color import Color

CURRENT_SCHEMA = 3


def _hex(value: Any, default: str | None = None) -> dict | None:
    if value is None:
        value = default
    if value is None:
        return None
    try:
        return Color.from_hex(str(value)).to_dict()
    except ValueError as e:
        raise ProjectFileError(f"version 1 colour {brief(value)} cannot be read: {e}") from None


def _base(el: dict, kind: str) -> dict:
    return {"kind": kind, "id": str(el["id"]), "name": str(el.get("name", "")),
            "x": float(el.get("x", 0)), "y": float(el.get("y", 0)),
            "w": float(el.get("w", 10)), "h": float(el.get("h", 10)),
            "rotation": float(el.get("rotation", 0)), "locked": bool(el.get("locked", False))}


def _v1_element(el: dict) -> dict:
    t = el.get("type")
    if t == "text":
        style = {"font_family": el.get("font", "Bitstream Vera Sans"),
                 "size_pt": float(el.get("size", 10)), "bold": bool(el.get("bold", False)),
                 "italic": bool(el.get("italic", False)), "color": _hex(el.get("color"), "#000000"),
                 "align": el.get("align", "left"), "line_spacing": 1.2}
        text = str(el.get("text", "")).replace("\r\n", "\n")
        d = _base(el, "text")
        d.update(paragraphs=[{"text": p, "style": dict(style)} for p in text.split("\n")],
                 valign="top", padding=0.0, fill=None)
        return d
    if t == "rect":
        d = _base(el, "rect")
        d.update(fill=_hex(el.get("fill")), stroke=_hex(el.get("stroke")),
                 stroke_width=float(el.get("stroke_width", 1.0)),
                 corner_radius=float(el.get("radius", 0.0)))
        return d
    if t == "line":
        x1, y1 = float(el.get("x1", 0)), float(el.get("y1", 0))
        x2, y2 = float(el.get("x2", 0)), float(el.get("y2", 0))
        d = _base({**el, "x": x1, "y": y1, "w": x2 - x1, "h": y2 - y1}, "line")
        d.update(stroke=_hex(el.get("color"), "#000000"), stroke_width=float(el.get("width", 1.0)))
        return d
    if t == "qr":
        d = _base(el, "qr")
        d.update(payload=str(el.get("data", "")), error=str(el.get("ec", "M")),
                 fg=_hex(el.get("color"), "#000000"), bg=_hex("#ffffff"), quiet_zone=4)
        return d
    if t == "image":
        d = _base(el, "image")
        d.update(asset_id=str(el.get("asset", "")), fit=el.get("fit", "fill"), crop=None)
        return d
    raise ProjectFileError(f"version 1 element type {brief(t)} is unknown")


def migrate_1_to_2(doc: dict[str, Any]) -> dict[str, Any]:
    """RGB hex colours → CMYK; single text string → paragraphs; front/back → sides list."""
    try:
        card = doc["card"]
        sides = []
        for name in ("front", "back"):
            s = doc.get(name)
            if s is None:
                continue
            sides.append({"name": name, "background": _hex(s.get("background")),
                          "background_image": None,
                          "elements": [_v1_element(e) for e in s.get("elements", [])]})
        return {
            "schema_version": 2,
            "document": {
                "spec": {"width": float(card["width"]), "height": float(card["height"]),
                         "bleed": float(card.get("bleed", 8.5039)),
                         "safe": float(card.get("safe", 8.5039)),
                         "sides": 2 if card.get("double_sided", doc.get("back") is not None) else 1},
                "sides": sides,
                "assets": [{**a, "dpi": None} for a in doc.get("assets", [])],
                "fonts": list(doc.get("fonts", [])),
                "brand_colors": [],
                "ignores": [],
                "settings": {"profile": "amazon"},
                "metadata": {"title": str(doc.get("title", ""))},
            },
        }
    except (KeyError, TypeError, ValueError, AttributeError) as e:
        raise ProjectFileError(f"version 1 project cannot be upgraded: {type(e).__name__} {e}") from None


def migrate_2_to_3(doc: dict[str, Any]) -> dict[str, Any]:
    """Paragraph runs arrive. Version 2 had none: a ``runs`` key in a version 2 paragraph was
    ignored when it was read, so it is dropped here (the card keeps the look it had)."""
    try:
        body = doc["document"]
        if not isinstance(body, dict):
            raise TypeError("document is not an object")
        sides = []
        for side in body.get("sides", []):
            if isinstance(side, dict) and isinstance(side.get("elements"), list):
                side = {**side, "elements": [_v2_element(e) for e in side["elements"]]}
            sides.append(side)
        out = {k: v for k, v in doc.items() if k != "document"}
        out["document"] = {**body, "sides": sides} if "sides" in body else dict(body)
        out["schema_version"] = 3
        return out
    except (KeyError, TypeError) as e:
        raise ProjectFileError(f"version 2 project cannot be upgraded: {type(e).__name__} {e}") from None


def _v2_element(el: Any) -> Any:
    if not (isinstance(el, dict) and el.get("kind") == "text" and isinstance(el.get("paragraphs"), list)):
        return el
    return {**el, "paragraphs": [{k: v for k, v in p.items() if k != "runs"} if isinstance(p, dict) else p
                                 for p in el["paragraphs"]]}


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {
    1: migrate_1_to_2,
    2: migrate_2_to_3,
}


def upgrade(body: dict[str, Any]) -> tuple[dict[str, Any], int]:
    """Apply migrations until the body is CURRENT_SCHEMA; returns (body, version read)."""
    version = body.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ProjectFileError(f"document.json has no valid schema_version (found {brief(version)})")
    if version > CURRENT_SCHEMA:
        raise ProjectFileError(
            f"this project was saved by a newer Cardwise (schema {version}; this version reads "
            f"up to {CURRENT_SCHEMA}); update Cardwise to open it")
    if version < 1:
        raise ProjectFileError(f"schema_version {version} is not a Cardwise schema")
    read = version
    while version < CURRENT_SCHEMA:
        body = MIGRATIONS[version](body)
        if body.get("schema_version") != version + 1:
            raise ProjectFileError(f"migration from schema {version} did not produce {version + 1}")
        version += 1
    return body, read
