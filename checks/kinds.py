"""Rule kinds: each kind is one class here, registered in :data:`KINDS`.

A rule's ``kind`` names its class, and the class is all the code that kind has:

- ``keys``: the fields its rules may carry besides the common ones (``checks.rules``);
- :meth:`RuleKind.load`: checks those fields and compiles them into the rule's ``spec``
  (errors name the file, the rule and the field: :class:`checks.errors.RulePackError`);
- :meth:`RuleKind.slots`: the concept slots the rule needs (frames run in a language only
  where its pack defines them);
- :meth:`RuleKind.compile`: what the rule adds to its language's matcher or regexes
  (:class:`checks.engine._LangEngine`);
- :meth:`RuleKind.evaluate`: where it fires on a card's sentences (:class:`checks.sentences.Card`).

Kinds that judge something other than wording (``qr`` payloads, ``artwork`` shapes, the
``language`` and ``notice`` infos the checker emits itself) have their own entry points,
called by :class:`checks.engine.Checker`. docs/rule-format.md describes every kind's fields.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Sequence

from checks.errors import RulePackError
from checks.patterns import PatternSyntaxError, compile_pattern
from checks.sentences import Card, blocked, candidates, guard_hits, hits, lang_ok, negated, parse_ref

if TYPE_CHECKING:
    from checks.artwork import ArtworkShape
    from checks.rules import Rule

#: the concepts whose hits come from the contact/link detectors (defined in every language)
DETECTOR_CONCEPTS = ("url", "email", "phone", "handle", "messenger")
#: what ``notice`` rules report (the engine emits them; they match no text)
NOTICE_EVENTS = ("second-stage-unavailable",)

Span = tuple[int, int]


def need(d: dict, key: str, typ: type | tuple, path: Path | str, rid: str | None) -> Any:
    """``d[key]``, which must be present and of type ``typ``."""
    if key not in d or d[key] is None:
        raise RulePackError(path, f"missing required field '{key}'", rid)
    if not isinstance(d[key], typ):
        tname = typ.__name__ if isinstance(typ, type) else "/".join(t.__name__ for t in typ)
        raise RulePackError(path, f"field '{key}' must be a {tname}, not {type(d[key]).__name__}", rid)
    return d[key]


def str_list(d: dict, key: str, path: Path | str, rid: str | None, required: bool = False) -> list[str]:
    """``d[key]`` as a list of non-empty strings (one string counts as a list of one)."""
    val = d.get(key)
    if val is None:
        if required:
            raise RulePackError(path, f"missing required field '{key}'", rid)
        return []
    if isinstance(val, str):
        val = [val]
    if not isinstance(val, list) or not all(isinstance(v, str) and v.strip() for v in val):
        raise RulePackError(path, f"field '{key}' must be a list of non-empty strings", rid)
    return list(val)


class Compiled:
    """What :meth:`RuleKind.compile` adds to: one language's matcher and regexes (the
    engine's ``_LangEngine`` is one)."""

    matcher: Any  # None for text in a language without a pack
    lex: dict[str, list[str]]
    norm: Any

    def add_regex(self, label: str, rx: re.Pattern[str]) -> None:
        raise NotImplementedError

    def pattern(self, pattern: str) -> list[dict]:
        """``pattern`` compiled with this language's lexicons and norm."""
        return compile_pattern(pattern, self.lex, self.norm)


class RuleKind:
    """The base kind: no fields of its own, nothing to compile, no text findings."""

    name: ClassVar[str]
    keys: ClassVar[frozenset[str]] = frozenset()
    #: its rules judge a card language's wording (listed per language in docs/rules-<lang>.md)
    wording: ClassVar[bool] = False

    def load(self, d: dict[str, Any], path: Path | str, rid: str) -> dict[str, Any]:
        """The rule's ``spec`` from its loaded fields (raises RulePackError)."""
        return {}

    def slots(self, spec: dict[str, Any]) -> list[str]:
        """The concept slots the rule needs (each ``a|b`` alternatives), ``unless`` aside."""
        return []

    def detectors(self, spec: dict[str, Any]) -> list[str]:
        """The detectors whose hits the rule reads itself (concept slots aside)."""
        return []

    def patterns(self, rule: "Rule") -> list[str]:
        """The token patterns the rule gives its language's matcher."""
        return []

    def compile(self, rule: "Rule", target: Compiled) -> None:
        """Add what the rule matches to one language's matcher or regexes."""

    def evaluate(self, rule: "Rule", card: Card) -> list[Span]:
        """(start, end) of each finding of ``rule`` on the card."""
        return []

    def requires(self, rule: "Rule") -> tuple[frozenset[str], ...] | None:
        """Hit labels the card must hold for :meth:`evaluate` to find anything: at least one
        label of each set (a rule whose sets are not all met is not evaluated: typing pays for
        the rules whose words are on the card, not for the whole pack). None: the kind finds
        nothing in text (it has its own entry point, or none)."""
        return None


