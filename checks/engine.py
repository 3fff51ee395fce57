"""The checker: text → findings.

Two stages, so the designer can call :meth:`Checker.check` on every pause in typing:

1. **Features, per paragraph, cached.** A paragraph (text between blank lines) is tokenised
   once with its language's spaCy pipeline; one ``Matcher`` holding every concept and
   pattern rule of the pack (merged ``IN`` lists, matched on lemma norms), the pack's
   regexes and the contact/link detectors produce *hits*, grouped by sentence and clause.
   The result depends only on the paragraph text and its language, so it is cached by
   ``(text, lang)`` and shared by every profile.
2. **Rules, over the whole card, every time.** Rule kinds (``pattern``, ``regex``,
   ``detector``, ``cooccur`` within a sentence window, ``sequence`` across sentences) read
   the cached hits: pure Python over a few dozen sentences, well under a millisecond, and
   it sees across paragraphs (a review request on one line, the gift two lines later).

Then profile severities apply, ``select``/``ignore`` filter, and overlapping findings of one
category merge into one.
"""
from __future__ import annotations

import bisect
import hashlib
import marshal
import os
import re
import sys
from re import _constants as _rc, _parser as _rp  # type: ignore[attr-defined]
import threading
import unicodedata
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Sequence

import ahocorasick

from checks import parsed_cache
from checks.artwork import ArtworkShape
from checks.errors import UnknownProfile, UnknownRule
from checks.findings import Category, Finding, Severity
from checks.bilingual import line_pieces
from checks.langid import LanguageGuesser
from checks.literals import LINE_LOCAL, foldable, literal_requirements
from checks.nlp import get_pipeline, stop_words, variant_norms
from checks.matcher import SpacyMatcher, TokenMatcher, TokenFacts, is_wordless
from checks.patterns import STOP_PUNCT, PatternSyntaxError, compile_pattern
from checks.kinds import ArtworkKind, Compiled, LanguageKind, NoticeKind, QrKind, forget as _forget_rule_memo
from checks.rules import DETECTOR_CONCEPTS, RulePackError, Rule, RuleSet, load_rules, matches_selector
from checks.segments import CJK_CUTS, LATIN_CUTS, piece_spans, pieces, shared_cut, stops_of
from checks.sentences import Card, Hit, Sentence
from checks.encoder_stage import EncoderError, EncoderStage, encoder_path, forget_all
from checks.second_stage import ModelError, SecondStage, model_input, model_path

from checks.detectors import DETECTORS
from checks.links import is_amazon_host, judge_url

#: full-width ASCII variants, half-width katakana and the ideographic space
_WIDE = re.compile("[\uff01-\uffef\u3000]")
_SURROGATE = re.compile("[\ud800-\udfff]")
#: full-width characters that can be part of an e-mail address, URL, handle or phone number
_ADDRESS_WIDE = re.compile("[０-９Ａ-Ｚａ-ｚ＠．－＿／＋％＝＆～]")
_NEWLINE = re.compile("\n")
_PARA_SPLIT = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_SENT_END = frozenset(".!?…。！？")
_BULLETS = frozenset("•·|▪►✓✔☑✅")  # arrows (→) are not breaks: "5★ review → free gift"
#: words that open a new clause, when languages.yaml gives none for the language
_CLAUSE_WORDS = frozenset({"but", "however", "although", "though", "otherwise", "yet"})
_CLAUSE_PUNCT = frozenset({";", "—", "–"})
_CACHE_SIZE = 2048
#: lines remembered per language engine (:meth:`_LangEngine._token_features`)
_LINE_CACHE_SIZE = 8192
#: sentence pieces whose regex matches an engine remembers (checks/segments.py)
_PIECE_CACHE_SIZE = 8192
#: where a line of a paragraph starts: after a whitespace run holding a line break
_LINE_CUT = re.compile(r"\n\s*(?=\S)")
#: how a regex runs when it cannot run piece by piece (_LangEngine._parts)
_LINE = "line"
_WHOLE = "whole"
#: every regex, whatever its part (_LangEngine._anchors_of)
_ALL = "all"
#: packs whose text ends sentences with 。！？ (checks.segments.CJK_CUTS)
_CJK_LANGS = frozenset({"ja", "zh"})
#: a sentence of one line: (start, end, norms, ((label, hits), …)), offsets local to the line
_SentenceSpec = tuple[int, int, tuple[str, ...], tuple[tuple[str, tuple[Hit, ...]], ...]]
_STOP = frozenset(STOP_PUNCT)
#: a token that names Amazon glued to something the tokenizers keep on the word: its web
#: address ("amazon.co.uk", "www.amazon.de", "amazon.com/review"), that address as the first
#: part of a compound ("amazon.de-nachrichten") and a genitive ("amazons", "amazon's")
_AMAZON_GLUED = re.compile(
    r"(?:https?://)?(?P<host>(?:www\.|smile\.|m\.)?amazon(?:\.[a-z]{2,3}){1,2})(?:/\S*|(?P<rest>-[^\W\d_][\w-]*))?"
    r"|amazon(?:s|['\u2019\u2018\u02bc\u00b4`]s)")


def amazon_reading(lower: str) -> str | None:
    """The lower-case form a token naming Amazon is read as by every pattern slot (``=amazon``,
    ``amazon``, the lexicons and concepts that list it): ``amazon`` for an Amazon web address,
    path or genitive, ``amazon-nachrichten`` for ``amazon.de-nachrichten``; None for any other
    token. A pack then names Amazon once and reads "review it on Amazon.co.uk", "Amazons
    Nachrichtenfunktion", "message us via amazon.ca" — the web address itself is still judged
    by the link detectors on the text (an Amazon page, never an external link)."""
    if "amazon" not in lower or lower == "amazon":
        return None
    m = _AMAZON_GLUED.fullmatch(lower)
    if m is None:
        return None
    host = m.group("host")
    if host is not None and not is_amazon_host(host):
        return None
    return "amazon" + (m.group("rest") or "")


#: "token" (default, indexed; see checks/matcher.py) or "spacy" (spaCy's Matcher, the reference)
MATCHER_BACKEND = os.environ.get("CARDWISE_MATCHER", "token")


