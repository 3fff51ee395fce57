"""Where a concept regex's matches can be looked for piece by piece.

A regex that may match across a line break (``\\s+`` between two words of "arrive chez\\n
vous") runs on the whole paragraph, so typing one word in a long paragraph — or in a text
box whose lines are one paragraph — runs it on all of it again. Most of those regexes can
never consume a sentence's end mark: their gaps are ``[^.!?\\n]*``, ``\\s``, ``\\w``, words.
For such a regex the characters it never consumes (its *stops*, among :data:`CANDIDATES`)
cut the paragraph into pieces that no match crosses, and what it finds in a piece depends on
the piece and a few characters before it alone (:func:`stops_of`). So each piece's matches
are remembered by that text (checks/engine.py): typing in one sentence runs the regex on
that sentence, not on the paragraph.

Plain Python over ``re``'s parser; no Qt.
"""
from __future__ import annotations

import re
from re import _constants as _rc, _parser as _rp  # type: ignore[attr-defined]
from typing import Any

#: the characters that may cut a paragraph: sentence ends and the line break
CANDIDATES = ".!?\n。！？"

#: ``(pattern, flags)`` → :func:`stops_of` of that regex, once per process (the checker
#: process seeds it from the previous start, checks.regex_cache.seed, as it does
#: ``checks.literals.LINE_LOCAL``)
STOPS: dict[tuple[str, int], "tuple[str, int] | None"] = {}

_CATEGORY_RX = {
    _rc.CATEGORY_DIGIT: re.compile(r"\d"), _rc.CATEGORY_NOT_DIGIT: re.compile(r"\D"),
    _rc.CATEGORY_SPACE: re.compile(r"\s"), _rc.CATEGORY_NOT_SPACE: re.compile(r"\S"),
    _rc.CATEGORY_WORD: re.compile(r"\w"), _rc.CATEGORY_NOT_WORD: re.compile(r"\W"),
    _rc.CATEGORY_LINEBREAK: re.compile("\n"), _rc.CATEGORY_NOT_LINEBREAK: re.compile("[^\n]"),
}

#: zero-width tests that read the characters beside their position only
_AT_OK = frozenset({_rc.AT_BEGINNING, _rc.AT_BEGINNING_STRING, _rc.AT_BEGINNING_LINE, _rc.AT_END_LINE,
                    _rc.AT_BOUNDARY, _rc.AT_NON_BOUNDARY})


class _Unsafe(Exception):
    """A construct the analysis does not vouch for: the regex runs on the whole paragraph."""


def valid_stops(value: object) -> bool:
    """Whether ``value`` has the shape of :func:`stops_of`'s result (a stored one)."""
    return value is None or (isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], str)
                             and isinstance(value[1], int) and value[1] >= 1
                             and all(c in CANDIDATES for c in value[0]))


def stops_of(rx: re.Pattern[str]) -> tuple[str, int] | None:
    """(stops, context) of ``rx``, or None when its matches are looked for on the whole text.

    ``stops``: the characters of :data:`CANDIDATES` that no part of the pattern consumes, nor
    any look-ahead reads past. ``context``: how many characters before a position the
    pattern may read (its longest look-behind, plus one for ``\\b`` and ``^``).

    Cut a text after each stop: no match holds a stop, so every match lies inside one piece,
    and trying the pattern at a position of a piece reads that piece and at most ``context``
    characters before it (a look-ahead meets the stop that ends the piece and fails there as
    it fails at the end of a text; ``\\b`` sees a non-word character either way; ``$`` and
    ``\\Z``, which would tell the two apart, keep a regex whole). So its matches in the text
    are, in order, its matches in each piece searched from the piece's start with that
    context before it (:func:`piece_spans`). Errs on the side of None."""
    key = (rx.pattern, rx.flags)
    try:
        return STOPS[key]
    except KeyError:
        pass
    STOPS[key] = out = _stops_of(rx)
    return out


def _stops_of(rx: re.Pattern[str]) -> tuple[str, int] | None:
    try:
        tree = _rp.parse(rx.pattern, rx.flags)
    except re.error:
        return None
    consumed: set[str] = set()
    try:
        behind = _walk(list(tree), tree.state.flags, consumed, False)
    except _Unsafe:
        return None
    stops = "".join(c for c in CANDIDATES if c not in consumed)
    if not stops:
        return None
    return stops, behind + 1