def _label_spans(rule: "Rule", card: Card, label: str, kinds: Sequence[str] | None, per_lang: bool) -> list[Span]:
    """Every hit labelled ``label`` (of one of ``kinds``), unless blocked or negated."""
    out: list[Span] = []
    sents = card.sents
    for i in card.index.get(label, ()):
        off, s, lg = sents[i]
        if per_lang and not lang_ok(rule, lg):
            continue
        hs = s.hits.get(label)
        if not hs:
            continue
        if rule.unless and blocked(rule, s):
            continue
        for h in hs:
            if kinds and h.kind not in kinds:
                continue
            if rule.negatable and negated(s, h):
                continue
            out.append((off + h.start, off + h.end))
    return out


def _ref_labels(refs: Sequence[str]) -> tuple[frozenset[str], ...]:
    """The hit labels of each concept reference (``a|url/shop`` → {a, url})."""
    return tuple(frozenset(name for name, _kind in parse_ref(ref)) for ref in refs)


class PatternKind(RuleKind):
    """Token patterns (checks/patterns.py) in the rule's language; the rule id is the label."""

    name = "pattern"
    keys = frozenset({"patterns"})
    wording = True

    def load(self, d, path, rid):
        return {"patterns": str_list(d, "patterns", path, rid, required=True)}

    def patterns(self, rule):
        return list(rule.spec["patterns"])

    def compile(self, rule, target):
        if target.matcher is None or rule.lang == "*":
            return  # a token pattern needs a language's words
        try:
            pats = [target.pattern(p) for p in rule.spec["patterns"]]
        except PatternSyntaxError as exc:
            raise RulePackError(rule.path, f"pattern: {exc}", rule.id) from None
        target.matcher.add(rule.id, pats)

    def evaluate(self, rule, card):
        return _label_spans(rule, card, rule.id, None, True)

    def requires(self, rule):
        return (frozenset({rule.id}),)


class RegexKind(RuleKind):
    """A regular expression over the paragraph text (case-insensitive unless ``ignorecase: false``)."""

    name = "regex"
    keys = frozenset({"regex", "ignorecase"})
    wording = True

    def load(self, d, path, rid):
        rx = need(d, "regex", str, path, rid)
        flags = re.IGNORECASE if d.get("ignorecase", True) else 0
        try:
            return {"regex": re.compile(rx, flags)}
        except re.error as exc:
            raise RulePackError(path, f"regex does not compile: {exc}", rid) from None

    def compile(self, rule, target):
        target.add_regex(rule.id, rule.spec["regex"])

    def evaluate(self, rule, card):
        return _label_spans(rule, card, rule.id, None, True)

    def requires(self, rule):
        return (frozenset({rule.id}),)


class DetectorKind(RuleKind):
    """Hits of one contact/link detector (``kinds``: only hits of those kinds)."""

    name = "detector"
    keys = frozenset({"detector", "kinds"})

    def load(self, d, path, rid):
        detector = need(d, "detector", str, path, rid)
        if detector not in DETECTOR_CONCEPTS:
            raise RulePackError(path, f"detector '{detector}' is not one of {', '.join(DETECTOR_CONCEPTS)}", rid)
        return {"detector": detector, "kinds": tuple(str_list(d, "kinds", path, rid))}

    def detectors(self, spec):
        return [spec["detector"]]

    def evaluate(self, rule, card):
        return _label_spans(rule, card, rule.spec["detector"], rule.spec.get("kinds"), False)

    def requires(self, rule):
        return (frozenset({rule.spec["detector"]}),)


