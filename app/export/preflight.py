"""Preflight: what would go wrong at the printer, and what the marketplace would object to.

``preflight(doc, options)`` returns :class:`checks.findings.Finding` objects, the same type
as compliance findings, so the designer's findings panel, the export dialog and
``cardwise export`` show one list. Print findings have category ``print`` and stable rule
ids (never reused):

=====  ==========================  ========  ===================================================
id     name                        severity  what
=====  ==========================  ========  ===================================================
PF001  print/text-outside-safe     warning   text closer to the trim than the safe margin
PF002  print/text-past-trim        error     text crosses the trim line (it will be cut)
PF003  print/small-text            warning   text under 6 pt (8 pt for coloured or reversed text)
PF004  print/thin-line             warning   a line or stroke under 0.25 pt
PF005  print/low-resolution        warn/err  image under 300 ppi effective (error under 150)
PF006  print/rgb-image             info/warn RGB image: converted to CMYK on export (says how)
PF007  print/missing-font          error     a font that is not installed or cannot be embedded
PF008  print/missing-glyph         error     characters the font cannot draw
PF009  print/short-of-bleed        warning   art that reaches the trim edge but not the bleed
PF010  print/qr-too-small          warning   QR code smaller than 15 mm
PF011  print/qr-low-contrast       warn/err  QR modules too close in tone to their background
PF012  print/overset-text          error     text that does not fit its box (not printed)
PF013  print/total-ink             error     a colour above 300 % total ink
PF014  print/rich-black-text       warning   small text in rich black (misregisters)
PF015  print/off-card              warning   an element wholly outside the bleed (never prints)
PF016  print/missing-image         error     an image whose data is missing from the project
PF017  print/registration-colour   error     the registration colour used for artwork
PF018  print/qr-quiet-zone         warning   QR quiet zone under 4 modules and no light margin
PF019  print/compliance-unavailable error    the wording check could not run (so nothing is known)
PF020  print/spot-colour           info      a named spot colour: an extra printing plate
PF021  print/no-bleed              warning   no bleed (under 1 mm) while artwork reaches the trim
PF022  print/hidden                info      a hidden element: kept in the card, will not print
=====  ==========================  ========  ===================================================

The card's wording, QR payloads and artwork are judged by ``app.verdict.judge_card``, which
merges these print findings into the one verdict the designer, the export gate and
``cardwise check`` share (and filters disabled rules and the document's ignores once).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from checks.findings import Category, Finding, Severity, Source

from app.model.color import Color
from app.model.document import Document, Side
from app.model.elements import Element, ImageElement, LineElement, QrElement, RectElement, TextBox
from app.model.geometry import Rect
from app.model.units import mm

MIN_TEXT_PT = 6.0
MIN_COLOURED_TEXT_PT = 8.0
MIN_LINE_PT = 0.25
MIN_PPI_WARN = 300.0
MIN_PPI_ERROR = 150.0
MIN_QR_PT = mm(15)
MIN_QR_MODULE_PT = mm(0.33)   # ~13 mil: below this, print gain and phone cameras blur the modules
MAX_INK = 300.0
RICH_BLACK_TEXT_BELOW_PT = 12.0
QR_MIN_CONTRAST = 4.0     # WCAG-style ratio of the previews; scanners need a clear tone step
QR_ERROR_CONTRAST = 2.0
NEAR_TRIM = mm(1.0)       # art ending this close to the trim (or beyond it) should run into the bleed

PRINT_SOURCE = Source("Cardwise print checklist (printer requirements)", "")

#: rule id -> (name, default severity, what it catches); listed in docs/rules.md too
RULES: dict[str, tuple[str, Severity, str]] = {
    "PF001": ("print/text-outside-safe", Severity.WARNING, "text closer to the trim than the safe margin"),
    "PF002": ("print/text-past-trim", Severity.ERROR, "text crosses the trim line (it will be cut)"),
    "PF003": ("print/small-text", Severity.WARNING, "text under 6 pt (8 pt for coloured or reversed text)"),
    "PF004": ("print/thin-line", Severity.WARNING, "a line or stroke under 0.25 pt"),
    "PF005": ("print/low-resolution", Severity.WARNING, "image under 300 ppi effective (error under 150)"),
    "PF006": ("print/rgb-image", Severity.INFO, "RGB image: converted to CMYK on export (says how)"),
    "PF007": ("print/missing-font", Severity.ERROR, "a font that is not installed or cannot be embedded"),
    "PF008": ("print/missing-glyph", Severity.ERROR, "characters the font cannot draw"),
    "PF009": ("print/short-of-bleed", Severity.WARNING, "art that reaches the trim edge but not the bleed"),
    "PF010": ("print/qr-too-small", Severity.WARNING, "QR code smaller than 15 mm"),
    "PF011": ("print/qr-low-contrast", Severity.WARNING, "QR modules too close in tone to their background"),
    "PF012": ("print/overset-text", Severity.ERROR, "text that does not fit its box (not printed)"),
    "PF013": ("print/total-ink", Severity.ERROR, "a colour above 300 % total ink"),
    "PF014": ("print/rich-black-text", Severity.WARNING, "small text in rich black (misregisters)"),
    "PF015": ("print/off-card", Severity.WARNING, "an element wholly outside the bleed (never prints)"),
    "PF016": ("print/missing-image", Severity.ERROR, "an image whose data is missing from the project"),
    "PF017": ("print/registration-colour", Severity.ERROR, "the registration colour used for artwork"),
    "PF018": ("print/qr-quiet-zone", Severity.WARNING, "QR quiet zone under 4 modules and no light margin"),
    "PF019": ("print/compliance-unavailable", Severity.ERROR, "the wording check could not run (so nothing is known)"),
    "PF020": ("print/spot-colour", Severity.INFO, "a named spot colour: an extra printing plate"),
    "PF021": ("print/no-bleed", Severity.WARNING, "art reaching the trim exported with under 1 mm of bleed"),
    "PF022": ("print/hidden", Severity.INFO, "a hidden element: it is left out of the print"),
}
#: rule id -> (title, title_zh): the check's human name where a rule is named (batch window,
#: findings panel, ``cardwise rules``, docs/rules.md); short, no full stop, as rule titles
TITLES: dict[str, tuple[str, str]] = {
    "PF001": ("Text outside the safe zone", "文字超出安全区"),
    "PF002": ("Text past the trim", "文字越过裁切线"),
    "PF003": ("Text too small to print", "文字过小"),
    "PF004": ("Line too thin", "线条过细"),
    "PF005": ("Low-resolution image", "图片分辨率过低"),
    "PF006": ("RGB image", "RGB 图片"),
    "PF007": ("Missing font", "缺少字体"),
    "PF008": ("Characters the font cannot draw", "字体缺少字形"),
    "PF009": ("Short of the bleed", "未延伸到出血线"),
    "PF010": ("QR code too small", "二维码过小"),
    "PF011": ("QR code contrast too low", "二维码对比度过低"),
    "PF012": ("Text does not fit its box", "文字超出文本框"),
    "PF013": ("Too much ink", "总墨量过高"),
    "PF014": ("Small text in rich black", "小字使用四色黑"),
    "PF015": ("Off the card", "位于卡片之外"),
    "PF016": ("Missing image", "缺少图片"),
    "PF017": ("Registration colour in artwork", "图稿使用套准色"),
    "PF018": ("QR quiet zone too small", "二维码静区不足"),
    "PF019": ("Wording check unavailable", "文案检查无法运行"),
    "PF020": ("Spot colour", "专色"),
    "PF021": ("No bleed", "没有出血"),
    "PF022": ("Hidden element", "已隐藏的元素"),
}
MIN_BLEED = mm(1.0)       # under this, art that reaches the trim shows paper after an imprecise cut


def _no_bleed(bleed: float, edges: list[str], el: Element | None, what: str, what_zh: str) -> Finding:
    return _f("PF021", f"The {what} reaches the {', '.join(edges)} edge of the card but the export has "
                       f"{_mm(bleed)} bleed: every cut is a little off, so a white sliver of paper will show.",
              f"{what_zh}到达卡片{'、'.join(_EDGE_ZH[e] for e in edges)}边缘，但导出的出血为 {_mm(bleed)}：裁切总有偏差，"
              "边缘会露出白色纸边。", el,
              suggestion="Export with the card's bleed (3 mm is usual), or keep artwork away from the trim.",
              edges=edges, bleed_pt=bleed)


@dataclass
class PreflightOptions:
    bleed: float | None = None          #: points; None = the card's own bleed
    icc_name: str | None = None         #: the ICC profile images will be converted with, if any
    profile: str | None = None          #: compliance profile for app.verdict (None = the card's, else "amazon")
    disabled_rules: tuple[str, ...] = ()  #: rule ids / names / categories switched off

    @classmethod
    def from_export(cls, options: Any) -> "PreflightOptions":
        icc = getattr(options, "icc_path", None)
        from pathlib import Path

        return cls(bleed=getattr(options, "bleed", None), icc_name=Path(icc).stem if icc else None,
                   profile=getattr(options, "profile", None),
                   disabled_rules=tuple(getattr(options, "disabled_rules", ()) or ()))


def _f(rule: str, message: str, message_zh: str, el: Element | None, *, severity: Severity | None = None,
       text: str = "", start: int = 0, end: int = 0, suggestion: str | None = None, **extra: Any) -> Finding:
    name, default, _what = RULES[rule]
    return Finding(rule=rule, name=name, category=Category.PRINT, severity=severity or default,
                   start=start, end=end, text=text, message=message, message_zh=message_zh,
                   source=PRINT_SOURCE, suggestion=suggestion, element_id=el.id if el is not None else None,
                   extra=extra)


def _mm(pt: float) -> str:
    return f"{pt / mm(1):.1f} mm"


def _rotated_bounds(el: Element, r: Rect) -> Rect:
    """Axis-aligned bounds of ``r`` (trim coords) after ``el``'s rotation about its centre."""
    if not el.rotation:
        return r
    cx, cy = el.x + el.w / 2, el.y + el.h / 2
    a = math.radians(el.rotation)
    ca, sa = math.cos(a), math.sin(a)
    pts = []
    for x, y in ((r.x, r.y), (r.right, r.y), (r.x, r.bottom), (r.right, r.bottom)):
        dx, dy = x - cx, y - cy
        pts.append((cx + dx * ca - dy * sa, cy + dx * sa + dy * ca))
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return Rect(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))


