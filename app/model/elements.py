"""Card elements: text box, image, QR code, rectangle, line — plain dataclasses, no Qt.

Every element has an ``id`` (unique in the document), a box ``x, y, w, h`` in points
(trim coordinates, y down), ``rotation`` in degrees clockwise about the box centre,
``locked``, ``hidden`` (not drawn on the canvas's print view, not printed), ``name`` and a
``kind`` string. Values are changed through
:class:`app.model.document.Document` (``set_property``/``move_element``) so the designer is
told; immutable parts (TextStyle, Paragraph, Color) are replaced, never mutated.

Serialised shape (``Element.to_dict``)::

    {"kind": "text", "id": "a1b2c3", "name": "", "x": 12.0, "y": 20.0, "w": 200.0,
     "h": 40.0, "rotation": 0, "locked": false, ...kind-specific fields...}

``"hidden": true`` is written only for a hidden element (files of cards without hidden
elements are unchanged; a file without the key reads as shown). ``"group": "<id>"`` is
written only for an element in a group: members of one group share the id, and the
designer selects, moves, aligns and deletes them as one (one level: a group holds
elements, not groups). A file without the key reads as not grouped.
"""
from __future__ import annotations

import copy
import heapq
import math
import uuid
from dataclasses import dataclass, field, fields, replace
from enum import Enum
from functools import lru_cache
from typing import Any, ClassVar

from app.errors import CardwiseError, InvalidDimension, brief
from app.model.color import BLACK, WHITE, Color, color_or_none, dict_or_none
from app.model.geometry import Rect

DEFAULT_FONT_FAMILY = "Bitstream Vera Sans"   # ships with reportlab: works on a fresh machine


class ElementError(CardwiseError, ValueError):
    """An element property that cannot hold the given value."""


def new_id() -> str:
    """A fresh element id (12 hex characters)."""
    return uuid.uuid4().hex[:12]


_fresh_id = new_id   # Element.copy's parameter shadows the name


class Align(str, Enum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"
    JUSTIFY = "justify"


class VAlign(str, Enum):
    TOP = "top"
    MIDDLE = "middle"
    BOTTOM = "bottom"


class Fit(str, Enum):
    FILL = "fill"        # cover the box, crop the overflow (keeps aspect)
    FIT = "fit"          # whole image inside the box (keeps aspect)
    STRETCH = "stretch"  # exactly the box (aspect may change)


def _num(name: str, value: Any, lo: float = -math.inf, hi: float = math.inf) -> float:
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise ElementError(f"{name}: {brief(value)} is not a number") from None
    if not math.isfinite(v) or v < lo or v > hi:
        raise ElementError(f"{name} is {brief(value)}; it must be between {lo:g} and {hi:g}")
    return v


#: Smallest width/height the project file stores (it keeps 4 decimals of a point).
MIN_SIZE_PT = 0.0001


def _f(v: float) -> float:
    """Stable float for the project file (4 decimals of a point, always a float)."""
    return float(round(float(v), 4))


# ------------------------------------------------------------------------------- text
@dataclass(frozen=True)
class TextStyle:
    """Character and paragraph style of one paragraph."""

    font_family: str = DEFAULT_FONT_FAMILY
    size_pt: float = 10.0
    bold: bool = False
    italic: bool = False
    color: Color = BLACK
    align: Align = Align.LEFT
    line_spacing: float = 1.2        # multiple of the font size (baseline to baseline)
    space_after: float = 0.0         # points after the paragraph
    letter_spacing: float = 0.0      # extra points between characters (tracking)
    left_indent: float = 0.0         # points from the box's inner left edge, every line
    first_indent: float = 0.0        # extra indent of the first line (negative = hanging)

    def __post_init__(self) -> None:
        if not isinstance(self.font_family, str) or not self.font_family.strip():
            raise ElementError("font family is empty")
        object.__setattr__(self, "size_pt", _num("font size", self.size_pt, 0.5, 1000))
        object.__setattr__(self, "line_spacing", _num("line spacing", self.line_spacing, 0.5, 5))
        object.__setattr__(self, "space_after", _num("space after", self.space_after, 0, 500))
        object.__setattr__(self, "letter_spacing", _num("letter spacing", self.letter_spacing, -20, 100))
        object.__setattr__(self, "left_indent", _num("left indent", self.left_indent, 0, 1000))
        object.__setattr__(self, "first_indent", _num("first-line indent", self.first_indent,
                                                      -self.left_indent, 1000))
        object.__setattr__(self, "align", Align(self.align))
        object.__setattr__(self, "bold", bool(self.bold))
        object.__setattr__(self, "italic", bool(self.italic))
        if not isinstance(self.color, Color):
            raise ElementError(f"text colour {brief(self.color)} is not a Color")

    def with_(self, **changes: Any) -> "TextStyle":
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"font_family": self.font_family, "size_pt": _f(self.size_pt),
                             "bold": self.bold, "italic": self.italic,
                             "color": self.color.to_dict(), "align": self.align.value,
                             "line_spacing": _f(self.line_spacing)}
        for name in ("space_after", "letter_spacing", "left_indent", "first_indent"):
            value = _f(getattr(self, name))   # as stored: a value that rounds to 0 is left out
            if value:
                d[name] = value
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "TextStyle":
        d = dict(d)
        if "color" in d:
            d["color"] = Color.from_dict(d["color"])
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in d.items() if k in known})


