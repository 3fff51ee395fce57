"""Per-language spaCy pipelines, built lazily and once per process.

A pipeline is ``spacy.blank(lang)`` (tokenizer only; trained models cannot be downloaded)
plus the lookup lemma table of ``spacy-lookups-data``, cut down when a pack loads to the forms
whose lemma that pack's words can meet (:class:`LemmaTable`: a few MB instead of ~130 MB a
language). We do not run spaCy's lemmatizer
component: its lookup mode is case-sensitive (``Gifts`` stays ``Gifts``). Instead each
token's ``norm_`` is set to the lemma of its lower-case form, and every pattern matches on
``NORM``; the same function normalises the words in the rule packs, so a pack lists
``gift`` and matches ``GIFTS``, ``gifted`` and ``Gift``.

Japanese (``spacy.blank("ja")`` with :class:`SudachiTokenizer`) is tokenised by SudachiPy
(short units, split mode A) and has no lookup table: a token's norm is its Sudachi *dictionary form* (``token.lemma_``:
書い → 書く, ください → くださる), NFKC-folded and lower-cased; a pack word is normalised by
tokenising it the same way, so ``書く`` in a pack matches 書いて/書き/書け. Sudachi's
``normalized_form`` (spaCy's ``norm_``) is not used: it rewrites くれる as 呉れる and
ください as 下さる, which no seller writes in a pack. SudachiPy (and its dictionary) is
imported only when a Japanese paragraph is first checked.

The dictionary is the *small* edition (:data:`SUDACHI_DICT`, package ``sudachidict-small``,
110 MB): the core edition (193 MB) adds proper nouns and rare words that no pack word or
card phrase needs, and would put the frozen bundle over its size budget. pyproject.toml
depends on that package and packaging/bundle_data.py ships exactly it, so the checkout, the
wheel and the bundle tokenise alike; docs/accuracy.md records that the Japanese scores are
identical with either edition. The frozen bundle ships that dictionary gzip-compressed (42 MB
instead of 115 MB); :func:`sudachi_dictionary` unpacks it once into the user's cache folder
when the first Japanese text is checked (about half a second, offline).

Sentence boundaries come from :func:`checks.engine` (punctuation, bullets and hard line
breaks), because spaCy's sentencizer does not split at the line breaks that structure a card.
"""
from __future__ import annotations

import bisect
import hashlib
import json
import re
import sys
import threading
import types
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable

from checks import parsed_cache
from checks.errors import ChecksError

#: the SudachiPy dictionary edition every install uses (see the module docstring)
SUDACHI_DICT = "small"

_LOCK = threading.Lock()
_SPACY: Any = None
_blake2b = hashlib.blake2b

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
    "es": tuple(w for base in ("e-mail", "e-mails") for w in (base, base.capitalize(), base.upper())),
}


def _spacy():
    global _SPACY
    if _SPACY is None:
        with _spacy_cli_deferred():
            import spacy  # ~0.7 s cold: only when a check first needs it

        _SPACY = spacy
    return _SPACY


@contextmanager
def _spacy_cli_deferred():
    """While spaCy loads, its command line stays unloaded.

    ``spacy/__init__.py`` imports ``spacy.cli.info`` (for ``spacy.info``), and with it every
    command of spaCy's command line and their libraries (typer, click, weasel, httpx, jinja2,
    requests): about 0.3 s of a one-text ``cardwise check``, for a function Cardwise never
    calls. During ``import spacy`` the name ``spacy.cli.info`` is a stand-in module whose
    ``info`` imports the real one when called; the stand-in is removed right after, so a later
    ``import spacy.cli`` (or a call of ``spacy.info``) gets spaCy's own package."""
    name = "spacy.cli.info"
    if "spacy" in sys.modules or name in sys.modules:
        yield
        return
    stand_in = types.ModuleType(name)

    def info(*args: Any, **kwargs: Any) -> Any:
        from spacy.cli.info import info as real  # the stand-in is gone: spaCy's own module

        return real(*args, **kwargs)

    stand_in.info = info  # type: ignore[attr-defined]
    sys.modules[name] = stand_in
    try:
        yield
    finally:
        if sys.modules.get(name) is stand_in:
            del sys.modules[name]


_ES_FOLD = str.maketrans("áéíóúü", "aeiouu")
#: longer tokens (a pasted code, a run of letters) get no accent or clitic guessing: the
#: guesses are O(length²) and no Spanish word needs them ("comunicárnoslo" has 14 letters)
_ES_MAX_WORD = 24
#: lemma endings of Spanish verbs (an enclitic is split off a verb only)
_ES_VERB_ENDINGS = ("ar", "er", "ir")
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
                if cand and cand.translate(_ES_FOLD).endswith(_ES_VERB_ENDINGS):
                    out = cand  # imperative or gerund + clitic: "escríbenos", "dejándonos"
                    break
        return out if out is not None else default

    return norm