def _element_bounds(el: Element) -> Rect:
    if isinstance(el, LineElement):
        half = el.stroke_width / 2
        return _rotated_bounds(el, el.rect.inset(-half))
    return _rotated_bounds(el, el.rect)


def _under_colour(side: Side, el: Element) -> Color:
    """The flat colour behind ``el`` for contrast checks (a covering fill below it, else the
    side's background, else paper white)."""
    idx = side.elements.index(el) if el in side.elements else len(side.elements)
    box = _element_bounds(el)
    for below in reversed(side.elements[:idx]):
        if below.hidden:
            continue
        fill = getattr(below, "fill", None)
        if fill is not None and not below.rotation and below.rect.contains_rect(box):
            return fill
    return side.background or Color(0, 0, 0, 0)


def _is_coloured(c: Color) -> bool:
    """Anything but plain K (one plate): coloured, tinted-over-several-plates or spot text."""
    cc, mm_, yy, _k = c.cmyk
    return bool(c.spot) or cc + mm_ + yy > 0.001


def _is_reversed(text: Color, under: Color) -> bool:
    return text.luminance > under.luminance + 0.2


# ------------------------------------------------------------------------------- per element
def _check_text(doc: Document, side: Side, el: TextBox, fonts: Any, out: list[Finding]) -> None:
    from app.model.text_layout import layout

    lay = layout(el, fonts)
    spec = doc.spec
    for problem in lay.font_problems:
        out.append(_f("PF007", f"Font problem: {problem}.", f"字体问题：{problem}。", el,
                      suggestion="Install the font or add its .ttf file to the project."))
    if lay.missing_chars:
        chars = "".join(lay.missing_chars)
        pos = lay.text.find(lay.missing_chars[0])
        out.append(_f("PF008", f"Neither the font nor any installed fallback font can draw "
                               f"{len(lay.missing_chars)} character(s): {chars!r}; they would print as empty boxes.",
                      f"所选字体及已安装的备用字体都缺少 {len(lay.missing_chars)} 个字符的字形：{chars!r}，印刷时会显示为空框。", el,
                      text=chars, start=max(0, pos), end=max(0, pos) + 1,
                      suggestion="Choose a font that has these characters, or add one to the project."))
    if lay.overset:
        off = lay.overset_offset or 0
        out.append(_f("PF012", "Text does not fit its box: the lines past the bottom are not printed.",
                      "文字超出文本框：超出底部的行不会被印刷。", el, text=lay.text[off:off + 40],
                      start=off, end=len(lay.text),
                      suggestion="Make the box taller, shorten the text or reduce the font size."))
    # ink extents of the printed lines
    visible = [ln for ln in lay.lines if not ln.overset and ln.ink_text]
    under = _under_colour(side, el) if el.fill is None else el.fill
    sizes_seen: set[tuple[float, str]] = set()
    for ln, size, colour in ((ln, sg.size, sg.color) for ln in visible for sg in ln.face_segments()
                             if ln.text[sg.start:sg.end].strip()):   # each run: its own size and colour
        key = (size, colour.label())
        if key in sizes_seen:
            continue
        sizes_seen.add(key)
        coloured = _is_coloured(colour)
        reversed_ = _is_reversed(colour, under)
        limit = MIN_COLOURED_TEXT_PT if (coloured or reversed_) else MIN_TEXT_PT
        if size < limit - 1e-6:
            why = "reversed (light on dark)" if reversed_ else "coloured" if coloured else ""
            why_zh = "反白（深底浅字）" if reversed_ else "彩色" if coloured else ""
            out.append(_f("PF003",
                          f"{size:g} pt {why + ' ' if why else ''}text is below the {limit:g} pt minimum; "
                          "it may not print legibly.".replace("  ", " "),
                          f"{size:g} 磅的{why_zh}文字小于 {limit:g} 磅下限，印刷后可能无法辨认。", el,
                          text=ln.ink_text[:40], start=ln.start_offset, end=ln.start_offset + len(ln.ink_text),
                          suggestion=f"Use at least {limit:g} pt.", size_pt=size, limit_pt=limit))
        c, m, y, k = colour.cmyk
        if k >= 0.9 and c + m + y > 0.05 and size < RICH_BLACK_TEXT_BELOW_PT and not colour.spot:
            out.append(_f("PF014", f"{size:g} pt text is in rich black ({colour.label()}); small type in "
                                   "four inks blurs when the plates are slightly off register.",
                          f"{size:g} 磅文字使用了四色黑（{colour.label()}），小字套印稍有偏差就会发虚。", el,
                          text=ln.ink_text[:40], start=ln.start_offset, end=ln.start_offset + len(ln.ink_text),
                          suggestion="Set small black text to 100 % K (C0 M0 Y0 K100)."))
    ink = text_ink(el, lay)
    if ink is not None:
        trim, safe = spec.trim_rect, spec.safe_rect
        if not trim.contains_rect(ink, tol=0.01):
            out.append(_f("PF002", "Text crosses the trim line and will be cut off.",
                          "文字越过裁切线，裁切后会被切掉。", el, text=lay.text[:40],
                          suggestion=f"Move the text at least {_mm(spec.safe)} inside the card edge."))
        elif not safe.contains_rect(ink, tol=0.01):
            gap = min(ink.x - trim.x, ink.y - trim.y, trim.right - ink.right, trim.bottom - ink.bottom)
            out.append(_f("PF001", f"Text is {_mm(max(gap, 0))} from the trim; keep it at least {_mm(spec.safe)} "
                                   "inside (cutting varies by about 1 mm).",
                          f"文字距裁切线仅 {_mm(max(gap, 0))}，应至少保持 {_mm(spec.safe)}（裁切误差约 1 毫米）。", el,
                          text=lay.text[:40], suggestion="Move the text into the safe zone (the dashed line).",
                          gap_pt=gap))


