"""Live compliance and preflight in the designer: the checking half.

:class:`LiveCheckService` judges the card being designed and publishes what it found; it
knows no view. :class:`app.ui.live_presenter.LivePresenter` draws the results (underlines,
the findings panel, the status light, the hover card). ``install(window)`` (called by the
composition root) builds both and wires them to the main window.

The service

* **never blocks typing.** A model change only schedules a check: the first change after
  a quiet spell at once, a burst of typing 150 ms after its last keystroke (debounce).
  Then a snapshot of the card (``app.verdict.snapshot``: each side's text in reading order,
  QR payloads, artwork shapes, ignores) is judged on a one-thread ``QThreadPool`` by
  ``app.verdict.judge_snapshot`` — the wording, QR and artwork half of the card's verdict,
  the same function behind the export gate and ``cardwise check``. Results come back
  through a queued signal and are applied only if the card has not changed since (a
  generation counter), so results for stale text are dropped.
* **keeps the sentence encoder out of a keystroke's path.** A check caused by typing
  judges with ``deep=False``: the encoder (``checks.encoder_stage``, 10–25 ms per sentence
  it has not read) uses only sentences it has read before, so the check costs what it did
  without it. When that verdict is ``provisional`` (some sentence unread) it is shown at
  once, and the same card is judged again with ``deep=True`` once typing pauses
  (:data:`DEEP_AFTER_MS` after the last change); that verdict then replaces it. The first
  check of a card (the checker ready, a card opened) and :meth:`LiveCheckService.run_now`
  called from outside judge deep; the export gate judges the card itself, deep
  (``app.verdict.judge_card``).
* **re-checks only what changed.** A small cache maps (snapshot, profile, disabled rules)
  → verdict (never a provisional one), so undo and redo cost no check, and inside the
  checker the per-paragraph feature cache makes a whole-side check after one keystroke
  cost one paragraph.
* **judges through a** :class:`app.verdict.Judge`. In the designer that is
  ``app.checkproc.ProcessJudge``: the checker runs in a process of its own, started before
  the window (``app.ui.launch``), so building it (about a second of CPU) and every check run
  on the other core and never hold the GUI thread's GIL; the worker thread only waits on the
  pipe. Without a process (tests, ``build_window`` alone) the default judge is a
  ``checks.Checker`` in this process, built and warmed on the worker thread. Either way
  ``install`` starts the worker when the canvas has painted its first frame: a Python
  thread busy meanwhile (building a checker, or importing what reading the child's findings
  needs) makes every Qt call of the GUI thread wait for the GIL again, which slowed the
  window's construction by more than it gained. Until the judge is warm
  :attr:`checker` is None and ``loading`` has been emitted. A change of marketplace profile
  (settings, or the card's own) gets the judge for the new profile.
* **merges print preflight** (``app.verdict.print_findings``, on the GUI thread, debounced
  400 ms) into the same list.
* **publishes** the whole verdict as it stands — wording, QR, artwork and print findings,
  with ignores, disabled rules and removed elements filtered out — through the
  :attr:`~LiveCheckService.published` signal (a list of findings), after every check and
  at once after a change that can only hide findings.
* **pauses** (:meth:`LiveCheckService.suspended`) while the export dialog judges the card
  for its gate, because the spaCy pipelines are shared and not re-entrant.
"""
from __future__ import annotations

import time
import traceback
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QEvent, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QWidget

from app.model.document import Change, Document
from app.model.elements import TextBox
from app.ui.gc_guard import collect_on_gui_thread
from app.ui.i18n import translate
from app.ui.settings import Settings
from app.verdict import Judge, LocalJudge, Verdict, keep, print_findings, snapshot

if TYPE_CHECKING:   # importing the checks package costs ~0.15 s: it loads with the checker
    from checks.findings import Finding

