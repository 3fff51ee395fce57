"""``cardwise new``: start a card from a template.

    cardwise new --list
    cardwise new --template thank-you -o card.cardwise [--force]

Templates live in ``resources/templates`` (``app.model.templates``). The new file is
written atomically and an existing file is never overwritten without ``--force``.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from app.errors import CardwiseError
from app.exitcodes import ExitCode


def register(sub: Any) -> None:
    p = sub.add_parser("new", help="start a new card from a template",
                       description="Create a .cardwise card from a template (list them with --list).")
    p.add_argument("--template", "-t", metavar="NAME", help="template id, e.g. thank-you (see --list)")
    p.add_argument("-o", "--output", metavar="CARD.cardwise", help="the file to create")
    p.add_argument("--list", action="store_true", help="list the templates and exit")
    p.add_argument("--force", action="store_true", help="overwrite an existing file")
    p.set_defaults(func=run)


def _templates() -> Any:
    from app.model import templates

    return templates


def _size_label(size: Any) -> str:
    if isinstance(size, str):
        return size
    try:
        w, h = size
        return f"{w / 72 * 25.4:.0f} × {h / 72 * 25.4:.0f} mm"
    except (TypeError, ValueError):
        return str(size)


def run(args: argparse.Namespace) -> int:
    out, err = sys.stdout, sys.stderr
    try:
        tpl = _templates()
        entries = list(tpl.list_templates())
        if args.list:
            for entry in entries:
                tid, title, title_zh, size = (tuple(entry) + ("", "", ""))[:4]
                print(f"{tid:14} {title}  ({title_zh})  {_size_label(size)}", file=out)
            return int(ExitCode.OK)
        if not args.template or not args.output:
            print("cardwise new: give --template NAME and -o CARD.cardwise (or --list to see the templates)", file=err)
            return int(ExitCode.USAGE)
        ids = [tuple(e)[0] for e in entries]
        if args.template not in ids:
            print(f"cardwise new: unknown template {args.template!r}; choose one of: {', '.join(ids)}", file=err)
            return int(ExitCode.USAGE)
        target = Path(args.output)
        if target.suffix.lower() != ".cardwise":
            print(f"cardwise new: {target} should end in .cardwise", file=err)
            return int(ExitCode.USAGE)
        if target.exists() and not args.force:
            print(f"cardwise new: {target} already exists; use --force to replace it", file=err)
            return int(ExitCode.USAGE)
        from app.io.project import save

        doc = tpl.new_from_template(args.template)
        save(doc, target)
        print(f"created {target} from the {args.template} template ({doc.spec.describe()}); "
              f"open it with: cardwise {target}", file=out)
        print(f"export it with: cardwise export {target} -o {target.with_suffix('.pdf')}", file=out)
        return int(ExitCode.OK)
    except CardwiseError as exc:
        print(f"cardwise new: {exc}", file=err)
        return int(ExitCode.USAGE)
    except OSError as exc:
        print(f"cardwise new: cannot write {args.output}: {exc.strerror or exc}", file=err)
        return int(ExitCode.USAGE)
