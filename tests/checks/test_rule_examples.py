"""Every rule's own examples hold (LanguageTool/proselint style): each marked example is found
at its span, each lookalike stays clean, and each suggested rewrite trips no error rule."""
from __future__ import annotations

import pytest

from checks import load_rules
from checks.artwork import parse_shapes
from checks.findings import Severity

ALL_RULES = [r for r in load_rules().rules if r.active]
#: rules read from the trained second stage or emitted by the engine are tested in
#: test_second_stage.py (their examples need a model, or a broken one)
RULES = [r for r in ALL_RULES if not r.uses_model and r.kind != "notice"]


def _profile(rule) -> str:
    return rule.profiles[0] if rule.profiles else "amazon"


def _found(checker, rule, text):
    if rule.kind == "artwork":   # one shape per line; a finding is placed on its shape's line
        lines = {shape.id: (a, b) for shape, a, b in parse_shapes(text)}
        shapes = [shape for shape, _a, _b in parse_shapes(text)]
        return [f.with_(start=lines[f.element_id][0], end=lines[f.element_id][1])
                for f in checker.check_artwork(shapes) if f.rule == rule.id]
    if rule.kind == "qr":
        return [f for f in checker.check_qr(text) if rule.id in f.extra.get("rules", [f.rule])]
    return [f for f in checker.check_raw(text) if f.rule == rule.id]


def test_every_rule_has_examples():
    """A rule without a matching example would be untested; the build refuses it."""
    missing = [r.id for r in ALL_RULES if not r.examples]
    assert not missing, f"rules without 'match' examples: {missing}"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_match_examples_are_found_at_the_marked_span(rule, checkers):
    """Each 'match' example produces this rule, overlapping the [marked] span."""
    checker = checkers(_profile(rule), preview=True)
    for ex in rule.examples:
        a, b = ex.spans[0]
        hits = _found(checker, rule, ex.text)
        assert hits, f"{rule.id} ({rule.path}) misses its example: {ex.text!r}"
        assert any(f.start < b and a < f.end for f in hits), (
            f"{rule.id} finds {[h.text for h in hits]} but the example marks {ex.text[a:b]!r}")


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_lookalikes_stay_clean(rule, checkers):
    """Each 'ok' lookalike gives this rule no finding."""
    checker = checkers(_profile(rule), preview=True)
    for text in rule.lookalikes:
        hits = _found(checker, rule, text)
        assert not hits, f"False positive against {rule.id}: {text!r} -> {[h.text for h in hits]}"


@pytest.mark.parametrize("rule", [r for r in RULES if r.suggestion], ids=lambda r: r.id)
def test_suggestion_is_itself_compliant(rule, checkers):
    """A suggested rewrite must not trip any error rule under the rule's profile."""
    checker = checkers(_profile(rule), preview=True)
    errors = [f for f in checker.check(rule.suggestion) if f.severity is Severity.ERROR]
    assert not errors, f"{rule.id}'s suggestion {rule.suggestion!r} trips {[(f.rule, f.text) for f in errors]}"


# ---- frame rules in every card language ------------------------------------------------- #

LOCALIZED = [(r, lg, loc) for r in RULES if r.frame for lg, loc in sorted(r.localized.items())]


def _loc_id(case) -> str:
    r, lg, _ = case
    return f"{r.id}-{lg}"


def test_every_frame_rule_a_language_runs_has_its_examples_and_rewrite():
    """A frame rule that runs in a language (its pack defines the concepts) carries that
    language's own match example and, where the rule offers a rewrite, one in that language."""
    packs = load_rules().packs
    missing = []
    for r in RULES:
        if not r.frame or r.kind != "cooccur" and r.kind != "sequence":
            continue
        for lg in sorted(r.langs or ()):
            if lg == "en":
                continue
            loc = r.localized.get(lg)
            if loc is None or not loc.examples:
                missing.append(f"{r.id}/{lg}: no match example in {packs[lg].path}/frames.yaml")
            elif r.suggestion and not loc.suggestion:
                missing.append(f"{r.id}/{lg}: no suggestion in {packs[lg].path}/frames.yaml")
    assert not missing, "\n".join(missing)


@pytest.mark.parametrize("case", LOCALIZED, ids=_loc_id)
def test_localized_match_examples_are_found(case, checkers):
    """Each language's 'match' example produces the frame rule at its [marked] span."""
    rule, lg, loc = case
    checker = checkers(_profile(rule), preview=True)
    assert lg in (rule.langs or ()), f"{rule.id} has {lg} examples but does not run in {lg} (a concept is missing)"
    for ex in loc.examples:
        a, b = ex.spans[0]
        hits = [f for f in checker.check_raw(ex.text, lang=lg) if f.rule == rule.id]
        assert hits, f"{rule.id} ({loc.path}) misses its {lg} example: {ex.text!r}"
        assert any(f.start < b and a < f.end for f in hits), (
            f"{rule.id} finds {[h.text for h in hits]} but the {lg} example marks {ex.text[a:b]!r}")


@pytest.mark.parametrize("case", LOCALIZED, ids=_loc_id)
def test_localized_lookalikes_stay_clean(case, checkers):
    """Each language's 'ok' lookalike gives the frame rule no finding."""
    rule, lg, loc = case
    checker = checkers(_profile(rule), preview=True)
    for text in loc.lookalikes:
        hits = [f for f in checker.check_raw(text, lang=lg) if f.rule == rule.id]
        assert not hits, f"False positive against {rule.id} ({lg}): {text!r} -> {[h.text for h in hits]}"


@pytest.mark.parametrize("case", [c for c in LOCALIZED if c[2].suggestion], ids=_loc_id)
def test_localized_suggestion_is_itself_compliant(case, checkers):
    """A rewrite in the card's language trips no error rule in that language, and is what a
    finding in that language offers."""
    rule, lg, loc = case
    checker = checkers(_profile(rule), preview=True)
    errors = [f for f in checker.check(loc.suggestion, lang=lg) if f.severity is Severity.ERROR]
    assert not errors, f"{rule.id}'s {lg} suggestion {loc.suggestion!r} trips {[(f.rule, f.text) for f in errors]}"
    assert rule.suggestion_for(lg) == loc.suggestion
