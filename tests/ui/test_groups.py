"""Grouping in the designer: undo commands (no window), then the canvas, the menus and the
right-click menus of a real window (offscreen)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QUndoStack

from app.model import CardSpec, Document, RectElement, TextBox
from app.ui.commands import (
    RemoveElements,
    align_command,
    distribute_command,
    duplicate_command,
    group_command,
    ungroup_command,
)


@pytest.fixture
def doc():
    return Document.new(CardSpec.from_preset("a6"))


@pytest.fixture
def stack(qapp):
    return QUndoStack()


def boxes(doc, n):
    return [doc.add_element("front", RectElement(x=10 + 50 * i, y=10 + 30 * i, w=20, h=20)) for i in range(n)]


def groups(doc):
    return [e.group for e in doc.front.elements]


def test_group_and_ungroup_are_single_undo_steps(doc, stack):
    a, b, c = boxes(doc, 3)
    stack.push(group_command(doc, [a.id, b.id]))
    assert stack.count() == 1 and stack.undoText() == "Group 2 Elements"
    g = a.group
    assert g and b.group == g and c.group == ""
    stack.undo()
    assert groups(doc) == ["", "", ""]
    stack.redo()
    assert groups(doc) == [g, g, ""]
    stack.push(ungroup_command(doc, [b.id]))      # one member stands for its whole group
    assert groups(doc) == ["", "", ""] and stack.undoText() == "Ungroup 2 Elements"
    stack.undo()
    assert groups(doc) == [g, g, ""]


def test_group_applies_only_where_it_changes_something(doc):
    a, b, c = boxes(doc, 3)
    assert group_command(doc, [a.id]) is None
    assert ungroup_command(doc, [a.id, b.id]) is None
    doc.set_group([a.id, b.id], "g")
    assert group_command(doc, [a.id]) is None      # already exactly one group
    assert group_command(doc, [a.id, c.id]) is not None


def test_grouping_groups_flattens_into_one(doc, stack):
    a, b, c, d = boxes(doc, 4)
    doc.set_group([a.id, b.id], "g1")
    doc.set_group([c.id, d.id], "g2")
    stack.push(group_command(doc, [a.id, c.id]))
    assert len(set(groups(doc))) == 1 and a.group not in ("", "g1", "g2")
    stack.undo()
    assert groups(doc) == ["g1", "g1", "g2", "g2"]


def test_deleting_all_but_one_member_dissolves_the_group(doc, stack):
    a, b, c = boxes(doc, 3)
    doc.set_group([a.id, b.id, c.id], "g")
    stack.push(RemoveElements(doc, [b.id]))
    assert groups(doc) == ["g", "g"]               # two members left: still a group
    stack.push(RemoveElements(doc, [c.id]))
    assert groups(doc) == [""]                     # one left: no group any more
    stack.undo()
    stack.undo()
    assert groups(doc) == ["g", "g", "g"] and [e.id for e in doc.front.elements] == [a.id, b.id, c.id]


def test_aligning_two_groups_aligns_their_bounding_boxes(doc, stack):
    a, b, c, d = boxes(doc, 4)     # a (10..30), b (60..80) | c (110..130), d (160..180) in x
    doc.set_group([a.id, b.id], "g1")
    doc.set_group([c.id, d.id], "g2")
    stack.push(align_command(doc, [a.id, b.id, c.id, d.id], "right"))
    # each group moves as one: right edges of the two groups' boxes meet at 180
    assert (a.x, b.x) == (110, 160) and (c.x, d.x) == (110, 160)
    assert (a.y, b.y, c.y, d.y) == (10, 40, 70, 100)   # vertical untouched
    stack.undo()
    stack.push(align_command(doc, [a.id, b.id], "left", doc.spec.trim_rect))
    # one group alone aligns to the card, keeping its inner layout
    assert (a.x, b.x) == (0, 50)


def test_distribute_counts_a_group_as_one(doc):
    a, b, c, d = boxes(doc, 4)
    doc.set_group([a.id, b.id], "g")
    assert distribute_command(doc, [a.id, b.id, c.id], "h") is None   # two units only
    assert distribute_command(doc, [a.id, b.id, c.id, d.id], "h") is not None


def test_duplicate_of_a_group_is_a_new_group(doc, stack):
    a, b, c = boxes(doc, 3)
    doc.set_group([a.id, b.id], "g")
    cmd = duplicate_command(doc, [a.id, b.id])
    stack.push(cmd)
    copies = [doc.get(i) for i in cmd.ids]
    assert copies[0].group == copies[1].group and copies[0].group not in ("", "g")
    assert len(doc.group_members("g")) == 2


# ------------------------------------------------------------------------------ in the window
from PySide6.QtCore import QPoint, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from app.model.units import mm  # noqa: E402
from app.ui.actions import CommandId  # noqa: E402
from app.ui.context_menu import build_context_menu  # noqa: E402
from app.verdict import LocalJudge  # noqa: E402


def grouped_card():
    doc = Document.new(CardSpec.from_preset("a6"))
    a = doc.add_element("front", RectElement(x=mm(10), y=mm(10), w=mm(20), h=mm(15)))
    b = doc.add_element("front", TextBox.from_text("Thank you", x=mm(40), y=mm(12), w=mm(40), h=mm(10)))
    c = doc.add_element("front", RectElement(x=mm(20), y=mm(60), w=mm(20), h=mm(20)))
    return doc, a, b, c


def vp(win, x, y) -> QPoint:
    return win.view.mapFromScene(QPointF(x, y))


def test_group_from_the_menu_then_click_selects_and_drag_moves_all(qtbot, designer):
    doc, a, b, c = grouped_card()
    win = designer(doc)
    win.actions_by_id[CommandId.SNAP].setChecked(False)
    group, ungroup = win.actions_by_id[CommandId.GROUP], win.actions_by_id[CommandId.UNGROUP]
    win.scene.select_ids([a.id])
    assert not group.isEnabled() and not ungroup.isEnabled()   # one element: nothing to group
    win.scene.select_ids([a.id, b.id])
    assert group.isEnabled() and group.shortcut().toString() == "Ctrl+G"
    group.trigger()
    assert a.group and a.group == b.group
    assert not group.isEnabled() and ungroup.isEnabled()
    assert win.undo_action.text() == "Undo Group 2 Elements"
    win.scene.select_ids([])
    qtbot.mouseClick(win.view.viewport(), Qt.LeftButton, Qt.NoModifier, vp(win, a.x + 5, a.y + 5))
    assert win.scene.selected_ids() == [a.id, b.id]             # one click takes the group
    start = vp(win, b.x + 5, b.y + 5)
    vpw = win.view.viewport()
    qtbot.mousePress(vpw, Qt.LeftButton, Qt.NoModifier, start)
    for i in range(1, 9):
        QTest.mouseMove(vpw, start + QPoint(5 * i, 3 * i))
    qtbot.mouseRelease(vpw, Qt.LeftButton, Qt.NoModifier, start + QPoint(40, 24))
    dx, dy = a.x - mm(10), a.y - mm(10)
    assert dx > 0 and dy > 0
    assert (b.x - mm(40), b.y - mm(12)) == pytest.approx((dx, dy))   # moved together
    assert (c.x, c.y) == (mm(20), mm(60))
    QTest.keyClick(vpw, Qt.Key_Left)                               # nudge: the group again
    assert (a.x - mm(10), b.x - mm(40)) == pytest.approx((dx - 1, dx - 1))


def test_shift_click_and_delete_act_on_the_whole_group(qtbot, designer):
    doc, a, b, c = grouped_card()
    doc.set_group([a.id, b.id], "g")
    win = designer(doc)
    win.scene.select_ids([c.id])
    qtbot.mouseClick(win.view.viewport(), Qt.LeftButton, Qt.ShiftModifier, vp(win, b.x + 5, b.y + 5))
    assert win.scene.selected_ids() == [a.id, b.id, c.id]
    qtbot.mouseClick(win.view.viewport(), Qt.LeftButton, Qt.ShiftModifier, vp(win, a.x + 5, a.y + 5))
    assert win.scene.selected_ids() == [c.id]
    win.scene.select_ids([a.id])
    win.actions_by_id[CommandId.DELETE].trigger()
    assert [e.id for e in doc.front.elements] == [c.id]


def test_copy_paste_of_a_group_pastes_a_new_group(qtbot, designer):
    doc, a, b, c = grouped_card()
    doc.set_group([a.id, b.id], "g")
    win = designer(doc)
    win.scene.select_ids([b.id])
    win.actions_by_id[CommandId.COPY].trigger()
    win.actions_by_id[CommandId.PASTE].trigger()
    pasted = [doc.get(i) for i in win.scene.selected_ids()]
    assert len(pasted) == 2 and {e.id for e in pasted}.isdisjoint({a.id, b.id})
    assert pasted[0].group == pasted[1].group and pasted[0].group not in ("", "g")


def test_element_context_menu_holds_the_registry_actions(qtbot, designer):
    """Right-click on a group member: it selects the group, and the menu offers the
    registry's own actions, enabled as in the menu bar (Ungroup yes, Group no)."""
    doc, a, b, c = grouped_card()
    doc.set_group([a.id, b.id], "g")
    win = designer(doc)
    menu = build_context_menu(win, QPointF(a.x + 5, a.y + 5))
    assert win.scene.selected_ids() == [a.id, b.id]
    acts = {x.objectName(): x for x in menu.actions() if x.objectName()}
    reg = win.actions_by_id
    for cid in (CommandId.CUT, CommandId.COPY, CommandId.PASTE, CommandId.DUPLICATE, CommandId.DELETE,
                CommandId.BRING_FRONT, CommandId.RAISE, CommandId.LOWER, CommandId.SEND_BACK,
                CommandId.GROUP, CommandId.UNGROUP, CommandId.LOCK, CommandId.HIDE):
        assert acts[cid.value] is reg[cid]
    enabled = {cid for cid in (CommandId.CUT, CommandId.COPY, CommandId.DELETE, CommandId.UNGROUP,
                               CommandId.LOCK, CommandId.HIDE, CommandId.GROUP)
               if acts[cid.value].isEnabled()}
    assert enabled == {CommandId.CUT, CommandId.COPY, CommandId.DELETE, CommandId.UNGROUP,
                       CommandId.LOCK, CommandId.HIDE}
    align = next(x.menu() for x in menu.actions() if x.menu() is not None)
    assert reg[CommandId.ALIGN_LEFT] in align.actions() and reg[CommandId.DISTRIBUTE_H] in align.actions()
    acts[CommandId.UNGROUP.value].trigger()
    assert a.group == "" and b.group == ""
    menu.deleteLater()


