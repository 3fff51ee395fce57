"""The shared text layout: wrapping, alignment, overset, CJK, offsets, caching."""
import pytest

from app.model.elements import Paragraph, TextBox, TextStyle
from app.model.fonts import CJK_FAMILY, FontLibrary
from app.model.text_layout import layout, layout_paragraphs, shrink_to_fit

SAFE = ("If anything is wrong, contact us through Amazon Buyer-Seller Messaging "
        "(Your Orders › Contact Seller).")


def box(text, w=150, h=200, **style):
    return TextBox.from_text(text, TextStyle(**style), w=w, h=h)


def test_wraps_at_spaces_within_width(fonts):
    """Long text wraps at word boundaries and no line is wider than the box."""
    lay = layout(box(SAFE, size_pt=10), fonts)
    assert len(lay.lines) > 2 and not lay.overset
    assert all(ln.width <= 150 + 1e-6 for ln in lay.lines)
    assert "".join(ln.text for ln in lay.lines) == SAFE
    assert all(not ln.text.startswith(" ") for ln in lay.lines)


def test_glyph_positions_use_font_advances(fonts):
    """Glyph x positions step by the font's own advance widths (what the PDF uses)."""
    lay = layout(box("AVA", size_pt=20), fonts)
    ln = lay.lines[0]
    f = fonts.font_for("Bitstream Vera Sans")
    assert ln.glyph_x[1] - ln.glyph_x[0] == pytest.approx(f.char_width("A", 20))
    assert ln.width == pytest.approx(f.text_width("AVA", 20))
    assert ln.end_x == pytest.approx(ln.width)


def test_offsets_map_back_to_full_text(fonts):
    """Every line's offsets slice the box's full text, across paragraphs."""
    b = box("First paragraph that is long enough to wrap twice at least.\nSecond one.", w=90)
    lay = layout(b, fonts)
    for ln in lay.lines:
        assert b.text[ln.start_offset:ln.end_offset] == ln.text
        assert len(ln.glyph_x) == len(ln.text)
    assert lay.lines[-1].text == "Second one." and lay.lines[-1].paragraph == 1


@pytest.mark.parametrize("align", ["left", "center", "right"])
def test_alignment(fonts, align):
    """Left, centre and right alignment place the line's ink where expected."""
    ln = layout(box("Hello", w=200, align=align), fonts).lines[0]
    expected = {"left": 0, "center": (200 - ln.width) / 2, "right": 200 - ln.width}[align]
    assert ln.x == pytest.approx(expected)


def test_justify_fills_width_except_last_line(fonts):
    """Justified lines reach both edges; the paragraph's last line stays left-aligned."""
    lay = layout(box(SAFE, w=160, align="justify"), fonts)
    for ln in lay.lines[:-1]:
        assert ln.x == 0 and ln.width == pytest.approx(160)
        assert len(ln.runs()) == len(ln.ink_text.split(" "))
    assert lay.lines[-1].width < 160


def test_overset_detected_with_offset(fonts):
    """Text that does not fit is flagged overset and the first hidden character is known."""
    b = box(SAFE, w=100, h=30, size_pt=10)
    lay = layout(b, fonts)
    assert lay.overset and lay.overset_offset is not None
    assert 0 < lay.overset_offset < len(SAFE)
    assert all(ln.bottom <= 30 for ln in lay.visible_lines)
    assert not layout(box(SAFE, w=100, h=300), fonts).overset


def test_vertical_alignment(fonts):
    """Middle and bottom alignment move text down when it fits."""
    top = layout(TextBox.from_text("Hi", w=100, h=100, valign="top"), fonts).lines[0]
    mid = layout(TextBox.from_text("Hi", w=100, h=100, valign="middle"), fonts).lines[0]
    bot = layout(TextBox.from_text("Hi", w=100, h=100, valign="bottom"), fonts).lines[0]
    assert top.top == pytest.approx(0) and bot.bottom == pytest.approx(100)
    assert mid.baseline_y == pytest.approx((top.baseline_y + bot.baseline_y) / 2)


def test_line_spacing_and_padding(fonts):
    """Baselines are size × line spacing apart; padding insets the first line."""
    b = TextBox.from_text("a\nb", TextStyle(size_pt=10, line_spacing=1.5), w=100, h=100, padding=5)
    l1, l2 = layout(b, fonts).lines
    assert l2.baseline_y - l1.baseline_y == pytest.approx(15)
    assert l1.x == 5 and l1.top == pytest.approx(5)


def test_long_word_breaks_between_characters(fonts):
    """A word longer than the line is split, never overflowing the box sideways."""
    lay = layout(box("https://www.example.com/a/very/long/path/that/does/not/fit", w=60), fonts)
    assert len(lay.lines) > 1 and all(ln.width <= 60 + 1e-6 for ln in lay.lines)


