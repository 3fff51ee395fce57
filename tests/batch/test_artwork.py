"""Artwork gives the same findings as its plain text, and each box lands on the right words.

The cards are generated here (tests/batch/factory.py) from known texts. OCR tests are few
and small (≈0.3 s per card).
"""
from __future__ import annotations

import pytest

import artwork_factory as factory
from batch_cards import CLEAN, RISKY, SIGNUP_URL, categories

from app.batch.analyze import CheckOptions
from app.batch.runner import Entry, process

OPTS = CheckOptions()


def check_file(path) -> "FileResult":  # noqa: F821
    r = process(Entry(0, str(path), str(path)), OPTS)
    assert r.error is None, r.error
    return r


def expected(checker, blocks) -> set[str]:
    return categories(checker.check(factory.card_text(blocks)))


def word_box_pt(blocks, words: str) -> tuple[float, float, float, float]:
    """Where ``words`` were drawn: (x0, top, x1, bottom) in points from the top-left."""
    lines, _ = factory.layout(blocks)
    for ln in lines:
        i = ln.text.find(words)
        if i >= 0:
            x0 = ln.x + factory._measure(ln.text[:i], ln.size, ln.bold)
            x1 = x0 + factory._measure(words, ln.size, ln.bold)
            return x0, ln.top, x1, ln.top + ln.size * 1.2
    raise AssertionError(f"{words!r} is not on the card")


def covers(found, want, tol: float) -> bool:
    """``found`` (x0, y0, x1, y1) overlaps ``want`` on both axes within ``tol``."""
    return (found[0] <= want[2] + tol and found[2] >= want[0] - tol
            and found[1] <= want[3] + tol and found[3] >= want[1] - tol)


def finding_with(r, category: str, word: str):
    for f in r.findings:
        if str(f.category) == category and word.lower() in f.text.lower():
            return f
    raise AssertionError(f"no {category} finding containing {word!r}: "
                         f"{[(str(f.category), f.text) for f in r.findings]}")


def test_text_layer_pdf_matches_plain_text_and_boxes_land_on_words(art_dir, checker):
    """A reportlab PDF (text layer) yields the plain text's categories, boxed on the drawn words."""
    path = factory.pdf(RISKY, art_dir / "risky.pdf")
    r = check_file(path)
    assert categories(r.findings) == expected(checker, RISKY)
    f = finding_with(r, "review-incentive", "gift")
    assert f.page == 1
    x0, top, x1, bottom = word_box_pt(RISKY, "free gift")
    want = (x0, factory.H_PT - bottom, x1, factory.H_PT - top)  # PDF space: origin bottom-left
    assert covers(f.bbox, want, tol=2.0)
    assert r.extra["pages"][0]["text_layer"] and not r.extra["pages"][0]["ocr"]


def test_wrapped_sentence_is_joined_across_lines(art_dir, checker):
    """'If you are happy … / please leave us a 5-star review' wraps on the card but is one sentence to the checker."""
    path = factory.pdf(RISKY, art_dir / "wrap.pdf")
    r = check_file(path)
    assert "happy with your new lamp, please leave us a 5-star review" in r.text
    f = finding_with(r, "review-positive", "review")
    assert len(f.extra.get("boxes", [f.bbox])) >= 1


def test_clean_pdf_has_no_error_findings(art_dir):
    """A compliant card's PDF gets no error finding."""
    r = check_file(factory.pdf(CLEAN, art_dir / "clean.pdf"))
    assert not [f for f in r.findings if str(f.severity) == "error"]


