"""French cards (Amazon.fr / .be / .ca): what a seller printing a French insert would notice.

The per-rule examples live in resources/rules/fr/frames.yaml (test_rule_examples.py runs
them); these tests check whole cards, language detection and the French tokenisation."""
from __future__ import annotations

import pytest

from checks.findings import Severity
from checks.langid import LanguageGuesser
from checks.nlp import get_pipeline
from checks.rules import load_rules


def _categories(findings, *, errors_only: bool = False) -> set[str]:
    return {f.category.value for f in findings
            if not errors_only or f.severity is Severity.ERROR}


VIOLATING_CARD = """MERCI POUR VOTRE COMMANDE !
Vous êtes satisfait ? Laissez-nous un avis 5 étoiles sur Amazon et recevez un bon d'achat de 10 € !
Envoyez-nous la capture d'écran de votre commentaire à cadeau@velora.example.com.
Un souci ? Contactez-nous d'abord, avant de laisser une évaluation.
Suivez-nous sur Instagram et profitez de -15 % sur notre boutique en ligne avec le code MERCI15."""


def test_typical_gift_for_five_stars_card_gets_every_category(checker):
    """The classic Amazon.fr insert: 5 stars for a voucher, a screenshot by e-mail, gating,
    a follow-us line and a code for the own shop."""
    fs = checker.check(VIOLATING_CARD)
    cats = _categories(fs)
    assert {"review-incentive", "review-positive", "review-gating", "data-collection",
            "offsite-contact", "marketing", "offsite-diversion"} <= cats
    assert not [f for f in fs if f.rule == "CW000"], "French is checked, not 'not checked'"


CLEAN_CARD = """Merci pour votre achat !
Nous espérons que votre nouvelle bouilloire vous plaira. Si vous avez un moment, votre avis sincère sur Amazon aide les autres clients, qu'il soit positif ou négatif.
Une question ou un problème ? Contactez-nous via la messagerie Amazon (Vos commandes > Contacter le vendeur) : nous vous répondons sous 24 h.
Garantie : 2 ans contre tout défaut de fabrication à compter de la date de livraison. Conservez votre confirmation de commande Amazon comme preuve d'achat.
Nous n'offrons pas de cadeau en échange d'un avis.
Une idée cadeau parfaite : le coffret cadeau est réutilisable.
Fabricant : Velora SAS, 8 rue de l'Exemple, 69002 Lyon, France"""


def test_typical_after_sales_card_stays_clean(checker):
    """Neutral review request, Amazon messaging, warranty, 'cadeau' in a product sense, a
    negated gift and a GPSR manufacturer block: no error and no warning."""
    fs = checker.check(CLEAN_CARD)
    assert [(f.rule, f.text) for f in fs if f.severity in (Severity.ERROR, Severity.WARNING)] == []


@pytest.mark.parametrize("text", [
    "Nous n'offrons pas de cadeau en échange d'un avis.",
    "Nous ne proposons aucune récompense pour un commentaire : votre avis sincère suffit.",
    "N'hésitez pas à laisser un avis sincère sur Amazon.",
])
def test_negated_or_neutral_review_lines_are_clean(checker, text):
    """'ne … pas' and 'aucun' negate the gift; 'n'hésitez pas' is no negation and no offer."""
    assert _categories(checker.check(text), errors_only=True) == set()


def test_negation_does_not_swallow_a_real_offer(checker):
    """'N'hésitez pas' before an offer does not negate it."""
    text = "N'hésitez pas à laisser un avis : vous recevrez un cadeau gratuit !"
    assert "review-incentive" in _categories(checker.check(text))


def test_card_printed_without_accents_is_checked_in_french(checker):
    """An ASCII-only card (no accents, as some print shops and OCR give it) is recognised as
    French and its wording still matches."""
    text = "Laissez un avis 5 etoiles sur Amazon et recevez un cadeau gratuit ! Merci de modifier votre evaluation apres."
    fs = checker.check(text)
    assert {"review-incentive", "review-positive", "review-removal"} <= _categories(fs)
    assert not [f for f in fs if f.rule == "CW000"]


def test_tu_address_is_covered(checker):
    """Informal cards use 'tu': 'laisse-nous', 'mets-nous 5 étoiles', 'écris-nous d'abord'."""
    fs = checker.check("Tu adores ta gourde ? Mets-nous 5 étoiles ! Un souci ? Écris-nous d'abord, avant de laisser un avis.")
    assert {"review-positive", "review-gating"} <= _categories(fs)


@pytest.fixture(scope="module")
def guesser():
    return LanguageGuesser(load_rules().languages)