@dataclass
class ParagraphFeatures:
    lang: str
    checked: bool  # False: no pack for the language (only language-independent rules ran)
    sentences: list[Sentence]


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: runs of text separated by blank lines."""
    out: list[tuple[int, int]] = []
    pos = 0
    for m in _PARA_SPLIT.finditer(text):
        if text[pos:m.start()].strip():
            out.append((pos, m.start()))
        pos = m.end()
    if text[pos:].strip():
        out.append((pos, len(text)))
    return out


def _fold_char(ch: str) -> str:
    """NFKC of one full-width/half-width form (``Ａ`` → ``A``, ``５`` → ``5``, ``！`` → ``!``,
    ``ｶ`` → ``カ``, the ideographic space → space) when it stays one character."""
    out = unicodedata.normalize("NFKC", ch)
    return out if len(out) == 1 else ch


def prepare(text: str, capitalised_nouns: bool = False) -> str:
    """Same-length copy for tokenising: full-width Latin, digits and punctuation folded to
    their plain forms one character at a time (``ＡＭＡＺＯＮ`` → ``AMAZON``, ``★５`` → ``★5``,
    so offsets into the original stay exact), curly apostrophes straightened, and a line
    break that continues a sentence (next line starts lower-case, previous line has no end
    mark) turned into a space, so wrapped lines from artwork read as one sentence. With
    ``capitalised_nouns`` (German: a wrapped line often starts with a noun) a break after a
    lower-case word ("Ihre ehrliche⏎Bewertung") also continues the sentence."""
    s = text.replace("\u2019", "'")
    if _SURROGATE.search(s):  # a lone surrogate (pasted from a broken source) cannot be encoded
        s = _SURROGATE.sub("\ufffd", s)
    if _WIDE.search(s):
        s = _WIDE.sub(lambda m: _fold_char(m.group()), s)
    if "\n" not in s:
        return s
    chars = list(s)
    for i in [m.start() for m in _NEWLINE.finditer(s)]:  # only line breaks change
        j = i + 1
        while j < len(chars) and chars[j] in " \t":
            j += 1
        k = i - 1
        while k >= 0 and chars[k] in " \t\r":
            k -= 1
        if j < len(chars) and k >= 0 and chars[k] not in ".!?:;…" and (chars[k].isalnum() or chars[k] in ",-"):
            if chars[j].islower() or (capitalised_nouns and chars[j].isalpha() and _ends_lower_word(chars, k)):
                chars[i] = " "
    return "".join(chars)


def _ends_lower_word(chars: list[str], k: int) -> bool:
    """Whether the word ending at ``chars[k]`` starts with a lower-case letter."""
    while k > 0 and (chars[k - 1].isalnum() or chars[k - 1] == "-"):
        k -= 1
    return chars[k].islower()


class _LangEngine(Compiled):
    """The compiled matcher/regexes of one language pack (or of no pack: ``pack=None``);
    each rule's kind adds what it matches (``RuleKind.compile``)."""

    def __init__(self, ruleset: RuleSet, lang: str | None, backend: str = "token") -> None:
        self.lang = lang
        self.backend = backend
        pack = ruleset.packs.get(lang) if lang else None
        self.pack = pack
        #: (label, regex, its requirements: tuples of strings, every match holds one string
        #: of each; see checks.literals)
        self.regexes: list[tuple[str, re.Pattern[str], tuple[tuple[str, ...], ...] | None]] = []
        self.matcher = None
        self.pipeline = None
        #: token text → its lexeme's (lower, is_space, is_punct, like_num, is_currency)
        self._lexical: dict[str, tuple[str, bool, bool, bool, bool]] = {}
        #: token text (Japanese: (text, norm)) → what a line's analysis reads of the token
        self._token_recs: dict[Any, tuple[bool, str, TokenFacts | None, bool, bool, bool]] = {}
        #: the regexes' required literals without and with a line break; lower-cased line →
        #: the literals it holds (:meth:`_literals_in`)
        self._literals: tuple[tuple[str, ...], tuple[str, ...]] | None = None
        self._line_literals: dict[str, frozenset[str]] = {}
        #: per part (:meth:`_parts`): literal → the regexes whose first requirement holds it;
        #: the regexes without any (:meth:`_runnable`)
        self._anchors: dict[str, tuple[dict[str, tuple[int, ...]], tuple[int, ...]]] = {}
        #: an Aho-Corasick automaton of the literals without a line break (_line_literals_in)
        self._literal_automaton: Any = None
        #: line → the matches there of the regexes run line by line (:meth:`_line_regex_spans`)
        self._line_regex: dict[str, tuple[tuple[int, tuple[tuple[int, int], ...]], ...]] = {}
        #: how each regex is run (:meth:`_parts`): per line (``_LINE``), on the whole paragraph
        #: (``_WHOLE``) or piece by piece (checks/segments.py), named by the characters its
        #: pieces are cut after; each cut → the context its pieces carry
        self._part: list[str] | None = None
        self._piece_context: dict[str, int] = {}
        #: (cut, offset, piece) → (regex index, matches) of the regexes of that cut that match
        #: in that piece, offsets into it (:meth:`_piece_spans`)
        self._piece_regex: dict[tuple[str, int, str], tuple[tuple[int, tuple[tuple[int, int], ...]], ...]] = {}
        #: line text → its sentences (see :meth:`_token_features`)
        self._lines: OrderedDict[str, tuple[_SentenceSpec, ...]] = OrderedDict()
        self._lines_lock = threading.Lock()
        #: languages.yaml ``capitalised_nouns``: wrapped lines may start upper-case (German nouns)
        self.capitalised_nouns = bool((ruleset.languages.get(lang or "") or {}).get("capitalised_nouns"))
        self.lex: dict[str, list[str]] = {}
        #: word → the norms of its other number (checks.nlp.variant_norms); None: no lookup table
        self._variants: Any = None
        for r in ruleset.rules:
            if r.lang == "*" and r.active:
                r.impl.compile(r, self)
        if pack is None:
            return
        self.pipeline = get_pipeline(pack.spacy_lang)
        words = (ruleset.languages.get(lang) or {}).get("clause_words")
        self.lex = lex = {k: [str(w) for w in v] for k, v in pack.lexicons.items()}
        # the pack's words and compiled patterns, as a process built them before (see
        # _pack_build_key); computed (and stored) when there is no such entry
        build_key = _pack_build_key(ruleset, pack, lang, lex, words) if self.pipeline.norm is None else None
        stored = parsed_cache.MISS if build_key is None else parsed_cache.get_derived("patterns", build_key)
        valid = (isinstance(stored, tuple) and len(stored) == 2 and isinstance(stored[0], list)
                 and isinstance(stored[1], dict))
        self._compiled: dict[str, list[dict]] = stored[1] if valid else {}
        pack_words = stored[0] if valid else _pack_words(ruleset, pack, lang, lex, words)
        self.norm = norm = self.pipeline.norm_for(pack_words)
        if self.pipeline.norm is None:   # a lookup table: a word's other number may read as another lemma
            stops = stop_words(pack.spacy_lang)
            spacy_lang = pack.spacy_lang
            self._variants = lambda w: variant_norms(w, spacy_lang, norm, stops)
        self.clause_words = (frozenset(norm(str(w)) for w in words) if words
                             else _CLAUSE_WORDS if lang == "en" else frozenset())
        matcher: Any = SpacyMatcher(self.pipeline.nlp.vocab) if backend == "spacy" else TokenMatcher()
        cpath = f"{pack.path}/concepts.yaml"
        for name, pats in pack.concepts.items():
            token_pats = []
            for p in pats:
                if isinstance(p, dict):
                    flags = re.IGNORECASE if p.get("ignorecase", True) else 0
                    try:
                        self.regexes.append(_guarded(name, re.compile(boundary_first(p["regex"]), flags)))
                    except re.error as exc:
                        raise RulePackError(cpath, f"concept '{name}': regex does not compile: {exc}") from None
                    continue
                try:
                    token_pats.append(self.pattern(p))
                except PatternSyntaxError as exc:
                    raise RulePackError(cpath, f"concept '{name}': pattern {p!r}: {exc}") from None
            if token_pats:
                matcher.add(name, token_pats)
        self.matcher = matcher
        for r in ruleset.rules:
            if r.lang == lang and r.active:
                r.impl.compile(r, self)
        if build_key is not None and not valid:
            parsed_cache.put_derived("patterns", build_key, (pack_words, self._compiled))
        self._compiled = {}   # the matcher holds what it needs: the pattern dicts can go

    def pattern(self, pattern: str) -> list[dict]:
        """``pattern`` compiled with the pack's lexicons and norm (stored with the pack's
        build: the same pattern dicts a new process would compile)."""
        out = self._compiled.get(pattern)
        if out is None:
            out = self._compiled[pattern] = compile_pattern(pattern, self.lex, self.norm, self._variants)
        return out

    def add_regex(self, label: str, rx: re.Pattern[str]) -> None:
        self.regexes.append(_guarded(label, rx))

    def features(self, text: str, detectors: Sequence[str]) -> ParagraphFeatures:
        prepared = prepare(text, self.capitalised_nouns)
        sents: list[Sentence]
        if self.matcher is not None:
            sents = self._token_features(prepared)
        else:
            sents = _plain_sentences(prepared)
        starts = [s.start for s in sents]

        def sentence_of(pos: int) -> Sentence:
            i = max(0, bisect.bisect_right(starts, pos) - 1)
            return sents[i]

        self._parts()
        found: dict[int, list[tuple[int, int]]] = {}
        if self._anchors_of(_LINE) is not None:
            pos = 0
            for line in prepared.split("\n"):
                for idx, spans in self._line_regex_spans(line):
                    found.setdefault(idx, []).extend((a + pos, b + pos) for a, b in spans)
                pos += len(line) + 1
        low = prepared.lower() if foldable(prepared) else None
        runnable = self._runnable_parts(self._literals_in(low) if low is not None else None)
        # a paragraph longer than any typed in (a page of OCR text in a batch run) is read once:
        # every regex on the whole of it, as piece by piece would find, without the pieces' upkeep
        by_piece = len(prepared) <= _MEMO_TEXT_LIMIT
        for cut, context in self._piece_context.items() if by_piece else ():
            if cut not in runnable:
                continue    # none of them can match in this paragraph
            cands = runnable[cut]
            for s0, off, piece in pieces(prepared, cut, context):
                for idx, spans in self._piece_spans(cut, off, piece, cands):
                    found.setdefault(idx, []).extend((a + s0, b + s0) for a, b in spans)
        whole = runnable.get(_WHOLE, []) if by_piece else sorted(i for idxs in runnable.values() for i in idxs)
        for idx in whole:
            spans = [(m.start(), m.end()) for m in self.regexes[idx][1].finditer(prepared) if m.end() > m.start()]
            if spans:
                found[idx] = spans
        # in index order (regexes of one concept add their hits in pack order)
        for idx in sorted(found):
            label = self.regexes[idx][0]
            spans = found[idx]
            for a, b in spans:
                s = sentence_of(a)
                s.hits.setdefault(label, []).append(Hit(a, b, _clause_at(s, a)))
        # full-width ｍａｉｌ＠ｅｘａｍｐｌｅ．ｃｏｍ / ０３－… read as ASCII (same offsets); full-width
        # punctuation around them (：（）) stays, it separates an address from the text
        dtext = _ADDRESS_WIDE.sub(lambda m: _fold_char(m.group()), text) if _ADDRESS_WIDE.search(text) else text
        for name in detectors:
            fn = DETECTORS.get(name)
            if fn is None:
                continue
            for h in fn(dtext):
                s = sentence_of(h.start)
                s.hits.setdefault(name, []).append(Hit(h.start, h.end, _clause_at(s, h.start), h.kind or ""))
        return ParagraphFeatures(self.lang or "", self.pack is not None, sents)

    def _piece_spans(self, stops: str, off: int, piece: str,
                     cands: Sequence[int]) -> tuple[tuple[int, tuple[tuple[int, int], ...]], ...]:
        """(regex index, non-empty match spans) of the regexes that run piece by piece at
        ``stops`` (checks/segments.py) in one piece of a prepared paragraph (``piece``: the
        piece after ``off`` characters of context), offsets into ``piece``; remembered by the
        piece, so typing in one sentence runs them on that sentence, not on the paragraph.
        ``cands``: those of them that may match in the paragraph (:meth:`_runnable_parts`).
        A piece is part of the paragraph: the others cannot match in it either, so what is
        remembered is every match of every regex of ``stops`` in the piece, whichever
        paragraph it was found in."""
        key = (stops, off, piece)
        memo = self._piece_regex
        hit = memo.get(key)
        if hit is not None:
            return hit
        out = []
        for idx in cands:
            spans = piece_spans(self.regexes[idx][1], piece, off)
            if spans:
                out.append((idx, spans))
        hit = tuple(out)
        if len(piece) <= _MEMO_TEXT_LIMIT:
            if len(memo) > _PIECE_CACHE_SIZE:
                memo.clear()
            memo[key] = hit
        return hit

    def _parts(self) -> list[str]:
        """How each regex runs: piece by piece where checks/segments.py finds the characters
        its matches never hold (most of a pack's: named by the cut its pieces share,
        :func:`checks.segments.shared_cut`), else line by line where no match can touch a
        line break (:func:`_line_local`), else on the whole paragraph."""
        parts = self._part
        if parts is None:
            parts = []
            contexts: dict[str, int] = {}
            for _, rx, _ in self.regexes:
                info = stops_of(rx)
                if info is not None:
                    cut = shared_cut(info[0], CJK_CUTS if self.lang in _CJK_LANGS else LATIN_CUTS)
                    contexts[cut] = max(info[1], contexts.get(cut, 1))
                    parts.append(cut)
                else:
                    parts.append(_LINE if _line_local(rx) else _WHOLE)
            self._piece_context = contexts
            self._part = parts
        return parts

    def _line_regex_spans(self, line: str) -> tuple[tuple[int, tuple[tuple[int, int], ...]], ...]:
        """(regex index, non-empty match spans) of the line-local regexes on one line of a
        prepared paragraph, remembered by the line's text: typing in one line of a long text
        box runs them on that line. The same matches, in the same order, as on the whole
        paragraph: none of them can touch a line break (:func:`_line_local`)."""
        memo = self._line_regex
        hit = memo.get(line)
        if hit is not None:
            return hit
        low = line.lower() if foldable(line) else None
        present = self._literals_in(low) if low is not None else None
        out = []
        for idx in self._runnable(present, _LINE):
            _, rx, _reqs = self.regexes[idx]
            spans = tuple((m.start(), m.end()) for m in rx.finditer(line) if m.end() > m.start())
            if spans:
                out.append((idx, spans))
        if len(memo) > _LINE_CACHE_SIZE:
            memo.clear()
        memo[line] = found = tuple(out)
        return found

    def _anchors_of(self, part: str) -> tuple[dict[str, tuple[int, ...]], tuple[int, ...]] | None:
        """For the regexes of one part (:meth:`_parts`; ``_ALL``: every regex): literal → those
        whose first requirement holds it, and those without requirements; None when the part
        has none."""
        try:
            return self._anchors[part]
        except KeyError:
            pass
        by_lit: dict[str, list[int]] = {}
        always = []
        members = 0
        for i, p in enumerate(self._parts()):
            if p != part and part != _ALL:
                continue
            members += 1
            reqs = self.regexes[i][2]
            if reqs is None:
                always.append(i)
            else:
                for lit in reqs[0]:
                    by_lit.setdefault(lit, []).append(i)
        out = ({k: tuple(v) for k, v in by_lit.items()}, tuple(always)) if members else None
        self._anchors[part] = out
        return out

    def _runnable(self, present: set[str] | frozenset[str] | None, part: str) -> list[int]:
        """Indices (ascending) of the regexes of one part (:meth:`_parts`) that may match a
        text holding the literals ``present`` (None: any text): a string of each of their
        requirements is there. Found through the literals of each regex's first requirement,
        so the cost follows what the text holds, not how many regexes the pack has."""
        anchors = self._anchors_of(part)
        if anchors is None:
            return []
        if present is None:
            parts = self._parts()
            return [i for i in range(len(self.regexes)) if parts[i] == part]
        return self._candidates(present, anchors)

    def _candidates(self, present: set[str] | frozenset[str],
                    anchors: tuple[dict[str, tuple[int, ...]], tuple[int, ...]]) -> list[int]:
        """The regexes of ``anchors`` (:meth:`_anchors_of`) whose every requirement has a
        literal in ``present``, ascending: found through each regex's first requirement."""
        by_lit, always = anchors
        cands = set(always)
        for lit in present:
            found = by_lit.get(lit)
            if found:
                cands.update(found)
        regexes = self.regexes
        return sorted(i for i in cands if regexes[i][2] is None or not _lacks(present, regexes[i][2]))

    def _runnable_parts(self, present: set[str] | frozenset[str] | None) -> dict[str, list[int]]:
        """:meth:`_runnable` for every part but the line-by-line one at once (a paragraph's
        literals are looked up once, not once a part): part → its regexes (ascending) that
        may match; a part none of whose regexes may match is left out."""
        parts = self._parts()
        out: dict[str, list[int]] = {}
        anchors = self._anchors_of(_ALL)
        if anchors is None:         # no regex at all (a language without a pack)
            return out
        cands: Iterable[int] = range(len(parts)) if present is None else self._candidates(present, anchors)
        for i in cands:
            if parts[i] != _LINE:
                out.setdefault(parts[i], []).append(i)
        return out

    def _literals_in(self, low: str) -> set[str]:
        """The regexes' required literals (checks.literals) that the lower-cased paragraph
        holds. A literal without a line break holds within one line, so each line's literals
        are remembered by its text: typing in one line looks for them in that line alone."""
        lits = self._literals
        if lits is None:
            every = {lit for _, _, reqs in self.regexes for ls in reqs or () for lit in ls}
            lits = self._literals = (tuple(sorted(x for x in every if "\n" not in x)),
                                     tuple(sorted(x for x in every if "\n" in x)))
        plain, broken = lits
        memo = self._line_literals
        if len(memo) > _LINE_CACHE_SIZE:
            memo.clear()
        present: set[str] = {lit for lit in broken if lit in low}
        for line in low.split("\n"):
            found = memo.get(line)
            if found is None:
                found = memo[line] = self._line_literals_in(line, plain)
            present |= found
        return present

    def _line_literals_in(self, line: str, plain: tuple[str, ...]) -> frozenset[str]:
        """The literals of ``plain`` that ``line`` holds, found in one pass over the line by an
        Aho-Corasick automaton of them all (pyahocorasick): the cost follows the line's length,
        not the pack's hundreds of literals (testing each with ``in`` cost 0.12–0.15 ms a
        300-character line in the European packs, an index by first two characters as much)."""
        if not plain:
            return frozenset()
        auto = self._literal_automaton
        if auto is None or auto[0] is not plain:
            a = ahocorasick.Automaton()
            for lit in plain:
                a.add_word(lit, lit)
            a.make_automaton()
            auto = self._literal_automaton = (plain, a)
        return frozenset(lit for _end, lit in auto[1].iter(line))

    def _token_features(self, text: str) -> list[Sentence]:
        """The paragraph's sentences with their token (matcher) hits and clause marks.

        Computed per *line*: the prepared text is cut after each hard line break (where a
        whitespace run holding a ``\\n`` meets the next word, :data:`_LINE_CUT`). There the
        tokenizers start afresh (spaCy splits at whitespace; Sudachi's best path runs through
        the line break's own whitespace token), a sentence ends and the clause count
        starts again, and no match crosses a whitespace token (checks/matcher.py). So each
        line's sentences depend on the line's text alone and are remembered by it: typing in
        one line of a long text box tokenises and matches that line again, not the box.
        spaCy's Matcher (the reference backend) reads the whole paragraph's Doc, so
        tests/checks/test_matcher.py compares the two ways; tests/checks/test_incremental.py
        compares the findings after typing with those of a fresh check."""
        cuts = [0]
        if isinstance(self.matcher, TokenMatcher) and "\n" in text:
            cuts += [m.end() for m in _LINE_CUT.finditer(text)]
        cuts.append(len(text))
        sents: list[Sentence] = []
        for a, b in zip(cuts, cuts[1:]):
            if a == b:
                continue
            line = text[a:b]
            with self._lines_lock:
                specs = self._lines.get(line)
                if specs is not None:
                    self._lines.move_to_end(line)
            if specs is None:
                specs = self._line_sentences(line)
                with self._lines_lock:
                    self._lines[line] = specs
                    if len(self._lines) > _LINE_CACHE_SIZE:
                        self._lines.popitem(last=False)
            for start, end, norms, hits in specs:
                sents.append(Sentence(start + a, end + a,
                                      {label: [Hit(h.start + a, h.end + a, h.clause, h.kind) for h in hs]
                                       for label, hs in hits},
                                      norms))
        return sents or [Sentence(0, len(text))]

    def _token_rec(self, t: str, nm: str | None, keep: bool = True) -> tuple[bool, str, TokenFacts | None, bool, bool, bool]:
        """What :meth:`_line_sentences` reads of a token ``t`` (with norm ``nm``, or the pack's
        norm of ``t``): (whitespace, norm, the matcher's facts, opens a clause, may end a
        sentence, holds a line break); remembered by ``t`` (and ``nm``) with ``keep``."""
        facts = self._lexical.get(t)
        if facts is None:  # the lexeme's attributes: they depend on the text alone
            lx = self.pipeline.nlp.vocab[t]
            if len(self._lexical) > 50_000:
                self._lexical.clear()
            facts = self._lexical[t] = (lx.lower_, lx.is_space, lx.is_punct, lx.like_num, lx.is_currency)
        lower, space, punct, num, cur = facts
        norm = self.norm(t) if nm is None else nm
        glued = amazon_reading(lower)
        # "Amazon.co.uk", "Amazons": the pattern slots read the word Amazon (amazon_reading);
        # the sentence's norms (the trained second stage's input) keep the token's own
        tf = TokenFacts(norm=norm if glued is None else self.norm(glued), lower=lower if glued is None else glued,
                        word=not space and t not in _STOP, punct=punct or is_wordless(t), num=num, cur=cur)
        rec = (space, norm, tf, t in _CLAUSE_PUNCT or norm in self.clause_words,
               (t[-1] in _SENT_END and punct) or t in _BULLETS, space and "\n" in t)
        if keep:
            self._token_recs[t if nm is None else (t, nm)] = rec
        return rec

    def _line_sentences(self, text: str) -> tuple[_SentenceSpec, ...]:
        """(start, end, norms, ((label, hits), …)) of each sentence of ``text`` (one line, or
        the whole paragraph for the spaCy backend); empty when it holds only whitespace."""
        pipe = self.pipeline
        use_tokens = isinstance(self.matcher, TokenMatcher)
        doc: Any = None
        if use_tokens and pipe.words is not None:
            # Japanese: Sudachi's words, norms and clause breaks without building a spaCy Doc
            texts, doc_norms, breaks = pipe.words(text)
            ws = [False] * len(texts)  # Sudachi's tokens carry no trailing spaces
            idxs = []
            pos = 0
            for t in texts:
                idxs.append(pos)
                pos += len(t)
        else:
            doc = pipe.nlp.make_doc(text)
            doc_norms, breaks = pipe.doc_facts(doc) if pipe.doc_facts is not None else (None, frozenset())
            # offsets, lengths and trailing spaces in one array: no Token object per token
            rows = doc.to_array(_TOKEN_COLUMNS).tolist()
            idxs = [r[0] for r in rows]
            texts = [text[i:i + n] for i, n, _sp in rows]
            ws = [bool(r[2]) for r in rows]
        n = len(texts)
        clause_idx = [0] * n
        sents: list[Sentence] = []
        cur_start_tok = 0
        clause = 0
        bounds: list[tuple[int, int]] = []  # token ranges
        if use_tokens:
            # what the loop below reads of each token depends on its text (and, for Japanese,
            # on the norm Sudachi gave it in context) alone: one record per distinct token
            recs_of = self._token_recs
            if len(recs_of) > 50_000:
                recs_of.clear()
            get = recs_of.get
            make = self._token_rec
            if doc_norms is None:
                recs = [get(t) or make(t, None) for t in texts]
            else:
                recs = [get((t, nm)) or make(t, nm) for t, nm in zip(texts, doc_norms)]
            spaces = [r[0] for r in recs]
            tok_norms = [r[1] for r in recs]
            toks = [r[2] for r in recs]
        else:
            recs = [self._token_rec(t, doc_norms[i] if doc_norms is not None else None, False)
                    for i, t in enumerate(texts)]
            spaces = [r[0] for r in recs]
            tok_norms = [r[1] for r in recs]
            if any(r[2].lower != t.lower() and amazon_reading(t.lower()) for r, t in zip(recs, texts)):
                # spaCy's Matcher reads LOWER from the word itself: match on a Doc whose words
                # are what the token matcher reads (amazon_reading), offsets stay the card's
                from spacy.tokens import Doc

                doc = Doc(doc.vocab, words=[r[2].lower if amazon_reading(t.lower()) else t
                                            for r, t in zip(recs, texts)], spaces=ws)
            for i, r in enumerate(recs):  # spaCy's Matcher reads NORM from the Doc
                doc[i].norm_ = r[2].norm
        for i, (space, _nm, _tf, clause_mark, end_mark, newline) in enumerate(recs):
            if space:
                if newline and i > cur_start_tok:
                    bounds.append((cur_start_tok, i))
                    cur_start_tok = i + 1
                    clause = 0
                elif i == cur_start_tok:
                    cur_start_tok = i + 1
                continue
            if clause_mark or (breaks and i in breaks):
                clause += 1
            clause_idx[i] = clause
            if not end_mark:
                continue
            t = texts[i]
            if t in _BULLETS and _opens_item(recs, i):
                # a bullet opens the item after it ("✔ Loved it? ✔ Review it!"): it ends the
                # sentence before it and starts the next one, rather than standing alone as a
                # sentence of its own that would push the item's neighbours a window apart
                if i > cur_start_tok:
                    bounds.append((cur_start_tok, i))
                    cur_start_tok = i
                clause = 0
                clause_idx[i] = 0
                continue
            if t == "." and not ws[i] and i + 1 < n and texts[i + 1][:1].isalnum():
                continue  # "example.com", "1.5" split by the Japanese tokenizer
            if (t == "!" and not ws[i] and 0 < i < n - 1 and not ws[i - 1]
                    and texts[i - 1][-1:].isascii() and texts[i - 1][-1:].isalpha()
                    and texts[i + 1][:1].isalnum()):
                continue  # a name's "!" ("Yahoo!ショッピング") split off by the Japanese tokenizer
            # keep runs like "?!" or "..." in one sentence
            nxt = texts[i + 1] if i + 1 < n else ""
            if nxt and nxt[0] in _SENT_END:
                continue
            bounds.append((cur_start_tok, i + 1))
            cur_start_tok = i + 1
            clause = 0
        if cur_start_tok < n:
            bounds.append((cur_start_tok, n))
        if not bounds:
            return ()
        # token → sentence index
        sent_of_tok = [0] * n
        for si, (a, b) in enumerate(bounds):
            for k in range(a, b):
                sent_of_tok[k] = si
            sa = idxs[a] if a < n else len(text)
            sb = idxs[b - 1] + len(texts[b - 1]) if b > a else sa
            sents.append(Sentence(sa, sb, norms=tuple(tok_norms[k] for k in range(a, b) if not spaces[k])))
        if use_tokens:
            matches = self.matcher.match_tokens(toks)
        else:
            matches = self.matcher.match_doc(doc)
        follows = pipe.negation_follows
        for label, a, b in matches:
            s = sents[sent_of_tok[a]]
            # a match must not run across a sentence boundary
            if sent_of_tok[b - 1] != sent_of_tok[a]:
                continue
            start = idxs[a]
            if label == "negation" and follows:
                # 〜ません negates what comes before it: the cue is placed at the start of its
                # clause, so it covers the clause (as "not" covers what follows it)
                k = a
                lo = bounds[sent_of_tok[a]][0]
                while k > lo and clause_idx[k - 1] == clause_idx[a]:
                    k -= 1
                start = idxs[k]
                s.hits.setdefault(label, []).append(Hit(start, start, clause_idx[a]))
                continue
            # a negation cue is its first token only (the rest is look-ahead context)
            last = a if label == "negation" else b - 1
            end = idxs[last] + len(texts[last])
            s.hits.setdefault(label, []).append(Hit(start, end, clause_idx[a]))
        # clause starts per sentence for regex/detector hits
        for si, (a, b) in enumerate(bounds):
            marks = []
            last = 0
            for k in range(a, b):
                if clause_idx[k] != last:
                    marks.append(idxs[k])
                    last = clause_idx[k]
            sents[si].hits.setdefault("\x00clauses", [Hit(m, m, 0) for m in marks])
        for s in sents:
            for hits in s.hits.values():
                hits.sort(key=lambda h: (h.start, -h.end))
        return tuple((s.start, s.end, s.norms, tuple((label, tuple(hs)) for label, hs in s.hits.items()))
                     for s in sents)


