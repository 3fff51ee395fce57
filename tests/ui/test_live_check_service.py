"""Live-check mechanics: stale results dropped, only changed elements re-checked, the
three hover-card actions, star graphics. A scripted engine makes timing deterministic; the
acceptance tests with the real checker and window are in test_live_check.py."""
from __future__ import annotations

import re
import threading
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDockWidget, QMainWindow

from app.io import project
from app.model.document import Document
from app.model.elements import ImageElement, QrElement, TextBox, TextStyle
from app.model.geometry import CardSpec
from app.ui.canvas.scene import CardScene
from app.ui.canvas.view import CanvasView
from app.ui.commands import EditText
from app.ui.live_check import LiveCheckService, apply_suggestion_text
from app.verdict import judge_card
from app.ui.settings_dialog import Settings
from checks.findings import Category, Finding, Severity, Source


class ScriptedChecker:
    """Flags "free gift" (error, with a rewrite) and "coupon" QR payloads; can be paused."""

    rules: list = []
    profile = SimpleNamespace(name="amazon")   # the marketplace profile it was built for

    def __init__(self) -> None:
        self.calls: list[str] = []
        self.gate = threading.Event()
        self.gate.set()
        self.entered = threading.Event()

    def warm(self) -> None:
        pass

    def check(self, text, ignore=frozenset(), **_kw):
        self.calls.append(text)
        self.entered.set()
        self.gate.wait(10)
        out = [Finding("CW101", "review-incentive/gift-for-review", Category.REVIEW_INCENTIVE, Severity.ERROR,
                       m.start(), m.end(), m.group(), "Offering a gift for a review is not allowed.",
                       "不得以礼品换取评价。", Source("Amazon Community Guidelines", "https://www.amazon.com/"),
                       "We'd love to hear your honest feedback.")
               for m in re.finditer(r"free gift", text)]
        return [f for f in out if f.rule not in ignore]

    def main_language(self, texts):
        return "en"

    def check_artwork(self, shapes):
        return []

    def check_qr(self, payload):
        self.calls.append(payload)
        if "coupon" in payload:
            return [Finding("CW301", "external-link/coupon", Category.EXTERNAL_LINK, Severity.ERROR, 0, len(payload),
                            payload, "A coupon page off Amazon.", "站外优惠券页面。")]
        return []


class Window(QMainWindow):
    """The slice of the designer window the service talks to."""

    def __init__(self, doc: Document) -> None:
        super().__init__()
        self.document = doc
        self.undo_stack = QUndoStack(self)
        self.scene = CardScene(doc, self.undo_stack)
        self.view = CanvasView(self.scene, self)
        self.setCentralWidget(self.view)
        self.selected: list = []

    def add_dock(self, widget, area, title):
        dock = QDockWidget(title, self)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def select_element(self, element_id, side=None):
        if side:
            self.scene.set_side(side)
        self.scene.select_ids([element_id])
        self.selected.append((element_id, side))


@pytest.fixture
def settings(tmp_path):
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat))


@pytest.fixture
def card():
    doc = Document.new(CardSpec.from_preset("a6"))
    a = doc.add_element("front", TextBox.from_text("Thank you for your order!", x=20, y=30, w=250, h=80,
                                                   style=TextStyle(size_pt=14)))
    b = doc.add_element("front", TextBox.from_text("Questions? Contact us through Amazon Buyer-Seller Messaging.",
                                                   x=20, y=200, w=250, h=80))
    return doc, a.id, b.id


@pytest.fixture
def live(qtbot, card, settings):
    doc = card[0]
    win = Window(doc)
    qtbot.addWidget(win)
    checker = ScriptedChecker()
    service = LiveCheckService(win, settings, checker_factory=lambda profile: checker, debounce_ms=10)
    service.checker_engine = checker
    service.attach_view(win.view)
    win.show()
    qtbot.waitUntil(lambda: service.checker is not None and service.applied_generation > 0)
    yield win, service, checker
    checker.gate.set()
    service.shutdown()


def type_text(win, element_id, text):
    win.undo_stack.push(EditText(win.document, element_id, text))


def test_findings_underline_and_panel_row(qtbot, live, card):
    """A violating edit gives a red underline on exactly the words and a row in the panel."""
    win, service, _ = live
    _, a, _ = card
    type_text(win, a, "Thank you! Leave a review and get a free gift!")
    qtbot.waitUntil(lambda: bool(service.findings()))
    item = win.scene.item_for(a)
    assert item.underlines() == [(36, 45, "error")]
    assert [r.text(0) for r in service.panel.rows()] == ["Reward for a review"]
    assert service.light.state == "error"


