"""PDF artwork: the text layer with character boxes (pypdfium2), OCR where there is none.

Per page:

1. The text layer is read with loose character boxes and grouped into words and lines. It
   is *usable* when it has words and most characters map to Unicode (outlined or
   Type 3 text without a ToUnicode map comes out as control or replacement characters).
2. The page's objects decide whether anything else can hold text: raster images, or many
   small non-square paths outside the text layer's boxes (glyphs converted to outlines, as
   printers and Ghostscript ``-dNoOutputFonts`` deliver them).
3. If needed the page is rendered (300 dpi for OCR, 150 dpi when only 2-D codes are sought),
   2-D codes are decoded, and OCR reads either the whole page (no usable text layer, or
   outlined text) or just the image areas. Before OCR the text layer's boxes and the codes
   are painted over in white, and OCR words that still overlap the text layer are dropped —
   so a page with both gets both, without double findings.

Boxes are PDF points with the origin bottom-left (pdfium's page space).
"""
from __future__ import annotations

import io
import re

from PIL import Image, ImageDraw

from app.batch import limits
from app.batch.artwork import Artwork, Line, PageInfo, TextBuilder, Word, build_text, overlap_ratio, union
from app.batch.errors import ArtworkError, UnsafeFile
from app.batch.ocr import LOW_CONFIDENCE, ocr_lines
from app.batch.qr import find_codes

_OBJ_TEXT, _OBJ_PATH, _OBJ_IMAGE = 1, 2, 3


def _check_streams(shown: str, data: bytes) -> None:
    """Refuse a PDF bomb before pdfium inflates it: every Flate stream is inflated into a
    bounded buffer (at most ``MAX_STREAM_BYTES`` each, ``MAX_PDF_INFLATED`` in total)."""
    import zlib

    import pikepdf

    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError:
        raise ArtworkError(f"{shown}: the PDF is password-protected; save an unprotected copy to check it") from None
    except Exception as exc:
        reason = re.sub(r"^(stream )?<[^>]*>:\s*", "", str(exc)) or type(exc).__name__
        raise ArtworkError(f"{shown}: not a readable PDF ({reason})") from None
    # zlib cannot inflate more than ~1032:1, so a PDF whose compressed streams are small in
    # total cannot be a bomb: most cards skip the inflation entirely.
    with pdf:
        flate = []
        for obj in pdf.objects:
            if not isinstance(obj, pikepdf.Stream):
                continue
            filters = obj.get("/Filter")
            names = [str(f) for f in filters] if isinstance(filters, pikepdf.Array) else [str(filters)]
            if names[:1] == ["/FlateDecode"]:
                try:
                    flate.append(obj.read_raw_bytes())
                except Exception:
                    continue
        if sum(len(raw) for raw in flate) * 1032 <= limits.MAX_PDF_INFLATED and \
                max((len(raw) for raw in flate), default=0) * 1032 <= limits.MAX_STREAM_BYTES:
            return
        total = 0
        for raw in flate:
            d = zlib.decompressobj()
            try:
                out = d.decompress(raw, limits.MAX_STREAM_BYTES)
            except zlib.error:
                continue
            if d.unconsumed_tail:
                raise UnsafeFile(f"{shown}: a compressed stream inflates beyond {limits.MAX_STREAM_BYTES // limits.MIB} MiB: "
                                 "refused as a PDF bomb")
            total += len(out)
            if total > limits.MAX_PDF_INFLATED:
                raise UnsafeFile(f"{shown}: compressed streams inflate beyond {limits.MAX_PDF_INFLATED // limits.MIB} MiB "
                                 "in total: refused as a PDF bomb")


def _open(shown: str, data: bytes):
    import pypdfium2 as pdfium

    if not data:
        raise ArtworkError(f"{shown}: empty file")
    if len(data) > limits.MAX_FILE_BYTES:
        raise UnsafeFile(f"{shown}: {len(data) // limits.MIB} MiB is too large for card artwork "
                         f"(limit {limits.MAX_FILE_BYTES // limits.MIB} MiB)")
    _check_streams(shown, data)
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        msg = str(exc)
        if "password" in msg.lower():
            raise ArtworkError(f"{shown}: the PDF is password-protected; save an unprotected copy to check it") from None
        raise ArtworkError(f"{shown}: not a readable PDF ({msg})") from None


