"""Fourth-round kinds of wording in the es/it/ja packs, each as a seller's own paraphrase
written for this test, not taken from a labelled set. Each flagged card gets the category a
buyer-facing reviewer would give it; each clean lookalike gets no error."""
from __future__ import annotations

import pytest

from checks.findings import Severity

FLAGGED = [
    # a good result is still a condition on the review
    ('es', 'Si te ha ido bien, déjanos una reseña en Amazon.', 'review-positive'),
    ('es', 'Si te ha salido perfecto, déjanos una reseña en Amazon.', 'review-positive'),
    # a phone number, PayPal account or birthday asked for, even through Amazon messaging
    ('it', 'Vuoi un avviso quando torna disponibile? Mandaci il tuo numero di cellulare nei messaggi Amazon.', 'data-collection'),
    ('it', 'Per il rimborso indicaci il tuo account PayPal tramite Amazon.', 'data-collection'),
    ('it', 'Comunicaci la tua data di nascita tramite Amazon: a ogni compleanno una sorpresa.', 'data-collection'),
    ('it', 'Scrivici su Amazon il tuo numero di telefono e ti richiamiamo noi.', 'data-collection'),
    ('es', '¿Quieres que te avisemos cuando vuelva? Mándanos tu número de móvil por la mensajería de Amazon.', 'data-collection'),
    ('es', 'Para el reembolso, indícanos tu cuenta PayPal por Amazon.', 'data-collection'),
    ('es', 'Dinos tu fecha de nacimiento por Amazon y en tu cumpleaños tendrás una sorpresa.', 'data-collection'),
    ('ja', '再入荷のお知らせをご希望の方は、Amazonのメッセージで携帯番号をお送りください。', 'data-collection'),
    ('ja', '返金のため、PayPalのアカウントをお知らせください。', 'data-collection'),
    ('ja', 'Amazonのメッセージで誕生日を教えていただければ、毎年プレゼントをお届けします。', 'data-collection'),
    # thanks tied to the review itself is a reward for it
    ('es', 'Como agradecimiento por dejar tu opinión en Amazon, te enviamos unas fundas de silicona: avísanos cuando la publiques.', 'review-incentive'),
    ('es', 'En agradecimiento por compartir su experiencia en Amazon, le mandamos un juego de cuchillas.', 'review-incentive'),
    ('es', 'Como muestra de gratitud por escribir una reseña, te regalamos un llavero.', 'review-incentive'),
    ('es', 'Para agradecerte tu reseña en Amazon te enviaremos una bolsa de té, solo escríbenos cuando esté publicada.', 'review-incentive'),
    # an Amazon badge without a preposition, or given by Amazon's staff
    ('es', 'Vendedor certificado Amazon Prime: calidad garantizada.', 'marketplace-trademark'),
    ('es', 'Calidad aprobada por el equipo de Amazon.', 'marketplace-trademark'),
    ('es', 'Producto verificado Amazon, envío rápido.', 'marketplace-trademark'),
    ('it', 'Qualità approvata dal team Amazon.', 'marketplace-trademark'),
    ('it', 'Prodotto verificato dallo staff di Amazon.', 'marketplace-trademark'),
    ('it', 'Venditore certificato Amazon Prime.', 'marketplace-trademark'),
    ('it', 'Qualità testata dagli esperti Amazon.', 'marketplace-trademark'),
    # other products also found in the (Amazon) store, new ones shown early
    ('es', 'TOSTA Sartén\nEn nuestra tienda de Amazon encontrarás también la tapa de cristal y las espátulas de silicona.', 'marketing'),
    ('es', 'TOSTA Sartén\nDescubre también nuestras ollas y cazos en la tienda TOSTA de Amazon.', 'marketing'),
    ('it', 'ZANZA Lampada\nNel nostro negozio Amazon trova anche il diffusore alla citronella e i braccialetti repellenti.', 'marketing'),
    ('it', 'ZANZA Lampada\nTrovi anche le candele profumate nel nostro negozio Amazon.', 'marketing'),
    ('it', 'ARIETTA Tagliacapelli\nTi faremo vedere in anteprima i nuovi rasoi e regolabarba.', 'marketing'),
    ('ja', 'FUSA 爪やすり\nほかにもペット用品を出しているので、Amazonのストアページものぞいてみてね。', 'marketing'),
    ('ja', 'ほかにもキャンプ道具を作っています。ショップページもぜひのぞいてみてください。', 'marketing'),
    # the review's content steered to a named strength, asked as "a word on …"
    ('ja', 'レビューをお書きいただく際は、「組み立ての簡単さ」についてひと言添えていただけると嬉しいです。', 'review-positive'),
    ('ja', 'レビューを投稿される際は、「静かさ」に一言触れていただけますと幸いです。', 'review-positive'),
    ('ja', 'Amazonでレビューを書くときは、「軽さ」についてもひと言お願いします。', 'review-positive'),
    # a review steered to a strength ("céntrese en lo silencioso"), a made-easier result as the condition
    ('es', 'Si escribe una opinión, le rogamos que se centre en lo silencioso que es el ventilador.', 'review-positive'),
    ('es', 'Al valorarnos en Amazon, céntrate en lo fácil que es de montar, por favor.', 'review-positive'),
    ('es', 'En su reseña, le pedimos que hable de lo cómodo que es el cojín.', 'review-positive'),
    ('es', 'Si te ha hecho más llevaderas las tardes de estudio, cuéntalo en Amazon.', 'review-positive'),
    ('es', 'Si le ha hecho más fácil el montaje, déjenos una reseña en Amazon.', 'review-positive'),
    ('es', 'Si os ha hecho más cómodas las noches de camping, dejad vuestra opinión en Amazon.', 'review-positive'),
    # raising the mark already given is asking for a better rating
    ('it', "Ora che la tenda è montata, le saremmo grati se rivedesse verso l'alto le stelle che ci ha dato.", 'review-positive'),
    ('it', 'Se il problema è risolto, potresti alzare il voto che ci hai dato su Amazon?', 'review-positive'),
    ('it', 'Ci farebbe piacere se aumentasse la valutazione della sua recensione.', 'review-positive'),
    # a low rating told as a hardship for the shop, in colloquial words (キツい, 痛い, 大ダメージ)
    ('ja', '小さな工房です。星3つ以下が1件つくだけで本当にキツいので、どうかよろしくお願いします。', 'review-positive'),
    ('ja', '★1や★2がひとつでも付くと、うちのような小さい店には大ダメージなんです。', 'review-positive'),
    ('ja', '星3つの評価が付くと苦しいです。', 'review-positive'),
]

