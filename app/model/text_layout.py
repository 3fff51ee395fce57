"""One text layout for screen and print.

:func:`layout` breaks a :class:`~app.model.elements.TextBox` into lines and places every
character using the font's own advance widths (reportlab's TrueType metrics — the same
numbers the PDF uses). The PDF exporter draws exactly these lines at these positions and
the designer paints exactly these glyph positions, so what the seller sees is what prints.

Coordinates are **box-local** points: x from the box's left edge, y down from its top edge,
before the element's rotation (renderers rotate about the box centre). Offsets index the box's
full text (``TextBox.text``: paragraphs joined with "\\n"), the same offsets findings use.

Rules:
- Break after spaces (trailing spaces hang outside the measure), after a hyphen between
  letters, and between CJK characters (kinsoku: no closing punctuation at a line start, no
  opening bracket at a line end). A word longer than the line is broken between characters.
- Each paragraph starts a new line; an empty paragraph is an empty line of its style.
- Each line has a line box of size × line_spacing with the glyphs centred in it (half the
  extra leading above, half below, as in CSS); baselines of equal lines are one pitch apart,
  and a small line after a big one clears the big one's descenders. The first baseline sits
  one ascent below the padding (no leading above the first line).
- Alignment left/center/right/justify (justify stretches spaces, or between characters on
  lines without spaces such as Chinese/Japanese; the paragraph's last line stays left).
- Lines whose descent falls below the box's inner bottom are ``overset``; the layout is then
  top-aligned regardless of ``valign``.
- Per-character font fallback: a character the paragraph's font has no glyph for is drawn
  from the first face of the script's fallback chain that has it
  (:meth:`FontLibrary.fallback_fonts`); each line records its font ``segments`` and
  :meth:`Line.font_runs` yields one piece per font, so the PDF and the canvas switch faces at
  the same characters. Line heights follow the paragraph's own font.
- A family that cannot be resolved is laid out with the default font and reported in
  ``font_problems`` (never silently): preflight turns it into an error, as it does
  ``missing_chars``.
"""
from __future__ import annotations

import functools
import unicodedata
import weakref
from collections import OrderedDict
from dataclasses import dataclass, replace
from typing import Any, Sequence

from app.errors import FontError
from app.model.color import Color
from app.model.elements import Align, Paragraph, TextBox, TextStyle, VAlign
from app.model.fonts import FontLibrary, LoadedFont, default_library, script_of
from app.model.geometry import Rect

CACHE_SIZE = 1024
_EPS = 1e-6

# Kinsoku shori (simplified JIS X 4051 / GB/T 15834 sets)
NO_LINE_START = set("、。，．・：；？！゛゜ヽヾゝゞ々ー’”）〕］｝〉》」』】〙〗〟｠»"
                    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ"
                    ",.:;?!)]}%‰℃°′″")
NO_LINE_END = set("‘“（〔［｛〈《「『【〘〖〝｟«([{$£¥€#")


def is_cjk(ch: str) -> bool:
    """True for characters that may break on either side (ideographs, kana, hangul,
    full-width forms, CJK punctuation)."""
    cp = ord(ch)
    return (0x2E80 <= cp <= 0x9FFF or 0xAC00 <= cp <= 0xD7AF or 0xF900 <= cp <= 0xFAFF
            or 0xFF00 <= cp <= 0xFFEF or 0x20000 <= cp <= 0x3FFFF or 0x3000 <= cp <= 0x303F)


# every space separator (category Zs lies below U+3001) except the no-break space, and tab
_SPACES = frozenset(" \t\u3000") | frozenset(
    c for c in map(chr, range(0x3001)) if c != "\u00a0" and unicodedata.category(c) == "Zs")


def _is_space(ch: str) -> bool:
    return ch in _SPACES


@dataclass(frozen=True)
class Segment:
    """Characters ``[start, end)`` of a line (line-relative) drawn in one face."""

    start: int
    end: int
    font_name: str                # registered reportlab font name
    font_file: str | None         # path of the face (None for a project font)
    size: float = 0.0             # points (0: the line's size)
    color: Color | None = None    # None: the line's colour
    underline: bool = False


