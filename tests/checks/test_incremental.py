"""Typing gives the findings a fresh check gives: what the checker remembers between checks
(paragraphs, lines, line matches) never changes a verdict."""
from __future__ import annotations

import pytest

from checks import load_rules
from checks.engine import clear_cache

#: what is typed into a line, per card language
TYPED = {"en": " free gift. ", "de": " Gutschein. ", "fr": " cadeau. ", "es": " regalo. ", "it": " regalo. ",
         "ja": "プレゼント。"}


def _card(lang: str) -> str:
    """A long card in ``lang``: the rule examples of that language, eight lines a paragraph."""
    rs = load_rules()
    lines = []
    for r in rs.rules:
        if lang in r.localized:
            exs = r.localized[lang].examples
        else:   # a frame rule's own examples are English
            exs = r.examples if r.lang == lang or (lang == "en" and r.frame) else ()
        lines += [" ".join(e.text.split()) for e in exs[:1]]
    lines = lines[:48]
    return "\n\n".join("\n".join(lines[i:i + 8]) for i in range(0, len(lines), 8))


@pytest.mark.parametrize("lang", sorted(TYPED))
def test_findings_while_typing_equal_a_fresh_check(checker, lang):
    card = _card(lang)
    assert card.count("\n") > 20
    pos = card.index("\n", len(card) // 2)            # the end of a line in the middle
    versions = [card]
    for ch in TYPED[lang]:                            # typed one character at a time
        card = card[:pos] + ch + card[pos:]
        pos += 1
        versions.append(card)
    versions.append(card[:pos] + "\n" + card[pos:])  # a line break typed there
    versions.append(card[: pos - 3] + card[pos:])    # three characters deleted
    clear_cache()
    typed = [checker.check(v) for v in versions]
    for v, found in zip(versions, typed):
        clear_cache()
        fresh = checker.check(v)
        assert found == fresh
    assert any(typed)


def test_a_regex_that_can_reach_across_a_line_break_reads_the_whole_paragraph():
    """Regexes are run line by line (and remembered per line) only when no match can touch a
    line break; a wording wrapped onto the next line ("leave a⏎review") is still found by
    the patterns that allow it."""
    import re

    from checks.engine import _line_local

    per_line = [r"\bgift", r"(?im)\bgifts?[ \t]*$", r"(?<!need to go )amazon", r"a.b", r"[a-z]+\d{2}", r"\bx\B",
                r"[^.!?\n]+", r"[^\s]+", r"[^\D]+", r"(?:^|(?<=[.!?\n]))(?![^.!?\n]*\bnot\b)[^.!?\n]*\?",
                r"(?:(?<=\n)|^)x", r"(?i)(?:^|(?<=[\s!]))(?:yes|ja)[?!:]"]
    whole = [r"leave\s+a\s+review", r"gifts?[ \t]*$", r"(?s)a.b", r"[^x]+", r"\W", r"(?:a|\n)", r"\Aa", r"x\Z",
             r"(?<=\s)x", r"x(?=[ \t]*\n)", r"[\x00-\x20]", r"\D", r"(?<=[.!?\n])x", r"(?:^|(?<=[.!?]))[^.]+",
             r"(?:^|(?<=[^.]))x", r"(?:\A|(?<=\n))x", r"(?:^|(?<=\n)|x)y", r"(?:^|(?<=[.\n]))x\s+y"]
    assert [p for p in per_line if not _line_local(re.compile(p))] == []
    assert [p for p in whole if _line_local(re.compile(p))] == []


def test_a_sentence_start_test_reads_the_same_line_by_line():
    """``(?:^|(?<=[.!?\n]))`` holds at each line's start of a paragraph (after the line break)
    as ``^`` does on the line alone, so a question opening any line ("Happy? …") is found
    line by line exactly where the whole paragraph finds it, and nowhere else."""
    import re

    from checks.engine import _line_local

    rx = re.compile(r"(?i)(?:^|(?<=[.!?\n]))(?![^.!?\n]*\b(?:not|problem)\b)[^.!?\n]{1,40}\?")
    assert _line_local(rx)
    para = "Happy with the lamp? Tell us!\nNot happy? Write to us.\nAll good?\nNo problem? fine.Really?"
    whole = [m.span() for m in rx.finditer(para)]
    per_line, pos = [], 0
    for line in para.split("\n"):
        per_line += [(a + pos, b + pos) for a, b in (m.span() for m in rx.finditer(line))]
        pos += len(line) + 1
    assert whole == per_line
    assert [para[a:b] for a, b in whole] == ["Happy with the lamp?", "All good?", "Really?"]


def test_a_remembered_rule_result_follows_an_edit_of_the_neighbouring_sentence(checker):
    """Rules that pair sentences (a review request, a gift in the next sentence) remember
    what fired per anchor sentence and its neighbours: editing only the neighbour, in another
    paragraph whose sentences are cached apart, changes the finding, and undoing the edit
    brings it back."""
    ask = "Please leave a review on Amazon."
    incentive = {"review-incentive"}

    def categories(text: str) -> set[str]:   # the rules' findings (the trained model reads sentences alone)
        return {str(f.category) for f in checker.check(text) if not checker.rule(f.rule).uses_model}

    clear_cache()
    assert incentive <= categories(f"{ask}\n\nThen claim your free gift!")
    assert not incentive & categories(f"{ask}\n\nThen enjoy your new lamp!")
    assert incentive <= categories(f"{ask}\n\nThen claim your free gift!")
    assert not incentive & categories(f"{ask}\n\nThank you.\n\nTo be honest.\n\nThen claim your free gift!")


@pytest.mark.parametrize("lang", ["ja", "de", "fr"])
def test_a_line_holds_the_literals_a_plain_scan_finds(checker, lang):
    """The packs' regexes have hundreds of required literals; a line's are found by one
    automaton pass. Whatever is typed, that finds exactly what testing every literal finds
    (overlapping ones, one inside another, at the line's ends), so no regex is skipped on a
    line where it could match."""
    from checks.engine import _engine_for

    card = _card(lang)
    checker.check(card)
    eng = _engine_for(checker.ruleset, lang)
    plain, _ = eng._literals
    assert len(plain) >= 400
    line = max(card.split("\n"), key=len)
    extra = {"ja": "レビューで500円分のギフト券", "de": " 5 Sterne gegen einen Gutschein", "fr": " 5 étoiles = un bon d'achat"}[lang]
    typed = [line[:k] for k in range(0, len(line) + 1, 3)] + [line + extra, "ｌｉｎｅ友だち追加", "a", ""]
    found_any = False
    for text in typed:
        low = text.lower()
        assert eng._line_literals_in(low, plain) == frozenset(lit for lit in plain if lit in low)
        found_any |= bool(eng._line_literals_in(low, plain))
    assert found_any
