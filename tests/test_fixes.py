"""app.fixes: Apply acts or is absent. Each fix clears its finding on the re-check, and its
undo gives back exactly the card the user had."""
from __future__ import annotations

import io

import pytest
from PIL import Image

from app.fixes import FixError, card_asin, fixes_for, normalise_asin, revert, storefront
from app.model.color import Color
from app.model.document import Document
from app.model.elements import ImageElement, Paragraph, QrElement, RectElement, TextBox, TextStyle
from app.model.geometry import CardSpec
from app.model.units import mm
from app.verdict import judge_card, print_findings


def blank() -> Document:
    return Document.new(CardSpec.from_preset("a6", sides=1))


def text(doc: Document, s: str, *, x=mm(20), y=mm(20), w=mm(60), h=mm(20), size=10.0, color=None) -> TextBox:
    style = TextStyle(size_pt=size) if color is None else TextStyle(size_pt=size, color=color)
    return doc.add_element("front", TextBox(x=x, y=y, w=w, h=h, paragraphs=(Paragraph(s, style),)))


def print_rules(doc: Document, element_id: str) -> set[str]:
    return {f.rule for f in print_findings(doc).findings if f.element_id == element_id}


def only(doc: Document, rule: str, element_id: str):
    (f,) = [f for f in print_findings(doc).findings if f.rule == rule and f.element_id == element_id]
    return f


def snapshot(doc: Document) -> tuple:
    return doc.to_dict(), dict(doc.assets)


def apply_and_undo(doc: Document, fix, element_id: str, rule: str) -> None:
    """Apply ``fix``: ``rule`` no longer fires on the element and nothing new does; undo: the same card."""
    before = snapshot(doc)
    rules_before = print_rules(doc, element_id)
    undo = fix.apply(doc)
    after = print_rules(doc, element_id)
    assert rule not in after
    assert after <= rules_before, f"the fix brought new print findings: {after - rules_before}"
    revert(doc, undo)
    assert snapshot(doc) == before


# ------------------------------------------------------------------------------ QR codes
@pytest.fixture(scope="module")
def checker():
    from app.verdict import checker_for

    return checker_for("amazon")


def qr_card(payload: str, *, words: str = "Thank you for your order.") -> tuple[Document, QrElement]:
    doc = blank()
    text(doc, words)
    qr = doc.add_element("front", QrElement(x=mm(60), y=mm(90), w=mm(25), h=mm(25), payload=payload))
    return doc, qr


def qr_findings(doc, qr, checker):
    return [f for f in judge_card(doc, checker=checker, print_checks=False).findings if f.element_id == qr.id]


def test_a_sign_up_qr_code_gets_three_compliant_replacements(checker):
    doc, qr = qr_card("https://lumivox.example/warranty-register")
    finding = qr_findings(doc, qr, checker)[0]
    fixes = fixes_for(doc, finding)
    assert [f.key for f in fixes] == ["qr-remove", "qr-amazon-review", "qr-amazon-orders"]
    remove, review, orders = fixes
    assert review.needs == "asin"                 # no ASIN in the card yet: the UI asks for one
    with pytest.raises(FixError):
        review.apply(doc)
    for fix in (remove, orders, review.with_asin("b0test1234")):
        before = snapshot(doc)
        undo = fix.apply(doc)
        assert qr_findings(doc, qr, checker) == [], fix.key
        assert print_rules(doc, qr.id) == set(), fix.key    # the new link still scans (size, modules)
        revert(doc, undo)
        assert snapshot(doc) == before, fix.key
    assert qr_findings(doc, qr, checker)