def test_canvas_context_menu_pastes_selects_and_adds_at_the_click(qtbot, designer):
    doc, a, b, c = grouped_card()
    win = designer(doc)
    at = QPointF(mm(70), mm(90))
    menu = build_context_menu(win, at)
    names = [x.objectName() for x in menu.actions() if x.objectName()]
    assert names[:2] == [CommandId.PASTE.value, CommandId.SELECT_ALL.value]
    assert {"context-add-text", "context-add-image", "context-add-qr", "context-add-rect",
            "context-add-line"} <= set(names)
    assert CommandId.DELETE.value not in names
    next(x for x in menu.actions() if x.objectName() == "context-add-rect").trigger()
    new = doc.front.elements[-1]
    assert new.kind == "rect" and (new.x, new.y) == (at.x(), at.y())
    assert win.scene.selected_ids() == [new.id]
    menu.deleteLater()


def test_layers_panel_shows_group_membership(qtbot, designer):
    doc, a, b, c = grouped_card()
    doc.set_group([a.id, b.id], "g")
    win = designer(doc)
    rows = [win.layers.list.item(i).text() for i in range(win.layers.list.count())]
    assert rows == ["Rectangle", "Group 1", "    Thank you", "    Rectangle"]   # top of the stack first
    assert win.layers.ids() == [c.id, b.id, a.id]
    win.layers.list.item(1).setSelected(True)       # the group row selects its members
    assert win.scene.selected_ids() == [a.id, b.id]
    win.actions_by_id[CommandId.UNGROUP].trigger()
    assert [win.layers.list.item(i).text() for i in range(win.layers.list.count())] == [
        "Rectangle", "Thank you", "Rectangle"]


