"""Fixes: what *Apply* does for a finding that is not a wording rewrite.

``fixes_for(doc, finding)`` lists the real fixes for one finding (often none); each
:class:`Fix` is a tuple of :class:`Edit` values worked out in advance, so applying it and
taking it back are exact:

* a QR code whose payload a marketplace rule flags (off-Amazon link, sign-up form, coupon,
  messenger…): remove the code, or point it at the product's Amazon review page (needs the
  product's ASIN; the UI asks when the card has none and :meth:`Fix.with_asin` completes the
  fix) or at the buyer's Amazon orders page, on the card's Amazon storefront
  (:func:`storefront`);
* print preflight: text past the trim or outside the safe zone (PF002, PF001) is moved into
  the safe zone, a rectangle that stops short of the bleed (PF009) is extended to it, an
  RGB image (PF006) is converted to CMYK as the export would convert it, text that does not
  fit its box (PF012) is set at the largest size that fits (the shared text layout) and is
  still legible; small rich-black text (PF014) is set in 100 % K; a QR code too low in
  contrast (PF011) becomes black on white, one without a quiet zone (PF018) gets a white
  ground.

Every other finding has no fix here, so the designer shows no Apply button for it.

``Fix.apply(doc)`` returns the inverse edits; ``revert(doc, undo)`` plays them back. The
designer wraps the pair in one undo command (``app.ui.fix_actions``). Qt-free.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from app.export.preflight import (
    MIN_COLOURED_TEXT_PT, MIN_TEXT_PT, RICH_BLACK_TEXT_BELOW_PT, _is_coloured, _is_reversed, _under_colour, text_ink,
)
from app.model.color import BLACK, WHITE
from app.model.document import Document
from app.model.elements import ImageElement, QrElement, RectElement, TextBox
from app.model.units import mm

if TYPE_CHECKING:
    from checks.findings import Finding

#: an Amazon Standard Identification Number: ten letters or digits (B0… for most products)
ASIN_RE = re.compile(r"^[A-Z0-9]{10}$")
#: the document metadata key the product's ASIN is kept under (asked once, reused)
ASIN_KEY = "asin"
#: document setting naming the card's Amazon storefront ("amazon.de"); else the card's language decides
STOREFRONT_KEY = "storefront"

REVIEW_PATH = "/review/create-review?asin={asin}"
ORDERS_PATH = "/gp/css/order-history"


class FixError(ValueError):
    """A fix that cannot be applied as asked (an invalid ASIN, a fix that still needs one)."""


# ------------------------------------------------------------------------------ edits
@dataclass(frozen=True)
class Edit:
    """One change to a document.

    ``op``: ``set`` (element ``target``'s ``prop`` = ``value``), ``geometry`` (element
    ``target`` to ``value`` = (x, y, w, h)), ``remove`` (element ``target``), ``insert``
    (``value`` = (side, index, element), the inverse of remove), ``asset`` (image bytes
    ``value`` = (data, name) whose id is ``target``), ``drop-asset`` (its inverse) and
    ``metadata`` (document metadata key ``target`` = ``value``) and ``cmyk`` (element
    ``target``'s image, asset ``value``, converted to CMYK when applied: converting a large
    photograph takes a second or two, so it is done when the user asks, not when offered)."""

    op: str
    target: str
    value: Any = None
    prop: str = ""


def _apply_edit(doc: Document, e: Edit) -> Edit | tuple[Edit, ...]:
    """Apply ``e``; returns the edit(s) that undo it (in the order to apply them)."""
    if e.op == "set":
        return Edit("set", e.target, doc.set_property(e.target, e.prop, e.value), e.prop)
    if e.op == "geometry":
        return Edit("geometry", e.target, doc.set_geometry(e.target, *e.value))
    if e.op == "remove":
        return Edit("insert", e.target, doc.remove_element(e.target))
    if e.op == "insert":
        side, index, element = e.value
        doc.add_element(side, element, index)
        return Edit("remove", e.target)
    if e.op == "asset":
        if e.target in doc.assets:
            return Edit("asset", e.target, None)      # already there: nothing to take back
        data, name = e.value
        aid = doc.add_asset(data, name)
        if aid != e.target:
            raise FixError(f"the converted image {name!r} has changed since the fix was made")
        return Edit("drop-asset", aid)
    if e.op == "cmyk":
        asset = doc.assets.get(e.value)
        converted = _cmyk_bytes(asset.data) if asset is not None else None
        if converted is None:
            raise FixError(f"the image {e.value!r} cannot be converted to CMYK")
        data, suffix = converted
        stem = asset.name.rsplit(".", 1)[0] if "." in asset.name else asset.name
        from app.model.document import Asset

        aid = Asset.content_id(data)
        undo_asset = _apply_edit(doc, Edit("asset", aid, (data, f"{stem}-cmyk.{suffix}")))
        undo_set = _apply_edit(doc, Edit("set", e.target, aid, "asset_id"))
        return (undo_set, undo_asset)
    if e.op == "drop-asset":
        doc.assets.pop(e.target, None)
        return Edit("asset", e.target, None)
    if e.op == "metadata":     # prop "absent": the key is taken out again (the undo of a new key)
        had = e.target in doc.metadata
        old = doc.set_metadata(e.target, e.value)
        if e.prop == "absent":
            doc.metadata.pop(e.target, None)
        return Edit("metadata", e.target, old, "" if had else "absent")
    raise FixError(f"unknown edit {e.op!r}")


def apply_edits(doc: Document, edits: tuple[Edit, ...] | list[Edit]) -> tuple[Edit, ...]:
    """Apply ``edits`` in order as one model batch; returns the undo (inverse edits, in the
    order to apply them). On a failure the edits already made are taken back."""
    undo: list[Edit] = []
    with doc.batch():
        try:
            for e in edits:
                back = _apply_edit(doc, e)
                undo[:0] = list(back) if isinstance(back, tuple) else [back]
        except Exception:
            for u in undo:
                if not (u.op == "asset" and u.value is None):
                    _apply_edit(doc, u)
            raise
    return tuple(u for u in undo if not (u.op == "asset" and u.value is None))


def revert(doc: Document, undo: tuple[Edit, ...]) -> None:
    """Take back a fix: ``undo`` is what :meth:`Fix.apply` returned."""
    apply_edits(doc, undo)


@dataclass(frozen=True)
class Fix:
    """One way to fix one finding. ``label`` is the English source string the UI
    translates; ``detail`` says what exactly changes (the new link, the new size), shown as
    the button's tool tip. ``needs`` = "asin": the review-page fix waits for the product's
    ASIN (:meth:`with_asin`)."""

    key: str
    label: str
    element_id: str
    edits: tuple[Edit, ...] = ()
    detail: str = ""
    needs: str = ""
    storefront: str = ""

    def apply(self, doc: Document) -> tuple[Edit, ...]:
        """Make the change; returns the inverse edits for :func:`revert`."""
        if self.needs:
            raise FixError(f"the fix '{self.label}' needs the product's {self.needs.upper()} first")
        return apply_edits(doc, self.edits)

    def with_asin(self, asin: str) -> "Fix":
        """The review-page fix for product ``asin`` (stored in the card for next time)."""
        asin = normalise_asin(asin)
        url = review_url(self.storefront, asin)
        return replace(self, needs="", detail=url,
                       edits=(Edit("set", self.element_id, url, "payload"), Edit("metadata", ASIN_KEY, asin)))


def normalise_asin(text: str) -> str:
    """``text`` as an ASIN (upper case, spaces trimmed); FixError unless ten letters or digits."""
    asin = (text or "").strip().upper()
    if not ASIN_RE.match(asin):
        raise FixError(f"{text!r} is not an ASIN (ten letters or digits, such as B0C1234567)")
    return asin


def card_asin(doc: Document) -> str | None:
    """The product's ASIN kept in the card, if a valid one is."""
    try:
        return normalise_asin(str(doc.metadata.get(ASIN_KEY) or ""))
    except FixError:
        return None


