"""Character runs in the print PDF: the bold word alone is set in the bold face, the coloured
word in its colour, underlines are drawn, and the text still reads back in order."""
from __future__ import annotations

import ctypes

import pikepdf
import pytest

from app.export.pdf import ExportOptions, export_pdf
from app.model import CardSpec, Color, Document, TextBox, TextStyle
from app.model.text_layout import layout
from app.model.units import mm

ORANGE = Color(0.0, 0.65, 0.95, 0.0)
TEXT = "Leave honest feedback on your order"


def _card(runs: bool = True) -> Document:
    doc = Document.new(CardSpec.from_preset("a6"))
    box = doc.add_element("front", TextBox.from_text(TEXT, TextStyle(size_pt=12), x=mm(10), y=mm(10),
                                                      w=mm(80), h=mm(30)))
    if runs:
        paras = box.paragraphs_with(6, 12, bold=True)
        doc.set_property(box.id, "paragraphs", paras)
        doc.set_property(box.id, "paragraphs", box.paragraphs_with(25, 29, color=ORANGE, underline=True))
    return doc


def _chars_by_font(path) -> list[tuple[str, str]]:
    """(character, font name) of every character pdfium reads on page 1."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    doc = pdfium.PdfDocument(str(path))
    try:
        tp = doc[0].get_textpage()
        out = []
        buf = ctypes.create_string_buffer(256)
        flags = ctypes.c_int()
        for i in range(tp.count_chars()):
            ch = chr(raw.FPDFText_GetUnicode(tp, i))
            raw.FPDFText_GetFontInfo(tp, i, buf, 256, ctypes.byref(flags))
            out.append((ch, buf.value.decode("latin-1")))
        tp.close()
        return out
    finally:
        doc.close()


def test_only_the_selected_word_is_bold(tmp_path):
    """The bold face sets exactly "honest"; every other letter is in the regular face."""
    out = tmp_path / "rich.pdf"
    export_pdf(_card(), out, ExportOptions(preflight=False))
    chars = [(ch, f) for ch, f in _chars_by_font(out) if ch.strip()]
    bold = "".join(ch for ch, f in chars if "Bold" in f)
    assert bold == "honest"
    assert "".join(ch for ch, _f in chars) == TEXT.replace(" ", "")
    with pikepdf.open(out) as pdf:
        fonts = {str(f.BaseFont).split("+")[-1] for f in pdf.pages[0].Resources.Font.values()}
    assert fonts == {"BitstreamVeraSans-Roman", "BitstreamVeraSans-Bold"}


def test_coloured_word_is_filled_in_its_colour_and_underlined(tmp_path):
    """The content stream sets the run's CMYK just before showing "your", returns to black,
    and fills an underline rectangle in the same colour."""
    out = tmp_path / "rich.pdf"
    export_pdf(_card(), out, ExportOptions(preflight=False))
    with pikepdf.open(out) as pdf:
        ops = [(list(o), str(op)) for o, op in pikepdf.parse_content_stream(pdf.pages[0])]
    fills = [[round(float(v), 2) for v in o] for o, op in ops if op == "k"]
    assert [0.0, 0.65, 0.95, 0.0] in fills and [0.0, 0.0, 0.0, 1.0] in fills
    i = next(i for i, (o, op) in enumerate(ops) if op == "k" and [round(float(v), 2) for v in o] == [0.0, 0.65, 0.95, 0.0])
    shown = next(o for o, op in ops[i:] if op == "Tj")
    assert len(bytes(shown[0])) == len("your")
    rects = [o for o, op in ops if op == "re"]
    assert any(float(r[3]) < 2 and float(r[2]) > 10 for r in rects), "an underline bar is drawn"


def test_a_card_without_runs_draws_one_text_object_per_line(tmp_path):
    """Without runs nothing changes: one BT…ET per line and one colour (golden PDFs rely on it)."""
    out = tmp_path / "plain.pdf"
    doc = _card(runs=False)
    export_pdf(doc, out, ExportOptions(preflight=False))
    with pikepdf.open(out) as pdf:
        ops = [str(op) for _o, op in pikepdf.parse_content_stream(pdf.pages[0])]
    (box,) = doc.front.elements
    assert ops.count("BT") == len(layout(box).lines) == 1
    assert ops.count("Tf") == 1 and "re" not in ops[ops.index("BT"):]
    rich = tmp_path / "rich.pdf"
    export_pdf(_card(), rich, ExportOptions(preflight=False))
    with pikepdf.open(rich) as pdf:
        ops = [str(op) for _o, op in pikepdf.parse_content_stream(pdf.pages[0])]
    assert ops.count("BT") == 3, "black, orange, black again"


@pytest.mark.parametrize("pdfx", ["x1a"])
def test_rich_card_passes_the_exporters_own_verification(tmp_path, pdfx):
    """The verify step the exporter runs finds no problem in a card with runs."""
    res = export_pdf(_card(), tmp_path / "v.pdf", ExportOptions(preflight=False, pdfx=pdfx))
    assert res.report.problems == []


def test_findings_on_a_card_with_runs_have_the_plain_cards_offsets():
    """The checker reads the paragraph text, so a bold, coloured incentive phrase is found at
    the same offsets as in plain text, and those offsets cover the run's glyphs."""
    from app.verdict import judge_card

    text = "Leave a 5-star review and get a free gift card!"
    plain = Document.new(CardSpec.from_preset("a6"))
    box = plain.add_element("front", TextBox.from_text(text, TextStyle(size_pt=12), w=mm(90), h=mm(30)))
    rich = Document.new(CardSpec.from_preset("a6"))
    rbox = rich.add_element("front", TextBox.from_text(text, TextStyle(size_pt=12), w=mm(90), h=mm(30)))
    rbox.paragraphs = rbox.paragraphs_with(8, 14, bold=True, size_pt=16)
    rbox.paragraphs = rbox.paragraphs_with(32, 41, color=ORANGE)

    def spans(doc, el):
        return sorted((f.rule, f.start, f.end, f.text) for f in judge_card(doc, print_checks=False).findings
                      if f.element_id == el.id)

    found = spans(rich, rbox)
    assert found and found == spans(plain, box)
    lay = layout(rbox)
    for _rule, start, end, snippet in found:
        assert rbox.text[start:end] == snippet
        rects = lay.rects_for_range(start, end)
        ln = lay.lines[lay.line_index_at(start)]
        assert rects[0].x == pytest.approx(ln.x_at(start))


def test_preflight_sees_a_tiny_run_in_normal_text():
    """A 4 pt run inside 10 pt text is reported as too small (PF003) with its own size; the
    same text without the run is not."""
    from app.export.preflight import preflight

    def pf003(doc):
        return [f for f in preflight(doc) if f.rule == "PF003"]

    plain = _card(runs=False)
    assert pf003(plain) == []
    (box,) = plain.front.elements
    plain.set_property(box.id, "paragraphs", box.paragraphs_with(0, 5, size_pt=4.0))
    (f,) = pf003(plain)
    assert "4 pt" in f.message and f.element_id == box.id
