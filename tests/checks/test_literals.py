"""Regex prefilters (checks.literals): a regex is skipped only where it cannot match."""
from __future__ import annotations

import re

import pytest

from checks.engine import _engine_for
from checks.literals import foldable, literal_requirements, required_literals
from checks.rules import load_rules


@pytest.mark.parametrize("pattern, expected", [
    (r"(?:bewertung|rezension)(?:en)?\b", ("bewertung", "rezension")),
    (r"\b(?:gratis|bonus)-?geschenk\w*", ("geschenk",)),
    (r"f(?:ü|ue?)nf\s+sterne", ("sterne",)),
    (r"(?:ab)+c", ("ab",)),
    (r"\d{3,}", None),                       # nothing literal: always runs
    (r"(?:a|\d)x", ("x",)),                   # one branch without a literal: the rest counts
    (r"(?:abc|\d)", None),
    (r"(?:xyz)?\d", None),                   # optional parts are not required
])
def test_required_literals(pattern, expected):
    assert required_literals(re.compile(pattern, re.IGNORECASE)) == expected


@pytest.mark.parametrize("pattern, expected", [
    # a question, then "then"/"so": the question mark is looked for too
    (r"(?:^|(?<=[.!?]))[^?]{2,90}\?\s*(?:then|so)\b", (("so", "then"), ("?",))),
    (r"(?:[★⭐]\ufe0f?\s?){3,}", (("★", "⭐"),)),      # a set of a few characters
    (r"[a-z]{3}\d", None),                             # too many characters to look for
    (r"(?:gift|bonus) card\b.*amazon", (("amazon",), (" card",), ("bonus", "gift"))),
    (r"(?:gift|bonus)(?: card)?", (("bonus", "gift"),)),
    (r"\bgift\b(?:gift|bonus)", (("gift",),)),           # {gift, bonus} is implied by {gift}
])
def test_literal_requirements(pattern, expected):
    assert literal_requirements(re.compile(pattern, re.IGNORECASE)) == expected


def test_a_paragraph_missing_one_requirement_is_not_searched(checker):
    """The English pack's "Happy? Then leave a review" regex needs a question mark: the typing
    path skips it on a paragraph without one, and finds it once the question mark is typed."""
    eng = _engine_for(checker.ruleset, "en")
    reqs = {label: r for label, _rx, r in eng.regexes}
    assert any(("?",) in (r or ()) for r in reqs.values())
    text = "Is the light warm and bright? Then leave a review on Amazon!"
    found = {f.rule for f in checker.check(text)}
    missing = {f.rule for f in checker.check(text.replace("?", ","))}
    assert found - missing


def test_text_with_special_case_folds_runs_every_regex():
    """re matches 'ſ' (long s) and 'ı' (dotless i) to s and i: lower() would not see that."""
    assert re.search("service", "ſervıce", re.IGNORECASE)
    assert not foldable("ſervıce") and foldable("Straße Ärger") and foldable("星5レビュー")


def test_every_pack_regex_match_holds_one_of_its_literals():
    """Over every rule example of every language: wherever a regex matches, the paragraph
    holds one string of each of its requirements (the prefilter never hides a match)."""
    rs = load_rules()
    checked = 0
    for lang in rs.packs:
        eng = _engine_for(rs, lang)
        texts = [e.text for r in rs.rules for e in r.examples] + [t for r in rs.rules for t in r.lookalikes]
        texts += [e.text for r in rs.rules for loc in r.localized.values() for e in loc.examples]
        for label, rx, reqs in eng.regexes:
            if reqs is None:
                continue
            for t in texts:
                if rx.search(t):
                    checked += 1
                    for lits in reqs:
                        assert not foldable(t) or any(lit in t.lower() for lit in lits), (label, rx.pattern, t, lits)
    assert checked > 1000


def test_the_regexes_found_through_their_literals_are_those_a_walk_over_every_regex_finds():
    """A paragraph's regexes are found through the literals it holds (an index of each
    regex's first requirement), not by testing every regex of the pack: over every rule
    example of every language, the same regexes as testing each one, in pack order, for each
    way a regex runs (line by line, piece by piece at each cut, on the whole paragraph)."""
    from checks.engine import _LINE, _lacks

    rs = load_rules()
    compared = 0
    for lang in rs.packs:
        eng = _engine_for(rs, lang)
        parts = eng._parts()
        assert len(set(parts)) >= 4          # line, whole and a few cuts
        texts = [e.text for r in rs.rules for e in r.examples]
        texts += [e.text for r in rs.rules for loc in r.localized.values() for e in loc.examples]
        for t in texts:
            low = t.lower()
            present = eng._literals_in(low)
            walks = {}
            for part in sorted(set(parts)):
                walk = [i for i, (_l, _rx, reqs) in enumerate(eng.regexes) if parts[i] == part
                        and (reqs is None or not _lacks(present, reqs))]
                assert eng._runnable(present, part) == walk, (lang, part, t)
                walks[part] = walk
                compared += bool(walk)
            assert eng._runnable_parts(present) == {p: w for p, w in walks.items() if w and p != _LINE}, (lang, t)
    assert compared > 1000