def test_the_review_page_uses_the_cards_asin_and_storefront(checker):
    """A German card points at amazon.de; an ASIN given once is kept in the card for next time."""
    doc, qr = qr_card("https://shop.lumivox.example/deals",
                      words="Vielen Dank für Ihre Bestellung. Wir wünschen Ihnen viel Freude mit dem Produkt.")
    assert storefront(doc) == "amazon.de"
    finding = qr_findings(doc, qr, checker)[0]
    review = next(f for f in fixes_for(doc, finding) if f.key == "qr-amazon-review")
    review.with_asin(" B0C1234567 ").apply(doc)
    assert doc.get(qr.id).payload == "https://www.amazon.de/review/create-review?asin=B0C1234567"
    assert card_asin(doc) == "B0C1234567"
    doc.set_property(qr.id, "payload", "https://lumivox.example/register")
    again = next(f for f in fixes_for(doc, qr_findings(doc, qr, checker)[0]) if f.key == "qr-amazon-review")
    assert again.needs == "" and again.edits[0].value.endswith("asin=B0C1234567")
    doc.set_setting("storefront", "amazon.co.uk")       # the card's own storefront wins over its language
    orders = next(f for f in fixes_for(doc, qr_findings(doc, qr, checker)[0]) if f.key == "qr-amazon-orders")
    assert orders.edits[0].value == "https://www.amazon.co.uk/gp/css/order-history"


@pytest.mark.parametrize("bad", ["", "B0C123456", "B0C12345678", "B0C-123456", "B0C12345é7"])
def test_an_asin_is_ten_letters_or_digits(bad):
    with pytest.raises(FixError):
        normalise_asin(bad)


def test_on_another_marketplace_the_only_fix_is_removal(checker):
    doc, qr = qr_card("https://lumivox.example/warranty-register")
    finding = qr_findings(doc, qr, checker)[0]
    assert [f.key for f in fixes_for(doc, finding, profile="walmart")] == ["qr-remove"]


# ------------------------------------------------------------------------------ print
def test_text_past_the_trim_moves_into_the_safe_zone():
    doc = blank()
    box = text(doc, "Thank you for choosing us", x=-mm(4), y=mm(40))
    fix, = fixes_for(doc, only(doc, "PF002", box.id))
    assert fix.key == "move-into-safe"
    apply_and_undo(doc, fix, box.id, "PF002")
    fix.apply(doc)
    assert not {"PF001", "PF002"} & print_rules(doc, box.id)


def test_text_in_the_margin_moves_into_the_safe_zone():
    doc = blank()
    spec = doc.spec
    box = text(doc, "Care: wipe with a dry cloth", x=mm(1), y=spec.height - mm(9), h=mm(8))
    fix, = fixes_for(doc, only(doc, "PF001", box.id))
    apply_and_undo(doc, fix, box.id, "PF001")


def test_text_wider_than_the_safe_zone_has_no_move():
    doc = blank()
    box = text(doc, "A line far too long for the card " * 2, x=-mm(2), w=doc.spec.width + mm(4), h=mm(8))
    assert fixes_for(doc, only(doc, "PF002", box.id)) == []


def test_a_band_short_of_the_bleed_is_extended_to_it():
    doc = blank()
    band = doc.add_element("front", RectElement(x=0, y=0, w=doc.spec.width, h=mm(20), fill=Color(0.8, 0.2, 0, 0)))
    fix, = fixes_for(doc, only(doc, "PF009", band.id))
    assert fix.key == "bleed-extend"
    apply_and_undo(doc, fix, band.id, "PF009")
    fix.apply(doc)
    b = doc.spec.bleed
    assert (band.x, band.y, band.w) == (-b, -b, doc.spec.width + 2 * b)


def _png(mode: str = "RGB", size=(1400, 1000)) -> bytes:
    buf = io.BytesIO()
    Image.new(mode, size, (200, 40, 40) if mode == "RGB" else (200, 40, 40, 120)).save(buf, "PNG", dpi=(300, 300))
    return buf.getvalue()


def test_an_rgb_image_is_converted_to_cmyk_as_the_export_would():
    doc = blank()
    aid = doc.add_asset(_png(), "photo.png")
    img = doc.add_element("front", ImageElement(x=mm(10), y=mm(60), w=mm(40), h=mm(28), asset_id=aid))
    fix, = fixes_for(doc, only(doc, "PF006", img.id))
    assert fix.key == "image-cmyk"
    apply_and_undo(doc, fix, img.id, "PF006")
    assert set(doc.assets) == {aid}                       # undo took the converted copy out again
    fix.apply(doc)
    with Image.open(io.BytesIO(doc.assets[img.asset_id].data)) as im:
        assert im.mode == "CMYK"
        c, m, y, k = im.getpixel((5, 5))
    assert m > 150 and y > 150 and c < 30               # red stays red (the export's gray-component formula)


