"""The card document and its change notifications.

A :class:`Document` holds the card spec, the sides (front, back) with their elements in
z-order (first = bottom), embedded image assets, added fonts, brand colours, ignored
findings, settings and metadata. The designer's scene follows the model through
:meth:`Document.subscribe`; undo commands edit only through the ``Document`` methods, which
return what an undo needs (old value, old index, the removed element)::

    doc = Document.new(CardSpec.from_preset("a6"))
    unsubscribe = doc.subscribe(lambda ch: print(ch.kind, ch.element_id, ch.prop))
    box = doc.add_element("front", TextBox.from_text("Thank you!"))
    old = doc.set_property(box.id, "x", 20.0)      # → Change("element-changed", "front", id, "x")

Serialised shape (``to_dict``, stable key order, no timestamps)::

    {"spec": {...}, "sides": [{"name": "front", "background": {...}|null,
      "background_image": null, "elements": [...]}, ...], "assets": [{"id", "name", "mime",
      "width_px", "height_px", "dpi"}], "fonts": ["file.ttf", ...],
      "brand_colors": [{"name", "color"}], "ignores": [...], "settings": {...}, "metadata": {...}}

Asset and font bytes are stored next to document.json by app.io.project.
"""
from __future__ import annotations

import hashlib
import io
import warnings
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from app.errors import CardwiseError, brief, image_error_text
from app.model.color import Color, color_or_none, dict_or_none
from app.model.elements import Element, ElementError, TextBox
from app.model.geometry import CardSpec

SIDE_NAMES = ("front", "back")
MAX_IMAGE_PIXELS = 120_000_000   # 120 MP: far above any card at 600 dpi, far below a bomb


class AssetError(CardwiseError, ValueError):
    """An image that cannot be embedded (unreadable, unsupported, or too large)."""


# ------------------------------------------------------------------------------- assets
@dataclass(frozen=True)
class Asset:
    """An embedded image. ``id`` is derived from the content (same bytes → same id)."""

    id: str
    name: str
    mime: str
    data: bytes = field(repr=False)
    width_px: int
    height_px: int
    dpi: tuple[float, float] | None = None   # as stored in the file, informational

    @staticmethod
    def content_id(data: bytes) -> str:
        return hashlib.sha256(data).hexdigest()[:16]

    @classmethod
    def from_bytes(cls, data: bytes, name: str) -> "Asset":
        """Read the image header with Pillow (refusing decompression bombs) and build the asset."""
        from PIL import Image

        if not data:
            raise AssetError(f"image {brief(name)} is empty")
        # Pillow's own guard (Image.MAX_IMAGE_PIXELS, global) still applies; ours is stricter
        # and read from the header, before any pixel is decoded. No global is changed, so
        # this is safe to call from several threads.
        try:
            with warnings.catch_warnings():
                # our pixel limit (below) is stricter than Pillow's warning: keep stderr quiet
                warnings.simplefilter("ignore", Image.DecompressionBombWarning)
                im = Image.open(io.BytesIO(data))
            with im:
                fmt = (im.format or "").upper()
                w, h = im.size
                if w * h > MAX_IMAGE_PIXELS:
                    raise AssetError(f"image {brief(name)} is {w}×{h} pixels; more than "
                                     f"{MAX_IMAGE_PIXELS // 1_000_000} MP is refused")
                dpi = im.info.get("dpi")
                im.verify()
        except AssetError:
            raise
        except Image.DecompressionBombError:
            raise AssetError(f"image {brief(name)} is too large to open safely "
                             f"(decompression bomb protection)") from None
        except Exception as e:   # Pillow raises many types for bad data
            raise AssetError(f"image {brief(name)} cannot be read: {image_error_text(e)}") from None
        mime = {"PNG": "image/png", "JPEG": "image/jpeg", "TIFF": "image/tiff",
                "GIF": "image/gif", "BMP": "image/bmp", "WEBP": "image/webp"}.get(fmt)
        if mime is None:
            raise AssetError(f"image {brief(name)} is {fmt or 'an unknown format'}; use PNG, JPEG or TIFF")
        d = None
        if dpi and len(dpi) == 2:
            try:
                d = (round(float(dpi[0]), 3), round(float(dpi[1]), 3))
            except (TypeError, ValueError):
                d = None
        return cls(cls.content_id(data), name, mime, data, w, h, d)

    def meta_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "mime": self.mime, "width_px": self.width_px,
                "height_px": self.height_px, "dpi": list(self.dpi) if self.dpi else None}

    @property
    def filename(self) -> str:
        """Member name inside the project zip (``assets/<id>.<ext>``)."""
        ext = {"image/png": "png", "image/jpeg": "jpg", "image/tiff": "tif", "image/gif": "gif",
               "image/bmp": "bmp", "image/webp": "webp"}.get(self.mime, "bin")
        return f"{self.id}.{ext}"


