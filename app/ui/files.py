"""File handling for a designer window: new, open, save, save as, recent files, autosave and
recovery after a crash, and the "unsaved changes" question on close.

``FileController(window, qsettings, data_dir)`` is owned by the main window. "Modified" is
the undo stack's clean state, so undoing back to the saved state makes the document clean
again. Saving goes through ``app.io.project.save`` (atomic); load errors are
``ProjectFileError`` messages shown as they are.

**Autosave and recovery.** Every ``AUTOSAVE_MS`` (one minute) a modified document is written
to ``<data_dir>/recovery/<session>.cardwise`` (through the same atomic save) with a
``.json`` sidecar holding the original path, the time, and this process's id. A clean save,
or closing the window (whether the user saved or chose to discard), deletes both. So
recovery files exist only when Cardwise stopped without closing the window: a crash, a
kill, a power cut. On the next start ``pending_recoveries(data_dir)`` lists those (skipping
files whose process is still running, i.e. another open Cardwise window), and the
composition root offers to reopen them.

The dialogs are methods (``ask_open_path``, ``ask_save_path``, ``ask_unsaved``,
``show_error``) so tests can replace them without a display.
"""
from __future__ import annotations

import json
import os
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStandardPaths, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.errors import CardwiseError

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow

AUTOSAVE_MS = 60_000
MAX_RECENT = 8
RECENT_KEY = "files/recent"


def default_data_dir() -> Path:
    """The user data folder (``QStandardPaths.AppDataLocation``)."""
    loc = QStandardPaths.writableLocation(QStandardPaths.AppDataLocation)
    return Path(loc) if loc else Path.home() / ".local" / "share" / "Cardwise"


@dataclass
class Recovery:
    path: Path              # the autosaved .cardwise
    original: Path | None   # the file the user was editing, if it had been saved before
    saved_at: float
    pid: int

    @property
    def sidecar(self) -> Path:
        return self.path.with_suffix(".json")

    def discard(self) -> None:
        for p in (self.path, self.sidecar):
            try:
                p.unlink()
            except FileNotFoundError:
                pass


