"""The print PDF: page boxes, colour, fonts, images, text, crop marks, atomic output, PDF/X markers."""
from __future__ import annotations

import shutil
from pathlib import Path

import pikepdf
import pytest

from app.errors import ExportError
from app.export import pdf as pdfmod
from app.export.boxes import PageBoxes
from app.export.pdf import ExportOptions, export_pdf
from app.export.verify import text_lines, text_lines_in, verify_pdf
from app.model.color import Color
from app.model.elements import RectElement, TextBox
from app.model.units import mm
from app.verdict import judge_card

from export_fixtures import build_card


def test_boxes_are_exact_on_every_page(exported):
    """TrimBox is the ordered size and BleedBox adds exactly 3 mm on each side, on front and back."""
    doc, path = exported
    report = verify_pdf(path, expect_pages=2, expect_trim=(doc.spec.width, doc.spec.height),
                        expect_bleed=doc.spec.bleed)
    assert report.ok, report.problems
    b = doc.spec.bleed
    for page in report.pages:
        x0, y0, x1, y1 = page.trim_box
        assert (x0, y0) == pytest.approx((b, b), abs=0.001)
        assert (x1 - x0, y1 - y0) == pytest.approx((doc.spec.width, doc.spec.height), abs=0.002)
        assert page.bleed_box == pytest.approx((0.0, 0.0, doc.spec.width + 2 * b, doc.spec.height + 2 * b), abs=0.002)
        assert page.media_box == page.bleed_box   # no marks: media = trim + bleed


def test_crop_marks_add_a_slug_and_stay_outside_the_bleed(exported_marks):
    """With marks, the media grows, and the eight strokes drawn in /All (read from the PDF) lie outside the BleedBox."""
    doc, path = exported_marks
    boxes = PageBoxes(doc.spec.width, doc.spec.height, doc.spec.bleed, crop_marks=True)
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            assert [round(float(v), 3) for v in page.obj.MediaBox] == list(boxes.media_box)
            assert [round(float(v), 3) for v in page.obj.TrimBox] == list(boxes.trim_box)
            spaces = page.obj.Resources.ColorSpace
            all_names = {str(k) for k, cs in spaces.items() if str(cs[0]) == "/Separation" and str(cs[1]) == "/All"}
            assert all_names, "crop marks must be in the registration colour"
            in_all, depth, points, strokes, widths = False, 0, [], 0, set()
            for ins in pikepdf.parse_content_stream(page):
                op = str(ins.operator)
                if op == "CS":
                    in_all = str(ins.operands[0]) in all_names
                elif op == "cm" and in_all:
                    raise AssertionError("marks must be drawn in page coordinates")
                elif op == "w" and in_all:
                    widths.add(float(ins.operands[0]))
                elif op in ("m", "l") and in_all:
                    points.append(tuple(float(v) for v in ins.operands))
                elif op == "S" and in_all:
                    strokes += 1
                elif op == "Q" and in_all:
                    in_all = False
            assert strokes >= 1 and len(points) == 16 and widths == {0.25}
            x0, y0, x1, y1 = (float(v) for v in page.obj.BleedBox)
            for x, y in points:
                assert x < x0 or x > x1 or y < y0 or y > y1, (x, y)


def test_only_embedded_fonts_and_no_helvetica(exported):
    """Every font in the PDF is an embedded subset; reportlab's default Helvetica never appears."""
    _doc, path = exported
    report = verify_pdf(path)
    assert report.fonts, "the card has text, so fonts must be listed"
    assert all(f.embedded for f in report.fonts)
    assert not any("Helvetica" in f.name for f in report.fonts)


def test_no_rgb_and_no_transparency_anywhere(exported):
    """No DeviceRGB in content, images or resources, and no soft masks (the RGBA logo is flattened)."""
    _doc, path = exported
    report = verify_pdf(path)
    assert report.rgb_uses == []
    assert report.transparency == []
    assert {img.colour_space for img in report.images} <= {"/DeviceCMYK", "/DeviceGray"}


def test_images_are_cmyk_and_downsampled_to_300_ppi(exported):
    """The 900-ppi photo is brought down to 300 ppi; no image is under 300 ppi effective."""
    _doc, path = exported
    report = verify_pdf(path)
    ppis = sorted(round(img.min_ppi) for img in report.images)
    assert len(ppis) == 2
    assert all(p >= 299 for p in ppis)
    assert min(abs(p - 300) for p in ppis) <= 2   # the downsampled photo


