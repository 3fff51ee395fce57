"""Judging a URL or QR payload: where does the buyer end up?"""
from __future__ import annotations

import socket

import pytest

from checks.findings import Category
from checks.links import LinkVerdict, judge_url, split_host


@pytest.mark.parametrize("payload, kind", [
    # Amazon pages and short links stay on Amazon
    ("https://www.amazon.com/dp/B0TEST1234", "amazon"),
    ("amazon.co.jp/gp/css/order-history", "amazon"),
    ("https://smile.amazon.de/stores/Brand/page/123", "amazon"),
    ("https://a.co/d/3xYzAbc", "amazon"),
    ("amzn.to/3abcDEF", "amazon"),
    ("https://www.amazon.com/review/create-review?asin=B0TEST1234", "review"),
    # look-alikes are not Amazon
    ("amaz0n.com/deal", "coupon"),
    ("https://brand.example/free-gift", "signup"),
    ("https://brand.example/claim?gift=1", "signup"),
    ("amazon.example/dp/B0", "own-site"),
    # own shop, other marketplaces
    ("https://brand.example/shop", "shop"),
    ("https://brand.example/products/lamp?variant=2", "shop"),
    ("shop.fennix.example.com", "shop"),
    ("https://brand.myshopify.com/cart", "shop"),
    ("https://www.walmart.com/ip/123456", "shop"),
    ("https://www.etsy.com/shop/Brand", "shop"),
    ("https://www.temu.com/goods.html?id=1", "shop"),
    ("https://brand.shop", "shop"),
    # coupons, deals, gifts
    ("https://brand.example/?coupon=THANKS10", "coupon"),
    ("https://brand.example/deal", "coupon"),
    ("deals.brand.example", "coupon"),
    ("https://brand.example/checkout?discount=SAVE20", "coupon"),
    # sign-up forms
    ("glimmora.example.com/warranty", "signup"),
    ("www.quorra.example/register", "signup"),
    ("https://brand.example/vip-club", "signup"),
    ("https://docs.google.com/forms/d/e/1FAIpQL/viewform", "signup"),
    ("https://forms.gle/AbCdEf", "signup"),
    ("https://brand.typeform.com/to/abc", "signup"),
    ("https://form.jotform.com/123", "signup"),
    ("testers.drovik.example.com", "signup"),
    ("gift.snugglepine.example.com", "signup"),
    # messengers
    ("https://wa.me/15550100", "messenger"),
    ("https://api.whatsapp.com/send?phone=15550100", "messenger"),
    ("https://line.me/R/ti/p/@brand", "messenger"),
    ("https://t.me/brand_support", "messenger"),
    ("weixin://dl/chat?brand", "messenger"),
    # social profiles
    ("facebook.com/cindralhome", "social"),
    ("https://www.instagram.com/brand/", "social"),
    ("https://www.tiktok.com/@brand", "social"),
    ("youtube.com/@mellowbayhome", "social"),
    ("https://x.com/brand", "social"),
    ("https://pinterest.com/glimmoradecor", "social"),
    # anything else is the brand's own site; short links hide their target
    ("www.tidora.example.com", "own-site"),
    ("https://brand.example/care-guide", "own-site"),
    ("https://bit.ly/3abc", "unknown"),
    # tracking tags say nothing; redirect hops are judged by where they end up
    ("https://brand.example/?utm_source=insert&utm_campaign=store_sale", "own-site"),
    ("https://brand.example/index.php?route=product/product&product_id=1", "shop"),
    ("https://l.instagram.com/?u=https%3A%2F%2Fbrand.example%2Fshop", "shop"),
    ("https://www.google.com/url?q=https://brand.example/coupon", "coupon"),
    ("https://l.facebook.com/l.php?u=https%3A%2F%2Fwww.amazon.com%2Fdp%2FB0", "amazon"),
    ("HTTPS://BRAND.EXAMPLE/SHOP", "shop"),
    ("geo:37.78,-122.41", "unknown"),
])
def test_url_kinds(payload, kind):
    """Each kind of destination gets its verdict kind."""
    assert judge_url(payload).kind == kind


@pytest.mark.parametrize("payload, kind, categories", [
    ("mailto:support@brand.example?subject=Help", "email", (Category.OFFSITE_CONTACT,)),
    ("tel:+15550100", "phone", (Category.OFFSITE_CONTACT,)),
    ("SMSTO:+15550100:hello", "phone", (Category.OFFSITE_CONTACT,)),
    ("BEGIN:VCARD\nVERSION:3.0\nFN:Brand Support\nTEL:+15550100\nEND:VCARD", "contact-card", (Category.OFFSITE_CONTACT,)),
    ("MECARD:N:Brand;TEL:+15550100;;", "contact-card", (Category.OFFSITE_CONTACT,)),
    ("WIFI:S:Guest;T:WPA;P:secret;;", "wifi", ()),
    ("Thank you for your order!", "text", ()),
    ("", "text", ()),
])
def test_non_url_payloads(payload, kind, categories):
    """QR payloads that are not links: contact cards and mail/phone links are off-site contact, text is text."""
    v = judge_url(payload)
    assert (v.kind, v.categories()) == (kind, categories)