# ------------------------------------------------------------------------------- runs
#: Character-level fields a run may override (``underline`` has no paragraph-level value: off).
RUN_FIELDS = ("font_family", "size_pt", "bold", "italic", "color", "underline")


def _base_value(style: TextStyle, name: str) -> Any:
    return False if name == "underline" else getattr(style, name)


@dataclass(frozen=True)
class Run:
    """Characters ``[start, end)`` of a paragraph that differ from its style: each field that
    is not None overrides the paragraph's value (``underline`` is off unless a run sets it)."""

    start: int
    end: int
    font_family: str | None = None
    size_pt: float | None = None
    bold: bool | None = None
    italic: bool | None = None
    color: Color | None = None
    underline: bool | None = None

    def __post_init__(self) -> None:
        for n in ("start", "end"):
            v = getattr(self, n)
            if not isinstance(v, int) or isinstance(v, bool) or v < 0:
                raise ElementError(f"text run {n} {brief(v)} is not a character offset")
        if self.end < self.start:
            raise ElementError(f"text run ends ({self.end}) before it starts ({self.start})")
        if self.font_family is not None and (not isinstance(self.font_family, str)
                                             or not self.font_family.strip()):
            raise ElementError(f"text run font family {brief(self.font_family)} is empty")
        if self.size_pt is not None:
            object.__setattr__(self, "size_pt", _num("text run font size", self.size_pt, 0.5, 1000))
        for n in ("bold", "italic", "underline"):
            v = getattr(self, n)
            if v is not None and not isinstance(v, bool):
                raise ElementError(f"text run {n} must be true or false, not {brief(v)}")
        if self.color is not None and not isinstance(self.color, Color):
            raise ElementError(f"text run colour {brief(self.color)} is not a Color")

    def overrides(self) -> dict[str, Any]:
        """The fields this run sets (name → value)."""
        return {n: v for n in RUN_FIELDS if (v := getattr(self, n)) is not None}

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"start": self.start, "end": self.end}
        for n, v in self.overrides().items():
            d[n] = v.to_dict() if isinstance(v, Color) else _f(v) if n == "size_pt" else v
        return d

    @classmethod
    def from_dict(cls, d: Any) -> "Run":
        if not isinstance(d, dict):
            raise ElementError(f"text run {brief(d)} is not an object")
        kw = {n: d[n] for n in ("start", "end", *RUN_FIELDS) if d.get(n) is not None}
        if "color" in kw:
            kw["color"] = Color.from_dict(kw["color"])
        if "start" not in kw or "end" not in kw:
            raise ElementError(f"text run {brief(d)} needs a start and an end")
        return cls(**kw)


def normalize_runs(runs: Any, length: int, style: TextStyle) -> tuple[Run, ...]:
    """Runs clipped to ``[0, length)``, sorted, non-overlapping (where runs overlap, a later
    run's field wins), without fields equal to ``style``'s, empty runs dropped and
    neighbours with equal overrides merged — one canonical form for one appearance.

    A sweep over the run boundaries with one heap per field (latest run on top), so a file
    with many thousands of runs normalises in O(n log n)."""
    runs = tuple(runs)
    if not runs:
        return ()
    pieces: list[tuple[int, int, int, dict[str, Any]]] = []
    points = {0, length}
    for idx, r in enumerate(runs):
        if not isinstance(r, Run):
            raise ElementError(f"{brief(r)} is not a text run")
        s, e = min(r.start, length), min(r.end, length)
        ov = r.overrides()
        if s < e and ov:
            pieces.append((s, e, idx, ov))
            points.update((s, e))
    if not pieces:
        return ()
    pieces.sort(key=lambda t: t[0])
    bounds = sorted(points)
    used = {n for _s, _e, _i, ov in pieces for n in ov}
    heaps: dict[str, list] = {n: [] for n in RUN_FIELDS if n in used}
    base = {n: _base_value(style, n) for n in heaps}
    out: list[list] = []
    k = 0
    for p, q in zip(bounds, bounds[1:]):
        while k < len(pieces) and pieces[k][0] <= p:
            s, e, idx, ov = pieces[k]
            for n, v in ov.items():
                heapq.heappush(heaps[n], (-idx, e, v))
            k += 1
        merged: dict[str, Any] = {}
        for n, h in heaps.items():
            while h and h[0][1] <= p:
                heapq.heappop(h)
            if h and h[0][2] != base[n]:
                merged[n] = h[0][2]
        if not merged:
            continue
        if out and out[-1][1] == p and out[-1][2] == merged:
            out[-1][1] = q
        else:
            out.append([p, q, merged])
    return tuple(Run(s, e, **m) for s, e, m in out)


