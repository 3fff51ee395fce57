"""An independent strict PDF/X check, reading the exported files with pikepdf only (not with
Cardwise's own verifier): Info dates present and mirrored in XMP, one font program per subset
name (also across an N-up sheet), no transparency in PDF/X-1a, images at ≥ 300 ppi, and a
transparent logo composited over the artwork actually under it."""
from __future__ import annotations

import io
import re
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from app.export.nup import PRINTER_MARGIN, export_nup, plan_nup
from app.export.pdf import ExportOptions, export_pdf
from app.model.elements import ImageElement
from app.model.templates import list_templates, new_from_template
from app.model.units import mm

TEMPLATES = [t.id for t in list_templates()]


def _strict_problems(path: Path) -> list[str]:
    """What a strict PDF/X-1a checker would reject, found by walking the file."""
    out: list[str] = []
    with pikepdf.open(path) as pdf:
        info = pdf.docinfo
        for key in ("/CreationDate", "/ModDate", "/Producer", "/Title", "/GTS_PDFXVersion"):
            if key not in info:
                out.append(f"Info lacks {key}")
        xmp = pdf.Root.Metadata.read_bytes().decode() if "/Metadata" in pdf.Root else ""
        for tag in ("xmp:CreateDate", "xmp:ModifyDate", "pdf:Producer", "dc:title"):
            if tag not in xmp:
                out.append(f"XMP lacks {tag}")
        if "/CreationDate" in info:
            d = str(info.CreationDate)
            iso = f"{d[2:6]}-{d[6:8]}-{d[8:10]}T{d[10:12]}:{d[12:14]}:{d[14:16]}"
            if iso not in xmp:
                out.append("XMP CreateDate differs from Info CreationDate")
        programs: dict[str, set[bytes]] = {}
        for obj in pdf.objects:
            if not isinstance(obj, pikepdf.Dictionary):
                continue
            if obj.get("/Type") == pikepdf.Name.Font and "/FontDescriptor" in obj:
                desc = obj.FontDescriptor
                prog = desc.get("/FontFile2") or desc.get("/FontFile3") or desc.get("/FontFile")
                if prog is not None:
                    programs.setdefault(str(obj.BaseFont), set()).add(prog.read_raw_bytes())
            if "/SMask" in obj and obj.get("/SMask") != pikepdf.Name("/None"):
                out.append("soft mask (transparency) in PDF/X-1a")
            if obj.get("/Type") == pikepdf.Name.Group and obj.get("/S") == pikepdf.Name.Transparency:
                out.append("transparency group in PDF/X-1a")
            if obj.get("/Type") == pikepdf.Name.ExtGState:
                if float(obj.get("/CA", 1)) < 1 or float(obj.get("/ca", 1)) < 1:
                    out.append("constant alpha in PDF/X-1a")
        for name, progs in programs.items():
            if len(progs) > 1:
                out.append(f"{len(progs)} different font programs share the name {name}")
            if re.match(r"^/[A-Z]{6}\+", name) is None:
                out.append(f"font {name} is not a subset name")
        for page in pdf.pages:
            for img, ppi in _image_ppi(page):
                if ppi < 299.5:
                    out.append(f"image {img} at {ppi:.0f} ppi")
    return out


def _image_ppi(page) -> list[tuple[str, float]]:
    """Effective ppi of each image drawn on ``page`` (from the CTM at each Do)."""
    out = []
    stack = [pikepdf.Matrix()]
    xobjects = page.obj.Resources.get("/XObject", {})
    images = {str(k): v for k, v in xobjects.items() if v.get("/Subtype") == pikepdf.Name.Image}
    for operands, op in pikepdf.parse_content_stream(page):
        o = str(op)
        if o == "q":
            stack.append(stack[-1])
        elif o == "Q":
            stack.pop()
        elif o == "cm":
            stack[-1] = pikepdf.Matrix(*[float(v) for v in operands]) @ stack[-1]
        elif o == "Do" and str(operands[0]) in images:
            im = images[str(operands[0])]
            m = stack[-1]
            w_pt = (m.a ** 2 + m.b ** 2) ** 0.5
            h_pt = (m.c ** 2 + m.d ** 2) ** 0.5
            out.append((str(operands[0]), min(int(im.Width) / (w_pt / 72), int(im.Height) / (h_pt / 72))))
    return out


