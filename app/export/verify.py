"""Independent read-back of an exported PDF (pikepdf + pypdfium2): the final gate.

It re-reads the written file and reports what a prepress preflight would: page count,
MediaBox/BleedBox/TrimBox on every page and their nesting, fonts (all embedded), colour
spaces (no DeviceRGB/ICC-RGB anywhere: content streams, images, inline images, shadings,
resources, form XObjects), transparency (SMask, soft-mask groups, constant alpha < 1),
encryption, annotations and the effective ppi of every placed image. The exporter runs it
on every file before it replaces the target; tests run it on every template. qpdf's
structural check (``check_pdf_syntax``) runs too, so a damaged file never passes.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pikepdf

Box = tuple[float, float, float, float]

_RGB_NAMES = {"/DeviceRGB", "/RGB", "/CalRGB"}
_PAINT_OPS_RGB = {"rg", "RG"}


@dataclass
class ImagePlacement:
    page: int
    name: str
    pixels: tuple[int, int]
    placed_pt: tuple[float, float]
    colour_space: str
    bits: int

    @property
    def ppi(self) -> tuple[float, float]:
        w, h = self.placed_pt
        px, py = self.pixels
        return (px * 72.0 / w if w else 0.0, py * 72.0 / h if h else 0.0)

    @property
    def min_ppi(self) -> float:
        return min(self.ppi)


@dataclass
class FontInfo:
    name: str
    subtype: str
    embedded: bool


@dataclass
class PageInfo:
    number: int
    media_box: Box
    trim_box: Box | None
    bleed_box: Box | None
    text: str = ""


@dataclass
class VerifyReport:
    path: str
    pages: list[PageInfo] = field(default_factory=list)
    fonts: list[FontInfo] = field(default_factory=list)
    images: list[ImagePlacement] = field(default_factory=list)
    rgb_uses: list[str] = field(default_factory=list)
    transparency: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    pdfx_version: str | None = None
    output_intent: str | None = None
    encrypted: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def page_count(self) -> int:
        return len(self.pages)


def _box(value: Any) -> Box | None:
    if value is None:
        return None
    return tuple(round(float(v), 3) for v in value)  # type: ignore[return-value]


def _inside(inner: Box, outer: Box, tol: float = 0.01) -> bool:
    return (inner[0] >= outer[0] - tol and inner[1] >= outer[1] - tol
            and inner[2] <= outer[2] + tol and inner[3] <= outer[3] + tol)


def _cs_name(cs: Any) -> str:
    """A readable name for a colour-space object ("/DeviceCMYK", "/ICCBased(N=3)", "/Separation /All")."""
    if cs is None:
        return "none"
    if isinstance(cs, pikepdf.Name):
        return str(cs)
    if isinstance(cs, pikepdf.Array) and len(cs) > 0:
        family = str(cs[0])
        if family == "/ICCBased":
            try:
                return f"/ICCBased(N={int(cs[1].N)})"
            except Exception:  # noqa: BLE001 - damaged profile stream
                return "/ICCBased(?)"
        if family in ("/Separation", "/DeviceN"):
            return f"{family} {cs[1]} alt {_cs_name(cs[2])}"
        if family == "/Indexed":
            return f"/Indexed base {_cs_name(cs[1])}"
        return family
    return str(cs)


def _is_rgb(cs: Any) -> bool:
    name = _cs_name(cs)
    return any(n in name for n in _RGB_NAMES) or "/ICCBased(N=3)" in name or name == "/Lab"


class _Walker:
    def __init__(self, report: VerifyReport) -> None:
        self.r = report
        self.seen_fonts: set[int] = set()
        self.seen_forms: set[tuple[int, int]] = set()

    # ---- resources ---------------------------------------------------------------------
    def resources(self, res: Any, where: str) -> None:
        if res is None:
            return
        cs_dict = res.get("/ColorSpace")
        if cs_dict is not None:
            for key, cs in cs_dict.items():
                if _is_rgb(cs):
                    self.r.rgb_uses.append(f"{where}: colour space {key} is {_cs_name(cs)}")
        sh = res.get("/Shading")
        if sh is not None:
            for key, shading in sh.items():
                if _is_rgb(shading.get("/ColorSpace")):
                    self.r.rgb_uses.append(f"{where}: shading {key} is {_cs_name(shading.get('/ColorSpace'))}")
        gs = res.get("/ExtGState")
        if gs is not None:
            for key, state in gs.items():
                for alpha_key in ("/ca", "/CA"):
                    if alpha_key in state and float(state[alpha_key]) < 1:
                        self.r.transparency.append(f"{where}: graphics state {key} sets {alpha_key} {float(state[alpha_key])}")
                smask = state.get("/SMask")
                if smask is not None and smask != pikepdf.Name.None_:
                    self.r.transparency.append(f"{where}: graphics state {key} has a soft mask")
        fonts = res.get("/Font")
        if fonts is not None:
            for _key, font in fonts.items():
                self.font(font)

    def font(self, font: Any) -> None:
        objgen = font.objgen
        if objgen != (0, 0) and objgen in self.seen_fonts:
            return
        self.seen_fonts.add(objgen)  # type: ignore[arg-type]
        subtype = str(font.get("/Subtype", ""))
        name = str(font.get("/BaseFont", "?"))
        if subtype == "/Type0":
            desc = font.DescendantFonts[0].get("/FontDescriptor")
        elif subtype == "/Type3":
            self.r.fonts.append(FontInfo(name, subtype, True))  # glyphs are content streams
            return
        else:
            desc = font.get("/FontDescriptor")
        embedded = desc is not None and any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))
        self.r.fonts.append(FontInfo(name.lstrip("/"), subtype.lstrip("/"), embedded))

    # ---- content ------------------------------------------------------------------------
    def content(self, owner: Any, res: Any, page_no: int, where: str, ctm: list[float]) -> None:
        self.resources(res, where)
        xobjects = res.get("/XObject") if res is not None else None
        stack: list[list[float]] = []
        current = list(ctm)
        try:
            instructions = pikepdf.parse_content_stream(owner)
        except pikepdf.PdfError as exc:
            self.r.problems.append(f"{where}: content stream cannot be parsed ({exc})")
            return
        for item in instructions:
            op = str(item.operator)
            operands = item.operands if hasattr(item, "operands") else []
            if op == "q":
                stack.append(list(current))
            elif op == "Q":
                current = stack.pop() if stack else list(ctm)
            elif op == "cm":
                current = _mul([float(v) for v in operands], current)
            elif op in _PAINT_OPS_RGB:
                self.r.rgb_uses.append(f"{where}: operator {op} {' '.join(str(float(v)) for v in operands)}")
            elif op in ("cs", "CS"):
                name = str(operands[0])
                if name in _RGB_NAMES:
                    self.r.rgb_uses.append(f"{where}: operator {name} {op}")
            elif isinstance(item, pikepdf.ContentStreamInlineImage):
                img = item.iimage
                cs = img.obj.get("/ColorSpace", img.obj.get("/CS"))
                if _is_rgb(cs) or str(img.colorspace) in _RGB_NAMES:
                    self.r.rgb_uses.append(f"{where}: inline image in {img.colorspace}")
                self.place(page_no, "inline", img.width, img.height, current, str(img.colorspace),
                           int(img.bits_per_component or 8))
            elif op == "Do" and xobjects is not None:
                key = str(operands[0])
                xo = xobjects.get(key)
                if xo is None:
                    self.r.problems.append(f"{where}: XObject {key} is missing")
                    continue
                subtype = str(xo.get("/Subtype"))
                if subtype == "/Image":
                    self.image(xo, key, page_no, current, where)
                elif subtype == "/Form":
                    group = xo.get("/Group")
                    if group is not None and str(group.get("/S")) == "/Transparency":
                        self.r.transparency.append(f"{where}: form {key} is a transparency group")
                    og = xo.objgen
                    if (page_no, og) in self.seen_forms and og != (0, 0):
                        continue
                    self.seen_forms.add((page_no, og))  # type: ignore[arg-type]
                    matrix = [float(v) for v in xo.get("/Matrix", [1, 0, 0, 1, 0, 0])]
                    self.content(xo, xo.get("/Resources"), page_no, f"{where} form {key}", _mul(matrix, current))

    def image(self, xo: Any, key: str, page_no: int, ctm: list[float], where: str) -> None:
        cs = xo.get("/ColorSpace")
        if _is_rgb(cs):
            self.r.rgb_uses.append(f"{where}: image {key} is {_cs_name(cs)}")
        if "/SMask" in xo or "/SMaskInData" in xo:
            self.r.transparency.append(f"{where}: image {key} has a soft mask (live transparency)")
        if bool(xo.get("/ImageMask", False)):
            return
        self.place(page_no, key, xo.get("/Width"), xo.get("/Height"), ctm, _cs_name(cs),
                   int(xo.get("/BitsPerComponent", 8)))

    def place(self, page_no: int, name: str, w: Any, h: Any, ctm: list[float], cs: str, bits: int) -> None:
        a, b, c, d = ctm[:4]
        placed_w = (a * a + b * b) ** 0.5
        placed_h = (c * c + d * d) ** 0.5
        self.r.images.append(ImagePlacement(page_no, name, (int(w or 0), int(h or 0)),
                                            (placed_w, placed_h), cs, bits))


def _mul(m: list[float], n: list[float]) -> list[float]:
    """PDF matrix product m × n (apply m, then n)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return [a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D,
            e * A + f * C + E, e * B + f * D + F]


