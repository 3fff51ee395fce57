"""``cardwise snapshot OUT.png [--template NAME]``: render the designer window offscreen.

The same picture the documentation screenshots use (``app.ui.snapshot``): the designer on a
template, in a throw-away settings folder, drawn without a display and saved as PNG. It is
also the frozen bundle's proof that Qt, its plugins and the designer start (packaging/smoke.py).

The designer is imported by name inside ``run`` so ``cardwise`` and its other commands stay
Qt-free (import-linter contract on ``app.cli``).
"""
from __future__ import annotations

import argparse
import importlib
import os
import sys
from pathlib import Path
from typing import Any

from app.errors import CardwiseError
from app.exitcodes import ExitCode


def register(sub: Any) -> None:
    p = sub.add_parser("snapshot", help="render the designer window offscreen to a PNG",
                       description="Render the designer window on a template offscreen (no display "
                                   "needed) and save it as a PNG.")
    p.add_argument("out", type=Path, metavar="OUT.png", help="the PNG file to write")
    p.add_argument("--template", "-t", default="thank-you", metavar="NAME",
                   help="template id (default: thank-you; `cardwise new --list` shows them)")
    p.add_argument("--side", choices=("front", "back"), default="front", help="card side to show")
    p.add_argument("--select", type=int, default=None, metavar="N", help="select the N-th element (z-order)")
    p.add_argument("--language", default=None, metavar="LANG", help="interface language, e.g. zh_CN")
    p.add_argument("--no-extensions", action="store_true", help="without the live checker")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from app.model import templates

    ids = [t.id for t in templates.list_templates()]
    if args.template not in ids:
        print(f"cardwise snapshot: template {args.template!r} is unknown; choose one of {', '.join(ids)}",
              file=sys.stderr)
        return int(ExitCode.USAGE)
    if args.out.suffix.lower() != ".png":
        print(f"cardwise snapshot: {args.out}: the output must be a .png file", file=sys.stderr)
        return int(ExitCode.USAGE)
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # never a real window, even on a desktop
    snapshot = importlib.import_module("app.ui.snapshot")  # by name: keeps Qt out of the CLI
    try:
        path = snapshot.snapshot(args.out, args.template, select=args.select, side=args.side,
                                 extensions=() if args.no_extensions else None, language=args.language)
    except (CardwiseError, OSError) as exc:
        print(f"cardwise snapshot: {exc}", file=sys.stderr)
        return int(ExitCode.USAGE)
    if not path.is_file() or path.stat().st_size == 0:
        print(f"cardwise snapshot: {path}: the window could not be saved", file=sys.stderr)
        return int(ExitCode.USAGE)
    print(path)
    return int(ExitCode.OK)