# ------------------------------------------------------------------------------- ignores
@dataclass(frozen=True)
class Ignore:
    """A compliance finding the user chose to ignore: rule id, where, the matched text."""

    rule: str
    element_id: str
    text: str
    start: int = 0
    reason: str = ""
    created: str = ""     # ISO date given by the caller (the model adds no timestamps)

    def matches(self, rule: str, element_id: str, text: str) -> bool:
        return self.rule == rule and self.element_id == element_id and self.text == text

    def to_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "element_id": self.element_id, "text": self.text,
                "start": self.start, "reason": self.reason, "created": self.created}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Ignore":
        return cls(str(d["rule"]), str(d.get("element_id", "")), str(d.get("text", "")),
                   int(d.get("start", 0)), str(d.get("reason", "")), str(d.get("created", "")))


# ------------------------------------------------------------------------------- sides
@dataclass
class Side:
    """One printed side: background (runs into the bleed) and elements bottom → top."""

    name: str
    background: Color | None = None
    background_image: str | None = None     # asset id, drawn to fill the bleed rect
    elements: list[Element] = field(default_factory=list)

    def index_of(self, element_id: str) -> int:
        for i, el in enumerate(self.elements):
            if el.id == element_id:
                return i
        raise KeyError(element_id)

    def text_boxes(self) -> list[TextBox]:
        return [e for e in self.elements if isinstance(e, TextBox)]

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "background": dict_or_none(self.background),
                "background_image": self.background_image,
                "elements": [e.to_dict() for e in self.elements]}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Side":
        name = d.get("name")
        if name not in SIDE_NAMES:
            raise ElementError(f"side name {brief(name)} must be front or back")
        els = d.get("elements", [])
        if not isinstance(els, list):
            raise ElementError(f"{name} side elements must be a list")
        return cls(name, color_or_none(d.get("background")), d.get("background_image"),
                   [Element.from_dict(e) for e in els])


# ------------------------------------------------------------------------------- changes
@dataclass(frozen=True)
class Change:
    """What changed. ``kind`` is one of:

    element-added, element-removed, element-changed (``prop`` names the property; a move
    reports prop="position"), element-reordered, side-changed (``prop`` = background |
    background_image), spec-changed, assets-changed, fonts-changed, ignores-changed,
    document-changed (``prop`` = brand_colors | settings | metadata, or None = everything,
    e.g. after loading).
    """

    kind: str
    side: str | None = None
    element_id: str | None = None
    prop: str | None = None
    old: Any = None
    new: Any = None


Listener = Callable[[Change], None]


