"""Fonts: find TrueType faces on the system and in the project, resolve family + bold/italic
to one face, measure text with the face's own metrics, and report what cannot be printed.

Nothing falls back silently. :meth:`FontLibrary.resolve` raises :class:`FontError` for an
unknown family or a face reportlab cannot embed (OpenType/CFF outlines, licence forbids
embedding); a missing bold/italic variant is reported on the match (``exact=False``) and
:meth:`LoadedFont.missing_chars` lists characters the face has no glyph for. Preflight turns
both into findings.

The default family, Bitstream Vera Sans, ships inside reportlab, so a fresh machine works.

Per-character fallback: a character the chosen face cannot draw is taken from the first face
of the script's fallback chain (:data:`FALLBACK_CHAINS`, :meth:`FontLibrary.fallback_fonts`)
that has it, so 「Amazonの注文履歴から24時間以内に」 prints in the template's font with only the
kana/kanji from a Japanese face. Only faces reportlab can embed (TrueType outlines) qualify:
Noto Sans CJK as Debian ships it (``fonts-noto-cjk``) has CFF outlines and is skipped; the
TrueType IPAGothic (``fonts-ipafont-gothic``), WenQuanYi Micro Hei (``fonts-wqy-microhei``)
and Droid Sans Fallback (``fonts-droid-fallback``) are printable. A character no face of the
chain has stays a missing glyph (preflight error).
"""
from __future__ import annotations

import array
import bisect
import hashlib
import io
import mmap
import os
import struct
import sys
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from app.errors import FontError
from app.model.elements import DEFAULT_FONT_FAMILY

SYSTEM_FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts",
                    "~/.fonts", "/Library/Fonts", "~/Library/Fonts", "C:/Windows/Fonts")
FONT_EXTENSIONS = (".ttf", ".otf", ".ttc")
CJK_FAMILY = "Droid Sans Fallback"
CJK_FONT_PATHS = ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
                  "/usr/share/fonts/truetype/droid/DroidSansFallback.ttf")
_PLAIN_STYLES = ("regular", "book", "roman", "normal", "medium", "bold", "italic", "oblique",
                 "bold italic", "bold oblique")
MAX_FONT_BYTES = 64 * 1024 * 1024

#: fallback families per script, best first. A family that is not installed or cannot be
#: embedded (e.g. the CFF build of Noto Sans CJK) is skipped.
FALLBACK_CHAINS: dict[str, tuple[str, ...]] = {
    "ja": ("Noto Sans CJK JP", "Noto Sans JP", "IPAGothic", "IPAexGothic", "WenQuanYi Micro Hei",
           "Droid Sans Fallback"),
    "zh": ("Noto Sans CJK SC", "Noto Sans SC", "WenQuanYi Micro Hei", "IPAGothic",
           "Droid Sans Fallback"),
    "ko": ("Noto Sans CJK KR", "Noto Sans KR", "WenQuanYi Micro Hei", "Droid Sans Fallback"),
    "other": ("DejaVu Sans", "Noto Sans", "Droid Sans Fallback"),
}
#: the fallback faces' files on Debian (``FontLibrary(system=False)`` adds those present, so
#: tests see the same fallback as the app)
FALLBACK_FONT_PATHS = ("/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf",
                       "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")


def script_of(text: str) -> str:
    """The fallback chain for a paragraph: "ja" with any kana, "ko" with hangul, "zh" with
    ideographs only, else "other"."""
    han = False
    for ch in text:
        cp = ord(ch)
        if 0x3040 <= cp <= 0x30FF or 0x31F0 <= cp <= 0x31FF or 0xFF66 <= cp <= 0xFF9F:
            return "ja"
        if 0xAC00 <= cp <= 0xD7AF or 0x1100 <= cp <= 0x11FF:
            return "ko"
        if 0x3400 <= cp <= 0x9FFF or 0xF900 <= cp <= 0xFAFF or 0x20000 <= cp <= 0x3FFFF:
            han = True
    return "zh" if han else "other"


