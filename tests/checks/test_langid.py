"""Paragraph language detection: short lines inherit the card's language; only a confident
guess marks text as another (unchecked) language."""
from __future__ import annotations

import pytest

from checks.engine import split_paragraphs
from checks.langid import LanguageGuesser
from checks.rules import load_rules

SHORT_ENGLISH = ["Est. 2026", "Made with care", "Model No. X-200", "Thank you!", "Hi there",
                 "La Maison", "No. 5", "Le Chef Pro", "Art. 12", "Des Moines, IA"]


@pytest.fixture(scope="module")
def guesser():
    return LanguageGuesser(load_rules().languages)


@pytest.mark.parametrize("line", SHORT_ENGLISH)
def test_short_line_has_no_language_of_its_own(guesser, line):
    """A few words, numbers, names or abbreviations are too little to tell a language."""
    assert guesser.guess(line) in (None, "en")


@pytest.mark.parametrize("text,lang", [
    ("Vielen Dank für Ihren Einkauf! Bei Fragen schreiben Sie uns.", "de"),
    ("Merci pour votre achat, nous espérons que le produit vous plaira.", "fr"),
    ("Gracias por su compra, esperamos que le guste el producto.", "es"),
    ("Grazie per il tuo acquisto, speriamo che il prodotto ti piaccia.", "it"),
    ("Thank you for your order, we hope you enjoy it.", "en"),
    ("ご購入ありがとうございます。", "ja"),
])
def test_full_sentences_are_still_recognised(guesser, text, lang):
    """Real sentences in another language are detected (they get the not-checked notice)."""
    assert guesser.guess(text) == lang


@pytest.mark.parametrize("line,wrong", [
    # a German service line: "reklamation" ends like a French word (-tion), but it is the
    # local part of an e-mail address, and the "E" of "E-Mail" is not the Italian "e" (and)
    ("Reklamation? Schreiben Sie an reklamation@lichtwerk.example.de", "fr"),
    ("Per E-Mail an reklamation@lichtwerk.example.de oder www.lichtwerk-bestellung.example.de", "it"),
    # three English "no"s are not Spanish
    ("No account, no e-mail, no sign-up: updates run over Bluetooth straight from the app.", "es"),
])
def test_addresses_and_thin_evidence_do_not_name_another_language(guesser, line, wrong):
    """Words inside an e-mail or web address are names, not language, and English has
    more function words than "the" and "and". Such a line inherits the card's language instead
    of being checked with (or skipped as) another."""
    assert guesser.guess(line) != wrong


@pytest.mark.parametrize("text,lang", [
    ("Any question? Contact us via Amazon messaging.", "en"),
    ("Visit amazon.fr/avis pour laisser votre avis sur la machine", "fr"),
    ("La fodera si sfila e si lava in lavatrice; l'imbottitura no: basta arieggiarla.", "it"),
])
def test_lines_with_addresses_and_common_words_keep_their_language(guesser, text, lang):
    """An English line on a French card, a French line holding an Amazon address, an Italian
    care line: each is still told apart by its function words."""
    assert guesser.guess(text) == lang


@pytest.mark.parametrize("line", SHORT_ENGLISH)
def test_short_line_on_an_english_card_is_not_reported_as_foreign(checker, line):
    """On an English card, a short line in its own paragraph gets no 'not checked' notice."""
    text = f"Thank you for your order! We hope you enjoy your new lamp.\n\n{line}\n\nQuestions? Contact us through Amazon."
    assert [f.text for f in checker.check(text) if f.rule == "CW000"] == []


def test_short_line_inside_a_block_is_not_split_off(checker):
    """'Est. 2026' as the last line of an English block stays English, so the block is checked whole."""
    text = "Thank you for choosing Lumivox!\nHandmade lamps for calm evenings.\nEst. 2026"
    assert [f for f in checker.check(text) if f.rule == "CW000"] == []


def test_short_line_still_checked_as_part_of_the_card(checker):
    """A short line inheriting English is checked with the English rules (a gift in it is found)."""
    text = "Thank you for your order!\n\nReview = free gift"
    assert any(f.category.value == "review-incentive" for f in checker.check(text))


def test_a_confident_foreign_paragraph_still_gets_the_notice(checker):
    """A full Dutch paragraph (no pack) on an English card is still reported as not checked."""
    text = "Thank you for your order!\n\nHartelijk dank voor uw aankoop! Bij vragen kunt u ons een bericht sturen."
    notes = [f for f in checker.check(text) if f.rule == "CW000"]
    assert len(notes) == 1 and "Dutch" in notes[0].message


def test_box_checked_alone_takes_the_card_language(checker):
    """A short box on a Dutch card, checked alone with the card's language, is noted as Dutch, not English."""
    boxes = ["Hartelijk dank voor uw aankoop! Bij vragen kunt u ons een bericht sturen.", "Sinds 2026"]
    card = checker.main_language(boxes)
    assert card == "nl"
    notes = [f for f in checker.check(boxes[1], context_lang=card) if f.rule == "CW000"]
    assert notes and "Dutch" in notes[0].message
    assert not [f for f in checker.check("Est. 2026", context_lang="en") if f.rule == "CW000"]


