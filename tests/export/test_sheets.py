"""N-up sheet, PNG proof and sign-off sheet."""
from __future__ import annotations

import pikepdf
import pytest
from PIL import Image

from app.errors import ExportError
from app.export.nup import export_nup, plan_nup
from app.export.proof import ProofOptions, render_pages, render_proof
from app.export.signoff import write_signoff
from app.export.verify import verify_pdf
from app.model.geometry import CardSpec
from app.model.units import mm
from checks.findings import Category, Finding, Severity

from export_fixtures import build_card


def test_business_cards_fill_an_a4_sheet():
    """85×55 mm with 3 mm bleed: nine cards fit on A4 (turned), eight on Letter."""
    a4 = plan_nup(mm(85), mm(55), mm(3), "a4")
    assert a4.count == 9
    letter = plan_nup(mm(85), mm(55), mm(3), "Letter")
    assert letter.count == 8
    assert a4.cell == pytest.approx((mm(61), mm(91)) if a4.rotated else (mm(91), mm(61)))


def test_card_too_big_for_the_sheet_is_refused():
    """A card larger than the sheet names the problem."""
    with pytest.raises(ExportError, match="does not fit"):
        plan_nup(mm(300), mm(400), mm(3), "a4")
    with pytest.raises(ExportError, match="A4 or Letter"):
        plan_nup(mm(85), mm(55), mm(3), "A3")


def test_nup_sheet_places_every_card_with_marks(tmp_path):
    """The A4 sheet has front and back pages, one placement per cell, /All marks, no RGB, fonts embedded."""
    doc = build_card(CardSpec.from_preset("85x55mm"))
    out = tmp_path / "sheet.pdf"
    from app.export.pdf import ExportOptions

    layout = export_nup(doc, out, "a4", ExportOptions(preflight=False))   # geometry only: the test card
    # is laid out for A6, so some of its text crosses this smaller trim (the gate is tested below)
    report = verify_pdf(out, expect_pages=2, min_ppi=0)
    assert report.ok, report.problems
    with pikepdf.open(out) as pdf:
        for page in pdf.pages:
            # A4 either way round: the upright cards decide the sheet's orientation
            assert sorted(round(float(v), 2) for v in page.obj.MediaBox) == [0, 0, 595.28, 841.89]
            assert [round(float(v), 2) for v in page.obj.MediaBox][2:] == [round(v, 2) for v in layout.sheet_size]
            ops = [i for i in pikepdf.parse_content_stream(page) if str(i.operator) == "Do"]
            assert len(ops) == layout.count
            seps = [str(cs[1]) for cs in page.obj.Resources.ColorSpace.values() if str(cs[0]) == "/Separation"]
            assert "/All" in seps


def test_nup_backs_are_mirrored(tmp_path):
    """Back cells mirror the front cells left–right so duplex printing lines them up."""
    layout = plan_nup(mm(85), mm(55), mm(3), "a4")
    fronts = layout.cells()
    backs = layout.cells(mirrored=True)
    w = layout.sheet_size[0]
    for (fx, fy), (bx, by) in zip(fronts, backs):
        assert by == fy
        assert bx == pytest.approx(w - fx - layout.cell[0])


def test_proof_size_matches_dpi_and_view(exported, tmp_path):
    """A trim proof at 100 dpi is trim × 100/72 px per page; the bleed view adds the bleed."""
    doc, path = exported
    trim = render_pages(path, ProofOptions(dpi=100))
    bleed = render_pages(path, ProofOptions(dpi=100, view="bleed"))
    assert len(trim) == 2
    assert trim[0].width == pytest.approx(doc.spec.width * 100 / 72, abs=1)
    assert trim[0].height == pytest.approx(doc.spec.height * 100 / 72, abs=1)
    assert bleed[0].width == pytest.approx((doc.spec.width + 2 * doc.spec.bleed) * 100 / 72, abs=1)
    png = render_proof(path, tmp_path / "proof.png", ProofOptions(dpi=50, view="bleed", guides=True,
                                                                  safe=doc.spec.safe))
    with Image.open(png) as im:
        assert im.width > 2 * bleed[0].width * 50 / 100 - 2   # both sides side by side


