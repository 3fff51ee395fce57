"""``cardwise train CORPUS.jsonl …``: rebuild the trained second stage from labelled cards.

One model per card language (``--lang all``: every language the corpora hold that has a rule
pack), because the model reads each language's lemma norms and the languages share almost no
features; each model is a bag of uni- and bigrams of about 2 MB.

Reproducible: a fixed seed, the corpora's SHA-256 and the command are written into each
model's ``cardwise.json``. Corpora named with ``--dev`` give only their ``dev`` split (about
75 %, by a stable hash of the item id), so their ``holdout`` stays unseen; the other corpora
are trained on in full. Thresholds per category come from out-of-fold predictions (5 folds
by card), never from sentences the model saw (``checks.second_stage.choose_thresholds``).
Corpora named with ``--partial`` are checked for one category per card (the tuners'
paraphrases): their labels teach positives, their other categories stay out of the loss, and
they are not used to choose thresholds (``checks.second_stage.sentences_of_partial_items``).

``--loso`` measures instead of writing: each corpus matching ``--leave-out`` is left out in
turn, a model is trained on the rest of its language's data (thresholds again out-of-fold)
and that corpus is scored with the rules alone and with rules plus model; each ``--dev``
corpus's holdout is scored the same way by a model trained on everything else. This prints
the leave-one-set-out table of docs/accuracy.md.
"""
from __future__ import annotations

import argparse
import fnmatch
import shlex
import sys
from dataclasses import dataclass, field
from pathlib import Path

from app.exitcodes import ExitCode


#: epochs of the bag-of-words stage (spaCy minibatches) and of the encoder head (full-batch Adam)
BOW_EPOCHS = 8
ENCODER_EPOCHS = 200


def register(sub) -> None:
    p = sub.add_parser(
        "train", help="rebuild the trained second stage from labelled corpora",
        description="Train the second-stage text classifier (spaCy textcat_multilabel, one per card language) "
                    "on labelled JSONL corpora and write it to resources/models/textcat-<lang>/.")
    p.add_argument("corpus", metavar="CORPUS.jsonl", nargs="*", help="corpora trained on in full")
    p.add_argument("--dev", metavar="CORPUS.jsonl", action="append", default=[],
                   help="a corpus of which only the dev split is trained on (its holdout stays unseen); repeatable")
    p.add_argument("--partial", metavar="CORPUS.jsonl", action="append", default=[],
                   help="a corpus whose labels are partial (one category checked per card): its labels teach "
                        "positives, its other categories are left out of the loss, and it is not used to "
                        "choose thresholds; repeatable")
    p.add_argument("--lang", default="en",
                   help="the card language(s) to train, comma-separated, or 'all' (default: en)")
    p.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    p.add_argument("--epochs", type=int, default=None,
                   help=f"training epochs (default: {BOW_EPOCHS}; with --encoder {ENCODER_EPOCHS})")
    p.add_argument("--out", default=None,
                   help="model folder for one language; for several, the folder that gets textcat-<lang>/ "
                        "(default: resources/models)")
    p.add_argument("--enable", action="store_true",
                   help="mark the model enabled (use it only when leave-one-set-out showed it helps)")
    p.add_argument("--anchors", metavar="ANCHORS.jsonl", default=None,
                   help="compliant sentences ({lang, text} per line) no model category may fire on: a "
                        "category's threshold is raised above its highest anchor score, or switched off")
    p.add_argument("--encoder", action="store_true",
                   help="train the sentence-encoder stage's head instead (one for every language in --lang; "
                        "written to resources/models/encoder/ or --out)")
    p.add_argument("--negatives", metavar="CLEAN.jsonl", action="append", default=[],
                   help="with --encoder: compliant cards ({lang, text} per line, e.g. the hard negatives): every "
                        "sentence a negative for every category; not used to choose thresholds; repeatable")
    p.add_argument("--hidden", type=int, default=256, help="with --encoder: hidden units of the head (default: 256)")
    p.add_argument("--vectors", metavar="FILE.npz",
                   help="with --encoder: sentence vectors kept between runs (default: encoder-vectors.npz in "
                        "Cardwise's cache folder); a retrain encodes only the sentences not in it")
    p.add_argument("--no-vectors", action="store_true",
                   help="with --encoder: encode every sentence, read and write no vector file")
    p.add_argument("--loso", action="store_true",
                   help="leave-one-set-out figures with and without the model; writes nothing")
    p.add_argument("--leave-out", default="*", metavar="PATTERN",
                   help="with --loso: the corpora (file-name pattern) left out in turn (default: all)")
    p.set_defaults(func=run)


