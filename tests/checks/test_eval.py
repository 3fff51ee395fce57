"""`cardwise eval`: the figures are computed right, the split is stable, holdout texts stay
hidden, and the checker holds its quality on wording written apart from the dev corpus."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from checks.evaluate import CorpusError, evaluate, failures, load_corpus, select_items, split_of

DATA = [Path(__file__).parent / "data" / n for n in ("unseen_en.jsonl", "unseen_en_2.jsonl", "unseen_en_3.jsonl", "unseen_en_4.jsonl", "unseen_en_5.jsonl", "unseen_en_6.jsonl", "unseen_en_7.jsonl", "unseen_en_8.jsonl", "unseen_en_9.jsonl")]
DEV = Path("/work/shared/compliance/dev_corpus.jsonl")


def test_split_is_stable_and_about_a_quarter():
    """The holdout split depends only on the id and holds roughly 25 % of items."""
    ids = [f"x{i:04d}" for i in range(2000)]
    share = sum(split_of(i) == "holdout" for i in ids) / len(ids)
    assert 0.2 < share < 0.3
    assert [split_of(i) for i in ids[:50]] == [split_of(i) for i in ids[:50]]


def test_figures_on_a_tiny_corpus(checker, tmp_path):
    """Text-level precision/recall/F1 and the clean-text error rate come out as counted by hand."""
    path = tmp_path / "c.jsonl"
    rows = [
        {"id": "a", "text": "Leave a review and get a free gift!", "labels": ["review-incentive"],
         "spans": [{"start": 19, "end": 34, "category": "review-incentive"}]},
        {"id": "b", "text": "Thank you for your order!", "labels": []},
        {"id": "c", "text": "Thanks! We hope you like it.", "labels": ["marketing"]},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    rep = evaluate(checker, load_corpus(path))
    inc, mk = rep.text["review-incentive"], rep.text["marketing"]
    assert (inc.tp, inc.fp, inc.fn) == (1, 0, 0) and (mk.tp, mk.fn) == (0, 1)
    assert rep.macro_f1 == pytest.approx(0.5)
    assert rep.n_clean == 1 and rep.clean_error_rate == 0.0
    assert rep.span_gold["review-incentive"].tp == 1
    assert "macro-F1" in rep.to_text() and rep.to_dict()["macro_f1"] == 0.5


def test_bad_corpus_is_a_clear_error(tmp_path):
    """A broken line names the file and line number."""
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "a", "text": "ok"}\n{oops\n', encoding="utf-8")
    with pytest.raises(CorpusError, match=r"bad.jsonl:2: not valid JSON"):
        load_corpus(path)
    with pytest.raises(CorpusError, match="cannot be read"):
        load_corpus(tmp_path / "missing.jsonl")


def test_failures_never_show_holdout_texts(checker):
    """--show-failures lists dev items only."""
    items = [{"id": i, "text": "Follow us on Instagram!", "labels": [], "spans": []} for i in ("x0001", "x0003", "x0007", "x0010")]
    rep = evaluate(checker, items)
    shown = "\n".join(failures(rep, items))
    for it in items:
        assert (it["id"] in shown) == (split_of(it["id"]) == "dev")


@pytest.mark.parametrize("path", DATA, ids=lambda p: p.name)
def test_quality_on_wording_written_apart_from_the_corpus(checker, path):
    """Team-written cards (tests/checks/data/unseen_en*.jsonl): macro-F1 >= 0.95, no error on clean text."""
    rep = evaluate(checker, load_corpus(path))
    assert rep.macro_f1 >= 0.95, rep.to_text()
    assert rep.clean_with_error == 0, rep.to_text()


@pytest.mark.skipif(not DEV.exists(), reason="shared dev corpus not present")
def test_acceptance_on_the_dev_corpus_english(checker):
    """The issue's acceptance figure: English macro-F1 >= 0.95 and <= 2 % clean texts with an error."""
    items = select_items(load_corpus(DEV), "dev", "en")
    rep = evaluate(checker, items, split="dev", lang="en")
    assert rep.macro_f1 >= 0.95 and rep.clean_error_rate <= 0.02, rep.to_text()


