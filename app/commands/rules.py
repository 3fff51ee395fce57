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
    p.set_defaults(func=run)


def _rule_dict(checker, r) -> dict:
    return {
        "id": r.id, "name": r.name, "category": r.category.value,
        "severity": checker.severity_of(r).value, "default_severity": r.severity.value,
        "status": r.status, "kind": r.kind, "language": r.lang, "profiles": list(r.profiles or []),
        "description": r.description, "message": r.message, "message_zh": r.message_zh,
        "suggestion": r.suggestion, "source": r.source.to_dict() if r.source else None,
        "examples": [e.text for e in r.examples], "lookalikes": list(r.lookalikes),
    }


def run(args: argparse.Namespace) -> int:
    from checks import Checker, ChecksError, available_profiles

    try:
        if args.write_docs:
            from checks.docgen import write_rules_md

            path = write_rules_md()
            print(f"wrote {path}")
            return int(ExitCode.OK)
        if args.profiles:
            from checks import load_rules

            for name in available_profiles():
                p = load_rules().profiles[name]
                print(f"{name:<10} {p.title}: {p.description}")
            return int(ExitCode.OK)
        checker = Checker(profile=args.profile)
        if args.rule:
            r = checker.rule(args.rule.upper())
            d = _rule_dict(checker, r)
            if args.format == "json":
                print(json.dumps(d, indent=2, ensure_ascii=False))
            else:
                print(f"{r.id} {r.name} ({d['category']}, {d['severity']} under {args.profile}, {r.status})")
                print(f"\n{r.description or r.message}\n\nWhy: {r.message}\n为什么：{r.message_zh}")
                for e in r.examples:
                    print(f"Example: {e.text}")
                if r.suggestion:
                    print(f"Use instead: {r.suggestion}")
                if r.source:
                    print(f"Source: {r.source.title} {r.source.url}")
            return int(ExitCode.OK)
        rules = checker.rules
        if args.format == "json":
            print(json.dumps([_rule_dict(checker, r) for r in rules], indent=2, ensure_ascii=False))
        else:
            for r in rules:
                print(f"{r.id}  {checker.severity_of(r).value:<7}  {r.name}")
        return int(ExitCode.OK)
    except ChecksError as exc:
        print(f"cardwise rules: {exc}", file=sys.stderr)
        return int(ExitCode.USAGE)
