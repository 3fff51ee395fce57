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


@pytest.fixture(scope="module")
def built():
    """build.py and the sets it reads from src/ (read once for the module's tests)."""
    build = _build()
    sets, problems = build.build_sets()
    return build, sets, problems


def test_blind_sets_are_valid_and_built(capsys):
    assert _build().main(["--check"]) == 0, capsys.readouterr().err


@pytest.mark.parametrize("batch", ["b5", "b6", "b7", "b8", "b9", "b10", "b11", "b12", "b13", "b14", "b15", "b16", "b17", "b18", "b19", "b20", "b21", "b22", "b23", "b24", "b25", "b26", "b27", "b28", "b29", "b30", "b31", "b32", "b33", "b34", "b35", "b36", "b37", "b38", "b39", "b40", "b41", "b42", "b43", "b44", "b45", "b46", "b47", "b48", "b49", "b50", "b51", "b52", "b53", "b54", "b55", "b56", "b57", "b58", "b59", "b60", "b61", "b62", "b63", "b64", "b65", "b66", "b70"])
def test_later_batches_ids_clean_share_and_categories(batch, built):
    """Batches 5 on: ids in order, at least 45 % clean cards (more where a set is shaped for the
    clean-card figure), all ten categories per set."""
    build, sets, problems = built
    assert not problems
    for lang in ("en", "de", "fr", "es", "it", "ja"):
        records = sets[f"{lang}_{batch}"]
        assert [r["id"] for r in records] == [f"{batch}{lang}-{i:03d}" for i in range(1, len(records) + 1)]
        share = build.MIN_CLEAN_SHARE_BY_SET.get(f"{lang}_{batch}", 0.45)
        assert sum(1 for r in records if not r["labels"]) / len(records) >= share
        assert {c for r in records for c in r["labels"]} == set(build.CATEGORIES)


@pytest.mark.parametrize("batch", ["b67", "b68", "b69"])
def test_german_only_batches(batch, built):
    """Batches 67-69 are German only (written beside batch 66 to measure German clean cards):
    ids in order, 80 % clean, all ten categories, and no other language's set in the batch."""
    build, sets, problems = built
    assert not problems
    assert [name for name in sets if name.endswith(f"_{batch}")] == [f"de_{batch}"]
    records = sets[f"de_{batch}"]
    assert [r["id"] for r in records] == [f"{batch}de-{i:03d}" for i in range(1, len(records) + 1)]
    assert sum(1 for r in records if not r["labels"]) / len(records) >= 0.8
    assert {c for r in records for c in r["labels"]} == set(build.CATEGORIES)


def test_batch_of_reads_two_digit_batches():
    """A batch-10 card is compared with batch-1 cards at the cross-batch limit, not the looser
    within-batch one (its id starts with "b1" too)."""
    build = _build()
    assert build.batch_of("b10de-003") == "b10"
    assert build.batch_of("b1de-003") == "b1"
    assert build.batch_of("b9ja-030") == "b9"


def test_prefix_filter_finds_every_pair_a_full_comparison_finds(built):
    """The near-duplicate check compares only the pairs the prefix filter lets through; on
    real cards (French, batches 1-20) it finds exactly the pairs comparing every pair finds,
    at the limits build.py uses and at a looser one."""
    build, sets, _ = built
    cards = [r for name, records in sets.items() if name.startswith("fr_")
             and int(name.split("_b")[1]) <= 20 for r in records]
    toks = [build.tokens(r["text"], "fr") for r in cards]
    langs = ["fr"] * len(toks)
    for t in (0.25, build.CROSS_BATCH_NEAR_DUP, build.NEAR_DUP):
        full = {(i, j) for i in range(len(toks)) for j in range(i + 1, len(toks))
                if build.jaccard(toks[i], toks[j]) >= t}
        found = {(i, j) for i, j in build.candidate_pairs(toks, langs, t)
                 if build.jaccard(toks[i], toks[j]) >= t}
        assert found == full
    assert len(cards) > 500


def test_a_reworded_copy_of_an_earlier_card_or_a_dev_item_is_refused():
    """A later batch's card that repeats an earlier batch's card, or a dev corpus item, with a
    word or two changed is reported by name; the same words in another language are not."""
    build = _build()
    text = "Thank you for choosing our kettle. Please descale it every month with white vinegar and rinse twice."
    older = {"id": "b3en-004", "lang": "en", "text": text, "labels": []}
    newer = {"id": "b9en-011", "lang": "en", "text": text.replace("kettle", "teapot"), "labels": []}
    german = {"id": "b9de-011", "lang": "de", "text": text, "labels": []}
    dev = [{"id": "x17", "lang": "en", "text": text.replace("month", "week")}]
    problems = build.set_problems({"en_b3": [older], "en_b9": [newer], "de_b9": [german]}, dev)
    assert "near-duplicate texts: b3en-004 ~ b9en-011" in problems
    assert "b9en-011 is a near-duplicate of dev item x17" in problems
    assert not [p for p in problems if "b9de-011" in p]
