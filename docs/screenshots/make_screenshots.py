"""Regenerate the designer screenshots in this folder (offscreen, no display needed).

    .venv/bin/python docs/screenshots/make_screenshots.py

* ``hover-card.png``   the thank-you template after typing a gift-for-review line: red
  underline, the finding's hover card, the findings panel and the red status light;
* ``export-dialog.png`` File › Export… on the same card (crop marks on, live preview);
* ``chinese-ui.png``   the same window with the interface in Simplified Chinese.

(``main-window.png`` is made by the canvas's own script.)
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QSettings, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

VIOLATION_BODY = ("We hope your new purchase brings you joy. "
                  "Leave us a 5-star review and get a free gift!")
VIOLATION_BODY_ZH = VIOLATION_BODY


def run_until(app, pred, limit: float = 60.0) -> bool:
    """Run the event loop until ``pred()`` (the checker thread needs the loop, not qWait)."""
    loop = QEventLoop()
    end = time.time() + limit
    poll = QTimer()
    poll.setInterval(10)
    poll.timeout.connect(lambda: (pred() or time.time() > end) and loop.quit())
    poll.start()
    if not pred():
        loop.exec()
    poll.stop()
    return pred()


def pause(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def window_with_finding(language: str, tmp: Path):
    """The designer on the thank-you card with a violating body text and its hover card."""
    from app.model.templates import new_from_template
    from app.ui import i18n
    from app.ui.application import build_window, ensure_app
    from app.ui.commands import EditText

    app = ensure_app()
    qs = QSettings(str(tmp / f"settings-{language}.ini"), QSettings.IniFormat)
    qs.setValue("ui/language", language)
    qs.sync()
    doc = new_from_template("thank-you")
    win = build_window(doc, qsettings=qs, data_dir=tmp)
    win.files.maybe_save = lambda *a, **k: True
    win.show()
    QTest.qWaitForWindowExposed(win)
    service = win.live_check
    if not run_until(app, lambda: service.checker is not None and service.applied_generation > 0):
        raise SystemExit(f"the checker did not start: {service.checker_error}")
    body = next(el for _s, el in doc.elements() if el.id.endswith("body"))
    win.undo_stack.push(EditText(doc, body.id, VIOLATION_BODY if language == "en" else VIOLATION_BODY_ZH))
    run_until(app, lambda: any(f.element_id == body.id for f in service.findings()))
    run_until(app, lambda: service.applied_generation == service.generation, 5)
    pause(500)   # let the print preflight (debounced) join the panel
    finding = next(f for f in service.findings() if f.element_id == body.id)
    win.scene.select_ids([body.id])
    win.live_presenter.show_panel()
    from PySide6.QtCore import Qt
    win.resizeDocks([win.live_presenter.dock], [170], Qt.Vertical)
    pause(50)
    # scroll so the underlined line sits in the upper part of the canvas: the card opens below it
    span = win.scene.item_for(body.id).span_rects(finding.start, finding.end)[0]
    win.view.centerOn(span.center().x() - 20, span.center().y() + 12)
    pause(50)
    win.live_presenter.show_card(finding)
    pause(100)
    assert language == "en" or i18n.current_language() == language
    return app, win, service, doc


def main() -> int:
    from app.ui import i18n
    from app.ui.export_dialog import ExportDialog

    out = HERE
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        app, win, service, doc = window_with_finding("en", tmp)
        win.grab().save(str(out / "hover-card.png"))
        print("wrote", out / "hover-card.png")

        dialog = ExportDialog(doc, win, Path.home() / "Cards" / "thank-you.pdf")
        dialog.crop_marks.setChecked(True)
        dialog.proof.setChecked(True)
        dialog.resize(980, 680)
        dialog.show()
        QTest.qWaitForWindowExposed(dialog)
        dialog.render_preview()
        pause(100)
        dialog.grab().save(str(out / "export-dialog.png"))
        print("wrote", out / "export-dialog.png")
        dialog.reject()
        service.shutdown()
        win.shutdown()
        win.hide()

        i18n.install_language("zh_CN")
        app, win_zh, service_zh, _doc = window_with_finding("zh_CN", tmp)
        pause(100)
        win_zh.grab().save(str(out / "chinese-ui.png"))
        print("wrote", out / "chinese-ui.png")
        service_zh.shutdown()
        win_zh.shutdown()
    sys.stdout.flush()
    os._exit(0)   # skip interpreter teardown of Qt objects


if __name__ == "__main__":
    sys.exit(main())
