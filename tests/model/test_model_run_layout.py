"""The shared text layout with character runs: own faces and sizes, tallest run sets the line."""
from __future__ import annotations

import pytest

from app.model.color import Color
from app.model.elements import Paragraph, Run, TextBox, TextStyle
from app.model.text_layout import layout, layout_paragraphs, shrink_to_fit

RED = Color.from_hex("#e03131")


def test_mixed_sizes_share_a_baseline_and_the_tallest_run_sets_the_line(fonts):
    """A 24 pt word in 10 pt text: every glyph on one baseline, the line's ascent and pitch
    from the big word, the big word wider, and later lines back to 10 pt."""
    text = "small BIG small words that wrap onto a second line of text here"
    plain = layout_paragraphs([Paragraph(text, TextStyle(size_pt=10))], 150, 200, fonts)
    rich = layout_paragraphs([Paragraph(text, TextStyle(size_pt=10), (Run(6, 9, size_pt=24),))], 150, 200, fonts)
    first, second = rich.lines[0], rich.lines[1]
    assert first.ascent == pytest.approx(plain.lines[0].ascent * 2.4)
    assert first.line_height == pytest.approx(24 * 1.2)
    assert second.ascent == pytest.approx(plain.lines[0].ascent)
    assert second.baseline_y - first.baseline_y > plain.lines[1].baseline_y - plain.lines[0].baseline_y
    big_w = first.x_at(9) - first.x_at(6)
    assert big_w == pytest.approx((plain.lines[0].x_at(9) - plain.lines[0].x_at(6)) * 2.4, rel=1e-3)
    sizes = [(first.text[s.start:s.end], s.size) for s in first.face_segments()]
    assert ("BIG", 24.0) in sizes and sizes[0] == ("small ", 10.0)


def test_bold_run_uses_the_bold_face_and_its_advances(fonts):
    """A bold word is laid out in the bold face (wider), the rest in the regular face; the
    offsets of every character still index the full text."""
    p = Paragraph("one bold word", TextStyle(size_pt=12), (Run(4, 8, bold=True, color=RED),))
    box = TextBox(paragraphs=(p,), w=300, h=50)
    lay = layout(box, fonts)
    ln = lay.lines[0]
    segs = {ln.text[s.start:s.end]: s for s in ln.face_segments()}
    assert segs["bold"].font_file.endswith("VeraBd.ttf") and segs["one "].font_file.endswith("Vera.ttf")
    assert segs["bold"].color == RED and segs[" word"].color == p.style.color
    plain = layout(TextBox(paragraphs=(Paragraph(p.text, p.style),), w=300, h=50), fonts).lines[0]
    assert ln.x_at(8) - ln.x_at(4) > plain.x_at(8) - plain.x_at(4)
    assert ln.x_at(4) == plain.x_at(4)
    pieces = [(t, seg.font_name) for _x, t, seg in ln.pieces()]
    assert [t for t, _f in pieces] == ["one ", "bold", " word"]
    # a finding's offsets land on the bold word's glyphs
    (r,) = lay.rects_for_range(4, 8)
    assert r.x == pytest.approx(ln.glyph_x[4]) and r.w == pytest.approx(ln.x_at(8) - ln.x_at(4))


def test_underline_runs_are_reported_per_line(fonts):
    """An underlined word gives one underline from its first to its last glyph, below the baseline."""
    p = Paragraph("see the link here", TextStyle(size_pt=10), (Run(8, 12, underline=True),))
    ln = layout_paragraphs([p], 300, 50, fonts).lines[0]
    ((x0, x1, y, thick, colour),) = ln.underlines()
    assert x0 == pytest.approx(ln.glyph_x[8]) and x1 == pytest.approx(ln.glyph_x[12])
    assert y > ln.baseline_y and thick > 0 and colour == p.style.color


def test_runs_change_the_cache_key(fonts):
    """Formatting a word relays the box out (the cache keys on paragraphs including runs)."""
    box = TextBox.from_text("one two three", TextStyle(size_pt=10), w=300, h=50)
    before = layout(box, fonts)
    box.paragraphs = box.paragraphs_with(4, 7, size_pt=20)
    after = layout(box, fonts)
    assert after is not before and after.lines[0].ascent > before.lines[0].ascent


def test_shrink_to_fit_scales_runs_too(fonts):
    """Shrinking a box's text scales the runs' sizes with the paragraph's."""
    p = Paragraph("word " * 40, TextStyle(size_pt=12), (Run(0, 4, size_pt=20),))
    box = TextBox(paragraphs=(p,), w=120, h=60)
    out = shrink_to_fit(box, fonts)
    assert out[0].style.size_pt < 12 and out[0].runs[0].size_pt < 20
    assert not layout_paragraphs(out, box.w, box.h, fonts).overset


def test_japanese_run_still_falls_back_per_character(fonts):
    """A bold run over Japanese text in the Latin default font still draws from the CJK
    fallback (no missing glyphs), and the Latin part of the run stays in the bold face."""
    if not fonts.fallback_fonts("ja"):
        pytest.skip("no CJK fallback face installed")
    p = Paragraph("Amazonの注文履歴 24時間", TextStyle(size_pt=10), (Run(0, 10, bold=True),))
    lay = layout_paragraphs([p], 300, 50, fonts)
    assert not lay.missing_chars
    names = {lay.lines[0].text[s.start:s.end]: s.font_file for s in lay.lines[0].face_segments()}
    assert names["Amazon"].endswith("VeraBd.ttf")
    assert names["の注文履"] != names["Amazon"]
