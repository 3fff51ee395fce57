"""A regex that may cross a line break runs piece by piece, cut after the sentence ends it
never consumes (checks/segments.py): what it finds is what it finds in the whole paragraph,
so typing in one sentence of a long paragraph (or of a one-box card) never changes a verdict."""
from __future__ import annotations

import re

import pytest

from checks import load_rules
from checks.engine import _engine_for, prepare
from checks.segments import piece_spans, pieces, stops_of


def _whole(rx: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in rx.finditer(text) if m.end() > m.start()]


def _by_pieces(rx: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    stops, context = stops_of(rx)
    return [(a + s0, b + s0) for s0, off, piece in pieces(text, stops, context) for a, b in piece_spans(rx, piece, off)]


def test_which_regexes_run_piece_by_piece():
    """The sentence ends a pattern can consume (or a look-ahead read) are not cuts; ``$`` and
    ``\\Z``, which tell a cut from the end of a text, keep it whole; the context is the longest
    look-behind plus the character ``\\b`` reads."""
    cases = {
        # [^.!?\n] takes the Japanese sentence ends: only the four it lists cut
        r"(?i)(?:^|(?<=[.!?\n])|(?<=[.!?] ))(?![^.!?\n]*\bnot\b)[^.!?\n]*?\bgift\b": (".!?\n", 3),
        r"leave\s+a\s+review": (".!?。！？", 1),            # \s takes the line break
        r"\d+(?:[.,]\d+)?\s*€": ("!?。！？", 1),             # a decimal point is consumed
        r"(?<!\bminimum\s)\b\d+\s*€": (".!?。！？", 9),
        r"gift(?=[^!.]*!)": (".", 1),                       # the look-ahead reads past the others
        r"(?m)^gift": (".!?\n。！？", 1),
        r"[^x]+": None, r"gift(?=[^!]*!)": None, r"(?m)^gift$": None, r"(?s)a.b": None, r"\W+": None, r"gift$": None, r"gift\Z": None,
        r"(?<=^a)b": None, r"(?<=a(?<=b))c": None, r"(?<=a(?=\.b))": None,
    }
    assert {p: stops_of(re.compile(p)) for p in cases} == cases


def _texts(lang: str) -> list[str]:
    """Paragraphs in ``lang``: every rule example of the language (matching and not), eight a
    paragraph, joined by line breaks, by spaces and run together ("…gift.Then"), so that the
    cuts fall at line starts, mid-line and inside words."""
    rs = load_rules()
    exs = []
    for r in rs.rules:
        if lang in r.localized:
            exs += [e.text for e in r.localized[lang].examples]
        elif r.lang == lang or (lang == "en" and r.lang == "*"):   # a frame rule's own examples are English
            exs += [e.text for e in r.examples]
    out = []
    for k, i in enumerate(range(0, min(len(exs), 480), 8)):
        group = exs[i:i + 8]
        out.append(("\n".join, " ".join, "".join, lambda g: " !? ...\n".join(g))[k % 4](group))
    return out


@pytest.mark.parametrize("lang", ["en", "de", "fr", "es", "it", "ja"])
def test_a_pack_regex_finds_piece_by_piece_what_it_finds_in_the_paragraph(checker, lang):
    checker.check("x", lang=lang)
    eng = _engine_for(checker.ruleset, lang)
    split = [rx for _label, rx, _reqs in eng.regexes if stops_of(rx) is not None]
    assert len(split) >= 0.6 * len(eng.regexes)        # most of a pack's regexes are cut
    texts = [prepare(t, eng.capitalised_nouns) for t in _texts(lang)]
    assert len(texts) >= 20
    found = 0
    for rx in split:
        for t in texts:
            whole = _whole(rx, t)
            assert _by_pieces(rx, t) == whole, (rx.pattern[:80], t[:80])
            found += len(whole)
    assert found > 50                                  # the comparison saw matches


def test_typing_in_one_box_card_gives_the_findings_of_a_fresh_check(checker):
    """A card typed into one text box is one paragraph of lines; each keystroke re-reads only
    the edited sentence's pieces, and every version's findings equal a fresh check's."""
    from checks.engine import clear_cache

    lines = ["Thank you for your order!", "Questions? Contact us through Amazon Buyer-Seller Messaging.",
             "Leave a 5-star review.", "Then email us your order number", "and we will send you a free gift.",
             "Visit our website for 20% off your next order."]
    card = "\n".join(lines)
    versions = [card]
    pos = card.index("free gift") - 1
    for ch in " and a bonus charger":
        card = card[:pos] + ch + card[pos:]
        pos += 1
        versions.append(card)
    versions.append(card.replace("Leave a 5-star review.", "Leave a review."))
    clear_cache()
    typed = [checker.check(v) for v in versions]
    for v, got in zip(versions, typed):
        clear_cache()
        assert got == checker.check(v)
    assert {str(f.category) for f in typed[-1]} >= {"review-incentive", "offsite-diversion"}
