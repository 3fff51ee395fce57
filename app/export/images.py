"""Images for print: CMYK (or gray), no alpha, sensible resolution.

reportlab embeds whatever it is given: an RGB image becomes DeviceRGB, an RGBA image gets a
live-transparency /SMask, and an embedded ICC profile is dropped (research/print.md §4.4).
So every image is prepared here before it reaches the canvas:

1. crop to the part of the image that is visible (the element's crop and its box);
2. downsample to ``TARGET_PPI`` when the effective resolution exceeds ``DOWNSAMPLE_ABOVE_PPI``;
3. convert to CMYK: with the user's press ICC profile (Pillow ImageCms, perceptual intent,
   from the image's own embedded profile or sRGB) when one is given, else with the plain
   gray-component formula Cardwise's colour model uses (K = 1 − max(R,G,B)), which keeps
   black at 100 K rather than Pillow's 300 % CMY-only black; grayscale stays DeviceGray;
4. flatten alpha onto the artwork underneath (composited in CMYK): everything below the
   image in z-order — background, shapes, text, QR codes, other images — is drawn through
   the exporter's own drawers and rendered to CMYK pixels at the image's resolution (at
   least 300 ppi) by :mod:`app.export.flatten`, so a transparent pixel lands exactly on the
   ink values of what lies beneath it and no /SMask is written (PDF/X-1a); for PDF/X-4 the alpha is kept instead and attached as the image's /SMask
   (:func:`attach_soft_masks`), so the RIP blends it with whatever lies beneath;
5. encode photographs as CMYK JPEG (quality 95) and flat artwork losslessly (Flate).

``PreparedImage.method`` says which colour conversion ran; preflight reports it.
"""
from __future__ import annotations

import hashlib
import io
import threading
import warnings
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from PIL import Image, ImageCms

from app.errors import ExportError, image_error_text

TARGET_PPI = 300.0
DOWNSAMPLE_ABOVE_PPI = 450.0
JPEG_QUALITY = 95

_CACHE: "OrderedDict[tuple, PreparedImage]" = OrderedDict()
_CACHE_SIZE = 32
_CACHE_LOCK = threading.Lock()   # the designer exports and previews from worker threads


@dataclass(frozen=True)
class PreparedImage:
    data: bytes            # encoded image (JPEG or PNG) ready for reportlab's ImageReader
    mode: str              # "CMYK" or "L"
    size: tuple[int, int]  # pixels embedded
    method: str            # "icc:<profile>", "basic-gcr", "gray", "cmyk-source"
    downsampled: bool
    had_alpha: bool
    source_mode: str
    soft_mask: bytes | None = None   # PNG (L) of the alpha kept for a PDF/X-4 /SMask, else None

    def reader(self) -> Any:
        from reportlab.lib.utils import ImageReader

        return ImageReader(io.BytesIO(self.data))


def _open(data: bytes, what: str) -> Image.Image:
    try:
        with warnings.catch_warnings():   # the model's own pixel limit applies; no stderr noise
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            img = Image.open(io.BytesIO(data))
            img.load()
    except Image.DecompressionBombError:
        raise ExportError(f"{what}: the image is too large to place (decompression bomb protection)") from None
    except Exception as exc:  # noqa: BLE001 - Pillow raises many types for bad data
        raise ExportError(f"{what}: the image data cannot be read ({image_error_text(exc)})") from None
    return img


def _basic_gcr(rgb: Image.Image) -> Image.Image:
    """RGB → CMYK with full gray-component replacement (K = 1 − max), the inverse of the preview."""
    import numpy as np

    a = np.asarray(rgb, dtype=np.float32) / 255.0
    k = 1.0 - a.max(axis=2)
    denom = np.where(k < 1.0, 1.0 - k, 1.0)
    cmy = (1.0 - a - k[..., None]) / denom[..., None]
    cmy = np.where((k < 1.0)[..., None], cmy, 0.0)
    out = np.concatenate([cmy, k[..., None]], axis=2)
    return Image.fromarray(np.clip(out * 255.0 + 0.5, 0, 255).astype(np.uint8), "CMYK")


def _to_cmyk(img: Image.Image, icc: Any | None) -> tuple[Image.Image, str]:
    """``img`` (RGB) → CMYK; returns the image and the method used."""
    if icc is not None:
        try:
            src_bytes = img.info.get("icc_profile")
            src = (ImageCms.ImageCmsProfile(io.BytesIO(src_bytes)) if src_bytes
                   else ImageCms.createProfile("sRGB"))
            dst = ImageCms.ImageCmsProfile(io.BytesIO(icc.data))
            out = ImageCms.profileToProfile(img, src, dst, renderingIntent=ImageCms.Intent.PERCEPTUAL,
                                            outputMode="CMYK")
        except (ImageCms.PyCMSError, OSError) as exc:
            raise ExportError(f"ICC profile {icc.name}: colour conversion failed ({exc})") from exc
        return out, f"icc:{icc.name}"
    return _basic_gcr(img), "basic-gcr"


