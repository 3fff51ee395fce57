"""Compiler-style text output, the contract users and scripts read::

    card.txt:2:24: error CW101 Offering a gift for a review is prohibited.
            2 | Leave a review and get a FREE gift!
          |                        ^~~~~~~~~~~
      suggestion: Thank you for your purchase!

Columns count code points (1-based); the underline is placed by display width, so it stays
under the span after tabs, wide CJK characters and emoji. A span that crosses lines is
underlined on each of its lines (at most ``MAX_SPAN_LINES``). A finding about a QR code or
link adds ``  link: <where it leads>``. Artwork findings read
``path:page N: …``; an input that could not be read gets ``path: error: reason``; the last
line is the summary ("3 errors, 2 warnings in 4 files (1 could not be read)").
"""
from __future__ import annotations

from typing import TextIO

from checks.findings import FileResult, Finding
from checks.render._common import LineIndex, expand, message_for, sorted_findings, summary_line

MAX_SPAN_LINES = 3
_GUTTER = 6  # "    2 |": the bar sits after the line number, which is right-aligned in 5 cells

_RESET = "\x1b[0m"
_STYLE = {
    "error": "\x1b[1;31m", "warning": "\x1b[1;33m", "info": "\x1b[1;36m",
    "path": "\x1b[1m", "rule": "\x1b[1m", "gutter": "\x1b[34m", "suggestion": "\x1b[32m", "dim": "\x1b[2m",
}
_LABELS = {
    "en": {"suggestion": "suggestion", "source": "source", "link": "link"},
    "zh": {"suggestion": "建议", "source": "依据", "link": "链接"},
}


class _Paint:
    def __init__(self, color: bool) -> None:
        self.color = color

    def __call__(self, style: str, s: str) -> str:
        return f"{_STYLE[style]}{s}{_RESET}" if self.color and s else s


def render(results: list[FileResult], out: TextIO, *, color: bool = False, lang: str = "en") -> None:
    paint = _Paint(color)
    labels = _LABELS["zh" if lang.lower().startswith("zh") else "en"]
    for r in results:
        if r.error:
            out.write(f"{paint('path', r.path)}: {paint('error', 'error')}: {r.error}\n")
            continue
        if r.extra.get("partial"):   # say so on the file's own line, before its findings
            out.write(f"{paint('path', r.path)}: {paint('warning', 'partial')}: only part of the file was "
                      f"checked ({r.extra['partial']})\n")
        index = LineIndex(r.text) if r.text is not None else None
        for f in sorted_findings(r.findings):
            _finding(out, r, f, index, paint, labels, lang)
    out.write(summary_line(results) + "\n")


def _finding(out: TextIO, r: FileResult, f: Finding, index: LineIndex | None, paint: _Paint,
             labels: dict[str, str], lang: str) -> None:
    sev = str(f.severity)
    has_text = index is not None and 0 <= f.start <= f.end <= len(index.text) and (f.end > f.start or f.text == "")
    if f.page is not None:
        where = f"{r.path}:page {f.page}"
    elif has_text:
        line, col = index.line_col(f.start)
        where = f"{r.path}:{line}:{col}"
    else:
        where = r.path
    out.write(f"{paint('path', where)}: {paint(sev, sev)} {paint('rule', f.rule)} {message_for(f, lang)}\n")
    if has_text and f.page is None:
        _excerpt(out, index, f, paint, sev)
    elif f.text:
        out.write(f"{' ' * _GUTTER}{paint('gutter', '|')} {_one_line(f.text)}\n")
    reason = f.extra.get("reason_zh" if labels is _LABELS["zh"] else "reason") or f.extra.get("reason")
    if reason:  # where a QR code or link leads (checks.links verdict)
        out.write(f"  {paint('dim', labels['link'] + ':')} {reason}\n")
    if f.suggestion:
        out.write(f"  {paint('suggestion', labels['suggestion'] + ':')} {f.suggestion}\n")


def _one_line(s: str, limit: int = 120) -> str:
    s = " ".join(s.split())
    return s if len(s) <= limit else s[: limit - 1] + "…"


def _excerpt(out: TextIO, index: LineIndex, f: Finding, paint: _Paint, sev: str) -> None:
    first, col0 = index.line_col(f.start)
    last, col1 = index.line_col(max(f.start, f.end - 1)) if f.end > f.start else (first, col0)
    shown = list(range(first, min(last, first + MAX_SPAN_LINES - 1) + 1))
    width = len(str(shown[-1])) + 4
    pad = " " * (width + 1)
    for ln in shown:
        raw = index.line_text(ln)
        expanded, cols = expand(raw)
        out.write(f"{paint('gutter', str(ln).rjust(width) + ' |')} {expanded}\n")
        a = col0 - 1 if ln == first else 0
        if ln == last:
            b = col1 if f.end > f.start else a  # col1 is the 1-based column of the last char
        else:
            b = len(raw)
        a = min(a, len(raw))
        b = min(max(b, a), len(raw))
        start_cell = cols[a]
        cells = max(1, cols[b] - cols[a]) if b > a else 1
        marker = ("^" if ln == first else "~") + "~" * (cells - 1)
        out.write(f"{pad}{paint('gutter', '|')} {' ' * start_cell}{paint(sev, marker)}\n")
    if last > shown[-1]:
        out.write(f"{pad}{paint('gutter', '|')} {paint('dim', '…')}\n")
