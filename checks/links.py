"""Judge where a URL or QR-code payload leads: an Amazon page, a review flow, a shop, a coupon,
a sign-up form, a messenger, a social profile, or just the brand's own site.

Amazon allows links and QR codes on inserts only when they do not divert buyers, solicit
reviews or collect data (policy.md §1.3, §1.5, implication 1: "grade it by the payload's
purpose"). ``judge_url`` is that grading; the rule pack (``resources/rules/frames/contact.yaml``)
turns the kind into findings, the designer shows it beside a QR element, and the batch checker
applies it to decoded QR codes.

Everything here is offline: hosts are split by :mod:`checks.suffixes` on the Public Suffix
List snapshot bundled with ``tldextract`` (as tldextract splits them, without importing it). Reserved example names
(``brand.example``, ``x.test``) are treated as real domains because test data and mock-ups
use them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from checks import suffixes
from checks.findings import Category

#: Verdict kinds, worst purpose first (the first that applies wins).
KINDS: tuple[str, ...] = (
    "amazon", "coupon", "review", "shop", "signup", "messenger", "social", "own-site", "unknown",
    # non-URL QR payloads
    "email", "phone", "contact-card", "wifi", "text",
)

#: Top-level names reserved for documentation and testing (RFC 2606 / RFC 6761): not in the
#: Public Suffix List, yet mock-ups and test data use them as if they were real domains.
RESERVED_TLDS = frozenset({"example", "test", "invalid", "localhost", "local"})


@dataclass(frozen=True)
class LinkVerdict:
    """What a URL or QR payload leads to, with the reason in English and Chinese.

    ``kind`` is one of ``KINDS``; ``url`` the normalised URL (scheme added), or the payload
    itself when it is not a URL; ``host`` the lower-cased host name ("" when none);
    ``app`` names the messenger or social network when known; ``signals`` lists every purpose
    seen (``kind`` is the worst of them).
    """

    kind: str
    url: str
    host: str
    reason_en: str
    reason_zh: str
    app: str | None = None
    signals: tuple[str, ...] = field(default=())

    @property
    def offsite(self) -> bool:
        """True when the payload leads away from the marketplace (anything but Amazon/text)."""
        return self.kind not in ("amazon", "text", "wifi") and "amazon" not in self.signals

    def categories(self) -> tuple[Category, ...]:
        """The taxonomy categories this payload falls under on its own (TAXONOMY.md: a URL is
        external-link; a shop or coupon is also offsite-diversion; a form also data-collection;
        a messenger or contact card is offsite-contact)."""
        cats: list[Category] = []
        sig = set(self.signals) | {self.kind}
        if self.kind in ("email", "phone", "contact-card"):
            return (Category.OFFSITE_CONTACT,)
        if self.kind in ("amazon", "text", "wifi") or "amazon" in sig:
            return ()
        cats.append(Category.EXTERNAL_LINK)
        if sig & {"shop", "coupon"}:
            cats.append(Category.OFFSITE_DIVERSION)
        if "signup" in sig:
            cats.append(Category.DATA_COLLECTION)
        if "messenger" in sig:
            cats.append(Category.OFFSITE_CONTACT)
        return tuple(cats)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind, "url": self.url, "host": self.host, "app": self.app,
            "signals": list(self.signals), "reason": self.reason_en, "reason_zh": self.reason_zh,
        }


# --------------------------------------------------------------------------- host tables
# Registered domains (domain + public suffix) or host suffixes; matched on the host's tail.

_AMAZON_SHORT = frozenset({"a.co", "amzn.to", "amzn.com", "amzn.eu", "amzn.asia", "amzn.in", "amzn.us"})

_MESSENGER_HOSTS: dict[str, str] = {
    "wa.me": "whatsapp", "whatsapp.com": "whatsapp", "whatsapp.net": "whatsapp",
    "line.me": "line", "lin.ee": "line",
    "t.me": "telegram", "telegram.me": "telegram", "telegram.org": "telegram", "telegram.dog": "telegram",
    "weixin.qq.com": "wechat", "wechat.com": "wechat", "u.wechat.com": "wechat", "weixin.com": "wechat",
    "m.me": "messenger", "messenger.com": "messenger",
    "viber.com": "viber", "vb.me": "viber",
    "skype.com": "skype", "join.skype.com": "skype",
    "kakao.com": "kakaotalk", "open.kakao.com": "kakaotalk", "qr.kakao.com": "kakaotalk",
    "signal.me": "signal", "signal.group": "signal",
    "qm.qq.com": "qq",
}

_SOCIAL_HOSTS: dict[str, str] = {
    "facebook.com": "facebook", "fb.com": "facebook", "fb.me": "facebook", "fb.watch": "facebook",
    "instagram.com": "instagram", "instagr.am": "instagram", "ig.me": "instagram",
    "tiktok.com": "tiktok", "vm.tiktok.com": "tiktok",
    "youtube.com": "youtube", "youtu.be": "youtube",
    "twitter.com": "x", "x.com": "x",
    "pinterest.com": "pinterest", "pin.it": "pinterest",
    "linkedin.com": "linkedin", "threads.net": "threads", "snapchat.com": "snapchat",
    "reddit.com": "reddit", "tumblr.com": "tumblr", "weibo.com": "weibo",
    "xiaohongshu.com": "xiaohongshu", "xhslink.com": "xiaohongshu", "douyin.com": "douyin",
    "bilibili.com": "bilibili", "discord.gg": "discord", "discord.com": "discord",
}

#: Other marketplaces and shop platforms: buying there is buying off Amazon.
_SHOP_HOSTS = frozenset({
    "walmart.com", "walmart.ca", "ebay.com", "ebay.co.uk", "ebay.de", "ebay.fr", "ebay.it",
    "ebay.es", "ebay.ca", "ebay.com.au", "etsy.com", "etsy.me", "temu.com", "aliexpress.com",
    "aliexpress.us", "alibaba.com", "shein.com", "target.com", "bestbuy.com", "wish.com",
    "rakuten.com", "rakuten.co.jp", "mercari.com", "shopee.com", "lazada.com", "tmall.com",
    "taobao.com", "jd.com", "otto.de", "cdiscount.com", "bol.com", "allegro.pl", "zalando.de",
    "wayfair.com", "newegg.com", "homedepot.com", "lowes.com", "kaufland.de", "costco.com",
    "mercadolibre.com", "mercadolivre.com.br", "shopify.com", "myshopify.com", "bigcartel.com",
    "shop.app", "shop.tiktok.com", "tiktokshop.com", "macys.com", "overstock.com", "poshmark.com",
})

#: Form and mailing-list services: whatever they ask, they collect data off Amazon.
_FORM_HOSTS = frozenset({
    "forms.gle", "typeform.com", "jotform.com", "surveymonkey.com", "wufoo.com", "formstack.com",
    "tally.so", "forms.office.com", "forms.microsoft.com", "list-manage.com", "eepurl.com",
    "klaviyo.com", "qualtrics.com", "paperform.co", "cognitoforms.com", "123formbuilder.com",
    "wjx.cn", "wenjuan.com", "gleam.io", "kingsumo.com", "viralsweep.com",
})
_FORM_HOST_PATHS = (("google.com", "/forms"), ("airtable.com", "/shr"), ("airtable.com", "/app"))

#: Review platforms off Amazon (a review flow is judged as review wording).
_REVIEW_HOSTS = frozenset({"trustpilot.com", "reviews.io", "yotpo.com", "judge.me", "sitejabber.com"})

#: Link shorteners and link hubs: the destination is hidden.
_SHORTENERS = frozenset({
    "bit.ly", "tinyurl.com", "goo.gl", "ow.ly", "t.co", "is.gd", "buff.ly", "rebrand.ly",
    "cutt.ly", "shorturl.at", "tiny.cc", "rb.gy", "s.id", "linktr.ee", "bio.link", "beacons.ai",
    "qrco.de", "qr-code-generator.com", "me-qr.com", "l.ead.me", "dwz.cn", "url.cn",
})

# --------------------------------------------------------------------------- path signals
_WORD = r"(?:^|[/_\-.=&?#])"
_END = r"(?:$|[/_\-.=&?#])"


def _path_re(words: str) -> re.Pattern[str]:
    return re.compile(_WORD + r"(?:" + words + r")" + _END, re.IGNORECASE)


_COUPON_PATH = _path_re(
    r"coupons?|deals?|promos?|promotions?|discounts?|offers?|vouchers?|rebates?|cash-?back|"
    r"savings?|sale|redeem|promo-?codes?"
)
_COUPON_QUERY_KEYS = frozenset({
    "coupon", "couponcode", "coupon_code", "discount", "discountcode", "discount_code", "promo",
    "promocode", "promo_code", "code", "voucher", "vouchercode", "offer", "deal", "redeem",
})
_SIGNUP_PATH = _path_re(
    r"register|registration|registrieren|warranty|warranties|garantie|garanzia|garantia|signup|"
    r"sign-up|sign_up|subscribe|subscription|newsletter|join|vip|club|members?|membership|"
    r"activate|activation|claim|survey|forms?|apply|testers?|tester-program|product-testing|"
    r"sweepstakes|contest|win|enter|lucky-?draw|loyalty|account/create|create-account|"
    r"extend|extended-warranty|feedback-form|questionnaire|"
    # claiming a free gift or reward means handing over an order number and an e-mail: a
    # data-collection funnel (a discount for buying elsewhere is a coupon, above)
    r"gifts?|free-?gifts?|claim-?gifts?|thank-?you-?gifts?|giveaways?|bonus|rewards?|prizes?"
)
_REVIEW_PATH = _path_re(r"reviews?|write-?a-?review|create-?review|rate|rating|ratings|ryp|testimonials?")
_SHOP_PATH = _path_re(
    r"shop|store|stores|products?|collections?|cart|checkout|buy|order|orders|reorder|refills?|"
    r"catalog|catalogue|p|item|items|pricing|purchase|bundle|subscribe-and-save"
)
_CONTACT_PATH = _path_re(r"chat|live-?chat|contact|contact-us|support|help|service|kefu")

_SHOP_SUBDOMAINS = frozenset({"shop", "store", "buy", "order", "checkout", "outlet", "mall"})
_COUPON_SUBDOMAINS = frozenset({"deal", "deals", "coupon", "coupons", "promo", "offer", "offers", "discount", "sale"})
_SIGNUP_SUBDOMAINS = frozenset({"vip", "club", "join", "register", "warranty", "testers", "tester", "members",
                                "survey", "forms", "form", "signup", "gift", "gifts", "free", "rewards", "bonus",
                                "giveaway"})
_SHOP_DOMAIN_WORDS = frozenset({"shop", "store", "outlet", "mall", "buy", "webshop", "eshop"})  # brand-store.com
_SHOP_SUFFIXES = frozenset({"shop", "store", "buy", "sale", "deals", "shopping", "boutique"})

#: Amazon paths that are the review flow rather than a product or store page.
_AMAZON_REVIEW = re.compile(
    r"/(?:review/(?:create-review|review-your-purchases|write-a-review)|ryp|"
    r"gp/customer-reviews/write-a-review|reviews/create)", re.IGNORECASE)

_SCHEME_RE = re.compile(r"^[a-z][a-z0-9+.\-]*:", re.IGNORECASE)


# --------------------------------------------------------------------------- helpers
@dataclass(frozen=True)
class HostParts:
    """A host split into subdomain, domain and public suffix (reserved TLDs count as one)."""

    subdomain: str
    domain: str
    suffix: str

    @property
    def registered(self) -> str:
        return f"{self.domain}.{self.suffix}" if self.domain and self.suffix else ""


@lru_cache(maxsize=4096)
def split_host(host: str) -> HostParts:
    """Split ``host`` offline; ``brand.example`` gives domain ``brand``, suffix ``example``."""
    host = host.lower().strip(".")
    labels = host.split(".")
    if len(labels) >= 2 and labels[-1] in RESERVED_TLDS:
        return HostParts(".".join(labels[:-2]), labels[-2], labels[-1])
    return HostParts(*suffixes.split(host))


def is_amazon_host(host: str) -> bool:
    """Amazon storefronts (amazon.com, amazon.co.jp, smile.amazon.de …) and short links."""
    host = host.lower().strip(".")
    parts = split_host(host)
    if parts.registered in _AMAZON_SHORT:
        return True
    if parts.domain in ("amazon", "amzn") and bool(parts.suffix) and parts.suffix not in RESERVED_TLDS:
        return True
    # stores whose "com.cc" is no public suffix (amazon.com.be): "amazon" then com/co + a country
    labels = host.split(".")
    if "amazon" not in labels:
        return False
    rest = labels[len(labels) - labels[::-1].index("amazon"):]
    return len(rest) == 2 and rest[0] in ("com", "co") and len(rest[1]) == 2 and rest[1].isalpha()


def _host_match(host: str, table) -> str | None:
    """The table key that ``host`` equals or ends with (``www.facebook.com`` → ``facebook.com``)."""
    for key in table:
        if host == key or host.endswith("." + key):
            return key
    return None


def _reason(kind: str, host: str, app: str | None) -> tuple[str, str]:
    where = host or "this address"
    app_name = _APP_NAMES.get(app or "", app or "")
    reasons = {
        "amazon": (f"{where} is an Amazon page; linking to it keeps the buyer on Amazon.",
                   f"{where} 是亚马逊页面，引导买家留在亚马逊站内。"),
        "review": (f"{where} opens a review flow; the wording around it is judged as a review request.",
                   f"{where} 指向评论页面；周围的文字按索评请求来判断。"),
        "coupon": (f"{where} offers a coupon, discount or deal off Amazon: an off-site diversion.",
                   f"{where} 提供站外优惠券、折扣或特价，属于站外引流。"),
        "shop": (f"{where} is a shop outside Amazon: sending buyers there diverts the sale.",
                 f"{where} 是亚马逊以外的商店，引导买家前往会转移交易。"),
        "signup": (f"{where} is a sign-up, registration or gift-claim form: it collects buyer data off Amazon.",
                   f"{where} 是注册、登记或领取礼品的表单，会在亚马逊站外收集买家信息。"),
        "messenger": (f"{where} opens a {app_name or 'messenger'} chat: a contact channel outside Buyer-Seller Messaging.",
                      f"{where} 会打开 {app_name or '即时通讯'} 聊天，属于买家与卖家消息以外的联系渠道。"),
        "social": (f"{where} is a {app_name or 'social media'} page: an external link.",
                   f"{where} 是 {app_name or '社交媒体'} 页面，属于站外链接。"),
        "own-site": (f"{where} is a website outside Amazon: an external link.",
                     f"{where} 是亚马逊以外的网站，属于站外链接。"),
        "unknown": (f"{where} hides where it leads (short link or unreadable address); treat it as off-Amazon.",
                    f"{where} 无法判断最终去向（短链接或无法识别的地址），按站外链接处理。"),
        "email": ("The code opens an e-mail to the seller: contact outside Buyer-Seller Messaging.",
                  "该二维码会发送电子邮件给卖家，属于买家与卖家消息以外的联系方式。"),
        "phone": ("The code calls or texts a phone number: contact outside Buyer-Seller Messaging.",
                  "该二维码会拨打电话或发送短信，属于买家与卖家消息以外的联系方式。"),
        "contact-card": ("The code is a contact card (e-mail, phone, address): contact outside Buyer-Seller Messaging.",
                         "该二维码是联系人名片（邮箱、电话、地址），属于买家与卖家消息以外的联系方式。"),
        "wifi": ("The code holds Wi-Fi settings; it leads nowhere.",
                 "该二维码包含 Wi-Fi 设置，不指向任何网站。"),
        "text": ("The code holds plain text; its wording is checked like the card's text.",
                 "该二维码包含纯文本，按卡片文字同样检查。"),
    }
    return reasons[kind]


_APP_NAMES = {
    "whatsapp": "WhatsApp", "wechat": "WeChat", "line": "LINE", "telegram": "Telegram",
    "skype": "Skype", "viber": "Viber", "kakaotalk": "KakaoTalk", "signal": "Signal", "qq": "QQ",
    "messenger": "Messenger", "facebook": "Facebook", "instagram": "Instagram", "tiktok": "TikTok",
    "youtube": "YouTube", "x": "X (Twitter)", "pinterest": "Pinterest", "linkedin": "LinkedIn",
    "threads": "Threads", "snapchat": "Snapchat", "reddit": "Reddit", "tumblr": "Tumblr",
    "weibo": "Weibo", "xiaohongshu": "Xiaohongshu", "douyin": "Douyin", "bilibili": "Bilibili",
    "discord": "Discord",
}


def app_display_name(app: str | None) -> str:
    """``whatsapp`` → ``WhatsApp``."""
    return _APP_NAMES.get(app or "", app or "")


def _verdict(kind: str, url: str, host: str, app: str | None = None, signals: tuple[str, ...] = ()) -> LinkVerdict:
    en, zh = _reason(kind, host, app)
    sig = signals if kind in signals else (kind, *signals)
    return LinkVerdict(kind, url, host, en, zh, app, sig)


def normalise_url(payload: str) -> str:
    """Add ``https://`` to a bare ``www.brand.com/x`` or ``brand.com``; strip spaces."""
    s = payload.strip()
    if _SCHEME_RE.match(s) and not re.match(r"^[\w-]+\.[\w.-]+:\d", s):
        if s.lower().startswith(("http:", "https:")) and not s.lower().startswith(("http://", "https://")):
            s = s.split(":", 1)[0] + "://" + s.split(":", 1)[1].lstrip("/")
        return s
    return "https://" + s.lstrip("/")


