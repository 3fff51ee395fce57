"""Units of length. The model stores every length in points (1/72 in); these helpers convert
user input ("3mm", "0.125in", "9pt") and display values."""
from __future__ import annotations

import math
import re
from enum import Enum

from app.errors import InvalidDimension

MM_PER_IN = 25.4
PT_PER_IN = 72.0
PT_PER_MM = PT_PER_IN / MM_PER_IN


class Unit(str, Enum):
    MM = "mm"
    IN = "in"
    PT = "pt"

    def __str__(self) -> str:
        return self.value

    @property
    def points(self) -> float:
        """How many points one of this unit is."""
        return _PT_PER_UNIT[self]


_PT_PER_UNIT = {Unit.MM: PT_PER_MM, Unit.IN: PT_PER_IN, Unit.PT: 1.0}

_ALIASES = {
    "mm": Unit.MM, "millimeter": Unit.MM, "millimeters": Unit.MM, "millimetre": Unit.MM,
    "millimetres": Unit.MM, "毫米": Unit.MM,
    "in": Unit.IN, "inch": Unit.IN, "inches": Unit.IN, '"': Unit.IN, "″": Unit.IN,
    "pt": Unit.PT, "pts": Unit.PT, "point": Unit.PT, "points": Unit.PT,
    "cm": None,  # handled specially (10 mm)
}


def to_pt(value: float, unit: Unit | str) -> float:
    """``value`` in ``unit`` → points."""
    return float(value) * Unit(unit).points


def from_pt(points: float, unit: Unit | str) -> float:
    """Points → the same length in ``unit``."""
    return float(points) / Unit(unit).points


def mm(value: float) -> float:
    """Millimetres → points (shorthand used by presets and templates)."""
    return value * PT_PER_MM


def inch(value: float) -> float:
    """Inches → points."""
    return value * PT_PER_IN


_LENGTH_RE = re.compile(r"^\s*([+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+))\s*([a-zA-Z\"″毫米]*)\s*$")


def parse_length(text: str | float | int, default_unit: Unit | str | None = None,
                 what: str = "length") -> float:
    """Parse "3mm", "0.125in", "9pt", "3 mm", "1cm" (or a bare number with
    ``default_unit``) into points. Raises InvalidDimension naming ``what`` otherwise."""
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        if default_unit is None:
            raise InvalidDimension(f"{what}: a bare number needs a unit (mm, in or pt)")
        value = float(text)
        if not math.isfinite(value):
            raise InvalidDimension(f"{what}: {text!r} is not a finite number")
        return to_pt(value, default_unit)
    m = _LENGTH_RE.match(str(text))
    if not m:
        raise InvalidDimension(f"{what}: cannot read {text!r}; write a number with a unit, "
                               f"e.g. 3mm, 0.125in or 9pt")
    number = float(m.group(1).replace(",", "."))
    suffix = m.group(2).lower()
    if not suffix:
        if default_unit is None:
            raise InvalidDimension(f"{what}: {text!r} has no unit; write e.g. 3mm, 0.125in or 9pt")
        return to_pt(number, default_unit)
    if suffix == "cm":
        return to_pt(number * 10.0, Unit.MM)
    unit = _ALIASES.get(suffix)
    if unit is None:
        raise InvalidDimension(f"{what}: unknown unit {m.group(2)!r} in {text!r} (use mm, in or pt)")
    return to_pt(number, unit)


def format_length(points: float, unit: Unit | str, digits: int | None = None) -> str:
    """Points → "3 mm", "0.125 in", "9 pt" (trailing zeros trimmed)."""
    unit = Unit(unit)
    if digits is None:
        digits = {Unit.MM: 2, Unit.IN: 3, Unit.PT: 2}[unit]
    value = round(from_pt(points, unit), digits)
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    return f"{text} {unit.value}"
