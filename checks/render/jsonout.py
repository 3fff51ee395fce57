"""JSON output, version 1: the shape documented in docs/json-schema.md.

One object per run: ``{"version": 1, "tool": {...}, "files": [...], "summary": {...}}``; one
entry per input in input order; an unreadable input has ``"error"`` and no findings. New
keys may be added within version 1; renaming or removing one raises the version.
"""
from __future__ import annotations

import json
from typing import Any, TextIO

from checks.findings import FileResult, Finding
from checks.render._common import LineIndex, TitleOf, pack_titles, sorted_findings, summary, tool_version

SCHEMA_VERSION = 1


def finding_dict(f: Finding, index: LineIndex | None, title_of: TitleOf | None = None) -> dict[str, Any]:
    d = f.to_dict()
    d["title"] = (title_of or pack_titles())(f.rule)   # the rule's name, in the report's language
    d["rules"] = list(f.extra.get("rules") or [f.rule])  # every rule merged into this finding
    if f.extra.get("verdict"):
        d["link"] = {"kind": f.extra["verdict"], "reason": f.extra.get("reason", ""),
                     "reason_zh": f.extra.get("reason_zh", "")}
    if f.extra.get("qr"):
        d["qr"] = True
    if index is not None and 0 <= f.start <= len(index.text):
        line, col = index.line_col(f.start)
        end_line, end_col = index.line_col(f.end)
        d.update(line=line, col=col, end_line=end_line, end_col=end_col)
    else:
        d.update(line=None, col=None, end_line=None, end_col=None)
    return d


def file_dict(r: FileResult, title_of: TitleOf | None = None) -> dict[str, Any]:
    index = LineIndex(r.text) if r.text is not None else None
    title_of = title_of or pack_titles()
    d: dict[str, Any] = {
        "path": r.path,
        "lang": r.lang,
        "findings": [] if r.error else [finding_dict(f, index, title_of) for f in sorted_findings(r.findings)],
        "error": r.error,
    }
    if r.pages is not None:
        d["pages"] = r.pages
    if r.extra.get("partial") and not r.error:   # only part of the file was read and checked
        d["partial"] = True
        d["partial_reason"] = str(r.extra["partial"])
    return d


def document(results: list[FileResult], title_of: TitleOf | None = None) -> dict[str, Any]:
    title_of = title_of or pack_titles()
    return {
        "version": SCHEMA_VERSION,
        "tool": {"name": "cardwise", "version": tool_version()},
        "files": [file_dict(r, title_of) for r in results],
        "summary": summary(results),
    }


def render(results: list[FileResult], out: TextIO, *, color: bool = False, lang: str = "en",
           title_of: TitleOf | None = None) -> None:
    json.dump(document(results, title_of or pack_titles(lang)), out, ensure_ascii=False, indent=2)
    out.write("\n")
