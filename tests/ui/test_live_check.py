"""Acceptance: live compliance in the real designer window with the real checker.

Typing a violating sentence gives the underline and the panel row; Apply suggestion fixes
it and Undo restores it; Ignore once survives save and open. Tests wait on signals and
conditions (qtbot.waitUntil), never on sleeps."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt

from app.io import project
from app.model.elements import QrElement, TextBox
from app.model.templates import new_from_template
from app.ui import live_check, settings_dialog
from app.ui.application import build_window
from app.ui.commands import AddElements
from app.ui.panels.findings import FINDING_ROLE
from app.verdict import LocalJudge

EXTENSIONS = (settings_dialog.install, live_check.install)
VIOLATION = " Leave a 5-star review and get a free gift!"


@pytest.fixture(scope="session")
def checker():
    """One warmed checker for the whole session (spaCy pipelines load once)."""
    from checks import Checker

    c = Checker(profile="amazon")
    c.warm()
    return c


@pytest.fixture
def designer(qtbot, tmp_path, checker, monkeypatch):
    """Build designer windows over documents, sharing the warmed checker."""
    import app.ui.live_check as live_check

    from checks import Checker

    monkeypatch.setattr(live_check, "_default_checker",
                        lambda profile: LocalJudge(checker if profile == "amazon" else Checker(profile=profile)))
    built = []

    def make(doc):
        win = build_window(doc, qsettings=QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat),
                           data_dir=tmp_path / "data", extensions=EXTENSIONS)
        qtbot.addWidget(win)
        win.files.maybe_save = lambda *a, **k: True   # closing at teardown must not ask
        win.show()
        qtbot.waitExposed(win)
        service = win.live_check
        qtbot.waitUntil(lambda: service.checker is not None and service.applied_generation > 0, timeout=15000)
        built.append(win)
        return win, service, win.live_presenter

    yield make
    for win in built:
        win.shutdown()


def body_box(doc) -> TextBox:
    """The thank-you template's main paragraph."""
    return next(el for _side, el in doc.elements() if isinstance(el, TextBox) and el.id.endswith("body"))


def type_into(qtbot, win, element_id, text):
    """Type ``text`` at the end of a text box with the real inline editor."""
    item = win.scene.item_for(element_id)
    editor = win.scene.begin_text_edit(item)
    editor.move_to(len(item.text))
    win.view.setFocus()
    qtbot.keyClicks(win.view.viewport(), text)
    return editor


def test_template_starts_clean(designer):
    """The thank-you template has no finding at all: every box, even "YOUR BRAND / Since
    2026", is checked in the card's language (no "not checked" note)."""
    win, service, presenter = designer(new_from_template("thank-you"))
    assert [f for f in service.findings() if f.category.value != "print"] == []
    assert presenter.light.state in ("ok", "warning")


def test_typing_a_violation_underlines_it_and_lists_it(qtbot, designer):
    """Typing a gift-for-review sentence draws a red underline under it and adds a panel row."""
    doc = new_from_template("thank-you")
    win, service, presenter = designer(doc)
    box = body_box(doc)
    type_into(qtbot, win, box.id, VIOLATION)
    assert doc.get(box.id).text.endswith(VIOLATION)
    qtbot.waitUntil(lambda: any(f.element_id == box.id for f in service.findings()), timeout=5000)
    underlines = win.scene.item_for(box.id).underlines()
    assert underlines and all(sev == "error" for *_span, sev in underlines)
    text = doc.get(box.id).text
    start = text.index("5-star")
    assert any(s <= start < e for s, e, _sev in underlines)
    rows = [r.data(0, FINDING_ROLE).rule for r in presenter.panel.rows()]
    assert {"CW101", "CW201"} & set(rows)
    assert presenter.light.state == "error"
    presenter.dock.hide()
    qtbot.mouseClick(presenter.light, Qt.LeftButton)      # the status light opens the panel
    assert presenter.dock.isVisible()


def test_apply_suggestion_fixes_it_and_undo_restores_it(qtbot, designer):
    """Apply suggestion leaves no error in the box; one Undo brings the violation back."""
    doc = new_from_template("thank-you")
    win, service, presenter = designer(doc)
    box = body_box(doc)
    type_into(qtbot, win, box.id, VIOLATION)
    win.scene.end_text_edit()
    qtbot.waitUntil(lambda: any(f.element_id == box.id for f in service.findings()), timeout=5000)
    before = doc.get(box.id).text
    finding = next(f for f in service.findings() if f.element_id == box.id)
    assert presenter.apply_suggestion(finding)
    after = doc.get(box.id).text
    assert finding.suggestion in after and "free gift" not in after
    assert after.startswith("We hope your new purchase brings you joy.")
    qtbot.waitUntil(lambda: not [f for f in service.findings() if f.element_id == box.id and f.severity.value == "error"],
                    timeout=5000)
    assert win.undo_stack.undoText().endswith(f"({finding.rule})")
    win.undo_stack.undo()
    assert doc.get(box.id).text == before
    qtbot.waitUntil(lambda: any(f.element_id == box.id for f in service.findings()), timeout=5000)