def _walk(seq: list, flags: int, consumed: set[str], in_behind: bool) -> int:
    """Add to ``consumed`` the candidates some item of ``seq`` may consume (or a look-ahead
    read); return the longest look-behind width inside it (0 when none)."""
    behind = 0
    for op, av in seq:
        if op in (_rc.LITERAL, _rc.NOT_LITERAL, _rc.ANY, _rc.IN, _rc.CATEGORY):
            for c in CANDIDATES:
                if c not in consumed and _item_takes(op, av, c, flags):
                    consumed.add(c)
        elif op is _rc.AT:
            if av not in _AT_OK or (in_behind and av in (_rc.AT_BEGINNING, _rc.AT_BEGINNING_STRING,
                                                          _rc.AT_BEGINNING_LINE)):
                raise _Unsafe
        elif op is _rc.BRANCH:
            for alt in av[1]:
                behind = max(behind, _walk(list(alt), flags, consumed, in_behind))
        elif op is _rc.SUBPATTERN:
            _, add, delete, sub = av
            behind = max(behind, _walk(list(sub), (flags | add) & ~delete, consumed, in_behind))
        elif op in (_rc.MAX_REPEAT, _rc.MIN_REPEAT, _rc.POSSESSIVE_REPEAT):
            behind = max(behind, _walk(list(av[2]), flags, consumed, in_behind))
        elif op is _rc.ATOMIC_GROUP:
            behind = max(behind, _walk(list(av), flags, consumed, in_behind))
        elif op in (_rc.ASSERT, _rc.ASSERT_NOT):
            direction, sub = av
            if direction == 1:      # a look-ahead reads forward as the pattern consumes
                if in_behind:
                    raise _Unsafe   # forward from inside a look-behind: past the position
                behind = max(behind, _walk(list(sub), flags, consumed, in_behind))
            else:                   # a look-behind reads the characters before the position
                if in_behind:
                    raise _Unsafe   # one inside another: not measured
                lo, hi = sub.getwidth()
                if lo != hi or hi > 64:
                    raise _Unsafe
                # what it reads lies before the position: in the piece or its context
                _walk(list(sub), flags, set(), True)
                behind = max(behind, hi)
        elif op is _rc.GROUPREF:
            continue   # the group's own items were walked
        elif op is _rc.GROUPREF_EXISTS:
            _, yes, no = av
            behind = max(behind, _walk(list(yes), flags, consumed, in_behind))
            if no is not None:
                behind = max(behind, _walk(list(no), flags, consumed, in_behind))
        else:
            raise _Unsafe
    return behind


def _item_takes(op: Any, av: Any, c: str, flags: int) -> bool:
    """Whether one character-consuming item may take ``c`` (True when unsure)."""
    o = ord(c)
    if op is _rc.LITERAL:
        return av == o
    if op is _rc.NOT_LITERAL:
        return av != o
    if op is _rc.ANY:
        return c != "\n" or bool(flags & re.DOTALL)
    if op is _rc.CATEGORY:
        rx = _CATEGORY_RX.get(av)
        return True if rx is None else rx.match(c) is not None
    if op is _rc.IN:
        items = list(av)
        negate = bool(items) and items[0][0] is _rc.NEGATE
        if negate:
            items = items[1:]
        hit = False
        for iop, iav in items:
            if iop is _rc.LITERAL:
                hit = iav == o
            elif iop is _rc.RANGE:
                hit = iav[0] <= o <= iav[1]
            elif iop is _rc.CATEGORY:
                rx = _CATEGORY_RX.get(iav)
                if rx is None:
                    return True
                hit = rx.match(c) is not None
            else:
                return True
            if hit:
                break
        return hit != negate
    return True


#: the cuts a pack's regexes share, finest first: a regex is cut at the first of these its
#: stops hold (cutting at fewer of its stops is as exact), so a pack's regexes fall into a
#: few groups whose pieces are cut once a paragraph. Text in a Latin-script language holds
#: no Japanese sentence end to cut at (and Japanese text seldom a '.'): each script's list
#: leaves out what its text does not hold, so its regexes fall into fewer groups.
LATIN_CUTS = (".!?\n", ".!?", "!?\n", "!?", "\n", ".!", ".", "?", "!")
CJK_CUTS = ("!?\n。！？", "!?。！？", "\n。！？", "。！？", "\n")


def shared_cut(stops: str, cuts: tuple[str, ...] = LATIN_CUTS) -> str:
    """The cut a regex with ``stops`` (:func:`stops_of`) is run at: the first of ``cuts``
    (:data:`LATIN_CUTS` or :data:`CJK_CUTS`) within them, else its own stops."""
    for cut in cuts:
        if all(c in stops for c in cut):
            return cut
    return stops


_CUTTERS: dict[str, re.Pattern[str]] = {}


def pieces(text: str, stops: str, context: int) -> list[tuple[int, int, str]]:
    """``text`` cut after each of ``stops``: (start, offset, piece) of each piece, where
    ``piece`` is the piece with up to ``context`` characters before it and ``start`` is
    where that string begins in ``text`` (the piece itself begins ``offset`` characters in)."""
    cutter = _CUTTERS.get(stops)
    if cutter is None:
        cutter = _CUTTERS[stops] = re.compile("[" + re.escape(stops) + "]")
    out = []
    a = 0
    n = len(text)
    for m in cutter.finditer(text):
        e = m.end()
        s0 = a - context if a > context else 0
        out.append((s0, a - s0, text[s0:e]))
        a = e
    if a < n or not out:
        s0 = a - context if a > context else 0
        out.append((s0, a - s0, text[s0:]))
    return out


def piece_spans(rx: re.Pattern[str], piece: str, offset: int) -> tuple[tuple[int, int], ...]:
    """Non-empty match spans of ``rx`` that start at or after ``offset`` in ``piece`` (one of
    :func:`pieces`), offsets into ``piece``."""
    return tuple((m.start(), m.end()) for m in rx.finditer(piece, offset) if m.end() > m.start())
