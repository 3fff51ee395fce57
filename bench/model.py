"""Model speed: text relayout per keystroke, cached layout, font scan, project save/open.

    .venv/bin/python bench/model.py [-n 200]

Baselines it compares against:
- relayout of a typical 60-word text box after a keystroke (cache miss) must stay far under
  one 60 Hz frame (16.7 ms); target ≤ 2 ms so the designer can relayout on every key;
- a keystroke in a box with character runs (bold word, coloured word, a bigger word; the
  edit shifts the runs, then the box is relaid out), Latin and Japanese with fallback,
  target ≤ 1 ms (issue 11);
- a cached layout (repaint, no edit) target ≤ 0.05 ms;
- save + open of the two-sided thank-you template target ≤ 50 ms each (autosave must not
  stall typing).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.io.project import load, save  # noqa: E402
from app.model.color import Color  # noqa: E402
from app.model.elements import TextBox, TextStyle  # noqa: E402
from app.model.fonts import FontLibrary  # noqa: E402
from app.model.templates import new_from_template  # noqa: E402
from app.model.text_layout import layout  # noqa: E402

TEXT = ("Thank you for choosing us! We hope your new lamp brings you joy. Every order is "
        "checked by our small team before it leaves our workshop. If anything is not quite "
        "right, please contact us through Amazon Buyer-Seller Messaging (Your Orders › Contact "
        "Seller). We usually reply within 24 hours.")
JA = "Amazonの注文履歴から「出品者に連絡」を選び、24時間以内にご連絡ください。ありがとうございました。"
CJK = "感谢您的购买！如有任何问题，请通过亚马逊买家与卖家消息联系我们。我们会尽快回复。" * 2

TARGETS_MS = {"relayout (Latin, 60 words, miss)": 2.0, "relayout (Chinese, 80 chars, miss)": 2.0,
              "relayout (Japanese in Vera + fallback, miss)": 1.0,
              "keystroke with runs (Latin, edit + relayout)": 1.0,
              "keystroke with runs (Japanese + fallback)": 1.0,
              "layout (cached hit)": 0.05, "save thank-you template": 50.0,
              "open thank-you template": 50.0}


def _median_ms(fn, n: int) -> tuple[float, float]:
    times = []
    for i in range(n):
        t = time.perf_counter()
        fn(i)
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), max(times)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=200)
    n = ap.parse_args().n
    t = time.perf_counter()
    FontLibrary._system_cache = None
    lib = FontLibrary()
    scan_ms = (time.perf_counter() - t) * 1000
    print(f"font scan (cold, {len(lib.faces)} faces, {len(lib.families())} printable families): {scan_ms:.1f} ms")

    results = {}
    latin = TextBox.from_text(TEXT, TextStyle(size_pt=10, align="justify"), w=220, h=200)
    # every run types one more character, so each layout is a cache miss (as in the designer)
    results["relayout (Latin, 60 words, miss)"] = _median_ms(
        lambda i: layout(TextBox(paragraphs=latin.paragraphs_for_text(TEXT + "x" * (i + 1)), w=220, h=200), lib), n)
    cjk_family = lib.cjk_family()
    if cjk_family:
        cjk = TextBox.from_text(CJK, TextStyle(size_pt=10, font_family=cjk_family), w=220, h=200)
        results["relayout (Chinese, 80 chars, miss)"] = _median_ms(
            lambda i: layout(TextBox(paragraphs=cjk.paragraphs_for_text(CJK + "好" * (i + 1)), w=220, h=200), lib), n)
    # Japanese mixed with Latin and digits in the template's font: per-character fallback
    ja = TextBox.from_text(JA, TextStyle(size_pt=10), w=220, h=200)
    layout(ja, lib)   # loads the fallback face once (as the first keystroke does)
    results["relayout (Japanese in Vera + fallback, miss)"] = _median_ms(
        lambda i: layout(TextBox(paragraphs=ja.paragraphs_for_text(JA + "あ" * (i % 40 + 1) + str(i)),
                                 w=220, h=200), lib), n)
    # character runs: the editor's edit (runs shift) and the relayout, per typed character
    orange = Color.from_hex("#e8590c")
    for name, text, at in (("keystroke with runs (Latin, edit + relayout)", TEXT, 60),
                           ("keystroke with runs (Japanese + fallback)", JA, 20)):
        rich = TextBox.from_text(text, TextStyle(size_pt=10), w=220, h=200)
        rich.paragraphs = rich.paragraphs_with(9, 13, bold=True)
        rich.paragraphs = rich.paragraphs_with(30, 36, color=orange, italic=True)
        rich.paragraphs = rich.paragraphs_with(40, 46, size_pt=14)
        layout(rich, lib)
        state = {"box": rich}

        def keystroke(i: int, state=state, at=at) -> None:
            box = state["box"]
            box = TextBox(paragraphs=box.edited(at + i, at + i, "x" if i % 5 else " "), w=220, h=200)
            layout(box, lib)
            state["box"] = box

        results[name] = _median_ms(keystroke, n)
    layout(latin, lib)
    results["layout (cached hit)"] = _median_ms(lambda i: layout(latin, lib), n)

    doc = new_from_template("thank-you")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "card.cardwise"
        results["save thank-you template"] = _median_ms(lambda i: save(doc, path), max(5, n // 10))
        results["open thank-you template"] = _median_ms(lambda i: load(path), max(5, n // 10))

    worst = 0
    for name, (med, mx) in results.items():
        target = TARGETS_MS[name]
        ok = med <= target
        worst |= not ok
        print(f"{name:38s} median {med:8.3f} ms   max {mx:8.3f} ms   target ≤ {target:g} ms   "
              f"{'ok' if ok else 'SLOWER THAN TARGET'}")
    return 1 if worst else 0


if __name__ == "__main__":
    sys.exit(main())
