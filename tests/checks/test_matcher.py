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


def _facts(text: str, stop: frozenset[str] = frozenset({".", ",", "?", "!"})):
    from checks.matcher import TokenFacts

    out = []
    for w in text.replace("\n", " \n ").split(" "):
        if w:
            out.append(TokenFacts(norm=w.lower(), lower=w.lower(), word=not w.isspace() and w not in stop,
                                  punct=w in stop, num=w.isdigit(), cur=False))
    return out


def test_a_line_is_matched_in_pieces_cut_at_tokens_no_slot_takes():
    """Punctuation that gaps skip cuts a line into pieces matched (and remembered) on their
    own: the same matches as the whole line at once, and typing at the end of the line
    matches only its last piece again. A pattern that names the punctuation still matches
    across it: the pieces are cut at tokens no slot of *any* pattern takes."""
    from checks.matcher import TokenMatcher

    m = TokenMatcher()
    m.add("ask", [[{"NORM": "leave"}, {"IS_SPACE": False, "ORTH": {"NOT_IN": ["."]}, "OP": "{0,3}"},
                   {"NORM": "review"}]])
    m.add("gift", [[{"NORM": "free"}, {"NORM": "gift"}]])
    line = _facts("please leave a review . thanks , a free gift . leave it . review")
    whole = m._match(tuple(line))
    assert m.match_tokens(line) == whole == [("ask", 1, 4), ("gift", 8, 10)]
    m.forget()
    m.match_tokens(line)
    kept = len(m._runs)
    typed = _facts("please leave a review . thanks , a free gift . leave it . review today")
    assert m.match_tokens(typed) == whole and len(m._runs) == kept + 1   # only "review today" was new

    m.add("comma", [[{"NORM": "thanks"}, {"NORM": ","}, {"NORM": "a"}]])
    assert ("comma", 5, 8) in m.match_tokens(line)


def test_a_line_is_cut_after_punctuation_only_where_no_pattern_lets_the_next_token_follow():
    """A pattern that ends on punctuation ('gift' then '!' or '.', repeated) cuts the line
    after it when the next token is a word; one that goes on after the punctuation ('5 . 0
    stars') keeps the tokens around it in one piece, so it still matches."""
    from checks.matcher import TokenMatcher

    m = TokenMatcher()
    m.add("gift", [[{"NORM": "gift"}, {"LOWER": {"IN": ["!", "."]}, "OP": "+"}]])
    m.add("rating", [[{"NORM": "five"}, {"NORM": "."}, {"NORM": "zero"}, {"NORM": "stars"}]])
    line = _facts("a gift . ! thanks . five . zero stars . bye")
    whole = m._match(tuple(line))
    assert whole == [("gift", 1, 4), ("rating", 6, 10)]
    m.forget()
    assert m.match_tokens(line) == whole
    # cut after "!" (no slot takes "thanks" after it), after "thanks ." and after "stars .":
    # "five . zero stars ." stays one piece, "." may be followed by "zero" there
    assert set(m._runs) == {tuple(line[0:4]), tuple(line[4:6]), tuple(line[6:11]), tuple(line[11:])}


def _by_whitespace(m, toks):
    """Matches of each run between whitespace tokens, each run matched whole."""
    out, start = [], 0
    for i in range(len(toks) + 1):
        if i < len(toks) and not toks[i].lower.isspace():
            continue
        if i > start:
            out += [(label, a + start, b + start) for label, a, b in m._match(tuple(toks[start:i]))]
        start = i + 1
    return sorted(out, key=lambda x: (x[1], x[2], x[0]))


@pytest.mark.parametrize("lang", ["en", "de", "ja"])
def test_matching_in_pieces_equals_matching_whole_lines(lang):
    """Every example, lookalike and corpus text through a pack's matcher: the matches found
    piece by piece are those of each line matched whole."""
    rs = load_rules()
    eng = _LangEngine(rs, lang, "token")
    m = eng.matcher
    seen = []
    original = m.match_tokens
    m.match_tokens = lambda toks: seen.append(list(toks)) or original(toks)
    for text in _texts():
        eng.features(text, ())
    m.match_tokens = original
    pieces = 0
    for toks in seen:
        m.forget()
        assert m.match_tokens(toks) == _by_whitespace(m, toks)
        pieces += len(m._runs)
    assert len(seen) > 300 and pieces > len(seen)