VIOLATIONS = [line.split("|", 1) for line in
              (Path(__file__).parent / "data" / "violations_en.txt").read_text(encoding="utf-8").splitlines()
              if line.strip() and not line.startswith("#")]


@pytest.mark.parametrize("category,text", VIOLATIONS, ids=[t[:40] for _, t in VIOLATIONS])
def test_team_written_violation_is_caught(checker, category, text):
    """Each team-written violating sentence (data/violations_en.txt) gets a finding of its category."""
    cats = {f.category.value for f in checker.check(text) if f.severity.value != "info"}
    assert category in cats, f"{category} missed in {text!r} (found {sorted(cats)})"


def test_eval_per_set_prints_one_row_per_file_and_language(tmp_path, capsys):
    """`cardwise eval A B` prints the accuracy table's rows: one per corpus file and language, detected as a user would."""
    from app.cli import main

    a = tmp_path / "a.jsonl"
    a.write_text(json.dumps({"id": "a1", "lang": "en", "text": "Leave a review and get a free gift!",
                             "labels": ["review-incentive"], "spans": []}) + "\n" +
                 json.dumps({"id": "a2", "lang": "en", "text": "Thank you for your order. Enjoy your lamp.",
                             "labels": [], "spans": []}) + "\n", encoding="utf-8")
    b = tmp_path / "b.jsonl"
    b.write_text(json.dumps({"id": "b1", "lang": "en", "text": "Questions? Contact us through Amazon messages.",
                             "labels": [], "spans": []}) + "\n", encoding="utf-8")
    assert main(["eval", str(a), str(b)]) == 0
    rows = [r for r in capsys.readouterr().out.splitlines() if r.startswith("| a.jsonl") or r.startswith("| b.jsonl")]
    assert rows[0].startswith("| a.jsonl | en | 2 | 1 | 1.000 |") and rows[0].endswith("| 0/1 (0.0%) |")
    assert rows[1].startswith("| b.jsonl | en | 1 | 1 |")


def test_eval_no_model_scores_the_rules_alone(tmp_path, capsys, monkeypatch):
    """`cardwise eval --no-model` gives the rules-alone figure and the default the rules with
    the trained second stage, so the accuracy page's two rows come from one command each.
    The model here is the shipped English one with every threshold at zero (it reads every
    sentence as every category), so the two rows must differ on a line no rule flags."""
    import shutil

    from app.cli import main
    from checks import second_stage as ss

    from checks import rules as rules_mod

    shutil.copytree(rules_mod.default_rules_dir(), tmp_path / "rules")   # the models sit beside the packs
    models = tmp_path / "models"
    shutil.copytree(ss.model_path("en"), models / "textcat-en")
    meta = json.loads((models / "textcat-en" / "cardwise.json").read_text(encoding="utf-8"))
    meta["thresholds"] = {c: 0.0 for c in meta["thresholds"]}
    (models / "textcat-en" / "cardwise.json").write_text(json.dumps(meta), encoding="utf-8")
    monkeypatch.setattr(rules_mod, "default_rules_dir", lambda: tmp_path / "rules")

    a = tmp_path / "soft.jsonl"
    # every category the model can give this line: a trademark reading also needs one of the
    # marketplace's marks in the sentence, and the line names none
    labels = [c for c in ss.MODEL_CATEGORIES if c != "marketplace-trademark"]
    a.write_text(json.dumps({"id": "s1", "lang": "en", "text": "We hope the lamp brightens your evenings.",
                             "labels": labels, "spans": []}) + "\n", encoding="utf-8")

    def row(*flags):
        assert main(["eval", str(a), "--per-set", *flags]) == 0
        return next(r for r in capsys.readouterr().out.splitlines() if r.startswith("| soft.jsonl | en |"))

    assert row().startswith("| soft.jsonl | en | 1 | 0 | 1.000 |")
    assert row("--no-model").startswith("| soft.jsonl | en | 1 | 0 | 0.000 |")