def test_png_with_reversed_and_yellow_bands_and_a_signup_qr(art_dir, checker):
    """OCR reads white-on-blue and black-on-yellow lines; the sign-up QR is judged and boxed where it was drawn."""
    path = factory.png(RISKY, art_dir / "risky.png", qr=SIGNUP_URL)
    r = check_file(path)
    want = expected(checker, RISKY) | categories(checker.check_qr(SIGNUP_URL)) | categories(checker.check(SIGNUP_URL))
    assert categories(r.findings) == want
    s = 300 / 72
    f = finding_with(r, "review-incentive", "gift")  # the reversed line on the blue band
    x0, top, x1, bottom = word_box_pt(RISKY, "free gift")
    assert covers(f.bbox, (x0 * s, top * s, x1 * s, bottom * s), tol=12)
    qr = [f for f in r.findings if f.extra.get("qr")]
    assert qr and all(f.text == SIGNUP_URL for f in qr)
    qx, qy = factory.QR_POS_PT
    assert covers(qr[0].bbox, (qx * s, qy * s, (qx + factory.QR_SIZE_PT) * s, (qy + factory.QR_SIZE_PT) * s), tol=5)
    assert "data-collection" in categories(qr)
    assert "VIP club" in r.text  # the yellow band


def test_outlined_pdf_is_read_by_ocr_with_the_same_findings(art_dir, checker):
    """Ghostscript-outlined text (no text layer) is OCRed and gives the plain text's categories in PDF points."""
    path = factory.outlined_pdf(RISKY, art_dir / "outlined.pdf")
    r = check_file(path)
    page = r.extra["pages"][0]
    assert page["ocr"] and not page["text_layer"]
    assert categories(r.findings) == expected(checker, RISKY)
    f = finding_with(r, "review-incentive", "gift")
    x0, top, x1, bottom = word_box_pt(RISKY, "free gift")
    assert covers(f.bbox, (x0, factory.H_PT - bottom, x1, factory.H_PT - top), tol=4)


def test_page_with_text_layer_and_text_in_an_image_gets_both_without_doubles(art_dir, checker, tmp_path):
    """Text-layer lines and a pasted picture of a line are both read; nothing is reported twice."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    line = [factory.Block("Leave a review and get a free gift card!", style="reversed")]
    pic = factory.png(line, tmp_path / "line.png", dpi=200).as_posix()
    path = art_dir / "mixed.pdf"
    c = canvas.Canvas(str(path), pagesize=(factory.W_PT, factory.H_PT))
    factory._register()
    c.setFont("CwVera", 11)
    c.drawString(20, 400, "Thank you for your purchase! Contact us through Amazon Buyer-Seller Messaging.")
    c.drawString(20, 380, "Leave a review and get a free gift card!")  # the same words as text
    c.drawImage(ImageReader(pic), 0, 150, factory.W_PT, factory.H_PT * 0.5)
    c.save()
    r = check_file(path)
    assert r.extra["pages"][0]["text_layer"] and r.extra["pages"][0]["ocr"]
    incentive = [f for f in r.findings if str(f.category) == "review-incentive"]
    assert len(incentive) == 2  # once from the text layer, once from the picture: two places
    assert incentive[0].bbox != incentive[1].bbox
    assert r.text.count("free gift card") == 2


@pytest.mark.parametrize("kind", ["svg", "docx"])
def test_svg_and_docx_match_plain_text(art_dir, checker, kind):
    """SVG text/tspans and DOCX paragraphs give the plain text's categories."""
    make = getattr(factory, kind)
    r = check_file(make(RISKY, art_dir / f"risky.{kind}"))
    assert categories(r.findings) == expected(checker, RISKY)
    if kind == "svg":
        assert finding_with(r, "review-incentive", "gift").element_id == "t3"


def test_cardwise_project_findings_point_at_elements(tmp_path, checker):
    """A .cardwise project's text box and QR code findings carry their element ids."""
    from app.io.project import save
    from app.model.document import Document
    from app.model.elements import QrElement, TextBox

    doc = Document()
    box = TextBox.from_text("Thank you!\nLeave a review and get a free gift!", x=20, y=20, w=200, h=80)
    qr = QrElement(payload=SIGNUP_URL, x=20, y=200, w=72, h=72)
    doc.add_element("front", box)
    doc.add_element("front", qr)
    path = save(doc, tmp_path / "card.cardwise")
    r = check_file(path)
    assert finding_with(r, "review-incentive", "gift").element_id == box.id
    assert any(f.element_id == qr.id for f in r.findings if f.extra.get("qr"))