# ------------------------------------------------------------------------------ storefronts
@lru_cache(maxsize=1)
def _storefronts() -> dict[str, Any]:
    import yaml

    from app.paths import resource

    with resource("storefronts.yaml").open("r", encoding="utf-8") as fh:
        return yaml.safe_load(fh) or {}


def _card_language(doc: Document) -> str | None:
    from checks.langid import LanguageGuesser
    from checks.rules import load_rules

    guesser = LanguageGuesser(load_rules().languages)
    weight: dict[str, int] = {}
    for _side, el in doc.elements():
        if isinstance(el, TextBox) and el.text.strip():
            lang = guesser.guess(el.text)
            if lang:
                weight[lang] = weight.get(lang, 0) + len(el.text)
    return max(weight, key=weight.get) if weight else None


def storefront(doc: Document) -> str:
    """The card's Amazon storefront host: the card's ``storefront`` setting ("amazon.de"),
    else the storefront of the language the card is written in, else amazon.com."""
    data = _storefronts()
    own = str(doc.settings.get(STOREFRONT_KEY) or "").strip().lower()
    if own in data.get("storefronts", ()):
        return own
    lang = _card_language(doc)
    return str((data.get("by_language") or {}).get(lang or "", data.get("default", "amazon.com")))


def review_url(host: str, asin: str) -> str:
    return f"https://www.{host}" + REVIEW_PATH.format(asin=asin)


