"""German cards (Amazon.de / .at / .ch): whole cards a seller would print, checked with the
German pack. Rule-by-rule examples live in resources/rules/de/frames.yaml."""
from __future__ import annotations

import pytest

from checks.findings import Severity


def _errors(findings) -> set[str]:
    return {f.category.value for f in findings if f.severity is Severity.ERROR}


def _categories(findings) -> set[str]:
    return {f.category.value for f in findings if f.severity in (Severity.ERROR, Severity.WARNING)}


def test_review_for_voucher_card_is_caught(checker):
    """The product's biggest risk: '5 Sterne = 10 € Gutschein' must not pass on a German card."""
    text = ("Vielen Dank für Ihren Einkauf!\n\n"
            "Zufrieden? Dann freuen wir uns über Ihre 5-Sterne-Bewertung auf Amazon. "
            "Als Dankeschön erhalten Sie einen 10-€-Gutschein – senden Sie uns einfach den Screenshot "
            "an service@lumora.example.com.")
    fs = checker.check(text)
    assert not [f for f in fs if f.rule == "CW000"]
    assert {"review-incentive", "review-positive"} <= _errors(fs)
    assert {"data-collection", "offsite-contact"} <= _categories(fs)


def test_informal_du_card_is_caught(checker):
    """The du-form of the same scheme (imperative, 'gibt's', compounds) is found too."""
    text = ("Danke für deine Bestellung! Schreib eine Rezension und sichere dir einen Amazon-Gutschein. "
            "Du warst nicht zufrieden? Dann melde dich lieber zuerst bei uns, statt eine Bewertung zu schreiben.")
    assert {"review-incentive", "review-gating"} <= _errors(checker.check(text))


def test_gating_and_removal_card_is_caught(checker):
    """Happy buyers to reviews, unhappy ones to the seller, and a request to delete a review."""
    text = ("Sind Sie zufrieden? Dann freuen wir uns über Ihre Bewertung auf Amazon.\n"
            "Nicht zufrieden? Bitte kontaktieren Sie uns zuerst, bevor Sie eine Bewertung schreiben.\n\n"
            "Sie haben bereits eine negative Bewertung geschrieben? Sobald wir Ihr Problem gelöst haben, "
            "würden wir uns freuen, wenn Sie Ihre Bewertung löschen.")
    assert {"review-gating", "review-positive", "review-removal"} <= _errors(checker.check(text))


def test_diversion_and_signup_card_is_caught(checker):
    """Own web shop with a code, other marketplaces, warranty registration tied to an extension."""
    text = ("Bestellen Sie direkt in unserem Online-Shop und sparen Sie 15 % mit dem Code DANKE15.\n"
            "Sie finden uns auch bei eBay und Kaufland.\n\n"
            "Registrieren Sie Ihr Produkt innerhalb von 30 Tagen, um 3 Jahre Garantie zu erhalten.")
    fs = checker.check(text)
    assert {"offsite-diversion", "data-collection"} <= _errors(fs)


@pytest.mark.parametrize("text", [
    "Geld zurueck fuer Ihre Bewertung!",            # printed without umlauts
    "Bewertung schreiben und Ruckerstattung sichern",  # OCR dropped the dots
    "Bitte loschen Sie Ihre 1-Sterne-Bewertung.",
])
def test_cards_without_umlauts_are_still_checked(checker, text):
    """ASCII spellings of German words (ue/oe, or OCR without dots) still trip the rules."""
    assert _errors(checker.check(text, lang="de"))