def test_ignore_once_persists_across_save_and_open(qtbot, designer, tmp_path):
    """An occurrence ignored with a reason stays ignored in the reopened project."""
    doc = new_from_template("thank-you")
    win, service, presenter = designer(doc)
    box = body_box(doc)
    type_into(qtbot, win, box.id, VIOLATION)
    win.scene.end_text_edit()
    qtbot.waitUntil(lambda: any(f.element_id == box.id for f in service.findings()), timeout=5000)
    for f in [f for f in service.findings() if f.element_id == box.id]:
        presenter.ignore_once(f, "Printed for a trade show, not packed with Amazon orders")
    assert not [f for f in service.findings() if f.element_id == box.id]
    saved = project.save(doc, tmp_path / "thanks.cardwise")

    reopened = project.load(saved)
    assert {i.reason for i in reopened.ignores} == {"Printed for a trade show, not packed with Amazon orders"}
    win2, service2, _presenter2 = designer(reopened)
    assert not [f for f in service2.findings() if f.element_id == box.id]
    assert win2.scene.item_for(box.id).underlines() == []


def test_clicking_a_back_side_finding_switches_side(qtbot, designer):
    """A finding on the back: clicking its row shows the back and selects the words."""
    doc = new_from_template("thank-you")
    win, service, presenter = designer(doc)
    back_text = next(el for el in doc.back.elements if isinstance(el, TextBox) and el.text.startswith("Something"))
    win.set_side("back")
    type_into(qtbot, win, back_text.id, " Email us at help@brand-example.com first.")
    win.scene.end_text_edit()
    win.set_side("front")
    qtbot.waitUntil(lambda: any(f.element_id == back_text.id for f in service.findings()), timeout=5000)
    row = next(r for r in presenter.panel.rows() if r.data(0, Qt.UserRole + 1).element_id == back_text.id)
    presenter.panel.tree.itemClicked.emit(row, 0)
    assert win.scene.side == "back"
    assert win.scene.selected_ids() == [back_text.id]
    finding = row.data(0, Qt.UserRole + 1)
    assert win.scene.editor.selected_range() == (finding.start, finding.end)


def test_qr_codes_are_judged_by_payload(qtbot, designer):
    """The template's Amazon QR is clean; re-pointing it at a coupon page is an error."""
    from app.ui.commands import SetProperty

    doc = new_from_template("thank-you")
    win, service, presenter = designer(doc)
    qr = next(el for _s, el in doc.elements() if isinstance(el, QrElement))
    assert not [f for f in service.findings() if f.element_id == qr.id]
    win.undo_stack.push(SetProperty(doc, {qr.id: "https://brand-example.com/coupon"}, "payload"))
    qtbot.waitUntil(lambda: any(f.element_id == qr.id and f.severity.value == "error" for f in service.findings()),
                    timeout=5000)
    win.undo_stack.push(SetProperty(doc, {qr.id: "https://brand-example.com/"}, "payload"))
    qtbot.waitUntil(lambda: {f.severity.value for f in service.findings() if f.element_id == qr.id} == {"warning"},
                    timeout=5000)


def test_five_star_graphic_beside_review_wording_is_flagged(qtbot, designer):
    """A ★★★★★ box placed under a review request is an error on the stars."""
    doc = new_from_template("thank-you")
    win, service, presenter = designer(doc)
    box = body_box(doc)
    win.undo_stack.push(__import__("app.ui.commands", fromlist=["EditText"]).EditText(
        doc, box.id, "We would love to read your honest review on Amazon."))
    stars = TextBox.from_text("★★★★★", x=box.x, y=box.y + box.h + 4, w=80, h=18)
    win.undo_stack.push(AddElements(doc, "front", [stars]))
    qtbot.waitUntil(lambda: any(f.element_id == stars.id for f in service.findings()), timeout=5000)
    found = next(f for f in service.findings() if f.element_id == stars.id)
    assert (found.category.value, found.severity.value) == ("review-positive", "error")


