"""Paraphrases of the kinds of wording blind sets keep catching (issue 8, "What the misses look
like"), written by the English tuner in card wording: each violating card must get a finding of
its category, each clean after-sales card no error. `data/paraphrases_en.jsonl` names one
category per card (not its full label set), so it is no macro-F1 corpus."""
from __future__ import annotations

from pathlib import Path

from checks.evaluate import load_corpus

ITEMS = load_corpus(Path(__file__).parent / "data" / "paraphrases_en.jsonl")


def test_every_kind_of_violation_is_caught(checker):
    """A seller's paraphrase of a known kind (praise to mention, a yes/no flow, 'revisit your review',
    a perk for reviewers, data through a side door) is flagged in its category."""
    missed = []
    for it in ITEMS:
        if not it["labels"]:
            continue
        cats = {f.category.value for f in checker.check(it["text"]) if f.severity.value != "info"}
        if it["labels"][0] not in cats:
            missed.append(f"{it['id']} {it['labels'][0]} missed in {it['text']!r} (found {sorted(cats)})")
    assert not missed, "\n".join(missed)


def test_clean_after_sales_wording_gets_no_error(checker):
    """Neutral review requests, service through Amazon, warranty and care text, star dials and
    name tags stay free of errors."""
    flagged = []
    for it in ITEMS:
        if it["labels"]:
            continue
        errors = [f"{f.rule}: {f.text!r}" for f in checker.check(it["text"]) if f.severity.value == "error"]
        if errors:
            flagged.append(f"{it['id']} {it['text']!r} -> {errors}")
    assert not flagged, "\n".join(flagged)


def test_the_set_covers_every_review_category_and_clean_cards():
    """The set keeps both sides: violations of every review category and clean cards."""
    labels = {it["labels"][0] if it["labels"] else "" for it in ITEMS}
    assert {"review-incentive", "review-positive", "review-gating", "review-removal", ""} <= labels