@pytest.mark.skipif(not FontLibrary(system=False).has_family(CJK_FAMILY), reason="no CJK font")
def test_cjk_breaks_per_character_with_kinsoku(fonts):
    """Chinese wraps between characters and never starts a line with 。or ，."""
    text = "感谢您的购买！如有任何问题，请通过亚马逊买家与卖家消息联系我们。我们会尽快回复。"
    lay = layout(box(text, w=95, font_family=CJK_FAMILY), fonts)
    assert len(lay.lines) > 2 and lay.missing_chars == ()
    assert all(ln.width <= 95 + 1e-6 for ln in lay.lines)
    assert all(ln.text[0] not in "。，！" for ln in lay.lines)
    assert "".join(ln.text for ln in lay.lines) == text


def test_missing_glyphs_and_unknown_font_reported(fonts):
    """A character neither Vera nor any fallback face has, and an uninstalled family, are
    reported, not hidden."""
    lay = layout(box("Hi \U00013000\U00013001", font_family="Bitstream Vera Sans"), fonts)
    assert lay.missing_chars == ("\U00013000", "\U00013001")
    lay = layout(box("Hello", font_family="No Such Font"), fonts)
    assert lay.font_problems and "No Such Font" in lay.font_problems[0]


def test_empty_paragraphs_take_space(fonts):
    """A blank line between paragraphs is kept as an empty line."""
    lay = layout(box("a\n\nb"), fonts)
    assert [ln.text for ln in lay.lines] == ["a", "", "b"]
    assert lay.lines[2].baseline_y > lay.lines[1].baseline_y > lay.lines[0].baseline_y


def test_ranges_and_caret(fonts):
    """A finding's offsets map to highlight rectangles on each line it spans; clicks map back."""
    b = box(SAFE, w=120)
    lay = layout(b, fonts)
    start = SAFE.index("Amazon")
    rects = lay.rects_for_range(start, len(SAFE))
    x, top, bottom = lay.caret(start)
    assert len(rects) >= 2 and rects[0].x == pytest.approx(x) and rects[0].y == pytest.approx(top)
    assert rects[-1].w == pytest.approx(lay.lines[-1].width)
    assert lay.offset_at(x + 0.1, (top + bottom) / 2) == start


def test_layout_is_cached_and_invalidated_by_edits(fonts):
    """The same text and box size return the cached layout; a changed width relayouts."""
    b = box(SAFE, w=120)
    first = layout(b, fonts)
    assert layout(b, fonts) is first
    b.w = 200
    assert layout(b, fonts) is not first


def test_shrink_to_fit(fonts):
    """Shrink-to-fit lowers the size until the text fits, never below the minimum."""
    b = box(SAFE, w=100, h=40, size_pt=12)
    paras = shrink_to_fit(b, fonts)
    assert paras[0].style.size_pt < 12
    assert not layout_paragraphs(paras, 100, 40, fonts).overset


def test_hanging_indent_aligns_wrapped_lines(fonts):
    """A bullet paragraph with a hanging indent wraps its text under the first word, not the bullet."""
    f = fonts.font_for("Bitstream Vera Sans")
    hang = f.text_width("•  ", 9)
    style = TextStyle(size_pt=9, left_indent=hang, first_indent=-hang)
    b = TextBox(paragraphs=(Paragraph("•  " + SAFE, style),), w=120, h=200)
    lay = layout(b, fonts)
    assert lay.lines[0].x == pytest.approx(0)
    assert lay.lines[0].glyph_x[3] == pytest.approx(hang)
    assert all(ln.x == pytest.approx(hang) for ln in lay.lines[1:])
    assert all(ln.x + ln.width <= 120 + 1e-6 for ln in lay.lines)


def test_random_text_keeps_layout_invariants(fonts):
    """For many random texts and widths, lines tile the text exactly, stay inside the box
    unless a single character is wider, and glyph positions never go backwards."""
    import random
    rng = random.Random(1234)
    alphabet = list("abcdefghij KLMNOP  ,.;-/()—") + list("中文字。，「」あア") + ["\u00a0", "\t"]
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 120)))
        w = rng.choice([8, 20, 45, 90, 200])
        style = TextStyle(size_pt=rng.choice([6, 9, 14]), align=rng.choice(["left", "center", "right", "justify"]),
                          letter_spacing=rng.choice([0, 0.5]))
        box = TextBox(paragraphs=(Paragraph(text, style),), w=w, h=500)
        lay = layout_paragraphs(box.paragraphs, box.w, box.h, fonts)
        assert "".join(ln.text for ln in lay.lines) == text.replace("\t", " ")
        pos = 0
        for ln in lay.lines:
            assert ln.start_offset == pos and ln.end_offset == pos + len(ln.text)
            pos = ln.end_offset
            assert list(ln.glyph_x) == sorted(ln.glyph_x)
            if len(ln.ink_text) > 1:
                assert ln.x >= -1e-6 and ln.x + ln.width <= w + 1e-6, (text, w, ln.text)