@dataclass(frozen=True)
class Line:
    """One laid-out line. ``text`` is exactly ``full_text[start_offset:end_offset]``
    (trailing spaces included; they are not counted in ``width``)."""

    text: str
    start_offset: int
    end_offset: int
    paragraph: int
    x: float                      # left of the first glyph (box-local)
    baseline_y: float             # box-local
    width: float                  # from x to the end of the last non-space glyph
    ascent: float                 # points above the baseline
    descent: float                # points below the baseline (positive)
    line_height: float            # pitch used for this line
    size: float
    style: TextStyle
    font_name: str                # registered reportlab font name (pdfmetrics)
    font_file: str | None         # path of the face (None for a project font: use font_data)
    glyph_x: tuple[float, ...]    # box-local x of each character of ``text``
    end_x: float                  # x after the last character (caret at line end)
    overset: bool = False
    last_in_paragraph: bool = False
    segments: tuple[Segment, ...] = ()   # the faces of the line's characters, in order

    def face_segments(self) -> tuple[Segment, ...]:
        """The line's pieces in one face, size and colour (size and colour always filled in)."""
        if not self.segments:
            return (Segment(0, len(self.text), self.font_name, self.font_file, self.size,
                            self.style.color),)
        if all(sg.size and sg.color is not None for sg in self.segments):
            return self.segments
        return tuple(replace(sg, size=sg.size or self.size, color=sg.color or self.style.color)
                     for sg in self.segments)

    @property
    def color(self) -> Color:
        return self.style.color

    @property
    def top(self) -> float:
        return self.baseline_y - self.ascent

    @property
    def bottom(self) -> float:
        return self.baseline_y + self.descent

    @property
    def ink_text(self) -> str:
        """The text without trailing spaces (what is visible)."""
        return self.text.rstrip()

    def x_at(self, offset: int) -> float:
        """Caret x before the character at full-text ``offset`` (clamped to this line)."""
        i = offset - self.start_offset
        if i <= 0:
            return self.glyph_x[0] if self.glyph_x else self.x
        if i >= len(self.glyph_x):
            return self.end_x
        return self.glyph_x[i]

    def runs(self) -> list[tuple[float, str]]:
        """(x, text) pieces whose characters follow each other at their natural advance
        (+ letter spacing) in one face: draw each with one text-show operation. Non-justified
        one-font lines are one run; justified lines split where spaces were stretched."""
        return [(x, t) for x, t, _f in self.font_runs()]

    def font_runs(self) -> list[tuple[float, str, str]]:
        """(x, text, reportlab font name) pieces: :meth:`runs` split where the face changes."""
        return [(x, t, seg.font_name) for x, t, seg in self.pieces()]

    def pieces(self) -> list[tuple[float, str, Segment]]:
        """(x, text, segment) pieces to draw with one text-show operation each: split where
        the face, size or colour changes (runs, fallback) and where justification stretched
        the line. Pieces of spaces only are left out."""
        if not self.text:
            return []
        from reportlab.pdfbase import pdfmetrics
        ls = self.style.letter_spacing
        out: list[tuple[float, str, Segment]] = []
        for seg in self.face_segments():
            face = pdfmetrics.getFont(seg.font_name).face
            widths, default = face.charWidths, face.defaultWidth
            scale = seg.size / 1000
            start = seg.start
            for i in range(seg.start + 1, seg.end):
                natural = self.glyph_x[i - 1] + widths.get(ord(self.text[i - 1]), default) * scale + ls
                if abs(self.glyph_x[i] - natural) > 1e-4:
                    out.append((self.glyph_x[start], self.text[start:i], seg))
                    start = i
            if start < seg.end:
                out.append((self.glyph_x[start], self.text[start:seg.end], seg))
        return [p for p in out if p[1].strip()]

    def underlines(self) -> list[tuple[float, float, float, float, Color]]:
        """(x0, x1, y, thickness, colour) of the underlined pieces of the line (box-local),
        trailing spaces excluded."""
        out = []
        ink = len(self.ink_text)
        for seg in self.face_segments():
            if not seg.underline or seg.start >= ink:
                continue
            e = min(seg.end, ink)
            x1 = self.glyph_x[e] if e < len(self.glyph_x) else self.end_x
            if e == ink and ink < len(self.glyph_x):
                x1 -= self.style.letter_spacing
            out.append((self.glyph_x[seg.start], x1, self.baseline_y + seg.size * 0.12,
                        max(0.3, seg.size * 0.06), seg.color or self.style.color))
        return out


