"""Spanish cards (Amazon.es, Spanish-speaking buyers on Amazon.com / .com.mx): what a seller
notices on a whole card, and the Spanish quirks the pack depends on (enclitics, accents
dropped in print, "nos" that must not read as "no")."""
from __future__ import annotations

import pytest

from checks import load_rules
from checks.engine import _LangEngine
from checks.findings import Severity

VIOLATING_CARD = """¡GRACIAS POR SU COMPRA!

¿Está contento con su pedido? Déjenos una reseña de 5 estrellas en Amazon y reciba un regalo GRATIS.
Envíenos una captura de pantalla de su reseña a regalos@lumivox.example.com.

¿Algún problema? Escríbanos antes de dejar una valoración y lo solucionamos.

Síganos en Instagram @lumivox.es para no perderse nuestras novedades."""

CLEAN_CARD = """¡Gracias por tu compra!

Esperamos que disfrutes de tu nueva cafetera. Es un regalo perfecto para los amantes del café.

Cuidados: lavar a mano, no usar lejía. Sin BPA.

Garantía: 3 años contra defectos de fabricación desde la fecha de entrega. No hace falta registrar el producto: guarda la confirmación de tu pedido de Amazon como comprobante de compra.

¿Falta alguna pieza o ha llegado algo dañado? Escríbenos a través de la mensajería de Amazon (Mis pedidos > Contactar con el vendedor) y te enviamos el repuesto sin coste.

Si tienes un momento, te agradeceríamos tu opinión sincera en Amazon, sea buena o mala.

Fabricante: Lumivox Lighting Co., Ltd., 88 Sample Road, Shenzhen, China.
Importador en la UE: Lumivox Iberia S.L., Calle Ejemplo 23, 46001 Valencia, España."""


def _errors(checker, text, lang="auto"):
    return [f for f in checker.check(text, lang=lang) if f.severity is Severity.ERROR]


def test_typical_violating_card_gets_each_category(checker):
    """Gift for a 5-star review, a review screenshot by e-mail, contact-before-review and a
    follow-us call are each reported, in the Spanish text, with Spanish rewrites."""
    fs = checker.check(VIOLATING_CARD)
    cats = {f.category.value for f in fs}
    assert {"review-incentive", "review-positive", "review-gating", "data-collection",
            "offsite-contact", "marketing", "external-link"} <= cats
    assert not [f for f in fs if f.rule == "CW000"], "Spanish is checked, not 'not checked'"
    incentive = next(f for f in fs if f.category.value == "review-incentive")
    assert "Amazon" in incentive.suggestion and "opinión" in incentive.suggestion


def test_typical_after_sales_card_stays_clean(checker):
    """Thank-you, care text, warranty terms, 'regalo perfecto', repairs via Amazon messaging,
    a neutral review request and the EU manufacturer/importer block: no error, no warning."""
    fs = checker.check(CLEAN_CARD)
    assert [(f.rule, f.text) for f in fs if f.severity in (Severity.ERROR, Severity.WARNING)] == []


def test_manufacturer_block_email_is_a_warning_with_its_legal_context(checker):
    """An e-mail in the GPSR importer block is the manufacturer-email warning (like every
    e-mail on a card), never an error."""
    text = ("Importador: Nubelia Trading S.L., Calle Ejemplo 23, 46001 Valencia, España. "
            "Correo: info@nubelia.example.com")
    fs = checker.check(text)
    assert [f.rule for f in fs] == ["CW506"] and fs[0].severity is Severity.WARNING


@pytest.mark.parametrize("text", [
    "Déjanos una reseña y te regalamos un cupón.",          # enclitic tú imperative
    "Valórenos en Amazon y obtenga un vale de 10 €.",        # usted, accented enclitic
    "Dejanos una resena en Amazon y recibe un regalo gratis",  # printed without accents/ñ
    "DEJA TU VALORACION Y GANA UNA TARJETA REGALO",          # capitals, no accent
])
def test_review_for_reward_is_found_in_every_spelling(checker, text):
    assert "review-incentive" in {f.category.value for f in _errors(checker, text, "es")}


def test_us_pronoun_is_not_a_negation(checker):
    """'nos' (us) must not act as 'no': 'No nos dejes una mala valoración' is discouraging a
    negative review, and 'nos das 5 estrellas' a star request."""
    assert "review-positive" in {f.category.value for f in _errors(checker, "Por favor, no nos dejes una mala valoración.", "es")}
    assert "review-positive" in {f.category.value for f in _errors(checker, "Si nos das 5 estrellas, te devolvemos el importe.", "es")}


def test_seller_feedback_note_is_clean_but_review_change_is_not(checker):
    ok = "Si hemos resuelto tu incidencia a través de la mensajería de Amazon, puedes actualizar tu valoración del vendedor cuando quieras."
    bad = "Una vez resuelto el problema, te agradeceríamos que modificaras tu valoración."
    assert _errors(checker, ok, "es") == []
    assert "review-removal" in {f.category.value for f in _errors(checker, bad, "es")}


