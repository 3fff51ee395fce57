"""Live compliance and preflight in the designer.

``install(window)`` (called by the composition root) attaches a :class:`LiveCheckService`
to the main window. The service

* **never blocks typing.** A model change only schedules a check: the first change after
  a quiet spell at once, a burst of typing 150 ms after its last keystroke (debounce).
  Then a snapshot of the card (``app.verdict.snapshot``: each side's text in reading order,
  QR payloads, artwork shapes, ignores) is judged on a one-thread ``QThreadPool`` by
  ``app.verdict.judge_snapshot`` — the wording, QR and artwork half of the card's verdict,
  the same function behind the export gate and ``cardwise check``. Results come back
  through a queued signal and are applied only if the card has not changed since (a
  generation counter), so results for stale text are dropped.
* **re-checks only what changed.** A small cache maps (snapshot, profile, disabled rules)
  → verdict, so undo and redo cost no check, and inside the checker the per-paragraph
  feature cache makes a whole-side check after one keystroke cost one paragraph.
* **starts warm without delaying the window.** The checker (spaCy pipelines) is built and
  warmed on the worker thread once the canvas has painted its first frame; until then the
  status light is grey and the panel says the checker is loading. A change of marketplace
  profile (settings, or the card's own) builds the checker for the new profile.
* **merges print preflight** (``app.verdict.print_findings``, on the GUI thread, debounced
  400 ms) into the same list, so the panel and the status light show the whole verdict.
* **pauses** (:meth:`LiveCheckService.suspended`) while the export dialog judges the card
  for its gate, because the spaCy pipelines are shared and not re-entrant.

Underlines go through the text items' ``set_underlines`` (red wavy = error, amber wavy =
warning, blue dotted = info, drawn by the canvas). Hovering an underline — or a flagged QR
code or picture — shows the :class:`~app.ui.hovercard.HoverCard` (from the keyboard: Edit ›
Explain Finding at Cursor, Ctrl+.). Its *Apply suggestion* is one ``EditText`` undo
command, *Ignore once* an undoable :class:`app.ui.commands.IgnoreFinding` stored in the document's ignores
(saved with the project), *Disable rule* goes to the settings' ignore list.
"""
from __future__ import annotations

import datetime as _dt
import time
import traceback
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable

from PySide6.QtCore import QEvent, QObject, QRect, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QDockWidget

from app.model.document import Change, Document, Ignore
from app.model.elements import TextBox
from app.ui.canvas.items import ElementItem, TextItem
from app.ui import fix_actions
from app.ui.commands import IgnoreFinding
from app.ui.hovercard import HoverCard
from app.ui.i18n import translate
from app.ui.panels.findings import FindingsPanel
from app.ui.settings import Settings, settings_for
from app.ui.status_light import StatusLight
from app.verdict import Verdict, judge_snapshot, keep, print_findings, snapshot

if TYPE_CHECKING:   # importing the checks package costs ~0.3 s: it loads with the checker
    from checks.findings import Finding

DEBOUNCE_MS = 150
CACHE_SIZE = 32          # recent card snapshots: undo/redo and retyping cost nothing
PREFLIGHT_DEBOUNCE_MS = 400
START_GRACE_MS = 1500    # start the checker this long after install if no paint came first

#: Element properties whose change can change a compliance finding.
CHECKED_PROPS = {"paragraphs", "payload", "name", "asset_id", "position", "geometry", "x", "y", "w", "h"}


def _tr(text: str) -> str:
    return translate("LiveCheck", text)


# ------------------------------------------------------------------------------ snapshot
@dataclass
class JobResult:
    """What the worker sends back: the verdict for one snapshot of the card."""

    generation: int
    key: tuple
    verdict: Verdict | None = None
    seconds: float = 0.0
    error: str | None = None