@dataclass(frozen=True)
class TextLayout:
    """All lines of one text box, plus what is wrong with it."""

    lines: tuple[Line, ...]
    width: float                  # box width
    height: float                 # box height
    content_height: float         # from the first line's top to the last line's bottom
    overset: bool
    missing_chars: tuple[str, ...] = ()     # characters the chosen fonts cannot draw
    font_problems: tuple[str, ...] = ()     # unresolved families / substituted styles
    text: str = ""

    @property
    def visible_lines(self) -> tuple[Line, ...]:
        return tuple(ln for ln in self.lines if not ln.overset)

    @property
    def overset_offset(self) -> int | None:
        """Offset of the first character that does not fit, or None."""
        for ln in self.lines:
            if ln.overset:
                return ln.start_offset
        return None

    def line_index_at(self, offset: int) -> int:
        """Index of the line holding ``offset`` (a line-end offset belongs to its line)."""
        for i, ln in enumerate(self.lines):
            if offset < ln.end_offset or (offset == ln.end_offset and
                                          (ln.last_in_paragraph or i == len(self.lines) - 1)):
                if offset >= ln.start_offset:
                    return i
        return len(self.lines) - 1

    def caret(self, offset: int) -> tuple[float, float, float]:
        """(x, top, bottom) of the caret before ``offset``, box-local."""
        ln = self.lines[self.line_index_at(offset)]
        return (ln.x_at(offset), ln.top, ln.bottom)

    def rects_for_range(self, start: int, end: int) -> list[Rect]:
        """Box-local rectangles covering full-text offsets [start, end) (e.g. to underline a
        finding); one rect per line touched."""
        out: list[Rect] = []
        for ln in self.lines:
            s, e = max(start, ln.start_offset), min(end, ln.end_offset)
            if s >= e:
                continue
            x0 = ln.x_at(s)
            # exclude trailing spaces from the highlight unless they are all that is selected
            ink_end = ln.start_offset + len(ln.ink_text)
            x1 = ln.x_at(min(e, ink_end)) if min(e, ink_end) > s else ln.x_at(e)
            if e >= ln.end_offset and e <= ink_end:
                x1 = ln.end_x
            out.append(Rect(x0, ln.top, max(0.0, x1 - x0), ln.ascent + ln.descent))
        return out

    def offset_at(self, x: float, y: float) -> int:
        """The full-text offset nearest to box-local point (x, y) (click → caret)."""
        if not self.lines:
            return 0
        ln = min(self.lines, key=lambda l: 0 if l.top <= y <= l.bottom else
                 min(abs(y - l.top), abs(y - l.bottom)))
        best, best_d = ln.start_offset, abs(x - ln.x_at(ln.start_offset))
        for off in range(ln.start_offset + 1, ln.end_offset + 1):
            d = abs(x - ln.x_at(off))
            if d < best_d:
                best, best_d = off, d
        return best


# ------------------------------------------------------------------------------- breaking
def _break_before(text: str) -> list[bool]:
    """allowed[i]: a line may start at character i (i > 0)."""
    n = len(text)
    allowed = [False] * (n + 1)
    space = [c in _SPACES for c in text]    # each character classified once (per keystroke)
    cjk = [c > "\u2e7f" and is_cjk(c) for c in text]
    for i in range(1, n):
        if space[i]:
            continue
        prev, ch = text[i - 1], text[i]
        ok = False
        if space[i - 1]:
            ok = True
        elif cjk[i] or cjk[i - 1]:
            ok = True
        elif prev in "-\u2010\u2013\u2014/" and i >= 2 and text[i - 2].isalnum() and ch.isalnum():
            ok = prev != "/"
        if ok and (ch in NO_LINE_START or prev in NO_LINE_END):
            ok = space[i - 1] and ch not in NO_LINE_START
        allowed[i] = ok
    return allowed


