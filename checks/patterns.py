"""The token-pattern mini language of the rule packs, compiled to spaCy ``Matcher`` patterns.

A pattern is a string of space-separated slots; each slot matches one token (or a run of
tokens for gaps). Words are compared on the token's *norm*: its lower-case lookup lemma
(``gifts``, ``gifted`` → ``gift``; ``left`` → ``leave``), so a rule lists one form and
covers the others. See docs/rule-format.md for the full table.

=================  =====================================================================
slot               matches
=================  =====================================================================
``gift``           a token whose norm is the norm of ``gift``
``gift|present``   any of the listed words (one ``IN`` list, the cheap form)
``@incentive``     any word of the lexicon list ``incentive`` (may be combined: ``@a|b``)
``=left``          the exact lower-case form ``left`` (no lemma; ``=a|=b`` for several;
                   mixed with plain words, ``=`` is ignored); ``=?`` is a literal ``?``
``!not|never``     any token except these words (still one token)
``#``              a number-like token (``5``, ``five``, ``1,000``)
``$``              a currency symbol
``*``              any one token except clause punctuation (a hyphen is fine)
``~3``             a gap of 0 to 3 such tokens (never , . ! ? ; : — or a line break)
``slot?``          the slot is optional
``slot+``          one or more
=================  =====================================================================
"""
from __future__ import annotations

import re
from typing import Callable, Iterable, Mapping

from checks.matcher import WORD_REGEX

_GAP = re.compile(r"^~(\d+)$")
#: punctuation a gap or ``*`` never crosses (a hyphen, as in "5-star", may be crossed)
STOP_PUNCT = [".", "!", "?", ",", ";", ":", "、", "。", "—", "–", "(", ")", "[", "]", "…", "•", "·", "|", "!!", "?!", "..."]


class PatternSyntaxError(ValueError):
    """A pattern string that cannot be compiled (the message names the slot)."""


def compile_pattern(
    pattern: str,
    lexicons: Mapping[str, list[str]],
    norm: Callable[[str], str],
    variants: Callable[[str], Iterable[str]] | None = None,
) -> list[dict]:
    """Turn one mini-language pattern into a spaCy ``Matcher`` token pattern."""
    out: list[dict] = []
    slots = pattern.split()
    if not slots:
        raise PatternSyntaxError("empty pattern")
    for raw in slots:
        slot = raw
        op = None
        # "=?" and "=+" are the literal marks, also as the last alternative ("=.|=!|=?"): a trailing
        # "?" there is the question mark, not "optional" (which silently made the whole slot optional)
        if len(slot) > 1 and slot[-1] in "?+" and not (slot.startswith("=") and len(slot) == 2) \
                and not slot.endswith(("|=?", "|=+")):
            op, slot = slot[-1], slot[:-1]
        gap = _GAP.match(slot)
        if gap:
            n = int(gap.group(1))
            if op or n < 1 or n > 12:
                raise PatternSyntaxError(f"gap {raw!r}: use ~1 … ~12 without ? or +")
            out.append({"IS_SPACE": False, "ORTH": {"NOT_IN": STOP_PUNCT}, "OP": f"{{0,{n}}}"})
            continue
        tok: dict
        if slot == "*":
            tok = {"IS_SPACE": False, "ORTH": {"NOT_IN": STOP_PUNCT}}
        elif slot == "#":
            tok = {"LIKE_NUM": True}
        elif slot == "$":
            tok = {"IS_CURRENCY": True}
        elif slot.startswith("=") and all(w.startswith("=") for w in slot.split("|")):
            words = [w[1:].lower() for w in slot.split("|") if len(w) > 1]
            if not words:
                raise PatternSyntaxError(f"slot {raw!r} lists no word")
            tok = {"LOWER": {"IN": words}} if len(words) > 1 else {"LOWER": words[0]}
        else:
            negate = slot.startswith("!")
            body = slot[1:] if negate else slot
            words = _expand(body, raw, lexicons, norm, variants)
            if negate:
                # a word: not punctuation nor a symbol (checks.matcher.is_wordless)
                tok = {"NORM": {"NOT_IN": words}, "IS_PUNCT": False, "IS_SPACE": False,
                       "TEXT": {"REGEX": WORD_REGEX}}
            else:
                tok = {"NORM": {"IN": words}} if len(words) > 1 else {"NORM": words[0]}
        if op:
            tok["OP"] = op
        out.append(tok)
    if all(t.get("OP") in ("?", "{0,1}") or str(t.get("OP", "")).startswith("{0,") for t in out):
        raise PatternSyntaxError("every slot is optional, so the pattern would match nothing useful")
    return out


def _expand(body: str, raw: str, lexicons: Mapping[str, list[str]], norm: Callable[[str], str],
            variants: Callable[[str], Iterable[str]] | None = None) -> list[str]:
    words: list[str] = []
    for part in body.split("|"):
        if not part:
            raise PatternSyntaxError(f"slot {raw!r} has an empty alternative")
        if part.startswith("=") and len(part) > 1:  # mixed with lemma words: compare by norm
            part = part[1:]
        if part.startswith("@"):
            name = part[1:]
            if name not in lexicons:
                raise PatternSyntaxError(f"slot {raw!r} names unknown lexicon @{name}")
            words.extend(lexicons[name])
        else:
            words.append(part)
    # the lemma, and the word itself: "thoughts" → "thought", but the listed "thought" → "think"
    seen: dict[str, None] = {}
    for w in words:
        seen.setdefault(norm(w), None)
        seen.setdefault(w.lower(), None)
        # and the norms of its other number, which the lookup table may read as another
        # lemma of the same stem ("sellos" → sello, "sello" → sellar): checks.nlp.variant_norms
        for v in (variants(w) if variants is not None else ()):
            seen.setdefault(v, None)
    return list(seen)
