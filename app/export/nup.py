"""N-up sheet: the card repeated on A4 or Letter with crop marks, for office printing.

The card is drawn once (the same drawing as the print PDF, without its own marks) and each
page is placed on the sheet as a PDF form XObject clipped to its BleedBox, so the sheet is
vector-exact. Cells touch bleed to bleed: the gutter between two trims is 2 × bleed, and
every cut line is marked outside the block of cards (0.25 pt, registration /All). Both
sheet orientations and both card orientations are tried; the layout with the most cards
wins (ties prefer the card upright, on either sheet orientation). The block sits above a
strip for the sheet label, which stays clear of the printers' 5 mm no-print margin. A waived
card's sheet carries the waiver record in its Info/XMP like the print PDF. For two-sided cards page 2 carries the backs,
mirrored left–right so that each back lands behind its front when the sheet is printed
double-sided and turned over its vertical axis ("flip on long edge" for a portrait
sheet, "flip on short edge" for a landscape one).
"""
from __future__ import annotations

import math
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from reportlab.pdfgen.canvas import Canvas

from app.errors import ExportError
from app.export.atomic import atomic_output
from app.export.boxes import MARK_GAP, MARK_LENGTH, MARK_WIDTH
from app.export.colour import BLACK_100K, REGISTRATION, enforce_print_colour
from app.export.fontreg import default_font_name
from app.model.document import Document
from app.model.units import mm

SHEETS: dict[str, tuple[float, float]] = {
    "a4": (mm(210), mm(297)),
    "letter": (612.0, 792.0),
}
PRINTER_MARGIN = mm(5)   #: most office printers cannot print closer to the edge
LABEL_SIZE = 6.5         #: pt, the sheet label
LABEL_ROOM = 9.0         #: pt kept free above the bottom no-print margin for the label


@dataclass(frozen=True)
class NupLayout:
    sheet: str
    sheet_size: tuple[float, float]   # (w, h) of the sheet as laid out
    rotated: bool                     # card turned 90° on the sheet
    cols: int
    rows: int
    cell: tuple[float, float]         # cell size = trimmed card (as placed) + 2 × bleed
    origin: tuple[float, float]       # lower-left of the block of cells
    bleed: float

    @property
    def count(self) -> int:
        return self.cols * self.rows

    @property
    def landscape(self) -> bool:
        return self.sheet_size[0] > self.sheet_size[1]

    def cells(self, mirrored: bool = False) -> list[tuple[float, float]]:
        """Lower-left corner of each cell (incl. bleed), row by row from the top."""
        w, h = self.cell
        ox, oy = self.origin
        out = []
        for r in range(self.rows):
            for c in range(self.cols):
                x = ox + c * w
                if mirrored:
                    x = self.sheet_size[0] - x - w
                out.append((x, oy + (self.rows - 1 - r) * h))
        return out

    def cut_lines(self) -> tuple[list[float], list[float]]:
        """x positions of vertical cuts, y positions of horizontal cuts (trim edges)."""
        w, h = self.cell
        ox, oy = self.origin
        b = self.bleed
        xs = sorted({round(ox + c * w + b, 3) for c in range(self.cols)} | {round(ox + c * w + w - b, 3) for c in range(self.cols)})
        ys = sorted({round(oy + r * h + b, 3) for r in range(self.rows)} | {round(oy + r * h + h - b, 3) for r in range(self.rows)})
        return xs, ys


