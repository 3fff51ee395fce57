"""Closing a designer window leaves nothing behind that fires later: when the window goes, its
undo stack goes with it, and the stack's last signals (it clears itself as it is destroyed)
must not reach the window's slots (a "QUndoStack already deleted" traceback on stderr)."""
from __future__ import annotations

import shiboken6
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication


def test_closing_a_window_prints_no_traceback(qtbot, tmp_path, capfd):
    from app.model import TextBox
    from app.ui.application import build_window
    from app.ui.commands import AddElements

    qs = QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat)
    win = build_window(qsettings=qs, data_dir=tmp_path / "data", extensions=())
    win.show()
    qtbot.waitExposed(win)
    box = TextBox.from_text("Thank you!", x=20, y=20, w=120, h=30)
    win.undo_stack.push(AddElements(win.document, "front", [box]))  # something to undo and redo
    win.undo_stack.undo()
    stack = win.undo_stack
    stack.setClean()
    win.close()
    win.deleteLater()
    QApplication.processEvents()
    capfd.readouterr()
    shiboken6.delete(stack)   # what the garbage collector does to the window's stack at exit
    QApplication.processEvents()
    err = capfd.readouterr().err
    assert "Traceback" not in err, err
