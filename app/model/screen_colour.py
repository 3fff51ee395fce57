"""CMYK → screen RGB the way the print proof shows it (one function for every screen view).

The proof, the export preview and the poppler/pdfium renderings of the exported PDF all turn
DeviceCMYK into screen RGB with pdfium's built-in conversion, not with the naive
``R = 255·(1−C)(1−K)`` formula. The canvas, thumbnails and swatches use :func:`screen_rgb`,
which interpolates a 9×9×9×9 table sampled from that very conversion
(``resources/colour/cmyk-screen-9.bin``, 6561 RGB triplets, C slowest, K fastest), so the
designer shows the colours the proof and the printer's own soft proof show (ΔE ≤ 3, see
tests/model/test_screen_colour.py).

Regenerate the table (after a pdfium upgrade changes its conversion) with
``python -m app.model.screen_colour --write``.

Qt-free, pure Python, thread-safe (the table is read once, results are cached).
"""
from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path

GRID = 9
_TABLE: bytes | None = None
_LOCK = threading.Lock()


def table_path() -> Path:
    from app.paths import resource

    return resource("colour", f"cmyk-screen-{GRID}.bin")


def _table() -> bytes:
    global _TABLE
    if _TABLE is None:
        with _LOCK:
            if _TABLE is None:
                data = table_path().read_bytes()
                if len(data) != GRID ** 4 * 3:
                    raise ValueError(f"{table_path()}: {len(data)} bytes, expected {GRID ** 4 * 3}")
                _TABLE = data
    return _TABLE


@lru_cache(maxsize=4096)
def cmyk_to_screen(c: float, m: float, y: float, k: float) -> tuple[int, int, int]:
    """Screen RGB (0..255) of process CMYK (0..1 each), quadrilinear in the sampled table."""
    t = _table()
    n = GRID - 1
    idx = []
    for v in (c, m, y, k):
        v = 0.0 if v < 0 else 1.0 if v > 1 else float(v)
        p = v * n
        i = min(int(p), n - 1)
        idx.append((i, p - i))
    (ci, cf), (mi, mf), (yi, yf), (ki, kf) = idx
    acc = [0.0, 0.0, 0.0]
    for dc, wc in ((0, 1 - cf), (1, cf)):
        if wc == 0:
            continue
        for dm, wm in ((0, 1 - mf), (1, mf)):
            if wm == 0:
                continue
            for dy, wy in ((0, 1 - yf), (1, yf)):
                if wy == 0:
                    continue
                for dk, wk in ((0, 1 - kf), (1, kf)):
                    w = wc * wm * wy * wk
                    if w == 0:
                        continue
                    o = ((((ci + dc) * GRID + mi + dm) * GRID + yi + dy) * GRID + ki + dk) * 3
                    acc[0] += w * t[o]
                    acc[1] += w * t[o + 1]
                    acc[2] += w * t[o + 2]
    return (round(acc[0]), round(acc[1]), round(acc[2]))


def screen_rgb(colour) -> tuple[int, int, int]:  # noqa: ANN001 - app.model.color.Color
    """Screen RGB of a model colour as the proof renders it (a spot shows its CMYK alternate
    at its tint)."""
    c, m, y, k = colour.cmyk   # the tint is already applied
    return cmyk_to_screen(round(c, 4), round(m, 4), round(y, 4), round(k, 4))


# ------------------------------------------------------------------------------- sampling
def render_swatches(cmyks: list[tuple[float, float, float, float]], size: float = 4.0) -> list[tuple[int, int, int]]:
    """Render each CMYK as a DeviceCMYK swatch in a PDF and read it back with pdfium (the
    proof's renderer). Used to build the table and, in tests, to measure it."""
    import io

    import pikepdf
    import pypdfium2 as pdfium

    cols = 64
    rows = (len(cmyks) + cols - 1) // cols
    ops = []
    for i, (c, m, y, k) in enumerate(cmyks):
        x, yy = (i % cols) * size, (rows - 1 - i // cols) * size
        ops.append(f"{c:.5f} {m:.5f} {y:.5f} {k:.5f} k {x:.3f} {yy:.3f} {size:.3f} {size:.3f} re f")
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(cols * size, rows * size))
    pdf.pages[0].Contents = pdf.make_stream("\n".join(ops).encode())
    buf = io.BytesIO()
    pdf.save(buf)
    doc = pdfium.PdfDocument(buf.getvalue())
    try:
        page = doc[0]
        img = page.render(scale=1.0, fill_color=(255, 255, 255, 255)).to_pil().convert("RGB")
        page.close()
    finally:
        doc.close()
    half = size / 2
    return [img.getpixel((int((i % cols) * size + half), int((i // cols) * size + half))) for i in range(len(cmyks))]


def build_table() -> bytes:
    n = GRID - 1
    grid = [(c / n, m / n, y / n, k / n) for c in range(GRID) for m in range(GRID)
            for y in range(GRID) for k in range(GRID)]
    return bytes(v for rgb in render_swatches(grid) for v in rgb)


if __name__ == "__main__":   # python -m app.model.screen_colour --write
    import sys

    if "--write" not in sys.argv:
        print(__doc__)
        sys.exit(0)
    data = build_table()
    table_path().parent.mkdir(parents=True, exist_ok=True)
    table_path().write_bytes(data)
    print(f"{table_path()}: {len(data)} bytes")