class _GiftChecker:
    """Flags "free gift" as an error with a rewrite (a scripted engine: no spaCy, no timing)."""

    from types import SimpleNamespace as _NS

    rules: list = []
    profile = _NS(name="amazon")

    def warm(self) -> None:
        pass

    def check(self, text, ignore=frozenset(), **_kw):
        import re

        from checks.findings import Category, Finding, Severity
        return [Finding("CW101", "review-incentive/gift-for-review", Category.REVIEW_INCENTIVE, Severity.ERROR,
                        m.start(), m.end(), m.group(), "Offering a gift for a review is not allowed.",
                        "不得以礼品换取评价。", None, "a thank-you")
                for m in re.finditer(r"free gift", text)]

    def main_language(self, texts):
        return "en"

    def deep_pending(self, text, lang="auto", *, context_lang=None):
        return False   # no sentence encoder: check(deep=False) is the whole check

    def check_artwork(self, shapes):
        return []

    def check_qr(self, payload):
        return []


def test_context_menu_on_an_underline_offers_the_findings_actions(qtbot, designer, tmp_path):
    """Right-click on underlined words: the finding's Explain / Apply suggestion / Ignore once
    come first, and Apply is the live check's own one-step rewrite."""
    from PySide6.QtCore import QSettings

    from app.ui.live_check import LiveCheckService
    from app.ui.live_presenter import LivePresenter
    from app.ui.settings_dialog import Settings

    doc = Document.new(CardSpec.from_preset("a6"))
    box = doc.add_element("front", TextBox.from_text("Leave a review for a free gift", x=mm(10), y=mm(10),
                                                     w=mm(80), h=mm(20)))
    win = designer(doc)
    settings = Settings(QSettings(str(tmp_path / "live.ini"), QSettings.IniFormat))
    service = LiveCheckService(doc, settings, checker_factory=lambda _p: LocalJudge(_GiftChecker()), debounce_ms=10, parent=win)
    win.live_check = service
    win.live_presenter = LivePresenter(service, scene=win.scene, view=win.view, undo_stack=win.undo_stack,
                                       settings=settings, select_element=win.select_element, parent=win)
    try:
        qtbot.waitUntil(lambda: service.checker is not None and bool(service.findings()))
        item = win.scene.item_for(box.id)
        (rect, *_) = item.span_rects(22, 31)                  # "free gift"
        menu = build_context_menu(win, rect.center())
        names = [a.objectName() for a in menu.actions()]
        assert names[:4] == ["context-finding-title", "context-finding-explain", "context-finding-apply",
                             "context-finding-ignore"]
        assert "free gift" in menu.actions()[0].text()
        assert CommandId.COPY.value in names                   # the element's entries follow
        next(a for a in menu.actions() if a.objectName() == "context-finding-apply").trigger()
        assert box.text == "Leave a review for a a thank-you"
        assert win.undo_stack.count() == 1
        menu.deleteLater()
        plain = build_context_menu(win, QPointF(box.x + 2, box.y + box.h - 2))   # no underline here
        assert "context-finding-title" not in [a.objectName() for a in plain.actions()]
        plain.deleteLater()
    finally:
        service.shutdown()