def test_pdf_text_lines_equal_the_layout_lines(exported):
    """Line breaks in the PDF (read back with pdfium) are exactly the model layout's lines, box by box."""
    from app.model.fonts import library_for
    from app.model.text_layout import layout

    doc, path = exported
    fonts = library_for(doc)
    boxes = PageBoxes(doc.spec.width, doc.spec.height, doc.spec.bleed)
    seen = 0
    for page_index, side in enumerate(doc.sides):
        for el in side.elements:
            if not isinstance(el, TextBox):
                continue
            expected = [ln.ink_text for ln in layout(el, fonts).lines if ln.ink_text and not ln.overset]
            x0, y1 = boxes.to_pdf(el.x, el.y)
            x1, y0 = boxes.to_pdf(el.x + el.w, el.y + el.h)
            got = text_lines_in(path, page_index, (x0 - 0.5, y0 - 0.5, x1 + 0.5, y1 + 0.5))
            assert [" ".join(x.split()) for x in got] == [" ".join(x.split()) for x in expected]
            seen += len(expected)
    assert seen >= 5   # the justified body wraps over several lines
    assert "Thank you!" in text_lines(path, 0)


def test_pdfx_markers_are_written(exported):
    """OutputIntent GTS_PDFX, GTS_PDFXVersion, Trapped /False and a title are in the file."""
    _doc, path = exported
    with pikepdf.open(path) as pdf:
        oi = pdf.Root.OutputIntents[0]
        assert str(oi.S) == "/GTS_PDFX"
        assert str(oi.OutputConditionIdentifier) == "FOGRA39"
        assert str(pdf.docinfo.GTS_PDFXVersion) == "PDF/X-1a:2003"
        assert str(pdf.docinfo.Trapped) == "/False"
        assert str(pdf.docinfo.Title) == "Test card"
        assert pdf.pdf_version <= "1.4"


def test_x4_needs_a_cmyk_icc_profile(card, tmp_path):
    """PDF/X-4 without a profile is refused with a clear message and writes nothing."""
    with pytest.raises(ExportError, match="ICC"):
        export_pdf(card, tmp_path / "x4.pdf", ExportOptions(pdfx="x4", preflight=False))
    assert not (tmp_path / "x4.pdf").exists()


GS_CMYK = sorted(Path("/usr/share/ghostscript").glob("*/iccprofiles/default_cmyk.icc"))


@pytest.mark.skipif(not GS_CMYK, reason="no CMYK ICC profile on this machine")
def test_x4_with_icc_embeds_the_profile_and_converts_images(card, tmp_path):
    """With --icc the profile becomes the output intent and RGB images go through it."""
    out = tmp_path / "x4.pdf"
    result = export_pdf(card, out, ExportOptions(pdfx="x4", icc_path=GS_CMYK[0], preflight=False))
    assert any(m.startswith("icc:") for m in result.image_methods)
    with pikepdf.open(out) as pdf:
        oi = pdf.Root.OutputIntents[0]
        assert int(oi.DestOutputProfile.N) == 4
        assert str(pdf.docinfo.GTS_PDFXVersion) == "PDF/X-4"
        with pdf.open_metadata() as meta:
            assert meta["pdfxid:GTS_PDFXVersion"] == "PDF/X-4"


def test_rgb_icc_profile_is_refused(card, tmp_path):
    """An RGB profile given as the press profile is named as the problem."""
    rgb = sorted(Path("/usr/share/ghostscript").glob("*/iccprofiles/default_rgb.icc"))
    if not rgb:
        pytest.skip("no RGB profile to try")
    with pytest.raises(ExportError, match="CMYK output"):
        export_pdf(card, tmp_path / "c.pdf", ExportOptions(icc_path=rgb[0], preflight=False))


def test_failed_export_leaves_no_file_and_keeps_the_old_one(card, tmp_path, monkeypatch):
    """A failure after drawing (here: in the PDF/X step) leaves the previous PDF untouched and no temp file."""
    target = tmp_path / "card.pdf"
    target.write_bytes(b"previous export")

    def boom(*_a, **_k):
        raise ExportError("simulated failure")

    monkeypatch.setattr(pdfmod, "add_pdfx_markers", boom)
    with pytest.raises(ExportError, match="simulated"):
        export_pdf(card, target, ExportOptions(preflight=False))
    assert target.read_bytes() == b"previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["card.pdf"]