def test_print_preflight_joins_the_panel(qtbot, designer):
    """Print problems (here 4 pt text) appear in the same panel as wording findings."""
    from app.ui.commands import SetStyle

    doc = new_from_template("thank-you")
    win, service, presenter = designer(doc)
    box = body_box(doc)
    win.undo_stack.push(SetStyle(doc, [box.id], "size_pt", 4.0))
    qtbot.waitUntil(lambda: any(f.category.value == "print" and f.element_id == box.id for f in service.findings()),
                    timeout=5000)
    rows = {r.data(0, FINDING_ROLE).rule for r in presenter.panel.rows()}
    assert "PF003" in rows


def test_hovering_a_flagged_qr_code_shows_its_card(qtbot, designer):
    """A QR code has no underline: hovering the code itself opens the finding's card."""
    from app.ui.commands import SetProperty

    doc = new_from_template("thank-you")
    win, service, presenter = designer(doc)
    qr = next(el for _s, el in doc.elements() if isinstance(el, QrElement))
    win.set_side("back")
    win.undo_stack.push(SetProperty(doc, {qr.id: "https://brand-example.com/coupon"}, "payload"))
    qtbot.waitUntil(lambda: any(f.element_id == qr.id for f in service.findings()), timeout=5000)
    centre = win.view.mapFromScene(win.scene.item_for(qr.id).sceneBoundingRect().center())
    qtbot.mouseMove(win.view.viewport(), centre)
    qtbot.waitUntil(presenter.card.isVisible, timeout=3000)
    assert presenter.card.finding.element_id == qr.id


def test_changing_the_marketplace_profile_rebuilds_the_checker(qtbot, designer):
    """Settings › Marketplace profile: the live check switches to that profile's rules."""
    doc = new_from_template("thank-you")
    win, service, presenter = designer(doc)
    assert service.checker.profile_name == "amazon"
    win.settings.profile = "walmart"
    qtbot.waitUntil(lambda: service.checker is not None and service.checker.profile_name == "walmart", timeout=10000)


def test_keyboard_route_to_the_hover_card(qtbot, designer):
    """With the caret inside underlined words, Edit › Explain Finding at Cursor opens the card."""
    doc = new_from_template("thank-you")
    win, service, presenter = designer(doc)
    box = body_box(doc)
    editor = type_into(qtbot, win, box.id, VIOLATION)
    qtbot.waitUntil(lambda: any(f.element_id == box.id for f in service.findings()), timeout=5000)
    editor.move_to(doc.get(box.id).text.index("free gift") + 2)
    presenter.explain_action.trigger()
    assert presenter.card.isVisible() and presenter.card.finding.element_id == box.id


def test_enter_on_a_panel_row_opens_the_hover_card(qtbot, designer):
    """Keyboard users: Enter (or double-click) on a finding row selects it and explains it."""
    doc = new_from_template("thank-you")
    win, service, presenter = designer(doc)
    box = body_box(doc)
    type_into(qtbot, win, box.id, VIOLATION)
    win.scene.end_text_edit()
    qtbot.waitUntil(lambda: any(f.element_id == box.id for f in service.findings()), timeout=5000)
    row = presenter.panel.rows()[0]
    presenter.panel.tree.itemActivated.emit(row, 0)
    assert win.scene.selected_ids() == [box.id]
    assert presenter.card.isVisible() and presenter.card.finding == row.data(0, Qt.UserRole + 1)


def _card_for(qtbot, presenter, finding):
    """The hover card opened on ``finding`` (as a hover or Ctrl+. opens it)."""
    from PySide6.QtCore import QRect

    presenter.card.show_at(finding, QRect(40, 40, 10, 10))
    qtbot.waitUntil(presenter.card.isVisible, timeout=3000)
    return presenter.card


