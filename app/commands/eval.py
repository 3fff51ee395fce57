"""``cardwise eval CORPUS.jsonl``: precision, recall and F1 of the checker per category.

The primary figure is text level (does the text carry the category?); span-overlap figures
follow. A stable hash of each item id puts about 25 % of the items in ``holdout``; rules are
tuned on ``dev`` only, and ``--show-failures`` lists dev items only.
"""
from __future__ import annotations

import argparse
import json
import sys

from app.exitcodes import ExitCode


def register(sub) -> None:
    p = sub.add_parser(
        "eval", help="measure the checker on a labelled corpus (per-category precision/recall/F1)",
        description="Measure the compliance checker on a JSONL corpus shaped like dev_corpus.jsonl: "
                    "per-category precision, recall and F1 (text level and span overlap), macro-F1, and "
                    "the share of clean texts that got an error finding.")
    p.add_argument("corpus", metavar="CORPUS.jsonl", nargs="+",
                   help="one or more labelled corpora; with several, --per-set is implied")
    p.add_argument("--split", choices=("dev", "holdout", "all"), default="all",
                   help="which items: dev (~75%%), holdout (~25%%, by a stable hash of the id) or all (default)")
    p.add_argument("--lang", default=None, help="only items in this language (e.g. en); default: all")
    p.add_argument("--profile", default="amazon", help="marketplace profile (default: amazon)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--show-failures", "--failures", action="store_true",
                   help="list the dev items the checker got wrong (holdout texts are never shown)")
    p.add_argument("--no-model", action="store_true",
                   help="the rules alone: leave the trained second stage out (the 'rules' rows of docs/accuracy.md)")
    p.add_argument("--no-encoder", action="store_true",
                   help="leave out the sentence-encoder stage (the rules and the bag-of-words stage only)")
    p.add_argument("--per-set", action="store_true",
                   help="one Markdown table row per corpus file and language (the 'now' column of docs/accuracy.md)")
    p.set_defaults(func=run)


def _per_set(checker, paths: list[str], split: str, lang: str | None) -> list[str]:
    from checks.evaluate import evaluate, load_corpus, select_items

    rows = ["| set | language | items | clean | macro-F1 | span macro-F1 | clean cards with an error |",
            "|---|---|---|---|---|---|---|"]
    for path in paths:
        items = select_items(load_corpus(path), split, lang)
        langs = sorted({d.get("lang") or "en" for d in items})
        groups = [(lg, [d for d in items if (d.get("lang") or "en") == lg]) for lg in langs]
        if len(groups) > 1:
            groups.append(("all", items))
        name = path.rsplit("/", 1)[-1] + ("" if split == "all" else f" ({split})")
        for lg, sub in groups:
            # checked as a user would: the language of each paragraph detected, not told
            rep = evaluate(checker, sub, split=split)
            rows.append(f"| {name} | {lg} | {rep.n_items} | {rep.n_clean} | {rep.macro_f1:.3f} | "
                        f"{rep.span_macro_f1:.3f} | {rep.clean_with_error}/{rep.n_clean} ({rep.clean_error_rate:.1%}) |")
    return rows


def run(args: argparse.Namespace) -> int:
    from checks import Checker, ChecksError
    from checks.evaluate import evaluate, failures, load_corpus, select_items

    try:
        checker = Checker(profile=args.profile, second_stage=False if args.no_model else None,
                          encoder=False if args.no_encoder or args.no_model else None)
        if args.per_set or len(args.corpus) > 1:
            print("\n".join(_per_set(checker, args.corpus, args.split, args.lang)))
            return int(ExitCode.OK)
        corpus = args.corpus[0]
        items = select_items(load_corpus(corpus), args.split, args.lang)
    except ChecksError as exc:
        print(f"cardwise eval: {exc}", file=sys.stderr)
        return int(ExitCode.USAGE)
    if not items:
        print(f"cardwise eval: no items in {corpus} for split={args.split} lang={args.lang or 'all'}",
              file=sys.stderr)
        return int(ExitCode.USAGE)
    report = evaluate(checker, items, split=args.split, lang=args.lang)
    parts = {}
    if args.split == "all":  # report the dev and holdout figures side by side
        from checks.evaluate import split_of

        for name in ("dev", "holdout"):
            sub = [d for d in items if split_of(d["id"]) == name]
            if sub:
                parts[name] = evaluate(checker, sub, split=name, lang=args.lang)
    if args.format == "json":
        out = report.to_dict()
        if parts:
            out["splits"] = {k: v.to_dict() for k, v in parts.items()}
        print(json.dumps(out, indent=2, ensure_ascii=False))
    else:
        print(report.to_text())
        if parts:
            print("\nBy split:")
            for name, rep in parts.items():
                print(f"  {name:<8} items {rep.n_items:>4}   macro-F1 {rep.macro_f1:.3f}   span macro-F1 "
                      f"{rep.span_macro_f1:.3f}   clean with error {rep.clean_with_error}/{rep.n_clean}")
    if args.show_failures:
        lines = failures(report, items)
        print("\nDev items with a wrong category set:" if lines else "\nNo dev item wrong.")
        for line in lines:
            print(line)
    return int(ExitCode.OK)