def _opens_item(recs: list, i: int) -> bool:
    """Does the bullet at token ``i`` have words after it on its line (so it opens that item)?
    A mark closing a line ("Certified ✓") stays with the words before it."""
    for k in range(i + 1, len(recs)):
        space, newline = recs[k][0], recs[k][5]
        if newline:
            return False
        if not space:
            return True
    return False


#: ``Doc.to_array`` columns read per token: character offset, length, trailing space
_TOKEN_COLUMNS = ["IDX", "LENGTH", "SPACY"]

_NO_NEWLINE_CATEGORIES = frozenset({_rc.CATEGORY_DIGIT, _rc.CATEGORY_NOT_SPACE, _rc.CATEGORY_WORD})


def _line_local(rx: re.Pattern[str]) -> bool:
    """:func:`_line_local_of`, once per pattern and process (``checks.literals.LINE_LOCAL``:
    the checker process seeds it from the previous start, checks.regex_cache.seed)."""
    key = (rx.pattern, rx.flags)
    local = LINE_LOCAL.get(key)
    if local is None:
        local = LINE_LOCAL[key] = _line_local_of(rx)
    return local


def _line_local_of(rx: re.Pattern[str]) -> bool:
    r"""Whether no match of ``rx`` can touch a line break, so that its matches on a paragraph are
    its matches on each line (same spans, same order). Decided on the syntax tree, erring on
    the side of False: no part of the pattern may consume a ``\n`` (no ``\s``, ``\W``, ``\D``,
    negated set, range over it, or ``.`` under DOTALL); ``^``/``$`` only under MULTILINE (line
    start and end), no ``\A``/``\Z``. Then a line's ends look to the pattern as a paragraph's:
    a look-behind or look-ahead that reaches a line break fails as at the end of the text, and
    ``\b`` sees a non-word character either way."""
    try:
        tree = _rp.parse(rx.pattern, rx.flags)
    except re.error:
        return False
    return _no_newline(list(tree), tree.state.flags)


