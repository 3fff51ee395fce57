"""What a seller notices: violations are caught whatever the word forms, reasoning spans
sentences and lines, compliant wording stays clean, and the API behaves (profiles,
languages, ignore/select, merging, caching)."""
from __future__ import annotations

import pytest

from checks import Checker, UnknownProfile, UnknownRule, available_profiles
from checks.engine import split_paragraphs
from checks.findings import Category, Severity


def cats(checker, text, **kw) -> set[str]:
    return {f.category.value for f in checker.check(text, **kw) if f.severity is not Severity.INFO}


def errors(checker, text, **kw):
    return [f for f in checker.check(text, **kw) if f.severity is Severity.ERROR]


# ---- must stay clean (TAXONOMY "What is NOT a finding") -------------------------------- #
CLEAN = [
    "If you have a moment, we would appreciate your honest review on Amazon.",
    "Questions? Contact us through Amazon Buyer-Seller Messaging (Your Orders > Contact Seller).",
    "This product has a 12-month warranty.",
    "Thank you for choosing us. We hope you enjoy your new lamp.",
    "This water bottle is 100% BPA-free and dishwasher safe.",
    "A great gift for dads, truck drivers and anyone on the road.",
    "Please review the safety instructions before first use.",
    "Enjoy 5-star hotel comfort with our cotton sheets.",
    "If we resolved your concern through Amazon messaging, you can update your seller feedback at any time.",
    "We can't offer anything in exchange for a review, but your honest opinion helps us improve.",
    "Missing a part? Message us through Amazon (Your Orders > Contact Seller) and we'll send a free replacement.",
    "Whether you loved it or not, we'd value your honest review on Amazon.",
    "Thank you for shopping at our small shop! Don't forget to check the care label.",
]


@pytest.mark.parametrize("text", CLEAN)
def test_compliant_wording_has_no_error(checker, text):
    """Neutral, compliant card text gets no error finding (at most info)."""
    assert not errors(checker, text), [(f.rule, f.text) for f in errors(checker, text)]


# ---- word forms are covered without listing them ------------------------------------------ #
@pytest.mark.parametrize("text,category", [
    ("Leave a review and get FREE GIFTS!", "review-incentive"),
    ("Reviewers are gifted a bonus mug.", "review-incentive"),
    ("After reviewing us you'll receive a $10 voucher.", "review-incentive"),
    ("Please give us a 5-star review.", "review-positive"),
    ("Please rate us five stars on Amazon.", "review-positive"),
    ("⭐⭐⭐⭐⭐ Review us on Amazon!", "review-positive"),
    ("★★★★★\nPlease leave a review.", "review-positive"),
    ("Would you kindly reconsider your 2-star rating?", "review-removal"),
])
def test_word_forms(checker, text, category):
    """Plurals, past tenses, -ing forms, digits vs words and star glyphs all match."""
    assert category in cats(checker, text)


# ---- reasoning beyond one pattern ----------------------------------------------------------- #
def test_incentive_in_a_later_step_is_tied_to_the_review(checker):
    """'Step 1 share your experience … Step 3 choose your free gift' is one incentive scheme."""
    text = "Step 1: Share your experience on Amazon.\nStep 2: Message us.\nStep 3: Pick your free gift!"
    assert "review-incentive" in cats(checker, text)


def test_gating_over_two_lines(checker):
    """Happy → review on one line, unhappy → contact us on the next is gating (and conditional)."""
    text = "Loving your new kettle? Leave us a review!\nDisappointed? Email us first and we'll sort it out."
    assert {"review-gating", "review-positive"} <= cats(checker, text)


def test_negation_keeps_an_honest_disclaimer_clean(checker):
    """'We never give gifts for reviews' is not an incentive."""
    assert "review-incentive" not in cats(checker, "We never give gifts or discounts for reviews.")


def test_but_after_a_negation_is_still_caught(checker):
    """A negation does not cover the clause after 'but'."""
    text = "We can't offer anything for a review, but leave one and we'll send you a free gift."
    assert "review-incentive" in cats(checker, text)


def test_conditional_request_without_stars(checker):
    """'If you enjoyed it, leave a review' is review-positive even without stars."""
    assert "review-positive" in cats(checker, "If you enjoyed it, please leave a review.")


def test_a_bullet_opens_the_item_after_it(checker):
    """A check-mark bullet starts the next sentence instead of standing alone, so the condition
    and the request of "✔ Loved it? ✔ Review it!" stay neighbours."""
    assert "review-positive" in cats(checker, "✔ Loved it? ✔ Review it!")
    assert "review-positive" in cats(checker, "• Happy with the fit?\n• Leave a review!")
    text = "✔ Loved it? ✔ Review it!"
    assert [text[a:b] for a, b, *_ in checker.sentence_norms(text, "en")] == ["✔ Loved it?", "✔ Review it!"]


