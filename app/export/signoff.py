"""The sign-off sheet: one bilingual page (English + 简体中文) written beside a PDF that was
exported with waived error findings.

It records what was found, what was waived and why, by whom and when, so the decision is
on paper next to the file that goes to the printer. Findings carry both languages already
(``message`` / ``message_zh``). The sheet uses a CJK-capable TrueType font (Droid Sans
Fallback on Debian), embedded as a subset like every Cardwise PDF.
"""
from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Any

from reportlab.lib.colors import CMYKColor
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from xml.sax.saxutils import escape

from app.errors import FontError
from app.export.atomic import atomic_output
from app.export.colour import enforce_print_colour
from app.model.document import Document

MAX_ROWS = 16          #: at most this many finding rows on the one page; the rest are counted
MSG_CHARS = 320        #: longest English message shown in a row (Chinese: half)
INK = CMYKColor(0, 0, 0, 1)
MUTED = CMYKColor(0, 0, 0, 0.6)
RULE = CMYKColor(0, 0, 0, 0.25)
BAND = CMYKColor(0.04, 0.02, 0, 0.02)


LATIN_FAMILIES = ("DejaVu Sans", "Bitstream Vera Sans")


class _Fonts:
    """A Latin face and a CJK face; :meth:`markup` picks per character (CJK fallback fonts
    often lack Latin glyphs, and Latin fonts lack Han)."""

    def __init__(self, doc: Document | None) -> None:
        from app.model.fonts import default_library, library_for

        lib = library_for(doc) if doc is not None else default_library()
        family = lib.cjk_family()
        if family is None:
            raise FontError("the sign-off sheet needs a font with Chinese characters; install one "
                            "(Debian: fonts-droid-fallback) or add a CJK TrueType font to the project")
        self.cjk = lib.font_for(family)
        latin = next((f for f in LATIN_FAMILIES if lib.has_family(f)), None)
        self.latin = lib.font_for(latin) if latin else lib.default_font()

    def markup(self, text: str) -> str:
        """Escaped Paragraph markup with CJK runs in the CJK face."""
        out: list[str] = []
        run, run_cjk = "", False
        for ch in text:
            use_cjk = not self.latin.has_glyph(ch) and ch not in " \n\t"
            if run and use_cjk != run_cjk:
                out.append(self._wrap(run, run_cjk))
                run = ""
            run_cjk = use_cjk if run == "" else run_cjk
            run += ch
        if run:
            out.append(self._wrap(run, run_cjk))
        return "".join(out)

    def _wrap(self, run: str, cjk: bool) -> str:
        return f'<font face="{self.cjk.rl_name}">{escape(run)}</font>' if cjk else escape(run)


def cjk_font_name(doc: Document | None = None) -> str:
    """reportlab name of the CJK face the sheet uses (FontError when none is installed)."""
    return _Fonts(doc).cjk.rl_name


def _where(f: Any, doc: Document) -> str:
    eid = getattr(f, "element_id", None)
    if not eid:
        return "card / 卡片"
    try:
        side, el = doc.find(eid)
    except KeyError:
        return eid
    side_zh = {"front": "正面", "back": "背面"}.get(side.name, side.name)
    return f"{side.name} / {side_zh} · {el.kind} {el.name or el.id[:6]}"


def write_signoff(path: str | Path, *, doc: Document, pdf_path: str | Path, findings: list[Any], waived: list[Any],
                  reason: str, signed_by: str, when: _dt.datetime | None = None) -> Path:
    """Write the one-page sign-off sheet to ``path`` (atomically); returns the path."""
    when = when or _dt.datetime.now(_dt.timezone.utc)
    fonts = _Fonts(doc)
    font = fonts.latin.rl_name
    m = fonts.markup

    def P(text: str, style: str) -> Paragraph:
        return Paragraph(m(text), st[style])

    path = Path(path)
    st = {
        "title": ParagraphStyle("title", fontName=font, fontSize=15, leading=19, textColor=INK, spaceAfter=2),
        "sub": ParagraphStyle("sub", fontName=font, fontSize=9, leading=12, textColor=MUTED),
        "h": ParagraphStyle("h", fontName=font, fontSize=10.5, leading=14, textColor=INK, spaceBefore=8, spaceAfter=3),
        "body": ParagraphStyle("body", fontName=font, fontSize=9, leading=12.5, textColor=INK, alignment=TA_LEFT,
                               wordWrap="CJK"),
        "cell": ParagraphStyle("cell", fontName=font, fontSize=7.4, leading=9.6, textColor=INK, wordWrap="CJK"),
        "small": ParagraphStyle("small", fontName=font, fontSize=7.5, leading=10, textColor=MUTED, wordWrap="CJK"),
    }

    def story(limit: int, msg_chars: int) -> list[Any]:
        return _story(doc, pdf_path, findings, waived, reason, signed_by, when, P, m, st, font, limit, msg_chars)

    def build(target: Path, limit: int) -> int:
        sheet = SimpleDocTemplate(str(target), pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm,
                                  topMargin=18 * mm, bottomMargin=16 * mm, title=f"Sign-off: {_title(doc, pdf_path)}",
                                  author=signed_by, creator="Cardwise", subject=f"Waiver: {reason}",
                                  initialFontName=font, enforceColorSpace=enforce_print_colour)
        sheet.build(story(limit, MSG_CHARS))
        return sheet.page

    with atomic_output(path) as tmp:
        # one sheet of paper: the most finding rows that still fit (binary search, ~4 builds)
        lo, hi = 0, min(MAX_ROWS, len(findings))
        if build(tmp, hi) > 1:
            while lo < hi - 1:
                mid = (lo + hi) // 2
                if build(tmp, mid) > 1:
                    hi = mid
                else:
                    lo = mid
            build(tmp, lo)
    return path