@pytest.mark.parametrize("text", [
    "Merci pour votre commande, à très bientôt !",
    "Merci beaucoup, nous esperons que le produit vous plait, a tres bientot",
    "N'hésitez pas à nous contacter via la messagerie Amazon.",
])
def test_french_lines_are_detected_with_or_without_accents(guesser, text):
    assert guesser.guess(text) == "fr"


def test_short_french_line_takes_the_cards_language(checker):
    """A short line ('Garantie 2 ans') on a French card is checked as French, not noted."""
    text = "Merci pour votre commande, nous espérons que le produit vous plaira.\n\nGarantie 2 ans"
    assert not [f for f in checker.check(text) if f.rule == "CW000"]


def test_mixed_english_and_french_lines_are_each_checked(checker):
    """A bilingual card: the English line and the French line both get their findings."""
    text = ("Leave a 5-star review and get a free gift!\n"
            "Laissez un avis 5 étoiles et recevez un cadeau gratuit !")
    fs = [f for f in checker.check(text) if f.category.value == "review-incentive"]
    assert len({f.start for f in fs}) >= 2 and not [f for f in checker.check(text) if f.rule == "CW000"]


def test_french_tokens_lemmatise_to_one_word():
    """The French lookup table maps words to lists; the norm is the lemma itself, accents
    folded, and the imperative's '-nous' is the pronoun 'nous'."""
    norm = get_pipeline("fr").norm_for(["cadeau", "laisser", "nous", "étoile", "évaluation"])
    assert norm("Cadeaux") == "cadeau"
    assert norm("laissez") == "laisser"
    assert norm("-nous") == "nous"
    assert norm("étoiles") == norm("etoiles") == "etoile"
    assert norm("évaluation") == norm("evaluation")


def test_removal_as_outcome_and_lenience_pleas(checker):
    deal = "Dès que votre critique ne s'affiche plus, le bon de 10 € est à vous."
    assert {"review-removal", "review-incentive"} <= _categories(checker.check(deal, lang="fr"), errors_only=True)
    plea = "Un avis mitigé nous coulerait : soyez indulgents avec notre petite boutique."
    assert "review-positive" in _categories(checker.check(plea, lang="fr"), errors_only=True)
    assert not _categories(checker.check("Le commentaire n'est plus modifiable après 60 jours.", lang="fr"))


def test_good_result_condition_but_not_polite_if_you_like(checker):
    assert "review-positive" in _categories(
        checker.check("Si ton pain est bien doré, raconte ta réussite sur Amazon !", lang="fr"), errors_only=True)
    assert not _categories(checker.check("Si vous voulez bien, laissez un avis sur Amazon.", lang="fr"), errors_only=True)


def test_yes_no_rows_drawn_with_faces_and_arrows_are_gating(checker):
    """A yes/no flow drawn as faces and arrows ('😀 → laisse-nous tes étoiles', '😟 → écris-nous')
    steers happy buyers to Amazon and unhappy ones to a chat app."""
    card = ("CAFETIÈRE MOKA\nCafé bien corsé ? 😊 → laisse-nous tes étoiles sur Amazon !\n"
            "Café amer ? 😟 → écris-nous d'abord sur WhatsApp, on trouve une solution avant ton avis.")
    fs = checker.check(card)
    assert {"review-gating", "review-positive"} <= _categories(fs, errors_only=True)
    assert "offsite-contact" in _categories(fs)


def test_soft_removal_and_price_comparison_diversion(checker):
    removal = ("Nous sommes désolés pour la poignée.\n"
               "Dès que votre avis à deux étoiles n'apparaît plus sur la fiche, nous vous remboursons.")
    assert {"review-removal", "review-incentive"} <= _categories(checker.check(removal), errors_only=True)
    revisit = "Le remplacement est parti ! Pourriez-vous ensuite jeter un nouvel œil à votre avis ?"
    assert "review-removal" in _categories(checker.check(revisit), errors_only=True)
    diversion = ("Une deuxième théière ? Commande-la sur WhatsApp au 06 12 34 56 78, "
                 "c'est moins cher qu'en passant par Amazon.")
    assert "offsite-diversion" in _categories(checker.check(diversion), errors_only=True)


def test_reward_on_the_next_order_is_the_incentive_not_marketing(checker):
    fs = checker.check("Merci pour votre confiance !\nUn avis 5 ★ = un code de 10 % sur votre prochain achat.")
    assert {"review-incentive", "review-positive"} <= _categories(fs, errors_only=True)
    assert "marketing" not in _categories(fs)


