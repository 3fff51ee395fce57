"""Clean hard negatives: compliant card lines the way Amazon sellers write them in the six card
languages (neutral review requests, with stars named neutrally or both sides invited; after-sales
help through Amazon messaging; warranty terms; GPSR and manufacturer blocks; care and safety
text; words that collide with the lexicons: a 5-star hotel, the stars of a star projector,
"avis", "firmware", よかったら). Written from the policy for the false-error audits, not taken
from any labelled set; kept in ``data/hard_negatives.jsonl`` ({id, lang, text} per line, the
format of ``compliant_anchors.jsonl``). None may get an error (an error blocks the export);
warnings are allowed. Then the known kinds of misses that must stay flagged, each next to its
compliant twin. Rule-by-rule examples live in the rule packs."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from checks.findings import Severity

DATA = Path(__file__).parent / "data" / "hard_negatives.jsonl"
ROWS = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]
ENGLISH = [r for r in ROWS if r["lang"] == "en"]
OTHER = [r for r in ROWS if r["lang"] != "en"]


@pytest.mark.parametrize("row", ENGLISH, ids=[r["id"] for r in ENGLISH])
def test_english_hard_negative_has_no_error(checker, row):
    text = row["text"]
    errors = [(f.rule, f.text) for f in checker.check(text, "en") if f.severity is Severity.ERROR]
    assert not errors, f"{text!r} -> {errors}"


@pytest.mark.parametrize("row", OTHER, ids=[r["id"] for r in OTHER])
def test_clean_hard_negative_gets_no_error(checker, row):
    lang, text = row["lang"], row["text"]
    for as_lang in ("auto", lang):   # as the app checks it, and with its language set
        errors = [(f.rule, f.text) for f in checker.check(text, lang=as_lang) if f.severity is Severity.ERROR]
        assert not errors, f"{lang} ({as_lang}): {text!r} -> {errors}"


#: (language, text, category that must be found; None: any error)
FLAGGED = [
    ('de', 'Bitte erhöhen Sie Ihre Sterne-Bewertung, sobald das Ersatzteil da ist.', None),
    ('de', 'Könnten Sie Ihre Bewertung nach dem Austausch anpassen?', None),
    ('de', 'Ändern Sie bitte Ihre 2 Sterne, wir haben Ihnen ja Ersatz geschickt.', None),
    ('es', '¿Podría cambiar su reseña ahora que le hemos enviado el repuesto?', None),
    ('it', 'Potrebbe modificare la sua recensione ora che ha ricevuto il ricambio?', None),
    ('fr', 'Pourriez-vous modifier votre avis maintenant que le remplacement est arrivé ?', None),
    ('de', 'Teilen Sie uns bitte Ihren Profilnamen bei Amazon mit, damit wir Ihre Rezension finden.', 'data-collection'),
    ('de', 'Schreib uns deinen Amazon-Namen, dann können wir deine Bewertung zuordnen.', 'data-collection'),
    ('de', 'Unter welchem Namen haben Sie Ihre Rezension veröffentlicht? Nennen Sie uns Ihren Amazon-Profilnamen.', 'data-collection'),
    ('de', 'Bitte senden Sie uns den Namen, mit dem Sie bei Amazon bewertet haben.', 'data-collection'),
    ('de', 'Verraten Sie uns Ihren Kundennamen auf Amazon, damit wir uns bei Ihnen bedanken können.', 'data-collection'),
    ('fr', 'Laissez-nous un avis enthousiaste sur Amazon !', None),
    ('fr', 'Un avis 5 étoiles sur Amazon nous ferait tellement plaisir !', None),
    ('fr', 'Partagez un avis positif sur Amazon, ça nous aide beaucoup !', None),
    ('de', 'Hat Ihnen der Rucksack gefallen? Dann schreiben Sie uns eine Rezension!', None),
    ('de', 'Wenn Sie zufrieden sind, hinterlassen Sie bitte eine positive Bewertung.', None),
    ('es', 'Si su experiencia ha sido buena, déjenos una reseña en Amazon.', None),
    ('ja', '商品が良かったら、Amazonでレビューをお願いします。', None),
    ('ja', '気に入ったらレビューしてね！', None),
    ('ja', 'レビューではなく、まずはご連絡ください。', None),
    ('fr', 'Un avis sur Amazon = une remise de 10 % sur votre prochaine commande !', None),
    ('es', 'Envíenos una captura de pantalla de su reseña y le mandamos un regalo.', None),
    ('es', 'Mándanos un pantallazo de tu opinión publicada y recibirás un reembolso del 20 %.', None),
    ('es', 'Tras publicar su reseña, envíenos una captura por correo para recibir su cupón.', None),
    ('it', 'Inviaci uno screenshot della tua recensione e ti mandiamo un regalo.', None),
    ('it', 'Mandaci la schermata della recensione pubblicata per ricevere il rimborso.', None),
    ('it', 'Dopo aver pubblicato la recensione, inviaci una cattura dello schermo per avere il buono.', None),
]


@pytest.mark.parametrize(("lang", "text", "category"), FLAGGED, ids=[f"{l}-{i}" for i, (l, _t, _c) in enumerate(FLAGGED)])
def test_known_kind_stays_flagged(checker, lang, text, category):
    fs = checker.check(text)
    if category is None:
        assert any(f.severity is Severity.ERROR for f in fs), f"{lang}: {text!r} -> {[f.rule for f in fs]}"
    else:
        assert category in {f.category.value for f in fs if f.severity in (Severity.ERROR, Severity.WARNING)}, (
            f"{lang}: {text!r} -> {[f.rule for f in fs]}")


def test_a_gift_said_to_be_unconditional_in_the_next_sentence_is_no_review_reward(checker):
    """A letter after a solved problem: free extras "yours either way", then seller feedback left
    to the buyer. The guard sits one sentence away from the gift, so it is read as a near guard
    (``unless_near``); the rule's other guards still read only the gift's own sentence, so a
    review-for-products programme next to care text stays flagged."""
    letter = ("Three extra buffer sets are on their way at no cost. They're yours either way.\n"
              "If you wish, you're welcome to leave or update your seller feedback about how we "
              "handled this. It's entirely your choice.")
    assert not [f.rule for f in checker.check(letter, "en") if f.severity is Severity.ERROR]
    programme = ("Chaque trimestre, nous confions nos nouvelles sangles à dix musiciens qui, en échange, "
                 "publient leur retour sur Amazon.\nSangle en cuir : nourrir une fois par an avec un baume incolore.")
    assert "review-incentive" in {f.category.value for f in checker.check(programme, "fr")}
    bare = "Leave a review on Amazon. Then claim your free gift at gift.example!"
    assert "review-incentive" in {f.category.value for f in checker.check(bare, "en")}


def test_a_near_guard_typed_into_the_next_sentence_clears_the_finding_live(checker):
    """The checker remembers a rule's verdict per run of sentences; a guard added one sentence
    away (the buyer's card being typed) must reach it, not the remembered verdict."""
    first = ("Three extra buffer sets are on their way at no cost.\n"
             "If you wish, you're welcome to update your seller feedback about how we handled this.")
    assert "review-incentive" in {f.category.value for f in checker.check(first, "en")}
    typed = ("Three extra buffer sets are on their way at no cost. They're yours either way.\n"
             "If you wish, you're welcome to update your seller feedback about how we handled this.")
    assert "review-incentive" not in {f.category.value for f in checker.check(typed, "en")}
