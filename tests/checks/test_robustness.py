"""Odd input never crashes the checker, and a new language is added as data alone."""
from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from checks import Checker
from checks.engine import occurrence_key

RULES_DIR = Path(__file__).resolve().parents[2] / "resources" / "rules"


def test_hostile_text_does_not_crash(checker):
    """Control characters, lone surrogates' replacements, emoji runs and odd spacing are checked quietly."""
    rnd = random.Random(7)
    alphabet = "ab ,.!?\n\t\u200b\ufeff\ufffd🎁⭐★#@$%-'’\"()[]\x00\x07\u202e日本語"
    for _ in range(200):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 120)))
        for f in checker.check(text):
            assert 0 <= f.start <= f.end <= len(text) and text[f.start:f.end] == f.text


def test_long_text_is_checked(checker):
    """A long document (1,500 paragraphs, ~130 kB) is checked whole, findings stay in range."""
    para = "Leave a review and get a free gift! Questions? Contact us through Amazon messaging."
    text = "\n\n".join(f"{para} ({i})" for i in range(1_500))
    fs = checker.check(text)
    assert len(fs) >= 1_500 and fs[-1].end <= len(text) and text[fs[-1].start:fs[-1].end] == fs[-1].text


@pytest.mark.parametrize("sep", ["", "。"])
def test_a_japanese_line_longer_than_sudachi_takes_is_checked(checker, sep):
    """Sudachi refuses more than 49,149 bytes at once; a long Japanese line of OCR text (here
    66,000 bytes, with no sentence end or with one every 20 characters) crashed the check. It
    is read in parts, its words still tile the text, and its offer is found."""
    from checks.nlp import get_pipeline

    line = (("レビューを書いてくれたらギフト券をプレゼント" + sep) * 1_000)
    assert len(line.encode("utf-8")) > 49_149
    words, _norms, _breaks = get_pipeline("ja").words(line)
    assert "".join(words) == line
    fs = checker.check(line)
    assert fs and all(line[f.start:f.end] == f.text for f in fs)
    assert any(f.category.value == "review-incentive" for f in fs)


def test_occurrence_key_survives_edits_elsewhere(checker):
    """The key the designer stores for 'ignore this occurrence' does not change when other text moves."""
    a = checker.check("Leave a review and get a free gift!")[0]
    b = checker.check("Hello there.\n\nLeave a review and get a free gift!")[0]
    assert a.start != b.start and occurrence_key(a) == occurrence_key(b)


def test_a_new_language_is_added_as_data(tmp_path):
    """Dropping an nl/ folder (concepts + rules) into the packs makes Dutch paragraphs checked."""
    root = tmp_path / "rules"
    shutil.copytree(RULES_DIR, root)
    (root / "nl").mkdir()
    (root / "nl" / "concepts.yaml").write_text(
        "lexicons:\n  prikkel: [cadeau, cadeaubon, korting]\n"
        "concepts:\n  beoordeling:\n    - \"review|beoordeling\"\n  prikkel:\n    - \"@prikkel\"\n",
        encoding="utf-8")
    (root / "nl" / "review.yaml").write_text(
        "rules:\n  - id: CW159\n    name: review-incentive/cadeau-voor-review\n"
        "    title: Gift for a review (Dutch)\n    title_zh: 以礼品换评论（荷兰语）\n"
        "    category: review-incentive\n    severity: error\n    kind: cooccur\n"
        "    require: [prikkel, beoordeling]\n    source: amazon-reviews\n"
        "    message: Gift for a review.\n    message_zh: 以礼品换评论。\n"
        "    examples:\n      match: [\"[Cadeau voor uw review]\"]\n", encoding="utf-8")
    checker = Checker(rules_dir=root)
    text = "Thank you!\n\nBedankt! Voor uw review krijgt u een cadeau van ons."
    rules = {f.rule for f in checker.check(text)}
    assert "CW159" in rules and "CW000" not in rules


@pytest.mark.parametrize("text", [
    "Leave a review \ud800 and get a gift",   # lone surrogate: crashed spaCy's string store
    "レビュー\ud800でギフト券をプレゼント",    # … and Sudachi
    # Sudachi returned zero-width morphemes here: crashed the Doc ("empty token")
    "、\x00\nー５\nういあ！\n\u200b㈱\n㈱ビビ\n\ufeffギ、５\x00\u3000、星５？★Ａｶュ。ュ\u200b",
])
def test_hostile_text_that_crashed_once(checker, text):
    """Each once crashed the checker; now it is checked and findings point into the text."""
    fs = checker.check(text)
    assert all(text[f.start:f.end] == f.text for f in fs)
    if "gift" in text or "ギフト券" in text:
        assert any(f.category.value == "review-incentive" for f in fs)