def test_apply_suggestion_is_offered_only_where_it_rewrites_text(qtbot, designer):
    """A wording finding's card has an Apply button that works; a QR code pointing off Amazon
    has fix buttons instead (app.fixes); a print finding without a fix (4 pt text) and a
    five-star graphic have advice but no button at all, instead of one that closes the card
    and changes nothing."""
    from app.ui.commands import EditText, SetProperty, SetStyle

    doc = new_from_template("thank-you")
    win, service, presenter = designer(doc)
    box = body_box(doc)
    type_into(qtbot, win, box.id, VIOLATION)
    win.scene.end_text_edit()
    qtbot.waitUntil(lambda: any(f.element_id == box.id for f in service.findings()), timeout=5000)
    wording = next(f for f in service.findings() if f.element_id == box.id)
    card = _card_for(qtbot, presenter, wording)
    assert card.apply_button.isVisible() and card.apply_button.isEnabled()
    card.dismiss()

    qr = next(el for _s, el in doc.elements() if isinstance(el, QrElement))
    win.undo_stack.push(SetProperty(doc, {qr.id: "https://brand-example.com/coupon"}, "payload"))
    win.undo_stack.push(EditText(doc, box.id, "We would love to read your honest review on Amazon."))
    stars = TextBox.from_text("★★★★★", x=box.x, y=box.y + box.h + 4, w=80, h=18)
    win.undo_stack.push(AddElements(doc, "front", [stars]))
    small = next(el for _s, el in doc.elements() if isinstance(el, TextBox) and el.id != box.id
                 and el.id != stars.id and el.text.strip())
    win.undo_stack.push(SetStyle(doc, [small.id], "size_pt", 4.0))
    qtbot.waitUntil(lambda: {f.element_id for f in service.findings()} >= {qr.id, stars.id, small.id}, timeout=5000)
    steps = win.undo_stack.index()
    for element_id in (qr.id, stars.id, small.id):
        finding = next(f for f in service.findings() if f.element_id == element_id
                       and (element_id != small.id or f.category.value == "print"))
        card = _card_for(qtbot, presenter, finding)
        assert not card.apply_button.isVisible(), finding.rule
        assert card.fix_button.isVisible() == (element_id == qr.id), finding.rule
        assert not presenter.apply_suggestion(finding)     # several fixes for the QR code: the user picks
        card.dismiss()
    assert win.undo_stack.index() == steps   # nothing was changed behind the user's back


# ------------------------------------------------------------------------------ fixes (app.fixes)
def _qr_finding(qtbot, win, service, doc, payload):
    from app.ui.commands import SetProperty

    qr = next(el for _s, el in doc.elements() if isinstance(el, QrElement))
    win.undo_stack.push(SetProperty(doc, {qr.id: payload}, "payload"))
    qtbot.waitUntil(lambda: any(f.element_id == qr.id and f.category.value != "print"
                                for f in service.findings()), timeout=5000)
    return qr, next(f for f in service.findings() if f.element_id == qr.id and f.category.value != "print")


def test_apply_on_a_qr_finding_points_it_at_amazon_and_one_undo_restores_it(qtbot, designer):
    """A QR code to a warranty sign-up form: the hover card's fix menu offers the three
    compliant replacements; choosing the orders page changes the code to the buyer's Amazon
    orders page in one undo step named after the fix, the finding goes away, and one Undo
    brings the old link (and its finding) back."""
    doc = new_from_template("thank-you")
    win, service, presenter = designer(doc)
    qr, finding = _qr_finding(qtbot, win, service, doc, "https://lumivox.example/warranty-register")
    card = _card_for(qtbot, presenter, finding)
    assert card.fix_button.isVisible() and not card.apply_button.isVisible()
    assert card.fix_button.text() == "Apply a fix"
    actions = {a.objectName(): a for a in card.fix_button.menu_actions()}
    assert list(actions) == ["fix-qr-remove", "fix-qr-amazon-review", "fix-qr-amazon-orders"]
    steps = win.undo_stack.index()
    actions["fix-qr-amazon-orders"].trigger()
    assert doc.get(qr.id).payload == "https://www.amazon.com/gp/css/order-history"
    assert win.undo_stack.index() == steps + 1
    assert win.undo_stack.undoText() == "Point it at the buyer's Amazon orders page"
    qtbot.waitUntil(lambda: not [f for f in service.findings() if f.element_id == qr.id], timeout=5000)
    win.undo_stack.undo()
    assert doc.get(qr.id).payload == "https://lumivox.example/warranty-register"
    qtbot.waitUntil(lambda: any(f.element_id == qr.id for f in service.findings()), timeout=5000)


def test_the_review_page_fix_asks_for_the_asin_once(qtbot, designer, monkeypatch):
    """Pointing a QR code at the review page needs the product's ASIN: asked once (cancel
    changes nothing), kept in the card, so the next time the fix applies straight away."""
    import app.ui.fix_actions as fix_actions

    doc = new_from_template("thank-you")
    win, service, presenter = designer(doc)
    qr, finding = _qr_finding(qtbot, win, service, doc, "https://shop.lumivox.example/deals")
    review = next(f for f in presenter.card.fixes_for(finding) if f.key == "qr-amazon-review")
    asked = []
    monkeypatch.setattr(fix_actions, "ask_asin", lambda parent: asked.append(1) or None)
    steps = win.undo_stack.index()
    assert not presenter.apply_suggestion(finding, review)
    assert win.undo_stack.index() == steps and asked == [1]
    monkeypatch.setattr(fix_actions, "ask_asin", lambda parent: asked.append(2) or "B0C1234567")
    assert presenter.apply_suggestion(finding, review)
    assert doc.get(qr.id).payload == "https://www.amazon.com/review/create-review?asin=B0C1234567"
    assert doc.metadata["asin"] == "B0C1234567"
    win.undo_stack.undo()
    assert "asin" not in doc.metadata and doc.get(qr.id).payload == "https://shop.lumivox.example/deals"


