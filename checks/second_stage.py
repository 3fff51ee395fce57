"""The trained second stage: a spaCy text classifier that reads each sentence after the rules.

The rule packs give the span, the explanation and the rewrite; they only catch wording their
concepts foresee. The second stage is a ``textcat_multilabel`` model (bag of lemma n-grams,
``spacy.TextCatBOW.v3``: about 0.05 ms a sentence) trained on the labelled cards in the
repository. Where it scores a sentence at or above its category's threshold, the sentence
gets a hit of the concept ``model`` with that category as its kind (``model/review-incentive``),
and the rules in ``resources/rules/frames/model.yaml`` turn such hits into findings — only
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
#: the pipeline component that holds the classifier
TEXTCAT = "textcat_multilabel"
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
            cats, thr = categories_and_thresholds(d)
            return cls(lang=str(d["lang"]), categories=cats, thresholds=thr, enabled=bool(d.get("enabled")),
                       seed=int(d.get("seed", 0)), epochs=int(d.get("epochs", 0)),
                       trained_on=list(d.get("trained_on") or []), command=str(d.get("command", "")),
                       sentences=int(d.get("sentences", 0)), notes=str(d.get("notes", "")))
        except OSError as exc:
            raise ModelError(f"{path}: cannot be read ({exc.strerror or exc})") from None
        except (ValueError, KeyError, TypeError) as exc:
            raise ModelError(f"{path}: not a Cardwise model description ({exc})") from None


def categories_and_thresholds(d: dict[str, Any]) -> tuple[tuple[str, ...], dict[str, float]]:
    """A model description's categories and their thresholds (ValueError/KeyError/TypeError
    when they are missing or do not agree); shared by both trained stages."""
    cats = tuple(str(c) for c in d["categories"])
    thr = {str(k): float(v) for k, v in d["thresholds"].items()}
    if not cats or set(cats) - set(MODEL_CATEGORIES) or set(thr) != set(cats):
        raise ValueError("categories and thresholds do not agree")
    return cats, thr


class SecondStage:
    """One language's trained classifier, loaded on first use (thread-safe)."""

    def __init__(self, folder: Path, meta: ModelMeta, nlp: Any = None) -> None:
        self.folder = folder
        self.meta = meta
        self._nlp = nlp
        self._lock = threading.Lock()
        self.error: str | None = None
        #: the classifier's forward pass without Docs (:class:`BagOfNgrams`); False: the
        #: model is not laid out as one, it runs through thinc
        self._bow: "BagOfNgrams | bool | None" = None

    @classmethod
    def from_folder(cls, folder: Path) -> "SecondStage":
        return cls(folder, ModelMeta.read(folder))

    def _model(self) -> Any:
        if self._nlp is None:
            with self._lock:
                if self._nlp is None:
                    try:
                        self._nlp = load_pipeline(self.folder)
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
        textcat = nlp.get_pipe(TEXTCAT)
        bow = self._bow
        if bow is None:
            bow = self._bow = BagOfNgrams.of(nlp, textcat.model) or False
        rows = bow.predict(inputs) if bow else None
        if rows is None:
            # the classifier's own forward pass over the batch, without nlp.pipe's
            # per-document generator and annotation work (doc.cats is this array's rows)
            rows = textcat.model.predict([nlp.make_doc(text) for text in inputs])
        labels = textcat.labels
        return [{label: float(row[i]) for i, label in enumerate(labels)} for row in rows.tolist()]

    def over_threshold(self, inputs: Sequence[str]) -> list[list[tuple[str, float]]]:
        """For each input, the (category, score) pairs at or above their thresholds."""
        out = []
        thr = self.meta.thresholds
        for cats in self.scores(inputs):
            out.append(sorted(((c, s) for c, s in cats.items() if s >= thr.get(c, OFF)), key=lambda p: -p[1]))
        return out


_M64 = (1 << 64) - 1
_MUR_M = 0xC6A4A7935BD1E995


def murmur64a(words: Sequence[int], seed: int = 0) -> int:
    """MurmurHash64A (``murmurhash``'s ``hash64``, what thinc's ``ops.ngrams`` hashes an
    n-gram with) of 64-bit words laid out little-endian, as the C code reads them on x86."""
    h = (seed ^ (8 * len(words) * _MUR_M)) & _M64
    for k in words:
        k = (k * _MUR_M) & _M64
        k ^= k >> 47
        k = (k * _MUR_M) & _M64
        h ^= k
        h = (h * _MUR_M) & _M64
    h ^= h >> 47
    h = (h * _MUR_M) & _M64
    return h ^ (h >> 47)


