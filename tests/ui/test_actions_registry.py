"""Every menu action of the designer — the services' ones too (Export, Settings, Batch check,
Explain Finding, Quit) — is declared in the actions registry with its shortcut."""
from __future__ import annotations

import pytest

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMenu

from app.ui.actions import SERVICE_ACTIONS, SHORTCUTS, CommandId
from app.ui.application import EXTENSIONS


def test_service_actions_are_in_the_menus_with_the_registry_shortcut(designer):
    win = designer(extensions=EXTENSIONS)
    in_menus = {a.objectName(): a for m in win.menuBar().findChildren(QMenu) for a in m.actions()}
    for command, spec in SERVICE_ACTIONS.items():
        action = in_menus.get(command.value)
        assert action is not None, f"{command.value} is not in a menu"
        assert action.parent() is win
        assert action.shortcut() == QKeySequence(SHORTCUTS[command]), command.value
        menu = next(m for m in win.menuBar().findChildren(QMenu) if action in m.actions())
        assert menu.objectName() == spec.menu
    quit_action = in_menus["action-quit"]
    assert quit_action.shortcut() == QKeySequence(SHORTCUTS[CommandId.QUIT])


def test_redo_answers_to_ctrl_shift_z_and_ctrl_y(designer, qtbot):
    """A seller used to Canva or Affinity presses Ctrl+Shift+Z, one used to Windows apps Ctrl+Y:
    both redo the change Ctrl+Z took back, and Edit › Redo shows a shortcut."""
    from PySide6.QtCore import Qt

    from app.model import CardSpec, Document, RectElement

    doc = Document.new(CardSpec.from_preset("a6"))
    doc.add_element("front", RectElement(x=10, y=10, w=20, h=20))
    win = designer(doc)
    with pytest.warns(DeprecationWarning):  # offscreen windows are not activated by activateWindow()
        QApplication.setActiveWindow(win)  # shortcuts reach only the active window
    win.view.setFocus()
    edit = win.menuBar().findChild(QMenu, "menu-edit")
    redo = next(a for a in edit.actions() if a.objectName() == CommandId.REDO.value)
    assert QKeySequence("Ctrl+Shift+Z") in redo.shortcuts()
    assert QKeySequence("Ctrl+Y") in redo.shortcuts()
    assert redo.shortcut().toString() != ""
    win.select_all()
    count = len(win.document.front.elements)
    win.duplicate_selection()
    assert len(win.document.front.elements) > count
    duplicated = len(win.document.front.elements)
    for key, mods in ((Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier), (Qt.Key_Y, Qt.ControlModifier)):
        qtbot.keyClick(win.view.viewport(), Qt.Key_Z, Qt.ControlModifier)
        assert len(win.document.front.elements) == count
        qtbot.keyClick(win.view.viewport(), key, mods)
        assert len(win.document.front.elements) == duplicated
