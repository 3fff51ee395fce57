"""Contact and link detection: what a seller's card text gives away, and what it must not."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from checks.detectors import DETECTORS, Hit, detect

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "compliance" / "dev_corpus.jsonl"


def spans(text: str, kinds: set[str] | None = None) -> list[tuple[str, str]]:
    return [(text[h.start:h.end], h.kind) for h in detect(text) if kinds is None or h.kind in kinds]


# --------------------------------------------------------------------------- e-mail
@pytest.mark.parametrize("text, address, value", [
    ("Questions? support@quorra.example.com", "support@quorra.example.com", "support@quorra.example.com"),
    ("Email us: Care@Wrenly.Example.", "Care@Wrenly.Example", "care@wrenly.example"),
    ("メール：support@zyrelle.example.com", "support@zyrelle.example.com", "support@zyrelle.example.com"),
    ("write to help [at] brand [dot] com today", "help [at] brand [dot] com", "help@brand.com"),
    ("（gift@lumivox.example.com）", "gift@lumivox.example.com", "gift@lumivox.example.com"),
])
def test_email_found_and_normalised(text, address, value):
    """An e-mail address is found with its exact span and a lower-cased value."""
    hits = DETECTORS["email"](text)
    assert [(text[h.start:h.end], h.value) for h in hits] == [(address, value)]


def test_email_domain_is_not_also_a_url():
    """The domain inside an e-mail address is not reported again as a link (corpus convention)."""
    text = "Send it to gift@pebblecraft.example.com and we ship."
    assert spans(text) == [("gift@pebblecraft.example.com", "email")]


@pytest.mark.parametrize("text", ["Meet us @ 5pm", "user@localhost", "a@b", "price: 3@2.50"])
def test_not_emails(text):
    """Things with an @ that are not addresses stay clean."""
    assert DETECTORS["email"](text) == []


# --------------------------------------------------------------------------- phones
@pytest.mark.parametrize("text, number, value", [
    ("☎ +1 (312) 555-0178", "+1 (312) 555-0178", "+13125550178"),
    ("Call our US team at (415) 555-0119, Mon–Fri", "(415) 555-0119", "+14155550119"),
    ("Mobile: 07700 900123", "07700 900123", "+447700900123"),
    ("Appelez le 01 99 00 12 34", "01 99 00 12 34", "+33199001234"),
    ("Tel: 03-1234-5678", "03-1234-5678", "+81312345678"),
    ("Hotline 0044 7700 900456", "0044 7700 900456", "+447700900456"),
    ("电话：400-820-8820", "400-820-8820", "+864008208820"),
    ("Call 555-0123 for help", "555-0123", "+15550123"),
    ("1-800-555-0199 (toll-free)", "1-800-555-0199", "+18005550199"),
    ("お問い合わせ：０３－１２３４－５６７８", "０３－１２３４－５６７８", "+81312345678"),
    ("手机 138 0013 8000", "138 0013 8000", "+8613800138000"),
    # too short for Spain's plan (a fictional card number), but called: still a phone
    ("Pedidos: llame al +34 555 0127 y se lo llevamos.", "+34 555 0127", "+345550127"),
    ("Chiami il +39 555 0190 per l'assistenza", "+39 555 0190", "+395550190"),
    # a Canadian or US number with a space after the area code and a hyphen (no cue word)
    ("Un souci de son ? Textez-nous au 514 555-0163, on répond vite.", "514 555-0163", "+15145550163"),
])
def test_phone_numbers_including_fictional_ranges(text, number, value):
    """Phone numbers in national and international formats, fictional test ranges included, get an E.164 value."""
    hits = DETECTORS["phone"](text)
    assert [(text[h.start:h.end], h.value) for h in hits] == [(number, value)]


def test_ambiguous_national_number_is_still_a_phone():
    """A national number whose country cannot be told (030 … is Berlin and a UK range) is still found."""
    text = "Kontakt: Tel. 030 12345678"
    (h,) = DETECTORS["phone"](text)
    assert text[h.start:h.end] == "030 12345678" and h.value.endswith("3012345678")


@pytest.mark.parametrize("text, number, value", [
    ("Llámenos al +34 555 0127 para pedir recambios.", "+34 555 0127", "+345550127"),
    ("Ersatzteile: Rufen Sie 0034 555 0127 an.", "0034 555 0127", "+345550127"),
    # British and Australian slang for a phone call
    ("Spares? Give us a bell on +34 555 0127.", "+34 555 0127", "+345550127"),
    ("Spares? Give us a buzz on +34 555 0127.", "+34 555 0127", "+345550127"),
    # Mexican Spanish "dial us" (marcar), not the noun "marca" (a brand)
    ("Antes de calificarlo, márquenos al +34 555 0127.", "+34 555 0127", "+345550127"),
])
def test_too_short_international_number_with_a_cue_is_still_a_phone(text, number, value):
    """A number printed with a country code but too short for that country (a made-up or
    mistyped one) is still offered as a contact when the card says to call or write to it."""
    hits = DETECTORS["phone"](text)
    assert [(text[h.start:h.end], h.value) for h in hits] == [(number, value)]


def test_too_short_international_number_without_a_cue_is_not_a_phone():
    """The same digits with no calling cue are not read as a phone ("+34 555 0127 points")."""
    assert DETECTORS["phone"]("Score: +34 555 0127 points in round two.") == []
    # a bell that is not a call: "Our bell: …"
    assert DETECTORS["phone"]("Spares? Our bell: +34 555 0127.") == []
    # "marca" is a brand, not "dial"
    assert DETECTORS["phone"]("Antes de calificarlo, la marca +34 555 0127.") == []


@pytest.mark.parametrize("text", [
    "Intervallo +34 555 0127 di misura.",
    "Order #112-3345678-1234567 shipped.",
    "Delivered on 2024-03-15 or 15.03.2024.",
    "Model X-2000, 12.5 x 30 cm, $19.99.",
    "SKU 1234567890",
    "ISBN 978-3-16-148410-0",
    "Size 120-150 cm; years 2019-2024; batch 20240315-01.",
    "Rated input: 5V ⎓ 2A. Charging time: approx. 2 hours.",
    "Open 9:00-17:00 Mon-Fri. Price €1 299,00.",
    "Order No. 4006381333931 is ready.",
    "Dimensions 30x40x50cm, weight 1 200 g.",
    "Input: 100-240V~ 50/60Hz 1.5A; FCC ID: 2A3B4-CW100; Item No. 123456789",
    "Warranty from 01/02/2024. Serial No: SN20240102-0001. Batch 2024.05.01",
    "Mon-Fri 9:00-18:00 (GMT+8)",
])
def test_number_lookalikes_are_not_phones(text):
    """Order numbers, dates, model numbers, sizes, prices and codes are not phone numbers."""
    assert DETECTORS["phone"](text) == []


# --------------------------------------------------------------------------- URLs
@pytest.mark.parametrize("text, link, kind", [
    ("Order at www.tidora.example.com and save", "www.tidora.example.com", "own-site"),
    ("Register at glimmora.example.com/warranty now.", "glimmora.example.com/warranty", "signup"),
    ("Buy direct at shop.fennix.example.com — code FENNIX30", "shop.fennix.example.com", "shop"),
    ("Visit gift.snugglepine.example.com, enter your order", "gift.snugglepine.example.com", "signup"),
    ("Use code THANKS10 at deals.brand.example", "deals.brand.example", "coupon"),
    ("Like us (facebook.com/cindralhome)!", "facebook.com/cindralhome", "social"),
    ("Get 10% off at nordvik-store.example", "nordvik-store.example", "shop"),
    ("Chat: https://wa.me/15550100.", "https://wa.me/15550100", "messenger"),
    ("Reorder on amazon.com/dp/B0TEST123.", "amazon.com/dp/B0TEST123", "amazon"),
    ("Short link: amzn.to/3xYz", "amzn.to/3xYz", "amazon"),
    ("公式ショップ（www.novapeak.example）では", "www.novapeak.example", "own-site"),
    ("See BRAND.COM today", "BRAND.COM", "own-site"),
    ("Docs at https://brand.example/manual_(v2).", "https://brand.example/manual_(v2)", "own-site"),
])
def test_urls_and_bare_domains_are_judged(text, link, kind):
    """URLs and bare domains (reserved .example names too) are found and carry the link verdict as kind."""
    hits = DETECTORS["url"](text)
    assert [(text[h.start:h.end], h.kind) for h in hits] == [(link, kind)]
    assert hits[0].value.startswith(("http://", "https://"))
    assert hits[0].meta["verdict"].kind == kind


@pytest.mark.parametrize("text", [
    "e.g. use No.5 and see manual.pdf",
    "Firmware v1.2.3 or 3.5 kg",
    "Mr.Smith said hi.Thanks.Love it",
    "See README.md or file.zip",
    "Dr.Kim recommends it. U.S.A. made",
    "Wi-Fi 802.11 b/g/n, 5.0 GHz",
    "Use 2.4GHz networks only.",
])
def test_prose_with_dots_is_not_a_url(text):
    """Abbreviations, file names, version numbers, decimals and run-together sentences are not links."""
    assert DETECTORS["url"](text) == []


def test_one_qr_code_mentioned_twice_is_one_hit():
    """'Scan the QR code … [ QR CODE ]' names one code: one hit, on the invitation."""
    text = "Scan the QR code to register your product!\n[ QR CODE ]"
    assert [text[h.start:h.end] for h in DETECTORS["url"](text)] == ["Scan the QR code"]


def test_qr_code_wording_is_a_link_hit():
    """Wording that sends the buyer to a QR code is reported by the url detector as kind qr-code."""
    text = "Scan the QR code to register your product."
    assert [(text[h.start:h.end], h.kind) for h in DETECTORS["url"](text)] == [("Scan the QR code", "qr-code")]


# --------------------------------------------------------------------------- handles, social, messengers
def test_handle_with_network():
    """An @handle is found (not an e-mail) and knows the network named before it."""
    text = "Follow us on Instagram @velonia_home for new arrivals!"
    hits = DETECTORS["handle"](text)
    assert [(text[h.start:h.end], h.kind, h.value, h.meta["app"]) for h in hits] == [
        ("@velonia_home", "handle", "velonia_home", "instagram")]


def test_handle_drops_sentence_full_stop():
    """A handle at the end of a sentence does not swallow the full stop."""
    text = "DM us @brand.official."
    assert [text[h.start:h.end] for h in DETECTORS["handle"](text) if h.kind == "handle"] == ["@brand.official"]


@pytest.mark.parametrize("text, phrase, kind", [
    ("CUSTOMER SERVICE\nFacebook: Fennix Outdoor Official", "Facebook: Fennix Outdoor Official", "social-page"),
    ("send a screenshot to our Facebook page (fb.com/teklio)", "our Facebook page", "social-page"),
    ("Find us on Instagram!", "Find us on Instagram", "social-page"),
    ("then DM us on Instagram @petalwise.co", "DM us on Instagram", "social-contact"),
    ("or send an Instagram DM to @x_y", "send an Instagram DM", "social-contact"),
])
def test_social_pages_and_dm_requests(text, phrase, kind):
    """Social page names and 'DM us' requests are contact channels (handle detector, own kinds)."""
    hits = [h for h in DETECTORS["handle"](text) if h.kind != "handle"]
    assert [(text[h.start:h.end], h.kind) for h in hits] == [(phrase, kind)]


@pytest.mark.parametrize("text, expected", [
    ("DM @nordvik on Instagram for a replacement", [("DM", "social-contact"), ("@nordvik", "handle")]),
    ("Message us at @brand_help", [("Message us", "social-contact"), ("@brand_help", "handle")]),
    ("Follow @brand for new arrivals", [("@brand", "handle")]),
])
def test_dm_to_a_handle_is_a_contact_request(text, expected):
    """'DM @brand' offers the handle as a contact channel: the verb is social-contact, the handle a link."""
    assert [(text[h.start:h.end], h.kind) for h in DETECTORS["handle"](text)] == expected


@pytest.mark.parametrize("text", [
    "Watch the two-minute setup video on our YouTube channel.",
    "Regardez le tutoriel de montage sur notre chaîne YouTube.",
    "Das Aufbau-Video finden Sie auf unserem YouTube-Kanal.",
    "組み立て方はYouTubeチャンネルの動画でご覧いただけます。",
])
def test_youtube_channel_with_a_video_to_watch_is_not_a_contact_channel(text):
    """A YouTube channel named for a how-to video is where the manual lives, not a way to reach
    the seller (a French card pointing to its setup video got an off-site contact warning)."""
    assert [h for h in DETECTORS["handle"](text) if h.kind == "social-page"] == []


def test_youtube_channel_without_a_video_is_still_a_page():
    """A YouTube channel offered on its own, next to other pages, is still a social page."""
    text = "Questions? Find us on our YouTube channel."
    assert [h.kind for h in DETECTORS["handle"](text)] == ["social-page"]


@pytest.mark.parametrize("text", [
    "Scannez le QR code pour suivre notre page Facebook.",
    "Escanea el código para seguir nuestra página de Facebook.",
    "Scansiona il codice per seguire la nostra pagina Facebook.",
])
def test_page_to_follow_after_an_infinitive_is_not_a_contact_channel(text):
    """'… pour suivre notre page Facebook' is a follow call (marketing) like 'suivez notre page':
    a French card got an off-site contact finding for it (b63fr-021)."""
    assert [h for h in DETECTORS["handle"](text) if h.kind == "social-page"] == []


@pytest.mark.parametrize("text, phrase", [
    ("Dal QR qui sotto trovi il video di montaggio.", "Dal QR"),
    ("Con el QR de abajo ves el vídeo.", "Con el QR"),
    ("Accédez au QR de la notice.", "au QR"),
])
def test_bare_qr_after_a_preposition_is_a_qr_mention(text, phrase):
    """'dal QR qui sotto' names the card's QR code without the word 'code': an Italian club
    sign-up through it had no link finding (b62it-020)."""
    assert [(text[h.start:h.end], h.kind) for h in DETECTORS["url"](text)] == [(phrase, "qr-code")]


def test_follow_our_page_is_not_a_contact_channel():
    """'Follow our Facebook page' is a follow call (marketing), not a contact channel."""
    assert DETECTORS["handle"]("Register and follow our Facebook page to win!") == []


@pytest.mark.parametrize("text, span, app, value", [
    ("WhatsApp: +1 202 555 0134", "WhatsApp: +1 202 555 0134", "whatsapp", "+12025550134"),
    ("reach us on WeChat (ID: tidora_care) or", "WeChat (ID: tidora_care)", "wechat", "tidora_care"),
    ("or Telegram @tidora_support.", "Telegram @tidora_support", "telegram", "tidora_support"),
    ("Contact us on LINE: @pebblecraft_jp", "LINE: @pebblecraft_jp", "line", "pebblecraft_jp"),
    ("LINE（ID：@lumivox_jp）までお送りください", "LINE（ID：@lumivox_jp）", "line", "lumivox_jp"),
    ("微信：brand_cs", "微信：brand_cs", "wechat", "brand_cs"),
    ("Skype: brand.support", "Skype: brand.support", "skype", "brand.support"),
    ("お問い合わせはLINE公式アカウント @brand_jp まで", "LINE公式アカウント @brand_jp", "line", "brand_jp"),
    ("Message us on WhatsApp anytime", "Message us on WhatsApp", "whatsapp", ""),
    ("WhatsApp our team at +44 7700 900777 today", "WhatsApp our team at +44 7700 900777", "whatsapp", "+447700900777"),
    # Japanese cards write the app names in katakana
    ("カカオトーク（ID: hanabi_cs）までどうぞ", "カカオトーク（ID: hanabi_cs）", "kakaotalk", "hanabi_cs"),
    ("スカイプID：brand.help", "スカイプID：brand.help", "skype", "brand.help"),
    ("ウィーチャット：brand_cs へ", "ウィーチャット：brand_cs", "wechat", "brand_cs"),
])
def test_messenger_ids_include_the_app_name(text, span, app, value):
    """A messenger id or number is one hit whose span includes the app name."""
    hits = DETECTORS["messenger"](text)
    assert [(text[h.start:h.end], h.meta["app"], h.value) for h in hits] == [(span, app, value)]
    assert DETECTORS["phone"](text) == [] and [h for h in DETECTORS["handle"](text) if h.kind == "handle"] == []


@pytest.mark.parametrize("text, phrase", [
    ("Kontaktieren Sie uns per WhatsApp.", "per WhatsApp"),
    ("Écrivez-nous sur WhatsApp !", "sur WhatsApp"),
    ("Contattaci su WhatsApp", "su WhatsApp"),
    ("LINEでお問い合わせください", "LINE"),
    ("请通过微信联系我们", "通过微信"),
])
def test_messenger_offered_in_other_languages(text, phrase):
    """A messenger offered as a channel is found in German, French, Italian, Japanese and Chinese cards too."""
    assert [text[h.start:h.end] for h in DETECTORS["messenger"](text)] == [phrase]


@pytest.mark.parametrize("text", [
    "Line up the holes and tighten the screws.",
    "The line is busy; the signal is weak.",
    "We accept WeChat Pay and WhatsApp Business orders",
    "Chat with us through Amazon messaging.",
])
def test_everyday_words_are_not_messengers(text):
    """'line', 'signal' and app product names without an id are not messenger ids."""
    assert DETECTORS["messenger"](text) == []


def test_web_chat_on_own_site():
    """'Chat with us' on the seller's own site is a contact channel (messenger detector, kind web-chat)."""
    text = "Questions? Chat with us 24/7 at www.koravia.example.com/chat"
    assert [(text[h.start:h.end], h.kind) for h in DETECTORS["messenger"](text)] == [("Chat with us 24/7", "web-chat")]


