"""A token that names Amazon glued to its web address, a path or a genitive reads as the word
Amazon in every pattern slot (checks.engine.amazon_reading): without it, "message us via
Amazon.co.uk" lost its safe route (Amazon messaging) and "review it on amazon.de" its Amazon."""
from __future__ import annotations

import pytest

from checks import load_rules
from checks.engine import _LangEngine, amazon_reading


@pytest.mark.parametrize("lower, read", [
    ("amazon.co.uk", "amazon"), ("amazon.com.mx", "amazon"), ("www.amazon.de", "amazon"),
    ("amazon.com/review/create-review", "amazon"), ("https://amazon.fr/gp/css", "amazon"),
    ("amazons", "amazon"), ("amazon's", "amazon"), ("amazon’s", "amazon"),
    ("amazon.de-nachrichten", "amazon-nachrichten"),
    ("amazon", None), ("amazonas", None), ("amazon-bewertung", None), ("amazon.example", None),
    ("myamazon.com", None), ("amazonia.com", None),
])
def test_amazon_reading(lower, read):
    assert amazon_reading(lower) == read


def _hits(lang: str, text: str, concept: str) -> list[str]:
    eng = _LangEngine(load_rules(), lang, "token")
    return [text[h.start:h.end] for s in eng.features(text, ()).sentences for h in s.hits.get(concept, ())]


@pytest.mark.parametrize("lang, text", [
    ("en", "Questions? Write to us through Amazon.co.uk and we will help."),
    ("en", "Questions? Write to us through amazon.ca/orders and we will help."),
    ("en", "Questions? Write to us through Amazon's messages."),
    ("es", "¿Dudas? Escríbenos a través de Amazon.com.mx."),
])
def test_a_glued_amazon_token_keeps_the_safe_messaging_route(lang, text):
    """A card that sends the buyer to Amazon messaging by Amazon's web address keeps its safe
    route: without it the sentence read as contact off Amazon."""
    assert _hits(lang, text, "amazon_messaging")


def test_the_sentence_norms_keep_the_address():
    """The trained second stage reads the sentence's own norms (its training input), only the
    pattern slots read the address as the word Amazon."""
    eng = _LangEngine(load_rules(), "en", "token")
    sents = eng.features("Reviews go to amazon.co.uk/review.", ()).sentences
    assert "amazon.co.uk/review" in sents[0].norms


def test_japanese_domain_tail_joins_amazon():
    """Sudachi cuts ".co.jp" off "Amazon.co.jp": the address is one word read as amazon, so
    の/で/メッセージ follow it as they follow "Amazon"."""
    from checks.nlp import get_pipeline

    words, norms, _ = get_pipeline("ja").words("Amazon.co.jpのメッセージ")
    assert words[0] == "Amazon.co.jp" and norms[:3] == ["amazon", "の", "メッセージ"]
