"""Live-check mechanics: the service (stale results dropped, only changed elements
re-checked, results published without any view) and the presenter (underlines, panel, the
three hover-card actions). A scripted engine makes timing deterministic; the acceptance
tests with the real checker and window are in test_live_check.py."""
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
from app.ui.live_presenter import LivePresenter
from app.verdict import LocalJudge, judge_card
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

    def deep_pending(self, text, lang="auto", *, context_lang=None):
        return False   # no sentence encoder: check(deep=False) is the whole check

    def check_artwork(self, shapes):
        return []

    def check_qr(self, payload):
        self.calls.append(payload)
        if "coupon" in payload:
            return [Finding("CW301", "external-link/coupon", Category.EXTERNAL_LINK, Severity.ERROR, 0, len(payload),
                            payload, "A coupon page off Amazon.", "站外优惠券页面。")]
        return []


class Window(QMainWindow):
    """The slice of the designer window the presenter draws in."""

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


def present(win, service, settings) -> LivePresenter:
    """A presenter over ``win``'s canvas, as ``install`` builds it (its own panel and light)."""
    return LivePresenter(service, scene=win.scene, view=win.view, undo_stack=win.undo_stack, settings=settings,
                         select_element=win.select_element, parent=win)


@pytest.fixture
def live(qtbot, card, settings):
    doc = card[0]
    win = Window(doc)
    qtbot.addWidget(win)
    checker = ScriptedChecker()
    service = LiveCheckService(doc, settings, checker_factory=lambda profile: LocalJudge(checker), debounce_ms=10, parent=win)
    presenter = present(win, service, settings)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: service.checker is not None and service.applied_generation > 0)
    yield win, service, presenter, checker
    checker.gate.set()
    service.shutdown()


def type_text(win, element_id, text):
    win.undo_stack.push(EditText(win.document, element_id, text))


def test_findings_underline_and_panel_row(qtbot, live, card):
    """A violating edit gives a red underline on exactly the words and a row in the panel."""
    win, service, presenter, _ = live
    _, a, _ = card
    type_text(win, a, "Thank you! Leave a review and get a free gift!")
    qtbot.waitUntil(lambda: bool(service.findings()))
    item = win.scene.item_for(a)
    assert item.underlines() == [(36, 45, "error")]
    assert [r.text(0) for r in presenter.panel.rows()] == ["Reward for a review"]
    assert presenter.light.state == "error"


def test_results_for_stale_text_are_dropped(qtbot, live, card):
    """A result that arrives after the text changed again is never painted."""
    win, service, presenter, checker = live
    _, a, _ = card
    checker.gate.clear()
    checker.entered.clear()
    painted = []
    service.published.connect(lambda findings: painted.append(bool(findings)))
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
    win, service, presenter, checker = live
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
    win, service, presenter, _ = live
    doc, a, _ = card
    original = "Thank you! Leave a review and get a free gift! See you soon."
    type_text(win, a, original)
    qtbot.waitUntil(lambda: bool(service.findings()))
    depth = win.undo_stack.count()
    assert presenter.apply_suggestion(service.findings()[0])
    assert doc.get(a).text == "Thank you! We'd love to hear your honest feedback. See you soon."
    assert win.undo_stack.count() == depth + 1
    qtbot.waitUntil(lambda: not service.findings())
    win.undo_stack.undo()
    assert doc.get(a).text == original
    qtbot.waitUntil(lambda: bool(service.findings()))


