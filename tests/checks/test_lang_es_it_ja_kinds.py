"""Kinds of wording in the es/it/ja packs (issue 8's list of real-world misses; third and fourth
tuning rounds),
each as a seller's own paraphrase written for this test, not taken from a labelled set: gating
as an appeal or a feeling ("sé amable con nosotros", 優しいレビュー), yes/no flows, "don't mention
the defect in your review", praise steered without "5 stars", soft removal ("echarle otro
vistazo", 改めてご検討), disguised incentives (P.S. perks, photo-review codes, every reviewer
gets, per-review good causes, the reviewer name sent for a gift), data through a side door
(skipping Amazon messaging), chat apps, Amazon badges (half-width ｱﾏｿﾞﾝ too). Each flagged card
gets the category a buyer-facing reviewer would give it; each clean lookalike (neutral review
requests, warranty terms that need no sign-up, device setup, a pet tag) gets no error."""
from __future__ import annotations

import pytest

from checks.findings import Severity

FLAGGED = [
    ('it', 'Il supporto è stabile? ✔ Raccontalo con una recensione su Amazon.\nSi muove o manca una vite? ✘ Chiamaci prima di scrivere qualsiasi cosa: +39 02 0000 000', 'review-gating'),
    ('it', 'Tutto bene? ✅ Lascia la tua recensione sincera su Amazon.', 'review-positive'),
    ('it', 'Voi scrivere recensione su Amazon, poi noi dare rimborso 5 euro.', 'review-incentive'),
    ('es', 'Usted escribir opinión en Amazon. Después nosotros mandar regalo pequeño.', 'review-incentive'),
    ('it', 'I filtri costano meno che su Amazon: scrivici su WhatsApp.', 'offsite-diversion'),
    ('it', 'Il prezzo è più basso che su Amazon sul nostro sito.', 'offsite-diversion'),
    ('es', 'Nuestros precios en la web son más bajos que en Amazon.', 'offsite-diversion'),
    ('es', 'Suscríbete y conoce en primicia nuestros nuevos modelos de mochila.', 'marketing'),
    ('es', 'Sea de los primeros en descubrir las novedades de la marca.', 'marketing'),
    ('it', 'Iscriviti e ti avviseremo prima di tutti delle nuove collezioni di asciugamani.', 'marketing'),
    ('it', 'Le novità di primavera le vedrai prima di tutti.', 'marketing'),
    ('es', '¿Todo en orden? ✔ Comparta su opinión sincera en Amazon.', 'review-positive'),
    ('es', '¿Algo no va? Antes de opinar, escríbanos por WhatsApp al +34 600 000 000.', 'review-gating'),
    ('ja', '毎朝のコーヒーが楽しくなった喜びを、ぜひ口コミでお伝えください。', 'review-positive'),
    ('ja', 'レビューで感動をシェアしていただけると嬉しいです。', 'review-positive'),
    ('ja', 'お気に入りのポイントをレビューで教えてください。', 'review-positive'),
    ('ja', 'Amazonにレビューをお書きいただけましたら、スクリーンショットをお送りください。確認後、保証期間を2年に延長いたします。', 'review-incentive'),
    ('ja', '最新情報をいち早くLINEでお届けします。', 'marketing'),
    ('it', 'Ci scusiamo per il graffio: per favore non menzionarlo nella tua recensione.', 'review-positive'),
    ('it', 'Vi preghiamo che il ritardo del corriere non compaia nella valutazione.', 'review-positive'),
    ('it', 'Lascia fuori dalla recensione la scatola rovinata, il prodotto è perfetto.', 'review-positive'),
    ('it', 'Ti chiediamo di non tenerne conto quando valuti il prodotto.', 'review-positive'),
    ('it', 'Racconta su Amazon tutto ciò che ti è piaciuto della lampada!', 'review-positive'),
    ('it', 'Condividi la tua gioia con gli altri clienti su Amazon.', 'review-positive'),
    ('it', 'Ora che il pezzo è arrivato, puoi rileggere la tua recensione e modificarla?', 'review-removal'),
    # sixth round: the trouble kept out of the review as the subject of "no aparezca / no figure",
    # "déjelo fuera de su reseña", "no lo tenga en cuenta al valorar"; the joy and "everything you loved" steered in
    ('es', 'Le pedimos que el golpe de la caja no figure en su reseña: el producto está perfecto.', 'review-positive'),
    ('es', 'Por favor, que la demora del transporte no salga en tu opinión.', 'review-positive'),
    ('es', 'Te agradeceríamos que el retraso no se refleje en tu valoración.', 'review-positive'),
    ('es', 'Deje fuera de su reseña el retraso del envío, por favor.', 'review-positive'),
    ('es', 'Le rogamos que no tenga en cuenta el retraso al valorar el producto.', 'review-positive'),
    ('es', 'Cuéntanos en tu reseña todo lo que te ha gustado de la lámpara.', 'review-positive'),
    ('es', 'Comparte tu felicidad con otros compradores en Amazon.', 'review-positive'),
    ('es', 'Si tiene un momento, cuéntenos en Amazon lo que más le ha gustado del cojín.', 'review-positive'),
    ('es', 'Para recibir el manual en PDF, respóndenos con tu email por la mensajería de Amazon.', 'data-collection'),
    ('it', 'Per ricevere il manuale in PDF, rispondici con la tua email tramite la messaggistica di Amazon.', 'data-collection'),
    ('it', 'Conserva questo biglietto: sul prossimo ordine dal nostro sito ti scontiamo 5 €.', 'offsite-diversion'),
    ('it', 'Ti chiediamo di parlare solo degli aspetti positivi nella tua recensione.', 'review-positive'),
    ('ja', 'もし星を減らそうとお考えでしたら、その前に一度ご連絡ください。', 'review-gating'),
    ('ja', 'レビューにはぜひ良かった点だけをお書きください。', 'review-positive'),
    ('ja', 'お値段以上と感じていただけたら、その気持ちをレビューで教えてください。', 'review-positive'),
    ('ja', 'アンケートにお答えいただいた方全員にギフト券をお送りします。', 'data-collection'),
    ('es', 'Si su experiencia ha sido de diez, nos encantaría leerlo en Amazon.', 'review-positive'),
    ('it', 'Se la tua esperienza è stata da dieci, ci piacerebbe leggerlo su Amazon.', 'review-positive'),
    ('it', 'Se ti è piaciuto, dillo a tutti su Amazon.', 'review-positive'),
    ('es', '¿Te ha enamorado? Dale las cinco estrellas que se merece.', 'review-positive'),
    ('it', 'Ti è piaciuto? Dagli le cinque stelle che si merita!', 'review-positive'),
    ('it', 'Per assistenza veloce si apre direttamente la chat WhatsApp del nostro tecnico.', 'offsite-contact'),
    ('es', 'Escanea el código: se abre el chat de WhatsApp de nuestro técnico.', 'offsite-contact'),
    ('es', 'Cuando se gaste, pásate por la tienda online de Brasa: la cesta nueva sale un 10 % más barata.', 'offsite-diversion'),
    # a social handle glued to the network's name is a link a buyer looks up off Amazon
    ('ja', 'Instagram@midori_bonsaiをフォローして、手入れ情報を受け取ろう！', 'external-link'),
    ('ja', '【Amazon公式推奨】ステンレス保温ボトル', 'marketplace-trademark'),
    ('ja', 'アマゾン公式おすすめの折りたたみ傘です。', 'marketplace-trademark'),
    ('ja', '公式LINEに登録すると会員番号を発行、次回使えるクーポンをお届けします。', 'data-collection'),
    ('ja', 'ご満足いただけましたら、レビューで応援してください。', 'review-positive'),
    ('it', 'Se il cuscino ti è piaciuto, una recensione ci renderebbe felicissimi!', 'review-positive'),
    ('it', 'Per favore, non penalizzarci con una stella per colpa del corriere.', 'review-positive'),
    ('it', 'Non punirci con due stelle per il ritardo: la consegna non dipende da noi.', 'review-positive'),
    ('it', 'Inviaci tramite i messaggi di Amazon il nome con cui hai pubblicato la recensione.', 'data-collection'),
    ('it', 'Unisciti al gruppo Facebook «Amici del Pane» per ricette e consigli.', 'marketing'),
    # fifth round: the reviewer's name asked for even through Amazon messaging; the defect named by a pronoun;
    # a low mark as punishment; selling direct without the marketplace's cut
    ('es', 'Envíenos por la mensajería de Amazon el nombre con el que publicó su opinión y activamos la garantía.', 'data-collection'),
    ('es', 'Cuando publiques tu reseña, mándanos por Amazon el nombre con el que la firmaste.', 'data-collection'),
    ('es', 'Si nota un pequeño arañazo, por favor no lo refleje en su reseña.', 'review-positive'),
    ('es', 'Preferimos que no lo comentes en tu opinión de Amazon, es algo normal.', 'review-positive'),
    ('es', 'Por favor, no nos castigue con una estrella por el retraso del transportista.', 'review-positive'),
    ('es', 'No nos penalices con dos estrellas: la tardanza es cosa de la mensajería.', 'review-positive'),
    ('es', 'En nuestro canal de Telegram vendemos directamente, sin comisiones de Amazon.', 'offsite-diversion'),
    ('es', 'Escanea el código QR, introduce tu número de pedido y descarga el e-book gratis.', 'data-collection'),
    ('es', 'Olvídate de los mensajes de Amazon: mándanos por correo tu número de pedido y tu teléfono.', 'data-collection'),
    ('es', 'Escanea el QR, rellena tu nombre, email y número de pedido y te enviamos la guía de recetas.', 'data-collection'),
    ('es', 'Para recibir el manual ampliado, mándanos tu número de pedido y tu teléfono a soporte@casa.example.', 'data-collection'),
    ('es', 'Regístrate en nuestra web con tu número de pedido para activar la garantía extendida.', 'data-collection'),
    ('es', 'Mándanos tu nombre y tu correo para enviarte el regalo.', 'data-collection'),
    ('es', 'Indícanos un correo electrónico de contacto y te enviamos el manual.', 'data-collection'),
    ('es', 'Para activar la garantía, regístrate en nuestra web con tu número de pedido.', 'data-collection'),
    ('es', 'Síguenos en nuestro canal de Telegram para trucos y recetas.', 'marketing'),
    ('es', '[Producto Elegido por Amazon]', 'marketplace-trademark'),
    ('es', 'Sello de calidad Amazon Prime', 'marketplace-trademark'),
    ('es', 'Vendedor oficial certificado por Amazon', 'marketplace-trademark'),
    ('es', 'Calidad certificada por Amazon', 'marketplace-trademark'),
    ('es', 'Proveedor oficial de Amazon Prime', 'marketplace-trademark'),
    ('es', 'Nº1 en ventas en Amazon', 'marketplace-trademark'),
    ('es', 'Escanea el QR y chatea con nosotros por WhatsApp.', 'offsite-contact'),
    ('es', 'Agréganos en WeChat para soporte directo.', 'offsite-contact'),
    ('es', 'Escríbenos por WhatsApp al +34 600 000 000 para cualquier duda.', 'offsite-contact'),
    ('es', 'Escanea el código y chatea con nuestro equipo en WhatsApp.', 'offsite-contact'),
    ('es', '¿Pensando en ponernos menos de cinco estrellas? Habla antes con nosotros.', 'review-gating'),
    ('es', 'Antes de escribir nada en Amazon, chatea con nosotros y lo arreglamos.', 'review-gating'),
    ('es', 'No menciones la costura suelta en tu reseña: escríbenos y te mandamos otra funda.', 'review-gating'),
    ('es', '¿Contento? Deja tu reseña en Amazon. ¿No tanto? Escríbenos primero.', 'review-gating'),
    ('es', '¿Te encanta? → Reseña en Amazon. ¿Algo falla? → Escríbenos a nosotros.', 'review-gating'),
    ('es', 'Si algo no le ha convencido, por favor no nos juzgue en Amazon sin hablar antes con nosotros.', 'review-gating'),
    ('es', '¿Todo perfecto? Nos encantaría leerte en Amazon. ¿Algo no fue bien? Escríbenos antes y lo resolvemos.', 'review-gating'),
    ('es', 'Si piensas ponernos menos de cinco estrellas, danos primero la oportunidad de arreglarlo por email.', 'review-gating'),
    ('es', 'Antes de valorar, cuéntanos tu experiencia por correo: info@casa.example', 'review-gating'),
    ('es', 'Por favor, no dejes una mala reseña: llámanos y lo solucionamos.', 'review-gating'),
    ('es', 'P.D.: los que nos dejan reseña reciben una funda de regalo. Escríbenos por Amazon.', 'review-incentive'),
    ('es', '¿Reseña con foto? Te mandamos un código del 20 % para tu próxima compra.', 'review-incentive'),
    ('es', 'Todo el que publique su opinión recibe un set de pajitas de acero.', 'review-incentive'),
    ('es', 'Envíanos el nombre con el que firmaste la reseña y te llega un regalo.', 'review-incentive'),
    ('es', 'Por cada reseña que recibimos, plantamos un árbol en la Amazonía.', 'review-incentive'),
    ('es', 'No menciones esta tarjeta en tu reseña, por favor.', 'review-incentive'),
    ('es', 'PD: por tu opinión en Amazon te llevas un 15 % en tu próximo pedido.', 'review-incentive'),
    ('es', 'Sube una foto con tu reseña y te enviamos un segundo juego de cuchillas.', 'review-incentive'),
    ('es', 'Por cada opinión publicada donamos 1 € a una protectora de animales.', 'review-incentive'),
    ('es', 'Dinos el nombre de usuario con el que publicaste tu reseña y te mandamos un regalo.', 'review-incentive'),
    ('es', 'Todos nuestros reseñadores reciben una taza de edición limitada.', 'review-incentive'),
    ('es', 'Comparte tu opinión en Amazon y participa en el sorteo de un patinete.', 'review-incentive'),
    ('es', 'Si vas a opinar en Amazon, te pedimos que seas amable con nosotros: somos una tienda pequeña.', 'review-positive'),
    ('es', 'Por favor, mantén tu reseña en positivo, nos juegas mucho.', 'review-positive'),
    ('es', 'Cuéntales a todos en tu reseña lo fácil que fue montarla.', 'review-positive'),
    ('es', 'Si algo no te convence, avísanos y lo convertimos en un 5.', 'review-positive'),
    ('es', 'Cada reseña de cinco estrellas = más productos chulos como este.', 'review-positive'),
    ('es', '¿Te ha gustado? Cuéntalo en Amazon. ¿Algún problema? También puedes decírnoslo por mensaje de Amazon.', 'review-positive'),
    ('es', 'Una reseña de cinco estrellas nos ayuda a seguir creciendo.', 'review-positive'),
    ('es', 'Nos ayudaría muchísimo que destacaras en tu opinión la calidad del acero.', 'review-positive'),
    ('es', 'Si te ha gustado, regálanos tus estrellitas en Amazon.', 'review-positive'),
    ('es', 'Menciona en tu reseña lo bien que huele.', 'review-positive'),
    ('es', 'Valóranos con la nota más alta si crees que lo merecemos.', 'review-positive'),
    ('es', 'Tras el cambio, te invitamos a revisar tu reseña en Amazon.', 'review-removal'),
    ('es', 'Te hacemos el reembolso en cuanto desaparezca la reseña de una estrella.', 'review-removal'),
    ('es', 'Cuando te llegue el repuesto, cambia tu estrella por cinco, porfa.', 'review-removal'),
    ('es', '¿Nos darías la oportunidad de que actualices tu valoración cuando lo pruebes de nuevo?', 'review-removal'),
    ('es', '¿Podrías echarle otro vistazo a tu reseña ahora que todo funciona?', 'review-removal'),
    ('es', 'Si ya estás contento con el cambio, ¿te importaría actualizar tu opinión?', 'review-removal'),
    ('es', 'Le reembolsamos el 100 % en cuanto retire su valoración negativa.', 'review-removal'),
    ('es', 'Cuando recibas la pieza nueva, sube tu valoración a cinco estrellas.', 'review-removal'),
    ('it', "Scansiona il codice QR, inserisci il numero d'ordine e scarica l'e-book gratuito.", 'data-collection'),
    ('it', "Lascia perdere i messaggi Amazon: mandaci per e-mail il numero d'ordine e il tuo telefono.", 'data-collection'),
    ('it', "Inquadra il QR, inserisci nome, e-mail e numero d'ordine e ti inviamo il ricettario.", 'data-collection'),
    ('it', "Per ricevere il manuale completo mandaci numero d'ordine e telefono a supporto@casa.example.", 'data-collection'),
    ('it', "Registrati sul nostro sito con il numero d'ordine per attivare la garanzia estesa.", 'data-collection'),
    ('it', "Per attivare la garanzia registrati sul nostro sito con il numero d'ordine.", 'data-collection'),
    ('it', 'Seguici sul nostro canale Telegram per trucchi e ricette.', 'marketing'),
    ('it', '[Prodotto scelto da Amazon]', 'marketplace-trademark'),
    ('it', 'Marchio di qualità Amazon Prime', 'marketplace-trademark'),
    ('it', 'Venditore ufficiale certificato da Amazon', 'marketplace-trademark'),
    ('it', 'Qualità certificata da Amazon', 'marketplace-trademark'),
    ('it', 'Fornitore ufficiale Amazon Prime', 'marketplace-trademark'),
    ('it', 'N.1 nelle vendite su Amazon', 'marketplace-trademark'),
    ('it', 'Prodotto raccomandato da Amazon', 'marketplace-trademark'),
    ('it', 'Inquadra il QR e chatta con noi su WhatsApp.', 'offsite-contact'),
    ('it', "Aggiungici su WeChat per l'assistenza diretta.", 'offsite-contact'),
    ('it', 'Scrivici su WhatsApp al +39 333 000 0000 per qualsiasi dubbio.', 'offsite-contact'),
    ('it', 'Inquadra il codice e chatta con il nostro team su WhatsApp.', 'offsite-contact'),
    ('it', 'Aggiungici su Telegram: @casa_assistenza', 'offsite-contact'),
    ('it', 'Stai pensando di darci meno di cinque stelle? Parlane prima con noi.', 'review-gating'),
    ('it', 'Prima di scrivere qualsiasi cosa su Amazon, scrivici in chat e sistemiamo tutto.', 'review-gating'),
    ('it', "Non citare la cucitura scucita nella recensione: scrivici e ti mandiamo un'altra fodera.", 'review-gating'),
    ('it', 'Soddisfatto? Lascia una recensione su Amazon. Non del tutto? Contattaci prima.', 'review-gating'),
    ('it', 'Ti piace? → Recensione su Amazon. Qualcosa non va? → Scrivi a noi.', 'review-gating'),
    ('it', "Se qualcosa non l'ha convinta, la preghiamo di non giudicarci su Amazon senza averci prima contattato.", 'review-gating'),
    ('it', 'Tutto perfetto? Ci farebbe piacere leggerti su Amazon. Qualcosa non è andato? Scrivici prima e risolviamo.', 'review-gating'),
    ('it', 'Se stai pensando di darci meno di cinque stelle, dacci prima la possibilità di rimediare via e-mail.', 'review-gating'),
    ('it', 'Prima di recensire, raccontaci la tua esperienza via e-mail: info@casa.example', 'review-gating'),
    ('it', 'Per favore non lasciare una recensione negativa: chiamaci e sistemiamo tutto.', 'review-gating'),
    ('it', 'P.S.: chi ci lascia una recensione riceve in omaggio una custodia. Scrivici tramite Amazon.', 'review-incentive'),
    ('it', 'Recensione con foto? Ti mandiamo un codice sconto del 20 % per il prossimo ordine.', 'review-incentive'),
    ('it', 'Tutti quelli che pubblicano la loro opinione ricevono un set di cannucce in acciaio.', 'review-incentive'),
    ('it', 'Mandaci il nome con cui hai firmato la recensione e ti arriva un regalo.', 'review-incentive'),
    ('it', 'Per ogni recensione ricevuta piantiamo un albero.', 'review-incentive'),
    ('it', 'Ti chiediamo di non menzionare questa iniziativa nella recensione.', 'review-incentive'),
    ('it', 'PS: con la tua opinione su Amazon ti spetta uno sconto del 15 % sul prossimo ordine.', 'review-incentive'),
    ('it', 'Carica una foto con la tua recensione e ti spediamo un secondo set di lame.', 'review-incentive'),
    ('it', 'Per ogni opinione pubblicata doniamo 1 € a un canile.', 'review-incentive'),
    ('it', 'Dicci il nome utente con cui hai pubblicato la recensione e ti mandiamo un regalo.', 'review-incentive'),
    ('it', 'Tutti i nostri recensori ricevono una tazza in edizione limitata.', 'review-incentive'),
    ('it', "Condividi la tua opinione su Amazon e partecipa all'estrazione di un monopattino.", 'review-incentive'),
    ('it', 'Se scrivi una recensione su Amazon, sii gentile con noi: siamo un piccolo laboratorio.', 'review-positive'),
    ('it', 'Ti chiediamo di mantenere la recensione positiva, per noi conta tantissimo.', 'review-positive'),
    ('it', 'Racconta nella recensione quanto è stato facile montarla.', 'review-positive'),
    ('it', 'Se qualcosa non ti convince, avvisaci e lo trasformiamo in un 5.', 'review-positive'),
    ('it', 'Ogni recensione a cinque stelle = più prodotti belli come questo.', 'review-positive'),
    ('it', 'Una recensione a cinque stelle ci aiuta a crescere.', 'review-positive'),
    ('it', "Ci aiuterebbe tantissimo se nella tua opinione sottolineassi la qualità dell'acciaio.", 'review-positive'),
    ('it', 'Se ti è piaciuto, regalaci le tue stelline su Amazon.', 'review-positive'),
    ('it', 'Valutaci con il voto più alto se pensi che ce lo meritiamo.', 'review-positive'),
    ('it', 'Dopo la sostituzione, ti invitiamo a rivedere la tua recensione su Amazon.', 'review-removal'),
    ('it', 'Il rimborso parte appena sparisce la recensione a una stella.', 'review-removal'),
    ('it', 'Quando ricevi il ricambio, porta la tua stella a cinque, per favore.', 'review-removal'),
    ('it', "Ci daresti l'occasione di aggiornare la tua valutazione dopo averlo riprovato?", 'review-removal'),
    ('it', "Potresti dare un'altra occhiata alla tua recensione ora che tutto funziona?", 'review-removal'),
    ('it', 'Se ora sei soddisfatto della sostituzione, ti dispiacerebbe aggiornare la tua opinione?', 'review-removal'),
    ('it', 'Le rimborsiamo il 100 % non appena ritira la sua valutazione negativa.', 'review-removal'),
    ('it', 'Quando ricevi il pezzo nuovo, alza il voto a cinque stelle.', 'review-removal'),
    ('ja', 'QRコードを読み取り、注文番号を入力すると電子書籍を無料でダウンロードできます。', 'data-collection'),
    ('ja', 'Amazonのメッセージではなく、注文番号と電話番号をメールでお送りください。', 'data-collection'),
    ('ja', 'QRコードから注文番号を登録すると、限定レシピ集がダウンロードできます。', 'data-collection'),
    ('ja', 'Amazonを介さず、お名前・ご住所・電話番号を下記メールまでお送りください。', 'data-collection'),
    ('ja', '保証を受けるには、当社サイトでお名前とメールアドレスのご登録が必要です。', 'data-collection'),
    ('ja', 'LINEに接続して、注文番号とお名前を送ってください。', 'data-collection'),
    ('ja', 'Pinterestでも作品を公開中！メルマガ登録はこちらから。', 'data-collection'),
    ('ja', '専用アプリを起動して会員登録すると、保証が2年に延長されます。', 'data-collection'),
    ('ja', '会員登録の際は、パスワードとメールアドレスをご入力ください。', 'data-collection'),
    ('ja', 'サポートサイトに接続し、お名前と電話番号をご登録ください。', 'data-collection'),
    ('ja', 'LINE公式アカウントをフォローしてね！', 'marketing'),
    ('ja', 'LINE公式アカウントを友だち追加して、最新情報を受け取ろう！', 'marketing'),
    ('ja', '【Amazonランキング1位】', 'marketplace-trademark'),
    ('ja', "Amazon限定モデル・Amazon's Choice獲得", 'marketplace-trademark'),
    ('ja', 'プライム認定品質の安心設計', 'marketplace-trademark'),
    ('ja', 'Amazonベストセラー受賞ブランド', 'marketplace-trademark'),
    ('ja', 'ｱﾏｿﾞﾝ推薦品', 'marketplace-trademark'),
    ('ja', 'AMAZONチョイス商品', 'marketplace-trademark'),
    ('ja', 'Amazon公認の高品質モデル', 'marketplace-trademark'),
    ('ja', 'アマゾン売れ筋ランキング第1位獲得', 'marketplace-trademark'),
    ('ja', 'Amazonプライム認定商品', 'marketplace-trademark'),
    ('ja', "Amazon's Choice 受賞", 'marketplace-trademark'),
    ('ja', 'QRコードを読み取ってLINEでお気軽にご相談ください。', 'offsite-contact'),
    ('ja', 'WhatsAppでお問い合わせください。', 'offsite-contact'),
    ('ja', 'お困りのことはLINEでお気軽にどうぞ！ID：@home_help', 'offsite-contact'),
    ('ja', 'WeChatで友だち追加してね。', 'offsite-contact'),
    ('ja', '星4以下をお考えの方は、まずは私たちにご相談ください。', 'review-gating'),
    ('ja', 'Amazonに何か書く前に、まずはLINEでお話しください。', 'review-gating'),
    ('ja', 'レビューでは縫い目のほつれには触れないでください。ご連絡いただければ新しいカバーをお送りします。', 'review-gating'),
    ('ja', 'ご満足いただけましたか？はい→Amazonでレビューを。いいえ→まずはご連絡を。', 'review-gating'),
    ('ja', '気に入った方はレビューへ、不具合のある方はメールでご連絡ください。', 'review-gating'),
    ('ja', 'ご満足いただけなかった場合は、Amazonで評価される前に、まずは当店までご連絡ください。', 'review-gating'),
    ('ja', 'いかがでしたか？気に入ったらAmazonでレビューを、気になる点があればメールでお知らせください。', 'review-gating'),
    ('ja', '星を減らす前に、一度だけ私たちにチャンスをください。LINEでご相談を。', 'review-gating'),
    ('ja', '評価をつけるのは、お問い合わせいただいた後でお願いします。', 'review-gating'),
    ('ja', '悪い口コミは書かずに、直接ご連絡いただければ全額返金します。', 'review-gating'),
    ('ja', '追伸：レビューを書いてくださった方には、もれなく収納ポーチを差し上げます。', 'review-incentive'),
    ('ja', '写真付きレビューで次回使える20%オフクーポンをプレゼント！', 'review-incentive'),
    ('ja', 'レビュー投稿者全員にステンレスストローセットをお届けします。', 'review-incentive'),
    ('ja', 'レビューのニックネームを教えていただいた方にプレゼントをお送りします。', 'review-incentive'),
    ('ja', 'レビュー1件につき、苗木を1本植樹します。', 'review-incentive'),
    ('ja', 'P.S. レビューを書いてくれた方には、ささやかなお礼を用意しています。', 'review-incentive'),
    ('ja', '写真付きでレビューを投稿された方に、替えブラシを1本お送りします。', 'review-incentive'),
    ('ja', 'レビュー1件ごとに、保護犬団体へ100円を寄付します。', 'review-incentive'),
    ('ja', 'レビューを投稿した際のお名前をメッセージで教えていただければ、プレゼントをお送りします。', 'review-incentive'),
    ('ja', 'レビューをくださった皆様に、次回使える500円クーポンを差し上げます。', 'review-incentive'),
    ('ja', 'レビューを書かれる際は、どうかお手柔らかにお願いします。', 'review-positive'),
    ('ja', '小さなお店なので、優しいレビューをいただけると嬉しいです。', 'review-positive'),
    ('ja', 'レビューでは組み立ての簡単さについてぜひ書いてください。', 'review-positive'),
    ('ja', 'ご不満があればお知らせください。星5にしてみせます！', 'review-positive'),
    ('ja', '星5のレビュー＝もっと良い商品づくりにつながります。', 'review-positive'),
    ('ja', '個人で運営している小さなお店です。どうか温かい目でレビューしていただけると嬉しいです。', 'review-positive'),
    ('ja', '満点の評価をいただけると、スタッフ一同の励みになります。', 'review-positive'),
    ('ja', 'レビューの際は、収納力の高さにもぜひ触れていただけると嬉しいです。', 'review-positive'),
    ('ja', '気に入っていただけたら、星をたくさんつけてね！', 'review-positive'),
    ('ja', '交換後、レビューを見直していただけますと幸いです。', 'review-removal'),
    ('ja', '星1のレビューが消えたことを確認次第、返金いたします。', 'review-removal'),
    ('ja', '交換品が届いたら、星1を星5に変えてくださいね。', 'review-removal'),
    ('ja', '再度お試しのうえ、評価を更新していただけないでしょうか。', 'review-removal'),
    ('ja', '交換品で問題が解決しましたら、レビューの内容を改めてご検討いただけますと幸いです。', 'review-removal'),
    ('ja', '低評価を取り消していただけた方には、全額返金いたします。', 'review-removal'),
    ('ja', '新しい部品が届いたら、星の数を見直してもらえると嬉しいです。', 'review-removal'),
    ('ja', 'レビューを再投稿していただけませんか？', 'review-removal'),
    # whole cards: a brand line, care text, then the wording
    ('es', 'BAMBÚ NATURA · Cepillos de dientes\n¡Gracias por cuidar el planeta con nosotros!\n¿Te encantan? 🌿 Cuéntalo en Amazon.\n¿Algo no va bien? 📩 Escríbenos a hola@bambu.example y lo solucionamos.', 'review-gating'),
    ('es', 'COCINA VIVA\nOferta exclusiva para clientes: 20 % en nuestra web con el código VIVA20.\ncocinaviva.example', 'offsite-diversion'),
    ('es', 'Pide tus recambios directamente en nuestra tienda online y ahórrate la comisión de Amazon.', 'offsite-diversion'),
    ('es', 'PD: Si nos dejas tu reseña, escríbenos y te enviamos la funda de viaje. 😉', 'review-incentive'),
    ('es', '¿Has subido un vídeo a tu reseña? Mándanos el enlace y te regalamos un mes extra de garantía.', 'review-incentive'),
    ('es', 'Sorteamos cada mes un robot de cocina entre los clientes que valoren su compra.', 'review-incentive'),
    ('es', 'Síguenos en Instagram @cocinaviva para recetas y sorteos.', 'marketing'),
    ('es', 'Para el soporte técnico agréganos en WhatsApp: +34 611 222 333.', 'offsite-contact'),
    ('es', 'Únete a nuestro club VIP dejando tu email en la web y recibe un 10 % de descuento.', 'data-collection'),
    ('es', 'BAMBÚ NATURA\nSi el cepillo te ha gustado, nos harías muy felices con una reseña en Amazon.\n¡Gracias!', 'review-positive'),
    ('es', 'Por favor, que tu valoración refleje el esfuerzo que ponemos en cada pedido: 5 estrellas nos salvan.', 'review-positive'),
    ('es', 'Si tu reseña es de menos de 5 estrellas, danos antes la oportunidad de mejorar.', 'review-gating'),
    ('it', "CASA OLIVO · Tagliere in legno d'ulivo\nTi piace? 🌿 Raccontalo su Amazon.\nQualcosa non va? 📩 Scrivici a ciao@olivo.example e risolviamo.", 'review-gating'),
    ('it', 'Offerta esclusiva per i clienti: 20 % sul nostro sito con il codice OLIVO20.\nolivo.example', 'offsite-diversion'),
    ('it', 'Ordina i ricambi direttamente nel nostro negozio online e risparmi la commissione di Amazon.', 'offsite-diversion'),
    ('it', 'PS: se ci lasci una recensione, scrivici e ti mandiamo la custodia da viaggio. 😉', 'review-incentive'),
    ('it', 'Hai caricato un video nella recensione? Mandaci il link e ti regaliamo un mese in più di garanzia.', 'review-incentive'),
    ('it', 'Ogni mese estraiamo un robot da cucina tra i clienti che valutano il loro acquisto.', 'review-incentive'),
    ('it', 'Seguici su Instagram @casaolivo per ricette e giveaway.', 'marketing'),
    ('it', "Per l'assistenza tecnica aggiungici su WhatsApp: +39 333 222 1111.", 'offsite-contact'),
    ('it', 'Entra nel nostro club VIP lasciando la tua e-mail sul sito e ricevi il 10 % di sconto.', 'data-collection'),
    ('it', 'CASA OLIVO\nSe il tagliere ti è piaciuto, ci renderesti felicissimi con una recensione su Amazon.\nGrazie!', 'review-positive'),
    ('it', 'Se la tua recensione sarebbe sotto le 5 stelle, dacci prima la possibilità di migliorare.', 'review-gating'),
    ('ja', '竹の歯ブラシ BAMBOO\n気に入ったら🌿Amazonでレビューを！\nイマイチだったら📩 hello@bamboo.example までご連絡ください。', 'review-gating'),
    ('ja', 'お客様限定：公式サイトでクーポンコードVIVA20を入力すると20%オフ！', 'offsite-diversion'),
    ('ja', '替えパーツは公式オンラインショップから直接ご注文いただくとお得です。', 'offsite-diversion'),
    ('ja', '追伸：レビューを書いてくださったら、ご連絡ください。旅行用ポーチをお送りします😉', 'review-incentive'),
    ('ja', '動画付きレビューを投稿された方は、URLをお送りいただくと保証期間を1ヶ月延長します。', 'review-incentive'),
    ('ja', '毎月、ご購入品を評価してくださったお客様の中から抽選でフードプロセッサーが当たります。', 'review-incentive'),
    ('ja', 'Instagram（@bamboo_jp）でレシピやキャンペーン情報を発信中！フォローしてね。', 'marketing'),
    ('ja', '技術サポートはWhatsApp（+81 90-1234-5678）で承ります。', 'offsite-contact'),
    ('ja', '公式サイトでメールアドレスを登録してVIPクラブに入会すると10%オフ。', 'data-collection'),
    ('ja', '気に入っていただけましたら、Amazonでのレビューで応援していただけると大変嬉しいです。', 'review-positive'),
    ('ja', '星5以外のレビューをお考えでしたら、その前に改善のチャンスをください。', 'review-gating'),
    # language left to detection ("auto"): ASCII-only print, caption cards, Japanese among Latin
    ('auto', 'Dejanos una resena de 5 estrellas y te regalamos un cupon de 10 EUR.', 'review-incentive'),
    ('auto', 'Si no estas contento, escribenos antes de valorar en Amazon.', 'review-gating'),
    ('auto', 'Cuando recibas el recambio, podrias cambiar tu valoracion a 5 estrellas?', 'review-removal'),
    ('auto', 'Lasciaci una recensione a 5 stelle e ti regaliamo un buono da 10 euro.', 'review-incentive'),
    ('auto', 'Se non sei soddisfatto, scrivici prima di lasciare una recensione su Amazon.', 'review-gating'),
    ('auto', 'Quando ricevi il ricambio, potresti modificare la tua recensione?', 'review-removal'),
    ('auto', 'VITA SPORT\nReseña 5⭐ = regalo 🎁', 'review-incentive'),
    ('auto', 'FORNELLO\nRecensione 5⭐ = omaggio 🎁', 'review-incentive'),
    ('auto', 'SORA BUDS Pro (Model SB-200) / Bluetooth 5.3\nAmazonで★5レビューを書いてくれたらAmazonギフト券500円をプレゼント！', 'review-incentive'),
    ('auto', 'Follow us on Instagram @sora_buds_jp ＆ LINEで友だち追加してね', 'marketing'),
    ('auto', 'ＡＭＡＺＯＮ ＣＨＯＩＣＥ獲得！', 'marketplace-trademark'),
    # a good result asked about, answered at once by a review request; pleas under the top mark
    ('es', '¿El pan te quedó crujiente por fuera y tierno por dentro? Entonces ya sabes dónde contarlo: Amazon.', 'review-positive'),
    ('es', '¿Por fin duermes de un tirón? Cuéntaselo a otros padres en Amazon.', 'review-positive'),
    ('es', '¿Las plantas han crecido sanas y verdes? Déjanos unas palabras en Amazon.', 'review-positive'),
    ('es', '¿Ha notado la espalda más descansada? Nos encantaría leerlo en su opinión de Amazon.', 'review-positive'),
    ('es', 'Si la mochila aguantó toda la ruta, regálanos unas líneas en Amazon.', 'review-positive'),
    ('es', '¿Cumplió lo que prometíamos? ⭐⭐⭐⭐⭐ → Amazon', 'review-positive'),
    ('es', 'Para una tienda familiar como la nuestra, cada estrella de menos duele. Piénsatelo antes de valorar.', 'review-positive'),
    ('es', 'Una reseña de tres estrellas es casi un suspenso para nosotros, ¡ayúdanos!', 'review-positive'),
    ('it', 'Il pane ti è venuto croccante fuori e morbido dentro? Allora sai dove raccontarlo: Amazon.', 'review-positive'),
    ('it', 'Finalmente dormi tutta la notte? Raccontalo agli altri genitori su Amazon.', 'review-positive'),
    ('it', 'Le piante sono cresciute sane e verdi? Lasciaci due parole su Amazon.', 'review-positive'),
    ('it', 'Ha sentito la schiena più riposata? Ci farebbe piacere leggerlo nella sua recensione su Amazon.', 'review-positive'),
    ('it', 'Se lo zaino ha retto tutto il percorso, regalaci qualche riga su Amazon.', 'review-positive'),
    ('it', 'Ha mantenuto quello che promettevamo? ⭐⭐⭐⭐⭐ → Amazon', 'review-positive'),
    ('it', 'Per una piccola bottega come la nostra ogni stella in meno fa male. Pensaci prima di valutare.', 'review-positive'),
    ('it', 'Una recensione da tre stelle per noi è quasi una bocciatura, aiutaci!', 'review-positive'),
    ('ja', 'パンは外はカリッと中はふんわり焼けましたか？その感動をぜひAmazonで！', 'review-positive'),
    ('ja', '朝までぐっすり眠れるようになりましたか？同じ悩みのパパママのために、Amazonで教えてください。', 'review-positive'),
    ('ja', '植物は元気に育っていますか？よろしければAmazonにひと言お願いします。', 'review-positive'),
    ('ja', '腰の疲れが軽くなったと感じたら、Amazonのレビューでお知らせください。', 'review-positive'),
    ('ja', 'リュックは最後まで頑張ってくれましたか？★★★★★ → Amazon', 'review-positive'),
    ('ja', '家族経営の小さなお店なので、星が1つ減るだけでも大きな痛手です。評価の前に少しだけ思い出してください。', 'review-positive'),
    ('ja', '星3つのレビューは、私たちにとってはほぼ不合格と同じです。', 'review-positive'),
    ('es', '¿Por fin duermes de un tirón? Cuéntaselo a otros padres en Amazon.', 'review-positive'),
    ('it', 'Finalmente dormi tutta la notte? Raccontalo agli altri genitori su Amazon.', 'review-positive'),
    # chat apps as the data channel or the seller's channel; more Amazon badges
    ('ja', 'LINEで友だち追加後、注文番号を送信してください。', 'data-collection'),
    ('ja', 'QRコードからLINEの友だち追加をして、トークで注文番号を送ってね！', 'data-collection'),
    ('ja', 'お問い合わせはLINE公式アカウントのトーク画面からどうぞ。', 'offsite-contact'),
    ('ja', 'カカオトークでもご相談を承ります。', 'offsite-contact'),
    ('ja', '電子書籍をご希望の方は、フォームに注文番号とメールアドレスをご入力ください。', 'data-collection'),
    ('ja', 'ご購入者様限定の特典をお受け取りいただくには、会員登録が必要です。', 'data-collection'),
    ('ja', 'Amazon推奨のスタンダードモデル', 'marketplace-trademark'),
    ('ja', 'Amazonランキング常連の人気商品', 'marketplace-trademark'),
    ('ja', 'アマゾンで一番売れているブランド', 'marketplace-trademark'),
    ('es', 'Agréganos en WhatsApp y mándanos tu número de pedido para recibir el e-book.', 'data-collection'),
    ('es', 'Escanea el QR, abre el chat de Telegram y escríbenos tu número de pedido.', 'data-collection'),
    ('es', 'Síguenos en Instagram y envíanos un DM con tu número de pedido.', 'data-collection'),
    ('es', 'Marca recomendada por Amazon España', 'marketplace-trademark'),
    ('es', 'Elegido por Amazon como producto destacado', 'marketplace-trademark'),
    ('es', 'El más vendido de Amazon en su categoría', 'marketplace-trademark'),
    ('it', "Aggiungici su WhatsApp e mandaci il numero d'ordine per ricevere l'e-book.", 'data-collection'),
    ('it', "Inquadra il QR, apri la chat Telegram e scrivici il numero d'ordine.", 'data-collection'),
    ('it', "Seguici su Instagram e mandaci un DM con il numero d'ordine.", 'data-collection'),
    ('it', 'Marchio consigliato da Amazon Italia', 'marketplace-trademark'),
    ('it', 'Scelto da Amazon come prodotto in evidenza', 'marketplace-trademark'),
    ('it', 'Il più venduto su Amazon nella sua categoria', 'marketplace-trademark'),
    # casual register: てね/ちゃう, porfa, please, emoji
    ('ja', 'レビュー書いてくれたら、おまけのシール送っちゃうね♪', 'review-incentive'),
    ('ja', '星5つけてくれた人には、次回10%オフのクーポンあげる！', 'review-incentive'),
    ('ja', 'レビューしてくれた人全員にサンプルをプレゼント中！', 'review-incentive'),
    ('ja', '低評価、やっぱり消してもらえないかな…？', 'review-removal'),
    ('ja', '交換したら、星1のままじゃなくて星5にしてくれると嬉しいな。', 'review-removal'),
    ('ja', 'もし満足できなかったら、レビューの前にDMしてね！', 'review-gating'),
    ('ja', 'イヤだったことはレビューじゃなくて、こっそりLINEで教えて！', 'review-gating'),
    ('ja', '星5だと、すっごく嬉しいです！', 'review-positive'),
    ('es', 'Si te encanta, ¡5 estrellitas porfa! 🙏', 'review-positive'),
    ('es', '¿Nos das las 5? Nos harías el día.', 'review-positive'),
    ('es', 'Oye, ¿y si quitas esa estrella solitaria ahora que ya funciona? 😅', 'review-removal'),
    ('es', 'Los que nos valoran se llevan sorpresa en el siguiente pedido 😉', 'review-incentive'),
    ('it', 'Se ti piace, 5 stelline please! 🙏', 'review-positive'),
    ('it', 'Ci dai il massimo? Ci svolteresti la giornata.', 'review-positive'),
    ('it', 'Dai, togli quella stellina solitaria ora che funziona? 😅', 'review-removal'),
    ('it', 'Chi ci valuta riceve una sorpresa nel prossimo ordine 😉', 'review-incentive'),
    # seventh round: a soft "touch it up" on a review written before the fix (any change verb with a
    # clitic, "darle un repaso"); a badge word placed before "Amazon"; "descubre también nuestras …"
    ('es', 'Si ya escribiste una reseña antes de recibir el recambio, ¿podrías retocarla ahora?', 'review-removal'),
    ('es', 'Si llegaste a dejar una valoración cuando faltaba la tapa, ¿te animas a repasarla ahora que está completa?', 'review-removal'),
    ('es', 'En caso de que hayas publicado una opinión con el fallo anterior, corrígela cuando puedas, por favor.', 'review-removal'),
    ('es', '¿Y si le das un repaso a tu reseña ahora que el motor ya no hace ruido?', 'review-removal'),
    ('es', 'Ahora que la pieza nueva encaja, ¿te animarías a retocar tu opinión?', 'review-removal'),
    ('es', '⭐ Mejor Vendedor Amazon 2025 ⭐', 'marketplace-trademark'),
    ('es', 'Tienda premiada Amazon · Envío en 24 h', 'marketplace-trademark'),
    ('es', 'Marca del año Amazon España', 'marketplace-trademark'),
    ('es', 'Prueba además nuestra crema de manos de aloe.', 'marketing'),
    ('es', 'Y si te gusta el café, también te encantará nuestra prensa francesa.', 'marketing'),
    ('es', 'Si esta lámpara te ha conquistado, déjanos tu reseña en Amazon.', 'review-positive'),
    ('es', 'Tu opinión nos importa. Y si el termo te ha sacado una sonrisa, déjanos tu reseña en Amazon.', 'review-positive'),
    ('it', 'Se il cuscino ti ha fatto dormire meglio, raccontalo su Amazon.', 'review-positive'),
    ('it', 'Se ti ha fatto risparmiare tempo in cucina, dillo nella recensione!', 'review-positive'),
    ('it', 'Se la lampada ti ha reso le serate più piacevoli, scrivilo nella tua recensione.', 'review-positive'),
    ('it', 'Se il frullatore ti fa risparmiare tempo ogni mattina, mettilo nella tua recensione.', 'review-positive'),
    ('ja', '毎朝使って「買ってよかった」と思ったことを、ひとつだけでもレビューで教えてください。', 'review-positive'),
    ('ja', 'このマグを使って嬉しかったことを口コミでお聞かせください。', 'review-positive'),
    ('ja', '助かったことを、レビューでシェアしていただけると励みになります。', 'review-positive'),
    ('ja', '車中泊向けの新シリーズも近日登場！', 'marketing'),
    ('es', 'Si nos cuentas tu experiencia en Amazon, te regalamos unas fundas de almohada.', 'review-incentive'),
    ('es', 'Si compartes tu opinión en Amazon, te mandamos un vale de 5 €.', 'review-incentive'),
    ('ja', '新色がまもなく発売されます。お楽しみに。', 'marketing'),
]