def text_ink(el: TextBox, lay: Any) -> Rect | None:
    """The card-space bounds (rotation included) of the printed lines of ``el`` laid out as
    ``lay`` (``app.model.text_layout.layout``); None when nothing prints. The safe-zone and
    trim checks (PF001, PF002) measure this, and ``app.fixes`` moves it into the safe zone."""
    visible = [ln for ln in lay.lines if not ln.overset and ln.ink_text]
    if not visible:
        return None
    x0 = min(ln.x for ln in visible)
    x1 = max(ln.x + ln.width for ln in visible)
    y0 = min(ln.top for ln in visible)
    y1 = max(ln.bottom for ln in visible)
    return _rotated_bounds(el, Rect(el.x + x0, el.y + y0, x1 - x0, y1 - y0))


def _check_colour(el: Element | None, colour: Color | None, what: str, what_zh: str, out: list[Finding],
                  seen: set[tuple[str | None, str]]) -> None:
    if colour is None:
        return
    key = (el.id if el else None, colour.label())
    if key in seen:
        return
    seen.add(key)
    if colour.is_registration:
        out.append(_f("PF017", f"The {what} uses the registration colour (all plates at 100 %): it is for crop marks only.",
                      f"{what_zh}使用了套准色（所有色版 100%），套准色只用于裁切标记。", el,
                      suggestion="Use 100 % K for black."))
        return
    if colour.spot:
        spot_key = ("spot", colour.spot)
        if spot_key not in seen:
            seen.add(spot_key)
            out.append(_f("PF020", f"The {what} uses the spot colour {colour.spot!r}: it prints as an extra plate. "
                                   "Check that your printer expects it; otherwise use its CMYK values.",
                          f"{what_zh}使用了专色 {colour.spot!r}，印刷时需要单独一块色版。请确认印刷厂接受专色，否则请改用其 CMYK 值。",
                          el, spot=colour.spot))
    if colour.total_ink > MAX_INK + 1e-6:
        out.append(_f("PF013", f"The {what} colour {colour.label()} has {colour.total_ink:.0f} % total ink "
                               f"(limit {MAX_INK:.0f} %); it may not dry and can set off on the next sheet.",
                      f"{what_zh}颜色 {colour.label()} 的总墨量为 {colour.total_ink:.0f}%（上限 {MAX_INK:.0f}%），"
                      "可能干燥不良并蹭脏下一张。", el, suggestion="Reduce C, M or Y (e.g. rich black 60/40/40/100).",
                      total_ink=colour.total_ink))


