"""The Simplified Chinese interface: catalogue coverage, derived forms, live switching."""
from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMainWindow, QPushButton, QVBoxLayout, QWidget

from app.ui import i18n
from app.ui.i18n.collect import collect
from app.ui.settings_dialog import Settings, SettingsDialog

#: Words that stay as they are in a Chinese interface (names, units, formats).
KEEP = {"PDF", "PNG", "QR", "CMYK", "RGB", "ICC", "dpi", "mm", "pt", "in", "A4", "A6", "Letter", "Amazon",
        "Cardwise", "CSV", "JSON", "PDF/X", "PDF/X-1a", "PDF/X-4", "X-1a-style", "X-1a", "X-4", "N-up", "Ctrl", "Shift", "Alt", "Del", "Backspace",
        "English", "eBay", "Etsy", "Walmart", "TikTok", "Shop", "ppi", "UTF-8", "ID", "URL", "PF", "CW",
        "ZIP", "JSON", "HTML", "SVG", "DOCX", "OCR", "TTF", "OTF", "Buyer-Seller", "Messaging"}


def english_words(text: str) -> list[str]:
    """Latin words of two or more letters that are not names, units or formats."""
    text = re.sub(r"\(&\w\)", "", text).replace("&", "")
    text = re.sub(r"\*?\.[a-z]{2,8}\b", "", text)      # file patterns: *.pdf, .cardwise
    words = re.findall(r"[A-Za-z][A-Za-z0-9/.\-]*[A-Za-z0-9]", text)
    return [w for w in words if w not in KEEP and w.strip(".") not in KEEP]


@pytest.fixture
def chinese(qapp):
    translator = i18n.install_language("zh_CN", qapp)
    yield translator
    i18n.install_language("en", qapp)


def test_every_translatable_string_has_a_chinese_translation():
    """No tr()/translate()/QT_TRANSLATE_NOOP string anywhere in app/ui lacks a zh_CN entry."""
    tr = i18n.CatalogueTranslator("zh_CN")
    found = collect()
    assert len(found) > 40, "the collector found suspiciously few strings"
    missing = sorted({f"{s.path.split('app/ui/')[-1]}:{s.line}: {s.text!r}" for s in found
                      if tr.lookup(s.context, s.text) is None})
    assert not missing, "untranslated (python -m app.ui.i18n.collect lists them):\n" + "\n".join(missing)


def test_translations_contain_no_leftover_english():
    """A catalogue entry is Chinese, not the English copied over."""
    messages, contexts = i18n.load_catalogue("zh_CN")
    bad = [f"{k!r} → {v!r}" for k, v in [*messages.items(), *(kv for t in contexts.values() for kv in t.items())]
           if english_words(v) and english_words(v) == english_words(k)]
    assert not bad, "\n".join(bad)


def test_placeholders_survive_translation():
    """%1, %2 and %n in a source string appear in its translation, or the UI shows raw text."""
    messages, contexts = i18n.load_catalogue("zh_CN")
    for table in (messages, *contexts.values()):
        for src, dst in table.items():
            for ph in re.findall(r"%[0-9n]", src):
                assert ph in dst, f"{src!r} → {dst!r} lost {ph}"


def test_mnemonics_and_ellipses_are_derived(chinese):
    """'&Save' and 'Export…' need no own entries: mnemonic and ellipsis carry over."""
    assert chinese.lookup("", "Settings") == "设置"
    assert chinese.lookup("", "Settings…") == "设置…"
    assert chinese.lookup("", "&Settings") == "设置(&S)"
    assert QCoreApplication.translate("Anything", "Units:") == "单位："


def test_qt_own_strings_go_through_the_catalogue(chinese):
    """The undo action that QUndoStack builds itself reads in Chinese."""
    from PySide6.QtGui import QUndoStack

    stack = QUndoStack()
    action = stack.createUndoAction(None)
    assert action.text() == "撤销"


def test_switching_language_retranslates_an_open_window(qtbot, qapp):
    """set_language changes menus, buttons and labels of a window that is already built."""
    win = QMainWindow()
    qtbot.addWidget(win)
    menu = win.menuBar().addMenu("&Edit")
    action = QAction("Settings…", win)
    menu.addAction(action)
    body = QWidget()
    lay = QVBoxLayout(body)
    label = QLabel("Marketplace profile:")
    button = QPushButton("Apply suggestion")
    user_text = QLabel("Thank you for choosing us!")   # content, not interface: stays
    for w in (label, button, user_text):
        lay.addWidget(w)
    win.setCentralWidget(body)
    try:
        i18n.set_language("zh_CN", [win])
        assert menu.title() == "编辑(&E)"
        assert action.text() == "设置…"
        assert label.text() == "平台规则："
        assert button.text() == "采用建议"
        assert user_text.text() == "Thank you for choosing us!"
        i18n.set_language("en", [win])
        assert (menu.title(), action.text(), label.text(), button.text()) == (
            "&Edit", "Settings…", "Marketplace profile:", "Apply suggestion")
    finally:
        i18n.install_language("en", qapp)