class BagOfNgrams:
    """The forward pass of ``spacy.TextCatBOW`` (``extract_ngrams`` → ``SparseLinear`` →
    ``Logistic``) over model inputs without building a Doc or running thinc's layers, with the
    same float32 arithmetic in the same order, so the scores are the model's to the bit (tests
    compare them with ``predict``).

    While the user types, one sentence changes and most of its words and word pairs were
    seen before: what each costs (the tokenizer's token ids for a word, the hash of an
    n-gram, the weight columns of a key) is remembered, and a sentence costs a few
    dictionary look-ups and one accumulation over its keys. Inputs whose words are not
    separated by single spaces go through :meth:`SecondStage.scores`' thinc path."""

    #: the layout of ``TextCatBOW.v3`` this class computes (``Model.name`` of the whole)
    LAYOUT = "with_cpu(extract_ngrams>>resizable(sparse_linear))>>with_cpu(logistic)"
    _MEMO = 200_000

    def __init__(self, nlp: Any, ngram_size: int, attr: int, W: Any, b: Any, length: int, logistic: Any) -> None:
        import numpy

        self._np = numpy
        self._nlp = nlp
        self._n = ngram_size
        self._attr = attr
        self._W = W            # (nO, length) float32
        self._length = length
        self._logistic = logistic
        self._b_row = b.reshape(1, -1)
        from murmurhash.mrmr import hash_bytes
        from spacy.attrs import ORTH
        from spacy.strings import get_string_id

        self._hash_bytes = hash_bytes
        self._string_id = get_string_id
        self._orth = attr == ORTH
        self._word_ids: dict[str, tuple[int, ...]] = {}
        self._gram: dict[tuple[int, ...], int] = {}
        self._blocks: dict[int, Any] = {}
        self._lock = threading.Lock()

    @classmethod
    def of(cls, nlp: Any, model: Any) -> "BagOfNgrams | None":
        """For a ``TextCatBOW.v3`` classifier on CPU; None for any other layout."""
        import numpy

        if model.name != cls.LAYOUT:
            return None
        layers = {m.name: m for m in model.walk()}
        ng, lin, lg = layers.get("extract_ngrams"), layers.get("sparse_linear"), layers.get("logistic")
        if ng is None or lin is None or lg is None or lin.attrs.get("v1_indexing", True):
            return None
        W, b = lin.get_param("W"), lin.get_param("b")
        if not isinstance(W, numpy.ndarray) or W.dtype != numpy.float32 or b.dtype != numpy.float32:
            return None
        n_out, length = lin.get_dim("nO"), lin.get_dim("length")
        if W.shape != (n_out * length,) or b.shape != (n_out,):
            return None
        return cls(nlp, int(ng.attrs["ngram_size"]), int(ng.attrs["attr"]), W.reshape(n_out, length), b,
                   int(length), lg)

    def _ids(self, word: str) -> tuple[int, ...]:
        """The token ids (the n-gram layer's attribute) of one space-free word, as the
        tokenizer cuts it (it cuts each whitespace-separated piece on its own). A word of
        letters only, or of digits only, is one token to the tokenizer (its prefix, suffix
        and infix rules need a mark, a symbol or a letter beside a digit): its id is the hash
        of its text (or its symbol id: "aux", "number"; tests compare it with the tokenizer's)."""
        ids = self._word_ids.get(word)
        if ids is None:
            if self._orth and (word.isalpha() or word.isdecimal()):
                ids = (self._string_id(word),)
            else:
                doc = self._nlp.make_doc(word)
                ids = tuple(int(x) for x in doc.to_array([self._attr]).tolist())
            if len(self._word_ids) > self._MEMO:
                self._word_ids.clear()
            self._word_ids[word] = ids
        return ids

    def _block(self, key: int) -> Any:
        """The (2, nO) weights a key adds: SparseLinear's two columns for it (MurmurHash3 of
        its 8 bytes with seeds 0 and 1), in the order it adds them."""
        block = self._blocks.get(key)
        if block is None:
            raw = key.to_bytes(8, "little")
            c1 = (self._hash_bytes(raw, 0) & 0xFFFFFFFF) % self._length
            c2 = (self._hash_bytes(raw, 1) & 0xFFFFFFFF) % self._length
            block = self._W[:, [c1, c2]].T.copy()
            if len(self._blocks) > self._MEMO:
                self._blocks.clear()
            self._blocks[key] = block
        return block

    def predict(self, inputs: Sequence[str]) -> Any:
        """The (len(inputs), nO) float32 scores ``model.predict`` gives, or None when an input
        is not words separated by single spaces."""
        np = self._np
        rows = []
        with self._lock:
            word_ids, gram, blocks = self._word_ids, self._gram, self._blocks
            for text in inputs:
                words = text.split(" ")
                if words != text.split():
                    return None
                ids: list[int] = []
                for w in words:
                    t = word_ids.get(w)
                    ids += t if t is not None else self._ids(w)
                keys = list(ids)
                for n in range(2, self._n + 1):
                    for i in range(len(ids) - n + 1):
                        t = tuple(ids[i:i + n])
                        h = gram.get(t)
                        if h is None:
                            if len(gram) > self._MEMO:
                                gram.clear()
                            h = gram[t] = murmur64a(t)
                        keys.append(h)
                counts: dict[int, int] = {}
                for k in keys:
                    counts[k] = counts.get(k, 0) + 1
                # numpy.unique's order (ascending keys); SparseLinear adds, per class, the bias
                # and then key by key its two weights × the key's count, in float32
                parts = [self._b_row]
                for k in sorted(counts):
                    block = blocks.get(k)
                    if block is None:
                        block = self._block(k)
                    c = counts[k]
                    parts.append(block if c == 1 else block * np.float32(c))
                rows.append(np.cumsum(np.concatenate(parts), axis=0, dtype=np.float32)[-1])
        X = np.stack(rows) if rows else np.zeros((0, self._b_row.shape[1]), dtype=np.float32)
        return self._logistic.predict(X)


