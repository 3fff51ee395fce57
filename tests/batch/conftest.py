"""Batch tests: generated artwork, a private results cache, one checker per session."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory, monkeypatch):
    """Never touch the user's real cache."""
    monkeypatch.setenv("CARDWISE_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cardwise-cache"))


@pytest.fixture(scope="session")
def checker():
    from app.batch.analyze import get_checker
    return get_checker("amazon")


@pytest.fixture(scope="session")
def art_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("artwork")


