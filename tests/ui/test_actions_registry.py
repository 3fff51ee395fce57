"""Every menu action of the designer — the services' ones too (Export, Settings, Batch check,
Explain Finding, Quit) — is declared in the actions registry with its shortcut."""
from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu

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
