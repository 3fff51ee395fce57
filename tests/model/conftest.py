"""Shared model fixtures: one deterministic font library per test session."""
import pytest

from app.model.fonts import FontLibrary


@pytest.fixture(scope="session")
def fonts():
    """Bundled Vera + the CJK fallback faces (Droid Sans Fallback, IPAGothic, WenQuanYi Micro Hei)
    when installed; no other system fonts (deterministic)."""
    return FontLibrary(system=False)
