"""The canvas in a real main window (offscreen): mouse drags, tools, zoom, sides, text editing."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.model import CardSpec, Color, Document, QrElement, RectElement, TextBox, TextStyle
from app.model.text_layout import layout
from app.model.units import mm
from app.ui.actions import CommandId
from app.ui.canvas.items import TextItem


def card(*elements, back=()):
    doc = Document.new(CardSpec.from_preset("a6"))
    for el in elements:
        doc.add_element("front", el)
    for el in back:
        doc.add_element("back", el)
    return doc


def vp_point(win, scene_x, scene_y) -> QPoint:
    return win.view.mapFromScene(QPointF(scene_x, scene_y))


def drag(qtbot, win, start: QPoint, end: QPoint, steps: int = 8, modifier=Qt.NoModifier):
    vp = win.view.viewport()
    qtbot.mousePress(vp, Qt.LeftButton, modifier, start)
    for i in range(1, steps + 1):
        p = start + (end - start) * (i / steps)
        QTest.mouseMove(vp, QPoint(round(p.x()), round(p.y())))
    qtbot.mouseRelease(vp, Qt.LeftButton, modifier, end)


def test_drag_move_is_one_undo_step(qtbot, designer):
    """Dragging an element with the mouse moves it and is a single undo step."""
    r = RectElement(x=mm(20), y=mm(20), w=mm(30), h=mm(20))
    win = designer(card(r))
    win.actions_by_id[CommandId.SNAP].setChecked(False)
    start = vp_point(win, r.x + r.w / 2, r.y + r.h / 2)
    drag(qtbot, win, start, start + QPoint(60, 40), steps=10)
    assert r.x > mm(20) and r.y > mm(20)
    assert win.undo_stack.count() == 1
    assert win.undo_stack.undoText() == "Move Rectangle"
    win.undo_action.trigger()
    assert (r.x, r.y) == pytest.approx((mm(20), mm(20)))


def test_drag_snaps_to_the_card_centre(qtbot, designer):
    """A box dragged close to the card's centre line snaps onto it."""
    r = RectElement(x=mm(20), y=mm(20), w=mm(30), h=mm(20))
    win = designer(card(r))
    target_x = win.document.spec.width / 2 - r.w / 2 + 1.0  # 1 pt off centre
    start = vp_point(win, r.x + 5, r.y + 5)
    end = vp_point(win, target_x + 5, r.y + 5 + mm(15))
    drag(qtbot, win, start, end)
    assert r.x + r.w / 2 == pytest.approx(win.document.spec.width / 2, abs=0.01)


def test_resize_with_handle(qtbot, designer):
    """Dragging the bottom-right handle resizes the element in one undo step."""
    r = RectElement(x=mm(20), y=mm(20), w=mm(30), h=mm(20))
    win = designer(card(r))
    win.scene.select_ids([r.id])
    win.actions_by_id[CommandId.SNAP].setChecked(False)
    start = vp_point(win, r.x + r.w, r.y + r.h)
    drag(qtbot, win, start, start + QPoint(30, 20))
    assert r.w > mm(30) and r.h > mm(20)
    assert (r.x, r.y) == pytest.approx((mm(20), mm(20)))
    assert win.undo_stack.count() == 1 and win.undo_stack.undoText() == "Resize Rectangle"


def test_rectangle_tool_draws_a_rectangle(qtbot, designer):
    """The rectangle tool adds a rectangle where the mouse was dragged, then returns to select."""
    win = designer(card())
    win.actions_by_id[CommandId.TOOL_RECT].trigger()
    win.actions_by_id[CommandId.SNAP].setChecked(False)
    drag(qtbot, win, vp_point(win, mm(10), mm(10)), vp_point(win, mm(40), mm(30)))
    (el,) = win.document.front.elements
    assert el.kind == "rect"
    assert (el.x, el.y, el.w, el.h) == pytest.approx((mm(10), mm(10), mm(30), mm(20)), abs=1.0)
    assert win.actions_by_id[CommandId.TOOL_SELECT].isChecked()
    assert win.scene.selected_ids() == [el.id]
    assert win.undo_stack.undoText() == "Add Rectangle"


def test_line_tool_draws_a_line(qtbot, designer):
    """The line tool draws from press to release."""
    win = designer(card())
    win.actions_by_id[CommandId.TOOL_LINE].trigger()
    win.actions_by_id[CommandId.SNAP].setChecked(False)
    drag(qtbot, win, vp_point(win, mm(10), mm(50)), vp_point(win, mm(60), mm(50)))
    (el,) = win.document.front.elements
    assert el.kind == "line" and el.w == pytest.approx(mm(50), abs=1.0) and abs(el.h) < 1.0


def test_qr_tool_uses_the_typed_payload(qtbot, designer, monkeypatch):
    """The QR tool asks for the payload and encodes exactly what was typed or pasted."""
    win = designer(card())
    monkeypatch.setattr(win, "ask_qr_payload", lambda initial="": "https://www.amazon.com/gp/css/order-history")
    win.actions_by_id[CommandId.TOOL_QR].trigger()
    p = vp_point(win, mm(30), mm(60))
    qtbot.mouseClick(win.view.viewport(), Qt.LeftButton, pos=p)
    (el,) = win.document.front.elements
    assert isinstance(el, QrElement)
    assert el.payload == "https://www.amazon.com/gp/css/order-history"
    assert el.w >= mm(15)


