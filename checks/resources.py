"""Where Cardwise's data files (the repository's ``resources/`` folder) are at run time: the
engine's name for :func:`cardwise_resources.locate`, the one locator that ``app.paths`` uses too
(``CARDWISE_RESOURCES``, a frozen bundle's ``_MEIPASS``, else the package's own folder); and the
user's cache folder (:func:`user_cache_dir`), for what Cardwise writes and may lose.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from cardwise_resources import PACKAGE, locate

__all__ = ["PACKAGE", "keyed_by_stat", "resources_root", "user_cache_dir"]


def resources_root() -> Path:
    """The folder holding ``rules/``, ``templates/``, ``samples/`` (see :func:`cardwise_resources.locate`)."""
    return locate()


def keyed_by_stat(path: Path) -> bool:
    """Whether a caches' digest names this data file by path, size and modification time
    instead of its bytes: the trained models' weights (``textcat_multilabel/model`` has no
    suffix) and serialised tables (``.bin``), 13 MB that would cost ~0.05 s to hash at every
    start. A model is replaced by writing a new folder (``cardwise train``), which gives every
    file a new mtime; descriptions (``.json``, ``.cfg``) and rule packs are hashed by content."""
    return path.suffix in ("", ".bin")


def user_cache_dir() -> Path:
    """``$CARDWISE_CACHE_DIR``, else the platform's cache folder: ``$XDG_CACHE_HOME/cardwise``
    or ``~/.cache/cardwise``; ``%LOCALAPPDATA%\\cardwise\\cache`` on Windows,
    ``~/Library/Caches/cardwise`` on macOS (the check results cache, app.batch.cache, and the
    frozen bundle's unpacked Japanese dictionary, checks.nlp)."""
    env = os.environ.get("CARDWISE_CACHE_DIR")
    if env:
        return Path(env)
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local")) / "cardwise" / "cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "cardwise"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "cardwise"
