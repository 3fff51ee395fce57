"""The finding: what every check in Cardwise reports.

Compliance findings (rule packs under ``resources/rules``), print-preflight findings
(``app.export.preflight``) and artwork findings (``app.batch``) all share this shape, so
the CLI renderers, the designer's findings panel and the HTML report handle one type.

Offsets are Unicode code-point offsets into the checked text (Python ``str`` indexing),
end exclusive. Qt counts UTF-16 units: convert before highlighting.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from enum import Enum
from typing import Any


class Category(str, Enum):
    """The ten compliance categories of TAXONOMY.md (the contract), plus ``print``
    for preflight findings and ``not-checked`` for text the checker could not judge (a
    language without a rule pack: an ``info`` finding, never silence). Neither of the two
    extra ids appears in compliance corpora."""

    REVIEW_INCENTIVE = "review-incentive"
    REVIEW_POSITIVE = "review-positive"
    REVIEW_GATING = "review-gating"
    REVIEW_REMOVAL = "review-removal"
    OFFSITE_DIVERSION = "offsite-diversion"
    DATA_COLLECTION = "data-collection"
    OFFSITE_CONTACT = "offsite-contact"
    EXTERNAL_LINK = "external-link"
    MARKETING = "marketing"
    MARKETPLACE_TRADEMARK = "marketplace-trademark"
    PRINT = "print"
    NOT_CHECKED = "not-checked"

    def __str__(self) -> str:  # "review-incentive", not "Category.REVIEW_INCENTIVE"
        return self.value


COMPLIANCE_CATEGORIES: tuple[Category, ...] = tuple(
    c for c in Category if c not in (Category.PRINT, Category.NOT_CHECKED)
)


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    def __str__(self) -> str:
        return self.value

    @property
    def rank(self) -> int:
        """Higher is worse: error 2, warning 1, info 0."""
        return {"error": 2, "warning": 1, "info": 0}[self.value]


@dataclass(frozen=True)
class Source:
    """The policy (or print specification) a finding rests on."""

    title: str
    url: str = ""

    def to_dict(self) -> dict[str, str]:
        return {"title": self.title, "url": self.url}


@dataclass(frozen=True)
class Finding:
    """One problem at one place.

    ``rule`` is the stable id (``CW101``; preflight ids start with ``PF``), ``name`` the
    finer rule name (``review-incentive/gift-for-review``). ``start``/``end`` are code-point
    offsets into the checked text; ``page`` (1-based) and ``bbox`` (x0, y0, x1, y1 in PDF
    points, origin bottom-left, or pixels for raster images) locate artwork findings;
    ``element_id`` ties a designer/preflight finding to a card element.
    """

    rule: str
    name: str
    category: Category
    severity: Severity
    start: int
    end: int
    text: str
    message: str
    message_zh: str
    source: Source | None = None
    suggestion: str | None = None
    page: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    element_id: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def with_(self, **changes: Any) -> "Finding":
        """A copy with ``changes`` (what ``dataclasses.replace`` gives, without calling
        ``__init__``: the live check copies every finding it maps onto a box)."""
        unknown = changes.keys() - _FINDING_FIELDS
        if unknown or type(self) is not Finding:
            return replace(self, **changes)   # raises on a field name Finding lacks
        new = object.__new__(Finding)
        state = new.__dict__
        state.update(self.__dict__)
        state.update(changes)
        return new

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of docs/json-schema.md (``line``/``col`` are added by renderers
        that know the text)."""
        d: dict[str, Any] = {
            "rule": self.rule,
            "name": self.name,
            "category": str(self.category),
            "severity": str(self.severity),
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "message": self.message,
            "message_zh": self.message_zh,
            "source": self.source.to_dict() if self.source else None,
            "suggestion": self.suggestion,
        }
        if self.page is not None:
            d["page"] = self.page
        if self.bbox is not None:
            d["bbox"] = [round(v, 2) for v in self.bbox]
        if self.element_id is not None:
            d["element_id"] = self.element_id
        return d


#: the field names :meth:`Finding.with_` may change
_FINDING_FIELDS = frozenset(f.name for f in fields(Finding))


@dataclass
class FileResult:
    """What checking one input (a file, stdin, or a designer card) produced.

    ``text`` is the text the offsets refer to (the extracted text for artwork), kept so that
    renderers can compute line/column and show the source line. ``error`` is a one-line,
    user-readable reason when the input could not be checked; the batch goes on.
    """

    path: str
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    text: str | None = None
    lang: str | None = None
    pages: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)
