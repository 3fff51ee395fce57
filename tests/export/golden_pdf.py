"""Golden PDFs: a readable fingerprint of each template's export, compared page by page.

The fingerprint of a PDF page is its boxes, the fonts it uses (subset tags stripped), the
colour spaces its content and images use, and its text blocks with their positions (pdfium's
text segments: runs of one font on one line). ``tests/export/test_golden_pdfs.py`` exports
every template and compares with ``tests/export/golden/<template>.json``: the same boxes and
fonts and colour spaces, the same text blocks, each within 1 pt of its reference position. A
layout change therefore shows up as a diff naming the page and the text that moved.

Regenerate the references after an intended layout change (and review the diff):

    /work/main/.venv/bin/python tests/export/golden_pdf.py --write
"""
from __future__ import annotations

import json
import re
import sys
import tempfile
from pathlib import Path

GOLDEN_DIR = Path(__file__).resolve().parent / "golden"
POS_TOLERANCE_PT = 1.0


def fingerprint(pdf_path: Path) -> list[dict]:
    import pikepdf
    import pypdfium2 as pdfium

    pages: list[dict] = []
    with pikepdf.open(pdf_path) as pdf:
        for page in pdf.pages:
            boxes = {b: [round(float(v), 2) for v in page.obj[f"/{b}"]] for b in ("MediaBox", "TrimBox", "BleedBox")
                     if f"/{b}" in page.obj}
            fonts, spaces = set(), set()
            _walk_resources(page.obj.get("/Resources"), fonts, spaces, set())
            for _operands, op in pikepdf.parse_content_stream(page):
                o = str(op)
                if o in ("k", "K"):
                    spaces.add("DeviceCMYK")
                elif o in ("g", "G"):
                    spaces.add("DeviceGray")
                elif o in ("rg", "RG"):
                    spaces.add("DeviceRGB")
            pages.append({"boxes": boxes, "fonts": sorted(fonts), "colour_spaces": sorted(spaces), "text": []})
    doc = pdfium.PdfDocument(str(pdf_path))
    try:
        for i, entry in enumerate(pages):
            page = doc[i]
            tp = page.get_textpage()
            blocks = []
            for r in range(tp.count_rects()):
                x0, y0, x1, y1 = tp.get_rect(r)
                text = tp.get_text_bounded(x0, y0, x1, y1).strip()
                if text:
                    blocks.append({"text": text, "x": round(x0, 1), "y": round(y0, 1)})
            entry["text"] = blocks
            tp.close()
            page.close()
    finally:
        doc.close()
    return pages


def _walk_resources(res, fonts: set, spaces: set, seen: set) -> None:
    import pikepdf

    if res is None or res.objgen in seen and res.objgen != (0, 0):
        return
    seen.add(res.objgen)
    for _name, font in (res.get("/Font") or {}).items():
        fonts.add(re.sub(r"^[A-Z]{6}\+", "", str(font.get("/BaseFont", ""))[1:]))
    for _name, cs in (res.get("/ColorSpace") or {}).items():
        if isinstance(cs, pikepdf.Array):
            spaces.add(str(cs[0])[1:] + (":" + str(cs[1])[1:] if str(cs[0]) == "/Separation" else ""))
        else:
            spaces.add(str(cs)[1:])
    for _name, xo in (res.get("/XObject") or {}).items():
        if xo.get("/Subtype") == pikepdf.Name.Image:
            cs = xo.get("/ColorSpace")
            spaces.add("image:" + (str(cs)[1:] if not isinstance(cs, pikepdf.Array) else str(cs[0])[1:]))
        elif xo.get("/Subtype") == pikepdf.Name.Form:
            _walk_resources(xo.get("/Resources"), fonts, spaces, seen)


#: a Japanese card in the template's own font (kana/kanji from the fallback face)
JAPANESE = {"front-headline": "ありがとう",
            "front-body": "Amazonの注文履歴から「出品者に連絡」を選び、24時間以内にご連絡ください。",
            "back-title": "お問い合わせ"}


def cases() -> list[str]:
    from app.model.templates import list_templates

    return [t.id for t in list_templates()] + ["thank-you-ja"]


def export_template(case: str, folder: Path) -> Path:
    from app.export.pdf import ExportOptions, export_pdf
    from app.model.templates import new_from_template

    doc = new_from_template(case.removesuffix("-ja"))
    if case.endswith("-ja"):
        for element_id, text in JAPANESE.items():
            doc.set_text(element_id, text)
    out = folder / f"{case}.pdf"
    export_pdf(doc, out, ExportOptions(preflight=False, crop_marks=True))
    return out


def compare(actual: list[dict], golden: list[dict]) -> list[str]:
    """Differences, one line each (empty when the export matches its reference)."""
    diffs: list[str] = []
    if len(actual) != len(golden):
        return [f"{len(actual)} pages, reference has {len(golden)}"]
    for n, (a, g) in enumerate(zip(actual, golden), 1):
        for key in ("boxes", "fonts", "colour_spaces"):
            if a[key] != g[key]:
                diffs.append(f"page {n} {key}: {a[key]} != reference {g[key]}")
        at, gt = a["text"], g["text"]
        if [b["text"] for b in at] != [b["text"] for b in gt]:
            diffs.append(f"page {n} text blocks: {[b['text'] for b in at]} != reference {[b['text'] for b in gt]}")
            continue
        for ab, gb in zip(at, gt):
            dx, dy = abs(ab["x"] - gb["x"]), abs(ab["y"] - gb["y"])
            if dx > POS_TOLERANCE_PT or dy > POS_TOLERANCE_PT:
                diffs.append(f"page {n} {ab['text']!r} at ({ab['x']}, {ab['y']}), reference ({gb['x']}, {gb['y']})")
    return diffs


def main(argv: list[str]) -> int:
    if "--write" not in argv:
        print(__doc__)
        return 0
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    GOLDEN_DIR.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for case in cases():
            fp = fingerprint(export_template(case, Path(tmp)))
            path = GOLDEN_DIR / f"{case}.json"
            path.write_text(json.dumps(fp, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
            print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