def to_cmyk(img: Image.Image, icc: Any | None = None) -> tuple[Image.Image, str]:
    """An RGB image in CMYK exactly as the export converts it (``icc``: the printer's
    profile, else Cardwise's gray-component formula); returns the image and the method."""
    return _to_cmyk(img, icc)


def _flatten(img: Image.Image, alpha: Image.Image, under_cmyk: tuple[float, float, float, float],
             under_raster: Image.Image | None = None) -> Image.Image:
    """Composite a CMYK or L image (done in ink space) over what lies under it: the CMYK
    ``under_raster`` (the artwork beneath, same pixel size) when given, else the flat
    ``under_cmyk`` colour."""
    if img.mode == "L" and under_raster is None:
        bg = Image.new("L", img.size, round(255 * (1 - under_cmyk[3])))
        return Image.composite(img, bg, alpha)
    if img.mode == "L":   # coloured artwork under a gray image: the result is CMYK
        img = Image.merge("CMYK", (*(Image.new("L", img.size, 0),) * 3, img.point(lambda v: 255 - v)))
    if under_raster is not None:
        bg = under_raster if under_raster.mode == "CMYK" else under_raster.convert("CMYK")
    else:
        bg = Image.new("CMYK", img.size, tuple(round(255 * v) for v in under_cmyk))
    return Image.composite(img, bg, alpha)


_ALPHA_CACHE: "OrderedDict[str, bool]" = OrderedDict()


def has_alpha(data: bytes, what: str = "image") -> bool:
    """The image has pixels that are not fully opaque (it needs flattening for PDF/X-1a)."""
    key = hashlib.sha1(data).hexdigest()
    with _CACHE_LOCK:
        hit = _ALPHA_CACHE.get(key)
    if hit is not None:
        return hit
    img = _open(data, what)
    result = False
    if img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
        rgba = img.convert("LA" if img.mode == "LA" else "RGBA")
        result = rgba.getchannel("A").getextrema() != (255, 255)
    with _CACHE_LOCK:
        _ALPHA_CACHE[key] = result
        while len(_ALPHA_CACHE) > 256:
            _ALPHA_CACHE.popitem(last=False)
    return result


def flatten_size(crop_px: tuple[int, int, int, int], placed_pt: tuple[float, float]) -> tuple[int, int]:
    """The pixel size a transparent image is flattened at for PDF/X-1a: its own resolution,
    brought to ``TARGET_PPI`` when above ``DOWNSAMPLE_ABOVE_PPI`` (as :func:`prepare_image`
    does) or below ``TARGET_PPI`` (the artwork rendered beneath it must print sharp)."""
    w_px, h_px = crop_px[2] - crop_px[0], crop_px[3] - crop_px[1]
    w_pt, h_pt = placed_pt
    ppi = min(w_px / (w_pt / 72.0), h_px / (h_pt / 72.0))
    if ppi > DOWNSAMPLE_ABOVE_PPI or ppi < TARGET_PPI:
        scale = TARGET_PPI / ppi
        return max(1, round(w_px * scale)), max(1, round(h_px * scale))
    return w_px, h_px