def test_in_exchange_is_not_a_change_request(checker):
    """'a cambio de' (in exchange for) is an incentive, not a request to change a review."""
    cats = {f.category.value for f in _errors(checker, "Recibe productos gratis a cambio de tu reseña.", "es")}
    assert "review-incentive" in cats and "review-removal" not in cats


@pytest.mark.parametrize("text", [
    "Gracias por tu compra",
    "GRACIAS POR SU COMPRA",
    "Si tienes algun problema, escribenos a traves de la mensajeria de Amazon",
])
def test_spanish_lines_are_detected(checker, text):
    """Short, capitalised and accent-free Spanish lines are read as Spanish on an English card."""
    card = f"Thank you for your order! We hope you enjoy your new lamp.\n\n{text}"
    assert checker.main_language([text]) == "es"
    assert not [f for f in checker.check(card) if f.rule == "CW000"]


def test_spanish_paragraph_on_english_card_is_checked_in_spanish(checker):
    """A mixed card: the English part and the Spanish part are each checked with their pack."""
    card = ("Thank you for your order! We hope you enjoy it.\n\n"
            "¡Déjanos una reseña de 5 estrellas y te enviamos un regalo sorpresa!")
    fs = checker.check(card)
    spanish = [f for f in fs if f.start >= card.index("¡")]
    assert {"review-incentive", "review-positive"} <= {f.category.value for f in spanish}
    assert all(f.suggestion is None or "Amazon" in f.suggestion for f in spanish)


def test_token_matcher_agrees_with_spacy_matcher_on_spanish():
    """Both matcher backends give the same Spanish concept hits on every Spanish example."""
    rs = load_rules()
    texts = [e.text for r in rs.rules for lg, loc in r.localized.items() if lg == "es" for e in loc.examples]
    texts += [t for r in rs.rules for lg, loc in r.localized.items() if lg == "es" for t in loc.lookalikes]
    texts += [VIOLATING_CARD, CLEAN_CARD]
    fast = _LangEngine(rs, "es", "token")
    ref = _LangEngine(rs, "es", "spacy")

    def hits(engine, text):
        return [(s.start, s.end, sorted((k, sorted((h.start, h.end, h.clause) for h in v)) for k, v in s.hits.items()))
                for s in engine.features(text, ()).sentences]

    diffs = [t for t in texts if hits(fast, t) != hits(ref, t)]
    assert len(texts) > 80 and not diffs, f"{len(diffs)} texts differ, first: {diffs[0]!r}"


def test_long_letter_run_is_not_taken_for_a_word(checker):
    """A pasted run of letters (a code, a broken line) gets no accent or enclitic guessing and
    does not hide the Spanish around it."""
    text = "Déjanos una reseña y recibe un regalo. " + "ana" * 4000 + "nos"
    assert "review-incentive" in {f.category.value for f in _errors(checker, text, "es")}


# Paraphrases a seller might print (Spain and Latin America, tú / usted / ustedes), each with
# the category the card must get; none of them is an example in frames.yaml.
PARAPHRASES = [
    ("Comparte tu experiencia en Amazon y te reembolsamos el 50 % del precio.", "review-incentive"),
    ("Por cada opinión que dejes en Amazon donaremos 1 € a una ONG.", "review-incentive"),
    ("Platícanos tu experiencia en Amazon y te mandamos un regalito.", "review-incentive"),
    ("Déjennos su reseña y reciban un cupón de descuento.", "review-incentive"),
    ("¡Regálanos 5 estrellitas, porfa!", "review-positive"),
    ("Si quedó satisfecho, le agradeceríamos mucho una reseña de cinco estrellas.", "review-positive"),
    ("Evita dejar opiniones negativas: escríbenos y buscamos una solución.", "review-positive"),
    ("Si tienes algún detalle con tu producto, márcanos antes de calificar.", "review-gating"),
    ("¿Contento? Valóranos en Amazon. ¿No del todo? Escríbenos primero.", "review-gating"),
    ("Le agradeceríamos que borrara su valoración de una estrella.", "review-removal"),
    ("Regístrese en nuestra web para ampliar la garantía a 5 años.", "data-collection"),
    ("Pídelo directamente a nosotros por WhatsApp y te sale más barato.", "offsite-diversion"),
    ("También nos encuentras en Mercado Libre con envío gratis.", "offsite-diversion"),
    ("Suscríbete a nuestro canal de YouTube para ver tutoriales.", "marketing"),
    ("Top ventas en Amazon España.", "marketplace-trademark"),
]