# --------------------------------------------------------------------------- offsets, API shape
def test_offsets_are_code_points_after_emoji_and_cjk():
    """Offsets count code points, so they stay right after emoji (2 UTF-16 units) and CJK."""
    text = "🎁🎁 感谢！WhatsApp +44 7700 900123"
    (h,) = detect(text)
    assert text[h.start:h.end] == "WhatsApp +44 7700 900123" and h.start == 6


def test_hits_are_frozen_and_sorted():
    """Hits are immutable and come back in text order."""
    text = "Mail a@b.example, call +1 202 555 0134, see brand.example."
    hits = detect(text)
    assert [h.start for h in hits] == sorted(h.start for h in hits)
    with pytest.raises(AttributeError):
        hits[0].start = 3  # type: ignore[misc]
    assert isinstance(hits[0], Hit)


def test_detector_registry_names_match_engine_concepts():
    """The engine's detector concepts are exactly the registry's keys."""
    assert set(DETECTORS) == {"email", "phone", "url", "handle", "messenger"}


@pytest.mark.skipif(not CORPUS.exists(), reason="shared dev corpus not present")
def test_dev_corpus_contact_and_link_spans_are_found():
    """Every labelled e-mail, phone, messenger, URL and handle span of the dev corpus is overlapped by a hit,
    and clean English cards get no hit at all."""
    missed, extra = [], []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        text = item["text"]
        hits = detect(text)
        for s in item["spans"]:
            if s["category"] in ("offsite-contact", "external-link") and not any(
                    h.start < s["end"] and s["start"] < h.end for h in hits):
                if "QR" not in text[s["start"]:s["end"]]:  # a QR code in another language's wording
                    missed.append((item["id"], text[s["start"]:s["end"]]))
        if item["lang"] == "en" and not item["labels"] and hits:
            extra.append((item["id"], [text[h.start:h.end] for h in hits]))
    assert missed == [] and extra == []


