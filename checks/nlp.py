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
from dataclasses import dataclass
from typing import Any, Callable

_LOCK = threading.Lock()
_SPACY: Any = None

#: contractions the lookup table does not lemmatise
_EXTRA_NORMS = {
    "en": {"ca": "can", "wo": "will", "'ll": "will", "'re": "be", "'m": "be", "'ve": "have", "'d": "would",
           "n't": "not", "e-mail": "email", "emails": "email", "screenshots": "screenshot", "us": "us",
           "unhappy": "unhappy", "dm": "dm", "dms": "dm"},
    # the table maps "nos" (us) to "no" (not), "danos" (give us) to "daños" (damage), function
    # words to verbs ("de" → dar, "para" → parir, "como" → comer, "entre" → entrar) and card
    # nouns to verbs ("regalo" → regalar, "cambio" → cambiar: "a cambio de" is no change)
    "es": {"nos": "nos", "nosotros": "nosotros", "nosotras": "nosotros", "danos": "dar", "dadnos": "dar",
           "e-mail": "email", "emails": "email", "mail": "email", "de": "de", "se": "se", "para": "para",
           "como": "como", "cómo": "como", "entre": "entre", "sobre": "sobre", "nada": "nada", "hacia": "hacia",
           "solo": "solo", "sólo": "solo", "la": "la", "las": "las", "los": "los", "lo": "lo", "el": "el", "él": "el",
           "antes": "antes", "después": "despues", "despues": "despues", "mientras": "mientras", "menos": "menos",
           "primero": "primero", "primera": "primero", "primer": "primero", "jamás": "jamas",
           "regalo": "regalo", "regalos": "regalo", "cambio": "cambio", "cambios": "cambio",
           "reseña": "reseña", "reseñas": "reseña", "resena": "reseña", "resenas": "reseña",
           "estrella": "estrella", "estrellas": "estrella", "tienda": "tienda", "tiendas": "tienda",
           "pedido": "pedido", "pedidos": "pedido", "descuento": "descuento", "descuentos": "descuento",
           "premio": "premio", "premios": "premio", "sorteo": "sorteo", "sorteos": "sorteo",
           "oferta": "oferta", "ofertas": "oferta", "nota": "nota", "cinco": "cinco", "importe": "importe",
           "correo": "correo", "nombre": "nombre", "enlace": "enlace", "captura": "captura", "capturas": "captura",
           "garantía": "garantia", "garantia": "garantia", "garantías": "garantia", "fabricante": "fabricante",
           # diminutives of the Latin American cards: "5 estrellitas", "un regalito"
           "estrellita": "estrella", "estrellitas": "estrella", "regalito": "regalo", "regalitos": "regalo",
           "detallito": "detalle", "detallitos": "detalle"},
}


#: words the tokenizer would split at a hyphen but the packs treat as one word
_SPECIAL_CASES = {
    "en": tuple(w for base in ("e-mail", "e-mails", "e-book", "re-order") for w in (base, base.capitalize(), base.upper())),
    "es": tuple(w for base in ("e-mail", "e-mails") for w in (base, base.capitalize(), base.upper())),
}


def _spacy():
    global _SPACY
    if _SPACY is None:
        import spacy  # ~1 s cold: only when a check first needs it

        _SPACY = spacy
    return _SPACY


_ES_FOLD = str.maketrans("áéíóúü", "aeiouu")
#: longer tokens (a pasted code, a run of letters) get no accent or clitic guessing: the
#: guesses are O(length²) and no Spanish word needs them ("comunicárnoslo" has 14 letters)
_ES_MAX_WORD = 24
_ES_VOWEL_ACCENT = {"a": "á", "e": "é", "i": "í", "o": "ó", "u": "ú"}
#: enclitic pronouns, longest first: "déjanos", "cuéntaselo", "dejarnos", "suscríbete"
_ES_CLITICS = ("noslo", "nosla", "noslos", "noslas", "selo", "sela", "selos", "selas", "melo", "mela",
               "telo", "tela", "nos", "les", "los", "las", "os", "me", "te", "se", "le", "lo", "la")


def _es_lookup(get: Callable[..., Any]) -> Callable[..., str | None]:
    """Spanish lookup with what the table lacks: accents restored on words printed without
    them ("valoracion", "envia": one acute or ñ tried per word), enclitic pronouns split off
    imperatives, infinitives and gerunds ("déjanos" → dejar, "valorarnos" → valorar).
    ``make_norm`` then folds the result to plain vowels so "opinion" and "opinión" meet."""

    def lookup(low: str) -> str | None:
        out = get(low, None)
        if out is not None:
            return out
        for i, ch in enumerate(low if 3 < len(low) <= _ES_MAX_WORD else ""):  # accents the print or OCR dropped
            alt = _ES_VOWEL_ACCENT.get(ch) or ("ñ" if ch == "n" else None)
            if alt:
                out = get(low[:i] + alt + low[i + 1:], None)
                if out is not None:
                    return out
        return None

    def norm(low: str, default: Any = None) -> str | None:
        out = lookup(low)
        if out is None and 4 < len(low) <= _ES_MAX_WORD and low.isalpha():
            for clitic in _ES_CLITICS:
                stem = low[: -len(clitic)]
                if not low.endswith(clitic) or len(stem) < 2:
                    continue
                plain = stem.translate(_ES_FOLD)
                if plain.endswith(("ar", "er", "ir")) and len(plain) > 3:
                    out = plain  # infinitive + clitic: "dejarnos", "dárselo"
                    break
                cand = lookup(plain) or lookup(stem)
                if cand and cand.translate(_ES_FOLD).endswith(("ar", "er", "ir")):
                    out = cand  # imperative or gerund + clitic: "escríbenos", "dejándonos"
                    break
        return out if out is not None else default

    return norm


def make_norm(table: Any, lang: str) -> Callable[[str], str]:
    """``word → lower-case lemma`` with a per-process memo."""
    extra = _EXTRA_NORMS.get(lang, {})
    memo: dict[str, str] = {}
    get = table.get if table is not None else (lambda w, d=None: d)
    fold = None
    if lang == "es":
        get = _es_lookup(get)
        fold = _ES_FOLD

    def norm(word: str) -> str:
        try:
            return memo[word]
        except KeyError:
            pass
        low = word.lower().replace("\u2019", "'")
        out = extra.get(low) or get(low, None)
        if out is None:
            out = low
            # plural fallback for words the table lacks ("screenshots", "giveaways")
            if len(low) > 4 and low.endswith("s") and not low.endswith(("ss", "us", "is")) and low.isalpha():
                out = low[:-1]
        if fold is not None:
            out = out.translate(fold)
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