def test_hide_and_lock_act_on_the_whole_group(qtbot, designer):
    doc, a, b, c = grouped_card()
    doc.set_group([a.id, b.id], "g")
    win = designer(doc)
    build_context_menu(win, QPointF(b.x + 5, b.y + 5)).deleteLater()   # right-click selects the group
    win.actions_by_id[CommandId.LOCK].trigger()
    assert a.locked and b.locked and not c.locked
    win.actions_by_id[CommandId.HIDE].trigger()
    assert a.hidden and b.hidden and not c.hidden
    assert win.undo_stack.undoText() == "Hide 2 elements"
    win.undo_action.trigger()
    assert not a.hidden and not b.hidden


def test_group_rows_follow_a_live_language_switch(qtbot, designer):
    from PySide6.QtWidgets import QApplication

    from app.ui import i18n

    doc, a, b, c = grouped_card()
    doc.set_group([a.id, b.id], "g")
    win = designer(doc)
    try:
        i18n.set_language("zh_CN", [win])
        QApplication.processEvents()
        rows = [win.layers.list.item(i).text() for i in range(win.layers.list.count())]
        assert rows[1] == "编组 1" and rows[3] == "    矩形"
    finally:
        i18n.set_language("en", [win])


def test_bring_forward_and_send_backward_move_a_group_as_a_block(doc, stack):
    from app.ui.commands import Reorder

    x, a, b, y = boxes(doc, 4)
    doc.set_group([a.id, b.id], "g")
    order = lambda: [e.id for e in doc.front.elements]  # noqa: E731
    stack.push(Reorder(doc, [a.id, b.id], "raise"))
    assert order() == [x.id, y.id, a.id, b.id]          # above the next element, still together
    stack.push(Reorder(doc, [a.id, b.id], "raise"))
    assert order() == [x.id, y.id, a.id, b.id]          # already on top: nothing to pass
    stack.push(Reorder(doc, [a.id, b.id], "lower"))
    stack.push(Reorder(doc, [a.id, b.id], "lower"))
    assert order() == [a.id, b.id, x.id, y.id]
    for _ in range(4):
        stack.undo()
    assert order() == [x.id, a.id, b.id, y.id]


