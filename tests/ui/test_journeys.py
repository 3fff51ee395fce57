"""User journeys: the designer driven as a seller drives it, with the real checker.

One long journey follows a new user from the gallery to a waived export, a reopened file
and a live switch to Chinese. Each step goes through what the user touches — menus and
their shortcuts, the canvas (clicks, drags, typing into the inline editor), the hover card,
the findings panel, the export and settings dialogs — and asserts what the user would see:
underlines on the canvas, the colour of the status light, the rows of the findings panel,
the text of the hover card and of Edit › Undo, the file on disk.

Modal dialogs (the gallery, the export and settings dialogs) are answered from a timer that
finds the dialog the menu command opened, as a user would answer it. No sleeps: every wait
is ``qtbot.waitUntil`` with a timeout.
"""
from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QImage, QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDockWidget, QMenu, QWidget

from app.batch.titles import rule_title
from app.model.elements import ImageElement, QrElement, TextBox
from app.ui import i18n
from app.ui.actions import CommandId
from app.ui.application import EXTENSIONS
from app.ui.panels.findings import FINDING_ROLE

VIOLATION = " Leave a 5-star review and get a free gift!"
SIGNUP_URL = "https://lumivox.example/warranty-register"
ORDERS_URL = "https://www.amazon.com/gp/css/order-history"
CHECK_MS = 60000          # the first check waits for spaCy to load
STEP_MS = 8000

ZH = json.loads((Path(i18n.__file__).parent / "zh_CN.json").read_text(encoding="utf-8"))["messages"]


# ------------------------------------------------------------------------------ what the user sees
# The status light, the findings panel and the hover card are found in the window by their
# object names, as widgets on screen, whichever service or presenter built them.
def light(win):
    return win.statusBar().findChild(QWidget, "status-light")


def panel(win):
    return win.findChild(QWidget, "findings-panel")


def findings_dock(win) -> QDockWidget:
    return next(d for d in win.findChildren(QDockWidget) if d.widget() is panel(win))


def card(win):
    return win.view.viewport().findChild(QWidget, "hover-card")


def rows(win) -> list[tuple[str, str | None, int, int]]:
    """The findings panel rows as (rule, element, start, end), top to bottom."""
    return [(f.rule, f.element_id, f.start, f.end) for f in (r.data(0, FINDING_ROLE) for r in panel(win).rows())]


def row_findings(win, element_id: str) -> list:
    return [r.data(0, FINDING_ROLE) for r in panel(win).rows() if r.data(0, FINDING_ROLE).element_id == element_id]


def underlines(win, element_id: str, severity: str = "error") -> list[tuple[int, int, str]]:
    return [u for u in win.scene.item_for(element_id).underlines() if u[2] == severity]


def vp(win, scene_point: QPointF) -> QPoint:
    return win.view.mapFromScene(scene_point)


def menu_action(win, menu: str, command: CommandId):
    """The entry ``command`` of the menu bar's ``menu`` (File, Edit…), as the user finds it."""
    entries = next(m for m in win.menuBar().findChildren(QMenu) if m.objectName() == menu).actions()
    return next(a for a in entries if a.objectName() == command.value)


def errors_text(n: int, table: dict | None = None) -> str:
    """What the status light says first: "1 error" / "3 errors" (in ``table``'s language)."""
    one, many = ("1 error", "%n errors") if table is None else (table["1 error"], table["%n errors"])
    return one if n == 1 else many.replace("%n", str(n))