@dataclass(frozen=True)
class Paragraph:
    """One paragraph: text without newlines, one style, and character ``runs`` that override
    the style for parts of the text (bold word, coloured phrase). ``text`` is always the
    whole paragraph (the checker's offsets index it); runs are kept normalised
    (:func:`normalize_runs`)."""

    text: str = ""
    style: TextStyle = TextStyle()
    runs: tuple[Run, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.text, str):
            raise ElementError(f"paragraph text {brief(self.text)} is not a string")
        if "\n" in self.text or "\r" in self.text:
            raise ElementError("a paragraph cannot contain a line break; split it into paragraphs")
        if "\t" in self.text:   # no tab stops on a card: a tab is a space (same offsets)
            object.__setattr__(self, "text", self.text.replace("\t", " "))
        if not isinstance(self.style, TextStyle):
            raise ElementError(f"paragraph style {brief(self.style)} is not a TextStyle")
        if self.runs:
            object.__setattr__(self, "runs", normalize_runs(self.runs, len(self.text), self.style))
        elif not isinstance(self.runs, tuple):
            object.__setattr__(self, "runs", ())

    def spans(self) -> tuple[tuple[int, int, TextStyle, bool], ...]:
        """``(start, end, style, underline)`` covering the whole text in order: the paragraph
        style with each run's overrides applied (one span for a paragraph without runs)."""
        return _spans(self)

    def style_at(self, index: int) -> tuple[TextStyle, bool]:
        """(style, underline) of the character at ``index``."""
        for s, e, st, ul in self.spans():
            if s <= index < e:
                return st, ul
        return self.style, False

    def with_overrides(self, start: int, end: int, **changes: Any) -> "Paragraph":
        """This paragraph with characters ``[start, end)`` set to ``changes`` (run fields)."""
        if start >= end:
            return self
        return Paragraph(self.text, self.style, self.runs + (Run(start, end, **changes),))

    def restyled(self, field_name: str, value: Any) -> "Paragraph":
        """The whole paragraph set to ``value`` for one style field: runs stop overriding it
        (a paragraph made bold is bold in every word)."""
        style = self.style.with_(**{field_name: value})
        if field_name in RUN_FIELDS:
            runs = tuple(replace(r, **{field_name: None}) for r in self.runs)
        else:
            runs = self.runs
        return Paragraph(self.text, style, runs)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"text": self.text, "style": self.style.to_dict()}
        if self.runs:   # written only when present: files of plain text stay as they were
            d["runs"] = [r.to_dict() for r in self.runs]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Paragraph":
        runs = d.get("runs") or []
        if not isinstance(runs, list):
            raise ElementError(f"paragraph runs {brief(runs)} must be a list")
        return cls(str(d.get("text", "")), TextStyle.from_dict(d.get("style", {})),
                   tuple(Run.from_dict(r) for r in runs))


@lru_cache(maxsize=4096)
def _spans(p: Paragraph) -> tuple[tuple[int, int, TextStyle, bool], ...]:
    n = len(p.text)
    if not p.runs:
        return ((0, n, p.style, False),)
    out: list[tuple[int, int, TextStyle, bool]] = []
    pos = 0
    for r in p.runs:
        if r.start > pos:
            out.append((pos, r.start, p.style, False))
        ov = r.overrides()
        ul = bool(ov.pop("underline", False))
        out.append((r.start, r.end, _styled(p.style, tuple(ov.items())) if ov else p.style, ul))
        pos = r.end
    if pos < n or not out:
        out.append((pos, n, p.style, False))
    return tuple(out)


def _edit_within(paragraphs: tuple[Paragraph, ...], old_text: str, start: int, end: int, new: str
                 ) -> tuple[Paragraph, ...]:
    """:func:`edit_paragraphs` for an edit inside one paragraph (typing, deleting within a
    line): only that paragraph's runs move; the others are kept as they are."""
    k = old_text.count("\n", 0, start)
    pos = sum(len(p.text) + 1 for p in paragraphs[:k])
    p = paragraphs[k]
    a, b = start - pos, end - pos
    delta = len(new) - (b - a)
    runs: list[Run] = []
    src: Run | None = None
    src_at = a - 1 if a > 0 else b if b < len(p.text) else -1
    for r in p.runs:
        if r.start <= src_at < r.end:
            src = r
        if r.start < a:
            runs.append(replace(r, end=min(r.end, a)))
        if r.end > b:
            runs.append(replace(r, start=max(r.start, b) + delta, end=r.end + delta))
    if src is not None and new:
        runs.append(replace(src, start=a, end=a + len(new)))
    text = p.text[:a] + new + p.text[b:]
    return paragraphs[:k] + (Paragraph(text, p.style, tuple(runs)),) + paragraphs[k + 1:]


@lru_cache(maxsize=1024)
def _styled(style: TextStyle, overrides: tuple[tuple[str, Any], ...]) -> TextStyle:
    """``style`` with run overrides (one TextStyle per distinct look, not per run)."""
    return style.with_(**dict(overrides))


