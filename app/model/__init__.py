"""The card document: units, geometry, colour, elements, document, fonts, text layout.

Plain Python (no Qt). Everything is in points, origin top-left of the trim, y down.
"""
from app.model.color import BLACK, REGISTRATION, RICH_BLACK, WHITE, Color
from app.model.document import Asset, Change, Document, Ignore, Side
from app.model.elements import (
    DEFAULT_FONT_FAMILY, Align, Element, Fit, ImageElement, LineElement, Paragraph, QrElement,
    RectElement, TextBox, TextStyle, VAlign,
)
from app.model.geometry import BLEED_PRESETS, SIZE_PRESETS, CardSpec, Rect
from app.model.units import Unit, from_pt, parse_length, to_pt

__all__ = [
    "BLACK", "REGISTRATION", "RICH_BLACK", "WHITE", "Color", "Asset", "Change", "Document",
    "Ignore", "Side", "DEFAULT_FONT_FAMILY", "Align", "Element", "Fit", "ImageElement",
    "LineElement", "Paragraph", "QrElement", "RectElement", "TextBox", "TextStyle", "VAlign",
    "BLEED_PRESETS", "SIZE_PRESETS", "CardSpec", "Rect", "Unit", "from_pt", "parse_length", "to_pt",
]