def prepare_image(data: bytes, *, crop_px: tuple[float, float, float, float], placed_pt: tuple[float, float],
                  under_cmyk: tuple[float, float, float, float] = (0, 0, 0, 0), icc: Any | None = None,
                  what: str = "image", under_raster: Image.Image | None = None,
                  keep_alpha: bool = False) -> PreparedImage:
    """Crop to ``crop_px`` (x0, y0, x1, y1 in source pixels), size for ``placed_pt`` (w, h)
    and convert for print. A transparent image is flattened onto ``under_raster`` (CMYK
    pixels of the artwork beneath it, :func:`flatten_size` big; the image is resampled to
    that size) or else onto the flat ``under_cmyk``. Results are cached (the designer
    re-exports the same card)."""
    key = (hashlib.sha1(data).hexdigest(), tuple(round(v, 2) for v in crop_px),
           tuple(round(v, 2) for v in placed_pt), tuple(round(v, 4) for v in under_cmyk),
           None if icc is None else hashlib.sha1(icc.data).hexdigest(),
           None if under_raster is None else (under_raster.size, hashlib.sha1(under_raster.tobytes()).hexdigest()),
           keep_alpha)
    with _CACHE_LOCK:
        hit = _CACHE.get(key)
        if hit is not None:
            _CACHE.move_to_end(key)
            return hit
    img = _open(data, what)
    source_mode = img.mode
    src_format = img.format
    icc_bytes = img.info.get("icc_profile")
    x0, y0, x1, y1 = crop_px
    box = (max(0, int(x0)), max(0, int(y0)), min(img.width, int(round(x1))), min(img.height, int(round(y1))))
    if box[2] - box[0] < 1 or box[3] - box[1] < 1:
        raise ExportError(f"{what}: nothing of the image is visible")
    # normalise the mode: alpha split off, palette/16-bit expanded
    alpha = None
    if img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
        img = img.convert("RGBA" if img.mode != "LA" else "LA")
    if img.mode in ("RGBA", "LA"):
        alpha = img.getchannel("A")
        img = img.convert("RGB" if img.mode == "RGBA" else "L")
        if alpha.getextrema() == (255, 255):
            alpha = None
    elif img.mode in ("I;16", "I;16B", "I;16L", "I"):
        img = img.point(lambda v: v / 256).convert("L")
    elif img.mode == "1":
        img = img.convert("L")
    elif img.mode not in ("RGB", "L", "CMYK"):
        img = img.convert("RGB")
    if icc_bytes:
        img.info["icc_profile"] = icc_bytes
    img = img.crop(box)
    if alpha is not None:
        alpha = alpha.crop(box)
    # resolution
    w_pt, h_pt = placed_pt
    ppi = min(img.width / (w_pt / 72.0), img.height / (h_pt / 72.0))
    downsampled = False
    if ppi > DOWNSAMPLE_ABOVE_PPI:
        scale = TARGET_PPI / ppi
        size = (max(1, round(img.width * scale)), max(1, round(img.height * scale)))
        img = img.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
        if alpha is not None:
            alpha = alpha.resize(size, Image.Resampling.LANCZOS)
        downsampled = True
        if icc_bytes:
            img.info["icc_profile"] = icc_bytes
    if alpha is not None and under_raster is not None and not keep_alpha and img.size != under_raster.size:
        # flattened at the resolution the artwork beneath was rendered at (>= TARGET_PPI)
        downsampled = downsampled or under_raster.width < img.width
        img = img.resize(under_raster.size, Image.Resampling.LANCZOS)
        alpha = alpha.resize(under_raster.size, Image.Resampling.LANCZOS)
        if icc_bytes:
            img.info["icc_profile"] = icc_bytes
    # colour
    if img.mode == "L":
        method = "gray"
    elif img.mode == "CMYK":
        method = "cmyk-source"
    else:
        img, method = _to_cmyk(img, icc)
    soft_mask = None
    if alpha is not None and keep_alpha:   # PDF/X-4: live transparency, blended by the RIP
        mbuf = io.BytesIO()
        alpha.save(mbuf, "PNG", compress_level=1)
        soft_mask = mbuf.getvalue()
    elif alpha is not None:
        img = _flatten(img, alpha, under_cmyk, under_raster)
    # encoding: photographs as JPEG, flat art (few colours / had alpha / lossless source) as PNG
    buf = io.BytesIO()
    photo = src_format == "JPEG" or (src_format in ("WEBP", "TIFF") and alpha is None)
    if photo:
        img.save(buf, "JPEG", quality=JPEG_QUALITY, subsampling=0, optimize=True)
    elif img.mode == "CMYK":
        img.save(buf, "TIFF", compression="raw")  # lossless; reportlab re-encodes with Flate
    else:
        img.save(buf, "PNG", compress_level=1)
    prepared = PreparedImage(buf.getvalue(), img.mode, img.size, method, downsampled,
                             alpha is not None, source_mode, soft_mask)
    with _CACHE_LOCK:
        _CACHE[key] = prepared
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return prepared


def attach_soft_masks(path: Any, images: list[tuple[str, PreparedImage]]) -> int:
    """Give each drawn image that kept its alpha (PDF/X-4) its /SMask, in place. reportlab
    writes the CMYK pixels only; the image XObject is found by its pixels. Returns how many
    masks were attached."""
    import zlib

    import pikepdf

    pending = [p for _id, p in images if p.soft_mask is not None]
    if not pending:
        return 0
    keyed: dict[bytes, PreparedImage] = {}
    for p in pending:
        with Image.open(io.BytesIO(p.data)) as im:
            keyed[hashlib.sha1(im.tobytes()).digest()] = p
    done = 0
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        for obj in pdf.objects:
            if not isinstance(obj, pikepdf.Stream) or obj.get("/Subtype") != pikepdf.Name.Image or "/SMask" in obj:
                continue
            try:
                pixels = pikepdf.PdfImage(obj).as_pil_image().tobytes()
            except Exception:  # noqa: BLE001 - an image pikepdf cannot decode is not one of ours
                continue
            p = keyed.get(hashlib.sha1(pixels).digest())
            if p is None:
                continue
            with Image.open(io.BytesIO(p.soft_mask)) as mask:
                raw = mask.convert("L").tobytes()
                w, h = mask.size
            sm = pikepdf.Stream(pdf, zlib.compress(raw))
            sm.Type, sm.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
            sm.Width, sm.Height, sm.BitsPerComponent = w, h, 8
            sm.ColorSpace, sm.Filter = pikepdf.Name.DeviceGray, pikepdf.Name.FlateDecode
            obj.SMask = pdf.make_indirect(sm)
            done += 1
        pdf.save(path)
    return done
