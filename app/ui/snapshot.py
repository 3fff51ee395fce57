"""Render the designer window offscreen to a PNG (documentation screenshots, visual checks).

``python -m app.ui.snapshot OUT.png [TEMPLATE] [--select N] [--side back]`` builds a window on a
template (default ``thank-you``) in a temporary settings/data folder, so the user's own
settings and recent files are never read or changed, and saves ``window.grab()``.
``snapshot(...)`` does the same from Python (the documentation screenshot script calls it).
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow


def snapshot(out: Path, template: str = "thank-you", *, select: int | None = None, side: str = "front",
             extensions=None, size=(1400, 900), prepare=None, language: str | None = None) -> Path:
    """Save a screenshot of the main window showing ``template``; returns the PNG path."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from app.model.templates import new_from_template
    from app.ui.application import EXTENSIONS, build_window, ensure_app

    app = ensure_app()
    with tempfile.TemporaryDirectory() as tmp:
        qs = QSettings(str(Path(tmp) / "settings.ini"), QSettings.IniFormat)
        if language:
            qs.setValue("ui/language", language)  # the settings key the language setting uses
        win = build_window(new_from_template(template), qsettings=qs, data_dir=Path(tmp),
                           extensions=EXTENSIONS if extensions is None else extensions)
        win.resize(*size)
        win.show()
        app.processEvents()
        if side != "front":
            win.set_side(side)
        win.zoom_fit()
        if select is not None:
            elements = win.document.side(win.scene.side).elements
            if 0 <= select < len(elements):
                win.scene.select_ids([elements[select].id])
        if prepare is not None:
            prepare(win)
        wait_for_checker(win)
        for _ in range(5):
            app.processEvents()
        out = Path(out)
        out.parent.mkdir(parents=True, exist_ok=True)
        win.grab().save(str(out))
        win.undo_stack.setClean()
        win.close()
        win.deleteLater()
        QApplication.processEvents()
    return out


def run_until(pred, limit: float = 5.0) -> bool:
    """Run the Qt event loop until ``pred()`` holds, at most ``limit`` seconds; returns
    ``pred()``. A real event loop (not ``QTest.qWait``): the live checker's worker thread
    delivers its results through it. Used by the screenshot scripts and the GUI benchmarks."""
    import time

    from PySide6.QtCore import QEventLoop, QTimer

    if pred():
        return True
    loop = QEventLoop()
    end = time.perf_counter() + limit
    poll = QTimer()
    poll.setInterval(1)
    poll.timeout.connect(lambda: (pred() or time.perf_counter() > end) and loop.quit())
    poll.start()
    loop.exec()
    poll.stop()
    return pred()


def pause(ms: int) -> None:
    """Run the Qt event loop for ``ms`` milliseconds (a pause in typing, a menu opening)."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_for_checker(win: MainWindow, timeout_s: float = 30.0) -> None:
    """Let the live checker (when installed) finish loading and publish, so the panel and the
    status light show real results rather than "loading"."""
    import time

    from PySide6.QtWidgets import QApplication

    service = win.live_check
    if service is None:
        return
    end = time.monotonic() + timeout_s
    while time.monotonic() < end and service.checker is None and service.checker_error is None:
        QApplication.processEvents()
        time.sleep(0.02)
    end = time.monotonic() + 2.0
    while time.monotonic() < end:  # debounce + one check round
        QApplication.processEvents()
        time.sleep(0.02)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m app.ui.snapshot", description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("template", nargs="?", default="thank-you")
    ap.add_argument("--select", type=int, default=None, help="select the N-th element (z-order) of the side")
    ap.add_argument("--side", choices=("front", "back"), default="front")
    ap.add_argument("--no-extensions", action="store_true", help="without the live checker and other services")
    ap.add_argument("--language", default=None, help="interface language, e.g. zh_CN")
    args = ap.parse_args(argv)
    path = snapshot(args.out, args.template, select=args.select, side=args.side,
                    extensions=() if args.no_extensions else None, language=args.language)
    print(path)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