def _char_attrs(style: TextStyle, underline: bool) -> tuple:
    return (style.font_family, style.size_pt, style.bold, style.italic, style.color, underline)


def edit_paragraphs(paragraphs: tuple[Paragraph, ...], start: int, end: int, new: str
                    ) -> tuple[Paragraph, ...]:
    """Paragraphs after replacing full-text offsets ``[start, end)`` (paragraphs joined with
    "\\n") by ``new``. Runs follow the text: text before the edit keeps its offsets, text after
    it shifts, deleted characters take their runs with them, and inserted characters look like
    the character before them (at a paragraph start: the one after them), so typing inside or
    at the end of a bold word stays bold. A new paragraph (Enter) takes the style of the one it
    splits; joining two paragraphs keeps the look of both parts; when whole paragraphs are
    replaced, paragraph i keeps the style of old paragraph i (extra ones take the last)."""
    paragraphs = paragraphs or (Paragraph(),)
    new = new.replace("\r\n", "\n").replace("\r", "\n")
    old_text = "\n".join(p.text for p in paragraphs)
    n_old = len(old_text)
    start, end = max(0, min(start, n_old)), max(0, min(end, n_old))
    if end < start:
        start, end = end, start
    if "\n" not in new and "\n" not in old_text[start:end]:
        return _edit_within(paragraphs, old_text, start, end, new)
    # every character's look, absolute, in full-text offsets: [(s, e, attrs, paragraph)]
    spans: list[tuple[int, int, tuple]] = []
    para_of: list[int] = []
    pos = 0
    for pi, p in enumerate(paragraphs):
        for s, e, st, ul in p.spans():
            if s < e:
                spans.append((pos + s, pos + e, _char_attrs(st, ul)))
        para_of.append(pos)
        pos += len(p.text) + 1

    def attrs_at(i: int) -> tuple | None:
        for s, e, a in spans:
            if s <= i < e:
                return a
        return None

    ia = old_text.count("\n", 0, start)
    nl_old = old_text.count("\n", start, end)
    nl_new = new.count("\n")
    src: tuple | None = None
    src_para = ia
    if start > 0 and old_text[start - 1] != "\n":
        src = attrs_at(start - 1)
    elif end < n_old and old_text[end] != "\n":
        src, src_para = attrs_at(end), ia + nl_old

    def old_index(k: int) -> int:
        if k < ia:
            return k
        if k <= ia + nl_new:
            return min(ia + min(k - ia, nl_old), len(paragraphs) - 1)
        return k - nl_new + nl_old

    delta = len(new) - (end - start)
    kept: list[tuple[int, int, tuple]] = []
    for s, e, a in spans:
        if s < start:
            kept.append((s, min(e, start), a))
        if e > end:
            kept.append((max(s, end) + delta, e + delta, a))
    if src is not None and new:
        src_style = paragraphs[src_para].style
        p0 = start
        for j, part in enumerate(new.split("\n")):
            if part and paragraphs[old_index(ia + j)].style == src_style:
                kept.append((p0, p0 + len(part), src))
            p0 += len(part) + 1
    kept.sort(key=lambda t: t[0])
    new_text = old_text[:start] + new + old_text[end:]
    out: list[Paragraph] = []
    pos = 0
    si = 0
    for k, part in enumerate(new_text.split("\n")):
        style = paragraphs[old_index(k)].style
        base = _char_attrs(style, False)
        runs: list[Run] = []
        end_k = pos + len(part)
        while si < len(kept) and kept[si][1] <= pos:
            si += 1
        j = si
        while j < len(kept) and kept[j][0] < end_k:
            s, e, a = kept[j]
            if a != base:
                ov = {n: v for n, v, b in zip(RUN_FIELDS, a, base) if v != b}
                runs.append(Run(max(s, pos) - pos, min(e, end_k) - pos, **ov))
            j += 1
        out.append(Paragraph(part, style, tuple(runs)))
        pos = end_k + 1
    return tuple(out)