def orders_url(host: str) -> str:
    return f"https://www.{host}{ORDERS_PATH}"


# ------------------------------------------------------------------------------ per finding
def fixes_for(doc: Document, finding: Finding, profile: str | None = None) -> list[Fix]:
    """The fixes that would resolve ``finding`` on ``doc`` (empty: there is none). ``profile``
    is the marketplace profile the card is checked against (default: the card's own)."""
    if not finding.element_id:
        return []
    el = doc.get(finding.element_id)
    if el is None:
        return []
    if str(finding.category) != "print":
        if isinstance(el, QrElement):
            return _qr_fixes(doc, el, profile or str(doc.settings.get("profile") or "amazon"))
        return []
    maker = _PRINT_FIXES.get(finding.rule)
    fix = maker(doc, el, finding) if maker is not None else None
    return [fix] if fix is not None else []


def _qr_fixes(doc: Document, el: QrElement, profile: str) -> list[Fix]:
    out = [Fix("qr-remove", "Remove the QR code", el.id, (Edit("remove", el.id),))]
    if profile != "amazon":
        return out       # an Amazon link is no answer on another marketplace
    host = storefront(doc)
    review = Fix("qr-amazon-review", "Point it at the product's Amazon review page", el.id,
                 needs="asin", storefront=host, detail=review_url(host, "ASIN"))
    asin = card_asin(doc)
    if asin is not None:
        review = review.with_asin(asin)
    orders = orders_url(host)
    out.append(review)
    out.append(Fix("qr-amazon-orders", "Point it at the buyer's Amazon orders page", el.id,
                   (Edit("set", el.id, orders, "payload"),), detail=orders))
    return [f for f in out if not (f.edits and f.edits[0].op == "set" and f.edits[0].value == el.payload)]


def _move_into_safe(doc: Document, el: Any, finding: Finding) -> Fix | None:
    """PF001/PF002: shift the box so its printed lines sit inside the safe zone."""
    if not isinstance(el, TextBox):
        return None
    from app.model.fonts import library_for
    from app.model.text_layout import layout

    ink = text_ink(el, layout(el, library_for(doc)))
    safe = doc.spec.safe_rect
    if ink is None or ink.w > safe.w + 1e-6 or ink.h > safe.h + 1e-6:
        return None          # wider or taller than the safe zone: moving cannot help
    dx = _shift(ink.x, ink.right, safe.x, safe.right)
    dy = _shift(ink.y, ink.bottom, safe.y, safe.bottom)
    if not dx and not dy:
        return None
    geometry = (round(el.x + dx, 3), round(el.y + dy, 3), el.w, el.h)
    return Fix("move-into-safe", "Move the text into the safe zone", el.id,
               (Edit("geometry", el.id, geometry),),
               detail=_arrows(dx, dy))


def _arrows(dx: float, dy: float) -> str:
    """A move in any interface language: "→ 1.5 mm  ↑ 0.8 mm"."""
    parts = []
    if dx:
        parts.append(f"{'→' if dx > 0 else '←'} {abs(dx) / mm(1):.1f} mm")
    if dy:
        parts.append(f"{'↓' if dy > 0 else '↑'} {abs(dy) / mm(1):.1f} mm")
    return "  ".join(parts)


