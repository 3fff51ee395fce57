"""Where Cardwise's bundled resources live (no path strings elsewhere).

The repository's ``resources/`` folder is found by :func:`cardwise_resources.locate`, the one
locator that the rule engine (``checks.resources``) uses too: ``CARDWISE_RESOURCES`` if set,
``<sys._MEIPASS>/cardwise_resources`` in a frozen bundle, else the package's own folder (the
checkout's ``resources/`` or the installed wheel's ``cardwise_resources``). Importing it costs
nothing: the designer does not load the rule engine before its window.
"""
from __future__ import annotations

from pathlib import Path

from cardwise_resources import PACKAGE, locate

__all__ = ["PACKAGE", "resources_dir", "resource", "templates_dir", "sample_card", "rule_languages",
           "rules_version"]


def resources_dir() -> Path:
    return locate()


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def templates_dir() -> Path:
    return resource("templates")


def sample_card() -> Path:
    """The sample card the README's first command opens."""
    return resource("samples", "thank-you.cardwise")


def rule_languages() -> list[str]:
    """The languages that have a rule pack: folders under ``rules/`` holding ``concepts.yaml``
    (found by listing, so a new language folder needs no code change)."""
    rules = resource("rules")
    if not rules.is_dir():
        return []
    return sorted(p.name for p in rules.iterdir() if (p / "concepts.yaml").is_file())


def rules_version() -> str:
    """The rule packs' version: a short digest of every file under ``rules/`` (names and bytes),
    so two installs print the same value exactly when their packs are identical."""
    import hashlib

    rules = resource("rules")
    h = hashlib.blake2b(digest_size=6)
    for p in sorted(rules.rglob("*")) if rules.is_dir() else ():
        if p.is_file() and "__pycache__" not in p.parts:
            h.update(p.relative_to(rules).as_posix().encode() + b"\0")
            h.update(p.read_bytes())
    return h.hexdigest()
