"""Python's cycle collector runs in whichever thread allocates when a generation fills up.
The live check works on a ``QThreadPool`` thread (app/ui/live_check.py), so a collection could
start there and finalise Qt objects the GUI thread owns (the wrappers of a closed dialog in a
reference cycle); a QObject destroyed off its thread crashes PySide6 (a segmentation fault,
seen once while the worker built a checker). Once live checking is installed the automatic
collector is off and a timer on the GUI thread collects instead, with the collector's own
thresholds; pyqtgraph's ``GarbageCollector`` does the same for the same reason. Reference
counting still frees everything outside cycles at once."""
from __future__ import annotations

import gc
import threading

from PySide6.QtCore import QCoreApplication, QObject, QTimer

INTERVAL_MS = 500

_guard: QObject | None = None


def collect_on_gui_thread() -> bool:
    """Turn the automatic collector off and collect from a timer on the GUI thread; once per
    application (a later call is a no-op), from the GUI thread (the main thread). Returns whether the
    guard is in place (False without a QApplication)."""
    global _guard
    app = QCoreApplication.instance()
    if app is None or threading.current_thread() is not threading.main_thread():
        return False
    # off again on every call: code run in this process may have turned it back on (the
    # checker process's start, app/checkproc.py, when a test runs it in-process)
    gc.disable()
    if _guard is not None and _guard.parent() is app:
        if not _guard.isActive():   # stopped by someone tidying the application's timers
            _guard.start()
        return True
    timer = QTimer(app)
    timer.setInterval(INTERVAL_MS)
    timer.timeout.connect(collect_due)
    timer.start()
    _guard = timer
    return True


def collect_due() -> int:
    """One collection of the generations whose counts passed their thresholds, as the
    automatic collector would have run it; the number of objects found unreachable."""
    t0, t1, t2 = gc.get_threshold()
    c0, c1, c2 = gc.get_count()
    if c0 <= t0:
        return 0
    generation = 2 if c2 > t2 else 1 if c1 > t1 else 0
    return gc.collect(generation)