@pytest.mark.parametrize("text", [
    "a." * 50_000,                 # one 100 kB token full of dots
    "@a" * 30_000,                 # thousands of would-be handles in one token
    "www." * 20_000,
    ("a" * 60 + "@") * 2_000,      # e-mail-like run without a domain
    "x" * 200_000 + ".com",
])
def test_pathological_tokens_give_nothing_and_return(text):
    """Huge whitespace-free runs are not links or addresses (and are not scanned quadratically)."""
    assert detect(text) == []


def test_long_text_is_analysed_without_pinning_it_in_the_cache():
    """A text longer than the shared-analysis cache limit is still fully detected."""
    from checks import detectors as d

    text = ("Filler words for a long manual page. " * 2_000) + "Mail care@brand.example."
    assert len(text) > d._CACHE_LIMIT
    assert [h.value for h in detect(text)] == ["care@brand.example"]


def test_manufacturer_block_contacts_are_their_own_kind():
    """E-mail and phone inside a manufacturer/importer block (EU GPSR) get manufacturer kinds; the rest stay plain."""
    text = ("Manufacturer: Shenzhen Brand Technology Co., Ltd.\nAddress: 1 Keji Rd, Shenzhen\n"
            "Email: info@brand.example\nTel: +86 755 2345 6789\n\nQuestions? support@brand.example")
    assert [(text[h.start:h.end], h.kind) for h in detect(text)] == [
        ("info@brand.example", "manufacturer-email"), ("+86 755 2345 6789", "manufacturer-phone"),
        ("support@brand.example", "email")]
    assert [h.kind for h in DETECTORS["email"]("Contact the manufacturer at help@brand.example")] == ["email"]