def test_settings_dialog_switches_language_and_keeps_it(qtbot, qapp, tmp_path):
    """Choosing 简体中文 in Settings stores it and turns the interface Chinese at once."""
    settings = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat))
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.language_box.setCurrentIndex(dialog.language_box.findData("zh_CN"))
    try:
        dialog.accept()
        assert settings.language == "zh_CN"
        assert i18n.current_language() == "zh_CN"
        assert Settings(QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat)).language == "zh_CN"
        again = SettingsDialog(settings)
        qtbot.addWidget(again)
        assert again.windowTitle() == "设置"
    finally:
        i18n.install_language("en", qapp)


def _menu_texts(menu, path=""):
    out = []
    for action in menu.actions():
        if action.isSeparator():
            continue
        text = action.text()
        out.append((f"{path}{text}", text))
        if action.menu() is not None:
            sub = action.menu()
            out.append((f"{path}{text} (title)", sub.title()))
            # submenus filled on demand (recent files) are filled now
            sub.aboutToShow.emit()
            out.extend(_menu_texts(sub, f"{path}{text} › "))
    return out


class QuietChecker:
    """Finds nothing: these tests look at the interface language, not at findings."""

    rules: list = []
    profile = __import__("types").SimpleNamespace(name="amazon")

    def warm(self):
        pass

    def main_language(self, texts):
        return "en"

    def deep_pending(self, text, lang="auto", *, context_lang=None):
        return False   # no sentence encoder: check(deep=False) is the whole check

    def check_artwork(self, shapes):
        return []

    def check(self, text, **_kw):
        return []

    def check_qr(self, payload):
        return []


@pytest.fixture
def chinese_window(qtbot, qapp, tmp_path, monkeypatch):
    """The real designer window built in Chinese, with every extension installed."""
    from PySide6.QtGui import QUndoStack

    import app.ui.live_check as live_check_module

    from app.verdict import LocalJudge

    monkeypatch.setattr(live_check_module, "_default_checker", lambda profile: LocalJudge(QuietChecker()))
    from app.model.templates import new_from_template
    from app.ui import export_dialog, live_check, settings_dialog
    from app.ui.main_window import MainWindow

    i18n.install_language("zh_CN", qapp)
    qs = QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat)
    win = MainWindow(new_from_template("thank-you"), QUndoStack(), qsettings=qs, data_dir=tmp_path)
    qtbot.addWidget(win)
    service = live_check.install(win)
    export_dialog.install(win)
    settings_dialog.install(win)
    yield win
    service.shutdown()
    win.shutdown()
    i18n.install_language("en", qapp)


def test_chinese_menus_have_no_english(chinese_window):
    """Every menu title and menu entry of the Chinese designer reads in Chinese."""
    win = chinese_window
    entries = []
    for action in win.menuBar().actions():
        entries.append((action.text(), action.text()))
        if action.menu() is not None:
            entries.extend(_menu_texts(action.menu(), action.text() + " › "))
    assert len(entries) > 30
    english = [f"{where}: {text!r}" for where, text in entries if english_words(text)]
    assert not english, "English left in the Chinese menus:\n" + "\n".join(english)


def test_chinese_docks_toolbars_and_status_bar(chinese_window):
    """Dock titles, tool-bar tips and the status light are Chinese too."""
    from PySide6.QtWidgets import QDockWidget, QToolBar

    win = chinese_window
    texts = [d.windowTitle() for d in win.findChildren(QDockWidget)]
    for bar in win.findChildren(QToolBar):
        texts.append(bar.windowTitle())
        texts.extend(a.toolTip() for a in bar.actions() if not a.isSeparator())
    texts.append(win.live_presenter.light.text)
    english = [t for t in texts if english_words(t)]
    assert not english, english


def test_live_switch_of_the_real_window(qtbot, qapp, tmp_path):
    """An English designer switched to 简体中文 in place has Chinese menus, and back again."""
    from PySide6.QtGui import QUndoStack

    from app.model.templates import new_from_template
    from app.ui import export_dialog, settings_dialog
    from app.ui.main_window import MainWindow

    i18n.install_language("en", qapp)
    qs = QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat)
    win = MainWindow(new_from_template("thank-you"), QUndoStack(), qsettings=qs, data_dir=tmp_path)
    qtbot.addWidget(win)
    export_dialog.install(win)
    settings_dialog.install(win)

    def menu_entries():
        out = []
        for action in win.menuBar().actions():
            out.append(action.text())
            if action.menu() is not None:
                out.extend(t for _w, t in _menu_texts(action.menu()))
        return out

    english = menu_entries()
    try:
        i18n.set_language("zh_CN", [win])
        chinese = menu_entries()
        assert not [t for t in chinese if english_words(t)], [t for t in chinese if english_words(t)]
        i18n.set_language("en", [win])
        assert menu_entries() == english
    finally:
        i18n.install_language("en", qapp)
        win.shutdown()