class CooccurKind(RuleKind):
    """Every ``require`` concept within ``window`` sentences of the first (the anchor)."""

    name = "cooccur"
    keys = frozenset({"require", "window", "span", "unless_window", "unless_near"})
    wording = True

    def load(self, d, path, rid):
        spec: dict[str, Any] = {"require": str_list(d, "require", path, rid, required=True)}
        if not spec["require"]:
            raise RulePackError(path, "cooccur needs at least one concept in 'require'", rid)
        spec["window"] = int(d.get("window", 0))
        # an `unless` hit this many sentences either side of the anchor also cancels it
        spec["unless_window"] = int(d.get("unless_window", 0))
        if spec["unless_window"] < 0:
            raise RulePackError(path, "unless_window must be 0 or more", rid)
        # guards that cancel the rule from a neighbouring sentence even where the plain `unless`
        # reads only the anchor's: "… at no cost. They're yours either way." (`unless_window`
        # sentences either side, at least one)
        spec["unless_near"] = str_list(d, "unless_near", path, rid)
        spec["span"] = d.get("span", "all")
        if spec["span"] not in ("all", "anchor"):
            raise RulePackError(path, "span must be 'all' or 'anchor'", rid)
        return spec

    def slots(self, spec):
        return list(spec["require"])

    def requires(self, rule):
        # every part needs a hit within the window, so somewhere on the card
        return _ref_labels(rule.spec["require"])

    def evaluate(self, rule, card):
        r = rule
        req = r.spec["require"]
        window = r.spec["window"]
        sents = card.sents
        n = len(sents)
        memo = _COOCCUR_MEMO
        if len(memo) > _MEMO_SIZE:
            memo.clear()
        out: list[Span] = []
        for i in candidates(card, req[0]):
            off, s, lg = sents[i]
            if not lang_ok(r, lg):
                continue
            # what fires here depends on the sentences within the window alone (cached
            # sentences are shared objects), so it is remembered by their identity
            reach = max(window, r.spec["unless_window"], 1 if r.spec.get("unless_near") else 0)
            lo, hi = (max(0, i - reach), min(n, i + reach + 1)) if reach >= 0 else (i, i + 1)
            key = (id(r), i - lo, card.window(lo, hi))
            hit = memo.get(key)
            if hit is None:
                found = _cooccur_at(r, sents, i, window)
                # the sentences and the rule stay referenced, so no id in the key is reused
                memo[key] = hit = (found, r, [x[1] for x in sents[lo:hi]])
            for parts in hit[0]:
                spans = [(sents[i + d][0] + a, sents[i + d][0] + b) for d, a, b in parts]
                if r.spec["span"] == "anchor":
                    out.append(spans[0])
                else:
                    out.append((min(p[0] for p in spans), max(p[1] for p in spans)))
                # every anchor hit gets its finding; overlapping ones merge later
        return out


#: (rule id, anchor's place in its window, (sentence id, lang) of each window sentence) →
#: (what fires there, the rule, the sentences): :meth:`CooccurKind.evaluate`
_COOCCUR_MEMO: dict[tuple, tuple[tuple[tuple[tuple[int, int, int], ...], ...], Any, list]] = {}
_MEMO_SIZE = 20_000


def forget() -> None:
    """Drop what rule evaluation remembers (``checks.engine.clear_cache``)."""
    _COOCCUR_MEMO.clear()


def _cooccur_at(r: "Rule", sents: list, i: int, window: int) -> tuple[tuple[tuple[int, int, int], ...], ...]:
    """Each finding of cooccur rule ``r`` anchored in sentence ``i``, in anchor order: its
    parts as (sentence index relative to ``i``, start, end), offsets local to the sentence's
    paragraph. Reads only the sentences within ``window`` of ``i`` and their languages."""
    req = r.spec["require"]
    _off, s, _lg = sents[i]
    anchors = hits(s, req[0])
    if not anchors or (r.unless and blocked(r, s)):
        return ()
    uw = r.spec["unless_window"]
    if uw and r.unless and any(blocked(r, sents[j][1]) and lang_ok(r, sents[j][2])
                               for j in range(max(0, i - uw), min(len(sents), i + uw + 1)) if j != i):
        return ()
    near = r.spec.get("unless_near")
    if near:
        un = max(1, uw)
        if any(lang_ok(r, sents[j][2]) and any(guard_hits(sents[j][1], u) for u in near)
               for j in range(max(0, i - un), min(len(sents), i + un + 1))):
            return ()
    out = []
    for a in anchors:
        if r.negatable and negated(s, a):
            continue
        parts = [(0, a.start, a.end)]
        ok = True
        for ref in req[1:]:
            best = None
            for j in _nearest_first(i, window, len(sents)):
                _o2, s2, lg2 = sents[j]
                if not lang_ok(r, lg2):
                    continue
                if j != i and r.unless and blocked(r, s2):
                    continue
                # a negation reaches parts in other sentences or in the anchor's clause;
                # "we can't offer anything for a review, but …" still counts the review
                cands = [h for h in hits(s2, ref)
                         if not (r.negatable and (j != i or h.clause == a.clause)
                                 and negated(s2, h, a if j == i else None))]
                if cands:
                    h = min(cands, key=lambda h: abs(h.start - a.start)) if j == i else cands[0]
                    best = (j - i, h.start, h.end)
                    break
            if best is None:
                ok = False
                break
            parts.append(best)
        if ok:
            out.append(tuple(parts))
    return tuple(out)


