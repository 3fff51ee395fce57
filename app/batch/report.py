"""``--report report.html``: one self-contained HTML file a seller can open and forward.

No network: styles are inline and page thumbnails are data URIs. The report opens with the
totals, then a summary table (one row per file, worst first, linking to its section); each
file section shows, for every page with located findings, a thumbnail with the findings boxed
and numbered in their severity colour, next to the numbered list (rule, category, the words,
why — in English and Chinese — and what to write instead). Findings without a place on a page
(text files, DOCX) are listed with their line.

Boxes are drawn into the thumbnail with Pillow, so the picture is the same in every browser
and in e-mail clients that strip CSS positioning.
"""
from __future__ import annotations

import base64
import datetime as _dt
import html
import io
import os
import tempfile
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from app.batch.titles import rule_title
from checks.findings import FileResult, Finding

THUMB_WIDTH = 920  # shown at half size: crisp on high-density screens
COLOURS = {"error": (217, 48, 37), "warning": (227, 151, 0), "info": (26, 115, 232)}
HEX = {k: "#%02x%02x%02x" % v for k, v in COLOURS.items()}
SEV_ORDER = {"error": 0, "warning": 1, "info": 2}
MAX_THUMB_PAGES = 20  # per file


def _esc(s: object) -> str:
    return html.escape(str(s), quote=True)


def _counts(r: FileResult) -> dict[str, int]:
    c = {"error": 0, "warning": 0, "info": 0}
    for f in r.findings:
        c[str(f.severity)] = c.get(str(f.severity), 0) + 1
    return c


def _font(size: int):
    try:
        import reportlab
        return ImageFont.truetype(str(Path(reportlab.__file__).parent / "fonts" / "VeraBd.ttf"), size)
    except Exception:
        return ImageFont.load_default()


def _page_image(r: FileResult, page: int):
    """(thumbnail RGB image, bbox → thumbnail pixel box) or None when the page cannot be shown."""
    kind = r.extra.get("kind")
    pages = {p["page"]: p for p in r.extra.get("pages", [])}
    info = pages.get(page)
    if info is None or not os.path.isfile(r.path):
        return None
    try:
        data = Path(r.path).read_bytes()
        if kind == "pdf":
            from app.batch.readers.pdf import render_page
            img, scale, (left, _b, _r, top) = render_page(data, page, THUMB_WIDTH)
            return img, lambda b: ((b[0] - left) * scale, (top - b[3]) * scale, (b[2] - left) * scale, (top - b[1]) * scale)
        if kind == "card":
            return _card_page(r.path, page, info)
        if kind == "image":
            from app.batch.readers.image import frames, open_image
            for number, frame, _n in frames(r.path, open_image(r.path, data)):
                if number == page:
                    s = THUMB_WIDTH / frame.width
                    thumb = frame.convert("RGB").resize((THUMB_WIDTH, max(1, round(frame.height * s))), Image.LANCZOS)
                    return thumb, lambda b: (b[0] * s, b[1] * s, b[2] * s, b[3] * s)
    except Exception:  # the file changed or vanished since the check: no thumbnail
        return None
    return None


def _card_page(path: str, page: int, info: dict):
    """A .cardwise side drawn by the print drawers (``draw_card``: no gate, no waiver, no
    PDF/X post-processing) and rendered at the trim; element boxes are points from the
    trim's top-left corner."""
    from pathlib import Path

    from app.export.pdf import ExportOptions, draw_card
    from app.export.proof import ProofOptions, render_pages
    from app.io.project import load

    doc = load(path)
    scale = THUMB_WIDTH / float(info["width"])
    with tempfile.TemporaryDirectory() as tmp:
        pdf = os.path.join(tmp, "card.pdf")
        draw_card(doc, Path(pdf), ExportOptions())
        images = render_pages(pdf, ProofOptions(dpi=72 * scale, pages=(page - 1,)))
    return images[0], lambda b: (b[0] * scale, b[1] * scale, b[2] * scale, b[3] * scale)