def _break_paragraph(text: str, adv: Sequence[float], first_avail: float,
                     rest_avail: float | None = None) -> list[tuple[int, int]]:
    """Greedy line breaking: [(start, end)] character ranges of the paragraph. The first line
    has ``first_avail`` points, the others ``rest_avail`` (default the same)."""
    if rest_avail is None:
        rest_avail = first_avail
    n = len(text)
    if n == 0:
        return [(0, 0)]
    allowed = _break_before(text)
    lines: list[tuple[int, int]] = []
    s = 0
    while s < n:
        avail = first_avail if not lines else rest_avail
        width = 0.0            # advance of text[s:i]
        last_break = -1
        i = s
        while i < n:
            ch = text[i]
            if i > s and allowed[i]:
                last_break = i
            if ch in _SPACES:
                width += adv[i]
                i += 1
                continue
            if width + adv[i] > avail + _EPS and i > s:
                break
            width += adv[i]
            i += 1
        if i >= n:
            lines.append((s, n))
            break
        # text[i] does not fit
        if last_break > s:
            e = last_break
        else:
            e = i            # emergency: break inside the word
            # ... still never before closing punctuation or after an opening bracket (kinsoku):
            # carry characters over instead, as long as something stays on this line
            k = e
            while k > s + 1 and (text[k] in NO_LINE_START or text[k - 1] in NO_LINE_END):
                k -= 1
            if not (text[k] in NO_LINE_START or text[k - 1] in NO_LINE_END):
                e = k
            # never start the next line with spaces that belong to this line
        while e < n and _is_space(text[e]):
            e += 1
        lines.append((s, e))
        s = e
    return lines


# ------------------------------------------------------------------------------- layout
@dataclass
class _ParaFont:
    font: LoadedFont
    problem: str | None


_RESOLVED: "weakref.WeakKeyDictionary[FontLibrary, dict]" = weakref.WeakKeyDictionary()


def _resolve_cached(lib: FontLibrary, style: TextStyle) -> _ParaFont:
    """:func:`_resolve` remembered per library generation (a run's face is looked up on
    every keystroke otherwise)."""
    key = (lib.generation, style.font_family, style.bold, style.italic)
    with lib.cache_lock:
        per_lib = _RESOLVED.get(lib)
        if per_lib is None or next(iter(per_lib), key)[0] != lib.generation:
            per_lib = _RESOLVED[lib] = {}
        hit = per_lib.get(key)
    if hit is None:
        hit = _resolve(lib, style)
        with lib.cache_lock:
            per_lib[key] = hit
    return hit


def _resolve(lib: FontLibrary, style: TextStyle) -> _ParaFont:
    try:
        m = lib.resolve(style.font_family, style.bold, style.italic)
    except FontError as e:
        return _ParaFont(lib.default_font(), f"{e}; laid out with {lib.default_font().family} instead")
    if not m.exact:
        want = " ".join(w for w, on in (("bold", style.bold), ("italic", style.italic)) if on)
        return _ParaFont(m.font, f"font {style.font_family!r} has no {want or 'regular'} face; "
                                 f"using {m.font.info.style}")
    return _ParaFont(m.font, None)


def layout(box: TextBox, fonts: FontLibrary | None = None) -> TextLayout:
    """Lay out ``box`` (cached by paragraphs, size, padding and valign)."""
    lib = fonts or default_library()
    key = (box.paragraphs, round(box.w, 4), round(box.h, 4), round(box.padding, 4),
           box.valign, lib.generation)
    hit = _cached(lib, key)
    if hit is not None:
        return hit
    result = _layout(box.paragraphs, box.w, box.h, box.padding, box.valign, lib)
    _remember(lib, key, result)
    return result


def layout_paragraphs(paragraphs: Sequence[Paragraph], width: float, height: float,
                      fonts: FontLibrary | None = None, padding: float = 0.0,
                      valign: VAlign = VAlign.TOP) -> TextLayout:
    """Uncached layout of bare paragraphs (for tools and tests)."""
    return _layout(tuple(paragraphs), width, height, padding, VAlign(valign), fonts or default_library())