def _strip_accents(word: str) -> str:
    if word.isascii():
        return word
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


#: languages whose norms drop accents after the lemma lookup, so a card printed without
#: accents or read by OCR ("evaluation", "etoile", "valoracion") matches the pack's accented
#: words (Spanish keeps ñ: "reseña" and "resena" meet through the lookup's ñ guess)
_ACCENT_FOLDERS: dict[str, Callable[[str], str]] = {
    "es": lambda word: word.translate(_ES_FOLD),
    "fr": _strip_accents,
}


#: marks printed for an apostrophe (typographic, modifier letter, acute, grave, opening quote)
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'", "\u2018": "'", "\u00b4": "'", "`": "'"})


def make_norm(table: Any, lang: str) -> Callable[[str], str]:
    """``word → lower-case lemma`` with a per-process memo."""
    extra = _EXTRA_NORMS.get(lang, {})
    folder = _ACCENT_FOLDERS.get(lang)
    memo: dict[str, str] = {}
    possessive = lang in ("en", "es", "it", "fr")
    get = table.get if table is not None else (lambda w, d=None: d)
    if lang == "es":
        get = _es_lookup(get)

    def norm(word: str) -> str:
        try:
            return memo[word]
        except KeyError:
            pass
        low = word.lower().translate(_APOSTROPHES)
        if possessive and len(low) > 3 and low.endswith("'s") and low[:-2].isalpha():
            # a possessive the tokenizer left on the word ("Amazon's" in a Spanish, Italian or
            # French card): the word's own norm, so the concepts that name Amazon or the seller
            # read it (not German, where "gibt's", "passt's" are a verb and "es")
            out = memo[word] = norm(low[:-2])
            return out
        out = extra.get(low) or get(low, None)
        if isinstance(out, (list, tuple)):  # some tables (French) map a word to a list of lemmas
            out = str(out[0]) if out else None
        if out is None:
            out = low
            # plural fallback for words the table lacks ("screenshots", "giveaways")
            if len(low) > 4 and low.endswith("s") and not low.endswith(("ss", "us", "is")) and low.isalpha():
                out = low[:-1]
        elif out[:1] == _OTHER:  # in the table, with a lemma no pack word has (LemmaTable)
            out = _OTHER + low
        if folder is not None:
            out = folder(out)
        memo[word] = out
        return out

    return norm


_IT_PLURAL = {"o": ("i",), "a": ("e",), "e": ("i",), "i": ("o", "e"), }
_ES_ACCENT_DROP = str.maketrans("áéíóú", "aeiou")


def number_forms(lang: str, word: str) -> tuple[str, ...]:
    """The regular other-number (and for French participles, gender) spellings of a pack word:
    its plural when it reads singular, its singular when it reads plural ("sello" → "sellos",
    "bollini" → "bollino", "ligne" → "lignes", "reçu" → "reçue"). Guesses, some of them no
    word: :func:`variant_norms` keeps only what the lemma table reads as the same stem."""
    w = word.lower()
    if lang == "es":
        if w.endswith("es") and w[-3:-2] not in "aeiouáéíóú":
            return (w[:-1], w[:-2])
        if w.endswith("s"):
            return (w[:-1],)
        if w[-1] in "aeiouáéó":
            return (w + "s",)
        if w.endswith("z"):
            return (w[:-1] + "ces",)
        return ((w[:-2] + w[-2:].translate(_ES_ACCENT_DROP)) + "es",)
    if lang == "it":
        out = [w[:-1] + e for e in _IT_PLURAL.get(w[-1], ())]
        if w.endswith(("co", "go", "ca", "ga")):
            out.append(w[:-1] + "h" + ("i" if w[-1] == "o" else "e"))
        return tuple(out)
    if lang == "fr":
        if w.endswith("aux"):
            return (w[:-3] + "al",)
        if w.endswith(("s", "x")):
            return (w[:-1],)
        if w.endswith(("eau", "eu")):
            return (w + "x",)
        if w.endswith(("é", "i", "u")):
            return (w + "s", w + "e", w + "es")
        if w.endswith("al"):
            return (w[:-2] + "aux", w + "s")
        return (w + "s",)
    return ()


#: the languages whose pack words take their other number's norms. Spanish and French gain
#: them too by the same rule but lost 0.01-0.017 on b13-b36 (new marketing and other hits from
#: denominal verbs, e.g. "color" reading colorir forms): left out until those are narrowed
_VARIANT_LANGS = ("it",)


