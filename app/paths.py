"""Where Cardwise's bundled resources live (no path strings elsewhere).

``resources/`` sits at the repository root next to ``app/``; a frozen build sets
``CARDWISE_RESOURCES`` or ships it next to the executable.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path


def resources_dir() -> Path:
    env = os.environ.get("CARDWISE_RESOURCES")
    if env:
        return Path(env)
    if getattr(sys, "frozen", False):  # PyInstaller
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent)) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def templates_dir() -> Path:
    return resource("templates")


def sample_card() -> Path:
    """The sample card the README's first command opens."""
    return resource("samples", "thank-you.cardwise")
