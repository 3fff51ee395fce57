"""Preflight: each print problem produces its finding, tied to the element, in both languages."""
from __future__ import annotations

from app.export.preflight import PreflightOptions, preflight_print
from app.model.color import BLACK, WHITE, Color
from app.model.document import Document
from app.model.elements import (ImageElement, LineElement, Paragraph, QrElement, RectElement, TextBox, TextStyle)
from app.model.geometry import CardSpec
from app.model.units import mm
from checks.findings import Category, Severity

from export_fixtures import jpeg_bytes, png_bytes


def blank() -> Document:
    return Document.new(CardSpec.from_preset("a6", sides=1))


def text(doc: Document, s: str, *, x=mm(10), y=mm(10), w=mm(60), h=mm(20), **style) -> TextBox:
    return doc.add_element("front", TextBox(x=x, y=y, w=w, h=h, paragraphs=(Paragraph(s, TextStyle(**style)),)))


def rules(doc: Document, **kw) -> dict[str, list]:
    out: dict[str, list] = {}
    for f in preflight_print(doc, PreflightOptions(**kw)):
        out.setdefault(f.rule, []).append(f)
    return out


def test_clean_card_has_no_print_findings():
    """A plain card with text well inside the safe zone reports nothing."""
    doc = blank()
    text(doc, "Thank you for your order", size_pt=10)
    assert rules(doc) == {}


def test_text_outside_safe_zone_and_past_trim():
    """Text 1 mm from the edge is a warning (PF001); text crossing the trim is an error (PF002)."""
    doc = blank()
    near = text(doc, "Near the edge", x=mm(1), size_pt=10)
    cut = text(doc, "Off the card", x=-mm(5), y=mm(40), size_pt=10)
    found = rules(doc)
    assert [f.element_id for f in found["PF001"]] == [near.id]
    assert [f.element_id for f in found["PF002"]] == [cut.id]
    assert found["PF002"][0].severity is Severity.ERROR
    assert found["PF001"][0].category is Category.PRINT
    assert found["PF001"][0].message_zh


def test_small_text_thresholds():
    """5 pt black text and 7 pt coloured or reversed text are flagged; 7 pt black is not."""
    doc = blank()
    doc.set_side_property("front", "background", Color(0, 0, 0, 0.9))
    small = text(doc, "tiny", size_pt=5, color=WHITE)
    doc2 = blank()
    black7 = text(doc2, "seven black", size_pt=7)
    red7 = text(doc2, "seven red", y=mm(40), size_pt=7, color=Color(0, 1, 1, 0))
    assert [f.element_id for f in rules(doc)["PF003"]] == [small.id]
    found = rules(doc2).get("PF003", [])
    assert [f.element_id for f in found] == [red7.id]
    assert black7.id not in [f.element_id for f in found]


def test_reversed_text_under_8pt_is_flagged():
    """7 pt white text on a dark band is reversed text under the 8 pt minimum."""
    doc = blank()
    doc.add_element("front", RectElement(x=0, y=0, w=mm(105), h=mm(40), fill=Color(0.9, 0.6, 0, 0.3), stroke=None))
    t = text(doc, "on the band", size_pt=7, color=WHITE)
    assert [f.element_id for f in rules(doc)["PF003"]] == [t.id]


def test_thin_lines():
    """A 0.1 pt line and a 0.1 pt rectangle stroke are flagged; a 0.5 pt line is not."""
    doc = blank()
    thin = doc.add_element("front", LineElement(x=mm(10), y=mm(50), w=mm(50), h=0, stroke_width=0.1))
    doc.add_element("front", LineElement(x=mm(10), y=mm(60), w=mm(50), h=0, stroke_width=0.5))
    box = doc.add_element("front", RectElement(x=mm(10), y=mm(70), w=mm(20), h=mm(20), stroke=BLACK, stroke_width=0.1))
    assert sorted(f.element_id for f in rules(doc)["PF004"]) == sorted([thin.id, box.id])


def test_image_resolution_warning_and_error():
    """200 ppi is a warning, 100 ppi an error (PF005), measured at the placed size."""
    doc = blank()
    a = doc.add_asset(jpeg_bytes((200, 200)), "a.jpg")
    b = doc.add_asset(jpeg_bytes((100, 100), colour=(1, 2, 3)), "b.jpg")
    warn = doc.add_element("front", ImageElement(x=mm(10), y=mm(10), w=72, h=72, asset_id=a))
    err = doc.add_element("front", ImageElement(x=mm(10), y=mm(50), w=72, h=72, asset_id=b))
    found = {f.element_id: f for f in rules(doc)["PF005"]}
    assert found[warn.id].severity is Severity.WARNING
    assert found[err.id].severity is Severity.ERROR
    assert "100 ppi" in found[err.id].message


