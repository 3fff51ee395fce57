"""Compliant English cards written as hard negatives (tests/checks/data/hard_negatives_en.txt):
none may get an error, the finding that blocks a seller's export."""
from __future__ import annotations

from pathlib import Path

import pytest

from checks.findings import Severity

DATA = Path(__file__).parent / "data" / "hard_negatives_en.txt"


def _cards() -> list[str]:
    body = "\n".join(l for l in DATA.read_text(encoding="utf-8").splitlines() if not l.startswith("#"))
    return [c.strip() for c in body.split("\n---\n") if c.strip()]


@pytest.mark.parametrize("text", _cards())
def test_hard_negative_has_no_error(checker, text):
    errors = [(f.rule, f.text) for f in checker.check(text, "en") if f.severity is Severity.ERROR]
    assert not errors, f"{text!r} -> {errors}"