def test_a_real_right_click_opens_the_menu_on_the_group(qtbot, designer):
    """The right mouse button on the canvas opens the element menu (closed again here) and
    selects the group under the pointer; a rubber band over part of a group takes all of it."""
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QContextMenuEvent
    from PySide6.QtWidgets import QApplication

    doc, a, b, c = grouped_card()
    doc.set_group([a.id, b.id], "g")
    win = designer(doc)
    shown = []

    def close_popup() -> None:
        popup = QApplication.activePopupWidget()
        shown.append(popup.objectName() if popup is not None else None)
        if popup is not None:
            popup.close()
    QTimer.singleShot(50, close_popup)
    pos = vp(win, b.x + 5, b.y + 5)
    vpw = win.view.viewport()
    QApplication.sendEvent(vpw, QContextMenuEvent(QContextMenuEvent.Mouse, pos, vpw.mapToGlobal(pos)))
    qtbot.waitUntil(lambda: bool(shown))
    assert shown == ["context-menu"]
    assert win.scene.selected_ids() == [a.id, b.id]
    win.scene.select_ids([])
    start = vp(win, a.x - 6, a.y - 6)                     # a band around the rectangle only
    qtbot.mousePress(vpw, Qt.LeftButton, Qt.NoModifier, start)
    end = vp(win, a.x + a.w / 2, a.y + a.h / 2)
    for i in range(1, 7):
        QTest.mouseMove(vpw, start + (end - start) * (i / 6))
    qtbot.mouseRelease(vpw, Qt.LeftButton, Qt.NoModifier, end)
    assert win.scene.selected_ids() == [a.id, b.id]