def test_dropped_image_file_is_placed(qtbot, designer, tmp_path):
    """Dropping an image file on the canvas embeds it and places it at 300 dpi."""
    img = QImage(600, 300, QImage.Format_RGB32)
    img.fill(QColor("#2f7de1"))
    path = tmp_path / "logo.png"
    img.save(str(path))
    win = designer(card())
    win.view.files_dropped.emit([str(path)], QPointF(mm(50), mm(50)))
    (el,) = win.document.front.elements
    assert el.kind == "image" and el.asset_id in win.document.assets
    assert el.w == pytest.approx(600 / 300 * 72) and el.h == pytest.approx(300 / 300 * 72)
    win.undo_action.trigger()
    assert win.document.front.elements == []


def test_delete_duplicate_actions(qtbot, designer):
    """Delete and Duplicate act on the selection and undo."""
    r = RectElement(x=mm(20), y=mm(20), w=mm(30), h=mm(20))
    win = designer(card(r))
    win.scene.select_ids([r.id])
    win.actions_by_id[CommandId.DUPLICATE].trigger()
    assert len(win.document.front.elements) == 2
    assert win.scene.selected_ids() == [win.document.front.elements[1].id]
    win.actions_by_id[CommandId.DELETE].trigger()
    assert [e.id for e in win.document.front.elements] == [r.id]
    assert win.undo_stack.undoText() == "Delete Rectangle"
    win.undo_action.trigger()
    win.undo_action.trigger()
    assert [e.id for e in win.document.front.elements] == [r.id]


def test_locked_element_does_not_move(qtbot, designer):
    """A locked element ignores drags and Delete."""
    r = RectElement(x=mm(20), y=mm(20), w=mm(30), h=mm(20), locked=True)
    win = designer(card(r))
    start = vp_point(win, r.x + 10, r.y + 10)
    drag(qtbot, win, start, start + QPoint(50, 50))
    assert (r.x, r.y) == pytest.approx((mm(20), mm(20)))
    win.scene.select_ids([r.id])
    assert not win.actions_by_id[CommandId.DELETE].isEnabled()


def test_zoom_100_percent_is_physical_size(qtbot, designer):
    """At 100 % one inch of card covers the screen's physical dpi in pixels."""
    win = designer(card())
    win.actions_by_id[CommandId.ZOOM_ACTUAL].trigger()
    dpi = win.view.screen().physicalDotsPerInch()
    a = win.view.mapFromScene(QPointF(0, 0))
    b = win.view.mapFromScene(QPointF(72, 72))
    assert b.x() - a.x() == pytest.approx(dpi, abs=1)
    assert b.y() - a.y() == pytest.approx(dpi, abs=1)
    assert win.zoom_label.text() == "100 %"


def test_zoom_in_out_and_fit(qtbot, designer):
    """Zoom in/out step through the zoom levels; fit shows the whole card with bleed."""
    win = designer(card())
    win.view.set_zoom(1.0)
    win.actions_by_id[CommandId.ZOOM_IN].trigger()
    assert win.view.zoom > 1.0
    win.actions_by_id[CommandId.ZOOM_OUT].trigger()
    win.actions_by_id[CommandId.ZOOM_OUT].trigger()
    assert win.view.zoom < 1.0
    win.actions_by_id[CommandId.ZOOM_FIT].trigger()
    visible = win.view.mapToScene(win.view.viewport().rect()).boundingRect()
    assert visible.contains(win.scene.fit_rect())


def test_front_back_switch(qtbot, designer):
    """Switching to the back shows the back's elements only; select_element switches back."""
    front = RectElement(x=10, y=10, w=50, h=50)
    back = TextBox.from_text("Back side", w=100, h=30, x=20, y=20)
    win = designer(card(front, back=[back]))
    assert set(win.scene.items_by_id) == {front.id}
    seen = []
    win.document_changed.connect(lambda d: seen.append(d))
    win.actions_by_id[CommandId.SIDE_BACK].trigger()
    assert win.scene.side == "back" and set(win.scene.items_by_id) == {back.id}
    assert seen, "document_changed tells listeners the items were rebuilt"
    win.select_element(front.id)
    assert win.scene.side == "front" and win.scene.selected_ids() == [front.id]
    assert win.actions_by_id[CommandId.SIDE_FRONT].isChecked()


def test_one_sided_card_has_no_back(qtbot, designer):
    """A one-sided card disables the Back Side action."""
    doc = Document.new(CardSpec.from_preset("a6", sides=1))
    win = designer(doc)
    assert not win.actions_by_id[CommandId.SIDE_BACK].isEnabled()


