"""Italian cards (Amazon.it): whole cards a seller would print, checked with the Italian pack."""
from __future__ import annotations

from checks.findings import Severity

VIOLATING_CARD = """GRAZIE PER IL TUO ACQUISTO!

Sei soddisfatto della tua nuova lampada? Lasciaci 5 stelle su Amazon!
Qualcosa non va? Scrivici prima di lasciare una recensione: risolviamo tutto in 24 ore.

Dopo la recensione inviaci lo screenshot a regali@lumetta.example.com e riceverai un buono Amazon da 10 €."""

CLEAN_CARD = """Grazie per aver scelto Lumetta!

Ogni lampada viene montata e controllata a mano nel nostro laboratorio di Firenze. Prima del primo utilizzo rimuovi la pellicola protettiva e leggi le avvertenze di sicurezza.

Garanzia: 24 mesi dalla data di consegna, senza registrazione. Conserva la conferma d'ordine Amazon come prova d'acquisto.

Domande o problemi? Contattaci tramite la messaggistica di Amazon (I miei ordini > Contatta il venditore): ti rispondiamo entro 24 ore e, se manca un pezzo, ti spediamo il ricambio gratuitamente.

Se hai un momento, ci farebbe piacere leggere la tua recensione sincera su Amazon, positiva o negativa che sia.

Fabbricante: Lumetta S.r.l., Via Roma 1, 50100 Firenze, Italia, info@lumetta.example.com"""


def _cats(findings, *severities):
    sev = severities or (Severity.ERROR, Severity.WARNING)
    return {f.category.value for f in findings if f.severity in sev}


def test_typical_violating_card_gets_every_category(checker):
    """Five stars for happy buyers, write-before-review for the others, a voucher for a
    screenshot: the seller sees each problem, and the card is read as Italian."""
    fs = checker.check(VIOLATING_CARD)
    assert not [f for f in fs if f.rule == "CW000"]
    assert _cats(fs, Severity.ERROR) >= {"review-positive", "review-gating", "review-incentive"}
    assert {"data-collection", "offsite-contact"} <= _cats(fs)


def test_clean_after_sales_card_stays_clean(checker):
    """Care text, warranty terms, after-sales via Amazon messaging, a neutral review request and
    an EU manufacturer block: nothing above an info note."""
    fs = checker.check(CLEAN_CARD)
    # the manufacturer e-mail is the one warning (like every e-mail, with its legal context); no error
    assert [f.rule for f in fs if f.severity is not Severity.INFO] == ["CW506"]
    assert not [f for f in fs if f.severity is Severity.ERROR]


def test_polite_lei_form_and_enclitic_imperatives(checker):
    """The Lei form ("Ci lasci …", "Le invieremo …") and verbs with attached pronouns
    ("dacci", "contattaci") are recognised like the tu form."""
    assert "review-incentive" in _cats(checker.check(
        "Ci lasci una recensione su Amazon: Le invieremo un omaggio.", lang="it"))
    assert "review-positive" in _cats(checker.check("Dacci 5 stelle su Amazon!", lang="it"))
    assert "review-gating" in _cats(checker.check("Non sei soddisfatto? Contattaci prima di recensire.", lang="it"))


def test_lookalike_words_stay_clean(checker):
    """'regalo', 'gratuito', 'stelle', 'buono' and 'se ti fa piacere' in their everyday sense are
    neither offers, nor rating requests, nor cross-selling."""
    for text in ("Un'idea regalo perfetta per la Festa del Papà: scatola regalo inclusa.",
                 "Spedizione gratuita e reso gratuito entro 30 giorni.",
                 "Il comfort di un hotel a 5 stelle a casa tua.",
                 "Buono a sapersi: il filtro va sostituito ogni 3 mesi.",
                 "Non è un prodotto ufficiale Amazon.",
                 "Goditi il tuo nuovo prodotto!",
                 "Tutte le stelle si illuminano al buio!",
                 "Se ti fa piacere, raccontaci la tua esperienza con una recensione sincera su Amazon.",
                 "Scarica l'app gratuita, crea il tuo account e associa il robot alla rete Wi-Fi."):
        assert _cats(checker.check(text, lang="it")) == set(), text