def test_a_draw_next_to_a_review_request_is_an_incentive_not_marketing(checker):
    """unless_window: the review request one sentence before the raffle cancels the contest
    rule (CW903); the draw is the review's reward (CW102). A contest on its own stays marketing."""
    found = cats(checker, "Reviewed us on Amazon? You're automatically in our monthly raffle!")
    assert "review-incentive" in found and "marketing" not in found
    assert "marketing" in cats(checker, "Thank you for your order! Our summer sweepstakes is open: win a bike.")


def test_wrapped_artwork_lines_read_as_one_sentence(checker):
    """A sentence broken over lines (OCR) is still one sentence."""
    assert "review-incentive" in cats(checker, "Leave a review and\nget a free gift")


# ---- findings, offsets, merging ---------------------------------------------------------------- #
def test_offsets_are_code_points_after_emoji(checker):
    """Offsets index the Python string even after emoji (Qt converts to UTF-16 itself)."""
    text = "🎁🎁 Leave a review and get a free gift!"
    f = [f for f in checker.check(text) if f.category is Category.REVIEW_INCENTIVE][0]
    assert text[f.start:f.end] == f.text and "gift" in f.text


def test_overlapping_findings_of_one_category_merge(checker):
    """Two incentive rules on one phrase give one finding that lists both rules."""
    fs = [f for f in checker.check("Get a free gift! Leave a review and get a free gift!")
          if f.category is Category.REVIEW_INCENTIVE]
    assert len(fs) == 1 and len(fs[0].extra["rules"]) >= 2


def test_findings_are_sorted_and_carry_policy(checker):
    """Findings come sorted by start with message, Chinese message, source and suggestion."""
    fs = checker.check("Join our VIP club!\nPlease give us 5 stars and get a gift.")
    assert [f.start for f in fs] == sorted(f.start for f in fs)
    for f in fs:
        assert f.message and f.message_zh and f.source and f.source.url


def test_ignore_and_select(checker):
    """--ignore/--select take id prefixes, names and categories (like ruff)."""
    text = "Please give us 5 stars and get a free gift."
    assert "review-incentive" not in cats(checker, text, ignore={"CW1"})
    assert cats(checker, text, select={"review-positive"}) == {"review-positive"}
    assert cats(checker, text, select={"review-incentive/reward-for-review"}) == {"review-incentive"}


# ---- profiles, languages, API ------------------------------------------------------------------ #
def test_profiles_change_severity_and_add_rules(checkers):
    """Walmart makes follow-us an error and flags naming Amazon; eBay softens positive requests."""
    text = "Follow us on Instagram! Also sold on Amazon."
    amazon = {f.rule: f.severity for f in checkers("amazon").check(text)}
    walmart = {f.category.value: f.severity for f in checkers("walmart").check(text)}
    assert "CW013" not in amazon
    assert walmart["marketing"] is Severity.ERROR and walmart["marketplace-trademark"] is Severity.ERROR
    ebay = [f for f in checkers("ebay").check("Please give us 5 stars!") if f.category is Category.REVIEW_POSITIVE]
    assert ebay and ebay[0].severity is Severity.WARNING


def test_unknown_profile_and_rule_are_clear_errors():
    """A typo in a profile or rule id names the problem and the choices."""
    with pytest.raises(UnknownProfile, match="available: amazon"):
        Checker(profile="amazn")
    with pytest.raises(UnknownRule, match="CW999"):
        Checker().rule("CW999")
    assert "amazon" in available_profiles()


def test_paragraph_in_unsupported_language_gets_info_not_silence(checker):
    """A Dutch paragraph (no pack) is reported as not checked; its e-mail address is still found."""
    text = ("Thank you for your order!\n\n"
            "Hartelijk dank voor uw bestelling! Bij vragen kunt u ons mailen op hulp@merk.example.com")
    fs = checker.check(text)
    info = [f for f in fs if f.rule == "CW000"]
    assert info and info[0].severity is Severity.INFO and "Dutch" in info[0].message
    assert "荷兰语" in info[0].message_zh
    assert text[info[0].start:info[0].end].startswith("Hartelijk dank")
    assert any(f.category is Category.OFFSITE_CONTACT for f in fs)


def test_japanese_text_is_detected_by_script_and_checked(checker):
    """Japanese (kana) is detected and checked with the Japanese pack: no 'not checked' note,
    and a gift for a review is found."""
    fs = checker.check("ご購入ありがとうございます。レビューを書いた方にギフト券をプレゼント！")
    assert not [f for f in fs if f.rule == "CW000"]
    assert any(f.category is Category.REVIEW_INCENTIVE for f in fs)