def _draw(img: Image.Image, to_px, numbered: list[tuple[int, Finding]]) -> Image.Image:
    base = img.convert("RGBA")
    overlay = Image.new("RGBA", base.size, (0, 0, 0, 0))
    d = ImageDraw.Draw(overlay)
    k = img.width / 460  # sizes below are for the displayed width
    font = _font(round(13 * k))
    badges = []
    for n, f in numbered:
        colour = COLOURS.get(str(f.severity), COLOURS["info"])
        boxes = f.extra.get("boxes") or ([list(f.bbox)] if f.bbox else [])
        first = None
        for b in boxes:
            x0, y0, x1, y1 = to_px(b)
            x0, x1 = sorted((x0, x1))
            y0, y1 = sorted((y0, y1))
            x0, y0, x1, y1 = x0 - 2 * k, y0 - 2 * k, x1 + 2 * k, y1 + 2 * k
            d.rectangle([x0, y0, x1, y1], fill=colour + (48,), outline=colour + (255,), width=max(2, round(1.6 * k)))
            first = first or (x0, (y0 + y1) / 2)
        if first:
            badges.append((n, first, colour))
    placed: list[tuple[float, float]] = []
    for n, (x, y), colour in badges:
        r = 9 * k
        cx = x - r - 2 * k if x - 2 * r - 2 * k >= 0 else x + r + 2 * k
        cy = min(max(r, y), overlay.height - r)
        while any(abs(cx - px) < 1.6 * r and abs(cy - py) < 1.6 * r for px, py in placed):
            cy += 2 * r + 2 * k  # two findings on one box: stack their numbers
        placed.append((cx, cy))
        d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=colour + (255,), outline=(255, 255, 255, 255),
                  width=max(2, round(1.5 * k)))
        d.text((cx, cy), str(n), fill=(255, 255, 255, 255), font=font, anchor="mm")
    out = Image.alpha_composite(base, overlay).convert("RGB")
    ImageDraw.Draw(out).rectangle([0, 0, out.width - 1, out.height - 1], outline=(210, 214, 220), width=1)
    return out


def annotated_page(r: FileResult, page: int, numbered: list[tuple[int, Finding]]) -> Image.Image | None:
    """The page thumbnail with ``numbered`` findings boxed (also used by the batch window)."""
    got = _page_image(r, page)
    if got is None:
        return None
    img, to_px = got
    return _draw(img, to_px, numbered)


def _data_uri(img: Image.Image) -> str:
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=84, optimize=True)
    return "data:image/jpeg;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def _line_of(r: FileResult, f: Finding) -> int | None:
    if r.text is None or not 0 <= f.start <= len(r.text):
        return None
    return r.text.count("\n", 0, f.start) + 1


CSS = """
:root{--err:#d93025;--warn:#e39700;--info:#1a73e8;--ink:#1f2430;--mute:#5f6670;--line:#e3e6ea;--bg:#f6f7f9}
*{box-sizing:border-box}body{margin:0;font:15px/1.5 -apple-system,"Segoe UI",Roboto,"Noto Sans","PingFang SC","Microsoft YaHei",sans-serif;color:var(--ink);background:var(--bg)}
header{background:#17324d;color:#fff;padding:28px 40px 22px}header h1{margin:0 0 4px;font-size:24px;font-weight:650}
header .meta{color:#b8c7d6;font-size:13px}main{max-width:1180px;margin:0 auto;padding:24px 32px 60px}
.cards{display:flex;gap:14px;flex-wrap:wrap;margin:0 0 26px}.card{background:#fff;border:1px solid var(--line);border-radius:10px;padding:14px 20px;min-width:150px}
.card b{display:block;font-size:28px;line-height:1.1}.card span{color:var(--mute);font-size:13px}
.card.err b{color:var(--err)}.card.warn b{color:var(--warn)}.card.info b{color:var(--info)}
table{border-collapse:collapse;width:100%;background:#fff;border:1px solid var(--line);border-radius:10px;overflow:hidden}
th,td{text-align:left;padding:9px 12px;border-bottom:1px solid var(--line);vertical-align:top}th{background:#eef1f4;font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:var(--mute)}
td:first-child{white-space:nowrap}td.n{text-align:right;font-variant-numeric:tabular-nums;width:80px}tr:last-child td{border-bottom:0}
a{color:#1558b0;text-decoration:none}a:hover{text-decoration:underline}
.pill{display:inline-block;border-radius:999px;padding:1px 10px;font-size:12px;font-weight:600;color:#fff}
.pill.error{background:var(--err)}.pill.warning{background:var(--warn)}.pill.info{background:var(--info)}.pill.ok{background:#1e8e3e}.pill.unread{background:#5f6670}
section.file{background:#fff;border:1px solid var(--line);border-radius:12px;margin:28px 0;padding:20px 24px}
section.file h2{margin:0 0 4px;font-size:18px;word-break:break-all}.sub{color:var(--mute);font-size:13px;margin-bottom:14px}
.page{display:flex;gap:24px;align-items:flex-start;margin:18px 0;flex-wrap:wrap}.page img{width:460px;max-width:100%;height:auto;border-radius:6px;box-shadow:0 1px 4px rgba(0,0,0,.12)}
.page h3{margin:0 0 8px;font-size:14px;color:var(--mute);font-weight:600}.flist{flex:1;min-width:320px}
ol.findings{list-style:none;margin:0;padding:0}ol.findings li{display:flex;gap:12px;padding:10px 0;border-bottom:1px solid var(--line)}ol.findings li:last-child{border-bottom:0}
.num{flex:none;width:26px;height:26px;border-radius:50%;color:#fff;font-weight:700;font-size:13px;display:flex;align-items:center;justify-content:center}
.num.error{background:var(--err)}.num.warning{background:var(--warn)}.num.info{background:var(--info)}
.rule{font-weight:650}.title{font-weight:600}.cat{color:var(--mute);font-size:13px}.quote{font-family:ui-monospace,Menlo,Consolas,monospace;background:#fff4e5;border-radius:4px;padding:1px 5px;font-size:13px}
.msg{margin:3px 0 0}.zh{color:var(--mute);font-size:14px}.sugg{margin-top:4px;font-size:14px}.sugg b{color:#1e8e3e}
.warnings{background:#fff8e1;border:1px solid #f3d27a;border-radius:8px;padding:8px 12px;font-size:14px;margin:8px 0}
.error-box{background:#fdecea;border:1px solid #f5c2c0;border-radius:8px;padding:10px 14px;color:#8a1c13}
.legend{color:var(--mute);font-size:13px;margin:-12px 0 18px}.dot{display:inline-block;width:10px;height:10px;border-radius:50%;margin:0 5px 0 14px;vertical-align:middle}
.dot.error{background:var(--err)}.dot.warning{background:var(--warn)}.dot.info{background:var(--info)}
.clean{color:#1e8e3e;font-weight:600}footer{color:var(--mute);font-size:12px;text-align:center;margin-top:30px}
"""