def test_failed_first_export_leaves_nothing(card, tmp_path, monkeypatch):
    """An exception while drawing an element writes no PDF at all."""
    from app.export import drawers

    def boom(*_a, **_k):
        raise RuntimeError("drawer crashed")

    monkeypatch.setattr(drawers, "draw_background", boom)
    monkeypatch.setattr(pdfmod, "draw_background", boom)
    with pytest.raises(RuntimeError):
        export_pdf(card, tmp_path / "new.pdf", ExportOptions(preflight=False))
    assert list(tmp_path.iterdir()) == []


def test_spot_and_rich_black_survive_colour_enforcement(card, tmp_path):
    """A spot colour stays a Separation and rich black keeps its CMY (reportlab's 'cmyk' modes would not)."""
    card.add_element("front", RectElement(id="spot", x=10, y=10, w=20, h=20, stroke=None,
                                          fill=Color(0, 0.9, 0.8, 0, spot="PANTONE 186 C", tint=0.8)))
    card.add_element("front", RectElement(id="rich", x=40, y=10, w=20, h=20, stroke=None,
                                          fill=Color(0.6, 0.4, 0.4, 1.0)))
    out = tmp_path / "c.pdf"
    export_pdf(card, out, ExportOptions(preflight=False))
    with pikepdf.open(out) as pdf:
        page = pdf.pages[0]
        names = [str(cs[1]) for cs in page.obj.Resources.ColorSpace.values()]
        assert "/PANTONE_186_C" in names
        ks = [[round(float(v), 2) for v in i.operands] for i in pikepdf.parse_content_stream(page)
              if str(i.operator) == "k"]
        assert [0.6, 0.4, 0.4, 1.0] in ks


def test_rgb_colour_reaching_the_canvas_is_an_error():
    """The colour enforcer turns RGB grays into K and refuses any other RGB."""
    from reportlab.lib.colors import CMYKColor, CMYKColorSep, Color as RLColor

    from app.export.colour import enforce_print_colour

    assert enforce_print_colour(RLColor(0.5, 0.5, 0.5)).black == pytest.approx(0.5)
    sep = CMYKColorSep(1, 1, 1, 1, spotName="All")
    assert enforce_print_colour(sep) is sep
    assert isinstance(enforce_print_colour(CMYKColor(0.6, 0.4, 0.4, 1)), CMYKColor)
    with pytest.raises(ExportError, match="RGB"):
        enforce_print_colour(RLColor(1, 0, 0))


def test_bleed_override_changes_only_the_bleed(card, tmp_path):
    """--bleed 0.125in writes a 9 pt bleed around the same trim, and backgrounds run through it."""
    out = tmp_path / "b.pdf"
    export_pdf(card, out, ExportOptions(bleed=9.0, preflight=False))
    report = verify_pdf(out, expect_trim=(card.spec.width, card.spec.height), expect_bleed=9.0)
    assert report.ok, report.problems


@pytest.mark.skipif(shutil.which("gs") is None, reason="Ghostscript not installed")
def test_outline_text_removes_fonts_and_keeps_boxes(card, tmp_path):
    """Text to outlines: no fonts left, TrimBox/BleedBox and the /All marks survive Ghostscript."""
    out = tmp_path / "o.pdf"
    export_pdf(card, out, ExportOptions(preflight=False, outline_text=True, crop_marks=True))
    report = verify_pdf(out, expect_pages=2, expect_trim=(card.spec.width, card.spec.height),
                        expect_bleed=card.spec.bleed)
    assert report.ok, report.problems
    assert report.fonts == []
    assert report.pages[0].text.strip() == ""
    with pikepdf.open(out) as pdf:
        assert str(pdf.docinfo.GTS_PDFXVersion) == "PDF/X-1a:2003"


def test_one_sided_card_has_one_page(tmp_path):
    """A one-sided card exports a single page."""
    from app.model.geometry import CardSpec

    doc = build_card(CardSpec.from_preset("a6", sides=1))
    out = tmp_path / "one.pdf"
    result = export_pdf(doc, out, ExportOptions(preflight=False))
    assert result.pages == 1
    assert verify_pdf(out, expect_pages=1).ok


