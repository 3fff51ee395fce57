"""Settings: marketplace profile, units, interface language, disabled rules (QSettings).

:class:`Settings` wraps a ``QSettings`` (constructor injection: tests pass one backed by a
temporary INI file) and emits ``changed(key)`` when a value changes, so the live checker
re-checks when the profile or the ignore list changes and the canvas can follow the unit.
:class:`SettingsDialog` edits it. ``install(window)`` adds *Edit › Settings…* and makes one
``Settings`` reachable as ``settings_for(window)`` for the other services.

``CARDWISE_SETTINGS=/path/file.ini`` puts the settings in that file instead of the user's
(tests, portable installs). The language applies live: the dialog calls :func:`app.ui.i18n.set_language`, which
retranslates every open window (and the next start reads the stored value).
"""
from __future__ import annotations

import os

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
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

ORGANIZATION = "Cardwise"
APPLICATION = "Cardwise"

DEFAULT_PROFILES = ("amazon", "walmart", "ebay", "etsy", "tiktok")
UNITS = ("mm", "in", "pt")


def available_profiles() -> list[str]:
    """Marketplace profiles the checker knows (falls back to the documented five)."""
    try:
        from checks import available_profiles as profiles
    except ImportError:
        return list(DEFAULT_PROFILES)
    try:
        found = list(profiles())
    except Exception:  # a broken rule pack must not keep the settings from opening
        return list(DEFAULT_PROFILES)
    return found or list(DEFAULT_PROFILES)


def _profile_label(profile: str) -> str:
    names = {"amazon": "Amazon", "walmart": "Walmart", "ebay": "eBay", "etsy": "Etsy", "tiktok": "TikTok Shop"}
    return names.get(profile, profile)


class Settings(QObject):
    """The user's preferences. Values are validated on read, so a hand-edited or old
    settings file can never put the application into an unknown state."""

    changed = Signal(str)

    def __init__(self, qsettings: QSettings | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        if qsettings is None:
            path = os.environ.get("CARDWISE_SETTINGS")   # tests and portable installs
            qsettings = (QSettings(path, QSettings.IniFormat) if path else
                         QSettings(QSettings.IniFormat, QSettings.UserScope, ORGANIZATION, APPLICATION))
        self.q = qsettings

    # -- typed accessors ---------------------------------------------------------------
    @property
    def profile(self) -> str:
        value = str(self.q.value("check/profile", "amazon"))
        return value if value in available_profiles() else "amazon"

    @profile.setter
    def profile(self, value: str) -> None:
        self._set("check/profile", value)

    @property
    def unit(self) -> str:
        value = str(self.q.value("view/unit", "mm"))
        return value if value in UNITS else "mm"

    @unit.setter
    def unit(self, value: str) -> None:
        if value not in UNITS:
            raise ValueError(f"unknown unit {value!r}; choose one of {', '.join(UNITS)}")
        self._set("view/unit", value)

    @property
    def language(self) -> str:
        value = str(self.q.value("ui/language", i18n.DEFAULT_LANGUAGE))
        return value if value in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE

    @language.setter
    def language(self, value: str) -> None:
        if value not in i18n.LANGUAGES:
            raise ValueError(f"unknown interface language {value!r}")
        self._set("ui/language", value)

    @property
    def disabled_rules(self) -> list[str]:
        """Rules switched off with *Disable rule* (ids or names), sorted, no duplicates."""
        value = self.q.value("check/disabled_rules", [])
        if isinstance(value, str):
            value = [value] if value else []
        return sorted({str(v) for v in (value or []) if str(v).strip()})

    def disable_rule(self, rule: str) -> None:
        rules = set(self.disabled_rules)
        if rule not in rules:
            rules.add(rule)
            self._set("check/disabled_rules", sorted(rules))

    def enable_rule(self, rule: str) -> None:
        rules = set(self.disabled_rules)
        if rule in rules:
            rules.discard(rule)
            self._set("check/disabled_rules", sorted(rules))

    def _set(self, key: str, value) -> None:
        if self.q.value(key) == value:
            return
        self.q.setValue(key, value)
        self.q.sync()
        self.changed.emit(key)


def settings_for(window: QObject) -> Settings:
    """The window's Settings (one per window; created on first use)."""
    s = getattr(window, "cardwise_settings", None)
    if s is None:
        s = getattr(window, "settings", None)
        if not isinstance(s, Settings):
            q = getattr(window, "qsettings", None)   # the window's own store (tests inject one)
            s = Settings(q if isinstance(q, QSettings) else None, parent=window)
        window.cardwise_settings = s
    return s


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
    try:
        from checks import Checker
    except ImportError:
        return {}
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


def install(window: QMainWindow) -> QAction:
    """Add *Edit › Settings…* (Ctrl+,) to the window; returns the action. If the stored
    language is not the one the window was built in, the window is retranslated now."""
    settings = settings_for(window)
    if settings.q.contains("ui/language") and settings.language != i18n.current_language():
        i18n.set_language(settings.language, [window])   # a stored choice the window missed
    action = QAction(i18n.translate("Settings", "Settings…"), window)
    action.setObjectName("action-settings")
    action.setShortcut(QKeySequence.Preferences if not QKeySequence(QKeySequence.Preferences).isEmpty() else QKeySequence("Ctrl+,"))
    action.setMenuRole(QAction.PreferencesRole)

    def open_dialog() -> None:
        dialog = SettingsDialog(settings, window, _rule_titles())
        dialog.exec()

    action.triggered.connect(open_dialog)

    def follow(key: str) -> None:
        if key == "view/unit" and callable(getattr(window, "set_unit", None)):
            window.set_unit(settings.unit)

    settings.changed.connect(follow)

    def refresh_dynamic_text(key: str) -> None:
        """After a live language switch: texts the window composes itself (the selection's
        title in the properties panel, the card size in the status bar) are rebuilt."""
        if key != "ui/language":
            return
        scene = getattr(window, "scene", None)
        if scene is not None and hasattr(scene, "selection_ids_changed"):
            scene.selection_ids_changed.emit()
        update_status = getattr(window, "_update_status", None)
        if callable(update_status):
            update_status()

    settings.changed.connect(refresh_dynamic_text)
    if callable(getattr(window, "set_unit", None)) and getattr(window, "unit", settings.unit) != settings.unit:
        window.set_unit(settings.unit)
    menu = menu_for(window, "&Edit", "menu-edit")
    menu.addSeparator()
    menu.addAction(action)
    return action
