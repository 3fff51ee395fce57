"""Character formatting in the canvas's inline editor: Ctrl+B / Ctrl+I and the properties
panel apply to the selected characters only, as one undo step; the canvas paints the runs."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest

from app.model import CardSpec, Color, Document, TextBox, TextStyle
from app.model.units import mm


def card(*elements):
    doc = Document.new(CardSpec.from_preset("a6"))
    for el in elements:
        doc.add_element("front", el)
    return doc


def _select_word(qtbot, win, item, start, end):
    r = item.span_rects(start, end)[0]
    qtbot.mouseDClick(win.view.viewport(), Qt.LeftButton, pos=win.view.mapFromScene(r.center()))
    assert win.scene.editor.selected_range() == (start, end)


def test_ctrl_b_bolds_the_selected_word_and_undo_restores(qtbot, designer):
    """Select a word, Ctrl+B: that word is bold, the rest is not; one undo step restores it."""
    box = TextBox.from_text("Leave honest feedback", TextStyle(size_pt=14), x=mm(10), y=mm(10), w=mm(80), h=mm(20))
    win = designer(card(box))
    item = win.scene.item_for(box.id)
    win.scene.begin_text_edit(item)
    _select_word(qtbot, win, item, 6, 12)
    depth = win.undo_stack.index()
    plain_width = item.span_rects(6, 12)[0].width()
    QTest.keyClick(win.view.viewport(), Qt.Key_B, Qt.ControlModifier)
    p = box.paragraphs[0]
    assert [(r.start, r.end, r.bold) for r in p.runs] == [(6, 12, True)]
    assert not p.style.bold and box.text == "Leave honest feedback"
    assert win.undo_stack.index() == depth + 1 and win.undo_stack.undoText() == "Bold"
    assert item.span_rects(6, 12)[0].width() > plain_width + 1, "the canvas lays the word out bold"
    assert win.properties.bold_btn.isChecked(), "the panel shows the selection's state"
    QTest.keyClick(win.view.viewport(), Qt.Key_I, Qt.ControlModifier)
    assert [(r.start, r.end, r.bold, r.italic) for r in box.paragraphs[0].runs] == [(6, 12, True, True)]
    win.undo_action.trigger()
    win.undo_action.trigger()
    assert box.paragraphs[0].runs == () and not box.paragraphs[0].style.bold
    assert not win.properties.bold_btn.isChecked()


def test_typing_after_a_bold_word_stays_bold(qtbot, designer):
    """Text typed at the end of a bold word extends the run; text typed elsewhere is plain."""
    box = TextBox.from_text("a bold word", TextStyle(size_pt=12), x=mm(10), y=mm(10), w=mm(80), h=mm(20))
    win = designer(card(box))
    item = win.scene.item_for(box.id)
    ed = win.scene.begin_text_edit(item)
    ed.set_selection(2, 6)
    QTest.keyClick(win.view.viewport(), Qt.Key_B, Qt.ControlModifier)
    ed.move_to(6)
    QTest.keyClicks(win.view.viewport(), "er")
    ed.move_to(0)
    QTest.keyClicks(win.view.viewport(), "X")
    assert box.text == "Xa bolder word"
    assert [(r.start, r.end, r.bold) for r in box.paragraphs[0].runs] == [(3, 9, True)]


def test_no_selection_applies_to_the_whole_box(qtbot, designer):
    """With only a caret, Ctrl+B makes the whole box bold (paragraph style), as before runs."""
    box = TextBox.from_text("One\nTwo", TextStyle(size_pt=12), x=mm(10), y=mm(10), w=mm(80), h=mm(20))
    win = designer(card(box))
    ed = win.scene.begin_text_edit(win.scene.item_for(box.id))
    ed.move_to(2)
    QTest.keyClick(win.view.viewport(), Qt.Key_B, Qt.ControlModifier)
    assert all(p.style.bold and not p.runs for p in box.paragraphs)
    QTest.keyClick(win.view.viewport(), Qt.Key_B, Qt.ControlModifier)
    assert not any(p.style.bold for p in box.paragraphs)


def test_panel_colour_and_size_apply_to_the_selection(qtbot, designer):
    """The properties panel's colour and size change only the selected characters, and show
    the selection's values."""
    box = TextBox.from_text("Thank you so much", TextStyle(size_pt=10), x=mm(10), y=mm(10), w=mm(90), h=mm(30))
    win = designer(card(box))
    item = win.scene.item_for(box.id)
    win.scene.begin_text_edit(item)
    _select_word(qtbot, win, item, 6, 9)
    panel = win.properties
    panel.size_spin.setValue(18)
    orange = Color.from_hex("#e8590c")
    panel.text_color.color_changed.emit(orange)
    assert [(r.start, r.end, r.size_pt, r.color) for r in box.paragraphs[0].runs] == [(6, 9, 18.0, orange)]
    assert box.paragraphs[0].style.size_pt == 10
    win.scene.editor.move_to(2)   # caret in "Thank": the panel shows the paragraph's size
    assert panel.size_spin.value() == 10
    win.scene.editor.set_selection(6, 9)
    assert panel.size_spin.value() == 18
    win.scene.end_text_edit()
    assert panel.size_spin.value() == 10, "after editing the panel shows the box's style"
    win.scene.begin_text_edit(item).set_selection(6, 9)
    lay = item.layout()
    assert lay.lines[0].ascent > 13, "the line is as tall as its largest run (18 pt, not 10 pt)"


