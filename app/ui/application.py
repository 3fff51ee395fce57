"""Composition root of the designer: builds the QApplication, the document, the undo stack,
the settings and the main window, then attaches the optional designer services.

Everything is passed in (constructor injection), so a test builds a fresh window with its own
document, undo stack, temporary settings file and data folder::

    window = build_window(doc, qsettings=QSettings(str(tmp / "s.ini"), QSettings.IniFormat),
                          data_dir=tmp, extensions=())

The services in other modules (settings, live check, export, batch) attach themselves with
their ``install(window)`` function; ``EXTENSIONS`` lists those functions, and a test passes
the ones it needs (``extensions=(live_check.install,)``). One that fails to install is
reported on the status bar, not fatal.
"""
from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QCoreApplication, QSettings, QTimer
from PySide6.QtGui import QGuiApplication, QUndoStack
from PySide6.QtWidgets import QApplication, QMessageBox

from app import APP_ID
from app.model import CardSpec, Document
from app.ui import batch_window, export_dialog, live_check, resources, settings_dialog
from app.ui.files import Recovery, default_data_dir, pending_recoveries
from app.ui.main_window import MainWindow, release_clipboard
from app.ui.settings import Settings

log = logging.getLogger(__name__)

ORGANIZATION = "Cardwise"
APPLICATION = "Cardwise"

#: attaches one service to a window (and returns what it attached)
Installer = Callable[[MainWindow], object]

#: The designer's services, attached in this order (the settings first: the others read them).
EXTENSIONS: tuple[Installer, ...] = (
    settings_dialog.install,
    live_check.install,
    export_dialog.install,
    batch_window.install,
)


def ensure_app(argv: list[str] | None = None) -> QApplication:
    """The process's QApplication (created once, with Cardwise's names, icon and style)."""
    app = QApplication.instance()
    if app is None:
        QCoreApplication.setOrganizationName(ORGANIZATION)
        QCoreApplication.setApplicationName(APPLICATION)  # also the X11 WM_CLASS (StartupWMClass)
        QGuiApplication.setDesktopFileName(APP_ID)  # Wayland app id = the .desktop file's name
        app = QApplication(["cardwise", *(argv or [])])
        app.setWindowIcon(resources.app_icon())
        app.setStyle("Fusion")
        app.setStyleSheet(resources.stylesheet())
        app.aboutToQuit.connect(release_clipboard)
    return app


def default_qsettings() -> QSettings:
    return QSettings(QSettings.IniFormat, QSettings.UserScope, ORGANIZATION, APPLICATION)


def default_document() -> Document:
    """A blank 4 × 6 in card, front and back (when no template is chosen)."""
    return Document.new(CardSpec.from_preset("4x6in", "portrait"))


def _user_settings(qsettings: QSettings) -> Settings:
    """The typed Settings over the same QSettings store."""
    return Settings(qsettings)


def _install_language(settings: Settings) -> None:
    from app.ui import i18n

    try:
        i18n.install_language(settings.language)
    except Exception:  # pragma: no cover - a broken translation file must not stop the designer
        log.exception("could not install the interface language")


def install_extensions(window: MainWindow, installers: tuple[Installer, ...] = EXTENSIONS) -> list[str]:
    """Attach each service to ``window``; returns the modules of the ones installed."""
    done = []
    for install in installers:
        name = install.__module__
        try:
            install(window)
        except Exception as exc:  # report, keep the designer usable
            log.exception("designer extension %s failed to install", name)
            window.status_bar.showMessage(f"{name}: {exc}", 10000)
            continue
        done.append(name)
    return done


def build_window(document: Document | None = None, *, qsettings: QSettings | None = None,
                 data_dir: Path | None = None, path: Path | None = None, undo_stack: QUndoStack | None = None,
                 extensions: tuple[Installer, ...] = EXTENSIONS, fonts=None, judge_factory=None) -> MainWindow:
    """A main window over ``document`` with fresh services (see the module docstring).
    ``judge_factory``: ``profile → app.verdict.Judge`` for the live check and the export
    gate (``app.ui.launch`` passes its checker process's; None: a checker in this process)."""
    ensure_app()
    qsettings = qsettings if qsettings is not None else default_qsettings()
    settings = _user_settings(qsettings)
    _install_language(settings)
    window = MainWindow(document or default_document(), undo_stack or QUndoStack(), qsettings=qsettings,
                        settings=settings, data_dir=data_dir if data_dir is not None else default_data_dir(),
                        path=path, fonts=fonts, unit=settings.unit, judge_factory=judge_factory)
    settings.changed.connect(lambda key: key == "view/unit" and window.set_unit(settings.unit))
    install_extensions(window, extensions)
    return window


def ask_recover(window: MainWindow, rec: Recovery) -> bool:
    """Offer one autosaved card; True = reopen it (False discards it)."""
    name = rec.original.name if rec.original else QCoreApplication.translate("Application", "an untitled card")
    box = QMessageBox(window)
    box.setIcon(QMessageBox.Question)
    box.setWindowTitle(QCoreApplication.translate("Application", "Recover Unsaved Work"))
    box.setText(QCoreApplication.translate("Application", "Cardwise did not close normally. Recover your unsaved "
                                                          "changes to %1?").replace("%1", name))
    box.setInformativeText(QCoreApplication.translate("Application", "If you choose Discard, the autosaved copy is deleted."))
    box.setStandardButtons(QMessageBox.Yes | QMessageBox.Discard)
    box.setDefaultButton(QMessageBox.Yes)
    return box.exec() == QMessageBox.Yes


def offer_recovery(window: MainWindow, ask=ask_recover) -> bool:
    """At start-up: offer the newest autosave left by a crash; True when one was reopened."""
    pending = pending_recoveries(window.files.data_dir)
    if not pending:
        return False
    newest = pending[0]  # one per start; older leftovers are offered at the next start
    if ask(window, newest):
        return window.files.recover(newest)
    newest.discard()
    return False


def run(window: MainWindow) -> int:
    app = ensure_app()
    window.show()
    probe = os.environ.get("CARDWISE_STARTUP_PROBE")
    if probe:  # packaging/smoke.py times the frozen designer's cold start: shown, then quit
        QTimer.singleShot(0, lambda: (_write_startup_probe(Path(probe)), app.quit()))
    return int(app.exec())


def _write_startup_probe(path: Path) -> None:
    """Write the wall-clock time at which the window is shown and the event loop runs."""
    import time

    path.write_text(f"{time.time():.6f}\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:  # pragma: no cover - thin wrapper
    from app.ui.launch import main as launch_main

    return launch_main(list(sys.argv[1:] if argv is None else argv))