def _reaches_edge(b: Rect, spec: Any) -> list[str]:
    """Which trim edges ``b`` reaches (ends within NEAR_TRIM of, or beyond)."""
    edges = []
    if b.x <= NEAR_TRIM and b.right > 0:
        edges.append("left")
    if b.y <= NEAR_TRIM and b.bottom > 0:
        edges.append("top")
    if b.right >= spec.width - NEAR_TRIM and b.x < spec.width:
        edges.append("right")
    if b.bottom >= spec.height - NEAR_TRIM and b.y < spec.height:
        edges.append("bottom")
    return edges


def _short_of_bleed(b: Rect, spec: Any, bleed: float) -> list[str]:
    short = []
    tol = 0.05
    for edge in _reaches_edge(b, spec):
        if edge == "left" and b.x > -bleed + tol:
            short.append(edge)
        elif edge == "top" and b.y > -bleed + tol:
            short.append(edge)
        elif edge == "right" and b.right < spec.width + bleed - tol:
            short.append(edge)
        elif edge == "bottom" and b.bottom < spec.height + bleed - tol:
            short.append(edge)
    return short


_EDGE_ZH = {"left": "左", "top": "上", "right": "右", "bottom": "下"}


def _check_geometry(doc: Document, el: Element, bleed: float, out: list[Finding],
                    side_bg: Color | None = None) -> None:
    spec = doc.spec
    b = _element_bounds(el)
    if not b.intersects(Rect(-bleed, -bleed, spec.width + 2 * bleed, spec.height + 2 * bleed)):
        out.append(_f("PF015", "This element lies wholly outside the card and its bleed; it will not print.",
                      "该元素完全位于卡片及出血区域之外，不会被印刷。", el))
        return
    if isinstance(el, TextBox) and el.fill is None:
        return   # text is handled by the safe-zone checks
    if isinstance(el, LineElement) and el.length < 1:
        return
    if isinstance(el, RectElement) and (el.stroke is None or el.stroke_width <= 0) and (
            el.fill is None or (el.fill.is_white and (side_bg is None or side_bg.is_white))):
        return   # nothing visible at the edge (white on white paper)
    if bleed < MIN_BLEED:
        edges = _reaches_edge(b, spec)
        if edges:
            out.append(_no_bleed(bleed, edges, el, "element", "该元素"))
        return
    short = _short_of_bleed(b, spec, bleed)
    if short:
        edges = ", ".join(short)
        out.append(_f("PF009", f"This element reaches the {edges} edge of the card but stops short of the "
                               f"{_mm(bleed)} bleed; a thin white sliver may show after cutting.",
                      f"该元素到达卡片{'、'.join(_EDGE_ZH[e] for e in short)}边缘，但未延伸到 {_mm(bleed)} 出血线，"
                      "裁切后可能露出白边。", el,
                      suggestion=f"Extend it {_mm(bleed)} past the trim (to the bleed line), or pull it well inside.",
                      edges=short))


