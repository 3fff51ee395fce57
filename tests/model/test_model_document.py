"""Elements, their serialisation, and the document's edit methods and change events."""
import io

import pytest
from PIL import Image

from app.errors import InvalidDimension
from app.model import (
    BLACK, CardSpec, Color, Document, ImageElement, LineElement, Paragraph, QrElement,
    RectElement, TextBox, TextStyle,
)
from app.model.document import Asset, AssetError, Ignore
from app.model.elements import Element, ElementError


def png(w=300, h=200, color=(200, 30, 30)) -> bytes:
    b = io.BytesIO()
    Image.new("RGB", (w, h), color).save(b, "PNG")
    return b.getvalue()


def sample_elements():
    return [
        TextBox.from_text("Thank you!\nWe hope you enjoy it.",
                          TextStyle(size_pt=14, bold=True, align="center", color=Color(0.8, 0.1, 0, 0)),
                          x=10, y=20, w=200, h=60, padding=2, name="headline"),
        RectElement(x=0, y=0, w=100, h=30, fill=Color(0.1, 0.5, 0, 0), stroke=None, corner_radius=4),
        LineElement(x=10, y=100, w=150, h=0, stroke_width=0.5),
        QrElement(payload="https://www.amazon.com/dp/B000000000", x=150, y=150, w=60, h=60, error="Q"),
        ImageElement(asset_id="abc", x=5, y=5, w=72, h=72, fit="fit", crop=(0.1, 0, 0.9, 1)),
    ]


@pytest.mark.parametrize("el", sample_elements(), ids=lambda e: e.kind)
def test_element_dict_round_trip(el):
    """Every element kind survives to_dict/from_dict with all its properties."""
    back = Element.from_dict(el.to_dict())
    assert type(back) is type(el) and back.to_dict() == el.to_dict()


def test_unknown_kind_and_bad_values_are_named():
    """A file with an unknown element kind or zero width gets a clear message."""
    with pytest.raises(ElementError, match="kind 'star'"):
        Element.from_dict({"kind": "star", "id": "x"})
    with pytest.raises(InvalidDimension, match="width must be greater than 0"):
        Element.from_dict({**RectElement(w=5, h=5).to_dict(), "w": 0})
    with pytest.raises(ElementError, match="line break"):
        Paragraph("a\nb")


def test_text_property_and_paragraph_styles_follow_edits():
    """Editing text keeps each paragraph's style; new paragraphs take the last style."""
    a, b = TextStyle(size_pt=20, bold=True), TextStyle(size_pt=9)
    box = TextBox(paragraphs=(Paragraph("Title", a), Paragraph("Body", b)), w=100, h=50)
    assert box.text == "Title\nBody"
    new = box.paragraphs_for_text("Title!\nBody\nMore")
    assert [p.style for p in new] == [a, b, b]
    assert box.paragraph_at(7) == (1, 1)


def test_qr_matrix_and_modules():
    """A QR element yields a real, scannable-size module grid; higher error correction adds modules."""
    q = QrElement(payload="https://www.amazon.com/dp/B000000000", w=72, h=72, error="L")
    n = q.modules
    assert n >= 21 and (n - 17) % 4 == 0
    assert q.module_size == pytest.approx(72 / (n + 8))
    assert sum(r.w for r in q.module_rects()) == pytest.approx(
        sum(sum(row) for row in q.qr_matrix()) * q.module_size)
    assert QrElement(payload=q.payload, w=72, h=72, error="H").modules >= n


def test_image_effective_dpi_depends_on_fit_and_crop():
    """A 600x400 px image placed 2x(4/3) in is 300 dpi; cropping half the width halves dpi across."""
    asset = Asset.from_bytes(png(600, 400), "a.png")
    el = ImageElement(asset_id=asset.id, w=144, h=96, fit="stretch")
    assert el.effective_dpi(asset) == pytest.approx((300, 300))
    el.crop = (0, 0, 0.5, 1)
    assert el.effective_dpi(asset)[0] == pytest.approx(150)
    fit = ImageElement(asset_id=asset.id, w=144, h=144, fit="fit")
    assert fit.placement(600, 400).h == pytest.approx(96)
    fill = ImageElement(asset_id=asset.id, w=144, h=144, fit="fill")
    assert fill.placement(600, 400).w == pytest.approx(216)
    assert fill.effective_dpi(asset) == pytest.approx((200, 200))


def test_asset_rejects_non_images_and_dedupes():
    """Adding the same picture twice stores it once; a text file is refused with its name."""
    doc = Document()
    a = doc.add_asset(png(), "logo.png")
    assert doc.add_asset(png(), "logo-copy.png") == a and len(doc.assets) == 1
    with pytest.raises(AssetError, match="notes.txt"):
        doc.add_asset(b"hello", "notes.txt")