def _no_newline(seq: list, flags: int) -> bool:
    for op, av in seq:
        if op is _rc.LITERAL:
            if av == 10:
                return False
        elif op is _rc.NOT_LITERAL:
            if av != 10:
                return False
        elif op is _rc.ANY:
            if flags & re.DOTALL:
                return False
        elif op is _rc.IN:
            if av and av[0][0] is _rc.NEGATE:
                # a negated set matches no line break when it lists one ([^.!?\n], [^\s])
                if not any(_covers_newline(iop, iav) for iop, iav in av[1:]):
                    return False
                continue
            for iop, iav in av:
                if iop is _rc.LITERAL:
                    if iav == 10:
                        return False
                elif iop is _rc.RANGE:
                    if iav[0] <= 10 <= iav[1]:
                        return False
                elif iop is _rc.CATEGORY:
                    if iav not in _NO_NEWLINE_CATEGORIES:
                        return False
                else:  # NEGATE and anything unknown
                    return False
        elif op is _rc.CATEGORY:
            if av not in _NO_NEWLINE_CATEGORIES:
                return False
        elif op is _rc.AT:
            if av in (_rc.AT_BEGINNING, _rc.AT_END):
                if not flags & re.MULTILINE:
                    return False
            elif av not in (_rc.AT_BOUNDARY, _rc.AT_NON_BOUNDARY):
                return False
        elif op is _rc.BRANCH:
            if _line_start_branch(av[1], flags):
                continue
            if not all(_no_newline(list(alt), flags) for alt in av[1]):
                return False
        elif op is _rc.SUBPATTERN:
            _, add, delete, sub = av
            if not _no_newline(list(sub), (flags | add) & ~delete):
                return False
        elif op in (_rc.MAX_REPEAT, _rc.MIN_REPEAT, _rc.POSSESSIVE_REPEAT):
            if not _no_newline(list(av[2]), flags):
                return False
        elif op is _rc.ATOMIC_GROUP:
            if not _no_newline(list(av), flags):
                return False
        elif op in (_rc.ASSERT, _rc.ASSERT_NOT):
            if not _no_newline(list(av[1]), flags):
                return False
        elif op is _rc.GROUPREF:
            continue  # a group holds no line break (its pattern was checked)
        elif op is _rc.GROUPREF_EXISTS:
            _, yes, no = av
            if not _no_newline(list(yes), flags) or (no is not None and not _no_newline(list(no), flags)):
                return False
        else:
            return False
    return True


