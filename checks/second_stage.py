"""The trained second stage: a spaCy text classifier that reads each sentence after the rules.

The rule packs give the span, the explanation and the rewrite; they only catch wording their
concepts foresee. The second stage is a ``textcat_multilabel`` model (bag of lemma n-grams,
``spacy.TextCatBOW.v3``: about 0.05 ms a sentence) trained on the labelled cards in the
repository. Where it scores a sentence at or above its category's threshold, the sentence
gets a hit of the concept ``model`` with that category as its kind (``model/review-incentive``),
and the rules in ``resources/rules/common/model.yaml`` turn such hits into findings — only
where no rule already found that category in the sentence (``Checker`` drops the overlap).

A model lives in ``resources/models/textcat-<lang>/``: spaCy's ``to_disk`` folder plus
``cardwise.json`` (categories, thresholds, seed, the corpora it was trained on with their
SHA-256, the command, and whether it is enabled). ``cardwise train`` rebuilds it
reproducibly. A missing model means rules only; a model that is present but cannot be read
gives one info finding (``CW001``) and the rules still run.

The model's input is the sentence as lemma norms (``checks.nlp``), so "gifts", "gifted" and
"Gift" are one feature, as they are for the rules.
"""
from __future__ import annotations

import hashlib
import json
import random
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from checks.errors import ChecksError
from checks.findings import Category

#: the wording categories the model predicts (contact details and links are the detectors' job)
MODEL_CATEGORIES: tuple[str, ...] = tuple(c.value for c in (
    Category.REVIEW_INCENTIVE, Category.REVIEW_POSITIVE, Category.REVIEW_GATING, Category.REVIEW_REMOVAL,
    Category.OFFSITE_DIVERSION, Category.DATA_COLLECTION, Category.MARKETING, Category.MARKETPLACE_TRADEMARK,
))
META_FILE = "cardwise.json"
#: a threshold above 1 switches a category off (it never fires)
OFF = 1.01


class ModelError(ChecksError):
    """A second-stage model that cannot be read or trained (names the file and the problem)."""


def models_dir() -> Path:
    """``resources/models`` beside the rule packs (found the same way, wheel or frozen)."""
    from checks.rules import default_rules_dir

    return default_rules_dir().parent / "models"


def model_path(lang: str, root: Path | None = None) -> Path:
    return (root or models_dir()) / f"textcat-{lang}"


@dataclass
class ModelMeta:
    lang: str
    categories: tuple[str, ...]
    thresholds: dict[str, float]
    enabled: bool = False
    seed: int = 0
    epochs: int = 0
    trained_on: list[dict[str, Any]] = field(default_factory=list)
    command: str = ""
    sentences: int = 0
    notes: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "lang": self.lang, "enabled": self.enabled, "categories": list(self.categories),
            "thresholds": {c: round(t, 4) for c, t in self.thresholds.items()}, "seed": self.seed,
            "epochs": self.epochs, "sentences": self.sentences, "trained_on": self.trained_on,
            "command": self.command, "notes": self.notes,
        }

    @classmethod
    def read(cls, folder: Path) -> "ModelMeta":
        path = folder / META_FILE
        try:
            d = json.loads(path.read_text(encoding="utf-8"))
            cats = tuple(str(c) for c in d["categories"])
            thr = {str(k): float(v) for k, v in d["thresholds"].items()}
            if not cats or set(cats) - set(MODEL_CATEGORIES) or set(thr) != set(cats):
                raise ValueError("categories and thresholds do not agree")
            return cls(lang=str(d["lang"]), categories=cats, thresholds=thr, enabled=bool(d.get("enabled")),
                       seed=int(d.get("seed", 0)), epochs=int(d.get("epochs", 0)),
                       trained_on=list(d.get("trained_on") or []), command=str(d.get("command", "")),
                       sentences=int(d.get("sentences", 0)), notes=str(d.get("notes", "")))
        except OSError as exc:
            raise ModelError(f"{path}: cannot be read ({exc.strerror or exc})") from None
        except (ValueError, KeyError, TypeError) as exc:
            raise ModelError(f"{path}: not a Cardwise model description ({exc})") from None