class _Bridge(QObject):
    """Lives in the GUI thread; worker threads emit through it (queued delivery)."""

    finished = Signal(object)      # JobResult
    ready = Signal(object)         # the Checker
    failed = Signal(str)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], None]) -> None:
        super().__init__()
        self.fn = fn
        self.setAutoDelete(True)

    def run(self) -> None:  # runs on the worker thread
        self.fn()


# ------------------------------------------------------------------------------ suggestion
_SENTENCE_END = ".!?。！？\n"


def apply_suggestion_text(text: str, finding: Finding) -> str:
    """``text`` with ``finding``'s suggestion applied.

    A rule's suggestion is a compliant rewrite of the statement, so when it reads as a
    sentence (ends with . ! ? 。) it replaces the whole sentence(s) the finding touches;
    otherwise (a replacement phrase) it replaces just the span."""
    suggestion = (finding.suggestion or "").strip()
    start, end = max(0, finding.start), min(len(text), finding.end)
    if not suggestion:
        return text
    if suggestion[-1] not in ".!?。！？":
        return text[:start] + suggestion + text[end:]
    s = start
    while s > 0 and text[s - 1] not in _SENTENCE_END:
        s -= 1
    while s < start and text[s].isspace():
        s += 1
    e = end
    while e < len(text) and text[e - 1 if e > 0 else 0] not in _SENTENCE_END and text[e] not in "\n":
        e += 1
    # take closing punctuation/quotes that belong to the sentence
    while e < len(text) and text[e] in ".!?。！？\"'”’)":
        e += 1
    return text[:s] + suggestion + text[e:]


def suggestion_applies(finding: Finding, element) -> bool:
    """Whether Apply suggestion can rewrite ``element``'s text for ``finding``: only a wording
    finding on a text box whose underlined words are still there, with a suggestion that
    changes them. A QR code's payload, a print (PF…) finding and a picture (an artwork rule
    such as the star graphic, whose finding names the ``near`` wording) have advice, not a
    rewrite: the hover card shows no Apply button for them."""
    if not finding.suggestion or not finding.text or str(finding.category) == "print":
        return False
    if "near" in finding.extra or not isinstance(element, TextBox):
        return False
    if element.text[finding.start:finding.end] != finding.text:
        return False     # the text moved on since this finding; the next check replaces it
    return apply_suggestion_text(element.text, finding) != element.text


