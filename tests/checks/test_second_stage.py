"""The trained second stage: reproducible training, findings only where the rules found
nothing, and a broken model that never takes the rules down with it."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from checks import Checker, load_rules
from checks import second_stage as ss

REPO = Path(__file__).resolve().parents[2]

# A tiny corpus of single-sentence cards in the dev split shape: the model learns that the
# made-up word "zorblat" means a reward for a review, which no rule pack knows.
_VIOLATING = [f"Post your thoughts and a zorblat {w} follows." for w in
              ("voucher", "parcel", "bundle", "token", "crate", "basket", "box", "tin", "kit", "pack")]
_CLEAN = [f"Keep the {w} dry and store it at room temperature." for w in
          ("lamp", "kettle", "fan", "mixer", "heater", "radio", "clock", "speaker", "router", "charger")] + [
    "Thank you for your order.", "We hope you enjoy your new lamp.", "Thank you for choosing us.",
    "Your order is covered by a 12-month warranty."]


def _corpus(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.jsonl"
    lines = []
    for i, t in enumerate(_VIOLATING * 3):
        lines.append({"id": f"v{i}", "lang": "en", "text": t, "labels": ["review-incentive"], "spans": []})
    for i, t in enumerate(_CLEAN * 3):
        lines.append({"id": f"c{i}", "lang": "en", "text": t, "labels": [], "spans": []})
    path.write_text("".join(json.dumps(d) + "\n" for d in lines), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("model")
    from checks.evaluate import load_corpus

    rules_only = Checker(second_stage=False)
    examples = ss.sentences_of_items(rules_only, load_corpus(_corpus(tmp)), "tiny", "en")
    nlp = ss.train_model(examples, "en", seed=3, epochs=20)
    meta = ss.ModelMeta("en", ss.MODEL_CATEGORIES, {c: 0.7 for c in ss.MODEL_CATEGORIES}, enabled=True, seed=3)
    folder = tmp / "models" / "textcat-en"      # `cardwise train --out` a folder not made yet
    ss.save_model(nlp, meta, folder)
    return folder, examples


def test_training_is_reproducible_with_a_seed(tiny_model):
    """The same corpus and seed give the same model: the same scores on a new sentence."""
    folder, examples = tiny_model
    again = ss.train_model(examples, "en", seed=3, epochs=20)
    text = ss.model_input(["write", "a", "review", "and", "get", "a", "zorblat", "hamper"])
    first = ss.SecondStage.from_folder(folder).scores([text])[0]
    assert again(text).cats == pytest.approx(first, abs=1e-6)


def test_model_adds_what_the_rules_missed_and_nothing_they_found(tiny_model):
    """A sentence no rule catches gets the model's finding (sentence span, message, rewrite); a
    category a rule already reports there is not reported twice."""
    folder, _ = tiny_model
    checker = Checker(second_stage={"en": ss.SecondStage.from_folder(folder)})
    text = "Thank you for your order.\nPost your thoughts and a zorblat hamper follows."
    found = [f for f in checker.check(text) if f.category.value == "review-incentive"]
    assert [f.rule for f in found] == ["CW190"]
    assert found[0].text == "Post your thoughts and a zorblat hamper follows."
    assert found[0].suggestion and "honest review" in found[0].suggestion
    assert Checker(second_stage=False).check(text) == [f for f in checker.check(text) if f.rule != "CW190"]
    ruled = "Leave a review and get a free zorblat gift!"
    rules = {f.rule for f in checker.check_raw(ruled)}
    merged = [f for f in checker.check(ruled) if f.category.value == "review-incentive"]
    assert "CW190" not in {r for f in merged for r in f.extra["rules"]} and rules & {"CW101", "CW102"}


def test_clean_text_stays_clean_with_the_model(tiny_model):
    """After-sales wording the model never saw gets no finding from it."""
    folder, _ = tiny_model
    checker = Checker(second_stage={"en": ss.SecondStage.from_folder(folder)})
    text = "Questions? Contact us through Amazon Buyer-Seller Messaging (Your Orders > Contact Seller)."
    assert not [f for f in checker.check(text) if f.rule.endswith("90")]


def _resources_with(model: Path, tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the rule packs with ``model`` installed as the English second stage:
    (rules folder, model folder)."""
    root = tmp_path / "res"
    shutil.copytree(REPO / "resources" / "rules", root / "rules")
    shutil.copytree(model, root / "models" / "textcat-en")
    return root / "rules", root / "models" / "textcat-en"