class SecondStage:
    """One language's trained classifier, loaded on first use (thread-safe)."""

    def __init__(self, folder: Path, meta: ModelMeta, nlp: Any = None) -> None:
        self.folder = folder
        self.meta = meta
        self._nlp = nlp
        self._lock = threading.Lock()
        self.error: str | None = None

    @classmethod
    def from_folder(cls, folder: Path) -> "SecondStage":
        return cls(folder, ModelMeta.read(folder))

    def _model(self) -> Any:
        if self._nlp is None:
            with self._lock:
                if self._nlp is None:
                    import spacy

                    try:
                        self._nlp = spacy.load(self.folder)
                    except Exception as exc:  # spaCy raises many types for a damaged folder
                        raise ModelError(f"{self.folder}: the trained model cannot be loaded "
                                         f"({type(exc).__name__}: {str(exc)[:120]})") from None
        return self._nlp

    def load(self) -> None:
        """Load now (the designer warms it in a thread); raises ModelError."""
        self._model()

    def scores(self, inputs: Sequence[str]) -> list[dict[str, float]]:
        """Category scores for each input (lemma-norm strings, see :func:`model_input`)."""
        if not inputs:
            return []
        nlp = self._model()
        return [dict(doc.cats) for doc in nlp.pipe(inputs)]

    def over_threshold(self, inputs: Sequence[str]) -> list[list[tuple[str, float]]]:
        """For each input, the (category, score) pairs at or above their thresholds."""
        out = []
        thr = self.meta.thresholds
        for cats in self.scores(inputs):
            out.append(sorted(((c, s) for c, s in cats.items() if s >= thr.get(c, OFF)), key=lambda p: -p[1]))
        return out


def model_input(norms: Iterable[str]) -> str:
    """The model reads lemma norms, lower-case, digits kept ("leave review get free gift")."""
    return " ".join(n for n in norms if n.strip())


# --------------------------------------------------------------------------------------- #
# Training (``cardwise train``): plain functions over labelled corpora.

@dataclass(frozen=True)
class TrainingSentence:
    text: str                  # the model input (lemma norms)
    cats: frozenset[str]       # model categories of the labelled spans over the sentence
    group: str                 # the corpus file it came from (for leave-one-set-out)
    item: str                  # the item id
    clean_item: bool           # the item has no labels at all


def sentences_of_items(checker: Any, items: Sequence[dict], group: str, lang: str) -> list[TrainingSentence]:
    """Sentence examples from labelled cards. A sentence's categories are those of the gold
    spans that overlap it; a card without spans counts only when it is clean (every sentence
    negative) or a single sentence (the card's labels are the sentence's)."""
    out: list[TrainingSentence] = []
    for d in items:
        labels = set(d.get("labels") or []) & set(MODEL_CATEGORIES)
        spans = d.get("spans") or []
        sents = [s for s in checker.sentence_norms(d["text"]) if s[2] == lang]
        if not sents:
            continue
        if not spans and labels and len(sents) > 1:
            continue  # which sentence carries the label is unknown
        for a, b, _lg, norms in sents:
            if spans:
                cats = {sp["category"] for sp in spans
                        if sp["category"] in MODEL_CATEGORIES and sp["start"] < b and a < sp["end"]}
            else:
                cats = labels
            text = model_input(norms)
            if text:
                out.append(TrainingSentence(text, frozenset(cats), group, str(d["id"]), not d.get("labels")))
    return out


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def train_model(examples: Sequence[TrainingSentence], lang: str, *, seed: int = 0, epochs: int = 12,
                categories: Sequence[str] = MODEL_CATEGORIES, progress: Callable[[str], None] | None = None) -> Any:
    """A spaCy pipeline with a trained ``textcat_multilabel`` (bag of uni- and bigrams).
    Deterministic for a given seed and example order."""
    import spacy
    from spacy.training import Example
    from spacy.util import fix_random_seed, minibatch

    if not examples:
        raise ModelError("no training sentences: the corpora hold no labelled text in this language")
    fix_random_seed(seed)
    nlp = spacy.blank("xx")  # the input is already lemma norms separated by spaces
    config = {"threshold": 0.5, "model": {
        "@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": False, "ngram_size": 2,
        "no_output_layer": False, "length": 262144,
    }}
    tc = nlp.add_pipe("textcat_multilabel", config=config)
    for c in categories:
        tc.add_label(c)
    data = [Example.from_dict(nlp.make_doc(e.text), {"cats": {c: float(c in e.cats) for c in categories}})
            for e in examples]
    optimizer = nlp.initialize(lambda: data)
    rng = random.Random(seed)
    order = list(range(len(data)))
    for epoch in range(epochs):
        rng.shuffle(order)
        losses: dict[str, float] = {}
        for batch in minibatch([data[i] for i in order], size=16):
            nlp.update(batch, sgd=optimizer, losses=losses)
        if progress:
            progress(f"epoch {epoch + 1}/{epochs}: loss {losses.get('textcat_multilabel', 0.0):.3f}")
    return nlp