def test_typed_text_lands_in_the_model_with_core_line_breaks(qtbot, designer):
    """Typing into a text box edits the model; the item shows the core layout's lines."""
    box = TextBox.from_text("", TextStyle(size_pt=12), x=mm(10), y=mm(10), w=mm(40), h=mm(40))
    win = designer(card(box))
    item = win.scene.item_for(box.id)
    center = vp_point(win, box.x + 5, box.y + 5)
    qtbot.mouseDClick(win.view.viewport(), Qt.LeftButton, pos=center)
    assert item.is_editing()
    sentence = "Thank you for choosing us. We hope you enjoy it every day."
    QTest.keyClicks(win.view.viewport(), sentence)
    QTest.keyClick(win.view.viewport(), Qt.Key_Return)
    QTest.keyClicks(win.view.viewport(), "Team")
    assert box.text == sentence + "\nTeam"
    assert [p.text for p in box.paragraphs] == [sentence, "Team"]
    core = layout(box)
    assert len(core.lines) >= 3, "a 40 mm box wraps the sentence"
    assert [ln.text for ln in item.layout().lines] == [ln.text for ln in core.lines]
    assert win.undo_stack.count() == 1, "one typing burst is one undo step"
    win.undo_action.trigger()
    assert box.text == ""


def test_text_editing_keys(qtbot, designer):
    """Backspace, arrows with Shift and typing over a selection edit the right characters."""
    box = TextBox.from_text("Hello world", x=mm(10), y=mm(10), w=mm(60), h=mm(20))
    win = designer(card(box))
    item = win.scene.item_for(box.id)
    ed = win.scene.begin_text_edit(item)
    vp = win.view.viewport()
    QTest.keyClick(vp, Qt.Key_Backspace)
    assert box.text == "Hello worl"
    QTest.keyClick(vp, Qt.Key_Home)
    for _ in range(5):
        QTest.keyClick(vp, Qt.Key_Right, Qt.ShiftModifier)
    QTest.keyClicks(vp, "Hi")
    assert box.text == "Hi worl"
    assert ed.cursor == 2


def test_chinese_and_emoji_offsets_are_code_points(qtbot, designer):
    """Offsets are code points, so text after an emoji or CJK is hit and underlined correctly."""
    box = TextBox.from_text("好评 🙂 free gift", TextStyle(font_family="Droid Sans Fallback", size_pt=12),
                            x=mm(10), y=mm(10), w=mm(80), h=mm(20))
    win = designer(card(box))
    item: TextItem = win.scene.item_for(box.id)
    start = box.text.index("free")
    rects = item.span_rects(start, start + 9)
    assert len(rects) == 1
    hit = item.offset_at(rects[0].center())
    assert start <= hit <= start + 9
    item.set_underlines([(start, start + 9, "error"), (0, 2, "warning"), (3, 4, "info")])
    assert item.underlines()[0] == (start, start + 9, "error")
    item.select_span(start, start + 4)
    assert win.scene.editor.selected_text() == "free"


def test_underline_is_painted(qtbot, designer):
    """An error underline draws red pixels under the span."""
    box = TextBox.from_text("Leave a 5-star review", TextStyle(size_pt=14), x=mm(10), y=mm(10), w=mm(80), h=mm(20))
    win = designer(card(box))
    item = win.scene.item_for(box.id)
    win.view.set_zoom(2.0)
    win.view.centerOn(item)
    r = item.span_rects(8, 14)[0]
    before = win.view.grab()
    item.set_underlines([(8, 14, "error")])
    after = win.view.grab().toImage()
    below = win.view.mapFromScene(QPointF(r.center().x(), r.bottom()))
    reds = 0
    for dx in range(-20, 21):
        for dy in range(-6, 8):
            c = after.pixelColor(below.x() + dx + 22, below.y() + dy + 22)  # + ruler margins
            if c.red() > 180 and c.green() < 110 and c.blue() < 110:
                reds += 1
    assert reds > 5
    assert before.toImage() != after


def test_properties_panel_edits_are_undoable(qtbot, designer):
    """Changing the font size in the panel pushes one command that undo reverts."""
    box = TextBox.from_text("Hi", TextStyle(size_pt=10), x=mm(10), y=mm(10), w=mm(40), h=mm(20))
    win = designer(card(box))
    win.scene.select_ids([box.id])
    panel = win.properties
    assert panel.text_box.isVisible()
    panel.size_spin.setValue(16)
    assert box.paragraphs[0].style.size_pt == 16
    assert win.undo_stack.undoText() == "Change Font Size"
    win.undo_action.trigger()
    assert box.paragraphs[0].style.size_pt == 10
    assert panel.size_spin.value() == 10, "the panel follows undo"
    panel.x_spin.setValue(25)  # mm
    assert box.x == pytest.approx(mm(25))
    win.set_unit("in")
    assert panel.x_spin.suffix() == " in"
    assert panel.x_spin.value() == pytest.approx(25 / 25.4, abs=0.001)


def test_properties_panel_image_dpi_readout(qtbot, designer, tmp_path):
    """The image section shows the effective resolution at the placed size."""
    img = QImage(300, 300, QImage.Format_RGB32)
    img.fill(QColor("white"))
    path = tmp_path / "a.png"
    img.save(str(path))
    win = designer(card())
    win.view.files_dropped.emit([str(path)], QPointF(mm(50), mm(50)))
    (el,) = win.document.front.elements
    assert "300 ppi" in win.properties.dpi_label.text()
    win.undo_stack.push(__import__("app.ui.commands", fromlist=["SetGeometry"]).SetGeometry(
        win.document, {el.id: (el.x, el.y, el.w * 2, el.h * 2)}))
    assert "150 ppi" in win.properties.dpi_label.text()