CLEAN_CARDS = [
    # neutral review request and after-sales through Amazon
    "Vielen Dank für Ihre Bestellung!\n\nWir hoffen, Ihre neue Stehlampe bringt Ihnen viel Freude. "
    "Wenn Sie einen Moment Zeit haben, teilen Sie Ihre ehrliche Meinung gern in einer Rezension auf Amazon – "
    "ob positiv oder negativ.\n\nFragen oder Probleme? Schreiben Sie uns über die Amazon-Nachrichten "
    "(Meine Bestellungen > Verkäufer kontaktieren). Fehlt ein Teil, senden wir Ihnen das Ersatzteil kostenlos zu.",
    # warranty terms, care text with 'Geschenk' and 'Sterne', GPSR manufacturer block
    "GARANTIE\n24 Monate Herstellergarantie ab Lieferdatum – keine Registrierung nötig. Bitte bewahren Sie "
    "Ihre Amazon-Bestellbestätigung als Kaufbeleg auf.\n\nPflegehinweise: Handwäsche bei 30 °C. Das "
    "Sternenmuster ist farbecht. Ein tolles Geschenk für Teeliebhaber!\n\n"
    "Hersteller: Aldenhoff Haushaltswaren GmbH, Beispielweg 12, 50667 Köln, Deutschland",
    # unhappy buyers to Amazon returns, free to review
    "Nicht zufrieden? Sie können den Artikel innerhalb von 30 Tagen ganz einfach über Amazon zurücksenden. "
    "Und natürlich dürfen Sie jederzeit eine ehrliche Bewertung schreiben.",
    # du-form: "wenn du magst" means "if you like", not "if you like the product"
    "Schön, dass du dich für unseren Yogablock entschieden hast. Fragen? Schreib uns einfach über Amazon "
    "(Meine Bestellungen > Verkäufer kontaktieren).\n\nWenn du magst, erzähl anderen auf Amazon, wie dir "
    "der Block gefällt. Jede ehrliche Meinung hilft.",
    # the negation follows the noun: "Eine Registrierung ist nicht erforderlich"
    "Auf Ihr Gerät gewähren wir 3 Jahre Herstellergarantie ab Lieferdatum. Eine Registrierung ist nicht "
    "erforderlich – bewahren Sie einfach Ihre Rechnung auf. Im Garantiefall wenden Sie sich bitte über Ihr "
    "Amazon-Konto an uns.",
    # lemma traps: "anderen" lemmatises like "ändern", "sicher" like "sichern"
    "Helfen Sie anderen Kunden mit Ihrer ehrlichen Bewertung. Sie können den Artikel sicher und "
    "kostenlos über Amazon zurücksenden.",
    # 5-star hotel quality, unconditional bonus item, assembly steps
    "5-Sterne-Hotelgefühl für zu Hause! Als kleines Dankeschön liegt Ihrer Bestellung ein Ersatzfilter "
    "gratis bei – ohne Bedingungen.\nMontage: Folgen Sie den Schritten 1 bis 6 der Anleitung.",
]


@pytest.mark.parametrize("text", CLEAN_CARDS, ids=["review-and-help", "warranty-care-gpsr", "returns", "du-if-you-like", "no-registration", "lemma-traps", "hotel-bonus"])
def test_clean_after_sales_card_stays_clean(checker, text):
    """Typical compliant German cards get no error or warning from the wording rules."""
    fs = checker.check(text)
    assert not [f for f in fs if f.rule == "CW000"]
    assert not _errors(fs), [(f.rule, f.text) for f in fs if f.severity is Severity.ERROR]
    assert not _categories(fs) - {"external-link", "offsite-contact"}


@pytest.mark.parametrize("text", [
    "Vielen Dank fur Ihren Einkauf! Bei Fragen schreiben Sie uns uber Amazon.",   # no umlauts (ASCII print)
    "Danke fuer Ihre Bestellung und viel Spass damit",                             # ue/ss spelling (OCR, Swiss)
    "Bitte kontaktieren Sie uns zuerst",                                           # a short line
])
def test_german_is_recognised_on_short_and_ascii_lines(checker, text):
    """German without umlauts, or in a short line, is still detected as German."""
    assert checker.main_language([text]) == "de"


def test_german_line_on_an_english_card_is_checked_in_german(checker):
    """A German paragraph on an English card is checked with the German pack, not noted as unchecked."""
    text = ("Thank you for your order! We hope you enjoy it.\n\n"
            "Hinterlassen Sie eine Bewertung und erhalten Sie ein Geschenk!")
    fs = checker.check(text)
    assert not [f for f in fs if f.rule == "CW000"]
    inc = [f for f in fs if f.category.value == "review-incentive"]
    assert inc and inc[0].start >= text.index("Hinterlassen")


