"""Where Cardwise's bundled resources live (no path strings elsewhere).

The locator itself is :func:`checks.resources.resources_root` (``checks`` may not import
``app``, so the one implementation lives there): the checkout's ``resources/``, the wheel's
``cardwise_resources`` package, or ``<bundle>/cardwise_resources`` in a frozen build;
``CARDWISE_RESOURCES`` overrides all three.
"""
from __future__ import annotations

from pathlib import Path

from checks.resources import resources_root


def resources_dir() -> Path:
    return resources_root()


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