def plan_nup(trim_w: float, trim_h: float, bleed: float, sheet: str = "a4") -> NupLayout:
    """The layout that fits the most cards on ``sheet`` (either orientation)."""
    key = sheet.lower()
    if key not in SHEETS:
        raise ExportError(f"sheet {sheet!r} is unknown; use A4 or Letter")
    sw, sh = SHEETS[key]
    reserve = PRINTER_MARGIN + MARK_GAP + MARK_LENGTH   # marks sit beyond the block's outer bleed
    best: NupLayout | None = None
    for size in ((sw, sh), (sh, sw)):
        for rotated in (False, True):
            cw, ch = (trim_h, trim_w) if rotated else (trim_w, trim_h)
            cell = (cw + 2 * bleed, ch + 2 * bleed)
            cols = int(math.floor((size[0] - 2 * reserve + 1e-6) / cell[0]))
            rows = int(math.floor((size[1] - 2 * reserve - LABEL_ROOM + 1e-6) / cell[1]))
            if cols < 1 or rows < 1:
                continue
            # the block is centred in what is left once the label's strip is kept free
            origin = ((size[0] - cols * cell[0]) / 2, LABEL_ROOM + (size[1] - LABEL_ROOM - rows * cell[1]) / 2)
            cand = NupLayout(key, size, rotated, cols, rows, cell, origin, bleed)
            if (best is None or cand.count > best.count
                    or (cand.count == best.count and best.rotated and not cand.rotated)):
                best = cand
    if best is None:
        raise ExportError(f"the card ({trim_w / mm(1):.0f} × {trim_h / mm(1):.0f} mm) does not fit on {sheet} "
                          "with bleed and crop marks")
    return best


def _draw_sheet_marks(canvas: Canvas, layout: NupLayout, label: str) -> None:
    xs, ys = layout.cut_lines()
    ox, oy = layout.origin
    bw = layout.cols * layout.cell[0]
    bh = layout.rows * layout.cell[1]
    canvas.saveState()
    canvas.setStrokeColor(REGISTRATION)
    canvas.setLineWidth(MARK_WIDTH)
    for x in xs:
        canvas.line(x, oy - MARK_GAP, x, oy - MARK_GAP - MARK_LENGTH)
        canvas.line(x, oy + bh + MARK_GAP, x, oy + bh + MARK_GAP + MARK_LENGTH)
    for y in ys:
        canvas.line(ox - MARK_GAP, y, ox - MARK_GAP - MARK_LENGTH, y)
        canvas.line(ox + bw + MARK_GAP, y, ox + bw + MARK_GAP + MARK_LENGTH, y)
    canvas.restoreState()
    canvas.saveState()
    canvas.setFillColor(BLACK_100K)
    canvas.setFont(default_font_name(), LABEL_SIZE)
    # inside the printable area: its descenders clear the 5 mm no-print margin, and the
    # crop marks start above LABEL_ROOM
    canvas.drawString(PRINTER_MARGIN, PRINTER_MARGIN + 0.25 * LABEL_SIZE, label)
    canvas.restoreState()