def _alive(pid: int) -> bool:
    if pid <= 0 or pid == os.getpid():
        return pid == os.getpid()
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def pending_recoveries(data_dir: Path, include_own: bool = False) -> list[Recovery]:
    """Autosaves left by a Cardwise that did not close its window (newest first)."""
    folder = Path(data_dir) / "recovery"
    out: list[Recovery] = []
    if not folder.is_dir():
        return out
    for card in folder.glob("*.cardwise"):
        meta: dict = {}
        side = card.with_suffix(".json")
        try:
            meta = json.loads(side.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            meta = {}
        pid = int(meta.get("pid", 0) or 0)
        if pid and _alive(pid) and not (include_own and pid == os.getpid()):
            continue  # another window is still editing it
        orig = meta.get("original")
        out.append(Recovery(card, Path(orig) if orig else None, float(meta.get("saved_at", card.stat().st_mtime)), pid))
    out.sort(key=lambda r: r.saved_at, reverse=True)
    return out


class FileController(QObject):
    """File commands for one window (see the module docstring)."""

    path_changed = Signal(object)   # Path | None
    recent_changed = Signal()
    autosaved = Signal(object)      # Path of the recovery file

    def __init__(self, window: MainWindow, qsettings, data_dir: Path | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.qsettings = qsettings
        self.data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
        self.path: Path | None = None
        self.session = uuid.uuid4().hex[:12]
        self._autosaved_index: int | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(AUTOSAVE_MS)
        self.timer.timeout.connect(self.autosave)
        self.timer.start()

    # --- state --------------------------------------------------------------------------
    @property
    def undo_stack(self):
        return self.window.undo_stack

    def is_modified(self) -> bool:
        return not self.undo_stack.isClean()

    def display_name(self) -> str:
        return self.path.name if self.path else self.tr("Untitled")

    # --- dialogs (replaceable in tests) ---------------------------------------------------
    def ask_open_path(self) -> str:
        start = str(self.path.parent) if self.path else str(Path.home())
        path, _ = QFileDialog.getOpenFileName(self.window, self.tr("Open Card"), start, self.tr("Cardwise card (*.cardwise)"))
        return path

    def ask_save_path(self) -> str:
        start = str(self.path) if self.path else str(Path.home() / "card.cardwise")
        path, _ = QFileDialog.getSaveFileName(self.window, self.tr("Save Card As"), start, self.tr("Cardwise card (*.cardwise)"))
        return path

    def ask_unsaved(self) -> QMessageBox.StandardButton:
        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Warning)
        box.setWindowTitle(self.tr("Unsaved Changes"))
        box.setText(self.tr("Save the changes to “%1” before closing?").replace("%1", self.display_name()))
        box.setInformativeText(self.tr("Your changes will be lost if you don't save them."))
        box.setStandardButtons(QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel)
        box.setDefaultButton(QMessageBox.Save)
        return QMessageBox.StandardButton(box.exec())

    def show_error(self, title: str, message: str) -> None:
        QMessageBox.warning(self.window, title, message)

    # --- commands -----------------------------------------------------------------------
    def maybe_save(self) -> bool:
        """Ask about unsaved changes; True when the caller may go on (saved or discarded)."""
        if not self.is_modified():
            return True
        answer = self.ask_unsaved()
        if answer == QMessageBox.Save:
            return self.save()
        return answer == QMessageBox.Discard

    def new_from_gallery(self) -> None:
        if not self.maybe_save():
            return
        from app.ui.gallery import choose_start

        choice = choose_start(self.window, self.recent_files())
        if choice is None:
            return
        if choice.path is not None:
            self.open_path(choice.path, ask=False)
        elif choice.document is not None:
            self.set_document(choice.document, None)

    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        path = self.ask_open_path()
        if path:
            self.open_path(path, ask=False)

    def open_path(self, path, ask: bool = True) -> bool:
        """Open a project file; shows the loader's message on failure and keeps the current card."""
        if ask and not self.maybe_save():
            return False
        from app.io import project

        path = Path(path)
        try:
            doc = project.load(path)
        except (CardwiseError, OSError) as exc:
            self.show_error(self.tr("Cannot Open Card"), str(exc))
            self.forget_recent(path)
            return False
        self.set_document(doc, path)
        self.add_recent(path)
        return True

    def set_document(self, doc, path: Path | None, modified: bool = False) -> None:
        self.discard_recovery()
        self.window.set_document(doc)
        self.path = Path(path) if path else None
        self.undo_stack.clear()
        if modified:
            # a recovered card is unsaved work: mark it modified so closing asks
            self.undo_stack.resetClean()
        self.path_changed.emit(self.path)

    def save(self) -> bool:
        if self.path is None:
            return self.save_as()
        return self._save_to(self.path)

    def save_as(self) -> bool:
        path = self.ask_save_path()
        if not path:
            return False
        p = Path(path)
        if p.suffix.lower() != ".cardwise":
            p = p.with_suffix(".cardwise")
        return self._save_to(p)

    def _save_to(self, path: Path) -> bool:
        from app.io import project

        try:
            self.window.commit_pending_edits()
            written = project.save(self.window.document, path)
        except (CardwiseError, OSError) as exc:
            self.show_error(self.tr("Cannot Save Card"), str(exc))
            return False
        self.path = Path(written)
        self.undo_stack.setClean()
        self.discard_recovery()
        self.add_recent(self.path)
        self.path_changed.emit(self.path)
        return True

    # --- recent files ---------------------------------------------------------------------
    def recent_files(self) -> list[Path]:
        value = self.qsettings.value(RECENT_KEY, [])
        if isinstance(value, str):
            value = [value] if value else []
        return [Path(v) for v in (value or []) if v]

    def add_recent(self, path: Path) -> None:
        path = Path(path).resolve()
        items = [p for p in self.recent_files() if Path(p).resolve() != path]
        items.insert(0, path)
        self.qsettings.setValue(RECENT_KEY, [str(p) for p in items[:MAX_RECENT]])
        self.qsettings.sync()
        self.recent_changed.emit()

    def forget_recent(self, path: Path) -> None:
        path = Path(path)
        items = [p for p in self.recent_files() if p != path]
        self.qsettings.setValue(RECENT_KEY, [str(p) for p in items])
        self.recent_changed.emit()

    def clear_recent(self) -> None:
        self.qsettings.setValue(RECENT_KEY, [])
        self.recent_changed.emit()

    # --- autosave / recovery ----------------------------------------------------------------
    @property
    def recovery_path(self) -> Path:
        return self.data_dir / "recovery" / f"{self.session}.cardwise"

    def autosave(self) -> Path | None:
        """Write the unsaved document to the recovery folder (only when it changed since)."""
        if not self.is_modified():
            return None
        index = self.undo_stack.index()
        if self._autosaved_index == index and self.recovery_path.exists():
            return None
        from app.io import project

        try:
            self.recovery_path.parent.mkdir(parents=True, exist_ok=True)
            project.save(self.window.document, self.recovery_path)
            meta = {"original": str(self.path) if self.path else None, "saved_at": time.time(), "pid": os.getpid(),
                    "title": self.display_name()}
            tmp = self.recovery_path.with_suffix(".json.tmp")
            tmp.write_text(json.dumps(meta), encoding="utf-8")
            os.replace(tmp, self.recovery_path.with_suffix(".json"))
        except (CardwiseError, OSError) as exc:
            self.window.status_bar.showMessage(self.tr("Autosave failed: %1").replace("%1", str(exc)), 8000)
            return None
        self._autosaved_index = index
        self.autosaved.emit(self.recovery_path)
        return self.recovery_path

    def discard_recovery(self) -> None:
        Recovery(self.recovery_path, None, 0, 0).discard()
        self._autosaved_index = None

    def recover(self, rec: Recovery) -> bool:
        """Open an autosaved card as unsaved work (its original path kept for Save)."""
        from app.io import project

        try:
            doc = project.load(rec.path)
        except (CardwiseError, OSError) as exc:
            self.show_error(self.tr("Cannot Recover Card"), str(exc))
            return False
        self.set_document(doc, rec.original, modified=True)
        rec.discard()
        self.autosave()  # keep it safe under this session's name until it is saved
        return True

    def shutdown(self) -> None:
        """The window is closing (after the user saved or discarded): no recovery needed."""
        self.timer.stop()
        self.discard_recovery()
