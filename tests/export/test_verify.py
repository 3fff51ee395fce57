"""The read-back verifier catches what a careless PDF writer gets wrong (it must be able to fail)."""
from __future__ import annotations

import io

import pytest
from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from app.errors import ExportError
from app.export import pdf as pdfmod
from app.export.pdf import ExportOptions, export_pdf
from app.export.verify import VerifyReport, verify_pdf


def naive_pdf(path, *, boxes=True, rgb=False, helvetica=False, rgba_image=False, low_res=False):
    c = Canvas(str(path), pagesize=(300, 300))
    if boxes:
        c.setTrimBox((10, 10, 290, 290))
        c.setBleedBox((0, 0, 300, 300))
    if rgb:
        c.setFillColorRGB(1, 0, 0)
        c.rect(20, 20, 50, 50, fill=1, stroke=0)
    if helvetica:
        c.setFont("Helvetica", 12)
        c.drawString(50, 150, "hello")
    if rgba_image or low_res:
        img = Image.new("RGBA" if rgba_image else "RGB", (20, 20), (10, 200, 30, 128 if rgba_image else 255))
        buf = io.BytesIO()
        img.save(buf, "PNG")
        c.drawImage(ImageReader(io.BytesIO(buf.getvalue())), 100, 100, 144, 144, mask="auto")
    c.showPage()
    c.save()
    return path


def test_rgb_fill_is_reported(tmp_path):
    """A DeviceRGB fill is listed as an RGB use and a problem."""
    r = verify_pdf(naive_pdf(tmp_path / "a.pdf", rgb=True))
    assert any("rg" in u for u in r.rgb_uses) and not r.ok


def test_missing_boxes_are_reported(tmp_path):
    """Pages without TrimBox/BleedBox fail."""
    r = verify_pdf(naive_pdf(tmp_path / "b.pdf", boxes=False))
    assert "page 1: no TrimBox" in r.problems and "page 1: no BleedBox" in r.problems


def test_unembedded_helvetica_is_reported(tmp_path):
    """A standard-14 font that is not embedded fails."""
    r = verify_pdf(naive_pdf(tmp_path / "c.pdf", helvetica=True))
    assert any("Helvetica" in p and "not embedded" in p for p in r.problems)


def test_rgba_image_soft_mask_and_low_ppi_are_reported(tmp_path):
    """An RGBA image brings DeviceRGB, a live-transparency soft mask and (here) 10 ppi."""
    r = verify_pdf(naive_pdf(tmp_path / "d.pdf", rgba_image=True))
    assert any("image" in u for u in r.rgb_uses)
    assert any("soft mask" in t for t in r.transparency)
    assert r.images and r.images[0].min_ppi == pytest.approx(10, abs=0.5)
    assert any("10 ppi" in p for p in r.problems)


def test_expected_geometry_mismatch_is_reported(tmp_path):
    """Wrong trim size, wrong bleed and a wrong page count are each named."""
    r = verify_pdf(naive_pdf(tmp_path / "e.pdf"), expect_pages=2, expect_trim=(200, 200), expect_bleed=9)
    text = " | ".join(r.problems)
    assert "expected 2" in text and "trim is 280.000×280.000" in text and "bleed per side" in text


def test_export_fails_when_read_back_finds_a_problem(tmp_path, monkeypatch):
    """The exporter's final gate: a read-back problem aborts the export and leaves nothing behind."""
    from export_fixtures import build_card

    def fake_verify(path, **_kw):
        report = VerifyReport(path=str(path))
        report.problems.append("page 1: no TrimBox")
        return report

    monkeypatch.setattr(pdfmod, "verify_pdf", fake_verify)
    with pytest.raises(ExportError, match="read-back"):
        export_pdf(build_card(), tmp_path / "c.pdf", ExportOptions(preflight=False))
    assert list(tmp_path.iterdir()) == []


def test_inline_rgb_image_is_reported(tmp_path):
    """An inline (BI … EI) RGB image is caught like an XObject image, with its ppi."""
    c = Canvas(str(tmp_path / "i.pdf"), pagesize=(100, 100))
    c.setTrimBox((0, 0, 100, 100))
    c.setBleedBox((0, 0, 100, 100))
    c.drawInlineImage(Image.new("RGB", (4, 4), (255, 0, 0)), 10, 10, 72, 72)
    c.save()
    r = verify_pdf(tmp_path / "i.pdf")
    assert any("inline image" in u for u in r.rgb_uses)
    assert r.images[0].min_ppi == pytest.approx(4, abs=0.1)


def test_constant_alpha_and_rgb_inside_a_form_are_reported(tmp_path):
    """Fill alpha < 1 is live transparency; RGB inside a form XObject is found by walking into it."""
    c = Canvas(str(tmp_path / "f.pdf"), pagesize=(100, 100))
    c.setTrimBox((0, 0, 100, 100))
    c.setBleedBox((0, 0, 100, 100))
    c.beginForm("logo")
    c.setFillColorRGB(0, 0, 1)
    c.rect(0, 0, 10, 10, fill=1, stroke=0)
    c.endForm()
    c.doForm("logo")
    c.setFillAlpha(0.5)
    c.setFillColorCMYK(0, 0, 0, 1)
    c.rect(20, 20, 10, 10, fill=1, stroke=0)
    c.save()
    r = verify_pdf(tmp_path / "f.pdf")
    assert any("form" in u and "rg" in u for u in r.rgb_uses), r.rgb_uses
    assert any("/ca 0.5" in t for t in r.transparency), r.transparency


def test_damaged_file_fails_the_syntax_check(exported, tmp_path):
    """A PDF with a broken cross-reference table does not pass as print-ready."""
    _doc, path = exported
    data = bytearray(path.read_bytes())
    xref = data.rfind(b"startxref")
    data[xref + 10: xref + 14] = b"9999"
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(bytes(data))
    assert not verify_pdf(bad).ok
