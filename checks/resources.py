"""Where Cardwise's data files (the repository's ``resources/`` folder) are at run time.

``checks`` may not import ``app``, so the engine has its own locator; ``app.paths.resources_dir``
repeats the same search (importing ``checks`` there would load the engine on every designer
start) and tests/packaging/test_resources_locator.py holds the two to the same answers.
Tried in this order:

1. ``CARDWISE_RESOURCES`` (an explicit override: tests, a packager's staging folder);
2. a frozen PyInstaller bundle: ``<sys._MEIPASS>/cardwise_resources``;
3. a source checkout (this file sits in ``<repo>/checks`` next to ``<repo>/pyproject.toml``
   and ``<repo>/resources``): that ``resources/``, so running a checkout with
   ``PYTHONPATH=$PWD`` reads the checkout's own rule packs, not an installed copy;
4. an installed wheel (or editable install): the package ``cardwise_resources`` through
   ``importlib.resources``.
"""
from __future__ import annotations

import importlib.resources
import os
import sys
from pathlib import Path

from checks.errors import ChecksError

#: the import name of ``resources/`` in the wheel and the frozen bundle (pyproject.toml package-dir)
PACKAGE = "cardwise_resources"


def resources_root() -> Path:
    """The folder holding ``rules/``, ``templates/``, ``samples/`` (see the module docstring)."""
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
        raise ChecksError(f"Cardwise's data files are missing: the package '{PACKAGE}' is not "
                          "installed next to 'checks' (reinstall Cardwise)") from None
    return Path(os.fspath(root))  # a regular package on disk: importlib gives a pathlib.Path