@pytest.mark.parametrize("payload, categories", [
    ("https://www.amazon.com/dp/B0", ()),
    ("https://www.amazon.com/review/create-review?asin=B0", ()),
    ("www.tidora.example.com", (Category.EXTERNAL_LINK,)),
    ("shop.fennix.example.com", (Category.EXTERNAL_LINK, Category.OFFSITE_DIVERSION)),
    ("https://brand.example/?promo=X", (Category.EXTERNAL_LINK, Category.OFFSITE_DIVERSION)),
    ("glimmora.example.com/warranty", (Category.EXTERNAL_LINK, Category.DATA_COLLECTION)),
    ("https://wa.me/15550100", (Category.EXTERNAL_LINK, Category.OFFSITE_CONTACT)),
    ("facebook.com/brand", (Category.EXTERNAL_LINK,)),
])
def test_verdict_categories_follow_the_taxonomy(payload, categories):
    """A link is external-link; a shop/coupon also offsite-diversion; a form also data-collection; a chat also offsite-contact."""
    assert judge_url(payload).categories() == categories


def test_every_signal_is_kept():
    """A link with several purposes keeps all of them; the worst decides the kind."""
    v = judge_url("https://shop.brand.example/warranty?coupon=X")
    assert v.kind == "coupon" and {"coupon", "shop", "signup"} <= set(v.signals)
    assert Category.DATA_COLLECTION in v.categories()


def test_verdict_explains_in_english_and_chinese():
    """Every verdict carries a reason in English and Simplified Chinese naming the host."""
    v = judge_url("https://shop.fennix.example.com/")
    assert isinstance(v, LinkVerdict)
    assert "shop.fennix.example.com" in v.reason_en and "shop.fennix.example.com" in v.reason_zh
    assert any("\u4e00" <= ch <= "\u9fff" for ch in v.reason_zh)
    assert v.url == "https://shop.fennix.example.com/" and v.host == "shop.fennix.example.com"
    assert v.to_dict()["kind"] == "shop"


def test_bare_domain_gets_a_scheme():
    """A bare domain is normalised to an https URL."""
    assert judge_url("brand.example/refills").url == "https://brand.example/refills"


def test_reserved_names_split_like_real_domains():
    """Reserved test names (brand.example) split into subdomain, domain and suffix like real ones."""
    p = split_host("shop.brand.example")
    assert (p.subdomain, p.domain, p.suffix, p.registered) == ("shop", "brand", "example", "brand.example")
    q = split_host("www.amazon.co.uk")
    assert (q.domain, q.suffix) == ("amazon", "co.uk")


def test_judging_never_touches_the_network(monkeypatch):
    """The suffix list is the bundled snapshot: judging works with sockets disabled."""
    def no_net(*a, **k):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket, "create_connection", no_net)
    monkeypatch.setattr(socket.socket, "connect", no_net)
    judge_url.cache_clear()
    split_host.cache_clear()
    assert judge_url("https://brand.co.uk/shop").kind == "shop"


@pytest.mark.parametrize("payload", ["http://[::1", "https://", "https://exa mple.com", "::::", "http://%zz"])
def test_garbage_never_raises(payload):
    """Malformed payloads get a verdict instead of an exception."""
    assert judge_url(payload).kind in ("unknown", "text")


@pytest.mark.parametrize("host, amazon", [
    ("www.amazon.com.be", True),      # Amazon's Belgian store: "com.be" is no public suffix
    ("amazon.co.uk", True), ("smile.amazon.de", True), ("amazon.com.au", True),
    ("amazon.xy.com", False),          # a subdomain of somebody else's xy.com
    ("amazon.co.evil.io", False), ("amazon-deals.com", False), ("amazon.brand.example", False),
])
def test_amazon_stores_are_recognised_by_their_shape(host, amazon):
    """A review link to amazon.com.be keeps the buyer on Amazon (no external-link warning);
    look-alike hosts that merely contain the word do not."""
    from checks.links import is_amazon_host

    assert is_amazon_host(host) is amazon


def test_a_belgian_review_link_is_not_an_external_link():
    from checks import Checker

    found = Checker().check("Laissez un avis ici : https://www.amazon.com.be/review/create-review")
    assert not any(str(f.category) == "external-link" for f in found)
