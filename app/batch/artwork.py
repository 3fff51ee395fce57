"""What a reader extracts from one artwork file, and how its text is put back together.

Every reader (PDF text layer, OCR, SVG, DOCX, text, ``.cardwise``) produces an
:class:`Artwork`: the text the checker reads, plus *pieces* that tie ranges of that text to a
page and a box (or to a card element), the QR codes found on the artwork, and warnings.

Geometry conventions (also in docs/json-schema.md, ``page``/``bbox``):

* PDF pages: PDF points, origin **bottom-left** (what pdfium reports), ``unit="pt"``.
* Raster images: pixels, origin **top-left**, ``unit="px"``.
* SVG: user units, origin top-left, ``unit="svg"`` (no page boxes are computed for SVG
  text; findings carry the text element's ``id`` as ``element_id`` instead).

Text reconstruction (:func:`build_text`) matters because the checker reasons over sentences:
lines that wrap inside one paragraph are joined with a space ("If you're happy with your
order, / please leave us a review" becomes one sentence), a hyphen at a line end before a
lower-case letter is removed ("re- / view" becomes "review"), and paragraphs — separated by
a vertical gap clearly larger than the line pitch, or by a change of text size — are
separated by a newline.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from statistics import median
from typing import Any, Iterable, Sequence

Box = tuple[float, float, float, float]


def union(boxes: Iterable[Box]) -> Box | None:
    """Smallest box holding all ``boxes`` (``None`` for none)."""
    x0 = y0 = float("inf")
    x1 = y1 = float("-inf")
    seen = False
    for b in boxes:
        seen = True
        x0, y0 = min(x0, b[0]), min(y0, b[1])
        x1, y1 = max(x1, b[2]), max(y1, b[3])
    return (x0, y0, x1, y1) if seen else None


def overlap_ratio(a: Box, b: Box) -> float:
    """Area of ``a ∩ b`` divided by the area of ``a`` (0 when ``a`` is empty)."""
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    area = (a[2] - a[0]) * (a[3] - a[1])
    if w <= 0 or h <= 0 or area <= 0:
        return 0.0
    return (w * h) / area


@dataclass(frozen=True)
class Word:
    """One word as a reader saw it. ``bbox`` is in the page's own units (see module doc)."""

    text: str
    bbox: Box
    confidence: float | None = None  # OCR confidence 0–100; None for a text layer


@dataclass
class Line:
    words: list[Word]

    @property
    def bbox(self) -> Box:
        return union(w.bbox for w in self.words)  # type: ignore[return-value]

    @property
    def height(self) -> float:
        b = self.bbox
        return b[3] - b[1]


@dataclass(frozen=True)
class Piece:
    """A range of :attr:`Artwork.text` located on the artwork."""

    start: int
    end: int
    page: int | None = None
    bbox: Box | None = None
    confidence: float | None = None
    element_id: str | None = None
    source: str = "text"  # "text-layer" | "ocr" | "svg" | "docx" | "card" | "text"


@dataclass(frozen=True)
class PageInfo:
    number: int
    width: float
    height: float
    unit: str  # "pt" | "px" | "svg"
    origin: str  # "bottom-left" | "top-left"
    ocr: bool = False  # the page (or part of it) was read by OCR
    text_layer: bool = False

    def to_dict(self) -> dict:
        return {
            "page": self.number,
            "width": round(self.width, 2),
            "height": round(self.height, 2),
            "unit": self.unit,
            "origin": self.origin,
            "ocr": self.ocr,
            "text_layer": self.text_layer,
        }


@dataclass(frozen=True)
class QrCode:
    payload: str
    page: int | None
    bbox: Box | None
    format: str = "QRCode"
    element_id: str | None = None


@dataclass
class Artwork:
    """Everything a reader got out of one file."""

    path: str
    kind: str  # "text" | "pdf" | "image" | "svg" | "docx" | "card"
    text: str = ""
    pieces: list[Piece] = field(default_factory=list)
    pages: list[PageInfo] = field(default_factory=list)
    qr_codes: list[QrCode] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    low_confidence: list[Piece] = field(default_factory=list)
    ignores: list = field(default_factory=list)  # per-occurrence ignores stored in a .cardwise
    document: Any = None  # a .cardwise project's Document: judged by app.verdict.judge_card
    #: set when only part of the file was read: the reason, e.g. "50 of 100,000 pages read"
    partial: str | None = None