# ------------------------------------------------------------------------------ the service
class LiveCheckService(QObject):
    """See the module docstring. Built by :func:`install`; tests build it directly."""

    findings_changed = Signal()
    checker_ready = Signal()
    checked = Signal(int)           # generation whose results were applied

    def __init__(self, window: Any, settings: Settings | None = None,
                 checker_factory: Callable[[str], Any] | None = None,
                 debounce_ms: int = DEBOUNCE_MS, start: bool = True) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings or settings_for(window)
        self._factory = checker_factory or _default_checker
        self.checker: Any = None
        self.checker_error: str | None = None
        self.generation = 0
        self.applied_generation = 0
        self.last_check_seconds = 0.0
        self._cache: dict[tuple, Verdict] = {}   # (card snapshot, profile, disabled) → verdict
        self._compliance: Verdict = Verdict(())
        self._preflight: Verdict = Verdict(())
        self._findings: list[Finding] = []
        self._in_flight = False
        self._pending = False
        self._suspended = 0
        self._unsubscribe: Callable[[], None] | None = None
        self.document: Document | None = None

        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)   # the checker is not re-entrant: one check at a time
        self.pool.setExpiryTimeout(-1)
        self.bridge = _Bridge()
        self.bridge.finished.connect(self._on_finished, Qt.QueuedConnection)
        self.bridge.ready.connect(self._on_ready, Qt.QueuedConnection)
        self.bridge.failed.connect(self._on_failed, Qt.QueuedConnection)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(debounce_ms)
        self.timer_interval = debounce_ms
        self._last_run = 0.0
        self.timer.timeout.connect(self.run_now)
        self.preflight_timer = QTimer(self)
        self.preflight_timer.setSingleShot(True)
        self.preflight_timer.setInterval(PREFLIGHT_DEBOUNCE_MS)
        self.preflight_timer.timeout.connect(self.run_preflight)

        self.panel = FindingsPanel()
        self.panel.activated.connect(self.reveal)
        self.panel.explained.connect(lambda f: self.show_card(f))
        fix_actions.attach_panel(self)       # fix buttons in the rows (app.fixes)
        self.light = StatusLight()
        self.light.clicked.connect(self.show_panel)
        self.dock: QDockWidget | None = None
        self.card: HoverCard | None = None
        self.view = None            # the canvas view, once attach_view has run

        self._start_pending = start
        self.settings.changed.connect(self._settings_changed)
        self.attach_document(window.document)
        if start:
            # Build the checker once the canvas has painted its first frame (see eventFilter):
            # loading spaCy holds the GIL for a while and must not delay the window. Without a
            # view (or if no paint comes) start anyway after a short grace period.
            QTimer.singleShot(START_GRACE_MS, self._start_after_paint)

    # ---- wiring -----------------------------------------------------------------------
    def attach_document(self, doc: Document) -> None:
        """Follow ``doc`` (called again when the window opens another file)."""
        if self._unsubscribe is not None:
            self._unsubscribe()
        self.document = doc
        self._unsubscribe = doc.subscribe(self._on_change)
        self._cache.clear()
        self._compliance = Verdict(())
        self._preflight = Verdict(())
        self._publish()
        self.schedule()

    def _on_change(self, change: Change) -> None:
        """Every model change: what to re-check is decided in ``run_now`` by comparing each
        element's current text with the per-element cache, so here only two things happen:
        a text/payload change makes results in flight stale, and the visible findings are
        re-filtered at once (ignores, removed elements) before the debounced check."""
        if change.kind == "element-added" or (change.kind == "element-changed" and change.prop in CHECKED_PROPS):
            self.generation += 1   # results in flight are now for stale text
        elif change.kind == "element-removed":
            self.generation += 1
        elif change.kind == "document-changed" and change.prop in (None, "settings"):
            self._follow_profile()     # the card's own profile (used when the user set none)
        self._publish()
        self.schedule()

    def _settings_changed(self, key: str) -> None:
        if key in ("check/profile", "check/disabled_rules"):
            self._follow_profile()
            self.schedule()    # the profile and the disabled rules are part of the cache key

    def _follow_profile(self) -> None:
        """A checker is built for one marketplace profile: build another when it changes."""
        checker = self.checker
        if checker is None:
            return
        if checker.profile.name != self.profile:
            self.checker = None
            self.checker_error = None
            self.start_checker()

    @property
    def profile(self) -> str:
        doc_profile = (self.document.settings.get("profile") if self.document else None)
        return self.settings.profile if self.settings.q.contains("check/profile") or not doc_profile else str(doc_profile)

    # ---- the checker ------------------------------------------------------------------
    def _start_after_paint(self) -> None:
        if self._start_pending:
            self._start_pending = False
            self.start_checker()
            self.preflight_timer.start()

    def start_checker(self) -> None:
        """Build and warm the checker on the worker thread (the window is already up)."""
        if self.checker is not None or self.checker_error is not None:
            return
        self.light.set_loading()
        self.panel.set_loading(True)
        profile = self.profile
        factory, bridge = self._factory, self.bridge

        def build() -> None:
            try:
                checker = factory(profile)
                checker.warm()
            except Exception as exc:  # noqa: BLE001 - shown to the user, never a crash
                _emit(bridge.failed, f"{type(exc).__name__}: {exc}")
                return
            _emit(bridge.ready, checker)

        self.pool.start(_Task(build))

    def _on_ready(self, checker: Any) -> None:
        self.checker = checker
        self.checker_ready.emit()
        self.run_now()

    def _on_failed(self, message: str) -> None:
        self.checker_error = message
        self.light.set_unavailable(message)
        self.panel.set_findings(self._visible(list(self._preflight.findings)), self.describe)
        self.panel.set_unavailable(message)

    def wait_idle(self, msecs: int = 30000) -> bool:
        """Block until the worker is idle (tests and shutdown)."""
        return self.pool.waitForDone(msecs)

    @contextmanager
    def suspended(self):
        """No live check runs inside the block (the export's own compliance pass uses the
        same spaCy pipelines, which must not run on two threads at once)."""
        self._suspended += 1
        self.timer.stop()
        self.pool.waitForDone(30000)
        try:
            yield
        finally:
            self._suspended -= 1
            if not self._suspended:
                self.schedule()

    # ---- scheduling -------------------------------------------------------------------
    def schedule(self) -> None:
        """Check soon. The first change after a quiet spell is checked at once (leading
        edge: one keystroke shows its underline in a few milliseconds); changes that follow
        within the debounce interval (typing) restart the timer, so a burst is checked once
        when the user pauses. Either way the work runs on the worker thread."""
        quiet = (time.perf_counter() - self._last_run) * 1000.0 >= self.timer_interval
        if quiet and not self._in_flight and self.checker is not None:
            self._last_run = time.perf_counter()
            self.timer.start(0)     # after the current command's change batch is delivered
        else:
            self.timer.start(self.timer_interval)
        if not self._start_pending:      # the first preflight waits for the first frame too
            self.preflight_timer.start()

    def run_now(self) -> None:
        """Snapshot what changed and hand it to the worker (no waiting here)."""
        self.timer.stop()
        if self.checker is None or self.document is None or self._suspended:
            return
        if self._in_flight:
            self._pending = True    # one job at a time; the newest snapshot follows
            return
        snap = snapshot(self.document)
        disabled = tuple(sorted(self.settings.disabled_rules))
        key = (snap.key, snap.ignores, self.profile, disabled)
        self.generation += 1
        generation = self.generation
        cached = self._cache.get(key)
        if cached is not None:
            self._compliance = cached
            self.applied_generation = generation
            self._publish()
            self.checked.emit(generation)
            return
        self._in_flight = True
        self._last_run = time.perf_counter()
        checker, bridge = self.checker, self.bridge

        def work() -> None:
            result = JobResult(generation, key)
            t0 = time.perf_counter()
            try:
                result.verdict = judge_snapshot(snap, checker, disabled=disabled)
            except Exception:  # noqa: BLE001 - shown on the status light, never a crash
                result.error = traceback.format_exc(limit=3)
            result.seconds = time.perf_counter() - t0
            _emit(bridge.finished, result)

        self.pool.start(_Task(work))

    def _on_finished(self, result: JobResult) -> None:
        self._in_flight = False
        self.last_check_seconds = result.seconds
        if result.error:
            self.light.set_unavailable(result.error.strip().splitlines()[-1])
        # cache every result (even a stale one is right for the card it was run on)
        if result.verdict is not None:
            self._cache[result.key] = result.verdict
            while len(self._cache) > CACHE_SIZE:   # oldest first (dicts keep insertion order)
                del self._cache[next(iter(self._cache))]
        stale = result.generation != self.generation or self._pending
        if self._pending:
            self._pending = False
            self.run_now()
            return
        if stale or result.verdict is None:
            return   # a newer snapshot is on its way; never paint old text's findings
        self._compliance = result.verdict
        self.applied_generation = result.generation
        self._publish()
        self.checked.emit(result.generation)

    # ---- preflight --------------------------------------------------------------------
    def run_preflight(self) -> None:
        """The print part of the card's verdict (``app.verdict.print_findings``)."""
        if self.document is None:
            return
        try:
            self._preflight = print_findings(self.document, disabled=self.settings.disabled_rules)
        except Exception as exc:  # noqa: BLE001 - a preflight bug must not break editing
            self._preflight = Verdict(())
            self.light.setToolTip(_tr("Preflight failed: %1").replace("%1", str(exc)))
            return
        self._publish()

    # ---- results → views --------------------------------------------------------------
    def _visible(self, findings: list[Finding]) -> list[Finding]:
        """The verdict's filter applied again at once after a change (an ignore added, a
        rule disabled, an element removed) without waiting for the next check."""
        doc = self.document
        if doc is None:
            return []
        present = [f for f in findings if not f.element_id or doc.get(f.element_id) is not None]
        return keep(present, tuple(doc.ignores), tuple(self.settings.disabled_rules))

    def _order(self) -> list[str]:
        return [el.id for _s, el in self.document.elements()] if self.document is not None else []

    def findings(self) -> list[Finding]:
        """Everything shown now: the card's verdict (wording, QR, artwork, print)."""
        return list(self._findings)

    def findings_for(self, element_id: str) -> list[Finding]:
        return [f for f in self._findings if f.element_id == element_id]

    def _publish(self) -> None:
        merged = self._compliance.merged(self._preflight, self._order())
        self._findings = self._visible(list(merged.findings))
        if self.checker is not None or self.checker_error is not None:
            self.panel.set_findings(self._findings, self.describe)
            if self.checker is not None:
                counts = {"error": 0, "warning": 0, "info": 0}
                for f in self._findings:
                    counts[str(f.severity)] += 1
                self.light.set_counts(counts["error"], counts["warning"], counts["info"])
        self.refresh_underlines()
        self.findings_changed.emit()

    def refresh_underlines(self) -> None:
        doc = self.document
        if doc is None:
            return
        by_element: dict[str, list[tuple[int, int, str]]] = {}
        for f in self._findings:
            if f.element_id and f.end > f.start:
                by_element.setdefault(f.element_id, []).append((f.start, f.end, str(f.severity)))
            for eid, (start, end) in f.extra.get("spans", {}).items():   # a finding read across boxes
                if end > start:
                    by_element.setdefault(eid, []).append((start, end, str(f.severity)))
        for _side, el in doc.elements():
            if not isinstance(el, TextBox):
                continue
            item = self.text_item(el.id)
            if isinstance(item, TextItem):
                item.set_underlines(sorted(by_element.get(el.id, [])))

    def describe(self, f: Finding) -> str:
        """Where a finding is: "Text “Thank you…” · Front"."""
        doc = self.document
        if doc is None or not f.element_id:
            return ""
        try:
            side, el = doc.find(f.element_id)
        except KeyError:
            return ""
        kinds = {"text": _tr("Text"), "image": _tr("Image"), "qr": _tr("QR code"),
                 "rect": _tr("Rectangle"), "line": _tr("Line")}
        label = el.name
        if not label and isinstance(el, TextBox):
            first = el.text.strip().splitlines()[0] if el.text.strip() else ""
            label = (first[:18] + "…") if len(first) > 18 else first
        what = kinds.get(el.kind, el.kind)
        side_name = _tr("Front") if side.name == "front" else _tr("Back")
        return f"{what} “{label}” · {side_name}" if label else f"{what} · {side_name}"

    # ---- scene access (H5's canvas) ---------------------------------------------------
    def text_item(self, element_id: str):
        """The canvas item drawing ``element_id`` (None when it is not on the shown side)."""
        return self.window.scene.item_for(element_id)

    # ---- panel & light ---------------------------------------------------------------
    def show_panel(self) -> None:
        if self.dock is not None:
            self.dock.show()
            self.dock.raise_()
        self.panel.tree.setFocus()

    def reveal(self, finding: Finding) -> None:
        """Select the finding's element (switching side if needed) and its span."""
        if not finding.element_id or self.document is None:
            return
        try:
            side, _el = self.document.find(finding.element_id)
        except KeyError:
            return
        self.window.select_element(finding.element_id, side.name)
        if finding.end > finding.start:
            item = self.text_item(finding.element_id)
            if isinstance(item, TextItem):
                item.select_span(finding.start, finding.end)

    # ---- hover card --------------------------------------------------------------------
    def attach_view(self, view) -> None:
        """Watch mouse moves over ``view`` to show the hover card on underlines."""
        self.view = view
        viewport = view.viewport()
        viewport.setMouseTracking(True)
        viewport.installEventFilter(self)
        view.installEventFilter(self)     # key presses arrive at the view, not the viewport
        self.card = HoverCard(viewport)
        self.card.apply_requested.connect(self.apply_suggestion)
        self.card.can_apply = self.can_apply
        self.card.ignore_requested.connect(self.ignore_once)
        self.card.disable_requested.connect(self.disable_rule)
        fix_actions.attach_card(self)

    def finding_at(self, scene_pos) -> tuple[Any, Finding] | None:
        """(text item, finding) under ``scene_pos``, the worst finding first."""
        for item in self.window.scene.items(scene_pos):
            if not isinstance(item, ElementItem):
                item = item.parentItem()
            if not isinstance(item, ElementItem):
                continue
            eid = item.element_id
            if isinstance(item, TextItem):
                offset = item.offset_at(scene_pos)
                if offset is None:
                    continue
                hits = [f for f in self.findings_for(eid) if f.start <= offset < max(f.end, f.start + 1)]
                if not hits:   # a finding on the whole box (five-star text) counts anywhere in it
                    hits = [f for f in self.findings_for(eid) if str(f.category) != "print"
                            and f.start == 0 and f.end >= len(item.element.text)]
            else:              # QR codes, images, shapes: the element itself is the finding
                hits = [f for f in self.findings_for(eid) if str(f.category) != "print"]
            if hits:
                hits.sort(key=lambda f: (-f.severity.rank, f.end - f.start))
                return item, hits[0]
        return None

    def show_card(self, finding: Finding, item=None) -> None:
        """Show the hover card for ``finding`` at its underline."""
        if self.card is None:
            return
        anchor = QRect(12, 12, 10, 10)
        item = item or self.text_item(finding.element_id or "")
        view = self.view
        if item is not None and view is not None and not isinstance(item, TextItem):
            anchor = view.mapFromScene(item.sceneBoundingRect()).boundingRect()
        if view is not None and isinstance(item, TextItem):
            rects = item.span_rects(finding.start, finding.end)   # scene coordinates
            if rects:
                box = view.mapFromScene(rects[0]).boundingRect()
                for r in rects[1:]:
                    box = box.united(view.mapFromScene(r).boundingRect())
                anchor = box
        self.card.show_at(finding, anchor)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        et = event.type()
        view = self.view
        if et == QEvent.Paint and self._start_pending and view is not None and obj is view.viewport():
            QTimer.singleShot(0, self._start_after_paint)     # first frame is on screen
            return False
        if et == QEvent.MouseMove and self.card is not None and view is not None and obj is view.viewport():
            if event.buttons() == Qt.NoButton:
                scene_pos = self.view.mapToScene(event.position().toPoint())
                hit = self.finding_at(scene_pos)
                if hit is not None:
                    item, finding = hit
                    if not self.card.isVisible() or self.card.finding != finding:
                        self.show_card(finding, item)
                    else:
                        self.card.keep()
                elif self.card.isVisible():
                    self.card.hide_soon()
        elif et == QEvent.Leave and self.card is not None:
            self.card.hide_soon()
        elif et in (QEvent.MouseButtonPress, QEvent.KeyPress, QEvent.Wheel) and self.card is not None:
            self.card.dismiss()     # the user is working: get out of the way
        return False

    def show_card_at_caret(self) -> bool:
        """Keyboard route to the hover card (Ctrl+.): the finding under the text caret."""
        editor = self.window.scene.editor
        if editor is None:
            return False
        eid = editor.item.element_id
        offset = editor.cursor
        hits = [f for f in self.findings_for(eid) if f.start <= offset <= f.end and f.end > f.start]
        if not hits:
            return False
        hits.sort(key=lambda f: (-f.severity.rank, f.end - f.start))
        self.show_card(hits[0], editor.item)
        if self.card is not None:
            self.card.apply_button.setFocus()
        return True

    # ---- the three actions --------------------------------------------------------------
    def can_apply(self, finding: Finding) -> bool:
        """Whether Apply can change the card for ``finding``: a rewrite, or a fix (app.fixes)."""
        doc = self.document
        if doc is None or not finding.element_id:
            return False
        return suggestion_applies(finding, doc.get(finding.element_id)) or bool(fix_actions.fixes(self, finding))

    def apply_suggestion(self, finding: Finding, fix=None) -> bool:
        """Replace the finding's text with its suggestion, or apply ``fix`` (app.fixes; by
        default the finding's only fix) when there is no rewrite: one undo step."""
        doc = self.document
        if doc is None or not finding.element_id:
            return False
        el = doc.get(finding.element_id)
        if fix is not None or not suggestion_applies(finding, el):
            return fix_actions.apply(self, finding, fix)
        if not suggestion_applies(finding, el):
            return False
        new_text = apply_suggestion_text(el.text, finding)
        from app.ui.commands import EditText

        cmd = EditText(doc, el.id, new_text, label=_tr("Apply Suggestion (%1)").replace("%1", finding.rule))
        self.window.undo_stack.push(cmd)
        return True

    def ignore_once(self, finding: Finding, reason: str) -> None:
        """Ignore this occurrence, with the reason, in the document (undoable)."""
        if self.document is None or not finding.element_id:
            return
        ignore = Ignore(finding.rule, finding.element_id, finding.text, finding.start, reason.strip(),
                        _dt.date.today().isoformat())
        self.window.undo_stack.push(IgnoreFinding(self.document, ignore))

    def disable_rule(self, finding: Finding) -> None:
        """Stop checking this rule everywhere (Settings › Disabled rules)."""
        self.settings.disable_rule(finding.rule)
        self._publish()

    def retranslate(self) -> None:
        self.panel.retranslate()
        self.light.retranslate()
        if self.card is not None:
            self.card.retranslate()
        self._publish()
        if self.dock is not None:
            self.dock.setWindowTitle(_tr("Findings"))

    def shutdown(self) -> None:
        self.timer.stop()
        self.preflight_timer.stop()
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        self.pool.clear()
        self.pool.waitForDone(10000)