def test_chinese_text_is_detected_by_script_and_noted(checker):
    """Chinese (Han without kana) is not read as Japanese: it gets the not-checked note."""
    fs = checker.check("感谢您的购买。如有任何问题，请通过亚马逊联系我们。")
    assert [f.rule for f in fs] == ["CW000"] and "Chinese" in fs[0].message


def test_forced_language_skips_detection(checker):
    """lang='en' checks every paragraph with the English pack."""
    assert not [f for f in checker.check("Danke schön!", lang="en") if f.rule == "CW000"]


def test_empty_and_whitespace_text(checker):
    """Empty input gives no findings and no crash."""
    assert checker.check("") == [] and checker.check("\n\n  \n") == []


def test_paragraph_split_keeps_offsets():
    """Paragraphs are split at blank lines with their original offsets."""
    text = "One.\n\nTwo\nlines.\n\n\nThree."
    assert [text[a:b] for a, b in split_paragraphs(text)] == ["One.", "Two\nlines.", "Three."]


def test_rules_api(checker):
    """checker.rules lists active rules; checker.rule(id) returns one with its metadata."""
    r = checker.rule("CW101")
    assert r.category is Category.REVIEW_INCENTIVE and r.examples and r.suggestion
    assert any(x.id == "CW101" for x in checker.rules)
    assert all(x.profiles is None or "amazon" in x.profiles for x in checker.rules)


# ---- QR payloads ------------------------------------------------------------------------------- #
@pytest.mark.parametrize("payload,expected", [
    ("https://shop.lumivox.example/deals", {"external-link", "offsite-diversion"}),
    ("https://lumivox.example/warranty-register", {"external-link", "data-collection"}),
    ("https://wa.me/12025550134", {"external-link", "offsite-contact"}),
    ("https://www.amazon.com/dp/B0TEST1234", set()),
    ("Leave a 5-star review and get a gift", {"review-positive", "review-incentive"}),
])
def test_check_qr_judges_where_the_code_leads(checker, payload, expected):
    """A QR code is judged by its destination; Amazon pages are fine; text payloads are read as wording."""
    assert {f.category.value for f in checker.check_qr(payload)} == expected


def test_preview_rules_run_only_when_asked(tmp_path):
    """A rule in preview is off by default and on with preview=True (like ruff --preview)."""
    import shutil
    from pathlib import Path

    root = tmp_path / "rules"
    shutil.copytree(Path(__file__).resolve().parents[2] / "resources" / "rules", root)
    path = root / "frames" / "marketing.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "  - id: CW901\n", "  - id: CW901\n    status: preview\n", 1), encoding="utf-8")
    text = "Follow us on Instagram!"
    assert "CW901" not in {f.rule for f in Checker(rules_dir=root).check(text)}
    assert "CW901" in {f.rule for f in Checker(rules_dir=root, preview=True).check_raw(text)}


def test_bilingual_lines_in_one_paragraph_are_split_by_language(checker):
    """English and Dutch lines alternating in one block: the English is checked, each Dutch line is noted."""
    text = ("Thank you for your order!\nHartelijk dank voor uw bestelling! We zijn er blij mee.\n"
            "Leave a review and get a free gift!\nLaat een review voor ons achter op de website.")
    fs = checker.check(text)
    notes = [f for f in fs if f.rule == "CW000"]
    assert [n.text for n in notes] == ["Hartelijk dank voor uw bestelling! We zijn er blij mee.",
                                       "Laat een review voor ons achter op de website."]
    assert any(f.category.value == "review-incentive" for f in fs)


def test_sequence_kind_finds_a_step_after_another(tmp_path):
    """A `sequence` rule fires when its second concept follows the first within `within` sentences, not before it."""
    import shutil
    from pathlib import Path

    root = tmp_path / "rules"
    shutil.copytree(Path(__file__).resolve().parents[2] / "resources" / "rules", root)
    (root / "en" / "seq.yaml").write_text(
        "rules:\n  - id: CW199\n    name: review-incentive/request-then-reward\n"
        "    title: Reward after a review request\n    title_zh: 先请评论后给奖励\n"
        "    category: review-incentive\n    severity: error\n    kind: sequence\n"
        "    steps: [review_request, incentive_offer]\n    within: 2\n    source: amazon-reviews\n"
        "    message: Reward after a review request.\n    message_zh: 先请评论，后给奖励。\n"
        "    examples:\n      match: [\"[Leave a review. Then claim your gift]!\"]\n", encoding="utf-8")
    checker = Checker(rules_dir=root)
    after = "Leave a review on Amazon. Thank you! Then claim your free gift."
    before = "Claim your free gift. Thank you! Leave a review on Amazon."
    far = "Leave a review on Amazon. One. Two. Three. Claim your free gift."
    assert "CW199" in {f.rule for f in checker.check_raw(after)}
    assert "CW199" not in {f.rule for f in checker.check_raw(before)}
    assert "CW199" not in {f.rule for f in checker.check_raw(far)}