def test_nudge_with_arrow_keys(qtbot, designer):
    """Arrow keys move the selection by 1 pt (Shift: 10 pt)."""
    r = RectElement(x=10, y=10, w=50, h=50)
    win = designer(card(r))
    win.scene.select_ids([r.id])
    win.view.setFocus()
    QTest.keyClick(win.view.viewport(), Qt.Key_Right)
    QTest.keyClick(win.view.viewport(), Qt.Key_Down, Qt.ShiftModifier)
    assert (r.x, r.y) == (11, 20)


def test_copy_paste_elements(qtbot, designer):
    """Copy and paste duplicates the selection through the clipboard."""
    r = RectElement(x=10, y=10, w=50, h=50)
    win = designer(card(r))
    win.scene.select_ids([r.id])
    win.actions_by_id[CommandId.COPY].trigger()
    assert win.actions_by_id[CommandId.PASTE].isEnabled()
    win.actions_by_id[CommandId.PASTE].trigger()
    assert len(win.document.front.elements) == 2
    assert win.document.front.elements[1].x == 18
    from app.ui.main_window import release_clipboard

    release_clipboard()  # what the application does on quit


def test_large_type_is_painted_at_every_zoom(qtbot, designer):
    """A 38 pt headline stays visible when zoomed in (large glyphs are drawn as outlines)."""
    box = TextBox.from_text("Thank you", TextStyle(size_pt=38, bold=True), x=mm(5), y=mm(5), w=mm(90), h=mm(20))
    win = designer(card(box))
    item = win.scene.item_for(box.id)
    for zoom in (1.0, 2.0, 4.0):
        win.view.set_zoom(zoom)
        win.view.centerOn(item.scene_box().center())
        img = win.view.viewport().grab().toImage()
        r = win.view.mapFromScene(item.span_rects(0, 5)[0]).boundingRect().intersected(img.rect())
        dark = sum(1 for x in range(r.left(), r.right(), 3) for y in range(r.top(), r.bottom(), 3)
                   if img.pixelColor(x, y).lightness() < 90)
        assert dark > 20, f"headline invisible at {zoom * 100:.0f} %"


def test_every_icon_draws(qapp):
    """Every named icon renders visible pixels; an unknown name fails loudly."""
    from app.ui import resources

    for name in resources.ICON_NAMES:
        img = resources.render_icon(name, 24).toImage()
        painted = sum(1 for x in range(24) for y in range(24) if img.pixelColor(x, y).alpha() > 0)
        assert painted > 10, name
    with pytest.raises(KeyError):
        resources.icon("no-such-icon")


def test_typing_letters_that_are_tool_shortcuts(qtbot, designer):
    """While editing, letters such as L, T, R go into the text instead of switching tools;
    Delete deletes a character instead of the element."""
    box = TextBox.from_text("", x=mm(10), y=mm(10), w=mm(80), h=mm(20))
    win = designer(card(box))
    win.scene.begin_text_edit(win.scene.item_for(box.id))
    win.view.setFocus()
    QTest.keyClicks(win.view.viewport(), "Leave it. Try Really Quick Images Very late")
    assert box.text == "Leave it. Try Really Quick Images Very late"
    assert win.actions_by_id[CommandId.TOOL_SELECT].isChecked()
    QTest.keyClick(win.view.viewport(), Qt.Key_Home)
    QTest.keyClick(win.view.viewport(), Qt.Key_Delete)
    assert box.text.startswith("eave")
    assert win.document.get(box.id) is not None


def test_ctrl_wheel_zooms_and_plain_wheel_scrolls(qtbot, designer):
    """Ctrl+wheel zooms in about the mouse; the wheel alone scrolls without zooming."""
    from PySide6.QtCore import QPoint as P
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    win = designer(card())
    win.view.set_zoom(1.0)
    vp = win.view.viewport()
    centre = QPointF(vp.width() / 2, vp.height() / 2)

    def wheel(mods):
        ev = QWheelEvent(centre, vp.mapToGlobal(centre), P(0, 0), P(0, 120), Qt.NoButton, mods,
                         Qt.NoScrollPhase, False)
        QApplication.sendEvent(vp, ev)

    wheel(Qt.ControlModifier)
    assert win.view.zoom == pytest.approx(1.15)
    wheel(Qt.NoModifier)
    assert win.view.zoom == pytest.approx(1.15)


def test_rulers_follow_the_unit(qtbot, designer):
    """View › Units switches the rulers, the status bar and the panel to inches."""
    win = designer(card())
    win.unit_actions["in"].trigger()
    assert win.view.unit == "in" and win.properties.unit == "in"
    assert " in" in win.spec_label.text() and "front and back" in win.spec_label.text()
    win.scene.select_ids([])
    assert not win.view.h_ruler.grab().isNull()


