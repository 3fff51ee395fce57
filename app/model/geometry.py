"""Card geometry: trim size, bleed, safe margin, sides.

All lengths are points. The origin is the top-left corner of the **trim**, y points down,
so the bleed area has negative coordinates: ``bleed_rect = (-bleed, -bleed, w + 2·bleed,
h + 2·bleed)``. Values are validated when a :class:`CardSpec` is built; each error names
the dimension (like a label sheet specification does).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any

from app.errors import InvalidDimension, brief
from app.model.units import Unit, format_length, inch, mm, parse_length

# Limits: what a card printer can cut. Outside these the input is almost certainly a typo.
MIN_TRIM_PT = mm(20)
MAX_TRIM_PT = mm(500)
MAX_BLEED_PT = mm(10)
DEFAULT_BLEED_PT = mm(3)
DEFAULT_SAFE_PT = mm(3)


@dataclass(frozen=True)
class Rect:
    """An axis-aligned rectangle in points (x, y = top-left; y down)."""

    x: float
    y: float
    w: float
    h: float

    @property
    def left(self) -> float:
        return self.x

    @property
    def top(self) -> float:
        return self.y

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def center(self) -> tuple[float, float]:
        return (self.x + self.w / 2, self.y + self.h / 2)

    def inset(self, d: float) -> "Rect":
        """Shrink by ``d`` on every side (negative grows)."""
        return Rect(self.x + d, self.y + d, self.w - 2 * d, self.h - 2 * d)

    def contains_rect(self, other: "Rect", tol: float = 1e-6) -> bool:
        return (other.x >= self.x - tol and other.y >= self.y - tol
                and other.right <= self.right + tol and other.bottom <= self.bottom + tol)

    def contains_point(self, x: float, y: float) -> bool:
        return self.x <= x <= self.right and self.y <= y <= self.bottom

    def intersects(self, other: "Rect") -> bool:
        return not (other.x >= self.right or other.right <= self.x
                    or other.y >= self.bottom or other.bottom <= self.y)

    def union(self, other: "Rect") -> "Rect":
        x0, y0 = min(self.x, other.x), min(self.y, other.y)
        x1, y1 = max(self.right, other.right), max(self.bottom, other.bottom)
        return Rect(x0, y0, x1 - x0, y1 - y0)

    def as_tuple(self) -> tuple[float, float, float, float]:
        return (self.x, self.y, self.w, self.h)


@dataclass(frozen=True)
class SizePreset:
    id: str
    title: str
    title_zh: str
    width: float   # points, portrait (width <= height) except business cards
    height: float


SIZE_PRESETS: dict[str, SizePreset] = {p.id: p for p in (
    SizePreset("4x6in", "Postcard 4 × 6 in", "明信片 4×6 英寸", inch(4), inch(6)),
    SizePreset("5x7in", "Card 5 × 7 in", "卡片 5×7 英寸", inch(5), inch(7)),
    SizePreset("3.5x2in", "Business card 3.5 × 2 in (US)", "名片 3.5×2 英寸（美国）", inch(3.5), inch(2)),
    SizePreset("85x55mm", "Business card 85 × 55 mm (EU)", "名片 85×55 毫米（欧洲）", mm(85), mm(55)),
    SizePreset("a6", "A6 (105 × 148 mm)", "A6（105×148 毫米）", mm(105), mm(148)),
    SizePreset("a7", "A7 (74 × 105 mm)", "A7（74×105 毫米）", mm(74), mm(105)),
)}

BLEED_PRESETS: dict[str, float] = {
    "3mm": mm(3),        # default; EU/Asian printers
    "0.125in": inch(0.125),  # US printers
    "2mm": mm(2),        # MOO
    "1.5mm": mm(1.5),    # Vistaprint
}


def _check_length(name: str, value: Any, lo: float, hi: float) -> float:
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise InvalidDimension(f"{name}: {brief(value)} is not a number") from None
    if not math.isfinite(v):
        raise InvalidDimension(f"{name}: {brief(value)} is not a finite number")
    if v < lo - 1e-9 or v > hi + 1e-9:
        raise InvalidDimension(
            f"{name} is {format_length(v, Unit.MM)} ({format_length(v, Unit.PT)}); "
            f"it must be between {format_length(lo, Unit.MM)} and {format_length(hi, Unit.MM)}")
    return v


@dataclass(frozen=True)
class CardSpec:
    """Trim size, bleed, safe margin and number of sides (1 or 2) of a card, in points."""

    width: float
    height: float
    bleed: float = DEFAULT_BLEED_PT
    safe: float = DEFAULT_SAFE_PT
    sides: int = 2

    def __post_init__(self) -> None:
        w = _check_length("trim width", self.width, MIN_TRIM_PT, MAX_TRIM_PT)
        h = _check_length("trim height", self.height, MIN_TRIM_PT, MAX_TRIM_PT)
        b = _check_length("bleed", self.bleed, 0.0, MAX_BLEED_PT)
        s = _check_length("safe margin", self.safe, 0.0, min(w, h) / 2 - mm(5))
        if self.sides not in (1, 2) or isinstance(self.sides, bool):
            raise InvalidDimension(f"sides is {brief(self.sides)}; a card has 1 or 2 sides")
        object.__setattr__(self, "width", w)
        object.__setattr__(self, "height", h)
        object.__setattr__(self, "bleed", b)
        object.__setattr__(self, "safe", s)

    # ---- constructors --------------------------------------------------------------------
    @classmethod
    def from_preset(cls, preset: str, orientation: str | None = None, *,
                    bleed: float | str = DEFAULT_BLEED_PT, safe: float | str = DEFAULT_SAFE_PT,
                    sides: int = 2) -> "CardSpec":
        """A preset size ("4x6in", "a6", …) in ``orientation`` ("portrait"/"landscape";
        None keeps the preset's own). ``bleed`` may be a preset name ("0.125in") or points."""
        p = SIZE_PRESETS.get(preset)
        if p is None:
            raise InvalidDimension(f"size preset {brief(preset)} is unknown; choose one of "
                                   + ", ".join(SIZE_PRESETS))
        w, h = p.width, p.height
        if orientation is not None:
            if orientation not in ("portrait", "landscape"):
                raise InvalidDimension(f"orientation {brief(orientation)} must be portrait or landscape")
            if (orientation == "portrait") != (w <= h):
                w, h = h, w
        return cls(w, h, bleed=_bleed_value(bleed), safe=_safe_value(safe), sides=sides)

    @classmethod
    def custom(cls, width: str | float, height: str | float, unit: Unit | str | None = None,
               **kw: Any) -> "CardSpec":
        """CardSpec.custom("100mm", "150mm") or custom(100, 150, "mm")."""
        if "bleed" in kw:
            kw["bleed"] = _bleed_value(kw["bleed"])
        if "safe" in kw:
            kw["safe"] = _safe_value(kw["safe"])
        return cls(parse_length(width, unit, "trim width"), parse_length(height, unit, "trim height"), **kw)

    # ---- derived -------------------------------------------------------------------------
    @property
    def orientation(self) -> str:
        return "portrait" if self.width <= self.height else "landscape"

    @property
    def preset_id(self) -> str:
        """The matching size preset id (either orientation) or "custom"."""
        for p in SIZE_PRESETS.values():
            if ((abs(p.width - self.width) < 0.01 and abs(p.height - self.height) < 0.01)
                    or (abs(p.width - self.height) < 0.01 and abs(p.height - self.width) < 0.01)):
                return p.id
        return "custom"

    def size_title(self, zh: bool = False) -> str:
        """The size as the size box names it: the preset's title ("Postcard 4 × 6 in", the
        same words in either orientation) or "Custom 100 × 150 mm"."""
        preset = SIZE_PRESETS.get(self.preset_id)
        if preset is not None:
            return preset.title_zh if zh else preset.title
        w, h = round(self.width / mm(1), 1), round(self.height / mm(1), 1)
        dims = f"{w:g} × {h:g}"
        return f"自定义 {dims} 毫米" if zh else f"Custom {dims} mm"

    @property
    def bleed_preset_id(self) -> str:
        for k, v in BLEED_PRESETS.items():
            if abs(v - self.bleed) < 0.01:
                return k
        return "custom"

    @property
    def trim_rect(self) -> Rect:
        return Rect(0.0, 0.0, self.width, self.height)

    @property
    def bleed_rect(self) -> Rect:
        return Rect(-self.bleed, -self.bleed, self.width + 2 * self.bleed, self.height + 2 * self.bleed)

    @property
    def safe_rect(self) -> Rect:
        return Rect(self.safe, self.safe, self.width - 2 * self.safe, self.height - 2 * self.safe)

    def rotated(self) -> "CardSpec":
        """The same card in the other orientation."""
        return replace(self, width=self.height, height=self.width)

    def with_(self, **changes: Any) -> "CardSpec":
        """A validated copy with changed fields (bleed/safe accept "3mm"-style strings)."""
        if "bleed" in changes:
            changes["bleed"] = _bleed_value(changes["bleed"])
        if "safe" in changes:
            changes["safe"] = _safe_value(changes["safe"])
        for k in ("width", "height"):
            if isinstance(changes.get(k), str):
                changes[k] = parse_length(changes[k], None, f"trim {k}")
        return replace(self, **changes)

    def describe(self, unit: Unit | str = Unit.MM) -> str:
        """"105 × 148 mm, bleed 3 mm, safe 3 mm, 2 sides"."""
        u = Unit(unit)
        w = format_length(self.width, u).rsplit(" ", 1)[0]
        return (f"{w} × {format_length(self.height, u)}, bleed {format_length(self.bleed, u)}, "
                f"safe {format_length(self.safe, u)}, {self.sides} side{'s' if self.sides == 2 else ''}")

    # ---- serialisation -------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """``{"width": pt, "height": pt, "bleed": pt, "safe": pt, "sides": 1|2}``."""
        return {"width": round(float(self.width), 4), "height": round(float(self.height), 4),
                "bleed": round(float(self.bleed), 4), "safe": round(float(self.safe), 4),
                "sides": self.sides}

    @classmethod
    def from_dict(cls, d: Any) -> "CardSpec":
        if not isinstance(d, dict):
            raise InvalidDimension(f"card spec {brief(d)} is not an object")
        try:
            return cls(d["width"], d["height"], d.get("bleed", DEFAULT_BLEED_PT),
                       d.get("safe", DEFAULT_SAFE_PT), d.get("sides", 2))
        except KeyError as e:
            raise InvalidDimension(f"card spec is missing {brief(e.args[0])}") from None


def _bleed_value(v: float | str) -> float:
    if isinstance(v, str):
        return BLEED_PRESETS[v] if v in BLEED_PRESETS else parse_length(v, None, "bleed")
    return v


def _safe_value(v: float | str) -> float:
    return parse_length(v, None, "safe margin") if isinstance(v, str) else v