# ------------------------------------------------------------------------------- base
@dataclass(kw_only=True)
class Element:
    """Base of all elements. ``kind`` is the serialised type tag."""

    kind: ClassVar[str] = ""
    id: str = field(default_factory=new_id)
    name: str = ""
    x: float = 0.0
    y: float = 0.0
    w: float = 10.0
    h: float = 10.0
    rotation: float = 0.0
    locked: bool = False
    hidden: bool = False   # kept in the card, not printed (preflight says so)
    group: str = ""        # id of the element's group; "" = not grouped

    def __post_init__(self) -> None:
        for n in ("x", "y", "w", "h", "rotation"):
            v = getattr(self, n)
            if isinstance(v, int) and not isinstance(v, bool):
                setattr(self, n, float(v))

    # Properties the designer may set with Document.set_property (id and kind are fixed).
    def editable_properties(self) -> tuple[str, ...]:
        return tuple(f.name for f in fields(self) if f.name != "id")

    @property
    def rect(self) -> Rect:
        """The unrotated box."""
        return Rect(self.x, self.y, self.w, self.h)

    @property
    def bounds(self) -> Rect:
        """Axis-aligned bounding box including rotation."""
        r = self.rect
        if not self.rotation % 360:
            return r
        cx, cy = r.center
        a = math.radians(self.rotation)
        ca, sa = abs(math.cos(a)), abs(math.sin(a))
        bw, bh = r.w * ca + r.h * sa, r.w * sa + r.h * ca
        return Rect(cx - bw / 2, cy - bh / 2, bw, bh)

    def validate(self) -> None:
        """Raise ElementError/InvalidDimension naming the bad property."""
        if not isinstance(self.id, str) or not self.id:
            raise ElementError("element id is empty")
        if not isinstance(self.name, str):
            raise ElementError(f"{self.kind} {brief(self.id)}: name {brief(self.name)} is not text")
        if not isinstance(self.locked, bool):
            raise ElementError(f"{self.describe()}: locked must be true or false, not {brief(self.locked)}")
        if not isinstance(self.hidden, bool):
            raise ElementError(f"{self.describe()}: hidden must be true or false, not {brief(self.hidden)}")
        if not isinstance(self.group, str) or len(self.group) > 64:
            raise ElementError(f"{self.describe()}: group {brief(self.group)} must be a group id (text, "
                               f"at most 64 characters)")
        for n in ("x", "y"):
            _num(n, getattr(self, n), -10000, 10000)
        _num("rotation", self.rotation, -3600, 3600)
        self._validate_size()

    def _validate_size(self) -> None:
        for n in ("w", "h"):
            v = _num(n, getattr(self, n), -10000, 10000)
            if _f(v) <= 0:   # the project file keeps 4 decimals: a smaller size would not reopen
                raise InvalidDimension(f"{self.describe()}: {'width' if n == 'w' else 'height'} "
                                       f"must be greater than 0 (at least {MIN_SIZE_PT:g} pt; is {v:g} pt)")

    def describe(self) -> str:
        label = self.name or self.id
        if isinstance(label, str) and len(label) > 40:
            label = label[:39] + "…"
        return f"{self.kind} {label}"

    def copy(self, new_id: bool = True) -> "Element":
        """A deep copy; with a fresh id unless ``new_id`` is False."""
        el = copy.deepcopy(self)
        if new_id:
            el.id = _fresh_id()
        return el

    def _base_dict(self) -> dict[str, Any]:
        out = {"kind": self.kind, "id": self.id, "name": self.name,
               "x": _f(self.x), "y": _f(self.y), "w": _f(self.w), "h": _f(self.h),
               "rotation": _f(self.rotation), "locked": bool(self.locked)}
        if self.hidden:
            out["hidden"] = True
        if self.group:
            out["group"] = self.group
        return out

    def to_dict(self) -> dict[str, Any]:
        return self._base_dict()

    @staticmethod
    def _base_kwargs(d: dict[str, Any]) -> dict[str, Any]:
        out = {k: d[k] for k in ("id", "name", "x", "y", "w", "h", "rotation", "locked", "hidden", "group")
               if k in d}
        if "id" in out and not isinstance(out["id"], str):
            raise ElementError(f"element id {brief(out['id'])} is not text")
        for k in ("x", "y", "w", "h", "rotation"):
            if k in out:
                out[k] = _num(k, out[k])
        return out

    @staticmethod
    def from_dict(d: dict[str, Any]) -> "Element":
        """Build the right subclass from ``d["kind"]``."""
        if not isinstance(d, dict):
            raise ElementError(f"element {brief(d)} is not an object")
        cls = ELEMENT_KINDS.get(d.get("kind"))
        if cls is None:
            raise ElementError(f"element kind {brief(d.get('kind'))} is unknown "
                               f"(known: {', '.join(ELEMENT_KINDS)})")
        el = cls._from_dict(d)
        el.validate()
        return el

    @classmethod
    def _from_dict(cls, d: dict[str, Any]) -> "Element":
        return cls(**cls._base_kwargs(d))