def test_rgb_image_says_how_it_is_converted():
    """An RGB image is reported with the conversion used: basic without a profile, the ICC name with one."""
    doc = blank()
    a = doc.add_asset(jpeg_bytes((600, 600)), "a.jpg")
    doc.add_element("front", ImageElement(x=mm(10), y=mm(10), w=72, h=72, asset_id=a))
    basic = rules(doc)["PF006"][0]
    assert "basic" in basic.message and basic.extra["method"] == "basic-gcr"
    managed = rules(doc, icc_name="PSOcoated_v3")["PF006"][0]
    assert "PSOcoated_v3" in managed.message and managed.severity is Severity.INFO


def test_missing_font_and_missing_glyph():
    """An unknown family is PF007; a character no face (chosen or fallback) can draw is PF008
    naming the characters."""
    doc = blank()
    nofont = text(doc, "Hello", font_family="No Such Font Family")
    noglyph = text(doc, "\U00013000 thanks", y=mm(40))
    found = rules(doc)
    assert [f.element_id for f in found["PF007"]] == [nofont.id]
    assert [f.element_id for f in found["PF008"]] == [noglyph.id]
    assert "\U00013000" in found["PF008"][0].text
    assert found["PF007"][0].severity is Severity.ERROR


def test_band_short_of_bleed():
    """A band that stops at the trim edge is PF009; one running into the bleed is fine."""
    doc = blank()
    short = doc.add_element("front", RectElement(x=0, y=0, w=mm(105), h=mm(20), fill=Color(1, 0, 0, 0), stroke=None))
    b = doc.spec.bleed
    doc.add_element("front", RectElement(x=-b, y=mm(30), w=mm(105) + 2 * b, h=mm(20), fill=Color(1, 0, 0, 0),
                                         stroke=None))
    found = rules(doc)["PF009"]
    assert [f.element_id for f in found] == [short.id]
    assert set(found[0].extra["edges"]) == {"left", "top", "right"}


def test_qr_size_contrast_and_quiet_zone():
    """A 10 mm QR is too small (PF010); yellow on white is low contrast (PF011); no quiet zone (PF018)."""
    doc = blank()
    small = doc.add_element("front", QrElement(x=mm(10), y=mm(10), w=mm(10), h=mm(10), payload="https://amazon.com"))
    pale = doc.add_element("front", QrElement(x=mm(10), y=mm(40), w=mm(25), h=mm(25), payload="https://amazon.com",
                                              fg=Color(0, 0, 1, 0)))
    bare = doc.add_element("front", QrElement(x=mm(50), y=mm(40), w=mm(25), h=mm(25), payload="https://amazon.com",
                                              bg=None, quiet_zone=1))
    found = rules(doc)
    assert [f.element_id for f in found["PF010"]] == [small.id]
    assert [f.element_id for f in found["PF011"]] == [pale.id]
    assert [f.element_id for f in found["PF018"]] == [bare.id]


def test_overset_text():
    """Text that does not fit its box is an error (PF012) pointing at the first hidden character."""
    doc = blank()
    long = text(doc, "word " * 200, h=mm(10), size_pt=10)
    f = rules(doc)["PF012"][0]
    assert f.element_id == long.id and f.severity is Severity.ERROR
    assert 0 < f.start < len(long.text)


def test_total_ink_and_registration_colour():
    """A 400 % fill is PF013; artwork in the registration colour is PF017."""
    doc = blank()
    heavy = doc.add_element("front", RectElement(x=mm(10), y=mm(10), w=mm(20), h=mm(20), fill=Color(1, 1, 1, 1),
                                                 stroke=None))
    reg = doc.add_element("front", RectElement(x=mm(40), y=mm(10), w=mm(20), h=mm(20), stroke=None,
                                               fill=Color(1, 1, 1, 1, spot="All")))
    found = rules(doc)
    assert [f.element_id for f in found["PF013"]] == [heavy.id]
    assert [f.element_id for f in found["PF017"]] == [reg.id]


def test_rich_black_small_text():
    """9 pt text in 60/40/40/100 is flagged (PF014); 100 K text is not."""
    doc = blank()
    rich = text(doc, "rich", size_pt=9, color=Color(0.6, 0.4, 0.4, 1))
    text(doc, "plain", y=mm(40), size_pt=9, color=BLACK)
    assert [f.element_id for f in rules(doc)["PF014"]] == [rich.id]