@pytest.mark.parametrize("text, phrase, kind", [
    ("Kontakt: unsere Facebook-Seite", "unsere Facebook-Seite", "social-page"),
    ("Écrivez-nous en message privé sur notre page Facebook.", "notre page Facebook", "social-page"),
    ("Envoyez-nous un MP sur Facebook.", "MP sur Facebook", "social-contact"),
    ("Escríbenos por Instagram.", "Escríbenos por Instagram", "social-contact"),
    ("Scrivici in DM su Instagram!", "Scrivici in DM su Instagram", "social-contact"),
    ("Schreiben Sie uns auf Instagram.", "Schreiben Sie uns auf Instagram", "social-contact"),
    ("ご質問はInstagramのDMへ", "InstagramのDM", "social-contact"),
    ("Fragen? Auch über den Facebook Messenger.", "über den Facebook Messenger", "messenger"),
    ("LINE公式アカウントを友だち追加してください", "LINE公式アカウントを友だち追加", "messenger"),
    ("友だち追加はこちら", "友だち追加", "messenger"),
])
def test_contact_channels_in_the_card_languages(text, phrase, kind):
    """A social page or DM request written in German, French, Spanish, Italian or Japanese is a contact channel."""
    hits = [(h.kind, text[h.start:h.end]) for h in detect(text)]
    assert any(k == kind and phrase in t for k, t in hits), hits