CLEAN = [
    ('it', 'Manca un pezzo? ✘ Scrivici tramite i messaggi di Amazon.'),
    ('it', '✔ Spedizione veloce\n✔ Se hai un momento, lascia la tua recensione sincera su Amazon.'),
    ('it', 'Se il prodotto arriva rotto, noi mandare nuovo pezzo gratis. Scrivere a noi su messaggio Amazon.'),
    ('es', 'Si llega roto, nosotros enviar pieza nueva. Escribir por mensajería de Amazon.'),
    ('it', 'Su Amazon trovi il prezzo più basso della stagione.'),
    ('es', 'Amazon le ofrece el envío más barato que en otras tiendas.'),
    ('it', 'Acquista i ricambi dal nostro negozio Amazon: spediamo in 24 ore.'),
    ('es', '¿Le falta alguna pieza? ✘ Escríbanos por la mensajería de Amazon.'),
    ('es', 'Antes de escribir nada en la pizarra, límpiela con un paño seco.'),
    ('es', '✔ Envío rápido\n✔ Si tiene un momento, deje su opinión sincera en Amazon.'),
    ('ja', 'ご購入ありがとうございます。商品をいち早くお届けできるよう努めております。'),
    ('ja', '保証期間は1年間です。延長保証はございません。'),
    ('ja', 'ご注文内容を確認後、交換品をお送りいたします。'),
    ('ja', 'レビューは良い点も気になった点も、率直にお書きください。'),
    ('ja', 'ご登録内容の確認後、保証を1年延長いたします。'),
    ('it', 'Racconta su Amazon cosa ti è piaciuto e cosa no.'),
    ('it', 'Raccontaci quello che ti è piaciuto di più e quello che non ti è piaciuto nella recensione.'),
    ('it', 'La recensione è libera: scrivi la tua recensione e pubblicala quando vuoi.'),
    ('it', 'Condividi la gioia di cucinare con la tua famiglia.'),
    ('it', 'Il ritardo non compare nel tracciamento? Scrivici tramite i messaggi di Amazon.'),
    ('es', 'Nos encantaría saber lo que más te ha gustado y lo que menos, en tu reseña de Amazon.'),
    ('es', 'Cuéntanos en Amazon lo que te ha gustado y lo que no.'),
    ('es', 'Si el retraso no aparece en el seguimiento, escríbanos por la mensajería de Amazon.'),
    ('es', 'Su reseña no afecta a la garantía: la garantía de 2 años se mantiene.'),
    ('es', 'Comparte la alegría de cocinar en familia con nuestra receta.'),
    ('es', 'Recibirá la factura en su email de Amazon.'),
    ('it', 'Riceverai la fattura nella tua email di Amazon.'),
    ('it', 'Sul prossimo acquisto su Amazon troverai la nuova versione.'),
    ('es', 'Cuéntanos en tu reseña lo bueno y lo malo.'),
    ('it', 'Il nostro cuscino ha solo lati positivi: provalo!'),
    ('it', 'Raccontaci nella recensione pregi e difetti.'),
    ('ja', 'お手入れの際は星型の部品を下げる前に電源を切ってください。'),
    ('ja', 'レビューは良い点も悪い点も率直にお書きください。'),
    ('ja', '期待以上と感じる仕上がりを目指しています。'),
    ('es', 'Si la masa es de diez minutos, déjela reposar.'),
    ('it', 'Se hai dubbi, dillo a noi tramite la messaggistica di Amazon.'),
    ('es', 'Un hotel de cinco estrellas que se merece su fama, en casa.'),
    ('it', 'Un hotel a cinque stelle che merita la sua fama, a casa tua.'),
    ('it', 'Valuta da 1 a 5 stelle, come preferisci.'),
    ('it', 'Una stella o cinque stelle: la tua recensione sincera su Amazon aiuta tutti.'),
    ('es', 'Encuentra recambios en la tienda online de Amazon con un 10 % de descuento.'),
    ('ja', '先日はお問い合わせありがとうございました。Amazonでの対応にご満足いただけた場合は、出品者評価を更新していただくこともできます。'),
    ('ja', '本体裏のQRコードは製造番号です。修理の際に必要となりますので、剥がさないでください。'),
    ('ja', '会員番号は不要です。保証は購入日から1年間です。'),
    ('it', "Apri l'app e scansiona il codice QR sull'adesivo della telecamera."),
    ('it', 'La connessione avviene via Wi-Fi diretto: scansiona il codice QR sul retro del router.'),
    ('it', 'Il codice QR sul retro è il numero di serie: non staccarlo.'),
    ('it', 'Il ritardo del corriere non penalizza la garanzia di 2 anni.'),
    ('it', 'Unisciti a milioni di persone che dormono meglio.'),
    ('es', 'Su reseña aparecerá con el nombre público de su perfil de Amazon.'),
    ('es', 'Si el producto llega dañado, no lo use: escríbanos por la mensajería de Amazon.'),
    ('es', 'Vendemos directamente en Amazon a través de nuestra tienda Amazon.'),
    ('es', 'Fabricamos en España sin intermediarios y enviamos con Amazon.'),
    ('es', 'Marca Top Amazon 2026'),
    ('es', 'Si tienes un momento, nos encantaría leer tu opinión sincera en Amazon. Haz clic aquí: amazon.es/review/create-review'),
    ('es', 'Tu opinión sincera nos ayuda, tanto si nos das una estrella como cinco.'),
    ('es', 'Garantía de 2 años: conserve el ticket de compra.'),
    ('es', 'Escribe el nombre de tu perro y tu teléfono en la chapa con un rotulador permanente.'),
    ('es', '¿Dudas? Escríbenos por la mensajería de Amazon (Mis pedidos > Contactar con el vendedor).'),
    ('es', 'Lava la funda a 30 °C y no uses secadora.'),
    ('es', 'Si el producto llegó dañado, contáctanos a través de Amazon y te enviamos otro sin coste.'),
    ('es', 'Valora el producto en Amazon cuando quieras, nos ayuda a mejorar.'),
    ('es', 'Para activar la garantía no hace falta registrarse: basta con el pedido de Amazon.'),
    ('es', 'Sé amable con nuestro planeta: recicla la caja.'),
    ('es', 'Sé amable con tu piel: aplica la crema con suavidad.'),
    ('es', 'En tu reseña cuéntanos cómo te fue con la instalación.'),
    ('es', 'Quien escriba a nuestro servicio técnico recibe respuesta en 24 h.'),
    ('es', 'Te enviamos el código de seguimiento por la mensajería de Amazon.'),
    ('es', 'Antes de escribir nada, lee las instrucciones de montaje.'),
    ('es', 'Si te apetece, deja tu opinión sincera en Amazon: nos ayuda a mejorar. Gracias.'),
    ('es', 'Conserva la factura o el correo de confirmación de Amazon como justificante de compra para la garantía.'),
    ('es', '¿Algún problema? Escríbenos desde Mis pedidos en Amazon y te respondemos en 24 h.'),
    ('es', 'Graba el nombre de tu gato y tu teléfono en la placa identificativa.'),
    ('es', 'Oferta exclusiva: incluye dos recambios de regalo en la caja.'),
    ('es', 'Tu opinión, sea de una o de cinco estrellas, nos ayuda a mejorar.'),
    ('es', 'Gracias por las más de 2.000 reseñas de cinco estrellas que nos habéis dejado.'),
    ('es', 'Escanea el QR para ver el vídeo de montaje.'),
    ('es', 'Para conectar el robot a la app, introduce la contraseña de tu wifi.'),
    ('es', 'La garantía es de 3 años desde la fecha de entrega; no hace falta registrarse.'),
    ('es', 'Si el producto no cumple sus expectativas, puede devolverlo a través de Amazon en 30 días.'),
    ('es', 'Escríbenos por la mensajería de Amazon: te respondemos antes de 24 horas.'),
    ('es', 'No es necesario registrar el producto para activar la garantía.'),
    ('es', 'Para disfrutar de la garantía no necesitas registrarte: guarda el correo de confirmación de Amazon.'),
    ('es', 'La garantía se activa sola desde la entrega, sin registros.'),
    ('it', 'Se hai un momento, ci farebbe piacere leggere la tua opinione sincera su Amazon. Clicca qui: amazon.it/review/create-review'),
    ('it', 'La tua opinione sincera ci aiuta, che tu ci dia una stella o cinque.'),
    ('it', 'Garanzia di 2 anni: conserva lo scontrino.'),
    ('it', 'Scrivi il nome del tuo cane e il tuo numero di telefono sulla medaglietta con un pennarello indelebile.'),
    ('it', 'Domande? Scrivici tramite la messaggistica di Amazon (I miei ordini > Contatta il venditore).'),
    ('it', "Lava la fodera a 30 °C e non usare l'asciugatrice."),
    ('it', 'Se il prodotto è arrivato danneggiato, contattaci tramite Amazon e te ne mandiamo un altro gratis.'),
    ('it', 'Valuta il prodotto su Amazon quando vuoi, ci aiuta a migliorare.'),
    ('it', "Per attivare la garanzia non serve registrarsi: basta l'ordine Amazon."),
    ('it', "Sii gentile con l'ambiente: ricicla la scatola."),
    ('it', "Nella recensione raccontaci com'è andato il montaggio."),
    ('it', 'Chi scrive al nostro servizio clienti riceve risposta entro 24 ore.'),
    ('it', 'Se il pezzo non arriva, scrivici tramite Amazon e lo rispediamo.'),
    ('it', 'Porta la tazza a ebollizione e lasciala raffreddare.'),
    ('it', 'Dopo il reso, la recensione resta visibile: decidi tu.'),
    ('it', 'Se ti va, lascia la tua opinione sincera su Amazon: ci aiuta a migliorare. Grazie.'),
    ('it', "Conserva la fattura o l'e-mail di conferma di Amazon come prova d'acquisto per la garanzia."),
    ('it', 'Problemi? Scrivici da I miei ordini su Amazon e ti rispondiamo entro 24 ore.'),
    ('it', 'Incidi il nome del tuo gatto e il tuo numero sulla medaglietta.'),
    ('it', 'Offerta esclusiva: nella scatola trovi due ricambi in omaggio.'),
    ('it', 'La tua opinione, che sia da una o da cinque stelle, ci aiuta a migliorare.'),
    ('it', 'Grazie per le oltre 2.000 recensioni a cinque stelle che ci avete lasciato.'),
    ('it', 'Inquadra il QR per vedere il video di montaggio.'),
    ('it', "Per collegare il robot all'app, inserisci la password del tuo Wi-Fi."),
    ('it', 'La garanzia è di 2 anni dalla consegna; non serve alcuna registrazione.'),
    ('it', 'Se il prodotto non soddisfa le tue aspettative, puoi restituirlo tramite Amazon entro 30 giorni.'),
    ('it', 'Non è necessario registrare il prodotto per attivare la garanzia.'),
    ('it', "Per usufruire della garanzia non devi registrarti: conserva la conferma d'ordine Amazon."),
    ('it', 'La garanzia si attiva da sola dalla consegna, senza registrazione.'),
    ('ja', 'お時間があるときに、Amazonで率直なご感想をお聞かせいただけると嬉しいです。こちらから：amazon.co.jp/review/create-review'),
    ('ja', '星1でも星5でも、正直なご感想が私たちの改善につながります。'),
    ('ja', '保証期間は1年間です。購入証明書を大切に保管してください。'),
    ('ja', '迷子札に愛犬の名前と電話番号を油性ペンでご記入ください。'),
    ('ja', 'ご不明な点は、Amazonの注文履歴から「出品者に連絡する」でお問い合わせください。'),
    ('ja', 'カバーは30℃以下で手洗いしてください。'),
    ('ja', '初期不良の場合はAmazonからご連絡いただければ、無償で交換いたします。'),
    ('ja', 'Bluetoothをオンにして、スマホとペアリングしてください。'),
    ('ja', 'Wi-Fiに接続し、アプリの指示に従って初期設定を行ってください。'),
    ('ja', 'リモコンの電池を入れ、本体のセンサーに向けて操作してください。'),
    ('ja', '初期設定のパスワードは本体裏面のラベルに記載されています。'),
    ('ja', 'プライム会員の方は送料無料です。'),
    ('ja', 'よろしければ、Amazonで率直なご感想をお聞かせください。今後の商品づくりの参考にさせていただきます。'),
    ('ja', '商品に不具合がございましたら、Amazonの注文履歴から「出品者に連絡」よりご連絡ください。'),
    ('ja', '購入証明としてAmazonの注文確認メールを保管してください。保証期間は1年間です。'),
    ('ja', 'ネームタグにお子さまのお名前と電話番号をご記入ください。'),
    ('ja', '星1つでも星5つでも、正直なレビューが励みになります。'),
    ('ja', 'おかげさまで、1,000件以上の高評価をいただいております。'),
    ('ja', 'QRコードから組み立て動画をご覧いただけます。'),
    ('ja', 'アプリでWi-Fiのパスワードを入力してください。'),
    ('ja', '保証のための登録は必要ありません。'),
    ('ja', '30日以内であれば、Amazonから返品いただけます。'),
    ('ja', 'このたびはご購入ありがとうございます。末永くご愛用ください。'),
    ('ja', 'Amazonのメッセージ機能からご連絡いただければ、24時間以内にお返事いたします。'),
    ('ja', '感謝の気持ちを込めてお届けします。よろしければレビューもお願いします。'),
    ('ja', 'ご購入のお礼を申し上げます。Amazonでのレビューをお待ちしております。'),
    ('ja', 'レビューの際は、サイズ感について書いていただけると他のお客様の参考になります。'),
    ('ja', 'ご不明な点はお問い合わせいただいた後、担当者よりご連絡いたします。'),
    ('ja', 'アプリを起動し、お名前とお誕生日を登録するとおすすめの睡眠モードが表示されます。'),
    ('ja', 'スマホとイヤホンを接続したら、アプリでお名前を入力してください。'),
    ('ja', '暗証番号を入力してロックを解除してください。'),
    ('ja', '指紋を登録すると、次回からワンタッチで開きます。'),
    ('ja', '保証を受けるための製品登録は不要です。'),
    ('ja', '保証を有効にするための登録は必要ありません。Amazonの注文履歴が購入証明になります。'),
    ('es', 'Instrucciones: lavar a mano. No usar lejía. Secar a la sombra.\nHecho en España.'),
    ('es', 'Gracias por tu compra. Si necesitas ayuda, usa el botón «Contactar con el vendedor» de Amazon.'),
    ('es', 'Si te gusta, compártelo con tus amigos.'),
    ('es', 'Producto exclusivo de nuestra marca, diseñado en Valencia.'),
    ('it', "Istruzioni: lavare a mano. Non usare candeggina. Asciugare all'ombra.\nMade in Italy."),
    ('it', "Grazie per l'acquisto. Se ti serve aiuto, usa il pulsante «Contatta il venditore» su Amazon."),
    ('it', 'Se ti piace, regalalo anche ai tuoi amici.'),
    ('it', 'Prodotto esclusivo del nostro marchio, disegnato a Firenze.'),
    ('ja', 'お手入れ方法：手洗いしてください。漂白剤は使用しないでください。日陰で乾かしてください。'),
    ('ja', 'ご購入ありがとうございます。お困りの際はAmazonの「出品者に連絡」ボタンからご連絡ください。'),
    ('ja', '気に入ったら、お友だちにもおすすめしてくださいね。'),
    ('ja', '当ブランドのオリジナル商品です。京都でデザインしています。'),
    ('auto', 'Dejanos tu opinion sincera en Amazon si tienes un momento. Gracias!'),
    ('auto', 'Lasciaci la tua opinione sincera su Amazon se hai un momento. Grazie!'),
    ('auto', 'Bluetooth 5.3 / USB-C / IPX5\n充電はUSB-Cケーブルで行ってください。'),
    # questions that name a need or trouble, or ask only whether it was tried
    ('es', '¿Tienes alguna duda sobre el montaje? Mira el vídeo en el código QR.'),
    ('es', '¿Te ha llegado todo bien? Si falta algo, escríbenos por Amazon.'),
    ('es', 'Cuéntanos en Amazon qué te ha parecido, sea lo que sea.'),
    ('it', 'Hai dubbi sul montaggio? Guarda il video nel codice QR.'),
    ('it', 'È arrivato tutto? Se manca qualcosa, scrivici tramite Amazon.'),
    ('ja', '組み立てでお困りですか？QRコードの動画をご覧ください。'),
    ('ja', 'すべて揃っていましたか？不足があればAmazonからご連絡ください。'),
    ('es', '¿Todo en orden? Si necesitas algo, escríbenos por Amazon.'),
    ('es', '¿Tienes preguntas? Escríbenos por la mensajería de Amazon.'),
    ('es', '¿Qué te ha parecido? Cuéntanoslo en Amazon, sea bueno o malo.'),
    ('es', '¿Buscas más recetas? Visita la página de la marca en Amazon.'),
    ('es', '¿Ya lo has probado? Deja tu opinión sincera en Amazon.'),
    ('it', 'Un intoppo? Scrivici tramite Amazon.'),
    ('it', 'Hai domande? Scrivici tramite la messaggistica di Amazon.'),
    ('it', 'Cosa ne pensi? Raccontalo su Amazon, nel bene e nel male.'),
    ('it', 'Cerchi altre ricette? Visita la pagina del marchio su Amazon.'),
    ('ja', 'ご不明な点はございますか？Amazonから出品者にご連絡ください。'),
    ('ja', '使い方の動画は → Amazon商品ページ をご覧ください。'),
    ('ja', '届いた商品に不足はありませんか？Amazonで注文履歴をご確認ください。'),
    ('it', "L'hai già provato? Lascia la tua opinione sincera su Amazon."),
    # after-sales cards full of the packs' words: free replacements, gift boxes, per-purchase good causes
    ('es', 'Garantía de 2 años. Para cualquier incidencia, escríbenos desde Mis pedidos en Amazon indicando el número de pedido y una foto del defecto.'),
    ('es', 'Instrucciones de seguridad: no sumergir la base en agua. Mantener fuera del alcance de los niños.'),
    ('es', '¿Te falta alguna pieza? No te preocupes: escríbenos por Amazon y te la enviamos gratis.'),
    ('es', 'Regalo ideal para el Día del Padre. Incluye caja regalo y tarjeta de felicitación.'),
    ('es', 'Si el producto llega dañado, no lo tires: escríbenos por Amazon y te mandamos otro sin coste.'),
    ('es', 'Sé amable con tu sartén: no uses utensilios metálicos.'),
    ('es', 'Por cada compra, donamos el 1 % a la reforestación de bosques.'),
    ('es', 'Tu opinión cuenta: valora el producto en Amazon con total libertad, buena o mala.'),
    ('it', "Garanzia di 2 anni. Per qualsiasi problema scrivici da I miei ordini su Amazon indicando il numero d'ordine e una foto del difetto."),
    ('it', 'Ti manca un pezzo? Nessun problema: scrivici tramite Amazon e te lo spediamo gratis.'),
    ('it', "Idea regalo perfetta per la festa del papà. Include confezione regalo e biglietto d'auguri."),
    ('it', 'Se il prodotto arriva danneggiato, non buttarlo: scrivici tramite Amazon e te ne mandiamo un altro gratis.'),
    ('it', 'Sii gentile con la tua padella: non usare utensili metallici.'),
    ('it', "Per ogni acquisto doniamo l'1 % alla riforestazione."),
    ('it', 'La tua opinione conta: valuta il prodotto su Amazon in totale libertà, bene o male.'),
    ('ja', 'はちみつ 山の恵み\nお買い上げありがとうございます。\n直射日光を避けて保存してください。結晶化した場合は湯せんで温めてください。\nよろしければ、Amazonで率直なご感想をお寄せください。'),
    ('ja', '保証期間は2年間です。不具合の際は、Amazonの注文履歴から注文番号と不具合箇所の写真を添えてご連絡ください。'),
    ('ja', '部品が足りない場合は、Amazonからご連絡いただければ無料でお送りします。'),
    ('ja', '父の日のプレゼントに最適です。ギフトボックスとメッセージカード付き。'),
    ('ja', 'フライパンに優しく：金属製のヘラは使用しないでください。'),
    ('ja', 'ご購入1点につき、売上の1%を森林保全に寄付しています。'),
    ('ja', '良い評価も厳しい評価も、Amazonで自由にお寄せください。'),
    ('ja', 'お届けした商品は、最後までしっかりお使いいただけましたか？ご不明な点はAmazonからお問い合わせください。'),
    ('ja', 'Amazonでのご注文番号は、Amazonの注文履歴でご確認いただけます。'),
    ('es', 'Puedes consultar tu número de pedido en Mis pedidos de Amazon.'),
    ('it', "Puoi trovare il numero d'ordine in I miei ordini su Amazon."),
    ('es', 'Disponible también en tallas XS a XXL en nuestra tienda de Amazon.'),
]

