"""The cycle collector runs on the GUI thread once live checking is installed: a collection
started on the live check's worker thread could finalise Qt objects off their thread, which
crashed the test process once (a segmentation fault while the worker built a checker)."""
from __future__ import annotations

import gc
import weakref

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from app.model.document import Document
from app.ui import gc_guard
from app.ui.gc_guard import collect_due
from app.ui.live_check import LiveCheckService
from app.ui.settings import Settings


class _Node:
    def __init__(self) -> None:
        self.me = self     # a reference cycle: only the cycle collector frees it


def test_live_checking_moves_cycle_collection_to_the_gui_thread(qtbot, tmp_path):
    service = LiveCheckService(Document(), Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat)), start=False)
    assert not gc.isenabled()
    timer = gc_guard._guard
    assert timer is not None and timer.isActive() and timer.parent() is QApplication.instance()
    # what the GUI thread's timer runs still frees garbage in cycles once a collection is due
    gc.collect()
    node = _Node()
    gone = weakref.ref(node)
    del node
    held = [[] for _ in range(gc.get_threshold()[0] + 1)]
    assert collect_due() >= 1 and gone() is None
    del held
    service.deleteLater()


def test_nothing_is_collected_before_the_youngest_generation_fills():
    gc.collect()
    assert collect_due() == 0
