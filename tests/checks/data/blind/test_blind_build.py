"""The blind sets are valid and their jsonl files are up to date with src/*.txt.

Runs only tests/checks/data/blind/build.py (no checker code), so it can run
without anyone reading the cards' wording.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent


def _build():
    spec = importlib.util.spec_from_file_location("blind_build", HERE / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_blind_sets_are_valid_and_built(capsys):
    assert _build().main(["--check"]) == 0, capsys.readouterr().err


@pytest.mark.parametrize("batch", ["b5", "b6", "b7", "b8", "b9", "b10", "b11", "b12", "b13", "b14", "b15", "b16", "b17", "b18", "b19", "b20", "b21", "b22", "b23", "b24", "b25", "b26", "b27", "b28", "b29", "b30", "b31", "b32", "b33", "b34", "b35", "b36", "b37", "b38", "b39", "b40", "b41", "b42", "b43", "b44", "b45", "b46", "b47", "b48", "b49", "b50", "b51", "b52", "b53", "b54"])
def test_later_batches_ids_clean_share_and_categories(batch):
    """Batches 5 to 10: ids in order, at least 45 % clean cards, all ten categories per set."""
    build = _build()
    sets, problems = build.build_sets()
    assert not problems
    for lang in ("en", "de", "fr", "es", "it", "ja"):
        records = sets[f"{lang}_{batch}"]
        assert [r["id"] for r in records] == [f"{batch}{lang}-{i:03d}" for i in range(1, len(records) + 1)]
        assert sum(1 for r in records if not r["labels"]) / len(records) >= 0.45
        assert {c for r in records for c in r["labels"]} == set(build.CATEGORIES)


def test_batch_of_reads_two_digit_batches():
    """A batch-10 card is compared with batch-1 cards at the cross-batch limit, not the looser
    within-batch one (its id starts with "b1" too)."""
    build = _build()
    assert build.batch_of("b10de-003") == "b10"
    assert build.batch_of("b1de-003") == "b1"
    assert build.batch_of("b9ja-030") == "b9"
