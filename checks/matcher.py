"""An indexed token matcher for the packs' compiled patterns (spaCy ``Matcher`` dict format).

Why not ``spacy.matcher.Matcher`` itself: its ``IN``/``NOT_IN`` predicates run in Python
for every token and every distinct word list. With the English pack (~180 patterns, several
hundred word lists) that measured 6.4 ms for one 50-word paragraph, against a 5 ms budget
for the whole live check. This matcher reads the same pattern dicts, indexes patterns by the
words their first token can be, and tries only the patterns whose first word occurs: about
0.1 ms for the same paragraph. ``SpacyMatcher`` keeps spaCy's matcher as a reference
backend; a test asserts both give the same hits on the corpus.

Semantics follow spaCy's with ``greedy="LONGEST"``: for each label, the longest match at
each start, overlapping matches of one label reduced to the longest, earliest.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Iterable, NamedTuple, Sequence

_ANY_START = "\x00any"
#: lines remembered per matcher (a card has tens; a batch of cards reuses few)
RUN_CACHE_SIZE = 4096


@dataclass(frozen=True)
class _Slot:
    test: str  # "norm", "lower", "notnorm", "num", "cur", "word"
    words: frozenset[str]
    lo: int
    hi: int  # max repetitions (a large number for "+")


class TokenFacts(NamedTuple):
    """What the matcher reads of one token (a tuple: lines of them key the run cache)."""

    norm: str
    lower: str
    word: bool  # not whitespace and not clause punctuation
    #: no letter or digit: punctuation and symbols (→, ★, +, ✓, emoji), which spaCy's
    #: ``is_punct`` partly misses; a ``!x`` slot never takes such a token (:func:`is_wordless`)
    punct: bool
    num: bool
    cur: bool


def _slot(d: dict[str, Any]) -> _Slot:
    op = d.get("OP")
    lo, hi = 1, 1
    if op == "?":
        lo, hi = 0, 1
    elif op == "+":
        lo, hi = 1, 1_000
    elif isinstance(op, str) and op.startswith("{"):
        a, b = op.strip("{}").split(",")
        lo, hi = int(a or 0), int(b or 1_000)
    if "NORM" in d:
        v = d["NORM"]
        if isinstance(v, dict) and "NOT_IN" in v:
            return _Slot("notnorm", frozenset(v["NOT_IN"]), lo, hi)
        words = v["IN"] if isinstance(v, dict) else [v]
        return _Slot("norm", frozenset(words), lo, hi)
    if "LOWER" in d:
        v = d["LOWER"]
        words = v["IN"] if isinstance(v, dict) else [v]
        return _Slot("lower", frozenset(words), lo, hi)
    if d.get("LIKE_NUM"):
        return _Slot("num", frozenset(), lo, hi)
    if d.get("IS_CURRENCY"):
        return _Slot("cur", frozenset(), lo, hi)
    if "ORTH" in d:  # gap / any word: not whitespace, not clause punctuation
        return _Slot("word", frozenset(), lo, hi)
    raise ValueError(f"unsupported pattern token {d!r}")


#: marks a lower-case form in a line's bag of words (:meth:`TokenMatcher._match`); a norm
#: stands for itself. Strings, not (test, word) tuples: a string keeps its hash, so testing a
#: pattern's word sets against the bag hashes nothing again
_LOWER = "\x01"


def _bag_key(test: str, word: str) -> str:
    return _LOWER + word if test == "lower" else word


def _ok(s: _Slot, t: TokenFacts) -> bool:
    k = s.test
    if k == "norm":
        return t.norm in s.words
    if k == "lower":
        return t.lower in s.words
    if k == "word":
        return t.word
    if k == "notnorm":
        return t.word and not t.punct and t.norm not in s.words
    if k == "num":
        return t.num
    return t.cur


def _longest(slots: Sequence[_Slot], toks: Sequence[TokenFacts], i: int, k: int) -> int:
    """The end of the longest match of slots[k:] starting at token i, or -1."""
    if k == len(slots):
        return i
    s = slots[k]
    n = len(toks)
    # how many tokens this slot can take here (greedy, then back off)
    j = i
    count = 0
    while count < s.hi and j < n and _ok(s, toks[j]):
        j += 1
        count += 1
    if count < s.lo:
        return -1
    if k + 1 == len(slots):
        return i + count  # the last slot: taking the most tokens ends furthest
    best = -1
    while count >= s.lo:
        end = _longest(slots, toks, i + count, k + 1)
        if end > best:
            best = end
        count -= 1
    return best


class _Follow(NamedTuple):
    """The slots that may take the token after a given one within a match, merged."""

    norms: frozenset[str]
    lowers: frozenset[str]
    word: bool   # a gap or a NOT_IN slot: any word
    num: bool
    cur: bool

    def takes(self, t: TokenFacts) -> bool:
        return ((self.word and t.word) or (self.num and t.num) or (self.cur and t.cur)
                or t.norm in self.norms or t.lower in self.lowers)


class TokenMatcher:
    """``add(label, patterns)`` then ``matcher(doc) -> [(label, start, end)]`` (token indices)."""

    def __init__(self) -> None:
        self._patterns: list[tuple[str, tuple[_Slot, ...]]] = []
        #: per pattern, the word sets of its mandatory slots: a paragraph lacking any of them
        #: cannot match, so the pattern is not tried there at all
        self._required: list[tuple[frozenset[str], ...]] = []
        self._index: dict[tuple[str, str], list[int]] = {}
        self._any: list[int] = []
        #: (test, word) → what may follow a token taken by that word within a match (None: no
        #: slot takes the word): :meth:`_follows`
        self._follow: dict[tuple[str, str], _Follow | None] = {}
        #: (norm, lower, num, cur) of a token → the patterns a match may start with there
        self._starts: dict[tuple[str, str, bool, bool], frozenset[int]] = {}
        self._runs: OrderedDict[tuple[TokenFacts, ...], list[tuple[str, int, int]]] = OrderedDict()
        self._runs_lock = threading.Lock()

    def forget(self) -> None:
        """Drop the remembered matches of lines (``checks.engine.clear_cache``)."""
        with self._runs_lock:
            self._runs.clear()

    def add(self, label: str, patterns: Iterable[list[dict]]) -> None:
        self._runs.clear()   # new patterns: remembered matches are stale
        self._starts = {}
        self._follow = {}
        for p in patterns:
            slots = tuple(_slot(d) for d in p)
            idx = len(self._patterns)
            self._patterns.append((label, slots))
            self._required.append(tuple(sorted(
                (frozenset(_bag_key(sl.test, w) for w in sl.words)
                 for sl in slots if sl.lo > 0 and sl.test in ("norm", "lower")), key=len)))
            first = self._first_keys(slots)
            if first is None:
                self._any.append(idx)
            else:
                for key in first:
                    self._index.setdefault(key, []).append(idx)

    @staticmethod
    def _first_keys(slots: Sequence[_Slot]) -> set[tuple[str, str]] | None:
        """Index keys a match must start with, or None when any token may start it."""
        keys: set[tuple[str, str]] = set()
        for s in slots:
            if s.test in ("norm", "lower"):
                keys |= {(s.test, w) for w in s.words}
            elif s.test == "num":
                keys.add(("num", ""))
            elif s.test == "cur":
                keys.add(("cur", ""))
            else:
                return None
            if s.lo > 0:
                return keys
        return None

    def match_tokens(self, toks: Sequence[TokenFacts]) -> list[tuple[str, int, int]]:
        """Matches over ``toks`` (token indices), longest first per label, sorted by position.

        A match takes every token between its ends, each by a slot of its pattern, the next
        token by the same slot (repeated) or a later one past optional slots only. So no match
        holds two neighbouring tokens where no slot that takes the first may be followed so by
        a slot that takes the second, and the line is cut there: after whitespace and the
        clause and sentence punctuation that gaps skip ('.', ',', '?', '。' …), unless a
        pattern names that punctuation and lets the next token follow it. The pieces (a card's
        lines, and within a line its sentences and clauses) are matched on their own and
        remembered: typing at the end of a long line matches its last clause again, not the
        line. Longest-match reduction is per label among overlapping matches, and matches of
        two pieces never overlap, so the result is the one of matching the whole line."""
        out: list[tuple[str, int, int]] = []
        start = 0
        n = len(toks)
        follows = self._follows
        for i in range(n + 1):
            if i < n:
                t = toks[i]
                if t.word or t.num or t.cur:
                    continue   # gaps take words: no cut
                fn = follows("norm", t.norm)
                fl = follows("lower", t.lower)
                if fn is not None or fl is not None:   # a slot takes it
                    if i + 1 >= n:
                        continue
                    nxt = toks[i + 1]
                    if (fn is not None and fn.takes(nxt)) or (fl is not None and fl.takes(nxt)):
                        continue
                    # no match holds both it and the next token: cut after it
                    if i + 1 > start:
                        out.extend((label, a + start, b + start)
                                   for label, a, b in self._match_run(tuple(toks[start:i + 1])))
                    start = i + 1
                    continue
                # no slot takes it (whitespace: a line break, a run of spaces): no match holds it
            if i > start:
                out.extend((label, a + start, b + start) for label, a, b in self._match_run(tuple(toks[start:i])))
            start = i + 1
        out.sort(key=lambda m: (m[1], m[2], m[0]))
        return out

    def _follows(self, test: str, word: str) -> "_Follow | None":
        """What may take the next token of a match after a token that a ``test`` slot takes as
        ``word``: the same slot again (when it repeats) and the later slots up to the first
        mandatory one, over every pattern; None when no slot takes ``word``."""
        key = (test, word)
        try:
            return self._follow[key]
        except KeyError:
            pass
        norms: set[str] = set()
        lowers: set[str] = set()
        flags = {"word": False, "num": False, "cur": False}
        taken = False
        for _label, slots in self._patterns:
            for k, sl in enumerate(slots):
                if sl.test != test or word not in sl.words:
                    continue
                taken = True
                nxt = ([sl] if sl.hi > 1 else [])
                for later in slots[k + 1:]:
                    nxt.append(later)
                    if later.lo > 0:
                        break
                for f in nxt:
                    if f.test == "norm":
                        norms |= f.words
                    elif f.test == "lower":
                        lowers |= f.words
                    elif f.test in ("word", "notnorm"):
                        flags["word"] = True
                    else:
                        flags[f.test] = True
        out = _Follow(frozenset(norms), frozenset(lowers), flags["word"], flags["num"], flags["cur"]) if taken else None
        if len(self._follow) > 10_000:   # whitespace runs of every length
            self._follow.clear()
        self._follow[key] = out
        return out

    def _match_run(self, toks: tuple[TokenFacts, ...]) -> list[tuple[str, int, int]]:
        cache = self._runs
        with self._runs_lock:
            hit = cache.get(toks)
            if hit is not None:
                cache.move_to_end(toks)
                return hit
        found = self._match(toks)
        with self._runs_lock:
            cache[toks] = found
            if len(cache) > RUN_CACHE_SIZE:
                cache.popitem(last=False)
        return found

    def _match(self, toks: Sequence[TokenFacts]) -> list[tuple[str, int, int]]:
        found: dict[str, list[tuple[int, int]]] = {}
        pats = self._patterns
        index = self._index
        bag = {t.norm for t in toks}
        bag.update([_LOWER + t.lower for t in toks])
        required = self._required
        starts = self._starts
        if len(starts) > 50_000:
            starts.clear()
        per_token: list[frozenset[int]] = []
        for t in toks:
            sig = (t.norm, t.lower, t.num, t.cur)
            cands = starts.get(sig)
            if cands is None:
                found_here: set[int] = set()
                for key in (("norm", t.norm), ("lower", t.lower)):
                    c = index.get(key)
                    if c:
                        found_here.update(c)
                if t.num:
                    found_here.update(index.get(("num", ""), ()))
                if t.cur:
                    found_here.update(index.get(("cur", ""), ()))
                if self._any:
                    found_here.update(self._any)
                cands = starts[sig] = frozenset(found_here)
            per_token.append(cands)
        # the patterns whose every mandatory slot has a word in this run; each is tried only
        # where a match of it may start
        viable = frozenset(pi for pi in frozenset().union(*per_token)
                           if all(not req.isdisjoint(bag) for req in required[pi]))
        for i, cands in enumerate(per_token):
            for pi in cands & viable:
                label, slots = pats[pi]
                end = _longest(slots, toks, i, 0)
                if end > i:
                    found.setdefault(label, []).append((i, end))
        out: list[tuple[str, int, int]] = []
        for label, spans in found.items():
            # greedy LONGEST: longest first, then earliest; drop overlaps
            spans = sorted(set(spans), key=lambda se: (-(se[1] - se[0]), se[0]))
            taken: list[tuple[int, int]] = []
            for a, b in spans:
                if all(b <= x or a >= y for x, y in taken):
                    taken.append((a, b))
            out.extend((label, a, b) for a, b in taken)
        out.sort(key=lambda m: (m[1], m[2], m[0]))
        return out


#: a token with a letter or digit (what ``"TEXT": {"REGEX": ...}`` asks of a ``!x`` slot in
#: spaCy's Matcher, the reference backend)
WORD_REGEX = r"[^\W_]"


def is_wordless(text: str) -> bool:
    """No letter or digit in ``text``: punctuation or a symbol (``→``, ``★``, ``+``, ``✓``,
    an emoji), never a word, so a ``!x`` slot ("any word but x") does not take it.
    rule-format.md promises that slot "one token that is none of these words (and not
    punctuation)"; spaCy's ``is_punct`` is false for symbols, so "skip Amazon → messaging"
    read the arrow as the word after "Amazon"."""
    return not any(c.isalnum() for c in text)


def doc_tokens(doc: Any, stop_punct: frozenset[str]) -> list[TokenFacts]:
    """The per-token facts the matcher reads, taken from a spaCy ``Doc`` once."""
    out = []
    for t in doc:
        text = t.text
        space = t.is_space
        out.append(TokenFacts(norm=t.norm_, lower=t.lower_, word=not space and text not in stop_punct,
                        punct=t.is_punct or is_wordless(text), num=t.like_num, cur=t.is_currency))
    return out


class SpacyMatcher:
    """The same interface over ``spacy.matcher.Matcher`` (reference backend for tests)."""

    def __init__(self, vocab: Any) -> None:
        from spacy.matcher import Matcher

        self._m = Matcher(vocab, validate=True)
        self._strings = vocab.strings

    def add(self, label: str, patterns: Iterable[list[dict]]) -> None:
        self._m.add(label, list(patterns), greedy="LONGEST")

    def match_doc(self, doc: Any) -> list[tuple[str, int, int]]:
        out = [(self._strings[mid], a, b) for mid, a, b in self._m(doc)]
        out.sort(key=lambda m: (m[1], m[2], m[0]))
        return out
