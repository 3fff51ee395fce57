"""Contact and link detection: e-mail addresses, phone numbers, URLs and bare domains, social
handles and page names, messenger ids.

Each detector takes the card text and returns ``Hit`` objects with code-point offsets. They
run on every pause in typing in the designer, so everything expensive is built once, lazily
(compiled regexes at import; ``tldextract`` and ``phonenumbers`` on first use), and one text
is analysed once: all detectors share a cached analysis of the last texts seen.

Conventions (TAXONOMY.md, compliance/README.md):

* the domain inside an e-mail address is not also a URL;
* a messenger id's span includes the app name when the text gives one ("WhatsApp: +1 …");
  the phone number or ``@id`` inside it is not reported again as a phone or handle;
* a URL hit's ``kind`` is ``links.judge_url``'s verdict (``amazon``, ``own-site``, ``shop``,
  ``coupon``, ``signup``, ``review``, ``messenger``, ``social``, ``unknown``), with the verdict
  in ``meta["verdict"]`` — every Amazon link (an Amazon review page too) gets kind ``amazon``
  and rules leave it alone;
* test data uses reserved names (``brand.example``) and fictional phone ranges (555-01xx,
  UK 07700 900xxx, FR 01 99 00 xx xx), so neither a real-TLD list nor phonenumbers' VALID
  leniency decides alone: structure and context do.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable

from checks import links

__all__ = ["Hit", "DETECTORS", "detect", "HIT_KINDS", "MARKET_REGIONS"]

#: Regions whose national number formats are tried, in order (marketplace countries first).
MARKET_REGIONS: tuple[str, ...] = ("US", "GB", "DE", "FR", "ES", "IT", "JP", "CA", "MX", "AU", "CN",
                                   "NL", "SE", "PL", "BE", "IN", "SG", "AE", "SA", "BR", "TR")

HIT_KINDS: tuple[str, ...] = (
    "email", "phone", "manufacturer-email", "manufacturer-phone", "messenger", "handle", "social-page",
    "social-contact", "qr-code", "web-chat",
    *(k for k in links.KINDS if k not in ("email", "phone", "contact-card", "wifi", "text")),
)


@dataclass(frozen=True)
class Hit:
    """One contact channel or link found in the text.

    ``start``/``end`` are code-point offsets (end exclusive); ``kind`` one of ``HIT_KINDS``;
    ``value`` the normalised value (lower-cased e-mail, E.164 phone, URL with scheme, handle
    without ``@``, messenger id); ``meta`` extra facts (``app``, ``verdict``, ``region`` …).
    """

    start: int
    end: int
    kind: str
    value: str
    meta: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)


# --------------------------------------------------------------------------- vocabularies
_MESSENGER_APPS: dict[str, str] = {
    "whatsapp": "whatsapp", "whats app": "whatsapp", "wechat": "wechat", "we chat": "wechat",
    "weixin": "wechat", "微信": "wechat", "微信号": "wechat", "line": "line", "ライン": "line",
    "telegram": "telegram", "skype": "skype", "viber": "viber", "kakaotalk": "kakaotalk",
    "kakao talk": "kakaotalk", "kakao": "kakaotalk", "qq": "qq", "signal": "signal",
    "messenger": "messenger", "facebook messenger": "messenger",
    # the names Japanese cards write in katakana
    "カカオトーク": "kakaotalk", "テレグラム": "telegram", "ワッツアップ": "whatsapp",
    "ウィーチャット": "wechat", "スカイプ": "skype", "バイバー": "viber",
}
_SOCIAL_APPS: dict[str, str] = {
    "facebook": "facebook", "fb": "facebook", "instagram": "instagram", "insta": "instagram",
    "ig": "instagram", "tiktok": "tiktok", "tik tok": "tiktok", "youtube": "youtube",
    "twitter": "x", "pinterest": "pinterest", "linkedin": "linkedin", "snapchat": "snapchat",
    "threads": "threads", "xiaohongshu": "xiaohongshu", "小红书": "xiaohongshu", "weibo": "weibo",
    "微博": "weibo", "douyin": "douyin", "抖音": "douyin", "reddit": "reddit",
}

# App names as written in text. "LINE" is only the app in capitals or before an id marker
# ("line" is an everyday word); "Signal" only before a number; "X" is never guessed.
_MSG_APP_RE = (r"(?:Whats\s?App|WHATSAPP|whatsapp|We\s?Chat|WECHAT|wechat|Weixin|微信号?|ライン|"
               r"LINE|Line(?=\s*(?:ID|Id|id|[:：@＠(（]))|Telegram|TELEGRAM|telegram|Skype|SKYPE|skype|Viber|"
               r"VIBER|viber|Kakao\s?Talk|KakaoTalk|Kakao|カカオトーク|テレグラム|ワッツアップ|ウィーチャット|スカイプ|"
               r"QQ|Signal(?=\s*[:：]\s*\+?\d)|"
               r"(?:Facebook\s)?Messenger)")
_SOCIAL_APP_RE = (r"(?:Facebook|FACEBOOK|facebook|FB|Instagram|INSTAGRAM|instagram|Insta|IG|TikTok|"
                  r"TIKTOK|Tiktok|tiktok|Tik\sTok|YouTube|YOUTUBE|Youtube|youtube|Twitter|twitter|"
                  r"Pinterest|pinterest|LinkedIn|Snapchat|Threads|Xiaohongshu|小红书|Weibo|微博|Douyin|抖音|Reddit)")

# (the ideographic space of Japanese and Chinese layouts separates the words too: "ＬＩＮＥ　ＩＤ：brand")
_ID_CONNECT = r"(?:[ \t\u3000]*(?:公式アカウント|公式|アカウント))?(?:[ \t\u3000]*[(（][ \t\u3000]*)?[ \t\u3000]*(?:(?:ID|Id|id|account|Account|number|Number|No\.?|#|号|账号|帐号)[ \t\u3000]*)?[ \t\u3000]*[:：]?[ \t\u3000]*"

_EMAIL_RE = re.compile(
    r"(?<![A-Za-z0-9_.+\-@])[A-Za-z0-9](?:[A-Za-z0-9._%+\-]{0,63})"
    r"(?:@|＠|[ \t]?[\[(][ \t]?at[ \t]?[\])][ \t]?)"
    r"(?P<domain>(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?(?:\.|[ \t]?[\[(][ \t]?dot[ \t]?[\])][ \t]?))+"
    r"[A-Za-z]{2,24})(?![A-Za-z0-9_\-]|\.[A-Za-z0-9])",
)

_URL_CHARS = r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]"
# Boundaries are ASCII: a URL glued to Japanese or Chinese text ("詳しくはwww.brand.example.comへ")
# has a CJK letter beside it, which \w would count as part of the word.
_URL_RE = re.compile(
    r"(?P<scheme>(?<![A-Za-z0-9_])(?:https?|ftp)://" + _URL_CHARS + r"+)"
    r"|(?P<www>(?<![A-Za-z0-9_.@\-/])www\d{0,3}\.(?:[A-Za-z0-9\-]+\.)*[A-Za-z0-9\-]+" + r"(?:/" + _URL_CHARS + r"*)?)"
    r"|(?P<bare>(?<![A-Za-z0-9_.@\-/:#])(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z][A-Za-z\-]{0,23}[A-Za-z]"
    r"(?::\d{2,5})?(?:/" + _URL_CHARS + r"*)?)(?![A-Za-z0-9_@])",
)


#: what every match of _EMAIL_RE or _URL_RE holds: an at sign (or "(at)"), "://", or a dot
#: between two ASCII letters or digits ("www.-" too)
_ADDRESS_HINT = re.compile(r"[@＠]|[\[(][ \t]?at[ \t]?[\])]|://|[A-Za-z0-9]\.[A-Za-z0-9\-]")


def strip_addresses(text: str) -> str:
    """``text`` with its e-mail and web addresses replaced by a space each: their words are
    names (a mailbox, a domain), not words of the card's language ("reklamation@brand.example"
    on a German line is no French "-tion"). The detectors' own patterns, e-mail first, so a
    domain does not leave its mailbox behind; a text without any of what they need is
    returned as it is (most sentences: their dots end them)."""
    if _ADDRESS_HINT.search(text) is None:
        return text
    return _URL_RE.sub(" ", _EMAIL_RE.sub(" ", text))


# a handle may follow or precede Japanese text directly ("インスタ@brand_jpをフォロー"): only Latin word
# characters join it
_HANDLE_RE = re.compile(r"(?<![A-Za-z0-9_@.+\-/＠])[@＠](?P<name>[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?)(?![A-Za-z0-9_@\u00c0-\u024f])")

# Phone candidates: an optional +/00 country prefix, then digits with single separators.
# (a number may follow Japanese or Chinese text directly, "お電話03-0000-4821": only Latin word
# characters, digits and symbols join it)
_PHONE_RE = re.compile(
    r"(?<![A-Za-z0-9_\u00c0-\u024f+#@/.$€£¥\-])(?:\+[ \t]?|00)?\(?\d(?:[\d]|[ \t\u00a0]\(?|[.\-/][ \t]?|\)[ \t\u00a0]?[\-.]?){5,24}\d(?![\w@])")
_DATE_RE = re.compile(r"\d{4}[\-./]\d{1,2}[\-./]\d{1,2}|\d{1,2}[\-./]\d{1,2}[\-./]\d{2,4}")
_DECIMAL_RE = re.compile(r"\d+[.,]\d+")
_UNIT_AFTER = re.compile(
    r"^[ \t]*(?:mm|cm|m|km|in|inch|inches|ft|feet|kg|g|mg|lb|lbs|oz|ml|l|v|w|kw|mah|wh|hz|khz|mhz|%|x|×|"
    r"pcs|pieces|pack|hours?|hrs?|h|mins?|minutes?|sec|seconds?|days?|weeks?|months?|years?|°|℃|℉|dpi|px|pt|"
    r"gb|tb|mb|rpm|psi|bar|db|lm|k)\b", re.IGNORECASE)
_NOT_PHONE_BEFORE = re.compile(
    r"(?:order|order\s+(?:no\.?|number|id|#)|sku|asin|model|item|ref|reference|serial|s/n|sn|batch|lot|isbn|"
    r"ean|upc|invoice|tracking|part|no\.|nr\.?|art\.?|code|fcc\s+id|id|version|v|\$|€|£|¥|usd|eur|gbp|jpy|rmb|"
    r"cny|price|size|#)[ \t:#.]*$", re.IGNORECASE)
# an EU legal act's number ("Reglamento (CE) 1935/2004", "Regulation (EU) No 2023/988"), printed on
# food-contact and safety notices next to words like "contact" that would otherwise cue a phone
_LEGAL_ACT_BEFORE = re.compile(
    r"(?:(?:regulation|reglamento|r[eè]glement|regolamento|verordnung|directive|directiva|direttiva|"
    r"richtlinie|decision|decisi[oó]n|d[eé]cision|decisione|beschluss)[ \t\u00a0]*"
    r"(?:\((?:ce|ec|eu|ue|eg|eec|cee|ewg)\))?|\((?:ce|ec|eu|ue|eg|eec|cee|ewg)\))"
    r"[ \t\u00a0]*(?:no\.?|n\.?[º°o]\.?|nr\.?|núm\.?|num\.?|n\.)?[ \t\u00a0]*$", re.IGNORECASE)
_PHONE_CONTEXT = re.compile(
    r"(?:\btel\b|\btel\.|\bteleph|\bphone|\bph\.|\bcall|\bring\b|\btext\b|\bsms\b|\bmobil|\bcell\b|"
    r"\ba\s+(?:bell|buzz|tinkle)\b|"
    r"\bhotline|\bhelpline|\bfax|\bwhats\s?app|\bwechat|\bviber|\btelegram|\bline\b|\bsignal|\bcontact|"
    r"\breach|\bdial|\btoll[\s-]?free|\bnumber|\btél|\btelefon|\bteléfono|\btelefono|\bruf|☎|📞|📱|✆|"
    r"\bnum[eé]ro|\bnúmero|\bnummer|\bchiam|\bll[aá]m|\bappel|\banruf|\bassistenza|\basistencia|\bservizio\s+clienti|"
    # Spanish "dial" in its address forms (márquenos, márcanos, marcar; not the noun "marca" nor French "marque", a brand)
    r"\bm[aá]rqu(?:enos|eme|enme)\b|\bmarquen\b|\bm[aá]rca(?:nos|me|rnos)\b|\bmarcar\b|"
    r"電話|电话|手机|手機|微信|携帯|联系|連絡)", re.IGNORECASE)

_SOCIAL_PAGE_RE = re.compile(
    # "Facebook: Brand Official" (a page name, no URL or handle)
    r"(?P<named>\b(?P<app1>" + _SOCIAL_APP_RE + r")(?:[ \t]+(?:page|Page))?[ \t]*[:：][ \t]*"
    r"(?P<pname>[A-Z0-9][\w&'’.\-]*(?:[ \t]+[A-Z0-9&][\w&'’.\-]*){0,5}))"
    # "our Facebook page", "our Instagram account"
    r"|(?P<our>\b(?:our|my|the)[ \t]+(?:official[ \t]+)?(?P<app2>" + _SOCIAL_APP_RE + r")[ \t]+"
    r"(?:page|account|profile|group|community|channel|shop|store)\b)"
    # "find us on Instagram", "visit us on Facebook"
    r"|(?P<find>\b(?:[Ff]ind|[Vv]isit|[Ss]ee|[Ss]earch(?:[ \t]+for)?|[Ll]ook[ \t]+for)[ \t]+us[ \t]+(?:on|at)[ \t]+(?P<app3>" + _SOCIAL_APP_RE + r")\b)"
    # the same in the card languages: "unsere Facebook-Seite", "notre page Facebook",
    # "nuestro perfil de Facebook", "la nostra pagina Facebook", "Facebookの公式ページ"
    r"|(?P<our_de>\b(?:[Uu]nser(?:e|er|em|en)?)[ \t]+(?P<app4>" + _SOCIAL_APP_RE + r")[ \t]*[-‑]?[ \t]*"
    r"(?:Seite|Profil|Konto|Account|Gruppe|Kanal|Shop)\b)"
    r"|(?P<our_rom>\b(?:[Nn]otre|[Nn]os|[Nn]uestr[oa]s?|(?:[Ll]a|[Ii]l|[Ss]ulla|[Ss]ul|[Nn]ella|[Nn]el)[ \t]+nostr[oa]|[Nn]ostr[oa])"
    r"[ \t]+(?:page|profil|compte|groupe|chaîne|página|pagina|perfil|profilo|cuenta|account|grupo|gruppo|canal|canale)"
    r"[ \t]+(?:(?:de|en|su|sur|di)[ \t]+)?(?P<app5>" + _SOCIAL_APP_RE + r")\b)"
    r"|(?P<our_ja>(?P<app6>" + _SOCIAL_APP_RE + r")[ \t]*の?[ \t]*(?:公式)?(?:ページ|アカウント|プロフィール|グループ))",
)
_SOCIAL_CONTACT_RE = re.compile(
    # "DM us on Instagram", "message us on Facebook", "inbox us via Instagram"
    r"\b(?:DM|dm|Dm|PM|pm|[Mm]essage|[Ii]nbox|[Cc]ontact|[Rr]each|[Ww]rite(?:[ \t]+to)?|[Cc]hat(?:[ \t]+with)?|[Tt]ext)"
    r"[ \t]+us[ \t]+(?:on|via|through|over|at|in)[ \t]+(?:our[ \t]+)?(?P<app1>" + _SOCIAL_APP_RE + r")\b"
    # "send (us) an Instagram DM", "an Instagram message"
    r"|\b(?:send|drop|leave)[ \t]+(?:us[ \t]+)?(?:an?|a[ \t]+quick)[ \t]+(?P<app2>" + _SOCIAL_APP_RE + r")[ \t]+"
    r"(?:DM|dm|direct[ \t]+message|message|PM)\b"
    # "Instagram DM", "via Facebook Messenger" handled as messenger
    r"|\b(?P<app3>" + _SOCIAL_APP_RE + r")[ \t]+(?:DM|direct[ \t]+message|DMs)\b"
    # card languages: "per DM auf Instagram", "en MP sur Facebook", "por DM en Instagram",
    # "in DM su Instagram", "schreiben Sie uns auf Instagram", "écrivez-nous sur Facebook",
    # "escríbenos por Instagram", "scrivici su Instagram", "InstagramのDM"
    r"|\b(?:(?:per|als|en|in|por|via|tramite)[ \t]+)?(?:DM|MP|PN|MD|[Dd]irektnachricht|[Mm]essage[ \t]+privé|[Mm]ensaje[ \t]+(?:privado|directo)|[Mm]essaggio[ \t]+privato)"
    r"[ \t]+(?:auf|über|bei|sur|via|par|en|por|a[ \t]+través[ \t]+de|su|tramite|on)[ \t]+(?:(?:unserem|unserer|notre|nuestro|nuestra|la[ \t]+nostra|il[ \t]+nostro)[ \t]+)?(?P<app4>" + _SOCIAL_APP_RE + r")\b"
    r"|\b(?:[Ss]chreib(?:en[ \t]+Sie|t)?|[Kk]ontaktier(?:en[ \t]+Sie|t)?|[Ee]rreich(?:en[ \t]+Sie|t)?)[ \t]+uns[ \t]+(?:auf|über|bei|via|per)[ \t]+(?P<app5>" + _SOCIAL_APP_RE + r")\b"
    r"|\b(?:[ÉéEe]crivez|[ÉéEe]cris|[Cc]ontactez|[Cc]ontacte|[Ee]nvoyez|[Jj]oignez)[-‑ ]nous[ \t]+(?:un[ \t]+message[ \t]+)?(?:sur|via|par)[ \t]+(?P<app6>" + _SOCIAL_APP_RE + r")\b"
    r"|\b(?:[Ee]scr[ií]benos|[Ee]scr[ií]banos|[Cc]ont[aá]ctanos|[Cc]ont[aá]ctenos|[Ee]nv[ií]anos[ \t]+un[ \t]+mensaje|[Hh]áblanos)[ \t]+(?:por|en|a[ \t]+través[ \t]+de|v[ií]a)[ \t]+(?P<app7>" + _SOCIAL_APP_RE + r")\b"
    r"|\b(?:[Ss]crivici|[Cc]ontattaci|[Ss]criveteci|[Cc]i[ \t]+scriva|[Mm]andaci[ \t]+un[ \t]+messaggio)[ \t]+(?:in[ \t]+(?:DM|privato)[ \t]+)?(?:su|tramite|via|sulla[ \t]+nostra[ \t]+pagina)[ \t]+(?P<app8>" + _SOCIAL_APP_RE + r")\b"
    r"|(?P<app9>" + _SOCIAL_APP_RE + r")[ \t]*の?[ \t]*(?:DM|ダイレクトメッセージ|メッセージ)",
)
_MESSENGER_ID_RE = re.compile(
    r"(?P<app>" + _MSG_APP_RE + r")" + _ID_CONNECT +
    r"(?:(?P<phone>\+?[ \t]?\(?\d(?:[\d]|[ \t\u00a0]\(?|[.\-][ \t]?|\)[ \t\u00a0]?[\-.]?){5,22}\d)"
    r"|(?P<at>[@＠][A-Za-z0-9_](?:[A-Za-z0-9_.\-]{0,30}[A-Za-z0-9_])?)"
    r"|(?P<id>[A-Za-z][A-Za-z0-9_.\-]{1,30}[A-Za-z0-9_]))(?P<close>[ \t]*[)）])?",
)
_MESSENGER_VERB_RE = re.compile(
    r"\b(?:(?:[Mm]essage|[Tt]ext|[Cc]hat(?:[ \t]+with)?|[Cc]ontact|[Rr]each|[Aa]dd|[Cc]all|[Ff]ind|[Pp]ing|"
    r"DM|[Ww]rite(?:[ \t]+to)?|[Tt]alk[ \t]+to)[ \t]+us[ \t]+(?:on|via|through|over|at|in|using)[ \t]+"
    r"(?:our[ \t]+)?(?P<app1>" + _MSG_APP_RE + r")\b"
    r"|(?P<app2>WhatsApp|WeChat|Telegram|Viber|Skype)[ \t]+us\b"
    r"|\b(?:via|through|over|on|per|über|auf|sur|par|por|en|su|tramite)[ \t]+(?P<app3>WhatsApp|WeChat|Telegram|Viber|Skype|KakaoTalk|微信))"
    # Japanese/Chinese: "LINEで", "LINEにて", "通过微信", "加微信"
    r"|(?P<app4>LINE|WhatsApp|WeChat|微信)(?=[ \t]*(?:で|にて|から|まで))|(?:通过|加|添加)(?P<app5>微信|WhatsApp|LINE|Telegram)"
    # LINE's own words: "LINE友だち追加", "LINE公式アカウントを友達登録", "友だち追加はこちら"
    r"|\b(?:über|via|per|sur|par|por|en|su|tramite|through|on)[ \t]+(?:(?:den|dem|le|el|il)[ \t]+)?(?P<app7>(?:Facebook[ \t]+)?Messenger)\b"
    # a group or channel on a messenger: "Tritt unserer Telegram-Gruppe bei", "our WhatsApp group"
    r"|(?P<app8>WhatsApp|Telegram|WeChat|Viber|Signal)[ \t\-]?(?:[Gg]ruppe|[Gg]roup|[Kk]anal|[Cc]hannel|[Cc]ommunity|groupe|canal|grupo|gruppo|canale)\b"
    r"|\b(?:[Gg]rupo|[Cc]omunidad|[Cc]anal|[Gg]ruppo|[Cc]omunità|[Cc]anale|[Gg]roupe|[Cc]ommunauté)[ \t]+(?:de|di|du|del|su)[ \t]+(?P<app9>WhatsApp|Telegram|WeChat|Viber|Signal)\b"
    r"|(?:(?P<app6>LINE|ライン)[ \t]*(?:公式アカウント)?[ \t]*(?:で|の|を|に)?[ \t]*)?(?:友だち|友達|ともだち)(?:追加|登録)",
)
# Words that follow an app name but are not ids ("WhatsApp Business", "WeChat Pay").
_NOT_IDS = frozenset({
    "us", "or", "and", "the", "app", "business", "pay", "group", "chat", "message", "messages",
    "support", "official", "account", "web", "desktop", "call", "calls", "video", "only",
    "for", "with", "to", "at", "on", "via", "id", "number", "page", "channel", "is", "we", "our",
})

_CONTEXT_WINDOW = 40
_QR_RE = re.compile(
    r"(?:\b(?:[Ss]can(?:ning)?|[Uu]se|[Oo]pen)[ \t]+(?:the|this|our|that|a)?[ \t]*)?"
    r"\b(?:QR|qr)[ \t\-]?(?:[Cc]ode|CODE)s?\b|QRコード|二维码|二維碼|扫码|掃碼"
    r"|\b(?:[Cc][oó]digo|CÓDIGO|CODIGO|[Cc]odice|CODICE|[Cc]ode)[ \t]+(?:QR|qr)\b"
    # "QR → free video lessons": the code named before an arrow or a colon
    r"|\bQR\b(?=[ \t]*(?:→|->|⇒|➡|➜|:))"
    r"|\b(?:[Ee]scanea|[Ee]scanee|[Ss]cansiona|[Ss]cannerizza|[Ii]nquadra|[Ii]nquadrate|[Ss]cannez|[Ss]canne|[Ss]cannen[ \t]+[Ss]ie)[ \t]+(?:el|il|le|den|lo|la)[ \t]+QR\b(?![ \t\-]?(?:[Cc]ode|CODE))"
    # "dal QR qui sotto", "nel QR", "del QR", "au QR", "im QR": a bare QR after a preposition
    # with its article is the code too
    r"|\b(?:[Dd]al|[Nn]el|[Cc]ol|[Aa]l|[Dd]el|[Aa]u|[Dd]u|[Ii]m|[Mm]it[ \t]+dem|[Uu]ber[ \t]+den|[Üü]ber[ \t]+den|[Cc]on[ \t]+el|[Cc]on[ \t]+il|[Aa]vec[ \t]+le)[ \t]+QR\b(?![ \t\-]?(?:[Cc]ode|CODE|[Cc]odes))"
    # "Scan the QR to register": the code without the word "code"
    r"|\b(?:[Ss]can(?:ning)?|[Uu]se|[Oo]pen)[ \t]+(?:the|this|our|that|a)[ \t]+(?:[a-z]+[ \t]+)?QR\b(?![ \t\-]?[Cc]ode)")
#: "the QR label / sticker on the bottom": the word between the code and where it is
_QR_LABEL_WORD = re.compile(r"^[ \t]*(?:(?:sull'|sulla[ \t]+|en[ \t]+la[ \t]+|sur[ \t]+l')?(?:label|sticker|tag|plate|Etikett|étiquette|etiqueta|etichetta)s?\b|ラベル|シール)", re.IGNORECASE)
#: a QR code printed on the product itself (pairing, setup), not on the card: no link on the card
_QR_ON_DEVICE_AFTER = re.compile(
    r"^[ \t]*(?:(?:located|printed|found)[ \t]+)?(?:on|at|under(?:neath)?|inside)[ \t]+the[ \t]+(?:bottom|back|underside|base|side|rear|inside|label|lid)"
    r"[ \t]+of[ \t]+(?:the|your)[ \t]+(?!card|box|package|packaging|insert|leaflet|manual|page|pouch|bag|sleeve|envelope|booklet|flyer|guide)\w+"
    r"|^[ \t]*(?:on|at|under)[ \t]+(?:the|your)[ \t]+(?:device|unit|camera|robot|vacuum|router|hub|base|product)\b"
    r"|^[ \t]*(?:auf|an|unter)[ \t]+(?:der|dem)[ \t]+(?:Unterseite|Rückseite|Seite|Innenseite|Typenschild|Gehäuse|Geräteboden|Boden|Deckel)(?![ \t]+(?:der|dieser|des|dieses)[ \t]+(?:Karte|Verpackung|Schachtel|Tüte|Hülle|Beutel|Anleitung|Broschüre|Umschlags?|Flyers?))"
    r"|^[ \t]*collée?[ \t]+(?:sur|sous)[ \t]+(?:la|le|l')[ \t]*(?![ \t]*(?:carte|emballage|boîte|notice|enveloppe|pochette|sachet|étui|dépliant|livret))"
    r"|^[ \t]*(?:sull?[ao']?|sotto[ \t]+la|dietro[ \t]+la)[ \t]*(?:presa|spina|base|lampada|dispositivo|prodotto|apparecchio|telecamera|videocamera|robot|caricatore|stampante|bilancia)\b"
    r"|^[ \t]*(?:situé[ \t]+|présent[ \t]+|imprimé[ \t]+|collé[ \t]+|placé[ \t]+)?(?:au[ \t]+dos|sous|sur[ \t]+le[ \t]+(?:dessous|côté))[ \t]+(?:de[ \t]+l'|du[ \t]+|de[ \t]+la[ \t]+|la[ \t]+|le[ \t]+|l')(?!carte|emballage|boîte|notice|enveloppe|pochette|sachet|étui|dépliant|livret)"
    r"|^[ \t]*(?:situado[ \t]+|ubicado[ \t]+)?en[ \t]+la[ \t]+(?:parte[ \t]+(?:inferior|trasera|posterior)|base)[ \t]+del?[ \t]+(?!(?:la[ \t]+|el[ \t]+)?(?:tarjeta|caja|embalaje|folleto|bolsa|funda|sobre|manual))"
    r"|^[ \t]*(?:posto[ \t]+|situato[ \t]+)?(?:sul[ \t]+(?:retro|fondo|lato)|sotto)[ \t]+(?:del(?:l')?|della|la|il|lo|l')[ \t]*(?![ \t]*(?:la[ \t]+|l'|lo[ \t]+)?(?:scheda|cartolina|scatola|confezione|biglietto|busta|bustina|custodia|libretto|manuale|volantino))",
    re.IGNORECASE)
# A bare 裏面 ("the reverse side") is the card's own back (裏面のQRコード), not the device's:
# only 本体裏面 / 製品の裏面 or a label on the back (裏面のラベル) is the device's pairing code.
_QR_ON_DEVICE_BEFORE = re.compile(
    r"(?:本体|製品|デバイス|機器|カメラ|ロボット|底面|裏面(?=の?ラベル)|背面|側面|底部|内側)(?:の)?(?:底面|裏面|背面|側面|底部|内側|ラベル)?(?:の|に(?:ある|記載の|貼付の|貼られた))?[ \t]*$"
    r"|(?:auf[ \t]+der[ \t]+(?:Unterseite|Rückseite)[ \t]+(?:des|der)[ \t]+\w+)[ \t]*$")
# A code scanned *with* the product's app is the device's pairing code ("scan the QR code on
# the plug in the app", "den QR-Code in der App scannen", "escanee el código QR con la app"),
# not one the card offers; "download our app" is not scanning with it.
_QR_WITH_APP = re.compile(
    r"\b(?:in|mit)[ \t]+der[ \t]+(?:[\w\-]+[ \t]+)?App\b|\b(?:in|with|using)[ \t]+the[ \t]+(?:[\w\-]+[ \t]+)?app\b"
    r"|\b(?:con|desde)[ \t]+la[ \t]+app\b|\b(?:dans|avec|depuis)[ \t]+l['’][ \t]?app(?:li(?:cation)?)?\b"
    r"|\b(?:nell|con[ \t]+l|dall)['’][ \t]?app\b|アプリ(?:で|から|を使って|内)", re.IGNORECASE)
_WEB_CHAT_RE = re.compile(r"\b(?:(?:[Ll]ive[ \t]+)?[Cc]hat[ \t]+with[ \t]+us(?:[ \t]+24/7)?|[Ll]ive[ \t]+chat|[Oo]nline[ \t]+chat)\b")
_FOLLOW_BEFORE = re.compile(
    r"\b(?:follow|like|subscribe[ \t]+to|join|check[ \t]+out|folgen[ \t]+Sie|folgt|folge|abonnieren[ \t]+Sie|"
    r"suivez|suis|abonnez-vous[ \t]+à|rejoignez|likez|aimez|síguenos|sígannos|siga|sigue|únete[ \t]+a|"
    r"seguici|segui|seguite|iscriviti[ \t]+a|"
    # the infinitive after "to" / "pour" / "para" / "per": "scannez le QR code pour suivre notre page"
    r"suivre|s'abonner[ \t]+à|liker|seguir|seguire|unirse[ \t]+a|"
    # "dale a «Me gusta» a", "metti «Mi piace» alla", "mettez un « J'aime » à"
    r"(?:me[ \t]+gusta|mi[ \t]+piace|j'aime|gefällt[ \t]+mir|like)[ \t]*[»\"”]?[ \t]+(?:a|à|alla|al|auf|on))[ \t]*$", re.IGNORECASE)


# --------------------------------------------------------------------------- analysis
# The detectors run on every pause in typing. Scanning a 300-word card with each large
# pattern at every position costs ~1 ms apiece, so each pattern runs only inside windows
# around cheap anchors (``str.find`` of a keyword, an ``@``, a dot between letters).
_URL_ANCHOR = re.compile(r"[A-Za-z0-9]\.[A-Za-z]|://")
_WS = re.compile(r"\s")


def _merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for lo, hi in sorted(ranges):
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def _token_range(text: str, i: int, limit: int = 4096) -> tuple[int, int]:
    """The whitespace-delimited token around position ``i``, looking back at most ``limit``
    characters (a longer token comes back longer than ``limit``, so callers can drop it)."""
    floor = max(0, i - limit - 1)
    found = max(text.rfind(" ", floor, i), text.rfind("\n", floor, i), text.rfind("\t", floor, i),
                text.rfind("\u3000", floor, i), text.rfind("\u00a0", floor, i))
    lo = found + 1 if found >= 0 else floor
    m = _WS.search(text, i)
    return lo, (m.start() if m else len(text))


#: Longer whitespace-free runs are not addresses on a card (and scanning them costs time).
_MAX_URL_TOKEN = 2048
_MAX_EMAIL_TOKEN = 512


def _token_ranges(text: str, anchors: list[int], limit: int) -> list[tuple[int, int]]:
    """The distinct tokens holding the sorted ``anchors``, each computed once; tokens longer
    than ``limit`` are skipped (a 100 kB run of "a.a.a…" must not cost seconds)."""
    out: list[tuple[int, int]] = []
    for i in anchors:
        if out and out[-1][0] <= i < out[-1][1]:
            continue
        out.append(_token_range(text, i, limit))
    return [r for r in out if r[1] - r[0] <= limit]


def _positions(text: str, needle: str) -> list[int]:
    out = []
    i = text.find(needle)
    while i >= 0:
        out.append(i)
        i = text.find(needle, i + 1)
    return out


def _keyword_windows(low: str, keywords, before: int, after: int) -> list[tuple[int, int]]:
    """Windows around every occurrence of any keyword in the lower-cased text. ASCII keywords
    must start a word ("line" not in "online", "ig" not in "big"); the short ones in
    ``_WHOLE_WORDS`` must also end it ("lines", "igloo")."""
    ranges = []
    n = len(low)
    for k in keywords:
        ascii_kw = k.isascii()
        whole = k in _WHOLE_WORDS
        i = low.find(k)
        while i >= 0:
            j = i + len(k)
            if not ascii_kw or ((i == 0 or not (low[i - 1].isascii() and low[i - 1].isalnum()))
                                and (not whole or j >= n or not (low[j].isascii() and low[j].isalpha()))):
                ranges.append((max(0, i - before), min(n, j + after)))
            i = low.find(k, i + 1)
    return _merge(ranges)


def _finditer(pattern: re.Pattern[str], text: str, windows: list[tuple[int, int]]):
    for lo, hi in windows:
        yield from pattern.finditer(text, lo, hi)


_WHOLE_WORDS = frozenset({"ig", "fb", "qq", "line", "insta", "signal", "threads", "kakao", "chat", "qr"})
_MSG_KEYWORDS = ("whatsapp", "whats app", "wechat", "we chat", "weixin", "微信", "line", "ライン",
                 "カカオトーク", "テレグラム", "ワッツアップ", "ウィーチャット", "スカイプ",
                 "telegram", "skype", "viber", "kakao", "qq", "signal", "messenger", "友だち", "友達", "ともだち")
_SOCIAL_KEYWORDS = ("facebook", "fb", "instagram", "insta", "ig", "tiktok", "tik tok", "youtube",
                    "twitter", "pinterest", "linkedin", "snapchat", "threads", "xiaohongshu", "小红书",
                    "weibo", "微博", "douyin", "抖音", "reddit")


class _SpanSet:
    """Spans for overlap queries in O(log n) (a card with thousands of hits stays linear):
    starts sorted, with the running maximum of ends."""

    __slots__ = ("starts", "max_end")

    def __init__(self, spans) -> None:
        ordered = sorted(spans)
        self.starts = [a for a, _ in ordered]
        self.max_end: list[int] = []
        m = -1
        for _, b in ordered:
            m = max(m, b)
            self.max_end.append(m)

    def overlaps(self, s: int, e: int) -> bool:
        i = bisect.bisect_left(self.starts, e)  # spans [0, i) start before e
        return i > 0 and self.max_end[i - 1] > s


def _overlaps(spans, s: int, e: int) -> bool:
    if isinstance(spans, _SpanSet):
        return spans.overlaps(s, e)
    return any(s < b and a < e for a, b in spans)


def _line_before(text: str, start: int, width: int = _CONTEXT_WINDOW) -> str:
    lo = max(0, start - width)
    seg = text[lo:start]
    nl = seg.rfind("\n")
    return seg[nl + 1:] if nl >= 0 else seg


def _find_emails(text: str) -> list[Hit]:
    hits = []
    ranges = _token_ranges(text, sorted(_positions(text, "@") + _positions(text, "＠")), _MAX_EMAIL_TOKEN)
    low = text.lower()
    if "at]" in low or "at)" in low:
        ranges += _keyword_windows(low, ("[at]", "(at)", "[ at ]", "( at )"), 70, 260)
    for m in _finditer(_EMAIL_RE, text, _merge(ranges)):
        raw = m.group(0)
        norm = re.sub(r"[ \t]?[\[(][ \t]?at[ \t]?[\])][ \t]?", "@", raw.replace("＠", "@"))
        norm = re.sub(r"[ \t]?[\[(][ \t]?dot[ \t]?[\])][ \t]?", ".", norm).lower()
        domain = norm.rsplit("@", 1)[-1]
        if not _plausible_host(domain, strict=False):
            continue
        hits.append(Hit(m.start(), m.end(), "email", norm, {"domain": domain}))
    return hits


_FILE_TLDS = frozenset({"zip", "mov", "md", "py", "sh", "rs", "ps", "pm", "cs", "pl", "js"})
_COMMON_TLDS = frozenset({
    "com", "net", "org", "info", "biz", "shop", "store", "online", "site", "app", "dev", "io",
    "co", "me", "tech", "xyz", "top", "club", "vip", "cn", "store", "page", "link", "life", "world",
    "global", "group", "help", "care", "support", "website", "web", "club", "live", "tv", "cc",
})


@lru_cache(maxsize=2048)
def _plausible_host(host: str, *, strict: bool, as_written: str | None = None) -> bool:
    """A host that could be a real or reserved domain (offline Public Suffix List check).

    ``strict`` is for bare domains in running text: the top-level name must be a common one
    or a country code and written in lower case (or the whole host in capitals), so that
    "Thanks.Love it", "README.md" and "Dr.Kim" stay prose.
    """
    host = host.lower().strip(".")
    labels = host.split(".")
    if len(labels) < 2 or any(not lab for lab in labels):
        return False
    parts = links.split_host(host)
    if not parts.suffix or not parts.domain:
        return False
    if not strict:
        return True
    tld = labels[-1]
    known = (links.is_amazon_host(host) or links._host_match(host, links._MESSENGER_HOSTS)
             or links._host_match(host, links._SOCIAL_HOSTS) or links._host_match(host, links._SHORTENERS)
             or links._host_match(host, links._SHOP_HOSTS))
    if known:
        return True
    if tld in _FILE_TLDS:
        return False
    if tld not in links.RESERVED_TLDS and tld not in _COMMON_TLDS and len(tld) != 2 and "." not in parts.suffix:
        return False
    if len(parts.domain) < 2:
        return False
    if as_written is not None:
        written_tld = as_written.split("/")[0].split(":")[0].rsplit(".", 1)[-1]
        if written_tld != written_tld.lower() and not as_written.split("/")[0].isupper():
            return False
    return True


def _trim_url(raw: str) -> str:
    # Trailing punctuation belongs to the sentence, unless it closes a bracket opened inside.
    while raw:
        ch = raw[-1]
        if ch in ".,;:!?'\"*":
            raw = raw[:-1]
        elif ch == ")" and raw.count("(") < raw.count(")"):
            raw = raw[:-1]
        elif ch == "]" and raw.count("[") < raw.count("]"):
            raw = raw[:-1]
        else:
            break
    return raw


def _find_urls(text: str, taken: list[tuple[int, int]]) -> list[Hit]:
    taken_set = _SpanSet(taken)
    hits = []
    windows = _token_ranges(text, [m.start() for m in _URL_ANCHOR.finditer(text)], _MAX_URL_TOKEN)
    for m in _finditer(_URL_RE, text, windows):
        raw = _trim_url(m.group(0))
        s, e = m.start(), m.start() + len(raw)
        if not raw or _overlaps(taken_set, s, e):
            continue
        group = m.lastgroup
        host = re.split(r"[/:?#]", raw.split("://", 1)[-1], maxsplit=1)[0]
        if "@" in host:
            continue
        strict = group == "bare" and "/" not in raw
        if not _plausible_host(host, strict=strict, as_written=raw if group == "bare" else None):
            continue
        if group == "bare" and "/" in raw and not _plausible_host(host, strict=True, as_written=raw) \
                and links.split_host(host).suffix not in links.RESERVED_TLDS:
            # "and/or", "km/h" never get here (no dot); a path saves only real-looking hosts
            if host.split(".")[-1].lower() in _FILE_TLDS or len(links.split_host(host).domain) < 2:
                continue
        verdict = links.judge_url(raw)
        kind = "amazon" if "amazon" in verdict.signals else verdict.kind  # an Amazon review page is Amazon
        hits.append(Hit(s, e, kind, verdict.url,
                        {"verdict": verdict, "app": verdict.app, "host": verdict.host}))
    return hits


def _messenger_app(word: str) -> str:
    w = re.sub(r"\s+", " ", word.strip()).lower()
    return _MESSENGER_APPS.get(w, _MESSENGER_APPS.get(w.replace(" ", ""), w))


def _social_app(word: str) -> str:
    w = re.sub(r"\s+", " ", word.strip()).lower()
    return _SOCIAL_APPS.get(w, w)


def _find_messengers(text: str, taken: list[tuple[int, int]]) -> list[Hit]:
    taken_set = _SpanSet(taken)
    hits: list[Hit] = []
    low = text.lower()
    windows = _keyword_windows(low, _MSG_KEYWORDS, 36, 12)
    if not windows:
        return hits
    # An id follows its app name: try the pattern only where an app name starts.
    id_windows = _keyword_windows(low, _MSG_KEYWORDS, 2, 60)
    for m in _finditer(_MESSENGER_ID_RE, text, id_windows):
        s = m.start()
        if _overlaps(taken_set, s, m.end()):
            continue
        app = _messenger_app(m.group("app"))
        if m.group("phone"):
            digits = re.sub(r"\D", "", m.group("phone"))
            if not 7 <= len(digits) <= 15:
                continue
            value = _phone_value(m.group("phone")) or ("+" + digits if m.group("phone").startswith("+") else digits)
        elif m.group("at"):
            value = m.group("at")[1:]
        else:
            ident = m.group("id")
            between = text[m.end("app"):m.start("id")]
            explicit = bool(re.search(r"[:：]|ID|Id|id|号|account|Account|[(（]", between))
            if ident.lower() in _NOT_IDS or not (explicit or re.search(r"[\d_.]", ident)):
                continue
            if text[m.end("id"):m.end("id") + 1] in ("/", ":", "@"):
                continue  # "WhatsApp: wa.me/1555…" is a link, "WeChat: a@b.com" an e-mail
            value = ident
        end = m.end()
        close = m.group("close")
        if close and not re.search(r"[(（]", text[m.end("app"):m.end()]):
            end = m.end() - len(close)
        hits.append(Hit(s, end, "messenger", value, {"app": app}))
    spans = _SpanSet([(h.start, h.end) for h in hits] + taken)
    for m in _finditer(_MESSENGER_VERB_RE, text, windows):
        if _overlaps(spans, m.start(), m.end()):
            continue
        app_word = next((g for g in (m.group(f"app{i}") for i in range(1, 10)) if g), "LINE")
        hits.append(Hit(m.start(), m.end(), "messenger", "", {"app": _messenger_app(app_word), "id": None}))
    return hits


def _find_social(text: str, taken: list[tuple[int, int]]) -> list[Hit]:
    taken_set = _SpanSet(taken)
    hits: list[Hit] = []
    windows = _keyword_windows(text.lower(), _SOCIAL_KEYWORDS, 36, 48)
    if not windows:
        return hits
    for m in _finditer(_SOCIAL_CONTACT_RE, text, windows):
        if _overlaps(taken_set, m.start(), m.end()):
            continue
        app = _social_app(next(g for g in (m.group(f"app{i}") for i in range(1, 10)) if g))
        hits.append(Hit(m.start(), m.end(), "social-contact", app, {"app": app}))
    spans = _SpanSet(taken + [(h.start, h.end) for h in hits])
    for m in _finditer(_SOCIAL_PAGE_RE, text, windows):
        s, e = m.start(), m.end()
        if m.group("named"):
            name = m.group("pname").rstrip(".")
            e = m.start("pname") + len(name)
            # "Instagram: @brand" or "Facebook: facebook.com/x" is a handle/URL, not a page name
            if _overlaps(taken_set, m.start("pname"), e):
                continue
        if _overlaps(spans, s, e):
            continue
        if (m.group("our") or m.group("our_de") or m.group("our_rom") or m.group("our_ja")) and \
                _FOLLOW_BEFORE.search(_line_before(text, s, 24)):
            continue  # "follow our Facebook page" is a follow call (marketing), not a contact channel
        app = _social_app(next(g for g in (m.group(f"app{i}") for i in range(1, 7)) if g))
        if app == "youtube" and _VIDEO_WORDS.search(text[slice(*_sentence_bounds(text, s, e))]):
            continue  # "watch the setup video on our YouTube channel" is a how-to, not a contact channel
        hits.append(Hit(s, e, "social-page", app, {"app": app}))
    return hits


# A video to watch named in the sentence of a YouTube channel ("the setup video on our YouTube
# channel", "regardez le tutoriel sur notre chaîne YouTube", 「YouTubeチャンネルの動画で」): the channel is
# where a how-to lives. A channel to reach the seller on, or to subscribe to, stays with the
# contact and marketing rules (a follow call is marketing either way).
_VIDEO_WORDS = re.compile(
    r"(?i)\b(?:videos?|vid[ée]os?|v[íi]deos?|tutorials?|tutoriels?|tutoriales?|tutorial|how-to|"
    r"watch|watching|anschauen|ansehen|regardez|regarde|visionnez|mira|mire|guarda|guardate)\b|"
    r"動画|ビデオ|解説|使い方|視聴")


_DM_BEFORE = re.compile(
    r"\b((?:DMs?|dms|PMs?|[Dd]irect[ \t]+messages?|[Mm]essage|[Tt]ext|[Ii]nbox)(?:[ \t]+us)?)(?:[ \t]+(?:at|on|via|to))?[ \t]*[(（]?[ \t]*$"
    # card languages: "por DM a @marca", "in DM a @marca", "per DM an @marke", "en MP à @marque",
    # "por mensaje privado a @marca", "in privato a @marca"
    r"|\b((?:DM|MD|MP|PN|[Mm]ensaje[ \t]+(?:privado|directo)|[Mm]essaggio[ \t]+(?:privato|diretto)|[Pp]rivato|[Mm]essage[ \t]+priv[ée]|[Dd]irektnachricht))"
    r"[ \t]+(?:a|al|an|à|au|en|su|per|por)[ \t]*[(（]?[ \t]*$")
_HANDLE_APP_BEFORE = re.compile(r"(?P<app>" + _SOCIAL_APP_RE + r"|" + _MSG_APP_RE + r")")


def _find_handles(text: str, taken: list[tuple[int, int]],
                  social_spans: list[tuple[int, int]] = ()) -> list[Hit]:
    hits = []
    taken_set, social_set = _SpanSet(taken), _SpanSet(social_spans)
    windows = _merge([(max(0, i - 1), min(len(text), i + 32)) for i in _positions(text, "@") + _positions(text, "＠")])
    for m in _finditer(_HANDLE_RE, text, windows):
        name = m.group("name").rstrip(".")
        s, e = m.start(), m.start() + 1 + len(name)
        if not re.search(r"[A-Za-z]", name) or _overlaps(taken_set, s, e):
            continue
        before = _line_before(text, s)
        am = None
        for am in _HANDLE_APP_BEFORE.finditer(before):
            pass  # the app named last before the handle
        app = None
        if am:
            word = am.group("app")
            social = _SOCIAL_APPS.get(word.lower().replace("  ", " "))
            if social is None:
                # "LINE公式アカウント @brand_jp": an id on a messenger, with the app name in the span
                app_start = s - len(before) + am.start()
                hits.append(Hit(app_start, e, "messenger", name, {"app": _messenger_app(word)}))
                continue
            app = social
        dm = _DM_BEFORE.search(before)
        if dm:
            # "DM @brand", "message us at @brand": the handle is offered as a contact channel
            a = s - len(before) + dm.start()
            cue = dm.group(1) or dm.group(2)
            if not _overlaps(taken_set, a, a + len(cue)) and not _overlaps(social_set, a, a + len(cue)):
                hits.append(Hit(a, a + len(cue), "social-contact", name, {"app": app}))
        hits.append(Hit(s, e, "handle", name, {"app": app}))
    return hits


@lru_cache(maxsize=1)
def _phone_lib():
    import phonenumbers

    return phonenumbers


@lru_cache(maxsize=1024)
def _phone_value(raw: str) -> str | None:
    """E.164 of an international (+ or 00) number, or None."""
    pn = _phone_lib()
    s = raw.strip()
    if s.startswith("00"):
        s = "+" + s[2:]
    if not s.startswith("+"):
        return None
    try:
        n = pn.parse(s, None)
    except pn.NumberParseException:
        return None
    if not pn.is_possible_number(n):
        return None
    return pn.format_number(n, pn.PhoneNumberFormat.E164)


def _preferred_regions(raw: str) -> tuple[str, ...]:
    """The regions whose national format ``raw`` looks like (tried first)."""
    digits = re.sub(r"\D", "", raw)
    if digits[0] != "0":
        if re.fullmatch(r"1[ \t.\-]?(?:\(\d{3}\)|\d{3})[ \t.\-]?\d{3}[ \t.\-]\d{4}", raw):
            return ("US", "CA")  # 1-800-555-0199: NANP with its trunk 1
        if len(digits) == 11 and digits[0] == "1" and not raw.startswith("("):
            return ("CN",)
        if digits.startswith("400") and len(digits) == 10:
            return ("CN", "US")
        return ("US", "CA")
    if re.fullmatch(r"0\d(?:[ \t.\-]\d{2}){4}", raw):
        return ("FR",)
    if re.fullmatch(r"0\d{1,3}-\d{2,4}-\d{3,4}", raw):
        return ("JP",)
    if len(digits) == 11:
        return ("GB", "DE", "IT")
    return ()


@lru_cache(maxsize=1024)
def _national(raw: str) -> tuple[str, str, bool] | None:
    """Best (E.164, region, valid) reading of a national-format number: a region whose format
    it looks like wins (in order) when the number is possible there (fictional ranges such as
    UK 07700 900xxx or US 555-01xx are possible, not valid); otherwise the first region of
    MARKET_REGIONS where it is valid, else where it is possible."""
    pn = _phone_lib()
    preferred = _preferred_regions(raw)
    order = preferred + tuple(r for r in MARKET_REGIONS if r not in preferred)
    readings: list[tuple[str, str, bool, bool]] = []
    for region in order:
        try:
            n = pn.parse(raw, region)
        except pn.NumberParseException:
            continue
        if not pn.is_possible_number(n):
            continue
        valid = pn.is_valid_number(n)
        readings.append((pn.format_number(n, pn.PhoneNumberFormat.E164), region, valid, region in preferred))
        if region in preferred or valid:
            break  # the preferred region, or the first valid reading: no need to try more
    for pick in (lambda r: r[3], lambda r: r[2], lambda r: True):
        for r in readings:
            if pick(r):
                return r[0], r[1], r[2]
    return None


_GROUPED = re.compile(
    r"\(\d{2,5}\)[ \t.\-]?\d{2,4}[ \t.\-]\d{3,4}"          # (415) 555-0119
    r"|\d{3}[.\-]\d{3}[.\-]\d{4}"                          # 415-555-0119
    r"|1[ \t.\-]?(?:\(\d{3}\)|\d{3})[ \t.\-]?\d{3}[ \t.\-]\d{4}"  # 1-800-555-0199, 1 (800) 555-0199
    r"|\d{3}[ \t]\d{3}[ \t]\d{4}"                          # 415 555 0119
    r"|\d{3}[ \t]\d{3}[.\-]\d{4}"                          # 514 555-0163 (Canada, US)
    r"|0\d{3,4}[ \t\-]\d{6,7}"                             # 07700 900123 (UK)
    r"|0\d{2,3}[ \t\-]\d{3,4}[ \t\-]\d{3,4}"               # 020 7946 0018, 0120-123-456
    r"|0\d{2,4}[ \t\-/]\d{4,5}[ \t\-]\d{2,4}"             # 030 23125 418, 040 66969 275 (DE)
    r"|01[5-7]\d{1,2}[ \t\-/]\d{7,8}"                       # 0151 23456789 (DE mobile)
    r"|0\d(?:[ \t.\-]\d{2}){4}"                            # 01 99 00 12 34 (FR)
    r"|0\d{1,2}-\d{3,4}-\d{4}"                             # 03-1234-5678 (JP)
    r"|1\d{2}[ \t\-]\d{4}[ \t\-]\d{4}"                     # 138 0013 8000 (CN mobile)
    r"|[48]00[ \t\-]\d{3}[ \t\-]\d{4}"                     # 400-820-8820 / 800 … (toll-free)
)


_PHONE_ZONE = re.compile(r"[\d(][\d \t\u00a0().\-/]{5,}\d")


_MSG_APP_ONLY = re.compile(_MSG_APP_RE)


def _messenger_before(before: str, start: int, taken) -> tuple[int, str] | None:
    """(start, app) of a messenger app named just before a number on the same line ("WhatsApp
    our team at +44 …"), unless that name already belongs to another hit."""
    last = None
    for last in _MSG_APP_ONLY.finditer(before):
        pass
    if last is None or len(before) - last.start() > 32:
        return None
    a = start - len(before) + last.start()
    if _overlaps(taken, a, a + len(last.group(0))):
        return None
    return a, _messenger_app(last.group(0))


# Full-width digits and separators (common on Japanese and Chinese cards) mapped one-to-one
# to ASCII, so offsets stay the same.
_FULLWIDTH = str.maketrans({**{chr(0xFF10 + i): str(i) for i in range(10)},
                            "－": "-", "‐": "-", "‑": "-", "（": "(", "）": ")", "　": " ", "＋": "+", "．": "."})
#: a character _FULLWIDTH changes (most texts have none: translating them costs more than
#: finding the rest of a phone number)
_FULLWIDTH_ANY = re.compile("[" + "".join(chr(c) for c in _FULLWIDTH) + "]")


# ``+CC`` followed by at least two digit groups ("+34 555 0127"), the printed shape of a phone
# number; a bare ``+3455501`` run could be a code or a count
_PLUS_GROUPS_RE = re.compile(r"(?:\+|00)\d{1,3}(?:[ .\-]\(?\d{2,5}\)?){2,5}")


def _has_plus_and_groups(raw: str) -> bool:
    """``raw`` is printed as a country code and digit groups (see :data:`_PLUS_GROUPS_RE`)."""
    return bool(_PLUS_GROUPS_RE.fullmatch(raw.strip()))


def _find_phones(text: str, taken: list[tuple[int, int]]) -> list[Hit]:
    taken_set = _SpanSet(taken)
    hits = []
    if _FULLWIDTH_ANY.search(text):
        text = text.translate(_FULLWIDTH)
    zones = _merge([(max(0, m.start() - 3), m.end()) for m in _PHONE_ZONE.finditer(text)])
    for m in _finditer(_PHONE_RE, text, zones):
        raw = m.group(0).rstrip(" \t\u00a0-./(")
        if raw.count("(") != raw.count(")"):
            raw = raw.lstrip("(") if raw.count("(") > raw.count(")") and raw.startswith("(") else raw
            if raw.count("(") != raw.count(")"):
                continue
        s = text.find(raw, m.start())
        e = s + len(raw)
        if _overlaps(taken_set, s, e):
            continue
        digits = re.sub(r"\D", "", raw)
        if not 7 <= len(digits) <= 15:
            continue
        if _DATE_RE.fullmatch(raw) or _DECIMAL_RE.fullmatch(raw):
            continue
        if _UNIT_AFTER.match(text[e:e + 12]):
            continue
        before = _line_before(text, s)
        # "Call us first and we will make it right: 555-0171": the cue may sit a clause back
        context = bool(_PHONE_CONTEXT.search(_line_before(text, s, 64)))
        if _NOT_PHONE_BEFORE.search(before) and not re.search(r"(?:tel|phone|call|☎|📞|电话|電話)[^\d]{0,6}$", before, re.I):
            continue
        if "/" in raw and _LEGAL_ACT_BEFORE.search(before):
            continue
        app_at = _messenger_before(before, s, taken_set)
        intl = raw.startswith(("+", "00"))
        if intl:
            value = _phone_value(raw)
            if value is None:
                # a number too short for its country is still a number to call when the card says
                # so ("Llámenos al +34 555 0127"): a printed contact, not a phone that works
                if not (context and _has_plus_and_groups(raw)):
                    continue
                value = "+" + digits.lstrip("0") if raw.startswith("00") else "+" + digits
            if app_at:
                hits.append(Hit(app_at[0], e, "messenger", value, {"app": app_at[1]}))
                continue
            hits.append(Hit(s, e, "phone", value, {"international": True}))
            continue
        has_sep = bool(re.search(r"\D", raw))
        grouped = bool(_GROUPED.fullmatch(raw))
        if not (context and (has_sep or len(digits) >= 10)) and not (grouped and len(digits) >= 10):
            continue
        reading = _national(raw)
        if reading is None:
            if not context:
                continue
            value, region, valid = digits, "", False
        else:
            value, region, valid = reading
        if app_at:
            hits.append(Hit(app_at[0], e, "messenger", value, {"app": app_at[1]}))
            continue
        hits.append(Hit(s, e, "phone", value, {"region": region, "valid": valid, "international": False}))
    return hits


def _find_qr_mentions(text: str) -> list[Hit]:
    windows = _keyword_windows(text.lower(), ("qr", "二维码", "二維碼", "扫码", "掃碼"), 20, 12)
    hits: list[Hit] = []
    for m in _finditer(_QR_RE, text, windows):
        if hits and m.start() - hits[-1].end < 80:
            continue  # "Scan the QR code … [ QR CODE ]": the same code mentioned again
        after = _QR_LABEL_WORD.sub("", text[m.end():m.end() + 70], count=1)
        if _QR_ON_DEVICE_AFTER.search(after) or \
                _QR_ON_DEVICE_BEFORE.search(text[max(0, m.start() - 30):m.start()]):
            continue  # the code on the device's underside (pairing), not one printed on the card
        lo, hi = _sentence_bounds(text, m.start(), m.end())
        if _QR_WITH_APP.search(text[lo:hi]):
            continue  # scanned with the product's app: the device's pairing code
        hits.append(Hit(m.start(), m.end(), "qr-code", "", {}))
    return hits


def _sentence_bounds(text: str, start: int, end: int, reach: int = 400) -> tuple[int, int]:
    """The sentence around [start, end), looking at most ``reach`` characters either way."""
    floor, ceil = max(0, start - reach), min(len(text), end + reach)
    lo = max(max(text.rfind(c, floor, start) for c in "\n.!?。！？"), floor - 1)
    hi_candidates = [i for i in (text.find(c, end, ceil) for c in "\n.!?。！？") if i >= 0]
    return lo + 1, min(hi_candidates) if hi_candidates else ceil


def _find_web_chats(text: str, urls: list[Hit]) -> list[Hit]:
    """"Chat with us" / "live chat" offered on the seller's own site (a contact channel off
    Amazon): only when the same sentence gives an off-Amazon link or names the website."""
    hits: list[Hit] = []
    windows = _keyword_windows(text.lower(), ("chat",), 12, 24)
    for m in _finditer(_WEB_CHAT_RE, text, windows):
        lo, hi = _sentence_bounds(text, m.start(), m.end())
        sentence = text[lo:hi + 1]
        if re.search(r"amazon|buyer[\s-]seller", sentence, re.IGNORECASE):
            continue
        offsite_url = any(lo <= h.start <= hi + 1 and h.meta["verdict"].offsite for h in urls)
        if offsite_url or re.search(r"\bour[ \t]+(?:web[ \t]?site|site|app|shop|store)\b", sentence, re.IGNORECASE):
            hits.append(Hit(m.start(), m.end(), "web-chat", "", {}))
    return hits


# The manufacturer / importer block that EU product-safety law (GPSR, Regulation (EU)
# 2023/988, Art. 9(6) and 11(3)) and Amazon's "phone numbers related to manufacturers" allow:
# a line that starts with one of these labels, and the lines after it up to a blank line.
_MAKER_LABEL = re.compile(
    r"^[ \t•·\-*]*(?:manufacturer|manufactured[ \t]+by|producer|importer|imported[ \t]+by|"
    r"eu[ \t]+(?:responsible[ \t]+person|rep(?:resentative)?)|uk[ \t]+responsible[ \t]+person|"
    r"authori[sz]ed[ \t]+representative|ec[ \t]+rep|eu[ \t]+rp|responsible[ \t]+person|"
    r"hersteller|importeur|inverkehrbringer|fabricant|importateur|fabricante|importador|produttore|"
    r"importatore|fabbricante|製造元|製造者|製造販売元|輸入者|輸入元|输入者|制造商|生产商|进口商)(?![a-z])",
    re.IGNORECASE | re.MULTILINE)
_MAKER_BLOCK_LINES = 8


def _maker_blocks(text: str) -> list[tuple[int, int]]:
    blocks = []
    for m in _MAKER_LABEL.finditer(text):
        end = text.find("\n\n", m.start())
        end = len(text) if end < 0 else end
        # at most a few lines: an address block, not the rest of the card
        nl = m.start()
        for _ in range(_MAKER_BLOCK_LINES):
            nl = text.find("\n", nl + 1)
            if nl < 0:
                nl = len(text)
                break
        blocks.append((m.start(), min(end, nl)))
    return blocks


def _mark_manufacturer_blocks(text: str, emails: list[Hit], phones: list[Hit]) -> tuple[list[Hit], list[Hit]]:
    """E-mail addresses and phone numbers inside a manufacturer/importer block become kinds
    ``manufacturer-email`` / ``manufacturer-phone`` (legally required contact, not a channel
    offered instead of Amazon messaging)."""
    if not (emails or phones):
        return emails, phones
    blocks = _maker_blocks(text)
    if not blocks:
        return emails, phones
    spans = _SpanSet(blocks)

    def relabel(hits: list[Hit], kind: str) -> list[Hit]:
        return [Hit(h.start, h.end, kind, h.value, {**h.meta, "manufacturer": True}) if spans.overlaps(h.start, h.end)
                else h for h in hits]

    return relabel(emails, "manufacturer-email"), relabel(phones, "manufacturer-phone")


@lru_cache(maxsize=64)
def _analyse(text: str) -> tuple[Hit, ...]:
    emails = _find_emails(text)
    taken = [(h.start, h.end) for h in emails]
    # messenger ids before URLs: "Skype: brand.support" is an id, not a domain
    messengers = _find_messengers(text, taken)
    taken += [(h.start, h.end) for h in messengers]
    urls = _find_urls(text, taken)
    taken += [(h.start, h.end) for h in urls]
    social = _find_social(text, taken)
    handles = _find_handles(text, taken, [(h.start, h.end) for h in social])
    taken += [(h.start, h.end) for h in handles]
    phones = _find_phones(text, taken)
    emails, phones = _mark_manufacturer_blocks(text, emails, phones)
    extra = _find_qr_mentions(text) + _find_web_chats(text, urls)
    return tuple(sorted([*emails, *urls, *messengers, *social, *handles, *phones, *extra],
                        key=lambda h: (h.start, h.end)))


#: Texts up to this length share one cached analysis across the five detectors (the engine
#: calls each for every paragraph); longer ones are analysed afresh so the cache never pins
#: megabytes of text.
_CACHE_LIMIT = 65536


def _hits(text: str) -> tuple[Hit, ...]:
    return _analyse(text) if len(text) <= _CACHE_LIMIT else _analyse.__wrapped__(text)


def _selector(kinds: frozenset[str], *, urls: bool = False) -> Callable[[str], list[Hit]]:
    def run(text: str) -> list[Hit]:
        return [h for h in _hits(text) if (h.kind in kinds and not is_url_hit(h)) or (urls and is_url_hit(h))]

    return run


def detect(text: str) -> list[Hit]:
    """Every hit in ``text``, sorted by position; no two hits of different detectors share a
    span (an e-mail's domain is not a URL; a WhatsApp number is one messenger hit)."""
    return list(_hits(text))


def is_url_hit(hit: Hit) -> bool:
    """True for hits of the URL detector proper (their kind is a link verdict)."""
    return "verdict" in hit.meta


#: The detector concepts rule packs name (``kind: detector`` with ``detector:`` one of these
#: keys and optional ``kinds:``; ``url/shop`` in a ``cooccur``). Each groups related kinds:
#:
#: ``email``      email; manufacturer-email inside a manufacturer/importer block (GPSR)
#: ``phone``      phone (E.164 value; meta ``region``, ``valid``, ``international``);
#:                manufacturer-phone inside a manufacturer/importer block
#: ``url``        a link verdict kind (amazon, coupon, review, shop, signup, messenger, social,
#:                own-site, unknown; meta ``verdict``), and ``qr-code`` for wording that points
#:                to a QR code ("Scan the QR code")
#: ``handle``     handle ("@brand", meta ``app`` when a network is named before it),
#:                social-page ("Facebook: Brand Official", "our Instagram account", "find us
#:                on TikTok") and social-contact ("DM us on Instagram", "send an Instagram DM")
#: ``messenger``  messenger (an id or number with its app, or "message us on WhatsApp") and
#:                web-chat ("chat with us" on the seller's own site)
DETECTORS: dict[str, Callable[[str], list[Hit]]] = {
    "email": _selector(frozenset({"email", "manufacturer-email"})),
    "phone": _selector(frozenset({"phone", "manufacturer-phone"})),
    "url": _selector(frozenset({"qr-code"}), urls=True),
    "handle": _selector(frozenset({"handle", "social-page", "social-contact"})),
    "messenger": _selector(frozenset({"messenger", "web-chat"})),
}