def _layout(paragraphs: tuple[Paragraph, ...], w: float, h: float, padding: float,
            valign: VAlign, lib: FontLibrary) -> TextLayout:
    avail = max(0.0, w - 2 * padding)
    inner_bottom = h - padding
    missing: list[str] = []
    problems: list[str] = []
    raw: list[dict] = []
    first = True
    y_prev_baseline = 0.0
    prev_below = 0.0     # descent + half-leading of the previous line
    offset = 0
    prev_space_after = 0.0
    for pi, para in enumerate(paragraphs):
        st = para.style
        text = para.text
        para_problems, para_missing, font_name, font_file, shapes = _shape(lib, para, avail, padding)
        for p in para_problems:
            if p not in problems:
                problems.append(p)
        for ch in para_missing:
            if ch not in missing:
                missing.append(ch)
        for li, (s, e, seg, x, width, asc, desc, pitch, gx, end_x, last, segments) in enumerate(shapes):
            if first:
                baseline = padding + asc
                first = False
            else:
                above = (pitch - asc - desc) / 2 + asc
                baseline = y_prev_baseline + prev_below + above + (prev_space_after if li == 0 else 0.0)
            y_prev_baseline = baseline
            prev_below = desc + (pitch - asc - desc) / 2
            raw.append(dict(text=seg, start_offset=offset + s, end_offset=offset + e, paragraph=pi,
                            x=x, baseline_y=baseline, width=width, ascent=asc,
                            descent=desc, line_height=pitch, size=st.size_pt, style=st,
                            font_name=font_name, font_file=font_file, glyph_x=gx,
                            end_x=end_x, last_in_paragraph=last, segments=segments))
        prev_space_after = st.space_after
        offset += len(text) + 1
    content_h = (raw[-1]["baseline_y"] + raw[-1]["descent"] - padding) if raw else 0.0
    overflow = any(r["baseline_y"] + r["descent"] > inner_bottom + 0.01 for r in raw)
    shift = 0.0
    if not overflow:
        room = (h - 2 * padding) - content_h
        shift = room / 2 if valign is VAlign.MIDDLE else room if valign is VAlign.BOTTOM else 0.0
    lines = []
    for r in raw:
        r["baseline_y"] += shift
        # only lines with visible characters count: an empty paragraph below the box loses nothing
        r["overset"] = r["baseline_y"] + r["descent"] > inner_bottom + 0.01 and bool(r["text"].strip())
        lines.append(Line(**r))
    overset = any(ln.overset for ln in lines)
    return TextLayout(tuple(lines), w, h, content_h, overset, tuple(missing), tuple(problems),
                      "\n".join(p.text for p in paragraphs))


def _per_paragraph(kind: str):
    """Cache a per-paragraph function ``fn(lib, para, a, b)`` in the library's layout cache,
    by paragraph (its text, style and runs), the two widths and the fonts' generation."""
    def decorate(fn):
        @functools.wraps(fn)
        def cached(lib: FontLibrary, para: Paragraph, a: float, b: float) -> tuple:
            key = (kind, para, round(a, 4), round(b, 4), lib.generation)
            hit = _cached(lib, key)
            if hit is None:
                hit = fn(lib, para, a, b)
                _remember(lib, key, hit)
            return hit
        return cached
    return decorate