def _check_image(doc: Document, el: ImageElement, options: PreflightOptions, out: list[Finding]) -> None:
    asset = doc.assets.get(el.asset_id)
    if asset is None:
        out.append(_f("PF016", "The image data is missing from the project.", "项目中缺少该图片的数据。", el,
                      suggestion="Replace the image."))
        return
    _check_asset(asset, el.effective_dpi(asset), el, options, out, what="image", what_zh="图片")


def _check_asset(asset: Any, dpi: tuple[float, float], el: Element | None, options: PreflightOptions,
                 out: list[Finding], what: str, what_zh: str) -> None:
    ppi = min(dpi)
    if ppi < MIN_PPI_WARN - 0.5:
        sev = Severity.ERROR if ppi < MIN_PPI_ERROR else Severity.WARNING
        out.append(_f("PF005", f"The {what} is {ppi:.0f} ppi at its printed size (needs {MIN_PPI_WARN:.0f}); "
                               "it will print blurry or pixelated.",
                      f"{what_zh}在印刷尺寸下只有 {ppi:.0f} ppi（需要 {MIN_PPI_WARN:.0f}），印刷会模糊或出现锯齿。",
                      el, severity=sev, suggestion="Use a larger original or place the image smaller.", ppi=ppi))
    mode = _image_mode(asset)
    if mode in ("RGB", "RGBA", "P", "LA", "PA"):
        if options.icc_name:
            out.append(_f("PF006", f"The {what} is RGB; it is converted to CMYK on export with the ICC profile "
                                   f"{options.icc_name!r} (perceptual intent).",
                          f"{what_zh}为 RGB 模式；导出时会用 ICC 配置文件 {options.icc_name!r}（可感知意图）转换为 CMYK。",
                          el, severity=Severity.INFO, method=f"icc:{options.icc_name}"))
        else:
            out.append(_f("PF006", f"The {what} is RGB; it is converted to CMYK on export with Cardwise's basic "
                                   "conversion (no press profile), so colours may shift. Give the printer's ICC "
                                   "profile (--icc) for a managed conversion.",
                          f"{what_zh}为 RGB 模式；导出时使用 Cardwise 的基本转换（无印刷配置文件）转为 CMYK，颜色可能偏移。"
                          "请提供印刷厂的 ICC 配置文件（--icc）以进行色彩管理转换。",
                          el, severity=Severity.WARNING if mode != "P" else Severity.INFO, method="basic-gcr"))


