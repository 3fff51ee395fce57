"""Every template exports to a print PDF that reads back clean."""
from __future__ import annotations

import importlib.util

import pytest

from app.export.pdf import ExportOptions, export_pdf
from app.export.preflight import preflight_print
from app.export.boxes import PageBoxes
from app.export.verify import text_lines_in, verify_pdf

pytestmark = pytest.mark.skipif(importlib.util.find_spec("app.model.templates") is None,
                                reason="templates not built yet")


def _template_ids() -> list[str]:
    if importlib.util.find_spec("app.model.templates") is None:
        return []
    from app.model.templates import list_templates

    return [tuple(t)[0] for t in list_templates()]


@pytest.fixture(scope="module")
def exports(tmp_path_factory):
    """Each template exported once with crop marks (read-only for the tests below)."""
    from app.model.templates import new_from_template

    out = {}
    folder = tmp_path_factory.mktemp("templates")
    for tid in _template_ids():
        doc = new_from_template(tid)
        path = folder / f"{tid}.pdf"
        export_pdf(doc, path, ExportOptions(preflight=False, crop_marks=True))
        out[tid] = (doc, path)
    return out


@pytest.mark.parametrize("tid", _template_ids())
def test_template_pdf_reads_back_print_ready(exports, tid):
    """Exact TrimBox/BleedBox on every page, only embedded fonts, no DeviceRGB, images ≥ 300 ppi."""
    doc, path = exports[tid]
    report = verify_pdf(path, expect_pages=len(doc.sides), expect_trim=(doc.spec.width, doc.spec.height),
                        expect_bleed=doc.spec.bleed, min_ppi=300)
    assert report.ok, report.problems
    assert report.fonts and all(f.embedded for f in report.fonts)
    assert report.rgb_uses == [] and report.transparency == []


@pytest.mark.parametrize("tid", _template_ids())
def test_template_pdf_text_matches_layout(exports, tid):
    """Inside each text box, the PDF's text lines (read back with pdfium) are the layout's lines."""
    from app.model.elements import TextBox
    from app.model.fonts import library_for
    from app.model.text_layout import layout

    doc, path = exports[tid]
    fonts = library_for(doc)
    boxes = PageBoxes(doc.spec.width, doc.spec.height, doc.spec.bleed, crop_marks=True)
    checked = 0
    for i, side in enumerate(doc.sides):
        for el in side.elements:
            if not isinstance(el, TextBox) or el.rotation:
                continue
            expected = [ln.ink_text for ln in layout(el, fonts).lines if ln.ink_text and not ln.overset]
            x0, y1 = boxes.to_pdf(el.x, el.y)
            x1, y0 = boxes.to_pdf(el.x + el.w, el.y + el.h)
            got = text_lines_in(path, i, (x0 - 0.5, y0 - 0.5, x1 + 0.5, y1 + 0.5))
            norm = lambda xs: [" ".join(x.split()) for x in xs]  # noqa: E731
            assert norm(got) == norm(expected), el.id
            checked += 1
    assert checked


@pytest.mark.parametrize("tid", _template_ids())
def test_template_has_no_print_errors(tid):
    """A template starts the seller off without a print error."""
    from app.model.templates import new_from_template

    errors = [f for f in preflight_print(new_from_template(tid)) if str(f.severity) == "error"]
    assert errors == []


@pytest.mark.parametrize("tid", _template_ids())
def test_template_exports_without_a_waiver(tid, tmp_path):
    """With the full gate (the card's verdict: wording, QR, artwork, print) a template exports
    with no error to waive."""
    from app.model.templates import new_from_template
    from app.verdict import judge_card

    doc = new_from_template(tid)
    result = export_pdf(doc, tmp_path / f"{tid}.pdf", ExportOptions(), verdict=judge_card(doc))
    assert result.waived == [] and result.signoff_path is None
    assert not [f for f in result.findings if str(f.severity) == "error"]


@pytest.mark.parametrize("tid", _template_ids())
def test_new_then_export_from_the_command_line(tid, tmp_path, capsys):
    """`cardwise new -t <template>` then `cardwise export` writes a print PDF with exit 0 and no waiver."""
    from app import cli

    card = tmp_path / f"{tid}.cardwise"
    assert cli.main(["new", "--template", tid, "-o", str(card)]) == 0
    code = cli.main(["export", str(card), "-o", str(tmp_path / f"{tid}.pdf"), "--proof", str(tmp_path / f"{tid}.png")])
    assert code == 0, capsys.readouterr()
    assert (tmp_path / f"{tid}.pdf").exists() and (tmp_path / f"{tid}.png").exists()
    assert not (tmp_path / f"{tid}-signoff.pdf").exists()