#: the categories that hold a line break (``\s``, ``\W``, ``\D``)
_NEWLINE_CATEGORIES = frozenset({_rc.CATEGORY_SPACE, _rc.CATEGORY_NOT_WORD, _rc.CATEGORY_NOT_DIGIT,
                                 _rc.CATEGORY_LINEBREAK})


def _covers_newline(op: Any, av: Any) -> bool:
    """Whether one item of a character set (``[…]``) matches a line break."""
    if op is _rc.LITERAL:
        return av == 10
    if op is _rc.RANGE:
        return av[0] <= 10 <= av[1]
    if op is _rc.CATEGORY:
        return av in _NEWLINE_CATEGORIES
    return False


def _line_start_branch(alts: list, flags: int) -> bool:
    r"""``(?:^|(?<=[.!?
]))``: the start of the text, or after one character of a set that
    holds a line break. On a paragraph it holds at each line's start (after the ``
``), on
    the line alone ``^`` does; inside a line both read the same character. So it is the same
    test line by line as on the paragraph, and reads nothing beyond its line."""
    if len(alts) != 2:
        return False
    kinds = set()
    for alt in alts:
        alt = list(alt)
        if len(alt) != 1:
            return False
        op, av = alt[0]
        if op is _rc.AT and av is _rc.AT_BEGINNING:
            kinds.add("start")
        elif op is _rc.ASSERT and av[0] == -1 and len(av[1]) == 1:
            bop, bav = list(av[1])[0]
            if bop is _rc.LITERAL and bav == 10:
                kinds.add("after")
            elif (bop is _rc.IN and bav and bav[0][0] is not _rc.NEGATE
                  and any(_covers_newline(iop, iav) for iop, iav in bav)):
                kinds.add("after")
            else:
                return False
        else:
            return False
    return kinds == {"start", "after"}


#: a pattern that opens with lookbehinds and then a word boundary: "(?i)(?<!\\bdès\\s)(?<!…)\\b(?:…)"
_LOOKBEHINDS_THEN_BOUNDARY = re.compile(
    r"^((?:\(\?[aiLmsux]+\))?)((?:\(\?<[!=](?:[^()\\\[]|\\.|\[(?:[^\]\\]|\\.)*\])*\))+)\\b")


def boundary_first(pattern: str) -> str:
    """``pattern`` with a leading ``\\b`` tested before the lookbehinds it follows. Both are
    zero-width tests of one position, so the order changes no match; but the boundary fails
    inside words at once, where each lookbehind would be tried first at every character (a
    French incentive regex with seven of them cost 0.08 ms a 300-character paragraph)."""
    m = _LOOKBEHINDS_THEN_BOUNDARY.match(pattern)
    if m is None:
        return pattern
    return m.group(1) + "\\b" + m.group(2) + pattern[m.end():]


def _guarded(label: str, rx: re.Pattern[str]) -> tuple[str, re.Pattern[str], tuple[tuple[str, ...], ...] | None]:
    return label, rx, literal_requirements(rx)


def _lacks(present: set[str] | frozenset[str], reqs: tuple[tuple[str, ...], ...]) -> bool:
    """Whether a text holding the literals ``present`` misses every string of a requirement."""
    for ls in reqs:
        if present.isdisjoint(ls):
            return True
    return False


def _pack_words(ruleset: RuleSet, pack: Any, lang: str, lex: dict[str, list[str]],
                clause_words: Any) -> list[str]:
    """Every word a language's patterns and clause words put through the norm (what its
    lemma table is cut down to: checks.nlp.LemmaTable). Patterns that do not compile are
    skipped here; compiling them for the matcher reports them."""
    words: list[str] = [str(w) for w in clause_words or ()]

    def record(word: str) -> str:
        words.append(word)
        return word

    pats = [p for ps in pack.concepts.values() for p in ps if isinstance(p, str)]
    pats += [p for r in ruleset.rules if r.lang == lang and r.active for p in r.impl.patterns(r)]
    for p in pats:
        try:
            compile_pattern(p, lex, record)
        except PatternSyntaxError:
            continue
    return words


def _pack_build_key(ruleset: RuleSet, pack: Any, lang: str, lex: dict[str, list[str]],
                    clause_words: Any) -> bytes | None:
    """What a pack's words (:func:`_pack_words`) and compiled patterns are computed from: the
    code that computes them (this module, checks/patterns.py, checks/nlp.py: the norm), the
    language's lemma table file, and the pack's patterns, lexicons and clause words. None:
    something cannot be read, so nothing is stored or read."""
    from checks import nlp, patterns

    code = parsed_cache.source_digest(sys.modules[__name__], patterns, nlp)
    data = nlp._lemma_data_digest(pack.spacy_lang)
    if code is None or data is None:
        return None
    pats = [[str(p) for p in ps if isinstance(p, str)] for ps in pack.concepts.values()]
    pats += [[str(p) for p in r.impl.patterns(r)] for r in ruleset.rules if r.lang == lang and r.active]
    inputs = (lang, pack.spacy_lang, [str(w) for w in clause_words or ()], pats, sorted(lex.items()))
    try:
        blob = marshal.dumps(inputs)
    except ValueError:
        return None
    return b"\0".join((code, data, hashlib.sha256(blob).digest()))


def _plain_sentences(text: str) -> list[Sentence]:
    out: list[Sentence] = []
    pos = 0
    for m in re.finditer(r"[.!?。！？]+(?=\s|$)|\n", text):
        if text[pos:m.end()].strip():
            out.append(Sentence(pos, m.end()))
        pos = m.end()
    if text[pos:].strip() or not out:
        out.append(Sentence(pos, len(text)))
    return out


def _clause_at(s: Sentence, pos: int) -> int:
    marks = s.hits.get("\x00clauses") or ()
    return sum(1 for m in marks if m.start <= pos)


# --------------------------------------------------------------------------------------- #


