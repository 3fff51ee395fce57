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