def variant_norms(word: str, lang: str, norm: Callable[[str], str], stop_words: Any) -> tuple[str, ...]:
    """The norms a pack word's other number reads as, besides its own: the lookup tables give
    one lemma per form, often a verb of the same stem for a noun ("sello" → sellar but
    "sellos" → sello; "lignes" → ligner, "direcciones" → direccionar, "reçue" → reçu while
    "reçu" → recevoir), so a word listed as a lemma missed its own plural or singular. Only
    norms that keep the word's stem count (a form of another word, "fossi" of essere for
    "fosse", is not taken), and function words (the language's stop words) have none."""
    low = word.lower()
    if lang not in _VARIANT_LANGS or len(low) < 4 or not low.isalpha() or low in stop_words:
        return ()
    own = norm(word)
    stem = _strip_accents(low[:-2] if len(low) > 5 else low[:-1])
    out: list[str] = []
    for form in number_forms(lang, low):
        v = norm(form)
        if v != own and v != low and v[:1] != _OTHER and _strip_accents(v).startswith(stem) and v not in out:
            out.append(v)
    return tuple(out)


def fold(text: str) -> str:
    """NFKC and lower case: ``ＡＭＡＺＯＮ`` → ``amazon``, ``５`` → ``5``, ``ｶ`` → ``カ``."""
    return unicodedata.normalize("NFKC", text).lower()


def make_ja_norm(nlp: Any) -> Callable[[str], str]:
    """``word → folded Sudachi dictionary form`` for pack words (memoised). A word Sudachi
    reads as several tokens keeps its folded spelling: it can only match as a regex or as
    several slots (tests/checks/test_lang_ja.py checks that the pack's words are single tokens)."""
    memo: dict[str, str] = {}

    def norm(word: str) -> str:
        try:
            return memo[word]
        except KeyError:
            pass
        doc = nlp.make_doc(word)
        toks = [t for t in doc if not t.is_space]
        out = fold(toks[0].lemma_ or toks[0].text) if len(toks) == 1 else fold(word)
        memo[word] = out
        return out

    return norm


#: Japanese conjunctive particles that open a new clause ("…ですが、", "…けれど"); the same
#: spelling as a case particle (が) must not, so the part of speech decides
_JA_CLAUSE_PARTICLES = frozenset({"が", "けど", "けれど", "けれども", "のに", "ものの"})


#: how the frozen bundle ships the dictionary: ``<package>/resources/system.dic`` gzip-compressed
PACKED_DICTIONARY = "system.dic.gz"


def sudachi_dictionary() -> str:
    """What SudachiPy opens: the edition's name (:data:`SUDACHI_DICT`; SudachiPy finds the
    package), or, when the package holds the compressed copy the frozen bundle ships, the
    file unpacked from it into the user's cache folder."""
    import importlib.util

    spec = importlib.util.find_spec(f"sudachidict_{SUDACHI_DICT}")
    if spec is None or not spec.submodule_search_locations:
        return SUDACHI_DICT  # not installed: SudachiPy's own error names the package
    packed = Path(list(spec.submodule_search_locations)[0]) / "resources" / PACKED_DICTIONARY
    if not packed.is_file():
        return SUDACHI_DICT
    from checks.resources import user_cache_dir

    return str(unpack_dictionary(packed, user_cache_dir() / "sudachi", f"sudachidict_{SUDACHI_DICT}"))


def unpack_dictionary(packed: Path, folder: Path, name: str) -> Path:
    """``packed`` (gzip) unpacked to ``folder/<name>-<crc>.dic``, once: the file is named after
    the CRC-32 in the gzip trailer and kept while it has the trailer's size, so a later start
    (or another worker process) opens it at once. Written to a private temporary name and
    renamed, so two processes unpacking together never open a half-written dictionary; the
    copies of other versions in ``folder`` are removed."""
    import gzip
    import os
    import shutil

    with packed.open("rb") as fh:
        fh.seek(-8, os.SEEK_END)
        trailer = fh.read(8)
    crc, size = int.from_bytes(trailer[:4], "little"), int.from_bytes(trailer[4:], "little")
    target = folder / f"{name}-{crc:08x}.dic"
    try:
        if target.is_file() and target.stat().st_size == size:
            return target
        folder.mkdir(parents=True, exist_ok=True)
        part = folder / f".{target.name}.{os.getpid()}.{threading.get_ident()}.part"
        try:
            with gzip.open(packed, "rb") as src, part.open("wb") as dst:
                shutil.copyfileobj(src, dst, 1 << 20)
            os.replace(part, target)
        finally:
            part.unlink(missing_ok=True)
        for old in folder.glob(f"{name}-*.dic"):
            if old != target:
                old.unlink(missing_ok=True)
    except OSError as exc:
        raise ChecksError(f"cannot unpack the Japanese dictionary into {folder}: "
                          f"{exc.strerror or exc}") from None
    return target