def test_results_for_stale_text_are_dropped(qtbot, live, card):
    """A result that arrives after the text changed again is never painted."""
    win, service, checker = live
    _, a, _ = card
    checker.gate.clear()
    checker.entered.clear()
    painted = []
    service.findings_changed.connect(lambda: painted.append(bool(service.findings())))
    type_text(win, a, "Get a free gift for a review!")
    qtbot.waitUntil(checker.entered.is_set)           # the worker is checking the old text
    type_text(win, a, "Thank you for your order, enjoy!")  # ... while the user keeps typing
    applied = []
    service.checked.connect(applied.append)
    checker.gate.set()
    qtbot.waitUntil(lambda: checker.calls[-1].startswith("Thank you for your order, enjoy!\n\n") and bool(applied))
    qtbot.waitUntil(lambda: service.applied_generation == service.generation)
    assert service.findings() == []
    assert win.scene.item_for(a).underlines() == []
    assert painted and not any(painted), "the stale text's finding was shown"


SIDE_AFTER_EDIT = "A free gift for you\n\nQuestions? Contact us through Amazon Buyer-Seller Messaging."


def test_only_changed_sides_are_rechecked(qtbot, live, card):
    """Editing one box re-checks its side once, as one text in reading order (the engine's
    paragraph cache makes the unchanged boxes free); undo back to checked text checks nothing."""
    win, service, checker = live
    _, a, b = card
    checker.calls.clear()
    type_text(win, a, "A free gift for you")
    qtbot.waitUntil(lambda: bool(service.findings()))
    assert checker.calls == [SIDE_AFTER_EDIT]
    win.undo_stack.undo()
    qtbot.waitUntil(lambda: not service.findings())
    assert checker.calls == [SIDE_AFTER_EDIT]   # the old text's result came from the cache


def test_apply_suggestion_is_one_undo_step(qtbot, live, card):
    """Apply suggestion rewrites the sentence; one Undo brings the original back."""
    win, service, _ = live
    doc, a, _ = card
    original = "Thank you! Leave a review and get a free gift! See you soon."
    type_text(win, a, original)
    qtbot.waitUntil(lambda: bool(service.findings()))
    depth = win.undo_stack.count()
    assert service.apply_suggestion(service.findings()[0])
    assert doc.get(a).text == "Thank you! We'd love to hear your honest feedback. See you soon."
    assert win.undo_stack.count() == depth + 1
    qtbot.waitUntil(lambda: not service.findings())
    win.undo_stack.undo()
    assert doc.get(a).text == original
    qtbot.waitUntil(lambda: bool(service.findings()))


def test_ignore_once_persists_across_save_and_open(qtbot, live, card, tmp_path, settings):
    """An ignored finding stays ignored, with its reason, after saving and reopening."""
    win, service, checker = live
    doc, a, _ = card
    type_text(win, a, "A free gift with every order.")
    qtbot.waitUntil(lambda: bool(service.findings()))
    service.ignore_once(service.findings()[0], "Gift with purchase, not for a review")
    assert service.findings() == []
    assert win.scene.item_for(a).underlines() == []
    path = project.save(doc, tmp_path / "card.cardwise")

    reopened = project.load(path)
    assert [(i.rule, i.text, i.reason) for i in reopened.ignores] == [
        ("CW101", "free gift", "Gift with purchase, not for a review")]
    win2 = Window(reopened)
    qtbot.addWidget(win2)
    service2 = LiveCheckService(win2, settings, checker_factory=lambda p: checker, debounce_ms=10, start=False)
    service2.start_checker()
    qtbot.waitUntil(lambda: service2.applied_generation > 0)
    assert service2.findings() == []
    service2.shutdown()
    win.undo_stack.undo()                       # un-ignoring is undoable too
    qtbot.waitUntil(lambda: bool(service.findings()))


def test_disable_rule_goes_to_settings(qtbot, live, card, settings):
    """Disable rule hides the rule everywhere and lists it in Settings › Disabled rules."""
    win, service, _ = live
    _, a, _ = card
    type_text(win, a, "A free gift for a review")
    qtbot.waitUntil(lambda: bool(service.findings()))
    service.disable_rule(service.findings()[0])
    assert settings.disabled_rules == ["CW101"]
    qtbot.waitUntil(lambda: not service.findings())


def test_qr_payload_is_judged(qtbot, live, card):
    """A QR code pointing at a coupon page is an error finding on that QR element."""
    win, service, _ = live
    doc, *_ = card
    qr = QrElement(x=200, y=300, w=70, h=70, payload="https://brand.example/coupon")
    win.undo_stack.push(__import__("app.ui.commands", fromlist=["AddElements"]).AddElements(doc, "front", [qr]))
    qtbot.waitUntil(lambda: bool(service.findings()))
    assert [(f.rule, f.element_id) for f in service.findings()] == [("CW301", qr.id)]


def test_clicking_a_panel_row_selects_element_and_span(qtbot, live, card):
    """The panel row selects the text box and the offending words in it."""
    win, service, _ = live
    _, a, _ = card
    type_text(win, a, "Leave a review, get a free gift")
    qtbot.waitUntil(lambda: bool(service.findings()))
    row = service.panel.rows()[0]
    service.panel.tree.itemClicked.emit(row, 0)
    assert win.selected[-1] == (a, "front")
    editor = win.scene.editor
    assert editor is not None and editor.item.element_id == a
    assert sorted((editor.anchor, editor.cursor)) == [22, 31]