@dataclass(kw_only=True)
class TextBox(Element):
    """Paragraphs laid out inside the box (see app.model.text_layout)."""

    kind: ClassVar[str] = "text"
    paragraphs: tuple[Paragraph, ...] = (Paragraph(),)
    valign: VAlign = VAlign.TOP
    padding: float = 0.0
    fill: Color | None = None       # optional box background

    def __post_init__(self) -> None:
        super().__post_init__()
        self.paragraphs = tuple(self.paragraphs)
        self.valign = VAlign(self.valign)

    @classmethod
    def from_text(cls, text: str, style: TextStyle | None = None, **kw: Any) -> "TextBox":
        """A text box whose paragraphs are the lines of ``text``, all in ``style``."""
        style = style or TextStyle()
        return cls(paragraphs=tuple(Paragraph(t, style) for t in text.split("\n")), **kw)

    @property
    def text(self) -> str:
        """The full text: paragraphs joined with "\\n" (layout and finding offsets use this)."""
        return "\n".join(p.text for p in self.paragraphs)

    def paragraphs_for_text(self, text: str) -> tuple[Paragraph, ...]:
        """New paragraphs for edited ``text``: the edit is the span between the longest common
        start and end of the old and new text, applied with :meth:`edited` (paragraph i keeps
        the style of old paragraph i, new trailing paragraphs take the last style, runs follow
        the characters they cover)."""
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        old = self.text
        n = min(len(old), len(text))
        a = 0
        while a < n and old[a] == text[a]:
            a += 1
        b = 0
        while b < n - a and old[-1 - b] == text[-1 - b]:
            b += 1
        return self.edited(a, len(old) - b, text[a:len(text) - b])

    def edited(self, start: int, end: int, new: str) -> tuple[Paragraph, ...]:
        """Paragraphs after replacing full-text offsets ``[start, end)`` with ``new`` (see
        :func:`edit_paragraphs`)."""
        return edit_paragraphs(self.paragraphs, start, end, new)

    def paragraphs_with(self, start: int, end: int, **changes: Any) -> tuple[Paragraph, ...]:
        """Paragraphs with full-text offsets ``[start, end)`` set to run fields ``changes``
        (bold, italic, underline, font_family, size_pt, color) — a selection's formatting."""
        out = []
        pos = 0
        for p in self.paragraphs:
            s, e = max(start - pos, 0), min(end - pos, len(p.text))
            out.append(p.with_overrides(s, e, **changes) if s < e else p)
            pos += len(p.text) + 1
        return tuple(out)

    def style_of_range(self, start: int, end: int) -> tuple[TextStyle, bool, dict[str, bool]]:
        """(style of the first character, its underline, {"bold"/"italic"/"underline": every
        character of ``[start, end)`` has it}) — what the properties panel and Ctrl+B show and
        toggle for a selection."""
        first: tuple[TextStyle, bool] | None = None
        every = {"bold": True, "italic": True, "underline": True}
        pos = 0
        for p in self.paragraphs:
            s, e = max(start - pos, 0), min(end - pos, len(p.text))
            for ss, se, st, ul in p.spans():
                if max(s, ss) < min(e, se) or (start == end and ss <= s <= se and first is None):
                    if first is None:
                        first = (st, ul)
                    if start < end:
                        every["bold"] &= st.bold
                        every["italic"] &= st.italic
                        every["underline"] &= ul
            pos += len(p.text) + 1
        if first is None:   # nothing but line breaks selected
            first = (self.paragraphs[0].style, False)
            start = end
        if start == end:
            every = {"bold": first[0].bold, "italic": first[0].italic, "underline": first[1]}
        return first[0], first[1], every

    def paragraph_at(self, offset: int) -> tuple[int, int]:
        """(paragraph index, offset inside it) for an offset into :attr:`text`."""
        pos = 0
        for i, p in enumerate(self.paragraphs):
            if offset <= pos + len(p.text):
                return i, max(0, offset - pos)
            pos += len(p.text) + 1
        return len(self.paragraphs) - 1, len(self.paragraphs[-1].text)

    @property
    def inner_rect(self) -> Rect:
        return self.rect.inset(self.padding)

    def validate(self) -> None:
        super().validate()
        if not self.paragraphs:
            raise ElementError(f"{self.describe()}: needs at least one paragraph")
        for p in self.paragraphs:
            if not isinstance(p, Paragraph):
                raise ElementError(f"{self.describe()}: {brief(p)} is not a Paragraph")
        _num("padding", self.padding, 0, min(self.w, self.h) / 2)
        if self.fill is not None and not isinstance(self.fill, Color):
            raise ElementError(f"{self.describe()}: fill {brief(self.fill)} is not a Color")

    def to_dict(self) -> dict[str, Any]:
        d = self._base_dict()
        d.update(paragraphs=[p.to_dict() for p in self.paragraphs], valign=self.valign.value,
                 padding=_f(self.padding), fill=dict_or_none(self.fill))
        return d

    @classmethod
    def _from_dict(cls, d: dict[str, Any]) -> "TextBox":
        paras = d.get("paragraphs") or [{}]
        if not isinstance(paras, list):
            raise ElementError("text paragraphs must be a list")
        return cls(**cls._base_kwargs(d), paragraphs=tuple(Paragraph.from_dict(p) for p in paras),
                   valign=d.get("valign", "top"), padding=_num("padding", d.get("padding", 0)),
                   fill=color_or_none(d.get("fill")))