def test_off_card_and_missing_image():
    """An element beyond the bleed is PF015; an image whose asset is gone is PF016."""
    doc = blank()
    far = doc.add_element("front", RectElement(x=mm(300), y=mm(10), w=mm(20), h=mm(20), fill=BLACK, stroke=None))
    a = doc.add_asset(png_bytes((10, 10)), "x.png")
    img = doc.add_element("front", ImageElement(x=mm(10), y=mm(10), w=20, h=20, asset_id=a))
    del doc.assets[a]
    found = rules(doc)
    assert [f.element_id for f in found["PF015"]] == [far.id]
    assert [f.element_id for f in found["PF016"]] == [img.id]


def test_errors_sort_first():
    """The list starts with errors so the export dialog shows blockers on top."""
    doc = blank()
    text(doc, "tiny", size_pt=5)
    text(doc, "Hello", y=mm(40), font_family="No Such Font Family")
    found = preflight_print(doc)
    assert found[0].severity is Severity.ERROR
    assert [f.severity.rank for f in found] == sorted((f.severity.rank for f in found), reverse=True)


def test_white_box_at_the_edge_of_white_paper_is_not_short_of_bleed():
    """A white panel touching the trim on an unprinted card shows no sliver, so no PF009."""
    doc = blank()
    doc.add_element("front", RectElement(x=0, y=0, w=mm(105), h=mm(20), fill=WHITE, stroke=None))
    assert "PF009" not in rules(doc)


def test_spot_colour_is_noted_once_per_spot():
    """Two elements in the same spot colour give one PF020 note naming the spot."""
    doc = blank()
    spot = Color(0, 0.9, 0.8, 0, spot="PANTONE 186 C")
    doc.add_element("front", RectElement(x=mm(10), y=mm(10), w=mm(20), h=mm(20), fill=spot, stroke=None))
    doc.add_element("front", RectElement(x=mm(40), y=mm(10), w=mm(20), h=mm(20), fill=spot, stroke=None))
    found = rules(doc)["PF020"]
    assert len(found) == 1 and "PANTONE 186 C" in found[0].message and found[0].severity is Severity.INFO


def test_qr_with_tiny_modules_is_flagged_even_at_15mm():
    """A long payload squeezed into 16 mm makes sub-0.33 mm modules: PF010 says so."""
    doc = blank()
    long_url = "https://www.amazon.com/gp/your-account/order-history?ref_=ya_d_c_yo&opt=ab&digitalOrders=1&unifiedOrders=1"
    qr = doc.add_element("front", QrElement(x=mm(10), y=mm(10), w=mm(16), h=mm(16), payload=long_url, error="H"))
    found = rules(doc)["PF010"]
    assert [f.element_id for f in found] == [qr.id] and "modules" in found[0].message


def test_hidden_element_is_reported_as_info_and_not_checked():
    """A hidden element gets one info finding, "will not print", and none of the print or
    wording findings it would otherwise get (it is not on the printed card)."""
    doc = Document.new(CardSpec.from_preset("a6"))
    tiny = doc.add_element("front", TextBox.from_text("Leave us a 5-star review for a free gift!",
                                                      x=-30, y=20, w=80, h=8, style=TextStyle(size_pt=4)))
    from app.verdict import judge_card

    doc.set_property(tiny.id, "hidden", True)
    found = [f for f in judge_card(doc).findings if f.element_id == tiny.id]
    assert [(f.rule, f.name, str(f.severity)) for f in found] == [("PF022", "print/hidden", "info")]
    assert "will not print" in found[0].message.lower() and "不会印刷" in found[0].message_zh
    doc.set_property(tiny.id, "hidden", False)
    shown = {f.rule for f in judge_card(doc).findings if f.element_id == tiny.id}
    assert shown >= {"PF002", "PF003"} and any(r.startswith("CW") for r in shown)


def test_every_print_check_has_a_short_english_and_chinese_title():
    """PF codes are named by title where rules are named (batch window, findings panel, docs)."""
    from app.batch.titles import rule_title
    from app.export.preflight import RULES, TITLES

    assert set(TITLES) == set(RULES)
    for rid, (title, title_zh) in TITLES.items():
        assert title and len(title) <= 48 and title[-1] != ".", rid
        assert any("\u4e00" <= ch <= "\u9fff" for ch in title_zh), rid
    assert rule_title("PF012") == "Text does not fit its box"
    assert rule_title("PF012", chinese=True) == "文字超出文本框"
    assert rule_title("AW001", chinese=True) == "OCR 无法可靠识别的文字"
    assert rule_title("CW999") == "CW999"