def test_proof_shows_the_band_colour_through_the_bleed(exported):
    """The top-left bleed corner of the front is the band's blue, not paper white."""
    _doc, path = exported
    img = render_pages(path, ProofOptions(dpi=72, view="bleed", pages=(0,)))[0]
    r, g, b = img.getpixel((2, 2))
    assert b > r + 60 and b > 100


def test_proof_guides_are_drawn(exported):
    """With guides the trim line (red) appears where the trim is."""
    doc, path = exported
    img = render_pages(path, ProofOptions(dpi=72, view="bleed", guides=True, safe=doc.spec.safe, pages=(1,)))[0]
    y = img.height // 2
    column = [img.getpixel((x, y)) for x in range(int(doc.spec.bleed) - 1, int(doc.spec.bleed) + 3)]
    assert any(r > 180 and g < 90 for r, g, _b in column), column


def test_bad_proof_options_are_named(exported):
    """An unknown view or an absurd dpi is a clear error."""
    _doc, path = exported
    with pytest.raises(ExportError, match="view"):
        render_pages(path, ProofOptions(view="sideways"))
    with pytest.raises(ExportError, match="dpi"):
        render_pages(path, ProofOptions(dpi=5000))


def test_signoff_sheet_is_one_bilingual_page(exported, tmp_path):
    """The sign-off sheet lists the waived finding, the reason and the signer, in English and Chinese."""
    doc, pdf_path = exported
    f = Finding("CW101", "review-incentive/gift-for-review", Category.REVIEW_INCENTIVE, Severity.ERROR, 0, 9,
                "free gift", "Offering a gift for a review is not allowed.", "不得以赠品换取评论。", element_id="body")
    out = write_signoff(tmp_path / "signoff.pdf", doc=doc, pdf_path=pdf_path, findings=[f], waived=[f],
                        reason="approved by legal, ticket 42", signed_by="alice")
    report = verify_pdf(out, min_ppi=0)
    assert report.page_count == 1
    assert all(font.embedded for font in report.fonts)
    text = report.pages[0].text
    for needle in ("CW101", "approved by legal, ticket 42", "alice", "不得以赠品换取评论", "签核"):
        assert needle in text, needle


def test_signoff_stays_one_page_with_many_findings(exported, tmp_path):
    """Forty findings still give one page: the rest are counted, not spilled onto a second sheet."""
    doc, pdf_path = exported
    many = [Finding(f"CW{100 + i}", "x/y", Category.MARKETING, Severity.ERROR if i % 2 else Severity.WARNING, 0, 5,
                    "follow us on our shop for new arrivals", "A long English explanation of the rule " * 3,
                    "一段较长的中文说明" * 4, element_id="body") for i in range(40)]
    waived = [f for f in many if f.severity is Severity.ERROR]
    out = write_signoff(tmp_path / "s.pdf", doc=doc, pdf_path=pdf_path, findings=many, waived=waived,
                        reason="test", signed_by="bo")
    report = verify_pdf(out, min_ppi=0)
    assert report.page_count == 1
    text = report.pages[0].text
    assert "CW101" in text and "more" in text          # some rows, and the rest counted
    assert not report.rgb_uses


def test_nup_refuses_a_card_with_errors_unless_waived(tmp_path):
    """The N-up export applies the same gate as the print PDF."""
    from app.export.pdf import ExportOptions, ExportRefused
    from app.model.elements import Paragraph, TextBox, TextStyle

    doc = build_card(CardSpec.from_preset("85x55mm"))
    doc.add_element("front", TextBox(x=mm(5), y=mm(40), w=mm(20), h=mm(3),
                                     paragraphs=(Paragraph("too long to fit " * 5, TextStyle(size_pt=8)),)))
    from app.verdict import judge_card

    with pytest.raises(ExportRefused):
        export_nup(doc, tmp_path / "s.pdf", "a4", ExportOptions(), verdict=judge_card(doc))
    assert not (tmp_path / "s.pdf").exists()
    export_nup(doc, tmp_path / "s.pdf", "a4", ExportOptions(allow_violations="proof run"))
    assert (tmp_path / "s.pdf").exists()