def test_honest_french_card_with_star_range_and_pet_medal_stays_clean(checker):
    card = ("Merci pour votre commande !\nVotre avis sincère sur Amazon nous aide, que ce soit 3, 4 ou 5 étoiles.\n"
            "Inscrivez le nom et le téléphone de votre chien au dos de la médaille.\n"
            "Pour compléter votre commande : le câble USB se trouve dans le sachet.")
    assert not _categories(checker.check(card))


def test_a_bare_french_reward_card_is_read_as_french_and_flagged():
    """"5 étoiles = un cadeau" alone: its nouns' endings make it French and the trade is found."""
    from checks import Checker

    checker = Checker(profile="amazon")
    assert checker.main_language(["5 étoiles = un cadeau"]) == "fr"
    assert any(f.category.value == "review-incentive" for f in checker.check("5 étoiles = un cadeau"))
    assert not [f for f in checker.check("Hôtel 5 étoiles = confort garanti") if f.severity.value == "error"]


def test_raised_note_and_happy_only_wording_are_review_positive(checker):
    """Steering the rating: raising a posted note, asking only happy buyers, 'au cas où … vous plairait'."""
    cards = [
        "La pièce de rechange est en route. Si tout fonctionne, pourriez-vous augmenter votre note ?",
        "Seuls les clients ravis sont invités à laisser un avis sur Amazon.",
        "Au cas où la bouilloire vous plairait, partagez-le dans un avis sur Amazon !",
    ]
    for text in cards:
        cats = {f.category.value for f in checker.check(text) if f.severity is Severity.ERROR}
        assert "review-positive" in cats, text


def test_honest_two_sided_question_and_device_pairing_stay_clean(checker):
    """An honest 'what did you like / what can we improve' request and an app pairing step with an
    e-mail get no error; registering the device with an e-mail on the seller's site is data collection."""
    honest = ("Aidez les autres acheteurs avec un avis honnête : qu'avez-vous aimé, que pourrions-nous améliorer ?\n"
              "Connectez l'appareil à l'application avec votre adresse e-mail et votre mot de passe Wi-Fi.")
    assert not [f for f in checker.check(honest) if f.severity is Severity.ERROR]
    register = "Enregistrez votre appareil avec votre adresse e-mail sur garantie.exemple.example pour passer à 5 ans."
    cats = {f.category.value for f in checker.check(register) if f.severity in (Severity.ERROR, Severity.WARNING)}
    assert "data-collection" in cats


# Kinds of wording from the blind batches read so far, one table per assertion: caught as an
# error (b41, b42), caught as a finding (b46 on), and the nearest safe wording that stays free of errors.
@pytest.mark.parametrize("category, text", [
    # batch 41
    # the review put off while the buyer contacts the seller
    ("review-gating", "Un souci avec la perceuse ? Réservez votre note pour plus tard et écrivez-nous à sav@outil.example."),
    ("review-gating", "Mettez votre avis de côté un instant et appelez-nous au 01 23 45 67 89."),
    ("review-gating", "Contactez-nous par e-mail à aide@lampe.example avant de vous prononcer."),
    # another look at the posted review after a fix
    ("review-removal", "Votre avis parle toujours de la poignée branlante ? "
                       "Jetez-y un nouvel œil quand la pièce sera montée."),
    ("review-removal", "Votre commentaire Amazon mentionne encore l'ancien moteur ? "
                       "Peut-être pourriez-vous y rejeter un coup d'œil."),
    # batch 42
    # a row of stars on Amazon as the wish
    ("review-positive", "Une jolie ligne d'étoiles sur Amazon ferait le bonheur de l'atelier !"),
    ("review-positive", "Toute une série de ⭐ nous aiderait énormément."),
    # the buyer's delight as what the maker wants to read there
    ("review-positive", "Ce petit bonheur du matin, nous aimerions le lire sur Amazon."),
    # the posted review read again after a fix
    ("review-removal", "Relis ton avis sur la lampe : dit-il toujours la même chose ?"),
    ("review-removal", "Une fois la pièce remplacée, reconsidérez votre évaluation."),
])
def test_batch_kinds_are_caught_as_errors(checker, category, text):
    assert category in _categories(checker.check(text, lang="fr"), errors_only=True)


