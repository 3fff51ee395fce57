"""Literal prefilters for the packs' regexes: skip a regex on a paragraph that cannot hold a match.

A paragraph runs every regex of its language (about 50 for German), and most find nothing:
with ``IGNORECASE`` and lookbehinds, Python's ``re`` tries every position, which made the
regexes half of the typing cost. :func:`required_literals` reads a compiled pattern's syntax
tree and returns strings of which every match must contain one (case folded), e.g.
``(?:bewertung|rezension)(?:en)?`` → ``("bewertung", "rezension")``; the engine runs the
regex only when the lower-cased paragraph contains one of them (``str.__contains__``, C
speed). Patterns with no such strings (``\\d{3,}``) always run.

Sound by construction: a literal run, a group, a branch whose every alternative has
strings, or a repetition taken at least once are all part of every match. Case: ``re``
compares characters by simple lower-case mapping plus a few extra equivalences (ſ = s,
ı = i, Greek and Cyrillic variants); a paragraph holding any of those characters, or one
whose ``lower()`` is not character by character (İ, Σ), runs every regex (:func:`foldable`).
"""
from __future__ import annotations

import re
from re import _casefix, _constants as C, _parser  # type: ignore[attr-defined]

_EXTRA = {chr(a) for a in _casefix._EXTRA_CASES} | {chr(b) for bs in _casefix._EXTRA_CASES.values() for b in bs}
#: characters a paragraph may not hold for the lower-case test to be exact
UNSAFE = frozenset({c for c in _EXTRA if not c.isascii()} | {"\u0130", "\u03a3"})
_UNSAFE_RX = re.compile("[" + re.escape("".join(sorted(UNSAFE))) + "]")
_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT)


def foldable(text: str) -> bool:
    """Whether ``text.lower()`` holds a literal exactly when ``re`` would find it in ``text``."""
    return text.isascii() or _UNSAFE_RX.search(text) is None