class SudachiTokenizer:
    """Japanese text → ``Doc`` of SudachiPy short units (split mode A), each token's
    dictionary form as ``lemma_``. Tokens carry no trailing spaces: whitespace is its own
    token, so the Doc's text and every ``token.idx`` match the input exactly.

    The facts the engine needs per token are computed here, once, from the morphemes
    (``doc.user_data``, read by :func:`ja_doc_facts`): the folded dictionary forms (the
    norms) and the indices of conjunctive particles that open a clause."""

    def __init__(self, vocab: Any) -> None:
        from sudachipy import Dictionary, SplitMode

        self.vocab = vocab
        self._dictionary = Dictionary(dict=sudachi_dictionary())  # one copy of the dictionary, shared by every thread
        self._mode = SplitMode.A
        self._local = threading.local()
        self._fold: dict[str, str] = {}
        #: (sentence end before it, sentence) → its words, norms, clause openings (:meth:`words`)
        self._sentences: dict[tuple[str, str], tuple[tuple[str, ...], tuple[str, ...], frozenset[int]]] = {}

    def _tokenizer(self) -> Any:
        """This thread's Sudachi tokenizer: one instance refuses concurrent use ("Tokenizer is
        already in use"), and the designer's worker and the batch pool check in threads."""
        tok = self._local.__dict__.get("tok")
        if tok is None:
            tok = self._local.tok = self._dictionary.tokenizer(mode=self._mode)
        return tok

    def __call__(self, text: str) -> Any:
        from spacy.tokens import Doc

        words, lemmas, norms, breaks = self.split(text)
        return Doc(self.vocab, words=words, spaces=[False] * len(words), lemmas=lemmas,
                   user_data={"cw_norms": norms, "cw_clause_breaks": breaks})

    def words(self, text: str) -> tuple[list[str], list[str], frozenset[int]]:
        """(words, their norms, indices of words that open a clause): what the engine reads
        of a Doc, without building one (the words tile ``text``, no trailing spaces).

        Read sentence by sentence, each remembered: typing at the end of a long line reads
        its last sentence again, not the line. A sentence end 。！？ is a word of its own in
        Sudachi's dictionary; where every segmentation of the line passes through it, the
        best path through the line is the best path up to it and the best path on from it.
        The first is the best segmentation of the text up to the mark alone; the second is
        that of the mark and what follows, read with the mark in front (the connection from
        the mark to the next word is the line's, not a sentence start's) and the mark's word
        dropped. Where the mark is not a word of its own in either reading (a name such as
        モーニング娘。) the line is read whole. The 8,872 Japanese lines of the labelled sets
        segment the same both ways (tests/checks/test_lang_ja.py reads the pack's examples
        both ways)."""
        cuts = [m.end() for m in _JA_SENTENCE_END.finditer(text)]
        words: list[str] = []
        norms: list[str] = []
        breaks: set[int] = set()
        left = ""
        pos = 0
        for end in [*cuts, len(text)]:
            if end <= pos:
                continue
            got = self._sentence_words(left, text[pos:end])
            if got is None:
                w, _, n, b = self.split(text)
                return w, n, b
            w, n, b = got
            breaks.update(i + len(words) for i in b)
            words += w
            norms += n
            left = text[end - 1]
            pos = end
        return words, norms, frozenset(breaks)

    def _sentence_words(self, left: str, chunk: str) -> tuple[tuple[str, ...], tuple[str, ...], frozenset[int]] | None:
        """:meth:`words` of ``chunk`` after the sentence end ``left`` ("" at a line's start),
        remembered by both; None when a sentence end (``left``, or the one that ends
        ``chunk``) is not a word of its own."""
        key = (left, chunk)
        memo = self._sentences
        hit = memo.get(key)
        if hit is not None:
            return hit
        w, _, n, b = self.split(left + chunk)
        if left:
            if not w or w[0] != left:
                return None
            w, n, b = w[1:], n[1:], frozenset(i - 1 for i in b if i > 0)
        if chunk[-1] in _JA_SENTENCE_MARKS and (not w or w[-1] != chunk[-1]):
            return None
        hit = (tuple(w), tuple(n), b)
        if len(chunk) <= 4096:
            if len(memo) > 8192:
                memo.clear()
            memo[key] = hit
        return hit

    def split(self, text: str) -> tuple[list[str], list[str], list[str], frozenset[int]]:
        """(words, dictionary forms, norms, clause-opening indices) of ``text``. Sudachi refuses
        an input of more than 49,149 bytes (a long line of OCR text with no sentence end):
        such a text is read in parts cut after a space or a mark (:func:`_sudachi_parts`)."""
        if len(text) > _SUDACHI_PART_CHARS and len(text.encode("utf-8")) > _SUDACHI_PART_BYTES:
            words: list[str] = []
            lemmas: list[str] = []
            norms: list[str] = []
            breaks: set[int] = set()
            for part in _sudachi_parts(text):
                w, lm, n, b = self.split(part)
                breaks.update(i + len(words) for i in b)
                words += w
                lemmas += lm
                norms += n
            return words, lemmas, norms, frozenset(breaks)
        morphemes = [m for m in (self._tokenizer().tokenize(text) if text else ()) if m.end() > m.begin()]
        # Sudachi's own normalisation can add zero-width morphemes ((株) for ㈱ in some
        # contexts): tokens are cut from the input by offset, so they always tile it
        if sum(m.end() - m.begin() for m in morphemes) != len(text):
            morphemes = _tiling(morphemes, text)
        words = [text[m.begin():m.end()] for m in morphemes]
        lemmas = [m.dictionary_form() for m in morphemes]
        memo = self._fold
        norms = []
        for lemma in lemmas:
            nm = memo.get(lemma)
            if nm is None:
                nm = memo[lemma] = fold(lemma)
            norms.append(nm)
        breaks = frozenset(i for i, w in enumerate(words)
                           if w in _JA_CLAUSE_PARTICLES and morphemes[i].part_of_speech()[1] == "接続助詞")
        if "amazon" in norms:
            words, lemmas, norms, breaks = _join_amazon_domain(words, lemmas, norms, breaks)
        return words, lemmas, norms, breaks