def _finding_li(n: int, f: Finding, line: int | None) -> str:
    sev = str(f.severity)
    where = f" · line {line}" if line and f.page is None else ""
    low = " · <i>low OCR confidence</i>" if f.extra.get("low_confidence") else ""
    qr = " · QR code" if f.extra.get("qr") else ""
    title = rule_title(f.rule)   # the rule's name next to its id ("CW101 Reward for a review")
    named = f' <span class="title">{_esc(title)}</span>' if title != f.rule else ""
    parts = [f'<li><span class="num {sev}">{n}</span><div>',
             f'<span class="rule">{_esc(f.rule)}</span>{named} '
             f'<span class="pill {sev}">{_esc(sev)}</span> '
             f'<span class="cat">{_esc(f.category)}{where}{qr}{low}</span>',
             f'<div class="msg"><span class="quote">{_esc(f.text[:200])}</span></div>',
             f'<div class="msg">{_esc(f.message)}</div>']
    if f.message_zh:
        parts.append(f'<div class="zh">{_esc(f.message_zh)}</div>')
    if f.suggestion:
        parts.append(f'<div class="sugg"><b>Instead:</b> {_esc(f.suggestion)}</div>')
    if f.source and f.source.url:
        parts.append(f'<div class="cat"><a href="{_esc(f.source.url)}">{_esc(f.source.title)}</a></div>')
    parts.append("</div></li>")
    return "".join(parts)


def _common_root(results: list[FileResult]) -> str:
    dirs = [os.path.dirname(os.path.abspath(r.path)) for r in results if r.path and not r.path.startswith("<")]
    if not dirs:
        return ""
    try:
        root = os.path.commonpath(dirs)
    except ValueError:  # different drives
        return ""
    return "" if root in ("/", "") else root


def _shown(path: str, root: str) -> str:
    if root and not path.startswith("<"):
        rel = os.path.relpath(os.path.abspath(path), root)
        if not rel.startswith(".."):
            return rel
    return path


