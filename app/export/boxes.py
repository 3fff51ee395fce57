"""Page geometry of an exported card: MediaBox, BleedBox, TrimBox in PDF points (y up).

MediaBox = trim + 2 × (bleed + slug). The slug is zero unless crop marks are on, in which
case it leaves room for marks that start ``MARK_GAP`` outside the bleed and run
``MARK_LENGTH`` long (research/print.md §1.2, §2.1: a 4×6 in card with 0.125 in bleed and
marks gives MediaBox [0 0 342 486], BleedBox [18 18 324 468], TrimBox [27 27 315 459]).
"""
from __future__ import annotations

from dataclasses import dataclass

Box = tuple[float, float, float, float]

MARK_GAP = 3.0       #: pt between the bleed edge and the start of a crop mark
MARK_LENGTH = 12.0   #: pt, length of each crop mark
MARK_WIDTH = 0.25    #: pt, stroke weight of crop marks
SLUG_MARGIN = 3.0    #: pt of blank media beyond the end of each mark


def _r(v: float) -> float:
    """Round to 1/1000 pt so boxes compare exactly after a PDF round trip."""
    return round(v, 3)


@dataclass(frozen=True)
class PageBoxes:
    """Where the trim sits on the exported page. All values in points."""

    trim_w: float
    trim_h: float
    bleed: float
    crop_marks: bool = False

    @property
    def mark_offset(self) -> float:
        """Distance from the trim edge to where a crop mark starts (outside the bleed)."""
        return self.bleed + MARK_GAP

    @property
    def margin(self) -> float:
        """Distance from the media edge to the trim edge (bleed + slug)."""
        if not self.crop_marks:
            return self.bleed
        return self.mark_offset + MARK_LENGTH + SLUG_MARGIN

    @property
    def media_size(self) -> tuple[float, float]:
        return (_r(self.trim_w + 2 * self.margin), _r(self.trim_h + 2 * self.margin))

    @property
    def trim_box(self) -> Box:
        s = self.margin
        return (_r(s), _r(s), _r(s + self.trim_w), _r(s + self.trim_h))

    @property
    def bleed_box(self) -> Box:
        s, b = self.margin, self.bleed
        return (_r(s - b), _r(s - b), _r(s + self.trim_w + b), _r(s + self.trim_h + b))

    @property
    def media_box(self) -> Box:
        w, h = self.media_size
        return (0.0, 0.0, w, h)

    def to_pdf(self, x: float, y: float) -> tuple[float, float]:
        """A model point (origin top-left of the trim, y down) in page coordinates (y up)."""
        return (self.margin + x, self.margin + self.trim_h - y)

    def crop_mark_lines(self) -> list[tuple[float, float, float, float]]:
        """The eight crop-mark segments (x0, y0, x1, y1) in page coordinates, all outside the BleedBox."""
        x0, y0, x1, y1 = self.trim_box
        off, ln = self.mark_offset, MARK_LENGTH
        lines = []
        for x in (x0, x1):  # vertical marks above and below, aligned with the trim's vertical edges
            lines.append((x, y0 - off, x, y0 - off - ln))
            lines.append((x, y1 + off, x, y1 + off + ln))
        for y in (y0, y1):  # horizontal marks left and right, aligned with the horizontal edges
            lines.append((x0 - off, y, x0 - off - ln, y))
            lines.append((x1 + off, y, x1 + off + ln, y))
        return [tuple(_r(v) for v in line) for line in lines]  # type: ignore[misc]