def _text_layer(textpage) -> tuple[list[Line], bool]:
    n = textpage.count_chars()
    if n <= 0:
        return [], False
    text = textpage.get_text_range(0, n)
    lines: list[Line] = []
    words: list[Word] = []
    chars: list[str] = []
    boxes: list[tuple] = []
    good = bad = 0

    def flush_word():
        if chars:
            words.append(Word("".join(chars), union(boxes)))  # type: ignore[arg-type]
            chars.clear()
            boxes.clear()

    for i, ch in enumerate(text[:n]):
        if ch in "\r\n":
            flush_word()
            if ch == "\n" and words:
                lines.append(Line(list(words)))
                words.clear()
            continue
        if ch.isspace():
            flush_word()
            continue
        if not ch.isprintable() or ch in "\ufffd\ufffe\uffff" or "\ue000" <= ch <= "\uf8ff":
            bad += 1
            ch = "\ufffd"
        else:
            good += 1
        chars.append(ch)
        boxes.append(textpage.get_charbox(i, loose=True))
    flush_word()
    if words:
        lines.append(Line(words))
    usable = good > 0 and any(any(c.isalnum() for c in w.text) for ln in lines for w in ln.words) \
        and bad <= 0.3 * (good + bad)
    return lines, usable


def _bounds(obj) -> tuple[float, float, float, float]:
    fn = getattr(obj, "get_bounds", None) or obj.get_pos  # pypdfium2 5 renamed get_pos
    return tuple(fn())  # type: ignore[return-value]


def _inspect_objects(page, text_boxes: list[tuple], page_area: float):
    """(image boxes worth reading, boxes of glyph-sized paths outside the text layer, number of
    paths that could be a code or outlined text — 0 for a few bands and frames)."""
    images: list[tuple] = []
    glyphs: list[tuple] = []
    paths = 0
    squares = 0  # a vector QR drawn as one compound path is a square of at least ~1 cm
    for count, obj in enumerate(page.get_objects()):
        if count > 20000:
            break
        if obj.type == _OBJ_IMAGE:
            try:
                box = _bounds(obj)
            except Exception:
                continue
            if (box[2] - box[0]) * (box[3] - box[1]) >= 0.002 * page_area:
                images.append(box)
        elif obj.type == _OBJ_PATH:
            paths += 1
            if len(glyphs) >= 400:
                continue
            try:
                x0, y0, x1, y1 = _bounds(obj)
            except Exception:
                continue
            w, h = x1 - x0, y1 - y0
            if 28 <= w <= 400 and abs(w - h) <= 0.1 * max(w, h):
                squares += 1
            if 2.5 <= h <= 72 and 0.5 <= w <= 72 and abs(w - h) > 0.15 * max(w, h):
                if not any(overlap_ratio((x0, y0, x1, y1), tb) > 0.5 for tb in text_boxes):
                    glyphs.append((x0, y0, x1, y1))
    # a few large non-square paths (bands, frames, rules) cannot hold text or a code
    code_like = paths >= 10 or squares > 0
    return images, glyphs, paths if code_like else 0


def read_pdf(shown: str, data: bytes, *, ocr_lang: str = "eng") -> Artwork:
    doc = _open(shown, data)
    art = Artwork(path=shown, kind="pdf")
    builder = TextBuilder()
    try:
        total = len(doc)
        if total == 0:
            raise ArtworkError(f"{shown}: the PDF has no pages")
        if total > limits.MAX_PDF_PAGES:
            art.warnings.append(f"only the first {limits.MAX_PDF_PAGES} of {total:,} pages were read")
            art.partial = f"{limits.MAX_PDF_PAGES} of {total:,} pages read"
        for index in range(min(total, limits.MAX_PDF_PAGES)):
            _read_page(shown, doc, index, art, builder, ocr_lang)
    finally:
        doc.close()
    art.text, art.pieces = builder.text, builder.pieces
    return art