def test_change_events_and_undo_values():
    """Each edit notifies listeners and returns what an undo needs; unsubscribe stops events."""
    doc = Document.new(CardSpec.from_preset("a6"))
    events = []
    unsub = doc.subscribe(events.append)
    box = doc.add_element("front", TextBox.from_text("Hi", w=50, h=20))
    rect = doc.add_element("front", RectElement(w=10, h=10), index=0)
    assert [e.id for e in doc.front.elements] == [rect.id, box.id]
    assert doc.set_property(box.id, "x", 30.0) == 0.0
    assert doc.move_element(box.id, 5, 6) == (30.0, 0.0)
    assert doc.reorder(box.id, 0) == 1
    assert doc.set_text(box.id, "Hello") [0].text == "Hi"
    side, idx, removed = doc.remove_element(rect.id)
    assert (side, idx, removed) == ("front", 1, rect)
    doc.set_side_property("front", "background", Color(0, 0, 0.2, 0))
    doc.set_spec(doc.spec.with_(sides=1))
    kinds = [(e.kind, e.prop) for e in events]
    assert kinds == [("element-added", None), ("element-added", None), ("element-changed", "x"),
                     ("element-changed", "position"), ("element-reordered", "z"),
                     ("element-changed", "paragraphs"), ("element-removed", None),
                     ("side-changed", "background"), ("spec-changed", None)]
    assert events[2].old == 0.0 and events[2].new == 30.0
    unsub()
    doc.move_element(box.id, 1, 1)
    assert len(events) == 9


def test_failed_edit_changes_nothing_and_tells_no_one():
    """An invalid property value raises and leaves the element and listeners untouched."""
    doc = Document()
    r = doc.add_element("front", RectElement(w=10, h=10))
    events = []
    doc.subscribe(events.append)
    with pytest.raises(InvalidDimension):
        doc.set_property(r.id, "w", -5)
    with pytest.raises(ElementError, match="no property"):
        doc.set_property(r.id, "colour", BLACK)
    with pytest.raises(ElementError, match="already"):
        doc.add_element("back", RectElement(id=r.id, w=1, h=1))
    assert r.w == 10 and events == []


def test_batch_delivers_after_block():
    """Inside batch() listeners hear nothing until the block ends, then every change in order."""
    doc = Document()
    events = []
    doc.subscribe(events.append)
    with doc.batch():
        a = doc.add_element("front", RectElement(w=1, h=1))
        doc.move_element(a.id, 3, 3)
        assert events == []
    assert [e.kind for e in events] == ["element-added", "element-changed"]


def test_single_sided_keeps_back_until_switched_back():
    """Switching to one side hides the back but does not lose its elements."""
    doc = Document()
    el = doc.add_element("back", RectElement(w=1, h=1))
    doc.set_spec(doc.spec.with_(sides=1))
    assert [s.name for s in doc.sides] == ["front"]
    doc.set_spec(doc.spec.with_(sides=2))
    assert doc.back.elements == [el]


def test_document_dict_round_trip_with_everything():
    """A document with assets, ignores, brand colours and settings round-trips exactly."""
    doc = Document.new(CardSpec.from_preset("4x6in", "landscape"), title="Test")
    aid = doc.add_asset(png(), "logo.png")
    for el in sample_elements():
        if isinstance(el, ImageElement):
            el.asset_id = aid
        doc.add_element("front", el)
    doc.set_side_property("back", "background_image", aid)
    doc.add_ignore(Ignore("offsite-contact.email", "e1", "help@example.com", 3, "printed for EU", "2026-01-02"))
    doc.set_brand_colors([("Brand blue", Color(0.9, 0.5, 0, 0))])
    d = doc.to_dict()
    back = Document.from_dict(d, doc.assets)
    assert back.to_dict() == d
    assert back.is_ignored("offsite-contact.email", "e1", "help@example.com")
    with pytest.raises(ElementError, match="missing"):
        Document.from_dict(d, {})


def test_copy_gets_fresh_id_and_fonts_can_be_removed():
    """Duplicating an element gives it a new id; removing an added font returns its bytes for undo."""
    from app.model.fonts import reportlab_font_dir
    el = RectElement(w=3, h=3)
    assert el.copy().id != el.id and el.copy(new_id=False).id == el.id
    doc = Document()
    data = (reportlab_font_dir() / "Vera.ttf").read_bytes()
    assert doc.add_font(data, "Brand.ttf") == "Bitstream Vera Sans"
    assert doc.remove_font("Brand.ttf") == data and doc.fonts == {}


def test_property_types_are_checked():
    """Setting locked to a non-boolean or a QR error level in lower case behaves sensibly."""
    doc = Document()
    q = doc.add_element("front", QrElement(payload="https://www.amazon.com/", w=60, h=60, error="h"))
    assert q.error == "H"
    doc.set_property(q.id, "error", "q")
    assert q.error == "Q"
    with pytest.raises(ElementError, match="locked"):
        doc.set_property(q.id, "locked", "yes")
    assert q.locked is False


def test_tabs_become_spaces():
    """A tab pasted from a word processor becomes a space (cards have no tab stops), keeping offsets."""
    p = Paragraph("Name:\tValue")
    assert p.text == "Name: Value" and len(p.text) == len("Name:\tValue")