DEBOUNCE_MS = 150
CACHE_SIZE = 32          # recent card snapshots: undo/redo and retyping cost nothing
PREFLIGHT_DEBOUNCE_MS = 400
DEEP_AFTER_MS = 400      # a provisional verdict is judged again, deep, this long after the last change
START_GRACE_MS = 1500    # in the designer: build the checker this long after install if no frame was painted

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
    ready = Signal(object)         # the Judge, warmed
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
    """See the module docstring. ``document`` is the card to follow (``attach_document``
    follows another), ``settings`` the user's settings (marketplace profile, disabled
    rules); ``checker_factory(profile)`` returns the :class:`app.verdict.Judge` for a
    profile (the designer: ``app.checkproc.ProcessJudge``; by default a checker in this
    process; tests pass a scripted one). With ``start=False`` nothing is built until
    :meth:`start_checker`."""

    published = Signal(object)      # list[Finding]: everything the card's verdict shows now
    loading = Signal()              # a checker is being built (no wording results yet)
    checker_ready = Signal()
    checker_failed = Signal(str)    # the checker could not be built: the reason
    check_failed = Signal(str)      # one check raised: the last line of its traceback
    preflight_failed = Signal(str)
    checked = Signal(int)           # generation whose results were applied

    def __init__(self, document: Document, settings: Settings,
                 checker_factory: Callable[[str], Judge] | None = None,
                 debounce_ms: int = DEBOUNCE_MS, start: bool = True, parent: QObject | None = None,
                 deep_after_ms: int = DEEP_AFTER_MS) -> None:
        super().__init__(parent)
        self.settings = settings
        self._factory = checker_factory or _default_checker
        self.checker: Judge | None = None     # None until built and warmed
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
        self._pending_deep = False  # the check queued behind the one in flight is a deep one
        self._next_deep = False     # the next check is deep (a card opened), whoever starts it
        self._building = False      # a checker is being built on the worker
        self._suspended = 0
        self._unsubscribe: Callable[[], None] | None = None
        self.document: Document | None = None

        collect_on_gui_thread()          # no cycle collection on the worker (app/ui/gc_guard.py)
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
        self.timer.timeout.connect(self._run_typed)
        self.deep_timer = QTimer(self)     # the deep judge that follows a provisional verdict
        self.deep_timer.setSingleShot(True)
        self.deep_timer.setInterval(deep_after_ms)
        self.deep_timer.timeout.connect(self._deep_follow_up)
        self.preflight_timer = QTimer(self)
        self.preflight_timer.setSingleShot(True)
        self.preflight_timer.setInterval(PREFLIGHT_DEBOUNCE_MS)
        self.preflight_timer.timeout.connect(self.run_preflight)

        self.settings.changed.connect(self._settings_changed)
        self.attach_document(document)
        if start:
            self.start_checker()

    # ---- wiring -----------------------------------------------------------------------
    def attach_document(self, doc: Document) -> None:
        """Follow ``doc`` (called again when the window opens another file)."""
        if self._unsubscribe is not None:
            self._unsubscribe()
        self.document = doc
        self._unsubscribe = doc.subscribe(self._on_change)
        self._cache.clear()
        self.deep_timer.stop()
        self._compliance = Verdict(())
        self._preflight = Verdict(())
        self._publish()
        self.schedule(deep=True)     # the card as opened is judged whole

    def _on_change(self, change: Change) -> None:
        """Every model change: a text/payload change makes results in flight stale, and the
        published findings are re-filtered at once (an ignore added, an element removed or
        put back) before the debounced check. An edit inside an element cannot hide or
        show a finding by itself: it is only checked (typing publishes once, with results)."""
        if change.kind == "element-added" or (change.kind == "element-changed" and change.prop in CHECKED_PROPS):
            self.generation += 1   # results in flight are now for stale text
        elif change.kind == "element-removed":
            self.generation += 1
        elif change.kind == "document-changed" and change.prop in (None, "settings"):
            self._follow_profile()     # the card's own profile (used when the user set none)
        if self.deep_timer.isActive():
            self.deep_timer.start()    # still typing: the deep judge waits for the pause
        if change.kind != "element-changed":
            self._publish()
        self.schedule()

    def _settings_changed(self, key: str) -> None:
        if key in ("check/profile", "check/disabled_rules"):
            self._follow_profile()
            if key == "check/disabled_rules":
                self._publish()   # a disabled rule disappears at once
            self.schedule()    # the profile and the disabled rules are part of the cache key

    def _follow_profile(self) -> None:
        """A checker is built for one marketplace profile: build another when it changes."""
        checker = self.checker
        if checker is None:
            return
        if checker.profile_name != self.profile:
            self.checker = None
            self.checker_error = None
            self.start_checker()

    @property
    def profile(self) -> str:
        doc_profile = (self.document.settings.get("profile") if self.document else None)
        return self.settings.profile if self.settings.q.contains("check/profile") or not doc_profile else str(doc_profile)

    # ---- the checker ------------------------------------------------------------------
    def start_checker(self) -> None:
        """Build and warm the checker on the worker thread (the GUI thread goes on)."""
        if self.checker is not None or self.checker_error is not None or self._building:
            return
        self._building = True
        self.loading.emit()
        profile = self.profile
        factory, bridge = self._factory, self.bridge
        # The card on screen is judged on the same worker run, as soon as the checker is warm:
        # the first underlines do not wait for a round trip through the GUI thread. Its
        # verdict goes into the cache under the snapshot's key, so the check that follows
        # `ready` finds it (or, if the user typed meanwhile, checks the newer text as usual).
        first = None
        if self.document is not None:
            snap = snapshot(self.document)
            disabled = tuple(sorted(self.settings.disabled_rules))
            first = (self._key(snap, disabled), snap, disabled)

        def build() -> None:
            try:
                checker = factory(profile)
            except Exception as exc:  # noqa: BLE001 - shown to the user, never a crash
                _emit(bridge.failed, f"{type(exc).__name__}: {exc}")
                return
            # The card on screen is judged before `warm`: the designer's checker process
            # answers a card state it has judged before (app.verdict_store) while it is still
            # loading, so a card opened again is underlined without waiting for the build;
            # otherwise the answer comes when the checker is built, as after `warm`.
            early = None
            if first is not None:
                try:
                    early = (first[0], checker.judge(first[1], first[2], deep=True))
                except Exception:  # noqa: BLE001 - the regular check that follows reports it
                    early = None
            if early is not None:
                _emit(bridge.ready, (checker, early))
            try:
                checker.warm()
            except Exception as exc:  # noqa: BLE001 - shown to the user, never a crash
                _emit(bridge.failed, f"{type(exc).__name__}: {exc}")
                return
            if early is None:
                _emit(bridge.ready, (checker, None))

        self.pool.start(_Task(build))

    def _remember(self, key: tuple, verdict: Verdict) -> None:
        if verdict.provisional:    # not the card's whole verdict: a deep request must not get it
            return
        self._cache[key] = verdict
        while len(self._cache) > CACHE_SIZE:   # oldest first (dicts keep insertion order)
            del self._cache[next(iter(self._cache))]

    def _on_ready(self, ready: tuple[Judge, tuple[tuple, Verdict] | None]) -> None:
        checker, early = ready
        self._building = False
        self.checker = checker
        if early is not None:
            self._remember(*early)
        self.checker_ready.emit()
        self.preflight_timer.start()
        if checker.profile_name != self.profile:   # the profile changed while it was built
            self._follow_profile()
            return
        self.run_now()

    def _on_failed(self, message: str) -> None:
        self._building = False
        self.checker_error = message
        self.checker_failed.emit(message)

    def wait_idle(self, msecs: int = 30000) -> bool:
        """Block until the card's verdict is settled (tests): no check in flight or waiting
        for the debounce, the deep judge that follows a provisional verdict done (started at
        once rather than after the pause), and the last result applied. False when ``msecs``
        passed first. Runs the event loop (results arrive as queued signals)."""
        from PySide6.QtCore import QCoreApplication

        deadline = time.monotonic() + msecs / 1000.0
        while True:
            left = int((deadline - time.monotonic()) * 1000)
            if left <= 0 or not self.pool.waitForDone(left):
                return False
            QCoreApplication.sendPostedEvents()    # the worker's result (or `ready`) is applied
            if self._in_flight or self._building:
                continue
            if self._suspended or self.checker is None:
                return True
            if self.timer.isActive():
                self._run_typed()
            elif self.deep_timer.isActive():
                self.deep_timer.stop()
                self._deep_follow_up()
            elif self.preflight_timer.isActive():
                self.preflight_timer.stop()
                self.run_preflight()
            else:
                return True

    @contextmanager
    def suspended(self):
        """No live check runs inside the block (the export's own compliance pass uses the
        same spaCy pipelines, which must not run on two threads at once)."""
        self._suspended += 1
        self.timer.stop()
        self.deep_timer.stop()
        self.pool.waitForDone(30000)
        try:
            yield
        finally:
            self._suspended -= 1
            if not self._suspended:
                self.schedule(deep=self._compliance.provisional)

    # ---- scheduling -------------------------------------------------------------------
    def schedule(self, deep: bool = False) -> None:
        """Check soon. The first change after a quiet spell is checked at once (leading
        edge: one keystroke shows its underline in a few milliseconds); changes that follow
        within the debounce interval (typing) restart the timer, so a burst is checked once
        when the user pauses. Either way the work runs on the worker thread. The check
        judges with ``deep=False`` (see the module docstring) unless ``deep`` (a card opened)."""
        self._next_deep = self._next_deep or deep
        quiet = (time.perf_counter() - self._last_run) * 1000.0 >= self.timer_interval
        if quiet and not self._in_flight and self.checker is not None:
            # at once, not after the event loop turns: the worker checks while the GUI thread
            # lays out and repaints the keystroke. A command's changes are delivered after
            # all of them are made (Document.batch), so the snapshot already holds them all.
            self._run_typed()
        else:
            self.timer.start(self.timer_interval)
        if self.checker is not None or self.checker_error is not None:
            self.preflight_timer.start()   # the first preflight follows the checker

    def _run_typed(self) -> None:
        """The check a change schedules: without waiting for the sentence encoder."""
        self.run_now(deep=False)

    def _deep_follow_up(self) -> None:
        """Typing paused on a provisional verdict: judge the card again, deep."""
        if self._compliance.provisional:
            self.run_now(deep=True)

    @property
    def provisional(self) -> bool:
        """The wording verdict shown is provisional: the deep judge is still to come."""
        return self._compliance.provisional

    def run_now(self, deep: bool = True) -> None:
        """Snapshot the card and hand it to the worker (no waiting here). ``deep`` (the
        default) waits for the sentence encoder to read every sentence; the checks that
        typing schedules pass False (see the module docstring)."""
        self.timer.stop()
        deep = deep or self._next_deep
        if self.checker is None or self.document is None or self._suspended:
            self._next_deep = deep     # the check that follows (ready, resumed) is the deep one
            return
        self._next_deep = False
        if self._in_flight:
            self._pending = True    # one job at a time; the newest snapshot follows
            self._pending_deep = self._pending_deep or deep
            return
        snap = snapshot(self.document)
        disabled = tuple(sorted(self.settings.disabled_rules))
        key = self._key(snap, disabled)
        self.generation += 1
        generation = self.generation
        cached = self._cache.get(key)
        if cached is not None:
            self.deep_timer.stop()     # a cached verdict is never provisional
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
                result.verdict = checker.judge(snap, disabled, deep=deep)
            except Exception:  # noqa: BLE001 - shown on the status light, never a crash
                result.error = traceback.format_exc(limit=3)
            result.seconds = time.perf_counter() - t0
            _emit(bridge.finished, result)

        self.pool.start(_Task(work))

    def _key(self, snap, disabled: tuple[str, ...]) -> tuple:
        """What a verdict depends on: the card's snapshot, its ignores, profile, disabled rules."""
        return (snap.key, snap.ignores, self.profile, disabled)

    def _is_current(self, result: JobResult) -> bool:
        """Whether ``result`` is for the card as it is now: nothing changed since it was
        started, or the changes since (the rest of one command's batch) are all in it."""
        if result.generation == self.generation:
            return True
        if self.document is None:
            return False
        return result.key == self._key(snapshot(self.document), tuple(sorted(self.settings.disabled_rules)))

    def _on_finished(self, result: JobResult) -> None:
        self._in_flight = False
        self.last_check_seconds = result.seconds
        if result.error:
            self.check_failed.emit(result.error.strip().splitlines()[-1])
        # cache every result (even a stale one is right for the card it was run on)
        if result.verdict is not None:
            self._remember(result.key, result.verdict)
        stale = self._pending or not self._is_current(result)
        if self._pending:
            deep, self._pending, self._pending_deep = self._pending_deep, False, False
            self.run_now(deep=deep)
            return
        if stale or result.verdict is None:
            return   # a newer snapshot is on its way; never paint old text's findings
        self.timer.stop()   # a check queued for changes this result already covers
        self._compliance = result.verdict
        if result.verdict.provisional:
            self.deep_timer.start()    # the encoder's findings follow once typing pauses
        else:
            self.deep_timer.stop()
        self.applied_generation = self.generation
        self._publish()
        self.checked.emit(self.generation)

    # ---- preflight --------------------------------------------------------------------
    def run_preflight(self) -> None:
        """The print part of the card's verdict (``app.verdict.print_findings``)."""
        if self.document is None:
            return
        try:
            self._preflight = print_findings(self.document, disabled=self.settings.disabled_rules)
        except Exception as exc:  # noqa: BLE001 - a preflight bug must not break editing
            self._preflight = Verdict(())
            self.preflight_failed.emit(str(exc))
            return
        self._publish()

    # ---- results ----------------------------------------------------------------------
    @property
    def is_loading(self) -> bool:
        """A checker is being built (the wording has no results yet)."""
        return self._building

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
        """Everything published now: the card's verdict (wording, QR, artwork, print)."""
        return list(self._findings)

    def findings_for(self, element_id: str) -> list[Finding]:
        return [f for f in self._findings if f.element_id == element_id]

    def _publish(self) -> None:
        merged = self._compliance.merged(self._preflight, self._order())
        self._findings = self._visible(list(merged.findings))
        self.published.emit(list(self._findings))

    def shutdown(self) -> None:
        self.timer.stop()
        self.deep_timer.stop()
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