def _read_page(shown: str, doc, index: int, art: Artwork, builder: TextBuilder, ocr_lang: str) -> None:
    page = doc[index]
    number = index + 1
    try:
        width, height = page.get_size()
        if width <= 0 or height <= 0 or width * height > (200 * 72) ** 2:
            raise UnsafeFile(f"{shown}: page {number} is {width:.0f}×{height:.0f} pt, not a card page")
        left, bottom, right, top = page.get_cropbox()
        try:
            textpage = page.get_textpage()
            lines, usable = _text_layer(textpage)
            textpage.close()
        except Exception:  # pdfium could not build a text page: read the page by OCR
            lines, usable = [], False
        text_boxes = [w.bbox for ln in lines for w in ln.words] if usable else []
        images, glyphs, paths = _inspect_objects(page, text_boxes, width * height)
        if usable:
            build_text(builder, lines, page=number, y_down=False, source="text-layer")
        if usable and not images and not paths:  # text only: nothing else can hold words
            art.pages.append(PageInfo(number, width, height, "pt", "bottom-left", ocr=False, text_layer=True))
            return

        def render(dpi: float):
            scale = dpi / 72.0
            if width * height * scale * scale > limits.MAX_RENDER_PIXELS:
                scale = (limits.MAX_RENDER_PIXELS / (width * height)) ** 0.5
            img = page.render(scale=scale, grayscale=True, fill_color=(255, 255, 255, 255)).to_pil()
            return (img if img.mode == "L" else img.convert("L")), scale

        img, scale = render(limits.OCR_DPI if not usable else limits.QR_DPI)

        def to_page(x0, y0, x1, y1, _s=scale):
            return (left + x0 / _s, top - y1 / _s, left + x1 / _s, top - y0 / _s)

        codes = find_codes(img, page=number, to_page=to_page)
        art.qr_codes.extend(codes)
        code_boxes = [c.bbox for c in codes if c.bbox]
        # outlined text: many glyph-sized paths that are neither text-layer words nor a code
        outlined = sum(1 for g in glyphs if not any(overlap_ratio(g, cb) > 0.5 for cb in code_boxes)) >= 12
        whole_page_ocr = not usable or outlined
        # a picture that is just the QR code holds no words
        images = [b for b in images if not any(overlap_ratio(cb, b) > 0.9 and _area(cb) > 0.5 * _area(b)
                                               for cb in code_boxes)]
        need_ocr = whole_page_ocr or bool(images)
        art.pages.append(PageInfo(number, width, height, "pt", "bottom-left", ocr=need_ocr, text_layer=usable))
        if not need_ocr:
            return
        if usable:
            img, scale = render(limits.OCR_DPI)

        def to_page(x0, y0, x1, y1, _s=scale):  # noqa: F811 (the OCR render's scale)
            return (left + x0 / _s, top - y1 / _s, left + x1 / _s, top - y0 / _s)

        def to_px(box, _s=scale):
            return ((box[0] - left) * _s, (top - box[3]) * _s, (box[2] - left) * _s, (top - box[1]) * _s)

        masked = img.copy()
        draw = ImageDraw.Draw(masked)
        for b in text_boxes + code_boxes:
            draw.rectangle(to_px(b), fill=255)
        regions = [(0, 0, masked.width, masked.height)] if whole_page_ocr else [
            tuple(int(round(v)) for v in _clip(to_px(b), masked.size)) for b in images]
        ocr_lines_all: list[Line] = []
        for rx0, ry0, rx1, ry1 in regions:
            if rx1 - rx0 < 8 or ry1 - ry0 < 8:
                continue
            crop = masked if (rx0, ry0, rx1, ry1) == (0, 0, masked.width, masked.height) else masked.crop((rx0, ry0, rx1, ry1))

            def crop_to_page(x0, y0, x1, y1, _ox=rx0, _oy=ry0):
                return to_page(x0 + _ox, y0 + _oy, x1 + _ox, y1 + _oy)

            for ln in ocr_lines(crop, ocr_lang, to_page=crop_to_page):
                kept = [w for w in ln.words if not any(overlap_ratio(w.bbox, tb) > 0.5 for tb in text_boxes)]
                if kept:
                    ocr_lines_all.append(Line(kept))
        if ocr_lines_all:
            build_text(builder, ocr_lines_all, page=number, y_down=False, source="ocr",
                       low_confidence=LOW_CONFIDENCE, low_out=art.low_confidence)
    finally:
        page.close()


def _area(b) -> float:
    return max(0.0, b[2] - b[0]) * max(0.0, b[3] - b[1])


def _clip(box, size):
    w, h = size
    return (max(0, box[0]), max(0, box[1]), min(w, box[2]), min(h, box[3]))


def render_page(data: bytes, page_number: int, width_px: int) -> tuple[Image.Image, float, tuple]:
    """A page as an RGB image ``width_px`` wide (for reports): (image, scale, cropbox)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    try:
        page = doc[page_number - 1]
        w, _h = page.get_size()
        scale = width_px / w
        img = page.render(scale=scale, fill_color=(255, 255, 255, 255)).to_pil().convert("RGB")
        crop = page.get_cropbox()
        page.close()
        return img, scale, crop
    finally:
        doc.close()
