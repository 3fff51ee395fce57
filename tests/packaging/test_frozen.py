"""The frozen bundle builds and works (minutes: marked slow, so not in the default run or CI).

    .venv/bin/python -m pytest -m slow tests/packaging/test_frozen.py

Runs ``packaging/build.sh --no-deb``: the bundle check, the PyInstaller build of
dist/Cardwise and packaging/smoke.py, which runs the frozen ``cardwise`` (``--version``,
``check`` of a violating text exiting 1, ``check`` of a sentence only the sentence-encoder
stage flags, with no CW001, ``new`` + ``export``, ``snapshot``) and the windowed
``Cardwise`` on a card file, with no Python on PATH.
"""
from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
@pytest.mark.timeout(3600)
@pytest.mark.skipif(importlib.util.find_spec("PyInstaller") is None,
                    reason="PyInstaller is not installed (pip install -e '.[bundle]')")
def test_frozen_bundle_builds_and_passes_the_smoke_test():
    env = dict(os.environ, PYTHON=sys.executable)
    proc = subprocess.run(["bash", str(ROOT / "packaging" / "build.sh"), "--no-deb"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=3500)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-4000:]
    assert "smoke test passed" in proc.stdout
    assert "FAIL" not in proc.stdout
