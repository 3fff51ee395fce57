"""Cheap per-paragraph language identification: writing system first, then stop words.

Cards are short and often mix languages paragraph by paragraph (an English thank-you, then
the German warranty note), so each paragraph is judged on its own. Non-Latin scripts decide
at once (kana → ja, hangul → ko, Han without kana → zh, Cyrillic → ru …); Latin text is
scored by how many of its words are frequent function words of each language listed in
``resources/rules/languages.yaml``. Too little evidence (a short line, a single function
word, a tie) returns ``None`` and the caller uses the card's main language: only a confident
guess may mark text as another language. No model, no dependency, microseconds per paragraph.
"""
from __future__ import annotations

import re
import string
import unicodedata
from collections import Counter
from typing import Mapping

from checks.detectors import strip_addresses

_ASCII_LETTER = re.compile(r"[A-Za-z]")
#: the ASCII letters, deleted from a text's ASCII bytes to count them (bytes.translate)
_ASCII_LETTER_BYTES = string.ascii_letters.encode("ascii")
#: the characters outside ASCII (their scripts are looked up)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
#: character → its script (:func:`_script`), filled as characters are met
_SCRIPTS: dict[str, str | None] = {}
_UNSEEN = object()
_ASCII_WORD = re.compile(r"[A-Za-z]+")
#: a word; one letter joined by a hyphen stays one word ("E-Mail", "e-bike", "T-Shirt"), so
#: the "e" of "E-Mail" is not counted as the Italian "e" (and)
_WORD = re.compile(r"(?:[^\W\d_]-)?[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)

#: script → language for scripts used by one language we care about
#: below these, a Latin-script text is too short to tell its language by function words
_MIN_WORDS = 3
_MIN_LETTERS = 12
#: share of a text's words that must be the winning language's function words
_MIN_SHARE = 0.2
#: Han characters (without kana) needed to call a text Chinese rather than inherit
_MIN_HAN = 4
#: accented Latin letters of the Romance card languages (not German umlauts): the company an
#: ending shared with English or German needs to count (languages.yaml ``accented_suffixes``)
_ACCENTED = frozenset("éèêëàâçîïôûùœáíóúñì")

_SCRIPT_LANG = {"HIRAGANA": "ja", "KATAKANA": "ja", "HANGUL": "ko", "CYRILLIC": "ru", "ARABIC": "ar",
                "HEBREW": "he", "THAI": "th", "GREEK": "el", "DEVANAGARI": "hi"}


def _script(ch: str) -> str | None:
    if ch.isascii():
        return "LATIN" if ch.isalpha() else None
    # the scripts of a Japanese or Chinese card by code point (unicodedata.name per character
    # cost a typing check ~1 ms)
    if "\u3041" <= ch <= "\u309f":
        return "HIRAGANA"
    if "\u30a1" <= ch <= "\u30ff" and ch != "\u30fb":  # not the middle dot ・
        return "KATAKANA"
    if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf":
        return "HAN"
    if not ch.isalpha():
        return None
    name = unicodedata.name(ch, "")
    if name.startswith("CJK UNIFIED") or name.startswith("CJK COMPATIBILITY IDEOGRAPH"):
        return "HAN"
    return name.split(" ", 1)[0] if name else None


#: frequent Chinese function characters that Japanese prose does not use as words
#: (not 的: Japanese compounds use it, 目的, 効果的)
_ZH_FUNCTION = frozenset("您们們我你他她它是了吗嗎呢这這那个個说說对對为為与與请請让讓")


def _encodable(ch: str, codec: str) -> bool:
    try:
        ch.encode(codec)
        return True
    except UnicodeEncodeError:
        return False


def _han_cues(text: str) -> tuple[int, int]:
    """(Chinese cues, Japanese cues) in a text without kana: a Han character only GB 2312
    has is a simplified form (们, 质, 证), one only JIS X 0208 has is a Japanese form
    (見, 額, 証, 県); 〒 is a Japanese postal mark."""
    zh = ja = 0
    function = sum(1 for ch in text if ch in _ZH_FUNCTION)
    if function >= 2:  # 感謝您的購買…請: Traditional Chinese shares Japanese forms
        return function + len(text), 0
    for ch in text:
        if ch in _ZH_FUNCTION:
            zh += 1
        elif ch == "〒":
            ja += 3
        elif _script(ch) == "HAN":
            in_gb, in_jis = _encodable(ch, "gb2312"), _encodable(ch, "shift_jis")
            if in_gb and not in_jis:
                zh += 1
            elif in_jis and not in_gb:
                ja += 1
    return zh, ja


class LanguageGuesser:
    """Built from the ``languages`` mapping of languages.yaml: ``{lang: {stopwords: [...]}}``."""

    def __init__(self, languages: Mapping[str, Mapping]) -> None:
        self._stop: dict[str, frozenset[str]] = {
            lang: frozenset(str(w).lower() for w in (meta or {}).get("stopwords", []))
            for lang, meta in languages.items()
            if (meta or {}).get("stopwords")
        }
        #: function word → the languages it is a function word of (in ``_stop``'s order)
        self._stop_langs: dict[str, tuple[str, ...]] = {}
        for lang, stop in self._stop.items():
            for w in stop:
                self._stop_langs[w] = self._stop_langs.get(w, ()) + (lang,)
        self._memo: dict[str, str | None] = {}
        #: letters only one card language writes, and its telling word endings (languages.yaml)
        self._letters: dict[str, frozenset[str]] = {
            lang: frozenset(str((meta or {}).get("letters", "")))
            for lang, meta in languages.items() if (meta or {}).get("letters")
        }
        self._suffixes: dict[str, tuple[str, ...]] = {
            lang: tuple(str(x) for x in (meta or {}).get("suffixes", ()))
            for lang, meta in languages.items() if (meta or {}).get("letters")
        }
        #: endings other languages share (French -tion), telling only beside an accented letter
        self._accented_suffixes: dict[str, tuple[str, ...]] = {
            lang: tuple(str(x) for x in (meta or {}).get("accented_suffixes", ()))
            for lang, meta in languages.items() if (meta or {}).get("letters")
        }

    def guess(self, text: str) -> str | None:
        """The language of ``text`` or None when the evidence is too thin."""
        hit = self._memo.get(text)
        if hit is not None or text in self._memo:
            return hit
        out = self._guess(text)
        if len(self._memo) > 4096:
            self._memo.clear()
        self._memo[text] = out
        return out

    def _guess(self, text: str) -> str | None:
        counts: dict[str, int] = {}
        ascii_text = text.isascii()
        raw = text.encode("ascii") if ascii_text else text.encode("ascii", "ignore")
        ascii_letters = len(raw) - len(raw.translate(None, _ASCII_LETTER_BYTES))
        if ascii_letters:
            counts["LATIN"] = ascii_letters
        if not ascii_text:
            # each distinct character once (a Counter keeps first-occurrence order, so the
            # scripts are counted in the order they first appear, as a walk over the text would)
            scripts = _SCRIPTS
            for ch, n in Counter(_NON_ASCII.findall(text)).items():
                s = scripts.get(ch, _UNSEEN)
                if s is _UNSEEN:
                    if len(scripts) > 65_536:
                        scripts.clear()
                    s = scripts[ch] = _script(ch)
                if s:
                    counts[s] = counts.get(s, 0) + n
        if not counts:
            return None
        letters = sum(counts.values())
        kana = counts.get("HIRAGANA", 0) + counts.get("KATAKANA", 0)
        han = counts.get("HAN", 0)
        if kana or han:
            # a CJK character against a Latin *word* (not letter): "Amazon.co.jpで購入" and
            # "LINEで友だち追加" are Japanese with brand names, an English sentence quoting
            # one katakana brand name is not
            latin_words = len(_ASCII_WORD.findall(text))
            if kana + han >= latin_words:
                # kana decide Japanese, even one particle among kanji (全品送料無料の特別企画);
                # Han without any kana is Chinese (Japanese prose always has kana)
                if kana:
                    return "ja"
                # Han alone: a Japanese address or a kanji-only line (〒100-0001 東京都千代田区,
                # 全額返金保証) against Chinese (质量保证, 感谢您的购买): the forms each
                # writing system alone uses, and Chinese function characters, decide
                zh_cues, ja_cues = _han_cues(text)
                if ja_cues > zh_cues:
                    return "ja"
                # a few Han alone ("星5", a model name in kanji) take the card's language
                return "zh" if han >= _MIN_HAN else None
        top = max(counts, key=counts.get)
        if top != "LATIN" and top in _SCRIPT_LANG and counts[top] >= 0.3 * letters:
            return _SCRIPT_LANG[top]
        if "@" in text or "." in text or "＠" in text:
            text = strip_addresses(text)  # a mailbox or a domain is a name, not language
        # lower-casing keeps every character's length and class but İ's (U+0130), so the
        # words of the lower-cased text are the lower-cased words
        words = (_WORD.findall(text.lower().replace("’", "'")) if "\u0130" not in text
                 else [w.lower().replace("’", "'") for w in _WORD.findall(text)])
        if not words:
            return None
        # function words per language, in the order of languages.yaml (one look-up a word)
        scores = dict.fromkeys(self._stop, 0)
        stop_langs = self._stop_langs
        for w in words:
            langs = stop_langs.get(w)
            if langs:
                for lang in langs:
                    scores[lang] += 1
        best = max(scores, key=scores.get) if scores else None
        if best is None or scores[best] == 0:
            return self._spelling_guess(words, scores, text)
        ranked = sorted(scores.values(), reverse=True)
        runner = ranked[1] if len(ranked) > 1 else 0
        # Short lines ("Est. 2026", "Model No. X-200", a brand name) carry too little evidence:
        # one function word in a few letters is as often an abbreviation or a name as a
        # language ("est", "no", "la"), so they return None and inherit the card's language.
        letters = sum(map(len, words))
        if len(words) < _MIN_WORDS or letters < _MIN_LETTERS:
            return self._spelling_guess(words, scores, text)
        # enough evidence: two function words that make up a fair share of the words, and
        # clearly more of them than any other language's
        if scores[best] >= 2 and scores[best] > runner and scores[best] >= _MIN_SHARE * len(words):
            return best
        return self._spelling_guess(words, scores, text)

    def _spelling_guess(self, words: list[str], scores: Mapping[str, int], text: str = "") -> str | None:
        """Too few function words: letters and word endings only one language writes
        ("Amazon-geprüfte Qualität", "Nachfüllpacks gibt's günstiger …": ü, ä, -ung), when at
        least two of them agree, no other language writes any, and no language has as many
        function words as there are hints."""
        # marks that are not letters count from the text itself (Spanish ¿ and ¡)
        accented = not _ACCENTED.isdisjoint(text.lower())
        hints = {lang: sum(1 for w in words for ch in w if ch in letters)
                 + sum(1 for w in words if len(w) > 5 and w.endswith(self._suffixes.get(lang, ())))
                 + (sum(1 for w in words if len(w) > 5 and w.endswith(self._accented_suffixes[lang]))
                    if accented and self._accented_suffixes.get(lang) else 0)
                 + sum(1 for ch in text if ch in letters and not ch.isalpha())
                 for lang, letters in self._letters.items()}
        if not hints:
            return None
        best = max(hints, key=hints.get)
        if not hints[best] or any(v for lang, v in hints.items() if lang != best):
            return None
        # one spelling hint counts together with the language's own function words
        # ("Cinque stelle? … la paghi la metà": à and two "la"), never alone
        evidence = hints[best] + scores.get(best, 0)
        if evidence < 2:
            return None
        if any(v >= evidence for lang, v in scores.items() if lang != best):
            return None  # "in", "a": as many function words of another language as hints
        return best
