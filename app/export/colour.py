"""Print colour for reportlab: CMYK, gray and named spots only.

reportlab's built-in ``enforceColorSpace='cmyk'`` turns spot colours (including the /All
registration colour of crop marks) into process CMYK, and ``'sep_cmyk'`` maps rich black to
plain K because it judges neutrality on the RGB approximation (research/print.md §4.3).
:func:`enforce_print_colour` is the callable the canvas gets instead: CMYK and separation
colours pass through untouched, an RGB *gray* becomes a K tint, and anything else is an
:class:`~app.errors.ExportError` — a bug in a drawer must never reach the press as RGB.
"""
from __future__ import annotations

from typing import Any

from reportlab.lib.colors import CMYKColor, CMYKColorSep, Color, toColor

from app.errors import ExportError

#: The registration colour for crop marks: prints on every separation (PDF Separation /All).
REGISTRATION = CMYKColorSep(1, 1, 1, 1, spotName="All", density=1)
BLACK_100K = CMYKColor(0, 0, 0, 1)
PAPER = CMYKColor(0, 0, 0, 0)


def enforce_print_colour(value: Any) -> CMYKColor:
    """reportlab ``enforceColorSpace`` callable: keep CMYK/spot, turn RGB grays into K, refuse RGB."""
    if isinstance(value, CMYKColor):  # CMYKColorSep is a CMYKColor subclass: kept as a spot
        return value
    if isinstance(value, (tuple, list)) and len(value) == 4:
        return CMYKColor(*value)
    colour = toColor(value)
    if isinstance(colour, CMYKColor):
        return colour
    if isinstance(colour, Color) and colour.red == colour.green == colour.blue:
        return CMYKColor(0, 0, 0, 1 - colour.red, alpha=colour.alpha)
    raise ExportError(f"an RGB colour ({value!r}) reached the print PDF; only CMYK, gray and spot colours are allowed")


def _clamp(v: float) -> float:
    return 0.0 if v < 0 else 1.0 if v > 1 else float(v)


def to_reportlab(colour: Any) -> CMYKColor:
    """A model colour (``c, m, y, k`` in 0..1, optional ``spot`` name and ``tint``) as a reportlab colour.

    A spot colour becomes a Separation (``CMYKColorSep``) whose CMYK values are the
    alternate; its tint becomes the separation density.
    """
    c, m, y, k = (_clamp(getattr(colour, a)) for a in ("c", "m", "y", "k"))
    spot = getattr(colour, "spot", None)
    tint = getattr(colour, "tint", 1.0)
    tint = 1.0 if tint is None else _clamp(tint)
    if spot:
        return CMYKColorSep(c, m, y, k, spotName=_spot_name(spot), density=tint)
    if tint != 1.0:
        c, m, y, k = (v * tint for v in (c, m, y, k))
    return CMYKColor(c, m, y, k)


def _spot_name(name: str) -> str:
    """A spot name usable as a PDF name token (reportlab writes it raw into the resource name)."""
    safe = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in name.strip())
    return safe or "Spot"


def total_ink(colour: Any) -> float:
    """Total area coverage of a model colour in percent (C+M+Y+K, tint applied)."""
    tint = getattr(colour, "tint", 1.0)
    tint = 1.0 if tint is None else tint
    return 100.0 * tint * sum(_clamp(getattr(colour, a)) for a in ("c", "m", "y", "k"))