CLEAN = [
    # "if you feel like telling how it went": a neutral invitation, not a good-result condition
    ('es', 'Si te apetece contar cómo te ha ido, puedes dejar tu opinión en Amazon.'),
    ('es', 'Si le apetece contarnos qué tal le ha ido, puede dejar su reseña en Amazon.'),
    ('es', 'Si quieres contar cómo te ha ido con la lámpara, deja tu opinión en Amazon.'),
    ('es', 'Si te animas a contar cómo te ha ido, tu reseña sincera en Amazon nos ayuda.'),
    ('es', 'Si tiene un momento para contarnos cómo le ha ido, su opinión sincera en Amazon nos ayuda.'),
    ('es', 'Si lo desea, cuéntenos qué tal le ha ido con la freidora en una reseña en Amazon.'),
    ('it', "Scrivici tramite i messaggi Amazon con il numero d'ordine e una foto del difetto."),
    ('it', 'Il numero di telefono del centro assistenza è stampato sul manuale.'),
    ('it', 'Non ti chiederemo mai i dati del tuo conto PayPal.'),
    ('es', 'El número de teléfono del servicio técnico está en el manual.'),
    ('es', 'Nunca te pediremos los datos de tu cuenta PayPal.'),
    ('ja', 'お問い合わせはAmazonの注文履歴からご連絡ください。お電話でのサポートは行っておりません。'),
    ('ja', '誕生日のプレゼントにもおすすめです。ご不明な点はAmazonからご連絡ください。'),
    ('es', 'Como agradecimiento por su compra, le incluimos un paño de limpieza. Si tiene un momento, deje su opinión sincera en Amazon.'),
    ('es', 'Gracias por compartir tu experiencia con nosotros. Si algo falla, escríbenos por la mensajería de Amazon.'),
    ('es', 'Como agradecimiento por confiar en nosotros, la garantía cubre 3 años. Tu opinión sincera en Amazon nos ayuda.'),
    ('es', 'Visita nuestra tienda oficial en Amazon para ver los repuestos.'),
    ('es', 'Producto vendido y enviado por Amazon.'),
    ('it', 'Trovi i ricambi nel nostro negozio ufficiale su Amazon.'),
    ('it', 'Qualità garantita: se qualcosa non va, scrivici tramite Amazon.'),
    ('es', 'TOSTA Sartén\nEn nuestra tienda de Amazon encontrará también los recambios de la junta.'),
    ('it', 'ZANZA Lampada\nNel nostro negozio Amazon trovi anche i ricambi della griglia.'),
    ('ja', '交換用のやすりはストアページからご確認いただけます。ご購入ありがとうございます。'),
    ('ja', '「ご注文番号」についてはAmazonの注文履歴をご確認ください。ご不明点はAmazonからご連絡ください。'),
    ('ja', 'レビューをお書きいただく際は、良い点も気になった点も率直にお書きください。'),
    ('es', 'Para limpiarlo, céntrese en las juntas y séquelo bien. Si tiene un momento, deje su opinión sincera en Amazon.'),
    ('es', 'Cuéntanos en tu reseña lo que quieras, bueno o malo: tu opinión sincera nos ayuda.'),
    ('es', 'Si le hace falta más espacio, escríbanos por Amazon. Su opinión sincera en Amazon nos ayuda.'),
    ('es', 'Si el montaje le ha resultado más difícil de lo esperado, escríbanos por la mensajería de Amazon.'),
    ('it', 'Per migliorare la stabilità, alza il piedino posteriore. Se hai un momento, lascia la tua recensione sincera su Amazon.'),
    ('it', 'La valutazione è libera: scrivi la tua recensione sincera su Amazon.'),
    ('ja', '重い荷物を持つのがキツい方にも使いやすい設計です。星5つのホテルのような寝心地をご自宅で。'),
    ('ja', 'レビューは星1つでも星5つでも、率直なご感想をお寄せください。'),
]


