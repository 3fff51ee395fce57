"""The blind sets are valid and their jsonl files are up to date with src/*.txt.

Runs only tests/checks/data/blind/build.py (no checker code), so it can run
without anyone reading the cards' wording.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _build():
    spec = importlib.util.spec_from_file_location("blind_build", HERE / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_blind_sets_are_valid_and_built(capsys):
    assert _build().main(["--check"]) == 0, capsys.readouterr().err


def test_batch5_ids_and_clean_share():
    build = _build()
    sets, problems = build.build_sets()
    assert not problems
    for name in ("en_b5", "de_b5", "fr_b5", "es_b5", "it_b5", "ja_b5"):
        records = sets[name]
        lang = name.split("_")[0]
        assert [r["id"] for r in records] == [f"b5{lang}-{i:03d}" for i in range(1, len(records) + 1)]
        assert sum(1 for r in records if not r["labels"]) / len(records) >= 0.45


def test_batch6_ids_and_clean_share():
    build = _build()
    sets, problems = build.build_sets()
    assert not problems
    for name in ("en_b6", "de_b6", "fr_b6", "es_b6", "it_b6", "ja_b6"):
        records = sets[name]
        lang = name.split("_")[0]
        assert [r["id"] for r in records] == [f"b6{lang}-{i:03d}" for i in range(1, len(records) + 1)]
        assert sum(1 for r in records if not r["labels"]) / len(records) >= 0.45
        assert {c for r in records for c in r["labels"]} == set(build.CATEGORIES)