@pytest.mark.parametrize("text, lang", [
    ("✔ Amazon-geprüfte Qualität", "de"),
    ("Nachfüllpacks gibt's günstiger direkt in unserem Onlineshop:", "de"),
    # "in" and "a" are Italian too: the line has no word only English writes, so it takes the
    # card's language (None); what matters is that é and è do not make it French
    ("Café Crème latte art kit in a box", None),
    ("Café Crème latte art kit in a box, made for the home barista", "en"),
    ("Müller Street 5, Leeds, in the UK", "en"),
])
def test_short_lines_are_told_by_spelling_when_function_words_are_few(text, lang):
    """A short German line with ü/ä/ß is German, not checked as English; one foreign letter in English is not enough
    to make a line foreign."""
    from checks import load_rules
    from checks.langid import LanguageGuesser

    assert LanguageGuesser(load_rules().languages).guess(text) == lang



@pytest.mark.parametrize("text,lang", [
    ("¿Todo bien? → Cuéntalo en Amazon\n¿Algo falla? → Escríbenos antes de opinar.", "es"),
    ("Taglia 42\nCinque stelle? Allora la prossima la paghi la metà!", "it"),
    ("GRÜNWERK Heckenschere – von Amazon empfohlen", "de"),
])
def test_short_cards_with_one_telling_spelling_get_their_language(guesser, text, lang):
    """A short card with one spelling only its language writes (¿, à, ü) and a few of its own
    function words is that language, not English by default."""
    assert guesser.guess(text) == lang


def test_two_scripts_in_equal_measure_go_to_the_one_written_first(guesser):
    """Scripts are counted once per distinct character; a tie still goes to the script the
    text starts in, and repeated characters count every time they occur."""
    assert guesser._guess("ΑΒΓ АБВ") == "el"
    assert guesser._guess("АБВ ΑΒΓ") == "ru"
    assert guesser._guess("ΑΑΑΑ АБВ") == "el"   # four Greek letters (one distinct) beat three
    assert guesser._guess("Α АААА") == "ru"


def test_shared_function_words_count_for_every_language_that_has_them(guesser):
    """"la", "de", "en" are function words of several languages: each counts for all of them,
    so the words only one language has decide ("playa" text with "el", "con": Spanish)."""
    assert guesser._guess("de la casa de la playa en la ciudad") == "es"
    assert guesser._guess("la casa e la mesa, con el perro e il gatto") == "it"


def test_a_and_in_are_italian_spanish_and_german_too(guesser):
    """"a" and "in" are function words of Italian (and "a" of Spanish, "in" of German) as much
    as of English: an Italian reward line with an English loanword and an address is Italian,
    so the Italian pack reads it (it was read as English and its reward missed)."""
    assert guesser._guess("📸 Foto a 5 stelle + screenshot a premi@marca.example = un tappetino in omaggio!") == "it"
    assert guesser._guess("Manda la captura a soporte@marca.example y recibe a cambio un regalo") == "es"
    assert guesser._guess("Thank you for shopping with us, we hope it works well in your home.") == "en"


def test_latin_letters_are_counted_beside_other_scripts(guesser):
    """Full-width brackets and umlauts among Latin words leave a German paragraph German; a
    Japanese line with a Latin brand name stays Japanese."""
    assert guesser._guess("Bitte beachten: die Lampe（LED）ist für den Innenbereich gedacht.") == "de"
    assert guesser._guess("Amazon.co.jpのレビューをお願いします") == "ja"


@pytest.mark.parametrize("line", ["Limited Edition Collection", "Customer Satisfaction Promotion",
                                  "Replacement Agreement Statement", "Aktion: Funktion und Position"])
def test_endings_english_and_german_share_do_not_make_a_line_french(guesser, line):
    """-tion and -ement are French endings only beside a French accent: an English heading
    read as French was checked with the French rules and skipped by the English ones."""
    assert guesser.guess(line) != "fr"


def test_a_french_accent_lets_the_shared_ending_count(checker):
    """"Protection anti-rayures · édition limitée" is still French (its card is checked as French)."""
    assert checker.main_language(["MAISON LUMA\nProtection anti-rayures · édition limitée"]) == "fr"


def test_a_card_of_short_lines_is_read_as_one_piece(checker):
    """No line of this German card tells its language alone (headings, arrows, nouns); read
    together they do, so the German rules find the reward for a 5-star review instead of
    the English rules finding nothing."""
    card = ("SPRUDELWERK Wasserfilter 3-stufig\n\n🎁 AKTION 🎁\n5-Sterne-Bewertung schreiben\n"
            "→ Screenshot per Amazon-Nachricht an uns → Filterkartusche GRATIS\n\n"
            "Kartusche alle 3 Monate tauschen.")
    assert checker.main_language([card]) == "de"
    assert {lg for _, _, lg in checker._units(card, split_paragraphs(card), "auto")} == {"de"}
    assert "review-incentive" in {str(f.category) for f in checker.check(card)}


def test_the_one_telling_line_of_a_bilingual_paragraph_gets_its_language(checker):
    """Alternating IT/EN lines where only one Italian line is long enough to tell: that line
    is read by the Italian rules (it was read as English with the rest of the paragraph)."""
    text = ("IT · LUMETTO · Lampada da scrivania\nEN · LUMETTO · Desk lamp\n"
            "IT · Luce perfetta per leggere? Allora regalaci le tue cinque stelle.\n"
            "EN · Perfect light for reading? Then give us your five stars.\n"
            "IT · Potenza 5 W · Funzione timer\nEN · 5 W power · Timer function")
    units = checker._units(text, split_paragraphs(text), "auto")
    italian = [text[a:b] for a, b, lg in units if lg == "it"]
    assert italian and "regalaci le tue cinque stelle" in italian[0]