def test_ignore_once_persists_across_save_and_open(qtbot, live, card, tmp_path, settings):
    """An ignored finding stays ignored, with its reason, after saving and reopening."""
    win, service, presenter, checker = live
    doc, a, _ = card
    type_text(win, a, "A free gift with every order.")
    qtbot.waitUntil(lambda: bool(service.findings()))
    presenter.ignore_once(service.findings()[0], "Gift with purchase, not for a review")
    assert service.findings() == []
    assert win.scene.item_for(a).underlines() == []
    path = project.save(doc, tmp_path / "card.cardwise")

    reopened = project.load(path)
    assert [(i.rule, i.text, i.reason) for i in reopened.ignores] == [
        ("CW101", "free gift", "Gift with purchase, not for a review")]
    win2 = Window(reopened)
    qtbot.addWidget(win2)
    service2 = LiveCheckService(reopened, settings, checker_factory=lambda p: LocalJudge(checker), debounce_ms=10,
                                start=False, parent=win2)
    service2.start_checker()
    qtbot.waitUntil(lambda: service2.applied_generation > 0)
    assert service2.findings() == []
    service2.shutdown()
    win.undo_stack.undo()                       # un-ignoring is undoable too
    qtbot.waitUntil(lambda: bool(service.findings()))


def test_disable_rule_goes_to_settings(qtbot, live, card, settings):
    """Disable rule hides the rule everywhere and lists it in Settings › Disabled rules."""
    win, service, presenter, _ = live
    _, a, _ = card
    type_text(win, a, "A free gift for a review")
    qtbot.waitUntil(lambda: bool(service.findings()))
    presenter.disable_rule(service.findings()[0])
    assert settings.disabled_rules == ["CW101"]
    qtbot.waitUntil(lambda: not service.findings())


def test_qr_payload_is_judged(qtbot, live, card):
    """A QR code pointing at a coupon page is an error finding on that QR element."""
    win, service, presenter, _ = live
    doc, *_ = card
    qr = QrElement(x=200, y=300, w=70, h=70, payload="https://brand.example/coupon")
    win.undo_stack.push(__import__("app.ui.commands", fromlist=["AddElements"]).AddElements(doc, "front", [qr]))
    qtbot.waitUntil(lambda: bool(service.findings()))
    assert [(f.rule, f.element_id) for f in service.findings()] == [("CW301", qr.id)]


def test_clicking_a_panel_row_selects_element_and_span(qtbot, live, card):
    """The panel row selects the text box and the offending words in it."""
    win, service, presenter, _ = live
    _, a, _ = card
    type_text(win, a, "Leave a review, get a free gift")
    qtbot.waitUntil(lambda: bool(service.findings()))
    row = presenter.panel.rows()[0]
    presenter.panel.tree.itemClicked.emit(row, 0)
    assert win.selected[-1] == (a, "front")
    editor = win.scene.editor
    assert editor is not None and editor.item.element_id == a
    assert sorted((editor.anchor, editor.cursor)) == [22, 31]


def test_hover_over_underline_shows_the_card(qtbot, live, card):
    """Moving the mouse over the underlined words opens the hover card for that finding."""
    win, service, presenter, _ = live
    _, a, _ = card
    type_text(win, a, "Get a free gift today")
    qtbot.waitUntil(lambda: bool(service.findings()))
    rect = win.scene.item_for(a).span_rects(6, 15)[0]
    pos = win.view.mapFromScene(rect.center())
    qtbot.mouseMove(win.view.viewport(), pos)
    qtbot.waitUntil(presenter.card.isVisible)
    assert presenter.card.finding.rule == "CW101"


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
    win, service, presenter, checker = live
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
    win, service, presenter, _ = live
    doc, a, _ = card
    type_text(win, a, "Get a free gift today")
    qtbot.waitUntil(lambda: bool(service.findings()))
    finding = service.findings()[0]
    doc.set_text(a, "Totally different words now")
    assert not presenter.apply_suggestion(finding)
    assert doc.get(a).text == "Totally different words now"