def build_report(results: list[FileResult], *, profile: str = "amazon", title: str = "Cardwise artwork check") -> str:
    totals = {"error": 0, "warning": 0, "info": 0}
    for r in results:
        for k, v in _counts(r).items():
            totals[k] += v
    unread = sum(1 for r in results if r.error)
    now = _dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    root = _common_root(results)
    where = f" · {_esc(root)}" if root else ""
    out = [f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">'
           f'<title>{_esc(title)}</title><style>{CSS}</style></head><body>',
           f'<header><h1>{_esc(title)}</h1><div class="meta">{len(results)} file(s){where} · profile {_esc(profile)} · {now}</div></header><main>',
           '<div class="cards">',
           f'<div class="card"><b>{len(results)}</b><span>files checked</span></div>',
           f'<div class="card err"><b>{totals["error"]}</b><span>errors</span></div>',
           f'<div class="card warn"><b>{totals["warning"]}</b><span>warnings</span></div>',
           f'<div class="card info"><b>{totals["info"]}</b><span>notes</span></div>',
           f'<div class="card"><b>{unread}</b><span>could not be read</span></div></div>',
           '<p class="legend"><span class="dot error"></span>error — breaks the marketplace rules, fix before printing '
           '<span class="dot warning"></span>warning — a risk, review it <span class="dot info"></span>note — information'
           '</p>']
    order = sorted(range(len(results)), key=lambda i: (
        0 if _counts(results[i])["error"] else 1 if results[i].error else 2 if _counts(results[i])["warning"] else 3, i))
    out.append('<table><thead><tr><th>File</th><th>Kind</th><th>Pages</th><th class="n">Errors</th>'
               '<th class="n">Warnings</th><th class="n">Notes</th><th>Status</th></tr></thead><tbody>')
    for i in order:
        r = results[i]
        c = _counts(r)
        if r.error:
            status = f'<span class="pill unread">not read</span> {_esc(r.error.removeprefix(r.path + ": "))}'
        elif c["error"]:
            status = '<span class="pill error">fix before printing</span>'
        elif c["warning"]:
            status = '<span class="pill warning">review</span>'
        else:
            status = '<span class="pill ok">clean</span>'
        if r.extra.get("partial") and not r.error:
            status += ' <span class="pill warning">partly checked</span>'
        out.append(f'<tr><td><a href="#f{i}" title="{_esc(r.path)}">{_esc(_shown(r.path, root))}</a></td><td>{_esc(r.extra.get("kind", ""))}</td>'
                   f'<td>{_esc(r.pages or "")}</td><td class="n">{c["error"]}</td><td class="n">{c["warning"]}</td>'
                   f'<td class="n">{c["info"]}</td><td>{status}</td></tr>')
    out.append("</tbody></table>")
    for i in order:
        out.append(_file_section(i, results[i], _shown(results[i].path, root)))
    out.append('<footer>Generated by Cardwise. Findings are guidance on marketplace policy, not legal advice.</footer>')
    out.append("</main></body></html>")
    return "".join(out)


def _file_section(i: int, r: FileResult, shown: str) -> str:
    c = _counts(r)
    out = [f'<section class="file" id="f{i}"><h2 title="{_esc(r.path)}">{_esc(shown)}</h2>']
    if r.error:
        out.append(f'<div class="error-box">Could not be checked: {_esc(r.error)}</div></section>')
        return "".join(out)
    kind = r.extra.get("kind", "text")
    out.append(f'<div class="sub">{_esc(kind)}{f" · {r.pages} page(s)" if r.pages else ""} · '
               f'{c["error"]} error(s), {c["warning"]} warning(s), {c["info"]} note(s)</div>')
    if r.extra.get("partial"):
        out.append(f'<div class="warnings partial"><b>Checked in part:</b> {_esc(r.extra["partial"])}; '
                   f'the rest of the file was not read, so it may hold problems not listed here.</div>')
    warnings = r.extra.get("warnings") or []
    if warnings:
        out.append('<div class="warnings">' + "<br>".join(_esc(w) for w in warnings) + "</div>")
    if not r.findings:
        out.append('<p class="clean">No findings.</p></section>')
        return "".join(out)
    findings = sorted(r.findings, key=lambda f: (f.page or 0, SEV_ORDER.get(str(f.severity), 3), f.start))
    numbered = list(enumerate(findings, start=1))
    by_page: dict[int, list[tuple[int, Finding]]] = {}
    unplaced: list[tuple[int, Finding]] = []
    for n, f in numbered:
        if f.page is not None and f.bbox is not None and kind in ("pdf", "image", "card"):
            by_page.setdefault(f.page, []).append((n, f))
        else:
            unplaced.append((n, f))
    for page in sorted(by_page)[:MAX_THUMB_PAGES]:
        items = by_page[page]
        img = annotated_page(r, page, items)
        out.append('<div class="page">')
        if img is not None:
            out.append(f'<img alt="page {page} of {_esc(os.path.basename(r.path))} with findings boxed" src="{_data_uri(img)}">')
        out.append(f'<div class="flist"><h3>Page {page}</h3><ol class="findings">')
        out.extend(_finding_li(n, f, None) for n, f in items)
        out.append("</ol></div></div>")
    for page in sorted(by_page)[MAX_THUMB_PAGES:]:
        unplaced.extend(by_page[page])
    if unplaced:
        out.append('<div class="flist"><ol class="findings">')
        out.extend(_finding_li(n, f, _line_of(r, f)) for n, f in unplaced)
        out.append("</ol></div>")
    out.append("</section>")
    return "".join(out)


def write_report(results: list[FileResult], path: str, *, profile: str = "amazon") -> None:
    """Write the report atomically (a temporary file renamed into place)."""
    doc = build_report(results, profile=profile)
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=".cardwise-report-", suffix=".html", dir=str(target.parent.resolve()))
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(doc)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
