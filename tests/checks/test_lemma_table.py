"""The lemma tables are cut down to what the packs can meet (checks.nlp.LemmaTable): every
word must still match exactly the pack words it matched with spaCy's full lookup table."""
from __future__ import annotations

import re

import pytest

from checks.engine import _engine_for
from checks.nlp import _ACCENT_FOLDERS, _full_lemma_table, _strip_accents, make_norm
from checks.rules import load_rules

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def _sample_words(rs, lang: str, full: dict) -> set[str]:
    """The words of the language's rule examples, every 37th form of the full table, and
    those forms as a card prints them without accents (Spanish and French look such words
    up again with accents) or with an enclitic pronoun (Spanish: "déjanos")."""
    words: set[str] = set()
    for r in rs.rules:
        texts = []
        if r.lang == lang:
            texts += [e.text for e in r.examples] + list(r.lookalikes)
        loc = r.localized.get(lang)
        if loc is not None:
            texts += [e.text for e in loc.examples] + list(loc.lookalikes)
        for t in texts:
            words.update(_WORD.findall(t))
    forms = sorted(full)[::37]
    words.update(forms)
    words.update(_strip_accents(f) for f in forms)
    words.update(w.capitalize() for w in forms[::5])
    if lang == "es":
        words.update(f + c for f in forms[::3] for c in ("nos", "lo", "selo"))
    return words


@pytest.mark.parametrize("lang", ["en", "de", "es", "fr", "it"])
def test_cut_table_meets_the_same_pack_words_as_the_full_table(lang):
    rs = load_rules()
    eng = _engine_for(rs, lang)
    full = _full_lemma_table(rs.packs[lang].spacy_lang)
    assert full, "spacy-lookups-data has no lemma table for the language"
    full_norm = make_norm(full, rs.packs[lang].spacy_lang)
    # every norm a token is compared with: the matcher's word lists and the clause words
    pack_norms = set(eng.clause_words)
    for pats in eng.matcher._patterns:
        for slot in pats[1]:
            if slot.test in ("norm", "notnorm"):
                pack_norms |= slot.words
    assert pack_norms
    differ = []
    for w in sorted(_sample_words(rs, lang, full)):
        a, b = full_norm(w), eng.norm(w)
        if (a in pack_norms) != (b in pack_norms) or (a in pack_norms and a != b):
            differ.append((w, a, b))
    assert not differ, differ[:20]


def test_cut_table_is_a_small_part_of_the_full_one():
    """The point of cutting: German keeps a few thousand of its 355 000 forms."""
    rs = load_rules()
    _engine_for(rs, "de")
    table = _table_of(rs, "de")
    assert table is not None and len(table) < table.size // 20


def _table_of(rs, lang):
    from checks.nlp import _TABLES

    tables = [t for (lg, _), t in _TABLES.items() if lg == rs.packs[lang].spacy_lang]
    return tables[0] if tables else None


def test_accent_folding_applies_to_the_kept_lemmas():
    """A French card printed without accents meets the pack's accented word."""
    rs = load_rules()
    norm = _engine_for(rs, "fr").norm
    assert norm("evaluation") == norm("évaluation") == _ACCENT_FOLDERS["fr"]("évaluation")