#: the longest text given to Sudachi at once (it refuses more than 49,149 bytes), in bytes, and
#: the length under which no text can reach it (4 bytes a character at most)
_SUDACHI_PART_BYTES = 32_768
_SUDACHI_PART_CHARS = _SUDACHI_PART_BYTES // 4
#: where a long text is best cut: after a space or a mark
_SUDACHI_CUT = re.compile(r"[\s。、！？!?,.)）」』]")


def _sudachi_parts(text: str) -> list[str]:
    """``text`` cut into parts of at most :data:`_SUDACHI_PART_BYTES` bytes, each after the last
    space or mark that fits (else after the last character that fits)."""
    parts = []
    while len(text.encode("utf-8")) > _SUDACHI_PART_BYTES:
        # the longest prefix that fits: characters of 1–4 bytes, so search by bytes
        room = len(text.encode("utf-8")[:_SUDACHI_PART_BYTES].decode("utf-8", "ignore"))
        cut = 0
        for m in _SUDACHI_CUT.finditer(text, 0, room):
            cut = m.end()
        if cut < room // 2:
            cut = room
        parts.append(text[:cut])
        text = text[cut:]
    parts.append(text)
    return parts


#: the sentence ends a Japanese line is read up to (SudachiTokenizer.words): after each,
#: unless it ends the line
_JA_SENTENCE_MARKS = "。！？"
_JA_SENTENCE_END = re.compile("[。！？](?=[^。！？])", re.S)

#: what Sudachi cuts off "Amazon" in "Amazon.co.jp", "amazon.com" (".co.jp"; ".", "com")
_DOMAIN_TAIL = re.compile(r"(?:\.[a-z]{2,3}){1,2}")
_DOMAIN_TAIL_PREFIX = re.compile(r"(?:\.[a-z]{0,3}){1,2}")


def _join_amazon_domain(words: list[str], lemmas: list[str], norms: list[str],
                        breaks: frozenset[int]) -> tuple[list[str], list[str], list[str], frozenset[int]]:
    """"Amazon" and the domain tail Sudachi splits off it ("Amazon.co.jpのメッセージ" →
    Amazon, .co.jp, の …) as one word "Amazon.co.jp" read as amazon, so a slot after the word
    Amazon (の, で, メッセージ) is next to it as in "Amazonのメッセージ" (the spaCy languages keep
    the address one token: checks.engine.amazon_reading reads it)."""
    out_w: list[str] = []
    out_l: list[str] = []
    out_n: list[str] = []
    new_index: dict[int, int] = {}
    i = 0
    n = len(words)
    while i < n:
        new_index[i] = len(out_w)
        end = i
        if norms[i] == "amazon":
            tail = ""
            for j in range(i + 1, min(n, i + 5)):
                tail += fold(words[j])
                if not _DOMAIN_TAIL_PREFIX.fullmatch(tail):
                    break
                if _DOMAIN_TAIL.fullmatch(tail):
                    end = j
        out_w.append("".join(words[i:end + 1]))
        out_l.append(lemmas[i])
        out_n.append(norms[i])
        i = end + 1
    return out_w, out_l, out_n, frozenset(new_index[b] for b in breaks if b in new_index)


@dataclass
class _Piece:
    """A stand-in morpheme for text Sudachi's morphemes do not tile (kept as written)."""

    start: int
    stop: int
    word: str

    def begin(self) -> int:
        return self.start

    def end(self) -> int:
        return self.stop

    def dictionary_form(self) -> str:
        return self.word

    def part_of_speech(self) -> tuple[str, ...]:
        return ("", "")


def _tiling(morphemes: list[Any], text: str) -> list[Any]:
    """Morphemes in order without overlaps, gaps filled, so their offsets cover the text once."""
    n = len(text)
    out: list[Any] = []
    pos = 0
    for m in sorted(morphemes, key=lambda m: (m.begin(), -m.end())):
        if m.begin() < pos:
            continue
        if m.begin() > pos:
            out.append(_Piece(pos, m.begin(), text[pos:m.begin()]))
        out.append(m)
        pos = m.end()
    if pos < n:
        out.append(_Piece(pos, n, text[pos:]))
    return out