class Checker:
    """Checks card text against the rule packs under one marketplace profile.

    Construction is cheap (packs are parsed once per process; spaCy loads on the first
    check or on :meth:`warm`). ``check`` is safe to call from a worker thread. Rules with
    ``status: preview`` run only with ``preview=True``; ``removed`` rules never run.
    """

    def __init__(self, profile: str = "amazon", *, rules_dir: Any = None, preview: bool = False,
                 second_stage: "bool | Mapping[str, SecondStage] | None" = None,
                 encoder: "bool | EncoderStage | None" = None) -> None:
        """``second_stage``: None uses each language's trained model where its description
        enables it; True uses every model present (to measure it); False runs the rules
        alone; a mapping ``{lang: SecondStage}`` uses those models (training, evaluation).
        ``encoder`` (the sentence-encoder stage, :mod:`checks.encoder_stage`): None uses the
        trained head where its description enables it, unless ``second_stage`` is False (the
        rules alone); True uses it even when not enabled; False leaves it out; an
        :class:`EncoderStage` uses that one."""
        self.ruleset = load_rules(rules_dir)
        if profile not in self.ruleset.profiles:
            raise UnknownProfile(
                f"unknown profile '{profile}' (available: {', '.join(self.ruleset.profiles)})"
            )
        self.profile = self.ruleset.profiles[profile]
        self._guesser = LanguageGuesser(self.ruleset.languages)
        #: paragraph text → its language and its lines' language pieces (:meth:`_para_langs`)
        self._para_memo: dict[str, tuple[str | None, tuple[tuple[int, int, str | None], ...], frozenset[str]]] = {}
        #: (rule id, start, end, matched text, rewrite language) → the finding (:meth:`_rule_finding`)
        self._finding_memo: dict[tuple[str, int, int, str, str | None], Finding] = {}
        self._severity: dict[str, Severity] = {}
        self._rules: list[Rule] = []
        self.preview = preview
        for r in self.ruleset.rules:
            if not r.active or (r.status == "preview" and not preview):
                continue  # preview rules run only when asked for (like ruff --preview)
            if r.profiles is not None and profile not in r.profiles:
                continue
            if matches_selector(r, self.profile.disable):
                continue
            sev = (self.profile.severity.get(r.id) or self.profile.severity.get(r.name)
                   or self.profile.severity.get(r.category.value) or r.severity)
            self._severity[r.id] = sev
            self._rules.append(r)
        self._by_id = {r.id: r for r in self.ruleset.rules}
        self._detectors = self._detectors_needed()
        self._lang_rule = next((r for r in self._rules if isinstance(r.impl, LanguageKind)), None)
        self._notices = {r.spec["event"]: r for r in self._rules if isinstance(r.impl, NoticeKind)}
        self._model_rules = frozenset(r.id for r in self._rules if r.uses_model)
        #: the rules that find things in text, in rule order, each with the hit labels the
        #: card must hold for it to fire (``RuleKind.requires``)
        self._text_rules: list[tuple[Rule, Any, tuple[frozenset[str], ...]]] = [
            (r, r.impl, needs) for r in self._rules if (needs := r.impl.requires(r)) is not None]
        #: the rules of the kinds with their own entry points (check_qr, check_artwork)
        self._qr_rules = [(r, r.impl) for r in self._rules if isinstance(r.impl, QrKind)]
        self._artwork_rules = [(r, r.impl) for r in self._rules if isinstance(r.impl, ArtworkKind)]
        self._stages: dict[str, SecondStage] = {}
        self._stage_errors: dict[str, str] = {}
        if isinstance(second_stage, Mapping):
            self._stages = dict(second_stage)
        elif second_stage is not False and self._model_rules:
            for lang in self.ruleset.packs:
                folder = model_path(lang, self.ruleset.root.parent / "models")
                if not folder.is_dir():
                    continue
                try:
                    stage = SecondStage.from_folder(folder)
                except ModelError as exc:
                    self._stage_errors[lang] = str(exc)
                    continue
                if stage.meta.enabled or second_stage is True:
                    self._stages[lang] = stage
        self._encoder: EncoderStage | None = None
        self._encoder_error: str | None = None
        if isinstance(encoder, EncoderStage):
            self._encoder = encoder if self._model_rules else None
        elif encoder is not False and not (encoder is None and second_stage is False) and self._model_rules:
            folder = encoder_path(self.ruleset.root.parent / "models")
            if folder.is_dir():
                try:
                    stage = EncoderStage.from_folder(folder)
                    if stage.meta.enabled or encoder is True:
                        self._encoder = stage
                except ModelError as exc:
                    self._encoder_error = str(exc)

    # ---- public API ------------------------------------------------------------------ #

    @property
    def rules(self) -> list[Rule]:
        """The rules active under this profile, by id."""
        return list(self._rules)

    def rule(self, rule_id: str) -> Rule:
        try:
            return self._by_id[rule_id]
        except KeyError:
            raise UnknownRule(f"no rule with id '{rule_id}'") from None

    def severity_of(self, rule: Rule | str) -> Severity:
        """The rule's severity under this profile."""
        rid = rule if isinstance(rule, str) else rule.id
        return self._severity.get(rid) or self.rule(rid).severity

    def warm(self, langs: Iterable[str] = ("en",), *, check: bool = True) -> None:
        """Build the pipelines and matchers of ``langs`` now (the designer calls this in a
        thread with the card's language). Other packs load on first use, so an English card
        never pays for, say, the Japanese dictionary. ``check``: then run one short check, so
        the first real one does not pay what any first check pays (False: the caller has a
        real text to check next, which pays it instead)."""
        for lang in langs:
            if lang in self.ruleset.packs:
                _engine_for(self.ruleset, lang)
            stage = self._stages.get(lang)
            if stage is not None:
                try:
                    stage.load()
                except ModelError as exc:
                    self._stage_failed(lang, str(exc))
        if self._encoder is not None and any(lg in self._encoder.meta.languages for lg in langs):
            try:
                self._encoder.load()
            except ModelError as exc:
                self._encoder_failed(str(exc))
        if check:
            self.check("Thank you for your order. Leave a review and get a gift: www.example.com")

    def _stage_failed(self, lang: str, reason: str) -> None:
        self._stages.pop(lang, None)
        self._stage_errors[lang] = reason

    def _encoder_failed(self, reason: str) -> None:
        self._encoder = None
        self._encoder_error = reason

    @property
    def encoder_stage(self) -> EncoderStage | None:
        """The sentence-encoder stage in use (None: not installed, not enabled or failed)."""
        return self._encoder

    @property
    def second_stage_languages(self) -> list[str]:
        """The languages whose trained second stage is in use."""
        return sorted(self._stages)

    def sentence_norms(self, text: str, lang: str = "auto") -> list[tuple[int, int, str, tuple[str, ...]]]:
        """(start, end, language, lemma norms) of each sentence, as the checker reads it (the
        second stage's training examples are cut the same way)."""
        out = []
        for a, b, lg in self._units(text, split_paragraphs(text), lang, None):
            feats = _features(self.ruleset, text[a:b], lg, self._detectors)
            if feats.checked:
                out += [(a + s.start, a + s.end, lg, s.norms) for s in feats.sentences]
        return out

    def check(self, text: str, lang: str = "auto", ignore: Iterable[str] = frozenset(),
              select: Iterable[str] | None = None, *, context_lang: str | None = None,
              deep: bool = True) -> list[Finding]:
        """Findings for ``text``, sorted by start. ``lang`` is ``auto`` (per paragraph) or a
        language code; ``ignore``/``select`` take rule ids (prefixes), names or categories.
        ``context_lang`` is the language of the rest of the card (see :meth:`main_language`):
        with ``auto``, paragraphs too short to tell ("Est. 2026") take it (default English)."""
        if not isinstance(text, str):
            raise TypeError("check() needs a str")
        ignore = tuple(ignore or ())
        select = tuple(select) if select is not None else None
        raw = self._check_raw(text, lang, context_lang, deep)
        kept = []
        for f in raw:
            r = self._by_id[f.rule]
            if select is not None and not matches_selector(r, select):
                continue
            if ignore and matches_selector(r, ignore):
                continue
            kept.append(f)
        return merge_findings(kept, text)

    def deep_pending(self, text: str, lang: str = "auto", *, context_lang: str | None = None) -> bool:
        """Whether ``check(text, deep=False)`` left sentences the sentence encoder has not read
        (``check(text)`` would read them, and may find more). False without an encoder."""
        enc = self._encoder
        if enc is None:
            return False
        for a, b, lg in self._units(text, split_paragraphs(text), lang, context_lang):
            if lg not in enc.meta.languages:
                continue
            feats = _features(self.ruleset, text[a:b], lg, self._detectors)
            if feats.checked and enc.unread(_sentence_texts(text[a:b], feats.sentences)):
                return True
        return False

    def check_raw(self, text: str, lang: str = "auto") -> list[Finding]:
        """Every rule's findings before merging (used by the rule-example tests and eval)."""
        return self._check_raw(text, lang)

    def main_language(self, texts: Iterable[str]) -> str | None:
        """The dominant language of several texts (a card's text boxes), by the length of the
        paragraphs confidently detected in each language; when no paragraph is telling on its
        own, the texts read as one piece; None when even that is unclear. Pass it as
        ``context_lang`` when checking the boxes one by one."""
        weight: dict[str, int] = {}
        texts_seen = [t or "" for t in texts]
        for text in texts_seen:
            for a, b in split_paragraphs(text):
                g = self._guesser.guess(text[a:b])
                if g:
                    weight[g] = weight.get(g, 0) + (b - a)
        if weight:
            return max(weight, key=weight.get)
        pooled = "\n".join(t for t in texts_seen if t.strip())
        return self._guesser.guess(pooled) if pooled else None

    def _pooled_guess(self, text: str, paras: Sequence[tuple[int, int]]) -> str | None:
        """The language of a text none of whose paragraphs is telling on its own (a short
        card of headings and arrows: "5-Sterne-Bewertung schreiben → Screenshot über
        Amazon-Nachricht an uns"), read as one piece: the paragraphs' function words and
        spellings together. Cards too thin even then keep the default."""
        if len(paras) < 2:
            return None
        return self._guesser.guess("\n".join(text[a:b] for a, b in paras))

    def check_qr(self, payload: str) -> list[Finding]:
        """Findings for a QR code's payload: where the link leads (shop, coupon, sign-up
        form, messenger…) by ``qr`` rules; a plain-text payload is checked as wording."""
        payload = payload or ""
        verdict = judge_url(payload)
        out: list[Finding] = []
        sig = set(verdict.signals) | {verdict.kind}
        for r, kind in self._qr_rules:
            if not kind.applies(r, sig):
                continue
            out.append(self._finding(r, 0, len(payload), payload,
                                     extra={"verdict": verdict.kind, "reason": verdict.reason_en,
                                            "reason_zh": verdict.reason_zh}))
        if verdict.kind == "text":
            out += self.check(payload)
        return merge_findings(out, payload)

    def check_artwork(self, shapes: Sequence[ArtworkShape]) -> list[Finding]:
        """Findings of the ``artwork`` rules for one side of a card described as shapes
        (``checks.artwork``): each finding sits on the reported shape (``element_id``), its
        text is the shape's text or label, ``extra["near"]`` the shapes that make it a problem."""
        out: list[Finding] = []
        for r, kind in self._artwork_rules:
            for shape, near in kind.matches(r, shapes):
                label = shape.text if shape.kind == "text" else shape.label
                f = self._finding(r, 0, len(label), label, extra={"near": near})
                out.append(f.with_(element_id=shape.id))
        return out

    # ---- internals ------------------------------------------------------------------- #

    def _detectors_needed(self) -> tuple[str, ...]:
        names: set[str] = set()
        for r in self._rules:
            names.update(r.impl.detectors(r.spec))
            for alts in r.concept_refs():
                for c in alts:
                    if c.split("/")[0] in DETECTOR_CONCEPTS:
                        names.add(c.split("/")[0])
        return tuple(sorted(names))

    def _units(self, text: str, paras: list[tuple[int, int]], lang: str,
               context_lang: str | None = None) -> list[tuple[int, int, str]]:
        """(start, end, lang) of each unit checked as one piece: a paragraph, split further at
        line breaks where the language changes (bilingual cards often alternate lines)."""
        if lang and lang != "auto":
            return [(a, b, lang) for a, b in paras]
        infos = [self._para_langs(text[a:b]) for a, b in paras]
        weight: dict[str, int] = {}
        for (a, b), (g, _, _) in zip(paras, infos):
            if g:
                weight[g] = weight.get(g, 0) + (b - a)
        main = max(weight, key=weight.get) if weight else (context_lang or self._pooled_guess(text, paras) or "en")
        units: list[tuple[int, int, str]] = []
        for (a, b), (pg, segs, line_langs) in zip(paras, infos):
            # one language throughout (lines too short to tell take it): the paragraph is one unit;
            # a line confidently in another language is a unit of its own, even when it is the
            # only telling line ("IT · Dolci venuti perfetti? …" between English lines)
            if not line_langs or (len(line_langs) == 1 and (pg or main) in line_langs):
                units.append((a, b, pg or main))
                continue
            current = pg or main
            for s, e, lg in segs:
                s, e = s + a, e + a
                lg = lg or current
                if units and units[-1][2] == lg and units[-1][1] >= a and s - units[-1][1] <= 1 and units[-1][0] >= a:
                    units[-1] = (units[-1][0], e, lg)
                elif text[s:e].strip():
                    units.append((s, e, lg))
                current = lg
        return units

    def _para_langs(self, chunk: str) -> tuple[str | None, tuple[tuple[int, int, str | None], ...], frozenset[str]]:
        """The language guessed for a paragraph, (start, end, guess) of each of its lines or of
        each language piece of a line written in two languages ("Scan the code / Scannez le
        code", checks/bilingual.py), offsets into the paragraph, and the set of those guesses.
        It depends on the paragraph's text alone, so it is remembered by it: typing in one
        paragraph reads the lines of that paragraph again, not the card's."""
        memo = self._para_memo
        hit = memo.get(chunk)
        if hit is not None:
            return hit
        guess = self._guesser.guess
        lines = chunk.split("\n")
        segs: list[tuple[int, int, str | None]] = []
        pos = 0
        for line in lines:
            end = pos + len(line)
            pieces = line_pieces(line, guess)
            if pieces:
                segs.extend((pos + s, pos + e, g) for s, e, g in pieces)
            else:
                segs.append((pos, end, guess(line) if len(lines) > 1 else None))
            pos = end + 1
        hit = (guess(chunk), tuple(segs), frozenset(g for _, _, g in segs if g))
        if len(chunk) <= _MEMO_TEXT_LIMIT:
            if len(memo) > _PARA_MEMO_SIZE:
                memo.clear()
            memo[chunk] = hit
        return hit

    def _rule_finding(self, r: Rule, start: int, end: int, text: str, lang: str | None) -> Finding:
        """:meth:`_finding` for a rule's match, remembered by what it holds (rule, span, matched
        words, rewrite language): the paragraphs the user is not typing in give the same
        findings on every keystroke, and a finding is immutable (nothing changes its
        ``extra`` after it is made; merging and mapping onto boxes make copies)."""
        key = (r.id, start, end, text[start:end], lang)
        memo = self._finding_memo
        f = memo.get(key)
        if f is None:
            f = self._finding(r, start, end, text, lang=lang)
            if end - start <= _MEMO_TEXT_LIMIT:
                if len(memo) > _FINDING_MEMO_SIZE:
                    memo.clear()
                memo[key] = f
        return f

    def _check_raw(self, text: str, lang: str, context_lang: str | None = None, deep: bool = True) -> list[Finding]:
        paras = split_paragraphs(text)
        sents: list[tuple[int, Sentence, str]] = []
        unchecked: list[tuple[int, int, str]] = []
        prev_unchecked = False
        units = self._units(text, paras, lang, context_lang)
        unit_starts = [a for a, _, _ in units]
        for a, b, lg in units:
            feats = _features(self.ruleset, text[a:b], lg, self._detectors)
            stage = self._stages.get(lg) if feats.checked else None
            enc = self._encoder if feats.checked and self._encoder is not None \
                and lg in self._encoder.meta.languages else None
            while stage is not None or enc is not None:
                try:
                    feats = _with_model_hits(stage, enc, feats, text[a:b], deep)
                    break
                except EncoderError as exc:   # the other stages still run
                    self._encoder_failed(str(exc))
                    enc = None
                except ModelError as exc:
                    self._stage_failed(lg, str(exc))
                    stage = None
            for s in feats.sentences:
                sents.append((a, s, lg if feats.checked else ""))
            if not feats.checked:
                if unchecked and unchecked[-1][2] == lg and prev_unchecked:
                    unchecked[-1] = (unchecked[-1][0], b, lg)
                else:
                    unchecked.append((a, b, lg))
            prev_unchecked = not feats.checked
        ctx = Card(sents)
        out: list[Finding] = []
        model_found: list[Finding] = []
        present = ctx.index.keys()
        for r, kind, needs in self._text_rules:
            if len(needs) == 1:
                if present.isdisjoint(needs[0]):
                    continue
            elif any(present.isdisjoint(n) for n in needs):
                continue   # a part the rule needs has no hit anywhere on the card
            for start, end in kind.evaluate(r, ctx):
                # the rewrite is offered in the language of the text it replaces
                i = bisect.bisect_right(unit_starts, start) - 1
                lg = units[i][2] if i >= 0 else None
                f = self._rule_finding(r, start, end, text, lg)
                (model_found if r.id in self._model_rules else out).append(f)
        # the second stage adds what the rules missed, never a second finding of a category a
        # rule already reports there (the rule's span, message and rewrite are the better ones)
        for f in model_found:
            if not any(g.category is f.category and g.start < f.end and f.start < g.end for g in out):
                out.append(f)
        notice = self._notices.get("second-stage-unavailable")
        failed = sorted({lg for _, _, lg in units if lg in self._stage_errors})
        reasons = [self._stage_errors[lg] for lg in failed]
        if self._encoder_error and any(lg in self.ruleset.packs for _, _, lg in units):
            reasons.append(self._encoder_error)
        if notice is not None and reasons and units:
            reason = "; ".join(reasons)
            a, b, _ = units[0]
            out.append(self._finding(notice, a, b, text,
                                     message=notice.message.format(reason=reason),
                                     message_zh=notice.message_zh.format(reason=reason)))
        if self._lang_rule is not None:
            names = self.ruleset.languages
            for a, b, lg in unchecked:
                lname = (names.get(lg) or {}).get("name", lg)
                lzh = (names.get(lg) or {}).get("name_zh", lg)
                r = self._lang_rule
                out.append(self._finding(
                    r, a, b, text,
                    message=r.message.format(language=lname, code=lg),
                    message_zh=r.message_zh.format(language=lzh, code=lg),
                ))
        out.sort(key=lambda f: (f.start, f.end, f.rule))
        return out

    def _finding(self, r: Rule, start: int, end: int, text: str, *, message: str | None = None,
                 message_zh: str | None = None, extra: dict | None = None,
                 lang: str | None = None) -> Finding:
        return Finding(
            rule=r.id, name=r.name, category=r.category, severity=self._severity.get(r.id, r.severity),
            start=start, end=end, text=text[start:end],
            message=message or r.message, message_zh=message_zh or r.message_zh,
            source=r.source, suggestion=r.suggestion_for(lang),
            extra={"rules": [r.id], **(extra or {})},
        )