FLAGGED += [  # fourth round
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

CLEAN += [  # fourth round
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
    ('es', 'Cuando lo hayas probado, valora el producto con la puntuación que creas justa.'),
    ('es', 'Cuéntanos tu opinión sobre nuestra nueva linterna en Amazon.'),
    ('es', 'Deja tu reseña de la nueva versión en Amazon si quieres.'),
    ('es', 'Si llegaste a escribir una opinión antes de que llegara el cargador, gracias por tu tiempo.'),
    ('es', 'Si has dejado una reseña, ¡muchas gracias! La leemos toda.'),
    ('es', 'Si el tapón gotea, revísalo y vuelve a cerrarlo con fuerza.'),
    ('es', 'Vendido por KEENSTONE y gestionado por Amazon.'),
    ('es', 'Si el termo te ha sacado una sonrisa, ¡gracias! Un abrazo del equipo.'),
    ('es', 'Si algo no te ha convencido, escríbenos por la mensajería de Amazon. Y si quieres, deja tu opinión sincera.'),
    ('it', 'Se qualcosa non ti ha fatto dormire meglio, scrivici tramite Amazon.'),
    ('it', 'Se ti ha fatto dormire meglio, grazie di cuore!'),
    ('it', 'Scrivilo nella recensione, bello o brutto che sia: ogni parere sincero ci aiuta.'),
    ('ja', '良かったことも気になったことも、レビューで率直に教えてください。'),
    ('ja', '使ってみて感じたことを、レビューで自由に教えてください。'),
    ('ja', '交換品は近日発送いたします。'),
    ('es', 'Si algo falla, cuenta tu experiencia por la mensajería de Amazon y te ayudamos.'),
    ('es', 'Incluye dos fundas de almohada a juego.'),
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
    ('es', 'Le enviaremos el repuesto antes que nadie si nos escribe por la mensajería de Amazon.'),
    ('es', 'Los primeros días, cargue la batería por completo antes de usar el patinete.'),
    ('it', 'Carica la batteria per primo, prima di tutti gli altri passaggi.'),
    ('it', 'In anticipo rispetto alla consegna, riceverai il manuale via messaggi Amazon.'),
    ('es', 'TOSTA Sartén\nEn nuestra tienda de Amazon encontrará también los recambios de la junta.'),
    ('it', 'ZANZA Lampada\nNel nostro negozio Amazon trovi anche i ricambi della griglia.'),
    ('ja', '交換用のやすりはストアページからご確認いただけます。ご購入ありがとうございます。'),
]


@pytest.mark.parametrize("lang,text", AFTER_SALES_IN_STORE)
def test_spare_parts_in_the_store_are_not_marketing(checker, lang, text):
    """Spare parts for the product bought are after-sales service, not cross-selling."""
    cats = {f.category.value for f in checker.check(text, lang=lang) if f.severity is not Severity.INFO}
    assert "marketing" not in cats


QR_ON_THE_DEVICE = [
    ('it', "Apri l'app e scansiona il codice QR sull'adesivo della telecamera."),
    ('it', 'La connessione avviene via Wi-Fi diretto: scansiona il codice QR sul retro del router.'),
    ('it', 'Il codice QR sul retro è il numero di serie: non staccarlo.'),
    ('ja', '本体裏のQRコードは製造番号です。剥がさないでください。'),
    ('ja', 'メール：support@kaze.example（平日10時〜17時）'),
    ('ja', '3個セット＠1,200円でご用意しております。'),
    ('ja', '底面のＱＲコードはシリアル番号ですので、修理の際にお知らせください。'),
    ('ja', 'アプリを開いて、カメラ底面に印刷されたQRコードをスキャンします。'),
    ('ja', 'ルーターの側面に貼られているQRコードを読み取ると接続できます。'),
    ('it', "Nell'app scegli «Aggiungi» e inquadra il codice QR stampato dentro lo sportello del robot."),
]


@pytest.mark.parametrize("lang,text", QR_ON_THE_DEVICE)
def test_qr_code_that_labels_the_device_is_no_link(checker, lang, text):
    """A QR code that pairs the device or is its serial number, an e-mail address or a ＠ price sends nobody to look up an account."""
    cats = {f.category.value for f in checker.check(text, lang=lang) if f.severity is not Severity.INFO}
    assert "external-link" not in cats


def test_badge_card_without_function_words_is_read_as_spanish(checker):
    text = "Vendedor Destacado Amazon 2026\nFoco LED recargable USB-C, 500 lúmenes."
    cats = {f.category.value for f in checker.check(text, lang="auto")}
    assert "marketplace-trademark" in cats


@pytest.mark.parametrize("lang,text", [
    ("it", "Asciugamano da palestra FIBRA\nLavare a 40 °C, non usare candeggina.\nSeguici: Instagram @fibra.sport"),
    ("es", "Toalla de microfibra MAREA\nLavar a 30 °C, sin lejía.\nSíguenos: Instagram @marea.toallas"),
])
def test_care_card_with_a_follow_line_is_read_in_its_language(checker, lang, text):
    """A care line and a follow line with handles carry few function words; the card words
    (lavare/lavar, seguici/síguenos) decide the language, so the follow request is marketing."""
    cats = {f.category.value for f in checker.check(text, lang="auto")}
    assert "marketing" in cats


# Batch 38's kinds, each in new words: the result "as you dreamt it" as the happy condition, a wink
# at the top mark ("ya sabes cuántas"), the rating asked "with the stars", the review vanishing as
# the condition of a reward, a look back at what the buyer wrote.
FLAGGED_B38 = [
    ('es', 'Si el pan sale tal y como lo imaginabas, cuéntalo a otros panaderos en Amazon.', 'review-positive'),
    ('es', 'Esa primera taza merece verse en Amazon en estrellas: tú ya sabes cuántas le tocan.', 'review-positive'),
    ('it', 'Se il profumo della candela ti è piaciuto, dillo anche con le stelle su Amazon.', 'review-positive'),
    ('it', 'Quando quel giudizio da due stelle scompare, ti mandiamo un set di ricambi.', 'review-removal'),
    ('it', 'Quando hai tempo, dai uno sguardo a quello che avevi scritto su Amazon: vale ancora?', 'review-removal'),
]


@pytest.mark.parametrize("lang,text,cat", FLAGGED_B38)
def test_batch38_kinds_are_flagged(checker, lang, text, cat):
    cats = {f.category.value for f in checker.check(text, lang=lang) if f.severity is Severity.ERROR}
    assert cat in cats


# ... and their nearest safe wording: a closing "sé feliz!" is no happy question, a product that
# "gave" you something is no reward, a refill subscription is a purchase (no sign-up), stars in
# the sky are not a rating.
CLEAN_B38 = [
    ('es', 'Si tiene cualquier duda, escríbanos por la mensajería de Amazon. Si le apetece, deje su opinión en Amazon, buena o mala. ¡Disfrute y sea feliz!'),
    ('it', 'Se la sciarpa ti ha regalato un inverno al caldo, una recensione sincera su Amazon ci aiuta.'),
    ('it', 'Abbonati alle ricariche mensili sul nostro sito: arrivano a casa senza pensarci.'),
    ('es', 'Suscríbete en nuestra web y te llegan los filtros cada dos meses.'),
    ('es', '¿Sabes cuántas estrellas caben en el techo? El proyector muestra más de mil.'),
    ('it', 'Alza lo sguardo: il proiettore riempie la stanza con le stelle.'),
]


@pytest.mark.parametrize("lang,text", CLEAN_B38)
def test_batch38_lookalikes_get_no_review_error_nor_sign_up(checker, lang, text):
    found = [f for f in checker.check(text, lang=lang) if f.severity is not Severity.INFO]
    assert not [f for f in found if f.severity is Severity.ERROR]
    assert "data-collection" not in {f.category.value for f in found}


# Batch 40's kinds, in new words: a rating held back as "hasty", a bad "commento" kept off the
# page, broken Italian "dare noi 5 stelle", a good memory brought back as the condition, an extra
# item in the next parcel for reviewers, "sube tu opinión a Amazon", "as many stars as fit", a
# good result of the work as the condition, broken Spanish "nosotros regalar".
FLAGGED_B40 = [
    ('it', 'Nessuna recensione frettolosa: prima scrivici e troviamo una soluzione.', 'review-gating'),
    ('it', 'Per favore non lasciare commento negativo, scrivici prima.', 'review-gating'),
    ('it', 'Se contento, dare noi tutte stelle.', 'review-positive'),
    ('it', 'Se la teiera vi ha ridato il sapore delle domeniche, ditelo agli altri su Amazon.', 'review-positive'),
    ('it', 'Chi ci valuta su Amazon trova di solito un campione in regalo nel prossimo ordine.', 'review-incentive'),
    ('es', 'Sube tu opinión a Amazon con tantas estrellitas como puedas.', 'review-positive'),
    ('es', 'Cuando el bizcocho te quede esponjoso, cuéntalo en Amazon.', 'review-positive'),
    ('es', 'Quien opina en Amazon suele encontrar una muestra de más en el siguiente pedido.', 'review-incentive'),
    ('es', 'Usted escribir opinión, nosotros regalar usted una taza.', 'review-incentive'),
]


@pytest.mark.parametrize("lang,text,cat", FLAGGED_B40)
def test_batch40_kinds_are_flagged(checker, lang, text, cat):
    cats = {f.category.value for f in checker.check(text, lang=lang) if f.severity is Severity.ERROR}
    assert cat in cats


# ... and their nearest safe wording: hasty assembly is no hasty rating, a spare part in the next
# parcel with no review, a star projector, a cake that came out burnt, Amazon messaging.
CLEAN_B40 = [
    ('it', 'Niente montaggio affrettato: leggi prima le istruzioni.'),
    ('it', 'Se manca un pezzo, scrivici tramite Amazon: lo mettiamo nel prossimo ordine.'),
    ('es', 'El proyector llena el techo con todas las estrellas del cielo.'),
    ('es', 'Si el bizcocho te queda quemado, baja la temperatura diez grados.'),
    ('es', 'Si falta una pieza, escríbenos por la mensajería de Amazon y va en el siguiente pedido.'),
    ('it', 'Se la sciarpa ti ha tenuto caldo, una recensione sincera su Amazon ci aiuta.'),
]


@pytest.mark.parametrize("lang,text", CLEAN_B40)
def test_batch40_lookalikes_get_no_review_error(checker, lang, text):
    found = [f for f in checker.check(text, lang=lang) if f.severity is Severity.ERROR]
    assert not found


# Batch 45's kinds, in new words: dropping by one's review to add the fix, a capture sent off by its
# clitic, whether "your review" still describes today's product (asked with "ti pare che"), news of
# the next products promised over a messenger, an extra item "in the next parcel" beside a review.
FLAGGED_B45 = [
    ('es', '¿Te pasarías por tu opinión en Amazon para mencionar que ya está arreglado?', 'review-removal'),
    ('it', 'Le sembra che la Sua recensione rispecchi ancora il bollitore che usa oggi?', 'review-removal'),
    ('it', 'Lascia una recensione su Amazon e nel prossimo pacco ci sarà una borraccia.', 'review-incentive'),
]


@pytest.mark.parametrize("lang,text,cat", FLAGGED_B45)
def test_batch45_kinds_are_flagged(checker, lang, text, cat):
    cats = {f.category.value for f in checker.check(text, lang=lang) if f.severity is Severity.ERROR}
    assert cat in cats


# ... and their nearest safe wording: the rating said to stay the buyer's, "la primera semana" as
# an ordinal, not "contact us first", a screenshot of an app error sent through Amazon, a spare
# part in the next parcel, the manual (not the review) describing the model.
CLEAN_B45 = [
    ('es', 'La valoración que nos dejó como vendedor es suya y así debe quedar: no esperamos ningún cambio.'),
    ('es', 'Si quieres, cuéntanos en Amazon qué tal la primera semana con el robot, para bien o para mal.'),
    ('es', 'Tu opinión en Amazon es solo tuya. Gracias por la paciencia con el envío.'),
    ('es', 'Si la app da error, saca una captura y envíala por la mensajería de Amazon.'),
    ('it', 'Nel prossimo pacco ci sarà il pezzo di ricambio che manca. Grazie per la recensione.'),
    ('it', 'Leggendo la tua recensione abbiamo capito che il manuale descrive ancora il modello di adesso.'),
]


@pytest.mark.parametrize("lang,text", CLEAN_B45)
def test_batch45_lookalikes_get_no_review_error(checker, lang, text):
    found = [f for f in checker.check(text, lang=lang) if f.severity is Severity.ERROR]
    assert not found


# Batch 48's kind, in new words (ja): buying on Amazon named as the price to beat (Amazonで買うより
# ２割安く, Amazonでご購入いただくよりお得) beside the brand's own shop, a phone line or a messenger,
# and a messenger named as where to order with への (LINEへのご注文).
FLAGGED_B48 = [
    ('ja', '替えのフィルターは、当店の直営サイトならアマゾンでご購入いただくよりも３割お得です。', 'offsite-diversion'),
    ('ja', 'まとめ買いはお電話で。Amazonでご注文いただくより１割お安くいたします。', 'offsite-diversion'),
    ('ja', '公式ストアでは、Amazonでのお値段と比べて15%OFFでお求めいただけます。', 'offsite-diversion'),
]


@pytest.mark.parametrize("lang,text,cat", FLAGGED_B48)
def test_batch48_kinds_are_flagged(checker, lang, text, cat):
    cats = {f.category.value for f in checker.check(text, lang=lang) if f.severity is Severity.ERROR}
    assert cat in cats


# ... and their nearest safe wording: Amazon as the safer or earlier place to buy, an order on
# Amazon with a deal in the next sentence, a reply sent through Amazon messaging.
CLEAN_B48 = [
    ('ja', 'Amazonで購入するより先に、サイズ表をご確認ください。'),
    ('ja', 'Amazonで買うより店頭のほうが早く手に入る場合もあります。'),
    ('ja', '替えのフィルターはAmazonでご注文いただけます。セール中はさらにお得です。'),
    ('ja', 'ご注文内容の確認メールへのご返信は不要です。'),
]


@pytest.mark.parametrize("lang,text", CLEAN_B48)
def test_batch48_lookalikes_get_no_error(checker, lang, text):
    found = [f for f in checker.check(text, lang=lang) if f.severity is Severity.ERROR]
    assert not found