def test_service_publishes_results_without_any_view(qtbot, card, settings):
    """The service alone (no window, no canvas, no presenter) builds its checker, judges the
    document and publishes the findings of an edit: the rule, the element and the words."""
    doc, a, _ = card
    published = []
    service = LiveCheckService(doc, settings, checker_factory=lambda p: LocalJudge(ScriptedChecker()), debounce_ms=10)
    service.published.connect(published.append)
    qtbot.waitUntil(lambda: service.applied_generation > 0)
    assert published[-1] == []
    doc.set_text(a, "Thank you! Leave a review and get a free gift!")
    qtbot.waitUntil(lambda: bool(published[-1]))
    assert [(f.rule, f.element_id, f.text) for f in published[-1]] == [("CW101", a, "free gift")]
    assert service.findings() == published[-1]
    service.shutdown()


def _finding(element_id: str, start: int, end: int, severity: Severity) -> Finding:
    return Finding("CW101", "review-incentive/gift-for-review", Category.REVIEW_INCENTIVE, severity, start, end,
                   "free gift", "Offering a gift for a review is not allowed.", "不得以礼品换取评价。", None,
                   "We'd love to hear your honest feedback.", element_id=element_id)


def test_presenter_draws_underlines_from_a_findings_list(qtbot, card, settings):
    """Given a list of findings (no checker at all), the presenter underlines exactly those
    words in their boxes, the hover finds them there, and an empty list clears them."""
    doc, a, b = card
    doc.set_text(a, "Thank you! Leave a review and get a free gift!")
    win = Window(doc)
    qtbot.addWidget(win)
    service = LiveCheckService(doc, settings, checker_factory=lambda p: LocalJudge(ScriptedChecker()), start=False, parent=win)
    presenter = present(win, service, settings)
    win.show()
    error, warning = _finding(a, 36, 45, Severity.ERROR), _finding(b, 0, 9, Severity.WARNING)
    presenter.show_findings([error, warning])
    assert win.scene.item_for(a).underlines() == [(36, 45, "error")]
    assert win.scene.item_for(b).underlines() == [(0, 9, "warning")]
    centre = win.scene.item_for(a).span_rects(36, 45)[0].center()
    assert presenter.finding_at(centre)[1] == error
    presenter.show_findings([])
    assert win.scene.item_for(a).underlines() == [] and win.scene.item_for(b).underlines() == []
    assert presenter.finding_at(centre) is None


def test_the_window_does_not_wait_for_the_checker(qtbot, card, settings):
    """The checker is built on the worker from the start; until it is ready the light is grey,
    the panel says it is loading, and the card can be edited."""
    doc, a, _ = card
    gate = threading.Event()

    def slow(profile):
        gate.wait(10)
        return LocalJudge(ScriptedChecker())

    win = Window(doc)
    qtbot.addWidget(win)
    service = LiveCheckService(doc, settings, checker_factory=slow, debounce_ms=10, parent=win)
    presenter = present(win, service, settings)
    win.show()
    assert service.checker is None and presenter.light.state == "off" and "loading" in presenter.light.text
    assert "loading" in presenter.panel.empty.text()
    type_text(win, a, "A free gift for you")
    assert doc.get(a).text == "A free gift for you"
    gate.set()
    qtbot.waitUntil(lambda: presenter.light.state == "error")
    assert [r.text(0) for r in presenter.panel.rows()] == ["Reward for a review"]
    service.shutdown()


def test_a_broken_checker_is_reported_not_fatal(qtbot, card, settings):
    """If the rule packs cannot load, the light turns grey and the panel says why; editing goes on."""
    doc = card[0]
    win = Window(doc)
    qtbot.addWidget(win)

    def broken(profile):
        raise ValueError("rules/en/review.yaml: rule CW101: 'message' is missing")

    service = LiveCheckService(doc, settings, checker_factory=broken, start=False, parent=win)
    presenter = present(win, service, settings)
    service.start_checker()
    qtbot.waitUntil(lambda: service.checker_error is not None)
    assert presenter.light.state == "off" and "CW101" in presenter.light.toolTip()
    assert "could not run" in presenter.panel.empty.text() and "review.yaml" in presenter.panel.empty.text()
    type_text(win, card[1], "Still editable")
    assert doc.get(card[1]).text == "Still editable"
    service.shutdown()