def test_a_damaged_model_gives_one_notice_and_the_rules_still_run(tiny_model, tmp_path):
    """A model folder whose weights are garbage: one info finding says so, the rule findings are all there."""
    rules, broken = _resources_with(tiny_model[0], tmp_path)
    (broken / "textcat_multilabel" / "model").write_bytes(b"\x00not a model")
    checker = Checker(rules_dir=rules)
    assert checker.second_stage_languages == ["en"]
    fs = checker.check("Leave a review and get a free gift!")
    notes = [f for f in fs if f.rule == "CW001"]
    assert len(notes) == 1 and notes[0].severity.value == "info" and "cannot be loaded" in notes[0].message
    assert any(f.category.value == "review-incentive" for f in fs)
    assert checker.second_stage_languages == []


def test_a_disabled_model_is_not_used_unless_asked(tiny_model, tmp_path):
    """A model whose description is not enabled stays off by default and runs with second_stage=True."""
    rules, off = _resources_with(tiny_model[0], tmp_path)
    meta = json.loads((off / ss.META_FILE).read_text(encoding="utf-8"))
    meta["enabled"] = False
    (off / ss.META_FILE).write_text(json.dumps(meta), encoding="utf-8")
    assert Checker(rules_dir=rules).second_stage_languages == []
    assert Checker(rules_dir=rules, second_stage=True).second_stage_languages == ["en"]


