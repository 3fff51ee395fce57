"""The print PDF: ``export_pdf(doc, path, options) -> ExportResult``.

One function serves the command line and the designer's export dialog, so both write the
same geometry. Steps (research/print.md §6):

1. the gate: the card's verdict (``app.verdict.judge_card``: wording, QR payloads, artwork
   and print preflight), computed by the caller and passed in. Errors refuse the export (:class:`ExportRefused`) unless the
   options carry a waiver reason; then the reason goes into the PDF's metadata and a
   bilingual sign-off sheet is written beside the PDF.
2. reportlab draws each side on its own page: MediaBox = trim + bleed (+ slug for crop
   marks), TrimBox and BleedBox on every page, art clipped to the BleedBox, backgrounds
   through the bleed, colours CMYK/gray/spot only (a custom colour enforcer), images
   converted to CMYK without alpha, text in embedded subset TrueType fonts drawn from the
   model's text layout, QR codes as vector modules, crop marks (optional) in /All.
3. optional text-to-outlines (Ghostscript ``-dNoOutputFonts``), then pikepdf adds the
   OutputIntent, PDF/X version, Trapped and metadata.
4. :func:`app.export.verify.verify_pdf` reads the file back; any problem fails the export.

All of it happens in a temp file in the target folder that replaces the target only at the
end: a failed export leaves nothing behind.
"""
from __future__ import annotations

import datetime as _dt
import getpass
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlab.pdfgen.canvas import Canvas

from app.errors import ExportError
from app.export.atomic import atomic_output
from app.export.boxes import MARK_WIDTH, PageBoxes
from app.export.colour import REGISTRATION, enforce_print_colour
from app.export.drawers import DrawContext, draw, draw_background
from app.export.fontreg import default_font_name
from app.export.images import PreparedImage
from app.export.pdfx import DEFAULT_CONDITION, IccProfile, add_pdfx_markers
from app.export.verify import VerifyReport, verify_pdf
from app.model.document import Document


class ExportRefused(ExportError):
    """Export stopped because of error findings and no waiver was given."""

    def __init__(self, findings: list[Any]) -> None:
        self.findings = list(findings)
        n = len(self.findings)
        super().__init__(f"export refused: {n} error finding{'s' if n != 1 else ''} "
                         "(fix them, or export with a waiver reason: --allow-violations \"reason\")")


@dataclass
class ExportOptions:
    """Everything the export dialog and ``cardwise export`` can choose."""

    crop_marks: bool = False
    bleed: float | None = None            #: points per side; None = the card's own bleed
    pdfx: str = "x1a"                     #: "x1a" (PDF/X-1a-style) or "x4" (needs an ICC profile)
    condition: str = DEFAULT_CONDITION    #: registered printing condition for the OutputIntent
    icc_path: str | Path | None = None    #: the printer's CMYK ICC profile (images + OutputIntent)
    outline_text: bool = False            #: convert text to outlines (Ghostscript)
    allow_violations: str | None = None   #: waiver reason: export despite error findings
    signed_by: str | None = None          #: who waived (default: the login name)
    profile: str | None = None            #: compliance profile (default: the document's)
    preflight: bool = True                #: run preflight and refuse on errors
    disabled_rules: tuple[str, ...] = ()  #: rule ids/names/categories switched off (designer settings)
    overprint_black: bool = True          #: 100 % K text overprints (no white halo on misregistration)
    verify: bool = True                   #: read the file back before it replaces the target
    signoff_path: str | Path | None = None  #: default: <pdf stem>-signoff.pdf beside the PDF
    title: str | None = None

    def effective_bleed(self, doc: Document) -> float:
        """The bleed to export with (points); an override outside 0–10 mm is an InvalidDimension."""
        if self.bleed is None:
            return doc.spec.bleed
        from app.errors import InvalidDimension
        from app.model.geometry import MAX_BLEED_PT

        bleed = float(self.bleed)
        if not 0 <= bleed <= MAX_BLEED_PT + 1e-9:
            raise InvalidDimension(f"bleed is {bleed / 72 * 25.4:.2f} mm; it must be between 0 and "
                                   f"{MAX_BLEED_PT / 72 * 25.4:.0f} mm")
        return bleed