@pytest.mark.parametrize("text", [
    "Suivez notre page Facebook pour les nouveautés.",
    "Folgen Sie unserer Facebook-Seite!",
    "Dale a «Me gusta» a nuestra página de Facebook.",
    "Seguici sulla nostra pagina Facebook.",
])
def test_follow_our_page_in_the_card_languages_is_not_a_contact_channel(text):
    """'Follow our page' in the card languages is a marketing call, not a social page offered for contact."""
    assert not [h for h in detect(text) if h.kind in ("social-page", "social-contact")]


@pytest.mark.parametrize("text, on_card", [
    ("To pair, scan the QR code on the bottom of the vacuum.", False),
    ("Scan the QR code on the back of the camera to pair it.", False),
    ("Scannen Sie den QR-Code auf der Unterseite des Saugroboters.", False),
    ("本体底面のQRコードを読み取ってください。", False),
    ("Scannez le QR code au dos de l'appareil.", False),
    ("Scan the QR code on the back of the card for a gift.", True),
    ("Scan the QR code below to register.", True),
    ("Scannez le QR code au dos de la carte.", True),
    # the pouch, bag, sleeve or booklet the product comes in is packaging, not the device
    ("Scanne le QR code au dos de la pochette pour la vidéo de montage.", True),
    ("Le QR code collé sur la carte mène à notre site.", True),
    ("Le QR code collé sous le robot sert à l'appairage.", False),
    ("Scan the QR code on the back of the pouch for the recipe list.", True),
    ("Scannen Sie den QR-Code auf der Rückseite der Schachtel für das Video.", True),
    ("Escanea el código QR en la parte trasera de la bolsa para ver el vídeo.", True),
    ("Escanea el código QR en la base del robot con la cámara.", False),
    ("Scansiona il QR code sul retro della bustina per il video.", True),
    ("Il QR code sul retro della telecamera serve per l'abbinamento.", False),
    # a bare 裏面 is the card's own reverse side; 本体裏面 or a label on the back is the device
    ("裏面のQRコードから組み立て動画をご覧いただけます。", True),
    ("このカードの裏面のQRコードから会員登録できます。", True),
    ("本体裏面のQRコードをアプリで読み取ってください。", False),
    ("本体の裏面のQRコードを読み取ると接続できます。", False),
    ("裏面のラベルのQRコードを読み取ると接続できます。", False),
])
def test_a_qr_code_on_the_device_is_not_a_link_on_the_card(text, on_card):
    """A pairing QR code printed on the product is not a code on the card; one on the card still is."""
    assert any(h.kind == "qr-code" for h in detect(text)) is on_card


