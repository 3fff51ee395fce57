"""Typing into a text box on the canvas does only the work a keystroke needs: the box repaints
the lines that changed and the caret, the Elements row follows the text at once, and the
Properties panel reads the box again once the keys pause. What the user sees is the same as
if everything had been redrawn and re-read (bench/gui.py has the timings)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.model import CardSpec, Document, TextBox, TextStyle
from app.model.units import mm

PARAS = [
    "Thank you for choosing our cordless kettle. Please read these instructions before the first "
    "use and keep them for later.",
    "Descale the kettle every month in hard-water areas. Fill it with equal parts of water and "
    "white vinegar, leave it for an hour.",
    "Your kettle has a two-year warranty against defects in materials and workmanship from the "
    "date of purchase.",
]


def _card(text: str, **geometry) -> tuple[Document, TextBox]:
    doc = Document.new(CardSpec.from_preset("a6"))
    box = doc.add_element("front", TextBox.from_text(text, style=TextStyle(size_pt=9), **geometry))
    return doc, box


def _on_screen(win) -> QImage:
    """The window's pixels as last painted (the backing store: partial repaints included)."""
    QApplication.processEvents()
    return win.windowHandle().screen().grabWindow(win.winId()).toImage()


def _repainted_whole(win) -> QImage:
    win.view.viewport().update()
    return _on_screen(win)


def test_typing_shows_what_a_full_repaint_shows(designer):
    """Keys that reflow one line, push the paragraphs below down (Enter) and pull them back
    (Backspace), a selection typed over, findings that move and a caret that blinks: after
    each, the canvas holds the same pixels as a canvas redrawn from scratch."""
    doc, box = _card("\n".join(PARAS), x=12, y=12, w=274, h=200)
    win = designer(doc)
    item = win.scene.item_for(box.id)
    ed = win.scene.begin_text_edit(item)
    ed._blink.stop()   # the caret blinks below by hand
    ed.move_to(item.text.index("Fill it"))
    item.set_underlines([(0, 5, "error"), (130, 140, "warning")])
    viewport = win.view.viewport()
    win.view.setFocus()
    _repainted_whole(win)
    steps = [("x", Qt.Key_X), ("enter", Qt.Key_Return), ("y", Qt.Key_Y), ("backspace", Qt.Key_Backspace),
             ("backspace", Qt.Key_Backspace), ("space", Qt.Key_Space), ("left", Qt.Key_Left)]
    for name, key in steps:
        QTest.keyClick(viewport, key)
        typed = _on_screen(win)
        assert typed == _repainted_whole(win), f"after {name} the canvas differs from a full repaint"
    assert box.text.count("\n") == 2 and "areas. x Fill it" in box.text
    before, caret = box.text, ed.cursor
    ed.set_selection(caret - 6, caret)
    QTest.keyClick(viewport, Qt.Key_Z)      # types over the selection
    item.set_underlines([(3, 9, "error"), (140, 150, "warning")])   # the check's new verdict
    ed._toggle_caret()                       # the caret blinks off
    shown = _on_screen(win)
    assert shown == _repainted_whole(win)
    assert box.text == before[:caret - 6] + "z" + before[caret:]


def test_the_elements_row_follows_each_key_and_the_panel_the_pause(qtbot, designer):
    """Each key renames the box's row in the Elements panel at once; the Properties panel
    reads the box again when the typing pauses, and then shows that the text overflows."""
    doc, box = _card("Short text", x=mm(10), y=mm(10), w=mm(40), h=mm(9))
    win = designer(doc)
    item = win.scene.item_for(box.id)
    ed = win.scene.begin_text_edit(item)
    ed.move_to(0)
    QApplication.processEvents()
    panel = win.properties
    assert panel.overset_label.text() == ""
    reads = [0]
    original = panel._refresh

    def counted():
        reads[0] += 1
        original()
    panel._refresh = counted
    win.view.setFocus()
    rows = []
    for ch in "Very ":
        QTest.keyClicks(win.view.viewport(), ch)
        rows.append(win.layers.list.item(0).text())
    assert rows == ["VShort text", "VeShort text", "VerShort text", "VeryShort text", "Very Short text"]
    assert reads[0] == 0, "the panel waits for a pause in typing"
    QTest.keyClicks(win.view.viewport(), "long words that no longer fit in the box ")
    assert item.layout().overset
    qtbot.waitUntil(lambda: panel.overset_label.text() != "", timeout=3000)
    assert "does not fit" in panel.overset_label.text()
    assert reads[0] == 1, "read once for the whole burst"


def test_formatting_and_caret_moves_show_in_the_panel_at_once(designer):
    """Only typing waits for the pause: Ctrl+B on a selection, and moving the caret into a
    bold word, show in the panel's Bold button straight away."""
    doc, box = _card("plain then bold", x=mm(10), y=mm(10), w=mm(80), h=mm(20))
    win = designer(doc)
    item = win.scene.item_for(box.id)
    ed = win.scene.begin_text_edit(item)
    viewport = win.view.viewport()
    win.view.setFocus()
    ed.set_selection(11, 15)
    QTest.keyClick(viewport, Qt.Key_B, Qt.ControlModifier)
    assert win.properties.bold_btn.isChecked()
    ed.move_to(3)
    QTest.keyClicks(viewport, "x")
    QTest.keyClick(viewport, Qt.Key_End)      # the caret after the bold word
    assert win.properties.bold_btn.isChecked()
    QTest.keyClick(viewport, Qt.Key_Home)
    assert not win.properties.bold_btn.isChecked()


def test_the_panel_judges_overset_with_the_fonts_added_to_the_card(designer):
    """A box set in a wider font added to the card overflows on the canvas; the panel says so
    too (it lays the box out with the card's fonts, as the canvas does, not the system's)."""
    from dataclasses import replace

    from app.model.fonts import default_library, library_for, reportlab_font_dir
    from app.model.text_layout import layout

    wide = (reportlab_font_dir() / "VeraBd.ttf").read_bytes()   # bold Vera, renamed (same length)
    wide = wide.replace("Bitstream Vera Sans".encode("utf-16-be"), "Cardwise Broad Sans".encode("utf-16-be"))
    doc = Document.new(CardSpec.from_preset("a6"))
    doc.add_font(wide.replace(b"Bitstream Vera Sans", b"Cardwise Broad Sans"), "wide.ttf")
    box = TextBox.from_text("", style=TextStyle(size_pt=9, font_family="Cardwise Broad Sans"),
                            x=mm(10), y=mm(10), w=mm(40), h=mm(9))
    text = "We make it with care and we hope it is in use for many a day to come. " * 3
    for n in range(1, len(text)):    # the shortest text that overflows in the added font only
        box = replace(box, paragraphs=(replace(box.paragraphs[0], text=text[:n]),))
        if layout(box, library_for(doc)).overset and not layout(box, default_library()).overset:
            break
    else:
        raise AssertionError("no text overflows in the added font alone")
    doc.add_element("front", box)
    win = designer(doc)
    win.scene.select_ids([box.id])
    QApplication.processEvents()
    assert win.scene.item_for(box.id).layout().overset, "the canvas shows the clipped-text marker"
    assert "does not fit" in win.properties.overset_label.text()