def _title(doc: Document, pdf_path: str | Path) -> str:
    return str(doc.metadata.get("title") or Path(pdf_path).stem)


def _story(doc: Document, pdf_path: str | Path, findings: list[Any], waived: list[Any], reason: str, signed_by: str,
           when: _dt.datetime, P: Any, m: Any, st: dict, font: str, limit: int, msg_chars: int) -> list[Any]:
    title = _title(doc, pdf_path)
    spec = doc.spec
    size = f"{spec.width / mm:.1f} × {spec.height / mm:.1f} mm"
    story: list[Any] = [
        P("Print sign-off — export with waived findings", "title"),
        P("印刷签核单 — 已豁免问题的导出", "title"),
        P(f"Cardwise · {when.strftime('%Y-%m-%d %H:%M UTC')}", "sub"),
        Spacer(1, 6),
    ]
    facts = [
        ("Card / 卡片", title),
        ("Print file / 印刷文件", str(Path(pdf_path).resolve())),
        ("Trim size / 成品尺寸", f"{size}, {len(doc.sides)} side(s) / 面"),
        ("Waived by / 豁免人", signed_by),
        ("When / 时间", when.strftime("%Y-%m-%d %H:%M:%S UTC")),
        ("Findings / 问题", f"{len(waived)} error(s) waived / 已豁免错误 {len(waived)} 项; "
                            f"{len(findings) - len(waived)} other / 其他 {len(findings) - len(waived)} 项"),
    ]
    t = Table([[P(k, "cell"), P(v, "cell")] for k, v in facts],
              colWidths=[42 * mm, 128 * mm])
    t.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), font), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                           ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE), ("BACKGROUND", (0, 0), (0, -1), BAND)]))
    story += [t, P("Reason given / 豁免理由", "h"), P(_cut(reason, 1200), "body"),
              P("Waived findings / 已豁免的问题", "h")]
    waived_ids = {id(f) for f in waived}
    others = [f for f in findings if id(f) not in waived_ids]
    shown_waived = waived[:limit]
    shown_others = others[:max(0, limit - len(shown_waived))]
    story.append(_findings_table(shown_waived, doc, P, m, st, font, msg_chars))
    if len(waived) > len(shown_waived):
        extra = len(waived) - len(shown_waived)
        story.append(P(f"… and {extra} more (see the export log) / 另有 {extra} 项（见导出记录）", "small"))
    if others and shown_others:
        story.append(P("Other findings, not blocking / 其他问题（不阻止导出）", "h"))
        story.append(_findings_table(shown_others, doc, P, m, st, font, msg_chars))
    if len(others) > len(shown_others):
        extra = len(others) - len(shown_others)
        story.append(P(f"… and {extra} more / 另有 {extra} 项", "small"))
    story += [
        Spacer(1, 10),
        P("The seller exported this card for print although the checks above reported errors. "
          "Marketplace rules may still apply to the printed card.", "small"),
        P("尽管上述检查报告了错误，卖家仍导出了此卡片用于印刷。印刷后的卡片仍可能受平台规则约束。", "small"),
        Spacer(1, 16),
        Table([[P("Approved by / 批准人: ______________________", "body"),
                P("Date / 日期: ______________", "body")]], colWidths=[100 * mm, 70 * mm],
              style=TableStyle([("FONTNAME", (0, 0), (-1, -1), font)])),
    ]
    return story


def _findings_table(findings: list[Any], doc: Document, P: Any, m: Any, st: dict, font: str,
                    msg_chars: int = 400) -> Table:
    rows = [[P(h, "cell") for h in ("Rule / 规则", "Where / 位置", "Text / 文字", "What it means / 说明")]]
    for f in findings:
        msg = m(_cut(f.message, msg_chars)) + "<br/>" + m(_cut(getattr(f, "message_zh", "") or "", msg_chars // 2))
        sev = {"error": "错误", "warning": "警告", "info": "提示"}.get(str(f.severity), "")
        rows.append([Paragraph(m(f.rule) + "<br/>" + m(f"{f.severity} / {sev}"), st["cell"]),
                     P(_where(f, doc), "cell"),
                     P((f.text or "")[:120], "cell"),
                     Paragraph(msg, st["cell"])])
    table = Table(rows, colWidths=[22 * mm, 34 * mm, 40 * mm, 74 * mm], repeatRows=1)
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), font),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), BAND),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
    ]))
    return table


def _cut(text: str, n: int) -> str:
    return text if len(text) <= n else text[: max(0, n - 1)].rstrip() + "…"
