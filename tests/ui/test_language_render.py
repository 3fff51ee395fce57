"""What a live language switch looks like on screen, grabbed at once as a screenshot would be."""
from __future__ import annotations

from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import QApplication

from app.ui import i18n, settings_dialog
from app.ui.actions import CommandId
from app.ui.settings_dialog import SettingsDialog


def _ink(image, rect) -> int:
    """Dark pixels (text) inside ``rect`` of ``image``."""
    return sum(1 for x in range(rect.left(), rect.right()) for y in range(rect.top(), rect.bottom())
               if QColor(image.pixel(x, y)).lightness() < 120)


def test_menu_bar_shows_its_titles_right_after_switching_to_chinese(designer, qtbot, qapp, monkeypatch):
    """Settings › 简体中文 → OK, then grab the window: the menu titles are drawn (the taller
    Chinese titles no longer leave a one-pixel-short menu bar that hides every item)."""
    i18n.install_language("en", qapp)
    win = designer(extensions=(settings_dialog.install,))
    bar = win.menuBar()
    titles = bar.actionGeometry(bar.actions()[-1]).united(bar.actionGeometry(bar.actions()[0]))
    assert _ink(win.grab().toImage(), titles) > 100      # English titles drawn

    def choose_chinese(dialog):
        dialog.language_box.setCurrentIndex(dialog.language_box.findData("zh_CN"))
        dialog.accept()
        return 1

    monkeypatch.setattr(SettingsDialog, "exec", choose_chinese)
    try:
        win.findChild(QAction, CommandId.SETTINGS.value).trigger()     # Edit › Settings…
        assert bar.actions()[0].text() == "文件(&F)"
        image = win.grab().toImage()           # no event-loop turn in between
        titles = bar.actionGeometry(bar.actions()[-1]).united(bar.actionGeometry(bar.actions()[0]))
        assert not titles.isEmpty()
        assert _ink(image, titles) > 100, "menu bar drawn empty"
    finally:
        i18n.set_language("en", [win])
        QApplication.processEvents()
