"""Regenerate ``batch-window.png``: File › Batch check… on a small folder with clean,
flagged, unreadable and skipped files (offscreen, no display needed).

    .venv/bin/python docs/screenshots/make_batch_screenshot.py [--lang zh_CN] [OUT.png]
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def card_pdf(text: str, out: Path) -> None:
    """A 4 × 6 in card with ``text`` on it, exported as the designer would."""
    from app.export.pdf import ExportOptions, export_pdf
    from app.model.document import Document
    from app.model.elements import TextBox, TextStyle
    from app.model.geometry import CardSpec

    doc = Document.new(CardSpec.from_preset("4x6in"))
    doc.add_element("front", TextBox.from_text(text, x=24, y=60, w=doc.spec.width - 48, h=300,
                                               style=TextStyle(size_pt=15)))
    export_pdf(doc, out, ExportOptions(preflight=False, verify=False))


def make_folder(d: Path) -> None:
    card_pdf("Thank you for your order!\nWe hope your new lamp brightens every evening.", d / "thank-you.pdf")
    card_pdf("Thank you for your order!\nLeave us a 5-star review and get a free gift!\n"
             "Email us at hello@lampco.example for a 20% coupon.", d / "review-gift.pdf")
    (d / "insert-de.txt").write_text("Vielen Dank für Ihre Bestellung. Viel Freude mit Ihrer neuen Lampe!",
                                     encoding="utf-8")
    (d / "sleeve.txt").write_text("Happy with your lamp? Please leave a positive review on Amazon!",
                                  encoding="utf-8")
    (d / "old-proof.pdf").write_bytes(b"%PDF-1.7 truncated")
    (d / "notes.numbers").write_bytes(b"PK\x03\x04")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("out", nargs="?", default=str(HERE / "batch-window.png"))
    ap.add_argument("--lang", default="en")
    args = ap.parse_args(argv)
    from PySide6.QtWidgets import QApplication

    from app.ui import i18n
    from app.ui.batch_window import BatchWindow

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as t:
        folder = Path(t) / "inserts"
        folder.mkdir()
        make_folder(folder)
        w = BatchWindow(jobs=1)
        w.resize(1400, 720)
        w.folder.setText(str(folder))
        w.show()
        w.start()
        deadline = time.monotonic() + 120
        while (w.is_running() or not w.run_button.isEnabled()) and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.02)
        if args.lang != "en":
            i18n.set_language(args.lang, [w])   # a live switch, with the results on screen
        pdf_row = next((r for r in range(w.proxy.rowCount())
                        if w.proxy.index(r, 0).data().endswith(".pdf") and w.proxy.index(r, 2).data()), 0)
        w.table.selectRow(pdf_row)    # a flagged PDF: its page with the findings boxed
        for _ in range(20):
            app.processEvents()
            time.sleep(0.01)
        w.grab().save(args.out)
        print("wrote", args.out)
    sys.stdout.flush()
    os._exit(0)   # skip interpreter teardown of Qt objects


if __name__ == "__main__":
    sys.exit(main())