def test_hidden_group_is_shown_again_from_its_row_with_the_same_action(qtbot, designer):
    """Hidden elements cannot be clicked on the canvas: picking the group's row in the
    Elements panel enables Edit › Hide / Show, which shows the group again."""
    doc, a, b, c = grouped_card()
    doc.set_group([a.id, b.id], "g")
    win = designer(doc)
    hide = win.actions_by_id[CommandId.HIDE]
    win.scene.select_ids([a.id])
    hide.trigger()
    assert a.hidden and b.hidden and win.scene.selected_ids() == []
    win.layers.list.clearSelection()
    assert not hide.isEnabled()
    rows = [win.layers.list.item(i).text() for i in range(win.layers.list.count())]
    win.layers.list.item(rows.index("Group 1")).setSelected(True)
    assert hide.isEnabled()
    hide.trigger()
    assert not a.hidden and not b.hidden
    assert win.scene.selected_ids() == [a.id, b.id]


def test_context_menu_in_edited_text_cuts_and_pastes_text(qtbot, designer):
    from PySide6.QtGui import QGuiApplication

    doc = Document.new(CardSpec.from_preset("a6"))
    box = doc.add_element("front", TextBox.from_text("Thank you kindly", x=mm(10), y=mm(10), w=mm(80), h=mm(20)))
    win = designer(doc)
    editor = win.scene.begin_text_edit(win.scene.item_for(box.id))
    editor.set_selection(10, 16)                                   # "kindly"
    (rect, *_) = win.scene.item_for(box.id).span_rects(0, 5)
    QGuiApplication.clipboard().setText("earlier")               # something to paste
    menu = build_context_menu(win, rect.center())
    acts = {a.objectName(): a for a in menu.actions() if a.objectName()}
    assert set(acts) == {"context-text-cut", "context-text-copy", "context-text-paste", "context-text-select-all"}
    acts["context-text-cut"].trigger()
    assert box.text == "Thank you " and QGuiApplication.clipboard().text() == "kindly"
    assert win.scene.editor is editor                              # still editing
    acts["context-text-paste"].trigger()
    assert box.text == "Thank you kindly"
    menu.deleteLater()


def test_properties_of_a_group_show_its_box_and_x_moves_it_as_one(qtbot, designer):
    """With a group selected, the properties panel names the group and shows the group's
    bounding box (not the first member's); typing a new X moves every member by the same
    amount in one undo step."""
    doc, a, b, c = grouped_card()
    doc.set_group([a.id, b.id], "g")
    win = designer(doc)
    win.scene.select_ids([a.id, b.id])
    panel = win.properties
    panel.refresh()
    assert panel.title.text() == "Group of 2 elements"
    assert panel.x_spin.isEnabled() and panel.w_spin.isEnabled() and not panel.name_edit.isEnabled()
    assert abs(panel.x_spin.points() - mm(10)) < 0.01 and abs(panel.y_spin.points() - mm(10)) < 0.01
    assert abs(panel.w_spin.points() - mm(70)) < 0.01           # from a's left edge to b's right edge
    before = (a.x, b.x, c.x)
    steps = win.undo_stack.count()
    panel.x_spin.set_points(mm(15))
    panel._geometry_edited()
    assert abs(doc.get(a.id).x - (before[0] + mm(5))) < 1e-6 and abs(doc.get(b.id).x - (before[1] + mm(5))) < 1e-6
    assert doc.get(c.id).x == before[2] and win.undo_stack.count() == steps + 1
    win.undo_stack.undo()
    assert (doc.get(a.id).x, doc.get(b.id).x) == before[:2]


# ------------------------------------------------------------------------------ group resize
def sizes(box):
    return [p.style.size_pt for p in box.paragraphs] + [r.size_pt for p in box.paragraphs for r in p.runs]


