"""Every rule's own examples hold (LanguageTool/proselint style): each marked example is found
at its span, each lookalike stays clean, and each suggested rewrite trips no error rule."""
from __future__ import annotations

import pytest

from checks import load_rules
from checks.findings import Severity

RULES = [r for r in load_rules().rules if r.active]


def _profile(rule) -> str:
    return rule.profiles[0] if rule.profiles else "amazon"


def _found(checker, rule, text):
    if rule.kind == "qr":
        return [f for f in checker.check_qr(text) if rule.id in f.extra.get("rules", [f.rule])]
    return [f for f in checker.check_raw(text) if f.rule == rule.id]


def test_every_rule_has_examples():
    """A rule without a matching example would be untested; the build refuses it."""
    missing = [r.id for r in RULES if not r.examples]
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
