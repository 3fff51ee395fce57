"""Designer test fixtures: a factory for fresh main windows (own document, undo stack,
temporary settings file and data folder; no services attached unless asked), closed and
checked for leaks after each test."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication


@pytest.fixture
def designer(qtbot, tmp_path):
    """make(doc=None, extensions=()) -> MainWindow, shown offscreen; closed after the test."""
    from app.ui.application import build_window

    made = []
    before = set(QApplication.topLevelWidgets())

    def make(doc=None, extensions=(), show=True):
        qs = QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat)
        win = build_window(doc, qsettings=qs, data_dir=tmp_path / "data", extensions=extensions)
        made.append(win)  # closed below (not qtbot.addWidget: its close would ask to save)
        if show:
            win.show()
            qtbot.waitExposed(win)
            win.zoom_fit()
        return win

    yield make
    for win in made:
        win.undo_stack.setClean()  # nothing to ask about
        win.close()
        win.deleteLater()
    from app.ui.main_window import release_clipboard

    release_clipboard()  # as the application does on quit (a copied element must not outlive Qt)
    QApplication.processEvents()
    leaked = [w for w in QApplication.topLevelWidgets()
              if w not in before and w.isVisible() and w not in made]
    assert not leaked, f"windows left open: {leaked}"