def load_pipeline(folder: Path) -> Any:
    """The saved classifier, read the way ``spacy.load`` reads it but on a pipeline from
    :func:`checks.nlp.blank`: ``spacy.load`` rebuilds the multi-language tokenizer from scratch
    (compiling its affix expressions and special cases, ~0.07 s a model), which is most of a
    model's load time. The component is built from the folder's own config, so a model trained
    with other settings loads as it was trained; the scores are the same (tests)."""
    from spacy.util import load_config

    from checks.nlp import blank

    config = load_config(Path(folder) / "config.cfg", interpolate=False)
    nlp = blank(config["nlp"]["lang"])
    component = dict(config["components"][TEXTCAT])
    component.pop("factory", None)
    nlp.add_pipe(TEXTCAT, config=component)
    return nlp.from_disk(folder, exclude=["tokenizer"])


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
    known: frozenset[str] | None = None  # categories whose value is known (None: all of them)


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


def sentences_of_partial_items(checker: Any, items: Sequence[dict], group: str, lang: str) -> list[TrainingSentence]:
    """Sentence examples from a corpus whose labels are *partial* (one category checked per
    card, not the full label set), e.g. single-sentence paraphrases. A card's labels are
    positives and its other categories are unknown, so the loss ignores them (spaCy's
    ``textcat_multilabel`` skips categories absent from ``doc.cats``) instead of learning
    them as negatives; a card without labels was written as a clean near-miss and is a
    negative for every category. Only single-sentence cards count (which sentence carries
    the label is otherwise unknown)."""
    out: list[TrainingSentence] = []
    for d in items:
        labels = frozenset(set(d.get("labels") or []) & set(MODEL_CATEGORIES))
        if d.get("labels") and not labels:
            continue  # only categories the model does not learn were checked
        sents = [s for s in checker.sentence_norms(d["text"]) if s[2] == lang]
        if len(sents) != 1:
            continue
        text = model_input(sents[0][3])
        if text:
            out.append(TrainingSentence(text, labels, group, str(d["id"]), not labels,
                                        known=labels if labels else None))
    return out


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


