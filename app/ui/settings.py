"""The user's settings: marketplace profile, units, interface language, disabled rules.

:class:`Settings` wraps a ``QSettings`` (constructor injection: tests pass one backed by a
temporary INI file) and emits ``changed(key)`` when a value changes, so the live checker
re-checks when the profile or the ignore list changes and the canvas can follow the unit.
It lives apart from its dialog (``app.ui.settings_dialog``), so the services that read the
settings (live check, export, batch) do not depend on the dialog's widgets.

``CARDWISE_SETTINGS=/path/file.ini`` puts the settings in that file instead of the user's
(tests, portable installs).
"""
from __future__ import annotations

import os
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Signal

from app.ui import i18n

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow

ORGANIZATION = "Cardwise"
APPLICATION = "Cardwise"

DEFAULT_PROFILES = ("amazon", "walmart", "ebay", "etsy", "tiktok")
UNITS = ("mm", "in", "pt")


def available_profiles() -> list[str]:
    """Marketplace profiles the checker knows (falls back to the documented five)."""
    from checks import available_profiles as profiles   # here: the engine loads after the window

    try:
        found = list(profiles())
    except Exception:  # a broken rule pack must not keep the settings from opening
        return list(DEFAULT_PROFILES)
    return found or list(DEFAULT_PROFILES)


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


def settings_for(window: MainWindow) -> Settings:
    """The window's Settings (one per window, given to or made by its constructor)."""
    return window.settings


