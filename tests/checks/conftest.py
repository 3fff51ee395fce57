"""Shared, session-scoped checkers: the spaCy pipeline is built once per test run."""
from __future__ import annotations

import pytest

from checks import Checker


@pytest.fixture(scope="session")
def checkers():
    """One Checker per profile, built lazily (``checkers("walmart")``)."""
    cache: dict[str, Checker] = {}

    def get(profile: str = "amazon") -> Checker:
        if profile not in cache:
            cache[profile] = Checker(profile=profile)
        return cache[profile]

    return get


@pytest.fixture(scope="session")
def checker(checkers):
    """The default (Amazon) checker."""
    return checkers("amazon")