def _better(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    """The more selective requirement: longer shortest string, then fewer strings."""
    if not b:
        return a
    if not a:
        return b
    ka = (min(len(s) for s in a), -len(a))
    kb = (min(len(s) for s in b), -len(b))
    return b if kb > ka else a


#: requirements of at most this many strings are looked for besides the most selective one
SMALL_REQUIREMENT = 2
#: a character class gives a requirement (one of its characters) up to this many characters
_CLASS_MAX = 16


def _class_chars(items: list) -> frozenset[str] | None:
    """The characters a set (``[…]``) can match, lower-cased, when it lists at most
    :data:`_CLASS_MAX` of them (literals and small ranges; no negation, no category)."""
    chars: set[str] = set()
    for op, av in items:
        if op is C.LITERAL:
            chars.add(chr(av))
        elif op is C.RANGE and av[1] - av[0] < _CLASS_MAX:
            chars.update(chr(c) for c in range(av[0], av[1] + 1))
        else:
            return None
        if len(chars) > _CLASS_MAX:
            return None
    if not chars or chars & UNSAFE:
        return None
    return frozenset(c.lower() for c in chars)


def _required(seq: list) -> frozenset[str] | None:
    best: frozenset[str] | None = None
    run: list[str] = []

    def flush() -> None:
        nonlocal best
        if run:
            best = _better(best, frozenset({"".join(run).lower()}))
            run.clear()

    for op, av in seq:
        if op is C.LITERAL and chr(av) not in UNSAFE:
            run.append(chr(av))
            continue
        flush()
        if op is C.SUBPATTERN:
            best = _better(best, _required(list(av[3])))
        elif op is C.ATOMIC_GROUP:
            best = _better(best, _required(list(av)))
        elif op is C.BRANCH:
            alts = [_required(list(a)) for a in av[1]]
            if alts and all(alts):
                best = _better(best, frozenset().union(*alts))  # type: ignore[arg-type]
        elif op is C.IN:
            best = _better(best, _class_chars(av))
        elif op in _REPEATS and av[0] >= 1:
            best = _better(best, _required(list(av[2])))
    flush()
    if best is not None and any(not s for s in best):
        return None
    return best


def _requirements(seq: list) -> list[frozenset[str]]:
    """Every requirement of a sequence: each literal run, each set and each group (its own
    requirements), each branch (the best of every alternative, pooled). A match holds one
    string of every requirement."""
    out: list[frozenset[str]] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            out.append(frozenset({"".join(run).lower()}))
            run.clear()

    for op, av in seq:
        if op is C.LITERAL and chr(av) not in UNSAFE:
            run.append(chr(av))
            continue
        flush()
        if op is C.SUBPATTERN:
            out += _requirements(list(av[3]))
        elif op is C.ATOMIC_GROUP:
            out += _requirements(list(av))
        elif op is C.BRANCH:
            alts = [_required(list(a)) for a in av[1]]
            if alts and all(alts):
                out.append(frozenset().union(*alts))  # type: ignore[arg-type]
        elif op is C.IN:
            chars = _class_chars(av)
            if chars:
                out.append(chars)
        elif op in _REPEATS and av[0] >= 1:
            out += _requirements(list(av[2]))
    flush()
    return [r for r in out if r and all(r)]


def required_literals(rx: re.Pattern[str]) -> tuple[str, ...] | None:
    """Lower-case strings of which every match of ``rx`` contains one, or None."""
    try:
        tree = _parser.parse(rx.pattern, rx.flags)
    except re.error:  # compiled already, so this does not happen; no prefilter then
        return None
    req = _required(list(tree))
    return tuple(sorted(req)) if req else None


#: ``(pattern, flags)`` → :func:`literal_requirements` of that regex, computed once per
#: process (the checker process seeds it from the previous start: checks.regex_cache.seed)
MEMO: dict[tuple[str, int], tuple[tuple[str, ...], ...] | None] = {}


#: ``(pattern, flags)`` → whether no match of that regex can touch a line break
#: (``checks.engine._line_local``, which fills it; kept here beside :data:`MEMO` so the checker
#: process can seed both before it imports the engine)
LINE_LOCAL: dict[tuple[str, int], bool] = {}


def valid_requirements(value: object) -> bool:
    """Whether ``value`` has the shape of :func:`literal_requirements`' result (a stored one)."""
    return value is None or (isinstance(value, tuple) and all(
        isinstance(part, tuple) and all(isinstance(s, str) for s in part) for part in value))


def literal_requirements(rx: re.Pattern[str]) -> tuple[tuple[str, ...], ...] | None:
    """Requirements of ``rx``: tuples of lower-case strings, each such that every match of
    ``rx`` contains one of its strings (a text lacking every string of any one tuple cannot
    hold a match); None when there is none. First :func:`required_literals`'s (the most
    selective), then every other of at most :data:`SMALL_REQUIREMENT` strings: those are cheap
    to look for and often rare in a paragraph (a question mark, "amazon"), so a regex like
    ``(?:^|(?<=[.!?]))[^?]{2,90}\\?\\s*(?:then|so)`` is not run on a paragraph without a
    question. A text is searched for every string of every requirement once per line
    (checks.engine), so the long alternatives of a pattern are not added a second time."""
    key = (rx.pattern, rx.flags)
    try:
        return MEMO[key]
    except KeyError:
        pass
    MEMO[key] = out = _literal_requirements(rx)
    return out


def _literal_requirements(rx: re.Pattern[str]) -> tuple[tuple[str, ...], ...] | None:
    try:
        tree = _parser.parse(rx.pattern, rx.flags)
    except re.error:
        return None
    best = _required(list(tree))
    if best is not None and any(not s for s in best):
        best = None
    out = [best] if best else []
    for req in sorted(set(_requirements(list(tree))), key=lambda r: sorted(r)):
        if len(req) <= SMALL_REQUIREMENT and req != best and not any(o < req for o in out):
            out.append(req)
    out = [r for r in out if not any(o < r for o in out)]   # {"gift"} makes {"gift", "bonus"} redundant
    return tuple(tuple(sorted(r)) for r in out) or None
