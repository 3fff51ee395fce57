"""Cardwise's compliance engine: card wording → findings, driven by declarative rule packs.

Public API (the designer, ``cardwise check`` and the batch checker build on it)::

    from checks import Checker, load_rules, available_profiles
    checker = Checker(profile="amazon")      # cheap; spaCy loads lazily
    checker.warm()                           # optional: build pipelines now
    findings = checker.check(text, lang="auto", ignore=frozenset(), select=None)
    checker.check_qr(payload)                # judge a QR payload
    checker.check_artwork(shapes)            # pictures beside wording (checks.artwork.ArtworkShape)
    checker.rules; checker.rule("CW101")

No Qt, no ``app`` import (import-linter contracts in pyproject.toml).
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from checks.errors import ChecksError, RulePackError, UnknownProfile, UnknownRule
from checks.findings import Category, Finding, Severity, Source

if TYPE_CHECKING:
    from checks.artwork import ArtworkShape
    from checks.engine import Checker, available_profiles, clear_cache, merge_findings, occurrence_key
    from checks.rules import Rule, RuleSet, load_rules

#: The names above that load on first use: importing the package, or a light module of it
#: (``checks.findings``, ``checks.artwork``), does not load the engine, the detectors and the
#: YAML rule loader (~0.13 s). The designer's own process needs only the findings and the
#: artwork shapes (it reads the checker process's verdicts and takes the card's snapshots),
#: and it imports them right after its first paint, on the way to the first underline.
_LAZY = {
    "ArtworkShape": "checks.artwork",
    "Checker": "checks.engine", "available_profiles": "checks.engine", "clear_cache": "checks.engine",
    "merge_findings": "checks.engine", "occurrence_key": "checks.engine",
    "Rule": "checks.rules", "RuleSet": "checks.rules", "load_rules": "checks.rules",
}


def __getattr__(name: str) -> Any:   # PEP 562: ``from checks import Checker`` loads the engine here
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'checks' has no attribute {name!r}")
    value = importlib.import_module(module).__dict__[name]
    globals()[name] = value
    return value

__all__ = [
    "ArtworkShape", "Category", "Checker", "ChecksError", "Finding", "Rule", "RulePackError", "RuleSet", "Severity",
    "Source", "UnknownProfile", "UnknownRule", "available_profiles", "clear_cache", "load_rules",
    "merge_findings", "occurrence_key",
]
