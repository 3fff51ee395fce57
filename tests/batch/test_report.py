"""The HTML report and the placing of findings: what a seller opens and forwards."""
from __future__ import annotations

import re

import artwork_factory as factory
from batch_cards import CLEAN, RISKY

from app.batch.analyze import CheckOptions, analyze
from app.batch.artwork import Artwork, Line, TextBuilder, Word, build_text
from app.batch.report import build_report
from app.batch.runner import BatchRunner, discover


def test_report_has_summary_thumbnails_and_no_external_resources(tmp_path, checker):
    """Risky artwork gets a boxed page thumbnail; the table lists every file worst first; nothing loads from the network."""
    risky = factory.pdf(RISKY, tmp_path / "risky.pdf")
    clean = factory.pdf(CLEAN, tmp_path / "clean.pdf")
    missing = str(tmp_path / "gone.pdf")
    results = BatchRunner(CheckOptions(), isolate=False).run(discover([str(clean), missing, str(risky)]).entries)
    html = build_report(results)
    rows = re.findall(r'<tr><td><a href="#f(\d)"', html)
    assert rows == ["2", "1", "0"]  # errors first, then unreadable, then clean
    risky_section = html[html.index('id="f2"'):]
    assert risky_section.count("data:image/jpeg;base64,") == 1  # one page with findings, one thumbnail
    assert "fix before printing" in html and "clean" in html and "no such file" in html
    assert not re.search(r'<(script|link|img|iframe)[^>]+(src|href)="(https?:)?//', html)
    numbers = re.findall(r'<span class="num (?:error|warning|info)">(\d+)</span>', risky_section)
    assert numbers == [str(i) for i in range(1, len(numbers) + 1)]


def test_low_confidence_words_are_reported_not_dropped(checker):
    """OCR words read with low confidence stay in the text, get an info note and flag the finding they are in."""
    words = [Word("Leave", (10, 10, 60, 30), 96), Word("a", (65, 10, 75, 30), 95), Word("review", (80, 10, 150, 30), 91),
             Word("and", (155, 10, 190, 30), 93), Word("get", (195, 10, 230, 30), 94), Word("a", (235, 10, 245, 30), 95),
             Word("free", (250, 10, 290, 30), 31), Word("gift!", (295, 10, 340, 30), 28)]
    art = Artwork(path="scan.png", kind="image")
    b = TextBuilder()
    build_text(b, [Line(words)], page=1, y_down=True, source="ocr", low_confidence=50, low_out=art.low_confidence)
    art.text, art.pieces = b.text, b.pieces
    r = analyze(art, CheckOptions(), checker)
    assert "free gift!" in r.text
    notes = [f for f in r.findings if f.rule == "AW001"]
    assert len(notes) == 1 and notes[0].text == "free gift!" and str(notes[0].severity) == "info"
    assert notes[0].bbox == (250, 10, 340, 30)
    incentive = next(f for f in r.findings if str(f.category) == "review-incentive")
    assert incentive.extra.get("low_confidence") is True and incentive.extra["ocr_confidence"] == 28


def test_cardwise_project_gets_a_rendered_thumbnail_with_element_boxes(tmp_path, checker):
    """A .cardwise card with findings is rendered (exported, then drawn) with its elements boxed."""
    from app.io.project import save
    from app.model.document import Document
    from app.model.elements import TextBox

    from app.batch.report import annotated_page

    doc = Document()
    doc.add_element("front", TextBox.from_text("Leave a review and get a free gift!", x=20, y=20, w=220, h=60))
    path = save(doc, tmp_path / "card.cardwise")
    r = BatchRunner(CheckOptions(), isolate=False).run(discover([str(path)]).entries)[0]
    f = next(f for f in r.findings if str(f.category) == "review-incentive")
    img = annotated_page(r, f.page, [(1, f)])
    assert img is not None and img.width > 400
    s = img.width / doc.spec.width
    px = img.getpixel((round(100 * s), round(70 * s)))  # inside the text box: tinted red
    assert px[0] > px[2] + 20
    assert "data:image/jpeg;base64," in build_report([r])