def _nearest_first(i: int, window: int, n: int) -> list[int]:
    """Sentence indices within ``window`` of ``i``: ``i``, then ``i-1``, ``i+1``, ``i-2`` …"""
    if window < 0:
        return []
    out = [i]
    for d in range(1, window + 1):
        if i - d >= 0:
            out.append(i - d)
        if i + d < n:
            out.append(i + d)
    return out


class SequenceKind(RuleKind):
    """The second step within ``within`` sentences after the first."""

    name = "sequence"
    keys = frozenset({"steps", "within"})
    wording = True

    def load(self, d, path, rid):
        steps = str_list(d, "steps", path, rid, required=True)
        if len(steps) != 2:
            raise RulePackError(path, "sequence needs exactly two steps", rid)
        return {"steps": steps, "within": int(d.get("within", 2))}

    def slots(self, spec):
        return list(spec["steps"])

    def requires(self, rule):
        return _ref_labels(rule.spec["steps"])

    def evaluate(self, rule, card):
        r = rule
        first, then = r.spec["steps"]
        within = r.spec["within"]
        sents = card.sents
        out: list[Span] = []
        for i in candidates(card, first):
            off, s, lg = sents[i]
            if not lang_ok(r, lg):
                continue
            for a in hits(s, first):
                if r.negatable and negated(s, a):
                    continue
                found = None
                for j in range(i, min(len(sents), i + within + 1)):
                    o2, s2, lg2 = sents[j]
                    if not lang_ok(r, lg2):
                        continue
                    cands = [h for h in hits(s2, then) if (j > i or h.start >= a.end)]
                    if cands:
                        found = (o2 + cands[0].start, o2 + cands[0].end)
                        break
                if found:
                    out.append((off + a.start, found[1]))
                    break
        return out


class QrKind(RuleKind):
    """Where a QR code's payload leads (``kinds``: the link verdicts and signals it reports)."""

    name = "qr"
    keys = frozenset({"kinds"})

    def load(self, d, path, rid):
        return {"kinds": tuple(str_list(d, "kinds", path, rid, required=True))}

    def applies(self, rule: "Rule", signals: set[str]) -> bool:
        """Whether the rule reports a payload with these verdict signals; a link to the
        marketplace itself is reported only by rules that name ``amazon``."""
        kinds = set(rule.spec["kinds"])
        if not signals & kinds:
            return False
        return "amazon" not in signals or "amazon" in kinds


class LanguageKind(RuleKind):
    """The info on text in a language without a pack (``{language}``, ``{code}`` in the message)."""

    name = "language"


class NoticeKind(RuleKind):
    """An info the checker emits on an event (``event``), matching no text."""

    name = "notice"
    keys = frozenset({"event"})

    def load(self, d, path, rid):
        event = need(d, "event", str, path, rid)
        if event not in NOTICE_EVENTS:
            raise RulePackError(path, f"event '{event}' is not one of {', '.join(NOTICE_EVENTS)}", rid)
        return {"event": event}


class ArtworkKind(RuleKind):
    """Pictures beside wording on one side of a card (checks/artwork.py)."""

    name = "artwork"
    keys = frozenset({"glyphs", "min_glyphs", "label", "beside", "distance"})

    def load(self, d, path, rid):
        from checks.artwork import compile_spec

        try:
            return compile_spec(d)
        except ValueError as exc:
            raise RulePackError(path, str(exc), rid) from None

    def matches(self, rule: "Rule", shapes: Sequence["ArtworkShape"]) -> list[tuple["ArtworkShape", list[str]]]:
        from checks.artwork import matches

        return matches(rule.spec, shapes)


#: every rule kind by name, in the order error messages list them
KINDS: dict[str, RuleKind] = {k.name: k for k in (
    PatternKind(), RegexKind(), CooccurKind(), SequenceKind(), DetectorKind(), QrKind(),
    LanguageKind(), NoticeKind(), ArtworkKind(),
)}