def test_missing_output_folder_is_a_clear_error(card, tmp_path):
    """Exporting into a folder that does not exist names the folder."""
    with pytest.raises(ExportError, match="does not exist"):
        export_pdf(card, tmp_path / "nope" / "c.pdf", ExportOptions(preflight=False))


def test_boxes_geometry_matches_the_worked_example():
    """4×6 in, 0.125 in bleed, marks: MediaBox 342×486 pt with the trim 27 pt in (research/print.md §2.1)."""
    b = PageBoxes(288, 432, 9, crop_marks=True)
    assert b.media_box == (0.0, 0.0, 342.0, 486.0)
    assert b.bleed_box == (18.0, 18.0, 324.0, 468.0)
    assert b.trim_box == (27.0, 27.0, 315.0, 459.0)
    assert PageBoxes(288, 432, mm(3)).media_size == (round(288 + 2 * mm(3), 3), round(432 + 2 * mm(3), 3))


def test_black_text_overprints_and_coloured_text_knocks_out(exported):
    """100 K text sits in an overprint graphics state; the white headline does not."""
    _doc, path = exported
    with pikepdf.open(path) as pdf:
        page = pdf.pages[0]
        states = page.obj.Resources.ExtGState
        op_names = {str(k) for k, v in states.items() if bool(v.get("/op", False))}
        assert op_names, "no overprint state for black text"
        stack: list[bool] = [False]
        shows: list[bool] = []     # overprint on for each text-show operator?
        for ins in pikepdf.parse_content_stream(page):
            op = str(ins.operator)
            if op == "q":
                stack.append(stack[-1])
            elif op == "Q":
                stack.pop()
            elif op == "gs" and str(ins.operands[0]) in op_names:
                stack[-1] = True
            elif op in ("Tj", "TJ"):
                shows.append(stack[-1])
        assert shows[0] is False          # the white "Thank you!" knocks out
        assert any(shows[1:])             # the black body text overprints


def test_photo_colour_survives_cmyk_conversion(exported):
    """The RGB photo (20, 120, 200) renders back blue, not orange: the CMYK JPEG's polarity is right."""
    from app.export.proof import ProofOptions, render_pages

    doc, path = exported
    img = render_pages(path, ProofOptions(dpi=72, view="trim", pages=(0,)))[0]
    el = doc.get("photo")
    r, g, b = img.getpixel((int(el.x + el.w / 2) + 3, int(el.y + el.h / 2) + 3))
    assert b > g > r and b > 130, (r, g, b)   # an inverted CMYK JPEG would come out orange


def test_transparent_logo_pixels_take_the_exact_background_inks():
    """Alpha is flattened in ink space: a fully transparent pixel becomes the colour underneath, exactly."""
    import io as _io

    from PIL import Image

    from app.export.images import prepare_image
    from export_fixtures import png_bytes

    prepared = prepare_image(png_bytes((100, 100), alpha_left=True), crop_px=(0, 0, 100, 100),
                             placed_pt=(72, 72), under_cmyk=(0.02, 0.0, 0.06, 0.0))
    assert prepared.mode == "CMYK" and prepared.had_alpha
    with Image.open(_io.BytesIO(prepared.data)) as im:
        assert im.getpixel((10, 50)) == (5, 0, 15, 0)       # the card's cream background
        c, m, y, k = im.getpixel((90, 50))
        assert m > 200 and c < 10 and k < 70               # the red half is still red


def test_images_between_300_and_450_ppi_are_left_alone():
    """Only images above 450 ppi are resampled; a 400-ppi image keeps its pixels."""
    from app.export.images import prepare_image
    from export_fixtures import jpeg_bytes

    p = prepare_image(jpeg_bytes((400, 400), colour=(9, 9, 9)), crop_px=(0, 0, 400, 400), placed_pt=(72, 72))
    assert p.size == (400, 400) and not p.downsampled
    q = prepare_image(jpeg_bytes((1200, 1200), colour=(9, 9, 8)), crop_px=(0, 0, 1200, 1200), placed_pt=(72, 72))
    assert q.size == (300, 300) and q.downsampled