def test_german_finding_offers_the_german_rewrite(checker):
    """A finding on German text suggests the German rewrite from de/frames.yaml."""
    fs = checker.check("Geben Sie uns 5 Sterne auf Amazon!", lang="de")
    sug = [f.suggestion for f in fs if f.category.value == "review-positive"]
    assert sug and "ehrliche Bewertung" in sug[0]


def test_short_box_on_a_german_card_is_checked_as_german(checker):
    """A short text box checked alone inherits the card's German and gets the German rules."""
    boxes = ["Vielen Dank für Ihren Einkauf! Bei Fragen schreiben Sie uns über Amazon.", "5 Sterne = Gutschein!"]
    card = checker.main_language(boxes)
    assert card == "de"
    fs = checker.check(boxes[1], context_lang=card)
    assert not [f for f in fs if f.rule == "CW000"]
    assert "review-incentive" in _errors(fs)


def test_wrapped_line_starting_with_a_noun_continues_the_sentence(checker):
    """Artwork wraps German text before capitalised nouns ("Ihre ehrliche⏎Rezension"): the
    sentence still reads as one, so the voucher for a review is found."""
    text = "Für Ihre ehrliche\nRezension erhalten Sie einen\nGutschein."
    assert "review-incentive" in _errors(checker.check(text, lang="de"))
    # a heading line and a new sentence on the next line stay apart
    assert not _errors(checker.check("Vielen Dank für Ihren Einkauf\nBei Fragen schreiben Sie uns über Amazon.",
                                     lang="de"))


@pytest.mark.parametrize("text", [
    "Registrieren Sie sich nicht bei Drittanbietern: die Garantie gilt ab dem Kaufdatum.",
    "Melden Sie sich bitte nicht für einen Newsletter an, die Garantie läuft automatisch.",
    "Für die Garantie müssen Sie sich nicht registrieren oder anmelden.",
])
def test_negation_after_the_verb_is_not_a_signup(checker, text):
    """German puts 'nicht' after the verb ('registrieren Sie sich nicht'): no data-collection finding."""
    assert "data-collection" not in _categories(checker.check(text))


def test_signup_with_the_verb_first_is_still_caught(checker):
    """The same verb without the negation is a registration request."""
    fs = checker.check("Registrieren Sie sich jetzt und sichern Sie sich die Garantieverlängerung!")
    assert "data-collection" in _categories(fs)


def test_cheaper_than_on_amazon_is_not_an_amazon_channel(checker):
    """'günstiger als über Amazon' compares prices: ordering by phone stays off-Amazon diversion."""
    text = "Ersatzfilter bestellen Sie telefonisch direkt bei uns, günstiger als über Amazon: 030 23125 499"
    assert "offsite-diversion" in _errors(checker.check(text))


@pytest.mark.parametrize("text", [
    "Pro veröffentlichter Rezension spenden wir ein Buchpaket an eine Grundschule.",
    "Für jede Bewertung auf Amazon pflanzen wir einen Baum im Harz.",
])
def test_a_donation_per_review_is_a_reward(checker, text):
    """A good cause done per review is still something of value for the review."""
    assert "review-incentive" in _errors(checker.check(text))


def test_yes_no_rows_and_then_question_steer_to_positive_reviews(checker):
    """"Ja? Dann …" and a question about a good moment followed by a review request are
    positive steering; a question that names trouble or asks how-to is not."""
    flow = "Gemütlich gewesen?\nJa → Erzählen Sie es anderen Kunden auf Amazon.\nNein → Schreiben Sie uns zuerst eine Nachricht."
    assert {"review-positive", "review-gating"} <= _errors(checker.check(flow, lang="de"))
    moment = "Hat die Suppe allen geschmeckt? Dann freuen wir uns über ein paar Worte auf Amazon."
    assert "review-positive" in _errors(checker.check(moment, lang="de"))
    for clean in ("Fragen? Dann schreiben Sie uns über Amazon. Über eine ehrliche Bewertung freuen wir uns.",
                  "Wenn es nicht gut passt, melden Sie sich. Über eine Bewertung auf Amazon freuen wir uns."):
        assert not _errors(checker.check(clean, lang="de")), clean


