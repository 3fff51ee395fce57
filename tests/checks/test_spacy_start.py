"""A check does not pay for spaCy's command line: ``import spacy`` loads typer, weasel, httpx
and jinja2 for ``spacy.info`` (0.3 s of a one-text ``cardwise check``); checks.nlp keeps them
unloaded while spaCy loads, and spaCy's own ``spacy.cli`` still works afterwards."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_a_check_leaves_spacys_command_line_unloaded():
    proc = _run("import sys; from checks import Checker; "
                "fs = Checker().check('Leave us a 5-star review and get a FREE gift card.'); "
                "assert fs, 'no findings'; "
                "loaded = [m for m in ('spacy.cli', 'spacy.cli.info', 'typer', 'weasel', 'httpx', 'jinja2') "
                "          if m in sys.modules]; "
                "assert not loaded, loaded; print('ok')")
    assert proc.returncode == 0 and proc.stdout.strip() == "ok", proc.stderr[-2000:]


def test_spacys_own_command_line_still_loads_afterwards():
    proc = _run("import sys; from checks.nlp import get_pipeline; get_pipeline('en'); "
                "assert 'spacy.cli' not in sys.modules; import spacy, spacy.cli; "
                "assert sys.modules['spacy.cli.info'].info is spacy.cli.info; "
                "assert spacy.info()['spacy_version'] == spacy.__version__; print('ok')")
    assert proc.returncode == 0 and proc.stdout.strip() == "ok", proc.stderr[-2000:]