def test_rotated_text_stays_searchable_and_rotated_box_is_preflighted(tmp_path):
    """A text box turned 90° still exports as text; turned near the edge, its corners trip the trim check."""
    from app.export.preflight import preflight_print
    from app.model.elements import Paragraph, TextStyle

    doc = build_card()
    note = TextBox(id="side-note", x=mm(30), y=mm(130), w=mm(70), h=mm(8),
                   paragraphs=(Paragraph("Made with care in our small workshop", TextStyle(size_pt=9)),))
    doc.add_element("back", note)
    assert [f for f in preflight_print(doc) if f.element_id == note.id] == []   # upright it fits
    doc.set_property(note.id, "rotation", 90.0)
    out = tmp_path / "r.pdf"
    export_pdf(doc, out, ExportOptions(preflight=False))
    assert "Made with care in our small workshop" in " ".join(text_lines(out, 1))
    found = [f for f in preflight_print(doc) if f.element_id == note.id]
    assert [f.rule for f in found] == ["PF002"]   # turned 90° it runs past the bottom trim


def test_disk_full_midway_is_a_clear_error_and_leaves_nothing(card, tmp_path, monkeypatch):
    """An OSError while the PDF is written (e.g. a full disk) becomes one ExportError; no temp file stays."""
    import errno

    from reportlab.pdfgen.canvas import Canvas

    def full(self, *a, **k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Canvas, "save", full)
    with pytest.raises(ExportError, match="No space left"):
        export_pdf(card, tmp_path / "c.pdf", ExportOptions(preflight=False))
    assert list(tmp_path.iterdir()) == []


def test_output_path_that_is_a_folder_is_named(card, tmp_path):
    """Pointing -o at a folder is refused with a message, and the folder is untouched."""
    folder = tmp_path / "out.pdf"
    folder.mkdir()
    with pytest.raises(ExportError, match="folder"):
        export_pdf(card, folder, ExportOptions(preflight=False))
    assert folder.is_dir() and list(folder.iterdir()) == []


def test_waiver_without_errors_writes_no_signoff(card, tmp_path):
    """A waiver reason on a clean card changes nothing: no sign-off sheet, no waiver in the metadata."""
    out = tmp_path / "c.pdf"
    result = export_pdf(card, out, ExportOptions(allow_violations="just in case", verify=True), verdict=judge_card(card))
    assert not [f for f in result.findings if str(f.severity) == "error"], result.findings
    assert result.signoff_path is None and not (tmp_path / "c-signoff.pdf").exists()
    with pikepdf.open(out) as pdf:
        assert "/CardwiseWaiver" not in pdf.docinfo


def test_the_gate_refuses_a_provisional_verdict(card, tmp_path):
    """A verdict judged without the sentence encoder's last reads (``provisional``, the
    designer's keystroke verdict) never decides an export, even a clean one."""
    from dataclasses import replace

    verdict = judge_card(card)
    assert not verdict.provisional
    with pytest.raises(ExportError, match="provisional"):
        export_pdf(card, tmp_path / "c.pdf", ExportOptions(), verdict=replace(verdict, provisional=True))
    assert list(tmp_path.iterdir()) == []


def test_waived_pdf_never_lands_without_its_signoff_sheet(card, tmp_path, monkeypatch):
    """If the sign-off sheet cannot be written, the waived PDF is not written either."""
    from app.export import signoff
    from app.model.elements import Paragraph, TextStyle

    card.add_element("front", TextBox(x=mm(10), y=mm(120), w=mm(30), h=mm(4),
                                      paragraphs=(Paragraph("does not fit " * 8, TextStyle(size_pt=9)),)))

    def boom(*_a, **_k):
        raise ExportError("sign-off folder is read-only")

    monkeypatch.setattr(signoff, "write_signoff", boom)
    with pytest.raises(ExportError, match="read-only"):
        export_pdf(card, tmp_path / "c.pdf", ExportOptions(allow_violations="ok"), verdict=judge_card(card))
    assert list(tmp_path.iterdir()) == []


def test_unknown_pdfx_mode_or_condition_is_named_up_front(card, tmp_path):
    """A PDF/X flavour or printing condition Cardwise does not know is refused before drawing."""
    with pytest.raises(ExportError, match="x3"):
        export_pdf(card, tmp_path / "c.pdf", ExportOptions(pdfx="x3", preflight=False))
    with pytest.raises(ExportError, match="fogra99"):
        export_pdf(card, tmp_path / "c.pdf", ExportOptions(condition="fogra99", preflight=False))
    assert list(tmp_path.iterdir()) == []


FONT_FILES = sorted(Path("/usr/share/fonts/truetype/dejavu").glob("DejaVuSansMono.ttf"))