def test_one_command_with_several_changes_is_checked_once_at_once(qtbot, card, settings):
    """A command that changes two boxes (one batch) is checked as soon as it lands, and its
    result is shown although the second change came after the check started: the result
    is for the card as it is now, so it neither waits for the debounce nor is checked twice."""
    doc, a, b = card
    checker = ScriptedChecker()
    service = LiveCheckService(doc, settings, checker_factory=lambda p: LocalJudge(checker), debounce_ms=300)
    qtbot.waitUntil(lambda: service.applied_generation > 0)
    qtbot.wait(350)                     # a quiet spell: the next change is checked at once
    checker.calls.clear()
    with doc.batch():
        doc.set_text(a, "A free gift for you")
        doc.set_text(b, "And a free gift for your friend")
    assert service._in_flight           # started by the command itself, not by a timer
    qtbot.waitUntil(lambda: not service._in_flight)   # its result has been handled ...
    assert len(service.findings()) == 2                # ... and shown, not dropped as stale
    assert not service.timer.isActive()                # nothing left to check
    assert checker.calls == ["A free gift for you\n\nAnd a free gift for your friend"]
    assert service.applied_generation == service.generation
    service.shutdown()


class CountingJudge(LocalJudge):
    """Counts the snapshots judged and notes the thread that judged them."""

    def __init__(self, checker) -> None:
        super().__init__(checker)
        self.judged = 0
        self.threads: set[str] = set()

    def judge(self, snap, disabled=(), deep=True):
        self.judged += 1
        self.threads.add(threading.current_thread().name)
        return super().judge(snap, disabled, deep)


def test_the_card_on_screen_is_judged_as_soon_as_the_checker_is_warm(qtbot, settings):
    """Opening a violating card: its underlines come from the judgement made right after the
    checker was built (one judgement, on the worker), not from a second round trip."""
    doc = Document.new(CardSpec.from_preset("a6"))
    box = doc.add_element("front", TextBox.from_text("Leave a review and get a free gift!", x=20, y=30, w=250, h=80))
    win = Window(doc)
    qtbot.addWidget(win)
    judge = CountingJudge(ScriptedChecker())
    service = LiveCheckService(doc, settings, checker_factory=lambda profile: judge, debounce_ms=10,
                               start=False, parent=win)
    judged_when_ready = []
    service.checker_ready.connect(lambda: judged_when_ready.append(judge.judged))
    present(win, service, settings)
    win.show()
    service.start_checker()
    qtbot.waitUntil(lambda: service.applied_generation > 0)
    assert [(f.element_id, f.text) for f in service.findings() if f.element_id == box.id] == [(box.id, "free gift")]
    assert judged_when_ready == [1]        # judged on the build run, before `ready` reached the window
    assert judge.judged == 1               # ... and that verdict is the one shown
    assert threading.main_thread().name not in judge.threads
    type_text(win, box.id, "Thank you for your order!")       # later edits are checked as before
    qtbot.waitUntil(lambda: not [f for f in service.findings() if f.element_id == box.id])
    assert judge.judged == 2
    service.shutdown()


