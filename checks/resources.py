"""Where Cardwise's data files (the repository's ``resources/`` folder) are at run time: the
engine's name for :func:`cardwise_resources.locate`, the one locator that ``app.paths`` uses too
(``CARDWISE_RESOURCES``, a frozen bundle's ``_MEIPASS``, else the package's own folder).
"""
from __future__ import annotations

from pathlib import Path

from cardwise_resources import PACKAGE, locate

__all__ = ["PACKAGE", "resources_root"]


def resources_root() -> Path:
    """The folder holding ``rules/``, ``templates/``, ``samples/`` (see :func:`cardwise_resources.locate`)."""
    return locate()