def _image_mode(asset: Any) -> str:
    import io

    from PIL import Image

    try:
        with Image.open(io.BytesIO(asset.data)) as im:
            return im.mode
    except Exception:  # noqa: BLE001 - unreadable images are reported when exporting
        return "?"


def _check_qr(side: Side, el: QrElement, out: list[Finding]) -> None:
    size = min(el.w, el.h)
    if size < MIN_QR_PT - 0.01:
        out.append(_f("PF010", f"The QR code is {_mm(size)} wide; under 15 mm many phones struggle to scan it.",
                      f"二维码宽 {_mm(size)}；小于 15 毫米时很多手机难以扫描。", el,
                      suggestion="Make the QR code at least 15 mm (20 mm for long links).", size_pt=size))
    module = el.module_size
    if size >= MIN_QR_PT - 0.01 and module < MIN_QR_MODULE_PT - 1e-6:
        out.append(_f("PF010", f"The QR code's modules are {module / mm(1):.2f} mm ({el.modules}×{el.modules} for this "
                               f"payload); under {MIN_QR_MODULE_PT / mm(1):.2f} mm they blur in print and phones "
                               "struggle to scan them.",
                      f"二维码的单个模块只有 {module / mm(1):.2f} 毫米（此内容需 {el.modules}×{el.modules} 个模块），"
                      f"小于 {MIN_QR_MODULE_PT / mm(1):.2f} 毫米时印刷会糊、手机难以识别。", el,
                      suggestion="Make the code bigger, use a shorter link, or lower the error correction level.",
                      module_pt=module))
    bg = el.bg if el.bg is not None else _under_colour(side, el)
    ratio = el.fg.contrast_ratio(bg)
    dark_on_light = el.fg.luminance <= bg.luminance
    if ratio < QR_MIN_CONTRAST or not dark_on_light:
        sev = Severity.ERROR if ratio < QR_ERROR_CONTRAST else Severity.WARNING
        extra = "" if dark_on_light else " and the modules are lighter than the background (inverted codes fail on many scanners)"
        extra_zh = "" if dark_on_light else "，且码点比背景更浅（反色二维码很多扫描器无法识别）"
        out.append(_f("PF011", f"The QR code's contrast is {ratio:.1f}:1{extra}; scanners need dark modules on a "
                               "light ground (4:1 or more).",
                      f"二维码对比度为 {ratio:.1f}:1{extra_zh}；扫描需要浅底深码（至少 4:1）。", el, severity=sev,
                      suggestion="Use 100 % K modules on white.", contrast=ratio))
    if el.quiet_zone < 4 and el.bg is None:
        out.append(_f("PF018", f"The QR code has a {el.quiet_zone}-module quiet zone and no light background; "
                               "scanners need 4 modules of clear margin.",
                      f"二维码静区只有 {el.quiet_zone} 个模块且没有浅色底，扫描需要 4 个模块的空白边。", el,
                      suggestion="Set the quiet zone to 4 or give the code a white background."))