def test_hover_over_underline_shows_the_card(qtbot, live, card):
    """Moving the mouse over the underlined words opens the hover card for that finding."""
    win, service, _ = live
    _, a, _ = card
    type_text(win, a, "Get a free gift today")
    qtbot.waitUntil(lambda: bool(service.findings()))
    rect = win.scene.item_for(a).span_rects(6, 15)[0]
    pos = win.view.mapFromScene(rect.center())
    qtbot.mouseMove(win.view.viewport(), pos)
    qtbot.waitUntil(service.card.isVisible)
    assert service.card.finding.rule == "CW101"


def _stars(doc):
    return [f for f in judge_card(doc, print_checks=False).findings if f.rule == "CW206"]


def test_star_graphic_beside_review_wording():
    """★★★★★ in its own box, or an image named like stars, next to review wording is flagged
    (CW206, the card's verdict); the same stars far away from any review wording are not."""
    doc = Document.new(CardSpec.from_preset("a6"))
    doc.add_element("front", TextBox.from_text("We'd love to hear your review on Amazon.", x=20, y=20, w=200, h=40))
    stars = doc.add_element("front", TextBox.from_text("★★★★★", x=20, y=70, w=100, h=20))
    far = doc.add_element("front", TextBox.from_text("★★★★★", x=20, y=380, w=100, h=20))
    found = _stars(doc)
    assert [(f.element_id, f.category) for f in found] == [(stars.id, Category.REVIEW_POSITIVE)]
    assert far.id not in {f.element_id for f in found}
    png = __import__("base64").b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")
    aid = doc.add_asset(png, "5-stars.png")
    img = doc.add_element("front", ImageElement(x=130, y=60, w=80, h=20, asset_id=aid))
    assert img.id in {f.element_id for f in _stars(doc)}


@pytest.mark.parametrize("text,start,end,suggestion,expected", [
    ("Thanks! Leave a review and get a free gift! Bye.", 33, 42, "We'd love your honest feedback.",
     "Thanks! We'd love your honest feedback. Bye."),
    ("Rated Amazon's Choice product", 6, 21, "a customer favourite", "Rated a customer favourite product"),
    ("First line\nGet a free gift for 5 stars\nLast", 17, 26, "Tell us what you think.",
     "First line\nTell us what you think.\nLast"),
])
def test_apply_suggestion_text(text, start, end, suggestion, expected):
    """A sentence-shaped suggestion replaces its sentence; a phrase replaces just the span."""
    f = Finding("CW1", "x", Category.REVIEW_INCENTIVE, Severity.ERROR, start, end, text[start:end], "m", "m", None,
                suggestion)
    assert apply_suggestion_text(text, f) == expected


def test_no_live_check_while_suspended(qtbot, live, card):
    """While the export dialog is open no live check runs; it catches up afterwards."""
    win, service, checker = live
    _, a, _ = card
    checker.calls.clear()
    with service.suspended():
        type_text(win, a, "A free gift for you")
        qtbot.wait(60)
        assert checker.calls == []
    qtbot.waitUntil(lambda: bool(service.findings()))
    assert checker.calls == [SIDE_AFTER_EDIT]


def test_apply_refuses_a_finding_for_old_text(qtbot, live, card):
    """A finding whose words are no longer at its offsets is not applied (nothing is garbled)."""
    win, service, _ = live
    doc, a, _ = card
    type_text(win, a, "Get a free gift today")
    qtbot.waitUntil(lambda: bool(service.findings()))
    finding = service.findings()[0]
    doc.set_text(a, "Totally different words now")
    assert not service.apply_suggestion(finding)
    assert doc.get(a).text == "Totally different words now"


def test_checker_is_built_only_after_the_first_frame(qtbot, card, settings):
    """Cold start never waits for spaCy: the checker is built after the canvas first paints."""
    calls = []
    doc = card[0]
    win = Window(doc)
    qtbot.addWidget(win)
    service = LiveCheckService(win, settings, checker_factory=lambda p: calls.append(p) or ScriptedChecker())
    service.attach_view(win.view)
    qtbot.wait(1)          # let the event loop run once: no paint yet, so no checker
    assert calls == []
    win.show()
    qtbot.waitUntil(lambda: service.checker is not None)
    assert calls == ["amazon"]
    service.shutdown()


def test_opening_the_designer_does_not_import_the_engine():
    """Building the window imports no rule engine (the ~0.3 s import happens with the checker,
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


def test_a_broken_checker_is_reported_not_fatal(qtbot, card, settings):
    """If the rule packs cannot load, the light turns grey and the panel says why; editing goes on."""
    doc = card[0]
    win = Window(doc)
    qtbot.addWidget(win)

    def broken(profile):
        raise ValueError("rules/en/review.yaml: rule CW101: 'message' is missing")

    service = LiveCheckService(win, settings, checker_factory=broken, start=False)
    service.start_checker()
    qtbot.waitUntil(lambda: service.checker_error is not None)
    assert service.light.state == "off" and "CW101" in service.light.toolTip()
    assert "could not run" in service.panel.empty.text() and "review.yaml" in service.panel.empty.text()
    type_text(win, card[1], "Still editable")
    assert doc.get(card[1]).text == "Still editable"
    service.shutdown()