def choose_thresholds(scored: Sequence[tuple[TrainingSentence, dict[str, float]]], *,
                      min_precision: float = 0.9, max_clean_rate: float = 0.005,
                      categories: Sequence[str] = MODEL_CATEGORIES) -> dict[str, float]:
    """Per category, the lowest threshold (0.5–0.95) whose out-of-fold predictions keep
    precision ≥ ``min_precision`` and fire on at most ``max_clean_rate`` of the sentences of
    clean cards; a category that cannot meet both is switched off (threshold > 1)."""
    clean = [s for e, s in scored if e.clean_item]
    out: dict[str, float] = {}
    for c in categories:
        pick = OFF
        for t in [x / 100 for x in range(50, 96, 5)]:
            tp = sum(1 for e, s in scored if s.get(c, 0) >= t and c in e.cats)
            fp = sum(1 for e, s in scored if s.get(c, 0) >= t and c not in e.cats)
            clean_fp = sum(1 for s in clean if s.get(c, 0) >= t)
            if tp and tp / (tp + fp) >= min_precision and (not clean or clean_fp / len(clean) <= max_clean_rate):
                pick = t
                break
        out[c] = pick
    return out


def cross_validated_scores(examples: Sequence[TrainingSentence], lang: str, *, seed: int, epochs: int,
                           folds: int = 5) -> list[tuple[TrainingSentence, dict[str, float]]]:
    """Out-of-fold scores: items split into ``folds`` by a hash of their id, each fold scored by
    a model trained on the others (thresholds are never chosen on sentences the model saw)."""
    def fold_of(e: TrainingSentence) -> int:
        return int(hashlib.sha256(f"{e.group}:{e.item}".encode()).hexdigest()[:6], 16) % folds

    out: list[tuple[TrainingSentence, dict[str, float]]] = []
    for k in range(folds):
        train = [e for e in examples if fold_of(e) != k]
        test = [e for e in examples if fold_of(e) == k]
        if not train or not test:
            continue
        nlp = train_model(train, lang, seed=seed, epochs=epochs)
        for e, doc in zip(test, nlp.pipe([e.text for e in test])):
            out.append((e, dict(doc.cats)))
    return out


def save_model(nlp: Any, meta: ModelMeta, folder: Path) -> None:
    """Write the model folder atomically enough for a build step: into a sibling temp folder,
    then swap it in place."""
    import shutil

    folder = Path(folder)
    tmp = folder.with_name(folder.name + ".tmp")
    if tmp.exists():
        shutil.rmtree(tmp)
    nlp.to_disk(tmp)
    (tmp / META_FILE).write_text(json.dumps(meta.to_dict(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if folder.exists():
        shutil.rmtree(folder)
    tmp.rename(folder)