def ja_doc_facts(doc: Any) -> tuple[list[str], frozenset[int]]:
    """(norm of each token, indices of tokens that open a clause) of a Japanese Doc."""
    return doc.user_data["cw_norms"], doc.user_data["cw_clause_breaks"]


@dataclass
class Pipeline:
    lang: str
    nlp: Any
    #: Japanese: word → folded Sudachi dictionary form. The languages with a lookup table
    #: have no norm of their own: a pack gets one for its words (:meth:`norm_for`)
    norm: Callable[[str], str] | None = None
    #: per Doc: (each token's norm in context, indices of tokens that open a clause whatever
    #: their norm) — Japanese: the dictionary forms Sudachi chose, conjunctive particles;
    #: None: ``norm(token.text)`` and clause words only
    doc_facts: Callable[[Any], tuple[list[str], frozenset[int]]] | None = None
    #: negation follows what it negates (Japanese 〜ません): a negation cue covers its clause
    negation_follows: bool = False
    #: text → (words, norms, clause-opening indices) without a Doc, for tokenizers whose
    #: words carry no trailing spaces (Japanese); None: read them from ``nlp.make_doc``
    words: Callable[[str], tuple[list[str], list[str], frozenset[int]]] | None = None

    def norm_for(self, words: Iterable[str]) -> Callable[[str], str]:
        """``word → norm`` for a pack whose patterns, lexicons and clause words are ``words``:
        the lemma lookup cut down to what those words can meet (:class:`LemmaTable`)."""
        if self.norm is not None:
            return self.norm
        return make_norm(lemma_table(self.lang, words), self.lang)


_PIPES: dict[str, Pipeline] = {}

#: what a form of the lookup table maps to when its lemma can meet no pack word (see
#: :class:`LemmaTable`); a private-use character, so no pack word ever equals it. Spanish
#: keeps one fact about the lost lemma: whether it is a verb (``_es_lookup`` tests the ending)
_OTHER = "\ue000"
_OTHER_VERB = "\ue000ar"
_MISSING = object()


class LemmaTable:
    """A ``lemma_lookup`` table cut down to what one set of pack words can meet.

    The full tables hold 40 000 (English) to 490 000 (Spanish) forms, about 130 MB resident
    per language as a spaCy ``Table``; a pack compares token norms with a few thousand words.
    A form is kept with its lemma when its norm (the lemma, accents folded as ``make_norm``
    folds them) is a pack word's norm or spelling; every other lower-case form is only known
    to be *in* the table (a sorted array of 64-bit digests of the form, 8 bytes a form:
    :func:`_form_key`, the same in every process, so a cut can be stored) and reads as a
    placeholder (``_OTHER``), whose norm no pack word has. So for every word a card holds,
    the norm is in the packs' vocabulary exactly when the full table's would be, and then it
    is the same norm: the lookup's control flow (Spanish tries accents and enclitics until a
    form is found, and whether a found lemma is a verb) sees the same answers. Forms with
    capitals are dropped: ``make_norm`` looks up lower-case words only.

    What changes is the norm of a word the packs cannot meet (``"\ue000" + word`` instead
    of its lemma): the second stage's input (``Sentence.norms``) reads such words as written.
    Two hashes of 64 bits colliding (a word outside the table read as a placeholder) has odds
    of about 1 in 10¹³ per distinct word.
    """

    __slots__ = ("_kept", "_others", "_verbs", "size")

    def __init__(self, kept: dict[str, str], others: Any, verbs: Any, size: int) -> None:
        """``others``/``verbs``: ``array("q")`` of :func:`_form_key` digests, sorted."""
        self._kept = kept
        self._others = others
        self._verbs = verbs
        self.size = size  # forms in the full table

    def __len__(self) -> int:
        return len(self._kept)

    def get(self, word: str, default: Any = None) -> Any:
        out = self._kept.get(word, _MISSING)
        if out is not _MISSING:
            return out
        h = _form_key(word)
        for arr, placeholder in ((self._others, _OTHER), (self._verbs, _OTHER_VERB)):
            i = bisect.bisect_left(arr, h)
            if i < len(arr) and arr[i] == h:
                return placeholder
        return default


def _form_key(form: str) -> int:
    """A 64-bit digest of a table form, the same in every process (``hash`` of a string is
    not: it is salted per process), so the cut can be stored (:func:`lemma_table`)."""
    return int.from_bytes(_blake2b(form.encode("utf-8", "surrogatepass"), digest_size=8).digest(),
                          "little", signed=True)


_TABLES: dict[tuple[str, frozenset[str]], LemmaTable | None] = {}
_TABLES_LOCK = threading.Lock()