def resize_card():
    """A rectangle and a two-size text box grouped, and a third element outside the group."""
    from app.model import Paragraph, TextStyle
    from app.model.elements import Run

    doc = Document.new(CardSpec.from_preset("a6"))
    a = doc.add_element("front", RectElement(x=mm(10), y=mm(10), w=mm(20), h=mm(15), stroke_width=2))
    b = doc.add_element("front", TextBox(x=mm(40), y=mm(12), w=mm(40), h=mm(13), paragraphs=(
        Paragraph("Thank you", TextStyle(size_pt=12), (Run(0, 5, size_pt=18),)),)))
    c = doc.add_element("front", RectElement(x=mm(20), y=mm(60), w=mm(20), h=mm(20)))
    doc.set_group([a.id, b.id], "g")
    return doc, a, b, c


def drag_handle(win, name, dx_px, dy_px, release=True):
    """Press on the selected group's ``name`` handle and drag it by (dx_px, dy_px) screen pixels."""
    rect = win.scene.group_handle_rects()[name]
    start = win.view.mapFromScene(rect.center())
    vpw = win.view.viewport()
    QTest.mouseMove(vpw, start)
    QTest.mousePress(vpw, Qt.LeftButton, Qt.NoModifier, start)
    for i in range(1, 9):
        QTest.mouseMove(vpw, start + QPoint(round(dx_px * i / 8), round(dy_px * i / 8)))
    if release:
        QTest.mouseRelease(vpw, Qt.LeftButton, Qt.NoModifier, start + QPoint(dx_px, dy_px))


def test_dragging_a_group_corner_scales_members_and_type_in_one_undo_step(qtbot, designer):
    from app.model.group_resize import group_bounds

    doc, a, b, c = resize_card()
    win = designer(doc)
    win.actions_by_id[CommandId.SNAP].setChecked(False)
    win.scene.select_ids([a.id])
    handles = win.scene.group_handle_rects()
    assert set(handles) == {"tl", "t", "tr", "r", "br", "b", "bl", "l"}      # no rotation knob
    px = handles["br"].width() * win.view.transform().m11()
    assert px == pytest.approx(8.0)                                           # the element handles' size
    before = {e.id: e.to_dict() for e in doc.front.elements}
    box0 = group_bounds([a, b])
    steps = win.undo_stack.count()
    drag_handle(win, "br", 120, 40)
    box1 = group_bounds([a, b])
    s = box1.w / box0.w
    assert s > 1.2 and box1.h / box0.h == pytest.approx(s)                   # aspect kept
    assert (box1.x, box1.y) == pytest.approx((box0.x, box0.y))                # about the opposite corner
    assert a.w == pytest.approx(mm(20) * s, rel=1e-3) and b.x - box1.x == pytest.approx((mm(40) - box0.x) * s)
    assert sizes(b) == pytest.approx([12 * s, 18 * s], abs=0.01)              # every run of the text
    assert a.stroke_width == pytest.approx(2 * s)
    assert c.to_dict() == before[c.id]                                        # outside the group: untouched
    assert win.undo_stack.count() == steps + 1 and win.undo_action.text() == "Undo Resize group"
    win.undo_action.trigger()
    assert {e.id: e.to_dict() for e in doc.front.elements} == before


def test_dragging_a_group_edge_stretches_boxes_and_keeps_font_sizes(qtbot, designer):
    doc, a, b, c = resize_card()
    win = designer(doc)
    win.actions_by_id[CommandId.SNAP].setChecked(False)
    win.scene.select_ids([b.id])
    h0, bx0, bw0 = (a.h, b.h), b.x, b.w
    drag_handle(win, "l", -60, 25)                    # the left edge out; vertical motion ignored
    assert (a.h, b.h) == h0 and b.w > bw0 and b.x < bx0
    assert a.x < mm(10) and b.x + b.w == pytest.approx(bx0 + bw0)             # the right edge stays
    assert sizes(b) == [12, 18] and a.stroke_width == 2
    assert win.undo_stack.count() == 1


