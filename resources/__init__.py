"""Cardwise's data files: rule packs, templates, the sample card (and any fonts, ICC profiles,
models and translations added later), and :func:`locate`, the one place that says where they are.

In the repository this folder is ``resources/``; the wheel installs it as the package
``cardwise_resources`` and the frozen bundle ships it as ``<bundle>/cardwise_resources``.
Code never builds paths to it by hand: ``checks`` (``checks.resources``) and ``app``
(``app.paths``) both ask :func:`locate`, which lives here because this package is the one
both may import (``checks`` may not import ``app``) and which costs nothing to import.

A source checkout imports this folder as ``cardwise_resources`` through the symbolic link of
that name at the repository root (with the checkout on ``sys.path``: ``python -m pytest``,
``PYTHONPATH=$PWD``), so a checkout always reads its own rule packs even when the virtual
environment's editable install points at another checkout; an editable install
(``pip install -e .``) maps the name to this folder too. Every file below this folder ships
(pyproject.toml package-data ``**/*``), so a new rule-pack language folder needs no code or
packaging change.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

#: the import name of ``resources/`` in the wheel and the frozen bundle (pyproject.toml package-dir)
PACKAGE = "cardwise_resources"


def locate() -> Path:
    """The folder holding ``rules/``, ``templates/`` and ``samples/``, tried in this order:

    1. ``CARDWISE_RESOURCES`` (an explicit override: tests, a packager's staging folder);
    2. a frozen PyInstaller bundle: ``<sys._MEIPASS>/cardwise_resources``, where the bundle
       puts the data files (packaging/bundle_data.py);
    3. this package's own folder: the checkout's ``resources/``, or the installed wheel's
       ``site-packages/cardwise_resources``.
    """
    env = os.environ.get("CARDWISE_RESOURCES")
    if env:
        return Path(env)
    if getattr(sys, "frozen", False):  # PyInstaller: data files are unpacked under _MEIPASS
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent)) / PACKAGE
    return Path(__file__).resolve().parent