def _check_element(doc: Document, side: Side, el: Element, options: PreflightOptions, fonts: Any, bleed: float,
                   out: list[Finding], seen: set) -> None:
    _check_geometry(doc, el, bleed, out, side.background)
    if isinstance(el, TextBox):
        _check_text(doc, side, el, fonts, out)
        for p in el.paragraphs:
            _check_colour(el, p.style.color, "text", "文字", out, seen)
            for r in p.runs:
                if r.color is not None:
                    _check_colour(el, r.color, "text", "文字", out, seen)
        _check_colour(el, el.fill, "box fill", "文本框底色", out, seen)
    elif isinstance(el, RectElement):
        _check_colour(el, el.fill, "fill", "填充", out, seen)
        if el.stroke is not None and el.stroke_width > 0:
            _check_colour(el, el.stroke, "stroke", "描边", out, seen)
            if el.stroke_width < MIN_LINE_PT - 1e-6:
                out.append(_thin(el, el.stroke_width))
    elif isinstance(el, LineElement):
        _check_colour(el, el.stroke, "line", "线条", out, seen)
        if 0 < el.stroke_width < MIN_LINE_PT - 1e-6:
            out.append(_thin(el, el.stroke_width))
    elif isinstance(el, QrElement):
        _check_colour(el, el.fg, "QR code", "二维码", out, seen)
        _check_colour(el, el.bg, "QR background", "二维码底色", out, seen)
        _check_qr(side, el, out)
    elif isinstance(el, ImageElement):
        _check_image(doc, el, options, out)