def test_a_transparent_rgb_image_has_no_cmyk_fix():
    """CMYK holds no transparency: the export flattens it onto what lies below, so converting
    here would lose it. No Apply button rather than a worse picture."""
    doc = blank()
    aid = doc.add_asset(_png("RGBA"), "logo.png")
    img = doc.add_element("front", ImageElement(x=mm(10), y=mm(60), w=mm(40), h=mm(28), asset_id=aid))
    assert fixes_for(doc, only(doc, "PF006", img.id)) == []


def test_overflowing_text_shrinks_to_the_largest_size_that_fits():
    from app.model.text_layout import layout

    doc = blank()
    box = text(doc, "Thank you for your order. We hope the lamp brightens your evenings for years.",
               w=mm(50), h=mm(12), size=12)
    fix, = fixes_for(doc, only(doc, "PF012", box.id))
    assert fix.key == "text-shrink"
    apply_and_undo(doc, fix, box.id, "PF012")
    fix.apply(doc)
    size = box.paragraphs[0].style.size_pt
    assert 6 <= size < 12 and not layout(box).overset
    bigger = TextBox(x=box.x, y=box.y, w=box.w, h=box.h,
                     paragraphs=(Paragraph(box.text, box.paragraphs[0].style.with_(size_pt=size + 0.5)),))
    assert layout(bigger).overset                        # the largest size that fits, in 0.5 pt steps


def test_text_that_would_need_illegible_type_has_no_shrink():
    doc = blank()
    box = text(doc, "Thank you for your order. " * 30, w=mm(30), h=mm(8), size=10)
    assert fixes_for(doc, only(doc, "PF012", box.id)) == []


def test_findings_without_a_real_fix_get_none():
    doc = blank()
    small = text(doc, "Fine print", size=4)                 # PF003: the size is a design decision
    assert fixes_for(doc, only(doc, "PF003", small.id)) == []
    box = text(doc, "Please leave us a five-star review and get a free gift!", y=mm(60))
    wording = [f for f in judge_card(doc, print_checks=False).findings if f.element_id == box.id]
    assert wording and all(fixes_for(doc, f) == [] for f in wording)   # rewrites are the text's own Apply


def test_small_rich_black_text_is_set_in_100_k():
    doc = blank()
    box = text(doc, "Care: wipe with a dry cloth", size=8, color=Color(0.6, 0.4, 0.4, 1.0))
    fix, = fixes_for(doc, only(doc, "PF014", box.id))
    apply_and_undo(doc, fix, box.id, "PF014")


@pytest.mark.parametrize("fg,bg,rule", [
    (Color(0, 0, 0, 0.3), Color(0, 0, 0, 0), "PF011"),     # grey on white: too little contrast
    (Color(0, 0, 0, 0), Color(0, 0, 0, 1), "PF011"),       # inverted: white modules on black
    (Color(0, 0, 0, 1), None, "PF018"),                    # no quiet zone and no ground of its own
])
def test_a_qr_code_that_will_not_scan_becomes_black_on_white(fg, bg, rule):
    doc = blank()
    qr = doc.add_element("front", QrElement(x=mm(30), y=mm(60), w=mm(25), h=mm(25), payload="https://www.amazon.com",
                                            fg=fg, bg=bg, quiet_zone=1 if rule == "PF018" else 4))
    fix, = fixes_for(doc, only(doc, rule, qr.id))
    apply_and_undo(doc, fix, qr.id, rule)


def test_every_fix_label_is_marked_for_translation():
    """The UI translates a fix's label by its English text: each one the core makes is in
    app.ui.fix_actions.LABELS (whose strings the catalogue test holds to a zh translation)."""
    import re
    from pathlib import Path

    pytest.importorskip("PySide6")
    import app.fixes
    from app.fixes import FIX_KEYS
    from app.ui.fix_actions import LABELS

    made = dict(re.findall(r'Fix\("([a-z0-9-]+)", "([^"]+)"', Path(app.fixes.__file__).read_text(encoding="utf-8")))
    assert set(made) == set(FIX_KEYS) == set(LABELS)
    assert made == LABELS
