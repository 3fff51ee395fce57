"""The rule-pack pattern language: slots whose meaning a rule author relies on."""
from __future__ import annotations

from checks.patterns import compile_pattern


def _compile(pattern: str) -> list[dict]:
    return compile_pattern(pattern, {}, str.lower)


def test_question_mark_as_the_last_literal_alternative_is_the_mark_not_optional():
    """'=.|=!|=?' lists three marks; before the fix the trailing '?' made the whole slot optional,
    so '100 points' followed by anything matched (a sewing card's 'un point glissé' read as loyalty
    points)."""
    *_, last = _compile("# point =.|=!|=?")
    assert last == {"LOWER": {"IN": [".", "!", "?"]}}
    assert "OP" not in last


def test_a_word_followed_by_a_question_mark_is_still_optional():
    """'us?' keeps meaning 'us, or nothing'."""
    first, last = _compile("tell us?")
    assert last.get("OP") == "?" and first.get("OP") is None


def test_a_lone_question_mark_slot_is_the_mark():
    """'=?' alone is the question mark (unchanged)."""
    (tok,) = _compile("=?")[-1:]
    assert tok == {"LOWER": "?"}