@pytest.mark.parametrize("template", TEMPLATES)
def test_every_template_passes_the_strict_check(template, tmp_path):
    doc = new_from_template(template)
    out = tmp_path / "card.pdf"
    export_pdf(doc, out, ExportOptions(preflight=False))
    assert _strict_problems(out) == []


def test_nup_sheet_passes_the_strict_check_with_unique_subset_names(tmp_path):
    """The sheet merges the card's fonts with the label's: Vera Roman twice, two programs,
    two names."""
    doc = new_from_template("thank-you")
    out = tmp_path / "sheet.pdf"
    export_nup(doc, out, "a4", ExportOptions(preflight=False))
    assert _strict_problems(out) == []
    with pikepdf.open(out) as pdf:
        names = [str(o.BaseFont) for o in pdf.objects
                 if isinstance(o, pikepdf.Dictionary) and o.get("/Type") == pikepdf.Name.Font]
    assert sum(n.endswith("+BitstreamVeraSans-Roman") for n in names) == 2
    assert len(set(names)) == len(names)


def test_pdfx4_xmp_carries_dates_and_document_ids(tmp_path):
    from app.export.pdfx import add_pdfx_markers

    out = tmp_path / "card.pdf"
    export_pdf(new_from_template("thank-you"), out, ExportOptions(preflight=False))
    icc = _cmyk_profile(tmp_path)
    if icc is None:
        pytest.skip("no CMYK ICC profile on this machine")
    add_pdfx_markers(out, version="x4", icc=icc, title="X4 card")
    with pikepdf.open(out) as pdf:
        xmp = pdf.Root.Metadata.read_bytes().decode()
        assert "/CreationDate" in pdf.docinfo and "/ModDate" in pdf.docinfo
    for tag in ("xmp:CreateDate", "xmpMM:DocumentID", "xmpMM:VersionID", "xmpMM:RenditionClass",
                "pdfxid:GTS_PDFXVersion"):
        assert tag in xmp, tag
    assert re.search(r"xmpMM:DocumentID[^>]*>uuid:[0-9a-f-]{36}<", xmp)


def _cmyk_profile(tmp_path):
    from app.export.pdfx import IccProfile

    for p in ("/usr/share/color/icc/ghostscript/default_cmyk.icc", "/usr/share/color/icc/ghostscript/ps_cmyk.icc"):
        if Path(p).exists():
            return IccProfile.load(p)
    return None


def test_transparent_logo_is_composited_over_the_band_beneath_it(tmp_path):
    """A logo with a transparent border placed on the teal band: its transparent pixels carry
    the band's inks, not the card's cream background."""
    doc = new_from_template("thank-you")
    band = doc.get("front-band")
    img = Image.new("RGBA", (300, 300), (0, 0, 0, 0))
    for x in range(100, 200):
        for y in range(100, 200):
            img.putpixel((x, y), (255, 255, 255, 255))
    buf = io.BytesIO()
    img.save(buf, "PNG")
    aid = doc.add_asset(buf.getvalue(), "logo.png")
    doc.add_element("front", ImageElement(id="logo", x=40, y=200, w=72, h=72, asset_id=aid))
    out = tmp_path / "logo.pdf"
    export_pdf(doc, out, ExportOptions(preflight=False))
    assert _strict_problems(out) == []
    with pikepdf.open(out) as pdf:
        (raw,) = [v for _k, v in pdf.pages[0].obj.Resources.XObject.items() if v.get("/Subtype") == pikepdf.Name.Image and int(v.Width) == 300]
        pil = pikepdf.PdfImage(raw).as_pil_image()
    assert pil.mode == "CMYK"
    want = tuple(round(255 * v) for v in band.fill.cmyk)
    assert pil.getpixel((5, 295)) == want          # transparent corner: the band's teal
    assert pil.getpixel((150, 150)) == (0, 0, 0, 0)  # the opaque white square
    # the white "Made with care" note beneath the logo's transparent top still prints
    top = pil.crop((0, 0, 300, 90))
    assert top.getcolors(1 << 16) and (0, 0, 0, 0) in {c for _n, c in top.getcolors(1 << 16)}