def test_removal_as_outcome_and_account_creation(checker):
    deal = "Sobald Ihre 2-Sterne-Bewertung nicht mehr online ist, überweisen wir Ihnen 15 €."
    assert {"review-removal", "review-incentive"} <= _errors(checker.check(deal, lang="de"))
    signup = "Legen Sie sich ein Benutzerkonto in unserem Shop an und hinterlegen Sie Ihre Telefonnummer."
    assert "data-collection" in _categories(checker.check(signup, lang="de"))
    assert not _categories(checker.check("Erstellen Sie ein Konto in der App, um die Lampe per WLAN zu steuern.", lang="de"))


def test_chat_app_gating_and_praise_steering_card(checker):
    """Happy buyers to the stars, cold ones to a chat app where 'we sort it out before a review';
    the reviewer is asked to mention how quiet the product is."""
    card = ("NACHTWOLKE Schlafsack\nWarm geblieben? 😊 Dann ab zu Amazon und Sterne verteilen!\n"
            "Gefroren? 🥶 Schreiben Sie uns per Threema, dort klären wir alles vor einer Bewertung.\n"
            "Wenn Sie eine Rezension schreiben, erwähnen Sie gern, wie leicht er sich packen lässt.")
    fs = checker.check(card)
    assert {"review-gating", "review-positive"} <= _errors(fs)
    assert "offsite-contact" in _categories(fs)


def test_disguised_incentives_and_own_shop_only(checker):
    perks = ("Danke fürs Mitmachen!\nP.S. Für Rezensenten liegt beim nächsten Paket ein kleines Extra bei.\n"
             "Für eine Foto-Rezension erhalten Sie außerdem den Code FOTO15.")
    assert "review-incentive" in _errors(checker.check(perks))
    shop = ("Ersatzbürsten im Spar-Abo erhalten Sie nur in unserem Webshop: buerste.example/abo – "
            "15 % günstiger als bei Amazon.")
    assert "offsite-diversion" in _errors(checker.check(shop))
    community = "Werde Teil unserer Bastler-Community auf Discord! Dort gibt's Vorabinfos zu neuen Sets."
    assert {"offsite-contact", "data-collection", "marketing"} <= _categories(checker.check(community))


def test_honest_german_card_with_star_range_and_pet_tag_stays_clean(checker):
    card = ("Danke für Ihre Bestellung!\nSchenken Sie uns Ihr Vertrauen: Über eine ehrliche Bewertung auf Amazon "
            "freuen wir uns – egal ob 3, 4 oder 5 Sterne.\n"
            "Tragen Sie Name und Telefonnummer Ihres Hundes auf der Hundemarke ein.\n"
            "Bitte erwähnen Sie bei Rückfragen Ihre Bestellnummer, dann klären wir alles über die Amazon-Nachrichten.")
    assert not _categories(checker.check(card))


def test_a_bare_german_reward_card_is_read_as_german_and_flagged():
    """A card that is only "5 Sterne = 10 € Gutschein" has no function word; the word endings of
    its nouns (languages.yaml suffixes) make it German, so the reward is found, not skipped."""
    from checks import Checker

    checker = Checker(profile="amazon")
    for text in ("5 Sterne = 10 € Gutschein", "Bewertung = Geschenk", "5-Sterne-Bewertung → Gutschein"):
        assert checker.main_language([text]) == "de", text
        assert any(f.category.value == "review-incentive" for f in checker.check(text)), text
    assert checker.main_language(["Kitchen Gift Set"]) is None


def test_account_line_with_e_mail_is_read_as_german(checker):
    """'per E-Mail' gives Italian an 'e' and a 'per': a German sign-up line without other
    function words must still be checked with the German pack, not reported as unchecked."""
    text = ("Treuepreis für Stammkunden auf gewuerzhaus.example/club.\n"
            "Einmal Kundenkonto anlegen, Zugangscode kommt per E-Mail.")
    fs = checker.check(text)
    assert "data-collection" in _categories(fs)