def test_card_setup_from_the_panel(qtbot, designer):
    """With nothing selected the panel changes size, orientation, bleed and sides, undoably."""
    win = designer(card())
    panel = win.properties
    assert panel.card_box.isVisible()
    panel.size_combo.setCurrentIndex(panel.size_combo.findData("4x6in"))
    assert win.document.spec.preset_id == "4x6in"
    panel.orient_combo.setCurrentIndex(panel.orient_combo.findData("landscape"))
    assert win.document.spec.width == pytest.approx(6 * 72)
    panel.bleed_combo.setCurrentIndex(panel.bleed_combo.findData("0.125in"))
    assert win.document.spec.bleed == pytest.approx(9.0)
    assert win.scene.fit_rect().width() == pytest.approx(6 * 72 + 18)
    panel.sides_combo.setCurrentIndex(panel.sides_combo.findData(1))
    assert not win.actions_by_id[CommandId.SIDE_BACK].isEnabled()
    assert win.undo_stack.undoText() == "Change Card Setup"
    for _ in range(4):
        win.undo_action.trigger()
    assert win.document.spec.preset_id == "a6" and win.document.spec.sides == 2
    assert panel.size_combo.currentData() == "a6"


def test_elements_panel_lists_selects_and_locks(qtbot, designer):
    """The elements panel lists the side top first, selects both ways and locks undoably."""
    a = RectElement(x=10, y=10, w=50, h=50, name="background band")
    b = TextBox.from_text("Thank you for your order", x=20, y=20, w=150, h=30)
    win = designer(card(a, b))
    panel = win.layers
    assert panel.ids() == [b.id, a.id]
    assert panel.list.item(0).text().startswith("Thank you") and panel.list.item(1).text() == "background band"
    panel.list.item(1).setSelected(True)
    assert win.scene.selected_ids() == [a.id]
    win.scene.select_ids([b.id])
    assert [it.data(Qt.UserRole) for it in panel.list.selectedItems()] == [b.id]
    panel.list.item(1).setCheckState(Qt.Checked)
    assert a.locked and win.undo_stack.undoText() == "Lock background band"
    win.undo_action.trigger()
    assert not a.locked and panel.list.item(1).checkState() == Qt.Unchecked
    win.actions_by_id[CommandId.SIDE_BACK].trigger()
    assert panel.ids() == []


def test_place_image_action_centres_the_chosen_file(qtbot, designer, tmp_path, monkeypatch):
    """Insert › Image… asks for a file and places it in the middle of the card."""
    img = QImage(300, 150, QImage.Format_RGB32)
    img.fill(QColor("#f2b632"))
    path = tmp_path / "photo.jpg"
    img.save(str(path))
    win = designer(card())
    monkeypatch.setattr(win, "ask_image_file", lambda: str(path))
    win.actions_by_id[CommandId.TOOL_IMAGE].trigger()
    (el,) = win.document.front.elements
    assert el.kind == "image" and el.name == "photo"
    assert el.x + el.w / 2 == pytest.approx(win.document.spec.width / 2)
    assert win.actions_by_id[CommandId.TOOL_SELECT].isChecked()
    item = win.scene.item_for(el.id)
    shot = win.view.grab().toImage()
    c = win.view.mapFromScene(item.scene_box().center())
    px = shot.pixelColor(c.x() + 22, c.y() + 22)  # + ruler margins
    assert px.red() > 200 and px.blue() < 120, "the image is painted"


def test_cmyk_picker_and_brand_palette(qtbot, designer, monkeypatch):
    """The CMYK dialog round-trips values with an RGB preview; brand colours are saved undoably."""
    from app.model import Color
    from app.ui.panels.color import CmykDialog

    added = []
    dlg = CmykDialog(Color.cmyk_percent(88, 38, 30, 12), [("Teal", Color.cmyk_percent(88, 38, 30, 12))],
                     lambda name, col: added.append((name, col)))
    qtbot.addWidget(dlg)
    assert [dlg.spins[ch].value() for ch in "cmyk"] == [88, 38, 30, 12]
    dlg.spins["k"].setValue(100)
    dlg.spins["c"].setValue(0)
    dlg.spins["m"].setValue(0)
    dlg.spins["y"].setValue(0)
    assert dlg.color() == Color(0, 0, 0, 1)
    assert "#000000" in dlg.info.text()
    dlg.hex_edit.setText("#ffffff")
    dlg._from_hex()
    assert dlg.color() == Color(0, 0, 0, 0)
    dlg.spins["c"].setValue(100)
    dlg.spins["m"].setValue(100)
    dlg.spins["y"].setValue(100)
    dlg.spins["k"].setValue(100)
    assert "400" in dlg.ink.text(), "total ink over 300 % is shown"

    win = designer(card())
    win.properties.add_brand_color("Coral", Color.cmyk_percent(0, 62, 58, 0))
    assert win.document.brand_colors == [("Coral", Color.cmyk_percent(0, 62, 58, 0))]
    assert win.undo_stack.undoText() == "Change Brand Colours"
    win.undo_action.trigger()
    assert win.document.brand_colors == []