#: hashed feature rows of the bag-of-n-grams layer (2^16 rows x 8 categories ≈ 2 MB a language)
BOW_LENGTH = 1 << 16


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
        "no_output_layer": False, "length": BOW_LENGTH,
    }}
    tc = nlp.add_pipe(TEXTCAT, config=config)
    for c in categories:
        tc.add_label(c)
    data = [Example.from_dict(nlp.make_doc(e.text), {"cats": {c: float(c in e.cats) for c in categories
                                                              if e.known is None or c in e.known}})
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
            progress(f"epoch {epoch + 1}/{epochs}: loss {losses.get(TEXTCAT, 0.0):.3f}")
    return nlp


@dataclass(frozen=True)
class ScoredCard:
    """One labelled card as the checker reads it, for choosing thresholds and for scoring a
    model the way ``checks.evaluate`` does (text level), without re-running the rules."""
    key: str                                  # "<corpus>:<item id>"
    group: str
    labels: frozenset[str]                    # the card's gold categories (empty: a clean card)
    rule_pred: frozenset[str]                 # categories the rules report (error or warning)
    rule_error: bool                          # the rules give it an error finding
    inputs: tuple[str, ...]                   # model input of each sentence in the language
    ruled: tuple[frozenset[str], ...]         # per sentence: categories a rule already reports there


def cards_of_items(checker: Any, items: Sequence[dict], group: str, lang: str) -> list[ScoredCard]:
    """Cards with at least one sentence in ``lang``, with the rules' findings (rules alone)."""
    from checks.evaluate import _counts_predicted
    from checks.findings import COMPLIANCE_CATEGORIES, Severity

    out = []
    for d in items:
        sents = [s for s in checker.sentence_norms(d["text"]) if s[2] == lang]
        if not sents:
            continue
        fs = checker.check(d["text"])
        out.append(ScoredCard(
            key=f"{group}:{d['id']}", group=group, labels=frozenset(d.get("labels") or []),
            rule_pred=frozenset(f.category.value for f in fs if _counts_predicted(f)),
            rule_error=any(f.severity is Severity.ERROR and f.category in COMPLIANCE_CATEGORIES for f in fs),
            inputs=tuple(model_input(n) for _, _, _, n in sents),
            ruled=tuple(frozenset(f.category.value for f in fs if f.start < b and a < f.end)
                        for a, b, _, _ in sents)))
    return out


def model_added(card: ScoredCard, scores: Sequence[dict[str, float]], thresholds: dict[str, float]) -> set[str]:
    """The categories the model adds to a card: a sentence at or over the threshold where no
    rule reports that category (what ``Checker`` keeps of the model's findings)."""
    out = set()
    for sc, ruled in zip(scores, card.ruled):
        out |= {c for c, t in thresholds.items() if sc.get(c, 0.0) >= t and c not in ruled}
    return out


@dataclass
class CardFigures:
    macro_f1: float
    clean_with_error: int
    n_clean: int
    added_right: int = 0      # categories the model added that the card carries
    added_wrong: int = 0      # categories the model added that it does not


def card_figures(cards: Sequence[ScoredCard], scores: Sequence[Sequence[dict[str, float]]],
                 thresholds: dict[str, float], error_categories: Iterable[str]) -> CardFigures:
    """Text-level macro-F1 and clean cards with an error, as ``checks.evaluate`` counts them."""
    from checks.findings import COMPLIANCE_CATEGORIES

    errs = set(error_categories)
    cats = [c.value for c in COMPLIANCE_CATEGORIES]
    tp = dict.fromkeys(cats, 0)
    fp = dict.fromkeys(cats, 0)
    fn = dict.fromkeys(cats, 0)
    n_clean = clean_err = right = wrong = 0
    for card, sc in zip(cards, scores):
        added = model_added(card, sc, thresholds) if thresholds else set()
        new = added - card.rule_pred
        right += len(new & card.labels)
        wrong += len(new - card.labels)
        pred = card.rule_pred | added
        if not card.labels:
            n_clean += 1
            clean_err += bool(card.rule_error or added & errs)
        for c in cats:
            if c in card.labels and c in pred:
                tp[c] += 1
            elif c in pred:
                fp[c] += 1
            elif c in card.labels:
                fn[c] += 1
    present = [c for c in cats if tp[c] + fn[c]]
    f1s = [2 * tp[c] / (2 * tp[c] + fp[c] + fn[c]) for c in present]
    return CardFigures(sum(f1s) / len(f1s) if f1s else 1.0, clean_err, n_clean, right, wrong)


#: the thresholds tried per category (OFF: the category never fires)
THRESHOLD_GRID: tuple[float, ...] = tuple(x / 100 for x in range(30, 100, 5)) + (OFF,)


def choose_thresholds(cards: Sequence[ScoredCard], scores: Sequence[Sequence[dict[str, float]]],
                      error_categories: Iterable[str], *, min_precision: float = 0.95,
                      max_clean_rate: float = 0.01, min_found: int = 3,
                      categories: Sequence[str] = MODEL_CATEGORIES) -> dict[str, float]:
    """Thresholds per category from *out-of-fold* scores of the training cards, judged on the
    model's own predictions (a card counts for a category when one of its sentences scores at
    or over the threshold).

    The rules were written against every training card, so on those cards they miss almost
    nothing and what the model would add to them is no guide; what carries over to new
    wording is how precise the model itself is. Per category: the lowest threshold of
    ``THRESHOLD_GRID`` at which the model finds at least ``min_found`` cards with card-level
    precision ≥ ``min_precision``, else off. Then, while the model alone would give an error
    (a category in ``error_categories``) to more than ``max_clean_rate`` of the clean cards,
    the category with the most clean-card hits moves one step up the grid."""
    errs = set(error_categories)
    grid = sorted(THRESHOLD_GRID)
    best = [{c: max((sc.get(c, 0.0) for sc in s), default=0.0) for c in categories} for s in scores]
    thr: dict[str, float] = {}
    for c in categories:
        thr[c] = OFF
        for t in grid[:-1]:
            tp = sum(1 for k, b in zip(cards, best) if b[c] >= t and c in k.labels)
            fp = sum(1 for k, b in zip(cards, best) if b[c] >= t and c not in k.labels)
            if tp >= min_found and tp / (tp + fp) >= min_precision:
                thr[c] = t
                break
    clean = [b for k, b in zip(cards, best) if not k.labels]
    limit = max_clean_rate * len(clean)
    while True:
        hits = {c: sum(1 for b in clean if b[c] >= thr[c]) for c in categories if c in errs}
        fired = sum(1 for b in clean if any(b[c] >= thr[c] for c in hits))
        if fired <= limit or not any(hits.values()):
            return thr
        worst = max(hits, key=lambda c: hits[c])
        thr[worst] = next((t for t in grid if t > thr[worst]), OFF)


def anchor_inputs(checker: Any, texts: Iterable[str], lang: str) -> list[str]:
    """The model inputs of compliant sentences (``cardwise train --anchors``), read as the
    checker reads a card: each sentence of ``lang`` in each text."""
    out = []
    for text in texts:
        out += [model_input(norms) for _a, _b, lg, norms in checker.sentence_norms(text, lang) if lg == lang]
    return [x for x in out if x]


def respect_anchors(thresholds: dict[str, float], anchor_scores: Sequence[dict[str, float]]) -> dict[str, float]:
    """Thresholds raised so that no compliant anchor sentence reaches one: per category, the
    lowest step of ``THRESHOLD_GRID`` above the highest anchor score (off when there is none).
    The anchors are the wording Cardwise tells sellers is safe (a plain review request, service
    through Amazon's messaging); a model that reads them as a violation is not used for that
    category, however well it scored elsewhere."""
    grid = sorted(THRESHOLD_GRID)
    out = dict(thresholds)
    for c, t in thresholds.items():
        top = max((sc.get(c, 0.0) for sc in anchor_scores), default=0.0)
        if top >= t:
            out[c] = next((g for g in grid if g > top), OFF)
    return out


def fold_of(key: str, folds: int) -> int:
    """A card's fold (stable: a hash of "<corpus>:<item id>")."""
    return int(hashlib.sha256(key.encode("utf-8")).hexdigest()[:6], 16) % folds


def out_of_fold_scores(examples: Sequence[TrainingSentence], cards: Sequence[ScoredCard], lang: str, *,
                       seed: int, epochs: int, folds: int = 5) -> list[list[dict[str, float]]]:
    """Scores of every sentence of ``cards`` by a model that never saw the card: cards are
    split into ``folds`` by :func:`fold_of`, each fold scored by a model trained on the
    sentences of the other folds (thresholds are never chosen on sentences the model saw)."""
    out: list[list[dict[str, float]]] = [[] for _ in cards]
    for k in range(folds):
        train = [e for e in examples if fold_of(f"{e.group}:{e.item}", folds) != k]
        idx = [i for i, c in enumerate(cards) if fold_of(c.key, folds) == k]
        if not train or not idx:
            continue
        nlp = train_model(train, lang, seed=seed, epochs=epochs)
        for i in idx:
            out[i] = score_inputs(nlp, cards[i].inputs)
    return out


def score_inputs(nlp: Any, inputs: Sequence[str]) -> list[dict[str, float]]:
    return [dict(doc.cats) for doc in nlp.pipe(list(inputs))]


def save_model(nlp: Any, meta: ModelMeta, folder: Path) -> None:
    """Write the model folder atomically enough for a build step: into a sibling temp folder,
    then swap it in place."""
    import shutil

    folder = Path(folder)
    tmp = folder.with_name(folder.name + ".tmp")
    if tmp.exists():
        shutil.rmtree(tmp)
    folder.parent.mkdir(parents=True, exist_ok=True)   # `cardwise train --out` a folder not made yet
    nlp.to_disk(tmp)
    (tmp / META_FILE).write_text(json.dumps(meta.to_dict(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if folder.exists():
        shutil.rmtree(folder)
    tmp.rename(folder)
