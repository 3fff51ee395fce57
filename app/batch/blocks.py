"""Artwork read back the way the card was written: a raster is cut into blocks before OCR.

A proof or a scan of a card is several text boxes laid out in columns and bands (a
coloured side band beside the body, two sides of a card side by side on one proof).
Tesseract reads lines across the whole width, so "Since 2026" in the side band and
"Please leave a review" in the body become one line, and neither sentence survives. The
designer reads a card box by box in reading order (``app.verdict.reading_order``, an
XY-cut over box geometry); this module does the same over pixels: a recursive XY-cut at
*gutters* — runs of rows or columns of one flat colour (paper, a band, a gutter between
two sides) — first into bands (top to bottom), then into columns (left to right). Each
block is read on its own and becomes its own paragraph(s), in that order.

Gaps between lines of one paragraph are short, so a horizontal cut needs a gutter of at
least :data:`MIN_ROW_GAP` of the image height; a vertical cut at least
:data:`MIN_COL_GAP` of its width, and never through a single line of text (a large
headline or CJK text can space its words or characters that wide).
"""
from __future__ import annotations

Box = tuple[int, int, int, int]

#: pixels within this many grey levels of each other count as one flat colour
FLAT_TOLERANCE = 24
#: a horizontal gutter must be at least this share of the image height
MIN_ROW_GAP = 0.03
#: a vertical gutter must be at least this share of the image width
MIN_COL_GAP = 0.02
#: blocks smaller than this many pixels either way hold no readable text
MIN_BLOCK = 8
MAX_DEPTH = 8
#: pixels of margin kept around a block when it is cropped for OCR (glyph edges, descenders)
PAD = 12


def padded(box: Box, size: tuple[int, int], pad: int = PAD) -> Box:
    x0, y0, x1, y1 = box
    return max(0, x0 - pad), max(0, y0 - pad), min(size[0], x1 + pad), min(size[1], y1 + pad)


def text_blocks(grey) -> list[Box]:
    """Blocks (x0, y0, x1, y1) of a greyscale ``PIL.Image``/array in reading order; the whole
    image when it has no gutter. Blocks of one flat colour (nothing drawn) are left out."""
    import numpy as np

    a = np.asarray(grey, dtype=np.int16)
    h, w = a.shape[:2]
    row_gap = max(MIN_BLOCK, int(MIN_ROW_GAP * h))
    col_gap = max(MIN_BLOCK, int(MIN_COL_GAP * w))
    out: list[Box] = []

    def flat(lines) -> "np.ndarray":
        return (lines.max(axis=1) - lines.min(axis=1)) <= FLAT_TOLERANCE

    def cuts(mask, gap: int) -> list[tuple[int, int]]:
        """Spans of non-gutter between gutters of at least ``gap`` (edges trimmed)."""
        spans: list[tuple[int, int]] = []
        n = len(mask)
        start = None
        run = 0
        for i in range(n):
            if mask[i]:
                run += 1
                continue
            if start is None:
                start = i
            elif run >= gap:
                spans.append((start, i - run))
                start = i
            run = 0
        if start is not None:
            spans.append((start, n - run))
        return spans

    def one_line(part) -> bool:
        """No flat row inside the ink: one line of text (its "columns" are words or
        characters spaced wide, e.g. a large headline or CJK), never cut."""
        ink = ~flat(part)
        rows = ink.nonzero()[0]
        return rows.size == 0 or bool(ink[rows[0]:rows[-1] + 1].all())

    def split(x0: int, y0: int, x1: int, y1: int, depth: int) -> None:
        region = a[y0:y1, x0:x1]
        if region.size == 0 or x1 - x0 < MIN_BLOCK or y1 - y0 < MIN_BLOCK:
            return
        if int(region.max()) - int(region.min()) <= FLAT_TOLERANCE:
            return   # nothing drawn here
        if depth < MAX_DEPTH:
            rows = cuts(flat(region), row_gap)
            if len(rows) > 1:
                for r0, r1 in rows:
                    split(x0, y0 + r0, x1, y0 + r1, depth + 1)
                return
            cols = cuts(flat(region.T), col_gap)
            if len(cols) > 1 and not all(one_line(region[:, c0:c1]) for c0, c1 in cols):
                for c0, c1 in cols:
                    split(x0 + c0, y0, x0 + c1, y1, depth + 1)
                return
        out.append((x0, y0, x1, y1))

    split(0, 0, w, h, 0)
    return out or [(0, 0, w, h)]
