"""The checks package loads its engine on first use: the designer's own process reads the
checker process's findings and takes card snapshots (checks.findings, checks.artwork)
without loading the engine, the detectors and the YAML rule loader on the way to its first
underline; ``from checks import Checker`` still gives the engine's checker."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(code: str) -> str:
    out = subprocess.run([sys.executable, "-c", f"import sys; sys.path.insert(0, {str(ROOT)!r}); " + code],
                         capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def test_findings_and_shapes_do_not_load_the_engine():
    got = _run("import checks.findings, checks.artwork; from checks import Finding, Severity; "
               "print(sorted(m for m in ('checks.engine', 'checks.rules', 'checks.detectors', 'yaml') "
               "if m in sys.modules))")
    assert got == "[]"


def test_the_public_names_load_on_first_use():
    got = _run("import checks; from checks import Checker, load_rules, ArtworkShape, clear_cache; "
               "import checks.engine, checks.rules, checks.artwork; "
               "print(Checker is checks.engine.Checker, load_rules is checks.rules.load_rules, "
               "ArtworkShape is checks.artwork.ArtworkShape, sorted(checks.__all__) == sorted(set(checks.__all__)))")
    assert got == "True True True True"


def test_an_unknown_name_is_an_attribute_error():
    got = _run("import checks\ntry:\n    checks.Nonexistent\nexcept AttributeError as e:\n    print(e)")
    assert got == "module 'checks' has no attribute 'Nonexistent'"