def test_english_full_lemma_table_is_read_from_the_lookups_package():
    """The lemma table (read straight from spacy-lookups-data) lemmatises what the packs
    match on: "left a review" reads as "leave a review", "gifts" as "gift"."""
    from checks.nlp import _full_lemma_table, make_norm

    table = _full_lemma_table("en")
    assert table is not None and len(table) > 10000
    norm = make_norm(table, "en")
    assert [norm(w) for w in ("left", "Reviews", "gifts", "offered")] == ["leave", "review", "gift", "offer"]
    assert _full_lemma_table("xx") is None          # no table for the language: words are their own norms


def test_a_finding_moved_onto_a_box_keeps_everything_but_what_changed(checker):
    """``Finding.with_`` (the verdict maps every finding onto its box with it) gives exactly
    what ``dataclasses.replace`` gives, and still refuses a field a finding does not have."""
    import dataclasses

    f = next(iter(checker.check("Leave a 5-star review and get a free gift card!")))
    moved = f.with_(start=f.start + 3, end=f.end + 3, element_id="box-2")
    assert moved == dataclasses.replace(f, start=f.start + 3, end=f.end + 3, element_id="box-2")
    assert (moved.start, moved.element_id, moved.message, moved.suggestion) == (f.start + 3, "box-2", f.message, f.suggestion)
    assert moved.extra == f.extra and f.element_id is None
    with pytest.raises(dataclasses.FrozenInstanceError):
        moved.start = 0
    with pytest.raises(TypeError):
        f.with_(line=3)


def test_amazon_named_only_to_bypass_it_is_no_safe_route():
    """A seller who names Amazon's messaging only to steer buyers past it ("avoid the Amazon
    message center, reach us on Telegram") gets the chat-app finding: the Amazon mention is
    part of a bypass (`bypass_amazon`), so the `unless: [amazon_messaging]` guard does not
    cancel it; plain Amazon messaging stays clean."""
    c = Checker(second_stage=False, encoder=False)
    hit = {f.rule for f in c.check("Avoid the Amazon message center and reach us on Telegram @acmefix.")}
    assert "CW530" in hit
    clean = {f.rule for f in c.check("Questions? Contact us through Amazon Buyer-Seller Messaging.")}
    assert "CW530" not in clean


def test_a_boundary_tested_before_lookbehinds_changes_no_match():
    """Pack regexes that open with lookbehinds and then a word boundary are compiled with the
    boundary first (it fails inside words at once: checks.engine.boundary_first). On every
    rule example of every language and the bench cards, each such regex finds the same spans
    either way, so a seller's card gets the same findings, only sooner."""
    import re
    from pathlib import Path

    from checks import load_rules
    from checks.engine import boundary_first

    rs = load_rules()
    texts = []
    for r in rs.rules:
        texts += [e.text for e in r.examples] + list(r.lookalikes)
        for loc in r.localized.values():
            texts += [e.text for e in loc.examples] + list(loc.lookalikes)
    bench = Path(__file__).resolve().parents[2] / "bench" / "cards"
    texts += [p.read_text(encoding="utf-8") for p in sorted(bench.glob("*.txt"))]
    changed = 0
    for lang, pack in rs.packs.items():
        for name, pats in pack.concepts.items():
            for p in pats:
                if not isinstance(p, dict):
                    continue
                fast = boundary_first(p["regex"])
                if fast == p["regex"]:
                    continue
                changed += 1
                flags = re.IGNORECASE if p.get("ignorecase", True) else 0
                a, b = re.compile(p["regex"], flags), re.compile(fast, flags)
                for t in texts:
                    assert [m.span() for m in a.finditer(t)] == [m.span() for m in b.finditer(t)], (lang, name, t)
    assert changed >= 20   # the packs' lookbehind-first regexes are all covered
    assert boundary_first(r"(?i)(?<!\bdès\s)(?<!\bdes\s)\b(?:\d+|un)") == r"(?i)\b(?<!\bdès\s)(?<!\bdes\s)(?:\d+|un)"
    assert boundary_first(r"(?<!(?:a|b))\bx") == r"(?<!(?:a|b))\bx"   # nested groups: left alone
    assert boundary_first(r"(?<![\d.,])5") == r"(?<![\d.,])5"          # no boundary after them
