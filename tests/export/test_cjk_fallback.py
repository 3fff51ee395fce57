"""Japanese text in the template's own font: per-character fallback in the shared layout, so
the card exports, its text reads back in order, and nothing falls back silently."""
from __future__ import annotations

import shutil
import subprocess

import pytest

from app.model.elements import TextBox
from app.model.fonts import FontLibrary
from app.model.templates import new_from_template
from app.model.text_layout import layout

JA_BODY = "Amazonの注文履歴から「出品者に連絡」を選び、24時間以内にご連絡ください。"
JA_HEAD = "ありがとう"
_LIB = FontLibrary(system=False)
needs_ja = pytest.mark.skipif(not _LIB.fallback_fonts("ja"), reason="no Japanese TrueType face installed")


def japanese_card():
    doc = new_from_template("thank-you")
    doc.set_text("front-body", JA_BODY)
    doc.set_text("front-headline", JA_HEAD)
    return doc


@needs_ja
def test_japanese_in_the_template_font_has_no_missing_glyphs():
    """Latin and digits stay in the chosen face; kana, kanji and 「」、。 come from the
    Japanese fallback face; the line never starts with 、。」 or ends with 「."""
    doc = japanese_card()
    el = doc.get("front-body")
    lay = layout(el, _LIB)
    assert lay.missing_chars == () and not lay.overset
    primary = lay.lines[0].font_name
    for ln in lay.lines:
        for x, text, font in ln.font_runs():
            if text.isascii():
                assert font == primary, text
            else:
                assert font != primary, text
        assert ln.text[0] not in "、。」）ー・？！" and ln.ink_text[-1] not in "「（"
    assert "".join(ln.text for ln in lay.lines) == JA_BODY


def test_a_character_no_face_has_stays_missing():
    """An Egyptian hieroglyph has no face in any fallback chain: still a missing glyph."""
    lay = layout(TextBox.from_text("注文 \U00013000"), _LIB)
    assert lay.missing_chars == ("\U00013000",)


@needs_ja
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_japanese_card_exports_and_reads_back_in_order(tmp_path):
    from app.export.pdf import ExportOptions, export_pdf

    doc = japanese_card()
    out = tmp_path / "ja.pdf"
    export_pdf(doc, out, ExportOptions(preflight=False))
    text = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(out), "-"], capture_output=True,
                          text=True, check=True).stdout
    flat = "".join(text.split())
    assert JA_HEAD in flat
    assert JA_BODY in flat
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    assert "IPAGothic" in fonts or "WenQuanYi" in fonts or "DroidSans" in fonts
