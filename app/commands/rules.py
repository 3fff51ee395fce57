"""``cardwise rules``: list the rules, show one, or regenerate docs/rules.md."""
from __future__ import annotations

import argparse
import json
import sys

from app.exitcodes import ExitCode


def register(sub) -> None:
    p = sub.add_parser("rules", help="list the compliance rules, show one, or regenerate docs/rules.md",
                       description="List the compliance rules active under a profile, explain one rule, "
                                   "or regenerate the rule reference docs/rules.md from the packs.")
    p.add_argument("rule", nargs="?", help="a rule id (CW101) to explain")
    p.add_argument("--profile", default="amazon", help="marketplace profile (default: amazon)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--write-docs", action="store_true", help="regenerate docs/rules.md from the rule packs")
    p.add_argument("--profiles", action="store_true", help="list the marketplace profiles")
    p.add_argument("--lang", default=None,
                   help="a card language (de, fr, …): only the rules that check it, with its examples and rewrite")
    p.set_defaults(func=run)


def _rule_dict(checker, r, lang: str | None = None) -> dict:
    """The rule as JSON; with ``lang``, the examples and rewrite of that card language."""
    loc = r.localized.get(lang or "")
    examples, lookalikes = (loc.examples, loc.lookalikes) if loc else (r.examples, r.lookalikes)
    return {
        "id": r.id, "name": r.name, "title": r.title, "title_zh": r.title_zh, "category": r.category.value,
        "severity": checker.severity_of(r).value, "default_severity": r.severity.value,
        "status": r.status, "kind": r.kind, "language": r.lang, "profiles": list(r.profiles or []),
        "description": r.description, "message": r.message, "message_zh": r.message_zh,
        "suggestion": r.suggestion_for(lang), "source": r.source.to_dict() if r.source else None,
        "examples": [e.text for e in examples], "lookalikes": list(lookalikes),
        "languages": sorted(r.langs) if r.frame else ([r.lang] if r.lang != "*" else ["*"]),
    }


def _runs_in(r, lang: str) -> bool:
    if r.frame:
        return lang in (r.langs or ())
    return r.lang in ("*", lang)


def run(args: argparse.Namespace) -> int:
    from checks import Checker, ChecksError, available_profiles

    try:
        if args.write_docs:
            from app.export.preflight import reference_rows
            from checks.docgen import write_rules_md

            for path in write_rules_md(reference_rows()):
                print(f"wrote {path}")
            return int(ExitCode.OK)
        if args.profiles:
            from checks import load_rules

            for name in available_profiles():
                p = load_rules().profiles[name]
                print(f"{name:<10} {p.title}: {p.description}")
            return int(ExitCode.OK)
        checker = Checker(profile=args.profile)
        lang = args.lang
        if lang is not None and lang not in checker.ruleset.packs:
            print(f"cardwise rules: no rule pack for language '{lang}' "
                  f"(packs: {', '.join(sorted(checker.ruleset.packs))})", file=sys.stderr)
            return int(ExitCode.USAGE)
        if args.rule:
            r = checker.rule(args.rule.upper())
            d = _rule_dict(checker, r, lang)
            if args.format == "json":
                print(json.dumps(d, indent=2, ensure_ascii=False))
            else:
                print(f"{r.id} {r.title} · {r.title_zh}")
                print(f"{r.name} ({d['category']}, {d['severity']} under {args.profile}, {r.status})")
                print(f"\n{r.description or r.message}\n\nWhy: {r.message}\n为什么：{r.message_zh}")
                if lang and not _runs_in(r, lang):
                    print(f"(does not run on {lang} cards: its pack lacks a concept this rule needs)")
                for e in d["examples"]:
                    print(f"Example: {e}")
                if d["suggestion"]:
                    print(f"Use instead: {d['suggestion']}")
                if r.source:
                    print(f"Source: {r.source.title} {r.source.url}")
            return int(ExitCode.OK)
        rules = [r for r in checker.rules if lang is None or _runs_in(r, lang)]
        if args.format == "json":
            print(json.dumps([_rule_dict(checker, r, lang) for r in rules], indent=2, ensure_ascii=False))
        else:
            width = max((len(r.title) for r in rules), default=0)
            for r in rules:
                print(f"{r.id}  {checker.severity_of(r).value:<7}  {r.title:<{width}}  {r.name}")
        return int(ExitCode.OK)
    except ChecksError as exc:
        print(f"cardwise rules: {exc}", file=sys.stderr)
        return int(ExitCode.USAGE)