@pytest.mark.parametrize("text, on_card", [
    ("Scan the QR to register your dash cam.", True),
    ("Scan the QR label on the bottom of the hub.", False),
])
def test_a_qr_without_the_word_code(text, on_card):
    """'Scan the QR' is a code on the card; 'the QR label on the bottom of the hub' is on the device."""
    assert any(h.kind == "qr-code" for h in detect(text)) is on_card


@pytest.mark.parametrize("text, url", [
    ("詳しくはwww.lumibox.example.comへ", "www.lumibox.example.com"),
    ("詳細はhttps://lumibox.example.com/jaをご覧ください", "https://lumibox.example.com/ja"),
    ("lumibox.example.comへアクセス", "lumibox.example.com"),
])
def test_url_glued_to_japanese_text_is_found(text, url):
    """Japanese cards write URLs without spaces around them; the whole address is still a link."""
    assert url in [text[h.start:h.end] for h in detect(text) if h.kind not in ("email", "phone")]


def test_email_glued_to_japanese_text_is_found():
    """'注文番号をcampaign@brand.exampleへ送信': the address is found without spaces around it."""
    text = "スクリーンショットとご注文番号をcampaign@mizuho-life.exampleへ送信"
    assert [text[h.start:h.end] for h in detect(text) if h.kind == "email"] == ["campaign@mizuho-life.example"]