@dataclass
class _Corpus:
    path: Path
    items: list
    dev_only: bool
    train_items: list = field(default_factory=list)
    partial: bool = False


def _load(args) -> list[_Corpus]:
    from checks.evaluate import load_corpus, select_items

    out = []
    for p, dev in [(p, False) for p in args.corpus] + [(p, True) for p in args.dev]:
        items = load_corpus(p)
        out.append(_Corpus(Path(p), items, dev, select_items(items, "dev") if dev else items))
    for p in args.partial:
        items = load_corpus(p)
        out.append(_Corpus(Path(p), items, False, items, partial=True))
    if not out:
        raise _Usage("no corpus given")
    return out


class _Usage(Exception):
    pass


def _anchors(path: str) -> dict[str, list[str]]:
    """Compliant texts per language from a JSONL file of {"lang", "text"} objects."""
    import json

    out: dict[str, list[str]] = {}
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise _Usage(f"{path}: cannot read the anchors ({exc.strerror or exc})") from None
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
            out.setdefault(str(d.get("lang") or "en"), []).append(str(d["text"]))
        except (ValueError, KeyError, TypeError, AttributeError):
            raise _Usage(f"{path}:{n}: not a {{\"lang\", \"text\"}} object") from None
    return out


def _languages(arg: str, corpora: list[_Corpus], checker) -> list[str]:
    if arg == "all":
        have = {d.get("lang", "en") for c in corpora for d in c.items}
        return [lg for lg in checker.ruleset.packs if lg in have]
    langs = [x.strip() for x in arg.split(",") if x.strip()]
    unknown = [lg for lg in langs if lg not in checker.ruleset.packs]
    if unknown:
        raise _Usage(f"no rule pack for language(s) {', '.join(unknown)}")
    return langs


def _error_categories(checker) -> set[str]:
    from checks.findings import Severity

    return {r.category.value for r in checker.rules if r.uses_model and checker.severity_of(r) is Severity.ERROR}


class _Data:
    """Training sentences and rule-scored cards per (corpus, language), built once."""

    def __init__(self, checker, corpora: list[_Corpus], anchors: dict[str, list[str]] | None = None) -> None:
        self.checker = checker
        self.corpora = corpora
        self.anchors = anchors or {}   # language -> compliant texts no category may fire on
        self._ex: dict = {}
        self._cards: dict = {}

    def examples(self, c: _Corpus, lang: str):
        from checks.second_stage import sentences_of_items, sentences_of_partial_items

        key = (c.path, lang)
        if key not in self._ex:
            read = sentences_of_partial_items if c.partial else sentences_of_items
            self._ex[key] = read(self.checker, c.train_items, c.path.name, lang)
        return self._ex[key]

    def cards(self, c: _Corpus, lang: str):
        from checks.second_stage import cards_of_items

        key = (c.path, lang)
        if c.partial:
            return []  # partial labels would count the unchecked categories as false positives
        if key not in self._cards:
            self._cards[key] = cards_of_items(self.checker, c.train_items, c.path.name, lang)
        return self._cards[key]


def _trained_on(corpora: list[_Corpus], negatives: dict[str, list], anchors: str | None,
                n_anchors: int) -> list[dict]:
    """What a model's description records it was trained on: each file, its SHA-256, how many
    items it gave and in which role."""
    from checks.second_stage import file_digest

    row = lambda path, items, split: {"file": Path(path).name, "sha256": file_digest(Path(path)),
                                      "items": items, "split": split}
    return ([row(c.path, len(c.train_items), "dev" if c.dev_only else "partial" if c.partial else "all")
             for c in corpora]
            + [row(p, len(items), "negatives") for p, items in negatives.items()]
            + ([row(anchors, n_anchors, "anchors")] if anchors else []))


def _fit(data: _Data, corpora: list[_Corpus], lang: str, args, progress=None):
    """(model, thresholds, sentences) trained on ``corpora``'s training items in ``lang``."""
    from checks import second_stage as ss

    examples = [e for c in corpora for e in data.examples(c, lang)]
    cards = [k for c in corpora for k in data.cards(c, lang)]
    oof = ss.out_of_fold_scores(examples, cards, lang, seed=args.seed, epochs=args.epochs or BOW_EPOCHS)
    thresholds = ss.choose_thresholds(cards, oof, _error_categories(data.checker))
    nlp = ss.train_model(examples, lang, seed=args.seed, epochs=args.epochs or BOW_EPOCHS, progress=progress)
    anchors = data.anchors.get(lang, [])
    if anchors:
        thresholds = ss.respect_anchors(thresholds, ss.score_inputs(nlp, ss.anchor_inputs(data.checker, anchors, lang)))
    return nlp, thresholds, examples