@dataclass
class ExportResult:
    path: Path
    boxes: PageBoxes
    pages: int
    findings: list[Any] = field(default_factory=list)     #: preflight + compliance (all severities)
    waived: list[Any] = field(default_factory=list)       #: the error findings a waiver covered
    signoff_path: Path | None = None
    report: VerifyReport | None = None
    image_methods: set[str] = field(default_factory=set)
    outlined: bool = False
    seconds: float = 0.0

    def summary(self) -> str:
        w = self.boxes.trim_w / 72 * 25.4
        h = self.boxes.trim_h / 72 * 25.4
        from app.export.atomic import shown

        bits = [f"{shown(self.path)}: {self.pages} page{'s' if self.pages != 1 else ''}, trim {w:.1f} × {h:.1f} mm, "
                f"bleed {self.boxes.bleed / 72 * 25.4:.2f} mm"]
        if self.boxes.crop_marks:
            bits.append("crop marks")
        bits.append("text as outlines" if self.outlined else "fonts embedded")
        if self.report and self.report.pdfx_version:
            bits.append(f"{self.report.pdfx_version}-style, output intent {self.report.output_intent}")
        return ", ".join(bits)


def _gs_outline(src: Path, dst: Path) -> None:
    gs = shutil.which("gs")
    if gs is None:
        raise ExportError("converting text to outlines needs Ghostscript ('gs'), which is not installed; "
                          "install the ghostscript package or export with embedded fonts")
    cmd = [gs, "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pdfwrite", "-dNoOutputFonts",
           "-dCompatibilityLevel=1.4", "-sColorConversionStrategy=LeaveColorUnchanged",
           "-dAutoRotatePages=/None", "-dDownsampleColorImages=false", "-dDownsampleGrayImages=false",
           "-dAutoFilterColorImages=false", "-dColorImageFilter=/FlateEncode", "-dPassThroughJPEGImages=true",
           f"-sOutputFile={dst}", str(src)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    if proc.returncode != 0 or not dst.exists() or dst.stat().st_size == 0:
        raise ExportError(f"converting text to outlines failed: {(proc.stderr or proc.stdout).strip()[:300]}")


def draw_card(doc: Document, target: Path, options: ExportOptions, *, icc: IccProfile | None = None,
              fonts: Any = None) -> tuple[PageBoxes, list[tuple[str, PreparedImage]], dict[str, list[str]]]:
    """Draw every side of ``doc`` into ``target`` with reportlab (no post-processing)."""
    spec = doc.spec
    boxes = PageBoxes(spec.width, spec.height, options.effective_bleed(doc), options.crop_marks)
    if fonts is None:
        from app.export.text import font_library_for

        fonts = font_library_for(doc)
    from app.export.text import first_font_name

    canvas = Canvas(str(target), pagesize=boxes.media_size, initialFontName=first_font_name(doc, fonts) or default_font_name(),
                    initialFontSize=10, enforceColorSpace=enforce_print_colour, pageCompression=1,
                    invariant=0, cropMarks=False)
    title = options.title or str(doc.metadata.get("title") or "") or "Cardwise card"
    canvas.setTitle(title)
    canvas.setCreator("Cardwise")
    canvas.setProducer("Cardwise (reportlab)")
    images: list[tuple[str, PreparedImage]] = []
    lines: dict[str, list[str]] = {}
    for side in doc.sides:
        canvas.setPageSize(boxes.media_size)
        canvas.setTrimBox(boxes.trim_box)
        canvas.setBleedBox(boxes.bleed_box)
        if options.crop_marks:
            _draw_crop_marks(canvas, boxes)
        canvas.saveState()
        x0, y0, x1, y1 = boxes.bleed_box
        clip = canvas.beginPath()
        clip.rect(x0, y0, x1 - x0, y1 - y0)
        canvas.clipPath(clip, stroke=0, fill=0)
        # model frame: origin top-left of the trim, y down
        canvas.translate(boxes.margin, boxes.margin + spec.height)
        canvas.scale(1, -1)
        ctx = DrawContext(canvas, doc, side, boxes.bleed, icc=icc, images=images, fonts=fonts, text_lines=lines,
                          overprint_black=options.overprint_black, keep_alpha=options.pdfx == "x4")
        draw_background(ctx)
        for el in side.elements:
            if not el.hidden:   # hidden elements stay in the card and do not print
                draw(el, ctx)
        canvas.restoreState()
        canvas.showPage()
    canvas.save()
    if options.pdfx == "x4":
        from app.export.images import attach_soft_masks

        attach_soft_masks(target, images)
    return boxes, images, lines


def _draw_crop_marks(canvas: Canvas, boxes: PageBoxes) -> None:
    canvas.saveState()
    canvas.setStrokeColor(REGISTRATION)
    canvas.setLineWidth(MARK_WIDTH)
    canvas.setLineCap(0)
    for x0, y0, x1, y1 in boxes.crop_mark_lines():
        canvas.line(x0, y0, x1, y1)
    canvas.restoreState()


def gate_findings(verdict: Any) -> list[Any]:
    """The findings the gate decides on: the card's verdict (``app.verdict.judge_card``,
    computed by the caller, which sits above this layer). Without one the gate cannot know
    the card is clean, so it refuses to guess; nor does it decide on a ``provisional``
    verdict (judged with ``deep=False``: the sentence encoder had not read every sentence)."""
    if verdict is None:
        raise ExportError("the export gate needs the card's verdict (app.verdict.judge_card); "
                          "pass verdict=…, or preflight=False when the caller has already gated")
    if getattr(verdict, "provisional", False):
        raise ExportError("the export gate needs the card's whole verdict (app.verdict.judge_card judges "
                          "deep); this one is provisional")
    return list(verdict.findings)


def export_pdf(doc: Document, path: str | Path, options: ExportOptions | None = None, *,
               verdict: Any = None) -> ExportResult:
    """Write the print PDF for ``doc`` to ``path`` (atomically). See the module docstring.

    ``verdict`` (``app.verdict.Verdict``) is what the gate refuses on when
    ``options.preflight`` is set."""
    options = options or ExportOptions()
    started = time.perf_counter()
    path = Path(path)
    options.effective_bleed(doc)   # a bad bleed override is a usage error before anything runs
    from app.export.pdfx import OUTPUT_CONDITIONS, PDFX_VERSIONS

    if options.pdfx not in PDFX_VERSIONS:
        raise ExportError(f"PDF/X mode {options.pdfx!r} is unknown; use one of {', '.join(PDFX_VERSIONS)}")
    if options.condition not in OUTPUT_CONDITIONS:
        raise ExportError(f"printing condition {options.condition!r} is unknown; use one of "
                          f"{', '.join(OUTPUT_CONDITIONS)}")
    icc = IccProfile.load(options.icc_path) if options.icc_path else None
    if options.pdfx == "x4" and icc is None:
        raise ExportError("PDF/X-4 needs the printer's CMYK ICC profile (--icc FILE)")
    findings: list[Any] = []
    errors: list[Any] = []
    if options.preflight:
        findings = gate_findings(verdict)
        errors = [f for f in findings if str(f.severity) == "error"]
        if errors and not (options.allow_violations and options.allow_violations.strip()):
            raise ExportRefused(errors)
    waiver = options.allow_violations.strip() if (errors and options.allow_violations) else None
    signed_by = options.signed_by or _user_name()
    if waiver:
        from app.export.signoff import cjk_font_name

        cjk_font_name(doc)   # the sign-off sheet needs a CJK font: fail before writing anything
    when = _dt.datetime.now(_dt.timezone.utc)
    with atomic_output(path) as tmp:
        boxes, images, _lines = draw_card(doc, tmp, options, icc=icc)
        if options.outline_text:
            outlined = tmp.with_name(tmp.name + ".gs")
            try:
                _gs_outline(tmp, outlined)
                outlined.replace(tmp)
            finally:
                outlined.unlink(missing_ok=True)
        waiver_text = (f"{waiver} (signed off by {signed_by}, {when.strftime('%Y-%m-%d %H:%M UTC')}, "
                       f"{len(errors)} error finding(s) waived)") if waiver else None
        add_pdfx_markers(tmp, version=options.pdfx, condition=options.condition, icc=icc,
                         title=options.title or str(doc.metadata.get("title") or ""),
                         author=str(doc.metadata.get("brand") or doc.metadata.get("author") or ""),
                         subject="Print-ready card exported by Cardwise", waiver=waiver_text, when=when)
        report = None
        if options.verify:
            report = verify_pdf(tmp, expect_pages=len(doc.sides), expect_trim=(doc.spec.width, doc.spec.height),
                                expect_bleed=boxes.bleed, min_ppi=0.0, with_text=False)
            if not report.ok:
                raise ExportError("the exported PDF failed its read-back check: " + "; ".join(report.problems[:5]))
        signoff = None
        if waiver:   # written before the PDF lands: a waived PDF never exists without its sheet
            from app.export.signoff import write_signoff

            signoff = Path(options.signoff_path) if options.signoff_path else path.with_name(path.stem + "-signoff.pdf")
            write_signoff(signoff, doc=doc, pdf_path=path, findings=findings, waived=errors, reason=waiver,
                          signed_by=signed_by, when=when)
    result = ExportResult(path=path, boxes=boxes, pages=len(doc.sides), findings=findings,
                          waived=errors if waiver else [], report=report, outlined=options.outline_text,
                          image_methods={img.method for _, img in images}, signoff_path=signoff)
    result.seconds = time.perf_counter() - started
    return result


def _user_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name in some containers
        return "unknown user"