@pytest.mark.parametrize("text, number", [
    ("お電話０３－００００－４８２１でご注文ください。", "０３－００００－４８２１"),
    ("ご注文は電話03-0000-4821まで", "03-0000-4821"),
])
def test_phone_glued_to_japanese_text_is_found(text, number):
    """Japanese cards write the number right after 電話 with no space; it is still a phone, while a
    model number glued to 型番 stays none."""
    assert [text[h.start:h.end] for h in detect(text) if h.kind == "phone"] == [number]
    assert not [h for h in detect("型番12345678をご確認ください。") if h.kind == "phone"]


def test_japanese_qr_label_on_the_product_side_is_not_on_the_card():
    """'スマートプラグ側面のQRコードラベル' is printed on the device for pairing."""
    assert not [h for h in detect("スマートプラグ側面のQRコードラベルは、アプリへの登録時に必要です。") if h.kind == "qr-code"]


def test_french_qr_stuck_under_the_device_is_not_on_the_card():
    """'Le QR code collé sous la balance' pairs the scale; it is not a link on the card."""
    assert not [h for h in detect("Le QR code collé sous la balance sert à l'appairer avec l'application.")
                if h.kind == "qr-code"]


def test_messenger_group_and_typenschild_qr():
    """'Tritt unserer Telegram-Gruppe bei' is a messenger channel; a QR code on the camera's rating plate is on the device."""
    text = "Tritt unserer Telegram-Gruppe bei – dort gibt es Gutscheine!"
    assert [text[h.start:h.end] for h in detect(text) if h.kind == "messenger"] == ["Telegram-Gruppe"]
    assert not [h for h in detect("Den QR-Code auf dem Typenschild der Kamera benötigen Sie beim Koppeln.")
                if h.kind == "qr-code"]


@pytest.mark.parametrize("text, kind, phrase", [
    ("Escanea el código QR, introduce tu número de pedido.", "qr-code", "código QR"),
    ("Escanea el QR y listo.", "qr-code", "Escanea el QR"),
    ("Numero di assistenza: 555 010 593", "phone", "555 010 593"),
    ("Únete a nuestra comunidad de WhatsApp 👉 ofertas flash", "messenger", "comunidad de WhatsApp"),
])
def test_spanish_and_italian_codes_numbers_and_groups(text, kind, phrase):
    """A QR code written 'código QR', a service number after 'Numero di assistenza', a WhatsApp community."""
    assert phrase in [text[h.start:h.end] for h in detect(text) if h.kind == kind]