# --------------------------------------------------------------------------- the judge
_TRACKING_PREFIXES = ("utm_", "mc_", "_ga", "pk_")
_TRACKING_KEYS = frozenset({"fbclid", "gclid", "msclkid", "igshid", "si", "ttclid"})
_REDIRECT_KEYS = ("u", "url", "q", "target", "redirect", "redirect_uri", "redirect_url", "dest",
                  "destination", "link", "goto", "to", "r")


def _redirect_target(query: str) -> str | None:
    """The absolute URL a redirect link carries in its query (``?u=https%3A%2F%2F…``), if any."""
    if not query:
        return None
    params = dict((k.lower(), v) for k, v in parse_qsl(query, keep_blank_values=False))
    for key in _REDIRECT_KEYS:
        v = params.get(key, "").strip()
        if v.lower().startswith(("http://", "https://")):
            return v
    return None


@lru_cache(maxsize=1024)
def judge_url(payload: str, _depth: int = 0) -> LinkVerdict:
    """Judge a URL, bare domain or QR payload. Never raises; never touches the network.

    >>> judge_url("https://wa.me/15550100").kind
    'messenger'
    >>> judge_url("brand.example/shop").kind
    'shop'
    """
    raw = (payload or "").strip()
    if not raw:
        return _verdict("text", "", "")
    low = raw.lower()
    # Non-URL QR payloads (ZXing / common generator conventions).
    if low.startswith("mailto:") or low.startswith("matmsg:"):
        return _verdict("email", raw, _mail_host(raw))
    if low.startswith(("tel:", "sms:", "smsto:", "mms:", "mmsto:", "facetime:")):
        return _verdict("phone", raw, "")
    if low.startswith(("begin:vcard", "mecard:", "bizcard:")):
        return _verdict("contact-card", raw, "")
    if low.startswith("wifi:"):
        return _verdict("wifi", raw, "")
    if low.startswith(("whatsapp:", "weixin:", "line:", "tg:", "skype:", "viber:", "kakaotalk:")):
        app = {"weixin": "wechat", "tg": "telegram", "kakaotalk": "kakaotalk"}.get(low.split(":", 1)[0], low.split(":", 1)[0])
        return _verdict("messenger", raw, "", app)
    if "\n" in raw or (" " in raw and not _SCHEME_RE.match(raw)):
        return _verdict("text", raw, "")
    if _SCHEME_RE.match(raw) and not low.startswith(("http:", "https:")) and not re.match(r"^[\w-]+\.[\w.-]+:\d", raw):
        # some other scheme (geo:, market:, itms-apps: …): an app or map link off Amazon
        return _verdict("unknown", raw, "")
    url = normalise_url(raw)
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
    except ValueError:
        return _verdict("unknown", url, "")
    if host and not re.fullmatch(r"[\w.\-]+", host):
        return _verdict("unknown", url, host)
    if not host or "." not in host:
        return _verdict("text", raw, "") if not _SCHEME_RE.match(raw) else _verdict("unknown", url, host)
    path = unquote(parts.path or "")
    query = parts.query or ""
    inner = _redirect_target(query)
    if inner is not None and _depth == 0:
        # a tracking or redirect link (l.instagram.com/?u=…, google.com/url?q=…, QR-generator
        # hops): what counts is where it ends up
        v = judge_url(inner, _depth=1)
        if v.kind not in ("text", "unknown") or v.host:
            return LinkVerdict(v.kind, url, host, v.reason_en, v.reason_zh, v.app, (*v.signals, "redirect"))
    return _judge_parts(url, host, path, query, parts.fragment or "")


