"""Prefilters of the live check: a rule is evaluated only on a card holding a hit of each part
it needs, a regex only on text holding one string of each of its requirements. Skipping
never changes a finding: what is typed in makes the rule fire, and a rule added to a pack is
seen by the next checker built on it."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from checks import Checker, load_rules
from checks.engine import _features, clear_cache, split_paragraphs
from checks.sentences import Card

RULES_DIR = Path(__file__).resolve().parents[2] / "resources" / "rules"

_RULE = """  - id: {rid}
    name: marketing/prefilter-{n}
    category: marketing
    severity: warning
    title: Prefilter test
    title_zh: 预过滤测试
    message: A test rule.
    message_zh: 测试规则。
    source: {{title: Test, url: "https://example.com"}}
{fields}"""


def _free_ids(k: int) -> list[str]:
    rs = load_rules()
    used = {r.id for r in rs.rules} | set(rs.retired)
    return [f"CW{n}" for n in range(999, 900, -1) if f"CW{n}" not in used][:k]


def _example_texts(lang: str) -> list[str]:
    rs = load_rules()
    out = []
    for r in rs.rules:
        if lang in r.localized:
            out += [e.text for e in r.localized[lang].examples]
        if r.lang == lang or (lang == "en" and r.lang == "*"):
            out += [e.text for e in r.examples] + list(r.lookalikes)
    return out


@pytest.mark.parametrize("lang", ["en", "de", "fr", "es", "it", "ja"])
def test_skipping_rules_whose_parts_are_not_on_the_card_changes_no_finding(checker, lang):
    """Every rule example of a language, checked with the skip and with every rule evaluated
    on every card: the same findings. The skip is not idle: most rules are left out."""
    texts = _example_texts(lang)
    assert len(texts) > 50
    everything = Checker(profile="amazon")
    everything._text_rules = [(r, kind, ()) for r, kind, _needs in everything._text_rules]
    skipped = 0
    for text in texts:
        assert checker.check(text) == everything.check(text), text
    for text in texts[:40]:
        sents = []
        for a, b, lg in checker._units(text, split_paragraphs(text), "auto"):
            feats = _features(checker.ruleset, text[a:b], lg, checker._detectors)
            sents += [(a, s, lg) for s in feats.sentences]
        labels = Card(sents).index.keys()
        skipped += sum(1 for _r, _k, needs in checker._text_rules if any(labels.isdisjoint(n) for n in needs))
    assert skipped > 40 * len(checker._text_rules) // 2


def test_typing_the_missing_part_makes_the_rule_fire_as_in_a_fresh_check(checker):
    """A review request with no reward anywhere on the card: the incentive rules are not
    evaluated. Typing the reward in another paragraph, one character at a time, finds it
    exactly where a fresh check does, and deleting it takes the finding away again."""
    head = "Please leave a review on Amazon.\n\nThen claim your"
    card = head + "!"
    found = []
    for k in range(len(" free gift") + 1):
        text = head + " free gift"[:k] + "!"
        typed = checker.check(text)
        clear_cache()
        assert typed == checker.check(text)
        found.append("review-incentive" in {str(f.category) for f in typed})
    assert found[0] is False and found[-1] is True
    assert "review-incentive" not in {str(f.category) for f in checker.check(card)}


def test_a_rule_added_to_a_pack_is_evaluated(tmp_path):
    """Rules a copied pack gains (a regex and a two-part rule) fire on a card that holds their
    words: the checker built on that pack knows what they need, nothing stale skips them."""
    dst = tmp_path / "rules"
    shutil.copytree(RULES_DIR, dst)
    regex_id, pair_id = _free_ids(2)
    text = "rules:\n" + _RULE.format(rid=regex_id, n=1, fields="    kind: regex\n    regex: '\\bzorblefl[ou]x\\b'\n") \
        + _RULE.format(rid=pair_id, n=2, fields="    kind: cooccur\n    require: [hashtag, follow_us]\n    window: 1\n")
    (dst / "en" / "zz_prefilter_test.yaml").write_text(text, encoding="utf-8")
    fresh = Checker(rules_dir=dst)
    card = "Our new zorbleflux lamp.\n\nFollow us on Instagram! #lumivox"
    rules = {rid for f in fresh.check(card) for rid in f.extra["rules"]}
    assert {regex_id, pair_id} <= rules
    rules = {rid for f in fresh.check("Our new lamp.\n\nFollow us on Instagram!") for rid in f.extra["rules"]}
    assert not {regex_id, pair_id} & rules
