"""Formatted text on the clipboard: a text box's selection with its character looks.

``copy_range(box, start, end)`` returns a JSON-ready dict ``{"text": …, "spans": [{"start",
"end", "font_family", "size_pt", "bold", "italic", "color", "underline"}, …]}``: the selected
text (paragraph breaks as "\\n") and, for every stretch of one look, its offsets relative to
the selection and its complete character look (the paragraph style with the run overrides
applied), so it reads the same in a box of another style. ``paste_paragraphs(box, start, end,
clip)`` replaces ``[start, end)`` with that text and gives each character its copied look;
``clip_from_json`` reads the clipboard bytes back and refuses anything malformed (the caller
then pastes the plain text). Plain Python, no Qt: the designer puts the JSON on the
clipboard under :data:`MIME_TYPE`.
"""
from __future__ import annotations

import json
from typing import Any

from app.errors import CardwiseError
from app.model.elements import RUN_FIELDS, Paragraph, Run, TextBox

MIME_TYPE = "application/x-cardwise-runs+json"
FORMAT = "cardwise-runs"
#: Bigger payloads are not read back as formatted text (the plain text still pastes).
MAX_BYTES = 4 * 1024 * 1024


def copy_range(box: TextBox, start: int, end: int) -> dict[str, Any]:
    """The text of ``[start, end)`` with each look's span relative to ``start``."""
    start, end = max(0, min(start, end)), max(start, end)
    spans: list[dict[str, Any]] = []
    pos = 0
    for p in box.paragraphs:
        for s, e, st, ul in p.spans():
            a, b = max(pos + s, start), min(pos + e, end)
            if a >= b:
                continue
            look = {"font_family": st.font_family, "size_pt": st.size_pt, "bold": st.bold,
                    "italic": st.italic, "color": st.color.to_dict(), "underline": ul}
            spans.append({"start": a - start, "end": b - start, **look})
        pos += len(p.text) + 1
    return {"format": FORMAT, "text": box.text[start:end], "spans": spans}


def clip_to_json(clip: dict[str, Any]) -> bytes:
    return json.dumps(clip, ensure_ascii=False, sort_keys=True).encode("utf-8")


def clip_from_json(data: bytes, text: str | None = None) -> dict[str, Any] | None:
    """The clip in ``data``, or None when it is not a well-formed Cardwise clip (or, with
    ``text``, when its text is not ``text``: the plain text on the clipboard was replaced)."""
    if not data or len(data) > MAX_BYTES:
        return None
    try:
        d = json.loads(bytes(data).decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    if not isinstance(d, dict) or d.get("format") != FORMAT or not isinstance(d.get("text"), str):
        return None
    if not isinstance(d.get("spans"), list):
        return None
    clip_text = d["text"].replace("\r\n", "\n").replace("\r", "\n")
    if text is not None and clip_text != text.replace("\r\n", "\n").replace("\r", "\n"):
        return None
    spans = []
    try:
        for s in d["spans"]:
            run = Run.from_dict(s)   # validates offsets and every field
            if run.end > len(clip_text):
                return None
            spans.append(run)
    except (CardwiseError, ValueError, TypeError):
        return None
    return {"format": FORMAT, "text": clip_text, "runs": spans}


def paste_paragraphs(box: TextBox, start: int, end: int, clip: dict[str, Any]) -> tuple[Paragraph, ...]:
    """Paragraphs after replacing ``[start, end)`` with the clip's text, each pasted character
    in its copied look (the text around keeps its own; paragraph styles as for typing)."""
    text = clip["text"]
    runs: list[Run] = clip.get("runs") or [Run.from_dict(s) for s in clip.get("spans", ())]
    paras = box.edited(start, end, text)
    a = min(start, end)
    out = []
    pos = 0
    for p in paras:
        extra = []
        for r in runs:
            s, e = max(a + r.start - pos, 0), min(a + r.end - pos, len(p.text))
            if s < e:
                look = {n: getattr(r, n) for n in RUN_FIELDS}
                look["underline"] = bool(look["underline"])
                extra.append(Run(s, e, **{n: v for n, v in look.items() if v is not None}))
        out.append(Paragraph(p.text, p.style, p.runs + tuple(extra)) if extra else p)
        pos += len(p.text) + 1
    return tuple(out)


__all__ = ["MIME_TYPE", "clip_from_json", "clip_to_json", "copy_range", "paste_paragraphs"]