def _shift(lo: float, hi: float, min_: float, max_: float) -> float:
    """How far to move [lo, hi] to lie inside [min_, max_] (a hair inside, so rounding
    never leaves it on the line)."""
    eps = 0.05
    if lo < min_:
        return min_ - lo + eps
    if hi > max_:
        return max_ - hi - eps
    return 0.0


def _extend_to_bleed(doc: Document, el: Any, finding: Finding) -> Fix | None:
    """PF009: a rectangle (a background band) reaching the trim is run out to the bleed."""
    if not isinstance(el, RectElement) or el.rotation % 360:
        return None
    bleed = doc.spec.bleed
    edges = set(finding.extra.get("edges") or ())
    x0, y0, x1, y1 = el.x, el.y, el.x + el.w, el.y + el.h
    if "left" in edges:
        x0 = -bleed
    if "top" in edges:
        y0 = -bleed
    if "right" in edges:
        x1 = doc.spec.width + bleed
    if "bottom" in edges:
        y1 = doc.spec.height + bleed
    geometry = (x0, y0, x1 - x0, y1 - y0)
    if geometry == (el.x, el.y, el.w, el.h):
        return None
    arrows = {"left": "←", "top": "↑", "right": "→", "bottom": "↓"}
    return Fix("bleed-extend", "Extend it to the bleed", el.id, (Edit("geometry", el.id, geometry),),
               detail=" ".join(arrows[e] for e in ("left", "top", "right", "bottom") if e in edges)
               + f" {bleed / mm(1):.1f} mm")


def _image_to_cmyk(doc: Document, el: Any, finding: Finding) -> Fix | None:
    """PF006: convert the RGB image to CMYK as the export does (no transparency to lose)."""
    if not isinstance(el, ImageElement):
        return None
    asset = doc.assets.get(el.asset_id)
    if asset is None or not _convertible(asset.id, asset.data):
        return None
    return Fix("image-cmyk", "Convert the image to CMYK", el.id, (Edit("cmyk", el.id, asset.id),),
               detail="basic-gcr")


@lru_cache(maxsize=64)
def _convertible(asset_id: str, data: bytes) -> bool:
    """Whether the image (``asset_id`` = its content hash) is RGB or palette without
    transparency: CMYK holds no alpha, and the export flattens transparent pixels onto what
    lies below, which a conversion here would lose. Only an image with an alpha channel is
    decoded to find out."""
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as im:
            if im.mode == "RGB":
                return True
            if im.mode == "P":
                return "transparency" not in im.info
            if im.mode in ("RGBA", "PA"):
                im.load()
                return im.getchannel("A").getextrema() == (255, 255)
    except Exception:  # noqa: BLE001 - an unreadable image has its own finding (PF016)
        return False
    return False


def _open_rgb(data: bytes) -> tuple[Any, str, Any] | None:
    """(RGB image, source format, dpi) of an opaque RGB/palette image, else None."""
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as im:
            if im.mode not in ("RGB", "RGBA", "P", "PA"):
                return None
            im.load()
            fmt = (im.format or "").upper()
            if im.mode == "P" and "transparency" in im.info:
                return None
            if im.mode in ("RGBA", "PA") and im.getchannel("A").getextrema() != (255, 255):
                return None
            return im.convert("RGB"), fmt, im.info.get("dpi")
    except Exception:  # noqa: BLE001 - an unreadable image has its own finding (PF016)
        return None


@lru_cache(maxsize=4)
def _cmyk_bytes(data: bytes) -> tuple[bytes, str] | None:
    """``data`` (an opaque RGB or palette image) as CMYK JPEG (photographs) or TIFF (flat
    art), converted by the export's own conversion; None if it cannot be."""
    from app.export.images import JPEG_QUALITY, to_cmyk

    opened = _open_rgb(data)
    if opened is None:
        return None
    rgb, fmt, dpi = opened
    cmyk, _method = to_cmyk(rgb, None)
    buf = io.BytesIO()
    kw: dict[str, Any] = {"dpi": dpi} if dpi else {}
    if fmt == "JPEG":
        cmyk.save(buf, "JPEG", quality=JPEG_QUALITY, subsampling=0, **kw)
        return buf.getvalue(), "jpg"
    cmyk.save(buf, "TIFF", compression="tiff_lzw", **kw)
    return buf.getvalue(), "tif"


