"""Artwork → findings: run the checker over the extracted text and put each finding back on
the artwork (page + box, or card element), judge QR payloads, and report text OCR could
not read reliably.

QR payloads are appended to the result's text after the artwork's own text, one line each
(``QR code: https://…``), so every finding's offsets still point into ``FileResult.text``
and the text renderer can show the payload; the finding's ``page``/``bbox`` are the code's.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from checks.findings import Category, FileResult, Finding, Severity, Source

from app.batch.artwork import Artwork, Piece, locate, union
from app.verdict import CHUNK_CHARS, pieces  # noqa: F401 - bounded pieces, defined with the verdict

LOW_CONFIDENCE_RULE = "AW001"
LOW_CONFIDENCE_NAME = "artwork/low-confidence-ocr"
LOW_CONFIDENCE_TITLE = ("Text the OCR could not read reliably", "OCR 无法可靠识别的文字")
QR_PREFIX = "QR code: "


@dataclass(frozen=True)
class CheckOptions:
    """What a run checks with; part of the cache key."""

    profile: str = "amazon"
    lang: str = "auto"
    ignore: tuple[str, ...] = ()
    select: tuple[str, ...] | None = None

    @property
    def ocr_lang(self) -> str:
        from app.batch.ocr import OCR_LANGS
        return OCR_LANGS.get(self.lang, "auto")

    def key(self) -> str:
        sel = ",".join(sorted(self.select)) if self.select is not None else "*"
        return f"{self.profile}|{self.lang}|{','.join(sorted(self.ignore))}|{sel}"


_checkers: dict[str, Any] = {}


def get_checker(profile: str):
    """One checker per profile per process (workers build theirs on first use)."""
    checker = _checkers.get(profile)
    if checker is None:
        from checks import Checker
        checker = _checkers[profile] = Checker(profile=profile)
    return checker


def _selected(rule_id: str, name: str, category: str, opts: CheckOptions) -> bool:
    def hit(selectors) -> bool:
        for s in selectors:
            s = s.strip()
            if s and (rule_id.upper().startswith(s.upper()) or s == name or s == category
                      or name.startswith(s.rstrip("/") + "/")):
                return True
        return False

    if opts.select is not None and not hit(opts.select):
        return False
    return not (opts.ignore and hit(opts.ignore))


def analyze(art: Artwork, opts: CheckOptions, checker=None) -> FileResult:
    checker = checker or get_checker(opts.profile)
    text = art.text
    findings: list[Finding] = []
    if art.document is None and text.strip():
        for f in check_in_pieces(checker, text, opts):
            findings.append(_place(f, art.pieces, art.low_confidence))
    full = text
    qr_at: dict[str, int] = {}
    for code in art.qr_codes:
        if full and not full.endswith("\n"):
            full += "\n"
        base = len(full) + len(QR_PREFIX)
        full += QR_PREFIX + code.payload + "\n"
        if art.document is not None:   # a card's QR codes are judged with the card (below)
            qr_at[code.element_id or ""] = base
            continue
        for f in _judge_qr(checker, code.payload, opts):
            if not _selected(f.rule, f.name, str(f.category), opts):
                continue
            findings.append(f.with_(start=f.start + base, end=f.end + base, page=code.page, bbox=code.bbox,
                                    element_id=code.element_id,
                                    extra={**f.extra, "qr": True, "qr_format": code.format,
                                           "boxes": [list(code.bbox)] if code.bbox else []}))
    if art.document is not None:
        findings = _card_verdict(art, opts, checker, qr_at)
    if art.low_confidence and _selected(LOW_CONFIDENCE_RULE, LOW_CONFIDENCE_NAME, "print", opts):
        findings.extend(_low_confidence_findings(art.low_confidence, full))
    if art.ignores:
        findings = [f for f in findings
                    if not (f.element_id and any(i.matches(f.rule, f.element_id, f.text) for i in art.ignores))]
    findings.sort(key=lambda f: (f.page or 0, f.start, f.end, f.rule))
    warnings = list(art.warnings)
    if art.kind in ("image", "pdf") and not text.strip() and not art.qr_codes:
        warnings.append("no text or QR code was found on this artwork")
    return FileResult(
        path=art.path, findings=findings, text=full, pages=len(art.pages) or None,
        extra={
            "kind": art.kind,
            "pages": [p.to_dict() for p in art.pages],
            "qr_codes": [{"payload": c.payload, "page": c.page, "bbox": [round(v, 2) for v in c.bbox] if c.bbox else None,
                          "format": c.format} for c in art.qr_codes],
            "warnings": warnings,
            "low_confidence_words": len(art.low_confidence),
            **({"partial": art.partial} if art.partial else {}),
        },
    )


def _card_verdict(art: Artwork, opts: CheckOptions, checker, qr_at: dict[str, int]) -> list[Finding]:
    """A ``.cardwise`` project's findings: its verdict (``app.verdict.judge_card``, wording,
    QR payloads and artwork; print preflight is the export's), placed into ``art.text`` (the
    reader wrote each box's text there in reading order) or, for QR codes and pictures, on
    the element's box."""
    from app.verdict import judge_card

    doc = art.document
    verdict = judge_card(doc, profile=opts.profile, disabled=opts.ignore, checker=checker, print_checks=False)
    where = {p.element_id: p for p in art.pieces if p.element_id}
    page_of = {el.id: n for n, side in enumerate(doc.sides, start=1) for el in side.elements}
    out = []
    for f in verdict.findings:
        if not _selected(f.rule, f.name, str(f.category), opts):
            continue
        p = where.get(f.element_id or "")
        if p is not None:
            out.append(f.with_(start=p.start + f.start, end=p.start + f.end, page=p.page, bbox=p.bbox))
            continue
        el = doc.get(f.element_id) if f.element_id else None
        box = (el.x, el.y, el.x + el.w, el.y + el.h) if el is not None else None
        base = qr_at.get(f.element_id or "")
        start, end = (base + f.start, base + f.end) if base is not None else (0, 0)
        extra = {**f.extra, "boxes": [list(box)] if box else []}
        if base is not None:
            extra.update(qr=True, qr_format="QRCode")
        out.append(f.with_(start=start, end=end, page=page_of.get(f.element_id or ""), bbox=box, extra=extra))
    return out


