"""The indexed matcher finds exactly what spaCy's Matcher finds with the same patterns."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from checks import load_rules
from checks.engine import _LangEngine

CORPUS = Path("/work/shared/compliance/dev_corpus.jsonl")


def _texts() -> list[str]:
    rs = load_rules()
    texts = [e.text for r in rs.rules for e in r.examples] + [t for r in rs.rules for t in r.lookalikes]
    if CORPUS.exists():
        texts += [json.loads(line)["text"] for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    return texts


def _hits(engine, text):
    feats = engine.features(text, ())
    return [(s.start, s.end, sorted((k, sorted((h.start, h.end, h.clause) for h in v)) for k, v in s.hits.items()))
            for s in feats.sentences]


def test_token_matcher_agrees_with_spacy_matcher():
    """Same concept hits from both backends on every example, lookalike and corpus text."""
    rs = load_rules()
    fast = _LangEngine(rs, "en", "token")
    ref = _LangEngine(rs, "en", "spacy")
    diffs = [t for t in _texts() if _hits(fast, t) != _hits(ref, t)]
    assert not diffs, f"{len(diffs)} texts differ, first: {diffs[0]!r}"


def test_matches_never_cross_a_line_break_and_lines_are_matched_once():
    """Typing in one line of a long text box matches that line again, not the whole box:
    no match runs across a line break (as before), and an unchanged line is answered from
    the matcher's memory with the same matches at its new position."""
    from checks.matcher import TokenFacts, TokenMatcher

    def toks(text: str) -> list[TokenFacts]:
        out = []
        for w in text.replace("\n", " \n ").split(" "):
            if w:
                out.append(TokenFacts(norm=w.lower(), lower=w.lower(), word=not w.isspace(),
                                      punct=False, num=False, cur=False))
        return out

    m = TokenMatcher()
    m.add("ask", [[{"NORM": "leave"}, {"NORM": "a"}, {"NORM": "review"}]])
    assert m.match_tokens(toks("please leave a\nreview today")) == []          # split by the line break
    one = m.match_tokens(toks("leave a review"))
    assert one == [("ask", 0, 3)]
    kept = len(m._runs)
    two = m.match_tokens(toks("thanks\nleave a review"))                       # the same line, moved down
    assert two == [("ask", 2, 5)] and len(m._runs) == kept + 1                  # only "thanks" was new