def _judge_parts(url: str, host: str, path: str, query: str, fragment: str) -> LinkVerdict:
    hp = split_host(host)
    if is_amazon_host(host):
        if _AMAZON_REVIEW.search(path):
            return _verdict("review", url, host, signals=("amazon",))
        return _verdict("amazon", url, host)
    key = _host_match(host, _MESSENGER_HOSTS)
    if key:
        return _verdict("messenger", url, host, _MESSENGER_HOSTS[key])
    if host.endswith("facebook.com") and path.lower().startswith("/messages"):
        return _verdict("messenger", url, host, "messenger")
    if _host_match(host, _FORM_HOSTS) or any(
            (host == h or host.endswith("." + h)) and path.lower().startswith(p) for h, p in _FORM_HOST_PATHS):
        return _verdict("signup", url, host)
    if _host_match(host, _REVIEW_HOSTS):
        return _verdict("review", url, host)
    signals: list[str] = []
    pairs = [(k.lower(), v) for k, v in parse_qsl(query, keep_blank_values=True)
             if not (k.lower().startswith(_TRACKING_PREFIXES) or k.lower() in _TRACKING_KEYS)]
    query_keys = {k for k, _ in pairs}
    query = "&".join(f"{k}={v}" for k, v in pairs)  # tracking tags (utm_campaign=store…) say nothing
    target = f"{path}?{query}#{fragment}"
    sub_labels = set(hp.subdomain.lower().split(".")) if hp.subdomain else set()
    shop_host = _host_match(host, _SHOP_HOSTS)
    social = _host_match(host, _SOCIAL_HOSTS)
    if query_keys & _COUPON_QUERY_KEYS or _COUPON_PATH.search(target) or sub_labels & _COUPON_SUBDOMAINS:
        signals.append("coupon")
    if _REVIEW_PATH.search(path):
        signals.append("review")
    domain_words = set(hp.domain.lower().split("-"))
    if (shop_host or _SHOP_PATH.search(path) or _SHOP_PATH.search(query) or sub_labels & _SHOP_SUBDOMAINS
            or hp.suffix in _SHOP_SUFFIXES
            or domain_words & _SHOP_DOMAIN_WORDS) and not (social and not shop_host):
        signals.append("shop")
    if _SIGNUP_PATH.search(target) or sub_labels & _SIGNUP_SUBDOMAINS:
        signals.append("signup")
    if _CONTACT_PATH.search(path):
        signals.append("contact")
    if social and not shop_host:
        # A social profile; a coupon or sign-up on it still counts (e.g. a giveaway post).
        sig = tuple(s for s in ("coupon", "signup") if s in signals)
        kind = sig[0] if sig else "social"
        return _verdict(kind, url, host, _SOCIAL_HOSTS[social], signals=("social", *sig))
    if _host_match(host, _SHORTENERS):
        return _verdict("unknown", url, host, signals=tuple(signals))
    for kind in ("coupon", "review", "shop", "signup"):
        if kind in signals:
            return _verdict(kind, url, host, signals=tuple(signals))
    return _verdict("own-site", url, host, signals=tuple(signals))


def _mail_host(payload: str) -> str:
    m = re.search(r"@([\w.-]+)", payload)
    return m.group(1).lower() if m else ""