# ---- feature cache ----------------------------------------------------------------------- #

#: paragraphs whose language pieces a checker remembers, findings it remembers (each memo is
#: emptied when it grows past its size: a long batch run must not keep every card), and the
#: longest text either keeps (a page of OCR text read as one paragraph is not typed in)
_PARA_MEMO_SIZE = 4096
_FINDING_MEMO_SIZE = 8192
_MEMO_TEXT_LIMIT = 8192

_ENGINES: dict[tuple[int, str | None, str], _LangEngine] = {}
_ENGINE_LOCK = threading.Lock()
_FEATURES: "OrderedDict[tuple, ParagraphFeatures]" = OrderedDict()
_FEATURE_LOCK = threading.Lock()


def _engine_for(ruleset: RuleSet, lang: str | None) -> _LangEngine:
    key = (id(ruleset), lang if lang in ruleset.packs else None, MATCHER_BACKEND)
    eng = _ENGINES.get(key)
    if eng is None:
        with _ENGINE_LOCK:
            eng = _ENGINES.get(key)
            if eng is None:
                eng = _LangEngine(ruleset, key[1], MATCHER_BACKEND)
                _ENGINES[key] = eng
    return eng


def _features(ruleset: RuleSet, para: str, lang: str, detectors: tuple[str, ...]) -> ParagraphFeatures:
    key = (id(ruleset), para, lang, detectors, MATCHER_BACKEND)
    with _FEATURE_LOCK:
        hit = _FEATURES.get(key)
        if hit is not None:
            _FEATURES.move_to_end(key)
            return hit
    feats = _engine_for(ruleset, lang).features(para, detectors)
    if not feats.checked:
        feats.lang = lang
    with _FEATURE_LOCK:
        _FEATURES[key] = feats
        if len(_FEATURES) > _CACHE_SIZE:
            _FEATURES.popitem(last=False)
    return feats