@pytest.mark.parametrize("category, text", [
    # batch 46
    # the buyer's posted review personified, wishing to catch up with the fix
    ("review-removal", "Ton commentaire sur Amazon date d'avant le nouveau moteur ; "
                       "peut-être voudrait-il se mettre à jour lui aussi ?"),
    ("review-removal", "Votre évaluation évoque la charnière cassée : ce serait super qu'elle raconte aussi la réparation."),
    # the platform's fee saved by ordering from the own site
    ("offsite-diversion", "Nos filtres partent depuis www.filtre.example.fr : sans commission de la plateforme, "
                          "ils coûtent moins cher."),
    # offers and new products promised to every subscriber
    ("marketing", "Chaque abonné recevra aussi nos promos et les nouveautés du printemps."),
    # an official product of an invented Amazon programme
    ("marketplace-trademark", "Lampe officielle de l'opération « Amazon Camping »"),
    # batch 50
    # five stars as a gesture, the next step left as obvious
    ("review-positive", "Le café est bon ? Vous savez ce qu'il vous reste à faire : un petit clic de 5 étoiles sur Amazon."),
    # an adjective between the badge and the Amazon body
    ("marketplace-trademark", "Choix officiel du jury Amazon Maison 2026"),
    # the reviewer's name asked for after a review
    ("review-incentive", "Un avis sur Amazon ? Transmettez-nous ensuite votre nom de profil Amazon."),
    # batch 54
    # a rating under the top mark counted as a bad one
    ("review-positive", "Pour une p'tite marque comme nous, trois étoiles, c'est presque un échec. On compte sur vous !"),
    # review authors as a group who get something
    ("review-incentive", "Parlez de notre mascotte dans votre avis : les rédacteurs des commentaires retenus gagnent une casquette."),
    # a stamp per item ordered in the brand's own shop
    ("offsite-diversion", "Pour chaque sachet commandé sur notre site, on coche une case de cette carte."),
    # the Amazon store as the subject offering more of the range
    ("marketing", "Notre vitrine Amazon propose aussi les coussins de la même collection."),
])
def test_batch_kinds_are_caught(checker, category, text):
    assert category in _categories(checker.check(text, lang="fr"))


@pytest.mark.parametrize("text", [
    # batch 41
    # « avis » as a notice, next to a star legend
    "« Avis aux amateurs : recette au dos » ★★★ très fondant",
    "Avis de passage : le livreur repasse demain. ★★★ Qualité supérieure",
    "Votre avis honnête sur Amazon nous aide, quel qu'il soit.",
    "Besoin d'aide ? Passez-nous un coup de fil au 01 23 45 67 89, du lundi au vendredi.",
    "Gardez la notice pour plus tard : elle contient le schéma de montage.",
    "Notre guide de réglage est en ligne, jetez-y un œil sur lampe.example/guide.",
    "Relisez la notice avant de vous prononcer sur le réglage idéal.",
    "Votre avis nous intéresse : laissez-le sur Amazon quand vous voulez.",
    # batch 42
    # the writer gives the reader a mark: a note to a friend or a parent
    "Joyeux anniversaire ! On te donne d'office la meilleure note pour ta patience.",
    "Je vous accorde cinq étoiles de courage pour ce déménagement.",
    # stars as a decoration, delight without a review
    "Une guirlande d'étoiles en feutre pour décorer la chambre des enfants.",
    "Votre sourire au premier café, c'est notre plus belle récompense.",
    # a writing tip, not a second look at a posted review
    "Relisez votre avis avant de l'envoyer, les fautes de frappe arrivent vite.",
    "Votre avis honnête sur Amazon, positif ou négatif, aide les autres acheteurs.",
    # batch 46
    "Livraison sans frais et retour gratuit pendant 30 jours.",
    "L'appli se met à jour toute seule ; dès qu'elle est mise à jour, redémarrez la lampe.",
    "Votre avis sincère sur Amazon aide les autres clients, qu'il soit positif ou négatif.",
    "Le thermostat officiel du programme de chauffage se règle à 19 °C.",
    # batch 50
    "Tu sais quoi faire : appuie sur MODE pendant trois secondes.",
    "Un séjour de cinq étoiles à la maison : draps en satin de coton.",
    "Vous pouvez laisser un avis honnête sur Amazon.",
    "Votre nom de profil Amazon s'affiche au-dessus de votre avis.",
    # batch 54
    "En mode silencieux, le purificateur reste discret toute la nuit.",
    "Pour vingt unités ou plus, passez par votre compte Amazon Business : prix par quantité et facture.",
    "Trois étoiles au guide, c'est déjà une belle reconnaissance.",
])
def test_batch_nearest_safe_wording_stays_clean(checker, text):
    assert not _categories(checker.check(text, lang="fr"), errors_only=True)


@pytest.mark.parametrize("text", [
    "Aucun besoin de vous inscrire pour profiter de l'appli.",
    "Pas besoin d'ouvrir un compte : l'appareil marche dès l'allumage.",
])
def test_b42_no_sign_up_needed_is_no_data_collection(checker, text):
    assert "data-collection" not in _categories(checker.check(text, lang="fr"))