# ------------------------------------------------------------------------------- image
@dataclass(kw_only=True)
class ImageElement(Element):
    """An embedded image (``asset_id`` into Document.assets).

    ``crop`` = (left, top, right, bottom) fractions 0..1 of the image's pixels to use
    (None = whole image)."""

    kind: ClassVar[str] = "image"
    asset_id: str = ""
    fit: Fit = Fit.FILL
    crop: tuple[float, float, float, float] | None = None

    def __post_init__(self) -> None:
        super().__post_init__()
        self.fit = Fit(self.fit)
        if self.crop is not None:
            self.crop = tuple(float(v) for v in self.crop)  # type: ignore[assignment]

    def validate(self) -> None:
        super().validate()
        if not self.asset_id:
            raise ElementError(f"{self.describe()}: no image asset")
        if self.crop is not None:
            if len(self.crop) != 4:
                raise ElementError(f"{self.describe()}: crop needs four values")
            l, t, r, b = (_num("crop", v, 0, 1) for v in self.crop)
            if r - l <= 0.001 or b - t <= 0.001:
                raise ElementError(f"{self.describe()}: crop is empty")

    def source_pixels(self, px_w: int, px_h: int) -> tuple[float, float, float, float]:
        """The used pixel region (x0, y0, x1, y1) after ``crop``."""
        l, t, r, b = self.crop or (0.0, 0.0, 1.0, 1.0)
        return (l * px_w, t * px_h, r * px_w, b * px_h)

    def placement(self, px_w: int, px_h: int) -> Rect:
        """Where the (cropped) image is drawn, in trim coordinates, before clipping to
        :attr:`rect` (fill overflows the box, fit sits centred inside it)."""
        x0, y0, x1, y1 = self.source_pixels(px_w, px_h)
        sw, sh = max(x1 - x0, 1e-9), max(y1 - y0, 1e-9)
        if self.fit is Fit.STRETCH:
            return self.rect
        sx, sy = self.w / sw, self.h / sh
        s = max(sx, sy) if self.fit is Fit.FILL else min(sx, sy)
        dw, dh = sw * s, sh * s
        return Rect(self.x + (self.w - dw) / 2, self.y + (self.h - dh) / 2, dw, dh)

    def effective_dpi(self, asset: Any) -> tuple[float, float]:
        """(x_dpi, y_dpi) at the placed size; ``asset`` has ``width_px``/``height_px``."""
        px_w, px_h = asset.width_px, asset.height_px
        x0, y0, x1, y1 = self.source_pixels(px_w, px_h)
        r = self.placement(px_w, px_h)
        return ((x1 - x0) / (r.w / 72.0), (y1 - y0) / (r.h / 72.0))

    def to_dict(self) -> dict[str, Any]:
        d = self._base_dict()
        d.update(asset_id=self.asset_id, fit=self.fit.value,
                 crop=None if self.crop is None else [round(v, 6) for v in self.crop])
        return d

    @classmethod
    def _from_dict(cls, d: dict[str, Any]) -> "ImageElement":
        crop = d.get("crop")
        return cls(**cls._base_kwargs(d), asset_id=str(d.get("asset_id", "")),
                   fit=d.get("fit", "fill"), crop=tuple(crop) if crop else None)


# ------------------------------------------------------------------------------- QR
QR_ERROR_LEVELS = ("L", "M", "Q", "H")


@lru_cache(maxsize=256)
def _qr_matrix(payload: str, error: str) -> tuple[tuple[bool, ...], ...]:
    import segno  # local: only QR users pay for it
    try:
        qr = segno.make_qr(payload, error=error.lower(), boost_error=False)
    except segno.DataOverflowError:
        raise ElementError(f"QR payload is too long ({len(payload)} characters) for error "
                           f"correction {error}") from None
    return tuple(tuple(bool(v) for v in row) for row in qr.matrix)


@dataclass(kw_only=True)
class QrElement(Element):
    """A QR code drawn as vector modules. The box is square (``w`` is used; ``h`` follows)."""

    kind: ClassVar[str] = "qr"
    payload: str = ""
    error: str = "M"
    fg: Color = BLACK
    bg: Color | None = WHITE
    quiet_zone: int = 4   # modules of light margin on each side, inside the box

    def __post_init__(self) -> None:
        super().__post_init__()
        if isinstance(self.error, str):
            self.error = self.error.strip().upper()

    def validate(self) -> None:
        super().validate()
        if not isinstance(self.payload, str) or not self.payload:
            raise ElementError(f"{self.describe()}: QR payload is empty")
        if self.error not in QR_ERROR_LEVELS:
            raise ElementError(f"{self.describe()}: error correction {brief(self.error)} must be L, M, Q or H")
        if not isinstance(self.quiet_zone, int) or not 0 <= self.quiet_zone <= 10:
            raise ElementError(f"{self.describe()}: quiet zone {brief(self.quiet_zone)} must be 0..10 modules")

    def qr_matrix(self) -> tuple[tuple[bool, ...], ...]:
        """Rows of dark (True) / light modules, without the quiet zone (cached)."""
        return _qr_matrix(self.payload, self.error)

    @property
    def modules(self) -> int:
        return len(self.qr_matrix())

    @property
    def module_size(self) -> float:
        """Points per module (quiet zone included in the box)."""
        return min(self.w, self.h) / (self.modules + 2 * self.quiet_zone)

    def module_rects(self) -> list[Rect]:
        """One rect per dark module, merged along rows (fewer PDF/scene items), trim coords."""
        ms = self.module_size
        size = min(self.w, self.h)
        ox = self.x + (self.w - size) / 2 + self.quiet_zone * ms
        oy = self.y + (self.h - size) / 2 + self.quiet_zone * ms
        out: list[Rect] = []
        for r, row in enumerate(self.qr_matrix()):
            c = 0
            n = len(row)
            while c < n:
                if row[c]:
                    start = c
                    while c < n and row[c]:
                        c += 1
                    out.append(Rect(ox + start * ms, oy + r * ms, (c - start) * ms, ms))
                else:
                    c += 1
        return out

    def to_dict(self) -> dict[str, Any]:
        d = self._base_dict()
        d.update(payload=self.payload, error=self.error, fg=self.fg.to_dict(),
                 bg=dict_or_none(self.bg), quiet_zone=self.quiet_zone)
        return d

    @classmethod
    def _from_dict(cls, d: dict[str, Any]) -> "QrElement":
        return cls(**cls._base_kwargs(d), payload=str(d.get("payload", "")),
                   error=str(d.get("error", "M")), fg=Color.from_dict(d.get("fg", BLACK.to_dict())),
                   bg=color_or_none(d.get("bg")), quiet_zone=int(d.get("quiet_zone", 4)))