@pytest.mark.parametrize("lang,text,category", FLAGGED)
def test_paraphrase_of_each_kind_is_flagged(checker, lang, text, category):
    cats = {f.category.value for f in checker.check(text, lang=lang) if f.severity is not Severity.INFO}
    assert category in cats, f"{lang}: {text!r} got {sorted(cats)}"


@pytest.mark.parametrize("lang,text", CLEAN)
def test_clean_lookalike_gets_no_error(checker, lang, text):
    errors = [(f.rule, text[f.start:f.end]) for f in checker.check(text, lang=lang) if f.severity is Severity.ERROR]
    assert errors == []


AFTER_SALES_IN_STORE = [
    ('es', 'TOSTA Sartén\nEn nuestra tienda de Amazon encontrará también los recambios de la junta.'),
    ('it', 'ZANZA Lampada\nNel nostro negozio Amazon trovi anche i ricambi della griglia.'),
    ('ja', '交換用のやすりはストアページからご確認いただけます。ご購入ありがとうございます。'),
]


@pytest.mark.parametrize("lang,text", AFTER_SALES_IN_STORE)
def test_spare_parts_in_the_store_are_not_marketing(checker, lang, text):
    """Spare parts for the product bought are after-sales service, not cross-selling."""
    cats = {f.category.value for f in checker.check(text, lang=lang) if f.severity is not Severity.INFO}
    assert "marketing" not in cats