def run(args: argparse.Namespace) -> int:
    from checks import Checker, ChecksError
    from checks import second_stage as ss

    try:
        corpora = _load(args)
        rules_only = Checker(second_stage=False)
        langs = _languages(args.lang, corpora, rules_only)
        anchors = _anchors(args.anchors) if args.anchors else {}
        if args.encoder:
            if args.loso:
                raise _Usage("--loso measures the bag-of-words stage; score the encoder with cardwise eval")
            return _train_encoder(args, corpora, anchors, rules_only, langs)
        data = _Data(rules_only, corpora, anchors)
        if args.loso:
            return _loso(args, data, langs)
        root = Path(args.out) if args.out else ss.models_dir()
        for lang in langs:
            print(f"cardwise train: {lang}", file=sys.stderr)
            nlp, thresholds, examples = _fit(data, corpora, lang, args,
                                             progress=lambda m: print(f"  {m}", file=sys.stderr))
            out = root if (args.out and len(langs) == 1) else ss.model_path(lang, root)
            meta = ss.ModelMeta(
                lang=lang, categories=ss.MODEL_CATEGORIES, thresholds=thresholds, enabled=args.enable,
                seed=args.seed, epochs=args.epochs or BOW_EPOCHS, sentences=len(examples),
                trained_on=_trained_on(corpora, {}, args.anchors, len(anchors.get(lang, []))),
                command="cardwise train " + " ".join(shlex.quote(a) for a in sys.argv[2:]),
            )
            ss.save_model(nlp, meta, out)
            print(f"wrote {out} ({len(examples)} sentences, "
                  f"{sum(1 for e in examples if e.cats)} with a category)")
            for c, t in thresholds.items():
                print(f"  {c:<24} threshold {'off' if t > 1 else f'{t:.2f}'}")
    except _Usage as exc:
        print(f"cardwise train: {exc}", file=sys.stderr)
        return int(ExitCode.USAGE)
    except ChecksError as exc:
        print(f"cardwise train: {exc}", file=sys.stderr)
        return int(ExitCode.USAGE)
    return int(ExitCode.OK)


def _train_encoder(args, corpora: list[_Corpus], anchors: dict[str, list[str]], rules_only, langs: list[str]) -> int:
    """One head over every language: the encoder puts the six card languages into one space,
    so each language's cards teach the others. Thresholds from out-of-fold scores (5 folds by
    card) as for the bag-of-words stage, then raised above every compliant anchor."""
    from checks import encoder_stage as es
    from checks import second_stage as ss

    say = lambda m: print(f"  {m}", file=sys.stderr)
    epochs = args.epochs or ENCODER_EPOCHS
    print(f"cardwise train --encoder: {', '.join(langs)}", file=sys.stderr)
    cards = [ec for c in corpora for ec in es.encoder_cards(rules_only, c.train_items, c.path.name, langs,
                                                            partial=c.partial)]
    negatives = {}
    for path in args.negatives:
        negatives[path] = [{"id": str(i), "text": t, "labels": []}
                           for i, t in enumerate(t for texts in _anchors(path).values() for t in texts)]
        cards += [es.EncoderCard(ec.card, ec.cats, ec.known, for_thresholds=False)
                  for ec in es.encoder_cards(rules_only, negatives[path], Path(path).name, langs)]
    anchor_texts = [t for lg in langs for t in anchors.get(lg, [])]
    anchor_sents = [text[a:b] for text in anchor_texts for a, b, lg, _n in rules_only.sentence_norms(text) if lg in langs]
    store = None if args.no_vectors else (es.VectorStore(Path(args.vectors)) if args.vectors
                                          else es.default_vector_store()).load()
    vectors = es.encode_all([t for ec in cards for t in ec.card.inputs] + anchor_sents, progress=say, store=store)
    scored = [ec for ec in cards if ec.for_thresholds]
    oof: dict[str, list[dict[str, float]]] = {}
    for k in range(5):
        head = es.train_head(es.training_set([ec for ec in cards if ss.fold_of(ec.card.key, 5) != k], vectors),
                             seed=args.seed, epochs=epochs, hidden=args.hidden)
        for ec in scored:
            if ss.fold_of(ec.card.key, 5) == k:
                oof[ec.card.key] = es.head_scores(head, ec.card.inputs, vectors)
        say(f"fold {k + 1}/5 done")
    thresholds = ss.choose_thresholds([ec.card for ec in scored], [oof[ec.card.key] for ec in scored],
                                      _error_categories(rules_only))
    data = es.training_set(cards, vectors)
    head = es.train_head(data, seed=args.seed, epochs=epochs, hidden=args.hidden, progress=say)
    if anchor_sents:
        thresholds = ss.respect_anchors(thresholds, es.head_scores(head, anchor_sents, vectors))
    out = Path(args.out) if args.out else es.encoder_path()
    meta = es.EncoderMeta(
        categories=ss.MODEL_CATEGORIES, thresholds=thresholds, languages=tuple(langs), enabled=args.enable,
        seed=args.seed, epochs=epochs, hidden=args.hidden, sentences=len(data.x),
        trained_on=_trained_on(corpora, negatives, args.anchors, len(anchor_texts)),
        command="cardwise train " + " ".join(shlex.quote(a) for a in sys.argv[2:]),
    )
    es.save_head(head, meta, out)
    print(f"wrote {out} ({len(data.x)} sentences, {int((data.y.sum(1) > 0).sum())} with a category)")
    for c, t in thresholds.items():
        print(f"  {c:<24} threshold {'off' if t > 1 else f'{t:.2f}'}")
    return int(ExitCode.OK)