@pytest.mark.parametrize("sheet", ["a4", "letter"])
def test_sheet_label_sits_outside_the_no_print_margin(sheet, tmp_path):
    doc = new_from_template("thank-you-mini")
    out = tmp_path / "sheet.pdf"
    layout = export_nup(doc, out, sheet, ExportOptions(preflight=False))
    with pikepdf.open(out) as pdf:
        for operands, op in pikepdf.parse_content_stream(pdf.pages[0]):
            if str(op) == "Tm":
                x, y = float(operands[4]), float(operands[5])
                assert x >= PRINTER_MARGIN and y - 0.25 * 6.5 >= PRINTER_MARGIN - 1e-6
    # crop marks stay above the label's strip
    assert layout.origin[1] - 15 >= PRINTER_MARGIN + 9.0 - 1e-6


def test_letter_fits_eight_mini_cards_and_portrait_cards_stay_upright_on_a4():
    mini = new_from_template("thank-you-mini").spec
    assert plan_nup(mini.width, mini.height, mini.bleed, "letter").count == 8
    a5 = new_from_template("warranty").spec   # 105 × 148 mm portrait
    layout = plan_nup(a5.width, a5.height, a5.bleed, "a4")
    assert layout.count == 2 and not layout.rotated


def test_waived_cards_sheet_carries_the_waiver(tmp_path):
    doc = new_from_template("thank-you")
    doc.set_text("back-contact", "Leave us a 5-star review and get a free gift!")
    out = tmp_path / "sheet.pdf"
    from app.verdict import judge_card

    export_nup(doc, out, "a4", ExportOptions(preflight=False, allow_violations="client approved the wording"),
               verdict=judge_card(doc))
    with pikepdf.open(out) as pdf:
        waiver = str(pdf.docinfo.get("/CardwiseWaiver", ""))
        xmp = pdf.Root.Metadata.read_bytes().decode()
    assert "client approved the wording" in waiver and "waived" in waiver
    assert "client approved the wording" in xmp


def test_no_bleed_with_full_bleed_artwork_warns():
    """`--bleed 0` on the thank-you card (teal band to the edge, cream background) warns
    PF021; the card's own 3 mm bleed does not."""
    from app.export.preflight import PreflightOptions, preflight

    doc = new_from_template("thank-you")
    found = [f for f in preflight(doc, PreflightOptions(bleed=0.0)) if f.rule == "PF021"]
    assert found and all(str(f.severity) == "warning" for f in found)
    assert "front-band" in {f.element_id for f in found}
    assert not [f for f in preflight(doc, PreflightOptions()) if f.rule == "PF021"]


@pytest.mark.parametrize("template", TEMPLATES)
def test_every_template_qr_has_a_four_module_quiet_zone(template):
    from app.model.elements import QrElement

    qrs = [el for _s, el in new_from_template(template).elements() if isinstance(el, QrElement)]
    assert qrs and all(q.quiet_zone >= 4 for q in qrs)


def _logo_card():
    doc = new_from_template("thank-you")
    img = Image.new("RGBA", (300, 300), (0, 0, 0, 0))
    for x in range(100, 200):
        for y in range(100, 200):
            img.putpixel((x, y), (255, 255, 255, 255))
    buf = io.BytesIO()
    img.save(buf, "PNG")
    aid = doc.add_asset(buf.getvalue(), "logo.png")
    doc.add_element("front", ImageElement(id="logo", x=40, y=200, w=72, h=72, asset_id=aid))
    return doc


def test_pdfx4_keeps_a_transparent_logo_as_a_soft_mask(tmp_path):
    """PDF/X-4 allows live transparency: the logo keeps its alpha as /SMask (transparent
    border 0, opaque square 255) and its pixels are not flattened onto anything."""
    icc = _cmyk_profile(tmp_path)
    if icc is None:
        pytest.skip("no CMYK ICC profile on this machine")
    out = tmp_path / "x4.pdf"
    export_pdf(_logo_card(), out, ExportOptions(preflight=False, pdfx="x4",
                                                icc_path="/usr/share/color/icc/ghostscript/default_cmyk.icc"))
    with pikepdf.open(out) as pdf:
        (raw,) = [v for _k, v in pdf.pages[0].obj.Resources.XObject.items()
                  if v.get("/Subtype") == pikepdf.Name.Image and int(v.Width) == 300]
        assert "/SMask" in raw
        mask = pikepdf.PdfImage(raw.SMask).as_pil_image()
    assert mask.getpixel((10, 10)) == 0 and mask.getpixel((150, 150)) == 255