def _fontconfig_files() -> list[str]:
    """Font files fontconfig knows about beyond the standard folders (empty without fc-list)."""
    import shutil
    import subprocess
    exe = shutil.which("fc-list")
    if not exe:
        return []
    try:
        out = subprocess.run([exe, "--format", "%{file}\\n"], capture_output=True, text=True,
                             timeout=10, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return sorted({line.strip() for line in out.splitlines() if line.strip()})


def reportlab_font_dir() -> Path:
    import reportlab
    return Path(reportlab.__file__).resolve().parent / "fonts"


# ------------------------------------------------------------------------------- sfnt header
@dataclass(frozen=True)
class FaceInfo:
    """What the font's own tables say about one face (read without loading the glyphs)."""

    family: str
    style: str
    full_name: str
    ps_name: str
    bold: bool
    italic: bool
    outlines: str          # "truetype" | "cff"
    embeddable: bool       # OS/2 fsType allows embedding in a print file
    source: str            # file path, or "project:<file name>"
    index: int = 0         # face index inside a .ttc
    scripts: tuple[str, ...] = ()   # keys of SCRIPTS the face's cmap covers, in SCRIPTS order

    @property
    def printable(self) -> bool:
        """reportlab can embed it: TrueType outlines and a licence that allows embedding."""
        return self.outlines == "truetype" and self.embeddable

    @property
    def problem(self) -> str | None:
        if self.outlines != "truetype":
            return (f"font {self.family!r} ({self.full_name}) has OpenType/CFF (PostScript) "
                    f"outlines, which cannot be embedded in the PDF; use a TrueType (.ttf) build")
        if not self.embeddable:
            return f"font {self.family!r} ({self.full_name}): its licence forbids embedding"
        return None


def _name_table(data: bytes, off: int) -> dict[int, str]:
    fmt, count, string_off = struct.unpack_from(">HHH", data, off)
    names: dict[int, tuple[int, str]] = {}
    for i in range(count):
        pid, eid, lid, nid, length, noff = struct.unpack_from(">HHHHHH", data, off + 6 + 12 * i)
        if nid not in (1, 2, 4, 6, 16, 17):
            continue
        raw = data[off + string_off + noff: off + string_off + noff + length]
        if pid == 3 or pid == 0:
            try:
                text = raw.decode("utf-16-be")
            except UnicodeDecodeError:
                continue
            rank = 3 if (pid == 3 and lid == 0x409) else 2
        elif pid == 1 and eid == 0:
            text, rank = raw.decode("mac_roman", "replace"), 1 if lid == 0 else 0
        else:
            continue
        if nid not in names or rank > names[nid][0]:
            names[nid] = (rank, text.strip("\x00 ").strip())
    return {k: v for k, (_, v) in names.items()}


@dataclass(frozen=True)
class Script:
    """A writing system a font list can show: its name, a short badge, the characters a
    face must all have to count as covering it, and a preview sample in that script."""

    key: str
    label: str
    badge: str
    probe: str
    sample: str


#: scripts the font list reports, in badge order; a face covers one when its cmap maps
#: every probe character (common letters, digits, and for CJK the kana/kanji or simplified/
#: traditional forms that tell the variants apart)
SCRIPTS: tuple[Script, ...] = (
    Script("latin", "Latin", "Latin", "AEIOUZaeiouz0123456789", "Thank you!"),
    Script("greek", "Greek", "Ελ", "ΑΒΓΔΩαβγδω", "Ευχαριστούμε"),
    Script("cyrillic", "Cyrillic", "Кир", "АБВЖЯабвжя", "Спасибо!"),
    Script("ja", "Japanese (kana and kanji)", "日本語", "あいうアイウ日本語注文履歴", "ありがとう"),
    Script("zh-hans", "Simplified Chinese", "简体", "们这说对发买", "感谢您的购买"),
    Script("zh-hant", "Traditional Chinese", "繁體", "們這說對發買", "感謝您的購買"),
    Script("ko", "Korean", "한국어", "한국어감사", "감사합니다"),
    Script("ar", "Arabic", "عربي", "ابتثجشكلم", "شكرا"),
    Script("he", "Hebrew", "עב", "אבגדהשת", "תודה"),
    Script("th", "Thai", "ไทย", "กขคงจ", "ขอบคุณ"),
    Script("deva", "Devanagari", "हिन्दी", "कखगघनमस", "धन्यवाद"),
)
SCRIPT_BY_KEY = {sc.key: sc for sc in SCRIPTS}


def _cmap_has(data: bytes, tables: dict[bytes, tuple[int, int]]):  # noqa: ANN202 - cp -> bool
    """A lookup ``code point -> has a glyph`` over the face's best Unicode cmap subtable
    (format 12 preferred, else format 4); None when the face has neither."""
    if b"cmap" not in tables:
        return None
    base = tables[b"cmap"][0]
    n = struct.unpack_from(">H", data, base + 2)[0]
    best: tuple[int, int] | None = None   # (rank, offset)
    for i in range(min(n, 64)):
        pid, eid, off = struct.unpack_from(">HHI", data, base + 4 + 8 * i)
        fmt = struct.unpack_from(">H", data, base + off)[0]
        if fmt == 12 and (pid, eid) in ((3, 10), (0, 4), (0, 6)):
            rank = 3
        elif fmt == 4 and (pid, eid) in ((3, 1), (0, 3), (0, 1), (0, 0)):
            rank = 2
        else:
            continue
        if best is None or rank > best[0]:
            best = (rank, base + off)
    if best is None:
        return None
    rank, sub = best
    if rank == 3:
        groups = struct.unpack_from(">I", data, sub + 12)[0]
        if sub + 16 + 12 * groups > len(data):
            raise struct.error("cmap runs past the end of the file")

        flat = array.array("I", data[sub + 16: sub + 16 + 12 * groups])   # no Python ints per group
        if sys.byteorder == "little":
            flat.byteswap()
        starts, ends, glyphs = flat[0::3], flat[1::3], flat[2::3]

        def has12(cp: int) -> bool:
            i = bisect.bisect_right(starts, cp) - 1
            return i >= 0 and cp <= ends[i] and glyphs[i] + (cp - starts[i]) != 0

        return has12
    seg = struct.unpack_from(">H", data, sub + 6)[0] // 2
    ends = struct.unpack_from(f">{seg}H", data, sub + 14)
    starts = struct.unpack_from(f">{seg}H", data, sub + 16 + 2 * seg)
    deltas = struct.unpack_from(f">{seg}h", data, sub + 16 + 4 * seg)
    range_at = sub + 16 + 6 * seg
    ranges = struct.unpack_from(f">{seg}H", data, range_at)

    def has4(cp: int) -> bool:
        if cp > 0xFFFF:
            return False
        lo, hi = 0, seg - 1
        while lo < hi:   # first segment whose end >= cp
            mid = (lo + hi) // 2
            if ends[mid] < cp:
                lo = mid + 1
            else:
                hi = mid
        if not (starts[lo] <= cp <= ends[lo]):
            return False
        if ranges[lo] == 0:
            return (cp + deltas[lo]) & 0xFFFF != 0
        at = range_at + 2 * lo + ranges[lo] + 2 * (cp - starts[lo])
        if at + 2 > len(data):
            return False
        glyph = struct.unpack_from(">H", data, at)[0]
        return glyph != 0 and (glyph + deltas[lo]) & 0xFFFF != 0

    return has4


def _scripts_of(data: bytes, tables: dict[bytes, tuple[int, int]]) -> tuple[str, ...]:
    has = _cmap_has(data, tables)
    if has is None:
        return ()
    return tuple(sc.key for sc in SCRIPTS if all(has(ord(ch)) for ch in sc.probe))


def read_face_info(data: bytes, source: str, index: int = 0) -> FaceInfo:
    """Parse the sfnt table directory, ``name``, ``OS/2`` and ``head`` of face ``index``."""
    try:
        tag = data[:4]
        base = 0
        if tag == b"ttcf":
            num = struct.unpack_from(">I", data, 8)[0]
            if index >= num:
                raise FontError(f"font {source}: collection has {num} faces, not {index + 1}")
            base = struct.unpack_from(">I", data, 12 + 4 * index)[0]
            tag = data[base:base + 4]
        if tag not in (b"\x00\x01\x00\x00", b"true", b"OTTO"):
            raise FontError(f"font {source} is not a TrueType/OpenType font")
        num_tables = struct.unpack_from(">H", data, base + 4)[0]
        tables: dict[bytes, tuple[int, int]] = {}
        for i in range(num_tables):
            t, _cs, off, length = struct.unpack_from(">4sIII", data, base + 12 + 16 * i)
            tables[t] = (off, length)
        if b"name" not in tables:
            raise FontError(f"font {source} has no name table")
        names = _name_table(data, tables[b"name"][0])
        bold = italic = False
        embeddable = True
        if b"OS/2" in tables:
            off = tables[b"OS/2"][0]
            fs_type = struct.unpack_from(">H", data, off + 8)[0]
            fs_sel = struct.unpack_from(">H", data, off + 62)[0]
            italic = bool(fs_sel & 0x01)
            bold = bool(fs_sel & 0x20)
            # "restricted licence embedding" (bit 1 without the print/edit bits), "no
            # subsetting" (0x0100) or "bitmap embedding only" (0x0200): reportlab always
            # writes outline subsets, so none of these can be printed honestly
            embeddable = not ((fs_type & 0x000E) == 0x0002 or fs_type & 0x0300)
        if b"head" in tables:
            mac = struct.unpack_from(">H", data, tables[b"head"][0] + 44)[0]
            bold = bold or bool(mac & 1)
            italic = italic or bool(mac & 2)
        outlines = "cff" if (b"CFF " in tables or b"CFF2" in tables) and b"glyf" not in tables else "truetype"
        scripts = _scripts_of(data, tables)
    except struct.error:
        raise FontError(f"font {source} is truncated or corrupt") from None
    family = names.get(1) or names.get(16) or Path(source).stem
    style = names.get(2) or names.get(17) or "Regular"
    return FaceInfo(family, style, names.get(4, family), names.get(6, ""), bold, italic,
                    outlines, embeddable, source, index, scripts)


def _face_count(data: bytes) -> int:
    if data[:4] == b"ttcf":
        return min(struct.unpack_from(">I", data, 8)[0], 64)
    return 1


def font_info(data: bytes, filename: str) -> FaceInfo:
    """Check bytes of a font the user adds to a project; raises FontError naming the problem."""
    if len(data) > MAX_FONT_BYTES:
        raise FontError(f"font {filename} is larger than {MAX_FONT_BYTES // 2**20} MB")
    info = read_face_info(data, f"project:{filename}")
    if info.problem:
        raise FontError(info.problem)
    return info


# ------------------------------------------------------------------------------- loaded face
class LoadedFont:
    """One face loaded with reportlab: metrics for layout and the name the PDF uses."""

    def __init__(self, info: FaceInfo, data: bytes | None = None) -> None:
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFError, TTFont

        self.info = info
        self.path: str | None = None if info.source.startswith("project:") else info.source
        self._data = data
        raw = data if data is not None else Path(info.source).read_bytes()
        digest = hashlib.sha1(raw).hexdigest()[:12]
        #: name registered with reportlab.pdfbase.pdfmetrics (unique per file content + face)
        self.rl_name = f"CW-{digest}-{info.index}"
        try:
            # getFont() on an unknown name makes reportlab parse every AFM file it can
            # find (~3 s on a cold start) before raising KeyError: ask the registry first.
            if self.rl_name in pdfmetrics.getRegisteredFontNames():
                font = pdfmetrics.getFont(self.rl_name)
            else:
                font = TTFont(self.rl_name, io.BytesIO(raw), subfontIndex=info.index)
                pdfmetrics.registerFont(font)
        except TTFError as e:
            raise FontError(f"font {info.full_name or info.source} cannot be used: {e}") from None
        face = font.face
        self._widths: dict[int, float] = face.charWidths      # 1/1000 em
        self._default = float(face.defaultWidth)
        self._cmap = face.charToGlyph
        self.ascent = float(face.ascent) / 1000.0              # em fractions (positive)
        self.descent = -float(face.descent) / 1000.0           # positive
        self.cap_height = float(getattr(face, "capHeight", face.ascent)) / 1000.0

    @property
    def family(self) -> str:
        return self.info.family

    @property
    def data(self) -> bytes:
        """The font file's bytes (for QFontDatabase.addApplicationFontFromData)."""
        if self._data is None:
            self._data = Path(self.info.source).read_bytes()
        return self._data

    def has_glyph(self, ch: str) -> bool:
        cp = ord(ch)
        return cp in self._cmap and self._cmap[cp] != 0

    def char_width(self, ch: str, size: float) -> float:
        """Advance width of ``ch`` at ``size`` pt (the notdef width if the face lacks it)."""
        return self._widths.get(ord(ch), self._default) * size / 1000.0

    def advances(self, text: str, size: float, extra: float = 0.0) -> list[float]:
        """:meth:`char_width` of every character plus ``extra`` (letter spacing), in one pass
        (the layout asks for a whole paragraph per keystroke)."""
        w, d = self._widths, self._default
        return [w.get(ord(c), d) * size / 1000.0 + extra for c in text]

    def text_width(self, text: str, size: float) -> float:
        w = self._widths
        d = self._default
        return sum(w.get(ord(c), d) for c in text) * size / 1000.0

    def missing_chars(self, text: str) -> list[str]:
        """Characters of ``text`` this face has no glyph for (unique, in order). Invisible
        characters such as U+200B are reported too: the PDF would draw the font's notdef box."""
        out: list[str] = []
        for ch in text:
            if ch in "\n\r\t" or ch in out:
                continue
            if not self.has_glyph(ch) and not (ch == " " and self.has_glyph("\u00a0")):
                out.append(ch)
        return out


# ------------------------------------------------------------------------------- catalogue
#: the four styles a designer picks with the B and I buttons, in display order
STYLE_NAMES = {(False, False): "Regular", (True, False): "Bold", (False, True): "Italic",
               (True, True): "Bold Italic"}
ORIGINS = ("project", "bundled", "installed")


def face_origin(info: FaceInfo) -> str:
    """"project" (added to the card), "bundled" (ships with Cardwise) or "installed"."""
    if info.source.startswith("project:"):
        return "project"
    if Path(info.source).parent == reportlab_font_dir():
        return "bundled"
    return "installed"


@dataclass(frozen=True)
class FontFamily:
    """One family of the font list: its faces grouped, the styles they give, the scripts
    they cover and whether the family can be printed (embedded in the PDF)."""

    name: str
    origin: str                    # "project" | "bundled" | "installed" (best of its faces)
    faces: tuple[FaceInfo, ...]

    @property
    def printable_faces(self) -> tuple[FaceInfo, ...]:
        return tuple(f for f in self.faces if f.printable)

    @property
    def printable(self) -> bool:
        """At least one face can be embedded (what :meth:`FontLibrary.resolve` accepts)."""
        return bool(self.printable_faces)

    @property
    def problem(self) -> str | None:
        """Why the family cannot be printed (None when it can)."""
        if self.printable:
            return None
        return self.faces[0].problem

    @property
    def styles(self) -> tuple[str, ...]:
        """Regular / Bold / Italic / Bold Italic that exist (printable faces only, when any)."""
        faces = self.printable_faces or self.faces
        have = {(f.bold, f.italic) for f in faces}
        return tuple(name for key, name in STYLE_NAMES.items() if key in have)

    @property
    def scripts(self) -> tuple[str, ...]:
        """Script keys (:data:`SCRIPTS`) the family covers, in badge order."""
        faces = self.printable_faces or self.faces
        have = {k for f in faces for k in f.scripts}
        return tuple(sc.key for sc in SCRIPTS if sc.key in have)

    @property
    def sample(self) -> str:
        """Preview text the family can draw: its name when it has Latin, else a word in its
        first script."""
        scripts = self.scripts
        if not scripts or "latin" in scripts:
            return self.name
        return SCRIPT_BY_KEY[scripts[0]].sample

    def preview_face(self) -> FaceInfo:
        """The face to preview the family with (its regular, printable when possible)."""
        faces = self.printable_faces or self.faces
        return min(faces, key=lambda f: (f.bold, f.italic, f.style.casefold() not in _PLAIN_STYLES))

    def matches(self, query: str) -> bool:
        """Search: every word of ``query`` is in the name, a style, a script's name or badge
        ("japanese", "日本語", "bold", "noto cjk")."""
        words = query.casefold().split()
        if not words:
            return True
        hay = " ".join([self.name, *self.styles,
                        *(f"{SCRIPT_BY_KEY[k].label} {SCRIPT_BY_KEY[k].badge} {k}" for k in self.scripts)]).casefold()
        return all(w in hay for w in words)


def build_catalogue(faces: Iterable[FaceInfo]) -> list[FontFamily]:
    """Group faces into families: project fonts first, then the bundled default, then
    installed ones; printable before unprintable; by name within each."""
    groups: dict[str, list[FaceInfo]] = {}
    names: dict[str, str] = {}
    for f in faces:
        key = f.family.casefold()
        groups.setdefault(key, []).append(f)
        names.setdefault(key, f.family)
    out = []
    for key, members in groups.items():
        origin = min((face_origin(f) for f in members), key=ORIGINS.index)
        out.append(FontFamily(names[key], origin, tuple(members)))
    out.sort(key=lambda fam: (ORIGINS.index(fam.origin), not fam.printable, fam.name.casefold()))
    return out


# ------------------------------------------------------------------------------- library
@dataclass(frozen=True)
class FontMatch:
    """The face chosen for family + bold/italic; ``exact`` is False when the asked-for
    weight/slant does not exist and the nearest face of the family was used."""

    font: LoadedFont
    exact: bool
    requested: tuple[str, bool, bool]


class FontLibrary:
    """The fonts Cardwise can print with: reportlab's Vera, system fonts, project fonts.

    ``FontLibrary()`` scans the system once (shared by later instances);
    ``FontLibrary(system=False)`` sees only the bundled default and ``extra_dirs`` — use it
    in tests for a deterministic set. ``project_fonts`` maps file names to TTF bytes
    (Document.fonts); project faces win over system faces of the same family and style.
    """

    _system_cache: list[FaceInfo] | None = None
    _lock = threading.Lock()

    def __init__(self, project_fonts: dict[str, bytes] | None = None, *, system: bool = True,
                 extra_dirs: Iterable[str | os.PathLike] = ()) -> None:
        self._faces: list[FaceInfo] = []
        self._project: dict[str, bytes] = {}
        self._loaded: dict[tuple[str, int], LoadedFont] = {}
        self.problems: list[str] = []      # faces skipped while scanning, with the reason
        self.layout_cache: OrderedDict = OrderedDict()   # used by app.model.text_layout
        self.cache_lock = threading.RLock()  # layouts may be computed off the GUI thread
        self.generation = 0
        self._fallbacks: dict[tuple[str, bool, bool], tuple[LoadedFont, ...]] = {}
        self._by_name: dict[str, LoadedFont] = {}
        self._catalogue: tuple[int, list[FontFamily]] | None = None
        self._add_dir(reportlab_font_dir(), only=("Vera.ttf", "VeraBd.ttf", "VeraIt.ttf", "VeraBI.ttf"))
        if system:
            self._faces.extend(self._system_faces())
        else:
            for p in CJK_FONT_PATHS:
                if os.path.exists(p):
                    self._add_file(Path(p))
                    break
            for p in FALLBACK_FONT_PATHS:
                if os.path.exists(p):
                    self._add_file(Path(p))
        for d in extra_dirs:
            self._add_dir(Path(d))
        for name, data in (project_fonts or {}).items():
            self.add_project_font(name, data)

    # ---- scanning -------------------------------------------------------------------------
    @classmethod
    def _system_faces(cls) -> list[FaceInfo]:
        with cls._lock:
            if cls._system_cache is None:
                tmp = cls(system=False)
                tmp._faces = []
                for d in SYSTEM_FONT_DIRS:
                    tmp._add_dir(Path(os.path.expanduser(d)))
                seen = {f.source for f in tmp._faces}
                for path in _fontconfig_files():
                    if path not in seen and path.lower().endswith(FONT_EXTENSIONS):
                        tmp._add_file(Path(path))
                cls._system_cache = tmp._faces
            return list(cls._system_cache)

    def _add_dir(self, folder: Path, only: tuple[str, ...] | None = None) -> None:
        if not folder.is_dir():
            return
        for root, _dirs, files in sorted(os.walk(folder)):
            for f in sorted(files):
                if f.lower().endswith(FONT_EXTENSIONS) and (only is None or f in only):
                    self._add_file(Path(root) / f)

    def _add_file(self, path: Path) -> None:
        # mapped, not read: the face's name, OS/2, head and cmap tables are a few pages of a
        # file that can be 20 MB (CJK collections); reading every system font whole took
        # ~0.2 s of the designer's start
        try:
            with open(path, "rb") as fh:
                if os.fstat(fh.fileno()).st_size == 0:
                    raise FontError("the file is empty")
                with mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
                    for i in range(_face_count(data)):
                        info = read_face_info(data, str(path), i)
                        if all(f.source != info.source or f.index != i for f in self._faces):
                            self._faces.append(info)
        except (OSError, ValueError, FontError) as e:
            self.problems.append(f"{path}: {e}")

    def add_project_font(self, filename: str, data: bytes) -> FaceInfo:
        info = font_info(data, filename)
        self._project[filename] = data
        self._faces.insert(0, info)
        with self.cache_lock:
            self.generation += 1
            self.layout_cache.clear()
            self._fallbacks.clear()
        return info

    # ---- queries -----------------------------------------------------------------------------
    @property
    def faces(self) -> list[FaceInfo]:
        return list(self._faces)

    def families(self, printable_only: bool = True) -> list[str]:
        """Family names, sorted (only faces reportlab can embed unless asked otherwise)."""
        return sorted({f.family for f in self._faces if f.printable or not printable_only},
                      key=str.casefold)

    def catalogue(self) -> list[FontFamily]:
        """The font list a designer chooses from: families with their styles, scripts and
        whether they print (see :func:`build_catalogue`)."""
        with self.cache_lock:
            hit = self._catalogue
            if hit is not None and hit[0] == self.generation:
                return list(hit[1])
        cat = build_catalogue(self._faces)
        with self.cache_lock:
            self._catalogue = (self.generation, cat)
        return list(cat)

    def family(self, name: str) -> FontFamily | None:
        fam = name.casefold()
        return next((f for f in self.catalogue() if f.name.casefold() == fam), None)

    def has_family(self, family: str) -> bool:
        return any(f.family.casefold() == family.casefold() for f in self._faces)

    def _candidates(self, family: str) -> list[FaceInfo]:
        fam = family.casefold()
        return [f for f in self._faces if f.family.casefold() == fam]

    def resolve(self, family: str, bold: bool = False, italic: bool = False) -> FontMatch:
        """The face for ``family`` in the asked weight/slant. FontError if the family is
        unknown or none of its faces can be embedded."""
        cands = self._candidates(family)
        if not cands:
            raise FontError(f"font {family!r} is not installed and not in the project")
        printable = [f for f in cands if f.printable]
        if not printable:
            raise FontError(cands[0].problem or f"font {family!r} cannot be embedded")

        def score(f: FaceInfo) -> tuple[int, int, int]:
            mismatch = (f.bold != bold) * 2 + (f.italic != italic)
            plain = 0 if f.style.casefold() in _PLAIN_STYLES else 1
            project = 0 if f.source.startswith("project:") else 1
            return (mismatch, plain, project)

        best = min(printable, key=score)
        exact = best.bold == bold and best.italic == italic
        return FontMatch(self.load(best), exact, (family, bold, italic))

    def load(self, info: FaceInfo) -> LoadedFont:
        key = (info.source, info.index)
        font = self._loaded.get(key)
        if font is None:
            with self.cache_lock:
                font = self._loaded.get(key)
                if font is None:
                    data = None
                    if info.source.startswith("project:"):
                        data = self._project[info.source.split(":", 1)[1]]
                    font = LoadedFont(info, data)
                    self._loaded[key] = font
                    self._by_name[font.rl_name] = font
        return font

    def loaded(self, rl_name: str) -> LoadedFont | None:
        """A face this library has loaded, by its reportlab name (the canvas needs the bytes
        of a project font a layout run uses)."""
        return self._by_name.get(rl_name)

    def fallback_fonts(self, script: str, bold: bool = False, italic: bool = False
                       ) -> tuple[LoadedFont, ...]:
        """The printable faces of ``script``'s fallback chain that are installed, best first
        (each in the nearest weight/slant it has)."""
        key = (script, bold, italic)
        hit = self._fallbacks.get(key)
        if hit is not None:
            return hit
        out: list[LoadedFont] = []
        for family in FALLBACK_CHAINS.get(script, FALLBACK_CHAINS["other"]):
            try:
                font = self.font_for(family, bold, italic)
            except FontError:
                continue
            if font not in out:
                out.append(font)
        with self.cache_lock:
            self._fallbacks[key] = tuple(out)
        return tuple(out)

    def font_for(self, family: str, bold: bool = False, italic: bool = False) -> LoadedFont:
        return self.resolve(family, bold, italic).font

    def default_font(self) -> LoadedFont:
        return self.font_for(DEFAULT_FONT_FAMILY)

    def cjk_family(self) -> str | None:
        """A printable family with CJK glyphs, if one is installed."""
        if self.has_family(CJK_FAMILY):
            return CJK_FAMILY
        for fam in self.families():
            try:
                f = self.font_for(fam)
            except FontError:
                continue
            if f.has_glyph("中") and f.has_glyph("あ"):
                return fam
        return None

    def missing_glyphs(self, text: str, family: str, bold: bool = False,
                       italic: bool = False) -> list[str]:
        """Characters of ``text`` the resolved face cannot draw (FontError if no face)."""
        return self.font_for(family, bold, italic).missing_chars(text)


_default_library: FontLibrary | None = None


def default_library() -> FontLibrary:
    """A process-wide library of system fonts (no project fonts)."""
    global _default_library
    if _default_library is None:
        _default_library = FontLibrary()
    return _default_library


_project_libraries: "OrderedDict[tuple, FontLibrary]" = OrderedDict()
_fast_libraries: "OrderedDict[tuple, tuple[FontLibrary, tuple[bytes, ...]]]" = OrderedDict()
_libraries_lock = threading.Lock()


def library_for(document) -> FontLibrary:   # noqa: ANN001 - Document (avoid import cycle)
    """The library for a document: the system fonts plus the document's added fonts.
    Libraries are shared between calls for the same set of added fonts, so the layout cache
    survives (the designer and the exporter call this often)."""
    if not document.fonts:
        return default_library()
    # identity key first (no hashing of megabytes on every paint); the entry holds the bytes
    # objects themselves, so their ids cannot be reused while it exists
    items = sorted(document.fonts.items())
    fast = tuple((name, id(data)) for name, data in items)
    with _libraries_lock:
        hit = _fast_libraries.get(fast)
        if hit is not None:
            _fast_libraries.move_to_end(fast)
            return hit[0]
        key = tuple((name, hashlib.sha1(data).hexdigest()) for name, data in items)
        lib = _project_libraries.get(key)
        if lib is None:
            lib = FontLibrary(document.fonts)
            _project_libraries[key] = lib
            while len(_project_libraries) > 8:
                _project_libraries.popitem(last=False)
        _fast_libraries[fast] = (lib, tuple(data for _name, data in items))
        while len(_fast_libraries) > 16:
            _fast_libraries.popitem(last=False)
    return lib


def fonts_used(document) -> set[tuple[str, bool, bool]]:   # noqa: ANN001 - Document
    """(family, bold, italic) of every paragraph on the printed sides."""
    from app.model.elements import TextBox
    used = set()
    for _side, el in document.elements():
        if isinstance(el, TextBox):
            for p in el.paragraphs:
                for s, e, st, _ul in p.spans():   # runs may use other faces
                    if p.text[s:e].strip():
                        used.add((st.font_family, st.bold, st.italic))
    return used


def collect_fonts(document, library: FontLibrary | None = None) -> tuple[list[str], list[str]]:  # noqa: ANN001
    """Copy the installed font files the document's text uses into the project, so it opens
    with the same fonts on another computer ("package for sending"). The default family
    (ships with Cardwise) and faces already in the project are skipped. Returns
    (added file names, problems such as a family that is not installed)."""
    lib = library or library_for(document)
    added: list[str] = []
    problems: list[str] = []
    for family, bold, italic in sorted(fonts_used(document)):
        if family.casefold() == DEFAULT_FONT_FAMILY.casefold():
            continue
        try:
            match = lib.resolve(family, bold, italic)
        except FontError as e:
            problems.append(str(e))
            continue
        info = match.font.info
        if info.source.startswith("project:") or info.source.startswith(str(reportlab_font_dir())):
            continue
        name = Path(info.source).name
        if name in document.fonts and document.fonts[name] == match.font.data:
            continue
        if name in document.fonts:   # same file name, different font
            name = f"{info.family.replace(' ', '')}-{info.style.replace(' ', '')}{Path(name).suffix}"
        try:
            document.add_font(match.font.data, name)
        except FontError as e:
            problems.append(str(e))
            continue
        added.append(name)
    return added, problems