def test_escape_during_a_group_drag_takes_it_back(qtbot, designer):
    doc, a, b, c = resize_card()
    win = designer(doc)
    win.scene.select_ids([a.id])
    before = {e.id: e.to_dict() for e in doc.front.elements}
    drag_handle(win, "tr", 80, -40, release=False)
    assert a.w > mm(20)                                                      # live while dragging
    vpw = win.view.viewport()
    QTest.keyClick(vpw, Qt.Key_Escape)
    assert {e.id: e.to_dict() for e in doc.front.elements} == before
    QTest.mouseRelease(vpw, Qt.LeftButton, Qt.NoModifier, vpw.mapFromGlobal(vpw.cursor().pos()))
    assert {e.id: e.to_dict() for e in doc.front.elements} == before
    assert win.undo_stack.count() == 0 and not win.undo_stack.canRedo()
    assert win.scene.selected_ids() == [a.id, b.id]                          # still selected


def test_a_group_with_a_locked_member_has_no_handles(qtbot, designer):
    doc, a, b, c = resize_card()
    doc.set_property(b.id, "locked", True)
    win = designer(doc)
    win.scene.select_ids([a.id])
    assert win.scene.selected_ids() == [a.id, b.id] and win.scene.group_handle_rects() == {}
    win.scene.select_ids([a.id, c.id])                                      # a group and more: no handles either
    assert win.scene.group_handle_rects() == {}


def test_typing_a_group_width_stretches_it_as_its_edge_handle_does(qtbot, designer):
    doc, a, b, c = resize_card()
    win = designer(doc)
    win.scene.select_ids([a.id])
    panel = win.properties
    panel.refresh()
    assert abs(panel.w_spin.points() - mm(70)) < 0.01 and panel.h_spin.isEnabled()
    before = {e.id: e.to_dict() for e in doc.front.elements}
    panel.w_spin.set_points(mm(140))
    panel._geometry_edited()
    assert (a.x, a.w, b.x, b.w) == pytest.approx((mm(10), mm(40), mm(70), mm(80)))   # left edge stays
    assert sizes(b) == [12, 18] and (a.h, b.h) == (mm(15), mm(13))
    assert win.undo_stack.count() == 1 and win.undo_stack.undoText() == "Resize group"
    assert abs(panel.w_spin.points() - mm(140)) < 0.01
    panel.h_spin.set_points(0.01)                                             # far below the minimum
    panel._geometry_edited()
    assert max(a.y + a.h, b.y + b.h) - a.y == pytest.approx(4.0)              # the group's smallest height
    assert min(a.h, b.h) >= 1.0 and abs(panel.h_spin.points() - 4.0) < 0.01
    win.undo_stack.undo()
    win.undo_stack.undo()
    assert {e.id: e.to_dict() for e in doc.front.elements} == before
    doc.set_property(b.id, "locked", True)
    panel.refresh()
    assert not panel.w_spin.isEnabled()                                       # a locked member: no resizing


def test_a_group_edge_snaps_to_the_safe_margin(qtbot, designer):
    from app.model.group_resize import group_bounds

    doc, a, b, c = resize_card()
    win = designer(doc)
    win.actions_by_id[CommandId.SNAP].setChecked(True)
    win.scene.select_ids([a.id])
    safe_right = doc.spec.safe_rect.right
    scale = win.view.transform().m11()
    # drag the right edge to 3 screen pixels short of the safe margin: it lands on it
    dx_px = round((safe_right - group_bounds([a, b]).right) * scale) - 3
    drag_handle(win, "r", dx_px, 0)
    assert group_bounds([a, b]).right == pytest.approx(safe_right)
    assert win.scene.snap_lines == []                                        # the guide line goes with the drag
