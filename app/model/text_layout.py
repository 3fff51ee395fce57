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

import unicodedata
from collections import OrderedDict
from dataclasses import dataclass
from typing import Sequence

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


def _is_space(ch: str) -> bool:
    return ch in " \t\u3000" or (ch != "\u00a0" and unicodedata.category(ch) == "Zs")


@dataclass(frozen=True)
class Segment:
    """Characters ``[start, end)`` of a line (line-relative) drawn in one face."""

    start: int
    end: int
    font_name: str                # registered reportlab font name
    font_file: str | None         # path of the face (None for a project font)


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
        return self.segments or (Segment(0, len(self.text), self.font_name, self.font_file),)

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
        if not self.text:
            return []
        from reportlab.pdfbase import pdfmetrics
        ls = self.style.letter_spacing
        out: list[tuple[float, str, str]] = []
        for seg in self.face_segments():
            face = pdfmetrics.getFont(seg.font_name).face
            widths, default = face.charWidths, face.defaultWidth
            start = seg.start
            for i in range(seg.start + 1, seg.end):
                natural = self.glyph_x[i - 1] + widths.get(ord(self.text[i - 1]), default) * self.size / 1000 + ls
                if abs(self.glyph_x[i] - natural) > 1e-4:
                    out.append((self.glyph_x[start], self.text[start:i], seg.font_name))
                    start = i
            if start < seg.end:
                out.append((self.glyph_x[start], self.text[start:seg.end], seg.font_name))
        return [(x, t, f) for x, t, f in out if t.strip()]


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
    for i in range(1, n):
        prev, ch = text[i - 1], text[i]
        if _is_space(ch):
            continue
        ok = False
        if _is_space(prev):
            ok = True
        elif is_cjk(ch) or is_cjk(prev):
            ok = True
        elif prev in "-\u2010\u2013\u2014/" and i >= 2 and text[i - 2].isalnum() and ch.isalnum():
            ok = prev != "/"
        if ok and (ch in NO_LINE_START or prev in NO_LINE_END):
            ok = _is_space(prev) and ch not in NO_LINE_START
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
            if _is_space(ch):
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
    with lib.cache_lock:
        cache = lib.layout_cache
        if not isinstance(cache, OrderedDict):
            lib.layout_cache = cache = OrderedDict()
        hit = cache.get(key)
        if hit is not None:
            cache.move_to_end(key)
            return hit
    result = _layout(box.paragraphs, box.w, box.h, box.padding, box.valign, lib)
    with lib.cache_lock:
        cache[key] = result
        if len(cache) > CACHE_SIZE:
            cache.popitem(last=False)
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
        size = st.size_pt
        ls = st.letter_spacing
        text = para.text
        indent_first = st.left_indent + st.first_indent
        indent_rest = st.left_indent
        pf, char_font, adv, ranges, lacking_glyphs = _measure(lib, text, st, max(0.0, avail - indent_first),
                                                              max(0.0, avail - indent_rest))
        if pf.problem and pf.problem not in problems:
            problems.append(pf.problem)
        for ch in lacking_glyphs:
            if ch not in missing:
                missing.append(ch)
        font = pf.font
        asc, desc = font.ascent * size, font.descent * size
        pitch = size * st.line_spacing
        for li, (s, e) in enumerate(ranges):
            if first:
                baseline = padding + asc
                first = False
            else:
                above = (pitch - asc - desc) / 2 + asc
                baseline = y_prev_baseline + prev_below + above + (prev_space_after if li == 0 else 0.0)
            y_prev_baseline = baseline
            prev_below = desc + (pitch - asc - desc) / 2
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
            raw.append(dict(text=seg, start_offset=offset + s, end_offset=offset + e, paragraph=pi,
                            x=padding + x0, baseline_y=baseline, width=width, ascent=asc,
                            descent=desc, line_height=pitch, size=size, style=st,
                            font_name=font.rl_name, font_file=font.path, glyph_x=tuple(gx),
                            end_x=x, last_in_paragraph=last,
                            segments=_segments_of(char_font, s, e, font)))
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


def _measure(lib: FontLibrary, text: str, st: TextStyle, first_width: float, rest_width: float
             ) -> tuple[_ParaFont, list[LoadedFont] | None, list[float], list[tuple[int, int]], tuple[str, ...]]:
    """One paragraph's font, per-character fallback faces, advances, line breaks and the
    characters no font has. Cached per paragraph (text, style, widths): typing in one
    paragraph of a long box measures that paragraph again, not the others."""
    key = ("paragraph", text, st, round(first_width, 4), round(rest_width, 4), lib.generation)
    with lib.cache_lock:
        if not isinstance(lib.layout_cache, OrderedDict):
            lib.layout_cache = OrderedDict()
        hit = lib.layout_cache.get(key)
        if hit is not None:
            lib.layout_cache.move_to_end(key)
            return hit
    pf = _resolve(lib, st)
    font = pf.font
    size, ls = st.size_pt, st.letter_spacing
    lacking = font.missing_chars(text)
    char_font: list[LoadedFont] | None = None
    unprintable: list[str] = []
    if lacking:
        chain = lib.fallback_fonts(script_of(text), st.bold, st.italic)
        pick: dict[str, LoadedFont] = {}
        for ch in lacking:
            for fb in chain:
                if fb.has_glyph(ch):
                    pick[ch] = fb
                    break
            else:
                if ch not in unprintable and not _is_space(ch):
                    unprintable.append(ch)
        if pick:
            char_font = [pick.get(ch, font) for ch in text]
    if char_font is None:
        adv = [font.char_width(ch, size) + ls for ch in text]
    else:
        adv = [f.char_width(ch, size) + ls for f, ch in zip(char_font, text)]
    ranges = _break_paragraph(text, adv, first_width, rest_width)
    result = (pf, char_font, adv, ranges, tuple(unprintable))
    with lib.cache_lock:
        lib.layout_cache[key] = result
        if len(lib.layout_cache) > CACHE_SIZE:
            lib.layout_cache.popitem(last=False)
    return result


def _segments_of(char_font: list[LoadedFont] | None, s: int, e: int, primary: LoadedFont
                 ) -> tuple[Segment, ...]:
    """Runs of equal face over paragraph characters [s, e), line-relative."""
    if char_font is None or s >= e:
        return (Segment(0, e - s, primary.rl_name, primary.path),)
    out: list[Segment] = []
    start = s
    for i in range(s + 1, e + 1):
        if i == e or char_font[i] is not char_font[start]:
            f = char_font[start]
            out.append(Segment(start - s, i - s, f.rl_name, f.path))
            start = i
    return tuple(out)


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
        new = tuple(Paragraph(b.text, b.style.with_(size_pt=max(min(min_size, b.style.size_pt),
                    round(b.style.size_pt * scale * 2) / 2))) for b in box.paragraphs)
        if new == paras:
            continue
        paras = new
        if not layout_paragraphs(paras, box.w, box.h, lib, box.padding, box.valign).overset:
            break
        if all(p.style.size_pt <= min_size for p in paras):
            break
    return paras