def _default_checker(profile: str) -> Judge:
    from checks import Checker

    return LocalJudge(Checker(profile=profile))


# ------------------------------------------------------------------------------ install
def install(window) -> LiveCheckService:
    """Attach live checking to ``window`` (the designer's MainWindow): the service follows
    the window's document, the presenter draws its results on the window's canvas, in the
    findings dock and on the status bar, and Edit › Explain Finding at Cursor opens the
    hover card from the keyboard."""
    from app.ui.actions import CommandId, service_action
    from app.ui.live_presenter import LivePresenter
    from app.ui.panels.findings import FindingsPanel
    from app.ui.settings import settings_for
    from app.ui.status_light import StatusLight

    service = LiveCheckService(window.document, settings_for(window), checker_factory=window.judge_factory,
                               start=False, parent=window)
    panel, light = FindingsPanel(), StatusLight()
    dock = window.add_dock(panel, Qt.BottomDockWidgetArea, _tr("Findings"))
    window.status_bar.addPermanentWidget(light)
    explain = service_action(CommandId.EXPLAIN, window)
    explain.setShortcutContext(Qt.WindowShortcut)
    window.add_action(explain, "menu-edit")
    presenter = LivePresenter(service, scene=window.scene, view=window.view, undo_stack=window.undo_stack,
                              settings=service.settings, select_element=window.select_element,
                              panel=panel, light=light, dock=dock, explain_action=explain, parent=window)
    window.live_check = service
    window.live_presenter = presenter

    def follow(*_args) -> None:
        if window.document is not service.document:
            service.attach_document(window.document)
        else:
            presenter.refresh_underlines()   # the side was switched: its items are new

    window.document_changed.connect(follow)
    window.extensions.append(service)
    _FirstFrame(window.view.viewport(), service.start_checker)
    return service


class _FirstFrame(QObject):
    """Calls ``callback`` once, right after ``widget`` has painted its first frame (or after
    ``START_GRACE_MS`` if it paints none: a window built but not shown)."""

    def __init__(self, widget: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(widget)
        self._widget = widget
        self._callback: Callable[[], None] | None = callback
        widget.installEventFilter(self)
        QTimer.singleShot(START_GRACE_MS, self, self._fire)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Paint and self._callback is not None:
            QTimer.singleShot(0, self, self._fire)     # once this frame is on screen
        return False

    def _fire(self) -> None:
        callback, self._callback = self._callback, None
        if callback is not None:
            self._widget.removeEventFilter(self)
            callback()