def _emit(signal, value) -> None:
    """Emit from the worker; the window may have closed meanwhile (then there is no one to tell)."""
    try:
        signal.emit(value)
    except RuntimeError:   # "Signal source has been deleted"
        pass


def _default_checker(profile: str):
    from checks import Checker

    return Checker(profile=profile)


# ------------------------------------------------------------------------------ install
def install(window) -> LiveCheckService:
    """Attach live checking to ``window`` (the designer's MainWindow): the findings dock, the
    status light, underlines and the hover card. The checker loads in the background after
    the window shows."""
    from app.ui.actions import CommandId, service_action

    service = LiveCheckService(window)
    window.live_check = service
    service.dock = window.add_dock(service.panel, Qt.BottomDockWidgetArea, _tr("Findings"))
    window.status_bar.addPermanentWidget(service.light)
    service.attach_view(window.view)
    action = service_action(CommandId.EXPLAIN, window)
    action.setShortcutContext(Qt.WindowShortcut)
    action.triggered.connect(service.show_card_at_caret)
    window.add_action(action, "menu-edit")
    service.explain_action = action

    def follow(*_args) -> None:
        if window.document is not service.document:
            service.attach_document(window.document)
        else:
            service.refresh_underlines()

    window.document_changed.connect(follow)
    window.extensions.append(service)
    return service