@pytest.mark.skipif(not FONT_FILES, reason="no DejaVu font file to add to a project")
def test_font_added_to_the_project_is_embedded(card, tmp_path):
    """A TrueType font that travels inside the project is embedded as a subset and its text stays searchable."""
    from app.model.elements import Paragraph, TextStyle

    family = card.add_font(FONT_FILES[0].read_bytes(), "BrandMono.ttf")
    card.add_element("back", TextBox(x=mm(10), y=mm(100), w=mm(80), h=mm(10),
                                     paragraphs=(Paragraph("Order 123-456", TextStyle(font_family=family)),)))
    out = tmp_path / "f.pdf"
    export_pdf(card, out, ExportOptions(preflight=False))
    report = verify_pdf(out)
    assert any("DejaVuSansMono" in f.name and f.embedded for f in report.fonts)
    assert "Order 123-456" in " ".join(text_lines(out, 1))


def test_glyph_positions_follow_the_layout_after_a_tracked_line(tmp_path):
    """A letter-spaced heading does not leak its tracking into the next line: glyph x positions match the layout."""
    import pypdfium2 as pdfium

    from app.model.document import Document
    from app.model.elements import Paragraph, TextStyle
    from app.model.fonts import library_for
    from app.model.geometry import CardSpec
    from app.model.text_layout import layout

    doc = Document.new(CardSpec.from_preset("a6", sides=1))
    box = doc.add_element("front", TextBox(x=mm(10), y=mm(10), w=mm(85), h=mm(30), paragraphs=(
        Paragraph("TRACKED", TextStyle(size_pt=10, letter_spacing=3, color=Color(0, 0, 0, 0.8))),
        Paragraph("plain words", TextStyle(size_pt=10, color=Color(0, 0, 0, 0.8))))))   # not 100 K: no q/Q
    out = tmp_path / "t.pdf"
    export_pdf(doc, out, ExportOptions(preflight=False))
    boxes = PageBoxes(doc.spec.width, doc.spec.height, doc.spec.bleed)
    lines = layout(box, library_for(doc)).lines
    pdf = pdfium.PdfDocument(str(out))
    try:
        tp = pdf[0].get_textpage()
        lefts = [tp.get_charbox(i)[0] for i in range(tp.count_chars()) if tp.get_text_range(i, 1).strip()]
        tp.close()
    finally:
        pdf.close()
    expected = [boxes.to_pdf(box.x + x, 0)[0] for ln in lines for x, ch in zip(ln.glyph_x, ln.text) if ch.strip()]
    assert len(lefts) == len(expected)
    # glyph boxes start at the origin plus the glyph's left side bearing: allow a small, constant offset
    assert all(abs(a - b) < 1.2 for a, b in zip(lefts, expected)), list(zip(lefts, expected))


def test_hidden_elements_are_not_printed(tmp_path):
    """A hidden text box and a hidden red band are left out of the PDF; shown again, they print."""
    import pypdfium2 as pdfium

    from app.model.document import Document
    from app.model.geometry import CardSpec

    doc = Document.new(CardSpec.from_preset("a6", sides=1))
    band = doc.add_element("front", RectElement(x=0, y=mm(60), w=mm(105), h=mm(30), fill=Color(0, 1, 1, 0), stroke=None))
    doc.add_element("front", TextBox.from_text("Printed line", x=mm(10), y=mm(10), w=mm(80), h=mm(10)))
    note = doc.add_element("front", TextBox.from_text("Draft note", x=mm(10), y=mm(30), w=mm(80), h=mm(10)))

    def render(name: str):
        out = tmp_path / name
        export_pdf(doc, out, ExportOptions(preflight=False))
        pdf = pdfium.PdfDocument(str(out))
        img = pdf[0].render(scale=0.5).to_pil().convert("RGB")
        pdf.close()
        return " ".join(text_lines(out, 0)), img.getpixel((img.width // 2, round(img.height * 0.5)))

    doc.set_property(note.id, "hidden", True)
    doc.set_property(band.id, "hidden", True)
    text, middle = render("hidden.pdf")
    assert "Printed line" in text and "Draft note" not in text
    assert middle[0] > 240 and middle[1] > 240, middle          # paper white, no red band
    doc.set_property(note.id, "hidden", False)
    doc.set_property(band.id, "hidden", False)
    text, middle = render("shown.pdf")
    assert "Draft note" in text and middle[1] < 120, middle     # the red band is back
