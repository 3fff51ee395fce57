"""What grouping costs the designer's selection and arrange paths.

    .venv/bin/python bench/groups.py [-n 200] [--size 5] [--repeat 30]

Runs offscreen. A card with ``n`` rectangles, every ``size`` of them in one group, is put in
a real main window; then the time of

* **click a group**: ``scene.select_ids([one member])`` — the whole group is selected, the
  window recomputes which actions apply (Group/Ungroup included) and the panels follow;
* **select all**: every element;

(best of the repeats) is printed beside the same card without groups (the baseline), in CPU time of the process
(``time.process_time``: steadier than wall time on a shared machine). Target: grouping adds at
most 25 % (plus 1 ms of timer noise) to the baseline, so a grouped card never feels slower
to click. (The baseline itself is the panels' cost: the Elements list re-marks every row
and the Properties panel re-reads the selection on each change.)
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TARGET_RATIO = 1.25
NOISE_MS = 1.0


def _card(n: int, size: int, grouped: bool):
    from app.model import CardSpec, Document, RectElement

    doc = Document.new(CardSpec.from_preset("a6"))
    els = [doc.add_element("front", RectElement(x=(i % 20) * 12, y=(i // 20) * 12, w=10, h=10))
           for i in range(n)]
    if grouped:
        for k in range(0, n, size):
            doc.set_group([e.id for e in els[k:k + size]], f"g{k}")
    return doc, els


def _median_ms(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.process_time()
        fn()
        times.append((time.process_time() - t0) * 1000)
    return min(times)


def measure(n: int, size: int, repeat: int, grouped: bool) -> dict[str, float]:
    from PySide6.QtCore import QSettings

    from app.ui.application import build_window

    doc, els = _card(n, size, grouped)
    with tempfile.TemporaryDirectory() as tmp:
        qs = QSettings(str(Path(tmp) / "s.ini"), QSettings.IniFormat)
        win = build_window(doc, qsettings=qs, data_dir=Path(tmp) / "data", extensions=())
        scene = win.scene
        ids = [e.id for e in els]
        out = {}
        picks = iter(range(10**9))

        def click() -> None:
            scene.select_ids([ids[(next(picks) * size) % n]])
        out["click a group"] = _median_ms(click, repeat)
        out["select all"] = _median_ms(lambda: (scene.select_ids([]), scene.select_ids(ids)), repeat)
        win.undo_stack.setClean()
        win.close()
        win.deleteLater()
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=200, help="elements on the card")
    ap.add_argument("--size", type=int, default=5, help="elements per group")
    ap.add_argument("--repeat", type=int, default=30)
    args = ap.parse_args()
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    base = measure(args.n, args.size, args.repeat, grouped=False)
    grouped = measure(args.n, args.size, args.repeat, grouped=True)
    app.processEvents()
    print(f"{args.n} elements, groups of {args.size}; best of --repeat, ms "
          f"(target: grouped ≤ {TARGET_RATIO:g} × no groups + {NOISE_MS:g} ms)")
    print(f"{'':16}{'no groups':>11}{'grouped':>11}")
    ok = True
    for key in base:
        ok &= grouped[key] <= base[key] * TARGET_RATIO + NOISE_MS
        print(f"{key:16}{base[key]:>11.2f}{grouped[key]:>11.2f}")
    print("OK" if ok else "OVER TARGET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