_MODEL_CACHE: "OrderedDict[tuple[int, str], tuple[tuple[str, float], ...]]" = OrderedDict()
_MODEL_LOCK = threading.Lock()


_MODEL_FEATURES: "OrderedDict[tuple[int, int], tuple[SecondStage, ParagraphFeatures, ParagraphFeatures]]" = OrderedDict()


def _sentence_texts(para: str, sentences: list[Sentence]) -> list[str]:
    return [para[s.start:s.end] for s in sentences]


def _with_model_hits(stage: SecondStage | None, enc: EncoderStage | None, feats: ParagraphFeatures,
                     para: str, deep: bool = True) -> ParagraphFeatures:
    """The paragraph's features with the trained stages' hits in its sentences (the union of
    the bag-of-words stage and the sentence encoder, per category). The same features object
    (an unchanged paragraph: ``_features`` caches it) gets the same result object back, so
    what is remembered per sentence downstream (rule results, windows) still applies while
    the user types in another paragraph. With ``deep=False`` the encoder scores only
    sentences it has read before; such an incomplete result is not remembered."""
    key = (id(stage), id(enc), id(feats))
    with _MODEL_LOCK:
        known = _MODEL_FEATURES.get(key)
        if known is not None and known[0] is stage and known[1] is feats and known[3] is enc:
            _MODEL_FEATURES.move_to_end(key)
            return known[2]
    model_hits = _model_hits(stage, feats.sentences) if stage is not None else [[] for _ in feats.sentences]
    pending = False
    if enc is not None:
        fired, pending = enc.fired(_sentence_texts(para, feats.sentences), read_new=deep)
        for hits, s, pairs in zip(model_hits, feats.sentences, fired):
            have = {h.kind for h in hits}
            hits += [Hit(s.start, s.end, 0, c) for c, _ in pairs if c not in have]
    out = feats
    if any(model_hits):
        out = ParagraphFeatures(feats.lang, feats.checked, [
            Sentence(s.start, s.end, {**s.hits, "model": mh}, s.norms) if mh else s
            for s, mh in zip(feats.sentences, model_hits)])
    if not pending:
        with _MODEL_LOCK:
            _MODEL_FEATURES[key] = (stage, feats, out, enc)
            while len(_MODEL_FEATURES) > 4 * _CACHE_SIZE:
                _MODEL_FEATURES.popitem(last=False)
    return out


def _model_hits(stage: SecondStage, sentences: list[Sentence]) -> list[list[Hit]]:
    """``model`` hits per sentence (kind = category, over the whole sentence); scores are
    cached per sentence input, so typing re-scores only the edited sentence."""
    keys = [(id(stage), model_input(s.norms)) for s in sentences]
    results: dict[int, tuple[tuple[str, float], ...]] = {}
    todo = []
    with _MODEL_LOCK:
        for i, k in enumerate(keys):
            hit = _MODEL_CACHE.get(k)
            if hit is not None:
                results[i] = hit
            elif k[1]:
                todo.append(i)
            else:
                results[i] = ()
    if todo:
        scored = stage.over_threshold([keys[i][1] for i in todo])
        with _MODEL_LOCK:
            for i, pairs in zip(todo, scored):
                results[i] = tuple(pairs)
                _MODEL_CACHE[keys[i]] = results[i]
            while len(_MODEL_CACHE) > 4 * _CACHE_SIZE:
                _MODEL_CACHE.popitem(last=False)
    return [[Hit(s.start, s.end, 0, c) for c, _ in results[i]] if results[i] else []
            for i, s in enumerate(sentences)]


def clear_cache() -> None:
    """Forget cached paragraph features, line sentences, line matches and rule results (tests and
    benchmarks use it: the next check computes everything as for a text never seen)."""
    with _FEATURE_LOCK:
        _FEATURES.clear()
    for eng in list(_ENGINES.values()):
        with eng._lines_lock:
            eng._lines.clear()
        eng._line_literals.clear()
        eng._line_regex.clear()
        eng._piece_regex.clear()
        if isinstance(eng.matcher, TokenMatcher):
            eng.matcher.forget()
    with _MODEL_LOCK:
        _MODEL_CACHE.clear()
        _MODEL_FEATURES.clear()
    forget_all()
    _forget_rule_memo()


def merge_findings(findings: list[Finding], text: str) -> list[Finding]:
    """Overlapping findings of one category become one: the union of their spans, the
    worst severity, the metadata of the worst (then first) rule; ``extra['rules']`` lists all."""
    by_cat: dict[Category, list[Finding]] = {}
    for f in sorted(findings, key=lambda f: (f.start, f.end)):
        by_cat.setdefault(f.category, []).append(f)
    out: list[Finding] = []
    for cat, fs in by_cat.items():
        cur: Finding | None = None
        for f in fs:
            if cur is not None and f.start < cur.end and f.page == cur.page:
                lead = f if f.severity.rank > cur.severity.rank else cur
                start, end = min(cur.start, f.start), max(cur.end, f.end)
                rules = list(dict.fromkeys(list(cur.extra.get("rules", [cur.rule])) + list(f.extra.get("rules", [f.rule]))))
                cur = lead.with_(start=start, end=end, text=text[start:end] if text else lead.text,
                                 extra={**cur.extra, **f.extra, **lead.extra, "rules": rules})
            else:
                if cur is not None:
                    out.append(cur)
                cur = f
        if cur is not None:
            out.append(cur)
    out.sort(key=lambda f: (f.start, f.end, f.rule))
    return out


def available_profiles(rules_dir: Any = None) -> list[str]:
    """Names of the marketplace profiles, default first."""
    names = list(load_rules(rules_dir).profiles)
    names.sort(key=lambda n: (n != "amazon", n))
    return names


def occurrence_key(finding: Finding) -> str:
    """A stable key for "ignore this one occurrence" (the designer stores it with a reason).

    It is the rule id plus a hash of the matched words (case and spacing folded), so it
    survives edits elsewhere on the card and goes away when the flagged wording changes.
    """
    import hashlib

    words = " ".join(finding.text.lower().split())
    return f"{finding.rule}:{hashlib.sha1(words.encode('utf-8')).hexdigest()[:12]}"
