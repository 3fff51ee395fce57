"""Raster artwork (PNG, JPEG, TIFF incl. multi-page, WebP, BMP): OCR + 2-D codes.

Boxes are in pixels of the image as displayed (EXIF rotation applied), origin top-left.
Pillow's decompression-bomb guard is turned into a hard refusal before any pixel is decoded;
a truncated file is an error, never a half-read image.
"""
from __future__ import annotations

import io
import warnings

from PIL import Image, ImageDraw, ImageFile, ImageOps, ImageSequence

from app.batch import limits
from app.batch.artwork import Artwork, PageInfo, TextBuilder, build_text
from app.batch.blocks import padded, text_blocks
from app.batch.errors import ArtworkError, UnsafeFile
from app.batch.ocr import LOW_CONFIDENCE, ocr_lines
from app.batch.qr import find_codes
from app.errors import image_error_text

ImageFile.LOAD_TRUNCATED_IMAGES = False
Image.MAX_IMAGE_PIXELS = limits.MAX_IMAGE_PIXELS


def open_image(shown: str, data: bytes) -> Image.Image:
    """Open and verify the header; refuse bombs before decoding."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = Image.open(io.BytesIO(data))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise UnsafeFile(f"{shown}: image too large to decode safely (limit "
                         f"{limits.MAX_IMAGE_PIXELS // 1_000_000} megapixels): possible decompression bomb") from None
    except Exception as exc:  # PIL.UnidentifiedImageError, OSError, SyntaxError…
        raise ArtworkError(f"{shown}: not a readable image ({image_error_text(exc)})") from None
    w, h = img.size
    if w * h > limits.MAX_IMAGE_PIXELS:
        raise UnsafeFile(f"{shown}: image is {w}×{h} pixels, above the {limits.MAX_IMAGE_PIXELS // 1_000_000} "
                         "megapixel limit: possible decompression bomb")
    return img


def frames(shown: str, img: Image.Image):
    """Decoded, upright RGB/L frames (multi-page TIFF gives several)."""
    n = getattr(img, "n_frames", 1)
    for i, frame in enumerate(ImageSequence.Iterator(img)):
        if i >= limits.MAX_PDF_PAGES:
            break
        try:
            frame.load()
            out = ImageOps.exif_transpose(frame) if i == 0 else frame.copy()
        except OSError as exc:
            raise ArtworkError(f"{shown}: image data is damaged or truncated ({exc})") from None
        if out.mode not in ("RGB", "L"):
            if out.mode in ("RGBA", "LA", "P", "PA"):  # transparent areas are paper: white
                rgba = out.convert("RGBA")
                bg = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
                out = Image.alpha_composite(bg, rgba).convert("RGB")
            else:
                out = out.convert("RGB")
        yield i + 1, out, n


def read_image(shown: str, data: bytes, *, ocr_lang: str = "eng") -> Artwork:
    if not data:
        raise ArtworkError(f"{shown}: empty file")
    img = open_image(shown, data)
    art = Artwork(path=shown, kind="image")
    builder = TextBuilder()
    total = 1
    for page, frame, total in frames(shown, img):
        art.pages.append(PageInfo(page, frame.width, frame.height, "px", "top-left", ocr=True))
        grey = frame if frame.mode == "L" else frame.convert("L")  # codes and OCR read grey
        codes = find_codes(grey, page=page)
        art.qr_codes.extend(codes)
        if codes:  # a code's modules are not words: keep them away from OCR
            grey = grey.copy()
            draw = ImageDraw.Draw(grey)
            for c in codes:
                draw.rectangle([v for v in c.bbox], fill=255)
        cell = max(1, min(grey.size) // 75)   # the whole card's normalisation cell (app.batch.ocr)
        for block in text_blocks(grey):   # read block by block, in reading order (app.batch.blocks)
            x0, y0, x1, y1 = padded(block, grey.size)
            lines = ocr_lines(grey.crop((x0, y0, x1, y1)), ocr_lang, cell=cell,
                              to_page=lambda a, b, c, d, x0=x0, y0=y0: (float(a + x0), float(b + y0),
                                                                        float(c + x0), float(d + y0)))
            build_text(builder, lines, page=page, y_down=True, source="ocr",
                       low_confidence=LOW_CONFIDENCE, low_out=art.low_confidence)
            builder.paragraph_break()
    if total > limits.MAX_PDF_PAGES:
        art.warnings.append(f"only the first {limits.MAX_PDF_PAGES} of {total:,} images in the file were read")
        art.partial = f"{limits.MAX_PDF_PAGES} of {total:,} frames read"
    art.text, art.pieces = builder.text, builder.pieces
    return art