def test_raising_the_stars_and_quality_steering_are_review_positive(checker):
    """Asking to raise a posted rating, or telling what to praise ('wie leise …'), steers the rating."""
    raise_card = ("Der Ersatzakku ist unterwegs. Wenn er hält, würden wir uns freuen, "
                  "wenn Sie Ihre Sterne danach entsprechend erhöhen.")
    steer_card = "Erzählen Sie anderen Käufern auf Amazon gern, wie kuschelig die Fleecedecke ist!"
    honest_card = ("Schreiben Sie auf Amazon ehrlich, wie Ihnen die Fleecedecke gefällt – "
                   "gut oder schlecht. Erhöhen Sie die Temperatur in 5-Grad-Schritten.")
    assert "review-positive" in _errors(checker.check(raise_card))
    assert "review-positive" in _errors(checker.check(steer_card))
    assert not _errors(checker.check(honest_card))


#: kinds of wording read from each tuned batch, in new words: (category, text) caught
_BATCH_KINDS = {
    "b41": [
    # goods held ready for those who already reviewed
    ("review-incentive", "Wer sein Urteil zum Akkuschrauber schon bei Amazon hinterlassen hat: "
                         "Für Sie liegt ein Paket Ersatzbits bereit."),
    ("review-incentive", "Allen, die uns auf Amazon schon bewertet haben, halten wir ein Gratis-Set Dichtungen bereit."),
    # an addendum proposed to the posted review
    ("review-removal", "Ihre Rezension erzählt noch vom alten Akku? Eine kleine Ergänzung zum neuen wäre prima."),
    ("review-removal", "Steht in Ihrer Bewertung immer noch der wackelige Griff? Ein kurzes Update dazu würde passen."),
    # an invented Amazon award with a field between
    ("marketplace-trademark", "Amazon Küchen-Auszeichnung 2026"),
    ("marketplace-trademark", "🏆 Amazon Garten-Favorit des Jahres"),
    ],
    "b42": [
    # an Amazon pick of the year, or Amazon behind a trophy
    ("marketplace-trademark", "Amazon Werkstatt-Wahl 2027 für unsere Hobelbank"),
    ("marketplace-trademark", "🥇 Amazon Küchentipp für Schnellkocher"),
    # contact first, then the review, as two steps
    ("review-gating", "Hakt etwas? Zuerst unseren Service anrufen, danach rezensieren: 089 1234 567"),
    ("review-gating", "Bevor du urteilst, melde dich vorab bei der Anna: anna@lampe.example"),
    # the product not to be punished in the review
    ("review-positive", "Bitte nicht gleich die Lampe mit den Sternen abstrafen, wenn der Versand hakt."),
    # a few lines on Amazon, the reward on its way once done
    ("review-incentive", "So geht's: drei Sätze bei Amazon geschrieben. Dann reist ein Probierset schon jetzt zu Ihnen."),
    ],
    "b46": [
    # whether the posted words still describe the product after an update
    ("review-removal", "Ob eure Zeilen bei Amazon den neuen Akku noch beschreiben, wisst nur ihr."),
    # the platform's fee saved by writing to the seller's own address, faster than Amazon's inbox
    ("offsite-diversion", "Schreib uns an hilfe@zelt.example, das geht flotter als übers Amazon-Postfach. "
                          "Ersatzheringe gibt's dort ohne Plattformgebühr."),
    # news of new products heard first
    ("marketing", "Newsletter-Leser hören außerdem als Erste, wenn neue Rucksäcke kommen."),
    ],
    "b50": [
    # the whole row of stars without a number
    ("review-positive", "Läuft alles rund? Dann zeig es allen bei Amazon mit der ganzen Sternchenleiste."),
    # "all five" after the stars
    ("review-positive", "Über Sterne bei Amazon freut sich unser Team, gern alle 5!"),
    # the posted review rewritten through a pronoun
    ("review-removal", "Ihre Bewertung erwähnt noch den alten Deckel. Möchten Sie sie vielleicht neu formulieren?"),
    ],
}