@_per_paragraph("lines")
def _shape(lib: FontLibrary, para: Paragraph, avail: float, padding: float) -> tuple:
    """One paragraph's lines placed across the box but not down it: (font problems, missing
    characters, face name, face file, per line (start, end, text, x, width, ascent, descent,
    pitch, glyph x, end x, last in paragraph, segments)), offsets within the paragraph.
    Cached per paragraph and width like :func:`_measure`: typing in one paragraph of a long
    box places that paragraph's glyphs again, and only stacks the others' lines."""
    st = para.style
    ls = st.letter_spacing
    text = para.text
    size = st.size_pt
    indent_first = st.left_indent + st.first_indent
    indent_rest = st.left_indent
    spans, font, char_font, span_of, adv, ranges, para_problems, para_missing = _measure(
        lib, para, max(0.0, avail - indent_first), max(0.0, avail - indent_rest))
    shapes = []
    for li, (s, e) in enumerate(ranges):
        if span_of is None:
            asc, desc = font.ascent * size, font.descent * size
            pitch = size * st.line_spacing
        else:   # the line is as tall as its largest run
            on_line = _spans_between(spans, span_of, s, e)
            asc = max(spans[k][4].ascent * spans[k][2].size_pt for k in on_line)
            desc = max(spans[k][4].descent * spans[k][2].size_pt for k in on_line)
            pitch = max(spans[k][2].size_pt for k in on_line) * st.line_spacing
        seg = text[s:e]
        seg_adv = adv[s:e]
        ink_n = len(seg.rstrip())
        natural = sum(seg_adv[:ink_n]) - (ls if ink_n else 0.0)
        last = li == len(ranges) - 1
        gx: list[float] = []
        indent = indent_first if li == 0 else indent_rest
        slack = max(0.0, avail - indent) - natural
        x0 = 0.0
        stretch_space = stretch_char = 0.0
        if st.align is Align.CENTER:
            x0 = slack / 2
        elif st.align is Align.RIGHT:
            x0 = slack
        elif st.align is Align.JUSTIFY and not last and slack > 0:
            inner_spaces = sum(1 for c in seg[:ink_n] if _is_space(c))
            if inner_spaces:
                stretch_space = slack / inner_spaces
            elif ink_n > 1:
                stretch_char = slack / (ink_n - 1)
        x0 += indent
        x = padding + x0
        for j, ch in enumerate(seg):
            gx.append(x)
            x += seg_adv[j]
            if j < ink_n - 1:
                if stretch_space and _is_space(ch):
                    x += stretch_space
                x += stretch_char
        width = (natural + (slack if (stretch_space or stretch_char) else 0.0)) if ink_n else 0.0
        shapes.append((s, e, seg, padding + x0, width, asc, desc, pitch, tuple(gx), x, last,
                       _segments_of(char_font, span_of, spans, s, e, font, st)))
    return (para_problems, para_missing, font.rl_name, font.path, tuple(shapes))


@_per_paragraph("paragraph")
def _measure(lib: FontLibrary, para: Paragraph, first_width: float, rest_width: float) -> tuple:
    """One paragraph's spans (start, end, style, underline, primary face), its own face,
    per-character fallback faces, span index per character, advances, line breaks, font
    problems and the characters no font has. Cached per paragraph (its text, style and runs,
    and the widths): typing in one paragraph of a long box measures that paragraph again,
    not the others."""
    st = para.style
    ls = st.letter_spacing
    text = para.text
    size = st.size_pt
    problems: list[str] = []
    missing: list[str] = []
    script = None
    spans = []
    for s0, e0, sst, ul in para.spans():
        pf = _resolve_cached(lib, sst)
        if pf.problem and pf.problem not in problems:
            problems.append(pf.problem)
        spans.append((s0, e0, sst, ul, pf.font))
    font = _resolve_cached(lib, st).font   # the paragraph's own face (all its text may be in runs)
    char_font: list[LoadedFont] | None = None
    for s0, e0, sst, _ul, sfont in spans:
        lacking = sfont.missing_chars(text[s0:e0])
        if not lacking:
            continue
        if script is None:
            script = script_of(text)
        chain = lib.fallback_fonts(script, sst.bold, sst.italic)
        pick: dict[str, LoadedFont] = {}
        for ch in lacking:
            for fb in chain:
                if fb.has_glyph(ch):
                    pick[ch] = fb
                    break
            else:
                if ch not in missing and not _is_space(ch):
                    missing.append(ch)
        if pick:
            if char_font is None:
                char_font = [sp[4] for sp in spans for _ in range(sp[0], sp[1])]
            for i in range(s0, e0):
                f = pick.get(text[i])
                if f is not None:
                    char_font[i] = f
    if len(spans) == 1:
        span_of = None
        if char_font is None:
            adv = font.advances(text, size, ls)
        else:
            adv = [f.char_width(ch, size) + ls for f, ch in zip(char_font, text)]
    else:
        span_of = [k for k, sp in enumerate(spans) for _ in range(sp[0], sp[1])]
        adv = []
        for s0, e0, sst, _ul, sfont in spans:
            sz = sst.size_pt
            if char_font is None:
                adv.extend(sfont.advances(text[s0:e0], sz, ls))
            else:
                adv.extend([char_font[i].char_width(text[i], sz) + ls for i in range(s0, e0)])
    ranges = _break_paragraph(text, adv, first_width, rest_width)
    return (spans, font, char_font, span_of, adv, ranges, tuple(problems), tuple(missing))


