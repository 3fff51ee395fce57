"""A host split into subdomain, domain and public suffix, offline, exactly as tldextract splits it.

``tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)`` (what :mod:`checks.links` used)
reads the Public Suffix List snapshot bundled in the tldextract package and walks a trie of
its public (ICANN) section. Importing tldextract also imports ``requests`` (and urllib3,
charset detection, certificates: ~0.16 s CPU), only to build a session that never fetches
anything; that import sat in front of the designer's first check result (the checker's warm-up
text holds a web address). This module reads the same snapshot file and applies the same
algorithm (tldextract 5: ``lenient_netloc``, ``_extract_netloc``, ``suffix_index`` of the trie
without the private section), so every split is identical (tests/checks/test_suffixes.py
compares it with tldextract on hosts of every shape).
"""
from __future__ import annotations

import re
import threading
from pathlib import Path
from typing import Iterable
from urllib.parse import scheme_chars

from checks.errors import ChecksError

#: the snapshot's name inside the tldextract package (packaging/bundle_data.py ships it)
SNAPSHOT = ".tld_set_snapshot"

_SUFFIX_RE = re.compile(r"^(?P<suffix>[.*!]*\w[\S]*)", re.UNICODE | re.MULTILINE)
_PRIVATE_SEPARATOR = "// ===BEGIN PRIVATE DOMAINS==="
_IP_RE = re.compile(
    r"^(?:(?:[0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])\.)"
    r"{3}(?:[0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])$",
    re.ASCII,
)
_SCHEME_CHARS = frozenset(scheme_chars)


class _Trie:
    """tldextract's trie of the public suffixes, flattened: a node is named by its path from
    the root, the labels in the host's own order joined by dots (``co.uk`` is the node
    reached through ``uk`` then ``co``; a label never holds a dot, so the name is the path).
    Two sets of strings instead of ~10 000 node objects with a dict each: the checker
    process builds it before its first verdict of a card with a web address, and the
    objects cost about 0.05 s of that (tests/checks/test_suffixes.py: every split is
    tldextract's)."""

    __slots__ = ("nodes", "ends")

    def __init__(self, suffixes: Iterable[str]) -> None:
        nodes: set[str] = set()
        ends: set[str] = set()
        for suffix in suffixes:
            key = None
            for label in reversed(suffix.split(".")):
                key = label if key is None else f"{label}.{key}"
                nodes.add(key)
            ends.add(key)
        self.nodes = frozenset(nodes)
        self.ends = frozenset(ends)


def _child(parent: str | None, label: str) -> str:
    """The name of the node reached from ``parent`` (None: the root) through ``label``."""
    return label if parent is None else f"{label}.{parent}"


_ROOT: _Trie | None = None
_LOCK = threading.Lock()


def snapshot_text() -> str:
    """The Public Suffix List snapshot tldextract bundles, read without importing tldextract."""
    import importlib.util

    spec = importlib.util.find_spec("tldextract")
    for folder in (spec.submodule_search_locations or []) if spec is not None else []:
        path = Path(folder) / SNAPSHOT
        if path.is_file():
            return path.read_text(encoding="utf-8")
    import pkgutil  # a loader without plain files: ask the package (this imports tldextract)

    data = pkgutil.get_data("tldextract", SNAPSHOT) if spec is not None else None
    if data is None:
        raise ChecksError(f"the Public Suffix List snapshot (tldextract/{SNAPSHOT}) is missing")
    return data.decode("utf-8")


def _trie() -> _Trie:
    global _ROOT
    if _ROOT is None:
        with _LOCK:
            if _ROOT is None:
                public = snapshot_text().partition(_PRIVATE_SEPARATOR)[0]
                _ROOT = _Trie(frozenset(m.group("suffix") for m in _SUFFIX_RE.finditer(public)))
    return _ROOT


def _decode_punycode(label: str) -> str:
    lowered = label.lower()
    if lowered.startswith("xn--"):
        import idna  # only for punycode labels

        try:
            return idna.decode(lowered)
        except (UnicodeError, IndexError):
            pass
    return lowered


def _suffix_index(labels: list[str]) -> int | None:
    trie = _trie()
    nodes, ends = trie.nodes, trie.ends
    node: str | None = None          # the root
    suffix_idx = label_idx = len(labels)
    for label in reversed(labels):
        decoded = _decode_punycode(label)
        child = _child(node, decoded)
        if child in nodes:
            label_idx -= 1
            node = child
            if node in ends:
                suffix_idx = label_idx
            continue
        if _child(node, "*") in nodes:
            return label_idx if _child(node, "!" + decoded) in nodes else label_idx - 1
        break
    if suffix_idx == len(labels):
        return None
    return suffix_idx


def _schemeless_url(url: str) -> str:
    start = url.find("//")
    if start == 0:
        return url[2:]
    if start < 2 or url[start - 1] != ":" or set(url[: start - 1]) - _SCHEME_CHARS:
        return url
    return url[start + 2:]


def _lenient_netloc(url: str) -> str:
    authority = _schemeless_url(url).partition("/")[0].partition("?")[0].partition("#")[0]
    after_userinfo = authority.rpartition("@")[-1]
    if after_userinfo and after_userinfo[0] == "[":
        maybe_ipv6 = after_userinfo.partition("]")
        if maybe_ipv6[1] == "]":
            return f"{maybe_ipv6[0]}]"
    return after_userinfo.partition(":")[0].strip().rstrip(".\u3002\uff0e\uff61")


def _looks_like_ipv6(text: str) -> bool:
    from ipaddress import AddressValueError, IPv6Address

    try:
        IPv6Address(text)
    except AddressValueError:
        return False
    return True


def split(url: str) -> tuple[str, str, str]:
    """(subdomain, domain, public suffix) of ``url`` (a host or web address), as
    ``tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)(url)`` gives them."""
    netloc = _lenient_netloc(url).replace("\u3002", ".").replace("\uff0e", ".").replace("\uff61", ".")
    if len(netloc) >= 4 and netloc[0] == "[" and netloc[-1] == "]" and _looks_like_ipv6(netloc[1:-1]):
        return "", netloc, ""
    labels = netloc.split(".")
    idx = _suffix_index(labels)
    if idx is None:
        if len(labels) == 4 and netloc[0].isdecimal() and _IP_RE.fullmatch(netloc) is not None:
            return "", netloc, ""
        return ".".join(labels[:-1]), labels[-1], ""
    subdomain = ".".join(labels[: idx - 1]) if idx >= 2 else ""
    domain = labels[idx - 1] if idx > 0 else ""
    return subdomain, domain, ".".join(labels[idx:])