class Document:
    """The card being designed. Edit it through its methods so listeners are told."""

    def __init__(self, spec: CardSpec | None = None) -> None:
        self.spec: CardSpec = spec or CardSpec.from_preset("a6")
        self._sides: dict[str, Side] = {n: Side(n) for n in SIDE_NAMES}
        self.assets: dict[str, Asset] = {}
        self.fonts: dict[str, bytes] = {}          # file name → TTF bytes (added by the user)
        self.brand_colors: list[tuple[str, Color]] = []
        self.ignores: list[Ignore] = []
        self.settings: dict[str, Any] = {"profile": "amazon"}
        self.metadata: dict[str, Any] = {"title": ""}
        self._listeners: list[Listener] = []
        self._batch_depth = 0
        self._batched: list[Change] = []

    @classmethod
    def new(cls, spec: CardSpec | None = None, **meta: Any) -> "Document":
        doc = cls(spec)
        doc.metadata.update(meta)
        return doc

    # ---- notifications ------------------------------------------------------------------
    def subscribe(self, callback: Listener) -> Callable[[], None]:
        """Call ``callback(change)`` after every edit; returns the unsubscribe function."""
        self._listeners.append(callback)

        def unsubscribe() -> None:
            if callback in self._listeners:
                self._listeners.remove(callback)
        return unsubscribe

    def _emit(self, change: Change) -> None:
        if self._batch_depth:
            self._batched.append(change)
            return
        for cb in list(self._listeners):
            cb(change)

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Hold notifications until the block ends, then deliver them in order."""
        self._batch_depth += 1
        try:
            yield
        finally:
            self._batch_depth -= 1
            if not self._batch_depth:
                pending, self._batched = self._batched, []
                for ch in pending:
                    self._emit(ch)

    # ---- sides ------------------------------------------------------------------------------
    @property
    def sides(self) -> list[Side]:
        """The printed sides: [front] or [front, back] per ``spec.sides``. A back side hidden
        by switching to one side keeps its elements (switching back restores them)."""
        return [self._sides[n] for n in SIDE_NAMES[: self.spec.sides]]

    def side(self, name: str) -> Side:
        if name not in self._sides:
            raise KeyError(f"side {brief(name)} must be front or back")
        return self._sides[name]

    @property
    def front(self) -> Side:
        return self._sides["front"]

    @property
    def back(self) -> Side:
        return self._sides["back"]

    def set_side_property(self, side: str, prop: str, value: Any) -> Any:
        """Set ``background`` or ``background_image`` of a side; returns the old value."""
        s = self.side(side)
        if prop not in ("background", "background_image"):
            raise ElementError(f"side property {brief(prop)} is unknown (background, background_image)")
        if prop == "background" and value is not None and not isinstance(value, Color):
            raise ElementError(f"background {brief(value)} is not a Color")
        if prop == "background_image" and value is not None and value not in self.assets:
            raise ElementError(f"background image asset {brief(value)} is not in the document")
        old = getattr(s, prop)
        setattr(s, prop, value)
        self._emit(Change("side-changed", side, None, prop, old, value))
        return old

    def set_spec(self, spec: CardSpec) -> CardSpec:
        """Replace the card spec; returns the old one."""
        if not isinstance(spec, CardSpec):
            raise TypeError("spec must be a CardSpec")
        old, self.spec = self.spec, spec
        self._emit(Change("spec-changed", None, None, None, old, spec))
        return old

    # ---- elements ---------------------------------------------------------------------------
    def elements(self) -> Iterator[tuple[Side, Element]]:
        """Every (side, element) on the printed sides, bottom → top."""
        for s in self.sides:
            for el in s.elements:
                yield s, el

    def find(self, element_id: str) -> tuple[Side, Element]:
        """(side, element) for an id on either side; KeyError if absent."""
        for s in self._sides.values():
            for el in s.elements:
                if el.id == element_id:
                    return s, el
        raise KeyError(f"no element with id {brief(element_id)}")

    def get(self, element_id: str) -> Element | None:
        try:
            return self.find(element_id)[1]
        except KeyError:
            return None

    def add_element(self, side: str, element: Element, index: int | None = None) -> Element:
        """Insert ``element`` on ``side`` at z-index ``index`` (None = on top)."""
        s = self.side(side)
        if self.get(element.id) is not None:
            raise ElementError(f"element id {brief(element.id)} is already in the document")
        element.validate()
        if index is None or index >= len(s.elements):
            index = len(s.elements)
        s.elements.insert(max(0, index), element)
        self._emit(Change("element-added", side, element.id, None, None, index))
        return element

    def remove_element(self, element_id: str) -> tuple[str, int, Element]:
        """Remove it; returns (side name, index, element) so an undo can add it back."""
        s, el = self.find(element_id)
        i = s.index_of(element_id)
        del s.elements[i]
        self._emit(Change("element-removed", s.name, element_id, None, i, None))
        return s.name, i, el

    def set_property(self, element_id: str, prop: str, value: Any) -> Any:
        """Set one property (validated: on error nothing changes); returns the old value."""
        s, el = self.find(element_id)
        if prop not in el.editable_properties():
            raise ElementError(f"{el.describe()} has no property {brief(prop)}")
        old = getattr(el, prop)
        if prop == "paragraphs":
            value = tuple(value)
        setattr(el, prop, value)
        try:
            if hasattr(el, "__post_init__"):
                el.__post_init__()          # normalise enums/tuples
            el.validate()
        except Exception:
            setattr(el, prop, old)
            if hasattr(el, "__post_init__"):
                el.__post_init__()
            raise
        self._emit(Change("element-changed", s.name, element_id, prop, old, getattr(el, prop)))
        return old

    def set_text(self, element_id: str, text: str) -> tuple:
        """Replace a text box's text keeping paragraph styles; returns the old paragraphs."""
        _, el = self.find(element_id)
        if not isinstance(el, TextBox):
            raise ElementError(f"{el.describe()} is not a text box")
        return self.set_property(element_id, "paragraphs", el.paragraphs_for_text(text))

    def move_element(self, element_id: str, x: float, y: float) -> tuple[float, float]:
        """Move the box's top-left to (x, y); returns the old position."""
        s, el = self.find(element_id)
        old = (el.x, el.y)
        el.x, el.y = float(x), float(y)
        try:
            el.validate()
        except Exception:
            el.x, el.y = old
            raise
        self._emit(Change("element-changed", s.name, element_id, "position", old, (el.x, el.y)))
        return old

    def set_geometry(self, element_id: str, x: float, y: float, w: float, h: float
                     ) -> tuple[float, float, float, float]:
        """Move and resize in one step; returns the old (x, y, w, h)."""
        s, el = self.find(element_id)
        old = (el.x, el.y, el.w, el.h)
        el.x, el.y, el.w, el.h = float(x), float(y), float(w), float(h)
        try:
            el.validate()
        except Exception:
            el.x, el.y, el.w, el.h = old
            raise
        self._emit(Change("element-changed", s.name, element_id, "geometry", old, (x, y, w, h)))
        return old

    def reorder(self, element_id: str, index: int) -> int:
        """Move to z-index ``index`` on its side (clamped); returns the old index."""
        s, el = self.find(element_id)
        old = s.index_of(element_id)
        del s.elements[old]
        index = max(0, min(index, len(s.elements)))
        s.elements.insert(index, el)
        self._emit(Change("element-reordered", s.name, element_id, "z", old, index))
        return old

    # ---- groups -----------------------------------------------------------------------------
    def group_members(self, group_id: str) -> list[Element]:
        """The elements of group ``group_id``, bottom → top ([] for "" or an unknown group)."""
        if not group_id:
            return []
        return [el for s in self._sides.values() for el in s.elements if el.group == group_id]

    def with_groups(self, element_ids: list[str]) -> list[str]:
        """``element_ids`` plus every other member of their groups (a group acts as one),
        in the given order, then the added members bottom → top; unknown ids are dropped."""
        by_id = {el.id: el for s in self._sides.values() for el in s.elements}
        out = list(dict.fromkeys(i for i in element_ids if i in by_id))
        groups = {by_id[i].group for i in out if by_id[i].group}
        if groups:
            seen = set(out)
            out += [i for i, el in by_id.items() if el.group in groups and i not in seen]
        return out

    def set_group(self, element_ids: list[str], group_id: str) -> dict[str, str]:
        """Put the elements in group ``group_id`` ("" = take them out of their groups); each
        change is an ``element-changed`` with prop="group". Returns {id: old group} for undo."""
        if not isinstance(group_id, str):
            raise ElementError(f"group id {brief(group_id)} is not text")
        old: dict[str, str] = {}
        for i in element_ids:
            el = self.find(i)[1]
            if el.group != group_id:
                old[i] = self.set_property(i, "group", group_id)
        return old

    def lone_group_members(self) -> list[str]:
        """Ids of elements that are the only member left of their group (after the others
        were deleted): such a group is no group and should be dissolved."""
        members: dict[str, list[str]] = {}
        for s in self._sides.values():
            for el in s.elements:
                if el.group:
                    members.setdefault(el.group, []).append(el.id)
        return [ids[0] for ids in members.values() if len(ids) == 1]

    # ---- assets & fonts ---------------------------------------------------------------------
    def add_asset(self, data: bytes, name: str) -> str:
        """Embed image bytes (deduplicated by content); returns the asset id."""
        aid = Asset.content_id(data)
        if aid in self.assets:
            return aid
        asset = Asset.from_bytes(data, name)
        self.assets[asset.id] = asset
        self._emit(Change("assets-changed", None, None, asset.id, None, asset.id))
        return asset.id

    def used_asset_ids(self) -> set[str]:
        used = set()
        for s in self._sides.values():
            if s.background_image:
                used.add(s.background_image)
            for el in s.elements:
                aid = getattr(el, "asset_id", None)
                if aid:
                    used.add(aid)
        return used

    def add_font(self, data: bytes, filename: str) -> str:
        """Add a TrueType font that travels with the project; returns its family name."""
        from app.model.fonts import font_info   # local: keeps this module light
        info = font_info(data, filename)
        self.fonts[filename] = data
        self._emit(Change("fonts-changed", None, None, filename, None, info.family))
        return info.family

    def remove_font(self, filename: str) -> bytes:
        """Remove an added font; returns its bytes (for undo). Text set in it is then
        reported as using a missing font, never silently substituted."""
        data = self.fonts.pop(filename)
        self._emit(Change("fonts-changed", None, None, filename, filename, None))
        return data

    # ---- ignores, colours, settings -------------------------------------------------------
    def add_ignore(self, ignore: Ignore) -> None:
        self.ignores.append(ignore)
        self._emit(Change("ignores-changed", None, ignore.element_id, None, None, ignore))

    def remove_ignore(self, ignore: Ignore) -> None:
        self.ignores.remove(ignore)
        self._emit(Change("ignores-changed", None, ignore.element_id, None, ignore, None))

    def is_ignored(self, rule: str, element_id: str, text: str) -> bool:
        return any(i.matches(rule, element_id, text) for i in self.ignores)

    def set_brand_colors(self, colors: list[tuple[str, Color]]) -> list[tuple[str, Color]]:
        old, self.brand_colors = self.brand_colors, list(colors)
        self._emit(Change("document-changed", None, None, "brand_colors", old, self.brand_colors))
        return old

    def set_setting(self, key: str, value: Any) -> Any:
        old = self.settings.get(key)
        self.settings[key] = value
        self._emit(Change("document-changed", None, None, "settings", {key: old}, {key: value}))
        return old

    def set_metadata(self, key: str, value: Any) -> Any:
        old = self.metadata.get(key)
        self.metadata[key] = value
        self._emit(Change("document-changed", None, None, "metadata", {key: old}, {key: value}))
        return old

    # ---- serialisation -----------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """The document.json body (without schema version; app.io.project adds it)."""
        sides = [self._sides["front"]]
        back = self._sides["back"]
        if self.spec.sides == 2 or back.elements or back.background or back.background_image:
            sides.append(back)
        return {
            "spec": self.spec.to_dict(),
            "sides": [s.to_dict() for s in sides],
            "assets": [self.assets[k].meta_dict() for k in sorted(self.assets)],
            "fonts": sorted(self.fonts),
            "brand_colors": [{"name": n, "color": c.to_dict()} for n, c in self.brand_colors],
            "ignores": [i.to_dict() for i in self.ignores],
            "settings": dict(sorted(self.settings.items())),
            "metadata": dict(sorted(self.metadata.items())),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any], assets: dict[str, Asset] | None = None,
                  fonts: dict[str, bytes] | None = None) -> "Document":
        """Rebuild from ``to_dict`` output plus the asset/font bytes (checked for references)."""
        doc = cls(CardSpec.from_dict(d.get("spec")))
        doc.assets = dict(assets or {})
        doc.fonts = dict(fonts or {})
        sides = d.get("sides", [])
        if not isinstance(sides, list) or not sides:
            raise ElementError("document has no sides")
        ids: set[str] = set()
        seen_sides: set[str] = set()
        for sd in sides:
            if not isinstance(sd, dict):
                raise ElementError(f"side {brief(sd)} is not an object")
            side = Side.from_dict(sd)
            if side.name in seen_sides:
                raise ElementError(f"the {side.name} side appears twice")
            seen_sides.add(side.name)
            for el in side.elements:
                if el.id in ids:
                    raise ElementError(f"element id {brief(el.id)} appears twice")
                ids.add(el.id)
            doc._sides[side.name] = side
        missing = sorted(a for a in doc.used_asset_ids() if a not in doc.assets)
        if missing:
            raise ElementError(f"image asset(s) {', '.join(missing)} are referenced but missing")
        doc.brand_colors = [(str(b["name"]), Color.from_dict(b["color"]))
                            for b in d.get("brand_colors", [])]
        doc.ignores = [Ignore.from_dict(i) for i in d.get("ignores", [])]
        doc.settings = dict(d.get("settings", {}))
        doc.metadata = dict(d.get("metadata", {}))
        return doc

    def copy(self) -> "Document":
        """An independent copy (listeners are not copied)."""
        return Document.from_dict(self.to_dict(), self.assets, self.fonts)
