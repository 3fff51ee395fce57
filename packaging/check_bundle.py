"""Check the bundle before building it (run by packaging/build.sh first).

Runs PyInstaller on packaging/cardwise.spec with CARDWISE_BUNDLE_CHECK_ONLY=1: the spec runs
its two Analysis steps (the import scan and the collection of data files), compares them with
what Cardwise loads at run time (packaging/bundle_data.py: every file under resources/, the
interface translations, the spaCy language modules and lookup tables of the rule packs, the
Tesseract language data, the fallback fonts, Qt's platform plugins, the sentence encoder's
model, ctypes-loaded engine and OpenMP runtime, and the modules imported by name:
subcommands, designer extensions, the batch workers' preload module) and exits
before building anything. A missing item fails with its name, e.g.

    bundle check FAILED: the bundle would lack what Cardwise loads at run time:
      - file cardwise_resources/rules/de/concepts.yaml is not in the bundle

This is the bug it prevents: modules imported with importlib and data found by directory
listing are invisible to PyInstaller's import scan, so a bundle can build cleanly and still
fail with "rules directory not found" or "No module named app.commands.check" when a user
runs it.

    python packaging/check_bundle.py        # exit 0: complete; 1: something is missing
"""
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    env = dict(os.environ, CARDWISE_BUNDLE_CHECK_ONLY="1")
    cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
           "--distpath", str(ROOT / "dist"), "--workpath", str(ROOT / "build" / "pyinstaller"),
           str(ROOT / "packaging" / "cardwise.spec")]
    return subprocess.call(cmd, cwd=ROOT, env=env)


if __name__ == "__main__":
    sys.exit(main())