#: the nearest safe wording of each batch's kinds: no error
_BATCH_SAFE = {
    "b41": [
    # stars on a colouring sheet or in the sky are no rating
    "Male alle Sterne auf dem Bild blau aus!",
    "Zähle die Sterne am Abendhimmel – wie viele siehst du?",
    # the buyer holds the order number ready; spare parts in stock; Amazon's own size advice
    "Bitte halten Sie Ihre Bestellnummer bereit, wenn Sie uns über Amazon schreiben.",
    "Ersatzfilter liegen im Lager bereit – bestellen Sie sie einfach über Amazon.",
    "Ihre Ersatzfilter liegen bereit – und über eine ehrliche Bewertung auf Amazon freuen wir uns.",
    "Nutzen Sie die Amazon-Größenempfehlung auf der Produktseite.",
    # an update of the app or the manual, not of the review
    "Danke für Ihre Bewertung! Eine Aktualisierung der App steht bereit.",
    "Ein kurzer Nachtrag zur Anleitung: den Filter monatlich reinigen.",
    "Ihre Bewertung haben wir gelesen, danke! Ein kleines Update der Firmware behebt das Brummen.",
    ],
    "b42": [
    "Bei Amazon stehen 2026 neue Farben zur Auswahl.",
    "Erst zwei Wochen testen, dann bewerten: so wird Ihr Urteil fundiert.",
    "Wenn etwas nicht passt, dürfen Sie uns in der Bewertung ruhig kritisieren.",
    "Fehlt ein Teil? Dann geht das Ersatzteil noch heute zu Ihnen. Ihre ehrliche Bewertung bei Amazon freut uns.",
    "Ein paar Worte bei Amazon helfen anderen Käufern, ob gut oder schlecht.",
    ],
    "b46": [
    "Die Versandkosten entfallen bei Amazon Prime.",
    "Ihre ehrliche Bewertung bei Amazon hilft anderen Käufern.",
    "Ob die Klemme noch passt, prüfen Sie am besten vor jeder Fahrt.",
    ],
    "b50": [
    "Der Projektor wirft eine volle Sternenreihe an die Decke.",
    "Alle fünf Minuten blinkt die Anzeige, bis alle 5 Sterne im Display leuchten.",
    "Passt Ihr Gerät nicht in die Liste? Fragen Sie uns über Amazon.",
    "Ihre Bewertung hilft anderen Käufern. Die Helligkeit können Sie im Menü anpassen.",
    ],
}


@pytest.mark.parametrize("category, text", [c for b in _BATCH_KINDS for c in _BATCH_KINDS[b]],
                         ids=[f"{b}-{i}" for b in _BATCH_KINDS for i in range(len(_BATCH_KINDS[b]))])
def test_batch_kinds_are_caught(checker, category, text):
    assert category in _categories(checker.check(text, lang="de"))


@pytest.mark.parametrize("text", [t for b in _BATCH_SAFE for t in _BATCH_SAFE[b]],
                         ids=[f"{b}-{i}" for b in _BATCH_SAFE for i in range(len(_BATCH_SAFE[b]))])
def test_batch_nearest_safe_wording_stays_clean(checker, text):
    assert not _errors(checker.check(text, lang="de"))


@pytest.mark.parametrize("text", [
    "Eine Registrierung braucht es dafür nicht, die Rechnung genügt.",
    "Die Produktregistrierung entfällt, die Garantie gilt ab Kaufdatum.",
])
def test_b42_no_registration_needed_is_no_data_collection(checker, text):
    assert "data-collection" not in _categories(checker.check(text, lang="de"))




@pytest.mark.parametrize("text", [
    "Gewährleistung zwei Jahre: als Kaufnachweis genügt Ihr Amazon-Beleg.",
])
def test_b54_amazon_receipt_is_no_review_proof(checker, text):
    assert "data-collection" not in _categories(checker.check(text, lang="de"))


@pytest.mark.parametrize("text", [
    "✅ Amazon Prime ausgewählter Artikel – beste Qualität",
    "Amazon empfohlene Marke für Küchenhelfer",
])
def test_b54_amazon_picked_product_is_a_trademark_claim(checker, text):
    assert "marketplace-trademark" in _categories(checker.check(text, lang="de"))
