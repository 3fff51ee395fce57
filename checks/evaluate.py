"""Measure the checker on a labelled corpus (the shape of dev_corpus.jsonl).

Primary figure: per category, *text level* — a text counts as predicted for a category when
the checker reports at least one error or warning of it; precision, recall and F1 against
the text's labels; macro-F1 over the categories that occur. Secondary: *span level* — a gold
span is found when a predicted finding of its category overlaps it, a predicted finding is
right when it overlaps a gold span of its category. Also: the share of clean texts (no
labels) that got an error finding.

Items are split by a stable hash of their id: about a quarter go to ``holdout``. Rules are
developed against ``dev`` only; ``failures()`` refuses to show holdout texts.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from checks.errors import ChecksError
from checks.findings import COMPLIANCE_CATEGORIES, Finding, Severity

HOLDOUT_PERCENT = 25
_SALT = "cw-split-v1:"


class CorpusError(ChecksError, ValueError):
    """A corpus file that cannot be read (names the file and line)."""


def split_of(item_id: str) -> str:
    """``holdout`` for about 25 % of ids (stable across runs and machines), else ``dev``."""
    h = int(hashlib.sha256((_SALT + item_id).encode("utf-8")).hexdigest()[:8], 16) % 100
    return "holdout" if h < HOLDOUT_PERCENT else "dev"


def load_corpus(path: str | Path) -> list[dict[str, Any]]:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CorpusError(f"{path}: cannot be read: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CorpusError(f"{path}: not UTF-8 (byte {exc.start})") from None
    items = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CorpusError(f"{path}:{n}: not valid JSON: {exc.msg}") from None
        if not isinstance(d, dict) or not isinstance(d.get("id"), str) or not isinstance(d.get("text"), str):
            raise CorpusError(f"{path}:{n}: each line needs an object with string 'id' and 'text'")
        d.setdefault("labels", [])
        d.setdefault("spans", [])
        d.setdefault("lang", "en")
        items.append(d)
    return items


def select_items(items: Iterable[dict], split: str = "all", lang: str | None = None) -> list[dict]:
    out = []
    for d in items:
        if split != "all" and split_of(d["id"]) != split:
            continue
        if lang and d.get("lang") != lang:
            continue
        out.append(d)
    return out


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class ItemResult:
    id: str
    split: str
    labels: set[str]
    predicted: set[str]
    errors: int
    findings: list[Finding]


@dataclass
class Report:
    split: str
    lang: str | None
    profile: str
    n_items: int
    n_clean: int
    clean_with_error: int
    text: dict[str, Counts] = field(default_factory=dict)
    span_gold: dict[str, Counts] = field(default_factory=dict)  # tp/fn over gold spans
    span_pred: dict[str, Counts] = field(default_factory=dict)  # tp/fp over predicted findings
    items: list[ItemResult] = field(default_factory=list)

    @property
    def present(self) -> list[str]:
        return [c for c in self.text if self.text[c].tp + self.text[c].fn > 0]

    @property
    def macro_f1(self) -> float:
        cats = self.present
        return sum(self.text[c].f1 for c in cats) / len(cats) if cats else 1.0

    def span_figures(self, cat: str) -> tuple[float, float, float]:
        g, p = self.span_gold[cat], self.span_pred[cat]
        prec = p.tp / (p.tp + p.fp) if p.tp + p.fp else 1.0
        rec = g.tp / (g.tp + g.fn) if g.tp + g.fn else 1.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        return prec, rec, f1

    @property
    def span_macro_f1(self) -> float:
        cats = self.present
        return sum(self.span_figures(c)[2] for c in cats) / len(cats) if cats else 1.0

    @property
    def clean_error_rate(self) -> float:
        return self.clean_with_error / self.n_clean if self.n_clean else 0.0

    def to_dict(self) -> dict[str, Any]:
        cats = {}
        for c in self.text:
            t = self.text[c]
            sp, sr, sf = self.span_figures(c)
            cats[c] = {
                "support": t.tp + t.fn, "tp": t.tp, "fp": t.fp, "fn": t.fn,
                "precision": round(t.precision, 4), "recall": round(t.recall, 4), "f1": round(t.f1, 4),
                "span_precision": round(sp, 4), "span_recall": round(sr, 4), "span_f1": round(sf, 4),
            }
        return {
            "split": self.split, "lang": self.lang, "profile": self.profile,
            "items": self.n_items, "clean_items": self.n_clean,
            "macro_f1": round(self.macro_f1, 4), "span_macro_f1": round(self.span_macro_f1, 4),
            "clean_error_rate": round(self.clean_error_rate, 4),
            "clean_with_error": self.clean_with_error, "categories": cats,
        }

    def to_text(self) -> str:
        lines = [
            f"Corpus split: {self.split}   language: {self.lang or 'all'}   profile: {self.profile}",
            f"Items: {self.n_items} ({self.n_clean} clean)",
            "",
            f"{'category':<24}{'support':>8}{'prec':>7}{'recall':>8}{'F1':>7}   {'span P':>7}{'span R':>7}{'span F1':>8}",
        ]
        for c in self.text:
            t = self.text[c]
            sp, sr, sf = self.span_figures(c)
            lines.append(f"{c:<24}{t.tp + t.fn:>8}{t.precision:>7.3f}{t.recall:>8.3f}{t.f1:>7.3f}   {sp:>7.3f}{sr:>7.3f}{sf:>8.3f}")
        lines += [
            "",
            f"macro-F1 (text level, categories present): {self.macro_f1:.3f}",
            f"macro-F1 (span overlap):                    {self.span_macro_f1:.3f}",
            f"clean texts with an error finding:          {self.clean_with_error}/{self.n_clean} = {self.clean_error_rate:.1%}",
        ]
        return "\n".join(lines)


def _counts_predicted(f: Finding) -> bool:
    return f.severity in (Severity.ERROR, Severity.WARNING) and f.category in COMPLIANCE_CATEGORIES


def evaluate(checker: Any, items: list[dict], *, split: str = "all", lang: str | None = None) -> Report:
    cats = [c.value for c in COMPLIANCE_CATEGORIES]
    rep = Report(split=split, lang=lang, profile=checker.profile.name, n_items=len(items), n_clean=0,
                 clean_with_error=0, text={c: Counts() for c in cats},
                 span_gold={c: Counts() for c in cats}, span_pred={c: Counts() for c in cats})
    for d in items:
        check_lang = d.get("lang") if lang else "auto"
        findings = checker.check(d["text"], lang=check_lang or "auto")
        pred = [f for f in findings if _counts_predicted(f)]
        labels = set(d.get("labels") or [])
        predicted = {f.category.value for f in pred}
        errors = sum(1 for f in findings if f.severity is Severity.ERROR and f.category in COMPLIANCE_CATEGORIES)
        if not labels:
            rep.n_clean += 1
            if errors:
                rep.clean_with_error += 1
        for c in cats:
            if c in labels and c in predicted:
                rep.text[c].tp += 1
            elif c in predicted:
                rep.text[c].fp += 1
            elif c in labels:
                rep.text[c].fn += 1
        gold = [(s["start"], s["end"], s["category"]) for s in d.get("spans") or []]
        for a, b, c in gold:
            if c not in rep.span_gold:
                continue
            if any(f.category.value == c and f.start < b and a < f.end for f in pred):
                rep.span_gold[c].tp += 1
            else:
                rep.span_gold[c].fn += 1
        for f in pred:
            c = f.category.value
            if any(gc == c and f.start < b and a < f.end for a, b, gc in gold):
                rep.span_pred[c].tp += 1
            else:
                rep.span_pred[c].fp += 1
        rep.items.append(ItemResult(d["id"], split_of(d["id"]), labels, predicted, errors, findings))
    return rep


def failures(report: Report, items: list[dict]) -> list[str]:
    """Human-readable misses and false alarms of the *dev* items only (holdout texts stay unread)."""
    by_id = {d["id"]: d for d in items}
    out = []
    for r in report.items:
        if r.split != "dev" or r.labels == r.predicted:
            continue
        d = by_id[r.id]
        missed = sorted(r.labels - r.predicted)
        extra = sorted(r.predicted - r.labels)
        out.append(f"{r.id}  missed={missed} extra={extra}\n  {d['text']!r}")
        for f in r.findings:
            out.append(f"    {f.rule} {f.category.value} {f.severity.value}: {f.text!r}")
    return out
