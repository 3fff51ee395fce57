"""The settings dialog: edits :class:`app.ui.settings.Settings` (marketplace profile, units,
interface language, disabled rules). :class:`SettingsDialog` edits it. ``install(window)`` adds *Edit › Settings…* and makes one
``Settings`` reachable as ``settings_for(window)`` for the other services.

``CARDWISE_SETTINGS=/path/file.ini`` puts the settings in that file instead of the user's
(tests, portable installs). The language applies live: the dialog calls :func:`app.ui.i18n.set_language`, which
retranslates every open window (and the next start reads the stored value).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ui import i18n

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow

from app.ui.settings import (APPLICATION, DEFAULT_PROFILES, ORGANIZATION, UNITS, Settings,  # noqa: F401
                             available_profiles, settings_for)


def _profile_label(profile: str) -> str:
    names = {"amazon": "Amazon", "walmart": "Walmart", "ebay": "eBay", "etsy": "Etsy", "tiktok": "TikTok Shop"}
    return names.get(profile, profile)


class SettingsDialog(QDialog):
    """Edits a :class:`Settings`; changes apply when the user presses OK."""

    def __init__(self, settings: Settings, parent: QWidget | None = None, rule_titles: dict[str, str] | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.rule_titles = rule_titles or {}
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(460)

        general = QGroupBox(self.tr("General"))
        form = QFormLayout(general)
        self.profile_box = QComboBox()
        for p in available_profiles():
            self.profile_box.addItem(_profile_label(p), p)
        self.profile_box.setCurrentIndex(max(0, self.profile_box.findData(settings.profile)))
        form.addRow(self.tr("Marketplace profile:"), self.profile_box)

        self.unit_box = QComboBox()
        for u, label in (("mm", self.tr("Millimetres (mm)")), ("in", self.tr("Inches (in)")), ("pt", self.tr("Points (pt)"))):
            self.unit_box.addItem(label, u)
        self.unit_box.setCurrentIndex(max(0, self.unit_box.findData(settings.unit)))
        form.addRow(self.tr("Units:"), self.unit_box)

        self.language_box = QComboBox()
        for code, name in i18n.LANGUAGES.items():
            self.language_box.addItem(name, code)
        self.language_box.setCurrentIndex(max(0, self.language_box.findData(settings.language)))
        form.addRow(self.tr("Interface language:"), self.language_box)

        ignored = QGroupBox(self.tr("Disabled rules"))
        v = QVBoxLayout(ignored)
        hint = QLabel(self.tr("Rules you switched off with Disable rule. They are not checked in the designer."))
        hint.setWordWrap(True)
        v.addWidget(hint)
        self.rules_list = QListWidget()
        self.rules_list.setSelectionMode(QAbstractItemView.ExtendedSelection)
        v.addWidget(self.rules_list)
        row = QHBoxLayout()
        self.remove_button = QPushButton(self.tr("Enable again"))
        self.remove_button.clicked.connect(self._remove_selected)
        row.addStretch(1)
        row.addWidget(self.remove_button)
        v.addLayout(row)
        self._fill_rules(settings.disabled_rules)

        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(general)
        layout.addWidget(ignored, 1)
        layout.addWidget(buttons)

    def _fill_rules(self, rules: list[str]) -> None:
        self.rules_list.clear()
        for rule in rules:
            title = self.rule_titles.get(rule)
            item = QListWidgetItem(f"{rule} — {title}" if title else rule)
            item.setData(Qt.UserRole, rule)
            self.rules_list.addItem(item)
        self.remove_button.setEnabled(bool(rules))

    def _remove_selected(self) -> None:
        for item in self.rules_list.selectedItems():
            self.rules_list.takeItem(self.rules_list.row(item))
        self.remove_button.setEnabled(self.rules_list.count() > 0)

    def kept_rules(self) -> list[str]:
        return [self.rules_list.item(i).data(Qt.UserRole) for i in range(self.rules_list.count())]

    def accept(self) -> None:
        s = self.settings
        s.profile = self.profile_box.currentData()
        s.unit = self.unit_box.currentData()
        for rule in set(s.disabled_rules) - set(self.kept_rules()):
            s.enable_rule(rule)
        language = self.language_box.currentData()
        super().accept()
        if language != i18n.current_language():
            i18n.set_language(language)      # before 'changed' fires, so listeners see it
        s.language = language


def _rule_titles() -> dict[str, str]:
    from checks import Checker   # here: the engine loads after the window

    try:
        return {r.id: r.name for r in Checker().rules}
    except Exception:
        return {}


def menu_for(window: QMainWindow, source_title: str, object_name: str) -> QMenu:
    """The window's top-level menu whose English title is ``source_title`` (found by
    object name or title, translated or not), created at the end of the menu bar if the
    window has none."""
    bar = window.menuBar()
    wanted = {source_title, source_title.replace("&", ""), i18n.translate("MainWindow", source_title),
              i18n.translate("MainWindow", source_title).replace("&", "")}
    for action in bar.actions():
        menu = action.menu()
        if menu is None:
            continue
        if menu.objectName() == object_name or menu.title() in wanted or menu.title().replace("&", "") in wanted:
            return menu
    menu = bar.addMenu(i18n.translate("MainWindow", source_title))
    menu.setObjectName(object_name)
    return menu


def apply_saved_language(settings: Settings | None = None) -> str:
    """Install the stored interface language (call before building the window, so every
    string, Qt's own included, is created translated). Returns the language code."""
    settings = settings or Settings()
    i18n.install_language(settings.language)
    return settings.language


def install(window: MainWindow) -> QAction:
    """Add *Edit › Settings…* (Ctrl+,) to the window; returns the action. If the stored
    language is not the one the window was built in, the window is retranslated now."""
    settings = settings_for(window)
    if settings.q.contains("ui/language") and settings.language != i18n.current_language():
        i18n.set_language(settings.language, [window])   # a stored choice the window missed
    from app.ui.actions import CommandId, service_action

    action = service_action(CommandId.SETTINGS, window)

    def open_dialog() -> None:
        dialog = SettingsDialog(settings, window, _rule_titles())
        dialog.exec()

    action.triggered.connect(open_dialog)

    def follow(key: str) -> None:
        if key == "view/unit":
            window.set_unit(settings.unit)

    settings.changed.connect(follow)

    def refresh_dynamic_text(key: str) -> None:
        """After a live language switch: texts the window composes itself (the selection's
        title in the properties panel, the card size in the status bar) are rebuilt."""
        if key != "ui/language":
            return
        window.refresh_composed_texts()

    settings.changed.connect(refresh_dynamic_text)
    if window.unit != settings.unit:
        window.set_unit(settings.unit)
    menu = menu_for(window, "&Edit", "menu-edit")
    menu.addSeparator()
    menu.addAction(action)
    return action
