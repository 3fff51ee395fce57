"""Where Cardwise's bundled resources live (no path strings elsewhere).

The repository's ``resources/`` folder is, in this order: ``CARDWISE_RESOURCES`` if set;
``<sys._MEIPASS>/cardwise_resources`` in a frozen bundle; the checkout's ``resources/`` when
this code runs from a checkout; else the installed package ``cardwise_resources`` (the wheel,
or an editable install) through ``importlib.resources``.

``checks.resources.resources_root`` implements the same search for the rule engine. The few
lines are repeated on purpose: ``checks`` may not import ``app``, and importing the ``checks``
package here would load the rule engine (~0.3 s) on every designer start, before the window.
tests/packaging/test_resources_locator.py holds the two to the same answers.
"""
from __future__ import annotations

import importlib.resources
import os
import sys
from pathlib import Path

from app.errors import CardwiseError

#: the import name of ``resources/`` in the wheel and the frozen bundle (pyproject.toml package-dir)
PACKAGE = "cardwise_resources"


def resources_dir() -> Path:
    env = os.environ.get("CARDWISE_RESOURCES")
    if env:
        return Path(env)
    if getattr(sys, "frozen", False):  # PyInstaller: data files are unpacked under _MEIPASS
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent)) / PACKAGE
    checkout = Path(__file__).resolve().parent.parent
    if (checkout / "pyproject.toml").is_file() and (checkout / "resources" / "__init__.py").is_file():
        return checkout / "resources"
    try:
        root = importlib.resources.files(PACKAGE)
    except ModuleNotFoundError:
        raise CardwiseError(f"Cardwise's data files are missing: the package '{PACKAGE}' is not "
                            "installed next to 'app' (reinstall Cardwise)") from None
    return Path(os.fspath(root))


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def templates_dir() -> Path:
    return resource("templates")


def sample_card() -> Path:
    """The sample card the README's first command opens."""
    return resource("samples", "thank-you.cardwise")


def rule_languages() -> list[str]:
    """The languages that have a rule pack: folders under ``rules/`` holding ``concepts.yaml``
    (found by listing, so a new language folder needs no code change)."""
    rules = resource("rules")
    if not rules.is_dir():
        return []
    return sorted(p.name for p in rules.iterdir() if (p / "concepts.yaml").is_file())


def rules_version() -> str:
    """The rule packs' version: a short digest of every file under ``rules/`` (names and bytes),
    so two installs print the same value exactly when their packs are identical."""
    import hashlib

    rules = resource("rules")
    h = hashlib.blake2b(digest_size=6)
    for p in sorted(rules.rglob("*")) if rules.is_dir() else ():
        if p.is_file() and "__pycache__" not in p.parts:
            h.update(p.relative_to(rules).as_posix().encode() + b"\0")
            h.update(p.read_bytes())
    return h.hexdigest()
