"""Hosts split by checks.suffixes exactly as tldextract splits them, without importing it."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from checks import suffixes
from checks.links import split_host

ROOT = Path(__file__).resolve().parents[2]

HOSTS = [
    "www.example.com", "example.com", "com", "", ".", "..", "a..b.com", "shop.brand.co.uk", "co.uk",
    "amazon.co.jp", "smile.amazon.de", "amzn.to", "a.co", "www.amazon.com.br", "forums.news.cnn.com",
    # wildcard and exception rules (*.ck, !www.ck; *.kawasaki.jp, !city.kawasaki.jp)
    "www.ck", "foo.ck", "a.foo.ck", "city.kawasaki.jp", "x.city.kawasaki.jp", "x.y.kawasaki.jp", "kawasaki.jp",
    # the private section is not used: blogspot.com splits at .com
    "me.blogspot.com", "foo.github.io", "bucket.s3.amazonaws.com",
    # IP addresses, ports, user info, schemes, paths
    "192.168.0.1", "999.1.1.1", "1.2.3", "[::1]", "[2001:db8::1]:8080", "[not-ip]", "user:pw@host.com:80",
    "http://shop.brand.com/path?q=1#x", "//brand.com/x", "hxxp://brand.com", "localhost", "localhost.",
    # internationalised names, punycode, full-width and ideographic dots
    "例え.テスト", "xn--r8jz45g.xn--zckzah", "xn--bad--.com", "ＢＲＡＮＤ．ＣＯＭ", "brand。com", "brand｡co｡uk",
    "brand.中国", "shop.brand.xn--fiqs8s", "MiXeD.Example.CO.UK", "brand.example", "a.b.c.d.e.com.au",
    " spaced.com ", "brand.com.", "trailing.co.uk.", "under_score.com", "-dash-.net",
]


@pytest.mark.parametrize("host", HOSTS)
def test_split_is_tldextracts(host: str) -> None:
    import tldextract
    r = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)(host)
    assert suffixes.split(host) == (r.subdomain, r.domain, r.suffix)


def test_split_host_keeps_its_answers() -> None:
    parts = split_host("Shop.Brand.CO.UK.")
    assert (parts.subdomain, parts.domain, parts.suffix, parts.registered) == ("shop", "brand", "co.uk", "brand.co.uk")
    assert split_host("brand.example").registered == "brand.example"


def test_judging_a_web_address_imports_neither_tldextract_nor_requests() -> None:
    code = ("import sys; from checks.links import split_host; split_host('www.shop.brand.co.uk'); "
            "print(sorted(m for m in ('tldextract', 'requests', 'urllib3') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_snapshot_is_tldextracts_own() -> None:
    import pkgutil

    assert suffixes.snapshot_text().encode("utf-8") == pkgutil.get_data("tldextract", suffixes.SNAPSHOT)


def test_every_public_rule_splits_as_tldextract_splits_it() -> None:
    """Every rule of the list's public section (about 7 000: plain, wildcard, exception,
    internationalised), as a host under it and as the bare rule: the flattened trie answers
    what tldextract's own trie answers."""
    import tldextract

    extract = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
    public = suffixes.snapshot_text().partition(suffixes._PRIVATE_SEPARATOR)[0]
    rules = sorted({m.group("suffix") for m in suffixes._SUFFIX_RE.finditer(public)})
    assert len(rules) > 5000
    differ = []
    for rule in rules:
        bare = rule.lstrip("!").replace("*", "w")
        for host in (f"shop.brand.{bare}", bare, f"x.{bare.partition('.')[2]}"):
            r = extract(host)
            if suffixes.split(host) != (r.subdomain, r.domain, r.suffix):
                differ.append(host)
    assert differ == []