def _thin(el: Element, width: float) -> Finding:
    return _f("PF004", f"The line is {width:g} pt thick; lines under {MIN_LINE_PT:g} pt may break up or vanish in print.",
              f"线宽为 {width:g} 磅；小于 {MIN_LINE_PT:g} 磅的线条印刷时可能断线或消失。", el,
              suggestion=f"Use at least {MIN_LINE_PT:g} pt.", width_pt=width)


def _check_side(doc: Document, side: Side, options: PreflightOptions, bleed: float, out: list[Finding]) -> None:
    seen: set = set()
    if side.background is not None:
        _check_colour(None, side.background, f"{side.name} background", "背景", out, seen)
    if bleed < MIN_BLEED and ((side.background is not None and not side.background.is_white)
                              or side.background_image):
        out.append(_no_bleed(bleed, ["left", "top", "right", "bottom"], None, f"{side.name} background",
                             "背景"))
    if side.background_image:
        asset = doc.assets.get(side.background_image)
        if asset is None:
            out.append(_f("PF016", f"The {side.name} background image is missing from the project.",
                          "项目中缺少背景图片的数据。", None))
        else:
            br = Rect(-bleed, -bleed, doc.spec.width + 2 * bleed, doc.spec.height + 2 * bleed)
            s = max(br.w / asset.width_px, br.h / asset.height_px)
            dpi = 72.0 / s
            _check_asset(asset, (dpi, dpi), None, options, out, what=f"{side.name} background image",
                         what_zh="背景图片")


# ------------------------------------------------------------------------------- compliance
def compliance_unavailable(exc: BaseException) -> Finding:
    """PF019: the wording check could not run, so the card's wording is unknown (blocks)."""
    return _f("PF019", f"The wording check could not run ({type(exc).__name__}: {exc}); "
                       "the card's text has not been checked against marketplace rules.",
              f"文案合规检查无法运行（{type(exc).__name__}: {exc}），卡片文字尚未按平台规则检查。", None)


# ------------------------------------------------------------------------------- entry points
def preflight(doc: Document, options: PreflightOptions | None = None) -> list[Finding]:
    """The print findings for ``doc`` (the wording is judged by ``app.verdict.judge_card``,
    which merges these in). Sorted: errors first, then by side and z-order of the element."""
    options = options or PreflightOptions()
    from app.model.fonts import library_for

    fonts = library_for(doc)
    bleed = doc.spec.bleed if options.bleed is None else float(options.bleed)
    out: list[Finding] = []
    for side in doc.sides:
        _check_side(doc, side, options, bleed, out)
        seen: set = set()
        for el in side.elements:
            if el.hidden:   # not printed: said once, and none of the print checks apply
                out.append(_f("PF022", f"Hidden: will not print ({el.describe()}).",
                              f"已隐藏：不会印刷（{el.describe()}）。", el,
                              suggestion="Show it in the Elements panel to print it, or delete it."))
                continue
            _check_element(doc, side, el, options, fonts, bleed, out, seen)
    order = {el.id: i for i, (_s, el) in enumerate(doc.elements())}
    out.sort(key=lambda f: (-f.severity.rank, order.get(f.element_id or "", -1), f.rule, f.start))
    return out


#: the name the designer and ``app.verdict`` use: print checks only
preflight_print = preflight


def reference_rows() -> list[tuple[str, str, str, str, str, str]]:
    """(id, name, default severity, what, title, title_zh) of every print check, for the
    rules reference."""
    return [(rid, name, sev.value, what, *TITLES[rid]) for rid, (name, sev, what) in RULES.items()]