def test_chinese_panels_have_no_english(chinese_window, qtbot):
    """Labels, buttons and group titles of the properties panel read in Chinese for a text
    box, a shape and a QR code (content such as colour values and element names aside)."""
    from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel

    win = chinese_window
    names = {el.name for _s, el in win.document.elements()} | {el.id for _s, el in win.document.elements()}
    cmyk = re.compile(r"^C\d+ M\d+ Y\d+ K\d+$")
    fonts = sorted((f.name for f in win.properties.font_combo.families()), key=len, reverse=True)
    found = []
    for side, element_id in (("front", "front-body"), ("front", "front-band"), ("back", "back-orders-qr")):
        win.select_element(element_id, side)
        qtbot.wait(20)
        for w in win.findChildren(QLabel) + win.findChildren(QAbstractButton) + win.findChildren(QGroupBox):
            if not w.isVisibleTo(win):
                continue
            for text in (w.title() if isinstance(w, QGroupBox) else w.text(), w.toolTip()):
                if not text or cmyk.match(text):
                    continue
                head, _sep, tail = text.rpartition(" — ")
                if tail in names:
                    text = head
                for family in fonts:   # a font's own name is content, like an element's name
                    text = text.replace(family, "")
                if english_words(text):
                    found.append(f"{element_id}: {type(w).__name__} {text!r}")
    assert not found, "\n".join(sorted(set(found)))


def test_chinese_dialogs_have_no_english(chinese_window, qtbot):
    """The settings and export dialogs, standard buttons included, read in Chinese."""
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QGroupBox, QLabel

    from app.ui.export_dialog import ExportDialog
    from app.ui.settings_dialog import SettingsDialog, settings_for

    win = chinese_window
    keep = {"English", "简体中文", "Amazon", "Walmart", "eBay", "Etsy", "TikTok Shop", "A4", "Letter"}
    found = []
    for dialog in (SettingsDialog(settings_for(win), win),
                   ExportDialog(win.document, win, "/tmp/card.pdf", findings=[])):
        qtbot.addWidget(dialog)
        for w in dialog.findChildren(QLabel) + dialog.findChildren(QAbstractButton) + dialog.findChildren(QGroupBox):
            text = w.title() if isinstance(w, QGroupBox) else w.text()
            if text and text not in keep and not text.startswith("/") and english_words(text):
                found.append(f"{type(dialog).__name__}: {text!r}")
        for combo in dialog.findChildren(QComboBox):
            for i in range(combo.count()):
                text = combo.itemText(i)
                if text not in keep and not re.search(r"FOGRA|CGATS|Japan Color|PSO Coated", text) \
                        and english_words(text):
                    found.append(f"{type(dialog).__name__} combo: {text!r}")
    assert not found, "\n".join(found)


def test_settings_switch_refreshes_composed_texts(chinese_window, qtbot, qapp):
    """Switching back to English in Settings also rebuilds texts the window composes (status bar)."""
    from PySide6.QtWidgets import QLabel

    from app.ui.settings_dialog import SettingsDialog, settings_for

    win = chinese_window
    dialog = SettingsDialog(settings_for(win), win)
    qtbot.addWidget(dialog)
    dialog.language_box.setCurrentIndex(dialog.language_box.findData("en"))
    dialog.accept()
    status = " ".join(w.text() for w in win.statusBar().findChildren(QLabel))
    assert "bleed" in status and "出血" not in status


def test_live_switch_translates_undo_redo_and_toolbar_tips(qtbot, qapp, tmp_path):
    """Switched to 简体中文 in place, Edit › Undo/Redo (with and without a step to take back)
    and every toolbar tooltip ("Save (Ctrl+S)") read in Chinese, and in English again after."""
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QToolBar

    from app.model.templates import new_from_template
    from app.ui.main_window import MainWindow

    i18n.install_language("en", qapp)
    qs = QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat)
    win = MainWindow(new_from_template("thank-you"), QUndoStack(), qsettings=qs, data_dir=tmp_path)
    qtbot.addWidget(win)

    def shown():
        texts = [win.undo_action.text(), win.redo_action.text()]
        for bar in win.findChildren(QToolBar):
            texts.extend(a.toolTip() for a in bar.actions() if not a.isSeparator())
        return texts

    try:
        english = shown()
        assert "Redo" in english[1]
        i18n.set_language("zh_CN", [win])
        chinese = shown()
        assert not [t for t in chinese if english_words(t)], [t for t in chinese if english_words(t)]
        win.select_all()
        win.duplicate_selection()
        win.undo_stack.undo()
        assert not english_words(win.undo_action.text()) and not english_words(win.redo_action.text()), \
            (win.undo_action.text(), win.redo_action.text())
        i18n.set_language("en", [win])
        assert win.redo_action.text().startswith("Redo")
    finally:
        i18n.install_language("en", qapp)
        win.shutdown()
