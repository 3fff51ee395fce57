"""Export speed: a two-sided card and an A4 N-up sheet, warm, median of N runs.

    .venv/bin/python bench/export.py [-n 15]

Prints the median and spread of each, against the targets from the export issue:
two-sided card ≤ 0.3 s (warm: fonts registered, images converted once and cached, as in the
designer's repeated exports). The card is the 'thank-you' template (two sides, vector art,
QR code, text) plus a 1200×800 RGB photo with alpha; preflight/compliance is measured
separately because it depends on the rule engine.
"""
from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PIL import Image  # noqa: E402

from app.export.nup import export_nup  # noqa: E402
from app.export.pdf import ExportOptions, export_pdf  # noqa: E402
from app.model.elements import ImageElement  # noqa: E402
from app.model.templates import new_from_template  # noqa: E402
from app.model.units import mm  # noqa: E402

CARD_TARGET_S = 0.3
CJK_CARD_TARGET_S = 0.5
JA_BODY = "Amazonの注文履歴から「出品者に連絡」を選び、24時間以内にご連絡ください。"


def _card():
    doc = new_from_template("thank-you")
    img = Image.new("RGBA", (1200, 800), (30, 140, 200, 255))
    for x in range(0, 1200, 3):
        img.putpixel((x, (x * 7) % 800), (250, 250, 250, 120))
    buf = io.BytesIO()
    img.save(buf, "PNG")
    aid = doc.add_asset(buf.getvalue(), "photo.png")
    doc.add_element("back", ImageElement(x=mm(60), y=mm(70), w=mm(30), h=mm(20), asset_id=aid))
    return doc


def _cjk_card():
    """The thank-you card with Japanese headline and body in the template's own font (kana and
    kanji from the fallback face, Latin and digits from Bitstream Vera)."""
    doc = new_from_template("thank-you")
    doc.set_text("front-headline", "ありがとう")
    doc.set_text("front-body", JA_BODY)
    doc.set_text("back-title", "お問い合わせ")
    return doc


def _time(fn, n: int) -> list[float]:
    fn()  # warm-up: fonts, image cache, imports
    out = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def _fmt(name: str, xs: list[float], target: float | None) -> str:
    med = statistics.median(xs)
    verdict = "" if target is None else (f"  target ≤ {target:.2f} s: {'OK' if med <= target else 'MISSED'}")
    return f"{name:38} median {med * 1000:7.1f} ms  (min {min(xs) * 1000:.1f}, max {max(xs) * 1000:.1f}, n={len(xs)}){verdict}"


def main() -> int:
    from app.verdict import judge_card

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=15)
    args = ap.parse_args()
    doc = _card()
    ja = _cjk_card()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        plain = ExportOptions(preflight=False)
        checked = ExportOptions(preflight=True, allow_violations="bench")
        rows = [
            _fmt("two-sided card (no preflight)", _time(lambda: export_pdf(doc, out / "a.pdf", plain), args.n),
                 CARD_TARGET_S),
            _fmt("two-sided card, Japanese text", _time(lambda: export_pdf(ja, out / "j.pdf", plain), args.n),
                 CJK_CARD_TARGET_S),
            _fmt("two-sided card + crop marks", _time(lambda: export_pdf(
                doc, out / "b.pdf", ExportOptions(preflight=False, crop_marks=True)), args.n), CARD_TARGET_S),
            _fmt("two-sided card + verdict (wording, print)", _time(lambda: export_pdf(
                doc, out / "c.pdf", checked, verdict=judge_card(doc)), args.n), None),
            _fmt("A4 N-up sheet", _time(lambda: export_nup(doc, out / "n.pdf", "a4", plain), args.n), None),
        ]
    print("Cardwise export benchmark (warm, wall clock)")
    for r in rows:
        print(" ", r)
    return 0


if __name__ == "__main__":
    sys.exit(main())
