"""What dominates the bundle's size: a Markdown table of its largest parts.

    python packaging/size_report.py dist/Cardwise [--top 14]

Groups files by top-level entry under ``_internal/`` (a package folder such as ``spacy`` or
``PySide6``, or a single shared library), largest first; the rest is summed in one row.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path


def sizes(bundle: Path) -> Counter:
    root = bundle / "_internal" if (bundle / "_internal").is_dir() else bundle
    out: Counter = Counter()
    for p in bundle.rglob("*"):
        if p.is_file() and not p.is_symlink():
            rel = p.relative_to(root) if p.is_relative_to(root) else p.relative_to(bundle)
            key = rel.parts[0]
            if key.endswith(".libs") or key.startswith("lib") and len(rel.parts) == 1:
                key = key if key.endswith(".libs") else "shared libraries (lib*.so*)"
            out[key] += p.stat().st_size
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("bundle", type=Path)
    ap.add_argument("--top", type=int, default=14)
    args = ap.parse_args(argv)
    s = sizes(args.bundle)
    total = sum(s.values())
    print("| part | MB | share |\n| --- | ---: | ---: |")
    for key, size in s.most_common(args.top):
        print(f"| {key} | {size / 1e6:.1f} | {100 * size / total:.0f} % |")
    rest = sum(size for _, size in s.most_common()[args.top:])
    print(f"| everything else ({len(s) - args.top} parts) | {rest / 1e6:.1f} | {100 * rest / total:.0f} % |")
    print(f"| **total** | **{total / 1e6:.0f}** | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
