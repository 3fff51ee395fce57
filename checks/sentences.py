"""What text rules read: a card's sentences in order, each with its concept and rule hits.

The engine (:mod:`checks.engine`) builds them per paragraph and caches them; the rule kinds
(:mod:`checks.kinds`) walk them. A *concept reference* names a hit label: ``name``,
alternatives ``a|b``, or a detector hit of one kind ``url/shop``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from checks.rules import Rule

NEG_REACH = 40  # characters between a negation cue and the words it negates


@dataclass(frozen=True)
class Hit:
    """A concept or rule match: code-point offsets local to its paragraph."""

    start: int
    end: int
    clause: int
    kind: str = ""


@dataclass
class Sentence:
    start: int
    end: int
    hits: dict[str, list[Hit]] = field(default_factory=dict)
    norms: tuple[str, ...] = ()  # the lemma norms of its words (the second stage's input)
    #: hits per concept reference with alternatives or kinds, filled by :func:`hits` once the
    #: sentence's hits are complete (a cached sentence is read by every later check)
    refs: dict[str, list[Hit]] = field(default_factory=dict, repr=False, compare=False)


@dataclass
class Card:
    """One check: the sentences of the card in order, with absolute offsets."""

    sents: list[tuple[int, Sentence, str]]  # (paragraph offset, sentence, lang)
    index: dict[str, list[int]] = field(default_factory=dict)  # label → sentence indices

    def __post_init__(self) -> None:
        for i, (_, s, _) in enumerate(self.sents):
            for label in s.hits:
                self.index.setdefault(label, []).append(i)
        self._identity: list[tuple[int, str]] | None = None
        self._windows: dict[tuple[int, int], tuple[tuple[int, str], ...]] = {}
        self._candidates: dict[str, list[int]] = {}

    def identity(self) -> list[tuple[int, str]]:
        """(id of the sentence object, lang) of each sentence: cached sentences are shared
        objects, so rule results can be remembered by their neighbourhood's identity."""
        ident = self._identity
        if ident is None:
            ident = self._identity = [(id(s), lg) for _, s, lg in self.sents]
        return ident

    def window(self, lo: int, hi: int) -> tuple[tuple[int, str], ...]:
        """``identity()[lo:hi]`` as a tuple, built once per check (rules share windows)."""
        key = (lo, hi)
        out = self._windows.get(key)
        if out is None:
            out = self._windows[key] = tuple(self.identity()[lo:hi])
        return out


_REFS: dict[str, tuple[tuple[str, str], ...]] = {}


def parse_ref(ref: str) -> tuple[tuple[str, str], ...]:
    """``"a|url/shop"`` → ``(("a", ""), ("url", "shop"))`` (memoised)."""
    parsed = _REFS.get(ref)
    if parsed is None:
        parsed = tuple((name, kind) for name, _, kind in (alt.partition("/") for alt in ref.split("|")))
        _REFS[ref] = parsed
    return parsed


def _kind_ok(h: Hit, kind: str) -> bool:
    """``kind`` filters a detector's hits: ``""`` any, ``shop`` only that kind, ``!amazon`` every other."""
    if not kind:
        return True
    if kind[0] == "!":
        return h.kind != kind[1:]
    return h.kind == kind


def hits(s: Sentence, ref: str) -> list[Hit]:
    """Hits of a concept reference: ``name``, ``a|b`` alternatives, ``url/shop`` kind filter,
    ``url/!amazon`` every kind but one."""
    parsed = parse_ref(ref)
    if len(parsed) == 1 and not parsed[0][1]:
        return s.hits.get(parsed[0][0], [])
    out = s.refs.get(ref)
    if out is not None:
        return out
    out = []
    for name, kind in parsed:
        hs = s.hits.get(name)
        if not hs:
            continue
        out.extend(h for h in hs if _kind_ok(h, kind))
    if len(out) > 1:
        out.sort(key=lambda h: (h.start, -h.end))
    s.refs[ref] = out
    return out


def candidates(ctx: Card, ref: str) -> list[int]:
    """Indices of the sentences that hold any hit of ``ref`` (from the per-check label index)."""
    parsed = parse_ref(ref)
    if len(parsed) == 1:
        return ctx.index.get(parsed[0][0], [])
    out = ctx._candidates.get(ref)
    if out is None:   # rules share references: gathered once per check
        seen: set[int] = set()
        for name, _ in parsed:
            seen.update(ctx.index.get(name, ()))
        out = ctx._candidates[ref] = sorted(seen)
    return out


def negated(s: Sentence, h: Hit, anchor: Hit | None = None) -> bool:
    """A negation cue shortly before ``h`` in its clause. A cue inside the ``anchor`` hit is
    part of that concept's own wording ("Not quite? → write to us": the "not" belongs to the
    unhappy condition) and negates nothing else."""
    for n in s.hits.get("negation", ()):
        if anchor is not None and anchor.start <= n.start < anchor.end:
            continue
        if n.clause == h.clause and n.end <= h.start + 1 and h.start - n.end <= NEG_REACH:
            return True
    return False


#: the concept (every pack defines it) of a route named only to be steered past ("skip Amazon messages and
#: e-mail us", "faster than Amazon messages: our LINE", "sans passer par Amazon"): a guard hit
#: that overlaps one of its hits is no safe route, so it cancels nothing (:func:`guard_hits`)
BYPASS = "bypass_amazon"


def guard_hits(s: Sentence, ref: str) -> list[Hit]:
    """Hits of an ``unless``/``unless_near`` guard that count: those not inside a
    :data:`BYPASS` hit of their sentence (the card names the safe channel to bypass it)."""
    hs = hits(s, ref)
    if not hs:
        return hs
    by = s.hits.get(BYPASS)
    if not by:
        return hs
    return [h for h in hs if not any(b.start < h.end and h.start < b.end for b in by)]


def blocked(r: "Rule", s: Sentence) -> bool:
    return any(guard_hits(s, u) for u in r.unless)


def lang_ok(r: "Rule", lg: str) -> bool:
    """Does ``r`` apply to a sentence in language ``lg``? Pack rules apply to their language;
    frame rules to every language whose pack defines their concepts (``Rule.langs``);
    common rules everywhere."""
    if r.lang == "*":
        return r.langs is None or lg in r.langs
    return r.lang == lg