# Lookalikes: the words of a violation in an innocent sense, or after-sales through Amazon.
LOOKALIKES = [
    "Nunca te pediremos una reseña positiva: solo queremos tu opinión sincera.",
    "Tanto si estás satisfecho como si no, nos encantaría conocer tu opinión sincera en Amazon.",
    "Sin regalos ni descuentos a cambio: solo tu opinión sincera, si te apetece.",
    "Nos encantaría conocer tu opinión sincera, ya sea de 1 o de 5 estrellas.",
    "Los chefs la valoran como la mejor sartén de su categoría.",
    "Puedes cambiar la valoración de temperatura en el menú de ajustes.",
    "En caso de problema, no devuelvas el producto sin contactarnos por Amazon: muchas veces se soluciona con un ajuste.",
    "Si algo llega roto, escríbenos desde Mis pedidos y te enviamos uno nuevo gratis.",
    "Este set de regalo contiene 5 velas aromáticas.",
    "Las estrellitas brillan en la oscuridad durante 2 horas.",
    "Deja enfriar el aparato 10 minutos antes de limpiarlo.",
    "¡El producto con mejor puntuación de su categoría!",
    "¡Una experiencia de 5 estrellas en tu cocina!",
    "¿Sabías que este modelo tiene la calificación energética más alta?",
    "El juego incluye un contador de puntuación. Gana quien consiga 5 estrellas primero.",
    "Devolución gratuita en 30 días a través de Amazon.",
    "Para registrar tu huella en el dispositivo, abre la app y sigue los pasos.",
    "Tus comentarios nos ayudan a mejorar. Puedes escribirnos a través de Amazon en cualquier momento.",
]


@pytest.mark.parametrize("text,category", PARAPHRASES)
def test_paraphrased_violation_is_found(checker, text, category):
    found = {f.category.value for f in checker.check(text, lang="es")
             if f.severity in (Severity.ERROR, Severity.WARNING)}
    assert category in found, f"{text!r} -> {sorted(found)}"


@pytest.mark.parametrize("text", LOOKALIKES)
def test_lookalike_gets_no_error(checker, text):
    assert [(f.rule, f.text) for f in _errors(checker, text, "es")] == []


def test_short_badge_card_is_read_as_spanish(checker):
    """Acute accents (ó, í, á) make a title and a badge line Spanish without function words."""
    card = "BRISA Ventilador de pie\nMarca recomendada por Amazon · Motor silencioso y eléctrico"
    assert checker.main_language([card]) == "es"
    assert "marketplace-trademark" in {f.category.value for f in checker.check(card)}


def test_sellers_whatsapp_line_is_no_buyer_data(checker):
    """Writing to the seller on WhatsApp is off-site contact, not collecting the buyer's data."""
    cats = {f.category.value for f in checker.check("Escríbanos por WhatsApp para cualquier duda sobre el montaje.", lang="es")}
    assert "data-collection" not in cats


def test_good_moment_question_then_review_is_positive_steering(checker):
    text = "¿Ha dormido como un bebé con nuestra almohada? Entonces cuéntelo en Amazon, nos hará mucha ilusión."
    assert "review-positive" in {f.category.value for f in _errors(checker, text, "es")}
    clean = "¿Tiene dudas? Pues escríbanos por la mensajería de Amazon. Una reseña sincera nos ayuda."
    assert not _errors(checker, clean, "es")


def test_closing_guillemet_before_amazon_is_no_review_arrow(checker):
    """A quoted Amazon button («Devolver o reemplazar productos» en Amazon) is no arrow "» Amazon"
    pointing to a review: a size exchange through Amazon gets no review finding."""
    text = ("Si se te ha quedado pequeña, puedes cambiarla por la talla grande desde "
            "«Devolver o reemplazar productos» en Amazon, dentro de los 30 días.")
    assert not [f for f in _errors(checker, text, "es") if f.category.value.startswith("review")]
    arrow = "Si te ha encantado, tu reseña » Amazon nos ayuda muchísimo."
    assert "review-positive" in {f.category.value for f in _errors(checker, arrow, "es")}


def test_registered_fact_is_no_signup_and_still_reflects_question_is_removal(checker):
    """A participle stating a fact ("consta registrada en su pedido") is no sign-up gate and a free
    return is no reward,
    while an invitation to register for a benefit still is; a bare question whether the review the
    reader wrote still describes today's product asks for a change."""
    fact = "La recogida es gratuita y consta registrada en su pedido; el reembolso le llega igual."
    assert "data-collection" not in {f.category.value for f in _errors(checker, fact, "es")}
    gate = "Regístrate en nuestra web y te regalamos un año más de garantía."
    assert "data-collection" in {f.category.value for f in _errors(checker, gate, "es")}
    ask = "Si publicó su valoración con el modelo viejo, ¿todavía describe el que usa ahora?"
    assert "review-removal" in {f.category.value for f in _errors(checker, ask, "es")}
    neutral = "Si el manual viejo le confunde, ¿todavía describe algo que no encuentra? Escríbanos por Amazon."
    assert "review-removal" not in {f.category.value for f in _errors(checker, neutral, "es")}