def test_japanese_card_is_read_without_spaces_when_language_is_auto(tmp_path):
    """With --lang auto, a Japanese card that the English model cannot read is re-read with Japanese, words joined without spaces."""
    from PIL import Image, ImageDraw, ImageFont

    font_path = "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"
    pytest.importorskip("tesserocr")
    if not __import__("os").path.exists(font_path):
        pytest.skip("fonts-droid-fallback is not installed")
    img = Image.new("RGB", (900, 300), "white")
    ImageDraw.Draw(img).text((40, 100), "レビューを書いてギフトをもらおう", font=ImageFont.truetype(font_path, 44), fill="black")
    path = tmp_path / "ja.png"
    img.save(path)
    r = check_file(path)
    assert "レビューを書いてギフトをもらおう" in r.text
    assert not [f for f in r.findings if f.rule == "AW001"]  # read, not flagged as unreadable


def test_chinese_card_is_read_with_the_chinese_model_when_language_is_auto(tmp_path):
    """With --lang auto, Chinese artwork is re-read with the Simplified Chinese model (the
    Japanese one garbles simplified forms: 好普返現博隊系) and noted as Chinese, not checked
    as Japanese."""
    from PIL import Image, ImageDraw, ImageFont

    font_path = "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"
    tesserocr = pytest.importorskip("tesserocr")
    if not __import__("os").path.exists(font_path):
        pytest.skip("fonts-droid-fallback is not installed")
    from app.batch.ocr import tessdata_dir

    if "chi_sim" not in tesserocr.get_languages(tessdata_dir())[1]:
        pytest.skip("tesseract-ocr-chi-sim is not installed")
    img = Image.new("RGB", (1000, 300), "white")
    ImageDraw.Draw(img).text((40, 100), "好评返现请联系客服领取红包", font=ImageFont.truetype(font_path, 44), fill="black")
    path = tmp_path / "zh.png"
    img.save(path)
    r = check_file(path)
    assert "好评返现请联系客服领取红包" in r.text
    notes = [f for f in r.findings if f.rule == "CW000"]
    assert notes and "Chinese" in notes[0].message


def test_vector_qr_in_a_pdf_is_decoded_without_ocr_and_bands_cost_no_render(tmp_path):
    """A QR drawn as vector modules is found and boxed; a card whose only shapes are bands is not rendered at all."""
    from reportlab.graphics import renderPDF
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing
    from reportlab.pdfgen import canvas

    path = tmp_path / "vector-qr.pdf"
    c = canvas.Canvas(str(path), pagesize=(factory.W_PT, factory.H_PT))
    c.drawString(20, 400, "Thank you for your order!")
    d = Drawing(90, 90)
    d.add(QrCodeWidget("https://brand.example/coupon?code=VIP15", barWidth=90, barHeight=90))
    renderPDF.draw(d, c, 150, 40)
    c.save()
    r = check_file(path)
    assert r.extra["qr_codes"] and r.extra["qr_codes"][0]["payload"].endswith("code=VIP15")
    x0, y0, x1, y1 = r.extra["qr_codes"][0]["bbox"]
    assert 150 <= x0 < x1 <= 240 and 40 <= y0 < y1 <= 130  # PDF points, where it was drawn
    assert not r.extra["pages"][0]["ocr"]
    assert any(f.extra.get("qr") for f in r.findings)

    from app.batch.readers.pdf import _inspect_objects
    import pypdfium2 as pdfium
    banded = factory.pdf(RISKY, tmp_path / "banded.pdf")
    page = pdfium.PdfDocument(str(banded))[0]
    assert _inspect_objects(page, [], factory.W_PT * factory.H_PT) == ([], [], 0)