def _lemma_data_digest(spacy_lang: str) -> bytes | None:
    """What identifies spacy-lookups-data's ``lemma_lookup`` file for the language (the file
    :func:`_full_lemma_table` reads): a digest of its path, size and modification time, which
    a reinstall or an edit changes, taken from ``stat`` so a new process does not read a
    table of megabytes just to name its stored cut. None when there is none."""
    try:
        import spacy_lookups_data
    except ImportError:
        return None
    tables = getattr(spacy_lookups_data, spacy_lang, None)
    path = tables.get("lemma_lookup") if isinstance(tables, dict) else None
    if path is None:
        return None
    for candidate in (Path(path), Path(f"{path}.gz")):   # as spacy.util.load_language_data looks
        try:
            st = candidate.stat()
        except OSError:
            continue
        return hashlib.sha256(f"{candidate.resolve()}\0{st.st_size}\0{st.st_mtime_ns}".encode()).digest()
    return None


def _cut_key(spacy_lang: str, vocab: frozenset[str]) -> bytes | None:
    """What a cut is computed from: this module's code, the language's table file, the words."""
    code = parsed_cache.source_digest(sys.modules[__name__])
    data = _lemma_data_digest(spacy_lang)
    if code is None or data is None:
        return None
    words = "\0".join(sorted(vocab)).encode("utf-8", "surrogatepass")
    return b"\0".join((code, spacy_lang.encode(), data, hashlib.sha256(words).digest()))


def _full_lemma_table(spacy_lang: str) -> dict[str, Any] | None:
    """spacy-lookups-data's ``lemma_lookup`` for the language as a plain dict, or None.

    Read from the package's data file directly: the same entries spaCy's ``load_lookups``
    returns, without its entry-point scan (for English ~0.3 s less before the first check)."""
    try:
        import spacy_lookups_data
        from spacy.util import load_language_data
    except ImportError:  # no lookups package: words are their own norms
        return None
    tables = getattr(spacy_lookups_data, spacy_lang, None)   # the package's table paths per language
    path = tables.get("lemma_lookup") if isinstance(tables, dict) else None
    if path is None:
        return None
    try:
        table = load_language_data(path)
    except (ValueError, OSError):  # the table file is missing or unreadable
        return None
    return table if isinstance(table, dict) else None


def lemma_table(spacy_lang: str, words: Iterable[str]) -> LemmaTable | None:
    """The lookup table of ``spacy_lang`` cut down for ``words`` (built once per word set)."""
    vocab = frozenset(words)
    key = (spacy_lang, vocab)
    with _TABLES_LOCK:
        if key not in _TABLES:
            # stored once computed (checks.parsed_cache: named by the digest of the code, the
            # table file and the words), so a new process reads the cut instead of the table
            cache_key = _cut_key(spacy_lang, vocab)
            stored = parsed_cache.MISS if cache_key is None else parsed_cache.get_derived("lemmas", cache_key)
            if _valid_cut(stored):
                kept_json, others_raw, verbs_raw, size = stored
            else:
                cut = _cut(spacy_lang, vocab)
                if cut is None:
                    _TABLES[key] = None
                    return None
                kept_json, others_raw, verbs_raw, size = cut[0], cut[1].tobytes(), cut[2].tobytes(), cut[3]
                if cache_key is not None:
                    parsed_cache.put_derived("lemmas", cache_key, (kept_json, others_raw, verbs_raw, size))
            # the kept forms are read back from one string, so none of them sits among the
            # full table's freed strings: the memory the full table took goes back to the
            # system instead of being pinned by a few thousand survivors
            _TABLES[key] = LemmaTable(json.loads(kept_json), _keys(others_raw), _keys(verbs_raw), size)
        return _TABLES[key]


def _valid_cut(stored: Any) -> bool:
    return (isinstance(stored, tuple) and len(stored) == 4 and isinstance(stored[0], str)
            and isinstance(stored[1], bytes) and isinstance(stored[2], bytes) and isinstance(stored[3], int)
            and len(stored[1]) % 8 == 0 and len(stored[2]) % 8 == 0)


def _keys(raw: bytes) -> Any:
    from array import array

    out = array("q")
    out.frombytes(raw)
    return out


def _cut(lang: str, vocab: frozenset[str]) -> tuple[str, Any, Any, int] | None:
    """(kept forms as JSON, sorted :func:`_form_key` digests of the other forms, of the other
    verb forms (Spanish), size of the full table): the full table is read, sorted out and
    dropped here."""
    from array import array

    full = _full_lemma_table(lang)
    if full is None:
        return None
    full_norm = make_norm(full, lang)
    meet = {full_norm(w) for w in vocab} | {w.lower() for w in vocab}
    stops = stop_words(lang)
    meet |= {v for w in vocab for v in variant_norms(w, lang, full_norm, stops)}
    folder = _ACCENT_FOLDERS.get(lang)
    kept: dict[str, str] = {}
    others = array("q")
    verbs = array("q")
    for form, lemma in full.items():
        if form.lower() != form:
            continue
        if isinstance(lemma, (list, tuple)):  # French: a list of lemmas, the first one counts
            if not lemma:
                continue  # make_norm reads an empty list as no entry
            lemma = str(lemma[0])
        if (folder(lemma) if folder is not None else lemma) in meet:
            kept[form] = lemma
        elif lang == "es" and lemma.translate(_ES_FOLD).endswith(_ES_VERB_ENDINGS):
            verbs.append(_form_key(form))
        else:
            others.append(_form_key(form))
    return json.dumps(kept, ensure_ascii=False), array("q", sorted(others)), array("q", sorted(verbs)), len(full)