def test_finding_on_italian_text_offers_the_italian_rewrite(checker):
    """The rewrite shown for an Italian paragraph is in Italian and itself clean."""
    fs = [f for f in checker.check("Lascia una recensione positiva e ricevi un regalo!") if f.severity is Severity.ERROR]
    assert fs and all("Amazon" in f.suggestion and "recensione" in f.suggestion for f in fs)
    assert not [f for f in checker.check(fs[0].suggestion) if f.severity is Severity.ERROR]


def test_italian_detected_on_short_ascii_and_mixed_text(checker):
    """A short Italian line printed without accents (OCR, ASCII-only print files) is still
    Italian; an Italian paragraph on an English card is checked, not reported as unchecked."""
    assert checker.main_language(["Perche e gia pronto e piu facile da usare"]) == "it"
    card = "Thank you for your order!\n\nLascia una recensione e ricevi un regalo!"
    fs = checker.check(card)
    assert not [f for f in fs if f.rule == "CW000"]
    assert any(f.category.value == "review-incentive" and f.start > card.index("Lascia") - 1 for f in fs)
    # a short line on an Italian card takes the card's language
    boxes = ["Grazie per il tuo acquisto! Speriamo che il prodotto ti piaccia.", "Dal 1998"]
    assert checker.main_language(boxes) == "it"
    assert not [f for f in checker.check(boxes[1], context_lang="it") if f.rule == "CW000"]


def test_negation_and_clause_words(checker):
    """'Non offriamo regali in cambio di recensioni' is a promise, not an offer; 'ma' opens a
    new clause, so the negation does not cancel the offer after it."""
    assert "review-incentive" not in _cats(checker.check(
        "Non offriamo regali in cambio di recensioni: la tua opinione sincera ci basta.", lang="it"))
    assert "review-incentive" in _cats(checker.check(
        "Non è obbligatorio, ma lascia una recensione e ricevi un buono da 5 €.", lang="it"))


def _it_categories(checker, text, lang="auto", errors_only=False):
    sev = (Severity.ERROR,) if errors_only else (Severity.ERROR, Severity.WARNING)
    return {f.category.value for f in checker.check(text, lang=lang) if f.severity in sev}


def test_yes_no_rows_and_removal_as_outcome(checker):
    """A "Sì → / No →" flow is positive steering and gating; a voucher paid once the rating is
    no longer visible is removal for a reward, though no removal verb is written."""
    flow = ("Il caffè vi piace?\nSì → dedicateci un minuto con una recensione su Amazon\n"
            "No → chiamateci prima al nostro servizio clienti")
    assert {"review-positive", "review-gating"} <= _it_categories(checker, flow, "it", errors_only=True)
    deal = "Vi mandiamo un buono da 10 € appena la valutazione da due stelle non è più visibile."
    assert {"review-removal", "review-incentive"} <= _it_categories(checker, deal, "it", errors_only=True)


def test_short_badge_card_is_read_as_italian(checker):
    """A title and a badge line with one function word: the -abile ending makes it Italian."""
    card = "LAMPO Lampada da tavolo\nConsigliata da Amazon · Paralume lavabile"
    assert checker.main_language([card]) == "it"
    assert "marketplace-trademark" in _it_categories(checker, card)


def test_good_adjective_is_no_voucher(checker):
    """"una buona crema" is not "un buono", and a how-to question is no happy question."""
    text = "Come ottenere una buona crema? Leggete il manuale. Una recensione sincera su Amazon ci aiuta."
    assert not _it_categories(checker, text, "it", errors_only=True)


def test_giving_the_review_another_pass_is_removal(checker):
    """The reader's review named first, then "ti va di / potresti darle una ripassata / un'occhiata"
    asks to go over it again; the same offer about the manual is clean."""
    ask = "Se la tua valutazione parlava del coperchio che perdeva, potresti darle una sistemata adesso?"
    assert "review-removal" in _it_categories(checker, ask, "it", errors_only=True)
    ok = "Il manuale nuovo è nella scatola: ti va di dargli un'occhiata prima del primo uso?"
    assert "review-removal" not in _it_categories(checker, ok, "it", errors_only=True)
