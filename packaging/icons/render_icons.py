"""Render packaging/icons/cardwise.svg to the raster icons the installers need.

    python packaging/icons/render_icons.py

Writes ``png/<size>.png`` (16…512, freedesktop hicolor sizes), ``cardwise.ico`` (Windows,
16…256) and ``cardwise.icns`` (macOS, Pillow's writer). Uses Qt's SVG renderer offscreen, so
it runs anywhere the designer does. The outputs are committed; run this after editing the SVG.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841
    renderer = QSvgRenderer(str(HERE / "cardwise.svg"))
    if not renderer.isValid():
        raise SystemExit("cardwise.svg cannot be read")
    out = HERE / "png"
    out.mkdir(exist_ok=True)
    for size in SIZES:
        img = QImage(size, size, QImage.Format_ARGB32)
        img.fill(Qt.transparent)
        p = QPainter(img)
        p.setRenderHint(QPainter.Antialiasing)
        renderer.render(p)
        p.end()
        img.save(str(out / f"{size}.png"))
    big = Image.open(out / "512.png")
    Image.open(out / "256.png").save(HERE / "cardwise.ico", sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)])
    big.save(HERE / "cardwise.icns")
    print(f"wrote {len(SIZES)} PNGs, cardwise.ico, cardwise.icns in {HERE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