def test_train_command_writes_a_described_model_and_names_a_bad_line(tmp_path, capsys):
    """`cardwise train` records seed, corpora and thresholds; a malformed line is named by file and line."""
    from app.cli import main

    out = tmp_path / "m"
    assert main(["train", str(_corpus(tmp_path)), "--out", str(out), "--epochs", "3", "--seed", "5"]) == 0
    meta = json.loads((out / ss.META_FILE).read_text(encoding="utf-8"))
    assert meta["seed"] == 5 and meta["enabled"] is False and meta["trained_on"][0]["file"] == "tiny.jsonl"
    assert set(meta["thresholds"]) == set(ss.MODEL_CATEGORIES)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "text": "ok"}\n{not json\n', encoding="utf-8")
    assert main(["train", str(bad), "--out", str(tmp_path / "n")]) == 2
    assert "bad.jsonl:2" in capsys.readouterr().err


def test_shipped_model_reads_each_second_stage_rule_example():
    """The shipped English model reads each second-stage rule's example as that rule's category
    (at or above its threshold), and the card gets the category: from the model where no rule
    reports it in that sentence, else from the rules (the model's finding merges into theirs)."""
    if not ss.model_path("en").is_dir():
        pytest.skip("no trained model is shipped (docs/accuracy.md says why)")
    stage = ss.SecondStage.from_folder(ss.model_path("en"))
    checker = Checker()
    assert "en" in checker.second_stage_languages
    for r in load_rules().rules:
        if r.uses_model and r.active:
            for ex in r.examples:
                norms = [n for sent in checker.sentence_norms(ex.text) for n in sent[3]]
                score = stage.scores([ss.model_input(norms)])[0][r.category.value]
                assert score >= stage.meta.thresholds[r.category.value], f"{r.id}: {score:.2f} on {ex.text!r}"
                assert r.category in {f.category for f in checker.check(ex.text)}, ex.text


def _card(key: str, labels: set[str], *scores: float, cat: str = "review-incentive") -> ss.ScoredCard:
    return ss.ScoredCard(key=key, group="g", labels=frozenset(labels), rule_pred=frozenset(), rule_error=False,
                         inputs=tuple(f"s{i}" for i in range(len(scores))),
                         ruled=tuple(frozenset() for _ in scores))


def test_thresholds_keep_the_model_precise_and_clean_cards_clean():
    """A threshold sits where the model's out-of-fold card predictions are precise; a category it
    cannot predict precisely stays off; too many clean cards hit moves the threshold up."""
    inc, pos = "review-incentive", "review-positive"
    cards, scores = [], []
    for i in range(10):  # incentive cards score 0.8, clean cards 0.5 or below
        cards.append(_card(f"v{i}", {inc}, 0.1))
        scores.append([{inc: 0.8, pos: 0.6}])
    for i in range(90):
        cards.append(_card(f"c{i}", set(), 0.1))
        scores.append([{inc: 0.5 if i < 3 else 0.2, pos: 0.6}])  # positive: no better than chance
    thr = ss.choose_thresholds(cards, scores, {inc, pos}, max_clean_rate=0.05)
    assert thr[inc] == pytest.approx(0.55) and thr[pos] > 1
    strict = ss.choose_thresholds(cards, scores, {inc, pos}, min_precision=0.5, max_clean_rate=0.01)
    assert 0.5 < strict[inc] <= 0.8  # 3 clean cards of 90 at 0.5 would be over 1 %


def test_model_adds_only_what_no_rule_reports_in_that_sentence():
    """The card-level figures count a model category only in sentences where no rule reports it."""
    inc = "review-incentive"
    card = ss.ScoredCard(key="g:1", group="g", labels=frozenset({inc}), rule_pred=frozenset({inc}),
                         rule_error=True, inputs=("a", "b"), ruled=(frozenset({inc}), frozenset()))
    assert ss.model_added(card, [{inc: 0.9}, {inc: 0.1}], {inc: 0.5}) == set()
    assert ss.model_added(card, [{inc: 0.1}, {inc: 0.9}], {inc: 0.5}) == {inc}


def test_loso_prints_one_row_per_left_out_set(tmp_path, capsys):
    """`cardwise train --loso` scores each left-out corpus with and without a model trained on the rest."""
    from app.cli import main

    a = _corpus(tmp_path)
    b = tmp_path / "other.jsonl"
    b.write_text(a.read_text(encoding="utf-8").replace('"id": "', '"id": "o'), encoding="utf-8")
    assert main(["train", "--loso", str(a), str(b), "--epochs", "2", "--leave-out", "other*"]) == 0
    out = capsys.readouterr().out
    rows = [ln for ln in out.splitlines() if ln.startswith("| other.jsonl | en |")]
    assert len(rows) == 1 and "tiny.jsonl |" not in out and "left-out sets where rules + model raised" in out


def test_train_names_a_bad_line_in_a_dev_corpus_and_an_unknown_language(tmp_path, capsys):
    from app.cli import main

    bad = tmp_path / "dev.jsonl"
    bad.write_text('{"id": "a", "text": "ok"}\n\n["no object"]\n', encoding="utf-8")
    assert main(["train", str(_corpus(tmp_path)), "--dev", str(bad), "--out", str(tmp_path / "n")]) == 2
    assert "dev.jsonl:3" in capsys.readouterr().err
    assert main(["train", str(_corpus(tmp_path)), "--lang", "tlh", "--out", str(tmp_path / "n")]) == 2
    assert "tlh" in capsys.readouterr().err and not (tmp_path / "n").exists()


@pytest.mark.parametrize("damage", ["weights missing", "description garbled"])
def test_a_model_with_a_missing_file_gives_one_notice_and_the_rules_still_run(tiny_model, tmp_path, damage):
    """Model weights deleted, or a cardwise.json that is not JSON: one info finding naming the
    model folder, and every rule finding is still there."""
    rules, broken = _resources_with(tiny_model[0], tmp_path)
    if damage == "weights missing":
        (broken / "textcat_multilabel" / "model").unlink()
    else:
        (broken / ss.META_FILE).write_text("{not json", encoding="utf-8")
    fs = Checker(rules_dir=rules).check("Leave a review and get a free gift!")
    notes = [f for f in fs if f.rule == "CW001"]
    assert len(notes) == 1 and notes[0].severity.value == "info" and "textcat-en" in notes[0].message
    assert [f.rule for f in fs if f.rule != "CW001"] == [f.rule for f in Checker(second_stage=False).check(
        "Leave a review and get a free gift!")]


def test_scores_are_the_pipelines_own_scores(tiny_model):
    """The stage's direct forward pass gives the numbers spaCy's pipeline puts on doc.cats."""
    folder, _ = tiny_model
    stage = ss.SecondStage.from_folder(folder)
    inputs = [ss.model_input(t.split()) for t in ("write a review and get a zorblat hamper",
                                                   "keep the lamp dry", "thank you for your order")]
    direct = stage.scores(inputs)
    import spacy

    piped = [dict(doc.cats) for doc in spacy.load(folder).pipe(inputs)]
    assert [set(d) for d in direct] == [set(d) for d in piped]
    for d, p in zip(direct, piped):
        assert d == pytest.approx(p, abs=1e-6)


def test_shipped_models_load_with_spacys_own_scores():
    """Each shipped model, loaded on Cardwise's pipeline, scores as spacy.load's pipeline does."""
    import spacy

    folders = sorted(ss.model_path("en").parent.glob("textcat-*"))
    if not folders:
        pytest.skip("no trained model is shipped")
    inputs = ["leave a review and get a free gift", "contact we via amazon message",
              "5 star = 10 % off your next order", "keep the lamp dry", "e-mail we at help@brand.example"]
    for folder in folders:
        ours = ss.SecondStage.from_folder(folder).scores(inputs)
        theirs = [dict(doc.cats) for doc in spacy.load(folder).pipe(inputs)]
        for a, b in zip(ours, theirs):
            assert a == pytest.approx(b, abs=1e-6), folder.name


#: model inputs that exercise the tokenizer's cuts: marks, units, URLs, symbols, emoticons,
#: spaCy's symbol names ("aux", "number") and repeated n-grams
_BOW_INPUTS = [
    "leave a review and get a free gift", "5€ gutschein 10 % rabatt", "www.example.com/x?a=1 :-) :)",
    "e-mail help@brand.example 030-123 ( 1 )", "a.m. z.b. u.s.a. 3x 5km", "aux mark number 12345",
    "ok ok ok ok ok ok", "星 5 レビュー で プレゼント", "😀 !!! ... ?! 「 星5 」", "x" * 40,
    "ehrlich bewertung auf amazon", "avis honnête sur amazon", "reseña en amazon", "recensione su amazon",
]


def test_bag_of_ngrams_gives_the_models_own_scores_to_the_bit():
    """Each shipped model's scores without Docs or thinc layers (the typing path) are the
    classifier's own predict() output, float for float, one input at a time and in batches,
    for new words (the tokenizer's way) as for words seen before (remembered)."""
    import numpy

    folders = sorted(ss.model_path("en").parent.glob("textcat-*"))
    if not folders:
        pytest.skip("no trained model is shipped")
    for folder in folders:
        stage = ss.SecondStage.from_folder(folder)
        stage.load()
        nlp = stage._model()
        textcat = nlp.get_pipe(ss.TEXTCAT)
        bow = ss.BagOfNgrams.of(nlp, textcat.model)
        assert bow is not None, folder.name
        for batch in [_BOW_INPUTS[i:i + 3] for i in range(0, len(_BOW_INPUTS), 3)] * 2 + [[t] for t in _BOW_INPUTS]:
            want = textcat.model.predict([nlp.make_doc(t) for t in batch])
            got = bow.predict(batch)
            assert got.dtype == want.dtype and numpy.array_equal(got, want), (folder.name, batch)


def test_bag_of_ngrams_word_ids_are_the_tokenizers():
    """A word of letters or digits alone is one token with the id the tokenizer gives it,
    spaCy's symbol names included (their ids are not string hashes)."""
    from spacy.strings import SYMBOLS_BY_STR

    stage = ss.SecondStage.from_folder(ss.model_path("de"))
    stage.load()
    nlp = stage._model()
    bow = ss.BagOfNgrams.of(nlp, nlp.get_pipe(ss.TEXTCAT).model)
    words = [w for w in SYMBOLS_BY_STR if w.isalpha() or w.isdecimal()] + [
        "Gutschein", "bewertung", "レビュー", "星", "١٢٣", "2026", "straße", "ÉTÉ"]
    for w in words:
        assert bow._ids(w) == tuple(t.orth for t in nlp.make_doc(w)), w


def test_bag_of_ngrams_leaves_other_spacing_to_the_model():
    """An input that is not words between single spaces is scored by thinc, with the same numbers."""
    stage = ss.SecondStage.from_folder(ss.model_path("de"))
    stage.load()
    nlp = stage._model()
    bow = ss.BagOfNgrams.of(nlp, nlp.get_pipe(ss.TEXTCAT).model)
    odd = ["two  spaces", " leading", "tab\there"]
    assert all(bow.predict([t]) is None for t in odd)
    want = [dict(doc.cats) for doc in __import__("spacy").load(ss.model_path("de")).pipe(odd)]
    for got, w in zip(stage.scores(odd), want):
        assert got == pytest.approx(w, abs=1e-6)


def test_typing_elsewhere_keeps_the_models_findings(tiny_model):
    """Editing one paragraph again and again leaves the model's finding in another paragraph
    exactly as a fresh check of the same text reports it."""
    from checks.engine import clear_cache

    folder, _ = tiny_model
    checker = Checker(second_stage={"en": ss.SecondStage.from_folder(folder)})
    text = "Thank you for your order.\n\nPost your thoughts and a zorblat hamper follows."
    first = [f for f in checker.check(text) if f.rule == "CW190"]
    assert len(first) == 1
    for typed in ("Thank you for your order!", "Thank you for your order!!", "Thanks for your order."):
        edited = text.replace("Thank you for your order.", typed)
        live = checker.check(edited)
        clear_cache()
        assert live == checker.check(edited)
        assert [f.text for f in live if f.rule == "CW190"] == [first[0].text]


ANCHORS = Path(__file__).parent / "data" / "compliant_anchors.jsonl"


@pytest.mark.parametrize("anchor", [json.loads(x) for x in ANCHORS.read_text(encoding="utf-8").splitlines() if x.strip()],
                         ids=lambda d: d["id"])
def test_the_wording_cardwise_calls_safe_gets_no_finding_with_the_shipped_models(anchor):
    """A plain review request ("Please leave a review on Amazon."), service through Amazon's
    messaging, warranty and thank-you lines: neither the rules nor a shipped model may flag
    them. The models' thresholds were raised above these sentences when they were trained
    (`cardwise train --anchors`); a retrained model that reads one as steering fails here."""
    assert [f.rule for f in _shipped_checker().check(anchor["text"])] == []


_SHIPPED: list = []


def _shipped_checker() -> Checker:
    if not _SHIPPED:
        _SHIPPED.append(Checker(second_stage=True))   # every shipped model, the Japanese one too
    return _SHIPPED[0]


def test_an_anchor_raises_the_threshold_above_its_score_or_switches_the_category_off():
    thr = {"review-positive": 0.6, "review-gating": 0.7, "marketing": 0.5}
    anchors = [{"review-positive": 0.79, "review-gating": 0.2, "marketing": 0.97}]
    out = ss.respect_anchors(thr, anchors)
    assert out["review-positive"] == 0.8          # the next step of the grid above 0.79
    assert out["review-gating"] == 0.7            # no anchor near it: unchanged
    assert out["marketing"] == ss.OFF             # no step above 0.97: off

def test_partial_labels_do_not_teach_the_unchecked_categories_as_negatives(tmp_path):
    """Paraphrases checked for one category each (`cardwise train --partial`): a card checked
    for steering that also offers a reward must not teach the model that a reward is not an
    incentive, as it would if its one label were read as the full label set."""
    from app.cli import main
    from checks.evaluate import load_corpus

    part = tmp_path / "paraphrases.jsonl"
    part.write_text("".join(json.dumps({"id": f"p{i}", "lang": "en", "labels": ["review-positive"],
                                        "text": f"Give us five stars and a zorblat {w} follows."}) + "\n"
                            for i, w in enumerate(["voucher", "parcel", "bundle", "token", "crate"] * 4))
                    + json.dumps({"id": "pc", "lang": "en", "labels": [], "text": "Store the lamp dry."}) + "\n"
                    + json.dumps({"id": "pm", "lang": "en", "labels": ["review-positive"],
                                  "text": "Love it? Five stars. A zorblat follows."}) + "\n", encoding="utf-8")
    rules_only = Checker(second_stage=False)
    full = ss.sentences_of_items(rules_only, load_corpus(_corpus(tmp_path)), "tiny", "en")
    partial = ss.sentences_of_partial_items(rules_only, load_corpus(part), "paraphrases", "en")
    assert len(partial) == 21  # the two-sentence card is left out: which sentence carries the label is unknown
    assert partial[0].known == {"review-positive"} and partial[-1].known is None and not partial[-1].cats
    as_full = ss.sentences_of_items(rules_only, load_corpus(part), "paraphrases", "en")
    text = ss.model_input(["give", "us", "five", "star", "and", "a", "zorblat", "hamper", "follow"])
    masked = ss.train_model(full + partial, "en", seed=3, epochs=20)(text).cats["review-incentive"]
    unmasked = ss.train_model(full + as_full, "en", seed=3, epochs=20)(text).cats["review-incentive"]
    assert masked > 0.5 and masked > unmasked + 0.2

    out = tmp_path / "m"
    assert main(["train", str(_corpus(tmp_path)), "--partial", str(part), "--out", str(out), "--epochs", "3"]) == 0
    meta = json.loads((out / ss.META_FILE).read_text(encoding="utf-8"))
    assert [(c["file"], c["split"]) for c in meta["trained_on"]] == [("tiny.jsonl", "all"), ("paraphrases.jsonl", "partial")]


def test_train_names_a_bad_anchor_line_or_a_missing_anchors_file_and_writes_nothing(tmp_path, capsys):
    """`cardwise train --anchors` with a garbled line or a file that is not there stops with
    a usage error naming the file (and the line), before any model is written."""
    from app.cli import main

    bad = tmp_path / "anchors.jsonl"
    bad.write_text('{"lang": "en", "text": "Please leave a review on Amazon."}\n["not an object"]\n', encoding="utf-8")
    out = tmp_path / "n"
    assert main(["train", str(_corpus(tmp_path)), "--anchors", str(bad), "--out", str(out)]) == 2
    assert "anchors.jsonl:2" in capsys.readouterr().err
    assert main(["train", str(_corpus(tmp_path)), "--anchors", str(tmp_path / "gone.jsonl"), "--out", str(out)]) == 2
    assert "gone.jsonl" in capsys.readouterr().err and not out.exists()
