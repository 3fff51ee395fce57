"""What offering and applying fixes costs (app.fixes).

    .venv/bin/python bench/fixes.py [--rounds 20]

The findings panel asks ``fixes_for`` for every finding each time it refreshes (on the GUI
thread), so offering must stay far below a frame: target ≤ 5 ms per finding after the
first call (the first call reads the rule packs for the card's language once). Applying
runs once per click; converting a large RGB photograph to CMYK is the slow one and happens
only then. Baseline (2 shared cores): offering the CMYK fix for a 2400 × 1600 photograph took
~2 s while the conversion ran on offer, now ~0.3 ms; applying it takes ~3 s (the export's own
gray-component conversion at full resolution), under a wait cursor.
Prints the median over ``--rounds`` per fix kind.
"""
from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PIL import Image  # noqa: E402

from app.fixes import fixes_for, revert  # noqa: E402
from app.model.color import Color  # noqa: E402
from app.model.document import Document  # noqa: E402
from app.model.elements import ImageElement, Paragraph, QrElement, RectElement, TextBox, TextStyle  # noqa: E402
from app.model.geometry import CardSpec  # noqa: E402
from app.model.units import mm  # noqa: E402
from app.verdict import checker_for, judge_card  # noqa: E402


def card() -> tuple[Document, dict[str, str]]:
    doc = Document.new(CardSpec.from_preset("4x6in", "landscape", sides=1))
    ids = {}
    ids["move-into-safe"] = doc.add_element("front", TextBox(x=-mm(4), y=mm(40), w=mm(60), h=mm(12), paragraphs=(
        Paragraph("Thank you for choosing us", TextStyle(size_pt=11)),))).id
    ids["text-shrink"] = doc.add_element("front", TextBox(x=mm(20), y=mm(60), w=mm(50), h=mm(12), paragraphs=(
        Paragraph("Thank you for your order. We hope the lamp brightens your evenings for years.",
                  TextStyle(size_pt=12)),))).id
    ids["bleed-extend"] = doc.add_element("front", RectElement(x=0, y=0, w=doc.spec.width, h=mm(20),
                                                               fill=Color(0.8, 0.2, 0, 0))).id
    buf = io.BytesIO()
    Image.effect_mandelbrot((2400, 1600), (-2, -1.5, 1, 1.5), 100).convert("RGB").save(buf, "JPEG", quality=90)
    aid = doc.add_asset(buf.getvalue(), "photo.jpg")
    ids["image-cmyk"] = doc.add_element("front", ImageElement(x=mm(90), y=mm(40), w=mm(40), h=mm(27), asset_id=aid)).id
    ids["qr"] = doc.add_element("front", QrElement(x=mm(110), y=mm(70), w=mm(25), h=mm(25),
                                                   payload="https://lumivox.example/warranty-register")).id
    return doc, ids


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=20)
    args = ap.parse_args()
    doc, ids = card()
    by_element = {}
    for f in judge_card(doc, checker=checker_for("amazon")).findings:
        by_element.setdefault(f.element_id, []).append(f)
    print(f"{'finding':<8} {'fix':<42} {'offer, first':>13} {'offer, median':>14} {'apply+undo':>11}")
    for what, eid in ids.items():
        for f in by_element.get(eid, []):
            t0 = time.perf_counter()
            fixes = fixes_for(doc, f)
            first = time.perf_counter() - t0
            times = []
            for _ in range(args.rounds):
                t0 = time.perf_counter()
                fixes_for(doc, f)
                times.append(time.perf_counter() - t0)
            for fix in fixes:
                if fix.needs:
                    fix = fix.with_asin("B0C1234567")
                t0 = time.perf_counter()
                revert(doc, fix.apply(doc))
                applied = time.perf_counter() - t0
                print(f"{f.rule:<8} {fix.key:<42} {first * 1000:>10.1f} ms {statistics.median(times) * 1000:>11.2f} ms"
                      f" {applied * 1000:>8.1f} ms")
            if not fixes:
                print(f"{f.rule:<8} {'(no fix)':<42} {first * 1000:>10.1f} ms {statistics.median(times) * 1000:>11.2f} ms")


if __name__ == "__main__":
    main()