# ------------------------------------------------------------------------------- shapes
@dataclass(kw_only=True)
class RectElement(Element):
    """A rectangle (``corner_radius`` > 0 rounds it; radius = w/2 = h/2 makes a circle)."""

    kind: ClassVar[str] = "rect"
    fill: Color | None = None
    stroke: Color | None = BLACK
    stroke_width: float = 1.0
    corner_radius: float = 0.0

    def validate(self) -> None:
        super().validate()
        _num("stroke width", self.stroke_width, 0, 100)
        _num("corner radius", self.corner_radius, 0, 10000)
        for n in ("fill", "stroke"):
            v = getattr(self, n)
            if v is not None and not isinstance(v, Color):
                raise ElementError(f"{self.describe()}: {n} {brief(v)} is not a Color")

    @property
    def effective_radius(self) -> float:
        return min(self.corner_radius, self.w / 2, self.h / 2)

    def to_dict(self) -> dict[str, Any]:
        d = self._base_dict()
        d.update(fill=dict_or_none(self.fill), stroke=dict_or_none(self.stroke),
                 stroke_width=_f(self.stroke_width), corner_radius=_f(self.corner_radius))
        return d

    @classmethod
    def _from_dict(cls, d: dict[str, Any]) -> "RectElement":
        return cls(**cls._base_kwargs(d), fill=color_or_none(d.get("fill")),
                   stroke=color_or_none(d.get("stroke")),
                   stroke_width=_num("stroke width", d.get("stroke_width", 1.0)),
                   corner_radius=_num("corner radius", d.get("corner_radius", 0.0)))


@dataclass(kw_only=True)
class LineElement(Element):
    """A straight line from (x, y) to (x + w, y + h); ``w``/``h`` may be 0 or negative."""

    kind: ClassVar[str] = "line"
    stroke: Color = BLACK
    stroke_width: float = 1.0

    @property
    def x1(self) -> float:
        return self.x

    @property
    def y1(self) -> float:
        return self.y

    @property
    def x2(self) -> float:
        return self.x + self.w

    @property
    def y2(self) -> float:
        return self.y + self.h

    @property
    def length(self) -> float:
        return math.hypot(self.w, self.h)

    @property
    def rect(self) -> Rect:
        return Rect(min(self.x1, self.x2), min(self.y1, self.y2), abs(self.w), abs(self.h))

    def _validate_size(self) -> None:
        _num("w", self.w, -10000, 10000)
        _num("h", self.h, -10000, 10000)
        if math.hypot(_f(self.w), _f(self.h)) <= 0:   # as saved (4 decimals)
            raise InvalidDimension(f"{self.describe()}: a line needs a length greater than 0")

    def validate(self) -> None:
        super().validate()
        _num("stroke width", self.stroke_width, 0, 100)
        if not isinstance(self.stroke, Color):
            raise ElementError(f"{self.describe()}: stroke {brief(self.stroke)} is not a Color")

    def to_dict(self) -> dict[str, Any]:
        d = self._base_dict()
        d.update(stroke=self.stroke.to_dict(), stroke_width=_f(self.stroke_width))
        return d

    @classmethod
    def _from_dict(cls, d: dict[str, Any]) -> "LineElement":
        return cls(**cls._base_kwargs(d), stroke=Color.from_dict(d.get("stroke", BLACK.to_dict())),
                   stroke_width=_num("stroke width", d.get("stroke_width", 1.0)))


def fresh_groups(elements: list[Element]) -> None:
    """Give copied ``elements`` (duplicate, paste) groups of their own: members copied
    together share one new group id, so the copy is a group beside the original rather than
    more members of it; a group with a single copied member is dropped (it is alone)."""
    counts: dict[str, int] = {}
    for el in elements:
        if el.group:
            counts[el.group] = counts.get(el.group, 0) + 1
    fresh = {g: new_id() for g, n in counts.items() if n > 1}
    for el in elements:
        if el.group:
            el.group = fresh.get(el.group, "")


ELEMENT_KINDS: dict[str, type[Element]] = {
    c.kind: c for c in (TextBox, ImageElement, QrElement, RectElement, LineElement)}
