"""Group resize maths (app.model.group_resize): a corner scales the whole group about the
opposite corner, type and strokes included; an edge stretches boxes and keeps type sizes."""
import pytest

from app.model import LineElement, Paragraph, QrElement, Rect, RectElement, TextBox, TextStyle
from app.model.elements import Run
from app.model.group_resize import (
    MIN_MEMBER_PT, dragged_box, group_bounds, resized_copies, resized_properties, scale_limits,
)


def members():
    rect = RectElement(x=10, y=10, w=40, h=20, stroke_width=2, corner_radius=4)
    text = TextBox(x=60, y=10, w=50, h=30, padding=2, paragraphs=(
        Paragraph("Thank you", TextStyle(size_pt=12, space_after=4), (Run(0, 5, size_pt=20),)),
        Paragraph("for your order", TextStyle(size_pt=9))))
    qr = QrElement(x=10, y=40, w=20, h=20, payload="https://www.amazon.com")
    line = LineElement(x=40, y=70, w=70, h=0, stroke_width=1)
    return [rect, text, qr, line]


def test_group_bounds_is_the_union_of_member_bounds():
    assert group_bounds(members()).as_tuple() == (10, 10, 100, 60)
    turned = RectElement(x=0, y=0, w=20, h=10, rotation=90)   # 10 wide, 20 tall once turned
    assert group_bounds([turned]).as_tuple() == pytest.approx((5, -5, 10, 20))


def test_corner_drag_scales_about_the_opposite_corner_keeping_the_aspect():
    box = Rect(10, 10, 100, 60)
    els = members()
    new = dragged_box(box, "br", 50, 0, els)          # pointer right only: projected on the diagonal
    s = new.w / box.w
    assert (new.x, new.y) == (10, 10) and new.h == pytest.approx(60 * s) and 1 < s < 1.5
    new = dragged_box(box, "tl", -100, -60, els)      # exactly along the diagonal: twice the size
    assert new.as_tuple() == pytest.approx((-90, -50, 200, 120))   # bottom-right corner stays


def test_corner_scale_multiplies_type_strokes_and_positions():
    els = members()
    old = group_bounds(els)
    new = Rect(10, 10, 200, 120)                       # twice the size, top-left fixed
    rect, text, qr, line = resized_copies(els, old, new, uniform=True)
    assert (rect.x, rect.y, rect.w, rect.h) == (10, 10, 80, 40)
    assert rect.stroke_width == 4 and rect.corner_radius == 8
    assert (text.x, text.y, text.w, text.h, text.padding) == (110, 10, 100, 60, 4)
    first, second = text.paragraphs
    assert first.style.size_pt == 24 and first.style.space_after == 8
    assert first.runs[0].size_pt == 40                 # the bigger word stays twice the rest
    assert second.style.size_pt == 18
    assert (qr.w, qr.h) == (40, 40) and (qr.x, qr.y) == (10, 70)
    assert (line.x, line.y, line.w, line.h, line.stroke_width) == (70, 130, 140, 0, 2)


def test_edge_stretch_keeps_type_sizes_and_qr_square():
    els = members()
    old = group_bounds(els)
    new = dragged_box(old, "r", 100, 0, els)           # twice as wide, same height
    assert new.as_tuple() == (10, 10, 200, 60)
    rect, text, qr, line = resized_copies(els, old, new, uniform=False)
    assert (rect.x, rect.w, rect.h, rect.stroke_width) == (10, 80, 20, 2)
    assert (text.x, text.w, text.h) == (110, 100, 30)
    assert [p.style.size_pt for p in text.paragraphs] == [12, 9] and text.paragraphs[0].runs[0].size_pt == 20
    assert qr.w == qr.h == 20 and qr.x + qr.w / 2 == 30   # square, centred where its stretched box is
    assert (line.x, line.w) == (70, 140)


def test_edge_drag_past_the_opposite_edge_stops_at_the_minimum():
    els = members()
    old = group_bounds(els)
    new = dragged_box(old, "l", 500, 0, els)
    assert new.right == old.right and new.w > 0
    narrowest = min(c.w for c in resized_copies(els, old, new, uniform=False) if c.kind != "line")
    assert narrowest == pytest.approx(MIN_MEMBER_PT)   # the 20 pt QR box: stopped at 1 pt, not flipped
    shrunk = dragged_box(old, "br", -1000, -1000, els)
    assert shrunk.w > 0 and (shrunk.x, shrunk.y) == (old.x, old.y)
    for c in resized_copies(els, old, shrunk, uniform=True):
        c.validate()                                   # every font still at least 0.5 pt, every box > 0


def test_uniform_growth_stops_at_the_largest_font_size():
    box = TextBox.from_text("Big", TextStyle(size_pt=500), x=0, y=0, w=100, h=100)
    (s_lo, s_hi), _ = scale_limits([box], group_bounds([box]), uniform=True)
    assert s_hi == 2.0 and s_lo < 1
    grown = dragged_box(group_bounds([box]), "br", 1000, 1000, [box])
    (copy,) = resized_copies([box], group_bounds([box]), grown, uniform=True)
    assert copy.paragraphs[0].style.size_pt == 1000


def test_narrow_stretch_shrinks_text_padding_to_stay_valid():
    box = TextBox.from_text("Hi", x=0, y=0, w=40, h=40, padding=10)
    other = RectElement(x=100, y=0, w=40, h=40)
    old = group_bounds([box, other])
    new = Rect(old.x, old.y, old.w * 0.2, old.h)       # box becomes 8 pt wide
    props = resized_properties([box, other], old, new, uniform=False)
    assert props[box.id]["w"] == pytest.approx(8) and props[box.id]["padding"] == pytest.approx(4)
    resized_copies([box, other], old, new, uniform=False)   # valid


def test_rotated_member_keeps_its_angle_and_scales_about_its_centre():
    turned = RectElement(x=0, y=0, w=40, h=20, rotation=30)
    plain = RectElement(x=100, y=100, w=10, h=10)
    old = group_bounds([turned, plain])
    new = Rect(old.x, old.y, old.w * 2, old.h * 2)
    t, p = resized_copies([turned, plain], old, new, uniform=True)
    assert t.rotation == 30 and (t.w, t.h) == pytest.approx((80, 40))
    assert group_bounds([t, p]).as_tuple() == pytest.approx(new.as_tuple())   # still fills the new box


def test_unknown_handle_is_refused():
    with pytest.raises(ValueError, match="handle"):
        dragged_box(Rect(0, 0, 10, 10), "rot", 1, 1, members())