def test_side_background_from_the_panel(qtbot, designer):
    """The card section's background colour is one undo step and repaints the sheet."""
    from app.model import Color

    win = designer(card())
    blue = Color.cmyk_percent(100, 50, 0, 0)
    win.properties._background_edited(blue)
    assert win.document.front.background == blue
    img = win.view.viewport().grab().toImage()
    c = win.view.mapFromScene(QPointF(mm(50), mm(70)))
    from app.model.screen_colour import screen_rgb

    px = img.pixelColor(c)
    # the proof's rendering of C100 M50 (a managed blue, not the naive (0, 128, 255))
    assert max(abs(a - b) for a, b in zip((px.red(), px.green(), px.blue()), screen_rgb(blue))) <= 2
    assert px.blue() > 150 and px.red() < 60
    win.undo_action.trigger()
    assert win.document.front.background is None


def test_input_method_composes_then_commits(qtbot, designer):
    """Chinese input: the pinyin being composed is shown but not stored; the commit is typed."""
    from PySide6.QtGui import QInputMethodEvent

    box = TextBox.from_text("谢谢", TextStyle(font_family="Droid Sans Fallback", size_pt=12),
                            x=mm(10), y=mm(10), w=mm(60), h=mm(20))
    win = designer(card(box))
    item = win.scene.item_for(box.id)
    ed = win.scene.begin_text_edit(item)
    item.inputMethodEvent(QInputMethodEvent("ni hao", []))
    assert ed.preedit == "ni hao" and box.text == "谢谢"
    assert not win.view.grab().isNull()
    commit = QInputMethodEvent("", [])
    commit.setCommitString("你好")
    item.inputMethodEvent(commit)
    assert box.text == "谢谢你好" and ed.preedit == ""


def test_double_click_in_edited_text_selects_a_word(qtbot, designer):
    """Double-clicking a word while editing selects it, so typing replaces it."""
    box = TextBox.from_text("Leave honest feedback", TextStyle(size_pt=14), x=mm(10), y=mm(10), w=mm(80), h=mm(20))
    win = designer(card(box))
    item = win.scene.item_for(box.id)
    win.scene.begin_text_edit(item)
    r = item.span_rects(6, 12)[0]  # "honest"
    qtbot.mouseDClick(win.view.viewport(), Qt.LeftButton, pos=win.view.mapFromScene(r.center()))
    assert win.scene.editor.selected_text() == "honest"
    QTest.keyClicks(win.view.viewport(), "your")
    assert box.text == "Leave your feedback"


def test_rotation_knob(qtbot, designer):
    """Dragging the knob above a selected box rotates it about its centre, one undo step."""
    r = RectElement(x=mm(30), y=mm(40), w=mm(30), h=mm(20))
    win = designer(card(r))
    win.scene.select_ids([r.id])
    knob = win.scene.handle_rects(win.scene.item_for(r.id))["rot"].center()
    cx, cy = r.x + r.w / 2, r.y + r.h / 2
    end = QPointF(cx + mm(30), cy)  # straight right of the centre = 90°
    drag(qtbot, win, win.view.mapFromScene(knob), win.view.mapFromScene(end))
    assert r.rotation == pytest.approx(90.0, abs=1.0)
    assert (r.x, r.y) == pytest.approx((mm(30), mm(40)))
    assert win.undo_stack.count() == 1 and win.undo_stack.undoText() == "Rotate"
    win.undo_action.trigger()
    assert r.rotation == 0


def test_refused_canvas_edit_becomes_a_status_message(qtbot, designer):
    """An edit the model refuses shows its message in the status bar and changes nothing."""
    from app.ui.commands import SetGeometry

    r = RectElement(x=10, y=10, w=50, h=50)
    win = designer(card(r))
    ok = win.scene.push(SetGeometry(win.document, {r.id: (10, 10, -5, 50)}))
    assert ok is False and r.w == 50 and win.undo_stack.count() == 0
    assert "width" in win.status_bar.currentMessage()


def test_ruler_guides(qtbot, designer, tmp_path):
    """Dragging out of the top ruler adds a guide that elements snap to; dragging it back onto
    the ruler removes it; guides are undoable and saved with the card."""
    from app.io import project

    r = RectElement(x=mm(20), y=mm(20), w=mm(30), h=mm(20))
    win = designer(card(r))
    ruler, vp = win.view.h_ruler, win.view.viewport()
    target_y = mm(60)
    vp_pt = win.view.mapFromScene(QPointF(mm(50), target_y))
    in_ruler = ruler.mapFromGlobal(vp.mapToGlobal(vp_pt))
    QTest.mousePress(ruler, Qt.LeftButton, Qt.NoModifier, QPoint(in_ruler.x(), 10))
    QTest.mouseMove(ruler, in_ruler)
    assert win.scene.preview_guide is not None
    QTest.mouseRelease(ruler, Qt.LeftButton, Qt.NoModifier, in_ruler)
    (gy,) = win.scene.user_guides()[1]
    assert gy == pytest.approx(target_y, abs=1.0)
    assert win.undo_stack.undoText() == "Add Guide"

    start = vp_point(win, r.x + 5, r.y + 5)
    drag(qtbot, win, start, vp_point(win, r.x + 5, gy + 5 - 1.0))  # top edge 1 pt above the guide
    assert r.y == pytest.approx(gy, abs=0.01), "the element snapped to the guide"

    path = tmp_path / "guides.cardwise"
    project.save(win.document, path)
    assert project.load(path).settings["guides"]["y"] == [pytest.approx(gy, abs=0.001)]

    win.scene.select_ids([])
    on_guide = vp_point(win, mm(-8), gy)  # on the pasteboard, left of the card
    drag(qtbot, win, on_guide, QPoint(on_guide.x(), -10))  # up onto the top ruler
    assert win.scene.user_guides() == ([], [])
    assert win.undo_stack.undoText() == "Remove Guide"
    win.undo_action.trigger()
    assert len(win.scene.user_guides()[1]) == 1


