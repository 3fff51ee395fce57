"""Regenerate the designer screenshots in this folder (offscreen, no display needed).

    .venv/bin/python docs/screenshots/make_screenshots.py

All on the thank-you template after typing a gift-for-review line, with the real checker:

* ``main-window.png``    the window with the red underlines and, on a QR code that points
  at a sign-up page off Amazon, the hover card with its "Apply a fix" button;
* ``hover-card.png``     the hover card of the underlined words (rule title, message,
  suggestion, Apply suggestion), the findings panel and the red status light;
* ``group-context-menu.png`` the logo (ring, dot and mark) grouped with Ctrl+G, selected,
  with its right-click menu open;
* ``font-picker.png``    the properties panel's font picker open on the headline;
* ``export-dialog.png``  File › Export… (crop marks, live preview, the errors and the
  waiver box);
* ``chinese-ui.png``     the same window after a LIVE switch to 简体中文 in Settings (the
  window was built in English), with the hover card.

``batch-window.png`` is made by ``make_batch_screenshot.py``.
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from app.ui.snapshot import pause, run_until  # noqa: E402

VIOLATION_BODY = ("We hope your new purchase brings you joy. "
                  "Leave us a 5-star review and get a free gift!")
VIOLATION_BODY_ZH = VIOLATION_BODY


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
    if not run_until(lambda: service.checker is not None and service.applied_generation > 0, 60):
        raise SystemExit(f"the checker did not start: {service.checker_error}")
    body = next(el for _s, el in doc.elements() if el.id.endswith("body"))
    win.undo_stack.push(EditText(doc, body.id, VIOLATION_BODY if language == "en" else VIOLATION_BODY_ZH))
    run_until(lambda: any(f.element_id == body.id for f in service.findings()), 60)
    run_until(lambda: service.applied_generation == service.generation, 5)
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


SIGNUP_URL = "https://lumivox.example/warranty-register"


def grab_with_popups(window, *popups):
    """The window as on screen, with its open popups (menus, dropdowns: windows of their own
    that ``window.grab()`` leaves out) painted where they are."""
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QPainter

    shot = window.grab()
    painter = QPainter(shot)
    origin = window.mapToGlobal(QPoint(0, 0))
    for popup in popups:
        if popup is not None and popup.isVisible():
            painter.drawPixmap(popup.mapToGlobal(QPoint(0, 0)) - origin, popup.grab())
    painter.end()
    return shot


def save(pixmap, name: str) -> None:
    path = HERE / name
    pixmap.save(str(path))
    print("wrote", path)


def add_signup_qr(win, service, doc, app):
    """Replace the band's "Made with care" line with a QR code to a warranty sign-up page."""
    from app.model.elements import QrElement
    from app.ui.commands import AddElements, RemoveElements

    win.undo_stack.push(RemoveElements(doc, ["front-band-note"]))
    qr = QrElement(x=16, y=200, w=60, h=60, payload=SIGNUP_URL)   # its card opens clear of the body
    win.undo_stack.push(AddElements(doc, "front", [qr]))
    run_until(lambda: any(f.element_id == qr.id and str(f.category) != "print" for f in service.findings()), 60)
    return qr


def main() -> int:
    from PySide6.QtCore import QPointF

    from app.ui import i18n
    from app.ui.context_menu import build_context_menu
    from app.ui.export_dialog import ExportDialog
    from app.ui.settings_dialog import SettingsDialog

    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        app, win, service, doc = window_with_finding("en", tmp)
        save(win.grab(), "hover-card.png")

        # the QR code's card with its fix button, over the underlined body
        win.live_presenter.card.dismiss()
        qr = add_signup_qr(win, service, doc, app)
        win.scene.select_ids([])
        finding = next(f for f in service.findings() if f.element_id == qr.id and str(f.category) != "print")
        win.zoom_fit()
        pause(50)
        win.live_presenter.show_card(finding, win.scene.item_for(qr.id))
        pause(100)
        assert win.live_presenter.card.fix_button.isVisible(), "the QR card shows no fix button"
        save(win.grab(), "main-window.png")
        win.live_presenter.card.dismiss()

        # the logo grouped (Ctrl+G) and its right-click menu
        win.zoom_fit()
        win.scene.select_ids(["front-logo-ring", "front-logo-dot", "front-logo-mark"])
        win.group_selection()
        win.scene.select_ids([])
        ring = win.scene.item_for("front-logo-ring").sceneBoundingRect()
        at = QPointF(ring.left() + 6, ring.center().y())
        menu = build_context_menu(win, at)
        menu.popup(win.view.viewport().mapToGlobal(win.view.mapFromScene(at)))
        pause(100)
        save(grab_with_popups(win, menu), "group-context-menu.png")
        menu.close()
        menu.deleteLater()

        # the font picker on the headline
        win.select_element("front-headline")
        win.properties_dock.show()
        pause(50)
        picker = win.properties.font_combo
        for _ in range(3):   # a late event (a check result, a panel refresh) can close a popup
            picker.open_popup()
            pause(150)
            if picker.popup.isVisible():
                break
        save(grab_with_popups(win, picker.popup), "font-picker.png")
        picker.popup.hide()
        win.scene.select_ids([])

        dialog = ExportDialog(doc, win, Path.home() / "Cards" / "thank-you.pdf")
        dialog.crop_marks.setChecked(True)
        dialog.proof.setChecked(True)
        dialog.resize(1040, 720)
        dialog.show()
        QTest.qWaitForWindowExposed(dialog)
        dialog.render_preview()
        pause(100)
        save(dialog.grab(), "export-dialog.png")
        dialog.reject()

        # Edit › Settings… › Interface language: 简体中文, switched live in the open window
        settings_dialog = SettingsDialog(win.settings, win)
        settings_dialog.language_box.setCurrentIndex(settings_dialog.language_box.findData("zh_CN"))
        settings_dialog.accept()
        pause(200)
        assert i18n.current_language() == "zh_CN"
        body = next(f for f in service.findings() if f.element_id == "front-body")
        win.select_element("front-body")
        win.scene.end_text_edit()
        win.zoom_fit()
        pause(50)
        win.live_presenter.show_card(body)
        pause(100)
        save(win.grab(), "chinese-ui.png")
        i18n.set_language("en")
        service.shutdown()
        win.shutdown()
    sys.stdout.flush()
    os._exit(0)   # skip interpreter teardown of Qt objects


if __name__ == "__main__":
    sys.exit(main())