def test_italian_qr_label_under_the_base_is_on_the_device():
    """'Il QR code sull'etichetta sotto la base' pairs the device."""
    assert not [h for h in detect("Il QR code sull'etichetta sotto la base serve per l'abbinamento con l'app.")
                if h.kind == "qr-code"]


@pytest.mark.parametrize("text, number", [
    ("Bitte rufen Sie uns an, bevor Sie eine Bewertung schreiben: 040 66969 275", "040 66969 275"),
    ("Bestellen Sie telefonisch direkt bei uns – günstiger als über Amazon: 030 23125 418", "030 23125 418"),
    ("Mobil: 0151 23456789", "0151 23456789"),
])
def test_german_numbers_grouped_the_german_way(text, number):
    """German landline (3-5-3) and mobile (4-8) groupings are phone numbers even far from 'Tel.'."""
    assert number in [text[h.start:h.end] for h in detect(text) if h.kind == "phone"]


def test_french_qr_stuck_on_the_plug_is_on_the_device():
    """'le QR code collé sur la prise' is the device's pairing label."""
    text = "Maintenez le bouton 5 s, puis scannez le QR code collé sur la prise dans l'application."
    assert not [h for h in detect(text) if h.kind == "qr-code"]


def test_italian_qr_on_the_plug_is_on_the_device():
    """'il codice QR sulla presa' pairs the smart plug; it is not a link on the card."""
    text = "Tenete premuto il tasto 5 secondi e inquadrate con l'app il codice QR sulla presa."
    assert not [h for h in detect(text) if h.kind == "qr-code"]


def test_handle_right_after_japanese_text():
    """'インスタ@brand_jpをフォロー': a handle needs no space before or after it in Japanese."""
    text = "インスタ@brand_jpをフォローしてください"
    assert [(text[h.start:h.end], h.kind) for h in DETECTORS["handle"](text)] == [("@brand_jp", "handle")]


@pytest.mark.parametrize("text", [
    "Scan the QR code on the plug with the app to pair it.",
    "Den QR-Code auf der Steckdose in der App scannen.",
    "Escanee el código QR de la bombilla con la app.",
])
def test_qr_code_scanned_with_the_app_is_the_devices_code(text):
    """A code scanned with the product's app is the device's pairing code, not a link the card offers."""
    assert [h for h in DETECTORS["url"](text) if h.kind == "qr-code"] == []


def test_qr_code_offered_on_the_card_is_still_found():
    """'Scan the QR code to download our app' is a code printed on the card."""
    text = "Scan the QR code to download our app."
    assert [h.kind for h in DETECTORS["url"](text)] == ["qr-code"]


def test_qr_named_before_an_arrow_is_a_code():
    """'QR → free video lessons': the code without the word 'code' is still a link on the card."""
    assert [h.kind for h in DETECTORS["url"]("QR → free video lessons")] == ["qr-code"]


def test_phone_cue_a_clause_back_still_counts():
    """'Call us first and we will make it right: 555-0171': the cue sits more than 40 characters back."""
    text = "Call us first and we will make it right: 555-0171"
    assert [text[h.start:h.end] for h in DETECTORS["phone"](text)] == ["555-0171"]


@pytest.mark.parametrize("text", [
    "Material apto para el contacto con alimentos según el Reglamento (CE) 1935/2004.",
    "Food-contact safe under Regulation (EC) No 1935/2004; contact us through Amazon.",
    "Conforme au règlement (UE) 2023/988 : contactez-nous via Amazon.",
])
def test_eu_legal_act_number_is_not_a_phone(text):
    """A safety notice citing 'Reglamento (CE) 1935/2004' next to the word 'contacto' must not be
    underlined as a phone number on the card."""
    assert spans(text, {"phone"}) == []


def test_slashed_phone_after_a_call_cue_is_still_a_phone():
    """A German number written with a slash after its area code stays a phone."""
    text = "Kontakt: Tel. 0711/2004567"
    assert spans(text, {"phone"}) == [("0711/2004567", "phone")]