def test_text_tool_types_into_a_new_box_and_drops_an_empty_one(qtbot, designer):
    """The text tool starts typing at once; a box left empty vanishes without an undo step."""
    win = designer(card())
    win.actions_by_id[CommandId.TOOL_TEXT].trigger()
    qtbot.mouseClick(win.view.viewport(), Qt.LeftButton, pos=vp_point(win, mm(10), mm(10)))
    (box,) = win.document.front.elements
    QTest.keyClicks(win.view.viewport(), "Hello")
    assert box.text == "Hello"
    win.scene.end_text_edit()
    assert win.undo_stack.count() == 2  # add + typing
    win.actions_by_id[CommandId.TOOL_TEXT].trigger()
    qtbot.mouseClick(win.view.viewport(), Qt.LeftButton, pos=vp_point(win, mm(10), mm(60)))
    assert len(win.document.front.elements) == 2
    qtbot.mouseClick(win.view.viewport(), Qt.LeftButton, pos=vp_point(win, mm(80), mm(130)))
    assert [e.text for e in win.document.front.elements] == ["Hello"]
    assert win.undo_stack.undoText() == "Typing"


def test_panel_edit_keeps_a_new_text_box_editing(qtbot, designer):
    """Drawing a text box, then setting its size in the panel, keeps the box and its caret."""
    win = designer(card())
    win.actions_by_id[CommandId.TOOL_TEXT].trigger()
    qtbot.mouseClick(win.view.viewport(), Qt.LeftButton, pos=vp_point(win, mm(10), mm(10)))
    (box,) = win.document.front.elements
    win.properties.size_spin.setFocus()
    win.properties.size_spin.setValue(18)
    assert win.document.get(box.id) is not None and box.paragraphs[0].style.size_pt == 18
    assert win.scene.editor is not None
    win.view.setFocus()
    QTest.keyClicks(win.view.viewport(), "Big")
    assert box.text == "Big"


def test_paste_plain_text_makes_a_text_box(qtbot, designer):
    """Text copied from another program pastes as a new text box on the card."""
    from PySide6.QtGui import QGuiApplication

    win = designer(card())
    QGuiApplication.clipboard().setText("Thank you for your order!\nWe hope you love it.")
    assert win.actions_by_id[CommandId.PASTE].isEnabled()
    win.actions_by_id[CommandId.PASTE].trigger()
    (box,) = win.document.front.elements
    assert box.text == "Thank you for your order!\nWe hope you love it."
    assert win.document.spec.safe_rect.contains_rect(box.rect)
    assert win.scene.selected_ids() == [box.id]
    QGuiApplication.clipboard().clear()


def _reds(img, rect) -> int:
    n = 0
    for x in range(max(0, rect.left()), min(img.width(), rect.right() + 1)):
        for y in range(max(0, rect.top()), min(img.height(), rect.bottom() + 1)):
            c = img.pixelColor(x, y)
            if c.red() > 180 and c.green() < 110 and c.blue() < 110:
                n += 1
    return n