def test_canvas_paints_the_coloured_run(qtbot, designer):
    """A coloured word is painted in its colour; the other words stay black."""
    box = TextBox.from_text("plain RED plain", TextStyle(size_pt=20), x=mm(10), y=mm(10), w=mm(90), h=mm(20))
    box.paragraphs = box.paragraphs_with(6, 9, color=Color.from_hex("#ff0000"))
    win = designer(card(box))
    item = win.scene.item_for(box.id)
    win.view.set_zoom(2.0)
    win.view.centerOn(item)
    img = win.view.grab().toImage()

    def reds(start, end):
        r = item.span_rects(start, end)[0]
        a = win.view.mapFromScene(r.topLeft())
        b = win.view.mapFromScene(r.bottomRight())
        n = 0
        for x in range(a.x(), b.x()):
            for y in range(a.y(), b.y()):
                c = img.pixelColor(x + 22, y + 22)   # + ruler margins
                n += c.red() > 150 and c.green() < 120 and c.blue() < 120
        return n

    assert reds(6, 9) > 20
    assert reds(0, 5) == 0


def test_live_check_underline_lands_on_the_bold_word(qtbot, designer):
    """A finding's underline under a bold, bigger word spans that word's glyphs, and a click
    on it maps back to its offsets."""
    box = TextBox.from_text("Please leave a review now", TextStyle(size_pt=12), x=mm(10), y=mm(10),
                            w=mm(90), h=mm(20))
    box.paragraphs = box.paragraphs_with(15, 21, bold=True, size_pt=18)
    win = designer(card(box))
    item = win.scene.item_for(box.id)
    item.set_underlines([(15, 21, "error")])
    (rect,) = item.span_rects(15, 21)
    lay = item.layout()
    ln = lay.lines[0]
    assert rect.left() == pytest.approx(box.x + ln.glyph_x[15], abs=0.01)
    assert rect.right() == pytest.approx(box.x + ln.glyph_x[21], abs=0.01)
    assert 15 <= item.offset_at(rect.center()) <= 21
    assert item.offset_at(QPointF(rect.left() - 20, rect.center().y())) < 15


def _two_boxes():
    source = TextBox.from_text("Leave honest feedback", TextStyle(size_pt=14), x=mm(10), y=mm(10), w=mm(80), h=mm(20))
    source.paragraphs = source.paragraphs_with(6, 12, bold=True)     # "honest" bold
    target = TextBox.from_text("Thanks a lot", TextStyle(size_pt=14, italic=True),
                               x=mm(10), y=mm(40), w=mm(80), h=mm(20))
    return source, target


def test_copied_bold_word_pastes_bold_into_another_box_and_undo_restores(qtbot, designer):
    """Ctrl+C on a bold word in one box, Ctrl+V in another: the pasted word is bold there, the
    target's own text keeps its look, and one undo step removes the paste."""
    from PySide6.QtGui import QGuiApplication

    source, target = _two_boxes()
    win = designer(card(source, target))
    editor = win.scene.begin_text_edit(win.scene.item_for(source.id))
    editor.set_selection(6, 12)
    QTest.keyClick(win.view.viewport(), Qt.Key_C, Qt.ControlModifier)
    assert QGuiApplication.clipboard().text() == "honest"            # other apps get plain text
    editor = win.scene.begin_text_edit(win.scene.item_for(target.id))
    editor.set_selection(7, 7)                                       # "Thanks |a lot"
    depth = win.undo_stack.index()
    before = target.paragraphs
    QTest.keyClick(win.view.viewport(), Qt.Key_V, Qt.ControlModifier)
    assert target.text == "Thanks honesta lot"
    st, _ul, every = target.style_of_range(7, 13)
    assert every["bold"] and not st.italic, "the pasted word has its copied look"
    assert not target.style_of_range(0, 7)[2]["bold"] and target.style_of_range(0, 7)[2]["italic"]
    assert target.style_of_range(13, 18)[2]["italic"] and not target.style_of_range(13, 18)[2]["bold"]
    assert editor.selected_range() == (13, 13)
    assert win.undo_stack.index() == depth + 1 and win.undo_stack.undoText() == "Paste"
    win.undo_stack.undo()
    assert target.paragraphs == before