_EN_POSSESSIVE = "(?<=[^\\W\\d_])[\u02bc\u2018\u00b4`][sS]"
#: suffix expressions added to spaCy's own, per language: a possessive printed with another
#: mark for the apostrophe ("Amazon‘s", "seller´s") splits off like "'s" does in English
EXTRA_SUFFIXES: dict[str, tuple[str, ...]] = {"en": (_EN_POSSESSIVE,)}


def _tokenizer(nlp: Any) -> Any:
    """What spaCy's default tokenizer factory (``spacy.Tokenizer.v1``) builds for ``nlp``: the
    language's exceptions, prefixes, suffixes, infixes, token and URL matches — with the three
    affix expressions compiled through :mod:`checks.regex_cache`, so a new process reads their
    programs instead of compiling them (the same ``re.Pattern`` objects, so the same tokens)."""
    from spacy.tokenizer import Tokenizer

    from checks.regex_cache import compile_all

    d = nlp.Defaults
    suffixes = list(d.suffixes or ()) + list(EXTRA_SUFFIXES.get(nlp.lang, ()))
    # the expressions spacy.util.compile_prefix_regex / _suffix_ / _infix_ build
    prefix = "|".join(["^" + piece for piece in d.prefixes if piece.strip()]) if d.prefixes else None
    suffix = "|".join([piece + "$" for piece in suffixes if piece.strip()]) if suffixes else None
    infix = "|".join([piece for piece in d.infixes if piece.strip()]) if d.infixes else None
    todo = [x for x in (prefix, suffix, infix) if x is not None]
    compiled = dict(zip(todo, compile_all(f"tokenizer-{nlp.lang}", [(x, 0) for x in todo])))
    return Tokenizer(
        nlp.vocab,
        rules=d.tokenizer_exceptions,
        prefix_search=compiled[prefix].search if prefix is not None else None,
        suffix_search=compiled[suffix].search if suffix is not None else None,
        infix_finditer=compiled[infix].finditer if infix is not None else None,
        token_match=d.token_match,
        url_match=d.url_match,
    )


def stop_words(spacy_lang: str) -> frozenset[str]:
    """spaCy's stop words of the language (function words: no number variants)."""
    try:
        return frozenset(_spacy().util.get_lang_class(spacy_lang).Defaults.stop_words)
    except Exception:  # noqa: BLE001 - an unknown language has none
        return frozenset()


def blank(spacy_lang: str) -> Any:
    """What ``spacy.blank(spacy_lang)`` builds (the language class with its default vocabulary
    and tokenizer), without resolving and validating the whole default training config, and
    with the tokenizer's affix expressions read from :mod:`checks.regex_cache`."""
    from checks.regex_cache import import_module

    spacy = _spacy()
    if spacy_lang.isidentifier():
        import_module(f"spacy.lang.{spacy_lang}")   # its large expressions from the regex cache
    return spacy.util.get_lang_class(spacy_lang)(create_tokenizer=_tokenizer)


def get_pipeline(spacy_lang: str) -> Pipeline:
    """The shared pipeline for a spaCy language code, built on first use (thread-safe)."""
    pipe = _PIPES.get(spacy_lang)
    if pipe is not None:
        return pipe
    with _LOCK:
        pipe = _PIPES.get(spacy_lang)
        if pipe is None:
            spacy = _spacy()
            if spacy_lang == "ja":
                # the Japanese vocabulary and lexical attributes, with our own Sudachi
                # tokenizer instead of spaCy's (which builds readings and morphology we never
                # read: 16 ms against 2 ms for a 900-character card)
                nlp = spacy.blank("ja", config={"nlp": {"tokenizer": {"@tokenizers": "spacy.Tokenizer.v1"}}})
                nlp.tokenizer = SudachiTokenizer(nlp.vocab)
                pipe = Pipeline(spacy_lang, nlp, make_ja_norm(nlp), ja_doc_facts, negation_follows=True,
                                words=nlp.tokenizer.words)
                _PIPES[spacy_lang] = pipe
                return pipe
            nlp = blank(spacy_lang)
            for word in _SPECIAL_CASES.get(spacy_lang, ()):  # keep "e-mail" one token
                nlp.tokenizer.add_special_case(word, [{"ORTH": word}])
            pipe = Pipeline(spacy_lang, nlp)
            _PIPES[spacy_lang] = pipe
    return pipe