def test_layout_from_several_threads_agrees(fonts):
    """Layouts computed concurrently (live check off the GUI thread) equal the serial ones."""
    from concurrent.futures import ThreadPoolExecutor
    boxes = [box(SAFE + " " + str(i), w=80 + i % 7 * 10) for i in range(60)]
    serial = [[ln.text for ln in layout_paragraphs(b.paragraphs, b.w, b.h, fonts).lines] for b in boxes]
    with ThreadPoolExecutor(8) as pool:
        par = list(pool.map(lambda b: [ln.text for ln in layout(b, fonts).lines], boxes * 3))
    assert par == serial * 3


def test_empty_lines_below_the_box_are_not_overset(fonts):
    """Trailing blank paragraphs that fall below the box do not count as lost text."""
    assert not layout(TextBox.from_text("Hi\n\n\n\n", w=100, h=14), fonts).overset
    assert not layout(TextBox.from_text("", w=100, h=3), fonts).overset
    assert layout(TextBox.from_text("Hi\n\n\n\nthere", w=100, h=14), fonts).overset


def test_small_line_after_big_line_clears_its_descenders(fonts):
    """A 10 pt line under a 38 pt headline in the same box does not overlap the headline."""
    b = TextBox(paragraphs=(Paragraph("Thank you", TextStyle(size_pt=38)),
                            Paragraph("for choosing us", TextStyle(size_pt=10))), w=300, h=200)
    big, small = layout(b, fonts).lines
    assert small.top >= big.bottom


def test_japanese_in_vera_breaks_with_kinsoku_at_every_width(fonts):
    """Mixed Japanese/Latin/digits in the default font (kana and kanji from the fallback face):
    at any box width no line starts with 、。」）ー・？！ or small kana, none ends with 「（,
    nothing is missing and the text reads back whole."""
    from app.model.text_layout import NO_LINE_END, NO_LINE_START

    if not fonts.fallback_fonts("ja"):
        pytest.skip("no Japanese TrueType face installed")
    text = "ご注文ありがとうございます。「Amazon」の注文履歴（24時間以内）からご連絡ください！スタッフ・チームより。"
    for w in range(40, 260, 7):
        lay = layout(box(text, w=w, h=2000), fonts)
        assert lay.missing_chars == ()
        assert "".join(ln.text for ln in lay.lines) == text
        for ln in lay.lines[1:]:
            assert ln.text[0] not in NO_LINE_START, (w, ln.text)
        for ln in lay.lines[:-1]:
            assert ln.ink_text[-1] not in NO_LINE_END, (w, ln.text)


def test_typing_in_one_paragraph_lays_out_as_a_fresh_layout(fonts):
    """Paragraphs are measured once and reused while the user types in another paragraph
    (or restyles one): every line, glyph position and offset is the same as laying the
    edited text out from scratch with an empty cache."""
    paras = [SAFE, "Thank you for your order! " * 6, "感谢您的购买！如有问题请联系我们。" * 3, SAFE.upper()]
    text = "\n".join(paras)
    layout(box(text, w=180, h=400, size_pt=9), fonts)           # fills the cache
    at = text.index("Thank you")
    for i in range(3):
        text = text[:at] + "x" + text[at:]
        edited = box(text, w=180, h=400, size_pt=9)
        assert layout(edited, fonts) == layout(edited, FontLibrary(system=False))
    bold = TextBox(paragraphs=(Paragraph(paras[0], TextStyle(size_pt=9, bold=True)),
                               *box("\n".join(paras[1:]), size_pt=9).paragraphs), w=180, h=400)
    assert layout(bold, fonts) == layout(bold, FontLibrary(system=False))
    assert layout(bold, fonts).lines[0].font_name != layout(box(text, w=180, h=400, size_pt=9), fonts).lines[0].font_name


def test_typing_in_one_paragraph_lays_out_like_a_fresh_start(fonts):
    """After a key typed in the middle paragraph (the others' lines come from the cache, only
    moved down), every line is where laying the edited text out from scratch puts it."""
    from dataclasses import replace

    paras = [SAFE, "Descale the kettle every month. " * 4, "Centred closing words of thanks for you."]
    b = TextBox.from_text("\n".join(paras), TextStyle(size_pt=10), w=150, h=400)
    b = replace(b, paragraphs=b.paragraphs[:2] + (replace(b.paragraphs[2], style=b.paragraphs[2].style.with_(
        align="center", space_after=6.0)),))
    layout(b, fonts)
    at = b.text.index("Descale") + 8
    typed = replace(b, paragraphs=b.edited(at, at, "new words that wrap "))
    incremental = layout(typed, fonts)
    fonts.layout_cache.clear()
    fresh = layout(typed, fonts)
    assert incremental == fresh
    assert len(incremental.lines) > len(layout(b, fonts).lines)   # the text below moved down
