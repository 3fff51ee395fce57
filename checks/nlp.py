"""Per-language spaCy pipelines, built lazily and once per process.

A pipeline is ``spacy.blank(lang)`` (tokenizer only; trained models cannot be downloaded)
plus the lookup lemma table of ``spacy-lookups-data``. We do not run spaCy's lemmatizer
component: its lookup mode is case-sensitive (``Gifts`` stays ``Gifts``). Instead each
token's ``norm_`` is set to the lemma of its lower-case form, and every pattern matches on
``NORM``; the same function normalises the words in the rule packs, so a pack lists
``gift`` and matches ``GIFTS``, ``gifted`` and ``Gift``.

Sentence boundaries come from :func:`checks.engine` (punctuation, bullets and hard line
breaks), because spaCy's sentencizer does not split at the line breaks that structure a card.
"""
from __future__ import annotations

import threading
import unicodedata
from dataclasses import dataclass
from typing import Any, Callable

_LOCK = threading.Lock()
_SPACY: Any = None

#: contractions the lookup table does not lemmatise
_EXTRA_NORMS = {
    "en": {"ca": "can", "wo": "will", "'ll": "will", "'re": "be", "'m": "be", "'ve": "have", "'d": "would",
           "n't": "not", "e-mail": "email", "emails": "email", "screenshots": "screenshot", "us": "us",
           "unhappy": "unhappy", "dm": "dm", "dms": "dm"},
    # French: the tokenizer keeps the hyphen on "-nous"/"-vous" ("laissez-nous"), so the
    # pronoun after an imperative matches the same word as before a verb ("nous laisser");
    # the lookup table turns "étoiles" into the verb "étoiler" and "aimé" stays "aimé"
    "fr": {"-nous": "nous", "-vous": "vous", "-moi": "moi", "-toi": "toi", "-lui": "lui", "-leur": "leur",
           "étoiles": "étoile", "etoiles": "etoile", "aimé": "aimer", "aimée": "aimer", "aimés": "aimer",
           "aimées": "aimer", "e-mails": "e-mail", "emails": "e-mail", "email": "e-mail", "mails": "mail",
           "convient": "convenir", "convenu": "convenir", "plu": "plaire", "résolu": "résoudre",
           "résolue": "résoudre", "résolus": "résoudre", "déçue": "déçu", "déçues": "déçu", "déçus": "déçu",
           "avis": "avis", "prix": "prix", "étais": "être", "était": "être", "serait": "être",
           "seraient": "être", "es": "être", "est": "être", "aura": "avoir", "auront": "avoir",
           "satisfait(e": "satisfait", "ravi(e": "ravir", "content(e": "content", "déçu(e": "déçu"},
}


#: words the tokenizer would split at a hyphen but the packs treat as one word
_SPECIAL_CASES = {
    "en": tuple(w for base in ("e-mail", "e-mails", "e-book", "re-order") for w in (base, base.capitalize(), base.upper())),
}


def _spacy():
    global _SPACY
    if _SPACY is None:
        import spacy  # ~1 s cold: only when a check first needs it

        _SPACY = spacy
    return _SPACY


#: languages whose norms drop accents after the lemma lookup, so a card printed without
#: accents or read by OCR ("evaluation", "etoile", "a") matches the pack's accented words
_FOLD_ACCENTS = frozenset({"fr"})


def _fold(word: str) -> str:
    if word.isascii():
        return word
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def make_norm(table: Any, lang: str) -> Callable[[str], str]:
    """``word → lower-case lemma`` with a per-process memo."""
    extra = _EXTRA_NORMS.get(lang, {})
    fold = lang in _FOLD_ACCENTS
    memo: dict[str, str] = {}
    get = table.get if table is not None else (lambda w, d=None: d)

    def norm(word: str) -> str:
        try:
            return memo[word]
        except KeyError:
            pass
        low = word.lower().replace("\u2019", "'")
        out = extra.get(low) or get(low, None)
        if isinstance(out, (list, tuple)):  # some tables (French) map a word to a list of lemmas
            out = str(out[0]) if out else None
        if out is None:
            out = low
            # plural fallback for words the table lacks ("screenshots", "giveaways")
            if len(low) > 4 and low.endswith("s") and not low.endswith(("ss", "us", "is")) and low.isalpha():
                out = low[:-1]
        if fold:
            out = _fold(out)
        memo[word] = out
        return out

    return norm


@dataclass
class Pipeline:
    lang: str
    nlp: Any
    norm: Callable[[str], str]
    lemma_table: Any = None


_PIPES: dict[str, Pipeline] = {}


def _lemma_table(spacy_lang: str) -> Any:
    """The ``lemma_lookup`` table (a spaCy ``Table``: ``get(word, default)``), or None."""
    try:
        from spacy.lookups import load_lookups

        lk = load_lookups(spacy_lang, ["lemma_lookup"], strict=False)
        if lk.has_table("lemma_lookup"):
            return lk.get_table("lemma_lookup")
    except (ImportError, ValueError, OSError):  # no lookups package, or no table for the language
        pass
    return None


def get_pipeline(spacy_lang: str) -> Pipeline:
    """The shared pipeline for a spaCy language code, built on first use (thread-safe)."""
    pipe = _PIPES.get(spacy_lang)
    if pipe is not None:
        return pipe
    with _LOCK:
        pipe = _PIPES.get(spacy_lang)
        if pipe is None:
            spacy = _spacy()
            nlp = spacy.blank(spacy_lang)
            for word in _SPECIAL_CASES.get(spacy_lang, ()):  # keep "e-mail" one token
                nlp.tokenizer.add_special_case(word, [{"ORTH": word}])
            table = _lemma_table(spacy_lang)
            pipe = Pipeline(spacy_lang, nlp, make_norm(table, spacy_lang), table)
            _PIPES[spacy_lang] = pipe
    return pipe
