"""CSV output for spreadsheets: one row per finding, UTF-8, RFC 4180 quoting.

Columns: file,page,line,col,severity,rule,title,category,text,message,suggestion (``title``:
the rule's name in the report's language, "Reward for a review"). ``line``/``col``
are 1-based (code points); empty for artwork findings located by page only. An input that
could not be read is one row with severity ``error``, no rule, and the reason as message.
``lang="zh"`` writes the Chinese messages.
"""
from __future__ import annotations

import csv
from typing import TextIO

from checks.findings import FileResult
from checks.render._common import LineIndex, TitleOf, message_for, pack_titles, sorted_findings

COLUMNS = ("file", "page", "line", "col", "severity", "rule", "title", "category", "text", "message", "suggestion")


def render(results: list[FileResult], out: TextIO, *, color: bool = False, lang: str = "en",
           title_of: TitleOf | None = None) -> None:
    title_of = title_of or pack_titles(lang)
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(COLUMNS)
    for r in results:
        if r.error:
            w.writerow([r.path, "", "", "", "error", "", "", "", "", r.error, ""])
            continue
        index = LineIndex(r.text) if r.text is not None else None
        for f in sorted_findings(r.findings):
            line = col = ""
            if index is not None and f.page is None and 0 <= f.start <= len(index.text):
                ln, cl = index.line_col(f.start)
                line, col = str(ln), str(cl)
            w.writerow([r.path, "" if f.page is None else f.page, line, col, str(f.severity), f.rule,
                        title_of(f.rule), str(f.category), f.text, message_for(f, lang), f.suggestion or ""])
