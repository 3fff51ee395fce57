"""Lines written in two languages ("English / French" on one line, as Amazon.ca, Amazon.com
English/Spanish and Swiss cards print them): what a seller notices is that a violation in
either half is found, with the highlight on that half, by that language's rules, instead of
the half in the other language being read by the wrong language's rules (and missed); and
that ordinary slashes ("and/or", "EU / UK plug", "24/7") do not change how a line is read."""
from __future__ import annotations

from checks.engine import split_paragraphs
from checks.findings import Severity

EN = "Loved it? Leave us 5 stars on Amazon!"
FR = "Vous avez adoré ? Laissez-nous 5 étoiles sur Amazon !"


def test_each_half_of_a_bilingual_line_is_read_in_its_language(checker):
    text = f"{EN} / {FR}"
    units = checker._units(text, split_paragraphs(text), "auto")
    assert units == [(0, len(EN), "en"), (len(EN) + 3, len(text), "fr")]
    found = [f for f in checker.check(text) if f.severity is Severity.ERROR]
    # the English request starts in the English half, the French one in the French half
    assert any(f.start < len(EN) for f in found)
    assert any(f.start >= len(EN) + 3 for f in found)


def test_french_first_then_english_on_the_next_line(checker):
    text = f"{FR} | {EN}\nMerci pour votre achat et bonne journée. / Thank you for your purchase and have a nice day."
    langs = [lg for _, _, lg in checker._units(text, split_paragraphs(text), "auto")]
    assert langs == ["fr", "en", "fr", "en"]


def test_ordinary_slashes_leave_the_line_whole(checker):
    for text in ("Comes with an EU / UK plug and/or a USB-C cable; support 24/7, use 1/2 cup of water.",
                 "Wipe with a damp cloth / do not put it in the dishwasher or in water.",
                 "Visit https://example.com/help on 12 / 05 / 2026 for the manual."):
        assert checker._units(text, split_paragraphs(text), "auto") == [(0, len(text), "en")]