def export_nup(doc: Document, path: str | Path, sheet: str = "a4", options: "object | None" = None, *,
               verdict: "object | None" = None) -> NupLayout:
    """Write an N-up sheet PDF of ``doc`` to ``path`` (atomically); returns the layout used.

    Like :func:`~app.export.pdf.export_pdf`, it refuses a card with error findings unless the
    options carry a waiver (or ``preflight=False`` when the caller has just run the gate)."""
    from app.export.pdf import ExportOptions, ExportRefused, draw_card, gate_findings
    from app.export.pdfx import IccProfile

    base = options if options is not None else ExportOptions()
    card_opts = ExportOptions(**{**base.__dict__, "crop_marks": False})  # type: ignore[attr-defined]
    reason = (card_opts.allow_violations or "").strip()
    waiver_text = None
    if (card_opts.preflight or reason) and (verdict is not None or not reason):
        # a waived card's sheet carries the same waiver record as its print PDF, so the
        # verdict is read even when the caller has just passed the gate with a waiver
        import datetime as _dt

        from app.export.pdf import _user_name

        errors = [f for f in gate_findings(verdict) if str(f.severity) == "error"]
        if errors and not reason:
            raise ExportRefused(errors)
        if errors:
            when = _dt.datetime.now(_dt.timezone.utc)
            waiver_text = (f"{reason} (signed off by {card_opts.signed_by or _user_name()}, "
                           f"{when.strftime('%Y-%m-%d %H:%M UTC')}, {len(errors)} error finding(s) waived)")
    bleed = card_opts.effective_bleed(doc)
    layout = plan_nup(doc.spec.width, doc.spec.height, bleed, sheet)
    icc = IccProfile.load(card_opts.icc_path) if card_opts.icc_path else None
    path = Path(path)
    sides = len(doc.sides)
    flip = "flip on short edge" if layout.landscape else "flip on long edge"
    with tempfile.TemporaryDirectory(prefix="cardwise-nup-") as tmpdir:
        card_pdf = Path(tmpdir) / "card.pdf"
        draw_card(doc, card_pdf, card_opts, icc=icc)
        marks_pdf = Path(tmpdir) / "marks.pdf"
        canvas = Canvas(str(marks_pdf), pagesize=layout.sheet_size, initialFontName=default_font_name(),
                        enforceColorSpace=enforce_print_colour, pageCompression=1)
        canvas.setTitle(str(doc.metadata.get("title") or "Cardwise card") + f" — {layout.count}-up {sheet.upper()}")
        canvas.setCreator("Cardwise")
        canvas.setProducer("Cardwise (reportlab)")
        canvas.setSubject(f"{layout.count}-up {sheet.upper()} sheet of a card exported by Cardwise")
        for i in range(sides):
            side_name = doc.sides[i].name
            label = (f"Cardwise · {layout.count} cards per {sheet.upper()} sheet · {side_name} · print at 100 % "
                     f"(no scaling)" + (f" · double-sided: {flip}" if sides == 2 else ""))
            media = (0, 0, *layout.sheet_size)
            canvas.setPageSize(layout.sheet_size)
            canvas.setTrimBox(media)
            canvas.setBleedBox(media)
            _draw_sheet_marks(canvas, layout, label)
            canvas.showPage()
        canvas.save()
        from app.export.pdfx import add_pdfx_markers

        with atomic_output(path) as tmp:
            with pikepdf.open(marks_pdf) as sheet_pdf, pikepdf.open(card_pdf) as card:
                for i in range(sides):
                    _place_cards(sheet_pdf, card, i, layout)
                sheet_pdf.save(tmp)
            add_pdfx_markers(tmp, version=card_opts.pdfx, condition=card_opts.condition, icc=icc,
                             title=str(doc.metadata.get("title") or "Cardwise card") + f" ({layout.count}-up)",
                             waiver=waiver_text)
    return layout


def _place_cards(sheet_pdf: pikepdf.Pdf, card: pikepdf.Pdf, i: int, layout: NupLayout) -> None:
    """Put page ``i`` of the card on page ``i`` of the sheet in every cell (backs mirrored)."""
    card_page = card.pages[i]
    bx0, by0, bx1, by1 = (float(v) for v in card_page.obj.BleedBox)
    form = sheet_pdf.copy_foreign(card_page.as_form_xobject())
    form.BBox = pikepdf.Array([bx0, by0, bx1, by1])   # clip each card to its bleed
    page = sheet_pdf.pages[i]
    name = page.add_resource(form, pikepdf.Name.XObject, prefix="Card")
    ops = []
    back = i == 1
    for cx, cy in layout.cells(mirrored=back):
        if not layout.rotated:
            m = (1, 0, 0, 1, cx - bx0, cy - by0)
        elif not back:   # 90° counter-clockwise
            m = (0, 1, -1, 0, cx + by1, cy - bx0)
        else:            # 90° clockwise: the back stays upright after the turn-over
            m = (0, -1, 1, 0, cx - by0, cy + bx1)
        ops.append("q %s cm %s Do Q" % (" ".join(f"{v:.4f}" for v in m), name))
    page.contents_add(sheet_pdf.make_stream(("\n".join(ops) + "\n").encode()), prepend=False)
