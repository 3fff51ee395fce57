"""Shared, session-scoped checkers: the spaCy pipeline is built once per test run."""
from __future__ import annotations

import pytest

from checks import Checker


@pytest.fixture(scope="session")
def checkers():
    """One Checker per profile, built lazily (``checkers("walmart")``, ``preview=True`` adds preview rules)."""
    cache: dict[tuple[str, bool], Checker] = {}

    def get(profile: str = "amazon", preview: bool = False) -> Checker:
        if (profile, preview) not in cache:
            cache[(profile, preview)] = Checker(profile=profile, preview=preview)
        return cache[(profile, preview)]

    return get


@pytest.fixture(scope="session")
def checker(checkers):
    """The default (Amazon) checker."""
    return checkers("amazon")
