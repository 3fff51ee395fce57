"""Pack words that did not reach the wording they are meant for (engine, not rules)."""
from __future__ import annotations

from checks import load_rules
from checks.engine import _engine_for
from checks.matcher import TokenFacts, TokenMatcher, is_wordless
from checks.patterns import compile_pattern


def _norms_match(lang: str, pack_word: str, card_word: str) -> bool:
    eng = _engine_for(load_rules(), lang)
    slot = compile_pattern(pack_word, eng.lex, eng.norm, eng._variants)[0]
    words = slot["NORM"]["IN"] if isinstance(slot["NORM"], dict) else [slot["NORM"]]
    return eng.norm(card_word) in words


def test_an_italian_noun_listed_as_a_lemma_matches_its_other_number():
    """A card saying "sensori" or "lodi" is caught by a pack that lists "sensore", "lode":
    the lookup table reads the plurals as verbs of the same stem (sensorio, lodare)."""
    assert _norms_match("it", "sensore", "sensori")
    assert _norms_match("it", "lode", "lodi")
    assert _norms_match("it", "recensioni", "recensione")


def test_a_possessive_left_on_the_word_reads_as_the_word():
    """"Amazon's" in a Spanish card and "Amazon‘s" (a quote mark for the apostrophe) in an
    English one name Amazon; the German "gibt's" keeps its own reading."""
    assert _engine_for(load_rules(), "es").norm("Amazon's") == "amazon"
    en = _engine_for(load_rules(), "en")
    doc = en.pipeline.nlp.make_doc("Amazon\u2018s review")
    assert [t.text for t in doc][0] == "Amazon"
    assert _engine_for(load_rules(), "de").norm("gibt's") != "gibt"


def test_a_negated_slot_never_takes_a_symbol():
    """rule-format.md: `!x` is one token that is none of the words and not punctuation; an
    arrow or a star between "skip Amazon" and "messaging" is no word after "Amazon"."""
    assert is_wordless("→") and is_wordless("★") and not is_wordless("'s")
    m = TokenMatcher()
    m.add("x", [[{"NORM": "amazon"}, {"NORM": {"NOT_IN": ["message"]}, "IS_PUNCT": False, "IS_SPACE": False}]])

    def toks(*ws):
        return [TokenFacts(norm=w, lower=w, word=True, punct=is_wordless(w), num=False, cur=False) for w in ws]

    assert m.match_tokens(toks("amazon", "→", "message")) == []
    assert m.match_tokens(toks("amazon", "fees")) == [("x", 0, 2)]