def verify_pdf(path: str | Path, *, expect_pages: int | None = None, expect_trim: tuple[float, float] | None = None,
               expect_bleed: float | None = None, min_ppi: float = 300.0, with_text: bool = True,
               syntax: bool = True) -> VerifyReport:
    """Read ``path`` back and list every print problem found in ``report.problems``.

    ``expect_trim`` is the finished size (w, h) in points; ``expect_bleed`` the bleed per
    side in points. Tolerance for box checks is 0.01 pt (the exporter rounds to 0.001).
    """
    path = Path(path)
    report = VerifyReport(path=str(path))
    try:
        pdf = pikepdf.open(path)
    except pikepdf.PdfError as exc:
        report.problems.append(f"cannot open the PDF: {exc}")
        return report
    with pdf:
        if syntax:   # qpdf's structural check: xref, streams, object syntax
            report.problems.extend(f"PDF syntax: {p}" for p in pdf.check_pdf_syntax())
        report.encrypted = pdf.is_encrypted
        if report.encrypted:
            report.problems.append("the PDF is encrypted")
        info = pdf.docinfo
        if "/GTS_PDFXVersion" in info:
            report.pdfx_version = str(info.GTS_PDFXVersion)
        intents = pdf.Root.get("/OutputIntents")
        if intents is not None:
            for oi in intents:
                if str(oi.get("/S")) == "/GTS_PDFX":
                    report.output_intent = str(oi.get("/OutputConditionIdentifier", ""))
        walker = _Walker(report)
        for i, page in enumerate(pdf.pages, start=1):
            obj = page.obj
            media = _box(obj.get("/MediaBox") or page.mediabox)
            trim = _box(obj.get("/TrimBox"))
            bleed = _box(obj.get("/BleedBox"))
            report.pages.append(PageInfo(i, media, trim, bleed))  # type: ignore[arg-type]
            if trim is None:
                report.problems.append(f"page {i}: no TrimBox")
            if bleed is None:
                report.problems.append(f"page {i}: no BleedBox")
            if trim and bleed and not _inside(trim, bleed):
                report.problems.append(f"page {i}: TrimBox {trim} is not inside BleedBox {bleed}")
            if bleed and media and not _inside(bleed, media):
                report.problems.append(f"page {i}: BleedBox {bleed} is not inside MediaBox {media}")
            if trim and expect_trim:
                w, h = trim[2] - trim[0], trim[3] - trim[1]
                if abs(w - expect_trim[0]) > 0.01 or abs(h - expect_trim[1]) > 0.01:
                    report.problems.append(f"page {i}: trim is {w:.3f}×{h:.3f} pt, expected "
                                           f"{expect_trim[0]:.3f}×{expect_trim[1]:.3f} pt")
            if trim and bleed and expect_bleed is not None:
                sides = (trim[0] - bleed[0], trim[1] - bleed[1], bleed[2] - trim[2], bleed[3] - trim[3])
                if any(abs(s - expect_bleed) > 0.01 for s in sides):
                    report.problems.append(f"page {i}: bleed per side is {tuple(round(s, 3) for s in sides)} pt, "
                                           f"expected {expect_bleed:.3f} pt")
            if "/Annots" in obj and len(obj.Annots):
                report.problems.append(f"page {i}: has {len(obj.Annots)} annotation(s)")
            group = obj.get("/Group")
            if group is not None and str(group.get("/S")) == "/Transparency":
                report.transparency.append(f"page {i}: page is a transparency group")
            walker.content(page, obj.get("/Resources"), i, f"page {i}", [1, 0, 0, 1, 0, 0])
        if report.pages and len({(p.trim_box and (round(p.trim_box[2] - p.trim_box[0], 2), round(p.trim_box[3] - p.trim_box[1], 2))) for p in report.pages}) > 1:
            report.problems.append("pages have different trim sizes")
    if expect_pages is not None and report.page_count != expect_pages:
        report.problems.append(f"the PDF has {report.page_count} page(s), expected {expect_pages}")
    for f in report.fonts:
        if not f.embedded:
            report.problems.append(f"font {f.name} ({f.subtype}) is not embedded")
    report.problems.extend(f"RGB colour: {u}" for u in report.rgb_uses)
    if not (report.pdfx_version or "").startswith("PDF/X-4"):   # X-4 allows live transparency
        report.problems.extend(f"transparency: {t}" for t in report.transparency)
    for img in report.images:
        if img.min_ppi < min_ppi:
            report.problems.append(f"page {img.page}: image {img.name} is {img.min_ppi:.0f} ppi effective (< {min_ppi:.0f})")
    if with_text:
        _read_text(path, report)
    return report


