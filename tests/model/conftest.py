"""Shared model fixtures: one deterministic font library per test session."""
import pytest

from app.model.fonts import FontLibrary


@pytest.fixture(scope="session")
def fonts():
    """Bundled Vera + Droid Sans Fallback when installed; no other system fonts (deterministic)."""
    return FontLibrary(system=False)