# ------------------------------------------------------------------------------ deep checks
class EncoderChecker(ScriptedChecker):
    """ScriptedChecker with a slow second reader, as the sentence encoder is: once it has read
    a paragraph (a deep check) it flags "honest review" there (CW150, an error); a check with
    ``deep=False`` reads nothing new, and ``deep_pending`` says what is left. Deep reads can be
    held (``deep_gate``) to make them late."""

    def __init__(self) -> None:
        super().__init__()
        self.read: set[str] = set()
        self.deep_gate = threading.Event()
        self.deep_gate.set()
        self.deep_entered = threading.Event()

    @staticmethod
    def _paragraphs(text):
        pos = 0
        for para in text.split("\n\n"):
            yield pos, para
            pos += len(para) + 2

    def check(self, text, ignore=frozenset(), *, deep=True, **kw):
        out = super().check(text, ignore, **kw)
        if deep:
            self.deep_entered.set()
            self.deep_gate.wait(10)
        for start, para in self._paragraphs(text):
            if deep:
                self.read.add(para)
            if para in self.read:
                out += [Finding("CW150", "review-incentive/model", Category.REVIEW_INCENTIVE, Severity.ERROR,
                                start + m.start(), start + m.end(), m.group(),
                                "Read as asking for a review.", "读作索取评价。")
                        for m in re.finditer(r"honest review", para)]
        return sorted(out, key=lambda f: f.start)

    def deep_pending(self, text, lang="auto", *, context_lang=None):
        return any(para.strip() and para not in self.read for _start, para in self._paragraphs(text))


class EncoderJudge(LocalJudge):
    """The designer's Judge over an :class:`EncoderChecker`; notes whether each judge was deep
    and which text it read."""

    def __init__(self, checker: EncoderChecker | None = None) -> None:
        super().__init__(checker or EncoderChecker())
        self.calls: list[tuple[bool, str]] = []

    def judge(self, snap, disabled=(), deep=True):
        self.calls.append((deep, "\n\n".join(t.text for t in snap.texts)))
        return super().judge(snap, disabled, deep)

    def deep_texts(self) -> list[str]:
        return [text for deep, text in self.calls if deep]


HONEST = "Thank you! We would love an honest review."


@pytest.fixture
def deep_live(qtbot, card, settings):
    """A window whose service judges through an :class:`EncoderJudge`, settled on the card."""
    doc = card[0]
    win = Window(doc)
    qtbot.addWidget(win)
    judge = EncoderJudge()
    service = LiveCheckService(doc, settings, checker_factory=lambda profile: judge, debounce_ms=10,
                               deep_after_ms=100, parent=win)
    presenter = present(win, service, settings)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: service.checker is not None and service.applied_generation > 0)
    shown = []      # what the user saw after each publish: (rules, provisional, the light's text)
    service.published.connect(lambda findings: shown.append(
        ([f.rule for f in findings], service.provisional, presenter.light.text)))
    yield win, service, presenter, judge, shown
    judge.checker.gate.set()
    judge.checker.deep_gate.set()
    service.shutdown()


def test_typing_shows_the_quick_verdict_then_the_deep_finding(qtbot, deep_live, card):
    """Typing is judged without the encoder: its verdict shows at once, marked "checking…" on
    the status light; once typing pauses the card is judged deep, for the last text only, and
    the encoder's finding appears (underlined, listed, counted)."""
    win, service, presenter, judge, shown = deep_live
    _, a, _ = card
    assert judge.calls and judge.calls[0][0], "the card as opened is judged deep"
    judge.calls.clear()
    for text in ("Thank you! We would love", "Thank you! We would love an honest", HONEST):
        type_text(win, a, text)
    qtbot.waitUntil(lambda: "CW150" in [f.rule for f in service.findings()])
    quick = [s for s in shown if s[1]]
    assert quick and all("CW150" not in rules for rules, _p, _t in quick)
    assert all(text.endswith("· checking…") for _r, _p, text in quick)
    assert shown[-1] == (["CW150"], False, "1 error")
    assert not judge.calls[0][0], "a keystroke waited for the encoder"
    assert [t.split("\n\n")[0] for t in judge.deep_texts()] == [HONEST]
    assert win.scene.item_for(a).underlines() == [(HONEST.index("honest"), len(HONEST) - 1, "error")]
    assert presenter.light.state == "error"