def _read_text(path: Path, report: VerifyReport) -> None:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        for i, page in enumerate(doc):
            tp = page.get_textpage()
            try:
                if i < len(report.pages):
                    report.pages[i].text = tp.get_text_range()
            finally:
                tp.close()
                page.close()
    finally:
        doc.close()


def text_lines(path: str | Path, page_index: int = 0) -> list[str]:
    """The text lines of one page as pdfium reads them (for the layout ↔ PDF line test)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        page = doc[page_index]
        tp = page.get_textpage()
        text = tp.get_text_range()
        tp.close()
        page.close()
    finally:
        doc.close()
    return [ln.strip() for ln in text.replace("\r\n", "\n").replace("\r", "\n").split("\n") if ln.strip()]


def text_lines_in(path: str | Path, page_index: int, rect: Box) -> list[str]:
    """Text lines pdfium finds inside ``rect`` (x0, y0, x1, y1 in PDF points, y up) on one page,
    counting a character in when the centre of its box is inside: the lines of one text box
    even when a neighbouring box shares its baselines or overlaps its edge."""
    import pypdfium2 as pdfium

    x0, y0, x1, y1 = rect
    out: list[str] = []
    doc = pdfium.PdfDocument(str(path))
    try:
        page = doc[page_index]
        tp = page.get_textpage()
        try:
            current = ""
            inside_last = False
            for i in range(tp.count_chars()):
                ch = tp.get_text_range(i, 1)
                if ch in ("\r", "\n"):
                    if current.strip():
                        out.append(current.strip())
                    current, inside_last = "", False
                    continue
                left, bottom, right, top = tp.get_charbox(i)
                if right - left <= 0.01 and top - bottom <= 0.01:   # a generated space: keep with its run
                    if inside_last:
                        current += ch
                    continue
                cx, cy = (left + right) / 2, (bottom + top) / 2
                inside_last = x0 <= cx <= x1 and y0 <= cy <= y1
                if inside_last:
                    current += ch
            if current.strip():
                out.append(current.strip())
        finally:
            tp.close()
            page.close()
    finally:
        doc.close()
    return out
