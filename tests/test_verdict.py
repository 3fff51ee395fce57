"""app.verdict: the one function that judges a card (reading order, mapping back to boxes,
artwork, print, the one filter)."""
from __future__ import annotations

import pytest

from app.model.document import Document, Ignore
from app.model.elements import Paragraph, RectElement, TextBox, TextStyle
from app.model.geometry import CardSpec
from app.model.units import mm
from app.verdict import BOX_SEPARATOR, judge_card, reading_order
from checks.findings import Category, Severity


def blank(sides: int = 1) -> Document:
    return Document.new(CardSpec.from_preset("a6", sides=sides))


def text(doc: Document, s: str, *, x=mm(10), y=mm(10), w=mm(60), h=mm(20), side="front", **style) -> TextBox:
    return doc.add_element(side, TextBox(x=x, y=y, w=w, h=h, paragraphs=(Paragraph(s, TextStyle(**style)),)))


def wording(doc: Document, **kw):
    return [f for f in judge_card(doc, print_checks=False, **kw).findings if f.category is not Category.PRINT]


def test_reading_order_follows_the_layout_not_the_stacking_order():
    """Boxes are read top to bottom, and side by side left to right, whatever order they were added in."""
    doc = blank()
    footer = text(doc, "Footer", y=mm(120))
    right = text(doc, "Right", x=mm(60), y=mm(40), w=mm(35))
    left = text(doc, "Left", x=mm(10), y=mm(40), w=mm(35))
    title = text(doc, "Title", y=mm(10))
    (card,) = reading_order(doc)
    assert card.text == BOX_SEPARATOR.join(["Title", "Left", "Right", "Footer"])
    assert [p.element_id for p in card.pieces] == [title.id, left.id, right.id, footer.id]
    assert all(card.text[p.start:p.end] == doc.get(p.element_id).text for p in card.pieces)


def test_a_request_and_its_reward_in_two_boxes_are_one_finding_on_the_first_box():
    """The issue's card: "Please leave a review on Amazon." in the body and "Then claim your free
    gift!" in the footer are consecutive sentences on the printed card, so the card has a
    review-incentive error, placed on the body with offsets inside the body's own text."""
    doc = blank()
    body = text(doc, "Please leave a review on Amazon.", y=mm(30))
    footer = text(doc, "Then claim your free gift!", y=mm(60))
    found = [f for f in wording(doc) if f.category is Category.REVIEW_INCENTIVE]
    assert found and found[0].severity is Severity.ERROR
    f = found[0]
    assert f.element_id == body.id
    assert body.text[f.start:f.end] == f.text and f.text
    assert footer.id in f.extra["elements"]
    a, b = f.extra["spans"][footer.id]             # where it runs on in the footer (underlined there too)
    assert 0 <= a < b <= len(footer.text)


def test_each_box_alone_is_not_an_incentive():
    """Far apart on different sides the two sentences are not one request: no rule pairs them
    into an incentive (the trained model, which reads one sentence at a time, may still ask the
    seller to read the gift line again)."""
    from checks import load_rules

    model_rules = {r.id for r in load_rules().rules if r.uses_model}
    doc = blank(sides=2)
    text(doc, "Please leave a review on Amazon.", y=mm(30))
    text(doc, "Then claim your free gift!", y=mm(60), side="back")
    assert not [f for f in wording(doc) if f.category is Category.REVIEW_INCENTIVE and f.rule not in model_rules]


def test_star_rectangle_beside_a_review_request_is_an_artwork_error():
    """A rectangle named as five-star artwork next to a review request: CW206 on the rectangle;
    the same rectangle far from any review wording is fine."""
    doc = blank()
    text(doc, "If you have a moment, we would appreciate your honest review on Amazon.", y=mm(30), h=mm(25))
    near = doc.add_element("front", RectElement(name="5 stars", x=mm(10), y=mm(58), w=mm(40), h=mm(8)))
    far = doc.add_element("front", RectElement(name="5 stars", x=mm(10), y=mm(135), w=mm(40), h=mm(8)))
    found = [f for f in wording(doc) if f.rule == "CW206"]
    assert [f.element_id for f in found] == [near.id]
    assert far.id not in {f.element_id for f in wording(doc)}


def test_ignores_and_disabled_rules_are_one_filter_for_wording_and_print():
    """An occurrence ignored in the document (rule + element + text) or a disabled rule is not in the verdict."""
    doc = blank()
    bad = text(doc, "Leave us a 5-star review and get a free gift!", h=mm(30))
    tiny = text(doc, "tiny", y=mm(60), size_pt=5)
    verdict = judge_card(doc)
    assert verdict.blocks_export()
    pf003 = [f for f in verdict.findings if f.rule == "PF003"]
    assert pf003 and pf003[0].element_id == tiny.id
    for f in verdict.findings:
        if f.element_id == bad.id or f.rule == "PF003":
            doc.add_ignore(Ignore(f.rule, f.element_id, f.text))
    after = judge_card(doc)
    assert not [f for f in after.findings if f.element_id in (bad.id, tiny.id)]
    doc2 = blank()
    text(doc2, "Leave us a 5-star review and get a free gift!", h=mm(30))
    text(doc2, "tiny", y=mm(60), size_pt=5)
    kept = judge_card(doc2, disabled=("review-incentive", "review-positive", "PF003")).findings
    assert not [f for f in kept if f.category in (Category.REVIEW_INCENTIVE, Category.REVIEW_POSITIVE)
                or f.rule == "PF003"]


def test_a_checker_that_cannot_run_blocks_instead_of_passing():
    """If the wording check cannot run the verdict has PF019 (an error), never a clean card."""
    class Broken:
        def main_language(self, texts):
            raise RuntimeError("engine exploded")

    doc = blank()
    text(doc, "Thank you")
    verdict = judge_card(doc, checker=Broken(), print_checks=False)
    assert [f.rule for f in verdict.findings] == ["PF019"] and verdict.blocks_export()


@pytest.mark.parametrize("tid", ["thank-you", "thank-you-mini", "warranty", "manual-contact", "follow-up"])
def test_templates_have_a_clean_verdict(tid):
    """Every template passes its own verdict (nothing to waive on a fresh card)."""
    from app.model.templates import new_from_template

    assert not judge_card(new_from_template(tid)).blocks_export()


def test_a_hidden_box_is_not_judged():
    """A hidden text box does not print, so its wording gives no finding; shown again, it does."""
    from app.model.templates import new_from_template
    from app.verdict import judge_card

    doc = new_from_template("thank-you")
    doc.set_text("back-contact", "Leave us a 5-star review and get a free gift!")
    assert judge_card(doc, print_checks=False).errors
    doc.get("back-contact").hidden = True
    assert not judge_card(doc, print_checks=False).errors