class TextBuilder:
    """Appends text and records where each located run came from."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._len = 0
        self.pieces: list[Piece] = []

    def __len__(self) -> int:
        return self._len

    def add(self, s: str, **where) -> None:
        if not s:
            return
        if where:
            self.pieces.append(Piece(self._len, self._len + len(s), **where))
        self._parts.append(s)
        self._len += len(s)

    def ends_with_newline(self) -> bool:
        return not self._parts or self._parts[-1].endswith("\n")

    def paragraph_break(self) -> None:
        if self._len and not self.ends_with_newline():
            self.add("\n")

    @property
    def text(self) -> str:
        return "".join(self._parts)


def group_paragraphs(lines: Sequence[Line], *, y_down: bool) -> list[list[Line]]:
    """Split lines (in reading order) into paragraphs by vertical gaps and size changes.

    A new paragraph starts when the gap to the previous line is more than 0.6× the typical
    line height beyond the usual pitch, when the text size changes by more than 30 %, or
    when the line is not below the previous one (a new column or block).
    """
    if not lines:
        return []
    heights = [ln.height for ln in lines if ln.height > 0]
    typical = median(heights) if heights else 1.0
    paragraphs: list[list[Line]] = [[lines[0]]]
    for prev, cur in zip(lines, lines[1:]):
        pb, cb = prev.bbox, cur.bbox
        if y_down:
            gap = cb[1] - pb[3]
        else:
            gap = pb[1] - cb[3]
        ph, ch = max(prev.height, 1e-6), max(cur.height, 1e-6)
        size_change = max(ph, ch) / min(ph, ch) > 1.3
        new_para = gap > 0.6 * typical or gap < -0.5 * typical or size_change
        if new_para:
            paragraphs.append([cur])
        else:
            paragraphs[-1].append(cur)
    return paragraphs


def build_text(
    builder: TextBuilder,
    lines: Sequence[Line],
    *,
    page: int,
    y_down: bool,
    source: str,
    low_confidence: float | None = None,
    low_out: list[Piece] | None = None,
) -> None:
    """Append ``lines`` (one page, reading order) to ``builder`` as paragraphs of words.

    Each word becomes a :class:`Piece` with its box; words whose OCR confidence is below
    ``low_confidence`` are kept in the text (never dropped) and also listed in ``low_out``.
    """
    for para in group_paragraphs(lines, y_down=y_down):
        builder.paragraph_break()
        words = [w for ln in para for w in ln.words]
        line_ends = set()
        idx = 0
        for ln in para:
            idx += len(ln.words)
            line_ends.add(idx - 1)
        for i, w in enumerate(words):
            text = w.text
            joiner = " "
            if i in line_ends and text.endswith("-") and len(text) > 1 and i + 1 < len(words) \
                    and words[i + 1].text[:1].islower():
                text = text[:-1]  # "re-" + "view" at a line break
                joiner = ""
            if i + 1 < len(words) and joiner == " " and _cjk(text[-1:]) and _cjk(words[i + 1].text[:1]):
                joiner = ""  # Chinese/Japanese words are written without spaces
            builder.add(text, page=page, bbox=w.bbox, confidence=w.confidence, source=source)
            if low_out is not None and low_confidence is not None and w.confidence is not None \
                    and w.confidence < low_confidence and any(ch.isalnum() for ch in w.text):
                low_out.append(builder.pieces[-1])
            if i + 1 < len(words):
                builder.add(joiner)
    builder.paragraph_break()


def _cjk(ch: str) -> bool:
    if not ch:
        return False
    o = ord(ch)
    return (0x3000 <= o <= 0x30FF or 0x3400 <= o <= 0x4DBF or 0x4E00 <= o <= 0x9FFF
            or 0xF900 <= o <= 0xFAFF or 0xFF00 <= o <= 0xFFEF)


def locate(pieces: Sequence[Piece], start: int, end: int) -> tuple[int | None, Box | None, list[Box], float | None, str | None]:
    """Where the text range ``[start, end)`` sits: (page, union box, one box per line, lowest
    OCR confidence, element id). The page is the one holding most of the range."""
    hit = [p for p in pieces if p.start < end and p.end > start]
    if not hit:
        return None, None, [], None, None
    by_page: dict[int | None, list[Piece]] = {}
    for p in hit:
        by_page.setdefault(p.page, []).append(p)
    page = max(by_page, key=lambda k: sum(min(q.end, end) - max(q.start, start) for q in by_page[k]))
    chosen = by_page[page]
    boxes = [p.bbox for p in chosen if p.bbox is not None]
    # one box per visual line: split where a word starts left of where the previous ended
    line_boxes: list[Box] = []
    current: list[Box] = []
    for b in boxes:
        if current and (b[0] < current[-1][0] - 1e-6 or not _same_row(current[-1], b)):
            line_boxes.append(union(current))  # type: ignore[arg-type]
            current = []
        current.append(b)
    if current:
        line_boxes.append(union(current))  # type: ignore[arg-type]
    confs = [p.confidence for p in chosen if p.confidence is not None]
    element = next((p.element_id for p in chosen if p.element_id), None)
    return page, union(boxes), line_boxes, (min(confs) if confs else None), element


def _same_row(a: Box, b: Box) -> bool:
    h = min(a[3] - a[1], b[3] - b[1])
    ov = min(a[3], b[3]) - max(a[1], b[1])
    return h <= 0 or ov > 0.3 * h