def _cached(lib: FontLibrary, key: tuple) -> Any:
    """The library's cached layout (or paragraph measurement) for ``key``, or None."""
    with lib.cache_lock:
        cache = lib.layout_cache
        if not isinstance(cache, OrderedDict):
            lib.layout_cache = cache = OrderedDict()
        hit = cache.get(key)
        if hit is not None:
            cache.move_to_end(key)
        return hit


def _remember(lib: FontLibrary, key: tuple, value: Any) -> None:
    with lib.cache_lock:
        cache = lib.layout_cache
        cache[key] = value
        if len(cache) > CACHE_SIZE:
            cache.popitem(last=False)

def _spans_between(spans: list, span_of: list[int], s: int, e: int) -> range:
    """Indexes of the spans holding paragraph characters [s, e) (the span at ``s`` for an
    empty range): spans are in text order, so these are consecutive."""
    first = span_of[min(s, len(span_of) - 1)]
    last = span_of[e - 1] if e > s else first
    return range(first, last + 1)


def _segments_of(char_font: list[LoadedFont] | None, span_of: list[int] | None, spans: list,
                 s: int, e: int, primary: LoadedFont, st: TextStyle) -> tuple[Segment, ...]:
    """Pieces of equal face and run over paragraph characters [s, e), line-relative."""
    if span_of is None:
        ul = spans[0][3]
        if char_font is None or s >= e:
            return (Segment(0, e - s, primary.rl_name, primary.path, st.size_pt, st.color, ul),)
    elif s >= e:
        _s0, _e0, sst, ul, sfont = spans[span_of[min(s, len(span_of) - 1)]] if span_of else spans[0]
        return (Segment(0, 0, sfont.rl_name, sfont.path, sst.size_pt, sst.color, ul),)
    out: list[Segment] = []
    if char_font is None:   # runs only: the spans' own boundaries
        for k in _spans_between(spans, span_of, s, e):
            s0, e0, sst, ul, sfont = spans[k]
            a, b = max(s0, s), min(e0, e)
            out.append(Segment(a - s, b - s, sfont.rl_name, sfont.path, sst.size_pt, sst.color, ul))
        return tuple(out)
    start = s
    for i in range(s + 1, e + 1):
        if (i == e or (char_font is not None and char_font[i] is not char_font[start])
                or (span_of is not None and span_of[i] != span_of[start])):
            k = span_of[start] if span_of is not None else 0
            sst, ul = spans[k][2], spans[k][3]
            f = char_font[start] if char_font is not None else spans[k][4]
            out.append(Segment(start - s, i - s, f.rl_name, f.path, sst.size_pt, sst.color, ul))
            start = i
    return tuple(out)


def _scaled_size(size: float, scale: float, min_size: float) -> float:
    return max(min(min_size, size), round(size * scale * 2) / 2)


def _scaled(p: Paragraph, scale: float, min_size: float) -> Paragraph:
    """``p`` with its size and its runs' sizes scaled (0.5 pt steps, not below ``min_size``)."""
    runs = tuple(replace(r, size_pt=_scaled_size(r.size_pt, scale, min_size)) if r.size_pt else r
                 for r in p.runs)
    return Paragraph(p.text, p.style.with_(size_pt=_scaled_size(p.style.size_pt, scale, min_size)), runs)


def fits(box: TextBox, fonts: FontLibrary | None = None) -> bool:
    """True when all the text fits inside the box."""
    return not layout(box, fonts).overset


def shrink_to_fit(box: TextBox, fonts: FontLibrary | None = None, min_size: float = 6.0
                  ) -> tuple[Paragraph, ...]:
    """Paragraphs scaled down (in 0.5 pt steps, not below ``min_size``) until the text fits;
    the caller applies them with Document.set_property(box.id, "paragraphs", ...)."""
    lib = fonts or default_library()
    paras = box.paragraphs
    if not layout_paragraphs(paras, box.w, box.h, lib, box.padding, box.valign).overset:
        return paras
    for step in range(1, 100):
        scale = 1.0 - step * 0.01
        new = tuple(_scaled(b, scale, min_size) for b in box.paragraphs)
        if new == paras:
            continue
        paras = new
        if not layout_paragraphs(paras, box.w, box.h, lib, box.padding, box.valign).overset:
            break
        if all(st.size_pt <= min_size for p in paras for _s, _e, st, _u in p.spans()):
            break
    return paras