def test_a_quick_verdict_without_findings_never_says_ready_to_print(qtbot, deep_live, card):
    """While the encoder has not read the newest wording, an empty findings panel says so;
    "ready to print" comes only with the deep verdict."""
    win, service, presenter, judge, shown = deep_live
    _, a, _ = card
    panel = []
    service.published.connect(lambda findings: panel.append((service.provisional, presenter.panel.empty.text())))
    type_text(win, a, "Thank you for your order")
    qtbot.waitUntil(lambda: bool(panel) and not panel[-1][0])
    quick = [text for provisional, text in panel if provisional]
    assert quick and all("still reading" in text and "ready to print" not in text for text in quick)
    assert "ready to print" in panel[-1][1]


def test_a_deep_result_for_old_text_is_dropped(qtbot, deep_live, card):
    """The deep judge of a text the user has typed on from is never shown: its finding does
    not appear, and the new text gets its own deep judge."""
    win, service, presenter, judge, shown = deep_live
    _, a, _ = card
    checker = judge.checker
    checker.deep_gate.clear()
    checker.deep_entered.clear()
    type_text(win, a, HONEST)
    qtbot.waitUntil(checker.deep_entered.is_set)            # the deep judge of HONEST has started
    shown.clear()
    type_text(win, a, "Thank you for shopping with us!")   # ... and the user typed on
    checker.deep_gate.set()
    qtbot.waitUntil(lambda: judge.deep_texts()[-1].startswith("Thank you for shopping with us!\n\n"))
    assert service.wait_idle()
    assert all("CW150" not in rules for rules, _p, _t in shown), "the old text's deep finding was shown"
    assert service.findings() == [] and not service.provisional
    assert win.scene.item_for(a).underlines() == []


def test_run_now_and_undo_never_take_the_quick_verdict_for_the_deep_one(qtbot, deep_live, card):
    """A provisional verdict is not kept as the card's answer: ``run_now()`` (what decides)
    judges deep at once, and coming back to a text by Undo finds its deep verdict."""
    win, service, presenter, judge, shown = deep_live
    _, a, _ = card
    service.deep_timer.setInterval(60_000)                  # the pause never comes by itself
    type_text(win, a, HONEST)
    qtbot.waitUntil(lambda: service.provisional)
    assert "CW150" not in [f.rule for f in service.findings()]
    service.run_now()
    qtbot.waitUntil(lambda: "CW150" in [f.rule for f in service.findings()])
    assert not service.provisional and judge.calls[-1][0]
    type_text(win, a, "Thank you for your order!")
    assert service.wait_idle()
    assert service.findings() == []
    calls = len(judge.calls)
    win.undo_stack.undo()
    qtbot.waitUntil(lambda: "CW150" in [f.rule for f in service.findings()])
    assert len(judge.calls) == calls and not service.provisional     # from the cache, deep


def test_wait_idle_waits_for_the_deep_judge(qtbot, deep_live, card):
    """``wait_idle`` means settled: the deep judge that follows a provisional verdict is done
    and shown when it returns."""
    win, service, presenter, judge, shown = deep_live
    _, a, _ = card
    service.deep_timer.setInterval(60_000)
    type_text(win, a, HONEST)
    assert service.wait_idle()
    assert [f.rule for f in service.findings()] == ["CW150"] and not service.provisional
    assert presenter.light.text == "1 error"


def test_a_card_opened_is_judged_deep_at_once(qtbot, deep_live):
    """The first verdict of a card the window opens is the deep one (no provisional step)."""
    win, service, presenter, judge, shown = deep_live
    doc = Document.new(CardSpec.from_preset("a6"))
    doc.add_element("front", TextBox.from_text(HONEST, x=20, y=30, w=250, h=80))
    judge.calls.clear()
    shown.clear()
    service.attach_document(doc)
    qtbot.waitUntil(lambda: "CW150" in [f.rule for f in service.findings()])
    assert [deep for deep, _t in judge.calls] == [True]
    assert not any(provisional for _r, provisional, _t in shown)