def _row(name: str, items: list, rules_only, stage, lang: str, thresholds: dict) -> tuple[str, bool, bool]:
    """One table row: the held-out items scored by the rules alone and with the model; whether
    the model raised macro-F1; whether it added clean-card errors past 2 %."""
    from checks import Checker
    from checks.evaluate import evaluate

    with_model = Checker(second_stage={lang: stage})
    a = evaluate(rules_only, items)
    b = evaluate(with_model, items)
    right = wrong = 0
    for x, y in zip(a.items, b.items):
        new = y.predicted - x.predicted
        right += len(new & x.labels)
        wrong += len(new - x.labels)
    on = ", ".join(c.split("-", 1)[-1] if c.startswith("review-") else c
                   for c, t in thresholds.items() if t <= 1) or "none"
    rate = lambda r: f"{r.clean_with_error}/{r.n_clean}" + (f" ({r.clean_error_rate:.1%})" if r.n_clean else "")
    line = (f"| {name} | {lang} | {len(items)} | {a.macro_f1:.3f} | {rate(a)} | {b.macro_f1:.3f} | {rate(b)} "
            f"| +{right} / +{wrong} | {on} |")
    # the model's fault: it gave clean cards an error beyond the rules', past 2 %
    return line, b.macro_f1 > a.macro_f1 + 1e-9, b.clean_with_error > a.clean_with_error and b.clean_error_rate > 0.02


def _loso(args, data: _Data, langs: list[str]) -> int:
    from checks import second_stage as ss
    from checks.evaluate import select_items

    print("| held-out set | lang | items | rules: macro-F1 | rules: clean with error | rules + model: macro-F1 "
          "| rules + model: clean with error | model added right / wrong | categories on |")
    print("|---|---|---|---|---|---|---|---|---|")
    raised = over = total = 0
    keep = []  # stages stay alive while the checker's score cache may hold their id
    for lang in langs:
        for c in data.corpora:
            if c.dev_only or c.partial or not fnmatch.fnmatch(c.path.name, args.leave_out):
                continue
            items = [d for d in c.items if d.get("lang", "en") == lang]
            if not items:
                continue
            others = [o for o in data.corpora if o is not c]
            nlp, thr, _ = _fit(data, others, lang, args)
            stage = ss.SecondStage(c.path, ss.ModelMeta(lang, ss.MODEL_CATEGORIES, thr), nlp)
            keep.append(stage)
            line, up, worse = _row(c.path.name, items, data.checker, stage, lang, thr)
            raised += up
            over += worse
            total += 1
            print(line, flush=True)
        devs = [c for c in data.corpora if c.dev_only and any(d.get("lang", "en") == lang for d in c.items)]
        if devs:
            nlp, thr, _ = _fit(data, data.corpora, lang, args)
            stage = ss.SecondStage(devs[0].path, ss.ModelMeta(lang, ss.MODEL_CATEGORIES, thr), nlp)
            keep.append(stage)
            for c in devs:
                items = select_items(c.items, "holdout", lang=lang)
                if items:
                    print(_row(f"{c.path.name} holdout", items, data.checker, stage, lang, thr)[0], flush=True)
    print(f"\nleft-out sets where rules + model raised macro-F1: {raised}/{total}; "
          f"where the model pushed clean cards with an error above 2 %: {over}/{total}")
    return int(ExitCode.OK)