def test_plain_text_from_another_app_takes_the_caret_look(qtbot, designer):
    from PySide6.QtGui import QGuiApplication

    source, _target = _two_boxes()
    win = designer(card(source))
    editor = win.scene.begin_text_edit(win.scene.item_for(source.id))
    editor.set_selection(12, 12)                                    # right after bold "honest"
    QGuiApplication.clipboard().setText("ly")
    QTest.keyClick(win.view.viewport(), Qt.Key_V, Qt.ControlModifier)
    assert source.text == "Leave honestly feedback"
    assert source.style_of_range(6, 14)[2]["bold"], "pasted plain text looks like the character before it"
    assert not source.style_of_range(15, 23)[2]["bold"]


def test_context_menu_cut_and_paste_keep_the_look_within_a_paragraph_break(qtbot, designer):
    """The right-click menu's Cut / Paste are the editor's: a cut bold word with a paragraph
    break pasted back elsewhere comes back bold and split the same way."""
    from app.ui.context_menu import build_context_menu

    box = TextBox.from_text("Thank you\nkindly", TextStyle(size_pt=14), x=mm(10), y=mm(10), w=mm(80), h=mm(30))
    box.paragraphs = box.paragraphs_with(6, 16, underline=True)       # "you\nkindly"
    win = designer(card(box))
    item = win.scene.item_for(box.id)
    editor = win.scene.begin_text_edit(item)
    editor.set_selection(6, 16)
    pos = item.span_rects(0, 5)[0].center()
    menu = build_context_menu(win, pos)
    {a.objectName(): a for a in menu.actions()}["context-text-cut"].trigger()
    assert box.text == "Thank "
    editor.set_selection(0, 0)
    menu.deleteLater()
    menu = build_context_menu(win, item.span_rects(0, 5)[0].center())
    {a.objectName(): a for a in menu.actions()}["context-text-paste"].trigger()
    menu.deleteLater()
    assert box.text == "you\nkindlyThank "
    assert box.style_of_range(0, 10)[2]["underline"]
    assert not box.style_of_range(10, 16)[2]["underline"]


def test_a_malformed_cardwise_clip_pastes_as_plain_text(qtbot, designer):
    from PySide6.QtCore import QByteArray, QMimeData
    from PySide6.QtGui import QGuiApplication

    from app.model.text_clip import MIME_TYPE

    source, _target = _two_boxes()
    win = designer(card(source))
    editor = win.scene.begin_text_edit(win.scene.item_for(source.id))
    editor.set_selection(0, 0)
    data = QMimeData()
    data.setText("Hi ")
    data.setData(MIME_TYPE, QByteArray(b'{"format": "cardwise-runs", "text": "Hi ", "spans": [{"start": 0, "end": 99}]}'))
    QGuiApplication.clipboard().setMimeData(data)
    QTest.keyClick(win.view.viewport(), Qt.Key_V, Qt.ControlModifier)
    assert source.text == "Hi Leave honest feedback"
    assert not source.style_of_range(0, 3)[2]["bold"]


def test_properties_underline_button_follows_and_underlines_the_selection(qtbot, designer):
    """The panel's U button shows whether the selected characters are underlined and
    underlines only them (one undo step); without a selection it underlines the whole box."""
    box = TextBox.from_text("Leave honest feedback", TextStyle(size_pt=14), x=mm(10), y=mm(10), w=mm(80), h=mm(20))
    win = designer(card(box))
    panel = win.properties
    win.scene.select_ids([box.id])
    qtbot.waitUntil(lambda: panel.underline_btn.isVisible())
    assert not panel.underline_btn.isChecked()
    item = win.scene.item_for(box.id)
    win.scene.begin_text_edit(item)
    _select_word(qtbot, win, item, 6, 12)
    depth = win.undo_stack.index()
    panel.underline_btn.click()
    assert [(r.start, r.end, r.underline) for r in box.paragraphs[0].runs] == [(6, 12, True)]
    assert win.undo_stack.index() == depth + 1 and win.undo_stack.undoText() == "Underline"
    qtbot.waitUntil(lambda: panel.underline_btn.isChecked())
    win.scene.editor.set_selection(0, 5)                      # "Leave": not underlined
    qtbot.waitUntil(lambda: not panel.underline_btn.isChecked())
    win.undo_stack.undo()
    assert box.paragraphs[0].runs == ()
    win.scene.end_text_edit()
    win.scene.select_ids([box.id])
    panel.underline_btn.click()                               # no text selection: the whole box
    assert box.style_of_range(0, len(box.text))[2]["underline"]
    qtbot.waitUntil(lambda: panel.underline_btn.isChecked())
    panel.underline_btn.click()
    assert box.paragraphs[0].runs == ()
