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
from checks.artwork import ArtworkShape
from checks.engine import Checker, available_profiles, clear_cache, merge_findings, occurrence_key
from checks.errors import ChecksError, RulePackError, UnknownProfile, UnknownRule
from checks.findings import Category, Finding, Severity, Source
from checks.rules import Rule, RuleSet, load_rules

__all__ = [
    "ArtworkShape", "Category", "Checker", "ChecksError", "Finding", "Rule", "RulePackError", "RuleSet", "Severity",
    "Source", "UnknownProfile", "UnknownRule", "available_profiles", "clear_cache", "load_rules",
    "merge_findings", "occurrence_key",
]
