"""SVG artwork: ``<text>``/``<tspan>`` strings, parsed with defusedxml.

DTDs, entity declarations and external references are refused (XXE, billion laughs), so a
hostile SVG is an error for that file only. Text converted to paths cannot be read here
(there is no rasteriser in the core); the file gets a warning when it has no text at all.

Positions: each line's box is estimated from its ``x``/``y`` and font size in SVG user units
(origin top-left, transforms not applied), enough to group lines into paragraphs; findings
carry the ``<text>`` element's ``id`` as ``element_id`` when it has one.
"""
from __future__ import annotations

import re
from dataclasses import replace

from app.batch import limits
from app.batch.artwork import Artwork, Line, PageInfo, TextBuilder, Word, build_text
from app.batch.errors import ArtworkError, UnsafeFile

_NUM = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _first_num(value: str | None) -> float | None:
    if not value:
        return None
    m = _NUM.search(value)
    return float(m.group()) if m else None


def _font_size(el, inherited: float) -> float:
    size = _first_num(el.get("font-size"))
    style = el.get("style") or ""
    m = re.search(r"font-size\s*:\s*([^;]+)", style)
    if m:
        size = _first_num(m.group(1)) or size
    return size if size and size > 0 else inherited


def _parse(shown: str, data: bytes):
    import defusedxml.ElementTree as DET
    from defusedxml import DefusedXmlException

    if len(data) > limits.MAX_SVG_BYTES:
        raise UnsafeFile(f"{shown}: SVG of {len(data) // limits.MIB} MiB is too large for card artwork")
    if not data.strip():
        raise ArtworkError(f"{shown}: empty file")
    try:
        return DET.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise UnsafeFile(f"{shown}: SVG refused: it declares a DTD or entities ({type(exc).__name__}); "
                         "entity expansion and external references are not allowed") from None
    except Exception as exc:  # ParseError
        raise ArtworkError(f"{shown}: not a well-formed SVG ({exc})") from None


def read_svg(shown: str, data: bytes) -> Artwork:
    root = _parse(shown, data)
    if _local(root.tag) != "svg":
        raise ArtworkError(f"{shown}: not an SVG (root element is <{_local(root.tag)}>)")
    art = Artwork(path=shown, kind="svg")
    lines: list[Line] = []
    ids: list[str | None] = []

    def walk(el, size: float):
        size = _font_size(el, size)
        if _local(el.tag) == "text":
            _text_element(el, size, lines, ids)
            return
        for child in el:
            walk(child, size)

    walk(root, 16.0)
    builder = TextBuilder()
    if lines:
        _build_with_ids(builder, lines, ids)
    w = _first_num(root.get("width")) or 0.0
    h = _first_num(root.get("height")) or 0.0
    vb = root.get("viewBox")
    if vb:
        nums = [float(v) for v in _NUM.findall(vb)]
        if len(nums) == 4:
            w, h = nums[2], nums[3]
    art.pages.append(PageInfo(1, w, h, "svg", "top-left"))
    art.text, art.pieces = builder.text, builder.pieces
    if not art.text.strip():
        art.warnings.append("no <text> in this SVG: text converted to outlines cannot be read from SVG; "
                            "export the artwork as PDF or PNG to check it with OCR")
    return art


def _build_with_ids(builder: TextBuilder, lines: list[Line], ids: list[str | None]) -> None:
    """Build the text from ``lines`` and tag each word's piece with its <text> element's id."""
    first = len(builder.pieces)
    word_ids: list[str | None] = []
    for ln, eid in zip(lines, ids):
        word_ids.extend([eid] * len(ln.words))
    build_text(builder, lines, page=1, y_down=True, source="svg")
    word_pieces = [i for i in range(first, len(builder.pieces)) if builder.pieces[i].bbox is not None]
    for i, eid in zip(word_pieces, word_ids):
        if eid:
            builder.pieces[i] = replace(builder.pieces[i], element_id=eid)


def _text_element(el, size: float, lines: list[Line], ids: list[str | None]) -> None:
    eid = el.get("id")
    x = _first_num(el.get("x")) or 0.0
    y = _first_num(el.get("y")) or 0.0
    current: list[tuple[str, float]] = []  # (text, size) runs of the current line
    pos = [x, y]
    line_runs: list[tuple[float, float, list[tuple[str, float]]]] = []

    def flush():
        if current and "".join(t for t, _ in current).strip():
            line_runs.append((pos[0], pos[1], list(current)))
        current.clear()

    def visit(node, sz: float, first: bool):
        sz = _font_size(node, sz)
        if not first and _local(node.tag) == "tspan" and node.get("y") is not None:
            flush()
            pos[1] = _first_num(node.get("y")) or pos[1]
            pos[0] = _first_num(node.get("x")) if node.get("x") is not None else pos[0]
        if node.text:
            current.append((node.text, sz))
        for child in node:
            if _local(child.tag) in ("tspan", "a", "textPath"):
                visit(child, sz, False)
            if child.tail:
                current.append((child.tail, sz))

    visit(el, size, True)
    flush()
    for lx, ly, runs in line_runs:
        words: list[Word] = []
        cx = lx
        for text, sz in runs:
            for token in re.split(r"(\s+)", text):
                if not token:
                    continue
                adv = len(token) * sz * 0.55
                if not token.isspace():
                    words.append(Word(token, (cx, ly - sz * 0.8, cx + adv, ly + sz * 0.2)))
                cx += adv
        if words:
            lines.append(Line(words))
            ids.append(eid)