def _shrink_text(doc: Document, el: Any, finding: Finding) -> Fix | None:
    """PF012: the largest size (0.5 pt steps) at which the text fits, never below legible."""
    if not isinstance(el, TextBox):
        return None
    from app.model.fonts import library_for
    from app.model.text_layout import layout, shrink_to_fit

    side, _el = doc.find(el.id)
    under = _under_colour(side, el) if el.fill is None else el.fill
    floor = max((MIN_COLOURED_TEXT_PT if (_is_coloured(p.style.color) or _is_reversed(p.style.color, under))
                 else MIN_TEXT_PT) for p in el.paragraphs) if el.paragraphs else MIN_TEXT_PT
    fonts = library_for(doc)
    paras = shrink_to_fit(el, fonts, min_size=floor)
    if paras == el.paragraphs:
        return None
    trial = replace(el, paragraphs=tuple(paras))
    if layout(trial, fonts).overset:
        return None          # does not fit even at the smallest legible size
    top = max(p.style.size_pt for p in paras)
    return Fix("text-shrink", "Shrink the text to fit", el.id, (Edit("set", el.id, tuple(paras), "paragraphs"),),
               detail=f"{top:g} pt")


def _small_text_to_k(doc: Document, el: Any, finding: Finding) -> Fix | None:
    """PF014: small rich-black text set in 100 % K (one plate cannot misregister)."""
    if not isinstance(el, TextBox):
        return None
    paras = tuple(p.__class__(p.text, p.style.with_(color=BLACK)) if _rich_black_small(p.style) else p
                  for p in el.paragraphs)
    if paras == el.paragraphs:
        return None
    return Fix("text-100k", "Set the small text in 100 % K", el.id, (Edit("set", el.id, paras, "paragraphs"),),
               detail="C0 M0 Y0 K100")


def _rich_black_small(style: Any) -> bool:
    """The condition of preflight's PF014, per paragraph style."""
    c, m, y, k = style.color.cmyk
    return k >= 0.9 and c + m + y > 0.05 and style.size_pt < RICH_BLACK_TEXT_BELOW_PT and not style.color.spot


def _qr_black_on_white(doc: Document, el: Any, finding: Finding) -> Fix | None:
    """PF011: dark modules on a light ground, the one combination every scanner reads."""
    if not isinstance(el, QrElement) or (el.fg == BLACK and el.bg == WHITE):
        return None
    edits = [Edit("set", el.id, BLACK, "fg")] if el.fg != BLACK else []
    if el.bg != WHITE:
        edits.append(Edit("set", el.id, WHITE, "bg"))
    return Fix("qr-black-on-white", "Make it black on white", el.id, tuple(edits), detail="K100 / K0")


def _qr_white_ground(doc: Document, el: Any, finding: Finding) -> Fix | None:
    """PF018: a white ground behind the code gives scanners the clear margin it lacks."""
    if not isinstance(el, QrElement) or el.bg is not None:
        return None
    return Fix("qr-white-ground", "Give it a white background", el.id, (Edit("set", el.id, WHITE, "bg"),))


_PRINT_FIXES = {
    "PF001": _move_into_safe,
    "PF002": _move_into_safe,
    "PF009": _extend_to_bleed,
    "PF006": _image_to_cmyk,
    "PF012": _shrink_text,
    "PF014": _small_text_to_k,
    "PF011": _qr_black_on_white,
    "PF018": _qr_white_ground,
}

#: every fix key, for the UI's translations and the tests
FIX_KEYS = ("qr-remove", "qr-amazon-review", "qr-amazon-orders", "move-into-safe", "bleed-extend",
            "image-cmyk", "text-shrink", "text-100k", "qr-black-on-white", "qr-white-ground")

__all__ = ["ASIN_KEY", "Edit", "FIX_KEYS", "Fix", "FixError", "apply_edits", "card_asin", "fixes_for",
           "normalise_asin", "revert", "storefront"]
