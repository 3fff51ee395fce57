"""``cardwise train CORPUS.jsonl …``: rebuild the trained second stage from labelled cards.

Reproducible: a fixed seed, the corpora's SHA-256 and the command are written into the
model's ``cardwise.json``. Only the ``dev`` split of each corpus (about 75 %, by a stable
hash of the item id) is trained on, so every ``holdout`` stays unseen. Thresholds per
category come from out-of-fold predictions (5 folds), never from sentences the model saw.

``--loso`` measures instead of writing: for each corpus, a model trained on the others' dev
items, and that corpus scored with the rules alone and with rules plus model (the
leave-one-set-out rows of docs/accuracy.md).
"""
from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

from app.exitcodes import ExitCode


def register(sub) -> None:
    p = sub.add_parser(
        "train", help="rebuild the trained second stage from labelled corpora",
        description="Train the second-stage text classifier (spaCy textcat_multilabel) on the dev split "
                    "of labelled JSONL corpora and write it to resources/models/textcat-<lang>/.")
    p.add_argument("corpus", metavar="CORPUS.jsonl", nargs="+")
    p.add_argument("--lang", default="en", help="the card language the model reads (default: en)")
    p.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    p.add_argument("--epochs", type=int, default=12, help="training epochs (default: 12)")
    p.add_argument("--out", default=None, help="model folder (default: resources/models/textcat-<lang>)")
    p.add_argument("--enable", action="store_true",
                   help="mark the model enabled (use it only when it raised the blind-first score)")
    p.add_argument("--loso", action="store_true",
                   help="leave-one-set-out figures with and without the model; writes nothing")
    p.set_defaults(func=run)


def _load(paths: list[str]):
    from checks.evaluate import load_corpus

    return [(Path(p), load_corpus(p)) for p in paths]


def _examples(checker, corpora, lang: str, split: str = "dev"):
    from checks.evaluate import select_items
    from checks.second_stage import sentences_of_items

    out = []
    for path, items in corpora:
        out += sentences_of_items(checker, select_items(items, split), path.name, lang)
    return out


def run(args: argparse.Namespace) -> int:
    from checks import Checker, ChecksError
    from checks import second_stage as ss

    try:
        corpora = _load(args.corpus)
        rules_only = Checker(second_stage=False)
        if args.loso:
            return _loso(args, corpora, rules_only)
        examples = _examples(rules_only, corpora, args.lang)
        print(f"cardwise train: {len(examples)} {args.lang} sentences from {len(corpora)} corpora "
              f"({sum(1 for e in examples if e.cats)} with a category)", file=sys.stderr)
        scored = ss.cross_validated_scores(examples, args.lang, seed=args.seed, epochs=args.epochs)
        thresholds = ss.choose_thresholds(scored)
        nlp = ss.train_model(examples, args.lang, seed=args.seed, epochs=args.epochs,
                             progress=lambda m: print(f"  {m}", file=sys.stderr))
    except ChecksError as exc:
        print(f"cardwise train: {exc}", file=sys.stderr)
        return int(ExitCode.USAGE)
    out = Path(args.out) if args.out else ss.model_path(args.lang)
    meta = ss.ModelMeta(
        lang=args.lang, categories=ss.MODEL_CATEGORIES, thresholds=thresholds, enabled=args.enable,
        seed=args.seed, epochs=args.epochs, sentences=len(examples),
        trained_on=[{"file": p.name, "sha256": ss.file_digest(p), "items": len(items)} for p, items in corpora],
        command="cardwise train " + " ".join(shlex.quote(a) for a in sys.argv[2:]),
    )
    ss.save_model(nlp, meta, out)
    print(f"wrote {out}")
    for c, t in thresholds.items():
        print(f"  {c:<24} threshold {'off' if t > 1 else f'{t:.2f}'}")
    return int(ExitCode.OK)


def _loso(args, corpora, rules_only) -> int:
    from checks import Checker
    from checks import second_stage as ss
    from checks.evaluate import evaluate

    print("| held-out set | items | rules alone: macro-F1 | clean with error | rules + model: macro-F1 | clean with error |")
    print("|---|---|---|---|---|---|")
    for i, (path, items) in enumerate(corpora):
        others = [c for j, c in enumerate(corpora) if j != i]
        examples = _examples(rules_only, others, args.lang)
        scored = ss.cross_validated_scores(examples, args.lang, seed=args.seed, epochs=args.epochs)
        nlp = ss.train_model(examples, args.lang, seed=args.seed, epochs=args.epochs)
        stage = ss.SecondStage(path, ss.ModelMeta(args.lang, ss.MODEL_CATEGORIES, ss.choose_thresholds(scored)), nlp)
        with_model = Checker(second_stage={args.lang: stage})
        a = evaluate(rules_only, items)
        b = evaluate(with_model, items)
        print(f"| {path.name} | {len(items)} | {a.macro_f1:.3f} | {a.clean_with_error}/{a.n_clean} | "
              f"{b.macro_f1:.3f} | {b.clean_with_error}/{b.n_clean} |", flush=True)
    return int(ExitCode.OK)
