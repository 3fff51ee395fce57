"""Helpers shared by the renderers: line/column from code-point offsets, display width of
CJK and emoji text, the run summary."""
from __future__ import annotations

import bisect
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable

from checks.findings import FileResult, Finding, Severity

TAB_WIDTH = 8


class LineIndex:
    """Maps code-point offsets of one text to 1-based (line, column); columns count code
    points, so they match Python string indexing and SARIF's ``unicodeCodePoints``."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0]
        i = text.find("\n")
        while i >= 0:
            self.starts.append(i + 1)
            i = text.find("\n", i + 1)

    def line_col(self, offset: int) -> tuple[int, int]:
        offset = max(0, min(offset, len(self.text)))
        i = bisect.bisect_right(self.starts, offset) - 1
        return i + 1, offset - self.starts[i] + 1

    def line_text(self, line: int) -> str:
        """Line ``line`` (1-based) without its newline (and without a trailing ``\\r``)."""
        start = self.starts[line - 1]
        end = self.starts[line] - 1 if line < len(self.starts) else len(self.text)
        s = self.text[start:end]
        return s[:-1] if s.endswith("\r") else s

    @property
    def line_count(self) -> int:
        return len(self.starts)


@lru_cache(maxsize=4096)
def char_width(ch: str) -> int:
    """Terminal cells a character takes: 2 for wide/fullwidth (CJK, most emoji), 0 for
    combining marks, variation selectors and zero-width joiners, else 1."""
    if ch == "\u200d" or "\ufe00" <= ch <= "\ufe0f":
        return 0
    cat = unicodedata.category(ch)
    if cat in ("Mn", "Me", "Cf"):
        return 0
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 2
    return 1


def expand(line: str, tab: int = TAB_WIDTH) -> tuple[str, list[int]]:
    """The line with tabs expanded, and the display column where each code point starts
    (one entry per code point plus one for the end of the line)."""
    out: list[str] = []
    cols: list[int] = []
    col = 0
    joined = False  # the previous character was a zero-width joiner: this one is drawn into it
    for ch in line:
        cols.append(col)
        if joined or "\U0001f3fb" <= ch <= "\U0001f3ff":  # ZWJ sequence part, skin-tone modifier
            out.append(ch)
            joined = False
            continue
        joined = ch == "\u200d"
        if ch == "\t":
            n = tab - (col % tab)
            out.append(" " * n)
            col += n
        elif ch < " " or ch == "\x7f":
            out.append(" ")  # other control characters would garble the terminal
            col += 1
        else:
            out.append(ch)
            col += char_width(ch)
    cols.append(col)
    return "".join(out), cols


def sorted_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Stable reading order: page, then position, then rule id."""
    return sorted(findings, key=lambda f: (f.page or 0, f.start, f.end, f.rule))


def plural(n: int, word: str, words: str | None = None) -> str:
    return f"{n} {word if n == 1 else (words or word + 's')}"


@dataclass(frozen=True)
class Counts:
    files: int
    unreadable: int
    errors: int
    warnings: int
    info: int


def counts(results: list[FileResult]) -> Counts:
    sev = {Severity.ERROR: 0, Severity.WARNING: 0, Severity.INFO: 0}
    for r in results:
        for f in r.findings:
            sev[Severity(f.severity)] += 1
    return Counts(len(results), sum(1 for r in results if r.error), sev[Severity.ERROR],
                  sev[Severity.WARNING], sev[Severity.INFO])


def summary(results: list[FileResult]) -> dict:
    """The run summary (the ``summary`` object of the JSON output)."""
    c = counts(results)
    by_category: dict[str, int] = {}
    by_rule: dict[str, int] = {}
    for r in results:
        for f in r.findings:
            by_category[str(f.category)] = by_category.get(str(f.category), 0) + 1
            by_rule[f.rule] = by_rule.get(f.rule, 0) + 1
    return {
        "files": c.files,
        "files_with_findings": sum(1 for r in results if r.findings),
        "unreadable": c.unreadable,
        "findings": c.errors + c.warnings + c.info,
        "errors": c.errors,
        "warnings": c.warnings,
        "info": c.info,
        "by_category": dict(sorted(by_category.items())),
        "by_rule": dict(sorted(by_rule.items())),
    }


def summary_line(results: list[FileResult]) -> str:
    """"3 errors, 2 warnings in 4 files (1 could not be read)"."""
    c = counts(results)
    parts = [plural(c.errors, "error"), plural(c.warnings, "warning")]
    if c.info:
        parts.append(f"{c.info} info")
    line = f"{', '.join(parts)} in {plural(c.files, 'file')}"
    if c.unreadable:
        line += f" ({c.unreadable} could not be read)"
    return line


def message_for(f: Finding, lang: str) -> str:
    """The finding's message in ``lang`` (``zh`` → Simplified Chinese, else English)."""
    if lang.lower().startswith("zh") and f.message_zh:
        return f.message_zh
    return f.message


TitleOf = Callable[[str], str]


def pack_titles(lang: str = "en") -> TitleOf:
    """rule id → its title in ``lang`` (``zh`` → Chinese) from the bundled rule packs; the id
    itself for a rule the packs do not name. Callers that know more rules (print preflight,
    the artwork reader: ``app.batch.titles.rule_title``) pass their own look-up instead."""
    chinese = lang.lower().startswith("zh")
    try:
        from checks.rules import load_rules

        rules = {r.id: r for r in load_rules().rules}
    except Exception:  # a broken or missing pack must not stop the report
        rules = {}

    def title_of(rule_id: str) -> str:
        rule = rules.get(rule_id)
        if rule is None:
            return rule_id
        return (rule.title_zh if chinese and rule.title_zh else rule.title) or rule_id

    return title_of


def tool_version() -> str:
    try:
        from importlib.metadata import version

        return version("cardwise")
    except Exception:  # not installed as a distribution (a source checkout)
        return "0.1.0"