def test_overflowing_text_is_marked_on_the_box_not_underlined_below(qtbot, designer):
    """Text that does not fit gets the clipped-text marker (red plus in a white square at the
    box's bottom-right corner); the overflow finding's span draws no wavy line under the box,
    across the footer below it."""
    from app.export.preflight import preflight

    box = TextBox.from_text("Thank you for your order! " * 5, TextStyle(size_pt=12),
                            x=mm(10), y=mm(10), w=mm(60), h=mm(14))
    footer = RectElement(x=mm(10), y=mm(26), w=mm(60), h=mm(30), fill=None)
    doc = card(box, footer)
    win = designer(doc)
    item = win.scene.item_for(box.id)
    assert item.layout().overset
    overset = [f for f in preflight(doc) if f.rule == "PF012"]
    assert overset, "preflight names the overflow"
    item.set_underlines([(overset[0].start, overset[0].end, "error")])   # as the live check does
    win.scene.clearSelection()
    win.view.set_zoom(2.0)
    win.view.centerOn(item)
    QApplication.processEvents()
    img = win.view.viewport().grab().toImage()

    def vp_rect(scene_rect):
        return win.view.mapFromScene(scene_rect).boundingRect()

    below = vp_rect(QRectF(box.x + 4, box.y + box.h + 3, box.w - 8, mm(20)))
    assert _reds(img, below) == 0, "red marks under the box, over the footer"
    marker = vp_rect(item.mapRectToScene(item.overset_marker_rect()))
    assert 6 <= marker.width() <= 16, marker          # a small square on screen
    assert _reds(img, marker) > 10                    # the red plus and its frame
    inner = img.pixelColor(marker.left() + marker.width() // 4 + 1, marker.top() + marker.height() // 4 + 1)
    assert inner.lightness() > 220, inner.name()      # white inside the square
    # a box whose text fits has no marker
    box.h = mm(60)
    item.sync()
    QApplication.processEvents()
    img = win.view.viewport().grab().toImage()
    assert not item.layout().overset
    assert _reds(img, marker) == 0


def test_hide_and_show_from_the_elements_panel(qtbot, designer):
    """The eye button hides the selected element as one undo step: gone from the canvas,
    greyed and marked in the list; Show (or Undo) brings it back."""
    band = RectElement(x=mm(5), y=mm(60), w=mm(90), h=mm(30), fill=Color(0, 1, 1, 0), stroke=None, name="red band")
    win = designer(card(band))
    panel = win.layers
    win.view.centerOn(win.scene.item_for(band.id))
    QApplication.processEvents()
    centre = win.view.mapFromScene(QPointF(band.x + band.w / 2, band.y + band.h / 2))

    def red_on_canvas() -> bool:
        c = win.view.viewport().grab().toImage().pixelColor(centre)
        return c.red() > 180 and c.green() < 100

    assert red_on_canvas()
    panel.list.item(0).setSelected(True)
    assert panel.eye.isEnabled() and panel.eye.text() == "Hide"
    qtbot.mouseClick(panel.eye, Qt.LeftButton)
    assert band.hidden and win.undo_stack.undoText() == "Hide red band"
    QApplication.processEvents()
    assert not red_on_canvas()
    assert panel.list.item(0).text() == "red band (hidden)"
    # the row of a hidden element can be picked again and shown
    panel.list.clearSelection()
    panel.list.item(0).setSelected(True)
    assert panel.list.item(0).isSelected() and panel.eye.text() == "Show"
    qtbot.mouseClick(panel.eye, Qt.LeftButton)
    assert not band.hidden and win.undo_stack.undoText() == "Show red band"
    win.undo_action.trigger()
    assert band.hidden
    win.undo_action.trigger()
    assert not band.hidden and panel.list.item(0).text() == "red band"
    QApplication.processEvents()
    assert red_on_canvas()


def test_handles_and_knob_follow_rotation_and_resize_along_the_box(qtbot, designer):
    """On a box turned 30°, the handles sit on its turned corners and edges and the knob on a
    stem out of its turned top edge; dragging the right handle outward along the box widens
    it, keeps the left edge where it was and keeps the angle."""
    import math

    r = RectElement(x=mm(25), y=mm(50), w=mm(40), h=mm(20), rotation=30.0)
    win = designer(card(r))
    win.actions_by_id[CommandId.SNAP].setChecked(False)
    win.scene.select_ids([r.id])
    item = win.scene.item_for(r.id)
    handles = win.scene.handle_rects(item)
    a = math.radians(30.0)
    cx, cy = r.x + r.w / 2, r.y + r.h / 2

    def turned(lx: float, ly: float) -> tuple[float, float]:   # box-local → scene
        dx, dy = lx - r.w / 2, ly - r.h / 2
        return cx + dx * math.cos(a) - dy * math.sin(a), cy + dx * math.sin(a) + dy * math.cos(a)

    for name, (lx, ly) in {"tl": (0, 0), "tr": (r.w, 0), "br": (r.w, r.h), "bl": (0, r.h),
                           "r": (r.w, r.h / 2), "l": (0, r.h / 2)}.items():
        c = handles[name].center()
        assert (c.x(), c.y()) == pytest.approx(turned(lx, ly), abs=0.01), name
    knob = handles["rot"].center()
    top_mid = QPointF(*turned(r.w / 2, 0))
    # the knob is straight out of the turned top edge: along the box's own "up"
    up = (math.sin(a), -math.cos(a))
    v = (knob.x() - top_mid.x(), knob.y() - top_mid.y())
    assert v[0] * up[1] - v[1] * up[0] == pytest.approx(0, abs=0.01) and v[0] * up[0] + v[1] * up[1] > 0
    # the knob is drawn there: a white disc with a blue ring, on screen at that spot
    QApplication.processEvents()
    img = win.view.viewport().grab().toImage()
    ring = win.view.mapFromScene(QPointF(knob.x(), knob.y()))
    assert any(img.pixelColor(ring.x() + dx, ring.y()).blue() > 180 and img.pixelColor(ring.x() + dx, ring.y()).red() < 120
               for dx in range(-8, 9))

    left_before = turned(0, r.h / 2)
    start = handles["r"].center()
    d = mm(15)
    end = QPointF(start.x() + d * math.cos(a), start.y() + d * math.sin(a))
    drag(qtbot, win, win.view.mapFromScene(start), win.view.mapFromScene(end), steps=12)
    assert r.rotation == pytest.approx(30.0)
    assert r.w == pytest.approx(mm(55), abs=mm(0.6)) and r.h == pytest.approx(mm(20), abs=0.01)
    cx, cy = r.x + r.w / 2, r.y + r.h / 2
    assert turned(0, r.h / 2) == pytest.approx(left_before, abs=mm(0.3))
    assert win.undo_stack.count() == 1 and win.undo_stack.undoText() == "Resize Rectangle"