def test_the_asin_dialog_accepts_only_ten_letters_or_digits(qtbot):
    from PySide6.QtWidgets import QDialogButtonBox

    from app.ui.fix_actions import AsinDialog

    dialog = AsinDialog()
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.Ok)
    assert not ok.isEnabled()
    qtbot.keyClicks(dialog.edit, "b0c123456")
    assert not ok.isEnabled()
    qtbot.keyClicks(dialog.edit, "7-x")                   # the 11th character and the dash are refused
    assert dialog.edit.text() == "b0c1234567" and ok.isEnabled()
    assert dialog.asin() == "B0C1234567"


def test_findings_panel_rows_have_a_fix_button_only_where_a_fix_exists(qtbot, designer):
    """Text pushed past the trim gets "Apply: Move the text into the safe zone" in its row;
    clicking it moves the box (one undo step); 4 pt text (no real fix) has no button."""
    from app.ui.commands import MoveElements, SetStyle

    doc = new_from_template("thank-you")
    win, service, presenter = designer(doc)
    box = body_box(doc)
    small = next(el for _s, el in doc.elements() if isinstance(el, TextBox) and el.id.endswith("footer"))
    win.undo_stack.push(MoveElements(doc, {box.id: (-30.0, box.y)}))
    win.undo_stack.push(SetStyle(doc, [small.id], "size_pt", 4.0))
    service.run_preflight()
    rows = {(r.data(0, Qt.UserRole + 1).rule, r.data(0, Qt.UserRole + 1).element_id): r for r in presenter.panel.rows()}
    past = presenter.panel.fix_button(rows[("PF002", box.id)])
    assert past is not None and past.text() == "Apply: Move the text into the safe zone"
    assert presenter.panel.fix_button(rows[("PF003", small.id)]) is None
    steps = win.undo_stack.index()
    past.click()
    assert win.undo_stack.index() == steps + 1 and doc.get(box.id).x > 0
    service.run_preflight()
    assert not [f for f in service.findings() if f.element_id == box.id and f.rule in ("PF001", "PF002")]
    win.undo_stack.undo()
    assert doc.get(box.id).x == -30.0


def test_checker_is_built_after_the_first_frame(qtbot, tmp_path, monkeypatch):
    """Cold start never waits for spaCy: the designer builds its checker once the canvas has
    painted, not while the window is being built."""
    import app.ui.live_check as live_check

    from tests.ui.test_live_check_service import ScriptedChecker

    calls = []
    monkeypatch.setattr(live_check, "_default_checker", lambda profile: calls.append(profile) or LocalJudge(ScriptedChecker()))
    win = build_window(new_from_template("thank-you"),
                       qsettings=QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat),
                       data_dir=tmp_path / "data", extensions=EXTENSIONS)
    qtbot.addWidget(win)
    win.files.maybe_save = lambda *a, **k: True
    qtbot.wait(1)
    assert calls == [] and win.live_presenter.light.state == "off"
    win.show()
    qtbot.waitUntil(lambda: win.live_check.checker is not None)
    assert calls == ["amazon"]
    win.shutdown()


def test_opening_the_designer_does_not_import_the_engine():
    """Building the window imports no rule engine and no spaCy (they load with the checker,
    after the window shows); a fresh interpreter proves it."""
    import subprocess
    import sys

    code = (
        "import os, sys, tempfile; os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "from PySide6.QtCore import QSettings\n"
        "from app.ui.application import build_window, ensure_app\n"
        "from app.model.templates import new_from_template\n"
        "ensure_app(); t = tempfile.mkdtemp()\n"
        "w = build_window(new_from_template('thank-you'), qsettings=QSettings(t + '/s.ini', QSettings.IniFormat),"
        " data_dir=t)\n"
        "print(sorted(m for m in sys.modules if m == 'checks' or m.startswith('checks.') or m == 'spacy'))\n"
        "sys.stdout.flush(); os._exit(0)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         cwd=str(__import__("pathlib").Path(__file__).resolve().parents[2]))
    assert out.stdout.strip().splitlines()[-1] == "[]", out.stdout + out.stderr