def activate(win) -> None:
    """Make ``win`` the active window, as a click on it would: shortcuts reach only the active
    window, and the offscreen platform does not activate one by itself after a dialog closed."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        QApplication.setActiveWindow(win)
    win.view.setFocus()


def checked(qtbot, win, timeout=CHECK_MS) -> None:
    """Wait until the status light shows a verdict (not "Checker loading…")."""
    qtbot.waitUntil(lambda: light(win).state != "off", timeout=timeout)


def answer_dialog(qtbot, trigger, answer, timeout=STEP_MS) -> list:
    """Run ``trigger()`` (which opens a modal dialog) and let ``answer(dialog)`` fill it in
    and close it. Whatever ``answer`` raises is re-raised here; the dialog never stays open."""
    outcome: list = []

    def respond() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:                     # not shown yet: look again in a moment
            QTimer.singleShot(10, respond)
            return
        try:
            outcome.append(answer(dialog))
        except BaseException as exc:           # noqa: BLE001 - reported after the dialog closed
            outcome.append(exc)
        finally:
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, respond)
    trigger()
    qtbot.waitUntil(lambda: bool(outcome), timeout=timeout)
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    return outcome


def hover(qtbot, win, scene_point: QPointF) -> None:
    """Move the pointer over ``scene_point`` on the canvas and wait for the hover card."""
    viewport = win.view.viewport()
    target = vp(win, scene_point)
    QTest.mouseMove(viewport, target + QPoint(-12, -12))
    QTest.mouseMove(viewport, target)
    qtbot.waitUntil(card(win).isVisible, timeout=STEP_MS)


def span_centre(win, element_id: str, start: int, end: int) -> QPointF:
    return win.scene.item_for(element_id).span_rects(start, end)[0].center()


def png(path: Path, size: int = 150) -> Path:
    image = QImage(size, size, QImage.Format_RGB32)
    image.fill(QColor("#3b7dd8"))
    assert image.save(str(path))
    return path


# ------------------------------------------------------------------------------ the journey
@pytest.fixture
def english(qapp):
    i18n.install_language("en", qapp)
    yield
    i18n.install_language("en", qapp)


def test_a_seller_designs_checks_fixes_exports_reopens_and_switches_to_chinese(qtbot, designer, tmp_path, english):
    # -- a new card from the gallery -------------------------------------------------------
    win = designer(extensions=EXTENSIONS)
    C = CommandId

    def pick_thank_you(dialog) -> None:
        tiles = dialog.templates
        tile = next(tiles.item(i) for i in range(tiles.count()) if tiles.item(i).data(Qt.UserRole) == "thank-you")
        tiles.setCurrentItem(tile)
        qtbot.mouseClick(dialog.create_btn, Qt.LeftButton)

    answer_dialog(qtbot, win.actions_by_id[C.NEW].trigger, pick_thank_you)
    doc = win.document
    body = doc.get("front-body")
    assert isinstance(body, TextBox) and win.scene.item_for(body.id) is not None
    assert win.windowTitle().startswith("Untitled")
    checked(qtbot, win)
    qtbot.waitUntil(lambda: light(win).state in ("ok", "warning"), timeout=STEP_MS)
    assert underlines(win, body.id) == []

    # -- type a violating sentence into the body with the inline editor -------------------
    item = win.scene.item_for(body.id)
    viewport = win.view.viewport()
    centre = vp(win, item.sceneBoundingRect().center())
    qtbot.mouseDClick(viewport, Qt.LeftButton, Qt.NoModifier, centre)
    qtbot.mouseRelease(viewport, Qt.LeftButton, Qt.NoModifier, centre)   # QTest's double click leaves it down
    assert win.scene.editor is not None and win.scene.editor.item.element_id == body.id
    win.view.setFocus()
    QTest.keyClick(viewport, Qt.Key_End, Qt.ControlModifier)     # the caret to the end of the text
    qtbot.keyClicks(viewport, VIOLATION)
    assert doc.get(body.id).text.endswith(VIOLATION)
    qtbot.waitUntil(lambda: bool(underlines(win, body.id)), timeout=STEP_MS)
    gift = doc.get(body.id).text.index("5-star")
    assert any(s <= gift < e for s, e, _sev in underlines(win, body.id))
    qtbot.waitUntil(lambda: light(win).state == "error", timeout=STEP_MS)
    assert light(win).text.startswith(errors_text(light(win).counts[0]))
    QTest.keyClick(viewport, Qt.Key_Escape)                      # leave the text box
    assert win.scene.editor is None
    flagged = row_findings(win, body.id)
    assert flagged and all(str(f.severity) == "error" for f in flagged)
    rows_with_violation = rows(win)
    drawn = len(underlines(win, body.id))

    # -- hover the underline: the card names the rule and explains it ----------------------
    worst = min(underlines(win, body.id), key=lambda u: u[0])
    hover(qtbot, win, span_centre(win, body.id, worst[0], worst[1]))
    shown = card(win).finding
    assert shown.element_id == body.id
    assert card(win).title.text() == f"Error: {rule_title(shown.rule, False)}"
    assert card(win).message.text() == shown.message
    assert card(win).apply_button.isVisible() and shown.suggestion in card(win).suggestion.text()

    # -- apply the suggestion ---------------------------------------------------------------
    errors_before = light(win).counts[0]
    qtbot.mouseClick(card(win).apply_button, Qt.LeftButton)
    assert shown.suggestion in doc.get(body.id).text
    assert win.undo_action.text() == f"Undo Apply Suggestion ({shown.rule})"
    qtbot.waitUntil(lambda: light(win).counts[0] < errors_before, timeout=STEP_MS)
    qtbot.waitUntil(lambda: rows(win) != rows_with_violation, timeout=STEP_MS)
    assert not any(s <= shown.start < e for s, e, _sev in underlines(win, body.id))   # that underline is gone
    assert (shown.rule, body.id, shown.start, shown.end) not in rows(win)
    assert len(underlines(win, body.id)) < drawn

    # -- undo: the violation is back ---------------------------------------------------------
    activate(win)
    QTest.keyClick(viewport, Qt.Key_Z, Qt.ControlModifier)     # Ctrl+Z: Edit › Undo Apply Suggestion
    assert doc.get(body.id).text.endswith(VIOLATION)
    qtbot.waitUntil(lambda: rows(win) == rows_with_violation, timeout=STEP_MS)
    assert light(win).state == "error" and len(underlines(win, body.id)) == drawn

    # -- an image and a QR code that points at a sign-up page off Amazon -------------------
    picture = png(tmp_path / "lamp.png")
    win.ask_image_file = lambda: str(picture)           # the file dialog's answer
    win.actions_by_id[C.TOOL_IMAGE].trigger()           # Insert › Image…
    image = next(el for _s, el in doc.elements() if isinstance(el, ImageElement))
    assert win.scene.selected_ids() == [image.id]
    win.ask_qr_payload = lambda initial="": SIGNUP_URL  # the QR dialog's answer
    win.actions_by_id[C.TOOL_QR].trigger()              # Insert › QR Code, then click on the card
    qtbot.mouseClick(viewport, Qt.LeftButton, Qt.NoModifier, vp(win, QPointF(40, 190)))
    qr = next(el for _s, el in doc.elements() if isinstance(el, QrElement) and el.payload == SIGNUP_URL)
    qtbot.waitUntil(lambda: any(str(f.category) != "print" for f in row_findings(win, qr.id)), timeout=STEP_MS)
    qr_row = next(r for r in panel(win).rows() if r.data(0, FINDING_ROLE).element_id == qr.id
                  and str(r.data(0, FINDING_ROLE).category) != "print")
    assert panel(win).fix_button(qr_row) is not None        # the row offers the fixes too
    card(win).dismiss()
    hover(qtbot, win, win.scene.item_for(qr.id).sceneBoundingRect().center())
    assert card(win).finding.element_id == qr.id
    assert card(win).fix_button.isVisible() and not card(win).apply_button.isVisible()
    fixes = {a.objectName(): a for a in card(win).fix_button.menu_actions()}
    assert {"fix-qr-remove", "fix-qr-amazon-orders"} <= set(fixes)
    fixes["fix-qr-amazon-orders"].trigger()
    assert doc.get(qr.id).payload == ORDERS_URL
    assert win.undo_action.text() == "Undo Point it at the buyer's Amazon orders page"
    qtbot.waitUntil(lambda: not [f for f in row_findings(win, qr.id) if str(f.category) != "print"],
                    timeout=STEP_MS)

    # -- group the image and the QR code (Ctrl+G), drag the group ---------------------------
    card(win).dismiss()
    win.scene.select_ids([image.id, qr.id])
    group = win.actions_by_id[C.GROUP]
    assert group.isEnabled() and group.shortcut().toString() == "Ctrl+G"
    activate(win)
    QTest.keyClick(viewport, Qt.Key_G, Qt.ControlModifier)
    assert image.group and image.group == qr.group
    assert win.undo_action.text() == "Undo Group 2 Elements"
    win.scene.select_ids([])
    win.actions_by_id[C.SNAP].setChecked(False)
    before = {el.id: (el.x, el.y) for el in (image, qr, body)}
    start = vp(win, win.scene.item_for(qr.id).sceneBoundingRect().center())
    qtbot.mousePress(viewport, Qt.LeftButton, Qt.NoModifier, start)
    for i in range(1, 9):
        QTest.mouseMove(viewport, start + QPoint(4 * i, 3 * i), delay=-1)
    qtbot.mouseRelease(viewport, Qt.LeftButton, Qt.NoModifier, start + QPoint(32, 24))
    assert sorted(win.scene.selected_ids()) == sorted([image.id, qr.id])
    moved = {eid: (doc.get(eid).x - x, doc.get(eid).y - y) for eid, (x, y) in before.items()}
    assert moved[qr.id][0] > 0 and moved[qr.id][1] > 0
    assert moved[image.id] == pytest.approx(moved[qr.id])          # both moved, by the same amount
    assert moved[body.id] == (0, 0)

    # -- export with an error on the card: refused without a waiver, written with one --------
    pdf = tmp_path / "out" / "thank-you.pdf"
    pdf.parent.mkdir()
    qtbot.waitUntil(lambda: light(win).state == "error", timeout=STEP_MS)

    def export(dialog) -> dict:
        seen = {"title": dialog.windowTitle()}
        dialog.path_edit.setText(str(pdf))
        seen["errors"] = [dialog.errors_list.item(i).text() for i in range(dialog.errors_list.count())]
        seen["enabled_without_waiver"] = dialog.export_button.isEnabled()
        seen["tip"] = dialog.export_button.toolTip()
        qtbot.keyClicks(dialog.waiver, "Trade show samples, not packed with Amazon orders")
        seen["enabled_with_waiver"] = dialog.export_button.isEnabled()
        qtbot.mouseClick(dialog.export_button, Qt.LeftButton)
        seen["closed"] = not dialog.isVisible()             # accepted: the export went through
        seen["written"] = list(dialog.last_choices.written) if dialog.last_choices else []
        return seen

    seen = answer_dialog(qtbot, menu_action(win, "menu-file", C.EXPORT).trigger, export, timeout=CHECK_MS)[0]
    assert any(text.startswith(f.rule) for text in seen["errors"] for f in flagged)   # the dialog lists them
    assert not seen["enabled_without_waiver"] and seen["tip"] == "Give a waiver reason to export with errors"
    assert seen["enabled_with_waiver"] and seen["closed"]
    assert pdf.exists()
    import pypdfium2 as pdfium

    written = pdfium.PdfDocument(str(pdf))
    try:
        assert len(written) == doc.spec.sides == 2           # front and back
    finally:
        written.close()
    assert "Exported" in win.status_bar.currentMessage() and pdf.name in win.status_bar.currentMessage()

    # -- save, close, reopen from File › Open Recent ----------------------------------------
    saved = tmp_path / "thanks.cardwise"
    win.files.ask_save_path = lambda: str(saved)
    win.actions_by_id[C.SAVE].trigger()
    assert saved.exists() and win.windowTitle().startswith("thanks.cardwise")
    texts = {el.id: el.text for _s, el in doc.elements() if isinstance(el, TextBox)}
    findings_before = sorted(rows(win))
    group_id = image.group
    win.close()
    assert not win.isVisible()

    win = designer(extensions=EXTENSIONS)
    recent = [a for a in win.recent_menu.actions() if a.text() == saved.name]
    assert recent, "the saved card is listed under File › Open Recent"
    recent[0].trigger()
    doc = win.document
    assert win.windowTitle().startswith("thanks.cardwise")
    assert {el.id: el.text for _s, el in doc.elements() if isinstance(el, TextBox)} == texts
    assert doc.get(image.id).group == doc.get(qr.id).group == group_id
    assert doc.get(qr.id).payload == ORDERS_URL
    assert (doc.get(image.id).x, doc.get(qr.id).x) == pytest.approx((image.x, qr.x))
    checked(qtbot, win)
    qtbot.waitUntil(lambda: sorted(rows(win)) == findings_before, timeout=STEP_MS)
    assert light(win).state == "error" and underlines(win, body.id)
    win.scene.select_ids([qr.id])
    assert sorted(win.scene.selected_ids()) == sorted([image.id, qr.id])   # still one group

    # -- switch the interface to Chinese, live, in Settings ----------------------------------
    def choose_chinese(dialog) -> None:
        dialog.language_box.setCurrentIndex(dialog.language_box.findData("zh_CN"))
        dialog.accept()

    answer_dialog(qtbot, menu_action(win, "menu-edit", C.SETTINGS).trigger, choose_chinese, timeout=CHECK_MS)
    assert i18n.current_language() == "zh_CN"
    titles = {m.objectName(): m.title() for m in (a.menu() for a in win.menuBar().actions()) if m is not None}
    assert titles["menu-file"] == ZH["File"] + "(&F)" and titles["menu-edit"] == ZH["Edit"] + "(&E)"
    header = panel(win).tree.headerItem()         # retranslated on Qt's (posted) LanguageChange
    qtbot.waitUntil(lambda: [header.text(i) for i in range(4)] == [ZH["Rule"], ZH["Problem"], ZH["Where"], ZH["Fix"]],
                    timeout=STEP_MS)
    assert findings_dock(win).windowTitle() == ZH["Findings"]
    assert light(win).text.startswith(errors_text(light(win).counts[0], ZH))
    groups = [panel(win).tree.topLevelItem(i).text(0) for i in range(panel(win).tree.topLevelItemCount())]
    assert groups[0].startswith(ZH["Errors"] + " (")
    worst = min(underlines(win, body.id), key=lambda u: u[0])
    hover(qtbot, win, span_centre(win, body.id, worst[0], worst[1]))
    shown = card(win).finding
    assert card(win).title.text() == f"{ZH['Error']}：{rule_title(shown.rule, True)}"
    assert card(win).apply_button.text() == ZH["Apply suggestion"]
    assert card(win).ignore_button.text() == ZH["Ignore once"]
    assert card(win).message.text() == (shown.message_zh or shown.message)
    qtbot.mouseClick(card(win).apply_button, Qt.LeftButton)
    step = ZH["Apply Suggestion (%1)"].replace("%1", shown.rule)
    assert win.undo_action.text() == ZH["Undo %1"].replace("%1", step)