def check_in_pieces(checker, text: str, opts: CheckOptions) -> list[Finding]:
    """The checker's findings for ``text``, checked in bounded pieces; offsets into ``text``."""
    found: list[Finding] = []
    for offset, piece in pieces(text):
        if not piece.strip():
            continue
        for f in checker.check(piece, lang=opts.lang, ignore=frozenset(opts.ignore), select=opts.select):
            found.append(f.with_(start=f.start + offset, end=f.end + offset) if offset else f)
    return found


def _judge_qr(checker, payload: str, opts: CheckOptions) -> list[Finding]:
    """The checker's QR judgement, completed by the payload read as wording (a URL there is
    detected like a printed one) for any category the QR judgement did not already give."""
    found = list(checker.check_qr(payload))
    have = {f.category for f in found}
    for f in checker.check(payload, lang=opts.lang, ignore=frozenset(opts.ignore), select=opts.select):
        if f.category not in have:
            found.append(f)
            have.add(f.category)
    return found


def _place(f: Finding, pieces: list[Piece], low: list[Piece]) -> Finding:
    page, bbox, boxes, conf, element = locate(pieces, f.start, f.end)
    extra = dict(f.extra)
    if boxes and len(boxes) > 1:
        extra["boxes"] = [[round(v, 2) for v in b] for b in boxes]
    if conf is not None:
        extra["ocr_confidence"] = round(conf, 1)
        if any(p.start < f.end and p.end > f.start for p in low):
            extra["low_confidence"] = True
    return f.with_(page=page, bbox=bbox, element_id=element or f.element_id, extra=extra)


def _low_confidence_findings(low: list[Piece], text: str) -> list[Finding]:
    """One info finding per run of adjacent low-confidence words on one line."""
    groups: list[list[Piece]] = []
    for p in sorted(low, key=lambda p: p.start):
        if groups:
            last = groups[-1][-1]
            between = text[last.end:p.start]
            if p.page == last.page and len(between) <= 2 and "\n" not in between:
                groups[-1].append(p)
                continue
        groups.append([p])
    out = []
    for g in groups:
        start, end = g[0].start, g[-1].end
        conf = min(p.confidence or 0.0 for p in g)
        words = text[start:end]
        out.append(Finding(
            rule=LOW_CONFIDENCE_RULE, name=LOW_CONFIDENCE_NAME, category=Category.PRINT, severity=Severity.INFO,
            start=start, end=end, text=words,
            message=f"OCR could not read this text reliably (confidence {conf:.0f}%): check it by eye; "
                    "wording here may hide a problem the checker cannot see.",
            message_zh=f"OCR 无法可靠识别这段文字（置信度 {conf:.0f}%），请人工核对：这里的措辞可能藏有检查器看不到的问题。",
            source=Source("Cardwise artwork reading"),
            page=g[0].page, bbox=union(p.bbox for p in g if p.bbox),
            extra={"ocr_confidence": round(conf, 1)},
        ))
    return out


def error_result(path: str, message: str) -> FileResult:
    return FileResult(path=path, error=message)
