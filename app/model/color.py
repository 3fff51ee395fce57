"""Colours: CMYK first, with an optional named spot colour and a derived RGB preview.

Values are fractions 0..1. A spot colour keeps its CMYK equivalent (the "alternate" the PDF
writes for proofs) and a tint; a process colour has ``spot=None`` and ``tint=1``. The
registration colour (spot "All") prints on every plate and is only for crop marks.
The RGB preview is the plain, un-managed formula (r = 255·(1−c)·(1−k)); it is for the
screen only and is never written to a print PDF.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from app.errors import CardwiseError, brief


class ColorError(CardwiseError, ValueError):
    """A colour value outside 0..1 or an unreadable colour string."""


def _check_fraction(name: str, value: float) -> float:
    try:
        value = float(value)
    except (TypeError, ValueError):
        raise ColorError(f"colour {name}: {brief(value)} is not a number") from None
    if not math.isfinite(value) or value < -1e-9 or value > 1 + 1e-9:
        raise ColorError(f"colour {name}: {brief(value)} must be between 0 and 1 (0 % – 100 %)")
    return min(1.0, max(0.0, value))


@dataclass(frozen=True)
class Color:
    """A CMYK colour (fractions 0..1), optionally a named spot colour at ``tint``."""

    c: float = 0.0
    m: float = 0.0
    y: float = 0.0
    k: float = 0.0
    spot: str | None = None
    tint: float = 1.0

    def __post_init__(self) -> None:
        for name in ("c", "m", "y", "k", "tint"):
            object.__setattr__(self, name, _check_fraction(name, getattr(self, name)))
        if self.spot is not None:
            spot = str(self.spot).strip()
            if not spot:
                raise ColorError("colour spot name is empty; use None for a process colour")
            object.__setattr__(self, "spot", spot)

    # ---- constructors -------------------------------------------------------------------
    @classmethod
    def cmyk_percent(cls, c: float, m: float, y: float, k: float, **kw: Any) -> "Color":
        """Color.cmyk_percent(0, 0, 0, 100) == BLACK."""
        return cls(c / 100.0, m / 100.0, y / 100.0, k / 100.0, **kw)

    @classmethod
    def from_rgb(cls, r: int, g: int, b: int) -> "Color":
        """Naive RGB → CMYK (the inverse of the preview formula; pure greys become K only)."""
        rf, gf, bf = (max(0, min(255, int(v))) / 255.0 for v in (r, g, b))
        k = 1.0 - max(rf, gf, bf)
        if k >= 1.0 - 1e-9:
            return cls(0.0, 0.0, 0.0, 1.0)
        c = (1.0 - rf - k) / (1.0 - k)
        m = (1.0 - gf - k) / (1.0 - k)
        y = (1.0 - bf - k) / (1.0 - k)
        return cls(*(round(v, 4) for v in (c, m, y, k)))

    @classmethod
    def from_hex(cls, text: str) -> "Color":
        """"#RRGGBB" or "#RGB" → a CMYK colour via :meth:`from_rgb`."""
        s = str(text).strip()
        if not re.fullmatch(r"#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})", s):
            raise ColorError(f"colour {brief(text)} is not a hex colour like #1A2B3C")
        s = s.lstrip("#")
        if len(s) == 3:
            s = "".join(ch * 2 for ch in s)
        return cls.from_rgb(int(s[0:2], 16), int(s[2:4], 16), int(s[4:6], 16))

    # ---- derived values ------------------------------------------------------------------
    @property
    def cmyk(self) -> tuple[float, float, float, float]:
        """The process values as drawn (tint applied)."""
        t = self.tint
        return (self.c * t, self.m * t, self.y * t, self.k * t)

    @property
    def rgb(self) -> tuple[int, int, int]:
        """Un-managed screen preview, 0..255 per channel."""
        c, m, y, k = self.cmyk
        return (round(255 * (1 - c) * (1 - k)), round(255 * (1 - m) * (1 - k)),
                round(255 * (1 - y) * (1 - k)))

    @property
    def hex(self) -> str:
        """"#rrggbb" of the RGB preview."""
        return "#%02x%02x%02x" % self.rgb

    @property
    def total_ink(self) -> float:
        """Total area coverage in percent (0..400)."""
        return round(sum(self.cmyk) * 100.0, 4)

    @property
    def is_registration(self) -> bool:
        return self.spot == "All"

    @property
    def is_white(self) -> bool:
        return self.spot is None and sum(self.cmyk) <= 1e-9

    @property
    def is_pure_black(self) -> bool:
        """100 % K and nothing else (the only safe black for small text and thin lines)."""
        c, m, y, k = self.cmyk
        return self.spot is None and k >= 0.999 and c + m + y <= 1e-9

    @property
    def luminance(self) -> float:
        """Relative luminance (sRGB formula on the preview), 0 black … 1 white."""
        def lin(v: int) -> float:
            s = v / 255.0
            return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4
        r, g, b = self.rgb
        return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)

    def contrast_ratio(self, other: "Color") -> float:
        """WCAG contrast ratio of the previews (1 … 21)."""
        a, b = sorted((self.luminance, other.luminance), reverse=True)
        return (a + 0.05) / (b + 0.05)

    def label(self) -> str:
        """"C0 M0 Y0 K100" or "PANTONE 186 C 80 %"."""
        if self.spot:
            return f"{self.spot} {round(self.tint * 100)} %" if self.tint < 1 else self.spot
        return "C{} M{} Y{} K{}".format(*(round(v * 100) for v in (self.c, self.m, self.y, self.k)))

    # ---- serialisation -------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """``{"cmyk": [c, m, y, k]}`` plus ``"spot"`` and ``"tint"`` when set."""
        d: dict[str, Any] = {"cmyk": [_r(self.c), _r(self.m), _r(self.y), _r(self.k)]}
        if self.spot is not None:
            d["spot"] = self.spot
        if self.tint != 1.0:
            d["tint"] = _r(self.tint)
        return d

    @classmethod
    def from_dict(cls, d: Any) -> "Color":
        if not isinstance(d, dict) or "cmyk" not in d:
            raise ColorError(f"colour {brief(d)} is not a colour object with a 'cmyk' list")
        cmyk = d["cmyk"]
        if not isinstance(cmyk, (list, tuple)) or len(cmyk) != 4:
            raise ColorError(f"colour cmyk {brief(cmyk)} must list four values")
        return cls(*cmyk, spot=d.get("spot"), tint=d.get("tint", 1.0))


def _r(v: float) -> float:
    """Stable rounding for the project file (no float noise between saves)."""
    return round(float(v), 6)


def color_or_none(d: Any) -> Color | None:
    return None if d is None else Color.from_dict(d)


def dict_or_none(c: Color | None) -> dict[str, Any] | None:
    return None if c is None else c.to_dict()


BLACK = Color(0, 0, 0, 1)
WHITE = Color(0, 0, 0, 0)
RICH_BLACK = Color(0.6, 0.4, 0.4, 1.0)
REGISTRATION = Color(1, 1, 1, 1, spot="All")
